/*
 * rollup - from a deal or order log to per-account volume, frequency and
 * recency. See rollup(1).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "cli.h"
#include "clientgrade/config.h"
#include "clientgrade/error.h"
#include "clientgrade/rollup.h"

#define MAX_WINDOW 36525L	/* a century of days is surely a typo beyond */

enum {
	OPT_KEY = 0x2000, OPT_VALUE, OPT_DATE, OPT_WHERE, OPT_DISTINCT,
	OPT_WINDOW, OPT_ACCOUNTS, OPT_ACCOUNTS_KEY, OPT_REJECTS, OPT_STRICT,
	OPT_REPLACE
};

static const struct option longopts[] = {
	{ "accounts", required_argument, NULL, OPT_ACCOUNTS },
	{ "accounts-key", required_argument, NULL, OPT_ACCOUNTS_KEY },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "distinct", required_argument, NULL, OPT_DISTINCT },
	{ "key", required_argument, NULL, OPT_KEY },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ "replace", no_argument, NULL, OPT_REPLACE },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "value", required_argument, NULL, OPT_VALUE },
	{ "where", required_argument, NULL, OPT_WHERE },
	{ "window", required_argument, NULL, OPT_WINDOW },
	CG_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

static const char usage_text[] =
"usage: rollup [--key HEADER] [--value HEADER] [--date HEADER]\n"
"              [--where COL=VALUE]... [--distinct HEADER] [--window DAYS]\n"
"              [--accounts FILE [--accounts-key HEADER] [--replace]]\n"
"              [--rejects FILE] [--strict] [--today YYYY-MM-DD]\n"
"              [--dates us|eu|iso] [--col ROLE=HEADER]... [--config FILE]\n"
"              [--delimiter C] [--decimal C] [FILE ...]\n";

static void
usage(int status)
{
	fputs(usage_text, status == 0 ? stdout : stderr);
	exit(status);
}

int
main(int argc, char *argv[])
{
	static const char *const owned[] = { CG_COMMON_SECTIONS, "rollup",
	    NULL };
	struct cg_common common;
	struct cg_rollup_opts o;
	struct cg_config_entry *e;
	struct cg_err err;
	char **where = NULL;
	const char *window_arg = NULL;
	size_t nwhere = 0;
	long w;
	int ch, rc;

	cg_sigpipe_default();
	cg_common_init(&common, "rollup");
	memset(&o, 0, sizeof(o));
	o.prog = "rollup";
	o.window = 365;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_ACCOUNTS:
			o.accounts = optarg;
			break;
		case OPT_ACCOUNTS_KEY:
			o.accounts_key = optarg;
			break;
		case OPT_DATE:
			o.date = optarg;
			break;
		case OPT_DISTINCT:
			o.distinct = optarg;
			break;
		case OPT_KEY:
			o.key = optarg;
			break;
		case OPT_REJECTS:
			o.rejects = optarg;
			break;
		case OPT_REPLACE:
			o.replace = 1;
			break;
		case OPT_STRICT:
			o.strict = 1;
			break;
		case OPT_VALUE:
			o.value = optarg;
			break;
		case OPT_WHERE:
			where = cg_xreallocarray(where, nwhere + 1,
			    sizeof(*where));
			where[nwhere++] = optarg;
			break;
		case OPT_WINDOW:
			window_arg = optarg;
			break;
		default:
			switch (cg_common_opt(&common, ch, optarg, &err)) {
			case 1:
				break;
			case 0:
				usage(CG_EXIT_TROUBLE);
				break;
			default:
				cg_err_print("rollup", &err);
				return CG_EXIT_TROUBLE;
			}
		}
	}
	argc -= optind;
	argv += optind;

	if (common.help)
		usage(CG_EXIT_OK);
	if (common.version) {
		cg_print_version("rollup");
		return CG_EXIT_OK;
	}
	if (window_arg != NULL &&
	    cg_parse_long(window_arg, 1, MAX_WINDOW, &o.window) < 0) {
		fprintf(stderr, "rollup: --window wants a number of days from "
		    "1 to %ld, not '%s'\n", MAX_WINDOW, window_arg);
		return CG_EXIT_TROUBLE;
	}
	if (o.accounts == NULL && (o.accounts_key != NULL || o.replace)) {
		fprintf(stderr, "rollup: --%s needs --accounts\n",
		    o.replace ? "replace" : "accounts-key");
		usage(CG_EXIT_TROUBLE);
	}
	if (o.accounts != NULL && strcmp(o.accounts, "-") == 0 &&
	    (argc == 0 || (argc == 1 && strcmp(argv[0], "-") == 0))) {
		fprintf(stderr, "rollup: the deal log and --accounts cannot "
		    "both be standard input\n");
		return CG_EXIT_TROUBLE;
	}

	if (cg_common_finish(&common, &err) < 0)
		goto fail;
	/* A bad [rollup] window is an error even when --window overrides
	 * it: the file is wrong either way. */
	if ((e = cg_config_get(&common.cfg, "rollup", "window")) != NULL &&
	    cg_parse_long(e->value, 1, MAX_WINDOW,
	    window_arg ? &w : &o.window) < 0) {
		cg_config_err(&err, &common.cfg, e, "window wants a number of "
		    "days from 1 to %ld, not '%s'", MAX_WINDOW, e->value);
		goto fail;
	}
	if (cg_config_check(&common.cfg, owned, &err) < 0)
		goto fail;
	o.today = common.today;
	o.dates = common.dates;
	o.cols = &common.cols;
	o.ropts = cg_common_reader_opts(&common, 0);
	o.where = where;
	o.nwhere = nwhere;

	rc = cg_rollup_run(&o, argc, argv, 1, &err);
	if (rc == 0 && cg_close_stdout(&err) == 0) {
		free(where);
		cg_common_free(&common);
		return CG_EXIT_OK;
	}
fail:
	cg_err_print("rollup", &err);
	free(where);
	cg_common_free(&common);
	return cg_exit_status(err.code);
}
