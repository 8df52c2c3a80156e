/*
 * quadrant - place accounts in the engagement x potential matrix: Key,
 * Growth, Maintenance, Service. See quadrant(1).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "cli.h"
#include "clientgrade/config.h"
#include "clientgrade/error.h"
#include "clientgrade/quadrant.h"

enum {
	OPT_CUT = 0x2000, OPT_EXPLAIN, OPT_LABELS, OPT_LOG, OPT_PLOT,
	OPT_POTENTIAL, OPT_SUMMARY
};

static const struct option longopts[] = {
	{ "cut", required_argument, NULL, OPT_CUT },
	{ "explain", no_argument, NULL, OPT_EXPLAIN },
	{ "labels", required_argument, NULL, OPT_LABELS },
	{ "log", no_argument, NULL, OPT_LOG },
	{ "plot", required_argument, NULL, OPT_PLOT },
	{ "potential", required_argument, NULL, OPT_POTENTIAL },
	{ "summary", optional_argument, NULL, OPT_SUMMARY },
	CG_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

static const char usage_text[] =
"usage: quadrant [--cut AXIS=VALUE[,AXIS=VALUE]] [--potential column|headroom]\n"
"                [--explain] [--summary[=csv|text]] [--plot FILE.svg | --plot -]\n"
"                [--labels N] [--log] [--col ROLE=HEADER]... [--config FILE]\n"
"                [--delimiter C] [--decimal C] [FILE ...]\n";

static void
usage(int status)
{
	fputs(usage_text, status == 0 ? stdout : stderr);
	exit(status);
}

static int
fail(const char *fmt, const char *arg)
{
	fputs("quadrant: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return CG_EXIT_TROUBLE;
}

int
main(int argc, char *argv[])
{
	static const char *const owned[] = { CG_COMMON_SECTIONS, "quadrant",
	    "quadrant.names", "quadrant.time", NULL };
	struct cg_common common;
	struct cg_quadrant_opts o;
	struct cg_err err;
	char **cuts = NULL, *end;
	int ch, i, ncut = 0, status = CG_EXIT_TROUBLE;

	cg_sigpipe_default();
	cg_common_init(&common, "quadrant");
	cg_quadrant_opts_init(&o);
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_CUT:
			/* Read after the options: --decimal may follow. */
			cuts = cg_xreallocarray(cuts, (size_t)ncut + 1,
			    sizeof(*cuts));
			cuts[ncut++] = optarg;
			break;
		case OPT_EXPLAIN:
			o.explain = 1;
			break;
		case OPT_LABELS:
			errno = 0;
			o.labels = strtol(optarg, &end, 10);
			if (errno != 0 || end == optarg || *end != '\0' ||
			    o.labels < 0 || o.labels > 1000) {
				status = fail("--labels wants a number from 0 to "
				    "1000, not '%s'", optarg);
				goto done;
			}
			break;
		case OPT_LOG:
			o.plot_log = 1;
			break;
		case OPT_PLOT:
			o.plot = optarg;
			break;
		case OPT_POTENTIAL:
			if (strcmp(optarg, "headroom") == 0)
				o.headroom = 1;
			else if (strcmp(optarg, "column") == 0)
				o.headroom = 0;
			else {
				status = fail("--potential wants 'column' or "
				    "'headroom', not '%s'", optarg);
				goto done;
			}
			o.headroom_given = 1;
			break;
		case OPT_SUMMARY:
			if (optarg == NULL || strcmp(optarg, "csv") == 0)
				o.summary = CG_QSUM_CSV;
			else if (strcmp(optarg, "text") == 0)
				o.summary = CG_QSUM_TEXT;
			else {
				status = fail("--summary wants 'csv' or 'text', "
				    "not '%s'", optarg);
				goto done;
			}
			break;
		default:
			switch (cg_common_opt(&common, ch, optarg, &err)) {
			case 1:
				break;
			case 0:
				usage(CG_EXIT_TROUBLE);
				break;
			default:
				cg_err_print("quadrant", &err);
				goto done;
			}
		}
	}
	argc -= optind;
	argv += optind;

	if (common.help || common.version) {
		free(cuts);
		cg_quadrant_opts_free(&o);
		cg_common_free(&common);
		if (common.help)
			usage(CG_EXIT_OK);
		cg_print_version("quadrant");
		return CG_EXIT_OK;
	}
	if (o.summary != CG_QSUM_NONE && o.plot != NULL &&
	    strcmp(o.plot, "-") == 0) {
		status = fail("--summary and --plot - both write to standard "
		    "output; give --plot a file%s", "");
		goto done;
	}
	for (i = 0; i < ncut; i++)
		if (cg_quadrant_cut_arg(&o, cuts[i], common.decimal, &err) < 0) {
			cg_err_print("quadrant", &err);
			goto done;
		}

	if (cg_common_finish(&common, &err) < 0 ||
	    cg_quadrant_config(&o, &common.cfg, &err) < 0 ||
	    cg_config_check(&common.cfg, owned, &err) < 0 ||
	    cg_quadrant_run(&o, &common, argc, argv, &err) < 0 ||
	    cg_close_stdout(&err) < 0) {
		cg_err_print("quadrant", &err);
		status = cg_exit_status(err.code);
	} else
		status = CG_EXIT_OK;
done:
	free(cuts);
	cg_quadrant_opts_free(&o);
	cg_common_free(&common);
	return status;
}
