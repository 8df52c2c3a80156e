/*
 * quadrant.c - quadrant(1)'s one entry point: read the header, resolve
 * the measures' columns, collect the medians when a cut is one (a first
 * pass over the two axis values), then compute every row's quadrant,
 * tallying the summary and the plot, and emit it (quadrant_emit.c).
 *
 * Fixed cuts need one pass and constant memory. Median cuts keep two
 * doubles a row (16 MB for a million rows) for quickselect; the input is
 * read twice (cg_input spools a pipe to a temporary file).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/roles.h"
#include "quadrant_int.h"

/* One growable array of axis values for a median. */
struct vec {
	double *v;
	size_t n, cap;
};

static void
vec_push(struct vec *a, double x)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 1024;
		a->v = cg_xreallocarray(a->v, a->cap, sizeof(*a->v));
	}
	a->v[a->n++] = x;
}

/*
 * The split of an axis cut at its median, over the values of v that are
 * not NaN (missing), into *c; 0 if there are none.
 */
static int
median_of(const double *v, size_t n, struct cg_qcut *c)
{
	double *tmp;
	size_t i, k = 0;

	tmp = cg_xreallocarray(NULL, n ? n : 1, sizeof(*tmp));
	for (i = 0; i < n; i++)
		if (v[i] == v[i])
			tmp[k++] = v[i];
	if (k > 0)
		cg_qcut_median(tmp, k, c);
	free(tmp);
	return k > 0;
}

/*
 * Say that a median split put more than 80% of an axis on one side, and
 * what was done: an assumption that changes the answer.
 *     quadrant: note: engagement: the median 3 puts 80 of 85 accounts
 *     (94%) on its high side; split at 4, the next value up, instead (6
 *     high, 79 low); --cut engagement=N chooses
 */
static void
lopsided_note(const struct cg_qrun *u, int ax, const struct cg_qcut *c)
{
	const char *axis = ax == CG_AX_E ? "engagement" : "potential";
	char dec = cg_reader_dialect(cg_input_reader(u->in))->decimal;
	char m[48], x[48];
	size_t pct = (200 * c->high_median + c->n) / (2 * c->n);

	cg_fmt_grouped(m, sizeof(m), c->median, dec);
	if (c->moved) {
		cg_fmt_grouped(x, sizeof(x), c->cut, dec);
		cg_note(u->run, "%s: the median %s puts %zu of %zu accounts "
		    "(%zu%%) on its high side; split at %s, the next value up, "
		    "instead (%zu high, %zu low); --cut %s=N chooses", axis, m,
		    c->high_median, c->n, pct, x, c->high, c->n - c->high,
		    axis);
	} else
		cg_note(u->run, "%s: the median %s puts %zu of %zu accounts "
		    "(%zu%%) on its high side, and no other cut splits them "
		    "closer to halves; --cut %s=N chooses", axis, m,
		    c->high_median, c->n, pct, axis);
}

/*
 * Refuse a file that is some tool's output where quadrant makes no sense
 * of it (a touchplan plan, a --summary): it is not accounts one a row.
 */
static int
refuse_kind(const struct cg_row *hdr, const char *file, struct cg_err *err)
{
	const char *kind = cg_header_kind(hdr);

	if (kind == NULL)
		return 0;
	return cg_err_set(err, CG_EDATA, file, 0, 0, "this looks like %s; "
	    "quadrant places accounts, one a row with engagement and "
	    "potential (an export, or rollup's or grade's output)", kind);
}

/* The measures' columns, the fixed cuts, what a row must read. */
static int
resolve(struct cg_qrun *u, const struct cg_row *hdr, struct cg_err *err)
{
	struct cg_reader *r = cg_input_reader(u->in);
	const struct cg_quadrant_opts *o = u->o;
	unsigned want = 0;
	int ax;

	if (refuse_kind(hdr, cg_reader_name(r), err) < 0)
		return -1;
	u->want_volume = o->summary != CG_QSUM_NONE || u->plotting;
	u->rows = o->summary == CG_QSUM_NONE &&
	    !(o->plot != NULL && strcmp(o->plot, "-") == 0);
	if (o->headroom)
		want |= CG_QW_HEADROOM;
	if (u->want_volume)
		want |= CG_QW_VOLUME;
	if (u->plotting)
		want |= CG_QW_GRADES;
	if (u->plotting && strcmp(o->plot, "-") != 0)
		want |= CG_QW_NAMES;
	if (cg_qaxes_resolve(&u->ax, hdr, u->run, want, cg_reader_name(r),
	    err) < 0)
		return -1;
	for (ax = 0; ax < 2; ax++)
		if (o->cut_fixed[ax]) {
			u->cut[ax] = o->cut[ax];
			u->known[ax] = 1;
		}
	/*
	 * A quadrant_reason from an earlier run would otherwise stand
	 * beside this run's quadrant as if it explained it: when the rows
	 * go out and the input has one, it is rewritten as with --explain.
	 */
	u->explain = o->explain || (u->rows && cg_header_find(hdr,
	    "quadrant_reason", 15) != CG_NO_COL);
	u->sum.has_volume = u->ax.has_volume;
	return 0;
}

/*
 * Pass 1: the medians of the axes cut at the median (moved up one value
 * when lopsided: cg_qcut_median). The two values of
 * every row are kept in row order (NaN when missing), so that pass 2
 * need not parse them again unless it needs more of the row (reasons,
 * volume): 16 bytes a row, and a copy of one axis for quickselect.
 */
static int
collect(struct cg_qrun *u, struct cg_err *err)
{
	struct vec ev = { NULL, 0, 0 }, pv = { NULL, 0, 0 };
	const struct cg_row *row;
	struct cg_qvals v;
	struct cg_qcut c;
	int rc, mask, ax;

	while ((rc = cg_input_next(u->in, &row, err)) > 0) {
		mask = cg_qaxes_read(&u->ax, cg_input_reader(u->in), row, 0,
		    &v, err);
		if (mask < 0) {
			rc = -1;
			break;
		}
		vec_push(&ev, mask & 1 ? v.e : NAN);
		vec_push(&pv, mask & 2 ? v.p : NAN);
	}
	for (ax = 0; rc == 0 && ax < 2; ax++) {
		if (u->o->cut_fixed[ax] || !median_of(ax == CG_AX_E ? ev.v :
		    pv.v, ax == CG_AX_E ? ev.n : pv.n, &c))
			continue;
		u->known[ax] = 1;
		u->cut[ax] = c.cut;
		u->moved[ax] = c.moved;
		if (c.lopsided)
			lopsided_note(u, ax, &c);
	}
	if (rc == 0)
		rc = cg_input_rewind(u->in, err);
	if (rc == 0 && !u->explain && !u->want_volume) {
		u->rowe = ev.v;
		u->rowp = pv.v;
		u->nrows = ev.n;
	} else {
		free(ev.v);
		free(pv.v);
	}
	return rc < 0 ? -1 : 0;
}

/* One row's values: pass 1's when kept, else read from the row. */
static int
values(struct cg_qrun *u, struct cg_reader *r, const struct cg_row *row,
    struct cg_qvals *v, struct cg_err *err)
{
	if (u->rowe != NULL && u->at < u->nrows) {
		v->e = u->rowe[u->at];
		v->p = u->rowp[u->at++];
		return (v->e == v->e ? 1 : 0) | (v->p == v->p ? 2 : 0);
	}
	return cg_qaxes_read(&u->ax, r, row, u->want_volume, v, err);
}

/* The row's quadrant, counted in the summary, the plot and the misses. */
static enum cg_quad
compute(struct cg_qrun *u, struct cg_reader *r, const struct cg_row *row,
    int mask, const struct cg_qvals *v)
{
	const struct cg_qaxes *a = &u->ax;
	enum cg_quad q;

	q = (mask & 3) == 3 && u->known[0] && u->known[1] ?
	    cg_quad_of(v->e, v->p, u->cut[0], u->cut[1]) : CG_Q_NONE;
	if (q == CG_Q_NONE && u->missing++ == 0) {
		u->miss_file = cg_reader_name(r);
		u->miss_line = row->line;
	}
	cg_qsum_add(&u->sum, q, mask, v);
	if (u->plotting && q != CG_Q_NONE)
		cg_qplot_add(&u->plot, v->e, v->p, q,
		    a->has_grade ? row->f[a->gradecol] : NULL,
		    a->has_grade ? row->len[a->gradecol] : 0,
		    a->has_name ? row->f[a->namecol] : NULL,
		    a->has_name ? row->len[a->namecol] : 0,
		    a->has_volume ? (mask & 4 ? v->vol : 0) : v->p);
	else if (u->plotting)
		u->plot.missing++;
	return q;
}

/* Pass 2 (or the only pass): every row computed, and written if wanted. */
static int
each_row(struct cg_qrun *u, struct cg_err *err)
{
	const struct cg_row *row;
	struct cg_reader *r;
	struct cg_qvals v;
	enum cg_quad q;
	int rc, mask;

	while ((rc = cg_input_next(u->in, &row, err)) > 0) {
		r = cg_input_reader(u->in);
		if ((mask = values(u, r, row, &v, err)) < 0)
			return -1;
		q = compute(u, r, row, mask, &v);
		if (u->w != NULL &&
		    cg_qemit_row(u, r, row, q, mask, &v, err) < 0)
			return -1;
	}
	return rc;
}

/* Header known: resolve, collect, compute and emit. */
static int
run_body(struct cg_qrun *u, const struct cg_row *hdr, struct cg_err *err)
{
	const struct cg_quadrant_opts *o = u->o;

	if (resolve(u, hdr, err) < 0)
		return -1;
	if ((!o->cut_fixed[0] || !o->cut_fixed[1]) && collect(u, err) < 0)
		return -1;
	/* The rows go out unless the summary or the text plot replace them. */
	if (u->rows && cg_qemit_open(u, hdr, err) < 0)
		return -1;
	if (each_row(u, err) < 0)
		return -1;
	if (u->w != NULL && cg_writer_flush(u->w, err) < 0)
		return -1;
	if (u->missing > 0)
		cg_warning(u->run, "%ld row%s with no engagement or potential "
		    "(first: %s:%ld)", u->missing, u->missing == 1 ? "" : "s",
		    u->miss_file, u->miss_line);
	if (cg_qemit_summary(u, err) < 0)
		return -1;
	if (u->plotting && cg_qemit_plot(u, err) < 0)
		return -1;
	return 0;
}

int
cg_quadrant_run(const struct cg_quadrant_opts *o, const struct cg_run *run,
    struct cg_err *err)
{
	struct cg_reader_opts ro;
	const struct cg_row *hdr;
	struct cg_qrun u;
	int rc;

	memset(&u, 0, sizeof(u));
	u.o = o;
	u.run = run;
	u.plotting = o->plot != NULL;
	for (rc = 0; rc < CG_Q_N; rc++)
		u.namelen[rc] = strlen(o->names[rc]);
	cg_qplot_init(&u.plot, o->labels);
	/* Rewinding a pipe means spooling it: ask only when a median needs. */
	ro = cg_run_reader_opts(run, !o->cut_fixed[0] || !o->cut_fixed[1]);
	if ((u.in = cg_input_open(run->argc, run->argv, &ro, err)) == NULL) {
		cg_qplot_free(&u.plot);
		return -1;
	}
	/* No header at all: nothing to place, nothing to write. */
	if ((rc = cg_input_header(u.in, &hdr, err)) > 0)
		rc = run_body(&u, hdr, err);
	if (u.w != NULL && cg_writer_close(u.w, rc < 0 ? NULL : err) < 0)
		rc = -1;
	cg_input_free(u.in);
	cg_buf_free(&u.reason);
	free(u.rowe);
	free(u.rowp);
	cg_qplot_free(&u.plot);
	return rc < 0 ? -1 : 0;
}
