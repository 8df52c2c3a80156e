/* test_cond.c - conditions over a record's values (cond.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <cmocka.h>

#include "clientgrade/cond.h"
#include "clientgrade/value.h"

/* A record of three columns: name -> variable, values as text. */
static const char *const cols[] = { "overdue_invoices", "openness",
	"contract_end", "contract end" };

static int
lookup(void *ctx, const char *s, size_t n)
{
	size_t i;

	(void)ctx;
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		if (strlen(cols[i]) == n && strncasecmp(cols[i], s, n) == 0)
			return (int)i;
	return -1;
}

static int
get(void *ctx, int var, int type, struct cg_cond_value *v)
{
	const char *const *rec = ctx;
	const char *s = rec[var];
	size_t n = strlen(s);

	if (n == 0)
		return 0;
	switch (type) {
	case CG_COND_NUM:
		return cg_parse_num(s, n, '.', &v->num, NULL) == CG_V_OK;
	case CG_COND_DATE:
		return cg_parse_date(s, n, CG_DATES_ISO, &v->day, NULL) ==
		    CG_V_OK;
	}
	v->s = s;
	v->n = n;
	return 1;
}

static const struct cg_cond_names names = {
	lookup, NULL, "a column", NULL, NULL, CG_COND_F_DATES | CG_COND_F_TEXT
};

static int
match(const char *text, const char *const *rec, int32_t today)
{
	struct cg_cond c;
	char msg[200];
	int m;

	if (cg_cond_compile(&c, text, &names, msg, sizeof(msg), NULL) < 0)
		fail_msg("%s: %s", text, msg);
	m = cg_cond_eval(&c, get, (void *)rec, today);
	cg_cond_free(&c);
	return m;
}

static void
numbers_text_and_dates_compare(void **state)
{
	const char *rec[] = { "2", " Yes ", "2027-01-15", "2027-03-01" };
	int32_t today = cg_days_from_civil(2026, 12, 1);

	(void)state;
	assert_true(match("overdue_invoices > 0", rec, today));
	assert_false(match("overdue_invoices >= 3", rec, today));
	assert_true(match("openness = yes", rec, today));
	assert_true(match("openness = \"YES\"", rec, today));
	assert_false(match("openness != yes", rec, today));
	assert_true(match("openness <> no", rec, today));
	/* 2027-01-15 is 45 days after 2026-12-01. */
	assert_true(match("contract_end <= today+45", rec, today));
	assert_false(match("contract_end <= today+44", rec, today));
	assert_true(match("contract_end > today", rec, today));
	assert_true(match("contract_end >= 2027-01-15", rec, today));
	assert_true(match("\"contract end\" = 2027-03-01", rec, today));
	assert_true(match("overdue_invoices > 5 or (openness = yes and "
	    "contract_end < today+60)", rec, today));
	assert_false(match("overdue_invoices > 5 or openness = yes and "
	    "contract_end < today-1", rec, today));
	assert_true(match("*", rec, today));
}

static void
a_missing_value_matches_neither_way(void **state)
{
	const char *rec[] = { "", "", "", "" };

	(void)state;
	assert_false(match("openness = yes", rec, 0));
	assert_false(match("openness != yes", rec, 0));
	assert_false(match("overdue_invoices < 1", rec, 0));
	assert_true(match("overdue_invoices < 1 or *", rec, 0));
	/* A value that is not a number is missing to a number's test. */
	rec[0] = "n/a";
	assert_false(match("overdue_invoices >= 0", rec, 0));
}

static void
errors_say_what_was_expected_where(void **state)
{
	static const struct { const char *text, *msg; size_t at; } c[] = {
		{ "openness =", "expected a value at character 11 (end of "
		    "condition)", 10 },
		{ "speed > 3", "expected a column at character 1 ('speed > 3')",
		    0 },
		{ "\"no such\" = 3", "expected a column at character 1 "
		    "('\"no such\" = ')", 0 },
		{ "openness > yes", "expected a number or a date after < <= > "
		    ">= (text takes = and != only) at character 12 ('yes')", 11 },
		{ "openness = \"yes", "expected a closing '\"' at character 12 "
		    "('\"yes')", 11 },
		{ "openness = yes openness = no", "expected 'and', 'or' or the "
		    "end of the condition at character 16 ('openness = n')", 15 },
		{ "(openness = yes", "expected ')' at character 16 (end of "
		    "condition)", 15 },
		{ "and", "expected a column at character 1 ('and')", 0 },
		{ "", "expected a column, '*' or '(' at character 1 (end of "
		    "condition)", 0 },
	};
	struct cg_cond k;
	char msg[200];
	size_t i, at;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		at = 999;
		assert_int_equal(cg_cond_compile(&k, c[i].text, &names, msg,
		    sizeof(msg), &at), -1);
		assert_string_equal(msg, c[i].msg);
		assert_int_equal(at, c[i].at);
		assert_null(k.node);
	}
}

static void
numbers_only_callers_refuse_dates_and_text(void **state)
{
	struct cg_cond_names num = names;
	struct cg_cond k;
	char msg[200];

	(void)state;
	num.flags = 0;
	num.thing = "rule";
	assert_int_equal(cg_cond_compile(&k, "openness = yes", &num, msg,
	    sizeof(msg), NULL), -1);
	assert_string_equal(msg, "expected a number at character 12 ('yes')");
	assert_int_equal(cg_cond_compile(&k, "contract_end < today", &num, msg,
	    sizeof(msg), NULL), -1);
	assert_string_equal(msg, "expected a number at character 16 "
	    "('today')");
	assert_int_equal(cg_cond_compile(&k, "openness = 1 openness", &num,
	    msg, sizeof(msg), NULL), -1);
	assert_string_equal(msg, "expected 'and', 'or' or the end of the rule "
	    "at character 14 ('openness')");
}

static void
deep_nesting_is_refused_not_recursed(void **state)
{
	char text[200];
	struct cg_cond k;
	char msg[200];

	(void)state;
	memset(text, '(', 40);
	strcpy(text + 40, "openness = yes");
	assert_int_equal(cg_cond_compile(&k, text, &names, msg, sizeof(msg),
	    NULL), -1);
	assert_string_equal(msg, "expected fewer parentheses at character 33 "
	    "('((((((((open')");
}

static void
add_var(void *ctx, int var)
{
	*(unsigned *)ctx |= 1u << var;
}

static void
vars_lists_each_comparison(void **state)
{
	struct cg_cond k;
	char msg[200];
	unsigned seen = 0;

	(void)state;
	assert_int_equal(cg_cond_compile(&k, "openness = yes or "
	    "contract_end < today", &names, msg, sizeof(msg), NULL), 0);
	assert_false(cg_cond_is_all(&k));
	cg_cond_vars(&k, add_var, &seen);
	assert_int_equal(seen, 1u << 1 | 1u << 2);
	cg_cond_free(&k);
	assert_int_equal(cg_cond_compile(&k, " * ", &names, msg, sizeof(msg),
	    NULL), 0);
	assert_true(cg_cond_is_all(&k));
	cg_cond_free(&k);
	assert_string_equal(cg_cond_opname(CG_COND_NE), "!=");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(numbers_text_and_dates_compare),
		cmocka_unit_test(a_missing_value_matches_neither_way),
		cmocka_unit_test(errors_say_what_was_expected_where),
		cmocka_unit_test(numbers_only_callers_refuse_dates_and_text),
		cmocka_unit_test(deep_nesting_is_refused_not_recursed),
		cmocka_unit_test(vars_lists_each_comparison),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
