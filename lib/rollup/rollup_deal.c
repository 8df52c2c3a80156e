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
	size_t kl = p->row.len[u->kcol];
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
	if (u->has_x)
		cg_rollup_distinct(u->t, a, p->row.f[u->xcol],
		    p->row.len[u->xcol]);
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
 * a good date in the other day/month order: then the column contradicts
 * an order guessed or seen earlier, which no single row can fix.
 */
static int
date_conflict(const struct cg_rollup_ctx *u, const struct cg_row *row)
{
	int32_t d;
	const char *s = row->f[u->dcol];
	size_t n = row->len[u->dcol];

	if (u->run->dates != CG_DATES_AUTO)
		return 0;
	return cg_parse_date(s, n, CG_DATES_US, &d, NULL) == CG_V_OK ||
	    cg_parse_date(s, n, CG_DATES_EU, &d, NULL) == CG_V_OK;
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
	if (!cg_rollup_where_match(u->where, row))
		return 0;
	p = &u->pend[u->npend % CG_ROLLUP_DEPTH];
	p->kind = CG_COUNT;
	cg_buf_reset(&p->why);
	if (row->len[u->kcol] == 0) {
		cg_buf_printf(&p->why, "empty %s", u->kname);
		p->kind = CG_SKIP_EMPTY_KEY;
		p->col = u->kcol;
		goto queue;
	}
	rc = cg_field_date(r, row, u->dcol, &u->dc, u->run, &p->day, &e2);
	if (rc < 0 && (o->strict || date_conflict(u, row)))
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
	if (u->track_ambig && !u->dc.fixed && !u->ambig)
		note_ambig(u, row);
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

/* The warnings, one per kind of skip, in the order they first happened. */
void
cg_rollup_report(const struct cg_rollup_ctx *u)
{
	int order[CG_NSKIP], n = 0, i, j, k;

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
		cg_warning(u->run, "%ld deal%s skipped: %s%s%s%s (first: "
		    "%s:%ld)", s->n, s->n == 1 ? "" : "s", what, col,
		    k == CG_SKIP_UNKNOWN ? " not in " : "",
		    k == CG_SKIP_UNKNOWN ? cg_rollup_accounts_name(u->acc) :
		    "",
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
	for (k = 0; k < CG_NSKIP; k++)
		free(u->skip[k].file);
	for (k = 0; k < CG_ROLLUP_DEPTH; k++) {
		free(u->pend[k].f);
		free(u->pend[k].len);
		free(u->pend[k].bytes);
		cg_buf_free(&u->pend[k].why);
	}
}

