/*
 * run.c - a run's messages and reader settings. The library reports
 * through the run's callback; only the spine's printer (tool.c) writes
 * to stderr.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "clientgrade/run.h"
#include "clientgrade/value.h"

void
cg_run_init(struct cg_run *run, const char *prog)
{
	memset(run, 0, sizeof(*run));
	run->prog = prog;
	run->out_fd = 1;
	run->today = cg_today();
	run->dates = CG_DATES_AUTO;
}

static void
vsay(const struct cg_run *run, enum cg_say_kind kind, const char *file,
    long line, long col, const char *fmt, va_list ap)
{
	char msg[1024];

	if (run == NULL || run->say == NULL ||
	    (kind == CG_SAY_NOTE && run->quiet))
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	run->say(run->say_ctx, kind, file, line, col, msg);
}

void
cg_say(const struct cg_run *run, enum cg_say_kind kind, const char *file,
    long line, long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(run, kind, file, line, col, fmt, ap);
	va_end(ap);
}

void
cg_note(const struct cg_run *run, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(run, CG_SAY_NOTE, NULL, 0, 0, fmt, ap);
	va_end(ap);
}

void
cg_warning(const struct cg_run *run, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(run, CG_SAY_WARNING, NULL, 0, 0, fmt, ap);
	va_end(ap);
}

void
cg_warning_at(const struct cg_run *run, const char *file, long line,
    long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(run, CG_SAY_WARNING, file, line, col, fmt, ap);
	va_end(ap);
}

struct cg_reader_opts
cg_run_reader_opts(const struct cg_run *run, int rewindable)
{
	struct cg_reader_opts o;

	memset(&o, 0, sizeof(o));
	o.delim = run->delim;
	o.decimal = run->decimal;
	o.rewindable = rewindable;
	o.stdin_closed = run->stdin_closed;
	o.run = run;
	o.encoding = run->encoding;
	return o;
}

static int
declare(const char *opt, const char *path, size_t n, struct cg_err *err)
{
	if (path == NULL || *path == '\0')
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "%s: the file name is empty", opt);
	if (n >= CG_RUN_MAXFILES)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "%s: too many files", opt);
	return 0;
}

int
cg_run_input(struct cg_run *run, const char *opt, const char *path,
    struct cg_err *err)
{
	if (declare(opt, path, run->nin_extra, err) < 0)
		return -1;
	run->in_extra[run->nin_extra++] = path;
	return 0;
}

int
cg_run_output(struct cg_run *run, const char *opt, const char *path,
    struct cg_err *err)
{
	if (declare(opt, path, run->nout_extra, err) < 0)
		return -1;
	run->out_extra[run->nout_extra].opt = opt;
	run->out_extra[run->nout_extra].path = path;
	run->nout_extra++;
	return 0;
}
