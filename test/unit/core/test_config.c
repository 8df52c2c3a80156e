/*
 * test_config.c - the configuration loader: syntax, line numbers, the
 * search order, taking keys, the unknown-key check and typed values.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "clientgrade/buf.h"
#include "cli.h"
#include "clientgrade/config.h"
#include "clientgrade/roles.h"
#include "clientgrade/value.h"

/* The error as cg_err_print would show it, without the program name. */
static const char *
shown(const struct cg_err *err)
{
	static char buf[1024];

	if (err->file != NULL && err->line > 0 && err->col > 0)
		snprintf(buf, sizeof(buf), "%s:%ld:%ld: %s", err->file,
		    err->line, err->col, err->msg);
	else if (err->file != NULL && err->line > 0)
		snprintf(buf, sizeof(buf), "%s:%ld: %s", err->file, err->line,
		    err->msg);
	else if (err->file != NULL)
		snprintf(buf, sizeof(buf), "%s: %s", err->file, err->msg);
	else
		snprintf(buf, sizeof(buf), "%s", err->msg);
	return buf;
}

/*
 * Entries as "section|key|value|line;" ... for one-string comparisons; a
 * value over 40 bytes shows as "<N bytes>".
 */
static const char *
dump(const struct cg_config *cfg)
{
	static struct cg_buf b;
	size_t i;

	cg_buf_reset(&b);
	cg_buf_adds(&b, "");
	for (i = 0; i < cfg->n; i++) {
		if (strlen(cfg->v[i].value) > 40)
			cg_buf_printf(&b, "%s|%s|<%zu bytes>|%d;",
			    cfg->v[i].section, cfg->v[i].key,
			    strlen(cfg->v[i].value), cfg->v[i].line);
		else
			cg_buf_printf(&b, "%s|%s|%s|%d;", cfg->v[i].section,
			    cfg->v[i].key, cfg->v[i].value, cfg->v[i].line);
	}
	return b.s;
}

/* ---- syntax and line numbers ---- */

struct parse_case {
	const char *name;
	const char *text;
	const char *entries;	/* dump() on success */
	const char *err;	/* shown() on failure, code CG_ECONFIG */
};

static char longline[400], longcomment[400], fitline[400], fitcrlf[400];
static char longcrlf[400];

static const struct parse_case parse_cases[] = {
	{ "keys carry the line they are on",
	  "[grade]\nmethod = abc\n\n; note\n[grade.weights]\nvolume=2\n",
	  "grade|method|abc|2;grade.weights|volume|2|6;", NULL },
	{ "CRLF line endings read like LF",
	  "[grade]\r\nmethod = abc\r\n\r\n[prune]\r\ndays = 30\r\n",
	  "grade|method|abc|2;prune|days|30|5;", NULL },
	{ "a UTF-8 BOM at the start is skipped",
	  "\xef\xbb\xbf[columns]\nvolume = Umsatz\n",
	  "columns|volume|Umsatz|2;", NULL },
	{ "an indented line is a key of its own, not a continuation",
	  "[grade]\na = 1\n   b = 2\n\tc = 3\n",
	  "grade|a|1|2;grade|b|2|3;grade|c|3|4;", NULL },
	{ "an indented line without '=' is a syntax error",
	  "[grade]\na = 1\n   more text\n", NULL,
	  "t.ini:3: syntax error" },
	{ "a line without '=' is a syntax error naming its line",
	  "[grade]\n\nmethod abc\n", NULL, "t.ini:3: syntax error" },
	{ "an unclosed section header is a syntax error",
	  "; x\n[grade\nmethod = abc\n", NULL, "t.ini:2: syntax error" },
	{ "the first of several syntax errors is reported",
	  "[grade]\nok = 1\nbad\nworse\n", NULL, "t.ini:3: syntax error" },
	{ "an inline comment after ' ;' is dropped",
	  "[grade]\nmethod = abc ; the classic\n",
	  "grade|method|abc|2;", NULL },
	{ "a '#' or ';' line is a comment",
	  "# top\n[grade]\n; method = rfm\nmethod = abc\n",
	  "grade|method|abc|4;", NULL },
	{ "a ':' separates key and value too",
	  "[columns]\nvolume: Sales: Total\n",
	  "columns|volume|Sales: Total|2;", NULL },
	{ "an empty value is kept as empty",
	  "[grade]\nnote =\n", "grade|note||2;", NULL },
	{ "a key before any section has an empty section",
	  "x = 1\n[grade]\n", "|x|1|1;", NULL },
	{ "the last line needs no newline",
	  "[grade]\nmethod = abc", "grade|method|abc|2;", NULL },
	{ "an empty text is an empty configuration", "", "", NULL },
	{ "only blanks and comments is an empty configuration",
	  "\n  \n; c\n\t\n", "", NULL },
	{ "a line too long for inih is an error, not two lines",
	  longline, NULL, "t.ini:2: line too long (at most 197 bytes)" },
	{ "a long comment is cut, and later lines keep their numbers",
	  longcomment, "grade|method|abc|3;", NULL },
	{ "a long CRLF comment is cut too",
	  longcrlf, "grade|method|abc|3;", NULL },
	{ "a line of 197 bytes fits",
	  fitline, "grade|k|<193 bytes>|2;grade|b|1|3;", NULL },
	{ "a line of 197 bytes and CRLF fits",
	  fitcrlf, "grade|k|<193 bytes>|2;grade|b|1|3;", NULL },
	{ "sections and keys keep the case they were written in",
	  "[Grade]\nMethod = ABC\n", "Grade|Method|ABC|2;", NULL },
};

static void
test_parse(void **state)
{
	const struct parse_case *tc = *state;
	struct cg_config cfg;
	struct cg_err err;
	int rc;

	memset(&err, 0, sizeof(err));
	rc = cg_config_load_string(&cfg, "t.ini", tc->text, &err);
	if (tc->err == NULL) {
		if (rc != 0)
			fail_msg("%s: unexpected error %s", tc->name,
			    shown(&err));
		assert_string_equal(cfg.path, "t.ini");
		assert_string_equal(dump(&cfg), tc->entries);
	} else {
		assert_int_equal(rc, -1);
		assert_int_equal(err.code, CG_ECONFIG);
		assert_int_equal(err.col, 0);
		assert_string_equal(shown(&err), tc->err);
	}
	cg_config_free(&cfg);
}

/* ---- taking keys ---- */

static const char takeable[] =
    "[grade]\n"				/* 1 */
    "method = abc\n"			/* 2 */
    "METHOD = rfm\n"			/* 3 */
    "[grade.weights]\n"			/* 4 */
    "volume = 2\n"			/* 5 */
    "orders = 1\n"			/* 6 */
    "[grade]\n"				/* 7 */
    "a_share = 80%\n";			/* 8 */

static void
test_get_later_line_wins_and_marks_every_duplicate_used(void **state)
{
	struct cg_config cfg;
	struct cg_config_entry *e;
	struct cg_err err;

	assert_int_equal(cg_config_load_string(&cfg, "t.ini", takeable, &err),
	    0);
	e = cg_config_get(&cfg, "grade", "method");
	assert_non_null(e);
	assert_string_equal(e->value, "rfm");
	assert_int_equal(e->line, 3);
	assert_int_equal(cfg.v[0].used, 1);
	assert_int_equal(cfg.v[1].used, 1);
	assert_int_equal(cfg.v[2].used, 0);
	cg_config_free(&cfg);
}

static void
test_get_ignores_case_of_section_and_key(void **state)
{
	struct cg_config cfg;
	struct cg_config_entry *e;
	struct cg_err err;

	assert_int_equal(cg_config_load_string(&cfg, "t.ini", takeable, &err),
	    0);
	e = cg_config_get(&cfg, "GRADE.Weights", "Volume");
	assert_non_null(e);
	assert_string_equal(e->value, "2");
	cg_config_free(&cfg);
}

static void
test_get_of_an_absent_key_is_null(void **state)
{
	struct cg_config cfg;
	struct cg_err err;

	assert_int_equal(cg_config_load_string(&cfg, "t.ini", takeable, &err),
	    0);
	assert_null(cg_config_get(&cfg, "grade", "nope"));
	assert_null(cg_config_get(&cfg, "nope", "method"));
	cg_config_free(&cfg);
}

static void
test_each_walks_one_section_in_file_order(void **state)
{
	struct cg_config cfg;
	struct cg_config_entry *e;
	struct cg_err err;
	struct cg_buf b = CG_BUF_INIT;
	size_t it = 0;

	assert_int_equal(cg_config_load_string(&cfg, "t.ini", takeable, &err),
	    0);
	while ((e = cg_config_each(&cfg, "grade", &it)) != NULL) {
		cg_buf_printf(&b, "%s=%s@%d,", e->key, e->value, e->line);
		assert_int_equal(e->used, 1);
	}
	assert_string_equal(b.s, "method=abc@2,METHOD=rfm@3,a_share=80%@8,");
	assert_null(cg_config_each(&cfg, "grade", &it));
	it = 0;
	assert_null(cg_config_each(&cfg, "prune", &it));
	assert_int_equal(cfg.v[3].used, 0);
	cg_buf_free(&b);
	cg_config_free(&cfg);
}

/* ---- cg_config_check ---- */

struct check_case {
	const char *name;
	const char *text;
	const char *take_section;	/* taken with cg_config_each, or NULL */
	const char *owned[4];
	const char *err;		/* NULL: passes */
};

static const struct check_case check_cases[] = {
	{ "a key nobody took in an owned section is unknown",
	  "[grade]\nmethod = abc\nmetod = rfm\n", NULL, { "grade" },
	  "t.ini:2: unknown key 'method' in [grade]" },
	{ "taken keys pass",
	  "[grade]\nmethod = abc\n", "grade", { "grade" }, NULL },
	{ "keys of a known section another tool owns are left alone",
	  "[prune]\nwhatever = 1\n", NULL, { "grade" }, NULL },
	{ "a misspelt section is unknown whoever runs",
	  "[grade]\n\n[gradee]\nmethod = abc\n", NULL, { "grade" },
	  "t.ini:4: unknown section [gradee]" },
	{ "x.* owns every subsection of x",
	  "[touchplan.cadence.weekly]\nbogus = 1\n", NULL,
	  { "touchplan", "touchplan.*" },
	  "t.ini:2: unknown key 'bogus' in [touchplan.cadence.weekly]" },
	{ "x.* does not own x itself",
	  "[grade]\nbogus = 1\n", NULL, { "grade.*" }, NULL },
	{ "any name below touchplan.cadence is a known section",
	  "[touchplan.cadence.every-other-week]\nx = 1\n", NULL, { "grade" },
	  NULL },
	{ "touchplan.cadence. with nothing after it is unknown",
	  "[touchplan.cadence.]\nx = 1\n", NULL, { "grade" },
	  "t.ini:2: unknown section [touchplan.cadence.]" },
	{ "a key before any section is reported",
	  "method = abc\n[grade]\n", NULL, { "grade" },
	  "t.ini:1: key 'method' is not in a section" },
	{ "the first problem in file order is reported",
	  "[grade]\nok = 1\n[bogus]\nx = 1\n[grade]\nbad = 2\n", "nothing",
	  { "grade" }, "t.ini:2: unknown key 'ok' in [grade]" },
	{ "section names compare without case",
	  "[Grade.Weights]\nvolume = 1\n", NULL, { "grade.*" },
	  "t.ini:2: unknown key 'volume' in [Grade.Weights]" },
	{ "every known section is known",
	  "[clientgrade]\na=1\n[columns]\na=1\n[grade]\na=1\n"
	  "[grade.weights]\na=1\n[grade.ranges]\na=1\n[grade.rules]\na=1\n"
	  "[grade.scale]\na=1\n[rollup]\na=1\n[quadrant]\na=1\n"
	  "[quadrant.time]\na=1\n[quadrant.names]\na=1\n[touchplan]\na=1\n"
	  "[touchplan.cadence]\na=1\n[touchplan.cadence.x]\na=1\n"
	  "[prune]\na=1\n", NULL, { NULL }, NULL },
	{ "an empty config passes", "", NULL, { "grade" }, NULL },
};

static void
test_check(void **state)
{
	const struct check_case *tc = *state;
	struct cg_config cfg;
	struct cg_err err;
	size_t it = 0;
	int rc;

	memset(&err, 0, sizeof(err));
	assert_int_equal(cg_config_load_string(&cfg, "t.ini", tc->text, &err),
	    0);
	if (tc->take_section != NULL)
		while (cg_config_each(&cfg, tc->take_section, &it) != NULL)
			;
	rc = cg_config_check(&cfg, tc->owned, &err);
	if (tc->err == NULL) {
		if (rc != 0)
			fail_msg("%s: unexpected %s", tc->name, shown(&err));
	} else {
		assert_int_equal(rc, -1);
		assert_int_equal(err.code, CG_ECONFIG);
		assert_string_equal(shown(&err), tc->err);
	}
	cg_config_free(&cfg);
}

/* ---- typed values ---- */

struct value_case {
	const char *name;
	const char *value;
	int isbool;
	double num;		/* or the boolean */
	const char *err;	/* NULL: parses */
};

static const struct value_case value_cases[] = {
	{ "a plain number reads", "2.5", 0, 2.5, NULL },
	{ "a negative number reads", "-3", 0, -3, NULL },
	{ "a percent reads as a fraction", "80%", 0, 0.8, NULL },
	{ "words are not numbers", "abc", 0, 0,
	  "t.ini:2: bad value 'abc' for 'weight' (want a number)" },
	{ "trailing junk is not a number", "2x", 0, 0,
	  "t.ini:2: bad value '2x' for 'weight' (want a number)" },
	{ "an empty value is not a number", "", 0, 0,
	  "t.ini:2: bad value '' for 'weight' (want a number)" },
	{ "yes is true", "yes", 1, 1, NULL },
	{ "off is false", "off", 1, 0, NULL },
	{ "TRUE is true", "TRUE", 1, 1, NULL },
	{ "maybe is not a yes/no", "maybe", 1, 0,
	  "t.ini:2: bad value 'maybe' for 'weight' (want yes or no)" },
	{ "an empty value is not a yes/no", "", 1, 0,
	  "t.ini:2: bad value '' for 'weight' (want yes or no)" },
};

static void
test_value(void **state)
{
	const struct value_case *tc = *state;
	struct cg_config cfg;
	struct cg_config_entry *e;
	struct cg_err err;
	struct cg_buf text = CG_BUF_INIT;
	double d = -99;
	int b = -99, rc;

	cg_buf_printf(&text, "[grade]\nweight = %s\n", tc->value);
	assert_int_equal(cg_config_load_string(&cfg, "t.ini", text.s, &err),
	    0);
	e = cg_config_get(&cfg, "grade", "weight");
	assert_non_null(e);
	memset(&err, 0, sizeof(err));
	rc = tc->isbool ? cg_config_bool(&cfg, e, &b, &err) :
	    cg_config_num(&cfg, e, &d, &err);
	if (tc->err == NULL) {
		if (rc != 0)
			fail_msg("%s: unexpected %s", tc->name, shown(&err));
		if (tc->isbool)
			assert_int_equal(b, (int)tc->num);
		else
			assert_true(d == tc->num);
	} else {
		assert_int_equal(rc, -1);
		assert_int_equal(err.code, CG_ECONFIG);
		assert_string_equal(shown(&err), tc->err);
	}
	cg_buf_free(&text);
	cg_config_free(&cfg);
}

static void
test_config_err_names_file_and_line(void **state)
{
	struct cg_config cfg;
	struct cg_err err;

	assert_int_equal(cg_config_load_string(&cfg, "my.ini", takeable,
	    &err), 0);
	assert_int_equal(cg_config_err(&err, &cfg, &cfg.v[2],
	    "weight %s out of range", cfg.v[2].value), -1);
	assert_int_equal(err.code, CG_ECONFIG);
	assert_string_equal(shown(&err), "my.ini:5: weight 2 out of range");
	cg_config_free(&cfg);
}

/* ---- finding the file ---- */

static char tmpdir[256];

static void
put_file(const char *rel, const char *text)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, rel);
	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

static int
setup_dir(void **state)
{
	char path[512];

	snprintf(tmpdir, sizeof(tmpdir), "%s/cgcfgXXXXXX",
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/xdg", tmpdir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/xdg/clientgrade", tmpdir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/home", tmpdir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/home/.config", tmpdir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/home/.config/clientgrade", tmpdir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/empty", tmpdir);
	mkdir(path, 0700);
	put_file("explicit.ini", "[grade]\nfrom = explicit\n");
	put_file("env.ini", "[grade]\nfrom = env\n");
	put_file("xdg/clientgrade/config.ini", "[grade]\nfrom = xdg\n");
	put_file("home/.config/clientgrade/config.ini",
	    "[grade]\nfrom = home\n");
	put_file("broken.ini", "[grade]\nfrom env\n");
	return 0;
}

static int
teardown_dir(void **state)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

struct search_case {
	const char *name;
	const char *explicit_path;	/* relative to tmpdir; NULL: none */
	const char *env;		/* $CLIENTGRADE_CONFIG, rel; NULL unset */
	const char *xdg;		/* $XDG_CONFIG_HOME: rel, or "=x" as is */
	const char *home;		/* $HOME, rel; NULL unset */
	const char *from;		/* [grade] from = ..., or NULL: no file */
	const char *err;		/* "@" stands for tmpdir */
	enum cg_code code;
};

static const struct search_case search_cases[] = {
	{ "--config is read first", "explicit.ini", "env.ini", "xdg", "home",
	  "explicit", NULL, CG_OK },
	{ "$CLIENTGRADE_CONFIG comes next", NULL, "env.ini", "xdg", "home",
	  "env", NULL, CG_OK },
	{ "an empty $CLIENTGRADE_CONFIG counts as unset", NULL, "", "xdg",
	  "home", "xdg", NULL, CG_OK },
	{ "$XDG_CONFIG_HOME/clientgrade/config.ini comes next", NULL, NULL,
	  "xdg", "home", "xdg", NULL, CG_OK },
	{ "~/.config/clientgrade/config.ini when XDG_CONFIG_HOME is unset",
	  NULL, NULL, NULL, "home", "home", NULL, CG_OK },
	{ "a relative XDG_CONFIG_HOME is ignored", NULL, NULL, "=xdg", "home",
	  "home", NULL, CG_OK },
	{ "no file in the XDG place is an empty configuration", NULL, NULL,
	  "empty", "home", NULL, NULL, CG_OK },
	{ "no HOME and no XDG is an empty configuration", NULL, NULL, NULL,
	  NULL, NULL, NULL, CG_OK },
	{ "a --config file that is not there is an I/O error",
	  "nope.ini", "env.ini", "xdg", "home", NULL,
	  "@/nope.ini: cannot open: No such file or directory", CG_EIO },
	{ "a $CLIENTGRADE_CONFIG file that is not there is an I/O error",
	  NULL, "nope.ini", "xdg", "home", NULL,
	  "@/nope.ini: cannot open: No such file or directory", CG_EIO },
	{ "a directory given as --config is an I/O error",
	  "empty", NULL, NULL, NULL, NULL,
	  "@/empty: read error: Is a directory", CG_EIO },
	{ "a syntax error in a found file names it and the line",
	  "broken.ini", NULL, NULL, NULL, NULL,
	  "@/broken.ini:2: syntax error", CG_ECONFIG },
};

static void
set_env(const char *name, const char *rel)
{
	char path[512];

	if (rel == NULL) {
		unsetenv(name);
		return;
	}
	if (rel[0] == '=')
		snprintf(path, sizeof(path), "%s", rel + 1);
	else if (rel[0] == '\0')
		path[0] = '\0';
	else
		snprintf(path, sizeof(path), "%s/%s", tmpdir, rel);
	setenv(name, path, 1);
}

static void
test_search(void **state)
{
	const struct search_case *tc = *state;
	struct cg_config cfg;
	struct cg_config_entry *e;
	struct cg_err err;
	char path[512], want[1024];
	const char *at;
	int rc;

	set_env("CLIENTGRADE_CONFIG", tc->env);
	set_env("XDG_CONFIG_HOME", tc->xdg);
	set_env("HOME", tc->home);
	if (tc->explicit_path != NULL)
		snprintf(path, sizeof(path), "%s/%s", tmpdir,
		    tc->explicit_path);
	memset(&err, 0, sizeof(err));
	rc = cg_config_load(&cfg, tc->explicit_path ? path : NULL, &err);
	if (tc->err != NULL) {
		assert_int_equal(rc, -1);
		assert_int_equal(err.code, tc->code);
		at = strchr(tc->err, '@');
		snprintf(want, sizeof(want), "%.*s%s%s", (int)(at - tc->err),
		    tc->err, tmpdir, at + 1);
		assert_string_equal(shown(&err), want);
	} else {
		if (rc != 0)
			fail_msg("%s: unexpected %s", tc->name, shown(&err));
		if (tc->from == NULL) {
			assert_null(cfg.path);
			assert_int_equal(cfg.n, 0);
		} else {
			e = cg_config_get(&cfg, "grade", "from");
			assert_non_null(e);
			assert_string_equal(e->value, tc->from);
			assert_non_null(cfg.path);
		}
	}
	cg_config_free(&cfg);
}

/* ---- the shipped example ---- */

/*
 * examples/clientgrade.ini with its commented-out settings (";key = v")
 * switched on must load, name only real roles, and pass the check.
 */
static void
test_the_example_file_loads_with_every_setting_on(void **state)
{
	const char *fix = getenv("CG_FIXTURES");
	struct cg_buf path = CG_BUF_INIT, text = CG_BUF_INIT;
	struct cg_config cfg;
	struct cg_config_entry *e;
	struct cg_colmap m = { 0, 0, NULL };
	struct cg_err err;
	static const char *const owned[] = { "clientgrade", "columns", NULL };
	struct cg_common common;
	char line[512];
	size_t it = 0;
	FILE *fp;

	if (fix == NULL)
		skip();
	cg_buf_printf(&path, "%s/../../examples/clientgrade.ini", fix);
	assert_non_null(fp = fopen(path.s, "r"));
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (line[0] == ';' && strchr(line, '=') != NULL &&
		    line[1] >= 'a' && line[1] <= 'z')
			cg_buf_adds(&text, line + 1);
		else
			cg_buf_adds(&text, line);
	}
	fclose(fp);
	assert_int_equal(cg_config_load_string(&cfg, path.s, text.s, &err), 0);
	assert_non_null(cg_config_get(&cfg, "clientgrade", "delimiter"));
	assert_non_null(cg_config_get(&cfg, "clientgrade", "decimal"));
	assert_non_null(cg_config_get(&cfg, "clientgrade", "dates"));
	while ((e = cg_config_each(&cfg, "columns", &it)) != NULL)
		if (cg_colmap_set(&m, e->key, e->value, &err) != 0)
			fail_msg("line %d: %s", e->line, err.msg);
	assert_true(m.n >= 5);
	if (cg_config_check(&cfg, owned, &err) != 0)
		fail_msg("%s", shown(&err));
	cg_colmap_free(&m);
	cg_config_free(&cfg);

	/* The values must also be ones the common options take. */
	cg_buf_reset(&path);
	cg_buf_printf(&path, "%s/example.ini", tmpdir);
	assert_non_null(fp = fopen(path.s, "w"));
	fputs(text.s, fp);
	assert_int_equal(fclose(fp), 0);
	cg_common_init(&common, "test");
	assert_int_equal(cg_common_opt(&common, CG_OPT_CONFIG, path.s, &err),
	    1);
	if (cg_common_finish(&common, &err) != 0)
		fail_msg("%s", shown(&err));
	assert_int_equal(common.delim, '\t');
	assert_int_equal(common.decimal, ',');
	assert_int_equal(common.dates, CG_DATES_EU);
	if (cg_config_check(&common.cfg, owned, &err) != 0)
		fail_msg("%s", shown(&err));
	cg_common_free(&common);
	cg_buf_free(&path);
	cg_buf_free(&text);
}

#define CASES(fn, table, out) do {					\
	size_t i_;							\
	for (i_ = 0; i_ < sizeof(table) / sizeof(table[0]); i_++) {	\
		out[n].name = table[i_].name;				\
		out[n].test_func = fn;					\
		out[n].setup_func = NULL;				\
		out[n].teardown_func = NULL;				\
		out[n].initial_state = (void *)&table[i_];		\
		n++;							\
	}								\
} while (0)

int
main(void)
{
	static struct CMUnitTest t[128];
	static const struct CMUnitTest plain[] = {
		cmocka_unit_test(
		    test_get_later_line_wins_and_marks_every_duplicate_used),
		cmocka_unit_test(test_get_ignores_case_of_section_and_key),
		cmocka_unit_test(test_get_of_an_absent_key_is_null),
		cmocka_unit_test(test_each_walks_one_section_in_file_order),
		cmocka_unit_test(test_config_err_names_file_and_line),
	};
	size_t n = 0, i;
	int fails = 0;

	/* 198 bytes of key line: one more than inih's 200-byte buffer takes
	 * (it keeps room for "\r\n\0"). */
	memset(longline, 'x', sizeof(longline));
	memcpy(longline, "[grade]\nk = ", 12);
	longline[8 + 198] = '\n';
	longline[8 + 199] = '\0';
	memset(longcomment, 'c', sizeof(longcomment));
	memcpy(longcomment, "[grade]\n; ", 10);
	snprintf(longcomment + 300, 100, "\nmethod = abc\n");
	memcpy(longcrlf, longcomment, sizeof(longcrlf));
	snprintf(longcrlf + 300, 100, "\r\nmethod = abc\r\n");
	memset(fitline, 'x', sizeof(fitline));
	memcpy(fitline, "[grade]\nk = ", 12);
	snprintf(fitline + 8 + 197, 100, "\nb = 1\n");
	memcpy(fitcrlf, fitline, sizeof(fitcrlf));
	snprintf(fitcrlf + 8 + 197, 100, "\r\nb = 1\r\n");

	CASES(test_parse, parse_cases, t);
	fails += _cmocka_run_group_tests("parse", t, n, NULL, NULL);
	n = 0;
	CASES(test_check, check_cases, t);
	fails += _cmocka_run_group_tests("check", t, n, NULL, NULL);
	n = 0;
	CASES(test_value, value_cases, t);
	fails += _cmocka_run_group_tests("value", t, n, NULL, NULL);
	n = 0;
	CASES(test_search, search_cases, t);
	t[n].name = "the example file loads with every setting on";
	t[n].test_func = test_the_example_file_loads_with_every_setting_on;
	t[n].setup_func = t[n].teardown_func = NULL;
	t[n].initial_state = NULL;
	n++;
	fails += _cmocka_run_group_tests("search", t, n, setup_dir,
	    teardown_dir);
	for (i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
		t[i] = plain[i];
	fails += _cmocka_run_group_tests("take", t,
	    sizeof(plain) / sizeof(plain[0]), NULL, NULL);
	return fails != 0;
}
