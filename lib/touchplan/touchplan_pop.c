/*
 * touchplan_pop.c - which population an account is planned as: the
 * stage column read through the suite's vocabulary (stage.h, extended by
 * [stages]), the same role, memo and rule as grade's, so an account
 * grade graded as a lead gets a lead's cadence. A stage the vocabulary
 * does not know, and an empty one, make a client, as in grade; both are
 * said once, with counts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/buf.h"
#include "clientgrade/roles.h"
#include "touchplan_int.h"

int
cg_tp_pops_find(struct cg_tp_state *t, const struct cg_row *hdr,
    struct cg_err *err)
{
	struct cg_tp_pops *p = &t->pops;
	int rc;

	cg_stage_memo_init(&p->memo, t->run->stages, NULL);
	p->col = CG_NO_COL;
	if (t->o->by_quadrant)
		return 0;
	if ((rc = cg_role_use(t->run, hdr, "stage", &p->col, err)) < 0)
		return -1;
	if (rc == 0)
		p->col = CG_NO_COL;
	return 0;
}

int
cg_tp_pop_of(struct cg_tp_state *t, const struct cg_row *row, size_t *slot)
{
	struct cg_tp_pops *p = &t->pops;
	int kind;

	*slot = CG_STAGE_SLOT_OVER;	/* nothing to count */
	if (p->col == CG_NO_COL)
		return CG_TP_CLIENTS;
	kind = cg_stage_memo_kind(&p->memo, p->col < row->n ?
	    row->f[p->col] : "", p->col < row->n ? row->len[p->col] : 0,
	    slot);
	return kind == CG_STAGE_LEAD ? CG_TP_LEADS : kind ==
	    CG_STAGE_REFERRAL ? CG_TP_REFERRALS : CG_TP_CLIENTS;
}

void
cg_tp_pop_count(struct cg_tp_state *t, int pop, size_t slot)
{
	t->pops.n[pop]++;
	cg_stage_memo_count(&t->pops.memo, slot);
}

void
cg_tp_pops_report(struct cg_tp_state *t)
{
	struct cg_tp_pops *p = &t->pops;
	struct cg_buf b = CG_BUF_INIT;
	int k, shown, npops;

	if (p->col == CG_NO_COL)
		return;
	cg_stage_memo_report(&p->memo, t->run, "planned");
	/* Said only when populations changed what the plan is; a
	 * population with no account is not named. */
	if (p->n[CG_TP_LEADS] + p->n[CG_TP_REFERRALS] == 0)
		return;
	for (k = 0, npops = 0; k < CG_TP_NPOPS; k++)
		npops += p->n[k] > 0;
	cg_buf_adds(&b, "");
	for (k = 0, shown = 0; k < CG_TP_NPOPS; k++) {
		if (p->n[k] == 0)
			continue;
		shown++;
		cg_buf_printf(&b, "%s%zu %s%s", shown == 1 ? "" :
		    shown == npops ? " and " : ", ", p->n[k],
		    cg_tp_pop_name(k), p->n[k] == 1 ? "" : "s");
	}
	cg_note(t->run, "planned %s, each on its population's cadences", b.s);
	cg_buf_free(&b);
}

void
cg_tp_pops_free(struct cg_tp_pops *p)
{
	cg_stage_memo_free(&p->memo);
	memset(p, 0, sizeof(*p));
}
