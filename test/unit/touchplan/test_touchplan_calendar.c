/*
 * test_touchplan_calendar.c - the calendar a rep can live with (issue 16)
 * and the edges of what touchplan reads and shows (issue 13): load
 * levelling, spacing after every kind of move, contacts scheduled in the
 * CRM, quarters, holiday calendars read with libical, text made safe for
 * the agenda, calendar UIDs that never collide. The spacing promise is
 * checked as a property over many generated worlds.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "clientgrade/buf.h"
#include "clientgrade/run.h"
#include "clientgrade/touchplan.h"
#include "clientgrade/value.h"

#define D(y, m, d) cg_days_from_civil(y, m, d)
#define NACC 64

struct world {
	struct cg_tp_cadence cad[4];
	struct cg_tp_account acc[NACC];
	struct cg_point pt[NACC];	/* for --cluster-visits */
	struct cg_tp_opts o;
	struct cg_tp_plan plan;
};

static void
world_cad(struct world *w, int i, const char *spec)
{
	char why[160];

	memset(&w->cad[i], 0, sizeof(w->cad[i]));
	w->cad[i].ntracks = 1;
	assert_int_equal(cg_tp_track_parse(spec, &w->cad[i].tracks[0], why,
	    sizeof(why)), 0);
}

static void
world_acc(struct world *w, int i, int cad, int32_t last, int32_t sched)
{
	memset(&w->acc[i], 0, sizeof(w->acc[i]));
	w->acc[i].id = "X";
	w->acc[i].name = "X";
	w->acc[i].grade = "A";
	w->acc[i].cad = &w->cad[cad];
	w->acc[i].last = last;
	w->acc[i].sched = sched;
}

static void
world_opts(struct world *w, int32_t from, int32_t to, int cap, int level)
{
	memset(&w->o, 0, sizeof(w->o));
	w->o.from = from;
	w->o.to = to;
	w->o.workdays = 0x1f;
	w->o.capacity = cap;
	w->o.visit_capacity = cap;
	w->o.written_capacity = cap;
	w->o.level_days = level;
}

static const char *const onerep[] = { "Ana" };

/* The planned touches of account i, in date order, into v; how many. */
static size_t
touches_of(const struct cg_tp_plan *p, uint32_t i, int32_t *v, size_t cap)
{
	size_t k, n = 0;

	for (k = 0; k < p->n && n < cap; k++)
		if (p->v[k].acct == i && p->v[k].date != CG_TP_NODATE)
			v[n++] = p->v[k].date;
	return n;	/* the plan is sorted by date */
}

static void
a_weekend_due_day_goes_to_the_lightest_nearby_day_not_always_monday(
    void **state)
{
	struct world w;
	int perday[7] = { 0 };
	size_t i;

	(void)state;
	world_cad(&w, 0, "7 call");
	/* Eight accounts last called on a Saturday or Sunday: all fall due
	 * on the weekend of 2026-12-12/13. */
	for (i = 0; i < 8; i++)
		world_acc(&w, (int)i, 0, i % 2 ? D(2026, 12, 5) :
		    D(2026, 12, 6), CG_TP_NODATE);
	world_opts(&w, D(2026, 12, 7), D(2026, 12, 18), 8, 2);
	cg_tp_schedule(&w.o, w.acc, 8, onerep, 1, &w.plan);
	assert_int_equal(w.plan.n, 8);
	for (i = 0; i < w.plan.n; i++) {
		assert_true(w.plan.v[i].date != CG_TP_NODATE);
		assert_int_equal(w.plan.v[i].why, CG_TP_OFFDAY);
		perday[cg_weekday(w.plan.v[i].date)]++;
	}
	/* Spread over Thursday to Tuesday, never all on Monday. */
	assert_true(perday[0] < 8);
	assert_true(perday[3] + perday[4] > 0);
	assert_true(perday[1] > 0);
	assert_int_equal(perday[5] + perday[6] + perday[2], 0);
	cg_tp_plan_free(&w.plan);

	/* Without levelling (level_days = 0): the next working day. */
	w.o.level_days = 0;
	cg_tp_schedule(&w.o, w.acc, 8, onerep, 1, &w.plan);
	for (i = 0; i < w.plan.n; i++)
		assert_int_equal(w.plan.v[i].date, D(2026, 12, 14));
	cg_tp_plan_free(&w.plan);
}

static void
a_full_day_sends_its_touch_to_the_lightest_day_either_side(void **state)
{
	struct world w;
	size_t i, moved = 0;

	(void)state;
	world_cad(&w, 0, "14 call");
	/* Five due on Wednesday 12-16, room for two a day. */
	for (i = 0; i < 5; i++)
		world_acc(&w, (int)i, 0, D(2026, 12, 2), CG_TP_NODATE);
	world_opts(&w, D(2026, 12, 14), D(2026, 12, 18), 2, 2);
	cg_tp_schedule(&w.o, w.acc, 5, onerep, 1, &w.plan);
	assert_int_equal(w.plan.n, 5);
	for (i = 0; i < w.plan.n; i++) {
		const struct cg_tp_touch *t = &w.plan.v[i];

		assert_true(t->date != CG_TP_NODATE);
		if (t->date == D(2026, 12, 16)) {
			assert_int_equal(t->why, CG_TP_ONTIME);
			continue;
		}
		moved++;
		assert_int_equal(t->why, CG_TP_FULL);
		/* Within two working days either side. */
		assert_true(t->date >= D(2026, 12, 14) &&
		    t->date <= D(2026, 12, 18));
	}
	assert_int_equal(moved, 3);
	/* The earlier days are used too: not everything after. */
	assert_true(w.plan.v[0].date < D(2026, 12, 16));
	cg_tp_plan_free(&w.plan);
}

/* A small deterministic generator for the property tests. */
static uint32_t
rnd(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 8;
}

static void
touches_are_half_an_interval_apart_after_every_kind_of_move(void **state)
{
	static const char *const specs[] = { "7 call, visit", "4 call",
	    "14 email", "26 visit, call" };
	static const int every[] = { 7, 4, 14, 26 };
	struct world *w = calloc(1, sizeof(*w));
	struct cg_tp_dates hol = { 0, 0, NULL };
	struct cg_tp_aways aw = { 0, 0, NULL };
	struct cg_tp_away away = { (char *)"Ana", 0, 0, 0 };
	int32_t v[400];
	uint32_t seed = 7;
	size_t i, n, k, round, nclustered = 0;
	int c;

	(void)state;
	for (c = 0; c < 4; c++)
		world_cad(w, c, specs[c]);
	for (round = 0; round < 200; round++) {
		int32_t from = D(2026, 11, 2) + (int32_t)(rnd(&seed) % 60);
		size_t nacc = 8 + rnd(&seed) % (NACC - 8);

		for (i = 0; i < nacc; i++) {
			int32_t last = rnd(&seed) % 4 ? from -
			    (int32_t)(rnd(&seed) % 40) : CG_TP_NODATE;
			int32_t sched = rnd(&seed) % 5 == 0 ? from +
			    (int32_t)(rnd(&seed) % 80) : CG_TP_NODATE;

			world_acc(w, (int)i, (int)(rnd(&seed) % 4), last, sched);
		}
		world_opts(w, from, from + 90, 1 + (int)(rnd(&seed) % 6),
		    (int)(rnd(&seed) % 4));
		w->o.visit_capacity = (int)(rnd(&seed) % 3);
		/* Every other round clusters visits among places in a
		 * 100 km square, a few accounts without one: clustering
		 * only chooses among the days a visit may take. */
		w->o.cluster_km = round % 2 ? 30 : 0;
		for (i = 0; i < nacc; i++) {
			w->pt[i].lat = rnd(&seed) % 8 ? 52.0 +
			    (double)(rnd(&seed) % 900) / 1000.0 : NAN;
			w->pt[i].lon = 13.0 + (double)(rnd(&seed) % 1400) /
			    1000.0;
		}
		w->o.points = w->pt;
		cg_tp_dates_free(&hol);
		for (k = 0; k < 6; k++)
			cg_tp_dates_add(&hol, from + (int32_t)(rnd(&seed) % 90));
		cg_tp_dates_sort(&hol);
		w->o.holidays = &hol;
		away.from = from + (int32_t)(rnd(&seed) % 80);
		away.to = away.from + (int32_t)(rnd(&seed) % 12);
		aw.v = &away;
		aw.n = 1;
		w->o.aways = &aw;
		cg_tp_schedule(&w->o, w->acc, nacc, onerep, 1, &w->plan);
		for (i = 0; i < w->plan.n; i++) {
			if (w->plan.v[i].why != CG_TP_CLUSTER)
				continue;
			assert_true(w->o.cluster_km > 0);
			assert_true(w->plan.v[i].km <= 30);
			nclustered++;
		}
		for (i = 0; i < nacc; i++) {
			int gap = every[w->acc[i].cad - w->cad] / 2;

			n = touches_of(&w->plan, (uint32_t)i, v, 400);
			for (k = 1; k < n; k++) {
				if (v[k] - v[k - 1] >= gap)
					continue;
				/* Only a scheduled contact may come sooner:
				 * the CRM booked it. */
				assert_int_equal(w->acc[i].sched, v[k]);
			}
			/* Planned days are working days of the rep. */
			for (k = 0; k < n; k++) {
				assert_true(cg_weekday(v[k]) < 5);
				assert_false(cg_tp_dates_has(&hol, v[k]));
				assert_false(v[k] >= away.from &&
				    v[k] <= away.to);
			}
		}
		/* Capacity is kept on every day: personal touches within
		 * the capacity, written ones within the written capacity. */
		for (i = 0; i < w->plan.n; i++) {
			size_t same = 0;
			int wr = CG_TP_WRITTEN(w->plan.v[i].channel);

			if (w->plan.v[i].date == CG_TP_NODATE)
				continue;
			for (k = 0; k < w->plan.n; k++)
				same += w->plan.v[k].date ==
				    w->plan.v[i].date &&
				    CG_TP_WRITTEN(w->plan.v[k].channel) == wr;
			assert_true(same <= (size_t)(wr ?
			    w->o.written_capacity : w->o.capacity));
			if (w->plan.v[i].channel != CG_TP_VISIT)
				continue;
			for (k = 0, same = 0; k < w->plan.n; k++)
				same += w->plan.v[k].date ==
				    w->plan.v[i].date &&
				    w->plan.v[k].channel == CG_TP_VISIT;
			assert_true(same <= (size_t)w->o.visit_capacity);
		}
		cg_tp_plan_free(&w->plan);
	}
	/* The clustering rounds did move visits to their neighbours. */
	assert_true(nclustered > 0);
	cg_tp_dates_free(&hol);
	free(w);
}

static void
a_scheduled_contact_is_the_next_touch_and_only_moves_forward(void **state)
{
	struct world w;
	int32_t v[16];
	size_t n;

	(void)state;
	world_cad(&w, 0, "7 call");
	/* Overdue since long ago, but a call is booked for Thursday 12-17:
	 * no catch-up before it, the series goes on from it. */
	world_acc(&w, 0, 0, D(2026, 10, 1), D(2026, 12, 17));
	world_opts(&w, D(2026, 12, 14), D(2026, 12, 31), 8, 2);
	cg_tp_schedule(&w.o, w.acc, 1, onerep, 1, &w.plan);
	n = touches_of(&w.plan, 0, v, 16);
	assert_int_equal(n, 3);
	assert_int_equal(v[0], D(2026, 12, 17));
	assert_true(w.plan.v[0].flags & CG_TP_F_SCHED);
	assert_int_equal(w.plan.v[0].why, CG_TP_ONTIME);
	assert_int_equal(v[1], D(2026, 12, 24));
	assert_int_equal(v[2], D(2026, 12, 31));
	cg_tp_plan_free(&w.plan);

	/* Booked for Saturday 12-19: Monday 12-21, never Friday. */
	world_acc(&w, 0, 0, D(2026, 12, 10), D(2026, 12, 19));
	cg_tp_schedule(&w.o, w.acc, 1, onerep, 1, &w.plan);
	n = touches_of(&w.plan, 0, v, 16);
	assert_int_equal(v[0], D(2026, 12, 21));
	assert_true(w.plan.v[0].flags & CG_TP_F_SCHED);
	assert_int_equal(w.plan.v[0].why, CG_TP_OFFDAY);
	assert_int_equal(w.plan.v[0].due, D(2026, 12, 19));
	/* Nothing before it: the touch due 12-17 is gone. */
	assert_int_equal(n, 2);
	assert_int_equal(v[1], D(2026, 12, 28));
	cg_tp_plan_free(&w.plan);

	/* A date outside the period is not a scheduled contact. */
	world_acc(&w, 0, 0, D(2026, 12, 10), D(2027, 2, 1));
	cg_tp_schedule(&w.o, w.acc, 1, onerep, 1, &w.plan);
	assert_int_equal(w.plan.v[0].date, D(2026, 12, 17));
	assert_false(w.plan.v[0].flags & CG_TP_F_SCHED);
	cg_tp_plan_free(&w.plan);
}

static void
reasons_say_what_moved_a_touch(void **state)
{
	struct world w;
	char b[160];

	(void)state;
	world_cad(&w, 0, "7 call");
	world_acc(&w, 0, 0, D(2026, 10, 1), D(2026, 12, 19));
	world_opts(&w, D(2026, 12, 14), D(2026, 12, 31), 8, 2);
	cg_tp_schedule(&w.o, w.acc, 1, onerep, 1, &w.plan);
	cg_tp_reason(&w.plan.v[0], &w.acc[0], b, sizeof(b));
	assert_string_equal(b, "scheduled in CRM for 2026-12-19, not a "
	    "workday");
	cg_tp_plan_free(&w.plan);
	world_acc(&w, 0, 0, D(2026, 10, 1), D(2026, 12, 17));
	cg_tp_schedule(&w.o, w.acc, 1, onerep, 1, &w.plan);
	cg_tp_reason(&w.plan.v[0], &w.acc[0], b, sizeof(b));
	assert_string_equal(b, "scheduled in CRM");
	cg_tp_reason(&w.plan.v[1], &w.acc[0], b, sizeof(b));
	assert_string_equal(b, "every 7 days");
	cg_tp_plan_free(&w.plan);
}

static void
quarters_are_three_calendar_months(void **state)
{
	struct cg_err err;
	int32_t f, t;

	(void)state;
	assert_int_equal(cg_tp_period_quarter("2027-Q1", 0, &f, &t, &err), 0);
	assert_int_equal(f, D(2027, 1, 1));
	assert_int_equal(t, D(2027, 3, 31));
	assert_int_equal(cg_tp_period_quarter("2028-q4", 0, &f, &t, &err), 0);
	assert_int_equal(f, D(2028, 10, 1));
	assert_int_equal(t, D(2028, 12, 31));
	/* The coming quarter: this one on its first day, else the next. */
	assert_int_equal(cg_tp_period_quarter(NULL, D(2026, 12, 1), &f, &t,
	    &err), 0);
	assert_int_equal(f, D(2027, 1, 1));
	assert_int_equal(cg_tp_period_quarter(NULL, D(2026, 10, 1), &f, &t,
	    &err), 0);
	assert_int_equal(f, D(2026, 10, 1));
	assert_int_equal(t, D(2026, 12, 31));
	assert_int_equal(cg_tp_period_quarter(NULL, D(2026, 4, 2), &f, &t,
	    &err), 0);
	assert_int_equal(f, D(2026, 7, 1));
	assert_int_equal(cg_tp_period_quarter("2027-Q5", 0, &f, &t, &err),
	    -1);
	assert_string_equal(err.msg, "bad quarter '2027-Q5' (want YYYY-Qn, "
	    "e.g. 2027-Q1)");
	assert_int_equal(cg_tp_period_quarter("2027-01", 0, &f, &t, &err),
	    -1);
}

/* ---- holiday calendars (libical) ---- */

#define VCAL(body) "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" body "END:VCALENDAR\r\n"
#define VEV(body) "BEGIN:VEVENT\r\nUID:u\r\n" body "END:VEVENT\r\n"

static const struct ics_case {
	const char *name, *text;
	int rc;
	long line;		/* of the error */
	const char *msg;	/* start of the error message */
	int32_t has[4], hasnt[2];	/* days blocked, days not (y*10000+..) */
} ics_cases[] = {
	{ "DTEND is exclusive", VCAL(VEV("DTSTART;VALUE=DATE:20261224\r\n"
	    "DTEND;VALUE=DATE:20261226\r\n")), 0, 0, NULL,
	    { 20261224, 20261225 }, { 20261226, 20261223 } },
	{ "a DURATION of several days blocks them all",
	    VCAL(VEV("DTSTART;VALUE=DATE:20261228\r\nDURATION:P3D\r\n")), 0, 0,
	    NULL, { 20261228, 20261229, 20261230 }, { 20261231 } },
	{ "a cancelled event is not a holiday",
	    VCAL(VEV("DTSTART;VALUE=DATE:20261224\r\nSTATUS:CANCELLED\r\n")
	    VEV("DTSTART;VALUE=DATE:20261225\r\n")), 0, 0, NULL,
	    { 20261225 }, { 20261224 } },
	{ "a yearly rule is expanded in the period, less its EXDATE",
	    VCAL(VEV("DTSTART;VALUE=DATE:20201225\r\nRRULE:FREQ=YEARLY\r\n"
	    "EXDATE;VALUE=DATE:20271225\r\n")), 0, 0, NULL,
	    { 20261225, 20281225 }, { 20271225 } },
	{ "a timed event blocks its day", VCAL(VEV(
	    "DTSTART;TZID=Europe/Berlin:20261224T090000\r\n"
	    "DTEND;TZID=Europe/Berlin:20261224T170000\r\n")), 0, 0, NULL,
	    { 20261224 }, { 20261225 } },
	{ "an unknown property is skipped", VCAL(VEV(
	    "DTSTART;VALUE=DATE:20261224\r\nSHOE-SIZE:44\r\n")), 0, 0, NULL,
	    { 20261224 }, { 0 } },
	{ "a truncated file names the event that was never ended",
	    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n"
	    "DTSTART;VALUE=DATE:20261224\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\n"
	    "DTSTART;VALUE=DATE:20261231\r\n", -1, 6,
	    "BEGIN:VEVENT has no END:VEVENT", { 0 }, { 0 } },
	{ "an END that closes another component", VCAL(
	    "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261224\r\nEND:VTODO\r\n"),
	    -1, 5, "END:VTODO does not close BEGIN:VEVENT of line 3", { 0 },
	    { 0 } },
	{ "a date libical would misread", VCAL(VEV(
	    "DTSTART;VALUE=DATE:2026122x\r\n")), -1, 5, "bad DTSTART",
	    { 0 }, { 0 } },
	{ "a line that is no content line", VCAL(VEV(
	    "DTSTART;VALUE=DATE:20261224\r\nGARBAGE\r\n")), -1, 6,
	    "not an iCalendar line", { 0 }, { 0 } },
	{ "a value libical cannot read names its line", VCAL(VEV(
	    "DTSTART;VALUE=DATE:20261224\r\nDURATION:PXD\r\n")), -1, 6,
	    "libical cannot read 'DURATION:PXD'",
	    { 0 }, { 0 } },
	{ "an event without DTSTART", VCAL(VEV("SUMMARY:x\r\n")), -1, 3,
	    "VEVENT without DTSTART", { 0 }, { 0 } },
};

static int32_t
ymd(int32_t v)
{
	return D(v / 10000, v / 100 % 100, v % 100);
}

static void
holiday_calendars_are_read_with_libical(void **state)
{
	struct cg_tp_dates d = { 0, 0, NULL };
	struct cg_err err;
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(ics_cases) / sizeof(ics_cases[0]); i++) {
		const struct ics_case *c = &ics_cases[i];
		int rc;

		print_message("%s\n", c->name);
		memset(&err, 0, sizeof(err));
		rc = cg_tp_holidays_parse("h.ics", c->text, strlen(c->text),
		    CG_DATES_ISO, D(2026, 1, 1), D(2028, 12, 31), &d, &err);
		assert_int_equal(rc, c->rc);
		if (rc < 0) {
			assert_string_equal(err.file, "h.ics");
			assert_int_equal(err.line, c->line);
			assert_memory_equal(err.msg, c->msg, strlen(c->msg));
		}
		for (k = 0; k < 4 && c->has[k] != 0; k++)
			assert_true(cg_tp_dates_has(&d, ymd(c->has[k])));
		for (k = 0; k < 2 && c->hasnt[k] != 0; k++)
			assert_false(cg_tp_dates_has(&d, ymd(c->hasnt[k])));
		cg_tp_dates_free(&d);
	}
}

static void
a_csv_holiday_list_reads_its_first_field(void **state)
{
	static const char csv[] = "date,name\n2026-12-25,Christmas\n"
	    "2026-12-26;Boxing Day\n";
	struct cg_tp_dates d = { 0, 0, NULL };
	struct cg_err err;

	(void)state;
	assert_int_equal(cg_tp_holidays_parse("h.csv", csv, strlen(csv),
	    CG_DATES_ISO, 0, 0, &d, &err), 0);
	assert_int_equal(d.n, 2);
	assert_true(cg_tp_dates_has(&d, D(2026, 12, 26)));
	cg_tp_dates_free(&d);
	/* A word on its own is still a bad date, not a header. */
	assert_int_equal(cg_tp_holidays_parse("h.txt", "xmas\n", 5,
	    CG_DATES_ISO, 0, 0, &d, &err), -1);
	assert_int_equal(err.line, 1);
	cg_tp_dates_free(&d);
}

/* ---- text for people ---- */

static const struct {
	const char *name, *in, *out;
} safe_cases[] = {
	{ "plain text is kept", "Northwind Traders", "Northwind Traders" },
	{ "UTF-8 is kept", "Zo\xc3\xab \xc3\x91\xc3\xba\xc3\xb1" "ez",
	    "Zo\xc3\xab \xc3\x91\xc3\xba\xc3\xb1" "ez" },
	{ "a line break cannot forge a line", "Evil\n  visit  Fake (A)",
	    "Evil\\n  visit  Fake (A)" },
	{ "CR and tab are spelled", "a\rb\tc", "a\\rb\\tc" },
	{ "ESC never reaches the terminal", "\x1b[2Jboo", "\\x1b[2Jboo" },
	{ "DEL and NUL-less C0", "a\x7f\x01", "a\\x7f\\x01" },
	{ "a C1 CSI is spelled", "a\xc2\x9b" "31m", "a\\u009b31m" },
	{ "line separator and bidi override", "a\xe2\x80\xa8" "b\xe2\x80\xae",
	    "a\\u2028b\\u202e" },
	{ "bytes that are not UTF-8", "caf\xe9 \xff", "caf\\xe9 \\xff" },
	{ "backslashes stay", "a\\nb", "a\\nb" },
};

static void
text_from_the_data_is_shown_safely(void **state)
{
	struct cg_buf b = CG_BUF_INIT;
	char small[8];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(safe_cases) / sizeof(safe_cases[0]); i++) {
		print_message("%s\n", safe_cases[i].name);
		cg_buf_reset(&b);
		cg_tp_text_safe(&b, safe_cases[i].in, strlen(safe_cases[i].in));
		cg_buf_addc(&b, '\0');
		assert_string_equal(b.s, safe_cases[i].out);
	}
	cg_buf_free(&b);
	assert_string_equal(cg_tp_text_clip(small, sizeof(small),
	    "Zo\xc3\xab\xc3\xab\xc3\xab"), "Zo\xc3\xab\xc3\xab");
}

/* ---- calendar UIDs ---- */

static void
uids_are_unique_for_accounts_that_share_a_name_or_an_id(void **state)
{
	static const char *const reps[] = { "Ana", "Ben" };
	struct world w;
	struct cg_tp_out out;
	char tmpl[] = "/tmp/tpuidXXXXXX", *buf, *p;
	char uids[64][64];
	size_t nu = 0, i, k;
	off_t size;
	int fd;

	(void)state;
	world_cad(&w, 0, "7 call");
	strcpy(w.cad[0].name, "A");
	strcpy(w.cad[0].tracks[0].name, "touch");
	/* Same name, no id, two owners; same id, two names; and a true
	 * duplicate (dup 1). */
	for (i = 0; i < 5; i++)
		world_acc(&w, (int)i, 0, D(2026, 12, 4), CG_TP_NODATE);
	w.acc[0].id = w.acc[1].id = "";
	w.acc[0].name = w.acc[1].name = "Acme";
	w.acc[1].rep = 1;
	w.acc[2].id = w.acc[3].id = w.acc[4].id = "C1";
	w.acc[2].name = "One";
	w.acc[3].name = w.acc[4].name = "Two";
	w.acc[4].dup = 1;
	world_opts(&w, D(2026, 12, 7), D(2026, 12, 20), 8, 2);
	cg_tp_schedule(&w.o, w.acc, 5, reps, 2, &w.plan);
	assert_int_equal(w.plan.n, 10);
	memset(&out, 0, sizeof(out));
	out.accts = w.acc;
	out.nacct = 5;
	out.reps = reps;
	out.role_name = "grade";
	out.today = out.from = w.o.from;
	out.to = w.o.to;
	assert_true((fd = mkstemp(tmpl)) >= 0);
	unlink(tmpl);
	assert_int_equal(cg_tp_write_ics(fd, &out, &w.plan, NULL), 0);
	size = lseek(fd, 0, SEEK_END);
	buf = calloc(1, (size_t)size + 1);
	assert_int_equal(pread(fd, buf, (size_t)size, 0), size);
	close(fd);
	for (p = buf; (p = strstr(p, "\r\nUID:")) != NULL && nu < 64; p += 6) {
		size_t n = strcspn(p + 6, "\r");

		assert_true(n < 64);
		memcpy(uids[nu], p + 6, n);
		uids[nu++][n] = '\0';
	}
	assert_int_equal(nu, 10);
	for (i = 0; i < nu; i++)
		for (k = i + 1; k < nu; k++)
			assert_string_not_equal(uids[i], uids[k]);
	free(buf);
	cg_tp_plan_free(&w.plan);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    a_weekend_due_day_goes_to_the_lightest_nearby_day_not_always_monday),
		cmocka_unit_test(
		    a_full_day_sends_its_touch_to_the_lightest_day_either_side),
		cmocka_unit_test(
		    touches_are_half_an_interval_apart_after_every_kind_of_move),
		cmocka_unit_test(
		    a_scheduled_contact_is_the_next_touch_and_only_moves_forward),
		cmocka_unit_test(reasons_say_what_moved_a_touch),
		cmocka_unit_test(quarters_are_three_calendar_months),
		cmocka_unit_test(holiday_calendars_are_read_with_libical),
		cmocka_unit_test(a_csv_holiday_list_reads_its_first_field),
		cmocka_unit_test(text_from_the_data_is_shown_safely),
		cmocka_unit_test(
		    uids_are_unique_for_accounts_that_share_a_name_or_an_id),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
