/*
 * tool.c - cg_tool_main: the one main every command runs through.
 *
 * Options come from two tables, the tool's (struct cg_opt, with its
 * setters) and the common one below; getopt_long sees both. The tool's
 * options get codes from CODE_BASE up, the common ones keep cli.h's.
 * --help prints the same two tables, so the help cannot name an option
 * that is not parsed or miss one that is.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/tool.h"
#include "cli.h"
#include "inspect.h"
#include "report.h"

#define CODE_BASE 0x2000

struct common_help {
	const char *name;
	int letter;		/* short option, or 0 */
	int code;
	enum cg_arg arg;
	const char *argname;
	const char *help;
};

/* In the order clientgrade(7) lists them. */
static const struct common_help common_opts[] = {
	{ "col", 0, CG_OPT_COL, CG_ARG_REQUIRED, "role=header",
	    "take ROLE from column HEADER; repeatable" },
	{ "config", 0, CG_OPT_CONFIG, CG_ARG_REQUIRED, "file",
	    "settings file (default: see clientgrade(7))" },
	{ "dates", 0, CG_OPT_DATES, CG_ARG_REQUIRED, "us|eu|iso|auto",
	    "day/month order (default: auto, from the data)" },
	{ "decimal", 0, CG_OPT_DECIMAL, CG_ARG_REQUIRED, "dot|comma",
	    "decimal mark (default: from the data)" },
	{ "encoding", 0, CG_OPT_ENCODING, CG_ARG_REQUIRED, "name",
	    "input encoding, e.g. cp1252 (default: UTF-8)" },
	{ "delimiter", 0, CG_OPT_DELIMITER, CG_ARG_REQUIRED, "c",
	    ", ; tab or | (default: sniffed from the header)" },
	{ "today", 0, CG_OPT_TODAY, CG_ARG_REQUIRED, "yyyy-mm-dd",
	    "the day to count from (default: the local date)" },
	{ "inspect", 0, CG_OPT_INSPECT, CG_ARG_NONE, NULL,
	    "show how the input reads (columns, dialect) and stop" },
	{ "quiet", 'q', CG_OPT_QUIET, CG_ARG_NONE, NULL,
	    "no notes on stderr (warnings are still said)" },
	{ "help", 0, CG_OPT_HELP, CG_ARG_NONE, NULL,
	    "print this help and exit" },
	{ "version", 0, CG_OPT_VERSION, CG_ARG_NONE, NULL,
	    "print the version and exit" },
	{ NULL, 0, 0, CG_ARG_NONE, NULL, NULL }
};

static int
has_arg(enum cg_arg a)
{
	return a == CG_ARG_REQUIRED ? required_argument :
	    a == CG_ARG_NONE ? no_argument : optional_argument;
}

static int
digits(const char *s, size_t n)
{
	for (; n > 0; n--, s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* YYYY-MM, YYYY-Www or YYYY-Qn: see CG_ARG_PERIOD. */
static int
is_period(const char *s)
{
	size_t n = strlen(s);

	if (n < 6 || !digits(s, 4) || s[4] != '-')
		return 0;
	if (n == 7 && digits(s + 5, 2))
		return 1;
	if (n == 8 && (s[5] == 'W' || s[5] == 'w') && digits(s + 6, 2))
		return 1;
	return n == 7 && (s[5] == 'Q' || s[5] == 'q') && s[6] >= '1' &&
	    s[6] <= '4';
}

static size_t
count_opts(const struct cg_opt *o)
{
	size_t n = 0;

	for (; o != NULL && (o->name != NULL || o->help != NULL); o++)
		n++;
	return n;
}

/* The getopt tables; both are the caller's to free. */
static void
build_getopt(const struct cg_tool *t, struct option **lo, char **so)
{
	size_t n = count_opts(t->opts), i, k = 0, s = 0;
	const struct cg_opt *o;

	*lo = cg_xcalloc(n + sizeof(common_opts) / sizeof(common_opts[0]) + 1,
	    sizeof(**lo));
	*so = cg_xcalloc(3 * n + 2, 1);
	(*so)[s++] = 'q';	/* the one common short option */
	for (i = 0; i < n; i++) {
		o = &t->opts[i];
		if (o->name == NULL)
			continue;
		(*lo)[k].name = o->name;
		(*lo)[k].has_arg = has_arg(o->arg);
		(*lo)[k].val = CODE_BASE + (int)i;
		k++;
		if (o->letter != 0) {
			(*so)[s++] = (char)o->letter;
			if (o->arg != CG_ARG_NONE)
				(*so)[s++] = ':';
			if (o->arg == CG_ARG_OPTIONAL ||
			    o->arg == CG_ARG_PERIOD)
				(*so)[s++] = ':';
		}
	}
	for (i = 0; common_opts[i].name != NULL; i++, k++) {
		(*lo)[k].name = common_opts[i].name;
		(*lo)[k].has_arg = has_arg(common_opts[i].arg);
		(*lo)[k].val = common_opts[i].code;
	}
}

/* The tool option a getopt code stands for, or NULL. */
static const struct cg_opt *
lookup(const struct cg_tool *t, int code)
{
	size_t n = count_opts(t->opts), i;

	if (code >= CODE_BASE && (size_t)(code - CODE_BASE) < n)
		return &t->opts[code - CODE_BASE];
	for (i = 0; i < n; i++)
		if (t->opts[i].name != NULL && t->opts[i].letter == code)
			return &t->opts[i];
	return NULL;
}

static void
usage(const struct cg_tool *t, FILE *fp)
{
	fprintf(fp, "usage: %s\n", t->synopsis);
}

/* "-m, --method method" and the like, into buf. */
static void
optcol(char *buf, size_t cap, int letter, const char *name, enum cg_arg arg,
    const char *argname)
{
	int n;

	if (letter != 0)
		n = snprintf(buf, cap, "  -%c, --%s", letter, name);
	else
		n = snprintf(buf, cap, "      --%s", name);
	if (n < 0 || (size_t)n >= cap || argname == NULL)
		return;
	if (arg == CG_ARG_OPTIONAL || arg == CG_ARG_PERIOD)
		snprintf(buf + n, cap - (size_t)n, "[=%s]", argname);
	else
		snprintf(buf + n, cap - (size_t)n, " %s", argname);
}

#define HELP_COL 30

static void
helpline(FILE *fp, const char *col, const char *help)
{
	int n = (int)strlen(col);

	fprintf(fp, "%s%*s%s\n", col, n < HELP_COL ? HELP_COL - n : 2, "",
	    help);
}

void
cg_tool_help(const struct cg_tool *t, FILE *fp)
{
	const struct cg_opt *o;
	char col[128];
	size_t n = count_opts(t->opts), i;

	usage(t, fp);
	for (i = 0; i < n; i++) {
		o = &t->opts[i];
		if (o->name == NULL) {
			fprintf(fp, "\n%s:\n", o->help);
			continue;
		}
		optcol(col, sizeof(col), o->letter, o->name, o->arg,
		    o->argname);
		helpline(fp, col, o->help);
	}
	fprintf(fp, "\nCommon options:\n");
	for (i = 0; common_opts[i].name != NULL; i++) {
		optcol(col, sizeof(col), common_opts[i].letter,
		    common_opts[i].name,
		    common_opts[i].arg, common_opts[i].argname);
		helpline(fp, col, common_opts[i].help);
	}
	fprintf(fp, "\nSee %s(1).\n", t->name);
}

/* Parse argv into o and c; 0, 1 (bad option: usage shown), -1 (err). */
static int
parse(const struct cg_tool *t, void *o, struct cg_common *c, int argc,
    char **argv, struct cg_err *err)
{
	struct option *lo;
	char *so;
	const struct cg_opt *opt;
	const char *arg;
	int ch, rc = 0;

	build_getopt(t, &lo, &so);
	/* getopt's own message for an unknown option is the one users of
	 * GNU tools know: no leading ':' in the short options. */
	while (rc == 0 && (ch = getopt_long(argc, argv, so, lo, NULL)) != -1) {
		if ((opt = lookup(t, ch)) != NULL) {
			arg = optarg;
			if (arg == NULL && opt->arg == CG_ARG_PERIOD &&
			    optind < argc && is_period(argv[optind]))
				arg = argv[optind++];
			if (opt->set(o, arg, err) < 0)
				rc = -1;
			continue;
		}
		switch (cg_common_opt(c, ch, optarg, err)) {
		case 1:
			break;
		case 0:
			usage(t, stderr);
			rc = 1;
			break;
		default:
			rc = -1;
			break;
		}
	}
	free(lo);
	free(so);
	return rc;
}

/* Every config section the tool may read: the spine's and its own. */
static const char **
owned_sections(const struct cg_tool *t)
{
	static const char *const common[] = { CG_COMMON_SECTIONS };
	size_t nc = sizeof(common) / sizeof(common[0]), n = 0, i;
	const char **v;

	while (t->sections != NULL && t->sections[n] != NULL)
		n++;
	v = cg_xcalloc(nc + n + 1, sizeof(*v));
	for (i = 0; i < nc; i++)
		v[i] = common[i];
	for (i = 0; i < n; i++)
		v[nc + i] = t->sections[i];
	return v;
}

int
cg_tool_main(const struct cg_tool *t, void *o, int argc, char **argv)
{
	struct cg_common c;
	struct cg_run run;
	struct cg_err err;
	const char **owned = NULL;
	int status = CG_EXIT_OK, rc;

	memset(&err, 0, sizeof(err));
	cg_sigpipe_default();
	cg_common_init(&c, t->name);
	t->init(o);
	rc = parse(t, o, &c, argc, argv, &err);
	if (rc != 0) {
		if (rc < 0)
			cg_err_print(t->name, &err);
		status = CG_EXIT_TROUBLE;
		goto done;
	}
	argc -= optind;
	argv += optind;

	if (c.help)
		cg_tool_help(t, stdout);
	else if (c.version)
		cg_print_version(t->name);
	else {
		owned = owned_sections(t);
		if (cg_common_finish(&c, &err) < 0 ||
		    (cg_common_run(&c, &run, argc, argv), 0) ||
		    (t->check != NULL && t->check(o, &run, &err) < 0) ||
		    cg_config_check(&c.cfg, owned, &err) < 0 ||
		    cg_run_check_files(&run, &err) < 0 ||
		    (run.inspect ? cg_inspect(t->name, t->roles, &run,
		    &err) : t->run(o, &run, &err)) < 0) {
			cg_err_print(t->name, &err);
			status = cg_exit_status(err.code);
		}
	}
	if (cg_close_stdout(&err) < 0 && status == CG_EXIT_OK) {
		cg_err_print(t->name, &err);
		status = CG_EXIT_TROUBLE;
	}
done:
	free(owned);
	t->free(o);
	cg_common_free(&c);
	return status;
}
