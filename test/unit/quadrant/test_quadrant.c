/*
 * test_quadrant.c - the quadrant computations: the median (odd, even,
 * ties, sorted and reversed input), which side of a cut a value falls
 * on, numbers grouped for people, --cut parsing, the option setters and
 * their check, the config sections, the label heap, and
 * one whole run through cg_quadrant_run (rows to out_fd, the warning
 * through the run's callback).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "clientgrade/buf.h"
#include "clientgrade/config.h"
#include "clientgrade/quadrant.h"
#include "clientgrade/run.h"

static const struct {
	const char *name;
	size_t n;
	double v[9];
	double want;
} median_cases[] = {
	{ "one value is its own median", 1, { 7 }, 7 },
	{ "odd count takes the middle value", 5, { 9, 1, 5, 3, 7 }, 5 },
	{ "even count takes the mean of the two middle values", 4,
	    { 4, 1, 3, 2 }, 2.5 },
	{ "even count with equal middle values takes that value", 6,
	    { 4000, 1000, 2500, 2500, 9000, 2500 }, 2500 },
	{ "all equal values give that value", 5, { 3, 3, 3, 3, 3 }, 3 },
	{ "sorted input works", 9, { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, 5 },
	{ "reversed input works", 8, { 8, 7, 6, 5, 4, 3, 2, 1 }, 4.5 },
	{ "negative values (headroom) work", 3, { -500, 200, -100 }, -100 },
};

static void
median_table(void **state)
{
	double v[9];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(median_cases) / sizeof(median_cases[0]); i++) {
		memcpy(v, median_cases[i].v, sizeof(v));
		if (cg_median(v, median_cases[i].n) != median_cases[i].want)
			fail_msg("%s: got %g, want %g", median_cases[i].name,
			    cg_median(v, median_cases[i].n),
			    median_cases[i].want);
	}
}

/* Quickselect against sorting, on many pseudo-random arrays with ties. */
static int
dcmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
median_matches_sorting(void **state)
{
	double v[301], s[301], want;
	unsigned long seed = 12345;
	size_t n, i;

	(void)state;
	for (n = 1; n <= 301; n += 7) {
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245UL + 12345UL;
			v[i] = (double)((seed >> 16) % 20);	/* many ties */
		}
		memcpy(s, v, n * sizeof(double));
		qsort(s, n, sizeof(double), dcmp);
		want = n % 2 ? s[n / 2] : s[n / 2 - 1] / 2 + s[n / 2] / 2;
		assert_true(cg_median(v, n) == want);
	}
}

static void
a_value_on_the_cut_counts_as_high(void **state)
{
	(void)state;
	assert_int_equal(cg_quad_of(5, 20000, 5, 20000), CG_Q_KEY);
	assert_int_equal(cg_quad_of(4.99, 20000, 5, 20000), CG_Q_GROWTH);
	assert_int_equal(cg_quad_of(5, 19999, 5, 20000), CG_Q_MAINT);
	assert_int_equal(cg_quad_of(1, 1, 5, 20000), CG_Q_SERVICE);
}

static const struct {
	const char *name;
	double v;
	char dec;
	const char *want;
} grouped_cases[] = {
	{ "small numbers are not grouped", 999, '.', "999" },
	{ "thousands get a comma", 48000, '.', "48,000" },
	{ "millions get two", 1234567.5, '.', "1,234,567.5" },
	{ "decimal comma groups with dots", 27500.25, ',', "27.500,25" },
	{ "negative numbers keep the sign first", -123456, '.', "-123,456" },
	{ "zero is zero", 0, '.', "0" },
};

static void
grouped_table(void **state)
{
	char buf[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(grouped_cases) / sizeof(grouped_cases[0]); i++) {
		cg_fmt_grouped(buf, sizeof(buf), grouped_cases[i].v,
		    grouped_cases[i].dec);
		if (strcmp(buf, grouped_cases[i].want) != 0)
			fail_msg("%s: got '%s', want '%s'",
			    grouped_cases[i].name, buf, grouped_cases[i].want);
	}
}

static const struct {
	const char *name;
	const char *arg;
	int ok;
	int fixed_e, fixed_p;
	double cut_e, cut_p;
} cut_cases[] = {
	{ "both axes are read", "engagement=6,potential=25000", 1, 1, 1, 6,
	    25000 },
	{ "one axis leaves the other at the median", "potential=25000", 1,
	    0, 1, 0, 25000 },
	{ "median can be asked for", "engagement=median", 1, 0, 0, 0, 0 },
	{ "a decimal comma does not split the list",
	    "potential=27.500,5,engagement=2,5", 1, 1, 1, 2.5, 27500.5 },
	{ "money spelling is fine", "potential=$25,000", 1, 0, 1, 0, 25000 },
	{ "an unknown axis is refused", "volume=6", 0, 0, 0, 0, 0 },
	{ "a word is refused", "engagement=six", 0, 0, 0, 0, 0 },
	{ "an empty value is refused", "engagement=", 0, 0, 0, 0, 0 },
	{ "no equals sign is refused", "engagement", 0, 0, 0, 0, 0 },
};

static void
cut_table(void **state)
{
	struct cg_quadrant_opts o;
	struct cg_err err;
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < sizeof(cut_cases) / sizeof(cut_cases[0]); i++) {
		cg_quadrant_opts_init(&o);
		rc = cg_quadrant_cut_arg(&o, cut_cases[i].arg, 0, &err);
		if ((rc == 0) != cut_cases[i].ok)
			fail_msg("%s: rc %d", cut_cases[i].name, rc);
		if (rc == 0 && (o.cut_fixed[0] != cut_cases[i].fixed_e ||
		    o.cut_fixed[1] != cut_cases[i].fixed_p ||
		    (o.cut_fixed[0] && o.cut[0] != cut_cases[i].cut_e) ||
		    (o.cut_fixed[1] && o.cut[1] != cut_cases[i].cut_p)))
			fail_msg("%s: got %d/%g %d/%g", cut_cases[i].name,
			    o.cut_fixed[0], o.cut[0], o.cut_fixed[1], o.cut[1]);
		if (rc < 0)
			assert_int_equal(err.code, CG_EUSAGE);
		cg_quadrant_opts_free(&o);
	}
}

static void
config_names_and_effort_are_taken(void **state)
{
	struct cg_quadrant_opts o;
	struct cg_config cfg;
	struct cg_err err;

	(void)state;
	cg_quadrant_opts_init(&o);
	assert_true(o.effort[CG_Q_KEY] == 4 && o.effort[CG_Q_GROWTH] == 3 &&
	    o.effort[CG_Q_MAINT] == 2 && o.effort[CG_Q_SERVICE] == 1);
	assert_int_equal(cg_config_load_string(&cfg, "t.ini",
	    "[quadrant]\npotential = headroom\ncut_engagement = 4\n"
	    "[quadrant.names]\nservice = Vendor\n"
	    "[quadrant.effort]\nkey = 5\nservice = 0\ngrowth = 2.5\n", &err),
	    0);
	assert_int_equal(cg_quadrant_config(&o, &cfg, &err), 0);
	assert_int_equal(o.headroom, 1);
	assert_int_equal(o.cut_fixed[CG_AX_E], 1);
	assert_true(o.cut[CG_AX_E] == 4);
	assert_string_equal(o.names[CG_Q_SERVICE], "Vendor");
	assert_true(o.effort[CG_Q_KEY] == 5);
	assert_true(o.effort[CG_Q_GROWTH] == 2.5);
	assert_true(o.effort[CG_Q_MAINT] == 2);
	assert_true(o.effort[CG_Q_SERVICE] == 0);
	cg_config_free(&cfg);
	cg_quadrant_opts_free(&o);
}

static const struct {
	const char *name;
	const char *text;
	long line;
	const char *msg;
} bad_effort_cases[] = {
	{ "a negative effort is refused", "[quadrant.effort]\nkey = -1\n", 2,
	    "key: effort per account is a number from 0 to 1000 (relative: "
	    "key = 4 is twice maintenance = 2), not '-1'" },
	{ "a percentage is not an effort", "[quadrant.effort]\ngrowth = 30%\n",
	    2, "growth: effort per account is a number from 0 to 1000 "
	    "(relative: key = 4 is twice maintenance = 2), not '30%'" },
	{ "more than 1000 is refused", "[quadrant.effort]\nservice = 1001\n",
	    2, "service: effort per account is a number from 0 to 1000 "
	    "(relative: key = 4 is twice maintenance = 2), not '1001'" },
	{ "a word is not a number", "[quadrant.effort]\nkey = lots\n", 2,
	    "bad value 'lots' for 'key' (want a number)" },
	{ "all zero leaves no time to share", "[quadrant.effort]\nkey = 0\n"
	    "growth = 0\nmaintenance = 0\nservice = 0\n", 5,
	    "[quadrant.effort] gives every quadrant 0: no time to share" },
	{ "[quadrant.time] is retired, naming [quadrant.effort]",
	    "[quadrant]\ncut_engagement = 4\n[quadrant.time]\nkey = 40\n", 4,
	    "[quadrant.time] is retired: a fixed share per quadrant gave a "
	    "lone account a fifth of the time; give effort per account in "
	    "[quadrant.effort] instead (key = 4, growth = 3, maintenance = 2, "
	    "service = 1), and the shares follow from the counts" },
};

static void
config_bad_effort_and_old_time_are_refused(void **state)
{
	struct cg_quadrant_opts o;
	struct cg_config cfg;
	struct cg_err err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_effort_cases) /
	    sizeof(bad_effort_cases[0]); i++) {
		cg_quadrant_opts_init(&o);
		assert_int_equal(cg_config_load_string(&cfg, "t.ini",
		    bad_effort_cases[i].text, &err), 0);
		if (cg_quadrant_config(&o, &cfg, &err) != -1)
			fail_msg("%s: taken", bad_effort_cases[i].name);
		if (err.code != CG_ECONFIG || err.line !=
		    bad_effort_cases[i].line ||
		    strcmp(err.msg, bad_effort_cases[i].msg) != 0)
			fail_msg("%s: line %ld: %s", bad_effort_cases[i].name,
			    err.line, err.msg);
		cg_config_free(&cfg);
		cg_quadrant_opts_free(&o);
	}
}

static void
config_names_that_look_like_formulas_are_refused(void **state)
{
	static const char *const bad[] = { "=1+1", "+x", "-x", "@x", "" };
	struct cg_quadrant_opts o;
	struct cg_config cfg;
	struct cg_err err;
	char text[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cg_quadrant_opts_init(&o);
		snprintf(text, sizeof(text), "[quadrant.names]\nkey = %s\n",
		    bad[i]);
		assert_int_equal(cg_config_load_string(&cfg, "t.ini", text,
		    &err), 0);
		if (cg_quadrant_config(&o, &cfg, &err) != -1)
			fail_msg("name '%s' was taken", bad[i]);
		cg_config_free(&cfg);
		cg_quadrant_opts_free(&o);
	}
}

static void
labels_keep_the_biggest_accounts(void **state)
{
	struct cg_qplot pl;
	char name[8];
	int i;

	(void)state;
	cg_qplot_init(&pl, 3);
	for (i = 0; i < 10; i++) {
		snprintf(name, sizeof(name), "n%d", i);
		cg_qplot_add(&pl, 1, 1, CG_Q_KEY, "A", 1, name, strlen(name),
		    (double)((i * 7) % 10));
	}
	cg_qplot_sort_labels(&pl);
	assert_int_equal(pl.n, 10);
	assert_int_equal(pl.nlab, 3);
	/* keys: n0 0, n1 7, n2 4, n3 1, n4 8, n5 5, n6 2, n7 9, n8 6, n9 3 */
	assert_string_equal(pl.lab[0].text, "n7");
	assert_string_equal(pl.lab[1].text, "n4");
	assert_string_equal(pl.lab[2].text, "n1");
	assert_int_equal(pl.ngrades, 1);
	cg_qplot_free(&pl);
}

static void
labels_take_0_to_1000_and_name_the_option(void **state)
{
	struct cg_quadrant_opts o;
	struct cg_err err;

	(void)state;
	cg_quadrant_opts_init(&o);
	assert_int_equal(cg_quadrant_parse_labels(&o, "0", &err), 0);
	assert_int_equal(o.labels, 0);
	assert_int_equal(cg_quadrant_parse_labels(&o, "1000", &err), 0);
	assert_int_equal(o.labels, 1000);
	assert_int_equal(cg_quadrant_parse_labels(&o, "1001", &err), -1);
	assert_int_equal(err.code, CG_EUSAGE);
	assert_string_equal(err.msg,
	    "--labels: want a whole number from 0 to 1000, not '1001'");
	assert_int_equal(cg_quadrant_parse_labels(&o, "5x", &err), -1);
	assert_int_equal(cg_quadrant_parse_labels(&o, "", &err), -1);
	assert_int_equal(o.labels, 1000);
	cg_quadrant_opts_free(&o);
}

static void
potential_and_summary_take_only_their_words(void **state)
{
	struct cg_quadrant_opts o;
	struct cg_err err;

	(void)state;
	cg_quadrant_opts_init(&o);
	assert_int_equal(cg_quadrant_parse_potential(&o, "headroom", &err), 0);
	assert_int_equal(o.headroom, 1);
	assert_int_equal(o.headroom_given, 1);
	assert_int_equal(cg_quadrant_parse_potential(&o, "column", &err), 0);
	assert_int_equal(o.headroom, 0);
	assert_int_equal(cg_quadrant_parse_potential(&o, "room", &err), -1);
	assert_string_equal(err.msg,
	    "--potential wants 'column' or 'headroom', not 'room'");
	assert_int_equal(cg_quadrant_parse_summary(&o, NULL, &err), 0);
	assert_int_equal(o.summary, CG_QSUM_CSV);
	assert_int_equal(cg_quadrant_parse_summary(&o, "text", &err), 0);
	assert_int_equal(o.summary, CG_QSUM_TEXT);
	assert_int_equal(cg_quadrant_parse_summary(&o, "html", &err), -1);
	assert_int_equal(err.code, CG_EUSAGE);
	cg_quadrant_opts_free(&o);
}

static void
check_reads_cuts_with_the_runs_decimal_mark(void **state)
{
	struct cg_quadrant_opts o;
	struct cg_run run;
	struct cg_err err;

	(void)state;
	cg_run_init(&run, "quadrant");
	run.decimal = ',';
	cg_quadrant_opts_init(&o);
	/* Kept, not read: --decimal may come after --cut. */
	assert_int_equal(cg_quadrant_parse_cut(&o, "potential=27.500,5",
	    &err), 0);
	assert_int_equal(o.cut_fixed[CG_AX_P], 0);
	assert_int_equal(cg_quadrant_parse_cut(&o, "engagement=2,5", &err), 0);
	assert_int_equal(cg_quadrant_check(&o, &run, &err), 0);
	assert_true(o.cut_fixed[CG_AX_P] && o.cut[CG_AX_P] == 27500.5);
	assert_true(o.cut_fixed[CG_AX_E] && o.cut[CG_AX_E] == 2.5);
	cg_quadrant_opts_free(&o);
}

static void
check_refuses_bad_plots_and_declares_the_svg(void **state)
{
	struct cg_quadrant_opts o;
	struct cg_run run;
	struct cg_err err;

	(void)state;
	cg_run_init(&run, "quadrant");
	cg_quadrant_opts_init(&o);
	assert_int_equal(cg_quadrant_parse_summary(&o, NULL, &err), 0);
	assert_int_equal(cg_quadrant_parse_plot(&o, "m.svg", &err), 0);
	assert_int_equal(cg_quadrant_check(&o, &run, &err), 0);
	/* The SVG is declared, so the spine can refuse it as an input. */
	assert_int_equal(run.nout_extra, 1);
	assert_string_equal(run.out_extra[0].opt, "--plot");
	assert_string_equal(run.out_extra[0].path, "m.svg");
	assert_int_equal(cg_quadrant_parse_plot(&o, "-", &err), 0);
	assert_int_equal(cg_quadrant_check(&o, &run, &err), -1);
	assert_int_equal(err.code, CG_EUSAGE);
	assert_string_equal(err.msg, "--summary and --plot - both write to "
	    "standard output; give --plot a file");
	/* An empty plot name is refused, naming the option. */
	cg_quadrant_opts_free(&o);
	cg_quadrant_opts_init(&o);
	assert_int_equal(cg_quadrant_parse_plot(&o, "", &err), 0);
	assert_int_equal(cg_quadrant_check(&o, &run, &err), -1);
	assert_string_equal(err.msg, "--plot: the file name is empty");
	/* A bad --cut is found by the check, as a usage error. */
	cg_quadrant_opts_free(&o);
	cg_quadrant_opts_init(&o);
	assert_int_equal(cg_quadrant_parse_cut(&o, "volume=6", &err), 0);
	assert_int_equal(cg_quadrant_check(&o, &run, &err), -1);
	assert_int_equal(err.code, CG_EUSAGE);
	cg_quadrant_opts_free(&o);
}

/* The messages of a run, collected. */
struct said {
	int n;
	enum cg_say_kind kind;
	char msg[256];
};

static void
collect_say(void *ctx, enum cg_say_kind kind, const char *file, long line,
    long col, const char *msg)
{
	struct said *s = ctx;

	s->n++;
	s->kind = kind;
	snprintf(s->msg, sizeof(s->msg), "%s", msg);
}

static void
a_run_writes_to_out_fd_and_warns_through_the_run(void **state)
{
	const char *fix = getenv("CG_FIXTURES");
	struct cg_quadrant_opts o;
	struct cg_run run;
	struct cg_err err;
	struct said said = { 0, CG_SAY_NOTE, "" };
	struct cg_buf path = CG_BUF_INIT;
	char *argv[1], out[4096];
	FILE *tmp;
	size_t n;

	(void)state;
	if (fix == NULL)
		skip();
	cg_buf_printf(&path, "%s/quadrant/missing.csv", fix);
	argv[0] = path.s;
	assert_non_null(tmp = tmpfile());
	cg_run_init(&run, "quadrant");
	run.argc = 1;
	run.argv = argv;
	run.out_fd = fileno(tmp);
	run.say = collect_say;
	run.say_ctx = &said;
	cg_quadrant_opts_init(&o);
	assert_int_equal(cg_quadrant_run(&o, &run, &err), 0);
	assert_int_equal(said.n, 1);
	assert_int_equal(said.kind, CG_SAY_WARNING);
	assert_non_null(strstr(said.msg,
	    "3 rows with no engagement or potential (first: "));
	assert_non_null(strstr(said.msg, "missing.csv:3)"));
	rewind(tmp);
	n = fread(out, 1, sizeof(out) - 1, tmp);
	out[n] = '\0';
	assert_non_null(strstr(out, "account,engagement,potential,quadrant,"
	    "engagement_value,potential_value,engagement_cut,potential_cut\n"
	    "Alpha,5,20000,Service,5,20000,6.5,34000\n"));
	assert_non_null(strstr(out, "Foxtrot,9,60000,Key,9,60000,6.5,34000\n"));
	fclose(tmp);
	cg_quadrant_opts_free(&o);
	cg_buf_free(&path);
}

/* Any value on any range: a fraction in [0, 1], NaN included. */
static void
axis_fractions_stay_in_the_frame(void **state)
{
	static const double vals[] = { -1e300, -1e15, -1, 0, 0.5, 1, 1e15,
	    1e300, NAN, INFINITY, -INFINITY };
	struct cg_qrange r;
	size_t i, j;
	double f;

	(void)state;
	for (j = 0; j < 3; j++) {
		memset(&r, 0, sizeof(r));
		r.lo = j == 0 ? 0 : j == 1 ? -1e15 : 1;
		r.hi = j == 0 ? 1 : j == 1 ? 1e15 : 1e15;
		r.log = j == 2;
		for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
			f = cg_qrange_frac(&r, vals[i]);
			if (!(f >= 0 && f <= 1))
				fail_msg("range %zu, value %g: fraction %g", j,
				    vals[i], f);
		}
	}
}


int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(median_table),
		cmocka_unit_test(median_matches_sorting),
		cmocka_unit_test(a_value_on_the_cut_counts_as_high),
		cmocka_unit_test(grouped_table),
		cmocka_unit_test(cut_table),
		cmocka_unit_test(config_names_and_effort_are_taken),
		cmocka_unit_test(config_bad_effort_and_old_time_are_refused),
		cmocka_unit_test(config_names_that_look_like_formulas_are_refused),
		cmocka_unit_test(labels_keep_the_biggest_accounts),
		cmocka_unit_test(labels_take_0_to_1000_and_name_the_option),
		cmocka_unit_test(potential_and_summary_take_only_their_words),
		cmocka_unit_test(check_reads_cuts_with_the_runs_decimal_mark),
		cmocka_unit_test(check_refuses_bad_plots_and_declares_the_svg),
		cmocka_unit_test(a_run_writes_to_out_fd_and_warns_through_the_run),
		cmocka_unit_test(axis_fractions_stay_in_the_frame),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
