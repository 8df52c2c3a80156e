/*
 * test_grade.c - grade's pure computations: ranks and ties, rfm
 * quintiles and segments, the abc split, scales, the rules parser.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "clientgrade/grade.h"

/* ---- ranks ---- */

static void
midrank_gives_ties_the_middle_of_their_places(void **state)
{
	(void)state;
	assert_true(cg_grade_midrank(0, 1, 5) == 0.0);
	assert_true(cg_grade_midrank(4, 1, 5) == 1.0);
	/* Two tied at places 3 and 4 of 0..4 share 3.5 / 4. */
	assert_true(cg_grade_midrank(3, 2, 5) == 3.5 / 4);
	assert_true(cg_grade_midrank(0, 5, 5) == 0.5);
}

static void
midrank_of_a_lone_value_is_one_half(void **state)
{
	(void)state;
	assert_true(cg_grade_midrank(0, 1, 1) == 0.5);
}

static void
vals_rank_counts_smaller_and_equal_values(void **state)
{
	static const double x[] = { 5, 1, 3, 3, 9, 3 };
	struct cg_grade_vals v;
	size_t i, below, equal;
	int small;
	double above;

	(void)state;
	for (small = 0; small <= 1; small++) {
		cg_grade_vals_init(&v, small);
		for (i = 0; i < 6; i++)
			cg_grade_vals_add(&v, x[i]);
		cg_grade_vals_freeze(&v);
		cg_grade_vals_sums(&v);
		assert_int_equal(v.nu, 4);
		cg_grade_vals_rank(&v, 3, &below, &equal, &above);
		assert_int_equal(below, 1);
		assert_int_equal(equal, 3);
		assert_true(above == 14);
		cg_grade_vals_rank(&v, 4, &below, &equal, &above);
		assert_int_equal(below, 4);
		assert_int_equal(equal, 0);
		assert_true(above == 14);
		cg_grade_vals_rank(&v, 10, &below, &equal, &above);
		assert_int_equal(below, 6);
		assert_true(above == 0);
		cg_grade_vals_rank(&v, 0, &below, &equal, &above);
		assert_int_equal(below, 0);
		assert_true(above == 24);
		assert_true(v.total == 24);
		cg_grade_vals_free(&v);
	}
}

static void
vals_rank_of_an_empty_set_is_zero(void **state)
{
	struct cg_grade_vals v;
	size_t below = 9, equal = 9;

	(void)state;
	cg_grade_vals_init(&v, 0);
	cg_grade_vals_freeze(&v);
	cg_grade_vals_rank(&v, 1, &below, &equal, NULL);
	assert_int_equal(below, 0);
	assert_int_equal(equal, 0);
	cg_grade_vals_free(&v);
}

static void
vals_sort_orders_negatives_zeros_and_large_sets(void **state)
{
	struct cg_grade_vals v;
	size_t i, below, equal;
	unsigned long seed = 12345;
	double x;
	int small;

	(void)state;
	for (small = 0; small <= 1; small++) {
		cg_grade_vals_init(&v, small);
		for (i = 0; i < 20000; i++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			x = (double)(long)(seed >> 40) / 64 - 60000;
			cg_grade_vals_add(&v, i % 7 == 0 ? -0.0 : i % 5 == 0 ?
			    0.0 : x);
		}
		cg_grade_vals_add(&v, -1e300);
		cg_grade_vals_add(&v, 1e300);
		cg_grade_vals_freeze(&v);
		for (i = 1; i < v.nu; i++)
			assert_true(small ? v.f[i - 1] < v.f[i] :
			    v.d[i - 1] < v.d[i]);
		/* -0 and 0 are one value: the 2858 + 3428 zeros of the loop
		 * (every 7th, then every 5th of the rest). */
		cg_grade_vals_rank(&v, 0.0, &below, &equal, NULL);
		assert_int_equal(equal, 2858 + 3428);
		assert_int_equal(v.below[v.nu], 20002);
		cg_grade_vals_free(&v);
	}
}

/*
 * The search aids (a table for whole numbers, samples for the rest) give
 * what counting does, for values in the set, between them and outside.
 */
static void
vals_rank_agrees_with_counting_for_every_kind_of_set(void **state)
{
	static const struct { int small, whole; size_t n; double scale; } c[] = {
		{ 0, 1, 5000, 300 }, { 1, 1, 5000, 40000 }, { 0, 0, 5000, 1e6 },
		{ 1, 0, 3000, 50 }, { 0, 1, 200, 70000 }, { 0, 0, 20, 10 },
	};
	struct cg_grade_vals v;
	double *all, x, q;
	size_t k, i, j, below, equal, wb, we;
	unsigned long seed = 99;

	(void)state;
	for (k = 0; k < sizeof(c) / sizeof(c[0]); k++) {
		all = malloc(c[k].n * sizeof(*all));
		cg_grade_vals_init(&v, c[k].small);
		for (i = 0; i < c[k].n; i++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			x = (double)(seed >> 11) / 9007199254740992.0 * c[k].scale;
			x = c[k].whole ? (double)(long)x : x;
			if (c[k].small)
				x = (double)(float)x;
			all[i] = x;
			cg_grade_vals_add(&v, x);
		}
		cg_grade_vals_freeze(&v);
		for (j = 0; j < 3 * c[k].n; j++) {
			/* A value of the set, one half-way, or one outside. */
			q = j % 3 == 0 ? all[j / 3] : j % 3 == 1 ?
			    all[j / 3] + 0.5 : (j % 2 ? -1 - all[j / 3] :
			    c[k].scale + all[j / 3]);
			if (c[k].small)
				q = (double)(float)q;
			for (i = 0, wb = 0, we = 0; i < c[k].n; i++) {
				wb += all[i] < q;
				we += all[i] == q;
			}
			cg_grade_vals_rank(&v, q, &below, &equal, NULL);
			assert_int_equal(below, wb);
			assert_int_equal(equal, we);
		}
		cg_grade_vals_free(&v);
		free(all);
	}
}

/* ---- rfm ---- */

static void
quintile_is_one_plus_floor_five_beaten_over_n(void **state)
{
	static const struct { size_t beats, n; int want; } c[] = {
		{ 0, 10, 1 }, { 1, 10, 1 }, { 2, 10, 2 }, { 9, 10, 5 },
		{ 8, 10, 5 }, { 7, 10, 4 }, { 0, 1, 1 }, { 2, 3, 4 },
		{ 1, 3, 2 }, { 0, 0, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		assert_int_equal(cg_grade_quintile(c[i].beats, c[i].n),
		    c[i].want);
}

static void
every_rfm_cell_has_a_segment(void **state)
{
	int r, f, m;

	(void)state;
	for (r = 1; r <= 5; r++)
		for (f = 1; f <= 5; f++)
			for (m = 1; m <= 5; m++)
				assert_true(cg_grade_rfm_segment(r, f, m)[0]
				    != '\0');
}

static void
segments_follow_the_table(void **state)
{
	(void)state;
	assert_string_equal(cg_grade_rfm_segment(5, 5, 5), "Champions");
	assert_string_equal(cg_grade_rfm_segment(5, 4, 3), "Champions");
	assert_string_equal(cg_grade_rfm_segment(4, 5, 4), "Loyal");
	assert_string_equal(cg_grade_rfm_segment(4, 2, 3), "Potential loyalist");
	assert_string_equal(cg_grade_rfm_segment(5, 1, 1), "New");
	assert_string_equal(cg_grade_rfm_segment(4, 1, 1), "Promising");
	assert_string_equal(cg_grade_rfm_segment(3, 3, 3), "Needs attention");
	assert_string_equal(cg_grade_rfm_segment(3, 1, 2), "About to sleep");
	assert_string_equal(cg_grade_rfm_segment(1, 5, 5), "Can't lose them");
	assert_string_equal(cg_grade_rfm_segment(2, 4, 3), "At risk");
	assert_string_equal(cg_grade_rfm_segment(2, 1, 2), "Hibernating");
	assert_string_equal(cg_grade_rfm_segment(1, 1, 1), "Lost");
}

/* ---- abc ---- */

static void
abc_split_must_add_up_to_100(void **state)
{
	static const char *const bad[] = {
		"80,15", "80", "80,15,5,1", "80,x,5", "0,100", "", "80,,20",
	};
	struct cg_err err;
	double lim[CG_GRADE_MAXG];
	size_t n, i;

	(void)state;
	assert_int_equal(cg_grade_abc_parse("80,15,5", lim, &n, "--abc",
	    &err), 0);
	assert_int_equal(n, 3);
	assert_true(lim[0] == 0.8 && lim[2] == 1);
	assert_int_equal(cg_grade_abc_parse("50, 50", lim, &n, "--abc",
	    &err), 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(cg_grade_abc_parse(bad[i], lim, &n, "--abc",
		    &err), -1);
	assert_int_equal(err.code, CG_EUSAGE);
}

static void
abc_index_goes_by_volume_above(void **state)
{
	double lim[] = { 0.8, 0.95, 1 };

	(void)state;
	/* The largest account is A even when it alone holds 90%. */
	assert_int_equal(cg_grade_abc_index(lim, 3, 0, 100, 90), 0);
	/* 79.9% above: still A, though it crosses 80%. */
	assert_int_equal(cg_grade_abc_index(lim, 3, 79.9, 100, 10), 0);
	assert_int_equal(cg_grade_abc_index(lim, 3, 80, 100, 10), 1);
	assert_int_equal(cg_grade_abc_index(lim, 3, 94.9, 100, 1), 1);
	assert_int_equal(cg_grade_abc_index(lim, 3, 95, 100, 1), 2);
	/* No volume: last grade, whatever is above. */
	assert_int_equal(cg_grade_abc_index(lim, 3, 0, 100, 0), 2);
	assert_int_equal(cg_grade_abc_index(lim, 3, 0, 0, 0), 2);
}

/* ---- scales ---- */

static void
named_scales_have_their_cut_scores(void **state)
{
	struct cg_grade_scale s;
	struct cg_err err;

	(void)state;
	assert_int_equal(cg_grade_scale_parse(&s, "abc", "--scale", &err), 0);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.name[0], "A");
	assert_int_equal(cg_grade_scale_cut(&s, 70), 0);
	assert_int_equal(cg_grade_scale_cut(&s, 69.9), 1);
	assert_int_equal(cg_grade_scale_cut(&s, 40), 1);
	assert_int_equal(cg_grade_scale_cut(&s, 39), 2);
	assert_int_equal(cg_grade_scale_parse(&s, "AAA", "--scale", &err), 0);
	assert_int_equal(s.n, 5);
	assert_string_equal(s.name[1], "AA");
	assert_int_equal(cg_grade_scale_cut(&s, 85), 0);
	assert_int_equal(cg_grade_scale_parse(&s, "ad", "--scale", &err), 0);
	assert_int_equal(s.n, 4);
	assert_int_equal(cg_grade_scale_cut(&s, 24), 3);
}

static void
custom_shares_count_accounts_above(void **state)
{
	struct cg_grade_scale s;
	struct cg_err err;

	(void)state;
	assert_int_equal(cg_grade_scale_parse(&s, "A:20%, B:30%, C",
	    "--scale", &err), 0);
	assert_true(s.shares);
	/* Ten accounts: 2 A, 3 B, 5 C. */
	assert_int_equal(cg_grade_scale_share(&s, 0, 10), 0);
	assert_int_equal(cg_grade_scale_share(&s, 1, 10), 0);
	assert_int_equal(cg_grade_scale_share(&s, 2, 10), 1);
	assert_int_equal(cg_grade_scale_share(&s, 4, 10), 1);
	assert_int_equal(cg_grade_scale_share(&s, 5, 10), 2);
	/* Three accounts: the top one is A all the same. */
	assert_int_equal(cg_grade_scale_share(&s, 0, 3), 0);
	assert_int_equal(cg_grade_scale_share(&s, 1, 3), 1);
}

static void
bad_scales_are_usage_errors(void **state)
{
	static const char *const bad[] = {
		"A:70,B:80,C", "A:70,B:40", "A,B", "A:20%,B:40,C",
		"A:70%,B:40%,C", "=A:70,B", "A:70,A", "A", "A:x,B",
		"A:1,B:2,C:3,D:4,E:5,F:6,G:7,H:8,I",
	};
	struct cg_grade_scale s;
	struct cg_err err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err.code = CG_OK;
		assert_int_equal(cg_grade_scale_parse(&s, bad[i], "--scale",
		    &err), -1);
		assert_int_equal(err.code, CG_EUSAGE);
	}
}

/* ---- rules ---- */

static int
match(const char *text, const double *v, const int *have)
{
	struct cg_grade_rule r;
	char msg[200];
	int m;

	memset(&r, 0, sizeof(r));
	if (cg_grade_rule_compile(&r, text, msg, sizeof(msg)) < 0)
		fail_msg("%s: %s", text, msg);
	m = cg_grade_rule_eval(&r, v, have);
	cg_grade_rule_free(&r);
	return m;
}

static void
rules_compare_and_combine(void **state)
{
	double v[CG_GF_N] = { 0 };
	int have[CG_GF_N] = { 0 };

	(void)state;
	v[CG_GF_VOLUME] = 60000, have[CG_GF_VOLUME] = 1;
	v[CG_GF_FREQUENCY] = 8, have[CG_GF_FREQUENCY] = 1;
	assert_true(match("volume >= 50000", v, have));
	assert_false(match("volume > 60000", v, have));
	assert_true(match("volume >= 50000 and orders >= 6", v, have));
	assert_false(match("volume >= 50000 and orders >= 12", v, have));
	assert_true(match("volume >= 90000 or frequency = 8", v, have));
	assert_true(match("VOLUME<=60000 AND orders!=7", v, have));
	assert_true(match("*", v, have));
	/* "and" binds tighter than "or". */
	assert_true(match("volume > 1 or orders > 100 and orders < 0", v,
	    have));
	assert_false(match("(volume > 1 or orders > 100) and orders < 0", v,
	    have));
}

static void
a_missing_value_makes_its_comparison_false(void **state)
{
	double v[CG_GF_N] = { 0 };
	int have[CG_GF_N] = { 0 };

	(void)state;
	assert_false(match("volume >= 0", v, have));
	assert_false(match("volume < 1", v, have));
	assert_true(match("volume < 1 or *", v, have));
}

static void
rule_errors_say_what_was_expected_where(void **state)
{
	static const struct { const char *text, *msg; } c[] = {
		{ "volume >= 50000 and", "expected a factor, '*' or '(' at "
		    "character 20 (end of rule)" },
		{ "speed > 3", "expected a factor (volume, frequency, recency, "
		    "payment, overdue, distance, accessibility, openness, "
		    "referrals) at character 1 ('speed > 3')" },
		{ "volume ~ 3", "expected a comparison (>= > <= < = !=) at "
		    "character 8 ('~ 3')" },
		{ "volume > lots", "expected a number at character 10 "
		    "('lots')" },
		{ "(volume > 1", "expected ')' at character 12 (end of "
		    "rule)" },
		{ "volume > 1 orders > 2", "expected 'and', 'or' or the end "
		    "of the rule at character 12 ('orders > 2')" },
	};
	struct cg_grade_rule r;
	char msg[200];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		memset(&r, 0, sizeof(r));
		assert_int_equal(cg_grade_rule_compile(&r, c[i].text, msg,
		    sizeof(msg)), -1);
		assert_string_equal(msg, c[i].msg);
		assert_null(r.cond.node);
	}
}

static void
rule_factors_lists_what_a_rule_reads(void **state)
{
	struct cg_grade_rule r;
	char msg[200];

	(void)state;
	memset(&r, 0, sizeof(r));
	assert_int_equal(cg_grade_rule_compile(&r, "volume > 1 or "
	    "(days_to_pay < 30 and recency < 90)", msg, sizeof(msg)), 0);
	assert_int_equal(cg_grade_rule_factors(&r), 1u << CG_GF_VOLUME |
	    1u << CG_GF_PAYMENT | 1u << CG_GF_RECENCY);
	cg_grade_rule_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(midrank_gives_ties_the_middle_of_their_places),
		cmocka_unit_test(midrank_of_a_lone_value_is_one_half),
		cmocka_unit_test(vals_rank_counts_smaller_and_equal_values),
		cmocka_unit_test(vals_rank_of_an_empty_set_is_zero),
		cmocka_unit_test(vals_sort_orders_negatives_zeros_and_large_sets),
		cmocka_unit_test(vals_rank_agrees_with_counting_for_every_kind_of_set),
		cmocka_unit_test(quintile_is_one_plus_floor_five_beaten_over_n),
		cmocka_unit_test(every_rfm_cell_has_a_segment),
		cmocka_unit_test(segments_follow_the_table),
		cmocka_unit_test(abc_split_must_add_up_to_100),
		cmocka_unit_test(abc_index_goes_by_volume_above),
		cmocka_unit_test(named_scales_have_their_cut_scores),
		cmocka_unit_test(custom_shares_count_accounts_above),
		cmocka_unit_test(bad_scales_are_usage_errors),
		cmocka_unit_test(rules_compare_and_combine),
		cmocka_unit_test(a_missing_value_makes_its_comparison_false),
		cmocka_unit_test(rule_errors_say_what_was_expected_where),
		cmocka_unit_test(rule_factors_lists_what_a_rule_reads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
