/*
 * inspect.h - --inspect: how a tool would read its input (private to the
 * spine).
 */
#ifndef CLIENTGRADE_INSPECT_H
#define CLIENTGRADE_INSPECT_H

#include "clientgrade/tool.h"

/*
 * Read the run's input as tool `name` would, compute nothing, and print
 * to stdout the dialect, the row count and, for each role in `roles`,
 * its column, how it was found, missing and unreadable values and a
 * sample. 0 if the tool could run on it, -1 (err: why not) if not.
 */
int cg_inspect(const char *name, const struct cg_role_need *roles,
    const struct cg_run *run, struct cg_err *err);

#endif
