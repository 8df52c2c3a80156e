/*
 * config.h - configuration files read with inih.
 *
 * The file is found as: --config FILE, else $CLIENTGRADE_CONFIG, else
 * $XDG_CONFIG_HOME/clientgrade/config.ini (~/.config/... when XDG_CONFIG_HOME
 * is unset) if that exists. All entries are loaded; each tool then takes
 * the keys of its own sections and cg_config_check() reports, with file
 * and line, any key left over in those sections or any section no tool
 * knows.
 *
 * Sections: [clientgrade] (shared settings), [columns] (ROLE = HEADER),
 * [grade] [grade.weights] [grade.ranges] [grade.rules] [grade.scale]
 * [rollup] [quadrant] [quadrant.time] [touchplan] [touchplan.cadence]
 * [touchplan.cadence.NAME] [prune].
 */
#ifndef CLIENTGRADE_CONFIG_H
#define CLIENTGRADE_CONFIG_H

#include <stddef.h>
#include "error.h"

struct cg_config_entry {
	char *section;
	char *key;
	char *value;
	int line;
	int used;	/* set when a tool took it */
};

struct cg_config {
	char *path;	/* NULL when no file was found */
	size_t n, cap;
	struct cg_config_entry *v;
};

/*
 * Load the configuration: `explicit_path` (from --config) or the search
 * described above. With no file found *cfg is an empty config (path
 * NULL). Syntax errors are CG_ECONFIG naming file and line; an explicit
 * path that cannot be opened is CG_EIO. Returns 0 or -1. Free with
 * cg_config_free().
 */
int cg_config_load(struct cg_config *cfg, const char *explicit_path,
    struct cg_err *err);

/* Load from a string (tests); `name` stands for the path in messages. */
int cg_config_load_string(struct cg_config *cfg, const char *name,
    const char *text, struct cg_err *err);

void cg_config_free(struct cg_config *cfg);

/* Last entry of section/key (later lines win), marked used; or NULL. */
struct cg_config_entry *cg_config_get(struct cg_config *cfg,
    const char *section, const char *key);

/*
 * Iterate the entries of one section in file order, marking them used:
 *     size_t it = 0; struct cg_config_entry *e;
 *     while ((e = cg_config_each(cfg, "grade.weights", &it)) != NULL) ...
 */
struct cg_config_entry *cg_config_each(struct cg_config *cfg,
    const char *section, size_t *it);

/*
 * Error for entry e: `FILE:LINE: message` (CG_ECONFIG). Returns -1.
 */
int cg_config_err(struct cg_err *err, const struct cg_config *cfg,
    const struct cg_config_entry *e, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * After a tool took what it knows: any unused entry in a section equal to
 * one of `owned` (NULL-terminated; a name ending in ".*" matches every
 * subsection) is "unknown key"; any section no tool owns is "unknown
 * section". Returns 0 or -1 for the first such entry.
 */
int cg_config_check(const struct cg_config *cfg, const char *const *owned,
    struct cg_err *err);

/* Typed getters for an entry's value: 0, or -1 with err naming the line. */
int cg_config_num(const struct cg_config *cfg, const struct cg_config_entry *e,
    double *out, struct cg_err *err);
int cg_config_bool(const struct cg_config *cfg,
    const struct cg_config_entry *e, int *out, struct cg_err *err);

#endif
