/*
 * grade_rules.c - the rules method's expressions ("volume >= 50000 and
 * orders >= 12", "*") on the core's condition parser (cond.h): the
 * variables are factors, the values numbers, so a rule reads its row's
 * factor values and nothing else, and the method stays row-local.
 */
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/grade.h"

static int
factor_lookup(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	return cg_grade_factor_lookup(s, n);
}

static const struct cg_cond_names factor_names = {
	factor_lookup, NULL, "a factor",
	"a factor (volume, frequency, recency, payment, overdue, distance, "
	    "accessibility, openness, referrals)",
	"rule", 0
};

int
cg_grade_rule_compile(struct cg_grade_rule *rule, const char *text,
    char *msg, size_t msgcap)
{
	rule->text = cg_xstrdup(text);
	if (cg_cond_compile(&rule->cond, text, &factor_names, msg, msgcap,
	    NULL) < 0) {
		cg_grade_rule_free(rule);
		return -1;
	}
	return 0;
}

/* The factor values of one row: v[f] when have[f]. */
struct values {
	const double *v;
	const int *have;
};

static int
get(void *ctx, int var, int type, struct cg_cond_value *out)
{
	const struct values *x = ctx;

	(void)type;	/* numbers only: compiled without dates or text */
	if (!x->have[var])
		return 0;
	out->num = x->v[var];
	return 1;
}

int
cg_grade_rule_eval(const struct cg_grade_rule *rule, const double *v,
    const int *have)
{
	struct values x = { v, have };

	return cg_cond_eval(&rule->cond, get, &x, 0);
}

static void
add_factor(void *ctx, int var)
{
	*(unsigned *)ctx |= 1u << var;
}

unsigned
cg_grade_rule_factors(const struct cg_grade_rule *rule)
{
	unsigned set = 0;

	cg_cond_vars(&rule->cond, add_factor, &set);
	return set;
}

void
cg_grade_rule_free(struct cg_grade_rule *rule)
{
	free(rule->text);
	rule->text = NULL;
	cg_cond_free(&rule->cond);
}
