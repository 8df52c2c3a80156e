/*
 * test_value_bool.c - cg_parse_bool on the yes/no spellings of CRMs and
 * spreadsheets, and cg_utf8_valid.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "clientgrade/value.h"

struct bool_case {
	const char *name;
	const char *in;
	int rc;
	int want;	/* checked when rc is CG_V_OK */
};

static const struct bool_case cases[] = {
	{ "yes is yes", "yes", 0, 1 },
	{ "YES in capitals is yes", "YES", 0, 1 },
	{ "Yes with blanks around is yes", "  Yes\t", 0, 1 },
	{ "y is yes", "y", 0, 1 },
	{ "true is yes", "true", 0, 1 },
	{ "TRUE as Excel writes it is yes", "TRUE", 0, 1 },
	{ "t is yes", "t", 0, 1 },
	{ "1 is yes", "1", 0, 1 },
	{ "x is yes", "x", 0, 1 },
	{ "X is yes", "X", 0, 1 },
	{ "on is yes", "on", 0, 1 },
	{ "ja is yes", "Ja", 0, 1 },
	{ "oui is yes", "oui", 0, 1 },
	{ "si is yes", "si", 0, 1 },
	{ "si with an accent is yes", "s\xC3\xAD", 0, 1 },
	{ "a check mark is yes", "\xE2\x9C\x93", 0, 1 },
	{ "a heavy check mark is yes", "\xE2\x9C\x94", 0, 1 },
	{ "no is no", "no", 0, 0 },
	{ "NO in capitals is no", "NO", 0, 0 },
	{ "n is no", "n", 0, 0 },
	{ "false is no", "false", 0, 0 },
	{ "FALSE as Excel writes it is no", "FALSE", 0, 0 },
	{ "f is no", "f", 0, 0 },
	{ "0 is no", "0", 0, 0 },
	{ "off is no", "off", 0, 0 },
	{ "nein is no", "nein", 0, 0 },
	{ "non is no", "non", 0, 0 },
	{ "falsch, the longest word, is no", "FALSCH", 0, 0 },
	{ "wahr is yes", "wahr", 0, 1 },
	{ "a longer word is not a yes/no value", "falsche", CG_V_ESYNTAX, 0 },
	{ "a ballot x is no", "\xE2\x9C\x97", 0, 0 },
	{ "an empty field is missing, not no", "", CG_V_EMPTY, 0 },
	{ "a blank field is missing, not no", " \xC2\xA0", CG_V_EMPTY, 0 },
	{ "maybe is not a yes/no value", "maybe", CG_V_ESYNTAX, 0 },
	{ "2 is not a yes/no value", "2", CG_V_ESYNTAX, 0 },
	{ "yes with trailing junk is not a yes/no value", "yess", CG_V_ESYNTAX, 0 },
	{ "two words are not a yes/no value", "yes no", CG_V_ESYNTAX, 0 },
	{ "a dash is not a yes/no value", "-", CG_V_ESYNTAX, 0 },
	{ "invalid UTF-8 is reported", "ye\xC3", CG_V_EUTF8, 0 },
};

static void
test_bool_spellings(void **state)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct bool_case *c = &cases[i];
		int v = -1, rc;

		rc = cg_parse_bool(c->in, strlen(c->in), &v);
		if (rc != c->rc)
			fail_msg("%s: \"%s\" returned %d (%s), want %d",
			    c->name, c->in, rc, cg_value_strerror(rc), c->rc);
		if (rc == CG_V_OK && v != c->want)
			fail_msg("%s: \"%s\" read %d, want %d", c->name,
			    c->in, v, c->want);
		if (rc != CG_V_OK && v != -1)
			fail_msg("%s: value written on error", c->name);
	}
}

static void
test_explicit_length_is_respected(void **state)
{
	int v = -1;

	assert_int_equal(cg_parse_bool("yesterday", 3, &v), CG_V_OK);
	assert_int_equal(v, 1);
	assert_int_equal(cg_parse_bool("no\0", 3, &v), CG_V_ESYNTAX);
}

struct utf8_case {
	const char *name;
	const char *in;
	size_t len;
	int valid;
};

static const struct utf8_case utf8[] = {
	{ "ASCII is valid", "plain", 5, 1 },
	{ "the empty string is valid", "", 0, 1 },
	{ "a NUL byte is valid", "a\0b", 3, 1 },
	{ "two-byte e acute is valid", "\xC3\xA9", 2, 1 },
	{ "the euro sign is valid", "\xE2\x82\xAC", 3, 1 },
	{ "a four-byte emoji is valid", "\xF0\x9F\x98\x80", 4, 1 },
	{ "U+10FFFF is valid", "\xF4\x8F\xBF\xBF", 4, 1 },
	{ "U+FFFF is valid", "\xEF\xBF\xBF", 3, 1 },
	{ "a lone continuation byte is invalid", "\x80", 1, 0 },
	{ "a Latin-1 byte is invalid", "caf\xE9", 4, 0 },
	{ "an overlong slash is invalid", "\xC0\xAF", 2, 0 },
	{ "an overlong three-byte form is invalid", "\xE0\x80\xAF", 3, 0 },
	{ "an overlong four-byte form is invalid", "\xF0\x80\x80\xAF", 4, 0 },
	{ "a surrogate is invalid", "\xED\xA0\x80", 3, 0 },
	{ "above U+10FFFF is invalid", "\xF4\x90\x80\x80", 4, 0 },
	{ "an F5 lead byte is invalid", "\xF5\x80\x80\x80", 4, 0 },
	{ "a sequence cut by the length is invalid", "\xE2\x82\xAC", 2, 0 },
	{ "a sequence cut by ASCII is invalid", "\xE2\x82" "a", 3, 0 },
};

static void
test_utf8_validation(void **state)
{
	size_t i;

	for (i = 0; i < sizeof(utf8) / sizeof(utf8[0]); i++)
		if (cg_utf8_valid(utf8[i].in, utf8[i].len) != utf8[i].valid)
			fail_msg("%s: got %d", utf8[i].name, !utf8[i].valid);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bool_spellings),
		cmocka_unit_test(test_explicit_length_is_respected),
		cmocka_unit_test(test_utf8_validation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
