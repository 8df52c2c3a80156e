/*
 * grade_factor.c - the factors a grade is made of: names, column roles,
 * direction, and each population's default weights (documented in
 * grade.1 FACTORS; keep the two in step).
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
	{ "potential", NULL, "potential", 0, 0 },
	{ "employees", NULL, "employees", 0, 0 },
	{ "source", NULL, "source", 0, 0 },
	{ "referred_volume", NULL, "referred_volume", 0, 0 },
	{ "last_referral", NULL, "last_referral", 1, 0 },
};

/*
 * Clients on business and relationship; leads on fit, since they have no
 * business yet; referral sources on what they send. Each row adds up to
 * 100, so a weight reads as a percentage of the score.
 */
static const double weights[CG_GP_N][CG_GF_N] = {
	/* vol freq rec pay ovd dist acc open ref pot emp src rvol lref */
	{ 30, 20, 15, 10, 5, 5, 5, 5, 5, 0, 0, 0, 0, 0 },
	{ 0, 0, 0, 0, 0, 10, 10, 10, 10, 30, 15, 15, 0, 0 },
	{ 0, 0, 0, 0, 0, 0, 0, 0, 40, 0, 0, 0, 35, 25 },
};

static const int order[CG_GP_N][CG_GF_N] = {
	{ CG_GF_VOLUME, CG_GF_FREQUENCY, CG_GF_RECENCY, CG_GF_PAYMENT,
	    CG_GF_OVERDUE, CG_GF_DISTANCE, CG_GF_ACCESS, CG_GF_OPENNESS,
	    CG_GF_REFERRALS, CG_GF_POTENTIAL, CG_GF_EMPLOYEES, CG_GF_SOURCE,
	    CG_GF_REFERRED, CG_GF_LASTREF },
	{ CG_GF_POTENTIAL, CG_GF_EMPLOYEES, CG_GF_DISTANCE, CG_GF_ACCESS,
	    CG_GF_OPENNESS, CG_GF_REFERRALS, CG_GF_SOURCE, CG_GF_VOLUME,
	    CG_GF_FREQUENCY, CG_GF_RECENCY, CG_GF_PAYMENT, CG_GF_OVERDUE,
	    CG_GF_REFERRED, CG_GF_LASTREF },
	{ CG_GF_REFERRALS, CG_GF_REFERRED, CG_GF_LASTREF, CG_GF_VOLUME,
	    CG_GF_FREQUENCY, CG_GF_RECENCY, CG_GF_PAYMENT, CG_GF_OVERDUE,
	    CG_GF_DISTANCE, CG_GF_ACCESS, CG_GF_OPENNESS, CG_GF_POTENTIAL,
	    CG_GF_EMPLOYEES, CG_GF_SOURCE },
};

/*
 * A population too small to rank is graded on these (grade.1 lists
 * them): what a small book of business would call full marks.
 */
static const double absrange[CG_GF_N][2] = {
	{ 0, 100000 },		/* volume */
	{ 0, 24 },		/* frequency: two orders a month */
	{ CG_GRADE_RECENCY_FULL, CG_GRADE_RECENCY_NONE },
	{ 0, 90 },		/* payment: days */
	{ 0, 5 },		/* overdue invoices */
	{ 0, 500 },		/* distance */
	{ 1, 5 },		/* accessibility */
	{ 0, 1 },		/* openness */
	{ 0, 10 },		/* referrals */
	{ 0, 100000 },		/* potential */
	{ 0, 500 },		/* employees */
	{ 1, 5 },		/* source points */
	{ 0, 100000 },		/* referred volume */
	{ CG_GRADE_LASTREF_FULL, CG_GRADE_LASTREF_NONE },
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
	    f == CG_GF_REFERRALS || f == CG_GF_POTENTIAL ||
	    f == CG_GF_EMPLOYEES || f == CG_GF_REFERRED;
}

double
cg_grade_default_weight(int p, int f)
{
	return p >= 0 && p < CG_GP_N && f >= 0 && f < CG_GF_N ?
	    weights[p][f] : 0;
}

const int *
cg_grade_pop_order(int p)
{
	return order[p >= 0 && p < CG_GP_N ? p : 0];
}

void
cg_grade_abs_range(int f, double *lo, double *hi)
{
	*lo = absrange[f][0];
	*hi = absrange[f][1];
}

const char *
cg_grade_pop_name(int p, size_t n)
{
	static const char *const name[CG_GP_N][2] = {
		{ "client", "clients" }, { "lead", "leads" },
		{ "referral source", "referral sources" },
	};

	return name[p >= 0 && p < CG_GP_N ? p : 0][n != 1];
}

int
cg_grade_pop_lookup(const char *s, size_t n)
{
	static const struct {
		const char *name;
		int pop;
	} names[] = {
		{ "client", CG_GP_CLIENT }, { "clients", CG_GP_CLIENT },
		{ "lead", CG_GP_LEAD }, { "leads", CG_GP_LEAD },
		{ "referral", CG_GP_REFERRAL },
		{ "referral_source", CG_GP_REFERRAL },
		{ "referral_sources", CG_GP_REFERRAL },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i].name) == n &&
		    strncasecmp(names[i].name, s, n) == 0)
			return names[i].pop;
	return -1;
}
