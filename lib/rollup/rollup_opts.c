/*
 * rollup_opts.c - rollup's settings: the option arguments that need more
 * than storing, the checks of option combinations, the files the run
 * reads and writes besides its operands, and the [rollup] config
 * section. Everything here is a usage or config error, reported through
 * err for the spine to print once.
 */
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/config.h"
#include "clientgrade/optparse.h"
#include "clientgrade/rollup.h"

void
cg_rollup_opts_init(struct cg_rollup_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->window = 365;
}

void
cg_rollup_opts_free(struct cg_rollup_opts *o)
{
	free(o->where);
	free(o->more_distinct);
	memset(o, 0, sizeof(*o));
}

int
cg_rollup_parse_window(struct cg_rollup_opts *o, const char *arg,
    struct cg_err *err)
{
	if (cg_parse_long(arg, 1, CG_ROLLUP_MAX_WINDOW, &o->window) < 0)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0, "--window wants "
		    "a number of days from 1 to %ld, not '%s'",
		    CG_ROLLUP_MAX_WINDOW, arg);
	o->window_set = 1;
	return 0;
}

int
cg_rollup_add_where(struct cg_rollup_opts *o, const char *arg,
    struct cg_err *err)
{
	(void)err;
	o->where = cg_xreallocarray(o->where, o->nwhere + 1,
	    sizeof(*o->where));
	o->where[o->nwhere++] = arg;
	return 0;
}

int
cg_rollup_add_distinct(struct cg_rollup_opts *o, const char *arg,
    struct cg_err *err)
{
	if (o->distinct == NULL) {
		o->distinct = arg;
		return 0;
	}
	if (o->nmore_distinct + 1 == CG_ROLLUP_MAX_DISTINCT)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0, "--distinct: at "
		    "most %d columns", CG_ROLLUP_MAX_DISTINCT);
	o->more_distinct = cg_xreallocarray(o->more_distinct,
	    o->nmore_distinct + 1, sizeof(*o->more_distinct));
	o->more_distinct[o->nmore_distinct++] = arg;
	return 0;
}

/* 1 if the operands read standard input. */
static int
stdin_log(const struct cg_run *run)
{
	return run->argc == 0 ||
	    (run->argc == 1 && strcmp(run->argv[0], "-") == 0);
}

int
cg_rollup_check(struct cg_rollup_opts *o, struct cg_run *run,
    struct cg_err *err)
{
	struct cg_config_entry *e;
	long w;

	if (o->accounts == NULL && (o->accounts_key != NULL || o->replace))
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "--%s needs --accounts",
		    o->replace ? "replace" : "accounts-key");
	if (o->accounts != NULL && strcmp(o->accounts, "-") == 0 &&
	    stdin_log(run))
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0, "the deal log "
		    "and --accounts cannot both be standard input");
	/* The files besides the operands and stdout, so that the spine
	 * refuses an output that is also an input before a byte is
	 * written. --rejects - is standard output on purpose. */
	if (o->accounts != NULL &&
	    cg_run_input(run, "--accounts", o->accounts, err) < 0)
		return -1;
	if (o->rejects != NULL && strcmp(o->rejects, "-") != 0 &&
	    cg_run_output(run, "--rejects", o->rejects, err) < 0)
		return -1;
	/* A bad [rollup] window is an error even when --window overrides
	 * it: the file is wrong either way. */
	if (run->cfg == NULL ||
	    (e = cg_config_get(run->cfg, "rollup", "window")) == NULL)
		return 0;
	if (cg_parse_long(e->value, 1, CG_ROLLUP_MAX_WINDOW, &w) < 0)
		return cg_config_err(err, run->cfg, e, "window wants a number "
		    "of days from 1 to %ld, not '%s'", CG_ROLLUP_MAX_WINDOW,
		    e->value);
	if (!o->window_set)
		o->window = w;
	return 0;
}
