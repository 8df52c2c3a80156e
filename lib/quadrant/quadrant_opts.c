/*
 * quadrant_opts.c - the quadrant settings: defaults, the option setters
 * the command's table points at, --cut, the check of option
 * combinations, and the [quadrant], [quadrant.names] and
 * [quadrant.effort] config sections (options win over the file);
 * [quadrant.time] is retired and refused, naming [quadrant.effort].
 */
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/optparse.h"
#include "clientgrade/quadrant.h"
#include "clientgrade/value.h"

static const char *const default_names[CG_Q_N] = {
	"Key", "Growth", "Maintenance", "Service"
};
/* Config keys of the quadrants, in enum cg_quad order. */
static const char *const quad_keys[CG_Q_N] = {
	"key", "growth", "maintenance", "service"
};
/*
 * The article behind the matrix ranks the quadrants but gives no
 * figures; these efforts follow its ranking: most work per account
 * where engagement and potential are both high, next where potential
 * waits for engagement, then keeping engaged small accounts, least on
 * vendors. They are per account, so a quadrant's share of the time
 * grows with its count (quadrant_summary.c).
 */
static const double default_effort[CG_Q_N] = { 4, 3, 2, 1 };

/* Most effort a quadrant may be given: relative figures, 1000 to 1 is
 * already more spread than any plan needs. */
#define EFFORT_MAX 1000

void
cg_quadrant_opts_init(struct cg_quadrant_opts *o)
{
	int i;

	memset(o, 0, sizeof(*o));
	o->labels = 10;
	for (i = 0; i < CG_Q_N; i++) {
		o->names[i] = cg_xstrdup(default_names[i]);
		o->effort[i] = default_effort[i];
	}
}

void
cg_quadrant_opts_free(struct cg_quadrant_opts *o)
{
	int i;

	for (i = 0; i < CG_Q_N; i++) {
		free(o->names[i]);
		o->names[i] = NULL;
	}
	free(o->cut_args);
	o->cut_args = NULL;
	o->ncut = 0;
}

int
cg_quadrant_parse_cut(struct cg_quadrant_opts *o, const char *arg,
    struct cg_err *err)
{
	o->cut_args = cg_xreallocarray(o->cut_args, o->ncut + 1,
	    sizeof(*o->cut_args));
	o->cut_args[o->ncut++] = arg;
	return 0;
}

int
cg_quadrant_parse_explain(struct cg_quadrant_opts *o, const char *arg,
    struct cg_err *err)
{
	o->explain = 1;
	return 0;
}

int
cg_quadrant_parse_log(struct cg_quadrant_opts *o, const char *arg,
    struct cg_err *err)
{
	o->plot_log = 1;
	return 0;
}

int
cg_quadrant_parse_plot(struct cg_quadrant_opts *o, const char *arg,
    struct cg_err *err)
{
	o->plot = arg;
	return 0;
}

int
cg_quadrant_parse_labels(struct cg_quadrant_opts *o, const char *arg,
    struct cg_err *err)
{
	return cg_parse_count(arg, 0, 1000, "--labels", &o->labels, err);
}

int
cg_quadrant_parse_potential(struct cg_quadrant_opts *o, const char *arg,
    struct cg_err *err)
{
	if (strcmp(arg, "headroom") == 0)
		o->headroom = 1;
	else if (strcmp(arg, "column") == 0)
		o->headroom = 0;
	else
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0, "--potential "
		    "wants 'column' or 'headroom', not '%s'", arg);
	o->headroom_given = 1;
	return 0;
}

int
cg_quadrant_parse_summary(struct cg_quadrant_opts *o, const char *arg,
    struct cg_err *err)
{
	if (arg == NULL || strcmp(arg, "csv") == 0)
		o->summary = CG_QSUM_CSV;
	else if (strcmp(arg, "text") == 0)
		o->summary = CG_QSUM_TEXT;
	else
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0, "--summary "
		    "wants 'csv' or 'text', not '%s'", arg);
	return 0;
}

/* "median" or a number; 0 median, 1 number, -1 neither. */
static int
cut_value(const char *s, size_t n, char decimal, double *v)
{
	if (n == 6 && memcmp(s, "median", 6) == 0)
		return 0;
	if (cg_parse_num(s, n, decimal ? decimal : '.', v, NULL) != CG_V_OK)
		return -1;
	return 1;
}

static int
axis_of(const char *s, size_t n)
{
	if (n == 10 && memcmp(s, "engagement", 10) == 0)
		return CG_AX_E;
	if (n == 9 && memcmp(s, "potential", 9) == 0)
		return CG_AX_P;
	return -1;
}

int
cg_quadrant_cut_arg(struct cg_quadrant_opts *o, const char *arg,
    char decimal, struct cg_err *err)
{
	const char *s = arg, *eq, *end, *a, *b;
	int ax, rc;
	double v = 0;

	while (*s != '\0') {
		if ((eq = strchr(s, '=')) == NULL ||
		    (ax = axis_of(s, (size_t)(eq - s))) < 0)
			return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
			    "--cut: expected engagement=N or potential=N, "
			    "got '%s'", s);
		/*
		 * A decimal comma may be part of the number, so only a
		 * comma before the next axis name ends the value.
		 */
		a = strstr(eq, ",engagement=");
		b = strstr(eq, ",potential=");
		end = a != NULL && (b == NULL || a < b) ? a : b;
		if (end == NULL)
			end = eq + strlen(eq);
		if ((rc = cut_value(eq + 1, (size_t)(end - eq - 1), decimal,
		    &v)) < 0)
			return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
			    "--cut: %s: '%.*s' is not a number or 'median'",
			    ax == CG_AX_E ? "engagement" : "potential",
			    (int)(end - eq - 1), eq + 1);
		o->cut_fixed[ax] = rc;
		o->cut[ax] = v;
		o->cut_given[ax] = 1;
		s = *end == ',' ? end + 1 : end;
	}
	return 0;
}

/* A name we write at the start of a cell: no formula, no control bytes. */
static int
name_ok(const char *s)
{
	if (*s == '\0' || strchr("=+-@", *s) != NULL)
		return 0;
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

static int
config_cuts(struct cg_quadrant_opts *o, struct cg_config *cfg,
    struct cg_err *err)
{
	static const char *const keys[2] = { "cut_engagement",
	    "cut_potential" };
	struct cg_config_entry *e;
	double v = 0;
	int ax, rc;

	for (ax = 0; ax < 2; ax++) {
		if ((e = cg_config_get(cfg, "quadrant", keys[ax])) == NULL ||
		    o->cut_given[ax])
			continue;
		if ((rc = cut_value(e->value, strlen(e->value), '.', &v)) < 0)
			return cg_config_err(err, cfg, e,
			    "%s: '%s' is not a number or 'median'", keys[ax],
			    e->value);
		o->cut_fixed[ax] = rc;
		o->cut[ax] = v;
	}
	if ((e = cg_config_get(cfg, "quadrant", "potential")) != NULL &&
	    !o->headroom_given) {
		if (strcmp(e->value, "headroom") == 0)
			o->headroom = 1;
		else if (strcmp(e->value, "column") == 0)
			o->headroom = 0;
		else
			return cg_config_err(err, cfg, e,
			    "potential: expected 'column' or 'headroom', "
			    "got '%s'", e->value);
	}
	return 0;
}

/*
 * [quadrant.time] gave each quadrant a fixed share of the time whatever
 * its size, so a lone account could take a fifth of it. It is refused,
 * rather than kept beside [quadrant.effort] with a meaning that
 * contradicts it, and the message says what to write instead.
 */
static int
time_retired(struct cg_config *cfg, struct cg_err *err)
{
	struct cg_config_entry *e;
	size_t it = 0;

	if ((e = cg_config_each(cfg, "quadrant.time", &it)) == NULL)
		return 0;
	return cg_config_err(err, cfg, e, "[quadrant.time] is retired: a "
	    "fixed share per quadrant gave a lone account a fifth of the "
	    "time; give effort per account in [quadrant.effort] instead "
	    "(key = 4, growth = 3, maintenance = 2, service = 1), and the "
	    "shares follow from the counts");
}

int
cg_quadrant_config(struct cg_quadrant_opts *o, struct cg_config *cfg,
    struct cg_err *err)
{
	struct cg_config_entry *e, *last = NULL;
	double v, sum = 0;
	int i;

	if (config_cuts(o, cfg, err) < 0 || time_retired(cfg, err) < 0)
		return -1;
	for (i = 0; i < CG_Q_N; i++) {
		if ((e = cg_config_get(cfg, "quadrant.names",
		    quad_keys[i])) != NULL) {
			if (!name_ok(e->value))
				return cg_config_err(err, cfg, e,
				    "%s: a name must not be empty, start with "
				    "= + - @ or hold control characters",
				    quad_keys[i]);
			free(o->names[i]);
			o->names[i] = cg_xstrdup(e->value);
		}
		if ((e = cg_config_get(cfg, "quadrant.effort",
		    quad_keys[i])) != NULL) {
			if (cg_config_num(cfg, e, &v, err) < 0)
				return -1;
			if (strchr(e->value, '%') != NULL || v < 0 ||
			    v > EFFORT_MAX)
				return cg_config_err(err, cfg, e,
				    "%s: effort per account is a number from 0 "
				    "to %d (relative: key = 4 is twice "
				    "maintenance = 2), not '%s'", quad_keys[i],
				    EFFORT_MAX, e->value);
			o->effort[i] = v;
			last = e;
		}
	}
	for (i = 0; i < CG_Q_N; i++)
		sum += o->effort[i];
	if (last != NULL && sum == 0)
		return cg_config_err(err, cfg, last,
		    "[quadrant.effort] gives every quadrant 0: no time to "
		    "share");
	return 0;
}

int
cg_quadrant_check(struct cg_quadrant_opts *o, struct cg_run *run,
    struct cg_err *err)
{
	size_t i;

	if (o->summary != CG_QSUM_NONE && o->plot != NULL &&
	    strcmp(o->plot, "-") == 0)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0, "--summary and "
		    "--plot - both write to standard output; give --plot a "
		    "file");
	/* The SVG file, so the spine refuses one that is also an input or
	 * standard output (and an empty name) before a byte is written. */
	if (o->plot != NULL && strcmp(o->plot, "-") != 0 &&
	    cg_run_output(run, "--plot", o->plot, err) < 0)
		return -1;
	for (i = 0; i < o->ncut; i++)
		if (cg_quadrant_cut_arg(o, o->cut_args[i], run->decimal,
		    err) < 0)
			return -1;
	return run->cfg != NULL ? cg_quadrant_config(o, run->cfg, err) : 0;
}
