/*
 * prune - move stale, silent, unqualified and duplicate prospects into a
 * rejects file, keeping the rest unchanged. See prune(1).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "clientgrade/config.h"
#include "clientgrade/error.h"
#include "clientgrade/prune.h"
#include "clientgrade/value.h"

#define MAX_DAYS 36525L	/* a century of days is surely a typo beyond */

enum {
	OPT_CLIENT_STAGES = 0x2000, OPT_DUPE_KEYS, OPT_MAX_UNANSWERED,
	OPT_MIN, OPT_NO_DUPES, OPT_NO_FIT, OPT_NO_NOREPLY, OPT_NO_STALE,
	OPT_REQUIRE, OPT_RULES, OPT_STALE_DAYS
};

static const struct option longopts[] = {
	{ "client-stages", required_argument, NULL, OPT_CLIENT_STAGES },
	{ "dry-run", no_argument, NULL, 'n' },
	{ "dupe-keys", required_argument, NULL, OPT_DUPE_KEYS },
	{ "max-unanswered", required_argument, NULL, OPT_MAX_UNANSWERED },
	{ "min", required_argument, NULL, OPT_MIN },
	{ "no-dupes", no_argument, NULL, OPT_NO_DUPES },
	{ "no-fit", no_argument, NULL, OPT_NO_FIT },
	{ "no-noreply", no_argument, NULL, OPT_NO_NOREPLY },
	{ "no-stale", no_argument, NULL, OPT_NO_STALE },
	{ "rejects", required_argument, NULL, 'r' },
	{ "require", required_argument, NULL, OPT_REQUIRE },
	{ "rules", required_argument, NULL, OPT_RULES },
	{ "stale-days", required_argument, NULL, OPT_STALE_DAYS },
	{ "summary", no_argument, NULL, 's' },
	CG_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

static const char usage_text[] =
"usage: prune [-ns] [-r FILE] [--rules LIST] [--no-stale] [--no-noreply]\n"
"             [--no-fit] [--no-dupes] [--stale-days N]\n"
"             [--client-stages LIST] [--max-unanswered N]\n"
"             [--require COL=VALUE]... [--min COL=N]... [--dupe-keys LIST]\n"
"             [--today YYYY-MM-DD] [--dates us|eu|iso]\n"
"             [--col ROLE=HEADER]... [--config FILE] [--delimiter C]\n"
"             [--decimal C] [FILE ...]\n";

static void
usage(int status)
{
	fputs(usage_text, status == 0 ? stdout : stderr);
	exit(status);
}

int
main(int argc, char *argv[])
{
	static const char *const owned[] = { CG_COMMON_SECTIONS, "prune",
	    NULL };
	struct cg_common common;
	struct cg_prune_opts o;
	struct cg_prune_stats st;
	struct cg_input *in = NULL;
	struct cg_reader_opts ro;
	struct cg_err err;
	unsigned set = 0, off = 0, bits;
	long v;
	int ch;

	cg_sigpipe_default();
	cg_common_init(&common, "prune");
	cg_prune_opts_init(&o);
	while ((ch = getopt_long(argc, argv, "nr:s", longopts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			o.dry_run = 1;
			break;
		case 'r':
			o.rejects_path = optarg;
			break;
		case 's':
			o.summary = 1;
			break;
		case OPT_CLIENT_STAGES:
			cg_prune_parse_stages(&o, optarg, &err);
			set |= CG_PRUNE_SET_STAGES;
			break;
		case OPT_DUPE_KEYS:
			if (cg_prune_parse_keys(optarg, &o.dupe_keys, &err) < 0)
				goto usage_fail;
			set |= CG_PRUNE_SET_KEYS;
			o.asked |= CG_PRUNE_BIT(CG_PRUNE_DUPES);
			break;
		case OPT_MAX_UNANSWERED:
			if (cg_parse_long(optarg, 1, 1000000, &v) < 0) {
				fprintf(stderr, "prune: --max-unanswered wants "
				    "a whole number from 1, not '%s'\n", optarg);
				goto trouble;
			}
			o.max_unanswered = (double)v;
			set |= CG_PRUNE_SET_NOREPLY;
			o.asked |= CG_PRUNE_BIT(CG_PRUNE_NOREPLY);
			break;
		case OPT_MIN:
		case OPT_REQUIRE:
			if (cg_prune_add_cond(&o, optarg, ch == OPT_MIN,
			    &err) < 0)
				goto usage_fail;
			break;
		case OPT_NO_DUPES:
			off |= CG_PRUNE_BIT(CG_PRUNE_DUPES);
			break;
		case OPT_NO_FIT:
			off |= CG_PRUNE_BIT(CG_PRUNE_FIT);
			break;
		case OPT_NO_NOREPLY:
			off |= CG_PRUNE_BIT(CG_PRUNE_NOREPLY);
			break;
		case OPT_NO_STALE:
			off |= CG_PRUNE_BIT(CG_PRUNE_STALE);
			break;
		case OPT_RULES:
			if (cg_prune_parse_rules(optarg, &bits, &err) < 0)
				goto usage_fail;
			o.rules = bits;
			o.asked |= bits;
			set |= CG_PRUNE_SET_RULES;
			break;
		case OPT_STALE_DAYS:
			if (cg_parse_long(optarg, 0, MAX_DAYS, &v) < 0) {
				fprintf(stderr, "prune: --stale-days wants a "
				    "number of days from 0 to %ld, not '%s'\n",
				    MAX_DAYS, optarg);
				goto trouble;
			}
			o.stale_days = v;
			set |= CG_PRUNE_SET_STALE;
			o.asked |= CG_PRUNE_BIT(CG_PRUNE_STALE);
			break;
		default:
			switch (cg_common_opt(&common, ch, optarg, &err)) {
			case 1:
				break;
			case 0:
				usage(CG_EXIT_TROUBLE);
				break;
			default:
				goto usage_fail;
			}
		}
	}
	argc -= optind;
	argv += optind;

	if (common.help || common.version) {
		cg_prune_opts_free(&o);
		cg_common_free(&common);
		if (common.help)
			usage(CG_EXIT_OK);
		cg_print_version("prune");
		return CG_EXIT_OK;
	}
	if (o.rejects_path == NULL && !o.dry_run) {
		fprintf(stderr, "prune: refusing to drop rows without "
		    "--rejects FILE (or --dry-run to count them)\n");
		goto trouble;
	}

	if (cg_common_finish(&common, &err) < 0 ||
	    cg_prune_config(&o, &common.cfg, set, &err) < 0 ||
	    cg_config_check(&common.cfg, owned, &err) < 0)
		goto fail;
	o.rules &= ~off;
	o.asked &= ~off;
	o.today = common.today;
	o.dates = common.dates;
	o.prog = "prune";

	/* Duplicates need a second pass; only then is the input spooled. */
	ro = cg_common_reader_opts(&common,
	    (o.rules & CG_PRUNE_BIT(CG_PRUNE_DUPES)) != 0);
	if ((in = cg_input_open(argc, argv, &ro, &err)) == NULL ||
	    cg_prune_run(in, &o, &common.cols, 1, &st, &err) < 0)
		goto fail;
	cg_input_free(in);
	in = NULL;
	if (o.dry_run) {
		if (cg_prune_summary(1, &st, NULL, &err) < 0)
			goto fail;
	} else if (o.summary && cg_prune_summary(2, &st, NULL, &err) < 0)
		goto fail;
	if (cg_close_stdout(&err) < 0)
		goto fail;
	cg_prune_opts_free(&o);
	cg_common_free(&common);
	return CG_EXIT_OK;

usage_fail:
	cg_err_print("prune", &err);
trouble:
	cg_prune_opts_free(&o);
	cg_common_free(&common);
	return CG_EXIT_TROUBLE;
fail:
	cg_err_print("prune", &err);
	cg_input_free(in);
	cg_prune_opts_free(&o);
	cg_common_free(&common);
	return cg_exit_status(err.code);
}
