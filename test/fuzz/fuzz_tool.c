/*
 * fuzz_tool.c - one whole tool per target, driven by fuzz input through
 * its lib/ entry point, as the command calls it. Built once per tool
 * with -DCG_FUZZ_TOOL=<n> (see CMakeLists.txt).
 *
 * Byte 0 picks the options (a few sets per tool) and whether the input
 * comes as a file or through a pipe on stdin (the spooled two-pass
 * path, for inputs that fit a pipe's buffer); the rest is the CSV. For
 * rollup, the input may hold the --accounts file after a line "%%".
 * Output goes to /dev/null; "today" is fixed. A tool may reject its
 * input (exit 1 or 2 in the command); it must not crash, leak or read
 * out of bounds.
 */
#include "fuzz.h"	/* first: it defines _GNU_SOURCE */
#include <stdint.h>
#include "cli.h"
#include "clientgrade/error.h"
#include "clientgrade/optparse.h"
#include "clientgrade/run.h"

#define T_GRADE 1
#define T_ROLLUP 2
#define T_QUADRANT 3
#define T_TOUCHPLAN 4
#define T_PRUNE 5

#if CG_FUZZ_TOOL == T_GRADE
#include "clientgrade/grade.h"
#elif CG_FUZZ_TOOL == T_ROLLUP
#include "clientgrade/rollup.h"
#elif CG_FUZZ_TOOL == T_QUADRANT
#include "clientgrade/quadrant.h"
#elif CG_FUZZ_TOOL == T_TOUCHPLAN
#include "clientgrade/touchplan.h"
#elif CG_FUZZ_TOOL == T_PRUNE
#include "clientgrade/prune.h"
#else
#error "CG_FUZZ_TOOL must name a tool"
#endif

#define TODAY "2026-12-01"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static const char *rules_ini;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_setup();
	rules_ini = fuzz_tmpfile(
	    "[grade]\nmethod = rules\n[grade.rules]\n"
	    "A = volume >= 40000 and orders >= 12\n"
	    "B = volume >= 10000 or (orders >= 6 and referrals > 0)\n"
	    "C = *\n");
	return 0;
}

/* Common options every run gets, plus the set's own. */
static void
common(struct cg_common *c, const char *prog, unsigned sel)
{
	struct cg_err err;

	cg_common_init(c, prog);
	if (cg_common_opt(c, CG_OPT_TODAY, TODAY, &err) != 1)
		abort();
	if (sel & 0x20)
		(void)cg_common_opt(c, CG_OPT_DATES, "eu", &err);
	if (sel & 0x40)
		(void)cg_common_opt(c, CG_OPT_DECIMAL, ",", &err);
}

/*
 * The run the spine builds from c (cli.h's cg_common_run), on the one
 * operand; messages dropped. 0, or -1 when the config does not load.
 */
static int
make_run(struct cg_run *run, struct cg_common *c, char **argv,
    struct cg_err *err)
{
	if (cg_common_finish(c, err) < 0)
		return -1;
	cg_common_run(c, run, 1, argv);
	run->say = NULL;
	return 0;
}

/*
 * The input as an operand: a memory file's path, or "-" with the bytes
 * in a pipe on stdin. *fd is what to close afterwards.
 */
static void
input(const uint8_t *data, size_t n, int pipe_it, char *path, size_t cap,
    int *fd)
{
	int p[2];

	if (pipe_it && n < 32768 && pipe(p) == 0) {
		if (write(p[1], data, n) != (ssize_t)n)
			abort();
		close(p[1]);
		dup2(p[0], 0);
		close(p[0]);
		snprintf(path, cap, "-");
		*fd = -1;
		return;
	}
	*fd = fuzz_memfd(data, n);
	fuzz_path(path, cap, *fd);
}

static void
run(unsigned sel, char *path, const uint8_t *rest, size_t nrest)
{
	struct cg_common c;
	struct cg_run run;
	struct cg_err err;
	char *argv[2] = { path, NULL };

#if CG_FUZZ_TOOL == T_GRADE
	static const char *const methods[] = { "score", "abc", "rfm", NULL };
	struct cg_grade_opts o;

	common(&c, "grade", sel);
	cg_grade_opts_init(&o);
	if ((sel & 3) == 3)
		(void)cg_common_opt(&c, CG_OPT_CONFIG, rules_ini, &err);
	else
		(void)cg_grade_parse_method(&o, methods[sel & 3], &err);
	if (sel & 4)
		o.explain = o.explain_set = 1;
	if (sel & 8)
		(void)cg_grade_parse_summary(&o, sel & 0x10 ? "text" : "csv",
		    &err);
	else if (sel & 0x10)
		(void)cg_grade_parse_scale(&o, "A:20%,B:30%,C", &err);
	if (make_run(&run, &c, argv, &err) == 0 &&
	    cg_grade_config(&o, run.cfg, &err) == 0)
		(void)cg_grade_run(&o, &run, &err);
	cg_grade_opts_free(&o);
	cg_common_free(&c);
#elif CG_FUZZ_TOOL == T_ROLLUP
	struct cg_rollup_opts o;
	char apath[64];
	int afd = -1;

	common(&c, "rollup", sel);
	cg_rollup_opts_init(&o);
	o.window = sel & 1 ? 30 : 365;
	o.strict = (sel & 2) != 0;
	if (sel & 4)
		(void)cg_rollup_add_where(&o, "deal_stage=Won", &err);
	if (sel & 8)
		o.distinct = "sales_agent";
	if (sel & 0x10)
		o.rejects = "/dev/null";
	if (rest != NULL) {
		afd = fuzz_memfd(rest, nrest);
		fuzz_path(apath, sizeof(apath), afd);
		o.accounts = apath;
		o.replace = (sel & 1) != 0;
	}
	if (make_run(&run, &c, argv, &err) == 0 &&
	    cg_rollup_check(&o, &run, &err) == 0)
		(void)cg_rollup_run(&o, &run, &err);
	if (afd >= 0)
		close(afd);
	cg_rollup_opts_free(&o);
	cg_common_free(&c);
#elif CG_FUZZ_TOOL == T_QUADRANT
	struct cg_quadrant_opts o;

	common(&c, "quadrant", sel);
	cg_quadrant_opts_init(&o);
	if (sel & 1)
		(void)cg_quadrant_parse_cut(&o, "engagement=6,potential=25000",
		    &err);
	o.explain = (sel & 2) != 0;
	if (sel & 4)
		o.summary = sel & 8 ? CG_QSUM_TEXT : CG_QSUM_CSV;
	else if (sel & 8)
		o.plot = "-";
	if (sel & 0x10) {
		o.plot = "/dev/null";
		o.plot_log = (sel & 1) != 0;
	}
	if ((sel & 0x60) == 0x60)
		o.headroom = 1;
	if (make_run(&run, &c, argv, &err) == 0 &&
	    cg_quadrant_check(&o, &run, &err) == 0)
		(void)cg_quadrant_run(&o, &run, &err);
	cg_quadrant_opts_free(&o);
	cg_common_free(&c);
#elif CG_FUZZ_TOOL == T_TOUCHPLAN
	struct cg_touchplan_opts o;

	common(&c, "touchplan", sel);
	cg_touchplan_opts_init(&o);
	o.format = (sel & 3) % 3;
	o.by_quadrant = (sel & 4) != 0;
	o.todo = (sel & 8) != 0;
	o.strict = (sel & 0x10) != 0;
	if (sel & 0x80) {
		o.capacity = 1;
		o.visit_capacity = 0;
	}
	o.have_from = o.have_to = 1;
	(void)cg_parse_day(TODAY, "--from", &o.from, &err);
	o.to = o.from + (sel & 0x20 ? 366 : 30);
	if (make_run(&run, &c, argv, &err) == 0 &&
	    cg_touchplan_check(&o, &run, &err) == 0)
		(void)cg_touchplan_run(&o, &run, &err);
	cg_touchplan_opts_free(&o);
	cg_common_free(&c);
#elif CG_FUZZ_TOOL == T_PRUNE
	struct cg_prune_opts o;

	common(&c, "prune", sel);
	cg_prune_opts_init(&o);
	if (sel & 1)
		o.dry_run = 1;
	else
		o.rejects_path = "/dev/null";
	if (sel & 2)
		o.rules &= ~CG_PRUNE_BIT(CG_PRUNE_DUPES);
	if (sel & 4)
		(void)cg_prune_add_cond(&o, "stage=client", 0, &err);
	if (sel & 8)
		(void)cg_prune_add_cond(&o, "employees=10", 1, &err);
	if (sel & 0x10)
		o.dupe_keys = CG_DUPE_NAME | CG_DUPE_EMAIL | CG_DUPE_DOMAIN |
		    CG_DUPE_PHONE;
	if (make_run(&run, &c, argv, &err) == 0 &&
	    cg_prune_opts_check(&o, &run, &err) == 0)
		(void)cg_prune_rows(&o, &run, NULL, &err);
	cg_prune_opts_free(&o);
	cg_common_free(&c);
#endif
	(void)rest;
	(void)nrest;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	char path[64];
	const uint8_t *rest = NULL;
	size_t nrest = 0, nin;
	unsigned sel;
	int fd;

	if (n < 1)
		return 0;
	sel = data[0];
	data++;
	n--;
	nin = n;
#if CG_FUZZ_TOOL == T_ROLLUP
	{
		const uint8_t *sep = memmem(data, n, "\n%%\n", 4);

		if (sep != NULL) {
			nin = (size_t)(sep - data) + 1;
			rest = sep + 4;
			nrest = n - nin - 3;
		}
	}
#endif
	fuzz_stdout();
	input(data, nin, (sel & 0x80) != 0 && CG_FUZZ_TOOL != T_TOUCHPLAN,
	    path, sizeof(path), &fd);
	run(sel, path, rest, nrest);
	fflush(stdout);
	if (fd >= 0)
		close(fd);
	return 0;
}
