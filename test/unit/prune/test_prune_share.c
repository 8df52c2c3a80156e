/*
 * test_prune_share.c - prune's guards: the share of rejects that stops
 * a run before it writes (--max-reject, --force, --dry-run), the stage
 * vocabulary that keeps clients and referral sources from going stale,
 * the --require comparisons, and the notes and warnings that say what
 * a run assumed.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "clientgrade/buf.h"
#include "clientgrade/optparse.h"
#include "clientgrade/prune.h"
#include "clientgrade/run.h"
#include "clientgrade/stage.h"

/* What a run said: "note: ..." and "warning: ..." lines. */
static struct cg_buf said;

static void
collect(void *ctx, enum cg_say_kind kind, const char *file, long line,
    long col, const char *msg)
{
	(void)ctx;
	(void)file;
	(void)line;
	(void)col;
	cg_buf_printf(&said, "%s: %s\n", kind == CG_SAY_NOTE ? "note" :
	    "warning", msg);
}

struct result {
	int rc;
	struct cg_err err;
	struct cg_prune_stats st;
	char out[2048];		/* the kept output */
	char rej[2048];		/* the rejects file; "(none)" when absent */
};

static void
slurp(const char *path, char *buf, size_t cap)
{
	FILE *fp = fopen(path, "r");
	size_t n;

	if (fp == NULL) {
		snprintf(buf, cap, "(none)");
		return;
	}
	n = fread(buf, 1, cap - 1, fp);
	buf[n] = '\0';
	fclose(fp);
}

/* Prune `csv` with o (its rejects file set here) on 2026-12-01. */
static void
run_prune(struct cg_prune_opts *o, const struct cg_stages *stages,
    const char *csv, struct result *res)
{
	const char *dir = getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp";
	char in[256], out[272], rej[272];
	char *argv[2];
	struct cg_run run;
	int fd;

	snprintf(in, sizeof(in), "%s/cgshare.XXXXXX", dir);
	assert_true((fd = mkstemp(in)) >= 0);
	assert_int_equal(write(fd, csv, strlen(csv)), (ssize_t)strlen(csv));
	close(fd);
	snprintf(out, sizeof(out), "%s.out", in);
	snprintf(rej, sizeof(rej), "%s.rej", in);
	argv[0] = in;
	argv[1] = NULL;
	cg_run_init(&run, "prune");
	run.stages = stages;
	run.say = collect;
	assert_int_equal(cg_parse_day("2026-12-01", "--today", &run.today,
	    &res->err), 0);
	run.argc = 1;
	run.argv = argv;
	assert_true((run.out_fd = open(out, O_WRONLY | O_CREAT | O_TRUNC,
	    0600)) >= 0);
	if (!o->dry_run)
		assert_int_equal(cg_prune_set_rejects(o, rej, &res->err), 0);
	cg_buf_reset(&said);
	assert_int_equal(cg_prune_opts_check(o, &run, &res->err), 0);
	res->rc = cg_prune_rows(o, &run, &res->st, &res->err);
	close(run.out_fd);
	slurp(out, res->out, sizeof(res->out));
	slurp(rej, res->rej, sizeof(res->rej));
	o->rejects_path = NULL;
	unlink(in);
	unlink(out);
	unlink(rej);
}

static const char deal_log[] =
    "id,account,last_contact\n"
    "1,Acme,2026-11-01\n2,Acme,2026-11-02\n3,Acme,2026-11-03\n"
    "4,Bolt,2026-11-04\n5,Bolt,2026-11-05\n6,Core,2026-11-06\n";

static void
share_message_names_the_rule_and_the_way_on(void **state)
{
	struct cg_prune_opts o;
	struct cg_prune_stats st;
	struct cg_buf msg = CG_BUF_INIT;
	struct cg_run run;

	(void)state;
	cg_run_init(&run, "prune");
	cg_prune_opts_init(&o);
	memset(&st, 0, sizeof(st));
	st.rows = 8800;
	st.rejected = 7290;
	st.by_rule[CG_PRUNE_STALE] = 278;
	st.by_rule[CG_PRUNE_DUPES] = 7012;
	assert_int_equal(cg_prune_share(&o, &run, &st, "would reject", &msg),
	    1);
	assert_string_equal(msg.s, "would reject 7290 of 8800 rows (83%), "
	    "most as duplicate account (7012): is this a deal log? (--force "
	    "or --max-reject 90 to go on)");
	/* The suggested limit lets the run go. */
	o.max_reject = 90;
	assert_int_equal(cg_prune_share(&o, &run, &st, "would reject", &msg),
	    0);
	/* Exactly the limit is within it; one row more is not. */
	o.max_reject = 50;
	st.rows = 12;
	st.rejected = 6;
	memset(st.by_rule, 0, sizeof(st.by_rule));
	st.by_rule[CG_PRUNE_NOREPLY] = 6;
	assert_int_equal(cg_prune_share(&o, &run, &st, "would reject", &msg),
	    0);
	st.rejected = st.by_rule[CG_PRUNE_NOREPLY] = 7;
	assert_int_equal(cg_prune_share(&o, &run, &st, "would reject", &msg),
	    1);
	assert_string_equal(msg.s, "would reject 7 of 12 rows (58%), most as "
	    "no reply (7): 5 or more unanswered touches; is --max-unanswered "
	    "too low? (--force or --max-reject 60 to go on)");
	/* A share that rounds to the limit is shown as over it. */
	st.rows = 1000;
	st.rejected = st.by_rule[CG_PRUNE_NOREPLY] = 502;
	assert_int_equal(cg_prune_share(&o, &run, &st, "would reject", &msg),
	    1);
	assert_non_null(strstr(msg.s, "would reject 502 of 1000 rows (over "
	    "50%), most as no reply (502)"));
	assert_non_null(strstr(msg.s, "(--force or --max-reject 60 to go "
	    "on)"));
	/* No rows: no share. */
	st.rows = st.rejected = 0;
	assert_int_equal(cg_prune_share(&o, &run, &st, "would reject", &msg),
	    0);
	cg_buf_free(&msg);
	cg_prune_opts_free(&o);
}

static void
a_deal_log_stops_before_a_byte_is_written(void **state)
{
	struct cg_prune_opts o;
	struct result res;
	char csv[sizeof(deal_log) + 32];

	(void)state;
	/* Duplicates: the share is known after pass 1. */
	snprintf(csv, sizeof(csv), "%s7,Acme,2026-11-07\n", deal_log);
	cg_prune_opts_init(&o);
	run_prune(&o, NULL, csv, &res);
	assert_int_equal(res.rc, -1);
	assert_int_equal(res.err.code, CG_EDATA);
	assert_string_equal(res.err.msg, "would reject 4 of 7 rows (57%), "
	    "most as duplicate account (4): is this a deal log? (--force or "
	    "--max-reject 60 to go on)");
	assert_string_equal(res.out, "");
	assert_string_equal(res.rej, "(none)");
	cg_prune_opts_free(&o);
}

static void
exactly_the_limit_goes_through(void **state)
{
	struct cg_prune_opts o;
	struct result res;

	(void)state;
	cg_prune_opts_init(&o);
	/* 3 of 6 is 50%: over --max-reject 49, within 50. */
	assert_int_equal(cg_prune_set_max_reject(&o, "49", &res.err), 0);
	run_prune(&o, NULL, deal_log, &res);
	assert_int_equal(res.rc, -1);
	assert_string_equal(res.rej, "(none)");
	assert_int_equal(cg_prune_set_max_reject(&o, "50", &res.err), 0);
	run_prune(&o, NULL, deal_log, &res);
	assert_int_equal(res.rc, 0);
	assert_int_equal(res.st.by_rule[CG_PRUNE_DUPES], 3);
	assert_string_equal(res.out, "id,account,last_contact\n"
	    "3,Acme,2026-11-03\n5,Bolt,2026-11-05\n6,Core,2026-11-06\n");
	cg_prune_opts_free(&o);
}

static const char stale_file[] =
    "id,account,stage,last_contact\n"
    "1,Acme,Prospect,2025-01-01\n"
    "2,Bolt,Customer - Direct,2025-01-01\n"
    "3,Core,Customer - Channel,2025-01-01\n"
    "4,Dyn,Channel partner,2025-01-01\n"
    "5,Echo,Prospect,2025-02-01\n"
    "6,Flux,Prospect,2026-11-01\n"
    "7,Gala,Key account,2025-01-01\n";

static void
the_one_pass_mode_holds_its_rows_until_the_share_is_known(void **state)
{
	struct cg_prune_opts o;
	struct result res;
	struct cg_err err;

	(void)state;
	cg_prune_opts_init(&o);
	assert_int_equal(cg_prune_set_rules(&o, "stale", &err), 0);
	assert_int_equal(cg_prune_set_max_reject(&o, "20", &err), 0);
	run_prune(&o, NULL, stale_file, &res);
	assert_int_equal(res.rc, -1);
	assert_string_equal(res.err.msg, "would reject 3 of 7 rows (43%), "
	    "most as stale (3): no contact in the 180 days to 2026-12-01; is "
	    "the export old, or --today or --stale-days wrong? (--force or "
	    "--max-reject 50 to go on)");
	assert_string_equal(res.out, "");
	assert_string_equal(res.rej, "(none)");
	/* --force goes on, and says the share was over. */
	assert_int_equal(cg_prune_set_force(&o, NULL, &err), 0);
	run_prune(&o, NULL, stale_file, &res);
	assert_int_equal(res.rc, 0);
	assert_non_null(strstr(said.s, "warning: rejected 3 of 7 rows (43%), "
	    "most as stale (3)"));
	assert_non_null(strstr(said.s, "(over --max-reject 20; going on: "
	    "--force)"));
	cg_prune_opts_free(&o);
}

static void
clients_and_referral_sources_are_never_stale(void **state)
{
	struct cg_prune_opts o;
	struct cg_stages st;
	struct result res;
	struct cg_err err;

	(void)state;
	cg_prune_opts_init(&o);
	assert_int_equal(cg_prune_set_rules(&o, "stale", &err), 0);
	assert_int_equal(cg_prune_set_max_reject(&o, "100", &err), 0);
	run_prune(&o, NULL, stale_file, &res);
	assert_int_equal(res.rc, 0);
	/* Customer - Direct, Customer - Channel (clients) and Channel
	 * partner (a referral source) stay; Key account is unknown. */
	assert_string_equal(res.out, "id,account,stage,last_contact\n"
	    "2,Bolt,Customer - Direct,2025-01-01\n"
	    "3,Core,Customer - Channel,2025-01-01\n"
	    "4,Dyn,Channel partner,2025-01-01\n"
	    "6,Flux,Prospect,2026-11-01\n");
	assert_non_null(strstr(said.s, "note: 1 row pruned as stale has a "
	    "stage the vocabulary does not know: 'Key account' (1)"));
	/* --client-stages adds to the vocabulary... */
	assert_int_equal(cg_prune_set_stages(&o, "key account", &err), 0);
	run_prune(&o, NULL, stale_file, &res);
	assert_int_equal(res.st.by_rule[CG_PRUNE_STALE], 2);
	assert_null(strstr(said.s, "does not know"));
	/* ... and so does the run's ([stages] in the config). */
	cg_prune_opts_free(&o);
	cg_prune_opts_init(&o);
	assert_int_equal(cg_prune_set_rules(&o, "stale", &err), 0);
	assert_int_equal(cg_prune_set_max_reject(&o, "100", &err), 0);
	cg_stages_init(&st);
	cg_stages_add(&st, "Key Account", 11, CG_STAGE_CLIENT);
	cg_stages_add(&st, "customer direct", 15, CG_STAGE_LEAD);
	run_prune(&o, &st, stale_file, &res);
	assert_int_equal(res.st.by_rule[CG_PRUNE_STALE], 3);
	assert_non_null(strstr(res.out, "7,Gala,Key account"));
	assert_non_null(strstr(res.rej, "2,Bolt,Customer - Direct"));
	cg_stages_free(&st);
	cg_prune_opts_free(&o);
}

static void
rules_that_are_off_say_why(void **state)
{
	struct cg_prune_opts o;
	struct result res;
	struct cg_err err;

	(void)state;
	cg_prune_opts_init(&o);
	assert_int_equal(cg_prune_set_dry_run(&o, NULL, &err), 0);
	assert_int_equal(cg_prune_set_no_dupes(&o, NULL, &err), 0);
	run_prune(&o, NULL, "id,company,touches_no_reply\n1,A,9\n2,B,0\n",
	    &res);
	assert_int_equal(res.rc, 0);
	assert_string_equal(res.st.off[CG_PRUNE_STALE],
	    "no date column: last_contact, last_order, ...");
	assert_string_equal(res.st.off[CG_PRUNE_NOREPLY], "");
	assert_string_equal(res.st.off[CG_PRUNE_FIT], "no --require or --min");
	assert_string_equal(res.st.off[CG_PRUNE_DUPES], "--no-dupes");
	assert_string_equal(said.s, "note: the stale rule is off: no "
	    "last_contact or last_order column; pin one with --col "
	    "last_contact=HEADER\n"
	    "note: no_reply <- 'touches_no_reply'; pin it with --col "
	    "no_reply=touches_no_reply\n");
	cg_prune_opts_free(&o);
}

static const char fit_file[] =
    "id,Type,employees,last_contact\n"
    "1,Prospect,5,2026-10-01\n"
    "2,Customer - Direct,50,2026-11-01\n"
    "3,Prospect,500,2026-09-01\n"
    "4,Prospect,,2026-01-15\n";

/* Prune fit_file by the --require specs (NULL-ended); the kept ids. */
static void
kept_by(const char *const *specs, struct result *res)
{
	struct cg_prune_opts o;
	struct cg_err err;

	cg_prune_opts_init(&o);
	assert_int_equal(cg_prune_set_rules(&o, "fit", &err), 0);
	assert_int_equal(cg_prune_set_max_reject(&o, "100", &err), 0);
	for (; *specs != NULL; specs++)
		assert_int_equal(cg_prune_set_require(&o, *specs, &err), 0);
	run_prune(&o, NULL, fit_file, res);
	assert_int_equal(res->rc, 0);
	cg_prune_opts_free(&o);
}

static void
require_compares_numbers_and_dates(void **state)
{
	static const char *const ge[] = { "employees>=50", NULL };
	static const char *const alt[] = { "employees<10", "employees>100",
		NULL };
	static const char *const both[] = { "employees>=10",
		"last_contact<2026-10-15", NULL };
	static const char *const ne[] = { "Type!=prospect", NULL };
	struct result res;

	(void)state;
	kept_by(ge, &res);
	assert_string_equal(res.out, "id,Type,employees,last_contact\n"
	    "2,Customer - Direct,50,2026-11-01\n3,Prospect,500,2026-09-01\n");
	/* An empty field meets no --require. */
	assert_non_null(strstr(res.rej, "4,Prospect,,2026-01-15,"
	    "\"requires employees>=50, has nothing\""));
	/* One column: alternatives. */
	kept_by(alt, &res);
	assert_string_equal(res.out, "id,Type,employees,last_contact\n"
	    "1,Prospect,5,2026-10-01\n3,Prospect,500,2026-09-01\n");
	assert_non_null(strstr(res.rej, "2,Customer - Direct,50,2026-11-01,"
	    "\"requires employees<10 or employees>100, has 50\""));
	/* Two columns: both. */
	kept_by(both, &res);
	assert_string_equal(res.out, "id,Type,employees,last_contact\n"
	    "3,Prospect,500,2026-09-01\n");
	/* != ignores case, as = does. */
	kept_by(ne, &res);
	assert_string_equal(res.out, "id,Type,employees,last_contact\n"
	    "2,Customer - Direct,50,2026-11-01\n");
}

static void
a_require_that_matches_nothing_says_what_the_column_has(void **state)
{
	static const char *const typo[] = { "type=Customer Direct", NULL };
	static const char *const big[] = { "employees>1000", NULL };
	struct result res;

	(void)state;
	kept_by(typo, &res);
	assert_string_equal(said.s, "warning: --require type=Customer Direct "
	    "matched no row; Type has: Prospect 3, Customer - Direct 1; did "
	    "you mean 'Customer - Direct'?\n");
	kept_by(big, &res);
	assert_string_equal(said.s, "warning: --require employees>1000 "
	    "matched no row; employees has numbers from 5 to 500\n");
}

static void
bounds_that_let_everything_through_are_refused(void **state)
{
	struct cg_prune_opts o;
	struct cg_run run;
	struct cg_err err;

	(void)state;
	cg_run_init(&run, "prune");
	cg_prune_opts_init(&o);
	o.dry_run = 1;
	assert_int_equal(cg_prune_set_require(&o, "employees>=10", &err), 0);
	assert_int_equal(cg_prune_set_require(&o, "Employees<=500", &err), 0);
	assert_int_equal(cg_prune_opts_check(&o, &run, &err), -1);
	assert_int_equal(err.code, CG_EUSAGE);
	assert_string_equal(err.msg, "--require employees>=10 and --require "
	    "Employees<=500 let every number through: conditions on one "
	    "column are alternatives (one of them must hold); see --require "
	    "in prune(1)");
	assert_int_equal(cg_prune_set_require(&o, "employees>ten", &err), -1);
	assert_string_equal(err.msg, "--require employees>ten: 'ten' is not a "
	    "number or a date (want YYYY-MM-DD for a date)");
	assert_int_equal(cg_prune_set_require(&o, "=x", &err), -1);
	assert_int_equal(cg_prune_set_max_reject(&o, "101", &err), -1);
	assert_string_equal(err.msg, "--max-reject: want a whole number from "
	    "0 to 100, not '101'");
	cg_prune_opts_free(&o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(share_message_names_the_rule_and_the_way_on),
		cmocka_unit_test(a_deal_log_stops_before_a_byte_is_written),
		cmocka_unit_test(exactly_the_limit_goes_through),
		cmocka_unit_test(
		    the_one_pass_mode_holds_its_rows_until_the_share_is_known),
		cmocka_unit_test(clients_and_referral_sources_are_never_stale),
		cmocka_unit_test(rules_that_are_off_say_why),
		cmocka_unit_test(require_compares_numbers_and_dates),
		cmocka_unit_test(
		    a_require_that_matches_nothing_says_what_the_column_has),
		cmocka_unit_test(bounds_that_let_everything_through_are_refused),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	cg_buf_free(&said);
	return rc;
}
