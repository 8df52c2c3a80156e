/*
 * cli.h - the common options and settings, private to the spine
 * (tool.c, cli.c): what every tool shares before its engine runs. A
 * tool never sees this: it gets a struct cg_run (run.h).
 */
#ifndef CLIENTGRADE_CLI_H
#define CLIENTGRADE_CLI_H

#include <getopt.h>
#include <stdint.h>
#include "clientgrade/config.h"
#include "clientgrade/csv.h"
#include "clientgrade/roles.h"
#include "clientgrade/input.h"
#include "clientgrade/optparse.h"
#include "clientgrade/run.h"
#include "clientgrade/stage.h"


/* Option codes for the common long options (outside the char range). */
enum {
	CG_OPT_DELIMITER = 0x1000,
	CG_OPT_COL,
	CG_OPT_CONFIG,
	CG_OPT_TODAY,
	CG_OPT_DATES,
	CG_OPT_DECIMAL,
	CG_OPT_HELP,
	CG_OPT_VERSION,
	CG_OPT_ENCODING,
	CG_OPT_INSPECT,
	CG_OPT_QUIET = 'q'	/* -q: its short letter is its code */
};

/* The common settings, after options and the [clientgrade] config. */
struct cg_common {
	const char *prog;	/* "grade", ... */
	char delim;		/* --delimiter; 0 = sniff */
	char decimal;		/* --decimal; 0 = guess */
	const char *config_path;/* --config */
	int32_t today;		/* --today, else the local date */
	int today_set;
	int dates;		/* enum cg_date_order */
	int dates_set;		/* --dates given */
	struct cg_colmap cols;	/* [columns], then --col (the result) */
	struct cg_colmap cli_cols;	/* --col as given */
	struct cg_config cfg;	/* loaded by cg_common_finish() */
	int help, version;	/* set by --help / --version */
	int quiet;		/* -q: no notes */
	int inspect;		/* --inspect */
	const char *encoding;	/* --encoding or [clientgrade] encoding */
	struct cg_stages stages;	/* built-in, then [stages] */
	int stdin_closed;	/* fd 0 was closed when we started */
};

/*
 * Defaults: prog, today = local date, everything else unset. Also makes
 * sure descriptors 0, 1 and 2 are open, so that a file the tool opens
 * (a spool, a rejects file) never becomes "standard output" by taking
 * a closed one's number: a closed stdin becomes an error when read, a
 * closed stdout a write error.
 */
void cg_common_init(struct cg_common *c, const char *prog);

/*
 * Take option `ch` with argument `arg` if it is a common one.
 * Returns 1 (taken), 0 (not a common option) or -1 (bad argument:
 * err filled, CG_EUSAGE).
 */
int cg_common_opt(struct cg_common *c, int ch, const char *arg,
    struct cg_err *err);

/*
 * After the option loop: load the config (c->cfg) and apply [clientgrade]
 * and [columns] where the command line did not say otherwise. Options
 * always win over the file. Returns 0 or -1.
 */
int cg_common_finish(struct cg_common *c, struct cg_err *err);

/* Settings of [clientgrade]/[columns] are taken; [common] sections that
 * every tool owns, for cg_config_check's list. */
#define CG_COMMON_SECTIONS "clientgrade", "columns", "stages"

void cg_common_free(struct cg_common *c);

/*
 * The run the spine hands the engine, from the settings in c (after
 * cg_common_finish) and the operands argv[0..argc). The run borrows
 * from c.
 */
void cg_common_run(struct cg_common *c, struct cg_run *run, int argc,
    char **argv);

/*
 * Print "prog VERSION" to stdout (for --version).
 */
void cg_print_version(const char *prog);

/*
 * Make a closed pipe end the program quietly (SIGPIPE default action), as
 * `grade big.csv | head -1` must print nothing on stderr.
 */
void cg_sigpipe_default(void);

/*
 * Close stdout and check it, as sbase's fshut does: a full disk or a
 * closed pipe becomes exit status 2 with `prog: write error: ...`.
 * Returns 0 or -1 (err filled).
 */
int cg_close_stdout(struct cg_err *err);

#endif
