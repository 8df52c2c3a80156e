/*
 * value_date.c - calendar dates as exports spell them, and day counts.
 *
 * Days are counted from 1970-01-01 in the proleptic Gregorian calendar;
 * the conversions are Howard Hinnant's era/day-of-era algorithms
 * ("chrono-Compatible Low-Level Date Algorithms"), done in 64 bits so
 * no int32_t input can overflow.
 */
#include <stdio.h>
#include <time.h>

#include "clientgrade/value.h"
#include "value_text.h"

int32_t
cg_days_from_civil(int y, int m, int d)
{
	int64_t yy = (int64_t)y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (int32_t)(era * 146097 + doe - 719468);
}

void
cg_civil_from_days(int32_t days, int *y, int *m, int *d)
{
	int64_t z = (int64_t)days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int
cg_weekday(int32_t days)
{
	/* 1970-01-01 was a Thursday (3). */
	int64_t w = ((int64_t)days + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

void
cg_iso_week(int32_t days, int *year, int *week)
{
	/* A week belongs to the year that holds its Thursday. */
	int32_t thu = (int32_t)((int64_t)days - cg_weekday(days) + 3);
	int m, d;

	cg_civil_from_days(thu, year, &m, &d);
	*week = (thu - cg_days_from_civil(*year, 1, 1)) / 7 + 1;
}

int32_t
cg_iso_week_monday(int year, int week)
{
	/* 4 January is always in week 1. */
	int32_t jan4 = cg_days_from_civil(year, 1, 4);

	return jan4 - cg_weekday(jan4) + (week - 1) * 7;
}

size_t
cg_fmt_date(char *buf, int32_t days)
{
	int y, m, d, n;

	cg_civil_from_days(days, &y, &m, &d);
	n = snprintf(buf, 11, "%04d-%02d-%02d", y, m, d);
	return n < 0 ? 0 : n > 10 ? 10 : (size_t)n;
}

int32_t
cg_today(void)
{
	time_t t = time(NULL);
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL)
		return (int32_t)(t / 86400);
	return cg_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday);
}

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const int len[12] =
	    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : len[m - 1];
}

static int
valid_ymd(int y, int m, int d)
{
	return y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= month_days(y, m);
}

/* Read 1..max digits at s[*p..n); -1 if there are none or too many. */
static int
digits(const char *s, size_t n, size_t *p, int max, int *ndig)
{
	int v = 0, k = 0;

	while (*p < n && s[*p] >= '0' && s[*p] <= '9') {
		if (++k > max)
			return -1;
		v = v * 10 + (s[*p] - '0');
		(*p)++;
	}
	*ndig = k;
	return k == 0 ? -1 : v;
}

/*
 * What may follow a date: nothing, or 'T' or blanks and a time of day
 * ("10:00", "10:00:00.123+01:00", "10:00 PM", "10:00:00Z"). The time is
 * ignored but must look like one, so "24.11.2026 foo" is not a date.
 */
static int
time_ok(const char *s, size_t n)
{
	size_t p = 0, k;
	int v, nd;

	if (n == 0)
		return 1;
	if (s[0] == 'T' || s[0] == 't')
		p = 1;
	else {
		while ((k = cg_value_blank(s + p, n - p)) > 0)
			p += k;
		if (p == 0)
			return 0;
	}
	if ((v = digits(s, n, &p, 2, &nd)) < 0 || v > 24)
		return 0;
	if (p >= n || s[p] != ':')
		return 0;
	p++;
	if ((v = digits(s, n, &p, 2, &nd)) < 0 || nd != 2 || v > 59)
		return 0;
	for (; p < n; p++) {
		char c = s[p];

		if (!((c >= '0' && c <= '9') || c == ':' || c == '.' ||
		    c == ',' || c == '+' || c == '-' || c == ' ' ||
		    c == 'Z' || c == 'z' || c == 'A' || c == 'a' ||
		    c == 'P' || c == 'p' || c == 'M' || c == 'm'))
			return 0;
	}
	return 1;
}

/* Two-digit years: 69-99 are 1969-1999, 00-68 are 2000-2068 (POSIX). */
static int
full_year(int y, int ndig)
{
	if (ndig == 2)
		return y >= 69 ? 1900 + y : 2000 + y;
	return y;
}

int
cg_parse_serial_date(const char *s, size_t n, int32_t *days)
{
	size_t i = 0;
	long v = 0;

	cg_trim(&s, &n);
	if (n == 0)
		return CG_V_EMPTY;
	for (; i < n && s[i] >= '0' && s[i] <= '9' && i < 8; i++)
		v = v * 10 + (s[i] - '0');
	if (i == 0)
		return CG_V_ESYNTAX;
	if (i < n && (s[i] == '.' || s[i] == ',')) {
		size_t k = ++i;

		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == k)
			return CG_V_ESYNTAX;
	}
	if (i != n)
		return CG_V_ESYNTAX;
	if (v < 1 || v > CG_SERIAL_MAX || v == 60)
		return CG_V_ERANGE;
	/* Excel counts 1900-02-29, which never was: from serial 61 on the
	 * days are one more than from 1899-12-31. */
	*days = cg_days_from_civil(1899, 12, 31) + (int32_t)v - (v > 60);
	return CG_V_OK;
}

int
cg_parse_date(const char *s, size_t n, int order, int32_t *days,
    int *can)
{
	int dummy, a, b, y, na, nb, ny, okus, okeu, m, d;
	size_t p = 0;
	char sep;

	if (can == NULL)
		can = &dummy;
	*can = 0;
	if (!cg_utf8_valid(s, n))
		return CG_V_EUTF8;
	if (order == CG_DATES_SERIAL) {
		int rc = cg_parse_serial_date(s, n, days);

		if (rc != CG_V_ESYNTAX)
			return rc;
		order = CG_DATES_AUTO;
	}
	cg_trim(&s, &n);
	if (n == 0)
		return CG_V_EMPTY;

	if ((a = digits(s, n, &p, 4, &na)) < 0 || p >= n)
		return CG_V_ESYNTAX;
	sep = s[p];
	if (sep != '-' && sep != '/' && sep != '.')
		return CG_V_ESYNTAX;
	p++;
	if ((b = digits(s, n, &p, 2, &nb)) < 0 || p >= n || s[p] != sep)
		return CG_V_ESYNTAX;
	p++;

	if (na == 4) {
		/* Y-M-D (or Y/M/D); never Y.M.D, which nobody writes. */
		if (sep == '.')
			return CG_V_ESYNTAX;
		if ((d = digits(s, n, &p, 2, &ny)) < 0 || !time_ok(s + p, n - p))
			return CG_V_ESYNTAX;
		*can = CG_DATE_IS_ISO;
		if (!valid_ymd(a, b, d))
			return CG_V_ERANGE;
		*days = cg_days_from_civil(a, b, d);
		return CG_V_OK;
	}
	if (na > 2)
		return CG_V_ESYNTAX;
	if ((y = digits(s, n, &p, 4, &ny)) < 0 || (ny != 2 && ny != 4) ||
	    !time_ok(s + p, n - p))
		return CG_V_ESYNTAX;
	if (order == CG_DATES_ISO)
		return CG_V_ESYNTAX;
	y = full_year(y, ny);

	okeu = valid_ymd(y, b, a);
	okus = sep != '.' && valid_ymd(y, a, b);
	*can = (okus ? CG_DATE_CAN_US : 0) | (okeu ? CG_DATE_CAN_EU : 0);
	if (sep == '.' || order == CG_DATES_EU)
		m = b, d = a;
	else if (order == CG_DATES_US)
		m = a, d = b;
	else if (okus && okeu && a != b)
		return CG_V_EAMBIG;
	else if (okus)
		m = a, d = b;
	else
		m = b, d = a;
	if (!valid_ymd(y, m, d))
		return CG_V_ERANGE;
	*days = cg_days_from_civil(y, m, d);
	return CG_V_OK;
}
