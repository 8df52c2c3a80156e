/*
 * prune_opts.c - prune's settings: defaults, the setters behind every
 * option of cmd/prune.c's table, the [prune] config section, and the
 * check hook that follows them all (the rejects-file rule, --no-*). The
 * command line and the config share one parser per setting, so a value
 * that works in one works in the other.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clientgrade/alloc.h"
#include "clientgrade/config.h"
#include "clientgrade/optparse.h"
#include "clientgrade/prune.h"
#include "clientgrade/text.h"
#include "clientgrade/value.h"
#include "prune_int.h"

#define MAX_DAYS 36525L		/* a century of days is surely a typo beyond */
#define MAX_UNANSWERED 1000000L

static const char *const rule_names[CG_PRUNE_NRULES] = {
	"stale", "noreply", "fit", "dupes"
};

static const char *const key_names[] = { "name", "email", "domain", "phone" };

const char *
cg_prune_rule_name(int rule)
{
	return rule >= 0 && rule < CG_PRUNE_NRULES ? rule_names[rule] : "?";
}

static void
free_stages(struct cg_prune_opts *o)
{
	size_t i;

	for (i = 0; i < o->nclient_stages; i++)
		free(o->client_stages[i]);
	free(o->client_stages);
	o->client_stages = NULL;
	o->nclient_stages = 0;
}

void
cg_prune_opts_init(struct cg_prune_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->rules = CG_PRUNE_ALL;
	o->stale_days = 180;
	o->max_unanswered = 5;
	o->dupe_keys = CG_DUPE_DEFAULT;
	o->max_reject = 50;
	/* Clients come from the run's stage vocabulary (stage.h); the
	 * options only add to it. */
}

void
cg_prune_opts_free(struct cg_prune_opts *o)
{
	size_t i;

	free_stages(o);
	for (i = 0; i < o->nconds; i++) {
		free(o->conds[i].spec);
		free(o->conds[i].col);
		free(o->conds[i].value);
	}
	free(o->conds);
	o->conds = NULL;
	o->nconds = 0;
}

/* Split a comma list and map each word through names[] to bits. */
static int
parse_list(const char *s, const char *const *names, size_t nnames,
    unsigned *bits, const char *what, struct cg_err *err)
{
	unsigned b = 0;
	const char *p = s;

	while (*p != '\0') {
		size_t n = strcspn(p, ","), i, k = n;
		const char *w = p;

		cg_trim(&w, &k);
		for (i = 0; i < nnames; i++)
			if (strlen(names[i]) == k && strncasecmp(names[i], w, k) == 0)
				break;
		if (k > 0 && i == nnames)
			return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
			    "unknown %s '%.*s' in '%s' (known: %s, %s, %s, %s)",
			    what, (int)k, w, s, names[0], names[1], names[2],
			    names[3]);
		if (k > 0)
			b |= 1u << i;
		p += n;
		if (*p == ',')
			p++;
	}
	*bits = b;
	return 0;
}

int
cg_prune_parse_rules(const char *s, unsigned *bits, struct cg_err *err)
{
	return parse_list(s, rule_names, CG_PRUNE_NRULES, bits, "rule", err);
}

int
cg_prune_parse_keys(const char *s, unsigned *bits, struct cg_err *err)
{
	return parse_list(s, key_names, 4, bits, "duplicate key", err);
}

int
cg_prune_parse_stages(struct cg_prune_opts *o, const char *s,
    struct cg_err *err)
{
	const char *p = s;

	free_stages(o);
	while (*p != '\0') {
		size_t n = strcspn(p, ","), k = n;
		const char *w = p;

		cg_trim(&w, &k);
		if (k > 0) {
			o->client_stages = cg_xreallocarray(o->client_stages,
			    o->nclient_stages + 1, sizeof(char *));
			o->client_stages[o->nclient_stages++] =
			    cg_xstrndup(w, k);
		}
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

int
cg_prune_set_rejects(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err)
{
	o->rejects_path = arg;
	return 0;
}

int
cg_prune_set_dry_run(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err)
{
	o->dry_run = 1;
	return 0;
}

int
cg_prune_set_summary(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err)
{
	o->summary = 1;
	return 0;
}

int
cg_prune_set_rules(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err)
{
	unsigned bits;

	if (cg_prune_parse_rules(arg, &bits, err) < 0)
		return -1;
	o->rules = bits;
	o->asked |= bits;
	o->set |= CG_PRUNE_SET_RULES;
	return 0;
}

/* --no-RULE: remembered apart, so it wins over --rules and the config
 * whatever the order. */
static int
rule_off(struct cg_prune_opts *o, int rule)
{
	o->off |= CG_PRUNE_BIT(rule);
	return 0;
}

int
cg_prune_set_no_stale(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err)
{
	return rule_off(o, CG_PRUNE_STALE);
}

int
cg_prune_set_no_noreply(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err)
{
	return rule_off(o, CG_PRUNE_NOREPLY);
}

int
cg_prune_set_no_fit(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err)
{
	return rule_off(o, CG_PRUNE_FIT);
}

int
cg_prune_set_no_dupes(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err)
{
	return rule_off(o, CG_PRUNE_DUPES);
}

/* The value of stale days / max unanswered, for option or key `what`. */
static int
parse_stale(struct cg_prune_opts *o, const char *s, const char *what,
    struct cg_err *err)
{
	long v;

	if (cg_parse_count(s, 0, MAX_DAYS, what, &v, err) < 0)
		return -1;
	o->stale_days = v;
	return 0;
}

static int
parse_unanswered(struct cg_prune_opts *o, const char *s, const char *what,
    struct cg_err *err)
{
	long v;

	if (cg_parse_count(s, 1, MAX_UNANSWERED, what, &v, err) < 0)
		return -1;
	o->max_unanswered = (double)v;
	return 0;
}

int
cg_prune_set_stale_days(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err)
{
	if (parse_stale(o, arg, "--stale-days", err) < 0)
		return -1;
	o->set |= CG_PRUNE_SET_STALE;
	o->asked |= CG_PRUNE_BIT(CG_PRUNE_STALE);
	return 0;
}

int
cg_prune_set_stages(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err)
{
	if (cg_prune_parse_stages(o, arg, err) < 0)
		return -1;
	o->set |= CG_PRUNE_SET_STAGES;
	return 0;
}

int
cg_prune_set_max_unanswered(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err)
{
	if (parse_unanswered(o, arg, "--max-unanswered", err) < 0)
		return -1;
	o->set |= CG_PRUNE_SET_NOREPLY;
	o->asked |= CG_PRUNE_BIT(CG_PRUNE_NOREPLY);
	return 0;
}

int
cg_prune_set_require(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err)
{
	return cg_prune_add_cond(o, arg, 0, err);
}

int
cg_prune_set_min(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err)
{
	return cg_prune_add_cond(o, arg, 1, err);
}

int
cg_prune_set_keys(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err)
{
	if (cg_prune_parse_keys(arg, &o->dupe_keys, err) < 0)
		return -1;
	o->set |= CG_PRUNE_SET_KEYS;
	o->asked |= CG_PRUNE_BIT(CG_PRUNE_DUPES);
	return 0;
}

static int
parse_max_reject(struct cg_prune_opts *o, const char *s, const char *what,
    struct cg_err *err)
{
	long v;

	if (cg_parse_count(s, 0, 100, what, &v, err) < 0)
		return -1;
	o->max_reject = (int)v;
	return 0;
}

int
cg_prune_set_max_reject(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err)
{
	if (parse_max_reject(o, arg, "--max-reject", err) < 0)
		return -1;
	o->set |= CG_PRUNE_SET_MAXREJ;
	return 0;
}

int
cg_prune_set_force(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err)
{
	o->force = 1;
	return 0;
}

/* One [prune] entry: 0, -1, or 1 for a key prune does not know. */
static int
config_entry(struct cg_prune_opts *o, const struct cg_config_entry *e,
    struct cg_err *err)
{
	unsigned set = o->set;

	if (strcmp(e->key, "rules") == 0) {
		if (set & CG_PRUNE_SET_RULES)
			return 0;
		o->rules_config = 1;
		return cg_prune_parse_rules(e->value, &o->rules, err);
	}
	if (strcmp(e->key, "max_reject") == 0)
		return set & CG_PRUNE_SET_MAXREJ ? 0 :
		    parse_max_reject(o, e->value, e->key, err);
	if (strcmp(e->key, "stale_days") == 0)
		return set & CG_PRUNE_SET_STALE ? 0 :
		    parse_stale(o, e->value, e->key, err);
	if (strcmp(e->key, "max_unanswered") == 0)
		return set & CG_PRUNE_SET_NOREPLY ? 0 :
		    parse_unanswered(o, e->value, e->key, err);
	if (strcmp(e->key, "dupe_keys") == 0)
		return set & CG_PRUNE_SET_KEYS ? 0 :
		    cg_prune_parse_keys(e->value, &o->dupe_keys, err);
	if (strcmp(e->key, "client_stages") == 0)
		return set & CG_PRUNE_SET_STAGES ? 0 :
		    cg_prune_parse_stages(o, e->value, err);
	if (strcmp(e->key, "require") == 0)
		return cg_prune_add_cond(o, e->value, 0, err);
	if (strcmp(e->key, "min") == 0)
		return cg_prune_add_cond(o, e->value, 1, err);
	return 1;
}

int
cg_prune_config(struct cg_prune_opts *o, struct cg_config *cfg,
    struct cg_err *err)
{
	struct cg_config_entry *e;
	size_t it = 0;
	int rc;

	while ((e = cg_config_each(cfg, "prune", &it)) != NULL) {
		if ((rc = config_entry(o, e, err)) > 0) {
			e->used = 0;	/* left for cg_config_check to report */
			continue;
		}
		if (rc < 0) {
			/* Point the message at the config line. */
			if (err != NULL && err->code == CG_EUSAGE) {
				char msg[sizeof(err->msg)];
				memcpy(msg, err->msg, sizeof(msg));
				return cg_config_err(err, cfg, e, "%s", msg);
			}
			return -1;
		}
	}
	return 0;
}

int
cg_prune_opts_check(struct cg_prune_opts *o, struct cg_run *run,
    struct cg_err *err)
{
	/* --inspect only reads: it needs no rejects file. */
	int writes = !o->dry_run && !run->inspect;

	if (writes && o->rejects_path == NULL)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0, "refusing to "
		    "drop rows without --rejects FILE (or --dry-run to count "
		    "them)");
	/* Declared, so the spine refuses a rejects file that is also an
	 * input or stdout before a byte is written. "-" is stdout itself. */
	if (writes && strcmp(o->rejects_path, "-") != 0 &&
	    cg_run_output(run, "--rejects", o->rejects_path, err) < 0)
		return -1;
	if (run->cfg != NULL && cg_prune_config(o, run->cfg, err) < 0)
		return -1;
	if (prune_fit_check_bounds(o, err) < 0)
		return -1;
	o->rules &= ~o->off;
	o->asked &= ~o->off;
	return 0;
}
