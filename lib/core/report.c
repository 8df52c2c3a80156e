/*
 * report.c - the one place that writes to stderr: errors, and the
 * notes and warnings an engine hands to its run's callback.
 *
 *     grade: accounts.csv:12:7: volume: 'abc' is not a number
 *     grade: warning: accounts.csv:3:5: ...
 *     grade: note: ...
 */
#include <stdio.h>

#include "clientgrade/error.h"
#include "report.h"

static void
place(const char *file, long line, long col)
{
	if (file != NULL && line > 0 && col > 0)
		fprintf(stderr, "%s:%ld:%ld: ", file, line, col);
	else if (file != NULL && line > 0)
		fprintf(stderr, "%s:%ld: ", file, line);
	else if (file != NULL)
		fprintf(stderr, "%s: ", file);
}

void
cg_err_print(const char *prog, const struct cg_err *err)
{
	fprintf(stderr, "%s: ", prog);
	place(err->file, err->line, err->col);
	fprintf(stderr, "%s\n", err->msg);
}

void
cg_report_say(void *ctx, enum cg_say_kind kind, const char *file, long line,
    long col, const char *msg)
{
	const char *prog = ctx;

	fprintf(stderr, "%s: %s: ", prog, kind == CG_SAY_NOTE ? "note" :
	    "warning");
	place(file, line, col);
	fprintf(stderr, "%s\n", msg);
}
