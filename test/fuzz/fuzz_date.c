/*
 * fuzz_date.c - cg_parse_date never crashes, and a date it accepts
 * comes back as the same day from cg_fmt_date and an ISO re-parse.
 */
#include "fuzz.h"	/* first: it defines _GNU_SOURCE */
#include <stdint.h>
#include "clientgrade/value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	char buf[32];
	int32_t days, again;
	int order, can, y, m, d;
	size_t len;

	for (order = CG_DATES_AUTO; order <= CG_DATES_ISO; order++) {
		if (cg_parse_date((const char *)data, n, order, &days, &can)
		    != CG_V_OK)
			continue;
		len = cg_fmt_date(buf, days);
		if (len != 10 || buf[10] != '\0') {
			fprintf(stderr, "%d days -> '%s'\n", (int)days, buf);
			abort();
		}
		if (cg_parse_date(buf, len, CG_DATES_ISO, &again, NULL)
		    != CG_V_OK || again != days) {
			fprintf(stderr, "'%.*s' -> %d -> '%s' -> %d\n", (int)n,
			    (const char *)data, (int)days, buf, (int)again);
			abort();
		}
		cg_civil_from_days(days, &y, &m, &d);
		if (cg_days_from_civil(y, m, d) != days)
			abort();
	}
	return 0;
}
