/*
 * touchplan_pop.c - which population an account is planned as: the
 * stage column read through the suite's vocabulary (stage.h, extended by
 * [stages]), the same role and the same rule as grade's, so an account
 * grade graded as a lead gets a lead's cadence. A stage the vocabulary
 * does not know, and an empty one, make a client, as in grade; both are
 * said once, with counts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "clientgrade/roles.h"
#include "clientgrade/stage.h"
#include "clientgrade/text.h"
#include "touchplan_int.h"

int
cg_tp_pops_find(struct cg_tp_state *t, const struct cg_row *hdr,
    struct cg_err *err)
{
	struct cg_tp_pops *p = &t->pops;
	int rc;

	cg_strtab_init(&p->seen);
	p->col = CG_NO_COL;
	if (t->o->by_quadrant)
		return 0;
	if ((rc = cg_role_use(t->run, hdr, "stage", &p->col, err)) < 0)
		return -1;
	if (rc == 0)
		p->col = CG_NO_COL;
	return 0;
}

static int
kind_pop(int kind)
{
	return kind == CG_STAGE_LEAD ? CG_TP_LEADS : kind ==
	    CG_STAGE_REFERRAL ? CG_TP_REFERRALS : kind == CG_STAGE_CLIENT ?
	    CG_TP_CLIENTS : -1;
}

int
cg_tp_pop_of(struct cg_tp_state *t, const struct cg_row *row, size_t *slot)
{
	struct cg_tp_pops *p = &t->pops;
	const char *s;
	size_t n, i, old;
	int added, k;

	*slot = CG_TP_SLOT_NONE;
	if (p->col == CG_NO_COL)
		return CG_TP_CLIENTS;
	s = p->col < row->n ? row->f[p->col] : "";
	n = p->col < row->n ? row->len[p->col] : 0;
	cg_trim(&s, &n);
	if (n == 0) {
		*slot = CG_TP_SLOT_EMPTY;
		return CG_TP_CLIENTS;
	}
	if ((i = cg_strtab_find(&p->seen, s, n)) == CG_STRTAB_NONE) {
		if (p->seen.n >= CG_TP_POP_CACHE) {
			k = kind_pop(cg_stage_kind(t->run->stages, s, n));
			if (k < 0)
				*slot = CG_TP_SLOT_UNKNOWN;
			return k < 0 ? CG_TP_CLIENTS : k;
		}
		i = cg_strtab_intern(&p->seen, s, n, &added);
		if (i >= p->cap) {
			old = p->cap;
			p->cap = p->cap ? p->cap * 2 : 16;
			p->kind = cg_xreallocarray(p->kind, p->cap,
			    sizeof(*p->kind));
			p->count = cg_xreallocarray(p->count, p->cap,
			    sizeof(*p->count));
			memset(p->count + old, 0, (p->cap - old) *
			    sizeof(*p->count));
		}
		p->kind[i] = (signed char)kind_pop(cg_stage_kind(
		    t->run->stages, s, n));
	}
	*slot = i;
	return p->kind[i] < 0 ? CG_TP_CLIENTS : p->kind[i];
}

void
cg_tp_pop_count(struct cg_tp_state *t, int pop, size_t slot)
{
	struct cg_tp_pops *p = &t->pops;

	p->n[pop]++;
	if (slot == CG_TP_SLOT_EMPTY)
		p->empty++;
	else if (slot == CG_TP_SLOT_UNKNOWN)
		p->unknown_uncached++;
	else if (slot != CG_TP_SLOT_NONE)
		p->count[slot]++;
}

/* "'Dormant' (3), 'Churned' (1)": the unknown stages planned. */
static size_t
unknown_list(struct cg_buf *b, const struct cg_tp_pops *p)
{
	struct cg_buf v = CG_BUF_INIT;
	size_t i, n, shown = 0, rows = 0;
	const char *k;

	for (i = 0; i < p->seen.n; i++) {
		if (p->count[i] == 0 || p->kind[i] >= 0)
			continue;
		rows += p->count[i];
		if (shown++ == 8)
			cg_buf_adds(b, ", ...");
		if (shown > 8)
			continue;
		k = cg_strtab_key(&p->seen, i, &n);
		cg_buf_reset(&v);
		cg_tp_text_safe(&v, k, n > 40 ? 40 : n);
		cg_buf_printf(b, "%s'%.*s' (%zu)", shown > 1 ? ", " : "",
		    (int)v.len, v.s, p->count[i]);
	}
	cg_buf_free(&v);
	return rows;
}

void
cg_tp_pops_report(struct cg_tp_state *t)
{
	struct cg_tp_pops *p = &t->pops;
	struct cg_buf b = CG_BUF_INIT;
	size_t rows;
	int k, shown, npops;

	if (p->col == CG_NO_COL)
		return;
	for (k = 0, npops = 0; k < CG_TP_NPOPS; k++)
		npops += p->n[k] > 0;
	cg_buf_adds(&b, "");
	rows = unknown_list(&b, p) + p->unknown_uncached;
	if (rows > 0)
		cg_warning(t->run, "%zu account%s with a stage the vocabulary "
		    "does not know, planned as clients: %s (say what they are "
		    "in [stages]: client = ..., lead = ..., referral = ...)",
		    rows, rows == 1 ? "" : "s", b.s[0] != '\0' ? b.s :
		    "(too many stages to list)");
	if (p->empty > 0)
		cg_note(t->run, "%zu account%s with an empty stage planned as "
		    "client%s", p->empty, p->empty == 1 ? "" : "s",
		    p->empty == 1 ? "" : "s");
	/* Said only when populations changed what the plan is; a
	 * population with no account is not named. */
	if (p->n[CG_TP_LEADS] + p->n[CG_TP_REFERRALS] > 0) {
		cg_buf_reset(&b);
		for (k = 0, shown = 0; k < CG_TP_NPOPS; k++) {
			if (p->n[k] == 0)
				continue;
			shown++;
			cg_buf_printf(&b, "%s%zu %s%s", shown == 1 ? "" :
			    shown == npops ? " and " : ", ", p->n[k],
			    cg_tp_pop_name(k), p->n[k] == 1 ? "" : "s");
		}
		cg_note(t->run, "planned %s, each on its population's "
		    "cadences", b.s);
	}
	cg_buf_free(&b);
}

void
cg_tp_pops_free(struct cg_tp_pops *p)
{
	cg_strtab_free(&p->seen);
	free(p->kind);
	free(p->count);
	memset(p, 0, sizeof(*p));
}
