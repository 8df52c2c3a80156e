/*
 * quadrant - place accounts in the engagement x potential matrix: Key,
 * Growth, Maintenance, Service. All the work is in lib/quadrant/; this
 * file is the option table. See quadrant(1).
 */
#include "clientgrade/quadrant.h"
#include "clientgrade/tool.h"

CG_SETTER(set_cut, cg_quadrant_parse_cut)
CG_SETTER(set_explain, cg_quadrant_parse_explain)
CG_SETTER(set_labels, cg_quadrant_parse_labels)
CG_SETTER(set_log, cg_quadrant_parse_log)
CG_SETTER(set_plot, cg_quadrant_parse_plot)
CG_SETTER(set_potential, cg_quadrant_parse_potential)
CG_SETTER(set_summary, cg_quadrant_parse_summary)

static const struct cg_opt opts[] = {
	CG_OPT_GROUP("Placing"),
	{ "cut", 0, CG_ARG_REQUIRED, "axis=value[,...]",
	    "split an axis at a value (default: its median)", set_cut },
	{ "potential", 0, CG_ARG_REQUIRED, "column|headroom",
	    "the potential measure (default: column)", set_potential },
	CG_OPT_GROUP("Output"),
	{ "explain", 0, CG_ARG_NONE, NULL,
	    "append quadrant_reason: why each row is there",
	    set_explain },
	{ "summary", 0, CG_ARG_OPTIONAL, "csv|text",
	    "one line a quadrant, not the rows (default: csv)",
	    set_summary },
	CG_OPT_GROUP("Plot"),
	{ "plot", 0, CG_ARG_REQUIRED, "file.svg|-",
	    "SVG plot to a file, or (-) text instead of rows",
	    set_plot },
	{ "labels", 0, CG_ARG_REQUIRED, "n",
	    "label the n biggest accounts (default: 10)",
	    set_labels },
	{ "log", 0, CG_ARG_NONE, NULL,
	    "draw potential on a log scale", set_log },
	CG_OPT_END
};

/* [quadrant.time] is retired: read only to refuse it (quadrant_opts.c). */
static const char *const sections[] = { "quadrant", "quadrant.names",
	"quadrant.effort", "quadrant.time", NULL };

static void
init(void *o)
{
	cg_quadrant_opts_init(o);
}

static int
check(void *o, struct cg_run *run, struct cg_err *err)
{
	return cg_quadrant_check(o, run, err);
}

static int
run(void *o, const struct cg_run *r, struct cg_err *err)
{
	return cg_quadrant_run(o, r, err);
}

static void
release(void *o)
{
	cg_quadrant_opts_free(o);
}

/* For --inspect: one engagement measure (group 2) and potential needed. */
static const struct cg_role_need roles[] = {
	{ "engagement", 'n', 2 }, { "our_contacts", 'n', 2 },
	{ "their_contacts", 'n', 2 }, { "contacts", 'n', 2 },
	{ "potential", 'n', 1 }, { "volume", 'n', 0 }, { "account", 't', 0 },
	{ "grade", 't', 0 }, { NULL, 0, 0 }
};

static const struct cg_tool tool = {
	"quadrant",
	"quadrant [-q] [--inspect] [--cut axis=value[,axis=value]] "
	"[--explain]\n"
	"                [--potential column|headroom] [--summary[=csv|text]]\n"
	"                [--plot file.svg | --plot -] [--labels n] [--log]\n"
	"                [--col role=header] [--config file] "
	"[--dates us|eu|iso|auto]\n"
	"                [--decimal dot|comma] [--encoding name] "
	"[--delimiter c]\n"
	"                [--today yyyy-mm-dd] [file ...]",
	opts, sections, init, check, run, release, roles
};

int
main(int argc, char *argv[])
{
	struct cg_quadrant_opts o;

	return cg_tool_main(&tool, &o, argc, argv);
}
