/*
 * touchplan_calendar.c - the days off a plan works around: each rep's
 * absences (a CSV file), and the sorted date set holidays end up in
 * (the holiday files are read in touchplan_holidays.c). The working
 * weekdays and the periods are pure and live in touchplan_period.c.
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
#include "clientgrade/text.h"
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
	struct cg_reader_opts ro;
	struct cg_datecol dcf, dct;
	struct cg_reader *r;
	const struct cg_row *hdr, *row;
	struct cg_tp_away *w;
	const char *os;
	size_t cown, cfrom, cto, on;
	int32_t from, to;
	int rc, how;

	memset(&ro, 0, sizeof(ro));
	if ((r = cg_reader_open_path(path, &ro, err)) == NULL)
		return -1;
	if ((rc = cg_reader_header(r, &hdr, err)) <= 0) {
		cg_reader_free(r);
		return rc;
	}
	/*
	 * The owner role's names, but not --col: that names the accounts'
	 * columns. So the note for an alias names this file, and no --col.
	 */
	if (cg_role_require(hdr, NULL, "owner", path, &cown, err) < 0)
		goto fail;
	(void)cg_role_find_how(hdr, NULL, "owner", &cown, &how, NULL);
	if (how == CG_ROLE_ALIAS)
		cg_note(run, "%s: owner <- '%.*s'", path,
		    (int)(hdr->len[cown] > 60 ? 60 : hdr->len[cown]),
		    hdr->f[cown]);
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
		os = row->f[cown];
		on = row->len[cown];
		cg_trim(&os, &on);
		w->owner = cg_xstrndup(os, on);
		w->from = from;
		w->to = to;
		w->line = row->line;
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
