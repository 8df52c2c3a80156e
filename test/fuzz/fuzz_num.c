/*
 * fuzz_num.c - cg_parse_num never crashes, and what it accepts survives
 * cg_fmt_num and a second parse (within the rounding of 15 significant
 * digits), in both decimal styles.
 */
#include "fuzz.h"	/* first: it defines _GNU_SOURCE */
#include <math.h>
#include <stdint.h>
#include "clientgrade/value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	static const char marks[] = { '.', ',' };
	char buf[512];
	double v, w;
	struct cg_num_info info;
	size_t i, len;
	int rc;

	for (i = 0; i < 2; i++) {
		rc = cg_parse_num((const char *)data, n, marks[i], &v, &info);
		if (rc != CG_V_OK)
			continue;
		if (!isfinite(v))
			abort();	/* NaN and infinities must be ERANGE */
		len = cg_fmt_num(buf, sizeof(buf), v, 6, 1, marks[i]);
		if (len >= sizeof(buf) || buf[len] != '\0')
			abort();
		if (buf[0] == '=' || buf[0] == '+' || buf[0] == '@')
			abort();	/* formula injection */
		if (cg_parse_num(buf, len, marks[i], &w, NULL) != CG_V_OK) {
			fprintf(stderr, "'%.*s' -> %.17g -> '%s' unreadable\n",
			    (int)n, (const char *)data, v, buf);
			abort();
		}
		/* Six digits after the mark: the difference is rounding. */
		if (fabs(w - v) > 0.5e-6 * 1.000001 + fabs(v) * 1e-15) {
			fprintf(stderr, "'%.*s' -> %.17g -> '%s' -> %.17g\n",
			    (int)n, (const char *)data, v, buf, w);
			abort();
		}
	}
	return 0;
}
