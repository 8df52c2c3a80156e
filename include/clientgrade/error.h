/*
 * error.h - named error codes and the one error record every layer fills.
 *
 * A library function that can fail takes a `struct cg_err *` last and
 * returns a negative value (or NULL) after filling it; it never prints.
 * The spine (tool.h) prints it once with cg_err_print(), which yields the one
 * message shape the suite uses:
 *
 *     tool: FILE:LINE:COL: message      (location known)
 *     tool: FILE: message               (file known, no position)
 *     tool: message                     (neither)
 */
#ifndef CLIENTGRADE_ERROR_H
#define CLIENTGRADE_ERROR_H

#include <stdarg.h>

enum cg_code {
	CG_OK = 0,
	/* Data problems: exit status 1. */
	CG_EPARSE,	/* malformed CSV (stray quote after a quoted field, ...) */
	CG_EQUOTE,	/* unterminated quoted field at end of input */
	CG_ERAGGED,	/* record has more or fewer fields than the header */
	CG_EVALUE,	/* a field a tool must read is not a number/date/... */
	CG_EROLE,	/* a required column role is not in the header */
	CG_EDATA,	/* any other problem with the data */
	/* Usage or I/O trouble: exit status 2. */
	CG_EUSAGE,	/* bad option or option combination */
	CG_ECONFIG,	/* bad configuration file (unknown key, bad value):
			 * the user's settings, like a bad option */
	CG_EIO,		/* cannot open/read a file, temporary file trouble */
	CG_EWRITE,	/* write error on an output */
	CG_ENOMEM	/* out of memory */
};

/* Exit statuses, as documented in clientgrade(7). */
#define CG_EXIT_OK	0
#define CG_EXIT_DATA	1
#define CG_EXIT_TROUBLE	2

struct cg_err {
	enum cg_code code;
	const char *file;	/* borrowed; NULL when not about a file */
	long line;		/* 1-based; 0 when unknown */
	long col;		/* 1-based, in characters; 0 when unknown */
	char msg[512];
};

/* Short text for a code ("malformed CSV", ...). Never NULL. */
const char *cg_strerror(enum cg_code code);

/* The exit status for a code: 0, 1 (data) or 2 (usage/I-O). */
int cg_exit_status(enum cg_code code);

/*
 * Fill `err` (which may be NULL: then nothing happens) and return -1, so
 * callers can write `return cg_err_set(err, CG_EIO, path, 0, 0, "...")`.
 * A format ending in ':' gets ": strerror(errno)" appended, as sbase does.
 */
int cg_err_set(struct cg_err *err, enum cg_code code, const char *file,
    long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
int cg_err_vset(struct cg_err *err, enum cg_code code, const char *file,
    long line, long col, const char *fmt, va_list ap);

/*
 * Print `prog: [FILE:[LINE:COL:]] msg` and a newline on stderr: the one
 * place an error is printed (lib/core/report.c, for the spine and the
 * few programs outside it such as bench/passthrough).
 */
void cg_err_print(const char *prog, const struct cg_err *err);

#endif
