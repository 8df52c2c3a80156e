/*
 * error.c - the one error record. Its printer is the spine's (report.c).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "clientgrade/error.h"

const char *
cg_strerror(enum cg_code code)
{
	switch (code) {
	case CG_OK:		return "success";
	case CG_EPARSE:		return "malformed CSV";
	case CG_EQUOTE:		return "unterminated quoted field";
	case CG_ERAGGED:	return "wrong number of fields";
	case CG_EVALUE:		return "bad value";
	case CG_EROLE:		return "missing column";
	case CG_EDATA:		return "data problem";
	case CG_ECONFIG:	return "bad configuration";
	case CG_EUSAGE:		return "usage error";
	case CG_EIO:		return "I/O error";
	case CG_EWRITE:		return "write error";
	case CG_ENOMEM:		return "out of memory";
	}
	return "unknown error";
}

int
cg_exit_status(enum cg_code code)
{
	if (code == CG_OK)
		return CG_EXIT_OK;
	if (code >= CG_EUSAGE)
		return CG_EXIT_TROUBLE;
	return CG_EXIT_DATA;
}

int
cg_err_vset(struct cg_err *err, enum cg_code code, const char *file,
    long line, long col, const char *fmt, va_list ap)
{
	int saved = errno;
	size_t n;

	if (err == NULL)
		return -1;
	err->code = code;
	err->file = file;
	err->line = line;
	err->col = col;
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	n = strlen(err->msg);
	/* A trailing ':' asks for the reason, as in sbase's eprintf. */
	if (n > 0 && err->msg[n - 1] == ':')
		snprintf(err->msg + n, sizeof(err->msg) - n, " %s",
		    strerror(saved));
	errno = saved;
	return -1;
}

int
cg_err_set(struct cg_err *err, enum cg_code code, const char *file,
    long line, long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cg_err_vset(err, code, file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}
