/*
 * row.c - where a field of a record stands in its input (line and
 * character column), for error messages.
 */
#include <stdarg.h>
#include <stddef.h>

#include "reader_int.h"

/* Character column (1-based) of byte offset `off` in a line at `ls`. */
long
cg_rd_char_col(const char *ls, size_t off)
{
	long col = 1;
	size_t i;

	for (i = 0; i < off; i++)
		if (((unsigned char)ls[i] & 0xC0) != 0x80)
			col++;
	return col;
}

void
cg_row_locate(const struct cg_row *row, char delim, size_t idx, long *line,
    long *col)
{
	const char *s = row->raw;
	size_t i, n = row->rawlen, ls = 0, field = 0;
	long ln = row->line;
	int inq = 0, atstart = 1;

	*line = row->line;
	*col = 1;
	if (s == NULL || idx == (size_t)-1)
		return;
	for (i = 0; i < n && field < idx; i++) {
		char c = s[i];

		/* A quote inside an unquoted field is just a character. */
		if (c == '"' && (inq || atstart))
			inq = !inq;
		atstart = 0;
		if (!inq && c == delim) {
			field++;
			atstart = 1;
		} else if (c == '\n' || (c == '\r' && (i + 1 == n ||
		    s[i + 1] != '\n'))) {
			ln++;
			ls = i + 1;
		}
	}
	*line = ln;
	*col = cg_rd_char_col(s + ls, i - ls);
}

int
cg_row_err(struct cg_err *err, enum cg_code code, const struct cg_reader *r,
    const struct cg_row *row, size_t i, const char *fmt, ...)
{
	long line, col;
	va_list ap;

	cg_row_locate(row, r->d.delim, i, &line, &col);
	va_start(ap, fmt);
	cg_err_vset(err, code, r->name, line, col, fmt, ap);
	va_end(ap);
	return -1;
}
