/*
 * touchplan_opts.c - touchplan's settings: one setter per option, and
 * the check run once every option is in, when today is known: which
 * period, and the [touchplan*] config for whatever the options left
 * unset (options always win over the file).
 */
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/optparse.h"
#include "clientgrade/touchplan.h"

void
cg_touchplan_opts_init(struct cg_touchplan_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->visit_capacity = -1;
	o->written_capacity = -1;
	o->cluster_km = -1;
	o->level_days = -1;
	o->stale_days = -1;
}

void
cg_touchplan_opts_free(struct cg_touchplan_opts *o)
{
	free(o->keep);
	cg_tp_cadences_free(&o->cads);
	cg_tp_cadences_free(&o->lead_cads);
	cg_tp_cadences_free(&o->referral_cads);
	memset(o, 0, sizeof(*o));
}

int
cg_touchplan_parse_away(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err)
{
	o->aways = arg;
	return 0;
}

int
cg_touchplan_parse_by(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err)
{
	if (strcmp(arg, "grade") == 0)
		o->by_quadrant = 0;
	else if (strcmp(arg, "quadrant") == 0)
		o->by_quadrant = 1;
	else
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "--by: want grade or quadrant, not '%s'", arg);
	return 0;
}

int
cg_touchplan_parse_capacity(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err)
{
	long v;

	if (cg_parse_count(arg, 1, CG_TP_MAX_CAPACITY, "--capacity", &v,
	    err) < 0)
		return -1;
	o->capacity = (int)v;
	return 0;
}

int
cg_touchplan_parse_visit_capacity(struct cg_touchplan_opts *o,
    const char *arg, struct cg_err *err)
{
	long v;

	if (cg_parse_count(arg, 0, CG_TP_MAX_CAPACITY, "--visit-capacity", &v,
	    err) < 0)
		return -1;
	o->visit_capacity = (int)v;
	return 0;
}

int
cg_touchplan_parse_written_capacity(struct cg_touchplan_opts *o,
    const char *arg, struct cg_err *err)
{
	long v;

	if (cg_parse_count(arg, 0, CG_TP_MAX_CAPACITY, "--written-capacity",
	    &v, err) < 0)
		return -1;
	o->written_capacity = (int)v;
	return 0;
}

int
cg_touchplan_parse_cluster_km(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err)
{
	long v;

	if (cg_parse_count(arg, 1, CG_TP_MAX_CLUSTER_KM, "--cluster-km", &v,
	    err) < 0)
		return -1;
	o->cluster_km = (int)v;
	return 0;
}

int
cg_touchplan_parse_cluster_visits(struct cg_touchplan_opts *o,
    const char *arg, struct cg_err *err)
{
	o->cluster = 1;
	return 0;
}

int
cg_touchplan_parse_format(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err)
{
	if (strcmp(arg, "csv") == 0)
		o->format = CG_TP_CSV;
	else if (strcmp(arg, "ics") == 0)
		o->format = CG_TP_ICS;
	else if (strcmp(arg, "agenda") == 0)
		o->format = CG_TP_AGENDA;
	else
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "--format: want csv, ics or agenda, not '%s'", arg);
	return 0;
}

int
cg_touchplan_parse_from(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err)
{
	if (cg_parse_day(arg, "--from", &o->from, err) < 0)
		return -1;
	o->have_from = 1;
	return 0;
}

int
cg_touchplan_parse_to(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err)
{
	if (cg_parse_day(arg, "--to", &o->to, err) < 0)
		return -1;
	o->have_to = 1;
	return 0;
}

int
cg_touchplan_parse_holidays(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err)
{
	o->holidays = arg;
	return 0;
}

int
cg_touchplan_parse_topics(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err)
{
	if (*arg == '\0')
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0, "--topics: an "
		    "empty file name");
	o->topics = arg;
	return 0;
}

int
cg_touchplan_parse_keep(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err)
{
	o->keep = cg_xreallocarray(o->keep, o->nkeep + 1, sizeof(*o->keep));
	o->keep[o->nkeep++] = arg;
	return 0;
}

/*
 * The argument is only recorded: whether the period options go together
 * is for the check, which also reports a bad week or month after that.
 */
int
cg_touchplan_parse_month(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err)
{
	o->want_month = 1;
	o->month = arg;
	return 0;
}

int
cg_touchplan_parse_plot(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err)
{
	o->plot = arg;	/* an empty name is refused by the check */
	return 0;
}

int
cg_touchplan_parse_quarter(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err)
{
	o->want_quarter = 1;
	o->quarter = arg;
	return 0;
}

int
cg_touchplan_parse_stale_days(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err)
{
	long v;

	if (cg_parse_count(arg, 0, CG_TP_MAX_DAYS, "--stale-days", &v,
	    err) < 0)
		return -1;
	o->stale_days = (int)v;
	return 0;
}

int
cg_touchplan_parse_week(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err)
{
	o->want_week = 1;
	o->week = arg;
	return 0;
}

int
cg_touchplan_parse_owner(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err)
{
	o->owner = arg;
	return 0;
}

int
cg_touchplan_parse_strict(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err)
{
	o->strict = 1;
	return 0;
}

int
cg_touchplan_parse_todo(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err)
{
	o->todo = 1;
	return 0;
}

int
cg_touchplan_parse_workdays(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err)
{
	o->workdays = arg;
	return 0;
}

/* One of --week, --month, --quarter or --from/--to, resolved to
 * from..to. */
static int
period(struct cg_touchplan_opts *o, int32_t today, struct cg_err *err)
{
	int nperiod = o->want_week + o->want_month + o->want_quarter +
	    (o->have_from || o->have_to);

	if (nperiod > 1)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "give one of --week, --month, --quarter or --from/--to");
	if (o->have_from != o->have_to)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "--from and --to go together");
	if (o->have_from && o->to < o->from)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "--to is before --from");
	if (o->have_from && o->to - o->from > CG_TP_MAX_DAYS)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "the period is longer than ten years");
	if (o->want_month)
		return cg_tp_period_month(o->month, today, &o->from, &o->to,
		    err);
	if (o->want_quarter)
		return cg_tp_period_quarter(o->quarter, today, &o->from, &o->to,
		    err);
	if (o->want_week || !o->have_from)	/* the default: coming week */
		return cg_tp_period_week(o->week, today, &o->from, &o->to,
		    err);
	return 0;
}

/* A whole number from [touchplan], if there, into *out. */
static int
count_key(struct cg_config *cfg, const char *key, long min, long max,
    int *out, struct cg_err *err)
{
	struct cg_config_entry *e;
	long v;

	if ((e = cg_config_get(cfg, "touchplan", key)) == NULL)
		return 0;
	if (cg_parse_long(e->value, min, max, &v) < 0)
		return cg_config_err(err, cfg, e, "%s: want a whole number "
		    "from %ld to %ld, not '%s'", key, min, max, e->value);
	*out = (int)v;
	return 0;
}

/* Settings: option, else [touchplan] in the config, else the default. */
static int
settings(struct cg_touchplan_opts *o, struct cg_config *cfg,
    struct cg_err *err)
{
	struct cg_config_entry *e;
	const char *wd = o->workdays;
	int capacity = CG_TP_DEFAULT_CAPACITY;
	int visit_capacity = CG_TP_DEFAULT_VISIT_CAPACITY;
	int written_capacity = CG_TP_DEFAULT_WRITTEN_CAPACITY;
	int cluster_km = CG_TP_DEFAULT_CLUSTER_KM;
	int level_days = CG_TP_DEFAULT_LEVEL_DAYS;
	int stale_days = CG_TP_DEFAULT_STALE_DAYS;
	char why[160];

	/* The file's values are checked even where an option wins. */
	if (count_key(cfg, "capacity", 1, CG_TP_MAX_CAPACITY, &capacity,
	    err) < 0 ||
	    count_key(cfg, "visit_capacity", 0, CG_TP_MAX_CAPACITY,
	    &visit_capacity, err) < 0 ||
	    count_key(cfg, "written_capacity", 0, CG_TP_MAX_CAPACITY,
	    &written_capacity, err) < 0 ||
	    count_key(cfg, "cluster_km", 1, CG_TP_MAX_CLUSTER_KM, &cluster_km,
	    err) < 0 ||
	    count_key(cfg, "level_days", 0, CG_TP_MAX_LEVEL_DAYS, &level_days,
	    err) < 0 ||
	    count_key(cfg, "stale_days", 0, CG_TP_MAX_DAYS, &stale_days,
	    err) < 0)
		return -1;
	if ((e = cg_config_get(cfg, "touchplan", "workdays")) != NULL &&
	    wd == NULL) {
		if (cg_tp_workdays_parse(e->value, &o->workday_mask, why,
		    sizeof(why)) < 0)
			return cg_config_err(err, cfg, e, "%s", why);
		wd = e->value;
	}
	if (wd == NULL)
		wd = "mon-fri";
	if (cg_tp_workdays_parse(wd, &o->workday_mask, why, sizeof(why)) < 0)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0, "--workdays: %s",
		    why);
	if ((e = cg_config_get(cfg, "touchplan", "holidays")) != NULL &&
	    o->holidays == NULL)
		o->holidays = e->value;
	if ((e = cg_config_get(cfg, "touchplan", "away")) != NULL &&
	    o->aways == NULL)
		o->aways = e->value;
	if ((e = cg_config_get(cfg, "touchplan", "topics")) != NULL &&
	    o->topics == NULL)
		o->topics = e->value;
	if (o->capacity == 0)
		o->capacity = capacity;
	if (o->visit_capacity < 0)
		o->visit_capacity = visit_capacity;
	if (o->written_capacity < 0)
		o->written_capacity = written_capacity;
	if (o->cluster_km < 0)
		o->cluster_km = cluster_km;
	if (o->level_days < 0)
		o->level_days = level_days;
	if (o->stale_days < 0)
		o->stale_days = stale_days;
	return 0;
}

int
cg_touchplan_check(struct cg_touchplan_opts *o, struct cg_run *run,
    struct cg_err *err)
{
	struct cg_config empty, *cfg = run->cfg;

	if (cfg == NULL) {
		memset(&empty, 0, sizeof(empty));
		cfg = &empty;
	}
	if (period(o, run->today, err) < 0)
		return -1;
	/* A distance for clustering asked for, with no clustering, is a
	 * mistake the plan would not show. */
	if (o->cluster_km >= 0 && !o->cluster)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "--cluster-km needs --cluster-visits");
	cg_tp_cadences_free(&o->cads);
	cg_tp_cadences_free(&o->lead_cads);
	cg_tp_cadences_free(&o->referral_cads);
	/* Leads' and referral sources' sections are read (and checked)
	 * under --by quadrant too, which plans every account as a client. */
	if (cg_tp_cadences_load(&o->cads, o->by_quadrant, cfg, err) < 0 ||
	    cg_tp_cadences_load_pop(&o->lead_cads, CG_TP_LEADS, cfg,
	    err) < 0 ||
	    cg_tp_cadences_load_pop(&o->referral_cads, CG_TP_REFERRALS, cfg,
	    err) < 0 ||
	    settings(o, cfg, err) < 0)
		return -1;
	/* Files read besides the operands, and the plot: no output may
	 * be an input, nor stdout the plot. */
	if ((o->holidays != NULL && cg_run_input(run, "--holidays",
	    o->holidays, err) < 0) ||
	    (o->aways != NULL && cg_run_input(run, "--away", o->aways,
	    err) < 0) ||
	    (o->topics != NULL && cg_run_input(run, "--topics", o->topics,
	    err) < 0) ||
	    (o->plot != NULL && cg_run_output(run, "--plot", o->plot,
	    err) < 0))
		return -1;
	return 0;
}

/* The hooks hand the spine's void * on to the typed functions. */
void
cg_touchplan_hook_init(void *o)
{
	cg_touchplan_opts_init(o);
}

void
cg_touchplan_hook_free(void *o)
{
	cg_touchplan_opts_free(o);
}

int
cg_touchplan_hook_check(void *o, struct cg_run *run, struct cg_err *err)
{
	return cg_touchplan_check(o, run, err);
}

int
cg_touchplan_hook_run(void *o, const struct cg_run *run, struct cg_err *err)
{
	return cg_touchplan_run(o, run, err);
}
