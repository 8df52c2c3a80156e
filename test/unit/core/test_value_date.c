/*
 * test_value_date.c - cg_parse_date on ISO, US and European spellings,
 * the day-count conversions, weekdays and ISO weeks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "clientgrade/value.h"

enum { AUTO = CG_DATES_AUTO, US = CG_DATES_US, EU = CG_DATES_EU,
    ISO = CG_DATES_ISO };
#define CAN_US	CG_DATE_CAN_US
#define CAN_EU	CG_DATE_CAN_EU
#define CAN_BOTH	(CG_DATE_CAN_US | CG_DATE_CAN_EU)
#define IS_ISO	CG_DATE_IS_ISO

struct date_case {
	const char *name;
	const char *in;
	int order;
	int rc;
	int y, m, d;	/* checked when rc is CG_V_OK */
	int can;	/* checked always */
};

static const struct date_case cases[] = {
	{ "an ISO date reads", "2026-11-24", AUTO, 0, 2026, 11, 24, IS_ISO },
	{ "an ISO date with slashes reads", "2026/11/24", AUTO, 0, 2026, 11, 24, IS_ISO },
	{ "an ISO date with a T time ignores the time", "2026-11-24T10:00:00", AUTO, 0, 2026, 11, 24, IS_ISO },
	{ "an ISO date with a zoned time ignores the time", "2026-11-24T10:00:00.250+01:00", AUTO, 0, 2026, 11, 24, IS_ISO },
	{ "an ISO date with a UTC time ignores the time", "2026-11-24T23:59:59Z", AUTO, 0, 2026, 11, 24, IS_ISO },
	{ "an ISO date with a blank and time ignores the time", "2026-11-24 10:00", AUTO, 0, 2026, 11, 24, IS_ISO },
	{ "an ISO date with one-digit month and day reads", "2026-1-5", AUTO, 0, 2026, 1, 5, IS_ISO },
	{ "an ISO date reads under the US order", "2026-11-24", US, 0, 2026, 11, 24, IS_ISO },
	{ "an ISO date reads under the EU order", "2026-11-24", EU, 0, 2026, 11, 24, IS_ISO },
	{ "an ISO date reads under the ISO order", "2026-11-24", ISO, 0, 2026, 11, 24, IS_ISO },
	{ "blanks around a date are ignored", "  2026-11-24\t", AUTO, 0, 2026, 11, 24, IS_ISO },
	{ "a US date with a day over 12 reads", "11/24/2026", AUTO, 0, 2026, 11, 24, CAN_US },
	{ "a European slash date with a day over 12 reads", "24/11/2026", AUTO, 0, 2026, 11, 24, CAN_EU },
	{ "a European dash date with a day over 12 reads", "24-11-2026", AUTO, 0, 2026, 11, 24, CAN_EU },
	{ "a dotted date is always day first", "24.11.2026", AUTO, 0, 2026, 11, 24, CAN_EU },
	{ "a dotted date stays day first under the US order", "03.04.2026", US, 0, 2026, 4, 3, CAN_EU },
	{ "a dotted date with small numbers is not ambiguous", "03.04.2026", AUTO, 0, 2026, 4, 3, CAN_EU },
	{ "one-digit day and month read", "1/2/2026", US, 0, 2026, 1, 2, CAN_BOTH },
	{ "a US date with time ignores the time", "11/24/2026 10:00 PM", AUTO, 0, 2026, 11, 24, CAN_US },
	{ "a dotted date with time ignores the time", "24.11.2026 10:00", AUTO, 0, 2026, 11, 24, CAN_EU },
	{ "a two-digit year 69 is 1969", "24.11.69", AUTO, 0, 1969, 11, 24, CAN_EU },
	{ "a two-digit year 99 is 1999", "12/31/99", AUTO, 0, 1999, 12, 31, CAN_US },
	{ "a two-digit year 00 is 2000", "24/11/00", AUTO, 0, 2000, 11, 24, CAN_EU },
	{ "a two-digit year 68 is 2068", "24/11/68", AUTO, 0, 2068, 11, 24, CAN_EU },
	{ "equal day and month are not ambiguous", "05/05/2026", AUTO, 0, 2026, 5, 5, CAN_BOTH },
	{ "the US order resolves 03/04", "03/04/2026", US, 0, 2026, 3, 4, CAN_BOTH },
	{ "the EU order resolves 03/04", "03/04/2026", EU, 0, 2026, 4, 3, CAN_BOTH },
	{ "the EU order resolves 03-04 with dashes", "03-04-2026", EU, 0, 2026, 4, 3, CAN_BOTH },
	{ "a leap day in a leap year reads", "2024-02-29", AUTO, 0, 2024, 2, 29, IS_ISO },
	{ "a leap day in 2000 reads", "29.02.2000", AUTO, 0, 2000, 2, 29, CAN_EU },
	{ "the first year allowed reads", "1000-01-01", AUTO, 0, 1000, 1, 1, IS_ISO },
	{ "the last year allowed reads", "9999-12-31", AUTO, 0, 9999, 12, 31, IS_ISO },

	{ "03/04 without a hint is ambiguous", "03/04/2026", AUTO, CG_V_EAMBIG, 0, 0, 0, CAN_BOTH },
	{ "3-4-26 without a hint is ambiguous", "3-4-26", AUTO, CG_V_EAMBIG, 0, 0, 0, CAN_BOTH },
	{ "an empty field is empty", "", AUTO, CG_V_EMPTY, 0, 0, 0, 0 },
	{ "a blank field is empty", " \xC2\xA0 ", AUTO, CG_V_EMPTY, 0, 0, 0, 0 },
	{ "February 30 is out of range", "2026-02-30", AUTO, CG_V_ERANGE, 0, 0, 0, IS_ISO },
	{ "a leap day in a common year is out of range", "2026-02-29", AUTO, CG_V_ERANGE, 0, 0, 0, IS_ISO },
	{ "a leap day in 1900 is out of range", "1900-02-29", AUTO, CG_V_ERANGE, 0, 0, 0, IS_ISO },
	{ "month 13 is out of range", "2026-13-01", AUTO, CG_V_ERANGE, 0, 0, 0, IS_ISO },
	{ "day 0 is out of range", "2026-01-00", AUTO, CG_V_ERANGE, 0, 0, 0, IS_ISO },
	{ "April 31 is out of range", "31/04/2026", AUTO, CG_V_ERANGE, 0, 0, 0, 0 },
	{ "13/13 is out of range", "13/13/2026", AUTO, CG_V_ERANGE, 0, 0, 0, 0 },
	{ "a year before 1000 is out of range", "0999-12-31", AUTO, CG_V_ERANGE, 0, 0, 0, IS_ISO },
	{ "a four-digit year 0999 last is out of range", "24.11.0999", AUTO, CG_V_ERANGE, 0, 0, 0, 0 },
	{ "a European date under the US order is out of range", "24/11/2026", US, CG_V_ERANGE, 0, 0, 0, CAN_EU },
	{ "a US date under the EU order is out of range", "11/24/2026", EU, CG_V_ERANGE, 0, 0, 0, CAN_US },
	{ "a dotted date with month 24 is out of range", "11.24.2026", AUTO, CG_V_ERANGE, 0, 0, 0, 0 },
	{ "a slash date under the ISO order is refused", "24/11/2026", ISO, CG_V_ESYNTAX, 0, 0, 0, 0 },
	{ "a dotted date under the ISO order is refused", "24.11.2026", ISO, CG_V_ESYNTAX, 0, 0, 0, 0 },
	{ "a dotted ISO-looking date is refused", "2026.11.24", AUTO, CG_V_ESYNTAX, 0, 0, 0, 0 },
	{ "mixed separators are refused", "2026-11/24", AUTO, CG_V_ESYNTAX, 0, 0, 0, 0 },
	{ "mixed separators day first are refused", "24/11-2026", AUTO, CG_V_ESYNTAX, 0, 0, 0, 0 },
	{ "a three-digit year is refused", "24.11.202", AUTO, CG_V_ESYNTAX, 0, 0, 0, 0 },
	{ "a five-digit year is refused", "24.11.20260", AUTO, CG_V_ESYNTAX, 0, 0, 0, 0 },
	{ "a three-digit day is refused", "124/11/2026", AUTO, CG_V_ESYNTAX, 0, 0, 0, 0 },
	{ "a three-digit month is refused", "2026-011-24", AUTO, CG_V_ESYNTAX, 0, 0, 0, 0 },
	{ "a dash date with a two-digit year last reads day first", "24-11-26", AUTO, 0, 2026, 11, 24, CAN_EU },
	{ "trailing junk is refused", "2026-11-24x", AUTO, CG_V_ESYNTAX, 0, 0, 0, 0 },
	{ "a word after the date is refused", "24.11.2026 noon", AUTO, CG_V_ESYNTAX, 0, 0, 0, 0 },
	{ "a time without minutes is refused", "2026-11-24T10", AUTO, CG_V_ESYNTAX, 0, 0, 0, 0 },
	{ "a missing day is refused", "2026-11", AUTO, CG_V_ESYNTAX, 0, 0, 0, 0 },
	{ "a month name is refused", "24 Nov 2026", AUTO, CG_V_ESYNTAX, 0, 0, 0, 0 },
	{ "a number is not a date", "45000", AUTO, CG_V_ESYNTAX, 0, 0, 0, 0 },
	{ "invalid UTF-8 is reported", "2026-11-24\xFF", AUTO, CG_V_EUTF8, 0, 0, 0, 0 },
};

static void
test_date_spellings(void **state)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct date_case *c = &cases[i];
		int32_t days = -12345;
		int can = -1, rc, y, m, d;

		rc = cg_parse_date(c->in, strlen(c->in), c->order, &days, &can);
		if (rc != c->rc)
			fail_msg("%s: \"%s\" returned %d (%s), want %d",
			    c->name, c->in, rc, cg_value_strerror(rc), c->rc);
		if (can != c->can)
			fail_msg("%s: \"%s\" can=%d, want %d", c->name, c->in,
			    can, c->can);
		if (rc != CG_V_OK) {
			if (days != -12345)
				fail_msg("%s: days written on error", c->name);
			continue;
		}
		cg_civil_from_days(days, &y, &m, &d);
		if (y != c->y || m != c->m || d != c->d)
			fail_msg("%s: \"%s\" read %04d-%02d-%02d, want "
			    "%04d-%02d-%02d", c->name, c->in, y, m, d, c->y,
			    c->m, c->d);
	}
}

static void
test_can_may_be_null(void **state)
{
	int32_t days;

	assert_int_equal(cg_parse_date("03/04/2026", 10, AUTO, &days, NULL),
	    CG_V_EAMBIG);
	assert_int_equal(cg_parse_date("2026-11-24", 10, AUTO, &days, NULL),
	    CG_V_OK);
	assert_int_equal(days, 20781);
}

static void
test_explicit_length_is_respected(void **state)
{
	int32_t days;

	/* The field is "2026-11-24"; what follows belongs to the next one. */
	assert_int_equal(cg_parse_date("2026-11-24,junk", 10, AUTO, &days,
	    NULL), CG_V_OK);
	assert_int_equal(days, 20781);
	assert_int_equal(cg_parse_date("2026-11-2", 9, AUTO, &days, NULL),
	    CG_V_OK);
	assert_int_equal(days, 20759);
}

static void
test_known_day_counts(void **state)
{
	assert_int_equal(cg_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(cg_days_from_civil(1969, 12, 31), -1);
	assert_int_equal(cg_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(cg_days_from_civil(2026, 11, 24), 20781);
	assert_int_equal(cg_days_from_civil(1900, 1, 1), -25567);
	assert_int_equal(cg_days_from_civil(1000, 1, 1), -354285);
	assert_int_equal(cg_days_from_civil(9999, 12, 31), 2932896);
}

/* Walk every day of 1900..2100: each step is one day, and back again. */
static void
test_days_and_civil_round_trip_1900_to_2100(void **state)
{
	int32_t first = cg_days_from_civil(1900, 1, 1);
	int32_t last = cg_days_from_civil(2100, 12, 31);
	int32_t day;
	int y = 1900, m = 1, d = 1, yy, mm, dd;
	static const int mlen[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	for (day = first; day <= last; day++) {
		cg_civil_from_days(day, &yy, &mm, &dd);
		if (yy != y || mm != m || dd != d)
			fail_msg("day %d is %d-%d-%d, want %d-%d-%d", day, yy,
			    mm, dd, y, m, d);
		if (cg_days_from_civil(y, m, d) != day)
			fail_msg("%d-%d-%d is not day %d", y, m, d, day);
		/* Next civil date, computed independently. */
		int len = mlen[m - 1] + (m == 2 && ((y % 4 == 0 &&
		    y % 100 != 0) || y % 400 == 0));
		if (++d > len) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	assert_int_equal(y, 2101);
}

static void
test_weekdays(void **state)
{
	assert_int_equal(cg_weekday(0), 3);	/* 1970-01-01 Thursday */
	assert_int_equal(cg_weekday(cg_days_from_civil(2026, 11, 24)), 1);
	assert_int_equal(cg_weekday(cg_days_from_civil(2026, 11, 23)), 0);
	assert_int_equal(cg_weekday(cg_days_from_civil(2026, 11, 29)), 6);
	assert_int_equal(cg_weekday(-1), 2);	/* 1969-12-31 Wednesday */
	assert_int_equal(cg_weekday(-4), 6);	/* 1969-12-28 Sunday */
	assert_int_equal(cg_weekday(cg_days_from_civil(1900, 1, 1)), 0);
	assert_int_equal(cg_weekday(INT32_MIN), cg_weekday(INT32_MIN + 7));
	assert_int_equal(cg_weekday(INT32_MAX), (cg_weekday(INT32_MAX - 1) +
	    1) % 7);
}

struct week_case {
	const char *name;
	int y, m, d;
	int wy, wk;
};

static const struct week_case weeks[] = {
	{ "2026-11-24 is in week 48", 2026, 11, 24, 2026, 48 },
	{ "2020-12-31 is in week 53 of 2020", 2020, 12, 31, 2020, 53 },
	{ "2021-01-03 is in week 53 of 2020", 2021, 1, 3, 2020, 53 },
	{ "2021-01-04 is in week 1 of 2021", 2021, 1, 4, 2021, 1 },
	{ "2024-12-30 is in week 1 of 2025", 2024, 12, 30, 2025, 1 },
	{ "2026-01-01 is in week 1 of 2026", 2026, 1, 1, 2026, 1 },
	{ "2027-01-03 is in week 53 of 2026", 2027, 1, 3, 2026, 53 },
	{ "2008-12-29 is in week 1 of 2009", 2008, 12, 29, 2009, 1 },
	{ "2010-01-03 is in week 53 of 2009", 2010, 1, 3, 2009, 53 },
	{ "2005-01-01 is in week 53 of 2004", 2005, 1, 1, 2004, 53 },
	{ "2006-01-01 is in week 52 of 2005", 2006, 1, 1, 2005, 52 },
	{ "1970-01-01 is in week 1 of 1970", 1970, 1, 1, 1970, 1 },
};

static void
test_iso_weeks(void **state)
{
	size_t i;

	for (i = 0; i < sizeof(weeks) / sizeof(weeks[0]); i++) {
		const struct week_case *c = &weeks[i];
		int32_t day = cg_days_from_civil(c->y, c->m, c->d);
		int wy, wk;

		cg_iso_week(day, &wy, &wk);
		if (wy != c->wy || wk != c->wk)
			fail_msg("%s: got week %d of %d", c->name, wk, wy);
		/* Its Monday is in the same week, at most 6 days before. */
		int32_t mon = cg_iso_week_monday(wy, wk);
		if (cg_weekday(mon) != 0 || day - mon < 0 || day - mon > 6)
			fail_msg("%s: Monday of week %d/%d is day %d", c->name,
			    wk, wy, mon);
	}
	assert_int_equal(cg_iso_week_monday(2026, 48),
	    cg_days_from_civil(2026, 11, 23));
	assert_int_equal(cg_iso_week_monday(2021, 1),
	    cg_days_from_civil(2021, 1, 4));
	assert_int_equal(cg_iso_week_monday(2020, 53),
	    cg_days_from_civil(2020, 12, 28));
}

/* Every Monday from 1900 to 2100 starts week n, and n+1 follows. */
static void
test_iso_weeks_are_consistent_1900_to_2100(void **state)
{
	int32_t day = cg_iso_week_monday(1900, 1);
	int32_t last = cg_days_from_civil(2100, 12, 31);
	int wy, wk, py = 1900, pw = 0;

	for (; day <= last; day += 7) {
		cg_iso_week(day, &wy, &wk);
		if (wy == py)
			assert_int_equal(wk, pw + 1);
		else {
			assert_int_equal(wy, py + 1);
			assert_int_equal(wk, 1);
			assert_true(pw == 52 || pw == 53);
		}
		assert_int_equal(cg_iso_week_monday(wy, wk), day);
		cg_iso_week(day + 6, &py, &pw);
		assert_int_equal(py, wy);
		assert_int_equal(pw, wk);
	}
}

static void
test_format_date(void **state)
{
	char buf[11];

	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(cg_fmt_date(buf, 20781), 10);
	assert_string_equal(buf, "2026-11-24");
	assert_int_equal(cg_fmt_date(buf, 0), 10);
	assert_string_equal(buf, "1970-01-01");
	assert_int_equal(cg_fmt_date(buf, cg_days_from_civil(1000, 1, 1)), 10);
	assert_string_equal(buf, "1000-01-01");
	/* Outside 0..9999 the text is cut, never the buffer overrun. */
	assert_true(cg_fmt_date(buf, INT32_MAX) <= 10);
	assert_int_equal(buf[10], '\0');
}

static void
test_today_is_the_local_date(void **state)
{
	time_t t = time(NULL);
	struct tm tm;
	int32_t today = cg_today();

	localtime_r(&t, &tm);
	/* Allow for midnight passing between the two calls. */
	int32_t want = cg_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday);
	assert_true(today == want || today + 1 == want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_spellings),
		cmocka_unit_test(test_can_may_be_null),
		cmocka_unit_test(test_explicit_length_is_respected),
		cmocka_unit_test(test_known_day_counts),
		cmocka_unit_test(test_days_and_civil_round_trip_1900_to_2100),
		cmocka_unit_test(test_weekdays),
		cmocka_unit_test(test_iso_weeks),
		cmocka_unit_test(test_iso_weeks_are_consistent_1900_to_2100),
		cmocka_unit_test(test_format_date),
		cmocka_unit_test(test_today_is_the_local_date),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
