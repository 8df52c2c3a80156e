/*
 * geo.h - where an account is: a latitude and longitude in degrees, as
 * CRMs and spreadsheets export them, and the great-circle distance
 * between two such points. Pure functions: no I/O, no state.
 *
 * grade turns the distance from a rep's home into its distance factor
 * when no distance column exists; touchplan uses it to put visits that
 * are near each other on the same day.
 */
#ifndef CLIENTGRADE_GEO_H
#define CLIENTGRADE_GEO_H

#include <stddef.h>

struct cg_point {
	double lat;	/* -90..90, north positive */
	double lon;	/* -180..180, east positive */
};

/* Mean earth radius (IUGG), in km: the spherical model is off by at
 * most 0.5%, far less than a road's detour. */
#define CG_EARTH_KM 6371.0088

/*
 * Great-circle distance between a and b in km (haversine formula,
 * which keeps its precision for points a few metres apart).
 *
 *     double km = cg_geo_km(&home, &acct);
 */
double cg_geo_km(const struct cg_point *a, const struct cg_point *b);

/*
 * Check a latitude and a longitude read from the data (already numbers):
 * 0 if lat is within -90..90 and lon within -180..180, else -1 with
 * *why set to a short phrase for the message ("latitude outside -90..90").
 */
int cg_geo_check(double lat, double lon, const char **why);

/*
 * Parse "LAT,LON" (an option value or a config entry: "52.52,13.40",
 * blanks allowed around each number, '.' as the decimal mark) into *p.
 * 0, or -1 with *why set ("expected LAT,LON", or cg_geo_check's phrase).
 */
int cg_geo_parse(const char *s, size_t n, struct cg_point *p,
    const char **why);

#endif
