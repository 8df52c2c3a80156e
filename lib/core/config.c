/*
 * config.c - load the inih configuration and let tools take their keys.
 *
 * inih does the INI syntax; this file adds what inih lacks: the line of
 * every key (our own fgets-style reader counts lines, the handler reads
 * the count from the shared context), the search order of config.h, and
 * the check for keys and sections nobody took. inih's tuning globals
 * (ini_allow_multiline, ...) are left alone: they are process-wide and
 * a library must not change them.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ini.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "clientgrade/config.h"
#include "clientgrade/value.h"

/* What the reader and the handler share while inih parses one file. */
struct load_ctx {
	FILE *fp;		/* reading a file, or */
	const char *s;		/* reading a string (NUL-terminated) */
	int line;		/* lines handed to inih so far */
	int toolong;		/* line that did not fit inih's buffer, or 0 */
	int maxlen;		/* longest line inih takes, in bytes */
	int readerr;		/* errno of a read error, or 0 */
	struct cg_config *cfg;
};

/* Sections some tool knows; "x.*" stands for any subsection of x. */
static const char *const known_sections[] = {
	"clientgrade", "columns", "stages",
	"grade", "grade.weights", "grade.ranges", "grade.rules",
	"grade.scale", "grade.source",
	"rollup",
	"quadrant", "quadrant.time", "quadrant.names", "quadrant.effort",
	"touchplan", "touchplan.cadence", "touchplan.cadence.*",
	"touchplan.lead.cadence", "touchplan.lead.cadence.*",
	"touchplan.referral.cadence", "touchplan.referral.cadence.*",
	"prune",
	NULL
};

/*
 * Hand inih one line. Leading blanks are dropped here so that inih never
 * sees an indented line: its multi-line mode would otherwise glue such a
 * line to the previous key as a second value, silently. Without it an
 * indented line is parsed like any other. A line longer than inih's
 * buffer would be split by inih into two "lines" and shift every line
 * number after it, so it ends the parse and is reported instead.
 */
/* Is the line begun in s[0..n) a comment? (first: may start with a BOM) */
static int
is_comment(const char *s, size_t n, int first)
{
	if (first && n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		s += 3;
		n -= 3;
	}
	return n > 0 && (s[0] == ';' || s[0] == '#');
}

static char *
ctx_read(char *str, int num, void *stream)
{
	struct load_ctx *c = stream;
	size_t n = 0, room, max = num > 3 ? (size_t)num - 3 : 0;
	int ch, took = 0;

	if (c->toolong || c->readerr)
		return NULL;
	for (;;) {
		if (c->fp != NULL) {
			errno = 0;
			if ((ch = getc(c->fp)) == EOF) {
				if (ferror(c->fp))
					c->readerr = errno ? errno : EIO;
				break;
			}
		} else {
			if (*c->s == '\0')
				break;
			ch = (unsigned char)*c->s++;
		}
		took = 1;
		if (n == 0 && (ch == ' ' || ch == '\t'))
			continue;
		/*
		 * inih's buffer takes `max` bytes of text, then "\r\n\0"
		 * (its own rule). A long comment loses its tail, which nobody
		 * reads anyway; any other long line is an error.
		 */
		room = ch == '\n' ? max + 2 : ch == '\r' ? max + 1 : max;
		if (n >= room) {
			if (!is_comment(str, n, c->line == 0)) {
				c->toolong = c->line + 1;
				c->maxlen = (int)max;
				return NULL;
			}
			continue;
		}
		str[n++] = (char)ch;
		if (ch == '\n')
			break;
	}
	if (c->readerr || !took)
		return NULL;
	str[n] = '\0';
	c->line++;
	return str;
}

static int
ctx_handler(void *user, const char *section, const char *key,
    const char *value)
{
	struct load_ctx *c = user;
	struct cg_config *cfg = c->cfg;
	struct cg_config_entry *e;

	if (cfg->n == cfg->cap) {
		cfg->cap = cfg->cap ? cfg->cap * 2 : 16;
		cfg->v = cg_xreallocarray(cfg->v, cfg->cap, sizeof(*cfg->v));
	}
	e = &cfg->v[cfg->n++];
	e->section = cg_xstrdup(section);
	e->key = cg_xstrdup(key);
	e->value = cg_xstrdup(value != NULL ? value : "");
	e->line = c->line;
	e->used = 0;
	return 1;
}

/*
 * Parse with inih through ctx_read. cfg->path is set already and is
 * what err->file points to, so the caller prints before cg_config_free.
 */
static int
load(struct cg_config *cfg, struct load_ctx *c, struct cg_err *err)
{
	int rc;

	c->cfg = cfg;
	rc = ini_parse_stream(ctx_read, c, ctx_handler, c);
	if (c->readerr) {
		errno = c->readerr;
		return cg_err_set(err, CG_EIO, cfg->path, 0, 0, "read error:");
	}
	if (c->toolong)
		return cg_err_set(err, CG_ECONFIG, cfg->path, c->toolong, 0,
		    "line too long (at most %d bytes)", c->maxlen);
	if (rc > 0)
		return cg_err_set(err, CG_ECONFIG, cfg->path, rc, 0,
		    "syntax error");
	if (rc < 0)
		return cg_err_set(err, CG_ENOMEM, cfg->path, 0, 0,
		    "out of memory");
	return 0;
}

static void
config_init(struct cg_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
}

int
cg_config_load_string(struct cg_config *cfg, const char *name,
    const char *text, struct cg_err *err)
{
	struct load_ctx c;

	config_init(cfg);
	cfg->path = cg_xstrdup(name);
	memset(&c, 0, sizeof(c));
	c.s = text;
	return load(cfg, &c, err);
}

/*
 * Open `path` as the configuration. missing_ok (the default place, not
 * a name the user gave): a file that is not there, or that we cannot even
 * see (an unreadable $HOME), means no file; only a file that exists and
 * cannot be read is an error.
 */
static int
load_path(struct cg_config *cfg, const char *path, int missing_ok,
    struct cg_err *err)
{
	struct load_ctx c;
	FILE *fp;
	int rc;

	if ((fp = fopen(path, "r")) == NULL) {
		struct stat st;
		int saved = errno;

		if (missing_ok && (saved == ENOENT || stat(path, &st) != 0))
			return 0;
		errno = saved;
		cfg->path = cg_xstrdup(path);
		return cg_err_set(err, CG_EIO, cfg->path, 0, 0,
		    "cannot open:");
	}
	cfg->path = cg_xstrdup(path);
	memset(&c, 0, sizeof(c));
	c.fp = fp;
	rc = load(cfg, &c, err);
	fclose(fp);
	return rc;
}

int
cg_config_load(struct cg_config *cfg, const char *explicit_path,
    struct cg_err *err)
{
	const char *env, *home;
	struct cg_buf b = CG_BUF_INIT;
	int rc;

	config_init(cfg);
	if (explicit_path != NULL)
		return load_path(cfg, explicit_path, 0, err);
	env = getenv("CLIENTGRADE_CONFIG");
	if (env != NULL && *env != '\0')
		return load_path(cfg, env, 0, err);
	/* XDG: a relative $XDG_CONFIG_HOME is invalid and is ignored. */
	env = getenv("XDG_CONFIG_HOME");
	if (env != NULL && env[0] == '/')
		cg_buf_printf(&b, "%s/clientgrade/config.ini", env);
	else if ((home = getenv("HOME")) != NULL && *home != '\0')
		cg_buf_printf(&b, "%s/.config/clientgrade/config.ini", home);
	else
		return 0;
	rc = load_path(cfg, b.s, 1, err);
	cg_buf_free(&b);
	return rc;
}

void
cg_config_free(struct cg_config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->n; i++) {
		free(cfg->v[i].section);
		free(cfg->v[i].key);
		free(cfg->v[i].value);
	}
	free(cfg->v);
	free(cfg->path);
	config_init(cfg);
}

/* Section and key names compare case-insensitively, as INI users expect. */
static int
name_eq(const char *a, const char *b)
{
	return strcasecmp(a, b) == 0;
}

struct cg_config_entry *
cg_config_get(struct cg_config *cfg, const char *section, const char *key)
{
	struct cg_config_entry *last = NULL;
	size_t i;

	/* Earlier duplicates are taken too: they are overridden, not unknown. */
	for (i = 0; i < cfg->n; i++) {
		if (name_eq(cfg->v[i].section, section) &&
		    name_eq(cfg->v[i].key, key)) {
			cfg->v[i].used = 1;
			last = &cfg->v[i];
		}
	}
	return last;
}

struct cg_config_entry *
cg_config_each(struct cg_config *cfg, const char *section, size_t *it)
{
	for (; *it < cfg->n; (*it)++) {
		if (name_eq(cfg->v[*it].section, section)) {
			cfg->v[*it].used = 1;
			return &cfg->v[(*it)++];
		}
	}
	return NULL;
}

int
cg_config_err(struct cg_err *err, const struct cg_config *cfg,
    const struct cg_config_entry *e, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = cg_err_vset(err, CG_ECONFIG, cfg->path, e != NULL ? e->line : 0,
	    0, fmt, ap);
	va_end(ap);
	return rc;
}

/* Does section `s` match pattern `p` ("x" exactly, or "x.*": below x)? */
static int
section_match(const char *p, const char *s)
{
	size_t n = strlen(p);

	if (n >= 2 && strcmp(p + n - 2, ".*") == 0)
		return strncasecmp(p, s, n - 1) == 0 && s[n - 1] != '\0';
	return name_eq(p, s);
}

static int
section_in(const char *const *list, const char *s)
{
	for (; list != NULL && *list != NULL; list++)
		if (section_match(*list, s))
			return 1;
	return 0;
}

int
cg_config_check(const struct cg_config *cfg, const char *const *owned,
    struct cg_err *err)
{
	const struct cg_config_entry *e;
	size_t i;

	for (i = 0; i < cfg->n; i++) {
		e = &cfg->v[i];
		if (e->section[0] == '\0')
			return cg_config_err(err, cfg, e,
			    "key '%s' is not in a section", e->key);
		if (!section_in(known_sections, e->section))
			return cg_config_err(err, cfg, e,
			    "unknown section [%s]", e->section);
		if (!e->used && section_in(owned, e->section))
			return cg_config_err(err, cfg, e,
			    "unknown key '%s' in [%s]", e->key, e->section);
	}
	return 0;
}

int
cg_config_num(const struct cg_config *cfg, const struct cg_config_entry *e,
    double *out, struct cg_err *err)
{
	if (cg_parse_num(e->value, strlen(e->value), '.', out, NULL) !=
	    CG_V_OK)
		return cg_config_err(err, cfg, e,
		    "bad value '%s' for '%s' (want a number)", e->value, e->key);
	return 0;
}

int
cg_config_bool(const struct cg_config *cfg, const struct cg_config_entry *e,
    int *out, struct cg_err *err)
{
	if (cg_parse_bool(e->value, strlen(e->value), out) != CG_V_OK)
		return cg_config_err(err, cfg, e,
		    "bad value '%s' for '%s' (want yes or no)", e->value,
		    e->key);
	return 0;
}
