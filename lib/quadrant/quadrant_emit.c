/*
 * quadrant_emit.c - quadrant(1)'s writers: each row with the quadrant
 * columns (and the reason), the summary, and the plot. Everything here
 * formats what quadrant.c computed; nothing here places an account.
 *
 * The row writer is on the hot path: values that are already plain
 * numbers in the input's dialect are copied, whole numbers are written
 * without printf, and only the rest goes through cg_fmt_num.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "clientgrade/outfile.h"
#include "clientgrade/roles.h"
#include "clientgrade/text.h"
#include "clientgrade/value.h"
#include "quadrant_int.h"

static const char *const out_names[CG_QOC_N] = {
	"quadrant", "engagement_value", "potential_value", "engagement_cut",
	"potential_cut", "quadrant_reason"
};

/* Where each added column goes: over a column of that name, else appended. */
static void
place_columns(struct cg_qrun *u, const struct cg_row *hdr)
{
	size_t i, j, next = hdr->n;
	struct cg_put t;

	u->nout = u->explain ? CG_QOC_N : CG_QOC_N - 1;
	for (i = 0; i < (size_t)u->nout; i++) {
		j = cg_header_find(hdr, out_names[i], strlen(out_names[i]));
		u->ocol[i] = j != CG_NO_COL ? j : next++;
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
set_put(struct cg_qrun *u, int oc, const char *s, size_t n)
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
reason_axis(struct cg_qrun *u, int ax, const struct cg_qvals *v, char dec)
{
	char a[48], b[48], c[48], d[48];
	const char *kind = u->o->cut_fixed[ax] ? "cut" : u->moved[ax] ?
	    "split" : "median";

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
build_reason(struct cg_qrun *u, enum cg_quad q, int mask,
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

/*
 * A value for an added column: copied when plain, else formatted into
 * buf (at least CG_LONG_BUFSIZE bytes).
 */
static void
put_value(struct cg_qrun *u, int oc, const struct cg_row *row, int plaincol,
    size_t col, double v, char dec, char *buf, size_t cap)
{
	long k;

	if (plaincol && plain_number(row->f[col], row->len[col], dec)) {
		set_put(u, oc, row->f[col], row->len[col]);
		return;
	}
	/*
	 * Whole numbers (contact products) without printf. The cast is
	 * taken only inside (-10^15, 10^15), which cg_qaxes_read already
	 * guarantees, and inside long's range (-LONG_MIN is a power of
	 * two, exact as a double; 32-bit longs too): never the undefined
	 * conversion of a double out of range.
	 */
	if (v > -CG_NUM_LIMIT && v < CG_NUM_LIMIT && v > (double)LONG_MIN &&
	    v < -(double)LONG_MIN && v == (double)(k = (long)v)) {
		set_put(u, oc, buf, cg_fmt_long(buf, k));
		return;
	}
	set_put(u, oc, buf, cg_fmt_num(buf, cap, v, 2, 1, dec));
}

int
cg_qemit_open(struct cg_qrun *u, const struct cg_row *hdr,
    struct cg_err *err)
{
	struct cg_reader *r = cg_input_reader(u->in);
	int ax;

	place_columns(u, hdr);
	if ((u->w = cg_writer_new(u->run->out_fd, "<stdout>",
	    cg_reader_dialect(r))) == NULL)
		return cg_err_set(err, CG_ENOMEM, NULL, 0, 0, "out of memory");
	if (cg_writer_row(u->w, hdr, u->put, (size_t)u->nout, err) < 0)
		return -1;
	/* The cuts are the same on every row: formatted once. */
	for (ax = 0; ax < 2; ax++) {
		u->cutlen[ax] = u->known[ax] ? cg_fmt_num(u->cutbuf[ax],
		    sizeof(u->cutbuf[ax]), u->cut[ax], 2, 1,
		    cg_reader_dialect(r)->decimal) : 0;
		set_put(u, ax == 0 ? CG_QOC_ECUT : CG_QOC_PCUT, u->cutbuf[ax],
		    u->cutlen[ax]);
	}
	return 0;
}

int
cg_qemit_row(struct cg_qrun *u, struct cg_reader *r, const struct cg_row *row,
    enum cg_quad q, int mask, const struct cg_qvals *v, struct cg_err *err)
{
	char ebuf[40], pbuf[40], dec = cg_reader_dialect(r)->decimal;

	set_put(u, CG_QOC_QUAD, q == CG_Q_NONE ? "" : u->o->names[q],
	    q == CG_Q_NONE ? 0 : u->namelen[q]);
	if (mask & 1)
		put_value(u, CG_QOC_EVAL, row, u->ax.emode != CG_QE_PRODUCT,
		    u->ax.ecol[0], v->e, dec, ebuf, sizeof(ebuf));
	else
		set_put(u, CG_QOC_EVAL, "", 0);
	if (mask & 2)
		put_value(u, CG_QOC_PVAL, row, !u->ax.headroom, u->ax.pcol,
		    v->p, dec, pbuf, sizeof(pbuf));
	else
		set_put(u, CG_QOC_PVAL, "", 0);
	if (u->explain) {
		build_reason(u, q, mask, v, dec);
		set_put(u, CG_QOC_REASON, u->reason.s, u->reason.len);
	}
	return cg_writer_row(u->w, row, u->put, (size_t)u->nout, err);
}

int
cg_qemit_summary(struct cg_qrun *u, struct cg_err *err)
{
	const struct cg_dialect *d = cg_reader_dialect(cg_input_reader(u->in));

	if (u->o->summary == CG_QSUM_CSV)
		return cg_qsum_write_csv(&u->sum, u->o, d, u->run->out_fd, err);
	if (u->o->summary == CG_QSUM_TEXT &&
	    cg_qsum_write_text(&u->sum, u->o, d->decimal, stdout) < 0)
		return cg_err_set(err, CG_EWRITE, NULL, 0, 0, "write error:");
	return 0;
}

/* The SVG into its file (under a temporary name until complete). */
static int
write_svg(struct cg_qplot *pl, const char *path, struct cg_err *err)
{
	struct cg_outfile of;
	FILE *fp;
	int fd;

	if (cg_outfile_open(&of, path, err) < 0)
		return -1;
	if ((fd = dup(of.fd)) < 0 || (fp = fdopen(fd, "w")) == NULL) {
		cg_err_set(err, CG_EIO, path, 0, 0, "cannot write:");
		if (fd >= 0)
			close(fd);
		cg_outfile_abort(&of);
		return -1;
	}
	if (cg_qplot_svg(pl, fp) < 0 || fclose(fp) != 0) {
		cg_err_set(err, CG_EWRITE, path, 0, 0, "write error:");
		cg_outfile_abort(&of);
		return -1;
	}
	return cg_outfile_commit(&of, err);
}

int
cg_qemit_plot(struct cg_qrun *u, struct cg_err *err)
{
	struct cg_qplot *pl = &u->plot;

	pl->cut[0] = u->cut[0];
	pl->cut[1] = u->cut[1];
	pl->cut_fixed[0] = u->o->cut_fixed[0];
	pl->cut_fixed[1] = u->o->cut_fixed[1];
	pl->cut_known[0] = u->known[0];
	pl->cut_known[1] = u->known[1];
	pl->cut_moved[0] = u->moved[0];
	pl->cut_moved[1] = u->moved[1];
	snprintf(pl->elabel, sizeof(pl->elabel), "%s", u->ax.elabel);
	snprintf(pl->plabel, sizeof(pl->plabel), "%s", u->ax.plabel);
	memcpy(pl->names, u->o->names, sizeof(pl->names));
	pl->decimal = cg_reader_dialect(cg_input_reader(u->in))->decimal;
	pl->log = u->o->plot_log;
	cg_qplot_sort_labels(pl);
	if (strcmp(u->o->plot, "-") != 0)
		return write_svg(pl, u->o->plot, err);
	if (cg_qplot_text(pl, 60, 20, stdout) < 0)
		return cg_err_set(err, CG_EWRITE, NULL, 0, 0, "write error:");
	return 0;
}
