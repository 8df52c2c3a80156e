/*
 * rollup_nomatch.c - what a --where condition that matched no deal says.
 *
 * `--where deal_stage=won` on a log that says `Won` matches nothing, and
 * a header with no rows is a confident wrong answer. So while a column
 * has a condition that has not matched yet, its values are counted
 * (rollup_filter.c adds them to a tally, tally.h), and at the end such a
 * condition gets a warning with the column's most common values, a
 * "did you mean" for a value that differs only in case, blanks or
 * punctuation, and,
 * for a comparison, the range of the numbers or dates the column holds:
 *
 *     rollup: warning: --where deal_stage=won matched no deal; deal_stage
 *     has: Won 4238, Lost 2473, Engaging 1589, Prospecting 500; did you
 *     mean 'Won'?
 *
 * The counts cost memory bounded by CG_TALLY_MAX distinct values
 * a column (deals with a later value are not counted), and time only
 * until every condition has matched: usually the first few deals.
 */
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "clientgrade/rollup.h"
#include "clientgrade/text.h"
#include "clientgrade/value.h"
#include "rollup_int.h"

/* The warning for condition k, which matched no deal. */
static void
nomatch(struct cg_buf *b, const struct cg_rollup_filter *f, size_t k)
{
	const struct cg_rollup_cond *c = &f->w->c[k];
	const struct cg_rollup_fcol *fc = &f->col[c->wcol];
	const char *hn = f->w->col[c->wcol].hname;

	cg_buf_printf(b, "--where %s matched no deal; ", c->spec);
	cg_tally_holds(b, &fc->tally, hn, c->type,
	    c->type == 0 && c->op == CG_W_EQ ? c->val : NULL, c->vlen);
}

int
cg_rollup_filter_report(const struct cg_rollup_filter *f, unsigned long ndeals,
    int strict, struct cg_err *err)
{
	struct cg_buf b = CG_BUF_INIT;
	size_t k, unmatched = 0;
	int rc = 0;

	if (ndeals == 0)
		return 0;
	for (k = 0; k < f->w->n && rc == 0; k++) {
		if (f->matched[k])
			continue;
		unmatched++;
		cg_buf_reset(&b);
		nomatch(&b, f, k);
		if (strict)
			rc = cg_err_set(err, CG_EDATA, NULL, 0, 0, "%s "
			    "(--strict)", b.s);
		else
			cg_warning(f->run, "%s", b.s);
	}
	if (unmatched == 0 && !f->passed) {
		cg_buf_reset(&b);
		cg_buf_adds(&b, "no deal passes every --where at once (");
		for (k = 0; k < f->w->n; k++)
			cg_buf_printf(&b, "%s%s", k ? ", " : "", f->w->c[k].spec);
		cg_buf_adds(&b, "), though each matches some deals");
		if (strict)
			rc = cg_err_set(err, CG_EDATA, NULL, 0, 0, "%s "
			    "(--strict)", b.s);
		else
			cg_warning(f->run, "%s", b.s);
	}
	cg_buf_free(&b);
	return rc;
}

/* ---- two halves of a log ---- */

/* 1 if column i still counts after a merge: a condition on it matched
 * in neither half, so both counted every deal. */
static int
still_counting(const struct cg_rollup_filter *a,
    const struct cg_rollup_filter *b, size_t i)
{
	size_t k;

	for (k = 0; k < a->w->n; k++)
		if (a->w->c[k].wcol == i && !a->matched[k] && !b->matched[k])
			return 1;
	return 0;
}

int
cg_rollup_filter_merge_ok(const struct cg_rollup_filter *dst,
    const struct cg_rollup_filter *src)
{
	size_t i;

	for (i = 0; i < dst->w->ncol; i++)
		if (still_counting(dst, src, i) &&
		    !cg_tally_merge_fits(&dst->col[i].tally, &src->col[i].tally))
			return 0;
	return 1;
}

void
cg_rollup_filter_merge(struct cg_rollup_filter *dst,
    const struct cg_rollup_filter *src)
{
	size_t i, k;

	for (i = 0; i < dst->w->ncol; i++)
		if (still_counting(dst, src, i))
			cg_tally_merge(&dst->col[i].tally, &src->col[i].tally);
	for (k = 0; k < dst->w->n; k++)
		if (src->matched[k])
			dst->matched[k] = 1;
	dst->passed |= src->passed;
	/* Recount what is pending from the merged marks. */
	dst->pending = !dst->passed;
	for (i = 0; i < dst->w->ncol; i++)
		dst->col[i].unmatched = 0;
	for (k = 0; k < dst->w->n; k++)
		if (!dst->matched[k]) {
			dst->pending++;
			dst->col[dst->w->c[k].wcol].unmatched++;
		}
}
