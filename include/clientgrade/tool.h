/*
 * tool.h - the spine every clientgrade command is built on.
 *
 * A tool is a table, not a main. cmd/<tool>.c describes its options
 * (each with its one-line help and the setter that takes it), names the
 * config sections it owns, and hands the lot to cg_tool_main(), which
 * does what every tool does the same way: SIGPIPE, getopt_long over the
 * tool's options and the common ones (--col, --config, --dates,
 * --decimal, --delimiter, --today, --help, --version), --help printed
 * from the same table (so it cannot drift from what is parsed), loading
 * the config and refusing keys nobody owns, building the struct cg_run
 * (run.h) the engine works from, printing the engine's error once as
 * `tool: FILE:LINE:COL: message`, closing and checking stdout, and the
 * exit status (0 ok, 1 data, 2 usage or I/O).
 *
 * Adding a sixth tool: copy cmd/grade.c. Write lib/<tool>/ with an opts
 * struct, its init/free, the parsers its setters call, and one entry
 * point `int cg_<tool>_run(const struct cg_<tool>_opts *, const struct
 * cg_run *, struct cg_err *)` that reads -> resolves columns -> computes
 * -> writes and returns 0 or -1. In cmd/<tool>.c list the options with
 * CG_OPT_GROUP headings as the man page's OPTIONS groups them, point the
 * hooks at lib/, and call cg_tool_main(). Write man/<tool>.1 with the
 * same groups (test/script/help_man.sh checks they agree).
 *
 *     static int set_method(void *o, const char *a, struct cg_err *e)
 *     { return cg_grade_parse_method(o, a, e); }
 *     static const struct cg_opt opts[] = {
 *             CG_OPT_GROUP("Grading"),
 *             { "method", 'm', CG_ARG_REQUIRED, "method",
 *               "score, abc, rfm or rules (default: score)", set_method },
 *             CG_OPT_END
 *     };
 */
#ifndef CLIENTGRADE_TOOL_H
#define CLIENTGRADE_TOOL_H

#include <stdio.h>
#include "error.h"
#include "run.h"

/* The suite's version, for --version and generated files (.ics). */
#define CG_VERSION "0.1.0"

enum cg_arg {
	CG_ARG_NONE,
	CG_ARG_REQUIRED,
	CG_ARG_OPTIONAL,	/* --opt or --opt=value */
	/*
	 * Optional, and without "=value" the next word is taken when it is
	 * a period: YYYY-MM, YYYY-Www or YYYY-Qn (touchplan --week 2026-W49).
	 * Such a word is never a plausible file operand.
	 */
	CG_ARG_PERIOD
};

struct cg_opt {
	const char *name;	/* long name without "--"; NULL: see below */
	int letter;		/* short option letter, or 0 */
	enum cg_arg arg;
	const char *argname;	/* shown in --help: "--method method" */
	const char *help;	/* one line, with the default where one is */
	/* Take the option (arg NULL when none came): 0, or -1 with err
	 * filled (a usage error). */
	int (*set)(void *o, const char *arg, struct cg_err *err);
};

/*
 * A setter that hands the option to a lib/ parser taking the tool's own
 * opts struct: CG_SETTER(set_method, cg_grade_parse_method).
 */
#define CG_SETTER(name, parser) \
	static int name(void *o, const char *a, struct cg_err *e) \
	{ return parser(o, a, e); }

/* A heading in --help (name NULL, help the title); the table's end. */
#define CG_OPT_GROUP(title) { NULL, 0, CG_ARG_NONE, NULL, title, NULL }
#define CG_OPT_END { NULL, 0, CG_ARG_NONE, NULL, NULL, NULL }

/* A column role a tool reads, for --inspect. */
struct cg_role_need {
	const char *role;	/* "volume"; NULL ends the list */
	char type;		/* 'n' number, 'd' date, 'b' yes/no, 't' text */
	/* 0 optional; 1 required; 2.. a group: the tool needs at least one
	 * role of each group number. */
	int need;
};

struct cg_tool {
	const char *name;	/* "grade" */
	/* What follows "usage: " in --help, as the man page's SYNOPSIS:
	 * lines after the first indented to line up under it. */
	const char *synopsis;
	const struct cg_opt *opts;
	/* Config sections the tool reads ("grade", "grade.*"), NULL-ended;
	 * [clientgrade] and [columns] belong to the spine. */
	const char *const *sections;
	void (*init)(void *o);
	/*
	 * After every option and the common config: read the tool's own
	 * sections from run->cfg (marking entries used), check option
	 * combinations. May be NULL. 0 or -1.
	 */
	int (*check)(void *o, struct cg_run *run, struct cg_err *err);
	/* The engine: 0 or -1. */
	int (*run)(void *o, const struct cg_run *run, struct cg_err *err);
	void (*free)(void *o);
	/* The roles it reads, for --inspect (NULL: none listed). */
	const struct cg_role_need *roles;
};

/*
 * Run tool `t` with options struct `o` (the caller's, uninitialised:
 * t->init sets it up, t->free releases it) on argc/argv. Returns the exit
 * status for main() to return.
 */
int cg_tool_main(const struct cg_tool *t, void *o, int argc, char **argv);

/*
 * Print --help for `t` to `fp`: the usage line, one line per option
 * (its argument and default) under the tool's group headings and then
 * the common options, and "See <tool>(1)."
 */
void cg_tool_help(const struct cg_tool *t, FILE *fp);

#endif
