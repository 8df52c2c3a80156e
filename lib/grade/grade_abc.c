/*
 * grade_abc.c - the Pareto (abc) split of volume: parse the split and
 * place an account by the share of volume its larger accounts hold.
 */
#include <string.h>

#include "clientgrade/grade.h"
#include "clientgrade/value.h"
#include "grade_int.h"

int
cg_grade_abc_parse(const char *spec, double *lim, size_t *n,
    const char *what, struct cg_err *err)
{
	const char *p, *e;
	size_t k = 0;
	double x, sum = 0;

	for (p = spec; ; p = e + 1) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		if (k == CG_GRADE_MAXG)
			return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
			    "%s: at most %d parts", what, CG_GRADE_MAXG);
		if (cg_parse_num(p, (size_t)(e - p), '.', &x, NULL) !=
		    CG_V_OK || x <= 0 || x > 100)
			return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
			    "%s: '%.*s' is not a percentage above 0", what,
			    (int)(e - p), p);
		sum += x;
		lim[k++] = sum / 100;
		if (*e == '\0')
			break;
	}
	if (k < 2 || sum < 100 - 1e-6 || sum > 100 + 1e-6)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "%s: '%s' must be two or more percentages adding up to 100"
		    " (like 80,15,5)", what, spec);
	lim[k - 1] = 1;
	*n = k;
	return 0;
}

size_t
cg_grade_abc_index(const double *lim, size_t n, double above, double total,
    double volume)
{
	size_t i;
	double share;

	if (volume <= 0 || total <= 0)
		return n - 1;
	share = above / total;
	for (i = 0; i + 1 < n; i++)
		if (share < lim[i] - 1e-12)
			return i;
	return n - 1;
}

void
cg_grade_abc_row(struct cg_grade_ctx *g, const double *v, const int *have,
    struct cg_grade_res *res)
{
	const struct cg_grade_opts *o = g->o;
	const struct cg_grade_vals *vals =
	    &g->vals[CG_GP_CLIENT][CG_GF_VOLUME];
	size_t below, equal, gi;
	double x, above, total = vals->total;
	char n1[48], n2[48], n3[48];

	if (!have[CG_GF_VOLUME]) {
		res->graded = 0;
		if (res->why != NULL)
			cg_buf_adds(res->why, "not graded: no volume");
		return;
	}
	/* Credit balances count as no volume, as they were in pass one. */
	x = v[CG_GF_VOLUME] > 0 ? v[CG_GF_VOLUME] : 0;
	cg_grade_vals_rank(vals, x, &below, &equal, &above);
	res->graded = 1;
	res->g = gi = cg_grade_abc_index(o->abc, o->nabc, above, total, x);
	/*
	 * score: higher is better, as everywhere: the share of all volume
	 * held by this account and every smaller one (the top account 100,
	 * no volume 0). cum_share: the Pareto curve's value, the share held
	 * by this account and every larger one, which the split cuts.
	 */
	res->has_score = res->has_share = 1;
	res->share = total > 0 ? 100 * (above + x * (double)equal) / total :
	    100;
	res->score = total > 0 && x > 0 ? 100 * (1 - above / total) : 0;
	if (res->why == NULL)
		return;
	if (x <= 0) {
		cg_buf_printf(res->why, "%s: no volume (%s)",
		    o->scale.name[gi], cg_grade_num(g, n1, v[CG_GF_VOLUME], 2));
		return;
	}
	cg_buf_printf(res->why, "%s: cumulative share %s%%, %s%% before it",
	    o->scale.name[gi], cg_grade_num(g, n1, res->share, 1),
	    cg_grade_num(g, n2, 100 * above / total, 1));
	if (equal > 1)
		cg_buf_printf(res->why, " (tied with %zu)", equal - 1);
	if (gi + 1 < o->nabc)
		cg_buf_printf(res->why, "; %s until %s%% is reached",
		    o->scale.name[gi], cg_grade_num(g, n3, 100 * o->abc[gi], 1));
	else
		cg_buf_printf(res->why, "; %s after %s%%", o->scale.name[gi],
		    cg_grade_num(g, n3, 100 * o->abc[gi - 1], 1));
}
