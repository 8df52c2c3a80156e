/*
 * quadrant_plot.c - the points a plot needs, kept while rows stream by:
 * every point (two doubles and two bytes), the distinct grades for the
 * colours, and only the top N labels (a min-heap), so a large input
 * never keeps its account names.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "clientgrade/quadrant.h"
#include "clientgrade/value.h"

void
cg_qplot_init(struct cg_qplot *pl, long maxlabels)
{
	memset(pl, 0, sizeof(*pl));
	pl->maxlab = maxlabels > 0 ? (size_t)maxlabels : 0;
	if (pl->maxlab > 0)
		pl->lab = cg_xreallocarray(NULL, pl->maxlab, sizeof(*pl->lab));
	pl->decimal = '.';
}

void
cg_qplot_free(struct cg_qplot *pl)
{
	size_t i;

	free(pl->pts);
	for (i = 0; i < pl->nlab; i++)
		free(pl->lab[i].text);
	free(pl->lab);
	for (i = 1; i <= pl->ngrades; i++)
		free(pl->grades[i]);
	memset(pl, 0, sizeof(*pl));
}

static unsigned char
grade_index(struct cg_qplot *pl, const char *g, size_t n)
{
	size_t i;

	if (g == NULL || n == 0)
		return 0;
	for (i = 1; i <= pl->ngrades; i++)
		if (strlen(pl->grades[i]) == n && memcmp(pl->grades[i], g,
		    n) == 0)
			return (unsigned char)i;
	if (pl->ngrades == CG_QPLOT_GRADES) {
		pl->grade_other = 1;
		return CG_QPLOT_GRADES + 1;
	}
	pl->grades[++pl->ngrades] = cg_xstrndup(g, n);
	return (unsigned char)pl->ngrades;
}

static void
heap_down(struct cg_qlabel *h, size_t n, size_t i)
{
	struct cg_qlabel t;
	size_t c;

	while ((c = 2 * i + 1) < n) {
		if (c + 1 < n && h[c + 1].key < h[c].key)
			c++;
		if (h[i].key <= h[c].key)
			break;
		t = h[i]; h[i] = h[c]; h[c] = t;
		i = c;
	}
}

static void
heap_up(struct cg_qlabel *h, size_t i)
{
	struct cg_qlabel t;

	while (i > 0 && h[(i - 1) / 2].key > h[i].key) {
		t = h[i]; h[i] = h[(i - 1) / 2]; h[(i - 1) / 2] = t;
		i = (i - 1) / 2;
	}
}

void
cg_qplot_add(struct cg_qplot *pl, double e, double p, enum cg_quad q,
    const char *grade, size_t glen, const char *label, size_t llen,
    double key)
{
	struct cg_qpoint *pt;

	if (pl->n == pl->cap) {
		pl->cap = pl->cap ? pl->cap * 2 : 256;
		pl->pts = cg_xreallocarray(pl->pts, pl->cap, sizeof(*pl->pts));
	}
	pt = &pl->pts[pl->n];
	pt->e = e;
	pt->p = p;
	pt->q = (signed char)q;
	pt->grade = grade_index(pl, grade, glen);
	if (label != NULL && llen > 0 && pl->maxlab > 0) {
		/* Keep the biggest keys; the smallest kept one is on top. */
		if (pl->nlab < pl->maxlab) {
			pl->lab[pl->nlab].key = key;
			pl->lab[pl->nlab].point = pl->n;
			pl->lab[pl->nlab].text = cg_xstrndup(label, llen);
			heap_up(pl->lab, pl->nlab++);
		} else if (key > pl->lab[0].key) {
			free(pl->lab[0].text);
			pl->lab[0].key = key;
			pl->lab[0].point = pl->n;
			pl->lab[0].text = cg_xstrndup(label, llen);
			heap_down(pl->lab, pl->nlab, 0);
		}
	}
	pl->n++;
}

static int
lab_cmp(const void *a, const void *b)
{
	const struct cg_qlabel *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? 1 : -1;
	/* Equal keys: the earlier row first, so output is stable. */
	return x->point < y->point ? -1 : x->point > y->point;
}

void
cg_qplot_sort_labels(struct cg_qplot *pl)
{
	if (pl->nlab > 1)
		qsort(pl->lab, pl->nlab, sizeof(*pl->lab), lab_cmp);
}

void
cg_qrange_of(const struct cg_qplot *pl, int ax, struct cg_qrange *r)
{
	double v;
	size_t i;
	int any = 0, pos = 1;

	memset(r, 0, sizeof(*r));
	r->cut = pl->cut_known[ax] ? pl->cut[ax] : 0;
	if (pl->cut_known[ax]) {
		r->lo = r->hi = r->cut;
		any = 1;
		pos = r->cut > 0;
	}
	for (i = 0; i < pl->n; i++) {
		v = ax == CG_AX_E ? pl->pts[i].e : pl->pts[i].p;
		if (!any || v < r->lo)
			r->lo = v;
		if (!any || v > r->hi)
			r->hi = v;
		any = 1;
		if (!(v > 0))
			pos = 0;
	}
	r->log = ax == CG_AX_P && pl->log && any && pos;
	if (r->hi > r->lo)
		return;
	/* One value only: give it room on both sides. */
	if (r->log) {
		r->lo /= 10;
		r->hi *= 10;
	} else {
		r->lo -= 1;
		r->hi += 1;
	}
}

double
cg_qrange_frac(const struct cg_qrange *r, double v)
{
	double f;

	if (r->log)
		f = (log10(v) - log10(r->lo)) / (log10(r->hi) - log10(r->lo));
	else
		f = (v - r->lo) / (r->hi - r->lo);
	/* NaN (no such value reaches here: inputs are finite and under
	 * 10^15) would become an out-of-range cell index: 0 by fiat. */
	return !(f > 0) ? 0 : f > 1 ? 1 : f;
}

char *
cg_qrange_label(const struct cg_qrange *r, double v, char decimal,
    char *buf, size_t cap)
{
	(void)r;
	cg_fmt_grouped(buf, cap, v, decimal);
	return buf;
}
