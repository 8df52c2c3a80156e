/*
 * optparse.c - bounded parsers for option and config values.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/optparse.h"
#include "clientgrade/value.h"

int
cg_parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	/* strtol takes leading blanks and a sign; an option value is digits
	 * (and a leading '-' for a negative bound) and nothing else. */
	if (s[0] != '-' && (s[0] < '0' || s[0] > '9'))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int
cg_parse_count(const char *s, long min, long max, const char *opt,
    long *out, struct cg_err *err)
{
	if (cg_parse_long(s, min, max, out) < 0)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "%s: want a whole number from %ld to %ld, not '%s'", opt,
		    min, max, s);
	return 0;
}

int
cg_parse_day(const char *s, const char *opt, int32_t *out,
    struct cg_err *err)
{
	int can;

	if (strlen(s) != 10 || cg_parse_date(s, 10, CG_DATES_ISO, out,
	    &can) != CG_V_OK)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "%s: '%s' is not a date (want YYYY-MM-DD)", opt, s);
	/* Plans run up to ten years past the day they are made for, and
	 * every date the tools write must still have four digits. */
	if (*out > cg_days_from_civil(CG_DAY_MAX_YEAR, 12, 31))
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "%s: '%s' is too far ahead (the last day is %d-12-31)",
		    opt, s, CG_DAY_MAX_YEAR);
	return 0;
}
