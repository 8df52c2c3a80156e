/*
 * geo.c - great-circle distances between coordinates (geo.h).
 */
#include <math.h>
#include <string.h>

#include "clientgrade/geo.h"
#include "clientgrade/text.h"
#include "clientgrade/value.h"

#define RAD(d) ((d) * (M_PI / 180.0))

double
cg_geo_km(const struct cg_point *a, const struct cg_point *b)
{
	double dlat = RAD(b->lat - a->lat), dlon = RAD(b->lon - a->lon);
	double s1 = sin(dlat / 2), s2 = sin(dlon / 2);
	double h = s1 * s1 + cos(RAD(a->lat)) * cos(RAD(b->lat)) * s2 * s2;

	/* Rounding can push h a hair past 1 for antipodal points. */
	if (h > 1)
		h = 1;
	return 2 * CG_EARTH_KM * asin(sqrt(h));
}

int
cg_geo_check(double lat, double lon, const char **why)
{
	if (!(lat >= -90 && lat <= 90)) {
		*why = "latitude outside -90..90";
		return -1;
	}
	if (!(lon >= -180 && lon <= 180)) {
		*why = "longitude outside -180..180";
		return -1;
	}
	return 0;
}

int
cg_geo_parse(const char *s, size_t n, struct cg_point *p, const char **why)
{
	const char *comma = memchr(s, ',', n);
	size_t k;

	*why = "expected LAT,LON in degrees, e.g. 52.52,13.40";
	if (comma == NULL || memchr(comma + 1, ',', n - (size_t)(comma + 1 - s)))
		return -1;
	k = (size_t)(comma - s);
	if (cg_parse_num(s, k, '.', &p->lat, NULL) != CG_V_OK ||
	    cg_parse_num(comma + 1, n - k - 1, '.', &p->lon, NULL) != CG_V_OK)
		return -1;
	return cg_geo_check(p->lat, p->lon, why);
}
