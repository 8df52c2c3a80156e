/*
 * test_rollup.c - the account table, distinct counts, the window, the
 * output fields, the --where filter, the options and their checks, and
 * whole runs of rollup through its engine.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "clientgrade/config.h"
#include "clientgrade/rollup.h"
#include "clientgrade/run.h"
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

/* Each --distinct column counts apart: "Ana" in two columns is two. */
static void
distinct_columns_count_apart(void **state)
{
	struct cg_rollup_table *t = cg_rollup_table_new();
	struct cg_rollup_acc *a = cg_rollup_intern(t, "A", 1);
	struct cg_rollup_acc *b = cg_rollup_intern(t, "B", 1);

	(void)state;
	assert_int_equal(cg_rollup_distinct_k(t, a, 0, "Ana", 3), 1);
	assert_int_equal(cg_rollup_distinct_k(t, a, 1, "Ana", 3), 1);
	assert_int_equal(cg_rollup_distinct_k(t, a, 1, "Ana", 3), 0);
	assert_int_equal(cg_rollup_distinct_k(t, a, 2, "Ana", 3), 1);
	assert_int_equal(cg_rollup_distinct_k(t, a, 1, "GTX", 3), 1);
	assert_int_equal(cg_rollup_distinct_k(t, b, 1, "GTX", 3), 1);
	assert_int_equal(cg_rollup_distinct_k(t, b, 1, "", 0), 0);
	assert_int_equal(cg_rollup_distinct_count(t, a, 0), 1);
	assert_int_equal(cg_rollup_distinct_count(t, a, 1), 2);
	assert_int_equal(cg_rollup_distinct_count(t, a, 2), 1);
	assert_int_equal(cg_rollup_distinct_count(t, b, 0), 0);
	assert_int_equal(cg_rollup_distinct_count(t, b, 1), 1);
	assert_int_equal(cg_rollup_distinct_count(t, b, 2), 0);
	cg_rollup_table_free(t);
}

static const char *
owner_of(struct cg_rollup_table *t, const char *key)
{
	static char buf[64];
	size_t n;
	const char *s = cg_rollup_owner(t, cg_rollup_find(t, key,
	    strlen(key)), &n);

	if (s == NULL)
		return "(none)";
	snprintf(buf, sizeof(buf), "%.*s", (int)n, s);
	return buf;
}

static void
owner_is_most_volume_then_more_deals_then_first_seen(void **state)
{
	struct cg_rollup_table *t = cg_rollup_table_new();
	struct cg_rollup_acc *a = cg_rollup_intern(t, "A", 1);
	struct cg_rollup_acc *b = cg_rollup_intern(t, "B", 1);
	struct cg_rollup_acc *c = cg_rollup_intern(t, "C", 1);

	(void)state;
	cg_rollup_intern(t, "D", 1);
	/* A: Ben has more volume. */
	cg_rollup_owner_add(t, a, "Ana", 3, 100);
	cg_rollup_owner_add(t, a, "Ben", 3, 100.5);
	/* B: 1000 each; Ben in two deals. */
	cg_rollup_owner_add(t, b, "Ana", 3, 1000);
	cg_rollup_owner_add(t, b, "Ben", 3, 600);
	cg_rollup_owner_add(t, b, "Ben", 3, 400);
	/* C: the same volume and deals; Cara came first. An empty agent
	 * counts for no one. */
	cg_rollup_owner_add(t, c, "", 0, 5000);
	cg_rollup_owner_add(t, c, "Cara", 4, 550);
	cg_rollup_owner_add(t, c, "Dan", 3, 550);
	assert_string_equal(owner_of(t, "A"), "Ben");
	assert_string_equal(owner_of(t, "B"), "Ben");
	assert_string_equal(owner_of(t, "C"), "Cara");
	assert_string_equal(owner_of(t, "D"), "(none)");
	/* A later deal changes the answer. */
	cg_rollup_owner_add(t, a, "Ana", 3, 1);
	assert_string_equal(owner_of(t, "A"), "Ana");
	cg_rollup_table_free(t);
}

/* Owners and further distinct counts of two halves, merged, are those
 * of one pass: the second half's agents come after the first's. */
static void
merge_adds_owners_and_distinct_columns(void **state)
{
	struct cg_rollup_table *one = cg_rollup_table_new();
	struct cg_rollup_table *h1 = cg_rollup_table_new();
	struct cg_rollup_table *h2 = cg_rollup_table_new();
	static const struct {
		const char *acc, *agent, *prod;
		double v;
	} deals[] = {
		{ "A", "Dan", "GTX", 550 }, { "B", "Ana", "MG", 10 },
		{ "C", "Zed", "MG", 1 }, { "C", "Ana", "GTX", 1 },
		{ "B", "Ben", "GTX", 5 }, { "A", "Cara", "MG", 550 },
		{ "B", "Ben", "MG", 5 },
	};
	size_t i, n = sizeof(deals) / sizeof(deals[0]);

	(void)state;
	for (i = 0; i < n; i++) {
		struct cg_rollup_table *t = i < 3 ? h1 : h2;
		int k;

		for (k = 0; k < 2; k++) {
			struct cg_rollup_table *u = k ? one : t;
			struct cg_rollup_acc *a = cg_rollup_intern(u,
			    deals[i].acc, 1);

			cg_rollup_add(a, deals[i].v, 0, 0, 365);
			cg_rollup_owner_add(u, a, deals[i].agent,
			    strlen(deals[i].agent), deals[i].v);
			cg_rollup_distinct_k(u, a, 1, deals[i].prod,
			    strlen(deals[i].prod));
		}
	}
	assert_int_equal(cg_rollup_merge(h1, h2), 0);
	for (i = 0; i < 3; i++) {
		const char *k = i == 0 ? "A" : i == 1 ? "B" : "C";
		char want[64];

		snprintf(want, sizeof(want), "%s", owner_of(one, k));
		assert_string_equal(owner_of(h1, k), want);
		assert_int_equal(cg_rollup_distinct_count(h1,
		    cg_rollup_find(h1, k, 1), 1), cg_rollup_distinct_count(one,
		    cg_rollup_find(one, k, 1), 1));
	}
	assert_string_equal(owner_of(h1, "A"), "Dan");	/* first seen */
	assert_string_equal(owner_of(h1, "B"), "Ben");	/* more deals */
	assert_string_equal(owner_of(h1, "C"), "Zed");	/* first seen */
	cg_rollup_table_free(one);
	cg_rollup_table_free(h1);
	cg_rollup_table_free(h2);
}

static void
out_names_further_distinct_columns_after_their_header(void **state)
{
	struct cg_rollup_out o;
	const char *dn[] = { "sales_agent", "Product Line" };
	size_t dl[] = { 11, 12 };

	(void)state;
	cg_rollup_out_init(&o, 0, dn, dl, 0);
	assert_int_equal(o.n, CG_ROLLUP_NCOLS - 1);
	assert_string_equal(o.name[o.n - 1], "volume_12m");
	cg_rollup_out_free(&o);
	cg_rollup_out_init(&o, 2, dn, dl, 1);
	assert_int_equal(o.n, CG_ROLLUP_NCOLS + 2);
	assert_string_equal(o.name[CG_ROLLUP_CONTACTS], "contacts");
	assert_string_equal(o.name[CG_ROLLUP_CONTACTS + 1],
	    "contacts_Product Line");
	assert_string_equal(o.name[o.n - 1], "owner");
	cg_rollup_out_free(&o);
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

/* Messages of a filter's pass, collected. */
struct said {
	int n;
	char msg[4][512];
	enum cg_say_kind kind[4];
};

static void
collect_say(void *ctx, enum cg_say_kind kind, const char *file, long line,
    long col, const char *msg)
{
	struct said *s = ctx;

	(void)file;
	(void)line;
	(void)col;
	if (s->n < 4) {
		s->kind[s->n] = kind;
		snprintf(s->msg[s->n], sizeof(s->msg[0]), "%s", msg);
	}
	s->n++;
}

static struct cg_run wrun;
static struct said wsaid;

/* A filter pass over `w` for the text conditions (no reader needed). */
static struct cg_rollup_filter *
filter(struct cg_rollup_where *w)
{
	cg_run_init(&wrun, "rollup");
	memset(&wsaid, 0, sizeof(wsaid));
	wrun.say = collect_say;
	wrun.say_ctx = &wsaid;
	return cg_rollup_filter_new(w, CG_NO_COL, NULL, &wrun);
}

static int
match(struct cg_rollup_filter *f, const char *stage, const char *agent)
{
	const char *fl[3] = { "1", stage, agent };
	size_t len[3] = { 1, strlen(stage), strlen(agent) };
	struct cg_row row = { 3, fl, len, NULL, 0, 2, 1 };
	struct cg_err err;

	return cg_rollup_filter_match(f, NULL, &row, &err);
}

static void
where_values_of_one_column_are_or_columns_are_and(void **state)
{
	const char *spec[] = { "deal_stage=Won", "agent=Ana",
	    "DEAL STAGE=Lost" };
	struct cg_err err;
	struct cg_rollup_where *w = cg_rollup_where_new(spec, 3, &err);
	struct cg_rollup_filter *f;
	int round;

	(void)state;
	assert_non_null(w);
	assert_int_equal(cg_rollup_where_bind(w, &hdr, "d.csv", &err), 0);
	f = filter(w);
	/* Twice: while conditions are still unmatched (all tried, values
	 * counted) and after (tried until one fails). */
	for (round = 0; round < 2; round++) {
		assert_true(match(f, "Won", "Ana"));
		assert_true(match(f, "Lost", "Ana"));
		assert_false(match(f, "Won", "Ben"));
		assert_false(match(f, "Open", "Ana"));
		assert_false(match(f, "won", "Ana"));	/* exact bytes */
		assert_false(match(f, "Won ", "Ana"));
	}
	assert_int_equal(cg_rollup_filter_report(f, 12, 0, &err), 0);
	assert_int_equal(wsaid.n, 0);
	cg_rollup_filter_free(f);
	cg_rollup_where_free(w);
}

static void
where_not_equal_must_all_hold_beside_the_alternatives(void **state)
{
	const char *spec[] = { "agent!=Ana", "agent!=Ben", "deal_stage=Won",
	    "deal_stage=Lost", "deal_stage!=Lost" };
	struct cg_err err;
	struct cg_rollup_where *w = cg_rollup_where_new(spec, 5, &err);
	struct cg_rollup_filter *f;
	int round;

	(void)state;
	assert_non_null(w);
	assert_int_equal(cg_rollup_where_bind(w, &hdr, "d.csv", &err), 0);
	f = filter(w);
	for (round = 0; round < 2; round++) {
		assert_true(match(f, "Won", "Cara"));
		assert_true(match(f, "Won", ""));
		assert_false(match(f, "Won", "Ana"));
		assert_false(match(f, "Won", "Ben"));
		/* = Lost is an alternative, != Lost must hold. */
		assert_false(match(f, "Lost", "Cara"));
		assert_false(match(f, "Open", "Cara"));
	}
	cg_rollup_filter_free(f);
	cg_rollup_where_free(w);
}

static void
where_operators_split_at_the_first_one(void **state)
{
	static const struct {
		const char *spec;
		int ok;
	} cases[] = {
		{ "a!=b", 1 }, { "a<5", 1 }, { "a<=5", 1 }, { "a>5", 1 },
		{ "a>=2026-01-01", 1 }, { "a<1/31/2026", 1 },
		{ "a>=31.1.2026", 1 }, { "a>$1,200.50", 1 }, { "a=<5", 1 },
		{ "a>Won", 0 }, { "a<", 0 }, { "a!5", 0 }, { "<5", 0 },
		{ "!=x", 0 }, { "a<=2026-02-30", 0 },
	};
	struct cg_rollup_where *w;
	struct cg_err err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		w = cg_rollup_where_new(&cases[i].spec, 1, &err);
		if (cases[i].ok) {
			assert_non_null(w);
			assert_int_equal(cg_rollup_where_count(w), 1);
		} else {
			assert_null(w);
			assert_int_equal(err.code, CG_EUSAGE);
		}
		cg_rollup_where_free(w);
	}
	w = cg_rollup_where_new((const char *const[]){ "amount>lots" }, 1,
	    &err);
	assert_null(w);
	assert_string_equal(err.msg, "--where amount>lots: 'lots' is not a "
	    "number or a date (want YYYY-MM-DD for a date)");
}

static void
where_with_no_conditions_matches_everything(void **state)
{
	struct cg_err err;
	struct cg_rollup_where *w = cg_rollup_where_new(NULL, 0, &err);
	struct cg_rollup_filter *f;

	(void)state;
	assert_int_equal(cg_rollup_where_bind(w, &hdr, "d.csv", &err), 0);
	assert_int_equal(cg_rollup_where_count(w), 0);
	f = filter(w);
	assert_true(match(f, "", ""));
	cg_rollup_filter_free(f);
	cg_rollup_where_free(w);
}

static void
where_value_may_be_empty_or_hold_an_equals_sign(void **state)
{
	const char *spec[] = { "agent=", "deal_stage=a=b" };
	struct cg_err err;
	struct cg_rollup_where *w = cg_rollup_where_new(spec, 2, &err);
	struct cg_rollup_filter *f;

	(void)state;
	assert_int_equal(cg_rollup_where_bind(w, &hdr, "d.csv", &err), 0);
	f = filter(w);
	assert_true(match(f, "a=b", ""));
	assert_false(match(f, "a=b", "x"));
	cg_rollup_filter_free(f);
	cg_rollup_where_free(w);
}

static void
where_spec_without_column_is_a_usage_error(void **state)
{
	const char *spec1[] = { "Won" }, *spec2[] = { "=Won" };
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
	const char *spec[] = { "stage=Won" };
	struct cg_err err;
	struct cg_rollup_where *w = cg_rollup_where_new(spec, 1, &err);

	(void)state;
	assert_int_equal(cg_rollup_where_bind(w, &hdr, "d.csv", &err), -1);
	assert_int_equal(err.code, CG_EROLE);
	assert_string_equal(err.msg, "--where: no column 'stage'");
	cg_rollup_where_free(w);
}

static void
where_that_matched_nothing_lists_the_values_and_a_near_one(void **state)
{
	const char *spec[] = { "deal_stage=won", "agent=Ana" };
	struct cg_err err;
	struct cg_rollup_where *w = cg_rollup_where_new(spec, 2, &err);
	struct cg_rollup_filter *f;
	int i;

	(void)state;
	assert_int_equal(cg_rollup_where_bind(w, &hdr, "d.csv", &err), 0);
	f = filter(w);
	for (i = 0; i < 3; i++)
		assert_false(match(f, "Lost", "Ana"));
	for (i = 0; i < 5; i++)
		assert_false(match(f, "Won", "Ben"));
	assert_false(match(f, "", "Ana"));
	assert_false(match(f, "Lost, maybe", "Ana"));
	assert_int_equal(cg_rollup_filter_report(f, 10, 0, &err), 0);
	assert_int_equal(wsaid.n, 1);
	assert_int_equal(wsaid.kind[0], CG_SAY_WARNING);
	assert_string_equal(wsaid.msg[0], "--where deal_stage=won matched no "
	    "deal; Deal Stage has: Won 5, Lost 3, (empty) 1, 'Lost, maybe' 1; "
	    "did you mean 'Won'?");
	/* --strict: the same finding is the error. */
	assert_int_equal(cg_rollup_filter_report(f, 10, 1, &err), -1);
	assert_int_equal(err.code, CG_EDATA);
	assert_string_equal(err.msg, "--where deal_stage=won matched no "
	    "deal; Deal Stage has: Won 5, Lost 3, (empty) 1, 'Lost, maybe' 1; "
	    "did you mean 'Won'? (--strict)");
	/* No deals at all: nothing to say. */
	wsaid.n = 0;
	assert_int_equal(cg_rollup_filter_report(f, 0, 1, &err), 0);
	assert_int_equal(wsaid.n, 0);
	cg_rollup_filter_free(f);
	cg_rollup_where_free(w);
}

static void
where_counts_at_most_1000_values_and_says_more(void **state)
{
	const char *spec[] = { "agent=Zed" };
	struct cg_err err;
	struct cg_rollup_where *w = cg_rollup_where_new(spec, 1, &err);
	struct cg_rollup_filter *f;
	char v[16];
	int i;

	(void)state;
	assert_int_equal(cg_rollup_where_bind(w, &hdr, "d.csv", &err), 0);
	f = filter(w);
	for (i = 0; i < 2400; i++) {
		snprintf(v, sizeof(v), "a%d", i);
		assert_false(match(f, "Won", i % 2 ? "Ana" : v));
	}
	assert_int_equal(cg_rollup_filter_report(f, 2400, 0, &err), 0);
	assert_int_equal(wsaid.n, 1);
	assert_string_equal(wsaid.msg[0], "--where agent=Zed matched no deal; "
	    "agent has: Ana 1200, a0 1, a2 1, a4 1, a6 1, a8 1, a10 1, a12 1, "
	    "a14 1, a16 1, and over 990 more values");
	cg_rollup_filter_free(f);
	cg_rollup_where_free(w);
}

static void
where_each_matching_but_never_together_is_said(void **state)
{
	const char *spec[] = { "deal_stage=Won", "agent=Ana" };
	struct cg_err err;
	struct cg_rollup_where *w = cg_rollup_where_new(spec, 2, &err);
	struct cg_rollup_filter *f;

	(void)state;
	assert_int_equal(cg_rollup_where_bind(w, &hdr, "d.csv", &err), 0);
	f = filter(w);
	assert_false(match(f, "Won", "Ben"));
	assert_false(match(f, "Lost", "Ana"));
	assert_int_equal(cg_rollup_filter_report(f, 2, 0, &err), 0);
	assert_int_equal(wsaid.n, 1);
	assert_string_equal(wsaid.msg[0], "no deal passes every --where at "
	    "once (deal_stage=Won, agent=Ana), though each matches some "
	    "deals");
	cg_rollup_filter_free(f);
	cg_rollup_where_free(w);
}

/* Two halves counted apart and merged say what one pass says. */
static void
where_counts_of_two_halves_merge_as_one_pass(void **state)
{
	const char *spec[] = { "deal_stage=won" };
	struct cg_err err;
	struct cg_rollup_where *w = cg_rollup_where_new(spec, 1, &err);
	struct cg_rollup_filter *a, *b;
	char one[512];

	(void)state;
	assert_int_equal(cg_rollup_where_bind(w, &hdr, "d.csv", &err), 0);
	a = filter(w);
	match(a, "Lost", "");
	match(a, "Won", "");
	match(a, "Lost", "");
	match(a, "Won", "");
	match(a, "Open", "");
	assert_int_equal(cg_rollup_filter_report(a, 5, 0, &err), 0);
	snprintf(one, sizeof(one), "%s", wsaid.msg[0]);
	cg_rollup_filter_free(a);

	a = filter(w);
	b = cg_rollup_filter_new(w, CG_NO_COL, NULL, &wrun);
	match(a, "Lost", "");
	match(a, "Won", "");
	match(b, "Lost", "");
	match(b, "Won", "");
	match(b, "Open", "");
	assert_true(cg_rollup_filter_merge_ok(a, b));
	cg_rollup_filter_merge(a, b);
	assert_int_equal(cg_rollup_filter_report(a, 5, 0, &err), 0);
	assert_string_equal(wsaid.msg[0], one);
	assert_string_equal(one, "--where deal_stage=won matched no deal; "
	    "Deal Stage has: Lost 2, Won 2, Open 1; did you mean 'Won'?");
	cg_rollup_filter_free(a);
	cg_rollup_filter_free(b);
	cg_rollup_where_free(w);
}

/* ---- options and their checks ---- */

static void
window_takes_1_to_36525_days(void **state)
{
	struct cg_rollup_opts o;
	struct cg_err err;

	(void)state;
	cg_rollup_opts_init(&o);
	assert_int_equal(o.window, 365);
	assert_int_equal(cg_rollup_parse_window(&o, "30", &err), 0);
	assert_int_equal(o.window, 30);
	assert_true(o.window_set);
	assert_int_equal(cg_rollup_parse_window(&o, "36525", &err), 0);
	assert_int_equal(cg_rollup_parse_window(&o, "0", &err), -1);
	assert_int_equal(err.code, CG_EUSAGE);
	assert_string_equal(err.msg, "--window wants a number of days from 1 "
	    "to 36525, not '0'");
	assert_int_equal(cg_rollup_parse_window(&o, "30d", &err), -1);
	assert_int_equal(cg_rollup_parse_window(&o, "36526", &err), -1);
	cg_rollup_opts_free(&o);
}

static void
accounts_key_and_replace_need_accounts(void **state)
{
	struct cg_rollup_opts o;
	struct cg_run run;
	struct cg_err err;

	(void)state;
	cg_run_init(&run, "rollup");
	cg_rollup_opts_init(&o);
	assert_int_equal(cg_rollup_check(&o, &run, &err), 0);
	o.accounts_key = "id";
	assert_int_equal(cg_rollup_check(&o, &run, &err), -1);
	assert_int_equal(err.code, CG_EUSAGE);
	assert_string_equal(err.msg, "--accounts-key needs --accounts");
	o.replace = 1;
	assert_int_equal(cg_rollup_check(&o, &run, &err), -1);
	assert_string_equal(err.msg, "--replace needs --accounts");
	o.accounts = "accounts.csv";
	assert_int_equal(cg_rollup_check(&o, &run, &err), 0);
	cg_rollup_opts_free(&o);
}

static void
the_deal_log_and_accounts_cannot_both_be_stdin(void **state)
{
	struct cg_rollup_opts o;
	struct cg_run run;
	struct cg_err err;
	char *dash[] = { "-" }, *file[] = { "deals.csv" };

	(void)state;
	cg_run_init(&run, "rollup");
	cg_rollup_opts_init(&o);
	o.accounts = "-";
	assert_int_equal(cg_rollup_check(&o, &run, &err), -1);
	assert_int_equal(err.code, CG_EUSAGE);
	assert_string_equal(err.msg, "the deal log and --accounts cannot "
	    "both be standard input");
	run.argc = 1;
	run.argv = dash;
	assert_int_equal(cg_rollup_check(&o, &run, &err), -1);
	run.argv = file;
	assert_int_equal(cg_rollup_check(&o, &run, &err), 0);
	cg_rollup_opts_free(&o);
}

static void
check_declares_accounts_and_rejects_to_the_run(void **state)
{
	struct cg_rollup_opts o;
	struct cg_run run;
	struct cg_err err;

	(void)state;
	cg_run_init(&run, "rollup");
	cg_rollup_opts_init(&o);
	o.accounts = "accounts.csv";
	o.rejects = "rej.csv";
	assert_int_equal(cg_rollup_check(&o, &run, &err), 0);
	assert_int_equal(run.nin_extra, 1);
	assert_string_equal(run.in_extra[0], "accounts.csv");
	assert_int_equal(run.nout_extra, 1);
	assert_string_equal(run.out_extra[0].opt, "--rejects");
	/* "-" is standard output on purpose: not declared. */
	cg_run_init(&run, "rollup");
	o.rejects = "-";
	assert_int_equal(cg_rollup_check(&o, &run, &err), 0);
	assert_int_equal(run.nout_extra, 0);
	cg_run_init(&run, "rollup");
	o.rejects = "";
	assert_int_equal(cg_rollup_check(&o, &run, &err), -1);
	assert_int_equal(err.code, CG_EUSAGE);
	assert_string_equal(err.msg, "--rejects: the file name is empty");
	cg_rollup_opts_free(&o);
}

static void
config_window_is_read_and_checked_even_under_the_option(void **state)
{
	struct cg_rollup_opts o;
	struct cg_config cfg;
	struct cg_run run;
	struct cg_err err;

	(void)state;
	cg_run_init(&run, "rollup");
	run.cfg = &cfg;
	assert_int_equal(cg_config_load_string(&cfg, "c.ini",
	    "[rollup]\nwindow = 30\n", &err), 0);
	cg_rollup_opts_init(&o);
	assert_int_equal(cg_rollup_check(&o, &run, &err), 0);
	assert_int_equal(o.window, 30);
	assert_int_equal(cg_rollup_parse_window(&o, "400", &err), 0);
	assert_int_equal(cg_rollup_check(&o, &run, &err), 0);
	assert_int_equal(o.window, 400);
	cg_rollup_opts_free(&o);
	cg_config_free(&cfg);

	assert_int_equal(cg_config_load_string(&cfg, "c.ini",
	    "[rollup]\nwindow = 1y\n", &err), 0);
	cg_rollup_opts_init(&o);
	assert_int_equal(cg_rollup_parse_window(&o, "30", &err), 0);
	assert_int_equal(cg_rollup_check(&o, &run, &err), -1);
	assert_int_equal(err.code, CG_ECONFIG);
	assert_string_equal(err.file, "c.ini");
	assert_int_equal(err.line, 2);
	assert_string_equal(err.msg, "window wants a number of days from 1 "
	    "to 36525, not '1y'");
	cg_rollup_opts_free(&o);
	cg_config_free(&cfg);
}

/* ---- whole runs ---- */

/* A file holding `text`, its name in path (a mkstemp template). */
static void
write_file(char *path, const char *text)
{
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

/* Run rollup with `o` on the deal log `deals`; the output into out. */
static int
run_on(const struct cg_rollup_opts *o, const char *deals, struct said *said,
    char *out, size_t cap, struct cg_err *err)
{
	char path[] = "/tmp/test_rollup.XXXXXX";
	char *argv[] = { path, NULL };
	struct cg_run run;
	FILE *tmp = tmpfile();
	size_t n;
	int rc;

	assert_non_null(tmp);
	write_file(path, deals);
	cg_run_init(&run, "rollup");
	assert_int_equal(cg_parse_date("2026-06-30", 10, CG_DATES_ISO,
	    &run.today, NULL), CG_V_OK);
	run.argc = 1;
	run.argv = argv;
	run.out_fd = fileno(tmp);
	run.say = collect_say;
	run.say_ctx = said;
	memset(said, 0, sizeof(*said));
	rc = cg_rollup_run(o, &run, err);
	rewind(tmp);
	n = fread(out, 1, cap - 1, tmp);
	out[n] = '\0';
	fclose(tmp);
	unlink(path);
	return rc;
}

static void
run_writes_the_figures_and_warns_through_the_run(void **state)
{
	struct cg_rollup_opts o;
	struct cg_err err;
	struct said said;
	char out[1024];

	(void)state;
	cg_rollup_opts_init(&o);
	assert_int_equal(cg_rollup_add_distinct(&o, "agent", &err), 0);
	assert_int_equal(run_on(&o, "account,agent,date,value\n"
	    "A,Ana,2026-06-20,100\n"
	    ",Ana,2026-06-21,5\n"
	    "A,Ben,2025-01-01,50.5\n"
	    "B,Ana,2026-06-01,\n"
	    "B,Ana,2026-06-02,7\n", &said, out, sizeof(out), &err), 0);
	assert_string_equal(out, "account,orders,volume,avg_order,"
	    "first_order,last_order,recency_days,orders_12m,volume_12m,"
	    "contacts\n"
	    "A,2,150.5,75.25,2025-01-01,2026-06-20,10,1,100,2\n"
	    "B,1,7,7,2026-06-02,2026-06-02,28,1,7,1\n");
	assert_int_equal(said.n, 2);
	assert_int_equal(said.kind[0], CG_SAY_WARNING);
	assert_non_null(strstr(said.msg[0], "1 deal skipped: empty account, "
	    "20% of 5 deals (first: /tmp/test_rollup."));
	assert_non_null(strstr(said.msg[0], ":3)"));
	assert_non_null(strstr(said.msg[1], "1 deal skipped: empty value, "
	    "20% of 5 deals (first: "));
	cg_rollup_opts_free(&o);
}

static void
run_with_strict_fails_at_the_first_skipped_deal(void **state)
{
	struct cg_rollup_opts o;
	struct cg_err err;
	struct said said;
	char out[256];

	(void)state;
	cg_rollup_opts_init(&o);
	o.strict = 1;
	assert_int_equal(run_on(&o, "account,date,value\nA,2026-01-01,1\n"
	    "B,2026-01-02,abc\n", &said, out, sizeof(out), &err), -1);
	assert_int_equal(err.code, CG_EVALUE);
	assert_int_equal(err.line, 3);
	assert_string_equal(out, "");
	assert_int_equal(said.n, 0);
	cg_rollup_opts_free(&o);
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
		cmocka_unit_test(distinct_columns_count_apart),
		cmocka_unit_test(
		    owner_is_most_volume_then_more_deals_then_first_seen),
		cmocka_unit_test(merge_adds_owners_and_distinct_columns),
		cmocka_unit_test(
		    out_names_further_distinct_columns_after_their_header),
		cmocka_unit_test(format_writes_figures_in_the_decimal_style),
		cmocka_unit_test(
		    format_of_an_account_without_deals_is_zeros_and_empties),
		cmocka_unit_test(
		    where_values_of_one_column_are_or_columns_are_and),
		cmocka_unit_test(
		    where_not_equal_must_all_hold_beside_the_alternatives),
		cmocka_unit_test(where_operators_split_at_the_first_one),
		cmocka_unit_test(where_with_no_conditions_matches_everything),
		cmocka_unit_test(where_value_may_be_empty_or_hold_an_equals_sign),
		cmocka_unit_test(where_spec_without_column_is_a_usage_error),
		cmocka_unit_test(where_on_a_missing_column_names_it),
		cmocka_unit_test(
		    where_that_matched_nothing_lists_the_values_and_a_near_one),
		cmocka_unit_test(where_counts_at_most_1000_values_and_says_more),
		cmocka_unit_test(where_each_matching_but_never_together_is_said),
		cmocka_unit_test(where_counts_of_two_halves_merge_as_one_pass),
		cmocka_unit_test(window_takes_1_to_36525_days),
		cmocka_unit_test(accounts_key_and_replace_need_accounts),
		cmocka_unit_test(
		    the_deal_log_and_accounts_cannot_both_be_stdin),
		cmocka_unit_test(
		    check_declares_accounts_and_rejects_to_the_run),
		cmocka_unit_test(
		    config_window_is_read_and_checked_even_under_the_option),
		cmocka_unit_test(
		    run_writes_the_figures_and_warns_through_the_run),
		cmocka_unit_test(
		    run_with_strict_fails_at_the_first_skipped_deal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
