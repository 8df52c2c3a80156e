/*
 * grade - append A/B/C grades (and a score, and why) to accounts.
 * All the work is in lib/grade/; this file is the option table.
 */
#include "clientgrade/grade.h"
#include "clientgrade/tool.h"

CG_SETTER(set_abc, cg_grade_parse_abc)
CG_SETTER(set_method, cg_grade_parse_method)
CG_SETTER(set_scale, cg_grade_parse_scale)
CG_SETTER(set_summary, cg_grade_parse_summary)
CG_SETTER(set_weight, cg_grade_parse_weight)

CG_SETTER(set_explain, cg_grade_parse_explain)
CG_SETTER(set_worksheet, cg_grade_parse_worksheet)
CG_SETTER(set_previous, cg_grade_parse_previous)
CG_SETTER(set_group, cg_grade_parse_group)
CG_SETTER(set_plot, cg_grade_parse_plot)
CG_SETTER(set_home, cg_grade_parse_home)
CG_SETTER(set_homes, cg_grade_parse_homes)

static const struct cg_opt opts[] = {
	CG_OPT_GROUP("Grading"),
	{ "method", 'm', CG_ARG_REQUIRED, "method",
	    "score, abc, rfm or rules (default: score)", set_method },
	{ "scale", 's', CG_ARG_REQUIRED, "scale",
	    "abc, aaa, abcd or GRADE:START,... (default: abc)", set_scale },
	{ "weight", 'w', CG_ARG_REQUIRED, "factor=n",
	    "weight of a score factor, 0 to 1000; repeatable", set_weight },
	{ "abc", 0, CG_ARG_REQUIRED, "split",
	    "abc: percent of volume per grade (default: 80,15,5)", set_abc },
	{ "home", 0, CG_ARG_REQUIRED, "lat,lon",
	    "distance in km from here to latitude/longitude", set_home },
	{ "homes", 0, CG_ARG_REQUIRED, "file",
	    "... from each owner's home (owner,latitude,longitude)",
	    set_homes },
	CG_OPT_GROUP("Output"),
	{ "worksheet", 0, CG_ARG_NONE, NULL,
	    "write a fill-in sheet of 1..5 ratings instead", set_worksheet },
	{ "explain", 'e', CG_ARG_NONE, NULL,
	    "append grade_reason: why each row got its grade", set_explain },
	{ "previous", 0, CG_ARG_REQUIRED, "file",
	    "add grade_change against an earlier output", set_previous },
	{ "plot", 0, CG_ARG_REQUIRED, "file.svg",
	    "also draw the Pareto curve and grades as SVG", set_plot },
	{ "summary", 0, CG_ARG_OPTIONAL, "csv|text",
	    "a line per grade, not the rows (default: csv)",
	    set_summary },
	{ "group", 0, CG_ARG_REQUIRED, "col",
	    "with --summary: a table per value of COL", set_group },
	CG_OPT_END
};

static const char *const sections[] = { "grade", "grade.*", NULL };

static void
init(void *o)
{
	cg_grade_opts_init(o);
}

static int
check(void *o, struct cg_run *run, struct cg_err *err)
{
	return cg_grade_check(o, run, err);
}

static int
run(void *o, const struct cg_run *r, struct cg_err *err)
{
	return cg_grade_run(o, r, err);
}

static void
release(void *o)
{
	cg_grade_opts_free(o);
}

static const struct cg_role_need roles[] = {
	{ "id", 't', 0 }, { "account", 't', 0 }, { "owner", 't', 0 },
	{ "volume", 'n', 2 }, { "orders", 'n', 2 }, { "last_order", 'd', 2 },
	{ "recency", 'n', 2 }, { "days_to_pay", 'n', 2 },
	{ "overdue", 'n', 2 }, { "distance", 'n', 2 },
	{ "latitude", 'n', 0 }, { "longitude", 'n', 0 },
	{ "accessibility", 'n', 2 }, { "openness", 't', 2 },
	{ "referrals", 'n', 2 }, { "stage", 't', 0 },
	{ "potential", 'n', 2 }, { "employees", 'n', 2 },
	{ "source", 't', 2 }, { "referred_volume", 'n', 2 },
	{ "last_referral", 'd', 2 }, { NULL, 0, 0 }
};

static const struct cg_tool tool = {
	"grade",
	CG_GRADE_SYNOPSIS,
	opts, sections, init, check, run, release, roles
};

int
main(int argc, char *argv[])
{
	struct cg_grade_opts o;

	return cg_tool_main(&tool, &o, argc, argv);
}
