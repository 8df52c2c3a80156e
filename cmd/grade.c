/*
 * grade - append A/B/C grades (and a score, and why) to accounts.
 * All the work is in lib/grade*.c; this file reads the options.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "clientgrade/cli.h"
#include "clientgrade/error.h"
#include "clientgrade/grade.h"

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: grade [-e] [-m method] [-s scale] [-w factor=n] "
	    "[--abc split]\n"
	    "             [--summary[=csv|text]] [--col role=header] "
	    "[--config file]\n"
	    "             [--dates us|eu|iso] [--decimal .|,] "
	    "[--delimiter c]\n"
	    "             [--today yyyy-mm-dd] [file ...]\n");
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "abc", required_argument, NULL, 'a' },
		{ "explain", no_argument, NULL, 'e' },
		{ "method", required_argument, NULL, 'm' },
		{ "scale", required_argument, NULL, 's' },
		{ "summary", optional_argument, NULL, 'S' },
		{ "weight", required_argument, NULL, 'w' },
		CG_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct cg_common common;
	struct cg_grade_opts o;
	struct cg_err err;
	int ch, rc, status;

	cg_sigpipe_default();
	cg_common_init(&common, "grade");
	cg_grade_opts_init(&o);
	while ((ch = getopt_long(argc, argv, "em:s:w:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			rc = cg_grade_parse_abc(&o, optarg, &err);
			break;
		case 'e':
			o.explain = o.explain_set = 1;
			rc = 0;
			break;
		case 'm':
			rc = cg_grade_parse_method(&o, optarg, &err);
			break;
		case 's':
			rc = cg_grade_parse_scale(&o, optarg, &err);
			break;
		case 'S':
			rc = cg_grade_parse_summary(&o, optarg, &err);
			break;
		case 'w':
			rc = cg_grade_parse_weight(&o, optarg, &err);
			break;
		default:
			rc = cg_common_opt(&common, ch, optarg, &err);
			if (rc == 0) {
				usage(stderr);
				status = CG_EXIT_TROUBLE;
				goto done;
			}
			rc = rc < 0 ? -1 : 0;
			break;
		}
		if (rc < 0) {
			cg_err_print("grade", &err);
			status = CG_EXIT_TROUBLE;
			goto done;
		}
	}
	argc -= optind;
	argv += optind;

	status = CG_EXIT_OK;
	if (common.help)
		usage(stdout);
	else if (common.version)
		cg_print_version("grade");
	else if (cg_common_finish(&common, &err) < 0 ||
	    cg_grade_config(&o, &common.cfg, &err) < 0 ||
	    cg_grade_run(&common, &o, argc, argv, &err) < 0) {
		cg_err_print("grade", &err);
		status = cg_exit_status(err.code);
	}
	if (cg_close_stdout(&err) < 0 && status == CG_EXIT_OK) {
		cg_err_print("grade", &err);
		status = CG_EXIT_TROUBLE;
	}
done:
	cg_grade_opts_free(&o);
	cg_common_free(&common);
	return status;
}
