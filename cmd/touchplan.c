/*
 * touchplan - plan dated touches (visits, calls, emails, mailings) for
 * graded accounts, on each rep's working days and within capacity.
 * All the work is in lib/touchplan/; this file is the option table.
 */
#include "clientgrade/tool.h"
#include "clientgrade/touchplan.h"

CG_SETTER(set_away, cg_touchplan_parse_away)
CG_SETTER(set_by, cg_touchplan_parse_by)
CG_SETTER(set_capacity, cg_touchplan_parse_capacity)
CG_SETTER(set_format, cg_touchplan_parse_format)
CG_SETTER(set_from, cg_touchplan_parse_from)
CG_SETTER(set_holidays, cg_touchplan_parse_holidays)
CG_SETTER(set_keep, cg_touchplan_parse_keep)
CG_SETTER(set_month, cg_touchplan_parse_month)
CG_SETTER(set_owner, cg_touchplan_parse_owner)
CG_SETTER(set_strict, cg_touchplan_parse_strict)
CG_SETTER(set_to, cg_touchplan_parse_to)
CG_SETTER(set_todo, cg_touchplan_parse_todo)
CG_SETTER(set_visit_capacity, cg_touchplan_parse_visit_capacity)
CG_SETTER(set_week, cg_touchplan_parse_week)
CG_SETTER(set_workdays, cg_touchplan_parse_workdays)

static const struct cg_opt opts[] = {
	CG_OPT_GROUP("Period"),
	{ "week", 0, CG_ARG_PERIOD, "yyyy-Www",
	    "an ISO 8601 week (default: the coming week)", set_week },
	{ "month", 0, CG_ARG_PERIOD, "yyyy-mm",
	    "a calendar month (default: the coming month)", set_month },
	{ "from", 0, CG_ARG_REQUIRED, "yyyy-mm-dd",
	    "the first day planned; with --to", set_from },
	{ "to", 0, CG_ARG_REQUIRED, "yyyy-mm-dd",
	    "the last day planned (at most ten years on)", set_to },
	CG_OPT_GROUP("Planning"),
	{ "by", 0, CG_ARG_REQUIRED, "grade|quadrant",
	    "what picks the cadence (default: grade)", set_by },
	{ "workdays", 0, CG_ARG_REQUIRED, "days",
	    "working weekdays (default: mon-fri)", set_workdays },
	{ "holidays", 0, CG_ARG_REQUIRED, "file",
	    "days nobody works: dates or iCalendar", set_holidays },
	{ "away", 0, CG_ARG_REQUIRED, "file",
	    "absences: CSV of owner, from and to", set_away },
	{ "capacity", 0, CG_ARG_REQUIRED, "n",
	    "touches per rep per day (default: 8)", set_capacity },
	{ "visit-capacity", 0, CG_ARG_REQUIRED, "n",
	    "visits per rep per day (default: 2)", set_visit_capacity },
	{ "owner", 0, CG_ARG_REQUIRED, "name",
	    "plan only this rep's accounts", set_owner },
	{ "strict", 0, CG_ARG_NONE, NULL,
	    "exit 1 when any touch did not fit", set_strict },
	CG_OPT_GROUP("Output"),
	{ "format", 0, CG_ARG_REQUIRED, "format",
	    "csv, ics or agenda (default: csv)", set_format },
	{ "todo", 0, CG_ARG_NONE, NULL,
	    "with ics: VTODO instead of VEVENT", set_todo },
	{ "keep", 0, CG_ARG_REQUIRED, "column",
	    "copy this input column into every row; repeatable", set_keep },
	CG_OPT_END
};

static const char *const sections[] = { "touchplan", "touchplan.cadence",
	"touchplan.cadence.*", NULL };

/* The hooks hand the spine's void * to lib/touchplan/. */
static void init(void *o) { cg_touchplan_opts_init(o); }
static void release(void *o) { cg_touchplan_opts_free(o); }
static int check(void *o, struct cg_run *r, struct cg_err *e)
{ return cg_touchplan_check(o, r, e); }
static int run(void *o, const struct cg_run *r, struct cg_err *e)
{ return cg_touchplan_run(o, r, e); }

static const struct cg_tool tool = {
	"touchplan",
	"touchplan [-q] [--by grade|quadrant] [--week[=yyyy-Www] |\n"
	"                 --month[=yyyy-mm] | "
	"--from yyyy-mm-dd --to yyyy-mm-dd]\n"
	"                 [--workdays days] [--holidays file] [--away file]\n"
	"                 [--capacity n] [--visit-capacity n] [--owner name]\n"
	"                 [--strict] [--format csv|ics|agenda] [--todo]\n"
	"                 [--keep column] [--col role=header] [--config file]\n"
	"                 [--dates us|eu|iso|auto] [--decimal dot|comma]\n"
	"                 [--delimiter c] [--today yyyy-mm-dd] [file ...]",
	opts, sections, init, check, run, release
};

int
main(int argc, char *argv[])
{
	struct cg_touchplan_opts o;

	return cg_tool_main(&tool, &o, argc, argv);
}
