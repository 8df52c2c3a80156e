/*
 * touchplan - plan dated touches (visits, calls, emails, mailings) for
 * graded accounts, on each rep's working days and within capacity.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "cli.h"
#include "clientgrade/error.h"
#include "clientgrade/touchplan.h"
#include "clientgrade/value.h"

enum {
	OPT_AWAY = 1,
	OPT_BY,
	OPT_CAPACITY,
	OPT_FORMAT,
	OPT_FROM,
	OPT_HOLIDAYS,
	OPT_KEEP,
	OPT_MONTH,
	OPT_OWNER,
	OPT_STRICT,
	OPT_TO,
	OPT_TODO,
	OPT_VISIT_CAPACITY,
	OPT_WEEK,
	OPT_WORKDAYS
};

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: touchplan [--by grade|quadrant] [--week[=YYYY-Www] | "
	    "--month[=YYYY-MM] |\n"
	    "                 --from DATE --to DATE] [--workdays DAYS] "
	    "[--holidays FILE]\n"
	    "                 [--away FILE] [--capacity N] "
	    "[--visit-capacity N] [--owner NAME]\n"
	    "                 [--format csv|ics|agenda] [--todo] "
	    "[--keep COL] [--strict]\n"
	    "                 [--delimiter C] [--col ROLE=HEADER] "
	    "[--config FILE] [--today DATE]\n"
	    "                 [--dates us|eu|iso] [--decimal C] "
	    "[--help] [--version] [file ...]\n");
}

static int
count_arg(const char *arg, int min, int *out, const char *opt,
    struct cg_err *err)
{
	double v;

	if (cg_parse_num(arg, strlen(arg), '.', &v, NULL) != CG_V_OK ||
	    v != (int)v || v < min || v > 100000)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "%s: want a whole number from %d, not '%s'", opt, min, arg);
	*out = (int)v;
	return 0;
}

/*
 * --week and --month take an optional argument; besides --week=2026-W49
 * accept --week 2026-W49 when the next word looks like one (a date-like
 * word of that length is never a plausible file operand here).
 */
static const char *
optional(const char *arg, int argc, char **argv, size_t len)
{
	const char *s;

	if (arg != NULL || optind >= argc)
		return arg;
	s = argv[optind];
	if (strlen(s) != len || s[4] != '-' || s[0] < '0' || s[0] > '9')
		return NULL;
	optind++;
	return s;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "away", required_argument, NULL, OPT_AWAY },
		{ "by", required_argument, NULL, OPT_BY },
		{ "capacity", required_argument, NULL, OPT_CAPACITY },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "holidays", required_argument, NULL, OPT_HOLIDAYS },
		{ "keep", required_argument, NULL, OPT_KEEP },
		{ "month", optional_argument, NULL, OPT_MONTH },
		{ "owner", required_argument, NULL, OPT_OWNER },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "to", required_argument, NULL, OPT_TO },
		{ "todo", no_argument, NULL, OPT_TODO },
		{ "visit-capacity", required_argument, NULL,
		    OPT_VISIT_CAPACITY },
		{ "week", optional_argument, NULL, OPT_WEEK },
		{ "workdays", required_argument, NULL, OPT_WORKDAYS },
		CG_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct cg_common c;
	struct cg_tp_config tc;
	struct cg_err err;
	const char **keep = NULL;
	const char *week = NULL, *month = NULL;
	int ch, nperiod = 0, want_week = 0, want_month = 0, have_from = 0;
	int have_to = 0, rc;
	int32_t from = 0, to = 0;

	cg_sigpipe_default();
	cg_common_init(&c, "touchplan");
	memset(&tc, 0, sizeof(tc));
	tc.visit_capacity = -1;
	memset(&err, 0, sizeof(err));
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_AWAY:
			tc.aways = optarg;
			break;
		case OPT_BY:
			if (strcmp(optarg, "grade") == 0)
				tc.by_quadrant = 0;
			else if (strcmp(optarg, "quadrant") == 0)
				tc.by_quadrant = 1;
			else {
				cg_err_set(&err, CG_EUSAGE, NULL, 0, 0,
				    "--by: want grade or quadrant, not '%s'",
				    optarg);
				goto fail;
			}
			break;
		case OPT_CAPACITY:
			if (count_arg(optarg, 1, &tc.capacity, "--capacity",
			    &err) < 0)
				goto fail;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "csv") == 0)
				tc.format = CG_TP_CSV;
			else if (strcmp(optarg, "ics") == 0)
				tc.format = CG_TP_ICS;
			else if (strcmp(optarg, "agenda") == 0)
				tc.format = CG_TP_AGENDA;
			else {
				cg_err_set(&err, CG_EUSAGE, NULL, 0, 0,
				    "--format: want csv, ics or agenda, not "
				    "'%s'", optarg);
				goto fail;
			}
			break;
		case OPT_FROM:
			if (cg_parse_today(optarg, &from, &err) < 0)
				goto fail;
			have_from = 1;
			break;
		case OPT_HOLIDAYS:
			tc.holidays = optarg;
			break;
		case OPT_KEEP:
			keep = cg_xreallocarray(keep, tc.nkeep + 1,
			    sizeof(*keep));
			keep[tc.nkeep++] = optarg;
			break;
		case OPT_MONTH:
			want_month = 1;
			month = optional(optarg, argc, argv, 7);
			break;
		case OPT_OWNER:
			tc.owner = optarg;
			break;
		case OPT_STRICT:
			tc.strict = 1;
			break;
		case OPT_TO:
			if (cg_parse_today(optarg, &to, &err) < 0)
				goto fail;
			have_to = 1;
			break;
		case OPT_TODO:
			tc.todo = 1;
			break;
		case OPT_VISIT_CAPACITY:
			if (count_arg(optarg, 0, &tc.visit_capacity,
			    "--visit-capacity", &err) < 0)
				goto fail;
			break;
		case OPT_WEEK:
			want_week = 1;
			week = optional(optarg, argc, argv, 8);
			break;
		case OPT_WORKDAYS:
			tc.workdays = optarg;
			break;
		default:
			switch (cg_common_opt(&c, ch, optarg, &err)) {
			case 1:
				break;
			case 0:
				usage(stderr);
				exit(CG_EXIT_TROUBLE);
			default:
				goto fail;
			}
			break;
		}
	}
	argc -= optind;
	argv += optind;
	if (c.help) {
		usage(stdout);
		exit(CG_EXIT_OK);
	}
	if (c.version) {
		cg_print_version("touchplan");
		exit(CG_EXIT_OK);
	}

	nperiod = want_week + want_month + (have_from || have_to);
	if (nperiod > 1) {
		cg_err_set(&err, CG_EUSAGE, NULL, 0, 0,
		    "give one of --week, --month or --from/--to");
		goto fail;
	}
	if (have_from != have_to) {
		cg_err_set(&err, CG_EUSAGE, NULL, 0, 0,
		    "--from and --to go together");
		goto fail;
	}
	if (have_from && to < from) {
		cg_err_set(&err, CG_EUSAGE, NULL, 0, 0,
		    "--to is before --from");
		goto fail;
	}
	if (have_from && to - from > 3660) {
		cg_err_set(&err, CG_EUSAGE, NULL, 0, 0,
		    "the period is longer than ten years");
		goto fail;
	}
	if (want_week && cg_tp_period_week(week, c.today, &from, &to,
	    &err) < 0)
		goto fail;
	if (want_month && cg_tp_period_month(month, c.today, &from, &to,
	    &err) < 0)
		goto fail;
	tc.period_set = nperiod > 0;
	tc.from = from;
	tc.to = to;
	tc.keep = keep;

	if (cg_common_finish(&c, &err) < 0)
		goto fail;
	rc = cg_touchplan_run(&c, &tc, argc, argv, &err);
	if (rc < 0)
		goto fail;
	if (cg_close_stdout(&err) < 0)
		goto fail;
	cg_common_free(&c);
	free(keep);
	return rc;
fail:
	cg_err_print("touchplan", &err);
	cg_common_free(&c);
	free(keep);
	return cg_exit_status(err.code);
}
