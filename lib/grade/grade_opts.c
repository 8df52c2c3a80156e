/*
 * grade_opts.c - grade's settings: option arguments and the [grade*]
 * config sections, options always winning over the file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clientgrade/alloc.h"
#include "clientgrade/grade.h"
#include "clientgrade/value.h"

static const char *const default_col[CG_GC_N] = {
	"grade", "score", "cum_share", "rfm", "segment", "grade_change",
	"grade_reason"
};

void
cg_grade_opts_init(struct cg_grade_opts *o)
{
	int f, p;

	memset(o, 0, sizeof(*o));
	o->method = CG_GM_SCORE;
	cg_grade_scale_parse(&o->scale, "abc", "scale", NULL);
	cg_grade_abc_parse("80,15,5", o->abc, &o->nabc, "abc", NULL);
	for (p = 0; p < CG_GP_N; p++)
		for (f = 0; f < CG_GF_N; f++)
			o->weight[p][f] = cg_grade_default_weight(p, f);
	/*
	 * Anchored factors, on absolute scales by default. Recency: full
	 * points within a month, none after a year, so a dormant account is
	 * never A on recency; a referral source's last referral likewise
	 * over longer times. Accessibility is a 1..5 judgement and openness
	 * yes or no, a source's points 1..5: their points say what the
	 * value says, whatever the other accounts are, and need no rank
	 * pass.
	 */
	for (f = 0; f < CG_GF_N; f++)
		if (f == CG_GF_RECENCY || f == CG_GF_LASTREF ||
		    f == CG_GF_ACCESS || f == CG_GF_OPENNESS ||
		    f == CG_GF_SOURCE) {
			cg_grade_abs_range(f, &o->lo[f], &o->hi[f]);
			o->has_range[f] = 1;
		}
	cg_grade_sources_init(&o->sources);
	for (f = 0; f < CG_GC_N; f++)
		o->colname[f] = cg_xstrdup(default_col[f]);
}

void
cg_grade_opts_free(struct cg_grade_opts *o)
{
	size_t i;

	for (i = 0; i < o->nrules; i++)
		cg_grade_rule_free(&o->rules[i]);
	free(o->rules);
	for (i = 0; i < CG_GC_N; i++)
		free(o->colname[i]);
	cg_grade_sources_free(&o->sources);
	memset(o, 0, sizeof(*o));
}

static int
method(const char *s)
{
	static const char *const name[] = { "score", "abc", "rfm", "rules" };
	int i;

	for (i = 0; i < 4; i++)
		if (strcasecmp(s, name[i]) == 0)
			return i;
	return -1;
}

int
cg_grade_parse_method(struct cg_grade_opts *o, const char *arg,
    struct cg_err *err)
{
	if ((o->method = method(arg)) < 0)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "--method: '%s' is not score, abc, rfm or rules", arg);
	o->method_set = 1;
	return 0;
}

/*
 * "[POPULATION.]FACTOR=N" into *pop (-1: none named), f and w; message
 * prefix `what`.
 */
static int
weight(const char *arg, int *pop, int *f, double *w, const char *what,
    struct cg_err *err)
{
	const char *eq = strchr(arg, '='), *name = arg, *dot;

	*pop = -1;
	dot = eq != NULL ? memchr(arg, '.', (size_t)(eq - arg)) : NULL;
	if (dot != NULL) {
		if ((*pop = cg_grade_pop_lookup(arg, (size_t)(dot - arg))) < 0)
			return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
			    "%s: '%s': '%.*s' is not a population (client, "
			    "lead or referral)", what, arg, (int)(dot - arg),
			    arg);
		name = dot + 1;
	}
	if (eq == NULL || (*f = cg_grade_factor_lookup(name,
	    (size_t)(eq - name))) < 0)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "%s: '%s' is not [POPULATION.]FACTOR=N with FACTOR one "
		    "of volume, frequency, recency, payment, overdue, "
		    "distance, accessibility, openness, referrals, potential, "
		    "employees, source, referred_volume, last_referral", what,
		    arg);
	if (cg_parse_num(eq + 1, strlen(eq + 1), '.', w, NULL) != CG_V_OK ||
	    *w < 0 || *w > 1000)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "%s: '%s': the weight must be a number from 0 to 1000",
		    what, arg);
	return 0;
}

/*
 * A weight for one population, or without one for every population that
 * weighs the factor by default (distance: clients and leads). `force`:
 * also over a weight already set (the command line over the config).
 */
static void
set_weight(struct cg_grade_opts *o, int pop, int f, double w, int force)
{
	int p;

	for (p = 0; p < CG_GP_N; p++) {
		if (pop >= 0 ? p != pop : cg_grade_default_weight(p, f) <= 0)
			continue;
		if (!force && o->weight_set[p][f])
			continue;
		o->weight[p][f] = w;
		if (force)
			o->weight_set[p][f] = 1;
	}
}

int
cg_grade_parse_weight(struct cg_grade_opts *o, const char *arg,
    struct cg_err *err)
{
	int f = 0, pop;
	double w;

	if (weight(arg, &pop, &f, &w, "--weight", err) < 0)
		return -1;
	set_weight(o, pop, f, w, 1);
	return 0;
}

static int
summary(const char *s)
{
	if (s == NULL || strcasecmp(s, "csv") == 0)
		return CG_GS_CSV;
	if (strcasecmp(s, "text") == 0)
		return CG_GS_TEXT;
	if (strcasecmp(s, "no") == 0 || strcasecmp(s, "none") == 0)
		return CG_GS_NONE;
	return -1;
}

int
cg_grade_parse_summary(struct cg_grade_opts *o, const char *arg,
    struct cg_err *err)
{
	if ((o->summary = summary(arg)) < 0)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "--summary: '%s' is not csv or text", arg);
	o->summary_set = 1;
	return 0;
}

/* Re-file a usage error from a parser as a config error at entry e. */
static int
at(struct cg_err *err, struct cg_config *cfg, struct cg_config_entry *e)
{
	char msg[sizeof(err->msg)];

	snprintf(msg, sizeof(msg), "%s", err->msg);
	return cg_config_err(err, cfg, e, "%s", msg);
}

static int
section_grade(struct cg_grade_opts *o, struct cg_config *cfg,
    struct cg_err *err)
{
	static const char *const colkey[CG_GC_N] = {
		"grade_column", "score_column", "share_column", "rfm_column",
		"segment_column", "change_column", "reason_column"
	};
	struct cg_config_entry *e;
	size_t i;
	int m;

	if ((e = cg_config_get(cfg, "grade", "method")) != NULL &&
	    !o->method_set) {
		if ((m = method(e->value)) < 0)
			return cg_config_err(err, cfg, e, "bad value '%s' for "
			    "'method' (want score, abc, rfm or rules)",
			    e->value);
		o->method = m;
	}
	if ((e = cg_config_get(cfg, "grade", "scale")) != NULL &&
	    !o->scale_set) {
		if (cg_grade_scale_parse(&o->scale, e->value, "scale", err) < 0)
			return at(err, cfg, e);
		o->scale_set = 1;
	}
	if ((e = cg_config_get(cfg, "grade", "abc")) != NULL && !o->abc_set) {
		if (cg_grade_abc_parse(e->value, o->abc, &o->nabc, "abc",
		    err) < 0)
			return at(err, cfg, e);
		o->abc_set = 1;
	}
	if ((e = cg_config_get(cfg, "grade", "explain")) != NULL &&
	    !o->explain_set && cg_config_bool(cfg, e, &o->explain, err) < 0)
		return -1;
	if ((e = cg_config_get(cfg, "grade", "summary")) != NULL &&
	    !o->summary_set && (o->summary = summary(e->value)) < 0)
		return cg_config_err(err, cfg, e, "bad value '%s' for "
		    "'summary' (want no, csv or text)", e->value);
	for (i = 0; i < CG_GC_N; i++) {
		if ((e = cg_config_get(cfg, "grade", colkey[i])) == NULL)
			continue;
		if (e->value[0] == '\0' || strchr("=+-@", e->value[0]))
			return cg_config_err(err, cfg, e, "bad value '%s' for "
			    "'%s' (a column name, not beginning with "
			    "= + - or @)", e->value, e->key);
		free(o->colname[i]);
		o->colname[i] = cg_xstrdup(e->value);
	}
	return 0;
}

/* [grade.scale]: GRADE = CUT or GRADE = SHARE%, the last GRADE = *. */
static int
section_scale(struct cg_grade_opts *o, struct cg_config *cfg,
    struct cg_err *err)
{
	struct cg_config_entry *e, *first = NULL;
	size_t it = 0;
	char spec[512];
	size_t len = 0;
	int n;

	spec[0] = '\0';
	while ((e = cg_config_each(cfg, "grade.scale", &it)) != NULL) {
		if (first == NULL)
			first = e;
		if (strcmp(e->value, "*") == 0 || e->value[0] == '\0')
			n = snprintf(spec + len, sizeof(spec) - len, "%s%s",
			    len ? "," : "", e->key);
		else
			n = snprintf(spec + len, sizeof(spec) - len, "%s%s:%s",
			    len ? "," : "", e->key, e->value);
		if (n < 0 || (size_t)n >= sizeof(spec) - len)
			return cg_config_err(err, cfg, e, "[grade.scale] is "
			    "too long");
		len += (size_t)n;
	}
	if (first == NULL || o->scale_set)
		return 0;
	if (cg_grade_scale_parse(&o->scale, spec, "[grade.scale]", err) < 0)
		return at(err, cfg, first);
	o->scale_set = 1;
	return 0;
}

static int
section_weights(struct cg_grade_opts *o, struct cg_config *cfg,
    struct cg_err *err)
{
	struct cg_config_entry *e;
	size_t it = 0;
	char spec[256];
	double w;
	int f = 0, pop;

	while ((e = cg_config_each(cfg, "grade.weights", &it)) != NULL) {
		snprintf(spec, sizeof(spec), "%s=%s", e->key, e->value);
		if (weight(spec, &pop, &f, &w, "[grade.weights]", err) < 0)
			return at(err, cfg, e);
		set_weight(o, pop, f, w, 0);
	}
	return 0;
}

/* [grade.source]: POINTS = name, name, ... (points 1 to 5). */
static int
section_source(struct cg_grade_opts *o, struct cg_config *cfg,
    struct cg_err *err)
{
	struct cg_config_entry *e;
	size_t it = 0;
	const char *p, *q;
	double x;

	while ((e = cg_config_each(cfg, "grade.source", &it)) != NULL) {
		if (cg_parse_num(e->key, strlen(e->key), '.', &x, NULL) !=
		    CG_V_OK || !(x == 1 || x == 2 || x == 3 || x == 4 ||
		    x == 5))
			return cg_config_err(err, cfg, e, "bad key '%s' in "
			    "[grade.source] (want points 1 to 5 = source, "
			    "source, ...)", e->key);
		for (p = e->value; *p != '\0'; p = *q ? q + 1 : q) {
			q = strchr(p, ',');
			if (q == NULL)
				q = p + strlen(p);
			cg_grade_sources_add(&o->sources, p, (size_t)(q - p),
			    (int)x);
		}
	}
	return 0;
}

static int
section_ranges(struct cg_grade_opts *o, struct cg_config *cfg,
    struct cg_err *err)
{
	struct cg_config_entry *e;
	size_t it = 0;
	const char *comma;
	double lo, hi;
	int f;

	while ((e = cg_config_each(cfg, "grade.ranges", &it)) != NULL) {
		if ((f = cg_grade_factor_lookup(e->key, strlen(e->key))) < 0)
			return cg_config_err(err, cfg, e, "unknown factor '%s' "
			    "in [grade.ranges]", e->key);
		/* "rank": by rank among the accounts, not a default range. */
		if (strcasecmp(e->value, "rank") == 0) {
			o->has_range[f] = 0;
			continue;
		}
		comma = strchr(e->value, ',');
		if (comma == NULL || cg_parse_num(e->value,
		    (size_t)(comma - e->value), '.', &lo, NULL) != CG_V_OK ||
		    cg_parse_num(comma + 1, strlen(comma + 1), '.', &hi,
		    NULL) != CG_V_OK || !(hi > lo))
			return cg_config_err(err, cfg, e, "bad value '%s' for "
			    "'%s' (want MIN,MAX with MIN < MAX, or rank)",
			    e->value, e->key);
		o->lo[f] = lo;
		o->hi[f] = hi;
		o->has_range[f] = 1;
	}
	return 0;
}

static int
section_rules(struct cg_grade_opts *o, struct cg_config *cfg,
    struct cg_err *err)
{
	struct cg_config_entry *e;
	struct cg_grade_rule *r;
	size_t it = 0;
	char msg[256];

	while ((e = cg_config_each(cfg, "grade.rules", &it)) != NULL) {
		if (e->key[0] == '\0' || strlen(e->key) >= CG_GRADE_NAMELEN ||
		    strchr("=+-@", e->key[0]) != NULL)
			return cg_config_err(err, cfg, e, "bad grade '%s' in "
			    "[grade.rules] (1 to %d characters, not beginning "
			    "with = + - or @)", e->key, CG_GRADE_NAMELEN - 1);
		if (o->nrules == 64)
			return cg_config_err(err, cfg, e, "more than 64 rules "
			    "in [grade.rules]");
		o->rules = cg_xreallocarray(o->rules, o->nrules + 1,
		    sizeof(*o->rules));
		r = &o->rules[o->nrules];
		memset(r, 0, sizeof(*r));
		if (cg_grade_rule_compile(r, e->value, msg, sizeof(msg)) < 0)
			return cg_config_err(err, cfg, e, "rule for '%s': %s",
			    e->key, msg);
		snprintf(r->grade, sizeof(r->grade), "%s", e->key);
		r->line = e->line;
		o->nrules++;
	}
	return 0;
}

int
cg_grade_config(struct cg_grade_opts *o, struct cg_config *cfg,
    struct cg_err *err)
{
	if (section_grade(o, cfg, err) < 0 || section_scale(o, cfg, err) < 0 ||
	    section_weights(o, cfg, err) < 0 ||
	    section_source(o, cfg, err) < 0 ||
	    section_ranges(o, cfg, err) < 0 || section_rules(o, cfg, err) < 0 ||
	    cg_grade_geo_config(o, cfg, err) < 0)
		return -1;
	if (o->method == CG_GM_SCORE) {
		int f, p, any = 0;

		for (p = 0; p < CG_GP_N; p++)
			for (f = 0; f < CG_GF_N; f++)
				any |= o->weight[p][f] > 0;
		if (!any)
			return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
			    "every factor's weight is 0: nothing to grade by "
			    "(give one a weight above 0 with --weight or "
			    "[grade.weights])");
	}
	if (o->group != NULL && o->summary == CG_GS_NONE)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "--group goes with --summary (a table per group)");
	if (o->method == CG_GM_RULES && o->nrules == 0)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "--method rules needs a [grade.rules] section in the "
		    "config (GRADE = volume >= 50000 and orders >= 12, ...)");
	if (o->method == CG_GM_ABC && o->nabc != o->scale.n)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "the abc split has %zu parts but the scale has %zu grades",
		    o->nabc, o->scale.n);
	return 0;
}

int
cg_grade_parse_scale(struct cg_grade_opts *o, const char *arg,
    struct cg_err *err)
{
	if (cg_grade_scale_parse(&o->scale, arg, "--scale", err) < 0)
		return -1;
	o->scale_set = 1;
	return 0;
}

int
cg_grade_parse_abc(struct cg_grade_opts *o, const char *arg,
    struct cg_err *err)
{
	if (cg_grade_abc_parse(arg, o->abc, &o->nabc, "--abc", err) < 0)
		return -1;
	o->abc_set = 1;
	return 0;
}

int
cg_grade_parse_explain(struct cg_grade_opts *o, const char *arg,
    struct cg_err *err)
{
	o->explain = o->explain_set = 1;
	return 0;
}

int
cg_grade_parse_worksheet(struct cg_grade_opts *o, const char *arg,
    struct cg_err *err)
{
	o->worksheet = 1;
	return 0;
}

int
cg_grade_parse_previous(struct cg_grade_opts *o, const char *arg,
    struct cg_err *err)
{
	if (*arg == '\0')
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "--previous: the file name is empty");
	o->previous = arg;
	return 0;
}

int
cg_grade_parse_group(struct cg_grade_opts *o, const char *arg,
    struct cg_err *err)
{
	if (*arg == '\0')
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "--group: the column name is empty");
	o->group = arg;
	return 0;
}

int
cg_grade_parse_plot(struct cg_grade_opts *o, const char *arg,
    struct cg_err *err)
{
	o->plot = arg;	/* an empty name is refused by the spine */
	return 0;
}

int
cg_grade_check(struct cg_grade_opts *o, struct cg_run *run,
    struct cg_err *err)
{
	if ((o->previous != NULL && cg_run_input(run, "--previous",
	    o->previous, err) < 0) || (o->plot != NULL && cg_run_output(run,
	    "--plot", o->plot, err) < 0) || (o->homes != NULL &&
	    cg_run_input(run, "--homes", o->homes, err) < 0))
		return -1;
	return cg_grade_config(o, run->cfg, err);
}
