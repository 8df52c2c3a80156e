/*
 * grade_score.c - the score method: each factor normalised to 0..1 (by
 * rank within the row's population, or by a fixed range from
 * [grade.ranges] or the defaults of anchored factors and of populations
 * too small to rank), turned round where less is better, weighted by the
 * population's weights, and the weights of the factors a row lacks left
 * out.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "grade_int.h"

/*
 * Normalised value of factor f for x in population p; also the "top N%"
 * for volumes.
 */
static double
norm(const struct cg_grade_ctx *g, int p, int f, double x, double *top)
{
	const struct cg_grade_vals *vals = &g->vals[p][f];
	size_t below, equal;
	double t;

	*top = -1;
	if (g->rating[f])
		return (x - 1) / 4;	/* 1 poor .. 5 excellent, as judged */
	if (cg_grade_zero_is_none(f) && x <= 0)
		return 0;	/* no business earns nothing */
	if (!g->by_rank[p][f]) {
		t = (x - g->lo[p][f]) / (g->hi[p][f] - g->lo[p][f]);
		t = t < 0 ? 0 : t > 1 ? 1 : t;
	} else {
		cg_grade_vals_rank(vals, x, &below, &equal, NULL);
		t = cg_grade_midrank(below, equal, vals->n);
		if (vals->n > 0)
			*top = ceil(100.0 * (double)(vals->n - below) /
			    (double)vals->n);
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
	case CG_GF_POTENTIAL:
	case CG_GF_REFERRED:
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
	case CG_GF_LASTREF:
		cg_buf_printf(b, "%s day%s)", cg_grade_num(g, n1, x, 1),
		    x == 1 ? "" : "s");
		return;
	case CG_GF_EMPLOYEES:
		cg_buf_printf(b, "%s employee%s)", cg_grade_num(g, n1, x, 2),
		    x == 1 ? "" : "s");
		return;
	case CG_GF_SOURCE:
		/* The text as the file has it: what the points came from. */
		cg_buf_printf(b, "%.*s)", (int)(g->pops.src_n > 40 ? 40 :
		    g->pops.src_n), g->pops.src_s);
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

/* "A among 31 clients", "A as a lead" (no first pass counted them). */
static void
who(const struct cg_grade_ctx *g, struct cg_buf *b, int p, const char *gr)
{
	const struct cg_grade_pops *pp = &g->pops;

	if (pp->counted)
		cg_buf_printf(b, "%s among %zu %s", gr, pp->n[p],
		    cg_grade_pop_name(p, pp->n[p]));
	else
		cg_buf_printf(b, "%s as a %s", gr, cg_grade_pop_name(p, 1));
}

void
cg_grade_score_row(struct cg_grade_ctx *g, const double *v, const int *have,
    struct cg_grade_res *res)
{
	const struct cg_grade_opts *o = g->o;
	struct cg_buf parts = CG_BUF_INIT, *b = res->why;
	double earned = 0, avail = 0, t, top, w;
	const int *order = cg_grade_pop_order(res->pop);
	const int *uses = g->uses[res->pop];
	char n1[48], n2[48];
	int i, f, p = res->pop, nmiss = 0, nabsent = 0, nuses = 0;

	for (i = 0; i < CG_GF_N; i++) {
		f = order[i];
		nuses += uses[f];
		if (!uses[f] || !have[f])
			continue;
		w = o->weight[p][f];
		t = norm(g, p, f, v[f], &top);
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
	if (b == NULL) {
		cg_buf_free(&parts);
		return;
	}
	if (res->graded) {
		who(g, b, p, cg_grade_name(g, res->g));
		cg_buf_printf(b, ": score %s = %s",
		    cg_grade_num(g, n1, res->score, 0), parts.s);
	} else if (nuses == 0)
		cg_buf_printf(b, "not graded: no factor for %s in this file",
		    cg_grade_pop_name(p, 2));
	else
		cg_buf_adds(b, "not graded: no value for any factor");
	/* Factors left out: empty in this row, then absent from the file. */
	for (i = 0; i < CG_GF_N; i++)
		if (uses[order[i]] && !have[order[i]])
			cg_buf_printf(b, "%s%s", nmiss++ ? ", no " : "; no ",
			    cg_grade_factor(order[i])->name);
	for (i = 0; i < CG_GF_N; i++)
		if (!g->in_file[order[i]] && o->weight[p][order[i]] > 0)
			cg_buf_printf(b, "%s%s", nabsent++ ? ", " :
			    "; not in file: ", cg_grade_factor(order[i])->name);
	if (res->graded)
		cg_grade_why_scale(g, b, res->g);
	cg_buf_free(&parts);
}
