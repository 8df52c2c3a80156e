/*
 * touchplan_holidays.c - the days nobody works, from a file: a list of
 * dates (one a line, or the first field of a CSV), or an iCalendar file
 * (touchplan_icsread.c, with libical).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "clientgrade/buf.h"
#include "clientgrade/touchplan.h"
#include "clientgrade/value.h"
#include "touchplan_int.h"

/* ---- a list of dates ---- */

static int
is_sep(unsigned char c)
{
	return isspace(c) || c == '#' || c == ',' || c == ';' || c == '|';
}

static int
text_parse(const char *name, const char *text, size_t len, int order,
    struct cg_tp_dates *d, struct cg_err *err)
{
	const char *p = text, *end = text + len, *eol, *q, *t;
	long lineno = 0;
	int32_t day;
	int rc, first = 1;

	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	for (; p < end; p = eol < end ? eol + 1 : end) {
		lineno++;
		eol = memchr(p, '\n', (size_t)(end - p));
		if (eol == NULL)
			eol = end;
		q = p;
		while (q < eol && isspace((unsigned char)*q))
			q++;
		if (q == eol || *q == '#')
			continue;
		t = q;
		while (t < eol && !is_sep((unsigned char)*t))
			t++;
		/* A CSV file's header ("date,name"): fields, no digit. */
		if (first && t < eol && *t != '#' && !isspace((unsigned char)*t)
		    && strpbrk(q, "0123456789") >= eol) {
			first = 0;
			continue;
		}
		first = 0;
		rc = cg_parse_date(q, (size_t)(t - q), order, &day, NULL);
		if (rc != CG_V_OK)
			return cg_err_set(err, CG_EVALUE, name, lineno,
			    (long)(q - p) + 1, "bad date '%.*s': %s",
			    (int)(t - q), q, cg_value_strerror(rc));
		cg_tp_dates_add(d, day);
	}
	return 0;
}

int
cg_tp_holidays_parse(const char *name, const char *text, size_t len,
    int order, int32_t from, int32_t to, struct cg_tp_dates *d,
    struct cg_err *err)
{
	size_t bom = len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	size_t i = bom;
	int rc;

	while (i < len && isspace((unsigned char)text[i]))
		i++;
	if (len - i >= 15 && strncasecmp(text + i, "BEGIN:VCALENDAR", 15) == 0)
		rc = cg_tp_ics_holidays(name, text + bom, len - bom, from, to, d, err);
	else
		rc = text_parse(name, text, len, order, d, err);
	if (rc == 0)
		cg_tp_dates_sort(d);
	return rc;
}

int
cg_tp_holidays_read(const char *path, const struct cg_run *run,
    int32_t from, int32_t to, struct cg_tp_dates *d, struct cg_err *err)
{
	struct cg_buf b = CG_BUF_INIT;
	char chunk[8192];
	ssize_t r;
	int fd, rc;

	if ((fd = open(path, O_RDONLY)) < 0)
		return cg_err_set(err, CG_EIO, path, 0, 0, "cannot open:");
	while ((r = read(fd, chunk, sizeof(chunk))) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			cg_err_set(err, CG_EIO, path, 0, 0, "read error:");
			close(fd);
			cg_buf_free(&b);
			return -1;
		}
		cg_buf_add(&b, chunk, (size_t)r);
	}
	close(fd);
	rc = cg_tp_holidays_parse(path, b.s != NULL ? b.s : "", b.len,
	    run->dates, from, to, d, err);
	cg_buf_free(&b);
	return rc;
}
