/*
 * prune_fit.c - the fit rule on one row: the --require and --min
 * conditions of each column (prune_require.c binds them), the reason a
 * row misses them, and which conditions have held on some row.
 *
 * On one column the =, <, <=, > and >= conditions are alternatives and
 * every != and --min must hold; columns must all hold. While a
 * condition has held on no row, every condition is tried on every row
 * and the column's values are counted (prune_nomatch.c); after that a
 * column stops at its answer.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "clientgrade/field.h"
#include "clientgrade/roles.h"
#include "clientgrade/text.h"
#include "clientgrade/value.h"
#include "prune_int.h"

static const char *
order_name(int order)
{
	return order == CG_DATES_US ? "US month/day" : order == CG_DATES_EU ?
	    "European day/month" : "ISO (YYYY-MM-DD)";
}

/*
 * The day of date condition k in the day/month order of its column: the
 * order known by now (--dates, or the column's dates so far), else, for
 * a value that reads both ways, the order the column's own dates would
 * be guessed in, with one warning. 0, or -1 (CG_EUSAGE: the value
 * cannot be read in the column's order).
 */
static int
cond_day(struct cg_prune_ctx *c, const struct cg_prune_cond *k,
    const struct prune_fcol *g, struct cg_reader *r, int32_t *day,
    struct cg_err *err)
{
	const struct cg_datecol *dc = g->dc;
	int order = dc->fixed || dc->guessed ? dc->order : CG_DATES_AUTO;

	if (k->ok_us && k->ok_eu && k->day_us == k->day_eu) {
		*day = k->day_us;
		return 0;
	}
	if (order == CG_DATES_AUTO || order == CG_DATES_SERIAL) {
		if (k->ok_us != k->ok_eu) {
			*day = k->ok_us ? k->day_us : k->day_eu;
			return 0;
		}
		order = cg_reader_dialect(r)->delim == ',' ? CG_DATES_US :
		    CG_DATES_EU;
		if (!c->fit->guess_said) {
			c->fit->guess_said = 1;
			cg_warning(c->run, "--require %s: '%s' could be "
			    "month/day or day/month, and %s does not say yet; "
			    "reading it as %s (write it as YYYY-MM-DD to be "
			    "sure)", k->spec, k->value, g->hname,
			    order_name(order));
		}
	}
	if (order == CG_DATES_US && k->ok_us) {
		*day = k->day_us;
		return 0;
	}
	if (order == CG_DATES_EU && k->ok_eu) {
		*day = k->day_eu;
		return 0;
	}
	return cg_err_set(err, CG_EUSAGE, NULL, 0, 0, "--require %s: '%s' "
	    "cannot be read in the order of %s's dates (%s); write it as "
	    "YYYY-MM-DD", k->spec, k->value, g->hname, order_name(order));
}

static int
read_typed(struct cg_prune_ctx *c, struct prune_fcol *g, struct cg_reader *r,
    const struct cg_row *row, struct prune_typed *t, struct cg_err *err)
{
	int32_t d;
	int rc;

	t->s = row->f[g->col];
	t->n = row->len[g->col];
	cg_trim(&t->s, &t->n);
	t->has_num = t->has_date = 0;
	if (t->n == 0)
		return 0;
	if (g->nmin > 0 || (g->want_num && cg_parse_num(t->s, t->n,
	    cg_reader_dialect(r)->decimal, &t->num, NULL) == CG_V_OK)) {
		/* Read again as figures are read, for what it says about the
		 * decimal mark; a --min on a value that is not a number is
		 * an error, as it always was. */
		if ((rc = cg_field_num(r, row, g->col, &t->num, err)) < 0)
			return -1;
		t->has_num = rc > 0;
	}
	/* Only what looks like a date is read as one: a field that is no
	 * date fails the comparison, a date against the column's order is
	 * an error, as for the rules' own dates. */
	if (g->want_date && !cg_field_is_error_cell(row, g->col)) {
		rc = cg_parse_date(t->s, t->n, CG_DATES_AUTO, &d, NULL);
		if (rc == CG_V_OK || rc == CG_V_EAMBIG || rc == CG_V_ERANGE) {
			if ((rc = cg_field_date(r, row, g->col, g->dc, c->run,
			    &t->day, err)) < 0)
				return -1;
			t->has_date = rc > 0;
		}
	}
	return 0;
}

/* 1 if condition k holds for field t, 0, or -1. */
static int
holds(struct cg_prune_ctx *c, const struct cg_prune_cond *k,
    const struct prune_fcol *g, struct cg_reader *r, const struct prune_typed *t,
    struct cg_err *err)
{
	double a, b;
	int32_t d = 0;

	if (k->is_min)
		return !t->has_num || t->num >= k->min;
	if (k->op == CG_PRUNE_EQ || k->op == CG_PRUNE_NE) {
		size_t vn = strlen(k->value);
		int eq = t->n == vn && strncasecmp(t->s, k->value, vn) == 0;
		return k->op == CG_PRUNE_EQ ? eq : !eq;
	}
	if (k->type == 'n') {
		if (!t->has_num)
			return 0;
		a = t->num;
		b = k->num;
	} else {
		if (!t->has_date)
			return 0;
		if (cond_day(c, k, g, r, &d, err) < 0)
			return -1;
		a = t->day;
		b = d;
	}
	switch (k->op) {
	case CG_PRUNE_LT: return a < b;
	case CG_PRUNE_LE: return a <= b;
	case CG_PRUNE_GT: return a > b;
	default: return a >= b;
	}
}

static void
sep(struct cg_buf *b)
{
	if (b->len > 0)
		cg_buf_adds(b, "; ");
}

static void
has(struct cg_buf *b, const struct prune_typed *t)
{
	if (t->n > 0)
		cg_buf_printf(b, ", has %.*s", (int)t->n, t->s);
	else
		cg_buf_adds(b, ", has nothing");
}

/* "requires stage=qualified or proposal or employees>100, has lead". */
static void
why_pos(struct cg_prune_ctx *c, const struct prune_fcol *g,
    const struct prune_typed *t)
{
	const struct cg_prune_cond *v = c->o->conds;
	size_t j;

	sep(&c->reason);
	cg_buf_adds(&c->reason, "requires ");
	for (j = 0; j < g->npos; j++) {
		const struct cg_prune_cond *k = &v[g->pos[j]];
		if (j > 0)
			cg_buf_adds(&c->reason, " or ");
		if (j > 0 && k->op == CG_PRUNE_EQ &&
		    v[g->pos[j - 1]].op == CG_PRUNE_EQ)
			cg_buf_adds(&c->reason, k->value);
		else
			cg_buf_adds(&c->reason, k->spec);
	}
	has(&c->reason, t);
}

/* Condition k held on a row: the first time, one less to look for. */
static void
mark(struct cg_prune_fit *f, size_t k)
{
	if (f->matched[k])
		return;
	f->matched[k] = 1;
	f->col[f->of[k]].unmatched--;
	f->pending--;
}

/* Column g of a row: 1 if it fails, 0, -1. With `all`, every condition
 * is tried (to mark those that hold); else it stops at the answer. */
static int
fcol_check(struct cg_prune_ctx *c, struct prune_fcol *g, struct cg_reader *r,
    const struct cg_row *row, int all, struct cg_err *err)
{
	const struct cg_prune_cond *v = c->o->conds;
	struct cg_prune_fit *f = c->fit;
	struct prune_typed t;
	int pos = g->npos == 0, h, fail = 0;
	size_t j;

	if (read_typed(c, g, r, row, &t, err) < 0)
		return -1;
	for (j = 0; j < g->npos && (all || !pos); j++) {
		if ((h = holds(c, &v[g->pos[j]], g, r, &t, err)) < 0)
			return -1;
		if (h)
			mark(f, g->pos[j]);
		pos |= h;
	}
	if (!pos) {
		why_pos(c, g, &t);
		fail = 1;
	}
	for (j = 0; j < g->nneg; j++) {
		if ((h = holds(c, &v[g->neg[j]], g, r, &t, err)) < 0)
			return -1;
		if (h) {
			mark(f, g->neg[j]);
			continue;
		}
		sep(&c->reason);
		cg_buf_printf(&c->reason, "requires %s", v[g->neg[j]].spec);
		has(&c->reason, &t);
		fail = 1;
	}
	for (j = 0; j < g->nmin; j++) {
		const struct cg_prune_cond *k = &v[g->min[j]];
		if (holds(c, k, g, r, &t, err)) {
			mark(f, g->min[j]);
			continue;
		}
		sep(&c->reason);
		cg_buf_printf(&c->reason, "requires %s>=%s", k->col, k->value);
		has(&c->reason, &t);
		fail = 1;
	}
	if (f->counting && g->unmatched > 0)
		cg_tally_add(&g->tally, t.s, t.n, t.has_num, t.num,
		    t.has_date, t.day);
	return fail;
}

int
prune_fit_check(struct cg_prune_ctx *c, struct cg_reader *r,
    const struct cg_row *row, struct cg_err *err)
{
	struct cg_prune_fit *f = c->fit;
	int all = f->counting && f->pending > 0, hit = 0, rc;
	size_t i;

	for (i = 0; i < f->ncol; i++) {
		if ((rc = fcol_check(c, &f->col[i], r, row, all, err)) < 0)
			return -1;
		hit |= rc;
	}
	if (f->counting) {
		f->rows++;
		if (!hit)
			f->passed = 1;
	}
	return hit;
}

