/* touchplan - plan dated touches for graded accounts on each rep's working
 * days within capacity. The work is in lib/touchplan/; this is the table. */
#include "clientgrade/tool.h"
#include "clientgrade/touchplan.h"

CG_SETTER(set_away, cg_touchplan_parse_away)
CG_SETTER(set_by, cg_touchplan_parse_by)
CG_SETTER(set_capacity, cg_touchplan_parse_capacity)
CG_SETTER(set_cluster_km, cg_touchplan_parse_cluster_km)
CG_SETTER(set_cluster_visits, cg_touchplan_parse_cluster_visits)
CG_SETTER(set_format, cg_touchplan_parse_format)
CG_SETTER(set_from, cg_touchplan_parse_from)
CG_SETTER(set_holidays, cg_touchplan_parse_holidays)
CG_SETTER(set_keep, cg_touchplan_parse_keep)
CG_SETTER(set_month, cg_touchplan_parse_month)
CG_SETTER(set_owner, cg_touchplan_parse_owner)
CG_SETTER(set_plot, cg_touchplan_parse_plot)
CG_SETTER(set_quarter, cg_touchplan_parse_quarter)
CG_SETTER(set_stale, cg_touchplan_parse_stale_days)
CG_SETTER(set_strict, cg_touchplan_parse_strict)
CG_SETTER(set_to, cg_touchplan_parse_to)
CG_SETTER(set_topics, cg_touchplan_parse_topics)
CG_SETTER(set_todo, cg_touchplan_parse_todo)
CG_SETTER(set_visit_capacity, cg_touchplan_parse_visit_capacity)
CG_SETTER(set_week, cg_touchplan_parse_week)
CG_SETTER(set_written_capacity, cg_touchplan_parse_written_capacity)
CG_SETTER(set_workdays, cg_touchplan_parse_workdays)

static const struct cg_opt opts[] = {
	CG_OPT_GROUP("Period"),
	{ "week", 0, CG_ARG_PERIOD, "yyyy-Www",
	    "an ISO 8601 week (default: the coming week)", set_week },
	{ "month", 0, CG_ARG_PERIOD, "yyyy-mm",
	    "a calendar month (default: the coming month)", set_month },
	{ "quarter", 0, CG_ARG_PERIOD, "yyyy-Qn",
	    "a quarter (default: the coming quarter)", set_quarter },
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
	    "visits, calls, events per rep per day (default: 8)",
	    set_capacity },
	{ "visit-capacity", 0, CG_ARG_REQUIRED, "n",
	    "visits per rep per day (default: 2)", set_visit_capacity },
	{ "written-capacity", 0, CG_ARG_REQUIRED, "n",
	    "emails, letters, ... per rep per day (default: 40)",
	    set_written_capacity },
	{ "cluster-visits", 0, CG_ARG_NONE, NULL,
	    "visits near each other on one day (needs coordinates)",
	    set_cluster_visits },
	{ "cluster-km", 0, CG_ARG_REQUIRED, "n",
	    "with --cluster-visits: near is within n km (default: 25)",
	    set_cluster_km },
	{ "owner", 0, CG_ARG_REQUIRED, "name",
	    "plan only this rep's accounts", set_owner },
	{ "strict", 0, CG_ARG_NONE, NULL,
	    "exit 1 when any touch did not fit", set_strict },
	{ "stale-days", 0, CG_ARG_REQUIRED, "n",
	    "warn if the newest contact is older (default: 60)", set_stale },
	CG_OPT_GROUP("Output"),
	{ "format", 0, CG_ARG_REQUIRED, "format",
	    "csv, ics or agenda (default: csv)", set_format },
	{ "topics", 0, CG_ARG_REQUIRED, "file",
	    "what each touch is about: CSV of topic,grades,channels,when,text",
	    set_topics },
	{ "todo", 0, CG_ARG_NONE, NULL,
	    "with ics: VTODO instead of VEVENT", set_todo },
	{ "keep", 0, CG_ARG_REQUIRED, "column",
	    "copy this input column into every row; repeatable", set_keep },
	{ "plot", 0, CG_ARG_REQUIRED, "file.svg",
	    "also draw each rep's load per working day as SVG", set_plot },
	CG_OPT_END
};

static const char *const sections[] = { "touchplan", "touchplan.cadence",
	"touchplan.cadence.*", "touchplan.lead.cadence",
	"touchplan.lead.cadence.*", "touchplan.referral.cadence",
	"touchplan.referral.cadence.*", NULL };

/* The roles it reads, for --inspect: grade or quadrant (--by) is needed. */
static const struct cg_role_need roles[] = {
	{ "grade", 't', 2 }, { "quadrant", 't', 2 }, { "account", 't', 1 },
	{ "id", 't', 0 }, { "owner", 't', 0 }, { "stage", 't', 0 },
	{ "last_contact", 'd', 0 },
	{ "last_order", 'd', 0 }, { "next_contact", 'd', 0 },
	{ "latitude", 'n', 0 }, { "longitude", 'n', 0 }, { NULL, 0, 0 }
};

static const struct cg_tool tool = {
	"touchplan",
	"touchplan [-q] [--by grade|quadrant] [--week[=yyyy-Www] |\n"
	"                 --month[=yyyy-mm] | --quarter[=yyyy-Qn] |\n"
	"                 --from yyyy-mm-dd --to yyyy-mm-dd] [--workdays days]\n"
	"                 [--holidays file] [--away file] [--capacity n]\n"
	"                 [--visit-capacity n] [--written-capacity n]\n"
	"                 [--cluster-visits [--cluster-km n]] [--owner name]\n"
	"                 [--strict] [--stale-days n] [--format csv|ics|agenda]\n"
	"                 [--todo] [--topics file] [--keep column]\n"
	"                 [--plot file.svg]\n"
	"                 [--col role=header] [--config file]\n"
	"                 [--dates us|eu|iso|auto] [--decimal dot|comma]\n"
	"                 [--delimiter c] [--today yyyy-mm-dd] [file ...]",
	opts, sections, cg_touchplan_hook_init, cg_touchplan_hook_check,
	cg_touchplan_hook_run, cg_touchplan_hook_free, roles
};

int
main(int argc, char *argv[])
{
	struct cg_touchplan_opts o;

	return cg_tool_main(&tool, &o, argc, argv);
}
