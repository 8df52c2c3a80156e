/*
 * touchplan_period.c - the days a plan covers and the days a rep works:
 * the working weekdays (--workdays, "mon-fri"), and the periods --week
 * (ISO 8601 weeks), --month and --quarter, with their "the coming one"
 * defaults.
 * Pure functions of their arguments and today; the days off (holidays,
 * absences) are read in touchplan_calendar.c.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "clientgrade/touchplan.h"
#include "clientgrade/value.h"

/* ---- working days ---- */

static const char *const daynames[7] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun"
};

static int
day_parse(const char *s, size_t n)
{
	int i;

	/* "mon" or a longer spelling ("monday"); three letters decide. */
	if (n < 3)
		return -1;
	for (i = 0; i < 7; i++)
		if (strncasecmp(s, daynames[i], 3) == 0)
			return i;
	return -1;
}

int
cg_tp_workdays_parse(const char *s, unsigned *mask, char *why,
    size_t whycap)
{
	const char *p = s, *q, *dash;
	int a, b, i;

	*mask = 0;
	if (strcasecmp(s, "all") == 0) {
		*mask = 0x7f;
		return 0;
	}
	while (*p != '\0') {
		q = p;
		while (*q != '\0' && *q != ',')
			q++;
		dash = memchr(p, '-', (size_t)(q - p));
		if (dash != NULL) {
			a = day_parse(p, (size_t)(dash - p));
			b = day_parse(dash + 1, (size_t)(q - dash - 1));
		} else
			a = b = day_parse(p, (size_t)(q - p));
		if (a < 0 || b < 0) {
			snprintf(why, whycap, "bad day '%.*s' (want mon..sun, "
			    "ranges like mon-fri, commas)", (int)(q - p), p);
			return -1;
		}
		/* A range may wrap over the weekend: fri-mon. */
		for (i = a;; i = (i + 1) % 7) {
			*mask |= 1u << i;
			if (i == b)
				break;
		}
		p = *q == ',' ? q + 1 : q;
	}
	if (*mask == 0) {
		snprintf(why, whycap, "no working day");
		return -1;
	}
	return 0;
}

/* ---- periods ---- */

static int
digits_n(const char *s, int n, int *out)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int
cg_tp_period_week(const char *arg, int32_t today, int32_t *from,
    int32_t *to, struct cg_err *err)
{
	int y, w, y2, w2;

	if (arg == NULL) {
		/* The coming week: the first Monday on or after today. */
		*from = today + (7 - cg_weekday(today)) % 7;
		*to = *from + 6;
		return 0;
	}
	if (strlen(arg) != 8 || digits_n(arg, 4, &y) < 0 || arg[4] != '-' ||
	    (arg[5] != 'W' && arg[5] != 'w') || digits_n(arg + 6, 2, &w) < 0)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "bad week '%s' (want YYYY-Www, e.g. 2026-W49)", arg);
	*from = cg_iso_week_monday(y, w);
	cg_iso_week(*from, &y2, &w2);
	if (w < 1 || y2 != y || w2 != w)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "no week %d in %d", w, y);
	*to = *from + 6;
	return 0;
}

int
cg_tp_period_month(const char *arg, int32_t today, int32_t *from,
    int32_t *to, struct cg_err *err)
{
	int y, m, d;

	if (arg == NULL) {
		/* The coming month: this one on its first day, else next. */
		cg_civil_from_days(today, &y, &m, &d);
		if (d != 1 && ++m == 13) {
			m = 1;
			y++;
		}
	} else if (strlen(arg) != 7 || digits_n(arg, 4, &y) < 0 ||
	    arg[4] != '-' || digits_n(arg + 5, 2, &m) < 0 || m < 1 || m > 12)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "bad month '%s' (want YYYY-MM, e.g. 2026-12)", arg);
	*from = cg_days_from_civil(y, m, 1);
	*to = (m == 12 ? cg_days_from_civil(y + 1, 1, 1) :
	    cg_days_from_civil(y, m + 1, 1)) - 1;
	return 0;
}

int
cg_tp_period_quarter(const char *arg, int32_t today, int32_t *from,
    int32_t *to, struct cg_err *err)
{
	int y, m, d, q;

	if (arg == NULL) {
		/* The coming quarter: this one on its first day, else the
		 * next. */
		cg_civil_from_days(today, &y, &m, &d);
		q = (m - 1) / 3 + 1;
		if ((d != 1 || (m - 1) % 3 != 0) && ++q == 5) {
			q = 1;
			y++;
		}
	} else if (strlen(arg) != 7 || digits_n(arg, 4, &y) < 0 ||
	    arg[4] != '-' || (arg[5] != 'Q' && arg[5] != 'q') ||
	    arg[6] < '1' || arg[6] > '4')
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "bad quarter '%s' (want YYYY-Qn, e.g. 2027-Q1)", arg);
	else
		q = arg[6] - '0';
	*from = cg_days_from_civil(y, 3 * q - 2, 1);
	*to = (q == 4 ? cg_days_from_civil(y + 1, 1, 1) :
	    cg_days_from_civil(y, 3 * q + 1, 1)) - 1;
	return 0;
}
