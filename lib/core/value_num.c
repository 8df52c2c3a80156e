/*
 * value_num.c - numbers and money as spreadsheets and CRMs show them.
 *
 * The text is checked and rewritten into a small plain-ASCII buffer
 * ("-1234.5e-2") before strtod sees it: strtod alone would accept "nan",
 * hex floats and "1,5" cut short, and would depend on the locale. The
 * tools never call setlocale, so strtod reads that buffer in the C locale.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/value.h"
#include "value_text.h"

#define NUM_BUF		400	/* normalised text; longer is out of range */
#define NUM_RUNS	64	/* digit groups a number may have */
#define EXP_CLAMP	100000	/* beyond this every double over/underflows */

/* Kinds of separator between digit runs. */
enum sep { SEP_DOT = 1, SEP_COMMA, SEP_SPACE, SEP_APOS };

/* ISO 4217 codes seen in exports, three letters each, lowercase. */
static const char currency_codes[] =
    "eurusdgbpjpychfcadaudnzdcnyseknokdkkplnczkhufinrbrlmxnzarhkdsgdkrw"
    "tryrubronbgnisk";

/* UTF-8 currency signs: $ € £ ¥ ₹ ₩ ₽ ₺. */
static const char *const currency_signs[] = {
	"$", "\xE2\x82\xAC", "\xC2\xA3", "\xC2\xA5", "\xE2\x82\xB9",
	"\xE2\x82\xA9", "\xE2\x82\xBD", "\xE2\x82\xBA", NULL
};

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Length of a currency sign or ISO code at s[0..n), or 0. */
static size_t
currency_len(const char *s, size_t n)
{
	char code[3];
	size_t i, k;

	if (n == 0)
		return 0;
	if (s[0] == '$')
		return 1;
	if ((unsigned char)s[0] >= 0x80) {
		for (i = 0; currency_signs[i] != NULL; i++) {
			k = strlen(currency_signs[i]);
			if (n >= k && memcmp(s, currency_signs[i], k) == 0)
				return k;
		}
		return 0;
	}
	/* A code must be a whole word: "EURO" is not "EUR" + junk. */
	if (n < 3 || (n > 3 && is_alpha(s[3])))
		return 0;
	for (i = 0; i < 3; i++) {
		if (!is_alpha(s[i]))
			return 0;
		code[i] = (char)(s[i] | 0x20);
	}
	for (i = 0; currency_codes[i] != '\0'; i += 3)
		if (memcmp(code, currency_codes + i, 3) == 0)
			return 3;
	return 0;
}

/* Length of a sign at s[0..n) (ASCII or U+2212 minus), 0 if none. */
static size_t
sign_len(const char *s, size_t n, int *neg)
{
	if (n >= 1 && (s[0] == '-' || s[0] == '+')) {
		*neg = s[0] == '-';
		return 1;
	}
	if (n >= 3 && memcmp(s, "\xE2\x88\x92", 3) == 0) {
		*neg = 1;
		return 3;
	}
	return 0;
}

/* Separator at s[0..n): its kind and length, 0 if none. */
static int
sep_at(const char *s, size_t n, size_t *len)
{
	if (n == 0)
		return 0;
	*len = 1;
	if (s[0] == '.')
		return SEP_DOT;
	if (s[0] == ',')
		return SEP_COMMA;
	if (s[0] == '\'')
		return SEP_APOS;
	if (n >= 3 && memcmp(s, "\xE2\x80\x99", 3) == 0) {	/* ’ */
		*len = 3;
		return SEP_APOS;
	}
	if ((*len = cg_value_blank(s, n)) > 0)
		return SEP_SPACE;
	return 0;
}

/* "nan", "inf", "infinity", signed or not: a number, but not a finite one. */
static int
is_nonfinite(const char *s, size_t n)
{
	int neg;
	size_t k = sign_len(s, n, &neg);

	s += k;
	n -= k;
	if (n < 3 || ((s[0] | 0x20) != 'n' && (s[0] | 0x20) != 'i'))
		return 0;
	return cg_value_word(s, n, "nan") || cg_value_word(s, n, "inf") ||
	    cg_value_word(s, n, "infinity");
}

/* The digits and separators of a number, as found. */
struct body {
	size_t nrun;			/* runs of digits; nrun-1 separators */
	const char *run[NUM_RUNS];
	size_t len[NUM_RUNS];
	int sep[NUM_RUNS];		/* sep[i] precedes run[i], i >= 1 */
	int has_exp;
	long exp;
};

/*
 * Read digit runs joined by single separators, then an exponent. A
 * separator counts only when a digit follows it, so "12 %" and
 * "1 234,50 €" stop before the blank that is not a thousands space.
 * Returns the bytes read, 0 when no number starts here, or -1 when it
 * has more groups than any real number.
 */
static long
scan_body(const char *s, size_t n, struct body *b)
{
	size_t p = 0, q, k;
	int sp;

	b->nrun = 0;
	b->has_exp = 0;
	b->exp = 0;
	if (p < n && (s[p] == '.' || s[p] == ',') && p + 1 < n &&
	    is_digit(s[p + 1])) {
		/* ".5": an empty integer part before the mark. */
		b->run[0] = s;
		b->len[0] = 0;
		b->nrun = 1;
		b->sep[1] = s[p] == '.' ? SEP_DOT : SEP_COMMA;
		p++;
	} else if (p >= n || !is_digit(s[p]))
		return 0;
	for (;;) {
		if (b->nrun == NUM_RUNS)
			return -1;
		for (q = p; q < n && is_digit(s[q]); q++)
			;
		b->run[b->nrun] = s + p;
		b->len[b->nrun] = q - p;
		b->nrun++;
		p = q;
		sp = sep_at(s + p, n - p, &k);
		if (sp == 0 || p + k >= n || !is_digit(s[p + k]))
			break;
		if (b->nrun == NUM_RUNS)
			return -1;
		b->sep[b->nrun] = sp;
		p += k;
	}
	if (p < n && (s[p] == 'e' || s[p] == 'E')) {
		int neg = 0;

		q = p + 1;
		if (q < n && (s[q] == '-' || s[q] == '+'))
			neg = s[q++] == '-';
		if (q < n && is_digit(s[q])) {
			b->has_exp = 1;
			for (; q < n && is_digit(s[q]); q++)
				if (b->exp < EXP_CLAMP)
					b->exp = b->exp * 10 + (s[q] - '0');
			if (neg)
				b->exp = -b->exp;
			p = q;
		}
	}
	return (long)p;
}

/*
 * Decide which separator, if any, is the decimal mark, and check the
 * grouping. Sets *mark (run index after the mark, 0 for none) and
 * *seen. Returns CG_V_OK or CG_V_ESYNTAX.
 */
static int
read_marks(const struct body *b, char decimal, size_t *mark, int *seen)
{
	size_t i, ngroup, nsep = b->nrun - 1, nlast = 0;
	int last, group = 0;

	*mark = 0;
	*seen = CG_DEC_NONE;
	if (nsep == 0)
		return CG_V_OK;
	last = b->sep[nsep];
	for (i = 1; i <= nsep; i++)
		if (b->sep[i] == last)
			nlast++;
	if (last == SEP_DOT || last == SEP_COMMA) {
		if (nlast < nsep) {
			/* "1,234.5", "1 234,5": the other separators group. */
			if (nlast != 1)
				return CG_V_ESYNTAX;
			*mark = nsep;
		} else if (nlast == 1) {
			/*
			 * One mark alone. "1,234" could be either; the hint
			 * decides and there is no evidence to report.
			 * "0,123" and "1234,567" cannot be grouping.
			 */
			if (b->len[1] == 3 && b->len[0] >= 1 &&
			    b->len[0] <= 3 && b->run[0][0] != '0' &&
			    !b->has_exp) {
				int mark_char = last == SEP_DOT ? '.' : ',';

				if ((decimal == ',' ? ',' : '.') == mark_char)
					*mark = 1;
				group = -1;
			} else
				*mark = 1;
		}
		/* Else the same mark several times: "1.234.567" groups. */
	} else if (nlast != nsep)
		return CG_V_ESYNTAX;	/* "1 234'567" */

	ngroup = *mark ? *mark - 1 : nsep;
	if (ngroup > 0) {
		int g = b->sep[1];

		if (b->len[0] < 1 || b->len[0] > 3 || b->run[0][0] == '0')
			return CG_V_ESYNTAX;
		for (i = 1; i <= ngroup; i++)
			if (b->sep[i] != g || b->len[i] != 3)
				return CG_V_ESYNTAX;
		if (group == 0)
			group = g;
		if (b->has_exp)
			return CG_V_ESYNTAX;	/* "1,234e5" is no spelling */
	}
	if (*mark) {
		if (b->has_exp && b->sep[*mark] != SEP_DOT)
			return CG_V_ESYNTAX;
		if (group != -1)
			*seen = b->sep[*mark] == SEP_DOT ? CG_DEC_DOT :
			    CG_DEC_COMMA;
	} else if (group == SEP_DOT)
		*seen = CG_DEC_COMMA;
	else if (group == SEP_COMMA)
		*seen = CG_DEC_DOT;
	return CG_V_OK;
}

/*
 * Clinger's fast path: with at most 15 significant digits and a power of
 * ten up to 1e22, both are exact doubles and one multiplication or
 * division rounds correctly, giving exactly what strtod would, about ten
 * times faster. Returns 0 when the number needs strtod.
 */
static int
exact_small(const struct body *b, size_t mark, long exp, double *v)
{
	static const double p10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
	    1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
	    1e19, 1e20, 1e21, 1e22 };
	uint64_t m = 0;
	size_t i, k;
	int nsig = 0;
	long e = exp;

	for (i = 0; i < b->nrun; i++)
		for (k = 0; k < b->len[i]; k++) {
			if (mark && i >= mark)
				e--;
			if (m == 0 && b->run[i][k] == '0')
				continue;
			if (++nsig > 15)
				return 0;
			m = m * 10 + (uint64_t)(b->run[i][k] - '0');
		}
	if (e < -22 || e > 22)
		return m == 0 ? (*v = 0, 1) : 0;
	*v = e >= 0 ? (double)m * p10[e] : (double)m / p10[-e];
	return 1;
}

/* Write the number as "-digits.digitse-2" for strtod. */
static int
normalise(const struct body *b, size_t mark, int neg, long exp, char *buf,
    size_t cap)
{
	size_t i, o = 0;
	int w;

	if (neg)
		buf[o++] = '-';
	for (i = 0; i < b->nrun; i++) {
		if (mark && i == mark) {
			if (i == 1 && b->len[0] == 0)
				buf[o++] = '0';
			buf[o++] = '.';
		}
		if (b->len[i] + o + 1 >= cap)
			return -1;
		memcpy(buf + o, b->run[i], b->len[i]);
		o += b->len[i];
	}
	w = snprintf(buf + o, cap - o, "e%ld", exp);
	if (w < 0 || (size_t)w >= cap - o)
		return -1;
	return 0;
}

int
cg_parse_num(const char *s, size_t n, char decimal, double *out,
    struct cg_num_info *info)
{
	struct cg_num_info dummy;
	struct body b;
	char buf[NUM_BUF], *end;
	size_t p = 0, k, mark;
	long r;
	int neg = 0, have_sign = 0, paren = 0, closed = 0, rc;
	long exp;
	double v;

	if (info == NULL)
		info = &dummy;
	memset(info, 0, sizeof(*info));
	/*
	 * Plain integers ("4514", "-12") are most of what tools read: counts,
	 * days, amounts in deal logs. They say nothing about the decimal mark,
	 * so read them before the search for signs, currencies and groups.
	 */
	if (n > 0 && n <= 16) {
		size_t i = s[0] == '-';
		int64_t iv = 0;

		for (k = i; k < n && s[k] >= '0' && s[k] <= '9'; k++)
			iv = iv * 10 + (s[k] - '0');
		if (k == n && n > i && iv < CG_NUM_LIMIT) {
			*out = i ? -(double)iv : (double)iv;
			if (*out == 0)
				*out = 0;	/* no negative zero */
			return CG_V_OK;
		}
	}
	if (!cg_utf8_valid(s, n))
		return CG_V_EUTF8;
	cg_trim(&s, &n);
	if (n == 0)
		return CG_V_EMPTY;
	if (is_nonfinite(s, n))
		return CG_V_ERANGE;

	/* Before the digits: "(", one sign, one currency, in any order. */
	if (s[0] == '(') {
		paren = 1;
		p = 1;
		while ((k = cg_value_blank(s + p, n - p)) > 0)
			p += k;
	}
	for (;;) {
		if (!have_sign && !paren &&
		    (k = sign_len(s + p, n - p, &neg)) > 0) {
			have_sign = 1;
			p += k;
		} else if (!info->currency &&
		    (k = currency_len(s + p, n - p)) > 0) {
			info->currency = 1;
			p += k;
			while ((k = cg_value_blank(s + p, n - p)) > 0)
				p += k;
		} else
			break;
	}

	r = scan_body(s + p, n - p, &b);
	if (r < 0)
		return CG_V_ERANGE;
	if (r == 0)
		return CG_V_ESYNTAX;
	p += (size_t)r;

	/* After: "%", a currency, the closing ")", each once. */
	for (;;) {
		while ((k = cg_value_blank(s + p, n - p)) > 0)
			p += k;
		if (p == n)
			break;
		if (s[p] == '%' && !info->percent) {
			info->percent = 1;
			p++;
		} else if (s[p] == ')' && paren && !closed) {
			closed = 1;
			p++;
		} else if (!info->currency &&
		    (k = currency_len(s + p, n - p)) > 0) {
			info->currency = 1;
			p += k;
		} else
			return CG_V_ESYNTAX;
	}
	if (paren != closed)
		return CG_V_ESYNTAX;
	info->negative_parens = paren;

	if ((rc = read_marks(&b, decimal, &mark, &info->decimal_seen)) != 0)
		return rc;
	/* A percentage is the same digits two places further right. */
	exp = b.exp - (info->percent ? 2 : 0);
	if (!exact_small(&b, mark, exp, &v)) {
		if (normalise(&b, mark, 0, exp, buf, sizeof(buf)) < 0)
			return CG_V_ERANGE;
		v = strtod(buf, &end);
		if (*end != '\0')
			return CG_V_ESYNTAX;	/* cannot happen: buf is checked */
	}
	if (neg || paren)
		v = -v;
	if (isinf(v) || isnan(v) || fabs(v) >= CG_NUM_LIMIT)
		return CG_V_ERANGE;
	*out = v == 0 ? 0.0 : v;	/* "-0" is zero, not negative zero */
	return CG_V_OK;
}
