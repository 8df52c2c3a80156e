/*
 * value_text.c - UTF-8 validation, blanks, and the value error names.
 */
#include <string.h>

#include "clientgrade/value.h"
#include "value_text.h"

const char *
cg_value_strerror(int vcode)
{
	switch (vcode) {
	case CG_V_OK:
		return "ok";
	case CG_V_EMPTY:
		return "empty";
	case CG_V_ESYNTAX:
		return "not a recognised value";
	case CG_V_ERANGE:
		return "out of range";
	case CG_V_EUTF8:
		return "invalid UTF-8";
	case CG_V_EAMBIG:
		return "ambiguous day/month order";
	}
	return "unknown value error";
}

/*
 * Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing
 * above U+10FFFF, so a later byte-level match cannot be fooled.
 */
int
cg_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, k, need;
	unsigned lo, hi;

	while (i < n) {
		unsigned c = s[i];

		if (c < 0x80) {
			i++;
			continue;
		}
		lo = 0x80;
		hi = 0xBF;
		if (c >= 0xC2 && c <= 0xDF)
			need = 1;
		else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			if (c == 0xE0)
				lo = 0xA0;	/* overlong */
			else if (c == 0xED)
				hi = 0x9F;	/* surrogates */
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			if (c == 0xF0)
				lo = 0x90;	/* overlong */
			else if (c == 0xF4)
				hi = 0x8F;	/* above U+10FFFF */
		} else
			return 0;
		if (n - i - 1 < need)
			return 0;
		if (s[i + 1] < lo || s[i + 1] > hi)
			return 0;
		for (k = 2; k <= need; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xBF)
				return 0;
		i += need + 1;
	}
	return 1;
}

size_t
cg_value_blank(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;

	if (n >= 1 && (s[0] == ' ' || s[0] == '\t'))
		return 1;
	if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
		return 2;
	if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 &&
	    (s[2] == 0xAF || s[2] == 0x87 || s[2] == 0x89))
		return 3;
	return 0;
}

/* Length of the blank that ends s[0..n), or 0. */
static size_t
blank_before(const char *s, size_t n)
{
	if (n >= 1 && cg_value_blank(s + n - 1, 1) == 1)
		return 1;
	if (n >= 2 && cg_value_blank(s + n - 2, 2) == 2)
		return 2;
	if (n >= 3 && cg_value_blank(s + n - 3, 3) == 3)
		return 3;
	return 0;
}

void
cg_trim(const char **s, size_t *n)
{
	size_t k;

	while ((k = cg_value_blank(*s, *n)) > 0) {
		*s += k;
		*n -= k;
	}
	while ((k = blank_before(*s, *n)) > 0)
		*n -= k;
}

int
cg_value_word(const char *s, size_t n, const char *w)
{
	size_t i;

	if (strlen(w) != n)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'A' && c <= 'Z')
			c = c - 'A' + 'a';
		if (c != (unsigned char)w[i])
			return 0;
	}
	return 1;
}
