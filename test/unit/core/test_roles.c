/*
 * test_roles.c - header name comparison, alias search, --col overrides and
 * the messages a user sees when a column cannot be found.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "clientgrade/buf.h"
#include "clientgrade/roles.h"

#define ALLROLES "id, account, owner, volume, orders, last_order, " \
	"last_contact, next_contact, recency, days_to_pay, overdue, " \
	"distance, latitude, longitude, accessibility, openness, " \
	"referrals, engagement, " \
	"our_contacts, their_contacts, contacts, potential, employees, " \
	"source, referred_volume, last_referral, stage, grade, score, " \
	"quadrant, email, phone, domain, no_reply, date, value, name"

static const char *
shown(const struct cg_err *err)
{
	static char buf[1024];

	if (err->file != NULL && err->line > 0 && err->col > 0)
		snprintf(buf, sizeof(buf), "%s:%ld:%ld: %s", err->file,
		    err->line, err->col, err->msg);
	else if (err->file != NULL && err->line > 0)
		snprintf(buf, sizeof(buf), "%s:%ld: %s", err->file, err->line,
		    err->msg);
	else if (err->file != NULL)
		snprintf(buf, sizeof(buf), "%s: %s", err->file, err->msg);
	else
		snprintf(buf, sizeof(buf), "%s", err->msg);
	return buf;
}

/* A header row from "a|b|c" (fields may hold commas and spaces). */
struct hdr {
	struct cg_row row;
	const char *f[32];
	size_t len[32];
	char buf[512];
};

static void
make_hdr(struct hdr *h, const char *spec)
{
	char *p, *bar;
	size_t n = 0;

	snprintf(h->buf, sizeof(h->buf), "%s", spec);
	for (p = h->buf;; p = bar + 1) {
		bar = strchr(p, '|');
		if (bar != NULL)
			*bar = '\0';
		h->f[n] = p;
		h->len[n] = strlen(p);
		n++;
		if (bar == NULL)
			break;
	}
	memset(&h->row, 0, sizeof(h->row));
	h->row.n = n;
	h->row.f = h->f;
	h->row.len = h->len;
	h->row.line = 1;
}

/* ---- header comparison ---- */

struct eq_case {
	const char *name;
	const char *a, *b;
	int want;
};

static const struct eq_case eq_cases[] = {
	{ "case does not matter", "Revenue", "revenue", 1 },
	{ "a space matches an underscore", "Total Sales", "total_sales", 1 },
	{ "hyphens are ignored", "last-order-date", "last_order_date", 1 },
	{ "dots are ignored", "E.Mail", "email", 1 },
	{ "spaces inside are ignored", "Last  Order", "lastorder", 1 },
	{ "surrounding blanks are ignored", " revenue\t", "revenue", 1 },
	{ "a BOM in front is ignored", "\xef\xbb\xbfID", "id", 1 },
	{ "surrounding double quotes are ignored", "\"Revenue\"", "revenue",
	  1 },
	{ "surrounding single quotes are ignored", "'Revenue'", "revenue", 1 },
	{ "BOM, blanks and quotes together", "\xef\xbb\xbf \"Account Id\"",
	  "account_id", 1 },
	{ "one quote alone stays", "\"Revenue", "revenue", 0 },
	{ "mismatched quotes stay", "\"Revenue'", "revenue", 0 },
	{ "a longer name differs", "revenues", "revenue", 0 },
	{ "a shorter name differs", "revenu", "revenue", 0 },
	{ "letters are not skipped", "sales rep", "salesperson", 0 },
	{ "empty equals only separators", "__", "", 1 },
	{ "digits count", "q1_sales", "q2_sales", 0 },
};

static void
test_eq(void **state)
{
	const struct eq_case *tc = *state;

	assert_int_equal(cg_header_eq(tc->a, strlen(tc->a), tc->b,
	    strlen(tc->b)), tc->want);
	assert_int_equal(cg_header_eq(tc->b, strlen(tc->b), tc->a,
	    strlen(tc->a)), tc->want);
}

static void
test_eq_uses_the_given_lengths(void **state)
{
	assert_int_equal(cg_header_eq("id\0x", 4, "id", 2), 0);
	assert_int_equal(cg_header_eq("idx", 2, "id", 2), 1);
	assert_int_equal(cg_header_eq("ID", 2, "id\0", 3), 0);
}

/* ---- aliases ---- */

static const char *const all_roles[] = {
	"id", "account", "owner", "volume", "orders", "last_order",
	"last_contact", "next_contact", "recency", "days_to_pay", "overdue",
	"distance", "latitude", "longitude", "accessibility", "openness",
	"referrals", "engagement",
	"our_contacts", "their_contacts", "contacts", "potential",
	"employees", "source", "referred_volume", "last_referral",
	"stage", "grade", "score", "quadrant", "email", "phone",
	"domain", "no_reply", "date", "value", "name", NULL
};

static void
test_every_role_lists_its_own_name_first(void **state)
{
	const char *const *r, *const *a;

	for (r = all_roles; *r != NULL; r++) {
		a = cg_role_aliases(*r);
		if (a == NULL)
			fail_msg("role %s has no aliases", *r);
		assert_string_equal(a[0], *r);
	}
}

static void
test_every_alias_finds_its_column(void **state)
{
	const char *const *r, *const *a;
	struct hdr h;
	struct cg_err err;
	size_t col;

	for (r = all_roles; *r != NULL; r++) {
		for (a = cg_role_aliases(*r); *a != NULL; a++) {
			char spec[128];

			/* Decoy first, then the alias as a CRM might spell it. */
			snprintf(spec, sizeof(spec), "zz_decoy|%s", *a);
			spec[9] = (char)(spec[9] >= 'a' && spec[9] <= 'z' ?
			    spec[9] - 'a' + 'A' : spec[9]);
			make_hdr(&h, spec);
			col = 99;
			if (cg_role_find(&h.row, NULL, *r, &col, &err) != 1 ||
			    col != 1)
				fail_msg("alias %s of %s not found", *a, *r);
		}
	}
}

static void
test_no_role_lists_an_alias_twice(void **state)
{
	const char *const *r, *const *a, *const *b;

	for (r = all_roles; *r != NULL; r++)
		for (a = cg_role_aliases(*r); *a != NULL; a++)
			for (b = a + 1; *b != NULL; b++)
				if (cg_header_eq(*a, strlen(*a), *b,
				    strlen(*b)))
					fail_msg("%s lists %s twice", *r, *a);
}

static void
test_aliases_of_an_unknown_role_are_null(void **state)
{
	assert_null(cg_role_aliases("volumen"));
	assert_null(cg_role_aliases(""));
}

static void
test_role_names_compare_loosely_too(void **state)
{
	const char *const *a = cg_role_aliases("Last-Order");

	assert_non_null(a);
	assert_string_equal(a[0], "last_order");
}

/* ---- --col ---- */

struct col_case {
	const char *name;
	const char *spec;
	const char *role, *header;	/* stored on success */
	const char *err;		/* CG_EUSAGE message */
};

static const struct col_case col_cases[] = {
	{ "ROLE=HEADER is stored", "volume=Umsatz", "volume", "Umsatz",
	  NULL },
	{ "the role is stored under its own name", "Last-Order=Letzte",
	  "last_order", "Letzte", NULL },
	{ "the header keeps everything after the first '='",
	  "volume=Sales = Total", "volume", "Sales = Total", NULL },
	{ "an unknown role lists the roles", "volumen=Umsatz", NULL, NULL,
	  "unknown role 'volumen' in --col (roles: " ALLROLES ")" },
	{ "no '=' is a usage error", "volume", NULL, NULL,
	  "bad --col 'volume' (want ROLE=HEADER)" },
	{ "no role is a usage error", "=Umsatz", NULL, NULL,
	  "bad --col '=Umsatz' (want ROLE=HEADER)" },
	{ "no header is a usage error", "volume=", NULL, NULL,
	  "bad --col 'volume=' (want ROLE=HEADER)" },
};

static void
test_col(void **state)
{
	const struct col_case *tc = *state;
	struct cg_colmap m = { 0, 0, NULL };
	struct cg_err err;
	int rc;

	memset(&err, 0, sizeof(err));
	rc = cg_colmap_add(&m, tc->spec, &err);
	if (tc->err == NULL) {
		assert_int_equal(rc, 0);
		assert_int_equal(m.n, 1);
		assert_string_equal(m.v[0].role, tc->role);
		assert_string_equal(m.v[0].header, tc->header);
	} else {
		assert_int_equal(rc, -1);
		assert_int_equal(err.code, CG_EUSAGE);
		assert_null(err.file);
		assert_string_equal(shown(&err), tc->err);
		assert_int_equal(m.n, 0);
	}
	cg_colmap_free(&m);
}

static void
test_colmap_set_checks_like_col(void **state)
{
	struct cg_colmap m = { 0, 0, NULL };
	struct cg_err err;

	assert_int_equal(cg_colmap_set(&m, "Volume", "Umsatz", &err), 0);
	assert_string_equal(m.v[0].role, "volume");
	assert_int_equal(cg_colmap_set(&m, "volumen", "Umsatz", &err), -1);
	assert_int_equal(err.code, CG_EUSAGE);
	assert_string_equal(shown(&err),
	    "unknown role 'volumen' (roles: " ALLROLES ")");
	assert_int_equal(cg_colmap_set(&m, "volume", "", &err), -1);
	assert_int_equal(err.code, CG_EUSAGE);
	assert_string_equal(shown(&err), "no header name for role 'volume'");
	assert_int_equal(m.n, 1);
	cg_colmap_free(&m);
	assert_int_equal(m.n, 0);
}

/* ---- finding and requiring ---- */

struct find_case {
	const char *name;
	const char *header;	/* fields separated by '|' */
	const char *cols[3];	/* --col specs */
	const char *role;
	int want;		/* cg_role_find: 1, 0, -1 */
	size_t col;
	const char *find_err;	/* cg_role_find's message (no file) */
	const char *req_err;	/* cg_role_require's, file "in.csv" */
};

#define VOLUME_TRIED "volume, revenue, sales, amount, turnover, " \
	"total_sales, sales_volume, spend, total_spend"

static const struct find_case find_cases[] = {
	{ "a role is found by its own name", "Account|Volume",
	  { NULL }, "volume", 1, 1, NULL, NULL },
	{ "a role is found by an alias", "Account|Revenue",
	  { NULL }, "volume", 1, 1, NULL, NULL },
	{ "an earlier alias beats a column further left", "Amount|Revenue",
	  { NULL }, "volume", 1, 1, NULL, NULL },
	{ "the leftmost of two equal columns wins", "Revenue|revenue",
	  { NULL }, "volume", 1, 0, NULL, NULL },
	{ "Salesforce's Account Name is the account",
	  "Account Owner|Account Name|Annual Revenue", { NULL }, "account",
	  1, 1, NULL, NULL },
	{ "Account Owner is the owner",
	  "Account Name|Account Owner", { NULL }, "owner", 1, 1, NULL, NULL },
	{ "HubSpot's Company name is the account", "Record ID|Company name",
	  { NULL }, "account", 1, 1, NULL, NULL },
	{ "a quoted BOM header is found", "\xef\xbb\xbf\"Customer ID\"|Name",
	  { NULL }, "id", 1, 0, NULL, NULL },
	{ "an override names the column", "Revenue|Umsatz",
	  { "volume=Umsatz" }, "volume", 1, 1, NULL, NULL },
	{ "an override compares loosely", "Kunde|Umsatz Gesamt",
	  { "volume=umsatz_gesamt" }, "volume", 1, 1, NULL, NULL },
	{ "the later override wins", "A|B|C",
	  { "volume=A", "volume=C" }, "volume", 1, 2, NULL, NULL },
	{ "an override of another role changes nothing", "Revenue|Umsatz",
	  { "orders=Umsatz" }, "volume", 1, 0, NULL, NULL },
	{ "a missing role is not found", "Account|Owner",
	  { NULL }, "volume", 0, 0, NULL,
	  "in.csv:1: no column for role 'volume' (tried: " VOLUME_TRIED
	  "); use --col volume=HEADER" },
	{ "a missing role the user named loosely keeps its own name",
	  "Account", { NULL }, "Last Order", 0, 0, NULL,
	  "in.csv:1: no column for role 'last_order' (tried: last_order, "
	  "last_order_date, last_purchase, last_purchase_date, last_sale, "
	  "last_order_at); use --col last_order=HEADER" },
	{ "an override naming a missing header is an error",
	  "Account|Revenue", { "volume=Umsatz" }, "volume", -1, 0,
	  "--col volume=Umsatz: no column 'Umsatz' in the header",
	  "in.csv:1: --col volume=Umsatz: no column 'Umsatz' in the header" },
	{ "an override is not rescued by an alias",
	  "Account|Revenue", { "volume=Sales" }, "volume", -1, 0,
	  "--col volume=Sales: no column 'Sales' in the header",
	  "in.csv:1: --col volume=Sales: no column 'Sales' in the header" },
	{ "an empty header finds nothing", "", { NULL }, "account", 0, 0,
	  NULL, "in.csv:1: no column for role 'account' (tried: account, "
	  "account_name, company, company_name, customer, customer_name, "
	  "client, client_name, organization, organisation, name); use --col "
	  "account=HEADER" },
};

static void
test_find(void **state)
{
	const struct find_case *tc = *state;
	struct cg_colmap m = { 0, 0, NULL };
	struct cg_err err;
	struct hdr h;
	size_t col = 99, i;
	int rc;

	make_hdr(&h, tc->header);
	for (i = 0; i < 3 && tc->cols[i] != NULL; i++)
		assert_int_equal(cg_colmap_add(&m, tc->cols[i], &err), 0);

	memset(&err, 0, sizeof(err));
	rc = cg_role_find(&h.row, &m, tc->role, &col, &err);
	assert_int_equal(rc, tc->want);
	if (rc == 1)
		assert_int_equal(col, tc->col);
	if (rc < 0) {
		assert_int_equal(err.code, CG_EROLE);
		assert_string_equal(shown(&err), tc->find_err);
	}

	memset(&err, 0, sizeof(err));
	col = 99;
	rc = cg_role_require(&h.row, &m, tc->role, "in.csv", &col, &err);
	if (tc->want == 1) {
		assert_int_equal(rc, 0);
		assert_int_equal(col, tc->col);
	} else {
		assert_int_equal(rc, -1);
		assert_int_equal(err.code, CG_EROLE);
		assert_int_equal(err.col, 0);
		assert_string_equal(shown(&err), tc->req_err);
	}
	cg_colmap_free(&m);
}

static void
test_require_names_the_header_line(void **state)
{
	struct cg_err err;
	struct hdr h;
	size_t col;

	make_hdr(&h, "Account");
	h.row.line = 3;		/* blank lines before the header */
	assert_int_equal(cg_role_require(&h.row, NULL, "volume", "x.csv",
	    &col, &err), -1);
	assert_int_equal(err.line, 3);
	assert_string_equal(err.file, "x.csv");
}

static void
test_find_without_a_colmap_uses_aliases(void **state)
{
	struct cg_err err;
	struct hdr h;
	size_t col = 99;

	make_hdr(&h, "Company|Total Spend");
	assert_int_equal(cg_role_find(&h.row, NULL, "volume", &col, &err), 1);
	assert_int_equal(col, 1);
}

/* ---- the manual ---- */

/*
 * clientgrade(7) lists every role as ".It Cm ROLE" followed by its
 * aliases, joined with ", " and wrapped over text lines. They must be
 * exactly the table's, in its order, so the page cannot drift.
 */
static void
test_the_manual_lists_exactly_the_roles_and_aliases(void **state)
{
	const char *fix = getenv("CG_FIXTURES");
	struct cg_buf path = CG_BUF_INIT, got = CG_BUF_INIT, want = CG_BUF_INIT;
	const char *const *r, *const *a;
	char line[512];
	int in = 0;
	FILE *fp;

	if (fix == NULL)
		skip();
	cg_buf_printf(&path, "%s/../../man/clientgrade.7", fix);
	assert_non_null(fp = fopen(path.s, "r"));
	cg_buf_adds(&got, "");
	while (fgets(line, sizeof(line), fp) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (strcmp(line, ".Bl -tag -width \"their_contacts\"") == 0) {
			in = 1;
			continue;
		}
		if (!in)
			continue;
		if (strcmp(line, ".El") == 0)
			break;
		if (strncmp(line, ".It Cm ", 7) == 0)
			cg_buf_printf(&got, "\n%s:", line + 7);
		else if (line[0] != '.')
			cg_buf_printf(&got, " %s", line);
	}
	fclose(fp);
	assert_true(in);
	for (r = all_roles; *r != NULL; r++) {
		cg_buf_printf(&want, "\n%s:", *r);
		for (a = cg_role_aliases(*r); *a != NULL; a++)
			cg_buf_printf(&want, " %s%s", *a, a[1] != NULL ? "," :
			    "");
	}
	assert_string_equal(got.s, want.s);
	cg_buf_free(&path);
	cg_buf_free(&got);
	cg_buf_free(&want);
}

#define CASES(fn, table, out) do {					\
	size_t i_;							\
	for (i_ = 0; i_ < sizeof(table) / sizeof(table[0]); i_++) {	\
		out[n].name = table[i_].name;				\
		out[n].test_func = fn;					\
		out[n].setup_func = NULL;				\
		out[n].teardown_func = NULL;				\
		out[n].initial_state = (void *)&table[i_];		\
		n++;							\
	}								\
} while (0)

int
main(void)
{
	static struct CMUnitTest t[128];
	static const struct CMUnitTest plain[] = {
		cmocka_unit_test(test_eq_uses_the_given_lengths),
		cmocka_unit_test(test_every_role_lists_its_own_name_first),
		cmocka_unit_test(test_every_alias_finds_its_column),
		cmocka_unit_test(test_no_role_lists_an_alias_twice),
		cmocka_unit_test(test_aliases_of_an_unknown_role_are_null),
		cmocka_unit_test(test_role_names_compare_loosely_too),
		cmocka_unit_test(test_colmap_set_checks_like_col),
		cmocka_unit_test(test_require_names_the_header_line),
		cmocka_unit_test(test_find_without_a_colmap_uses_aliases),
		cmocka_unit_test(
		    test_the_manual_lists_exactly_the_roles_and_aliases),
	};
	size_t n = 0, i;
	int fails = 0;

	CASES(test_eq, eq_cases, t);
	fails += _cmocka_run_group_tests("header names", t, n, NULL, NULL);
	n = 0;
	CASES(test_col, col_cases, t);
	fails += _cmocka_run_group_tests("--col", t, n, NULL, NULL);
	n = 0;
	CASES(test_find, find_cases, t);
	fails += _cmocka_run_group_tests("find", t, n, NULL, NULL);
	for (i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
		t[i] = plain[i];
	fails += _cmocka_run_group_tests("roles", t,
	    sizeof(plain) / sizeof(plain[0]), NULL, NULL);
	return fails != 0;
}
