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

/*
 * Write s with the control characters a value from the data may hold
 * escaped (\n, \r, \t, \e, \xHH; C1 controls as \u0080..\u009f), so
 * one message stays one line: a field with a newline must not forge a
 * line in the mail cron sends, nor an ESC sequence reach the terminal.
 * stderr is unbuffered: the text goes out in a few writes, through a
 * buffer on the stack (no allocation: this also prints "out of memory").
 */
static void
put_safe(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char buf[512];
	size_t n = 0;

	for (; *p != '\0'; p++) {
		if (n > sizeof(buf) - 8) {
			fwrite(buf, 1, n, stderr);
			n = 0;
		}
		if (*p == '\n' || *p == '\r' || *p == '\t' || *p == 0x1b) {
			buf[n++] = '\\';
			buf[n++] = *p == '\n' ? 'n' : *p == '\r' ? 'r' :
			    *p == '\t' ? 't' : 'e';
		} else if (*p < 0x20 || *p == 0x7f)
			n += (size_t)snprintf(buf + n, 8, "\\x%02x", *p);
		else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			n += (size_t)snprintf(buf + n, 8, "\\u%04x", *++p);
		else
			buf[n++] = (char)*p;
	}
	fwrite(buf, 1, n, stderr);
}

static void
place(const char *file, long line, long col)
{
	if (file == NULL)
		return;
	put_safe(file);
	if (line > 0 && col > 0)
		fprintf(stderr, ":%ld:%ld: ", line, col);
	else if (line > 0)
		fprintf(stderr, ":%ld: ", line);
	else
		fputs(": ", stderr);
}

void
cg_err_print(const char *prog, const struct cg_err *err)
{
	fprintf(stderr, "%s: ", prog);
	place(err->file, err->line, err->col);
	put_safe(err->msg);
	putc('\n', stderr);
}

void
cg_report_say(void *ctx, enum cg_say_kind kind, const char *file, long line,
    long col, const char *msg)
{
	const char *prog = ctx;

	fprintf(stderr, "%s: %s: ", prog, kind == CG_SAY_NOTE ? "note" :
	    "warning");
	place(file, line, col);
	put_safe(msg);
	putc('\n', stderr);
}
