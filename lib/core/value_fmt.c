/*
 * value_fmt.c - numbers written back for spreadsheets: fixed decimals in
 * the file's own decimal mark, no grouping, so the cell reads as a number.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/text.h"
#include "clientgrade/value.h"

/*
 * Scientific notation without a decimal mark ("-15e299" for -1.5e300),
 * shortest that reads back exactly, for values too long to write out: every reader takes it whatever its
 * decimal mark, where "1,5e300" would be refused.
 */
static int
fmt_sci(char *tmp, size_t size, size_t cap, double v)
{
	char mant[32], *q;
	int p, len = -1, exp, nd, o;

	/* The fewest digits that read back as v. */
	for (p = 0; p < 16; p++) {
		snprintf(mant, sizeof(mant), "%.*e", p, v);
		if (strtod(mant, NULL) == v)
			break;
	}
	for (; p >= 0; p--) {
		snprintf(mant, sizeof(mant), "%.*e", p, v);
		q = strchr(mant, 'e');
		exp = 0;
		for (o = q[1] == '-' || q[1] == '+' ? 2 : 1; q[o] != '\0'; o++)
			exp = exp * 10 + (q[o] - '0');
		if (q[1] == '-')
			exp = -exp;
		/* Join the digits around the mark, then drop trailing zeros. */
		for (o = 0, nd = 0; mant + o < q; o++)
			if (mant[o] != '.')
				mant[nd++] = mant[o];
		exp -= p;
		while (nd > 1 && mant[nd - 1] == '0') {
			nd--;
			exp++;
		}
		mant[nd] = '\0';
		len = snprintf(tmp, size, "%se%d", mant, exp);
		if (len >= 0 && (size_t)len < cap)
			return len;
	}
	return len;
}

/*
 * "%.*f" without printf: v * 10^prec rounded to an integer, halves away
 * from zero. Returns the length, or -1 to leave it to printf (values of
 * 2^52 and more after scaling).
 */
static int
fmt_fixed_fast(char *tmp, size_t size, double v, int prec)
{
	static const double p10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
	    1e8, 1e9 };
	char digits[24];
	double x, fl, fr, e;
	uint64_t r, ip, fp, scale = 1;
	int nd = 0, o = 0, i;

	if (prec > 9 || size < 40)
		return -1;
	x = fabs(v) * p10[prec];
	if (!(x < 0x1p52))
		return -1;
	fl = floor(x);
	fr = x - fl;	/* exact: both are multiples of x's ulp */
	/*
	 * x is the product rounded; fma gives its rounding error e exactly
	 * (|e| <= 1/4 below 2^52), so the true product is x + e and we round
	 * that, halves away from zero: a spreadsheet shows 750.125 as 750.13
	 * where printf's half-even says 750.12. 0.5 - fr is exact too.
	 */
	e = fma(fabs(v), p10[prec], -x);
	r = (uint64_t)fl + (e >= 0.5 - fr);
	for (i = 0; i < prec; i++)
		scale *= 10;
	ip = r / scale;
	fp = r % scale;
	if (v < 0 && r != 0)
		tmp[o++] = '-';
	do {
		digits[nd++] = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip != 0);
	while (nd > 0)
		tmp[o++] = digits[--nd];
	if (prec > 0) {
		tmp[o++] = '.';
		for (i = prec - 1; i >= 0; i--) {
			tmp[o + i] = (char)('0' + fp % 10);
			fp /= 10;
		}
		o += prec;
	}
	tmp[o] = '\0';
	return o;
}

/*
 * The slow way, for what the fast one leaves: glibc prints a double's
 * exact decimal expansion when asked for enough digits (a double has at
 * most 1074 after the mark), so a true tie is seen as "5000..." and
 * rounded away from zero like the fast path does.
 */
static int
fmt_fixed_exact(char *tmp, size_t size, double v, int prec)
{
	char ex[1500], *dot, *tail;
	size_t n, i, at;
	int carry = 1, len;

	len = snprintf(tmp, size, "%.*f", prec, v);
	if (snprintf(ex, sizeof(ex), "%.*f", prec + 1080, v) >=
	    (int)sizeof(ex) || (dot = strchr(ex, '.')) == NULL)
		return len;
	tail = dot + 1 + prec;
	if (tail[0] != '5' || strspn(tail + 1, "0") != strlen(tail + 1))
		return len;
	*(prec > 0 ? tail : dot) = '\0';
	n = strlen(ex);
	for (i = n; i-- > 0 && carry; ) {
		if (ex[i] == '.' || ex[i] == '-')
			continue;
		if (ex[i] == '9')
			ex[i] = '0';
		else {
			ex[i]++;
			carry = 0;
		}
	}
	if (carry) {
		at = ex[0] == '-' ? 1 : 0;
		memmove(ex + at + 1, ex + at, n - at + 1);
		ex[at] = '1';
	}
	return snprintf(tmp, size, "%s", ex);
}

size_t
cg_fmt_num(char *buf, size_t cap, double v, int prec, int trim,
    char decimal)
{
	char tmp[400], *dot, *last;
	int len, p;
	size_t n;

	if (cap == 0)
		return 0;
	if (prec < 0)
		prec = 0;
	if (prec > 17)
		prec = 17;
	if (isnan(v) || isinf(v)) {
		/* Not a number a tool should write; keep it visible. */
		len = snprintf(buf, cap, "%s", isnan(v) ? "NaN" :
		    v > 0 ? "Inf" : "-Inf");
		return (size_t)len < cap ? (size_t)len : cap - 1;
	}
	/* Fewer decimals when the caller's buffer is short (1e20 with 17
	 * decimals); scientific notation only when even none fit. */
	len = fmt_fixed_fast(tmp, sizeof(tmp), v, prec);
	if (len < 0 || (size_t)len >= cap) {
		for (p = prec; p >= 0; p--) {
			len = fmt_fixed_exact(tmp, sizeof(tmp), v, p);
			if (len >= 0 && (size_t)len < cap)
				break;
		}
		if (p < 0)
			len = fmt_sci(tmp, sizeof(tmp), cap, v);
	}
	if (len < 0)
		len = 0;
	n = (size_t)len;

	if ((dot = strchr(tmp, '.')) != NULL) {
		if (trim) {
			last = tmp + n - 1;
			while (last > dot && *last == '0')
				last--;
			if (last == dot)
				last--;
			n = (size_t)(last + 1 - tmp);
			tmp[n] = '\0';
		}
		if (decimal == ',' && n > (size_t)(dot - tmp))
			*dot = ',';
	}
	/* "-0.00" is zero: print it without the sign. */
	if (tmp[0] == '-' && strspn(tmp + 1, "0.,") == n - 1) {
		memmove(tmp, tmp + 1, n);
		n--;
	}
	if (n >= cap)
		n = cap - 1;
	memcpy(buf, tmp, n);
	buf[n] = '\0';
	return n;
}

size_t
cg_fmt_long(char *buf, long v)
{
	char tmp[CG_LONG_BUFSIZE];
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
	size_t n = 0, i = 0;

	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		buf[i++] = '-';
	while (n > 0)
		buf[i++] = tmp[--n];
	buf[i] = '\0';
	return i;
}
