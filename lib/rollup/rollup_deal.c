/*
 * rollup_deal.c - one deal at a time: read what a deal needs, count it
 * into the account table, or account for it as skipped.
 *
 * A deal is counted when it passes --where and has a key, a date and a
 * value that parse. Every other deal that passed --where is "skipped":
 * never silently. Each kind of skip is counted and named in a warning
 * with its first line, the rows go to --rejects with the reason
 * appended, and --strict turns the first one into an error. Deals go
 * through a short pipeline (struct cg_rollup_pend) so that the table's
 * memory can be prefetched while the next rows are parsed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "clientgrade/field.h"
#include "clientgrade/rollup.h"
#include "clientgrade/run.h"
#include "clientgrade/value.h"
#include "rollup_int.h"

/* Account for skipped deal p: a count, a rejects row, or with --strict
 * an error at the field the reason is about. */
static int
skip(struct cg_rollup_ctx *u, struct cg_rollup_pend *p, struct cg_err *err)
{
	struct cg_rollup_skip *s = &u->skip[p->kind];
	struct cg_put put;

	if (u->o->strict)
		return cg_row_err(err, CG_EVALUE, p->r, &p->row, p->col, "%s",
		    p->why.s);
	if (s->n++ == 0) {
		s->file = cg_xstrdup(cg_reader_name(p->r));
		s->line = p->row.line;
		s->seq = p->seq;
	}
	if (u->rw == NULL)
		return 0;
	put.col = p->row.n;
	put.s = p->why.s;
	put.n = p->why.len;
	return cg_writer_row(u->rw, &p->row, &put, 1, err);
}

/* Copy the reader's row into p, which outlives it. */
static void
keep_row(struct cg_rollup_pend *p, const struct cg_row *row)
{
	size_t i, need = row->raw != NULL ? row->rawlen : 0;
	char *q;

	if (p->fcap < row->n) {
		p->fcap = row->n;
		p->f = cg_xreallocarray(p->f, p->fcap, sizeof(*p->f));
		p->len = cg_xreallocarray(p->len, p->fcap, sizeof(*p->len));
	}
	for (i = 0; i < row->n; i++)
		need += row->len[i] + 1;
	if (p->bcap < need + 1) {
		p->bcap = need + 1 > 2 * p->bcap ? need + 1 : 2 * p->bcap;
		p->bytes = cg_xrealloc(p->bytes, p->bcap);
	}
	q = p->bytes;
	for (i = 0; i < row->n; i++) {
		memcpy(q, row->f[i], row->len[i]);
		q[row->len[i]] = '\0';
		p->f[i] = q;
		p->len[i] = row->len[i];
		q += row->len[i] + 1;
	}
	p->row = *row;
	p->row.f = p->f;
	p->row.len = p->len;
	if (row->raw != NULL) {
		memcpy(q, row->raw, row->rawlen);
		p->row.raw = q;
	}
}

/* Take the oldest deal out of the pipeline: count it or skip it. */
static int
finish(struct cg_rollup_ctx *u, struct cg_err *err)
{
	struct cg_rollup_pend *p = &u->pend[u->ndone++ % CG_ROLLUP_DEPTH];
	const char *k = p->row.f[u->kcol];
	size_t kl = p->row.len[u->kcol], x;
	struct cg_rollup_acc *a;

	if (p->kind != CG_COUNT)
		return skip(u, p, err);
	if (u->acc != NULL) {
		if ((a = cg_rollup_find_h(u->t, k, kl, p->h)) == NULL) {
			p->kind = CG_SKIP_UNKNOWN;
			p->col = u->kcol;
			cg_buf_reset(&p->why);
			cg_buf_printf(&p->why, "%s not in %s", u->kname,
			    cg_rollup_accounts_name(u->acc));
			return skip(u, p, err);
		}
	} else
		a = cg_rollup_intern_h(u->t, k, kl, p->h);
	cg_rollup_add(a, p->v, p->day, u->today, u->o->window);
	for (x = 0; x < u->nx; x++)
		cg_rollup_distinct_k(u->t, a, x, p->row.f[u->xcol[x]],
		    p->row.len[u->xcol[x]]);
	if (u->has_owner)
		cg_rollup_owner_add(u->t, a, p->row.f[u->ocol],
		    p->row.len[u->ocol], p->v);
	return 0;
}

/* Empty the pipeline (end of input, or before an error at this row). */
int
cg_rollup_drain(struct cg_rollup_ctx *u, struct cg_err *err)
{
	while (u->ndone < u->npend)
		if (finish(u, err) < 0)
			return -1;
	return 0;
}

/* A field error with --strict: earlier deals may hold an earlier one. */
static int
fail_here(struct cg_rollup_ctx *u, struct cg_err *err,
    const struct cg_err *here)
{
	if (cg_rollup_drain(u, err) < 0)
		return -1;
	*err = *here;
	return -1;
}

/*
 * A date cg_field_date refused is a bad value for this row, unless it is
 * a good date in some day/month order: then the column contradicts the
 * order --dates gave, or one guessed or seen earlier, which no single
 * row can fix, and skipping the deal would hide it (--dates eu on a US
 * export would skip every date past the 12th as unreadable).
 */
int
cg_rollup_date_contradicts(const struct cg_datecol *dc, struct cg_reader *r,
    const struct cg_row *row, size_t col, struct cg_err *err)
{
	const char *s = row->f[col], *h = cg_reader_hdr(r)->f[col];
	size_t n = row->len[col];
	int32_t d;

	if (cg_parse_date(s, n, CG_DATES_US, &d, NULL) != CG_V_OK &&
	    cg_parse_date(s, n, CG_DATES_EU, &d, NULL) != CG_V_OK)
		return 0;
	/* The core's message says "not a date" for these: say why. */
	if (dc->fixed && dc->order == CG_DATES_ISO)
		cg_row_err(err, CG_EVALUE, r, row, col, "%.40s: '%.*s' is not "
		    "an ISO date (YYYY-MM-DD), as --dates iso says", h,
		    (int)(n > 40 ? 40 : n), s);
	return 1;
}

/*
 * The second half of a parallel run starts with the date order already
 * "guessed", so that it never prints the guess warning itself (with its
 * own line numbers). Whether the sequential run would have printed it
 * there is told by this: an ambiguous date before the order was fixed.
 * Year-first dates are never ambiguous; skip the parse for them.
 */
static void
note_ambig(struct cg_rollup_ctx *u, const struct cg_row *row)
{
	const char *s = row->f[u->dcol];
	size_t n = row->len[u->dcol], i;
	int32_t d;

	for (i = 0; i < 4 && i < n && s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i == 4)
		return;
	if (cg_parse_date(s, n, CG_DATES_AUTO, &d, NULL) == CG_V_EAMBIG)
		u->ambig = 1;
}

/*
 * Read what a deal needs and put it into the pipeline; take out the one
 * put in CG_ROLLUP_DEPTH - 1 deals ago.
 */
int
cg_rollup_deal(struct cg_rollup_ctx *u, struct cg_reader *r,
    const struct cg_row *row, struct cg_err *err)
{
	const struct cg_rollup_opts *o = u->o;
	struct cg_rollup_pend *p;
	struct cg_err e2;
	int rc, vc;

	u->seq++;
	if (u->filter != NULL) {
		/* The filter reads the deal's dates for every deal. */
		if (u->where_dates && u->track_ambig && !u->dc.fixed &&
		    !u->ambig)
			note_ambig(u, row);
		if ((rc = cg_rollup_filter_match(u->filter, r, row, &e2)) < 0)
			return fail_here(u, err, &e2);
		if (rc == 0)
			return 0;
	}
	u->passed++;
	p = &u->pend[u->npend % CG_ROLLUP_DEPTH];
	p->kind = CG_COUNT;
	cg_buf_reset(&p->why);
	if (row->len[u->kcol] == 0) {
		cg_buf_printf(&p->why, "empty %s", u->kname);
		p->kind = CG_SKIP_EMPTY_KEY;
		p->col = u->kcol;
		goto queue;
	}
	/* The second half notes an ambiguous date wherever the one-pass
	 * run would have read it: before the value decides anything. */
	if (u->track_ambig && !u->dc.fixed && !u->ambig)
		note_ambig(u, row);
	rc = cg_field_date(r, row, u->dcol, &u->dc, u->run, &p->day, &e2);
	if (rc < 0 && (o->strict || cg_rollup_date_contradicts(&u->dc, r, row,
	    u->dcol, &e2)))
		return fail_here(u, err, &e2);
	if (rc <= 0) {
		if (rc < 0) {
			vc = cg_parse_date(row->f[u->dcol], row->len[u->dcol],
			    u->dc.order, &p->day, NULL);
			cg_buf_printf(&p->why, "unreadable %s: %s", u->dname,
			    cg_value_strerror(vc));
		} else
			cg_buf_printf(&p->why, "empty %s", u->dname);
		p->kind = rc == 0 ? CG_SKIP_EMPTY_DATE : CG_SKIP_BAD_DATE;
		p->col = u->dcol;
		goto queue;
	}
	rc = cg_field_num(r, row, u->vcol, &p->v, &e2);
	if (rc < 0 && o->strict)
		return fail_here(u, err, &e2);
	if (rc <= 0) {
		if (rc < 0) {
			vc = cg_parse_num(row->f[u->vcol], row->len[u->vcol],
			    cg_reader_dialect(r)->decimal, &p->v, NULL);
			cg_buf_printf(&p->why, "unreadable %s: %s", u->vname,
			    cg_value_strerror(vc));
		} else
			cg_buf_printf(&p->why, "empty %s", u->vname);
		p->kind = rc == 0 ? CG_SKIP_EMPTY_VALUE : CG_SKIP_BAD_VALUE;
		p->col = u->vcol;
		goto queue;
	}
	p->h = cg_rollup_hash(row->f[u->kcol], row->len[u->kcol]);
	cg_rollup_prefetch(u->t, p->h);
queue:
	keep_row(p, row);
	p->r = r;
	p->seq = u->seq;
	u->npend++;
	if (u->npend - u->ndone > CG_ROLLUP_LAG_REC) {
		struct cg_rollup_pend *q = &u->pend[(u->npend - 1 -
		    CG_ROLLUP_LAG_REC) % CG_ROLLUP_DEPTH];

		if (q->kind == CG_COUNT)
			cg_rollup_prefetch_rec(u->t, q->h);
	}
	if (u->npend - u->ndone == CG_ROLLUP_DEPTH)
		return finish(u, err);
	return 0;
}

/* "61%" of whole; never 0% or 100% for a part. */
static void
share(char *buf, size_t cap, unsigned long part, unsigned long whole)
{
	unsigned long p = whole ? (200 * part + whole) / (2 * whole) : 0;

	if (p == 0 && part > 0)
		snprintf(buf, cap, "<1%%");
	else if (p == 100 && part < whole)
		snprintf(buf, cap, ">99%%");
	else
		snprintf(buf, cap, "%lu%%", p);
}

/*
 * The warnings, one per kind of skip, in the order they first happened,
 * each with its share of the deals that passed --where:
 *     1425 deals skipped: empty account, 17% of 8300 deals with
 *     deal_stage=Won (first: deals.csv:11)
 */
void
cg_rollup_report(const struct cg_rollup_ctx *u)
{
	int order[CG_NSKIP], n = 0, i, j, k;
	const struct cg_rollup_opts *o = u->o;
	char pct[8];

	for (k = 0; k < CG_NSKIP; k++) {
		if (u->skip[k].n == 0)
			continue;
		for (j = n++; j > 0 && u->skip[order[j - 1]].seq >
		    u->skip[k].seq; j--)
			order[j] = order[j - 1];
		order[j] = k;
	}
	for (i = 0; i < n; i++) {
		const struct cg_rollup_skip *s = &u->skip[order[i]];
		const char *what, *col;

		k = order[i];
		what = k == CG_SKIP_BAD_DATE || k == CG_SKIP_BAD_VALUE ?
		    "unreadable " : k == CG_SKIP_UNKNOWN ? "" : "empty ";
		col = k == CG_SKIP_EMPTY_KEY || k == CG_SKIP_UNKNOWN ?
		    u->kname : k == CG_SKIP_EMPTY_DATE ||
		    k == CG_SKIP_BAD_DATE ? u->dname : u->vname;
		share(pct, sizeof(pct), (unsigned long)s->n, u->passed);
		cg_warning(u->run, "%ld deal%s skipped: %s%s%s%s, %s of %lu "
		    "deal%s%s%s (first: %s:%ld)", s->n, s->n == 1 ? "" : "s",
		    what, col,
		    k == CG_SKIP_UNKNOWN ? " not in " : "",
		    k == CG_SKIP_UNKNOWN ? cg_rollup_accounts_name(u->acc) :
		    "", pct, u->passed, u->passed == 1 ? "" : "s",
		    o->nwhere == 0 ? "" : o->nwhere == 1 ? " with " :
		    " passing --where", o->nwhere == 1 ? o->where[0] : "",
		    s->file, s->line);
	}
}

/* What a ctx owns alone (the second half shares the rest). */
void
cg_rollup_ctx_free_own(struct cg_rollup_ctx *u)
{
	int k;

	cg_rollup_table_free(u->t);
	u->t = NULL;
	cg_rollup_filter_free(u->filter);
	u->filter = NULL;
	for (k = 0; k < CG_NSKIP; k++)
		free(u->skip[k].file);
	for (k = 0; k < CG_ROLLUP_DEPTH; k++) {
		free(u->pend[k].f);
		free(u->pend[k].len);
		free(u->pend[k].bytes);
		cg_buf_free(&u->pend[k].why);
	}
}

