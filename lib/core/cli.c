/*
 * cli.c - the options and endings every command shares.
 */
#include <errno.h>
#include <iconv.h>
#include <fcntl.h>
#include <unistd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clientgrade/tool.h"
#include "cli.h"
#include "report.h"
#include "clientgrade/optparse.h"
#include "clientgrade/value.h"

/* Hold a closed standard descriptor with /dev/null opened `flags`. */
static int
hold_fd(int fd, int flags)
{
	int got;

	if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
		return 0;
	/* open(2) takes the lowest free number: this one, as 0..fd-1 are
	 * open by now. */
	got = open("/dev/null", flags);
	if (got != fd && got >= 0)
		close(got);
	return 1;
}

void
cg_common_init(struct cg_common *c, const char *prog)
{
	memset(c, 0, sizeof(*c));
	/* Read-only on 1 makes every write to a closed stdout fail (EBADF). */
	c->stdin_closed = hold_fd(0, O_RDONLY);
	(void)hold_fd(1, O_RDONLY);
	(void)hold_fd(2, O_WRONLY);
	c->prog = prog;
	cg_stages_init(&c->stages);
	c->today = cg_today();
	c->dates = CG_DATES_AUTO;
}

static int
parse_delim(const char *a, char *out)
{
	static const struct { const char *name; char c; } names[] = {
		{ ",", ',' }, { "comma", ',' }, { ";", ';' },
		{ "semicolon", ';' }, { "\t", '\t' }, { "\\t", '\t' },
		{ "tab", '\t' }, { "|", '|' }, { "pipe", '|' }
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(a, names[i].name) == 0) {
			*out = names[i].c;
			return 0;
		}
	return -1;
}

static int
parse_dates(const char *a, int *out)
{
	if (strcmp(a, "us") == 0)
		*out = CG_DATES_US;
	else if (strcmp(a, "eu") == 0)
		*out = CG_DATES_EU;
	else if (strcmp(a, "iso") == 0)
		*out = CG_DATES_ISO;
	else if (strcmp(a, "auto") == 0)
		*out = CG_DATES_AUTO;
	else if (strcmp(a, "serial") == 0)
		*out = CG_DATES_SERIAL;
	else
		return -1;
	return 0;
}

static int
parse_decimal(const char *a, char *out)
{
	if (strcmp(a, "dot") == 0 || strcmp(a, ".") == 0)
		*out = '.';
	else if (strcmp(a, "comma") == 0 || strcmp(a, ",") == 0)
		*out = ',';
	else
		return -1;
	return 0;
}

/* An encoding iconv can read: 0, or -1 (CG_EUSAGE). */
static int
check_encoding(const char *name, struct cg_err *err)
{
	iconv_t cd = iconv_open("UTF-8", name);

	if (cd == (iconv_t)-1)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "--encoding: '%s' is not an encoding iconv knows (try "
		    "cp1252, latin1, utf-16le)", name);
	iconv_close(cd);
	return 0;
}

int
cg_common_opt(struct cg_common *c, int ch, const char *arg,
    struct cg_err *err)
{
	switch (ch) {
	case CG_OPT_DELIMITER:
		if (parse_delim(arg, &c->delim) < 0)
			return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
			    "--delimiter: '%s' is not one of , ; tab |", arg);
		return 1;
	case CG_OPT_COL:
		/* Checked now, applied after the config in _finish. */
		if (cg_colmap_add(&c->cli_cols, arg, err) < 0)
			return -1;
		return 1;
	case CG_OPT_CONFIG:
		c->config_path = arg;
		return 1;
	case CG_OPT_TODAY:
		if (cg_parse_day(arg, "--today", &c->today, err) < 0)
			return -1;
		c->today_set = 1;
		return 1;
	case CG_OPT_DATES:
		if (parse_dates(arg, &c->dates) < 0)
			return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
			    "--dates: '%s' is not us, eu, iso, serial or auto", arg);
		c->dates_set = 1;
		return 1;
	case CG_OPT_DECIMAL:
		if (parse_decimal(arg, &c->decimal) < 0)
			return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
			    "--decimal: '%s' is not dot or comma", arg);
		return 1;
	case CG_OPT_HELP:
		c->help = 1;
		return 1;
	case CG_OPT_ENCODING:
		if (check_encoding(arg, err) < 0)
			return -1;
		c->encoding = arg;
		return 1;
	case CG_OPT_INSPECT:
		c->inspect = 1;
		return 1;
	case CG_OPT_QUIET:
		c->quiet = 1;
		return 1;
	case CG_OPT_VERSION:
		c->version = 1;
		return 1;
	}
	return 0;
}

int
cg_common_finish(struct cg_common *c, struct cg_err *err)
{
	struct cg_config_entry *e;
	size_t it = 0, i;

	if (cg_config_load(&c->cfg, c->config_path, err) < 0)
		return -1;
	while ((e = cg_config_each(&c->cfg, "clientgrade", &it)) != NULL) {
		if (strcasecmp(e->key, "delimiter") == 0) {
			char d;

			if (parse_delim(e->value, &d) < 0)
				return cg_config_err(err, &c->cfg, e,
				    "bad value '%s' for 'delimiter' (want , ; "
				    "tab or |)", e->value);
			if (c->delim == 0)
				c->delim = d;
		} else if (strcasecmp(e->key, "decimal") == 0) {
			char d;

			if (parse_decimal(e->value, &d) < 0)
				return cg_config_err(err, &c->cfg, e,
				    "bad value '%s' for 'decimal' (want dot or "
				    "comma)", e->value);
			if (c->decimal == 0)
				c->decimal = d;
		} else if (strcasecmp(e->key, "encoding") == 0) {
			if (check_encoding(e->value, err) < 0)
				return cg_config_err(err, &c->cfg, e,
				    "bad value '%s' for 'encoding' (want an "
				    "encoding iconv knows: cp1252, latin1, ...)",
				    e->value);
			if (c->encoding == NULL)
				c->encoding = e->value;
		} else if (strcasecmp(e->key, "dates") == 0) {
			int d;

			if (parse_dates(e->value, &d) < 0)
				return cg_config_err(err, &c->cfg, e,
				    "bad value '%s' for 'dates' (want us, eu, "
				    "iso, serial or auto)", e->value);
			if (!c->dates_set)
				c->dates = d;
		} else
			e->used = 0;	/* left for cg_config_check to name */
	}
	if (cg_stages_config(&c->stages, &c->cfg, err) < 0)
		return -1;
	/* [columns] first, then --col: the command line wins. */
	it = 0;
	while ((e = cg_config_each(&c->cfg, "columns", &it)) != NULL)
		if (cg_colmap_set(&c->cols, e->key, e->value, err) < 0) {
			err->code = CG_ECONFIG;
			err->file = c->cfg.path;
			err->line = e->line;
			err->col = 0;
			return -1;
		}
	for (i = 0; i < c->cli_cols.n; i++)
		if (cg_colmap_set(&c->cols, c->cli_cols.v[i].role,
		    c->cli_cols.v[i].header, err) < 0)
			return -1;
	return 0;
}

void
cg_common_free(struct cg_common *c)
{
	cg_stages_free(&c->stages);
	cg_colmap_free(&c->cols);
	cg_colmap_free(&c->cli_cols);
	cg_config_free(&c->cfg);
}

void
cg_print_version(const char *prog)
{
	printf("%s (clientgrade) %s\n", prog, CG_VERSION);
}

void
cg_sigpipe_default(void)
{
	signal(SIGPIPE, SIG_DFL);
}

int
cg_close_stdout(struct cg_err *err)
{
	int bad = fflush(stdout) != 0 || ferror(stdout);

	if (fclose(stdout) != 0)
		bad = 1;
	if (bad)
		return cg_err_set(err, CG_EWRITE, NULL, 0, 0,
		    "write error: %s", strerror(errno));
	return 0;
}

void
cg_common_run(struct cg_common *c, struct cg_run *run, int argc,
    char **argv)
{
	cg_run_init(run, c->prog);
	run->argc = argc;
	run->argv = argv;
	run->today = c->today;
	run->today_set = c->today_set;
	run->dates = c->dates;
	run->dates_set = c->dates_set;
	run->delim = c->delim;
	run->decimal = c->decimal;
	run->stdin_closed = c->stdin_closed;
	run->quiet = c->quiet;
	run->inspect = c->inspect;
	run->encoding = c->encoding;
	run->cols = &c->cols;
	run->stages = &c->stages;
	run->cfg = &c->cfg;
	run->say = cg_report_say;
	run->say_ctx = (void *)c->prog;
}
