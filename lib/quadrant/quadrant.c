/*
 * quadrant.c - the quadrant run: find the measures, settle the cuts (a
 * first pass collects the two axis values when a cut is a median), then
 * stream the rows out with the quadrant columns, feeding the summary and
 * the plot on the way.
 *
 * Fixed cuts need one pass and constant memory. Median cuts keep two
 * doubles a row (16 MB for a million rows) for quickselect; the input is
 * read twice (cg_input spools a pipe to a temporary file).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "clientgrade/field.h"
#include "clientgrade/outfile.h"
#include "clientgrade/quadrant.h"
#include "clientgrade/value.h"

/* The columns we add, in this order. */
enum { OC_QUAD, OC_EVAL, OC_PVAL, OC_ECUT, OC_PCUT, OC_REASON, OC_N };
static const char *const out_names[OC_N] = {
	"quadrant", "engagement_value", "potential_value", "engagement_cut",
	"potential_cut", "quadrant_reason"
};

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

/* Everything the run carries from row to row. */
struct run {
	const struct cg_quadrant_opts *o;
	struct cg_common *c;
	struct cg_input *in;
	struct cg_qaxes ax;
	double cut[2];
	int known[2];		/* the cut exists (a median needs a value) */
	int want_volume;
	struct cg_writer *w;	/* NULL unless rows go to stdout */
	size_t ocol[OC_N];	/* output column of each added field */
	int nout;		/* how many of out_names are written */
	struct cg_put put[OC_N];
	char cutbuf[2][40];
	size_t cutlen[2];
	struct cg_buf reason;
	struct cg_qsum sum;
	struct cg_qplot plot;
	int plotting;
	size_t namelen[CG_Q_N];
	double *rowe, *rowp;	/* pass 1's values, when pass 2 reuses them */
	size_t nrows, at;
	long missing;		/* rows with an axis missing */
	const char *miss_file;
	long miss_line;
};

/* Median of the values of v that are not NaN (missing); 0 if none. */
static int
median_of(const double *v, size_t n, double *out)
{
	double *tmp;
	size_t i, k = 0;

	tmp = cg_xreallocarray(NULL, n ? n : 1, sizeof(*tmp));
	for (i = 0; i < n; i++)
		if (v[i] == v[i])
			tmp[k++] = v[i];
	if (k > 0)
		*out = cg_median(tmp, k);
	free(tmp);
	return k > 0;
}

/*
 * Pass 1: the medians of the axes cut at the median. The two values of
 * every row are kept in row order (NaN when missing), so that pass 2
 * need not parse them again unless it needs more of the row (reasons,
 * volume): 16 bytes a row, and a copy of one axis for quickselect.
 */
static int
find_medians(struct run *u, struct cg_err *err)
{
	struct vec ev = { NULL, 0, 0 }, pv = { NULL, 0, 0 };
	const struct cg_row *row;
	struct cg_qvals v;
	int rc, mask;

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
	if (rc == 0) {
		if (!u->o->cut_fixed[CG_AX_E])
			u->known[CG_AX_E] = median_of(ev.v, ev.n,
			    &u->cut[CG_AX_E]);
		if (!u->o->cut_fixed[CG_AX_P])
			u->known[CG_AX_P] = median_of(pv.v, pv.n,
			    &u->cut[CG_AX_P]);
		rc = cg_input_rewind(u->in, err);
	}
	if (rc == 0 && !u->o->explain && !u->want_volume) {
		u->rowe = ev.v;
		u->rowp = pv.v;
		u->nrows = ev.n;
	} else {
		free(ev.v);
		free(pv.v);
	}
	return rc < 0 ? -1 : 0;
}

/* Where each added column goes: over a column of that name, else appended. */
static void
place_columns(struct run *u, const struct cg_row *hdr)
{
	size_t i, j, next = hdr->n;
	struct cg_put t;

	u->nout = u->o->explain ? OC_N : OC_N - 1;
	for (i = 0; i < (size_t)u->nout; i++) {
		u->ocol[i] = (size_t)-1;
		for (j = 0; j < hdr->n; j++)
			if (cg_header_eq(hdr->f[j], hdr->len[j], out_names[i],
			    strlen(out_names[i]))) {
				u->ocol[i] = j;
				break;
			}
		if (u->ocol[i] == (size_t)-1)
			u->ocol[i] = next++;
	}
	/* The writer wants appended fields in column order. */
	for (i = 0; i < (size_t)u->nout; i++) {
		u->put[i].col = u->ocol[i];
		u->put[i].s = out_names[i];
		u->put[i].n = strlen(out_names[i]);
	}
	for (i = 1; i < (size_t)u->nout; i++)
		for (j = i; j > 0 && u->put[j - 1].col > u->put[j].col; j--) {
			t = u->put[j];
			u->put[j] = u->put[j - 1];
			u->put[j - 1] = t;
		}
}

/* Set the text of added column `oc` for the next row. */
static void
set_put(struct run *u, int oc, const char *s, size_t n)
{
	int i;

	for (i = 0; i < u->nout; i++)
		if (u->put[i].col == u->ocol[oc]) {
			u->put[i].s = s;
			u->put[i].n = n;
			return;
		}
}

/* "engagement 2 x 3 = 6 (median 5)" into the reason. */
static void
reason_axis(struct run *u, int ax, const struct cg_qvals *v, char dec)
{
	char a[48], b[48], c[48], d[48];
	const char *kind = u->o->cut_fixed[ax] ? "cut" : "median";

	cg_fmt_grouped(c, sizeof(c), u->cut[ax], dec);
	if (ax == CG_AX_E) {
		cg_fmt_grouped(a, sizeof(a), v->e, dec);
		if (u->ax.emode == CG_QE_PRODUCT) {
			cg_fmt_grouped(b, sizeof(b), v->e1, dec);
			cg_fmt_grouped(d, sizeof(d), v->e2, dec);
			cg_buf_printf(&u->reason, "engagement %s x %s = %s", b,
			    d, a);
		} else
			cg_buf_printf(&u->reason, "engagement %s", a);
	} else {
		cg_fmt_grouped(a, sizeof(a), v->p, dec);
		cg_buf_printf(&u->reason, "potential %s", a);
	}
	if (u->known[ax])
		cg_buf_printf(&u->reason, " (%s %s)", kind, c);
}

static void
build_reason(struct run *u, enum cg_quad q, int mask,
    const struct cg_qvals *v, char dec)
{
	cg_buf_reset(&u->reason);
	if (q != CG_Q_NONE) {
		cg_buf_printf(&u->reason, "%s: ", u->o->names[q]);
		reason_axis(u, CG_AX_E, v, dec);
		cg_buf_adds(&u->reason, ", ");
		reason_axis(u, CG_AX_P, v, dec);
		return;
	}
	cg_buf_adds(&u->reason, "no quadrant: ");
	if ((mask & 3) == 0)
		cg_buf_adds(&u->reason, "engagement and potential missing");
	else if (!(mask & 1))
		cg_buf_adds(&u->reason, "engagement missing");
	else if (!(mask & 2))
		cg_buf_adds(&u->reason, "potential missing");
	else
		cg_buf_adds(&u->reason, "no median: no values on an axis");
}

/*
 * 1 if field s[0..n) is a number a spreadsheet reads as it stands in
 * this dialect (-?digits, optionally the decimal mark and digits): then
 * it is copied, not reformatted (formatting is the costliest step).
 */
static int
plain_number(const char *s, size_t n, char dec)
{
	size_t i = 0, d = 0;

	if (n > 0 && s[0] == '-')
		i++;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		d++;
	if (d == 0)
		return 0;
	if (i < n && s[i] == dec) {
		for (i++, d = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			d++;
		if (d == 0)
			return 0;
	}
	return i == n;
}

/* A value for an added column: copied when plain, else formatted. */
static void
put_value(struct run *u, int oc, const struct cg_row *row, int plaincol,
    size_t col, double v, char dec, char *buf, size_t cap)
{
	long long k;
	size_t n;
	char *e;

	if (plaincol && plain_number(row->f[col], row->len[col], dec)) {
		set_put(u, oc, row->f[col], row->len[col]);
		return;
	}
	if (v == (double)(k = (long long)v) && k > -1000000000000000LL &&
	    k < 1000000000000000LL) {
		/* Whole numbers (contact products) without printf. */
		e = buf + cap;
		*--e = '\0';
		n = 0;
		do {
			*--e = (char)('0' + (k < 0 ? -(k % 10) : k % 10));
			n++;
		} while ((k /= 10) != 0);
		if (v < 0) {
			*--e = '-';
			n++;
		}
		set_put(u, oc, e, n);
		return;
	}
	set_put(u, oc, buf, cg_fmt_num(buf, cap, v, 2, 1, dec));
}

/* Pass 2 (or the only pass): every row out. */
static int
write_rows(struct run *u, struct cg_err *err)
{
	const struct cg_row *row;
	struct cg_reader *r;
	struct cg_qvals v;
	enum cg_quad q;
	char ebuf[40], pbuf[40], dec;
	int rc, mask;

	while ((rc = cg_input_next(u->in, &row, err)) > 0) {
		r = cg_input_reader(u->in);
		if (u->rowe != NULL && u->at < u->nrows) {
			v.e = u->rowe[u->at];
			v.p = u->rowp[u->at++];
			mask = (v.e == v.e ? 1 : 0) | (v.p == v.p ? 2 : 0);
		} else if ((mask = cg_qaxes_read(&u->ax, r, row,
		    u->want_volume, &v, err)) < 0)
			return -1;
		q = (mask & 3) == 3 && u->known[0] && u->known[1] ?
		    cg_quad_of(v.e, v.p, u->cut[0], u->cut[1]) : CG_Q_NONE;
		if (q == CG_Q_NONE && u->missing++ == 0) {
			u->miss_file = cg_reader_name(r);
			u->miss_line = row->line;
		}
		cg_qsum_add(&u->sum, q, mask, &v);
		if (u->plotting && (mask & 3) == 3 && q != CG_Q_NONE)
			cg_qplot_add(&u->plot, v.e, v.p, q,
			    u->ax.has_grade ? row->f[u->ax.gradecol] : NULL,
			    u->ax.has_grade ? row->len[u->ax.gradecol] : 0,
			    u->ax.has_name ? row->f[u->ax.namecol] : NULL,
			    u->ax.has_name ? row->len[u->ax.namecol] : 0,
			    u->ax.has_volume ? (mask & 4 ? v.vol : 0) : v.p);
		else if (u->plotting)
			u->plot.missing++;
		if (u->w == NULL)
			continue;
		dec = cg_reader_dialect(r)->decimal;
		set_put(u, OC_QUAD, q == CG_Q_NONE ? "" : u->o->names[q],
		    q == CG_Q_NONE ? 0 : u->namelen[q]);
		if (mask & 1)
			put_value(u, OC_EVAL, row, u->ax.emode != CG_QE_PRODUCT,
			    u->ax.ecol[0], v.e, dec, ebuf, sizeof(ebuf));
		else
			set_put(u, OC_EVAL, "", 0);
		if (mask & 2)
			put_value(u, OC_PVAL, row, !u->ax.headroom, u->ax.pcol,
			    v.p, dec, pbuf, sizeof(pbuf));
		else
			set_put(u, OC_PVAL, "", 0);
		if (u->o->explain) {
			build_reason(u, q, mask, &v, dec);
			set_put(u, OC_REASON, u->reason.s, u->reason.len);
		}
		if (cg_writer_row(u->w, row, u->put, (size_t)u->nout, err) < 0)
			return -1;
	}
	return rc;
}

/* The SVG into its file, or the text picture to stdout. */
static int
write_plot(struct run *u, struct cg_err *err)
{
	struct cg_outfile of;
	FILE *fp;
	int fd;

	u->plot.cut[0] = u->cut[0];
	u->plot.cut[1] = u->cut[1];
	u->plot.cut_fixed[0] = u->o->cut_fixed[0];
	u->plot.cut_fixed[1] = u->o->cut_fixed[1];
	u->plot.cut_known[0] = u->known[0];
	u->plot.cut_known[1] = u->known[1];
	snprintf(u->plot.elabel, sizeof(u->plot.elabel), "%s", u->ax.elabel);
	snprintf(u->plot.plabel, sizeof(u->plot.plabel), "%s", u->ax.plabel);
	memcpy(u->plot.names, u->o->names, sizeof(u->plot.names));
	u->plot.decimal = cg_reader_dialect(cg_input_reader(u->in))->decimal;
	u->plot.log = u->o->plot_log;
	cg_qplot_sort_labels(&u->plot);
	if (strcmp(u->o->plot, "-") == 0) {
		if (cg_qplot_text(&u->plot, 60, 20, stdout) < 0)
			return cg_err_set(err, CG_EWRITE, NULL, 0, 0,
			    "write error:");
		return 0;
	}
	if (cg_outfile_open(&of, u->o->plot, err) < 0)
		return -1;
	if ((fd = dup(of.fd)) < 0 || (fp = fdopen(fd, "w")) == NULL) {
		cg_err_set(err, CG_EIO, u->o->plot, 0, 0, "cannot write:");
		if (fd >= 0)
			close(fd);
		cg_outfile_abort(&of);
		return -1;
	}
	if (cg_qplot_svg(&u->plot, fp) < 0 || fclose(fp) != 0) {
		cg_err_set(err, CG_EWRITE, u->o->plot, 0, 0, "write error:");
		cg_outfile_abort(&of);
		return -1;
	}
	return cg_outfile_commit(&of, err);
}

/* Header known: resolve, cut, write. */
static int
run_body(struct run *u, const struct cg_row *hdr, struct cg_err *err)
{
	struct cg_reader *r = cg_input_reader(u->in);
	int to_stdout, ax;

	if (cg_qaxes_resolve(&u->ax, hdr, &u->c->cols, u->o->headroom,
	    cg_reader_name(r), err) < 0)
		return -1;
	for (ax = 0; ax < 2; ax++)
		if (u->o->cut_fixed[ax]) {
			u->cut[ax] = u->o->cut[ax];
			u->known[ax] = 1;
		}
	u->want_volume = u->o->summary != CG_QSUM_NONE || u->plotting;
	if ((!u->o->cut_fixed[0] || !u->o->cut_fixed[1]) &&
	    find_medians(u, err) < 0)
		return -1;
	u->sum.has_volume = u->ax.has_volume;
	to_stdout = u->o->summary == CG_QSUM_NONE &&
	    !(u->o->plot != NULL && strcmp(u->o->plot, "-") == 0);
	if (to_stdout) {
		place_columns(u, hdr);
		if ((u->w = cg_writer_new(1, "<stdout>",
		    cg_reader_dialect(r))) == NULL)
			return cg_err_set(err, CG_ENOMEM, NULL, 0, 0,
			    "out of memory");
		if (cg_writer_row(u->w, hdr, u->put, (size_t)u->nout, err) < 0)
			return -1;
		for (ax = 0; ax < 2; ax++) {
			u->cutlen[ax] = u->known[ax] ? cg_fmt_num(u->cutbuf[ax],
			    sizeof(u->cutbuf[ax]), u->cut[ax], 2, 1,
			    cg_reader_dialect(r)->decimal) : 0;
			set_put(u, ax == 0 ? OC_ECUT : OC_PCUT, u->cutbuf[ax],
			    u->cutlen[ax]);
		}
	}
	if (write_rows(u, err) < 0)
		return -1;
	if (u->w != NULL && cg_writer_flush(u->w, err) < 0)
		return -1;
	if (u->missing > 0)
		cg_warn(u->c->prog, "%ld row%s with no engagement or potential "
		    "(first: %s:%ld)", u->missing, u->missing == 1 ? "" : "s",
		    u->miss_file, u->miss_line);
	r = cg_input_reader(u->in);
	if (u->o->summary == CG_QSUM_CSV &&
	    cg_qsum_write_csv(&u->sum, u->o, cg_reader_dialect(r), err) < 0)
		return -1;
	if (u->o->summary == CG_QSUM_TEXT && cg_qsum_write_text(&u->sum, u->o,
	    cg_reader_dialect(r)->decimal, stdout) < 0)
		return cg_err_set(err, CG_EWRITE, NULL, 0, 0, "write error:");
	if (u->plotting && write_plot(u, err) < 0)
		return -1;
	return 0;
}

int
cg_quadrant_run(const struct cg_quadrant_opts *o, struct cg_common *c,
    int argc, char **argv, struct cg_err *err)
{
	struct cg_reader_opts ro;
	const struct cg_row *hdr;
	struct run u;
	int rc;

	memset(&u, 0, sizeof(u));
	u.o = o;
	u.c = c;
	u.plotting = o->plot != NULL;
	for (rc = 0; rc < CG_Q_N; rc++)
		u.namelen[rc] = strlen(o->names[rc]);
	cg_qplot_init(&u.plot, o->labels);
	ro = cg_common_reader_opts(c, !o->cut_fixed[0] || !o->cut_fixed[1]);
	if ((u.in = cg_input_open(argc, argv, &ro, err)) == NULL) {
		cg_qplot_free(&u.plot);
		return -1;
	}
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
