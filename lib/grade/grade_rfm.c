/*
 * grade_rfm.c - RFM segments. The quintile scores come from
 * cg_grade_quintile (grade_rank.c); this file names the cells.
 */
#include <math.h>
#include <stdio.h>

#include "clientgrade/grade.h"
#include "grade_int.h"

/*
 * The table of grade.1, first match wins. fm is the rounded-up mean of
 * the frequency and monetary scores; r is recency (5 = most recent). All
 * 25 (r, fm) pairs are covered.
 */
static const struct {
	int rlo, rhi, fmlo, fmhi;
	const char *name;
} seg[] = {
	{ 5, 5, 4, 5, "Champions" },
	{ 3, 5, 4, 5, "Loyal" },
	{ 4, 5, 2, 3, "Potential loyalist" },
	{ 5, 5, 1, 1, "New" },
	{ 4, 4, 1, 1, "Promising" },
	{ 3, 3, 3, 3, "Needs attention" },
	{ 3, 3, 1, 2, "About to sleep" },
	{ 1, 2, 5, 5, "Can't lose them" },
	{ 1, 2, 3, 4, "At risk" },
	{ 2, 2, 1, 2, "Hibernating" },
	{ 1, 1, 1, 2, "Lost" },
};

const char *
cg_grade_rfm_segment(int r, int f, int m)
{
	size_t i;
	int fm = (f + m + 1) / 2;

	for (i = 0; i < sizeof(seg) / sizeof(seg[0]); i++)
		if (r >= seg[i].rlo && r <= seg[i].rhi &&
		    fm >= seg[i].fmlo && fm <= seg[i].fmhi)
			return seg[i].name;
	return "";
}

/* Quintile score of factor f for x: 0 when the row has no value. */
static int
component(const struct cg_grade_ctx *g, int f, const double *v,
    const int *have)
{
	const struct cg_grade_vals *vals = &g->vals[CG_GP_CLIENT][f];
	size_t below, equal;

	if (!have[f])
		return 0;
	cg_grade_vals_rank(vals, v[f], &below, &equal, NULL);
	/* Fewer days since the last order beat more. */
	if (cg_grade_factor(f)->lower_better)
		return cg_grade_quintile(vals->n - below - equal, vals->n);
	return cg_grade_quintile(below, vals->n);
}

void
cg_grade_rfm_row(struct cg_grade_ctx *g, const double *v, const int *have,
    struct cg_grade_res *res)
{
	static const int fac[3] = {
		CG_GF_RECENCY, CG_GF_FREQUENCY, CG_GF_VOLUME
	};
	static const char *const letter[3] = { "R", "F", "M" };
	static const char *const unit[3] = { " day", " order", "" };
	int s[3], i, k = 0, sum = 0;
	char n1[48], n2[48];
	struct cg_buf *b = res->why;

	for (i = 0; i < 3; i++) {
		s[i] = component(g, fac[i], v, have);
		if (s[i] > 0)
			k++, sum += s[i];
	}
	/*
	 * Quintiles rank recency among these accounts only; where nearly all
	 * ordered last week, last month ranks low. An order within
	 * CG_GRADE_RECENCY_FULL days is recent whatever the others did: R is
	 * at least 4 then, so such an account is never Lost, Hibernating or
	 * At risk.
	 */
	if (s[0] > 0 && s[0] < 4 && v[CG_GF_RECENCY] <= CG_GRADE_RECENCY_FULL) {
		sum += 4 - s[0];
		s[0] = 4;
	}
	res->has_score = k > 0;
	if (k > 0)
		res->score = floor(100.0 * ((double)sum / k - 1) / 4 + 0.5);
	res->has_cell = k == 3;
	if (k == 3) {
		snprintf(res->cell, sizeof(res->cell), "%d%d%d", s[0], s[1],
		    s[2]);
		res->segment = cg_grade_rfm_segment(s[0], s[1], s[2]);
	}
	cg_grade_place(g, res);
	if (b == NULL)
		return;
	if (!res->graded) {
		cg_buf_adds(b, "not graded: no recency, frequency or volume");
		return;
	}
	cg_buf_printf(b, "%s: score %s =", cg_grade_name(g, res->g),
	    cg_grade_num(g, n1, res->score, 0));
	for (i = 0; i < 3; i++) {
		if (s[i] == 0) {
			cg_buf_printf(b, "%s%s none (no %s)", i ? ", " : " ",
			    letter[i], cg_grade_factor(fac[i])->name);
			continue;
		}
		cg_buf_printf(b, "%s%s %d (%s%s%s)", i ? ", " : " ", letter[i],
		    s[i], cg_grade_num(g, n2, v[fac[i]], i == 2 ? 2 : 1),
		    unit[i], i < 2 && v[fac[i]] != 1 ? "s" : "");
	}
	if (res->has_cell)
		cg_buf_printf(b, "; cell %s, %s", res->cell, res->segment);
	cg_grade_why_scale(g, b, res->g);
}
