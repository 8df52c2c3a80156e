/*
 * test_value_num.c - cg_parse_num and cg_fmt_num on the spellings that
 * spreadsheets and CRMs export, and on the ones they must refuse.
 */
#include <setjmp.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "clientgrade/value.h"

#define NBSP	"\xC2\xA0"
#define NNBSP	"\xE2\x80\xAF"
#define EURO	"\xE2\x82\xAC"

enum { D = CG_DEC_DOT, C = CG_DEC_COMMA, N = CG_DEC_NONE };

struct num_case {
	const char *name;
	const char *in;
	char hint;		/* decimal hint passed to the parser */
	int rc;
	double want;		/* checked when rc is CG_V_OK */
	int seen;		/* info.decimal_seen */
	int pct, cur, paren;	/* info.percent, currency, negative_parens */
};

static const struct num_case accepted[] = {
	{ "a plain decimal reads as itself", "1234.5", '.', 0, 1234.5, D, 0, 0, 0 },
	{ "a plain decimal reads the same with a comma hint", "1234.5", ',', 0, 1234.5, D, 0, 0, 0 },
	{ "an integer gives no decimal evidence", "1234", '.', 0, 1234, N, 0, 0, 0 },
	{ "a minus sign makes it negative", "-12", '.', 0, -12, N, 0, 0, 0 },
	{ "a plus sign is allowed", "+3", '.', 0, 3, N, 0, 0, 0 },
	{ "a Unicode minus sign makes it negative", "\xE2\x88\x92" "7", '.', 0, -7, N, 0, 0, 0 },
	{ "dollars with comma thousands read as money", "$1,234.50", '.', 0, 1234.5, D, 0, 1, 0 },
	{ "dot thousands and decimal comma read European style", "1.234,50", '.', 0, 1234.5, C, 0, 0, 0 },
	{ "space thousands with decimal comma read", "1 234,50", '.', 0, 1234.5, C, 0, 0, 0 },
	{ "NBSP thousands with decimal comma read", "1" NBSP "234,50", '.', 0, 1234.5, C, 0, 0, 0 },
	{ "narrow NBSP thousands with decimal comma read", "1" NNBSP "234,50", '.', 0, 1234.5, C, 0, 0, 0 },
	{ "NBSP thousands in a large number read", "12" NBSP "345" NBSP "678", '.', 0, 12345678, N, 0, 0, 0 },
	{ "a leading euro sign is currency", EURO "1.234,50", '.', 0, 1234.5, C, 0, 1, 0 },
	{ "a trailing euro sign after a blank is currency", "1.234,50 " EURO, '.', 0, 1234.5, C, 0, 1, 0 },
	{ "a trailing euro sign after NBSP is currency", "1.234,50" NBSP EURO, '.', 0, 1234.5, C, 0, 1, 0 },
	{ "an ISO code before the number is currency", "EUR 12", '.', 0, 12, N, 0, 1, 0 },
	{ "a lowercase ISO code is currency", "eur 12", '.', 0, 12, N, 0, 1, 0 },
	{ "an ISO code after the number is currency", "12,50 EUR", '.', 0, 12.5, C, 0, 1, 0 },
	{ "USD with an ambiguous group reads the dot hint as thousands", "USD 1,200", '.', 0, 1200, N, 0, 1, 0 },
	{ "a pound sign is currency", "\xC2\xA3" "99.99", '.', 0, 99.99, D, 0, 1, 0 },
	{ "a yen sign is currency", "\xC2\xA5" "1,000,000", '.', 0, 1000000, D, 0, 1, 0 },
	{ "parentheses make accounting negatives", "(1,234.50)", '.', 0, -1234.5, D, 0, 0, 1 },
	{ "parentheses around money make negatives", "($1,234.50)", '.', 0, -1234.5, D, 0, 1, 1 },
	{ "a currency after parentheses is allowed", "(1.234,50) " EURO, '.', 0, -1234.5, C, 0, 1, 1 },
	{ "a minus before the dollar sign is negative", "-$5", '.', 0, -5, N, 0, 1, 0 },
	{ "a minus after the dollar sign is negative", "$-5", '.', 0, -5, N, 0, 1, 0 },
	{ "a percent is divided by 100", "12%", '.', 0, 0.12, N, 1, 0, 0 },
	{ "a decimal percent is divided by 100 exactly", "1.1%", '.', 0, 0.011, D, 1, 0, 0 },
	{ "a percent with a decimal comma and blank reads", "12,5 %", '.', 0, 0.125, C, 1, 0, 0 },
	{ "a negative percent reads", "-3%", '.', 0, -0.03, N, 1, 0, 0 },
	{ "an apostrophe groups thousands Swiss style", "1'234.50", '.', 0, 1234.5, D, 0, 0, 0 },
	{ "a typographic apostrophe groups thousands", "1\xE2\x80\x99" "234.50", '.', 0, 1234.5, D, 0, 0, 0 },
	{ "an upper-case exponent reads", "1.5E3", '.', 0, 1500, D, 0, 0, 0 },
	{ "a negative exponent reads", "1.5e-2", '.', 0, 0.015, D, 0, 0, 0 },
	{ "an exponent on an integer reads", "15e3", '.', 0, 15000, N, 0, 0, 0 },
	{ "three decimals before an exponent are decimals", "1.500E3", ',', 0, 1500, D, 0, 0, 0 },
	{ "leading and trailing blanks are ignored", "  \t42.5 \t", '.', 0, 42.5, D, 0, 0, 0 },
	{ "leading and trailing NBSP are ignored", NBSP "42" NBSP, '.', 0, 42, N, 0, 0, 0 },
	{ "consistent comma groups read as thousands", "1,234,567.8", '.', 0, 1234567.8, D, 0, 0, 0 },
	{ "repeated comma groups are evidence of a decimal dot", "1,234,567", ',', 0, 1234567, D, 0, 0, 0 },
	{ "repeated dot groups are evidence of a decimal comma", "1.234.567", '.', 0, 1234567, C, 0, 0, 0 },
	{ "dot groups with a decimal comma read", "1.234.567,89", '.', 0, 1234567.89, C, 0, 0, 0 },
	{ "one comma and three digits is thousands with a dot hint", "1,234", '.', 0, 1234, N, 0, 0, 0 },
	{ "one comma and three digits is decimal with a comma hint", "1,234", ',', 0, 1.234, N, 0, 0, 0 },
	{ "one dot and three digits is decimal with a dot hint", "1.234", '.', 0, 1.234, N, 0, 0, 0 },
	{ "one dot and three digits is thousands with a comma hint", "1.234", ',', 0, 1234, N, 0, 0, 0 },
	{ "no hint reads one comma and three digits as thousands", "1,234", 0, 0, 1234, N, 0, 0, 0 },
	{ "one comma and two digits is a decimal comma", "12,50", '.', 0, 12.5, C, 0, 0, 0 },
	{ "one comma and one digit is a decimal comma", "12,5", '.', 0, 12.5, C, 0, 0, 0 },
	{ "one dot and four digits is a decimal dot", "1.2345", ',', 0, 1.2345, D, 0, 0, 0 },
	{ "one comma and four digits is a decimal comma", "1,2345", '.', 0, 1.2345, C, 0, 0, 0 },
	{ "four digits before one comma cannot be grouping", "1234,567", '.', 0, 1234.567, C, 0, 0, 0 },
	{ "a zero before one comma cannot be grouping", "0,123", '.', 0, 0.123, C, 0, 0, 0 },
	{ "a leading decimal dot reads", ".5", '.', 0, 0.5, D, 0, 0, 0 },
	{ "a leading decimal comma reads", ",5", '.', 0, 0.5, C, 0, 0, 0 },
	{ "negative zero is plain zero", "-0.00", '.', 0, 0, D, 0, 0, 0 },
	{ "the largest finite double is out of range", "1.7976931348623157e308", '.', CG_V_ERANGE, 0, N, 0, 0, 0 },
	{ "fifteen nines read", "999999999999999", '.', 0, 999999999999999.0, N, 0, 0, 0 },
	{ "1e15 is out of range (no sum may overflow)", "1000000000000000", '.', CG_V_ERANGE, 0, N, 0, 0, 0 },
	{ "-1e15 is out of range too", "-1e15", '.', CG_V_ERANGE, 0, N, 0, 0, 0 },
	{ "an underflowing exponent reads as zero", "1e-999", '.', 0, 0, N, 0, 0, 0 },
};

static const struct num_case rejected[] = {
	{ "the empty string is empty", "", '.', CG_V_EMPTY, 0, N, 0, 0, 0 },
	{ "blanks only are empty", "  \t ", '.', CG_V_EMPTY, 0, N, 0, 0, 0 },
	{ "NBSP only is empty", NBSP NNBSP, '.', CG_V_EMPTY, 0, N, 0, 0, 0 },
	{ "NaN is out of range", "NaN", '.', CG_V_ERANGE, 0, N, 0, 0, 0 },
	{ "inf is out of range", "inf", '.', CG_V_ERANGE, 0, N, 0, 0, 0 },
	{ "minus Infinity is out of range", "-Infinity", '.', CG_V_ERANGE, 0, N, 0, 0, 0 },
	{ "1e999 is out of range", "1e999", '.', CG_V_ERANGE, 0, N, 0, 0, 0 },
	{ "a huge percent is out of range", "1e311%", '.', CG_V_ERANGE, 0, N, 0, 0, 0 },
	{ "a double minus is not a number", "--5", '.', CG_V_ESYNTAX, 0, N, 0, 0, 0 },
	{ "a trailing minus is not a number", "5-", '.', CG_V_ESYNTAX, 0, N, 0, 0, 0 },
	{ "two signs around a currency are not a number", "-$-5", '.', CG_V_ESYNTAX, 0, N, 0, 0, 0 },
	{ "a minus inside parentheses is not a number", "(-5)", '.', CG_V_ESYNTAX, 0, N, 0, 0, 0 },
	{ "an unclosed parenthesis is not a number", "(5", '.', CG_V_ESYNTAX, 0, N, 0, 0, 0 },
	{ "a closing parenthesis alone is not a number", "5)", '.', CG_V_ESYNTAX, 0, N, 0, 0, 0 },
	{ "a blank after the sign is not a number", "- 5", '.', CG_V_ESYNTAX, 0, N, 0, 0, 0 },
	{ "two dots that do not group are not a number", "1.2.3", '.', CG_V_ESYNTAX, 0, N, 0, 0, 0 },
	{ "a short group before the decimal is not a number", "1,23.4", '.', CG_V_ESYNTAX, 0, N, 0, 0, 0 },
	{ "a long first group is not a number", "1234,567,890", '.', CG_V_ESYNTAX, 0, N, 0, 0, 0 },
	{ "two decimal commas are not a number", "1.234,5,6", '.', CG_V_ESYNTAX, 0, N, 0, 0, 0 },
	{ "mixed thousands separators are not a number", "1 234'567", '.', CG_V_ESYNTAX, 0, N, 0, 0, 0 },
	{ "a grouped number with a leading zero is not a number", "0,123,456", '.', CG_V_ESYNTAX, 0, N, 0, 0, 0 },
	{ "an exponent after a decimal comma is not a number", "1,5e3", '.', CG_V_ESYNTAX, 0, N, 0, 0, 0 },
	{ "an exponent after grouping is not a number", "1,234,567e3", '.', CG_V_ESYNTAX, 0, N, 0, 0, 0 },
	{ "trailing junk is not a number", "12abc", '.', CG_V_ESYNTAX, 0, N, 0, 0, 0 },
	{ "a word after a blank is not a number", "12 apples", '.', CG_V_ESYNTAX, 0, N, 0, 0, 0 },
	{ "a trailing decimal mark is not a number", "5.", '.', CG_V_ESYNTAX, 0, N, 0, 0, 0 },
	{ "a currency sign alone is not a number", "$", '.', CG_V_ESYNTAX, 0, N, 0, 0, 0 },
	{ "two currencies are not a number", "$5 EUR", '.', CG_V_ESYNTAX, 0, N, 0, 0, 0 },
	{ "two percent signs are not a number", "5%%", '.', CG_V_ESYNTAX, 0, N, 0, 0, 0 },
	{ "a word starting with a code is not a currency", "EURO 5", '.', CG_V_ESYNTAX, 0, N, 0, 0, 0 },
	{ "a hex float is not a number", "0x1p3", '.', CG_V_ESYNTAX, 0, N, 0, 0, 0 },
	{ "a lone dash is not a number", "-", '.', CG_V_ESYNTAX, 0, N, 0, 0, 0 },
	{ "an exponent without digits is not a number", "1e", '.', CG_V_ESYNTAX, 0, N, 0, 0, 0 },
	{ "a stray Latin-1 byte is invalid UTF-8", "12\xA0" "5", '.', CG_V_EUTF8, 0, N, 0, 0, 0 },
	{ "a truncated sequence is invalid UTF-8", "\xE2\x82", '.', CG_V_EUTF8, 0, N, 0, 0, 0 },
	{ "an overlong encoding is invalid UTF-8", "\xC0\xAF" "5", '.', CG_V_EUTF8, 0, N, 0, 0, 0 },
};

static void
check(const struct num_case *c)
{
	struct cg_num_info info;
	double v = -999;
	int rc = cg_parse_num(c->in, strlen(c->in), c->hint, &v, &info);

	if (rc != c->rc)
		fail_msg("%s: \"%s\" returned %d (%s), want %d", c->name,
		    c->in, rc, cg_value_strerror(rc), c->rc);
	if (rc != CG_V_OK)
		return;
	if (v != c->want)
		fail_msg("%s: \"%s\" read %.17g, want %.17g", c->name, c->in,
		    v, c->want);
	if (info.decimal_seen != c->seen || info.percent != c->pct ||
	    info.currency != c->cur || info.negative_parens != c->paren)
		fail_msg("%s: \"%s\" info seen=%d pct=%d cur=%d paren=%d, "
		    "want %d %d %d %d", c->name, c->in, info.decimal_seen,
		    info.percent, info.currency, info.negative_parens,
		    c->seen, c->pct, c->cur, c->paren);
}

static void
test_accepted_spellings(void **state)
{
	size_t i;

	for (i = 0; i < sizeof(accepted) / sizeof(accepted[0]); i++)
		check(&accepted[i]);
}

static void
test_rejected_spellings(void **state)
{
	size_t i;

	for (i = 0; i < sizeof(rejected) / sizeof(rejected[0]); i++)
		check(&rejected[i]);
}

static void
test_explicit_length_is_respected(void **state)
{
	double v = 0;

	/* Only "12" of "12.5" is the field; a NUL inside is junk. */
	assert_int_equal(cg_parse_num("12.5", 2, '.', &v, NULL), CG_V_OK);
	assert_true(v == 12);
	assert_int_equal(cg_parse_num("1\0" "2", 3, '.', &v, NULL),
	    CG_V_ESYNTAX);
}

static void
test_info_may_be_null_and_value_untouched_on_error(void **state)
{
	double v = 7;

	assert_int_equal(cg_parse_num("abc", 3, '.', &v, NULL), CG_V_ESYNTAX);
	assert_true(v == 7);
	assert_int_equal(cg_parse_num("", 0, '.', &v, NULL), CG_V_EMPTY);
	assert_true(v == 7);
}

static void
test_very_long_input_is_refused_not_overrun(void **state)
{
	char big[2000];
	double v;

	memset(big, '1', sizeof(big));
	assert_int_equal(cg_parse_num(big, sizeof(big), '.', &v, NULL),
	    CG_V_ERANGE);
	/* Many groups: 1,111,111,... */
	for (size_t i = 1; i < sizeof(big); i += 4)
		big[i] = ',';
	assert_int_equal(cg_parse_num(big, sizeof(big) - 3, '.', &v, NULL),
	    CG_V_ERANGE);
}

/*
 * Property: any amount written in any house style (grouping separator,
 * decimal mark, currency place, negative style) reads back as the amount
 * written plainly. A small LCG keeps the run reproducible.
 */
static void
test_every_house_style_reads_back(void **state)
{
	static const char *const groups[] = { ",", ".", " ", NBSP, NNBSP, "'" };
	static const char *const before[] = { "", "$", EURO, "EUR ", "" };
	static const char *const after[] = { "", "", "", "", (" " EURO) };
	uint64_t seed = 42;
	int i;

	for (i = 0; i < 20000; i++) {
		char plain[64], fancy[128], digits[32];
		long long units;
		int cents, g, c, neg, paren, o = 0, nd, k;
		char mark;
		double want, got;
		struct cg_num_info info;

		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		units = (long long)(seed >> 20) % 10000000000LL;
		units >>= (seed >> 8) % 34;	/* spread over magnitudes */
		cents = (int)((seed >> 40) % 100);
		g = (int)((seed >> 50) % 6);
		c = (int)((seed >> 54) % 5);
		neg = (seed >> 58) & 1;
		paren = neg && ((seed >> 59) & 1);
		mark = g == 1 ? ',' : g == 0 ? '.' : ((seed >> 60) & 1) ?
		    ',' : '.';

		snprintf(plain, sizeof(plain), "%s%lld.%02d", neg ? "-" : "",
		    units, cents);
		want = strtod(plain, NULL);
		nd = snprintf(digits, sizeof(digits), "%lld", units);
		o += snprintf(fancy + o, sizeof(fancy) - o, "%s%s%s",
		    paren ? "(" : neg ? "-" : "", before[c], "");
		for (k = 0; k < nd; k++) {
			if (k > 0 && (nd - k) % 3 == 0)
				o += snprintf(fancy + o, sizeof(fancy) - o, "%s",
				    groups[g]);
			fancy[o++] = digits[k];
		}
		o += snprintf(fancy + o, sizeof(fancy) - o, "%c%02d%s%s", mark,
		    cents, after[c], paren ? ")" : "");
		if (cg_parse_num(fancy, (size_t)o, '.', &got, &info) != CG_V_OK
		    || got != want)
			fail_msg("\"%s\" did not read back as %s", fancy,
			    plain);
		if (info.decimal_seen != (mark == '.' ? CG_DEC_DOT :
		    CG_DEC_COMMA) || info.negative_parens != paren ||
		    info.currency != (c != 0))
			fail_msg("\"%s\": wrong info", fancy);
	}
}

static uint64_t
lcg(uint64_t *seed)
{
	*seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return *seed >> 11;
}

/* The parser's shortcut for short numbers must agree with strtod. */
static void
test_plain_numbers_read_as_strtod_reads_them(void **state)
{
	uint64_t seed = 7;
	char txt[64];
	double got, want;
	int i, k, o, nint, nfrac, e;

	for (i = 0; i < 200000; i++) {
		o = 0;
		if (lcg(&seed) % 2)
			txt[o++] = '-';
		nint = 1 + (int)(lcg(&seed) % 12);
		nfrac = (int)(lcg(&seed) % 12);
		for (k = 0; k < nint; k++)
			txt[o++] = (char)('0' + lcg(&seed) % 10);
		if (nfrac > 0) {
			txt[o++] = '.';
			for (k = 0; k < nfrac; k++)
				txt[o++] = (char)('0' + lcg(&seed) % 10);
		}
		if (lcg(&seed) % 3 == 0) {
			e = (int)(lcg(&seed) % 61) - 30;
			o += snprintf(txt + o, sizeof(txt) - o, "e%d", e);
		}
		txt[o] = '\0';
		want = strtod(txt, NULL);
		if (want == 0)
			want = 0;	/* the parser never returns -0 */
		/* "1.234" alone is ambiguous; with ',' as the hint it is
		 * 1234, so ask with '.' to mean what strtod means. */
		if (fabs(want) >= CG_NUM_LIMIT) {
			if (cg_parse_num(txt, (size_t)o, '.', &got, NULL) !=
			    CG_V_ERANGE)
				fail_msg("\"%s\" is not out of range", txt);
			continue;
		}
		if (cg_parse_num(txt, (size_t)o, '.', &got, NULL) != CG_V_OK ||
		    memcmp(&got, &want, sizeof(got)) != 0)
			fail_msg("\"%s\" read %.17g, strtod says %.17g", txt,
			    got, want);
	}
}

/*
 * The reference for fixed-point output, exact and independent of the
 * formatter: |v| = m * 2^e with m an integer, so v * 10^prec rounded half
 * away from zero (as spreadsheets show it) is integer arithmetic on
 * m * 10^prec / 2^-e. Returns -1 for values it cannot hold in 128 bits.
 */
static int
ref_fixed(char *want, size_t cap, double v, int prec)
{
	unsigned __int128 n, q, d, r, p10 = 1, ip, fp;
	char digits[64];
	int e, i, nd = 0, o = 0;
	uint64_t m;

	m = (uint64_t)ldexp(frexp(fabs(v), &e), 53);
	e -= 53;
	for (i = 0; i < prec; i++)
		p10 *= 10;
	n = (unsigned __int128)m * p10;		/* < 2^53 * 10^9 < 2^83 */
	if (e >= 0) {
		if (e > 40)
			return -1;
		q = n << e;
	} else if (-e >= 126) {
		q = 0;				/* n / d is far below a half */
	} else {
		d = (unsigned __int128)1 << -e;
		q = n / d;
		r = n % d;
		if (2 * r >= d)
			q++;
	}
	ip = q / p10;
	fp = q % p10;
	if (v < 0 && q != 0)
		want[o++] = '-';
	do {
		digits[nd++] = (char)('0' + (int)(ip % 10));
		ip /= 10;
	} while (ip != 0);
	while (nd > 0 && (size_t)o < cap - 1)
		want[o++] = digits[--nd];
	if (prec > 0) {
		want[o++] = '.';
		for (i = prec - 1; i >= 0; i--) {
			want[o + i] = (char)('0' + (int)(fp % 10));
			fp /= 10;
		}
		o += prec;
	}
	want[o] = '\0';
	return 0;
}

/* Fixed-point output must be the reference's, digit for digit. */
static void
test_fixed_format_matches_printf(void **state)
{
	uint64_t seed = 11;
	char got[64], want[400];
	double v;
	int i, prec, n;

	for (i = 0; i < 300000; i++) {
		uint64_t r = lcg(&seed);

		switch (r % 4) {
		case 0:		/* exact binary ties: k/8, k/1024 */
			v = (double)(int64_t)(lcg(&seed) % 2000001 - 1000000) /
			    (r % 8 == 0 ? 1024 : 8);
			break;
		case 1:		/* decimal-looking halves: 2.675, 1.005 */
			v = (double)(int64_t)(lcg(&seed) % 2000001 - 1000000) /
			    1000 + 0.0005 * (double)(r % 3);
			break;
		case 2:		/* any magnitude */
			v = ldexp((double)(lcg(&seed) % (1ULL << 53)),
			    (int)(lcg(&seed) % 120) - 100);
			break;
		default:	/* money-sized */
			v = (double)(lcg(&seed) % 100000000) / 100.0;
			break;
		}
		if (r & (1ULL << 40))
			v = -v;
		prec = (int)(lcg(&seed) % 10);
		if (ref_fixed(want, sizeof(want), v, prec) < 0)
			continue;
		n = (int)strlen(want);
		if (want[0] == '-' && strspn(want + 1, "0.") == (size_t)n - 1)
			memmove(want, want + 1, (size_t)n);
		if (strlen(want) >= sizeof(got))
			continue;
		cg_fmt_num(got, sizeof(got), v, prec, 0, '.');
		if (strcmp(got, want) != 0)
			fail_msg("%.17g at %d: \"%s\", reference \"%s\"", v, prec,
			    got, want);
	}
}

struct fmt_case {
	const char *name;
	double v;
	int prec, trim;
	char dec;
	const char *want;
};

static const struct fmt_case fmts[] = {
	{ "two decimals are kept without trimming", 1234.5, 2, 0, '.', "1234.50" },
	{ "trimming drops trailing zeros", 1234.5, 2, 1, '.', "1234.5" },
	{ "trimming drops the mark of a whole number", 12.0, 2, 1, '.', "12" },
	{ "a decimal comma is used when asked", 1234.5, 2, 0, ',', "1234,50" },
	{ "a trimmed decimal comma is used when asked", 0.125, 3, 1, ',', "0,125" },
	{ "precision zero rounds to a whole number", 2.6, 0, 0, '.', "3" },
	{ "trimming keeps the zeros of a whole number", 100.0, 0, 1, '.', "100" },
	{ "trimming keeps the zeros before the mark", 100.0, 2, 1, ',', "100" },
	{ "an exact tie rounds away from zero, as a spreadsheet shows it",
	  0.125, 2, 0, '.', "0.13" },
	{ "a negative exact tie rounds away from zero too", -750.125, 2, 0,
	  '.', "-750.13" },
	{ "a long value keeps what fits of its decimals", 1e20, 17, 0, '.', "100000000000000000000.000000000" },
	{ "negative numbers keep their sign", -3.25, 2, 0, '.', "-3.25" },
	{ "negative zero prints as zero", -0.0, 2, 0, '.', "0.00" },
	{ "a tiny negative rounding to zero prints as zero", -0.001, 2, 0, '.', "0.00" },
	{ "a tiny negative trimmed prints as zero", -0.001, 2, 1, ',', "0" },
	{ "no thousands separators are written", 1234567.891, 1, 0, '.', "1234567.9" },
	{ "a huge value falls back to scientific notation", 1e300, 2, 0, '.', "1e300" },
	{ "scientific notation has no decimal mark", -1.5e300, 2, 0, ',', "-15e299" },
	{ "a long value drops decimals before going scientific", 5.5e23, 17, 0, ',', "550000000000000004194304,000000" },
	{ "a tiny value with few decimals is zero", 1e-300, 2, 1, '.', "0" },
	{ "a trimmed huge value is plain scientific", -1e300, 2, 1, ',', "-1e300" },
};

static void
test_format(void **state)
{
	char buf[32];
	size_t i, n;

	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		const struct fmt_case *c = &fmts[i];

		memset(buf, 'Z', sizeof(buf));
		n = cg_fmt_num(buf, sizeof(buf), c->v, c->prec, c->trim,
		    c->dec);
		if (strcmp(buf, c->want) != 0 || n != strlen(c->want))
			fail_msg("%s: got \"%s\" (%zu), want \"%s\"", c->name,
			    buf, n, c->want);
	}
}

static void
test_format_round_trips_through_the_parser(void **state)
{
	static const double vals[] = { 0, 1, -1, 0.5, 1234.5678, -98765.4321,
	    1e-7, 123456789012.25, 0.1 + 0.2 };
	char buf[64];
	double v;
	size_t i;

	for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		cg_fmt_num(buf, sizeof(buf), vals[i], 17, 1, ',');
		assert_int_equal(cg_parse_num(buf, strlen(buf), ',', &v, NULL),
		    CG_V_OK);
		assert_true(v == vals[i]);
	}
}

static void
test_strerror_names_every_code(void **state)
{
	assert_string_equal(cg_value_strerror(CG_V_ERANGE), "out of range");
	assert_string_equal(cg_value_strerror(CG_V_EUTF8), "invalid UTF-8");
	assert_non_null(cg_value_strerror(CG_V_ESYNTAX));
	assert_non_null(cg_value_strerror(CG_V_EAMBIG));
	assert_non_null(cg_value_strerror(12345));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepted_spellings),
		cmocka_unit_test(test_rejected_spellings),
		cmocka_unit_test(test_explicit_length_is_respected),
		cmocka_unit_test(test_info_may_be_null_and_value_untouched_on_error),
		cmocka_unit_test(test_very_long_input_is_refused_not_overrun),
		cmocka_unit_test(test_every_house_style_reads_back),
		cmocka_unit_test(test_plain_numbers_read_as_strtod_reads_them),
		cmocka_unit_test(test_fixed_format_matches_printf),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_round_trips_through_the_parser),
		cmocka_unit_test(test_strerror_names_every_code),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
