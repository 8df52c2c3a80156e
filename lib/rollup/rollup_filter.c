/*
 * rollup_filter.c - one pass of the --where filter over a deal log:
 * trying the conditions (rollup_where.c) on each deal.
 *
 * = and != compare exact bytes: a filter on a CRM stage should not guess
 * at case or spaces, and it stays one memcmp per condition. The
 * comparisons read the field as a number, or as a date when their value
 * is one, the way the deal's own figures are read.
 *
 * Until every condition has matched some deal, each is tried on every
 * deal and its column's values are counted (rollup_nomatch.c), so that
 * one that matches nothing can say what the column holds; after that a
 * deal costs the conditions only, tried until one fails.
 */
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/field.h"
#include "clientgrade/rollup.h"
#include "clientgrade/value.h"
#include "rollup_int.h"


struct cg_rollup_filter *
cg_rollup_filter_new(const struct cg_rollup_where *w, size_t dcol,
    struct cg_datecol *dc, const struct cg_run *run)
{
	struct cg_rollup_filter *f = cg_xcalloc(1, sizeof(*f));
	size_t i;

	f->w = w;
	f->run = run;
	f->col = cg_xcalloc(w->ncol ? w->ncol : 1, sizeof(*f->col));
	f->matched = cg_xcalloc(w->n ? w->n : 1, 1);
	for (i = 0; i < w->ncol; i++) {
		struct cg_rollup_fcol *fc = &f->col[i];

		cg_datecol_init(&fc->own, run->dates);
		fc->dc = w->col[i].col == dcol ? dc : &fc->own;
		fc->unmatched = w->col[i].nc;
		cg_tally_init(&fc->tally);
	}
	f->pending = w->n + 1;
	return f;
}

void
cg_rollup_filter_free(struct cg_rollup_filter *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->w->ncol; i++)
		cg_tally_free(&f->col[i].tally);
	free(f->col);
	free(f->matched);
	free(f);
}

static const char *
order_name(int order)
{
	return order == CG_DATES_US ? "US month/day" : order == CG_DATES_EU ?
	    "European day/month" : "ISO (YYYY-MM-DD)";
}

/*
 * The day of date condition c, read in the day/month order of its
 * column: the order known by now (from --dates or the dates read so
 * far), else, for a value that reads both ways, the order the column's
 * own dates would be guessed in, with one warning. 0, or -1 (a value
 * that cannot be read in the column's order: a usage error).
 */
static int
cond_day(struct cg_rollup_filter *f, const struct cg_rollup_cond *c,
    const struct cg_datecol *dc, struct cg_reader *r, int32_t *day,
    struct cg_err *err)
{
	const char *hn = f->w->col[c->wcol].hname;
	int order = dc->fixed || dc->guessed ? dc->order : CG_DATES_AUTO;

	if (c->ok_us && c->ok_eu && c->day_us == c->day_eu) {
		*day = c->day_us;
		return 0;
	}
	if (order == CG_DATES_AUTO || order == CG_DATES_SERIAL) {
		if (c->ok_us != c->ok_eu) {
			*day = c->ok_us ? c->day_us : c->day_eu;
			return 0;
		}
		order = cg_reader_dialect(r)->delim == ',' ? CG_DATES_US :
		    CG_DATES_EU;
		if (!f->guess_said) {
			f->guess_said = 1;
			cg_warning(f->run, "--where %s: '%s' could be month/day "
			    "or day/month, and %s does not say yet; reading it "
			    "as %s (write it as YYYY-MM-DD to be sure)",
			    c->spec, c->val, hn, order_name(order));
		}
	}
	if (order == CG_DATES_US && c->ok_us) {
		*day = c->day_us;
		return 0;
	}
	if (order == CG_DATES_EU && c->ok_eu) {
		*day = c->day_eu;
		return 0;
	}
	return cg_err_set(err, CG_EUSAGE, NULL, 0, 0, "--where %s: '%s' cannot "
	    "be read in the order of %s's dates (%s); write it as YYYY-MM-DD",
	    c->spec, c->val, hn, order_name(order));
}

/*
 * Field `col` as a number (*has_num) and a date (*has_date), as far as
 * the column's comparisons want them. A field that is neither is not an
 * error (it fails the comparison); a date against its column's day/month
 * order, or a decimal mark against the file's, is (-1).
 */
static int
read_typed(const struct cg_rollup_filter *f, struct cg_rollup_fcol *fc,
    const struct cg_rollup_wcol *g, struct cg_reader *r,
    const struct cg_row *row, int *has_num, double *num, int *has_date,
    int32_t *day, struct cg_err *err)
{
	const char *s = row->f[g->col];
	size_t n = row->len[g->col];
	int rc;

	*has_num = *has_date = 0;
	if (g->want_num && cg_parse_num(s, n, cg_reader_dialect(r)->decimal,
	    num, NULL) == CG_V_OK) {
		/* Read again as the figures are, for what it says about the
		 * decimal mark: against the file's, that is an error. */
		if (cg_field_num(r, row, g->col, num, err) < 0)
			return -1;
		*has_num = 1;
	}
	/* An error cell is missing; the deal's own reading counts it. */
	if (g->want_date && !cg_field_is_error_cell(row, g->col)) {
		rc = cg_field_date(r, row, g->col, fc->dc, f->run, day, err);
		if (rc < 0 && cg_rollup_date_contradicts(fc->dc, r, row,
		    g->col, err))
			return -1;
		*has_date = rc > 0;
	}
	return 0;
}

/* 1 if comparison c holds for the typed field. */
static int
compare(struct cg_rollup_filter *f, const struct cg_rollup_cond *c,
    const struct cg_datecol *dc, struct cg_reader *r, int has_num,
    double num, int has_date, int32_t day, struct cg_err *err)
{
	double a, b;
	int32_t d = 0;

	if (c->type == 'n') {
		if (!has_num)
			return 0;
		a = num;
		b = c->num;
	} else {
		if (!has_date)
			return 0;
		if (cond_day(f, c, dc, r, &d, err) < 0)
			return -1;
		a = day;
		b = d;
	}
	switch (c->op) {
	case CG_W_LT: return a < b;
	case CG_W_LE: return a <= b;
	case CG_W_GT: return a > b;
	default: return a >= b;
	}
}

static int
same(const char *v, size_t vl, const char *s, size_t n)
{
	return vl == n && memcmp(v, s, n) == 0;
}

/* Column i of a deal, once every condition has matched: 1, 0 or -1. */
static int
col_passes(struct cg_rollup_filter *f, size_t i, struct cg_reader *r,
    const struct cg_row *row, struct cg_err *err)
{
	const struct cg_rollup_wcol *g = &f->w->col[i];
	const char *s = row->f[g->col];
	size_t n = row->len[g->col], j;
	int32_t day;
	double num;
	int hn, hd, rc;

	for (j = 0; j < g->neq; j++)
		if (same(g->eqv[j], g->eqlen[j], s, n))
			goto ne;
	if (g->ncmp > 0) {
		if (read_typed(f, &f->col[i], g, r, row, &hn, &num, &hd, &day,
		    err) < 0)
			return -1;
		for (j = 0; j < g->ncmp; j++)
			if ((rc = compare(f, &f->w->c[g->cmp[j]],
			    f->col[i].dc, r, hn, num, hd, day, err)) != 0) {
				if (rc < 0)
					return -1;
				goto ne;
			}
	}
	if (g->neq + g->ncmp > 0)
		return 0;
ne:
	for (j = 0; j < g->nne; j++)
		if (same(g->nev[j], g->nelen[j], s, n))
			return 0;
	return 1;
}

/* Condition k matched a deal: the first time, one less to look for. */
static void
mark(struct cg_rollup_filter *f, size_t k)
{
	if (f->matched[k])
		return;
	f->matched[k] = 1;
	f->col[f->w->c[k].wcol].unmatched--;
	f->pending--;
}

/*
 * Before every condition has matched: try each on the deal, whatever
 * the others say, and count the values of every column with a
 * condition still unmatched.
 */
static int
try_all(struct cg_rollup_filter *f, struct cg_reader *r,
    const struct cg_row *row, struct cg_err *err)
{
	const struct cg_rollup_where *w = f->w;
	int all = 1;
	size_t i, k;

	for (i = 0; i < w->ncol; i++) {
		const struct cg_rollup_wcol *g = &w->col[i];
		struct cg_rollup_fcol *fc = &f->col[i];
		const char *s = row->f[g->col];
		size_t n = row->len[g->col];
		int pos = g->neq + g->ncmp == 0, neg = 1, hn = 0, hd = 0, h;
		int32_t day = 0;
		double num = 0;

		if (g->ncmp > 0 && read_typed(f, fc, g, r, row, &hn, &num, &hd,
		    &day, err) < 0)
			return -1;
		for (k = 0; k < w->n; k++) {
			const struct cg_rollup_cond *c = &w->c[k];

			if (c->wcol != i)
				continue;
			if (c->op == CG_W_EQ)
				h = same(c->val, c->vlen, s, n);
			else if (c->op == CG_W_NE)
				h = !same(c->val, c->vlen, s, n);
			else if ((h = compare(f, c, fc->dc, r, hn, num, hd,
			    day, err)) < 0)
				return -1;
			if (h)
				mark(f, k);
			if (c->op == CG_W_NE)
				neg &= h;
			else
				pos |= h;
		}
		if (fc->unmatched > 0)
			cg_tally_add(&fc->tally, s, n, hn, num, hd, day);
		all &= pos && neg;
	}
	if (all && !f->passed) {
		f->passed = 1;
		f->pending--;
	}
	return all;
}

int
cg_rollup_filter_match(struct cg_rollup_filter *f, struct cg_reader *r,
    const struct cg_row *row, struct cg_err *err)
{
	size_t i;
	int rc;

	if (f->pending > 0)
		return try_all(f, r, row, err);
	for (i = 0; i < f->w->ncol; i++)
		if ((rc = col_passes(f, i, r, row, err)) <= 0)
			return rc;
	return 1;
}
