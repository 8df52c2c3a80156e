/*
 * grade_score.c - the score method: each factor normalised to 0..1 (by
 * rank within the input, or by a fixed range from [grade.ranges]),
 * turned round where less is better, weighted, and the weights of the
 * factors a row lacks left out.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "grade_int.h"

/* Normalised value of factor f for x; also the "top N%" for volume. */
static double
norm(const struct cg_grade_ctx *g, int f, double x, double *top)
{
	const struct cg_grade_opts *o = g->o;
	size_t below, equal;
	double t;

	*top = -1;
	if (g->rating[f])
		return (x - 1) / 4;	/* 1 poor .. 5 excellent, as judged */
	if (cg_grade_zero_is_none(f) && x <= 0)
		return 0;	/* no business earns nothing */
	if (!g->by_rank[f]) {
		t = (x - o->lo[f]) / (o->hi[f] - o->lo[f]);
		t = t < 0 ? 0 : t > 1 ? 1 : t;
	} else {
		cg_grade_vals_rank(&g->vals[f], x, &below, &equal, NULL);
		t = cg_grade_midrank(below, equal, g->vals[f].n);
		if (g->vals[f].n > 0)
			*top = ceil(100.0 * (double)(g->vals[f].n - below) /
			    (double)g->vals[f].n);
	}
	return cg_grade_factor(f)->lower_better ? 1 - t : t;
}

/* What the reason shows in brackets after a factor's points. */
static void
detail(const struct cg_grade_ctx *g, struct cg_buf *b, int f, double x,
    double top)
{
	char n1[48];

	/* Name the column when it is not the factor's own name, so the
	 * reason says what the points were counted from. */
	cg_buf_adds(b, " (");
	if (g->rating[f]) {
		cg_buf_printf(b, "rated %s/5)", cg_grade_num(g, n1, x, 1));
		return;
	}
	if (g->colname[f] != NULL)
		cg_buf_printf(b, "%s: ", g->colname[f]);
	switch (f) {
	case CG_GF_VOLUME:
		if (top >= 0)
			cg_buf_printf(b, "top %.0f%%)", top);
		else
			cg_buf_printf(b, "%s)", cg_grade_num(g, n1, x, 2));
		return;
	case CG_GF_FREQUENCY:
		cg_buf_printf(b, "%s order%s)", cg_grade_num(g, n1, x, 2),
		    x == 1 ? "" : "s");
		return;
	case CG_GF_RECENCY:
	case CG_GF_PAYMENT:
		cg_buf_printf(b, "%s day%s)", cg_grade_num(g, n1, x, 1),
		    x == 1 ? "" : "s");
		return;
	case CG_GF_OVERDUE:
		cg_buf_printf(b, "%s overdue)", cg_grade_num(g, n1, x, 2));
		return;
	case CG_GF_DISTANCE:
		if (g->geo.on) {	/* measured from coordinates */
			cg_buf_printf(b, "%s km from home)",
			    cg_grade_num(g, n1, x, x < 10 ? 1 : 0));
			return;
		}
		break;
	case CG_GF_OPENNESS:
		if (x == 0 || x == 1) {
			cg_buf_printf(b, "%s)", x ? "yes" : "no");
			return;
		}
		break;
	}
	cg_buf_printf(b, "%s)", cg_grade_num(g, n1, x, 2));
}

void
cg_grade_score_row(struct cg_grade_ctx *g, const double *v, const int *have,
    struct cg_grade_res *res)
{
	const struct cg_grade_opts *o = g->o;
	struct cg_buf parts = CG_BUF_INIT, *b = res->why;
	double earned = 0, avail = 0, t, top, w;
	char n1[48], n2[48];
	int f, nmiss = 0, nabsent = 0;

	for (f = 0; f < CG_GF_N; f++) {
		if (!g->used[f] || !have[f])
			continue;
		w = o->weight[f];
		t = norm(g, f, v[f], &top);
		earned += w * t;
		avail += w;
		if (b == NULL)
			continue;
		cg_buf_printf(&parts, "%s%s %s/%s", parts.len ? ", " : "",
		    cg_grade_factor(f)->name, cg_grade_num(g, n1, w * t, 0),
		    cg_grade_num(g, n2, w, 1));
		detail(g, &parts, f, v[f], top);
	}
	res->has_score = avail > 0;
	if (res->has_score)
		res->score = floor(100 * earned / avail + 0.5);
	cg_grade_place(g, res);
	if (b == NULL)
		return;
	if (res->graded)
		cg_buf_printf(b, "%s: score %s = %s", cg_grade_name(g, res->g),
		    cg_grade_num(g, n1, res->score, 0), parts.s);
	else
		cg_buf_adds(b, "not graded: no value for any factor");
	/* Factors left out: empty in this row, then absent from the file. */
	for (f = 0; f < CG_GF_N; f++)
		if (g->used[f] && !have[f])
			cg_buf_printf(b, "%s%s", nmiss++ ? ", no " : "; no ",
			    cg_grade_factor(f)->name);
	for (f = 0; f < CG_GF_N; f++)
		if (!g->in_file[f] && o->weight[f] > 0)
			cg_buf_printf(b, "%s%s", nabsent++ ? ", " :
			    "; not in file: ", cg_grade_factor(f)->name);
	if (res->graded)
		cg_grade_why_scale(g, b, res->g);
	cg_buf_free(&parts);
}
