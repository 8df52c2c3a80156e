/*
 * test_touchplan.c - touchplan's pure parts: cadence specs, workdays,
 * holidays (text and iCalendar), periods, iCalendar folding/escaping and
 * the scheduler's promises (capacity, overflow, last contact, holidays);
 * then the tool's settings check and its one entry point, run the way
 * the spine runs them (a struct cg_run, messages collected).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "clientgrade/buf.h"
#include "clientgrade/config.h"
#include "clientgrade/run.h"
#include "clientgrade/touchplan.h"
#include "clientgrade/value.h"

#define D(y, m, d) cg_days_from_civil(y, m, d)

static const struct {
	const char *name, *spec;
	int ok, every, nrot;
	int first;
} track_cases[] = {
	{ "days and channels", "7 visit, call, call, call", 1, 7, 4,
	    CG_TP_VISIT },
	{ "per year count", "12/year email", 1, 30, 1, CG_TP_EMAIL },
	{ "every channel by name", "30 newsletter,phone,event,letter,postcard",
	    1, 30, 5, CG_TP_NEWSLETTER },
	{ "mail is still a letter", "30 mail, mailer, e-mail", 1, 30, 3,
	    CG_TP_LETTER },
	{ "unknown channel is refused", "7 fax", 0, 0, 0, 0 },
	{ "missing interval is refused", "visit", 0, 0, 0, 0 },
	{ "zero days is refused", "0 call", 0, 0, 0, 0 },
	{ "no channel is refused", "7", 0, 0, 0, 0 },
	{ "dangling comma is refused", "7 call,", 0, 0, 0, 0 },
};

static void
track_specs_parse_as_documented(void **state)
{
	struct cg_tp_track t;
	char why[160];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(track_cases) / sizeof(track_cases[0]); i++) {
		int rc = cg_tp_track_parse(track_cases[i].spec, &t, why,
		    sizeof(why));

		print_message("%s\n", track_cases[i].name);
		assert_int_equal(rc == 0, track_cases[i].ok);
		if (!track_cases[i].ok)
			continue;
		assert_int_equal(t.every, track_cases[i].every);
		assert_int_equal(t.nrot, track_cases[i].nrot);
		assert_int_equal(t.rot[0], track_cases[i].first);
	}
}

static void
defaults_give_the_documented_touches_a_year(void **state)
{
	struct cg_tp_cadences cs;
	const struct cg_tp_cadence *c;

	(void)state;
	assert_int_equal(cg_tp_cadences_load(&cs, 0, NULL, NULL), 0);
	c = cg_tp_cadence_find(&cs, "a", 1);
	assert_non_null(c);
	assert_true(cg_tp_cadence_per_year(c) >= 52);
	c = cg_tp_cadence_find(&cs, " B ", 3);
	assert_non_null(c);
	assert_true(cg_tp_cadence_per_year(c) >= 12 &&
	    cg_tp_cadence_per_year(c) <= 16);
	c = cg_tp_cadence_find(&cs, "C", 1);
	assert_true(cg_tp_cadence_per_year(c) >= 12 &&
	    cg_tp_cadence_per_year(c) <= 16);
	assert_null(cg_tp_cadence_find(&cs, "E", 1));
	cg_tp_cadences_free(&cs);
	assert_int_equal(cg_tp_cadences_load(&cs, 1, NULL, NULL), 0);
	assert_non_null(cg_tp_cadence_find(&cs, "Growth", 6));
	assert_null(cg_tp_cadence_find(&cs, "A", 1));
	cg_tp_cadences_free(&cs);
}

static void
config_replaces_a_default_and_adds_grades(void **state)
{
	struct cg_config cfg;
	struct cg_tp_cadences cs;
	struct cg_err err;
	const struct cg_tp_cadence *c;

	(void)state;
	assert_int_equal(cg_config_load_string(&cfg, "t.ini",
	    "[touchplan.cadence]\nE = 60 email\n"
	    "[touchplan.cadence.A]\npersonal = 14 visit\nprint = 30 mail\n",
	    &err), 0);
	assert_int_equal(cg_tp_cadences_load(&cs, 0, &cfg, &err), 0);
	c = cg_tp_cadence_find(&cs, "E", 1);
	assert_non_null(c);
	assert_int_equal(c->tracks[0].every, 60);
	c = cg_tp_cadence_find(&cs, "A", 1);
	assert_int_equal(c->ntracks, 2);
	assert_string_equal(c->tracks[1].name, "print");
	cg_tp_cadences_free(&cs);
	cg_config_free(&cfg);

	assert_int_equal(cg_config_load_string(&cfg, "t.ini",
	    "[touchplan.cadence]\nB = 7 fax\n", &err), 0);
	assert_int_equal(cg_tp_cadences_load(&cs, 0, &cfg, &err), -1);
	assert_int_equal(err.code, CG_ECONFIG);
	assert_int_equal(err.line, 2);
	cg_tp_cadences_free(&cs);
	cg_config_free(&cfg);
}

static void
workday_lists_and_ranges_parse(void **state)
{
	unsigned m;
	char why[160];

	(void)state;
	assert_int_equal(cg_tp_workdays_parse("mon-fri", &m, why, 160), 0);
	assert_int_equal(m, 0x1f);
	assert_int_equal(cg_tp_workdays_parse("mon,wed,Friday", &m, why,
	    160), 0);
	assert_int_equal(m, 0x15);
	assert_int_equal(cg_tp_workdays_parse("fri-mon", &m, why, 160), 0);
	assert_int_equal(m, 0x71);
	assert_int_equal(cg_tp_workdays_parse("all", &m, why, 160), 0);
	assert_int_equal(m, 0x7f);
	assert_int_equal(cg_tp_workdays_parse("mo-fr", &m, why, 160), -1);
}

static void
holidays_read_from_text_and_ics(void **state)
{
	static const char text[] = "# Christmas\n2026-12-25 Christmas Day\n"
	    "\n  2026-12-26\n2026-01-01 # new year\n";
	static const char ics[] = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
	    "BEGIN:VEVENT\r\nUID:1\r\nDTSTART;VALUE=DATE:20261224\r\n"
	    "DTEND;VALUE=DATE:20261227\r\nSUMMARY:Christmas\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:2\r\nDTSTA\r\n RT;VALUE=DATE:2026\r\n\t0501\r\n"
	    "END:VEVENT\r\nEND:VCALENDAR\r\n";
	struct cg_tp_dates d = { 0, 0, NULL };
	struct cg_err err;

	(void)state;
	assert_int_equal(cg_tp_holidays_parse("h.txt", text, strlen(text),
	    CG_DATES_ISO, D(2026, 1, 1), D(2026, 12, 31), &d, &err), 0);
	assert_int_equal(d.n, 3);
	assert_true(cg_tp_dates_has(&d, D(2026, 12, 25)));
	assert_true(cg_tp_dates_has(&d, D(2026, 1, 1)));
	assert_false(cg_tp_dates_has(&d, D(2026, 12, 24)));
	cg_tp_dates_free(&d);

	/* DTEND is exclusive; folded lines are unfolded first. */
	assert_int_equal(cg_tp_holidays_parse("h.ics", ics, strlen(ics),
	    CG_DATES_ISO, D(2026, 1, 1), D(2026, 12, 31), &d, &err), 0);
	assert_int_equal(d.n, 4);
	assert_true(cg_tp_dates_has(&d, D(2026, 12, 26)));
	assert_false(cg_tp_dates_has(&d, D(2026, 12, 27)));
	assert_true(cg_tp_dates_has(&d, D(2026, 5, 1)));
	cg_tp_dates_free(&d);

	assert_int_equal(cg_tp_holidays_parse("h.txt", "2026-12-25\nxmas\n",
	    16, CG_DATES_ISO, D(2026, 1, 1), D(2026, 12, 31), &d, &err), -1);
	assert_int_equal(err.line, 2);
	cg_tp_dates_free(&d);
}

static void
periods_follow_iso_weeks_and_months(void **state)
{
	struct cg_err err;
	int32_t f, t;

	(void)state;
	/* 2026-12-01 is a Tuesday: the coming week starts Monday 12-07. */
	assert_int_equal(cg_tp_period_week(NULL, D(2026, 12, 1), &f, &t,
	    &err), 0);
	assert_int_equal(f, D(2026, 12, 7));
	assert_int_equal(t, D(2026, 12, 13));
	/* On a Monday the coming week is this one. */
	assert_int_equal(cg_tp_period_week(NULL, D(2026, 12, 7), &f, &t,
	    &err), 0);
	assert_int_equal(f, D(2026, 12, 7));
	assert_int_equal(cg_tp_period_week("2026-W53", 0, &f, &t, &err), 0);
	assert_int_equal(f, D(2026, 12, 28));
	assert_int_equal(cg_tp_period_week("2025-W53", 0, &f, &t, &err), -1);
	assert_int_equal(cg_tp_period_month(NULL, D(2026, 12, 1), &f, &t,
	    &err), 0);
	assert_int_equal(f, D(2026, 12, 1));
	assert_int_equal(t, D(2026, 12, 31));
	assert_int_equal(cg_tp_period_month(NULL, D(2026, 12, 2), &f, &t,
	    &err), 0);
	assert_int_equal(f, D(2027, 1, 1));
	assert_int_equal(cg_tp_period_month("2028-02", 0, &f, &t, &err), 0);
	assert_int_equal(t, D(2028, 2, 29));
	assert_int_equal(cg_tp_period_month("2028-13", 0, &f, &t, &err), -1);
}

static void
ics_lines_fold_at_75_octets_between_characters(void **state)
{
	struct cg_buf b = CG_BUF_INIT;
	char s[200];
	size_t i, len;
	char *p, *e;

	(void)state;
	/* 73 ASCII bytes then "é" (2 bytes) twice: the first é fits
	 * exactly (75), the second must move whole to the next line. */
	memset(s, 'x', 73);
	memcpy(s + 73, "\xc3\xa9\xc3\xa9", 4);
	cg_tp_ics_line(&b, s, 77);
	assert_int_equal(b.len, 77 + 2 + 3);
	assert_memory_equal(b.s + 75, "\r\n \xc3\xa9\r\n", 7);
	cg_buf_reset(&b);
	/* 74 ASCII then é: é would straddle 75, so it starts line 2. */
	memset(s, 'y', 74);
	memcpy(s + 74, "\xc3\xa9", 2);
	cg_tp_ics_line(&b, s, 76);
	assert_memory_equal(b.s + 74, "\r\n \xc3\xa9\r\n", 7);
	cg_buf_reset(&b);
	/* A long line: every physical line is at most 75 octets. */
	for (i = 0; i < 66; i++)
		memcpy(s + 3 * i, "\xe2\x82\xac", 3);	/* euro signs */
	cg_tp_ics_line(&b, s, 198);
	for (p = b.s; p < b.s + b.len; p = e + 2) {
		e = strstr(p, "\r\n");
		assert_non_null(e);
		len = (size_t)(e - p);
		assert_true(len <= 75);
		assert_true(((unsigned char)e[-1] & 0xc0) != 0xc0);
	}
	cg_buf_free(&b);
}

static void
ics_text_escapes_backslash_semicolon_comma_newline(void **state)
{
	struct cg_buf b = CG_BUF_INIT;

	(void)state;
	cg_tp_ics_text(&b, "a\\b;c,d\ne\r\nf", 12);
	assert_string_equal(b.s, "a\\\\b\\;c\\,d\\ne\\nf");
	cg_buf_free(&b);
}

/* A small scheduling world: one rep, cadences given by spec. */
struct world {
	struct cg_tp_cadence cad[4];
	struct cg_tp_account acc[16];
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
world_acc(struct world *w, int i, int cad, int32_t last)
{
	memset(&w->acc[i], 0, sizeof(w->acc[i]));
	w->acc[i].id = "X";
	w->acc[i].name = "X";
	w->acc[i].grade = "A";
	w->acc[i].cad = &w->cad[cad];
	w->acc[i].last = last;
}

static void
world_opts(struct world *w, int32_t from, int32_t to, int cap, int vcap)
{
	memset(&w->o, 0, sizeof(w->o));
	w->o.from = from;
	w->o.to = to;
	w->o.workdays = 0x1f;
	w->o.capacity = cap;
	w->o.visit_capacity = vcap;
	w->o.written_capacity = cap;
}

static const char *const onerep[] = { "Ana" };

static void
last_contact_sets_the_first_due_day(void **state)
{
	struct world w;

	(void)state;
	world_cad(&w, 0, "7 call");
	/* Last contact Wednesday 2026-11-25: due Wednesday 12-02. */
	world_acc(&w, 0, 0, D(2026, 11, 25));
	world_opts(&w, D(2026, 11, 30), D(2026, 12, 13), 8, 2);
	cg_tp_schedule(&w.o, w.acc, 1, onerep, 1, &w.plan);
	assert_int_equal(w.plan.n, 2);
	assert_int_equal(w.plan.v[0].date, D(2026, 12, 2));
	assert_int_equal(w.plan.v[1].date, D(2026, 12, 9));
	assert_int_equal(w.plan.v[0].why, CG_TP_ONTIME);
	cg_tp_plan_free(&w.plan);

	/* Overdue: planned on the first day, ahead of a due touch. */
	world_acc(&w, 0, 0, D(2026, 11, 30));	/* due 12-07 */
	world_acc(&w, 1, 0, D(2026, 10, 1));	/* overdue since 10-08 */
	world_opts(&w, D(2026, 12, 7), D(2026, 12, 7), 8, 2);
	cg_tp_schedule(&w.o, w.acc, 2, onerep, 1, &w.plan);
	assert_int_equal(w.plan.n, 2);
	assert_int_equal(w.plan.v[0].acct, 1);
	assert_int_equal(w.plan.v[0].why, CG_TP_OVERDUE);
	assert_int_equal(w.plan.v[0].due, D(2026, 10, 8));
	cg_tp_plan_free(&w.plan);
}

static void
capacity_is_kept_and_overflow_is_not_lost(void **state)
{
	struct world w;
	size_t i, planned = 0, over = 0;
	int perday[7] = { 0 }, visits[7] = { 0 };

	(void)state;
	world_cad(&w, 0, "7 visit");
	for (i = 0; i < 12; i++)
		world_acc(&w, (int)i, 0, D(2026, 11, 30));	/* due Mon */
	world_opts(&w, D(2026, 12, 7), D(2026, 12, 11), 3, 2);
	cg_tp_schedule(&w.o, w.acc, 12, onerep, 1, &w.plan);
	assert_int_equal(w.plan.n, 12);
	for (i = 0; i < w.plan.n; i++) {
		if (w.plan.v[i].date == CG_TP_NODATE) {
			over++;
			continue;
		}
		planned++;
		perday[w.plan.v[i].date - w.o.from]++;
		visits[w.plan.v[i].date - w.o.from]++;
	}
	/* Two visits a day for five days; two left over. */
	assert_int_equal(planned, 10);
	assert_int_equal(over, 2);
	assert_int_equal(w.plan.overflow[0], 2);
	for (i = 0; i < 5; i++)
		assert_int_equal(visits[i], 2);
	/* Overflow comes last. */
	assert_int_equal(w.plan.v[11].date, CG_TP_NODATE);
	cg_tp_plan_free(&w.plan);
}

static void
holidays_and_absences_move_touches_to_the_next_working_day(void **state)
{
	struct world w;
	struct cg_tp_dates hol = { 0, 0, NULL };
	struct cg_tp_aways aw = { 0, 0, NULL };
	struct cg_tp_away a = { (char *)"Ana", 0, 0, 0 };

	(void)state;
	world_cad(&w, 0, "7 call");
	world_acc(&w, 0, 0, D(2026, 12, 18));	/* due Friday 12-25 */
	cg_tp_dates_add(&hol, D(2026, 12, 25));
	world_opts(&w, D(2026, 12, 21), D(2026, 12, 31), 8, 2);
	w.o.holidays = &hol;
	cg_tp_schedule(&w.o, w.acc, 1, onerep, 1, &w.plan);
	assert_int_equal(w.plan.n, 1);
	assert_int_equal(w.plan.v[0].date, D(2026, 12, 28));
	assert_int_equal(w.plan.v[0].why, CG_TP_HOLIDAY);
	cg_tp_plan_free(&w.plan);

	a.from = D(2026, 12, 28);
	a.to = D(2026, 12, 29);
	aw.v = &a;
	aw.n = 1;
	w.o.aways = &aw;
	cg_tp_schedule(&w.o, w.acc, 1, onerep, 1, &w.plan);
	assert_int_equal(w.plan.v[0].date, D(2026, 12, 30));
	cg_tp_plan_free(&w.plan);
	cg_tp_dates_free(&hol);
}

static void
same_input_gives_the_same_plan(void **state)
{
	struct world w;
	struct cg_tp_plan p1;
	size_t i;

	(void)state;
	world_cad(&w, 0, "7 visit, call");
	world_cad(&w, 1, "26 visit, email, call, mail");
	for (i = 0; i < 16; i++)
		world_acc(&w, (int)i, (int)(i % 2), i % 3 ? CG_TP_NODATE :
		    D(2026, 11, (int)i + 1));
	world_opts(&w, D(2026, 12, 1), D(2027, 2, 28), 4, 1);
	cg_tp_schedule(&w.o, w.acc, 16, onerep, 1, &p1);
	cg_tp_schedule(&w.o, w.acc, 16, onerep, 1, &w.plan);
	assert_int_equal(p1.n, w.plan.n);
	assert_memory_equal(p1.v, w.plan.v, p1.n * sizeof(*p1.v));
	/* Dates never go backwards in the sorted plan. */
	for (i = 1; i < p1.n; i++)
		if (p1.v[i].date != CG_TP_NODATE)
			assert_true(p1.v[i].date >= p1.v[i - 1].date);
	cg_tp_plan_free(&p1);
	cg_tp_plan_free(&w.plan);
}

/* ---- the tool: settings check and entry point ---- */

/* Options given as (setter, argument) pairs, then a config. */
typedef int (*setter_fn)(struct cg_touchplan_opts *, const char *,
    struct cg_err *);
static const struct check_case {
	const char *name;
	setter_fn set[3];
	const char *arg[3];
	const char *ini;
	int rc;			/* 0, or the error code */
	const char *msg;	/* the error's message, or NULL */
	int from[3], to[3];	/* year, month, day */
	int capacity, visit_capacity;
	int written;		/* written capacity; 0: the default, 40 */
} check_cases[] = {
	{ "no period plans the coming week", { NULL }, { NULL }, "", 0, NULL,
	    { 2026, 12, 7 }, { 2026, 12, 13 }, 8, 2, 0 },
	{ "--month without argument is the coming month",
	    { cg_touchplan_parse_month }, { NULL }, "", 0, NULL,
	    { 2026, 12, 1 }, { 2026, 12, 31 }, 8, 2, 0 },
	{ "--from and --to give the days between",
	    { cg_touchplan_parse_from, cg_touchplan_parse_to },
	    { "2026-12-21", "2027-01-08" }, "", 0, NULL,
	    { 2026, 12, 21 }, { 2027, 1, 8 }, 8, 2, 0 },
	{ "--week and --month are refused together",
	    { cg_touchplan_parse_week, cg_touchplan_parse_month },
	    { "2026-W49", NULL }, "", CG_EUSAGE,
	    "give one of --week, --month, --quarter or --from/--to", { 0 }, { 0 },
	    0, 0, 0 },
	{ "--from alone is refused", { cg_touchplan_parse_from },
	    { "2026-12-01" }, "", CG_EUSAGE, "--from and --to go together",
	    { 0 }, { 0 }, 0, 0, 0 },
	{ "--to before --from is refused",
	    { cg_touchplan_parse_from, cg_touchplan_parse_to },
	    { "2026-12-02", "2026-12-01" }, "", CG_EUSAGE,
	    "--to is before --from", { 0 }, { 0 }, 0, 0, 0 },
	{ "more than ten years is refused",
	    { cg_touchplan_parse_from, cg_touchplan_parse_to },
	    { "2026-01-01", "2036-12-31" }, "", CG_EUSAGE,
	    "the period is longer than ten years", { 0 }, { 0 }, 0, 0, 0 },
	{ "a bad week is named", { cg_touchplan_parse_week },
	    { "2026-W60" }, "", CG_EUSAGE, "no week 60 in 2026", { 0 }, { 0 },
	    0, 0, 0 },
	{ "[touchplan] sets the capacities",
	    { NULL }, { NULL },
	    "[touchplan]\ncapacity = 3\nvisit_capacity = 0\n", 0, NULL,
	    { 2026, 12, 7 }, { 2026, 12, 13 }, 3, 0, 0 },
	{ "an option wins over the file", { cg_touchplan_parse_capacity },
	    { "5" }, "[touchplan]\ncapacity = 3\n", 0, NULL,
	    { 2026, 12, 7 }, { 2026, 12, 13 }, 5, 2, 0 },
	{ "a capacity in the file is a whole number", { NULL }, { NULL },
	    "[touchplan]\ncapacity = $5\n", CG_ECONFIG,
	    "capacity: want a whole number from 1 to 100000, not '$5'",
	    { 0 }, { 0 }, 0, 0, 0 },
	{ "a bad workday in the file names the file", { NULL }, { NULL },
	    "[touchplan]\nworkdays = mon-fry\n", CG_ECONFIG, NULL,
	    { 0 }, { 0 }, 0, 0, 0 },
	{ "[touchplan] sets the written capacity", { NULL }, { NULL },
	    "[touchplan]\nwritten_capacity = 12\n", 0, NULL,
	    { 2026, 12, 7 }, { 2026, 12, 13 }, 8, 2, 12 },
	{ "--written-capacity wins over the file",
	    { cg_touchplan_parse_written_capacity }, { "30" },
	    "[touchplan]\nwritten_capacity = 12\n", 0, NULL,
	    { 2026, 12, 7 }, { 2026, 12, 13 }, 8, 2, 30 },
	{ "a written capacity in the file is a whole number", { NULL },
	    { NULL }, "[touchplan]\nwritten_capacity = -1\n", CG_ECONFIG,
	    "written_capacity: want a whole number from 0 to 100000, not '-1'",
	    { 0 }, { 0 }, 0, 0, 0 },
};

static void
check_resolves_the_period_and_the_settings(void **state)
{
	struct cg_touchplan_opts o;
	struct cg_config cfg;
	struct cg_run run;
	struct cg_err err;
	size_t i, k;
	int rc;

	(void)state;
	for (i = 0; i < sizeof(check_cases) / sizeof(check_cases[0]); i++) {
		const struct check_case *c = &check_cases[i];

		print_message("%s\n", c->name);
		memset(&err, 0, sizeof(err));
		cg_touchplan_opts_init(&o);
		for (k = 0; k < 3 && c->set[k] != NULL; k++)
			assert_int_equal(c->set[k](&o, c->arg[k], &err), 0);
		assert_int_equal(cg_config_load_string(&cfg, "c.ini", c->ini,
		    &err), 0);
		cg_run_init(&run, "touchplan");
		run.today = D(2026, 12, 1);	/* a Tuesday */
		run.cfg = &cfg;
		rc = cg_touchplan_check(&o, &run, &err);
		if (c->rc != 0) {
			assert_int_equal(rc, -1);
			assert_int_equal(err.code, c->rc);
			if (c->msg != NULL)
				assert_string_equal(err.msg, c->msg);
		} else {
			assert_int_equal(rc, 0);
			assert_int_equal(o.from, D(c->from[0], c->from[1],
			    c->from[2]));
			assert_int_equal(o.to, D(c->to[0], c->to[1], c->to[2]));
			assert_int_equal(o.capacity, c->capacity);
			assert_int_equal(o.visit_capacity, c->visit_capacity);
			assert_int_equal(o.written_capacity, c->written != 0 ?
			    c->written : CG_TP_DEFAULT_WRITTEN_CAPACITY);
			assert_int_equal(o.workday_mask, 0x1f);
			assert_non_null(cg_tp_cadence_find(&o.cads, "A", 1));
		}
		cg_touchplan_opts_free(&o);
		cg_config_free(&cfg);
	}
}

static void
counts_are_whole_numbers_and_dates_name_their_option(void **state)
{
	struct cg_touchplan_opts o;
	struct cg_err err;

	(void)state;
	cg_touchplan_opts_init(&o);
	assert_int_equal(cg_touchplan_parse_capacity(&o, "$5", &err), -1);
	assert_int_equal(err.code, CG_EUSAGE);
	assert_string_equal(err.msg, "--capacity: want a whole number from 1 "
	    "to 100000, not '$5'");
	assert_int_equal(cg_touchplan_parse_capacity(&o, "0", &err), -1);
	assert_int_equal(cg_touchplan_parse_visit_capacity(&o, "0", &err), 0);
	assert_int_equal(o.visit_capacity, 0);
	assert_int_equal(cg_touchplan_parse_visit_capacity(&o, "2.5", &err),
	    -1);
	assert_int_equal(cg_touchplan_parse_written_capacity(&o, "0", &err),
	    0);
	assert_int_equal(o.written_capacity, 0);
	assert_int_equal(cg_touchplan_parse_written_capacity(&o, "40 ", &err),
	    -1);
	assert_string_equal(err.msg, "--written-capacity: want a whole number "
	    "from 0 to 100000, not '40 '");
	assert_int_equal(cg_touchplan_parse_to(&o, "2026-12-32", &err), -1);
	assert_string_equal(err.msg, "--to: '2026-12-32' is not a date (want "
	    "YYYY-MM-DD)");
	assert_int_equal(cg_touchplan_parse_from(&o, "x", &err), -1);
	assert_string_equal(err.msg, "--from: 'x' is not a date (want "
	    "YYYY-MM-DD)");
	cg_touchplan_opts_free(&o);
}

/* Messages from the run, one line each. */
static void
collect_say(void *ctx, enum cg_say_kind kind, const char *file, long line,
    long col, const char *msg)
{
	cg_buf_printf(ctx, "%s: %s\n", kind == CG_SAY_NOTE ? "note" :
	    "warning", msg);
}

static void
strict_overflow_is_a_data_error_after_the_whole_plan(void **state)
{
	struct cg_touchplan_opts o;
	struct cg_run run;
	struct cg_err err;
	struct cg_buf said = CG_BUF_INIT;
	char path[4096], tmpl[] = "/tmp/tptestXXXXXX", *argv[1];
	const char *fix = getenv("CG_FIXTURES");
	off_t size;
	int fd;

	(void)state;
	snprintf(path, sizeof(path), "%s/touchplan/graded.csv",
	    fix != NULL ? fix : "test/fixtures");
	argv[0] = path;
	assert_true((fd = mkstemp(tmpl)) >= 0);
	unlink(tmpl);
	memset(&err, 0, sizeof(err));
	cg_touchplan_opts_init(&o);
	assert_int_equal(cg_touchplan_parse_strict(&o, NULL, &err), 0);
	assert_int_equal(cg_touchplan_parse_from(&o, "2026-12-01", &err), 0);
	assert_int_equal(cg_touchplan_parse_to(&o, "2026-12-04", &err), 0);
	assert_int_equal(cg_touchplan_parse_capacity(&o, "1", &err), 0);
	assert_int_equal(cg_touchplan_parse_written_capacity(&o, "1", &err),
	    0);
	cg_run_init(&run, "touchplan");
	run.today = D(2026, 12, 1);
	run.argc = 1;
	run.argv = argv;
	run.out_fd = fd;
	run.say = collect_say;
	run.say_ctx = &said;
	assert_int_equal(cg_touchplan_check(&o, &run, &err), 0);
	assert_int_equal(cg_touchplan_run(&o, &run, &err), -1);
	assert_int_equal(err.code, CG_EDATA);
	assert_string_equal(err.msg,
	    "--strict: 13 touches did not fit in the period");
	assert_string_equal(said.s,
	    "note: planned 30 clients and 10 leads, each on its "
	    "population's cadences\n"
	    "warning: Ana Silva: 3 written touches over the written "
	    "capacity\n"
	    "warning: Ben Okafor: 5 written touches over the written "
	    "capacity\n"
	    "warning: Chloe Martin: 5 written touches over the written "
	    "capacity\n");
	/* The plan went to run.out_fd before the run failed. */
	size = lseek(fd, 0, SEEK_END);
	assert_true(size > 1000);

	/* Without --strict the same plan is a success. */
	o.strict = 0;
	cg_buf_reset(&said);
	assert_int_equal(cg_touchplan_run(&o, &run, &err), 0);
	assert_int_equal(lseek(fd, 0, SEEK_END), 2 * size);
	close(fd);
	cg_buf_free(&said);
	cg_touchplan_opts_free(&o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(track_specs_parse_as_documented),
		cmocka_unit_test(defaults_give_the_documented_touches_a_year),
		cmocka_unit_test(config_replaces_a_default_and_adds_grades),
		cmocka_unit_test(workday_lists_and_ranges_parse),
		cmocka_unit_test(holidays_read_from_text_and_ics),
		cmocka_unit_test(periods_follow_iso_weeks_and_months),
		cmocka_unit_test(ics_lines_fold_at_75_octets_between_characters),
		cmocka_unit_test(ics_text_escapes_backslash_semicolon_comma_newline),
		cmocka_unit_test(last_contact_sets_the_first_due_day),
		cmocka_unit_test(capacity_is_kept_and_overflow_is_not_lost),
		cmocka_unit_test(holidays_and_absences_move_touches_to_the_next_working_day),
		cmocka_unit_test(same_input_gives_the_same_plan),
		cmocka_unit_test(check_resolves_the_period_and_the_settings),
		cmocka_unit_test(
		    counts_are_whole_numbers_and_dates_name_their_option),
		cmocka_unit_test(
		    strict_overflow_is_a_data_error_after_the_whole_plan),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
