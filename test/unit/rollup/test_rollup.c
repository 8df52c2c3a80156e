/*
 * test_rollup.c - the account table, distinct counts, the window, the
 * output fields and the --where filter of rollup.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "clientgrade/rollup.h"
#include "clientgrade/value.h"

static int32_t
day(const char *iso)
{
	int32_t d;

	assert_int_equal(cg_parse_date(iso, strlen(iso), CG_DATES_ISO, &d,
	    NULL), CG_V_OK);
	return d;
}

static void
keys_keep_first_seen_order_across_growth(void **state)
{
	struct cg_rollup_table *t = cg_rollup_table_new();
	char k[32];
	size_t i;

	(void)state;
	for (i = 0; i < 50000; i++) {
		int n = snprintf(k, sizeof(k), "account %zu", i * 7919 % 50000);

		cg_rollup_intern(t, k, (size_t)n)->orders++;
	}
	/* Interning again finds the same accounts, adds none. */
	for (i = 0; i < 50000; i++) {
		int n = snprintf(k, sizeof(k), "account %zu", i);

		cg_rollup_intern(t, k, (size_t)n)->orders++;
	}
	assert_int_equal(cg_rollup_count(t), 50000);
	for (i = 0; i < 50000; i++) {
		struct cg_rollup_acc *a = cg_rollup_at(t, i);
		int n = snprintf(k, sizeof(k), "account %zu", i * 7919 % 50000);

		assert_int_equal(a->index, i);
		assert_int_equal(a->orders, 2);
		assert_int_equal(a->keylen, (size_t)n);
		assert_string_equal(cg_rollup_key(a), k);
	}
	cg_rollup_table_free(t);
}

static void
keys_are_bytes_with_nul_and_case_kept(void **state)
{
	struct cg_rollup_table *t = cg_rollup_table_new();
	struct cg_rollup_acc *a, *b, *c;

	(void)state;
	a = cg_rollup_intern(t, "a\0b", 3);
	b = cg_rollup_intern(t, "a\0c", 3);
	assert_ptr_not_equal(a, b);
	c = cg_rollup_intern(t, "Acme", 4);
	assert_ptr_not_equal(c, cg_rollup_intern(t, "acme", 4));
	assert_ptr_not_equal(c, cg_rollup_intern(t, "Acme ", 5));
	assert_int_equal(cg_rollup_count(t), 5);
	assert_memory_equal(cg_rollup_key(cg_rollup_at(t, 1)), "a\0c", 3);
	assert_null(cg_rollup_find(t, "a", 1));
	assert_int_equal(cg_rollup_find(t, "Acme", 4)->index, 2);
	assert_int_equal(cg_rollup_find_h(t, "Acme", 4,
	    cg_rollup_hash("Acme", 4))->index, 2);
	cg_rollup_table_free(t);
}

static void
a_long_key_is_kept_whole(void **state)
{
	struct cg_rollup_table *t = cg_rollup_table_new();
	static char big[200000];

	(void)state;
	memset(big, 'x', sizeof(big));
	cg_rollup_intern(t, "small", 5);
	cg_rollup_intern(t, big, sizeof(big));
	assert_int_equal(cg_rollup_find(t, big, sizeof(big))->keylen,
	    sizeof(big));
	assert_string_equal(cg_rollup_key(cg_rollup_find(t, "small", 5)),
	    "small");
	cg_rollup_table_free(t);
}

static void
the_window_holds_today_and_the_days_before_it(void **state)
{
	struct cg_rollup_table *t = cg_rollup_table_new();
	struct cg_rollup_acc *a = cg_rollup_intern(t, "A", 1);
	int32_t today = day("2026-06-30");

	(void)state;
	cg_rollup_add(a, 1, day("2026-06-30"), today, 365);	/* 0 days */
	cg_rollup_add(a, 2, day("2025-07-01"), today, 365);	/* 364 */
	cg_rollup_add(a, 4, day("2025-06-30"), today, 365);	/* 365: out */
	cg_rollup_add(a, 8, day("2026-07-01"), today, 365);	/* future: out */
	assert_int_equal(a->orders, 4);
	assert_true(a->volume == 15);
	assert_int_equal(a->orders_w, 2);
	assert_true(a->volume_w == 3);
	assert_int_equal(a->first, day("2025-06-30"));
	assert_int_equal(a->last, day("2026-07-01"));
	cg_rollup_table_free(t);
}

static void
distinct_counts_pairs_once_and_ignores_empty(void **state)
{
	struct cg_rollup_table *t = cg_rollup_table_new();
	struct cg_rollup_acc *a = cg_rollup_intern(t, "A", 1);
	struct cg_rollup_acc *b = cg_rollup_intern(t, "B", 1);

	(void)state;
	assert_int_equal(cg_rollup_distinct(t, a, "Ana", 3), 1);
	assert_int_equal(cg_rollup_distinct(t, a, "Ana", 3), 0);
	assert_int_equal(cg_rollup_distinct(t, a, "", 0), 0);
	assert_int_equal(cg_rollup_distinct(t, b, "Ana", 3), 1);
	assert_int_equal(cg_rollup_distinct(t, a, "Ben", 3), 1);
	assert_int_equal(a->contacts, 2);
	assert_int_equal(b->contacts, 1);
	cg_rollup_table_free(t);
}

/* Values numbered 64 and up leave the per-account bit mask for the
 * pair set: both must count the same. */
static void
distinct_counts_beyond_64_values(void **state)
{
	struct cg_rollup_table *t = cg_rollup_table_new();
	char v[16];
	int i, n, round;

	(void)state;
	cg_rollup_intern(t, "A", 1);
	cg_rollup_intern(t, "B", 1);
	for (round = 0; round < 2; round++)
		for (i = 0; i < 300; i++) {
			n = snprintf(v, sizeof(v), "agent%d", i);
			assert_int_equal(cg_rollup_distinct(t,
			    cg_rollup_find(t, "A", 1), v, (size_t)n),
			    round == 0);
			if (i % 3 == 0)
				cg_rollup_distinct(t, cg_rollup_find(t, "B", 1),
				    v, (size_t)n);
		}
	assert_int_equal(cg_rollup_find(t, "A", 1)->contacts, 300);
	assert_int_equal(cg_rollup_find(t, "B", 1)->contacts, 100);
	cg_rollup_table_free(t);
}

static void
format_writes_figures_in_the_decimal_style(void **state)
{
	struct cg_rollup_table *t = cg_rollup_table_new();
	struct cg_rollup_acc *a = cg_rollup_intern(t, "A", 1);
	char f[CG_ROLLUP_NCOLS][CG_ROLLUP_FIELDMAX];
	int32_t today = day("2026-06-30");

	(void)state;
	cg_rollup_add(a, 1000, day("2026-06-20"), today, 365);
	cg_rollup_add(a, 234.5, day("2024-01-01"), today, 365);
	cg_rollup_distinct(t, a, "Ana", 3);
	cg_rollup_format(a, today, ',', f);
	assert_string_equal(f[CG_ROLLUP_ORDERS], "2");
	assert_string_equal(f[CG_ROLLUP_VOLUME], "1234,5");
	assert_string_equal(f[CG_ROLLUP_AVG], "617,25");
	assert_string_equal(f[CG_ROLLUP_FIRST], "2024-01-01");
	assert_string_equal(f[CG_ROLLUP_LAST], "2026-06-20");
	assert_string_equal(f[CG_ROLLUP_RECENCY], "10");
	assert_string_equal(f[CG_ROLLUP_ORDERS_W], "1");
	assert_string_equal(f[CG_ROLLUP_VOLUME_W], "1000");
	assert_string_equal(f[CG_ROLLUP_CONTACTS], "1");
	cg_rollup_format(a, today, '.', f);
	assert_string_equal(f[CG_ROLLUP_VOLUME], "1234.5");
	cg_rollup_table_free(t);
}

static void
format_of_an_account_without_deals_is_zeros_and_empties(void **state)
{
	char f[CG_ROLLUP_NCOLS][CG_ROLLUP_FIELDMAX];
	static const char *const want[CG_ROLLUP_NCOLS] = {
		"0", "0", "", "", "", "", "0", "0", "0"
	};
	int c;

	(void)state;
	cg_rollup_format(NULL, 0, '.', f);
	for (c = 0; c < CG_ROLLUP_NCOLS; c++)
		assert_string_equal(f[c], want[c]);
}

/* ---- --where ---- */

static const char *hdr_f[] = { "id", "Deal Stage", "agent" };
static const size_t hdr_len[] = { 2, 10, 5 };
static const struct cg_row hdr = { 3, hdr_f, hdr_len, NULL, 0, 1, 0 };

static int
match(struct cg_rollup_where *w, const char *stage, const char *agent)
{
	const char *f[3] = { "1", stage, agent };
	size_t len[3] = { 1, strlen(stage), strlen(agent) };
	struct cg_row row = { 3, f, len, NULL, 0, 2, 1 };

	return cg_rollup_where_match(w, &row);
}

static void
where_values_of_one_column_are_or_columns_are_and(void **state)
{
	char *spec[] = { "deal_stage=Won", "agent=Ana", "DEAL STAGE=Lost" };
	struct cg_err err;
	struct cg_rollup_where *w = cg_rollup_where_new(spec, 3, &err);

	(void)state;
	assert_non_null(w);
	assert_int_equal(cg_rollup_where_bind(w, &hdr, "d.csv", &err), 0);
	assert_true(match(w, "Won", "Ana"));
	assert_true(match(w, "Lost", "Ana"));
	assert_false(match(w, "Won", "Ben"));
	assert_false(match(w, "Open", "Ana"));
	assert_false(match(w, "won", "Ana"));	/* exact bytes */
	assert_false(match(w, "Won ", "Ana"));
	cg_rollup_where_free(w);
}

static void
where_with_no_conditions_matches_everything(void **state)
{
	struct cg_err err;
	struct cg_rollup_where *w = cg_rollup_where_new(NULL, 0, &err);

	(void)state;
	assert_int_equal(cg_rollup_where_bind(w, &hdr, "d.csv", &err), 0);
	assert_true(match(w, "", ""));
	cg_rollup_where_free(w);
}

static void
where_value_may_be_empty_or_hold_an_equals_sign(void **state)
{
	char *spec[] = { "agent=", "deal_stage=a=b" };
	struct cg_err err;
	struct cg_rollup_where *w = cg_rollup_where_new(spec, 2, &err);

	(void)state;
	assert_int_equal(cg_rollup_where_bind(w, &hdr, "d.csv", &err), 0);
	assert_true(match(w, "a=b", ""));
	assert_false(match(w, "a=b", "x"));
	cg_rollup_where_free(w);
}

static void
where_spec_without_column_is_a_usage_error(void **state)
{
	char *spec1[] = { "Won" }, *spec2[] = { "=Won" };
	struct cg_err err;

	(void)state;
	assert_null(cg_rollup_where_new(spec1, 1, &err));
	assert_int_equal(err.code, CG_EUSAGE);
	assert_null(cg_rollup_where_new(spec2, 1, &err));
	assert_int_equal(err.code, CG_EUSAGE);
}

static void
where_on_a_missing_column_names_it(void **state)
{
	char *spec[] = { "stage=Won" };
	struct cg_err err;
	struct cg_rollup_where *w = cg_rollup_where_new(spec, 1, &err);

	(void)state;
	assert_int_equal(cg_rollup_where_bind(w, &hdr, "d.csv", &err), -1);
	assert_int_equal(err.code, CG_EROLE);
	assert_string_equal(err.msg, "--where: no column 'stage'");
	cg_rollup_where_free(w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keys_keep_first_seen_order_across_growth),
		cmocka_unit_test(keys_are_bytes_with_nul_and_case_kept),
		cmocka_unit_test(a_long_key_is_kept_whole),
		cmocka_unit_test(the_window_holds_today_and_the_days_before_it),
		cmocka_unit_test(distinct_counts_pairs_once_and_ignores_empty),
		cmocka_unit_test(distinct_counts_beyond_64_values),
		cmocka_unit_test(format_writes_figures_in_the_decimal_style),
		cmocka_unit_test(
		    format_of_an_account_without_deals_is_zeros_and_empties),
		cmocka_unit_test(
		    where_values_of_one_column_are_or_columns_are_and),
		cmocka_unit_test(where_with_no_conditions_matches_everything),
		cmocka_unit_test(where_value_may_be_empty_or_hold_an_equals_sign),
		cmocka_unit_test(where_spec_without_column_is_a_usage_error),
		cmocka_unit_test(where_on_a_missing_column_names_it),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
