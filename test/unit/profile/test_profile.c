/*
 * test_profile.c - the profile computations: the scale order of group
 * names, the numeric summary (medians and Cliff's delta against a brute
 * force on many random columns with ties, exact and bucketed), the
 * findings' sort order, the option setters and their check, and one
 * whole run through cg_profile_run (CSV to out_fd, the notes through
 * the run's callback).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "clientgrade/buf.h"
#include "clientgrade/profile.h"
#include "clientgrade/run.h"
#include "profile/profile_int.h"

/* ---- scale order ---- */

static const struct {
	const char *name;
	const char *first, *second;	/* first must sort before second */
} order_cases[] = {
	{ "A comes before B", "A", "B" },
	{ "B comes before C", "B", "C" },
	{ "C comes before D", "C", "D" },
	{ "AAA comes before AA", "AAA", "AA" },
	{ "AA comes before A", "AA", "A" },
	{ "A comes before BBB", "A", "BBB" },
	{ "A+ comes before A", "A+", "A" },
	{ "A comes before A-", "A", "A-" },
	{ "A- comes before B+", "A-", "B+" },
	{ "lower case grades sort by letter too", "a", "B" },
	{ "Key comes before Growth", "Key", "Growth" },
	{ "Growth comes before Maintenance", "Growth", "Maintenance" },
	{ "Maintenance comes before Service", "Maintenance", "Service" },
	{ "quadrant names in any case", "KEY", "service" },
	{ "letter grades come before quadrant names", "C", "Key" },
	{ "2 comes before 10 (numbers by value)", "2", "10" },
	{ "007 comes before 10 (leading zeros do not count)", "007", "10" },
	{ "numbers come before other names", "10", "Gold" },
	{ "other names sort byte by byte", "Bronze", "Gold" },
	{ "every name comes before the empty one", "Zzz", "" },
	{ "a letter grade comes before the empty one", "C", "" },
};

static void
group_order_table(void **state)
{
	size_t i, an, bn;
	const char *a, *b;

	(void)state;
	for (i = 0; i < sizeof(order_cases) / sizeof(order_cases[0]); i++) {
		a = order_cases[i].first;
		b = order_cases[i].second;
		an = strlen(a);
		bn = strlen(b);
		if (cg_profile_group_cmp(a, an, b, bn) >= 0)
			fail_msg("%s: '%s' does not sort before '%s'",
			    order_cases[i].name, a, b);
		if (cg_profile_group_cmp(b, bn, a, an) <= 0)
			fail_msg("%s: the order is not antisymmetric",
			    order_cases[i].name);
	}
	assert_int_equal(cg_profile_group_cmp("A", 1, "A", 1), 0);
}

static void
groups_sort_finds_top_and_bottom_and_none_last(void **state)
{
	static const char *const seen[] = { "C", "", "AA", "B", "AAA" };
	struct cg_pgroups gs;
	size_t i, n;
	const char *s;

	(void)state;
	cg_pgroups_init(&gs);
	for (i = 0; i < 5; i++)
		gs.n[cg_pgroups_of(&gs, seen[i], strlen(seen[i]))]++;
	cg_pgroups_sort(&gs);
	assert_int_equal(gs.ngraded, 4);
	s = cg_pgroups_name(&gs, gs.top, &n);
	assert_int_equal(n, 3);
	assert_memory_equal(s, "AAA", 3);
	s = cg_pgroups_name(&gs, gs.bottom, &n);
	assert_memory_equal(s, "C", 1);
	s = cg_pgroups_name(&gs, gs.order[4], &n);
	assert_int_equal(n, 6);
	assert_memory_equal(s, "(none)", 6);
	cg_pgroups_free(&gs);
}

static void
groups_stop_at_the_limit(void **state)
{
	struct cg_pgroups gs;
	char name[16];
	int i, g = 0;

	(void)state;
	cg_pgroups_init(&gs);
	for (i = 0; i < CG_PROFILE_MAXGROUPS && g >= 0; i++) {
		snprintf(name, sizeof(name), "G%d", i);
		g = cg_pgroups_of(&gs, name, strlen(name));
	}
	assert_true(g >= 0);
	assert_int_equal(cg_pgroups_of(&gs, "one more", 8), -1);
	/* A group already known still is. */
	assert_int_equal(cg_pgroups_of(&gs, "G3", 2), 3);
	cg_pgroups_free(&gs);
}

/* ---- numeric summary ---- */

static int
dcmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median_sorted(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), dcmp);
	return (v[(n - 1) / 2] + v[n / 2]) / 2;
}

static double
cliff_brute(const double *t, size_t nt, const double *b, size_t nb)
{
	double gt = 0, lt = 0;
	size_t i, j;

	for (i = 0; i < nt; i++)
		for (j = 0; j < nb; j++) {
			gt += t[i] > b[j];
			lt += t[i] < b[j];
		}
	return (gt - lt) / ((double)nt * (double)nb);
}

static unsigned long
lcg(unsigned long *s)
{
	*s = *s * 1103515245UL + 12345UL;
	return (*s >> 16) & 0x7fff;
}

/* Few distinct values, two groups: everything exact, to the bit. */
static void
exact_stats_match_brute_force(void **state)
{
	static double t[500], b[500], ts[500], bs[500];
	unsigned long seed = 7;
	size_t nt, nb, i, round;
	struct cg_pnum s;
	struct cg_pnum_stats st;

	(void)state;
	for (round = 0; round < 40; round++) {
		nt = 1 + lcg(&seed) % 300;
		nb = 1 + lcg(&seed) % 300;
		cg_pnum_init(&s);
		for (i = 0; i < nt; i++) {
			t[i] = (double)(lcg(&seed) % 40) - 10;	/* ties */
			cg_pnum_add(&s, t[i], 0);
		}
		for (i = 0; i < nb; i++) {
			b[i] = (double)(lcg(&seed) % 25) * 0.5;
			cg_pnum_add(&s, b[i], 2);
		}
		cg_pnum_stats(&s, 3, 0, 2, &st);
		assert_false(st.approx);
		assert_int_equal(st.n[0], nt);
		assert_int_equal(st.n[1], 0);
		assert_int_equal(st.n[2], nb);
		assert_true(isnan(st.median[1]));
		memcpy(ts, t, nt * sizeof(*t));
		memcpy(bs, b, nb * sizeof(*b));
		assert_true(st.median[0] == median_sorted(ts, nt));
		assert_true(st.median[2] == median_sorted(bs, nb));
		assert_true(fabs(st.delta - cliff_brute(t, nt, b, nb)) < 1e-12);
		cg_pnum_free(&s);
	}
}

static void
minus_zero_and_zero_are_one_value(void **state)
{
	struct cg_pnum s;
	struct cg_pnum_stats st;

	(void)state;
	cg_pnum_init(&s);
	cg_pnum_add(&s, -0.0, 0);
	cg_pnum_add(&s, 0.0, 1);
	cg_pnum_stats(&s, 2, 0, 1, &st);
	assert_int_equal(s.n, 2);	/* (0, group 0) and (0, group 1) */
	assert_true(st.delta == 0);
	assert_true(st.median[0] == 0);
	cg_pnum_free(&s);
}

static void
a_group_without_values_has_no_delta(void **state)
{
	struct cg_pnum s;
	struct cg_pnum_stats st;

	(void)state;
	cg_pnum_init(&s);
	cg_pnum_add(&s, 5, 0);
	cg_pnum_stats(&s, 2, 0, 1, &st);
	assert_true(isnan(st.delta));
	assert_true(st.median[0] == 5);
	cg_pnum_free(&s);
}

/* Many distinct values: bucketed, within CG_PNUM_ALPHA, delta close. */
static void
bucketed_stats_stay_within_the_bound(void **state)
{
	enum { N = 20000 };
	static double t[N], b[N], ts[N], bs[N];
	unsigned long seed = 99;
	struct cg_pnum s;
	struct cg_pnum_stats st;
	double want, exact_delta;
	size_t i;

	(void)state;
	cg_pnum_init(&s);
	for (i = 0; i < N; i++) {
		/* Skewed money, both signs for the bottom group. */
		t[i] = exp((double)lcg(&seed) / 3000.0) * 100 + 0.01 * (double)i;
		b[i] = exp((double)lcg(&seed) / 3500.0) * 40 - 500;
		cg_pnum_add(&s, t[i], 0);
		cg_pnum_add(&s, b[i], 1);
	}
	cg_pnum_stats(&s, 2, 0, 1, &st);
	assert_true(st.approx);
	/* Bounded: buckets, not values. */
	assert_true(s.n < 2 * 11100);
	memcpy(ts, t, sizeof(t));
	memcpy(bs, b, sizeof(b));
	want = median_sorted(ts, N);
	assert_true(fabs(st.median[0] - want) <= CG_PNUM_ALPHA * fabs(want) +
	    1e-9);
	want = median_sorted(bs, N);
	assert_true(fabs(st.median[1] - want) <= CG_PNUM_ALPHA * fabs(want) +
	    1e-9);
	/* Sorted copies make the brute force quick enough: count by merge. */
	{
		double gt = 0, lt = 0;
		size_t j = 0, k = 0;

		for (i = 0; i < N; i++) {
			while (j < N && bs[j] < ts[i])
				j++;
			while (k < N && bs[k] <= ts[i])
				k++;
			gt += (double)j;
			lt += (double)(N - k);
		}
		exact_delta = (gt - lt) / ((double)N * N);
	}
	assert_true(fabs(st.delta - exact_delta) < 0.01);
	cg_pnum_free(&s);
}

/* ---- findings ---- */

static void
findings_sort_by_printed_separation_then_attribute_then_value(void **state)
{
	struct cg_pfinds f = { NULL, 0, 0 };

	(void)state;
	cg_pfinds_new(&f, "sector", 6, "retail", 6, CG_PK_SHARE)->sep = 0.5;
	cg_pfinds_new(&f, "region", 6, "north", 5, CG_PK_SHARE)->sep = NAN;
	cg_pfinds_new(&f, "sector", 6, "mining", 6, CG_PK_SHARE)->sep =
	    0.5001;	/* prints 0.500: a tie */
	cg_pfinds_new(&f, "employees", 9, "median", 6, CG_PK_MEDIAN)->sep =
	    0.5;
	cg_pfinds_new(&f, "owner", 5, "Ana", 3, CG_PK_SHARE)->sep = 0.9;
	cg_pfinds_sort(&f);
	assert_string_equal(f.v[0].attr, "owner");
	assert_string_equal(f.v[1].attr, "employees");
	assert_string_equal(f.v[2].value, "mining");
	assert_string_equal(f.v[3].value, "retail");
	assert_string_equal(f.v[4].attr, "region");
	cg_pfinds_free(&f);
}

static void
share_separation_is_top_against_bottom(void **state)
{
	struct cg_pfinds f = { NULL, 0, 0 };
	struct cg_pgroups gs;
	struct cg_pfind *p;

	(void)state;
	memset(&gs, 0, sizeof(gs));
	gs.ngraded = 3;
	gs.top = 2;
	gs.bottom = 0;
	p = cg_pfinds_new(&f, "sector", 6, "software", 8, CG_PK_SHARE);
	p->cell[2] = 0.9;
	p->cell[1] = 0.2;
	p->cell[0] = 0.05;
	assert_true(fabs(cg_pfind_share_sep(p, &gs) - 0.85) < 1e-12);
	gs.ngraded = 1;
	assert_true(isnan(cg_pfind_share_sep(p, &gs)));
	cg_pfinds_free(&f);
}

/* ---- options ---- */

static void
setters_take_their_words_and_name_the_option(void **state)
{
	struct cg_profile_opts o;
	struct cg_err err;

	(void)state;
	cg_profile_opts_init(&o);
	assert_int_equal(o.format, CG_PF_CSV);
	assert_int_equal(cg_profile_parse_format(&o, "text", &err), 0);
	assert_int_equal(o.format, CG_PF_TEXT);
	assert_int_equal(cg_profile_parse_format(&o, "xml", &err), -1);
	assert_int_equal(err.code, CG_EUSAGE);
	assert_non_null(strstr(err.msg, "--format"));
	assert_int_equal(cg_profile_parse_top(&o, "5", &err), 0);
	assert_int_equal(o.top, 5);
	assert_int_equal(cg_profile_parse_top(&o, "0", &err), -1);
	assert_non_null(strstr(err.msg, "--top"));
	assert_int_equal(cg_profile_parse_top(&o, "5x", &err), -1);
	assert_int_equal(cg_profile_parse_group(&o, "", &err), -1);
	assert_int_equal(cg_profile_parse_group(&o, "quadrant", &err), 0);
	assert_string_equal(o.group, "quadrant");
	cg_profile_opts_free(&o);
}

static void
check_declares_the_log_and_refuses_stdin_twice(void **state)
{
	struct cg_profile_opts o;
	struct cg_run run;
	struct cg_err err;
	char *argv[1] = { "accounts.csv" };

	(void)state;
	cg_profile_opts_init(&o);
	cg_run_init(&run, "profile");
	o.touches = "log.csv";
	assert_int_equal(cg_profile_check(&o, &run, &err), 0);
	assert_int_equal(run.nin_extra, 1);
	assert_string_equal(run.in_extra[0], "log.csv");
	cg_run_init(&run, "profile");
	o.touches = "-";
	assert_int_equal(cg_profile_check(&o, &run, &err), -1);
	assert_int_equal(err.code, CG_EUSAGE);
	cg_run_init(&run, "profile");
	run.argc = 1;
	run.argv = argv;
	assert_int_equal(cg_profile_check(&o, &run, &err), 0);
	cg_profile_opts_free(&o);
}

/* ---- one run ---- */

struct said {
	int n;
	char msg[512];
};

static void
collect_say(void *ctx, enum cg_say_kind kind, const char *file, long line,
    long col, const char *msg)
{
	struct said *s = ctx;

	s->n++;
	snprintf(s->msg + strlen(s->msg), sizeof(s->msg) - strlen(s->msg),
	    "%s: %s\n", kind == CG_SAY_NOTE ? "note" : "warning", msg);
}

static void
a_run_writes_to_out_fd_and_says_through_the_run(void **state)
{
	const char *fix = getenv("CG_FIXTURES");
	struct cg_profile_opts o;
	struct cg_run run;
	struct cg_err err;
	struct said said = { 0, "" };
	struct cg_buf path = CG_BUF_INIT, log = CG_BUF_INIT;
	char *argv[1], out[4096];
	FILE *tmp;
	size_t n;

	(void)state;
	if (fix == NULL)
		skip();
	cg_buf_printf(&path, "%s/profile/accounts.csv", fix);
	cg_buf_printf(&log, "%s/profile/touches.csv", fix);
	argv[0] = path.s;
	assert_non_null(tmp = tmpfile());
	cg_run_init(&run, "profile");
	run.argc = 1;
	run.argv = argv;
	run.out_fd = fileno(tmp);
	run.say = collect_say;
	run.say_ctx = &said;
	cg_profile_opts_init(&o);
	o.touches = log.s;
	o.top = 4;
	assert_int_equal(cg_profile_run(&o, &run, &err), 0);
	assert_int_equal(said.n, 3);
	assert_non_null(strstr(said.msg, "note: "));
	assert_non_null(strstr(said.msg, "touches.csv: id <- 'account_id'"));
	assert_non_null(strstr(said.msg, "warning: 1 touch of no account"));
	rewind(tmp);
	n = fread(out, 1, sizeof(out) - 1, tmp);
	out[n] = '\0';
	assert_string_equal(out,
	    "attribute,value,A,B,C,(none),separation\n"
	    "employees,median,1200,400,120,60,1.000\n"
	    "sector,software,100.0,33.3,0.0,100.0,1.000\n"
	    "touches:days_between,median,121,92,304,,1.000\n"
	    "touches:per_year,median,3,1,1,1,0.917\n");
	fclose(tmp);
	cg_profile_opts_free(&o);
	cg_buf_free(&path);
	cg_buf_free(&log);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(group_order_table),
		cmocka_unit_test(groups_sort_finds_top_and_bottom_and_none_last),
		cmocka_unit_test(groups_stop_at_the_limit),
		cmocka_unit_test(exact_stats_match_brute_force),
		cmocka_unit_test(minus_zero_and_zero_are_one_value),
		cmocka_unit_test(a_group_without_values_has_no_delta),
		cmocka_unit_test(bucketed_stats_stay_within_the_bound),
		cmocka_unit_test(
		    findings_sort_by_printed_separation_then_attribute_then_value),
		cmocka_unit_test(share_separation_is_top_against_bottom),
		cmocka_unit_test(setters_take_their_words_and_name_the_option),
		cmocka_unit_test(check_declares_the_log_and_refuses_stdin_twice),
		cmocka_unit_test(a_run_writes_to_out_fd_and_says_through_the_run),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
