/*
 * optparse.h - bounded parsers for option and config values. No atoi,
 * no strtol at the call site: each says exactly what it accepts.
 */
#ifndef CLIENTGRADE_OPTPARSE_H
#define CLIENTGRADE_OPTPARSE_H

#include <stdint.h>
#include "error.h"

/*
 * A whole decimal number from min to max, the whole string ("12", not
 * "12d", "$5", "1e3" or ""): 0 with *out set, or -1.
 */
int cg_parse_long(const char *s, long min, long max, long *out);

/*
 * The same for option `opt` ("--capacity"): 0, or -1 with err filled
 * (CG_EUSAGE, "--capacity: want a whole number from 1 to 100000, not
 * '$5'").
 */
int cg_parse_count(const char *s, long min, long max, const char *opt,
    long *out, struct cg_err *err);

/*
 * A calendar date YYYY-MM-DD for option `opt` ("--today", "--from"):
 * 0 with *out in days since 1970-01-01, or -1 (CG_EUSAGE, naming opt).
 * Years after CG_DAY_MAX_YEAR are refused, so that a plan of ten years
 * from such a day, and the day after it (an .ics DTEND), still fit in
 * YYYY-MM-DD.
 */
#define CG_DAY_MAX_YEAR 9989
int cg_parse_day(const char *s, const char *opt, int32_t *out,
    struct cg_err *err);

#endif
