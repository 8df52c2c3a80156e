/*
 * report.h - the spine's printer for a run's messages (private to
 * lib/core): cg_run.say points here, with the program name as context.
 */
#ifndef CLIENTGRADE_REPORT_H
#define CLIENTGRADE_REPORT_H

#include "clientgrade/run.h"

void cg_report_say(void *ctx, enum cg_say_kind kind, const char *file,
    long line, long col, const char *msg);

#endif
