/*
 * touchplan_calendar.c - the days off a plan works around: holidays
 * nobody works (a text file of dates, or iCalendar), each rep's
 * absences (a CSV file), and the sorted date set both end up in. This
 * is the calendar's I/O; the working weekdays and the periods are pure
 * and live in touchplan_period.c.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "clientgrade/csv.h"
#include "clientgrade/field.h"
#include "clientgrade/roles.h"
#include "clientgrade/touchplan.h"
#include "clientgrade/value.h"

/* ---- date sets ---- */

void
cg_tp_dates_add(struct cg_tp_dates *d, int32_t day)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 32;
		d->v = cg_xreallocarray(d->v, d->cap, sizeof(*d->v));
	}
	d->v[d->n++] = day;
}

static int
cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return (x > y) - (x < y);
}

void
cg_tp_dates_sort(struct cg_tp_dates *d)
{
	size_t i, k = 0;

	if (d->n == 0)
		return;
	qsort(d->v, d->n, sizeof(*d->v), cmp_i32);
	for (i = 1; i < d->n; i++)
		if (d->v[i] != d->v[k])
			d->v[++k] = d->v[i];
	d->n = k + 1;
}

int
cg_tp_dates_has(const struct cg_tp_dates *d, int32_t day)
{
	size_t lo = 0, hi = d != NULL ? d->n : 0, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (d->v[mid] == day)
			return 1;
		if (d->v[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

void
cg_tp_dates_free(struct cg_tp_dates *d)
{
	free(d->v);
	memset(d, 0, sizeof(*d));
}

/* ---- holidays ---- */

/* YYYYMMDD at the start of an iCalendar DATE or DATE-TIME value. */
static int
ics_date(const char *v, size_t n, int32_t *day)
{
	int y = 0, m = 0, d = 0;
	size_t i;

	if (n < 8)
		return -1;
	for (i = 0; i < 8; i++)
		if (!isdigit((unsigned char)v[i]))
			return -1;
	if (n > 8 && v[8] != 'T')
		return -1;
	for (i = 0; i < 4; i++)
		y = y * 10 + (v[i] - '0');
	m = (v[4] - '0') * 10 + (v[5] - '0');
	d = (v[6] - '0') * 10 + (v[7] - '0');
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	*day = cg_days_from_civil(y, m, d);
	{
		int y2, m2, d2;

		cg_civil_from_days(*day, &y2, &m2, &d2);
		if (y2 != y || m2 != m || d2 != d)
			return -1;	/* 20260230 */
	}
	return 0;
}

/*
 * One unfolded content line: NAME[;PARAM...]:VALUE. Returns the value
 * (after the first ':' outside a quoted parameter) and the name length.
 */
static const char *
ics_split(const char *s, size_t n, size_t *namelen, size_t *vlen)
{
	size_t i;
	int q = 0;

	*namelen = 0;
	while (*namelen < n && s[*namelen] != ';' && s[*namelen] != ':')
		(*namelen)++;
	for (i = *namelen; i < n; i++) {
		if (s[i] == '"')
			q = !q;
		else if (s[i] == ':' && !q) {
			*vlen = n - i - 1;
			return s + i + 1;
		}
	}
	return NULL;
}

static int
ics_parse(const char *name, const char *text, size_t len,
    struct cg_tp_dates *d, struct cg_err *err)
{
	struct cg_buf line = CG_BUF_INIT;
	const char *p = text, *end = text + len, *eol, *v;
	size_t nl, vl;
	long lineno = 0, startline = 0, evline = 0;
	int in_event = 0, have_start = 0, have_end = 0, rc = 0;
	int32_t start = 0, stop = 0, day;

	while (p < end) {
		/* Gather one logical line, unfolding continuations. */
		cg_buf_reset(&line);
		startline = lineno + 1;
		for (;;) {
			eol = memchr(p, '\n', (size_t)(end - p));
			if (eol == NULL)
				eol = end;
			nl = (size_t)(eol - p);
			if (nl > 0 && p[nl - 1] == '\r')
				nl--;
			cg_buf_add(&line, p, nl);
			lineno++;
			p = eol < end ? eol + 1 : end;
			if (p < end && (*p == ' ' || *p == '\t'))
				p++;	/* folded: drop the one blank */
			else
				break;
		}
		if (line.len == 0)
			continue;
		v = ics_split(line.s, line.len, &nl, &vl);
		if (v == NULL)
			continue;
		if (nl == 5 && strncasecmp(line.s, "BEGIN", 5) == 0 &&
		    vl == 6 && strncasecmp(v, "VEVENT", 6) == 0) {
			in_event = 1;
			have_start = have_end = 0;
			evline = startline;
		} else if (nl == 3 && strncasecmp(line.s, "END", 3) == 0 &&
		    vl == 6 && strncasecmp(v, "VEVENT", 6) == 0 && in_event) {
			in_event = 0;
			if (!have_start) {
				rc = cg_err_set(err, CG_EVALUE, name, evline, 0,
				    "VEVENT without DTSTART");
				break;
			}
			cg_tp_dates_add(d, start);
			/* DTEND of an all-day event is exclusive. */
			if (have_end)
				for (day = start + 1; day < stop; day++)
					cg_tp_dates_add(d, day);
		} else if (in_event && nl == 7 &&
		    strncasecmp(line.s, "DTSTART", 7) == 0) {
			if (ics_date(v, vl, &start) < 0) {
				rc = cg_err_set(err, CG_EVALUE, name, startline,
				    0, "bad DTSTART '%.*s'", (int)vl, v);
				break;
			}
			have_start = 1;
		} else if (in_event && nl == 5 &&
		    strncasecmp(line.s, "DTEND", 5) == 0) {
			if (ics_date(v, vl, &stop) < 0) {
				rc = cg_err_set(err, CG_EVALUE, name, startline,
				    0, "bad DTEND '%.*s'", (int)vl, v);
				break;
			}
			have_end = 1;
		}
	}
	cg_buf_free(&line);
	return rc;
}

static int
text_parse(const char *name, const char *text, size_t len, int order,
    struct cg_tp_dates *d, struct cg_err *err)
{
	const char *p = text, *end = text + len, *eol, *q, *t;
	long lineno = 0;
	int32_t day;
	int rc;

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
		while (t < eol && !isspace((unsigned char)*t) && *t != '#')
			t++;
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
    int order, struct cg_tp_dates *d, struct cg_err *err)
{
	const char *p = text;
	size_t n = len;
	int rc;

	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
		p += 3;
		n -= 3;
	}
	while (n > 0 && isspace((unsigned char)*p)) {
		p++;
		n--;
	}
	if (n >= 15 && strncasecmp(p, "BEGIN:VCALENDAR", 15) == 0)
		rc = ics_parse(name, text, len, d, err);
	else
		rc = text_parse(name, text, len, order, d, err);
	if (rc == 0)
		cg_tp_dates_sort(d);
	return rc;
}

int
cg_tp_holidays_read(const char *path, int order, struct cg_tp_dates *d,
    struct cg_err *err)
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
	rc = cg_tp_holidays_parse(path, b.s != NULL ? b.s : "", b.len, order,
	    d, err);
	cg_buf_free(&b);
	return rc;
}

/* ---- absences ---- */

/* The column of the first of `names` the header has (leftmost). */
static int
find_header(const struct cg_row *hdr, const char *const *names, size_t *col)
{
	size_t k;

	for (k = 0; names[k] != NULL; k++)
		if ((*col = cg_header_find(hdr, names[k], strlen(names[k]))) !=
		    CG_NO_COL)
			return 1;
	return 0;
}

int
cg_tp_aways_read(const char *path, const struct cg_run *run,
    struct cg_tp_aways *a, struct cg_err *err)
{
	static const char *const from_names[] = { "from", "start", "away_from",
	    NULL };
	static const char *const to_names[] = { "to", "end", "until",
	    "away_to", NULL };
	struct cg_colmap none = { 0, 0, NULL };
	struct cg_reader_opts ro;
	struct cg_datecol dcf, dct;
	struct cg_reader *r;
	const struct cg_row *hdr, *row;
	struct cg_tp_away *w;
	size_t cown, cfrom, cto;
	int32_t from, to;
	int rc;

	memset(&ro, 0, sizeof(ro));
	if ((r = cg_reader_open_path(path, &ro, err)) == NULL)
		return -1;
	if ((rc = cg_reader_header(r, &hdr, err)) <= 0) {
		cg_reader_free(r);
		return rc;
	}
	if (cg_role_require(hdr, &none, "owner", path, &cown, err) < 0)
		goto fail;
	if (!find_header(hdr, from_names, &cfrom) ||
	    !find_header(hdr, to_names, &cto)) {
		cg_err_set(err, CG_EROLE, path, 1, 0, "an absence file needs "
		    "columns owner, from and to");
		goto fail;
	}
	cg_datecol_init(&dcf, run->dates);
	cg_datecol_init(&dct, run->dates);
	while ((rc = cg_reader_next(r, &row, err)) > 0) {
		if ((rc = cg_field_date(r, row, cfrom, &dcf, run, &from,
		    err)) <= 0) {
			if (rc == 0)
				cg_row_err(err, CG_EVALUE, r, row, cfrom,
				    "an absence needs a from date");
			goto fail;
		}
		if ((rc = cg_field_date(r, row, cto, &dct, run, &to,
		    err)) <= 0) {
			if (rc == 0)
				cg_row_err(err, CG_EVALUE, r, row, cto,
				    "an absence needs a to date");
			goto fail;
		}
		if (to < from) {
			cg_row_err(err, CG_EVALUE, r, row, cto,
			    "absence ends before it starts");
			goto fail;
		}
		if (a->n == a->cap) {
			a->cap = a->cap ? 2 * a->cap : 16;
			a->v = cg_xreallocarray(a->v, a->cap, sizeof(*a->v));
		}
		w = &a->v[a->n++];
		w->owner = cg_xstrndup(row->f[cown], row->len[cown]);
		w->from = from;
		w->to = to;
	}
	if (rc < 0)
		goto fail;
	cg_reader_free(r);
	return 0;
fail:
	cg_reader_free(r);
	return -1;
}

void
cg_tp_aways_free(struct cg_tp_aways *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		free(a->v[i].owner);
	free(a->v);
	memset(a, 0, sizeof(*a));
}
