/*
 * grade_factor.c - the factors a grade is made of: names, column roles,
 * direction and default weights (documented in grade.1).
 */
#include <strings.h>
#include <string.h>

#include "clientgrade/grade.h"

static const struct cg_grade_factor_def factors[CG_GF_N] = {
	{ "volume", NULL, "volume", 0, 30 },
	{ "frequency", "orders", "orders", 0, 20 },
	{ "recency", NULL, "recency", 1, 15 },
	{ "payment", "days_to_pay", "days_to_pay", 1, 10 },
	{ "overdue", NULL, "overdue", 1, 5 },
	{ "distance", NULL, "distance", 1, 5 },
	{ "accessibility", NULL, "accessibility", 0, 5 },
	{ "openness", NULL, "openness", 0, 5 },
	{ "referrals", NULL, "referrals", 0, 5 },
};

const struct cg_grade_factor_def *
cg_grade_factor(int f)
{
	return f >= 0 && f < CG_GF_N ? &factors[f] : NULL;
}

int
cg_grade_factor_lookup(const char *s, size_t n)
{
	int f;

	for (f = 0; f < CG_GF_N; f++) {
		if (strlen(factors[f].name) == n &&
		    strncasecmp(factors[f].name, s, n) == 0)
			return f;
		if (factors[f].alias != NULL && strlen(factors[f].alias) == n &&
		    strncasecmp(factors[f].alias, s, n) == 0)
			return f;
	}
	return -1;
}

int
cg_grade_zero_is_none(int f)
{
	return f == CG_GF_VOLUME || f == CG_GF_FREQUENCY ||
	    f == CG_GF_REFERRALS;
}
