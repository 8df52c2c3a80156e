/*
 * test_quadrant_split.c - where quadrant splits an axis and how it
 * shares a rep's time: a median that puts more than 80% of the values on
 * one side moves to the next value up when that comes closer to halves
 * (cg_qcut_median), and the summary's time shares are counts x effort
 * ([quadrant.effort]), so they add up to 100% and a lone account gets
 * its effort's worth, not a fixed share of its quadrant.
 */
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

/* Runs of equal values: { value, count } pairs, up to 4. */
static const struct {
	const char *name;
	double val[4];
	size_t cnt[4];
	double median, cut;
	size_t high;
	int lopsided, moved;
} split_cases[] = {
	{ "no ties: the median halves", { 1, 2, 3, 4 }, { 1, 1, 1, 1 },
	    2.5, 2.5, 2, 0, 0 },
	{ "74 of 85 at the minimum: split above it", { 0, 1, 2, 4 },
	    { 74, 5, 4, 2 }, 0, 1, 11, 1, 1 },
	{ "a tied block in the middle moves to the low side", { 1, 3, 5 },
	    { 5, 74, 6 }, 3, 5, 6, 1, 1 },
	{ "a tied block at the top has no value above it", { 1, 3 },
	    { 11, 74 }, 3, 3, 74, 1, 0 },
	{ "all equal: nothing splits them", { 7 }, { 20 }, 7, 7, 20, 1, 0 },
	{ "exactly 80% on one side is not lopsided", { 1, 3 }, { 2, 8 },
	    3, 3, 8, 0, 0 },
	{ "the median stays when the next value up is further from halves",
	    { 1, 3, 5 }, { 4, 16, 1 }, 3, 3, 17, 1, 0 },
	{ "one value alone is all on one side", { 42 }, { 1 }, 42, 42, 1,
	    1, 0 },
	{ "negative values (headroom) work the same", { -500, -100 },
	    { 2, 18 }, -100, -100, 18, 1, 0 },
	{ "ties at a decimal value move to the next one", { 0.5, 1.25 },
	    { 9, 2 }, 0.5, 1.25, 2, 1, 1 },
};

static void
split_table(void **state)
{
	double v[100];
	struct cg_qcut c;
	size_t i, j, k, n;

	(void)state;
	for (i = 0; i < sizeof(split_cases) / sizeof(split_cases[0]); i++) {
		/* Interleaved, so the input is not sorted. */
		for (n = 0, j = 0; j < 4; j++)
			for (k = 0; k < split_cases[i].cnt[j]; k++)
				v[n++] = split_cases[i].val[j];
		for (j = 0; j + 1 < n; j += 2) {
			double t = v[j];
			v[j] = v[n - 1 - j];
			v[n - 1 - j] = t;
		}
		cg_qcut_median(v, n, &c);
		if (c.n != n || c.median != split_cases[i].median ||
		    c.cut != split_cases[i].cut ||
		    c.high != split_cases[i].high ||
		    c.lopsided != split_cases[i].lopsided ||
		    c.moved != split_cases[i].moved)
			fail_msg("%s: median %g cut %g high %zu of %zu, "
			    "lopsided %d moved %d", split_cases[i].name,
			    c.median, c.cut, c.high, c.n, c.lopsided, c.moved);
	}
}

/* On random data with heavy ties, the split is never further from halves
 * than the median's, and a moved cut always has fewer on its high side. */
static void
split_never_worse_than_the_median(void **state)
{
	double v[200];
	unsigned long seed = 99;
	struct cg_qcut c;
	size_t n, i, hi, mod;

	(void)state;
	for (n = 1; n <= 200; n += 3)
		for (mod = 1; mod <= 5; mod++) {
			for (i = 0; i < n; i++) {
				seed = seed * 1103515245UL + 12345UL;
				/* Mostly zeros, some 1..mod. */
				v[i] = (seed >> 16) % 7 < 5 ? 0 :
				    (double)((seed >> 8) % mod + 1);
			}
			cg_qcut_median(v, n, &c);
			for (hi = 0, i = 0; i < n; i++)
				hi += v[i] >= c.cut;
			assert_int_equal(hi, c.high);
			if (c.moved) {
				assert_true(c.cut > c.median);
				assert_true(c.high < c.high_median);
				assert_true((2 * c.high > n ? 2 * c.high - n :
				    n - 2 * c.high) < 2 * c.high_median - n);
			} else
				assert_true(c.cut == c.median);
		}
}

/* The messages of a run, collected. */
struct said {
	int n;
	char msg[4][400];
};

static void
collect_say(void *ctx, enum cg_say_kind kind, const char *file, long line,
    long col, const char *msg)
{
	struct said *s = ctx;

	if (s->n < 4)
		snprintf(s->msg[s->n], sizeof(s->msg[0]), "%s: %s",
		    kind == CG_SAY_NOTE ? "note" : "warning", msg);
	s->n++;
}

/* Run quadrant on `csv` with `ini` as the config; the CSV output into
 * out[0..cap). */
static int
run_on(const char *csv, const char *ini, const char *const *args, int sum,
    char *out, size_t cap, struct said *said)
{
	struct cg_quadrant_opts o;
	struct cg_config cfg;
	struct cg_run run;
	struct cg_err err;
	char path[] = "/tmp/cgqsplitXXXXXX", *argv[1];
	FILE *tmp;
	size_t n;
	int fd, rc;

	assert_true((fd = mkstemp(path)) >= 0);
	assert_true(write(fd, csv, strlen(csv)) == (ssize_t)strlen(csv));
	close(fd);
	argv[0] = path;
	assert_non_null(tmp = tmpfile());
	assert_int_equal(cg_config_load_string(&cfg, "t.ini", ini, &err), 0);
	cg_run_init(&run, "quadrant");
	run.argc = 1;
	run.argv = argv;
	run.out_fd = fileno(tmp);
	run.cfg = &cfg;
	run.say = collect_say;
	run.say_ctx = said;
	cg_quadrant_opts_init(&o);
	for (; args != NULL && *args != NULL; args++)
		assert_int_equal(cg_quadrant_parse_cut(&o, *args, &err), 0);
	if (sum)
		assert_int_equal(cg_quadrant_parse_summary(&o, NULL, &err), 0);
	assert_int_equal(cg_quadrant_check(&o, &run, &err), 0);
	rc = cg_quadrant_run(&o, &run, &err);
	if (rc < 0)
		snprintf(out, cap, "error: %s", err.msg);
	else {
		rewind(tmp);
		n = fread(out, 1, cap - 1, tmp);
		out[n] = '\0';
	}
	fclose(tmp);
	unlink(path);
	cg_quadrant_opts_free(&o);
	cg_config_free(&cfg);
	return rc;
}

static const char accounts[] =
    "account,engagement,potential\n"
    "K1,9,900\nK2,8,800\nK3,7,700\n"	/* Key: 3 */
    "G1,1,950\nG2,2,850\n"		/* Growth: 2 */
    "M1,9,100\n"			/* Maintenance: 1, alone */
    "S1,1,100\nS2,2,200\nS3,1,300\nS4,2,50\n";	/* Service: 4 */
static const char *const cuts[] = { "engagement=5,potential=500", NULL };

static void
time_shares_are_counts_times_effort(void **state)
{
	struct said said = { 0 };
	char out[2048];

	(void)state;
	/* Default effort 4/3/2/1: 12 + 6 + 2 + 4 = 24 units. */
	assert_int_equal(run_on(accounts, "", cuts, 1, out, sizeof(out),
	    &said), 0);
	assert_string_equal(out,
	    "quadrant,accounts,share_pct,potential,effort,time_pct,"
	    "time_per_account_pct\n"
	    "Key,3,30,2400,4,50,16.6667\n"
	    "Growth,2,20,1800,3,25,12.5\n"
	    "Maintenance,1,10,100,2,8.3,8.3333\n"
	    "Service,4,40,650,1,16.7,4.1667\n"
	    "Total,10,100,4950,,100,\n");
	assert_int_equal(said.n, 0);
}

static void
effort_from_the_config_changes_the_shares(void **state)
{
	struct said said = { 0 };
	char out[2048];

	(void)state;
	/* Service 0: its accounts get no time; 3x2 + 2x2 + 1x1 = 11. */
	assert_int_equal(run_on(accounts, "[quadrant.effort]\nkey = 2\n"
	    "growth = 2\nmaintenance = 1\nservice = 0\n", cuts, 1, out,
	    sizeof(out), &said), 0);
	assert_string_equal(out,
	    "quadrant,accounts,share_pct,potential,effort,time_pct,"
	    "time_per_account_pct\n"
	    "Key,3,30,2400,2,54.5,18.1818\n"
	    "Growth,2,20,1800,2,36.4,18.1818\n"
	    "Maintenance,1,10,100,1,9.1,9.0909\n"
	    "Service,4,40,650,0,0,0\n"
	    "Total,10,100,4950,,100,\n");
}

static void
a_lopsided_median_moves_with_a_note(void **state)
{
	struct said said = { 0 };
	char out[4096];
	struct cg_buf csv = CG_BUF_INIT;
	int i;

	(void)state;
	cg_buf_adds(&csv, "account,engagement,potential\n");
	for (i = 0; i < 85; i++)
		cg_buf_printf(&csv, "A%d,%d,%d\n", i, i < 74 ? 0 : i % 4 + 1,
		    1000 + i * 10);
	assert_int_equal(run_on(csv.s, "", NULL, 1, out, sizeof(out), &said),
	    0);
	assert_int_equal(said.n, 1);
	assert_string_equal(said.msg[0], "note: engagement: the median 0 puts "
	    "85 of 85 accounts (100%) on its high side; split at 1, the next "
	    "value up, instead (11 high, 74 low); --cut engagement=N chooses");
	/* 11 high engagement, of which the potential median (1420) puts
	 * all in Key: they are the last rows. */
	assert_non_null(strstr(out, "Key,11,12.9,"));
	assert_non_null(strstr(out, "Maintenance,0,0,"));
	cg_buf_free(&csv);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(split_table),
		cmocka_unit_test(split_never_worse_than_the_median),
		cmocka_unit_test(time_shares_are_counts_times_effort),
		cmocka_unit_test(effort_from_the_config_changes_the_shares),
		cmocka_unit_test(a_lopsided_median_moves_with_a_note),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
