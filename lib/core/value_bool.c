/*
 * value_bool.c - yes/no values: the words, letters and check marks that
 * CRMs and spreadsheets write in boolean columns.
 */
#include <string.h>

#include "clientgrade/value.h"
#include "value_text.h"

/* Compared ASCII-case-insensitively; the non-ASCII ones byte for byte. */
static const char *const yes_words[] = {
	"yes", "y", "true", "t", "1", "x", "on", "ja", "j", "oui", "si",
	"s\xC3\xAD", "S\xC3\x8D",		/* sí, SÍ */
	"wahr", "vrai",
	"\xE2\x9C\x93", "\xE2\x9C\x94",		/* ✓ ✔ */
	"\xE2\x98\x91", "\xE2\x9C\x85",		/* ☑ ✅ */
	NULL
};

static const char *const no_words[] = {
	"no", "n", "false", "f", "0", "off", "nein", "non", "falsch", "faux",
	"\xE2\x9C\x97", "\xE2\x9C\x98",		/* ✗ ✘ */
	"\xE2\x98\x90",				/* ☐ */
	NULL
};

static int
in_list(const char *s, size_t n, const char *const *list)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++) {
		/* Most words differ in the first letter: skip them cheaply. */
		if (((unsigned char)s[0] | 0x20) != ((unsigned char)list[i][0] |
		    0x20))
			continue;
		if ((unsigned char)list[i][0] >= 0x80) {
			if (strlen(list[i]) == n && memcmp(s, list[i], n) == 0)
				return 1;
		} else if (cg_value_word(s, n, list[i]))
			return 1;
	}
	return 0;
}

int
cg_parse_bool(const char *s, size_t n, int *out)
{
	if (!cg_utf8_valid(s, n))
		return CG_V_EUTF8;
	cg_trim(&s, &n);
	if (n == 0)
		return CG_V_EMPTY;
	if (n > 6)
		return CG_V_ESYNTAX;	/* longer than any word we know */
	if (in_list(s, n, yes_words)) {
		*out = 1;
		return CG_V_OK;
	}
	if (in_list(s, n, no_words)) {
		*out = 0;
		return CG_V_OK;
	}
	return CG_V_ESYNTAX;
}
