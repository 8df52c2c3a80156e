/*
 * rollup - from a deal or order log to per-account volume, frequency and
 * recency. All the work is in lib/rollup/; this file is the option table.
 */
#include "clientgrade/rollup.h"
#include "clientgrade/tool.h"

/* A setter that stores its argument (v: a) or sets a flag (v: 1). */
#define OPTS(o) ((struct cg_rollup_opts *)(o))
#define SET(name, field, v) \
	static int name(void *o, const char *a, struct cg_err *e) \
	{ (void)a; (void)e; OPTS(o)->field = v; return 0; }
SET(set_key, key, a)
SET(set_value, value, a)
SET(set_date, date, a)
SET(set_owner_from, owner_from, a)
SET(set_accounts, accounts, a)
SET(set_accounts_key, accounts_key, a)
SET(set_rejects, rejects, a)
SET(set_replace, replace, 1)
SET(set_strict, strict, 1)
CG_SETTER(set_where, cg_rollup_add_where)
CG_SETTER(set_distinct, cg_rollup_add_distinct)
CG_SETTER(set_window, cg_rollup_parse_window)

static const struct cg_opt opts[] = {
	CG_OPT_GROUP("Deals"),
	{ "key", 0, CG_ARG_REQUIRED, "header",
	    "the account column (default: role account)", set_key },
	{ "value", 0, CG_ARG_REQUIRED, "header",
	    "the deal's value (default: role value)", set_value },
	{ "date", 0, CG_ARG_REQUIRED, "header",
	    "the deal's date (default: role date)", set_date },
	{ "where", 0, CG_ARG_REQUIRED, "col=value",
	    "count deals where COL=VALUE (also != < <= > >=)", set_where },
	CG_OPT_GROUP("Figures"),
	{ "distinct", 0, CG_ARG_REQUIRED, "header",
	    "add contacts: HEADER's distinct values; repeatable", set_distinct },
	{ "owner-from", 0, CG_ARG_REQUIRED, "header",
	    "add owner: the HEADER with the most volume", set_owner_from },
	{ "window", 0, CG_ARG_REQUIRED, "days",
	    "days of orders_12m, volume_12m (default: 365)", set_window },
	CG_OPT_GROUP("Accounts"),
	{ "accounts", 0, CG_ARG_REQUIRED, "file",
	    "join the figures onto the accounts in FILE", set_accounts },
	{ "accounts-key", 0, CG_ARG_REQUIRED, "header",
	    "its key (default: as --key, or role account)", set_accounts_key },
	{ "replace", 0, CG_ARG_NONE, NULL,
	    "fill same-named columns instead of appending", set_replace },
	CG_OPT_GROUP("Skipped deals"),
	{ "rejects", 0, CG_ARG_REQUIRED, "file",
	    "write skipped deals to FILE, with the reason", set_rejects },
	{ "strict", 0, CG_ARG_NONE, NULL,
	    "make the first skipped deal an error", set_strict },
	CG_OPT_END
};

static const char *const sections[] = { "rollup", NULL };

static void init(void *o) { cg_rollup_opts_init(o); }
static void release(void *o) { cg_rollup_opts_free(o); }
static int check(void *o, struct cg_run *r, struct cg_err *e)
{ return cg_rollup_check(o, r, e); }
static int run(void *o, const struct cg_run *r, struct cg_err *e)
{ return cg_rollup_run(o, r, e); }

#define IND "\n              "	/* under the first word after "usage: " */
static const struct cg_tool tool = {
	"rollup",
	"rollup [--key header] [--value header] [--date header]"
	IND "[--where col=value]... [--distinct header]..."
	IND "[--owner-from header] [--window days]"
	IND "[--accounts file [--accounts-key header] [--replace]]"
	IND "[--rejects file] [--strict] [--col role=header]..."
	IND "[--config file] [--dates us|eu|iso] [--decimal dot|comma]"
	IND "[--delimiter c] [--today yyyy-mm-dd] [file ...]",
	opts, sections, init, check, run, release, cg_rollup_roles
};

int
main(int argc, char *argv[])
{
	struct cg_rollup_opts o;

	return cg_tool_main(&tool, &o, argc, argv);
}
