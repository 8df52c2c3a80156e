/*
 * prune - move stale, silent, unqualified and duplicate prospects into a
 * rejects file (prune(1)). The work is in lib/prune/; this is the table.
 */
#include "clientgrade/prune.h"
#include "clientgrade/tool.h"

CG_SETTER(set_rejects, cg_prune_set_rejects)
CG_SETTER(set_dry_run, cg_prune_set_dry_run)
CG_SETTER(set_summary, cg_prune_set_summary)
CG_SETTER(set_max_reject, cg_prune_set_max_reject)
CG_SETTER(set_force, cg_prune_set_force)
CG_SETTER(set_rules, cg_prune_set_rules)
CG_SETTER(no_stale, cg_prune_set_no_stale)
CG_SETTER(no_noreply, cg_prune_set_no_noreply)
CG_SETTER(no_fit, cg_prune_set_no_fit)
CG_SETTER(no_dupes, cg_prune_set_no_dupes)
CG_SETTER(set_stale, cg_prune_set_stale_days)
CG_SETTER(set_stages, cg_prune_set_stages)
CG_SETTER(set_max_unanswered, cg_prune_set_max_unanswered)
CG_SETTER(set_require, cg_prune_set_require)
CG_SETTER(set_min, cg_prune_set_min)
CG_SETTER(set_keys, cg_prune_set_keys)

static const struct cg_opt opts[] = {
	CG_OPT_GROUP("Output"),
	{ "rejects", 'r', CG_ARG_REQUIRED, "file",
	    "write rejected rows to FILE (required unless -n)", set_rejects },
	{ "dry-run", 'n', CG_ARG_NONE, NULL,
	    "write nothing; print the summary on stdout", set_dry_run },
	{ "summary", 's', CG_ARG_NONE, NULL,
	    "print the summary on stderr after the run", set_summary },
	{ "max-reject", 0, CG_ARG_REQUIRED, "pct",
	    "write nothing if over PCT% would go (default: 50)",
	    set_max_reject },
	{ "force", 0, CG_ARG_NONE, NULL,
	    "go on whatever share of the rows would go", set_force },
	CG_OPT_GROUP("Rules"),
	{ "rules", 0, CG_ARG_REQUIRED, "list",
	    "stale,noreply,fit,dupes to apply (default: all)", set_rules },
	{ "no-stale", 0, CG_ARG_NONE, NULL, "turn stale off", no_stale },
	{ "no-noreply", 0, CG_ARG_NONE, NULL, "turn noreply off", no_noreply },
	{ "no-fit", 0, CG_ARG_NONE, NULL, "turn fit off", no_fit },
	{ "no-dupes", 0, CG_ARG_NONE, NULL, "turn dupes off", no_dupes },
	CG_OPT_GROUP("Rule settings"),
	{ "stale-days", 0, CG_ARG_REQUIRED, "n",
	    "stale after N days without contact (default: 180)", set_stale },
	{ "client-stages", 0, CG_ARG_REQUIRED, "list",
	    "more stage names of clients (never stale)", set_stages },
	{ "max-unanswered", 0, CG_ARG_REQUIRED, "n",
	    "drop at N unanswered touches (default: 5)", set_max_unanswered },
	{ "require", 0, CG_ARG_REQUIRED, "col=value",
	    "keep rows meeting COL=VALUE (or != < <= > >=)",
	    set_require },
	{ "min", 0, CG_ARG_REQUIRED, "col=n",
	    "keep only rows with COL at least N; repeatable", set_min },
	{ "dupe-keys", 0, CG_ARG_REQUIRED, "list",
	    "keys: name,email,domain,phone (default: no domain)", set_keys },
	CG_OPT_END
};

static const char *const sections[] = { "prune", NULL };

static const struct cg_tool tool = {
	"prune",
	"prune [-nqs] [-r file] [--max-reject pct] [--force] [--rules list]\n"
	"             [--no-stale] [--no-noreply] [--no-fit] [--no-dupes]\n"
	"             [--stale-days n] [--client-stages list]\n"
	"             [--max-unanswered n] [--require col[op]value]...\n"
	"             [--min col=n]... [--dupe-keys list]\n"
	"             [--today yyyy-mm-dd] [--dates us|eu|iso|auto]\n"
	"             [--col role=header]... [--config file] [--delimiter c]\n"
	"             [--decimal dot|comma] [--encoding name] [--inspect]\n"
	"             [file ...]",
	opts, sections, cg_prune_tool_init, cg_prune_tool_check,
	cg_prune_tool_run, cg_prune_tool_free, cg_prune_roles
};

int
main(int argc, char *argv[])
{
	struct cg_prune_opts o;

	return cg_tool_main(&tool, &o, argc, argv);
}
