/*
 * test_prune_opts.c - prune's option setters, its check hook (the
 * [prune] section, the rejects-file rule, --no-*) and its engine run
 * from a struct cg_run, the way cg_tool_main drives them.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "clientgrade/config.h"
#include "clientgrade/optparse.h"
#include "clientgrade/prune.h"
#include "clientgrade/run.h"

/* Options, then the check with `ini` as the config file (may be NULL). */
static int
check(struct cg_prune_opts *o, const char *ini, struct cg_err *err)
{
	struct cg_config cfg;
	struct cg_run run;
	int rc;

	memset(&cfg, 0, sizeof(cfg));
	cg_run_init(&run, "prune");
	if (ini != NULL) {
		assert_int_equal(cg_config_load_string(&cfg, "t.ini", ini,
		    err), 0);
		run.cfg = &cfg;
	}
	rc = cg_prune_opts_check(o, &run, err);
	cg_config_free(&cfg);
	return rc;
}

static void
no_rule_option_wins_over_rules_and_config(void **state)
{
	struct cg_prune_opts o;
	struct cg_err err;

	(void)state;
	cg_prune_opts_init(&o);
	assert_int_equal(cg_prune_set_no_dupes(&o, NULL, &err), 0);
	assert_int_equal(cg_prune_set_rules(&o, "dupes,stale", &err), 0);
	assert_int_equal(cg_prune_set_dry_run(&o, NULL, &err), 0);
	assert_int_equal(check(&o, "[prune]\nrules = dupes\n", &err), 0);
	assert_int_equal(o.rules, CG_PRUNE_BIT(CG_PRUNE_STALE));
	assert_int_equal(o.asked, CG_PRUNE_BIT(CG_PRUNE_STALE));
	cg_prune_opts_free(&o);
}

static void
command_line_beats_config_and_config_fills_the_rest(void **state)
{
	struct cg_prune_opts o;
	struct cg_err err;

	(void)state;
	cg_prune_opts_init(&o);
	assert_int_equal(cg_prune_set_stale_days(&o, "30", &err), 0);
	assert_int_equal(cg_prune_set_rejects(&o, "-", &err), 0);
	assert_int_equal(check(&o, "[prune]\nstale_days = 365\n"
	    "max_unanswered = 3\nrequire = stage=lead\n", &err), 0);
	assert_int_equal(o.stale_days, 30);
	assert_true(o.max_unanswered == 3);
	assert_int_equal(o.nconds, 1);
	/* A value from the config is not "asked": its rule may go quiet. */
	assert_int_equal(o.asked, CG_PRUNE_BIT(CG_PRUNE_STALE));
	cg_prune_opts_free(&o);
}

static void
no_rejects_file_is_refused_unless_dry_run(void **state)
{
	struct cg_prune_opts o;
	struct cg_err err;

	(void)state;
	cg_prune_opts_init(&o);
	assert_int_equal(check(&o, NULL, &err), -1);
	assert_int_equal(err.code, CG_EUSAGE);
	assert_non_null(strstr(err.msg, "without --rejects"));
	o.dry_run = 1;
	assert_int_equal(check(&o, NULL, &err), 0);
	cg_prune_opts_free(&o);
}

static void
bad_numbers_name_the_option_or_the_key(void **state)
{
	struct cg_prune_opts o;
	struct cg_err err;

	(void)state;
	cg_prune_opts_init(&o);
	assert_int_equal(cg_prune_set_stale_days(&o, "9d", &err), -1);
	assert_string_equal(err.msg, "--stale-days: want a whole number from 0 "
	    "to 36525, not '9d'");
	assert_int_equal(cg_prune_set_max_unanswered(&o, "0", &err), -1);
	assert_int_equal(err.code, CG_EUSAGE);
	o.dry_run = 1;
	assert_int_equal(check(&o, "[prune]\nmax_unanswered = 2.5\n", &err),
	    -1);
	assert_int_equal(err.code, CG_ECONFIG);
	assert_int_equal(err.line, 2);
	assert_non_null(strstr(err.msg, "max_unanswered: want a whole"));
	cg_prune_opts_free(&o);
}

static void
unknown_config_keys_are_left_for_the_spine(void **state)
{
	static const char *const owned[] = { "prune", NULL };
	struct cg_prune_opts o;
	struct cg_config cfg;
	struct cg_err err;

	(void)state;
	cg_prune_opts_init(&o);
	assert_int_equal(cg_config_load_string(&cfg, "t.ini",
	    "[prune]\nstale_days = 10\nstale_dayz = 10\n", &err), 0);
	assert_int_equal(cg_prune_config(&o, &cfg, &err), 0);
	assert_int_equal(cg_config_check(&cfg, owned, &err), -1);
	assert_non_null(strstr(err.msg, "stale_dayz"));
	cg_config_free(&cfg);
	cg_prune_opts_free(&o);
}

/* A file holding `text`, its path in buf. */
static void
tmpfile_with(char *buf, size_t cap, const char *text)
{
	int fd;

	snprintf(buf, cap, "%s/cgprune.XXXXXX",
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	assert_true((fd = mkstemp(buf)) >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

static void
engine_reads_the_run_operands_and_writes_to_its_fd(void **state)
{
	char in[256], out[256], rej[272], buf[512];
	char *argv[2];
	struct cg_prune_opts o;
	struct cg_prune_stats st;
	struct cg_run run;
	struct cg_err err;
	FILE *fp;
	size_t n;

	(void)state;
	tmpfile_with(in, sizeof(in), "id,account,last_contact\n"
	    "A,Acme,2026-11-01\nB,ACME Inc.,2026-10-01\n"
	    "C,Other,2025-01-01\n");
	tmpfile_with(out, sizeof(out), "");
	snprintf(rej, sizeof(rej), "%s.rej", in);
	argv[0] = in;
	argv[1] = NULL;
	cg_run_init(&run, "prune");
	assert_int_equal(cg_parse_day("2026-11-24", "--today", &run.today,
	    &err), 0);
	run.argc = 1;
	run.argv = argv;
	assert_true((run.out_fd = open(out, O_WRONLY | O_TRUNC)) >= 0);
	cg_prune_opts_init(&o);
	assert_int_equal(cg_prune_set_rejects(&o, rej, &err), 0);
	/* Two of three go: over the default --max-reject 50. */
	assert_int_equal(cg_prune_set_max_reject(&o, "70", &err), 0);
	assert_int_equal(cg_prune_opts_check(&o, &run, &err), 0);
	assert_int_equal(cg_prune_rows(&o, &run, &st, &err), 0);
	close(run.out_fd);
	assert_int_equal(st.rows, 3);
	assert_int_equal(st.kept, 1);
	assert_int_equal(st.by_rule[CG_PRUNE_STALE], 1);
	assert_int_equal(st.by_rule[CG_PRUNE_DUPES], 1);
	assert_non_null(fp = fopen(out, "r"));
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	assert_string_equal(buf, "id,account,last_contact\nA,Acme,2026-11-01\n");
	assert_non_null(fp = fopen(rej, "r"));
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	assert_string_equal(buf, "id,account,last_contact,prune_reason\n"
	    "B,ACME Inc.,2026-10-01,duplicate of A\n"
	    "C,Other,2025-01-01,\"stale: last contact 2025-01-01, 692 days\"\n");
	cg_prune_opts_free(&o);
	unlink(in);
	unlink(out);
	unlink(rej);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_rule_option_wins_over_rules_and_config),
		cmocka_unit_test(command_line_beats_config_and_config_fills_the_rest),
		cmocka_unit_test(no_rejects_file_is_refused_unless_dry_run),
		cmocka_unit_test(bad_numbers_name_the_option_or_the_key),
		cmocka_unit_test(unknown_config_keys_are_left_for_the_spine),
		cmocka_unit_test(engine_reads_the_run_operands_and_writes_to_its_fd),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
