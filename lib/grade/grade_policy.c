/*
 * grade_policy.c - the rules method for one row: the first rule of
 * [grade.rules] that matches gives the grade, and the reason repeats the
 * rule with the row's values filled in.
 */
#include <stdio.h>

#include "grade_int.h"

/*
 * Write node k. A group inside another kind of group (an "or" inside an
 * "and", or the other way round) gets parentheses: not needed for the
 * parser, but a reader should not have to know that "and" binds tighter.
 */
static void
render(const struct cg_grade_ctx *g, struct cg_buf *b,
    const struct cg_grade_rule *rule, size_t k, const double *v,
    const int *have, int parent)
{
	const struct cg_cond_node *n = &rule->cond.node[k];
	char n1[48], n2[48];
	int paren;

	switch (n->kind) {
	case CG_COND_AND:
	case CG_COND_OR:
		paren = parent != 0 && parent != n->kind;
		if (paren)
			cg_buf_addc(b, '(');
		render(g, b, rule, n->a, v, have, n->kind);
		cg_buf_adds(b, n->kind == CG_COND_AND ? " and " : " or ");
		render(g, b, rule, n->b, v, have, n->kind);
		if (paren)
			cg_buf_addc(b, ')');
		return;
	case CG_COND_ALL:
		cg_buf_adds(b, "*");
		return;
	}
	if (have[n->var])
		cg_buf_printf(b, "%s %s %s %s", cg_grade_factor(n->var)->name,
		    cg_grade_num(g, n1, v[n->var], 2), cg_cond_opname(n->op),
		    cg_grade_num(g, n2, n->num, 6));
	else
		cg_buf_printf(b, "%s (empty) %s %s",
		    cg_grade_factor(n->var)->name, cg_cond_opname(n->op),
		    cg_grade_num(g, n2, n->num, 6));
}

void
cg_grade_rules_row(struct cg_grade_ctx *g, const double *v, const int *have,
    struct cg_grade_res *res)
{
	const struct cg_grade_opts *o = g->o;
	size_t i;

	res->graded = 0;
	for (i = 0; i < o->nrules; i++)
		if (cg_grade_rule_eval(&o->rules[i], v, have))
			break;
	if (i == o->nrules) {
		if (res->why != NULL)
			cg_buf_adds(res->why, "not graded: no rule matched");
		return;
	}
	res->graded = 1;
	res->g = g->rulegi[i];
	if (res->why == NULL)
		return;
	cg_buf_printf(res->why, "%s: ", o->rules[i].grade);
	if (cg_cond_is_all(&o->rules[i].cond)) {
		cg_buf_adds(res->why, "no rule above matched");
		return;
	}
	render(g, res->why, &o->rules[i], o->rules[i].cond.nnode - 1, v, have,
	    0);
}
