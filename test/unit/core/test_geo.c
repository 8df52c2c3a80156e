/* test_geo.c - distances and coordinates (geo.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "clientgrade/geo.h"

static void
berlin_to_paris_is_878_km(void **state)
{
	struct cg_point ber = { 52.5200, 13.4050 }, par = { 48.8566, 2.3522 };

	(void)state;
	assert_in_range((long)(cg_geo_km(&ber, &par) + 0.5), 877, 879);
	assert_true(cg_geo_km(&ber, &ber) == 0);
}

static void
a_point_a_metre_away_is_a_metre_away(void **state)
{
	struct cg_point a = { 0, 0 }, b = { 0.000009, 0 };

	(void)state;
	assert_in_range((long)(cg_geo_km(&a, &b) * 1000 + 0.5), 1, 1);
}

static void
antipodes_are_half_the_earth_round(void **state)
{
	struct cg_point a = { 0, 0 }, b = { 0, 180 };

	(void)state;
	assert_in_range((long)cg_geo_km(&a, &b), 20015, 20016);
}

static void
home_parses_with_blanks_and_refuses_the_rest(void **state)
{
	struct cg_point p;
	const char *why;

	(void)state;
	assert_int_equal(cg_geo_parse(" 52.52 , 13.4 ", 14, &p, &why), 0);
	assert_true(p.lat == 52.52 && p.lon == 13.4);
	assert_int_equal(cg_geo_parse("52.52", 5, &p, &why), -1);
	assert_string_equal(why, "expected LAT,LON in degrees, e.g. 52.52,13.40");
	assert_int_equal(cg_geo_parse("1,2,3", 5, &p, &why), -1);
	assert_int_equal(cg_geo_parse("91,0", 4, &p, &why), -1);
	assert_string_equal(why, "latitude outside -90..90");
	assert_int_equal(cg_geo_parse("0,-181", 6, &p, &why), -1);
	assert_string_equal(why, "longitude outside -180..180");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(berlin_to_paris_is_878_km),
		cmocka_unit_test(a_point_a_metre_away_is_a_metre_away),
		cmocka_unit_test(antipodes_are_half_the_earth_round),
		cmocka_unit_test(home_parses_with_blanks_and_refuses_the_rest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
