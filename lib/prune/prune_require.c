/*
 * prune_require.c - the fit rule's conditions: --require COL OP VALUE
 * and --min COL=N parsed, checked against each other, and bound to the
 * columns of a header. prune_fit.c tries them on a row, prune_nomatch.c
 * warns about one that matched no row.
 *
 * The conditions combine as rollup's --where do: on one column the =,
 * <, <=, > and >= conditions are alternatives (one must hold), every !=
 * must hold, and conditions on different columns must all hold. = and
 * != compare text ignoring case and the blanks around it, as prune's
 * --require always has (a prune that drops more rows for a capital
 * letter helps nobody); a comparison reads the field as a number, or as
 * a date when its value is one. An empty field, or one that is not a
 * number (date), does not meet a --require. --min COL=N is its own
 * condition, as before: the number must be at least N, and an empty
 * field passes (a rule never prunes on a missing number).
 *
 * Until every condition has held on some row, each is tried on every
 * row and its column's values are counted, so that one that matches
 * nothing can say what the column holds:
 *
 *     prune: warning: --require Type=Customer matched no row; Type has:
 *     Prospect 4, Customer - Direct 3, ...
 *
 * That costs one table lookup a row, and only in the first rows as a
 * rule: once every condition has matched, a row costs its conditions.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clientgrade/alloc.h"
#include "clientgrade/cmp.h"
#include "clientgrade/buf.h"
#include "clientgrade/field.h"
#include "clientgrade/roles.h"
#include "clientgrade/text.h"
#include "clientgrade/value.h"
#include "prune_int.h"

/* ---- parsing ---- */

/* A comparison's value (cmp.h), or a usage error naming it. */
static int
typed(struct cg_prune_cond *c, struct cg_err *err)
{
	struct cg_cmp_val v;

	if (cg_cmp_read(c->value, strlen(c->value), &v) < 0)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0, "--require %s: "
		    "'%s' is not a number or a date (want YYYY-MM-DD for a "
		    "date)", c->spec, c->value);
	c->type = v.type;
	c->num = v.num;
	c->ok_us = v.ok_us;
	c->ok_eu = v.ok_eu;
	c->day_us = v.day_us;
	c->day_eu = v.day_eu;
	return 0;
}

int
cg_prune_add_cond(struct cg_prune_opts *o, const char *spec, int is_min,
    struct cg_err *err)
{
	struct cg_prune_cond c;
	const char *at, *v;
	size_t oplen = 1, vn;
	int op = CG_PRUNE_EQ;

	memset(&c, 0, sizeof(c));
	at = is_min ? strchr(spec, '=') : cg_cmp_find(spec, &op, &oplen);
	if (at == NULL || at == spec) {
		if (is_min)
			return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
			    "bad --min '%s' (want COLUMN=NUMBER)", spec);
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0, "bad --require "
		    "'%s' (want COLUMN=VALUE, or !=, <, <=, >, >=)", spec);
	}
	v = at + oplen;
	vn = strlen(v);
	cg_trim(&v, &vn);
	c.spec = cg_xstrdup(spec);
	c.col = cg_xstrndup(spec, (size_t)(at - spec));
	c.value = cg_xstrndup(v, vn);
	c.is_min = is_min;
	c.op = is_min ? CG_PRUNE_GE : op;
	c.type = 't';
	if (is_min) {
		c.type = 'n';
		if (cg_parse_num(c.value, vn, '.', &c.min, NULL) != CG_V_OK) {
			cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
			    "bad --min '%s': '%s' is not a number", spec,
			    c.value);
			goto fail;
		}
		c.num = c.min;
	} else if (op != CG_PRUNE_EQ && op != CG_PRUNE_NE &&
	    typed(&c, err) < 0)
		goto fail;
	o->conds = cg_xreallocarray(o->conds, o->nconds + 1, sizeof(c));
	o->conds[o->nconds++] = c;
	return 0;
fail:
	free(c.spec);
	free(c.col);
	free(c.value);
	return -1;
}

/* 1 if x >(=) lo or x <(=) hi holds for every x. */
static int
covers(int loop, double lo, int hiop, double hi)
{
	return hi > lo || (hi == lo && (loop == CG_PRUNE_GE ||
	    hiop == CG_PRUNE_LE));
}

/* 1 if lower bound a and upper bound b, alternatives, let every value
 * through in each day/month order both can be read in. */
static int
every_value(const struct cg_prune_cond *a, const struct cg_prune_cond *b)
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

int
prune_fit_check_bounds(const struct cg_prune_opts *o, struct cg_err *err)
{
	size_t i, j;

	for (i = 0; i < o->nconds; i++)
		for (j = 0; j < o->nconds; j++) {
			const struct cg_prune_cond *a = &o->conds[i];
			const struct cg_prune_cond *b = &o->conds[j];

			if (a->is_min || b->is_min || (a->op != CG_PRUNE_GT &&
			    a->op != CG_PRUNE_GE) || (b->op != CG_PRUNE_LT &&
			    b->op != CG_PRUNE_LE) ||
			    !cg_header_eq(a->col, strlen(a->col), b->col,
			    strlen(b->col)) || !every_value(a, b))
				continue;
			return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
			    "--require %s and --require %s let every %s "
			    "through: conditions on one column are "
			    "alternatives (one of them must hold); see "
			    "--require in prune(1)", i < j ? a->spec : b->spec,
			    i < j ? b->spec : a->spec, a->type == 'n' ?
			    "number" : "date");
		}
	return 0;
}

/* ---- binding ---- */

/* Column of a condition: a header name first, then a role. */
static int
cond_col(const struct cg_run *run, const struct cg_row *hdr,
    const char *name, const char *file, size_t *col, struct cg_err *err)
{
	if ((*col = cg_header_find(hdr, name, strlen(name))) != CG_NO_COL)
		return 0;
	if (cg_role_aliases(name) != NULL)
		return cg_role_use_required(run, hdr, name, file, col, err);
	return cg_err_set(err, CG_EROLE, file, 0, 0,
	    "no column '%s' for --require/--min in the header", name);
}

static void
push(size_t **v, size_t *n, size_t x)
{
	*v = cg_xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = x;
}

int
prune_fit_bind(struct cg_prune_ctx *c, const struct cg_row *hdr,
    const char *file, struct cg_err *err)
{
	const struct cg_prune_opts *o = c->o;
	struct cg_prune_fit *f = cg_xcalloc(1, sizeof(*f));
	size_t i, j, n = o->nconds;

	c->fit = f;
	f->col = cg_xcalloc(n ? n : 1, sizeof(*f->col));
	f->of = cg_xcalloc(n ? n : 1, sizeof(*f->of));
	f->matched = cg_xcalloc(n ? n : 1, 1);
	f->pending = n;
	f->counting = 1;
	for (i = 0; i < n; i++) {
		const struct cg_prune_cond *ci = &o->conds[i];
		struct prune_fcol *g;

		if (cond_col(c->run, hdr, ci->col, file, &c->c_cond[i],
		    err) < 0)
			return -1;
		for (j = 0; j < f->ncol; j++)
			if (f->col[j].col == c->c_cond[i])
				break;
		g = &f->col[j];
		if (j == f->ncol) {
			f->ncol++;
			g->col = c->c_cond[i];
			g->hname = cg_xstrndup(hdr->f[g->col], hdr->len[g->col]);
			cg_datecol_init(&g->own, c->run->dates);
			/* A column a rule reads keeps one day/month order. */
			g->dc = g->col == c->c_contact ? &c->dc_contact :
			    g->col == c->c_order ? &c->dc_order :
			    g->col == c->c_next ? &c->dc_next : &g->own;
			cg_tally_init(&g->tally);
		}
		f->of[i] = j;
		g->unmatched++;
		if (ci->is_min)
			push(&g->min, &g->nmin, i);
		else if (ci->op == CG_PRUNE_NE)
			push(&g->neg, &g->nneg, i);
		else
			push(&g->pos, &g->npos, i);
		g->want_num |= ci->type == 'n';
		g->want_date |= ci->type == 'd';
	}
	return 0;
}

void
prune_fit_free(struct cg_prune_fit *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->ncol; i++) {
		struct prune_fcol *g = &f->col[i];
		free(g->hname);
		free(g->pos);
		free(g->neg);
		free(g->min);
		cg_tally_free(&g->tally);
	}
	free(f->col);
	free(f->of);
	free(f->matched);
	free(f);
}

