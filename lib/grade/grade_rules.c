/*
 * grade_rules.c - the rules method's expressions: "volume >= 50000 and
 * orders >= 12", "*". A recursive-descent parser builds a node array; the
 * evaluator walks it per row, so the method stays row-local.
 *
 *     expr    = and ("or" and)*
 *     and     = primary ("and" primary)*
 *     primary = "*" | "(" expr ")" | FACTOR OP NUMBER
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clientgrade/alloc.h"
#include "clientgrade/grade.h"
#include "clientgrade/value.h"

struct parser {
	const char *s, *p;
	struct cg_grade_rule *rule;
	size_t cap;
	char *msg;
	size_t msgcap;
	int depth;
};

static void
skip(struct parser *ps)
{
	while (isspace((unsigned char)*ps->p))
		ps->p++;
}

static int
fail(struct parser *ps, const char *what)
{
	skip(ps);
	snprintf(ps->msg, ps->msgcap, "expected %s at character %zu%s%.*s%s",
	    what, (size_t)(ps->p - ps->s) + 1, *ps->p ? " ('" : "",
	    *ps->p ? 12 : 0, ps->p, *ps->p ? "')" : " (end of rule)");
	return -1;
}

/* Add a node; returns its index. */
static size_t
node(struct parser *ps, int kind)
{
	struct cg_grade_rule *r = ps->rule;

	if (r->nnode == ps->cap) {
		ps->cap = ps->cap ? ps->cap * 2 : 8;
		r->node = cg_xreallocarray(r->node, ps->cap, sizeof(*r->node));
	}
	memset(&r->node[r->nnode], 0, sizeof(*r->node));
	r->node[r->nnode].kind = kind;
	return r->nnode++;
}

/* If the next word is `w` (a whole word), take it. */
static int
word(struct parser *ps, const char *w)
{
	size_t n = strlen(w);

	skip(ps);
	if (strncasecmp(ps->p, w, n) == 0 &&
	    !isalnum((unsigned char)ps->p[n]) && ps->p[n] != '_') {
		ps->p += n;
		return 1;
	}
	return 0;
}

static int expr(struct parser *ps, size_t *out);

static int
primary(struct parser *ps, size_t *out)
{
	static const struct { const char *s; int op; } ops[] = {
		{ ">=", CG_OP_GE }, { "<=", CG_OP_LE }, { "==", CG_OP_EQ },
		{ "!=", CG_OP_NE }, { "<>", CG_OP_NE }, { ">", CG_OP_GT },
		{ "<", CG_OP_LT }, { "=", CG_OP_EQ },
	};
	const char *w, *e;
	size_t i, k;
	int f;
	double x;

	skip(ps);
	if (*ps->p == '*') {
		ps->p++;
		*out = node(ps, 3);
		return 0;
	}
	if (*ps->p == '(') {
		if (++ps->depth > 32)
			return fail(ps, "fewer parentheses");
		ps->p++;
		if (expr(ps, out) < 0)
			return -1;
		skip(ps);
		if (*ps->p != ')')
			return fail(ps, "')'");
		ps->p++;
		ps->depth--;
		return 0;
	}
	for (w = ps->p; isalnum((unsigned char)*ps->p) || *ps->p == '_';
	    ps->p++)
		;
	if (ps->p == w)
		return fail(ps, "a factor, '*' or '('");
	if ((f = cg_grade_factor_lookup(w, (size_t)(ps->p - w))) < 0) {
		ps->p = w;
		return fail(ps, "a factor (volume, frequency, recency, "
		    "payment, overdue, distance, accessibility, openness, "
		    "referrals)");
	}
	skip(ps);
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strncmp(ps->p, ops[i].s, strlen(ops[i].s)) == 0)
			break;
	if (i == sizeof(ops) / sizeof(ops[0]))
		return fail(ps, "a comparison (>= > <= < = !=)");
	ps->p += strlen(ops[i].s);
	skip(ps);
	for (e = ps->p; *e && !isspace((unsigned char)*e) && *e != ')'; e++)
		;
	if (e == ps->p || cg_parse_num(ps->p, (size_t)(e - ps->p), '.', &x,
	    NULL) != CG_V_OK)
		return fail(ps, "a number");
	ps->p = e;
	k = node(ps, 0);
	ps->rule->node[k].factor = f;
	ps->rule->node[k].op = ops[i].op;
	ps->rule->node[k].num = x;
	*out = k;
	return 0;
}

static int
all_of(struct parser *ps, size_t *out)
{
	size_t a, b, k;

	if (primary(ps, &a) < 0)
		return -1;
	while (word(ps, "and")) {
		if (primary(ps, &b) < 0)
			return -1;
		k = node(ps, 1);
		ps->rule->node[k].a = a;
		ps->rule->node[k].b = b;
		a = k;
	}
	*out = a;
	return 0;
}

static int
expr(struct parser *ps, size_t *out)
{
	size_t a, b, k;

	if (all_of(ps, &a) < 0)
		return -1;
	while (word(ps, "or")) {
		if (all_of(ps, &b) < 0)
			return -1;
		k = node(ps, 2);
		ps->rule->node[k].a = a;
		ps->rule->node[k].b = b;
		a = k;
	}
	*out = a;
	return 0;
}

int
cg_grade_rule_compile(struct cg_grade_rule *rule, const char *text,
    char *msg, size_t msgcap)
{
	struct parser ps = { text, text, rule, 0, msg, msgcap, 0 };
	size_t root;

	rule->node = NULL;
	rule->nnode = 0;
	rule->text = cg_xstrdup(text);
	if (expr(&ps, &root) < 0)
		goto bad;
	skip(&ps);
	if (*ps.p != '\0') {
		fail(&ps, "'and', 'or' or the end of the rule");
		goto bad;
	}
	/* The evaluator starts at the last node: make sure that is root. */
	if (root != rule->nnode - 1) {
		size_t k = node(&ps, 1);
		rule->node[k].kind = 1;
		rule->node[k].a = rule->node[k].b = root;
	}
	return 0;
bad:
	cg_grade_rule_free(rule);
	return -1;
}

static int
eval(const struct cg_grade_rule *rule, size_t k, const double *v,
    const int *have)
{
	const struct cg_grade_node *n = &rule->node[k];
	double x;

	switch (n->kind) {
	case 1:
		return eval(rule, n->a, v, have) && eval(rule, n->b, v, have);
	case 2:
		return eval(rule, n->a, v, have) || eval(rule, n->b, v, have);
	case 3:
		return 1;
	}
	if (!have[n->factor])
		return 0;
	x = v[n->factor];
	switch (n->op) {
	case CG_OP_GE: return x >= n->num;
	case CG_OP_GT: return x > n->num;
	case CG_OP_LE: return x <= n->num;
	case CG_OP_LT: return x < n->num;
	case CG_OP_EQ: return x == n->num;
	default: return x != n->num;
	}
}

int
cg_grade_rule_eval(const struct cg_grade_rule *rule, const double *v,
    const int *have)
{
	return rule->nnode > 0 && eval(rule, rule->nnode - 1, v, have);
}

unsigned
cg_grade_rule_factors(const struct cg_grade_rule *rule)
{
	size_t i;
	unsigned set = 0;

	for (i = 0; i < rule->nnode; i++)
		if (rule->node[i].kind == 0)
			set |= 1u << rule->node[i].factor;
	return set;
}

void
cg_grade_rule_free(struct cg_grade_rule *rule)
{
	free(rule->text);
	free(rule->node);
	rule->text = NULL;
	rule->node = NULL;
	rule->nnode = 0;
}
