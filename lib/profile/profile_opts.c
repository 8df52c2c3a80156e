/*
 * profile_opts.c - the profile settings: defaults, the setters the
 * command's option table points at, and the check after all options
 * (the --touches file declared to the run). profile owns no config
 * section: nothing in it is a standing preference.
 */
#include <string.h>

#include "clientgrade/optparse.h"
#include "clientgrade/profile.h"

void
cg_profile_opts_init(struct cg_profile_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->format = CG_PF_CSV;
}

void
cg_profile_opts_free(struct cg_profile_opts *o)
{
	memset(o, 0, sizeof(*o));
}

int
cg_profile_parse_group(struct cg_profile_opts *o, const char *arg,
    struct cg_err *err)
{
	if (arg == NULL || *arg == '\0')
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "--group: the column name is empty");
	o->group = arg;
	return 0;
}

int
cg_profile_parse_format(struct cg_profile_opts *o, const char *arg,
    struct cg_err *err)
{
	if (strcmp(arg, "csv") == 0)
		o->format = CG_PF_CSV;
	else if (strcmp(arg, "text") == 0)
		o->format = CG_PF_TEXT;
	else
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0, "--format "
		    "wants 'csv' or 'text', not '%s'", arg);
	return 0;
}

int
cg_profile_parse_top(struct cg_profile_opts *o, const char *arg,
    struct cg_err *err)
{
	return cg_parse_count(arg, 1, 1000000, "--top", &o->top, err);
}

int
cg_profile_parse_touches(struct cg_profile_opts *o, const char *arg,
    struct cg_err *err)
{
	o->touches = arg;
	return 0;
}

int
cg_profile_check(struct cg_profile_opts *o, struct cg_run *run,
    struct cg_err *err)
{
	int i, stdin_used = run->argc == 0;

	if (o->touches == NULL)
		return 0;
	if (cg_run_input(run, "--touches", o->touches, err) < 0)
		return -1;
	for (i = 0; i < run->argc; i++)
		if (strcmp(run->argv[i], "-") == 0)
			stdin_used = 1;
	if (stdin_used && strcmp(o->touches, "-") == 0)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0, "--touches - "
		    "and the accounts cannot both be the standard input");
	return 0;
}
