/*
 * run.h - what one run of a tool needs, handed to its engine.
 *
 * The spine (tool.h) fills a struct cg_run from the common options and
 * the [clientgrade]/[columns] config, then calls the engine as
 *
 *     int cg_<tool>_run(const struct cg_<tool>_opts *o,
 *         const struct cg_run *run, struct cg_err *err);
 *
 * which returns 0 or -1 (err filled). An engine never prints: what it
 * wants a person to know goes through cg_note() (an assumption that
 * changed the answer; hushed by -q) or cg_warning() (data skipped,
 * doubtful or guessed blind; never hushed). Both call run->say with
 * run->say_ctx, libcsv's callback style, so a test or a fuzz harness
 * can collect the messages instead of printing them. The run owns
 * nothing: every pointer in it is borrowed from the spine.
 */
#ifndef CLIENTGRADE_RUN_H
#define CLIENTGRADE_RUN_H

#include <stdint.h>
#include "config.h"
#include "csv.h"
#include "roles.h"

enum cg_say_kind {
	CG_SAY_NOTE,		/* "prog: note: ..." */
	CG_SAY_WARNING		/* "prog: warning: ..." */
};

/*
 * The message callback: `msg` is one line without the program name or a
 * newline; `file`, `line` and `col` place it (NULL / 0 when unknown).
 */
typedef void (*cg_say_fn)(void *ctx, enum cg_say_kind kind,
    const char *file, long line, long col, const char *msg);

#define CG_RUN_MAXFILES 8

struct cg_stages;

struct cg_run {
	const char *prog;	/* "grade", ... for messages */
	int argc;		/* the file operands (none: stdin) */
	char **argv;
	int out_fd;		/* where the CSV goes (1); text goes to stdout */
	int32_t today;		/* --today, else the local date */
	int today_set;
	int dates;		/* enum cg_date_order (--dates or config) */
	int dates_set;		/* the order was given, not left to evidence */
	char delim;		/* --delimiter; 0 = sniff */
	char decimal;		/* --decimal; 0 = guess */
	int stdin_closed;	/* fd 0 was closed when the tool started */
	int quiet;		/* -q: notes are not shown */
	int inspect;		/* --inspect: describe the input, run nothing */
	const char *encoding;	/* --encoding, or NULL (UTF-8, or UTF-16
				 * when the file starts with its BOM) */
	const struct cg_colmap *cols;	/* [columns], then --col */
	const struct cg_stages *stages;	/* the stage vocabulary (stage.h);
					 * NULL in tests: the built-in one */
	struct cg_config *cfg;		/* the loaded config file */
	cg_say_fn say;		/* NULL: messages are dropped */
	void *say_ctx;

	/*
	 * Files the tool reads besides its operands (--accounts, --holidays)
	 * and writes besides stdout (--rejects, --plot), declared by the
	 * tool's check hook with cg_run_input()/cg_run_output(). Before the
	 * engine runs, the spine refuses a run where an output is an input
	 * or another output (cg_run_check_files).
	 */
	const char *in_extra[CG_RUN_MAXFILES];
	size_t nin_extra;
	struct cg_run_out {
		const char *opt;	/* "--rejects" */
		const char *path;
	} out_extra[CG_RUN_MAXFILES];
	size_t nout_extra;
};

/*
 * Fill `run` with defaults for `prog`: operands none, output fd 1, today
 * the local date, dates auto, no columns, an empty config, and messages
 * going nowhere. For tests and harnesses; the spine fills its own.
 * `cols` and `cfg` stay NULL until the caller points them somewhere;
 * engines treat NULL as empty.
 */
void cg_run_init(struct cg_run *run, const char *prog);

/* A note: what the tool assumed. Dropped under -q. */
void cg_note(const struct cg_run *run, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A warning: data skipped, doubtful or guessed blind. Always said. */
void cg_warning(const struct cg_run *run, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The same, placed at FILE:LINE:COL (line or col 0: not shown). */
void cg_warning_at(const struct cg_run *run, const char *file, long line,
    long col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void cg_say(const struct cg_run *run, enum cg_say_kind kind,
    const char *file, long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/*
 * Declare a file the tool will read (besides the operands) or write
 * (besides stdout) under option `opt`. `path` is borrowed (argv or the
 * config). 0, or -1 (CG_EUSAGE: an empty path, or too many files).
 */
int cg_run_input(struct cg_run *run, const char *opt, const char *path,
    struct cg_err *err);
int cg_run_output(struct cg_run *run, const char *opt, const char *path,
    struct cg_err *err);

/*
 * Refuse, before a byte is written, a run whose stdout or a declared
 * output is the same regular file as an input (the operands, stdin, the
 * declared inputs) or as another output: `grade f.csv > f.csv`,
 * `prune -r rej.csv in.csv > rej.csv`. Devices, pipes and terminals are
 * never the same file. 0, or -1 (CG_EUSAGE, naming the file).
 */
int cg_run_check_files(const struct cg_run *run, struct cg_err *err);

/* Reader options from the run (delimiter, decimal, closed stdin). */
struct cg_reader_opts cg_run_reader_opts(const struct cg_run *run,
    int rewindable);

#endif
