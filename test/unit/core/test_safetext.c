/*
 * test_safetext.c - text from the data made safe: XML for the SVG
 * (every character XML 1.0 forbids becomes U+FFFD, so any bytes give a
 * well-formed document) and the terminal (controls escaped as touchplan
 * escapes them), columns counted in characters, and the plot's axis
 * fractions, which must stay in [0, 1] for any input so that the text
 * plot's float to int conversions are in range.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "clientgrade/buf.h"
#include "clientgrade/safetext.h"
#include "clientgrade/value.h"

#define FFFD "\xef\xbf\xbd"

static const struct {
	const char *name;
	const char *in;
	size_t n;
	const char *want;
} xml_cases[] = {
	{ "markup characters become entities", "A&B <x> \"q\" 'a'", 15,
	    "A&amp;B &lt;x&gt; &quot;q&quot; &apos;a&apos;" },
	{ "valid UTF-8 is kept", "caf\xc3\xa9 \xf0\x9f\x98\x80", 10,
	    "caf\xc3\xa9 \xf0\x9f\x98\x80" },
	{ "a C0 control becomes U+FFFD", "a\x01" "b\x1b" "c", 5,
	    "a" FFFD "b" FFFD "c" },
	{ "NUL becomes U+FFFD", "a\0b", 3, "a" FFFD "b" },
	{ "tab, LF and CR become spaces", "a\tb\nc\rd", 7, "a b c d" },
	{ "DEL and C1 controls become U+FFFD", "a\x7f" "b\xc2\x9b" "c", 6,
	    "a" FFFD "b" FFFD "c" },
	{ "U+FFFE and U+FFFF become U+FFFD", "\xef\xbf\xbe-\xef\xbf\xbf", 7,
	    FFFD "-" FFFD },
	{ "U+FFFD itself and U+FFFC are kept", FFFD "\xef\xbf\xbc", 6,
	    FFFD "\xef\xbf\xbc" },
	{ "an encoded lone surrogate is three bad bytes",
	    "x\xed\xa0\x80y", 5, "x" FFFD FFFD FFFD "y" },
	{ "each byte that is not UTF-8 becomes U+FFFD", "bad\xff\xfe", 5,
	    "bad" FFFD FFFD },
	{ "a cut sequence at the end becomes U+FFFD", "ok\xc3", 3,
	    "ok" FFFD },
	{ "an overlong form becomes U+FFFD", "\xc0\xaf", 2, FFFD FFFD },
	{ "a Latin-1 byte inside ASCII becomes U+FFFD", "Caf\xe9 Ltd", 8,
	    "Caf" FFFD " Ltd" },
};

static void
xml_escape_table(void **state)
{
	struct cg_buf b = CG_BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(xml_cases) / sizeof(xml_cases[0]); i++) {
		cg_buf_reset(&b);
		cg_xml_escape(&b, xml_cases[i].in, xml_cases[i].n);
		if (b.len != strlen(xml_cases[i].want) ||
		    memcmp(b.s, xml_cases[i].want, b.len) != 0)
			fail_msg("%s: got '%.*s'", xml_cases[i].name,
			    (int)b.len, b.s);
	}
	cg_buf_free(&b);
}

/* Every byte value, alone and after a lead byte: the output is always
 * valid UTF-8 without a character XML forbids. */
static void
xml_escape_output_is_always_xml(void **state)
{
	struct cg_buf b = CG_BUF_INIT;
	char in[3];
	unsigned c, d;
	size_t i;

	(void)state;
	for (c = 0; c < 256; c++)
		for (d = 0; d < 256; d += 17) {
			in[0] = (char)c;
			in[1] = (char)d;
			in[2] = (char)0xbf;
			cg_buf_reset(&b);
			cg_xml_escape(&b, in, 3);
			for (i = 0; i < b.len; i++) {
				unsigned char x = (unsigned char)b.s[i];
				if (x < 0x20 || x == 0x7f || x == '<' ||
				    x == '>' || x == '"' || x == '\'')
					fail_msg("byte 0x%02x left in output of "
					    "%02x %02x bf", x, c, d);
			}
			if (!cg_utf8_valid(b.s, b.len))
				fail_msg("not UTF-8 for %02x %02x bf", c, d);
			if (strstr(b.s, "\xef\xbf\xbe") != NULL ||
			    strstr(b.s, "\xef\xbf\xbf") != NULL)
				fail_msg("U+FFFE/U+FFFF left for %02x %02x", c,
				    d);
		}
	cg_buf_free(&b);
}

static const struct {
	const char *name;
	const char *in;
	size_t n;
	const char *want;
} safe_cases[] = {
	{ "plain text is kept", "Key account", 11, "Key account" },
	{ "UTF-8 is kept", "Schl\xc3\xbcssel", 10, "Schl\xc3\xbcssel" },
	{ "a line break is written \\n", "Evil\nline", 9, "Evil\\nline" },
	{ "CR and tab are written \\r \\t", "a\rb\tc", 5, "a\\rb\\tc" },
	{ "ESC is written \\x1b", "\x1b[2Jx", 5, "\\x1b[2Jx" },
	{ "DEL is written \\x7f", "a\x7f", 2, "a\\x7f" },
	{ "a C1 CSI is written \\u009b", "a\xc2\x9b" "31m", 6, "a\\u009b31m" },
	{ "a bidi override is written \\u202e", "\xe2\x80\xae" "abc", 6,
	    "\\u202eabc" },
	{ "a line separator is written \\u2028", "a\xe2\x80\xa8" "b", 5,
	    "a\\u2028b" },
	{ "a byte that is not UTF-8 is written \\xHH", "Caf\xe9", 4,
	    "Caf\\xe9" },
	{ "backslashes are kept as they are", "a\\b", 3, "a\\b" },
};

static void
text_safe_table(void **state)
{
	struct cg_buf b = CG_BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(safe_cases) / sizeof(safe_cases[0]); i++) {
		cg_buf_reset(&b);
		cg_text_safe(&b, safe_cases[i].in, safe_cases[i].n);
		if (b.len != strlen(safe_cases[i].want) ||
		    memcmp(b.s, safe_cases[i].want, b.len) != 0)
			fail_msg("%s: got '%.*s'", safe_cases[i].name,
			    (int)b.len, b.s);
	}
	cg_buf_free(&b);
}

static void
columns_count_characters_not_bytes(void **state)
{
	(void)state;
	assert_int_equal(cg_text_cols("Key", 3), 3);
	assert_int_equal(cg_text_cols("Schl\xc3\xbcssel", 10), 9);
	/* Clipping to 5 characters keeps the 2-byte u-umlaut whole. */
	assert_int_equal(cg_text_clip("Schl\xc3\xbcssel", 10, 5), 6);
	assert_int_equal(cg_text_clip("Schl\xc3\xbcssel", 10, 4), 4);
	assert_int_equal(cg_text_clip("Key", 3, 10), 3);
	assert_int_equal(cg_text_clip("Key", 3, 0), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(xml_escape_table),
		cmocka_unit_test(xml_escape_output_is_always_xml),
		cmocka_unit_test(text_safe_table),
		cmocka_unit_test(columns_count_characters_not_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
