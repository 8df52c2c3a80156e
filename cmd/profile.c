/*
 * profile - what the A accounts share that the C accounts lack: per
 * attribute and value, each grade's median or share, and how well it
 * separates the top grade from the bottom one. All the work is in
 * lib/profile/; this file is the option table. See profile(1).
 */
#include "clientgrade/profile.h"
#include "clientgrade/tool.h"

CG_SETTER(set_format, cg_profile_parse_format)
CG_SETTER(set_group, cg_profile_parse_group)
CG_SETTER(set_top, cg_profile_parse_top)
CG_SETTER(set_touches, cg_profile_parse_touches)

static const struct cg_opt opts[] = {
	CG_OPT_GROUP("Profiling"),
	{ "group", 'g', CG_ARG_REQUIRED, "column",
	    "compare the groups of this column (default: grade)",
	    set_group },
	{ "touches", 0, CG_ARG_REQUIRED, "log",
	    "add how each grade was touched, from an activity log",
	    set_touches },
	CG_OPT_GROUP("Output"),
	{ "format", 'f', CG_ARG_REQUIRED, "csv|text",
	    "CSV rows or sentences (default: csv)", set_format },
	{ "top", 'n', CG_ARG_REQUIRED, "n",
	    "at most n findings (default: all; text: 10)", set_top },
	CG_OPT_END
};

static void
init(void *o)
{
	cg_profile_opts_init(o);
}

static int
check(void *o, struct cg_run *run, struct cg_err *err)
{
	return cg_profile_check(o, run, err);
}

static int
run(void *o, const struct cg_run *r, struct cg_err *err)
{
	return cg_profile_run(o, r, err);
}

static void
release(void *o)
{
	cg_profile_opts_free(o);
}

/* For --inspect: a grade (or a quadrant to group by); the identifiers
 * profile leaves out. */
static const struct cg_role_need roles[] = {
	{ "grade", 't', 2 }, { "quadrant", 't', 2 },
	{ "id", 't', 0 }, { "account", 't', 0 }, { "name", 't', 0 },
	{ "email", 't', 0 }, { "phone", 't', 0 }, { NULL, 0, 0 }
};

static const struct cg_tool tool = {
	"profile",
	"profile [-q] [-g column] [--touches log] [-f csv|text] [-n n]\n"
	"               [--col role=header] [--config file] "
	"[--dates us|eu|iso|auto]\n"
	"               [--decimal dot|comma] [--encoding name] "
	"[--delimiter c]\n"
	"               [--today yyyy-mm-dd] [file ...]",
	opts, NULL, init, check, run, release, roles
};

int
main(int argc, char *argv[])
{
	struct cg_profile_opts o;

	return cg_tool_main(&tool, &o, argc, argv);
}
