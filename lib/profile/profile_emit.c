/*
 * profile_emit.c - the findings: made, sorted by separation, and written
 * as CSV in the input's dialect (one column per group, best first) or
 * as sentences a rep reads ("sector = software: 62% of A, 8% of C").
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "clientgrade/value.h"
#include "profile_int.h"

struct cg_pfind *
cg_pfinds_new(struct cg_pfinds *f, const char *attr, size_t an,
    const char *value, size_t vn, int kind)
{
	struct cg_pfind *p;
	size_t g;

	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 64;
		f->v = cg_xreallocarray(f->v, f->cap, sizeof(*f->v));
	}
	p = &f->v[f->n];
	memset(p, 0, sizeof(*p));
	p->attr = cg_xstrndup(attr, an);
	p->value = cg_xstrndup(value, vn);
	p->kind = kind;
	p->sep = NAN;
	p->seq = f->n++;
	for (g = 0; g < CG_PROFILE_MAXGROUPS; g++)
		p->cell[g] = NAN;
	return p;
}

void
cg_pfinds_free(struct cg_pfinds *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->v[i].attr);
		free(f->v[i].value);
	}
	free(f->v);
	memset(f, 0, sizeof(*f));
}

double
cg_pfind_share_sep(const struct cg_pfind *p, const struct cg_pgroups *gs)
{
	double a = p->cell[gs->top], b = p->cell[gs->bottom];

	if (gs->ngraded < 2 || a != a || b != b)
		return NAN;
	return fabs(a - b);
}

/* The separation as printed, in thousandths; -1 for none. */
static long
sep_key(double sep)
{
	return sep == sep ? lround(sep * 1000) : -1;
}

static int
find_cmp(const void *x, const void *y)
{
	const struct cg_pfind *a = x, *b = y;
	long ka = sep_key(a->sep), kb = sep_key(b->sep);
	int c;

	if (ka != kb)
		return ka > kb ? -1 : 1;
	if ((c = strcmp(a->attr, b->attr)) != 0)
		return c;
	if ((c = strcmp(a->value, b->value)) != 0)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void
cg_pfinds_sort(struct cg_pfinds *f)
{
	if (f->n > 1)
		qsort(f->v, f->n, sizeof(*f->v), find_cmp);
}

/*
 * A median: two decimals when exact; three significant digits when it
 * comes from buckets, so the figure does not claim more than it knows.
 */
static size_t
fmt_median(char *buf, size_t cap, double v, int approx, char decimal)
{
	int e, prec = 2;
	double scale;

	if (approx && v != 0) {
		e = (int)floor(log10(fabs(v)));
		scale = pow(10, e - 2);
		v = round(v / scale) * scale;
		prec = e >= 2 ? 0 : 2 - e;
		if (prec > 9)
			prec = 9;
	}
	return cg_fmt_num(buf, cap, v, prec, 1, decimal);
}

static void
fmt_cell(char *buf, size_t cap, const struct cg_pfind *p, size_t g,
    char decimal)
{
	double v = p->cell[g];

	buf[0] = '\0';
	if (v != v)
		return;
	if (p->kind == CG_PK_MEDIAN)
		fmt_median(buf, cap, v, p->approx, decimal);
	else
		cg_fmt_num(buf, cap, 100 * v, 1, 0, decimal);
}

static size_t
shown(long top, size_t n)
{
	return top > 0 && (size_t)top < n ? (size_t)top : n;
}

int
cg_pfinds_write_csv(const struct cg_pfinds *f, const struct cg_pgroups *gs,
    long top, const struct cg_dialect *d, int fd, struct cg_err *err)
{
	size_t ng = gs->names.n, ncol = ng + 3, i, k, len;
	const char **cell = cg_xcalloc(ncol, sizeof(*cell));
	char (*buf)[40] = cg_xcalloc(ncol, sizeof(*buf));
	char **names = cg_xcalloc(ng ? ng : 1, sizeof(*names));
	struct cg_writer *w = cg_writer_new(fd, "<stdout>", d);
	const struct cg_pfind *p;
	const char *s;
	int rc = 0;

	cell[0] = "attribute";
	cell[1] = "value";
	for (k = 0; k < ng; k++) {
		s = cg_pgroups_name(gs, gs->order[k], &len);
		names[k] = cg_xstrndup(s, len);
		cell[2 + k] = names[k];
	}
	cell[ncol - 1] = "separation";
	rc = cg_writer_strings(w, cell, ncol, err);
	for (i = 0; rc == 0 && i < shown(top, f->n); i++) {
		p = &f->v[i];
		cell[0] = p->attr;
		cell[1] = p->value;
		for (k = 0; k < ng; k++) {
			fmt_cell(buf[2 + k], sizeof(buf[0]), p, gs->order[k],
			    d->decimal);
			cell[2 + k] = buf[2 + k];
		}
		buf[ncol - 1][0] = '\0';
		if (p->sep == p->sep)
			cg_fmt_num(buf[ncol - 1], sizeof(buf[0]), p->sep, 3, 0,
			    d->decimal);
		cell[ncol - 1] = buf[ncol - 1];
		rc = cg_writer_strings(w, cell, ncol, err);
	}
	if (cg_writer_close(w, rc < 0 ? NULL : err) < 0)
		rc = -1;
	for (k = 0; k < ng; k++)
		free(names[k]);
	free(names);
	free(buf);
	free(cell);
	return rc;
}

/* Text from the data, fit for a terminal: control bytes shown as '?'. */
static void
add_clean(struct cg_buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		cg_buf_addc(b, (unsigned char)*s < 0x20 || *s == 0x7f ?
		    '?' : *s);
}

static void
add_group(struct cg_buf *b, const struct cg_pgroups *gs, size_t g)
{
	size_t n;
	const char *s = cg_pgroups_name(gs, g, &n);
	char *t = cg_xstrndup(s, n);

	add_clean(b, t);
	free(t);
}

/* "62% of A" / "40% of A's touches" / "median 1185 in A". */
static void
add_part(struct cg_buf *b, const struct cg_pfind *p,
    const struct cg_pgroups *gs, size_t g, int first, char decimal)
{
	char num[40];
	double v = p->cell[g];

	if (p->kind == CG_PK_MEDIAN) {
		if (v != v)
			cg_buf_adds(b, first ? "no value in " : "none in ");
		else {
			fmt_median(num, sizeof(num), v, p->approx, decimal);
			cg_buf_printf(b, "%s%s in ", first ? "median " : "", num);
		}
		add_group(b, gs, g);
		return;
	}
	if (v != v)
		cg_buf_adds(b, "no figure for ");
	else {
		cg_fmt_num(num, sizeof(num), 100 * v, 0, 1, decimal);
		cg_buf_printf(b, "%s%% of ", num);
	}
	add_group(b, gs, g);
	if (p->kind == CG_PK_TSHARE)
		cg_buf_adds(b, first ? "'s touches" : "'s");
}

int
cg_pfinds_write_text(const struct cg_pfinds *f, const struct cg_pgroups *gs,
    long top, char decimal, FILE *fp, struct cg_err *err)
{
	struct cg_buf b = CG_BUF_INIT;
	const struct cg_pfind *p;
	size_t i;

	if (top == 0)
		top = CG_PROFILE_TOP_TEXT;
	for (i = 0; i < shown(top, f->n); i++) {
		p = &f->v[i];
		cg_buf_reset(&b);
		add_clean(&b, p->attr);
		if (p->kind == CG_PK_SHARE) {
			cg_buf_adds(&b, " = ");
			add_clean(&b, p->value);
		}
		cg_buf_adds(&b, ": ");
		add_part(&b, p, gs, gs->top, 1, decimal);
		if (gs->ngraded >= 2) {
			cg_buf_adds(&b, ", ");
			add_part(&b, p, gs, gs->bottom, 0, decimal);
		}
		fprintf(fp, "%s\n", b.s);
	}
	cg_buf_free(&b);
	if (fflush(fp) != 0 || ferror(fp))
		return cg_err_set(err, CG_EWRITE, NULL, 0, 0, "write error:");
	return 0;
}
