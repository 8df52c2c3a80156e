/*
 * rollup_where.c - the --where conditions of rollup: parsing them and
 * finding their columns. Trying them on deals is rollup_filter.c.
 *
 * Conditions are grouped by column. On one column the conditions other
 * than != are alternatives (deal_stage=Won or deal_stage=Invoiced;
 * close_value<100 or close_value>10000) and every != must hold
 * (deal_stage!=Lost and deal_stage!=Engaging); columns are all required.
 * A comparison's value is read once, here: a date in either day/month
 * order (which one applies is known only from the log), else a number.
 */
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/cmp.h"
#include "clientgrade/roles.h"
#include "clientgrade/rollup.h"
#include "clientgrade/value.h"
#include "rollup_int.h"

/* A comparison's value (cmp.h), or a usage error naming it. */
static int
typed(struct cg_rollup_cond *c, struct cg_err *err)
{
	struct cg_cmp_val v;

	if (cg_cmp_read(c->val, c->vlen, &v) < 0)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0, "--where %s: "
		    "'%s' is not a number or a date (want YYYY-MM-DD for a "
		    "date)", c->spec, c->val);
	c->type = v.type;
	c->num = v.num;
	c->ok_us = v.ok_us;
	c->ok_eu = v.ok_eu;
	c->day_us = v.day_us;
	c->day_eu = v.day_eu;
	return 0;
}

/* Append x to the array *v of *n size_t. */
static void
push(size_t **v, size_t *n, size_t x)
{
	*v = cg_xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = x;
}

static void
push_val(const char ***v, size_t **len, size_t *n, const char *s, size_t l)
{
	*v = cg_xreallocarray(*v, *n + 1, sizeof(**v));
	*len = cg_xreallocarray(*len, *n + 1, sizeof(**len));
	(*v)[*n] = s;
	(*len)[(*n)++] = l;
}

/* The column group of condition c (named name[0..nl)), added if new. */
static size_t
group(struct cg_rollup_where *w, const char *name, size_t nl)
{
	size_t j;

	/* The same COL spelled twice is one column: compare the names as
	 * headers are compared, so Deal Stage=... and deal_stage=... are
	 * alternatives, not a contradiction. */
	for (j = 0; j < w->ncol; j++)
		if (cg_header_eq(w->col[j].name, w->col[j].namelen, name, nl))
			return j;
	w->col[w->ncol].name = name;
	w->col[w->ncol].namelen = nl;
	return w->ncol++;
}

/* 1 if x >(=) lo or x <(=) hi holds for every x: lo below hi. */
static int
covers(int loop, double lo, int hiop, double hi)
{
	return hi > lo || (hi == lo && (loop == CG_W_GE || hiop == CG_W_LE));
}

/*
 * 1 if lower bound a and upper bound b, alternatives on one column, let
 * every number (date) through, in each day/month order both can be read
 * in: almost surely a range meant as "between".
 */
static int
every_value(const struct cg_rollup_cond *a, const struct cg_rollup_cond *b)
{
	int n = 0, all = 1;

	if (a->type != b->type)
		return 0;
	if (a->type == 'n')
		return covers(a->op, a->num, b->op, b->num);
	if (a->ok_us && b->ok_us) {
		n++;
		all &= covers(a->op, a->day_us, b->op, b->day_us);
	}
	if (a->ok_eu && b->ok_eu) {
		n++;
		all &= covers(a->op, a->day_eu, b->op, b->day_eu);
	}
	return n > 0 && all;
}

/* Refuse alternatives on one column that hold for every value. */
static int
check_bounds(const struct cg_rollup_where *w, struct cg_err *err)
{
	size_t i, j;

	for (i = 0; i < w->n; i++)
		for (j = 0; j < w->n; j++) {
			const struct cg_rollup_cond *a = &w->c[i], *b = &w->c[j];

			if (a->wcol != b->wcol || (a->op != CG_W_GT &&
			    a->op != CG_W_GE) || (b->op != CG_W_LT &&
			    b->op != CG_W_LE) || !every_value(a, b))
				continue;
			return cg_err_set(err, CG_EUSAGE, NULL, 0, 0, "--where "
			    "%s and --where %s let every %s through: "
			    "conditions on one column are alternatives (one "
			    "of them must hold); see --where in rollup(1)",
			    i < j ? a->spec : b->spec, i < j ? b->spec :
			    a->spec, a->type == 'n' ? "number" : "date");
		}
	return 0;
}

struct cg_rollup_where *
cg_rollup_where_new(const char *const *spec, size_t n, struct cg_err *err)
{
	struct cg_rollup_where *w = cg_xcalloc(1, sizeof(*w));
	size_t i;

	w->c = cg_xcalloc(n ? n : 1, sizeof(*w->c));
	w->col = cg_xcalloc(n ? n : 1, sizeof(*w->col));
	for (i = 0; i < n; i++) {
		struct cg_rollup_cond *c = &w->c[i];
		struct cg_rollup_wcol *g;
		const char *at;
		size_t oplen;
		int op;

		if ((at = cg_cmp_find(spec[i], &op, &oplen)) == NULL ||
		    at == spec[i]) {
			cg_err_set(err, CG_EUSAGE, NULL, 0, 0, "--where wants "
			    "COL=VALUE (or !=, <, <=, >, >=), not '%s'",
			    spec[i]);
			goto fail;
		}
		c->spec = spec[i];
		c->op = op;
		c->val = at + oplen;
		c->vlen = strlen(c->val);
		if (op != CG_W_EQ && op != CG_W_NE && typed(c, err) < 0)
			goto fail;
		w->n++;
		c->wcol = group(w, spec[i], (size_t)(at - spec[i]));
		g = &w->col[c->wcol];
		g->nc++;
		if (op == CG_W_EQ)
			push_val(&g->eqv, &g->eqlen, &g->neq, c->val, c->vlen);
		else if (op == CG_W_NE)
			push_val(&g->nev, &g->nelen, &g->nne, c->val, c->vlen);
		else {
			push(&g->cmp, &g->ncmp, i);
			g->want_num |= c->type == 'n';
			g->want_date |= c->type == 'd';
		}
	}
	if (check_bounds(w, err) < 0)
		goto fail;
	return w;
fail:
	cg_rollup_where_free(w);
	return NULL;
}

void
cg_rollup_where_free(struct cg_rollup_where *w)
{
	size_t i;

	if (w == NULL)
		return;
	for (i = 0; i < w->ncol; i++) {
		free(w->col[i].hname);
		free(w->col[i].eqv);
		free(w->col[i].eqlen);
		free(w->col[i].nev);
		free(w->col[i].nelen);
		free(w->col[i].cmp);
	}
	free(w->col);
	free(w->c);
	free(w);
}

size_t
cg_rollup_where_count(const struct cg_rollup_where *w)
{
	return w->n;
}

int
cg_rollup_where_bind(struct cg_rollup_where *w, const struct cg_row *hdr,
    const char *file, struct cg_err *err)
{
	size_t i;

	for (i = 0; i < w->ncol; i++) {
		struct cg_rollup_wcol *g = &w->col[i];

		g->col = cg_header_find(hdr, g->name, g->namelen);
		if (g->col == CG_NO_COL)
			return cg_err_set(err, CG_EROLE, file, 0, 0,
			    "--where: no column '%.*s'", (int)g->namelen,
			    g->name);
		free(g->hname);
		g->hname = cg_xstrndup(hdr->f[g->col], hdr->len[g->col]);
	}
	return 0;
}

int
cg_rollup_where_dates_off(const struct cg_rollup_where *w, size_t col)
{
	size_t i;

	for (i = 0; i < w->ncol; i++)
		if (w->col[i].want_date && w->col[i].col != col)
			return 1;
	return 0;
}

int
cg_rollup_where_dates_on(const struct cg_rollup_where *w, size_t col)
{
	size_t i;

	for (i = 0; i < w->ncol; i++)
		if (w->col[i].want_date && w->col[i].col == col)
			return 1;
	return 0;
}
