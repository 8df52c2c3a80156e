/*
 * prune_opts.c - prune's settings: defaults, the option syntaxes shared by
 * the command line and the [prune] config section.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clientgrade/alloc.h"
#include "clientgrade/config.h"
#include "clientgrade/prune.h"
#include "clientgrade/value.h"

static const char *const rule_names[CG_PRUNE_NRULES] = {
	"stale", "noreply", "fit", "dupes"
};

static const char *const key_names[] = { "name", "email", "domain", "phone" };

/* Stages that mean the row is a client, not a prospect: stale does not
 * apply to them (a client who orders without calls is not stale). */
static const char *const default_stages[] = {
	"client", "customer", "active", "won", "closed won"
};

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
	size_t i, n = sizeof(default_stages) / sizeof(default_stages[0]);

	memset(o, 0, sizeof(*o));
	o->rules = CG_PRUNE_ALL;
	o->stale_days = 180;
	o->max_unanswered = 5;
	o->dupe_keys = CG_DUPE_DEFAULT;
	o->client_stages = cg_xcalloc(n, sizeof(char *));
	for (i = 0; i < n; i++)
		o->client_stages[i] = cg_xstrdup(default_stages[i]);
	o->nclient_stages = n;
	o->prog = "prune";
}

void
cg_prune_opts_free(struct cg_prune_opts *o)
{
	size_t i;

	free_stages(o);
	for (i = 0; i < o->nconds; i++) {
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

		while (k > 0 && *w == ' ') {
			w++;
			k--;
		}
		while (k > 0 && w[k - 1] == ' ')
			k--;
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
		size_t n = strcspn(p, ",");
		o->client_stages = cg_xreallocarray(o->client_stages,
		    o->nclient_stages + 1, sizeof(char *));
		o->client_stages[o->nclient_stages++] = cg_xstrndup(p, n);
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

int
cg_prune_add_cond(struct cg_prune_opts *o, const char *spec, int is_min,
    struct cg_err *err)
{
	const char *eq = strchr(spec, '=');
	struct cg_prune_cond *c;
	double v = 0;

	if (eq == NULL || eq == spec)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "bad --%s '%s' (want COLUMN=%s)", is_min ? "min" : "require",
		    spec, is_min ? "NUMBER" : "VALUE");
	if (is_min && cg_parse_num(eq + 1, strlen(eq + 1), '.', &v, NULL) !=
	    CG_V_OK)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "bad --min '%s': '%s' is not a number", spec, eq + 1);
	o->conds = cg_xreallocarray(o->conds, o->nconds + 1, sizeof(*o->conds));
	c = &o->conds[o->nconds++];
	c->col = cg_xstrndup(spec, (size_t)(eq - spec));
	c->value = cg_xstrdup(eq + 1);
	c->is_min = is_min;
	c->min = v;
	return 0;
}

/* A whole non-negative number from a config entry. */
static int
config_count(struct cg_config *cfg, struct cg_config_entry *e, double *out,
    struct cg_err *err)
{
	if (cg_config_num(cfg, e, out, err) < 0)
		return -1;
	if (*out < 0 || *out > 1e9)
		return cg_config_err(err, cfg, e,
		    "bad value '%s' for '%s' (want 0 or more)", e->value,
		    e->key);
	return 0;
}

int
cg_prune_config(struct cg_prune_opts *o, struct cg_config *cfg,
    unsigned set_by_cli, struct cg_err *err)
{
	struct cg_config_entry *e;
	size_t it = 0;
	double v;

	while ((e = cg_config_each(cfg, "prune", &it)) != NULL) {
		int rc = 0;
		if (strcmp(e->key, "rules") == 0) {
			if (!(set_by_cli & CG_PRUNE_SET_RULES))
				rc = cg_prune_parse_rules(e->value, &o->rules, err);
		} else if (strcmp(e->key, "stale_days") == 0) {
			if ((rc = config_count(cfg, e, &v, err)) == 0 &&
			    !(set_by_cli & CG_PRUNE_SET_STALE))
				o->stale_days = (long)v;
		} else if (strcmp(e->key, "max_unanswered") == 0) {
			if ((rc = config_count(cfg, e, &v, err)) == 0 &&
			    !(set_by_cli & CG_PRUNE_SET_NOREPLY))
				o->max_unanswered = v;
		} else if (strcmp(e->key, "dupe_keys") == 0) {
			if (!(set_by_cli & CG_PRUNE_SET_KEYS))
				rc = cg_prune_parse_keys(e->value, &o->dupe_keys,
				    err);
		} else if (strcmp(e->key, "client_stages") == 0) {
			if (!(set_by_cli & CG_PRUNE_SET_STAGES))
				rc = cg_prune_parse_stages(o, e->value, err);
		} else if (strcmp(e->key, "require") == 0) {
			rc = cg_prune_add_cond(o, e->value, 0, err);
		} else if (strcmp(e->key, "min") == 0) {
			rc = cg_prune_add_cond(o, e->value, 1, err);
		} else {
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
