/*
 * prune_ctx.c - a run's judging context: the columns prune reads, found
 * by role once per run (with a note for each found by an alias), the
 * rules that are off for lack of a column (a note, and the reason the
 * summary gives), and what is said after a whole pass over the rows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "clientgrade/field.h"
#include "clientgrade/prune.h"
#include "clientgrade/roles.h"
#include "prune_int.h"

/* What prune reads, for --inspect: every role is optional, because a
 * rule whose columns are missing is off unless it was asked for. */
const struct cg_role_need cg_prune_roles[] = {
	{ "id", 't', 0 }, { "account", 't', 0 }, { "stage", 't', 0 },
	{ "last_contact", 'd', 0 }, { "last_order", 'd', 0 },
	{ "next_contact", 'd', 0 }, { "no_reply", 'n', 0 },
	{ "email", 't', 0 }, { "domain", 't', 0 }, { "phone", 't', 0 },
	{ NULL, 0, 0 }
};

/* A role's column, with a note when an alias found it. */
static int
use(const struct cg_prune_ctx *c, const struct cg_row *hdr, const char *role,
    size_t *col, struct cg_err *err)
{
	int rc = cg_role_use(c->run, hdr, role, col, err);

	if (rc <= 0)
		*col = CG_NO_COL;
	return rc;
}

/*
 * Rule r is off for lack of columns: the note, and what the summary
 * says ("no date column: last_contact, last_order, ..."). The note stays
 * one short line; --inspect lists every header name a role answers to.
 */
static void
off_for_columns(struct cg_prune_ctx *c, int r, const char *what,
    const char *const *roles)
{
	struct cg_buf b = CG_BUF_INIT;
	const char *const *v;
	size_t k = 0;

	c->rules &= ~CG_PRUNE_BIT(r);
	for (v = roles; *v != NULL; v++)
		cg_buf_printf(&b, "%s%s", v == roles ? "" : v[1] == NULL ?
		    " or " : ", ", *v);
	cg_note(c->run, "the %s rule is off: no %s column; pin one with "
	    "--col %s=HEADER", cg_prune_rule_name(r), b.s, roles[0]);
	cg_buf_reset(&b);
	for (v = roles; *v != NULL && k < 3; v++, k++)
		cg_buf_printf(&b, "%s, ", *v);
	snprintf(c->off[r], sizeof(c->off[r]), "no %s column: %s...",
	    r == CG_PRUNE_STALE ? "date" : r == CG_PRUNE_DUPES ? "key" : what,
	    b.s);
	cg_buf_free(&b);
}

/* Why a rule the options turned off is off, for the summary. */
static void
off_by_options(struct cg_prune_ctx *c)
{
	int r;

	for (r = 0; r < CG_PRUNE_NRULES; r++) {
		if (c->o->rules & CG_PRUNE_BIT(r))
			continue;
		if (c->o->off & CG_PRUNE_BIT(r))
			snprintf(c->off[r], sizeof(c->off[r]), "--no-%s",
			    cg_prune_rule_name(r));
		else
			snprintf(c->off[r], sizeof(c->off[r]), "%s",
			    c->o->rules_config ? "not in rules = of [prune]" :
			    "not in --rules");
	}
}

int
cg_prune_ctx_init(struct cg_prune_ctx *c, const struct cg_prune_opts *o,
    const struct cg_run *run, const struct cg_row *hdr, const char *file,
    struct cg_err *err)
{
	static const char *const keyrole[CG_KEY_N] = {
		"account", "email", "email", "domain", "phone"
	};
	static const unsigned keybit[CG_KEY_N] = {
		CG_DUPE_NAME, CG_DUPE_EMAIL, CG_DUPE_DOMAIN, CG_DUPE_DOMAIN,
		CG_DUPE_PHONE
	};
	static const char *const dates[] = { "last_contact", "last_order",
		NULL };
	unsigned asked = o->asked & o->rules;
	const char *keys[CG_KEY_N + 1];
	size_t i, nk = 0;
	int stale, dupes, any = 0;

	memset(c, 0, sizeof(*c));
	c->o = o;
	c->run = run;
	c->rules = o->rules;
	c->c_contact = c->c_order = c->c_next = c->c_stage = CG_NO_COL;
	c->c_noreply = c->c_id = CG_NO_COL;
	for (i = 0; i < CG_KEY_N; i++)
		c->c_key[i] = CG_NO_COL;
	cg_stage_memo_init(&c->stages, run->stages, &c->extra);
	cg_datecol_init(&c->dc_contact, run->dates);
	cg_datecol_init(&c->dc_order, run->dates);
	cg_datecol_init(&c->dc_next, run->dates);
	c->c_cond = cg_xcalloc(o->nconds + 1, sizeof(size_t));
	off_by_options(c);
	stale = (o->rules & CG_PRUNE_BIT(CG_PRUNE_STALE)) != 0;
	dupes = (o->rules & CG_PRUNE_BIT(CG_PRUNE_DUPES)) != 0;

	/* Only the roles of rules in force are looked for, so every alias
	 * note is about a column that changes the answer. */
	if ((stale || dupes) &&
	    use(c, hdr, "last_contact", &c->c_contact, err) < 0)
		return -1;
	if (stale && use(c, hdr, "last_order", &c->c_order, err) < 0)
		return -1;
	if (stale && c->c_contact == CG_NO_COL && c->c_order == CG_NO_COL) {
		if (asked & CG_PRUNE_BIT(CG_PRUNE_STALE))
			return cg_err_set(err, CG_EROLE, file, 0, 0,
			    "rule stale needs a last_contact or last_order "
			    "column; use --col last_contact=HEADER");
		off_for_columns(c, CG_PRUNE_STALE,
		    "last_contact or last_order", dates);
		stale = 0;
	}
	if (stale && (use(c, hdr, "next_contact", &c->c_next, err) < 0 ||
	    use(c, hdr, "stage", &c->c_stage, err) < 0))
		return -1;
	if (stale && c->c_stage == CG_NO_COL)
		cg_note(run, "no stage column: the stale rule takes every "
		    "row for a prospect; pin one with --col stage=HEADER");

	if (o->rules & CG_PRUNE_BIT(CG_PRUNE_NOREPLY)) {
		static const char *const nr[] = { "no_reply", NULL };
		if (asked & CG_PRUNE_BIT(CG_PRUNE_NOREPLY)) {
			if (cg_role_use_required(run, hdr, "no_reply", file,
			    &c->c_noreply, err) < 0)
				return -1;
		} else if (use(c, hdr, "no_reply", &c->c_noreply, err) < 0)
			return -1;
		if (c->c_noreply == CG_NO_COL)
			off_for_columns(c, CG_PRUNE_NOREPLY, "no_reply", nr);
	}

	if (o->rules & CG_PRUNE_BIT(CG_PRUNE_FIT)) {
		if (o->nconds == 0) {
			c->rules &= ~CG_PRUNE_BIT(CG_PRUNE_FIT);
			snprintf(c->off[CG_PRUNE_FIT], sizeof(c->off[0]),
			    "no --require or --min");
		} else if (prune_fit_bind(c, hdr, file, err) < 0)
			return -1;
	}

	if (dupes) {
		for (i = 0; i < CG_KEY_N; i++) {
			if (!(o->dupe_keys & keybit[i]))
				continue;
			/* The email column serves two keys: found once. */
			if (i == CG_KEY_MAILDOMAIN &&
			    (o->dupe_keys & CG_DUPE_EMAIL))
				c->c_key[i] = c->c_key[CG_KEY_EMAIL];
			else {
				if (use(c, hdr, keyrole[i], &c->c_key[i],
				    err) < 0)
					return -1;
				keys[nk++] = keyrole[i];
			}
			if (c->c_key[i] != CG_NO_COL)
				any = 1;
		}
		keys[nk] = NULL;
		if (!any) {
			if (asked & CG_PRUNE_BIT(CG_PRUNE_DUPES))
				return cg_err_set(err, CG_EROLE, file, 0, 0,
				    "rule dupes finds no column for its keys "
				    "(account, email, domain, phone); use --col "
				    "account=HEADER");
			off_for_columns(c, CG_PRUNE_DUPES, "key", keys);
		} else if (use(c, hdr, "id", &c->c_id, err) < 0)
			return -1;
	}
	for (i = 0; i < o->nclient_stages; i++)
		cg_stages_add(&c->extra, o->client_stages[i],
		    strlen(o->client_stages[i]), CG_STAGE_CLIENT);
	return 0;
}

void
cg_prune_ctx_free(struct cg_prune_ctx *c)
{
	size_t i;

	free(c->c_cond);
	c->c_cond = NULL;
	prune_fit_free(c->fit);
	c->fit = NULL;
	cg_buf_free(&c->reason);
	for (i = 0; i < CG_KEY_N; i++)
		cg_buf_free(&c->keys[i]);
	cg_stages_free(&c->extra);
	cg_stage_memo_free(&c->stages);
}

void
cg_prune_ctx_pass_done(struct cg_prune_ctx *c, int final)
{
	struct cg_buf b = CG_BUF_INIT;
	size_t total;

	if (c->fit != NULL)
		prune_fit_report(c);
	if (!final)
		return;
	total = cg_stage_memo_unknown(&c->stages, &b);
	if (total > 0)
		cg_note(c->run, "%lu row%s pruned as stale ha%s a stage the "
		    "vocabulary does not know: %s; if they are clients or "
		    "referral sources, add them to [stages] (or "
		    "--client-stages)", total,
		    total == 1 ? "" : "s", total == 1 ? "s" : "ve", b.s);
	cg_buf_free(&b);
}

