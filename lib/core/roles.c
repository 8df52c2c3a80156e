/*
 * roles.c - the column roles, their aliases, and finding them in a header.
 *
 * The alias lists are written for people who export from Salesforce,
 * HubSpot, Pipedrive or a spreadsheet and do not rename columns. Order
 * matters: the first alias found in the header wins, so each list goes
 * from the most specific name to the loosest ("name" comes last).
 * clientgrade(7) lists the same table; keep them in step.
 */
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "clientgrade/csv.h"
#include "clientgrade/error.h"
#include "clientgrade/roles.h"
#include "clientgrade/run.h"

#define MAXALIAS 16

static const struct role {
	const char *name;
	const char *const aliases[MAXALIAS];	/* NULL-terminated, name first */
} roles[] = {
	{ "id", { "id", "account_id", "customer_id", "client_id",
	    "account_number", "customer_number", NULL } },
	{ "account", { "account", "account_name", "company", "company_name",
	    "customer", "customer_name", "client", "client_name",
	    "organization", "organisation", "name", NULL } },
	{ "owner", { "owner", "account_owner", "rep", "sales_rep",
	    "salesperson", "sales_agent", "agent", "assigned_to", "user",
	    NULL } },
	{ "volume", { "volume", "revenue", "sales", "amount", "turnover",
	    "total_sales", "sales_volume", "spend", "total_spend", NULL } },
	{ "orders", { "orders", "order_count", "frequency", "orders_per_year",
	    "num_orders", "purchases", "transactions", "deals", "orders_12m",
	    NULL } },
	{ "last_order", { "last_order", "last_order_date", "last_purchase",
	    "last_purchase_date", "last_sale", "last_order_at", NULL } },
	{ "last_contact", { "last_contact", "last_contact_date",
	    "last_contacted", "last_activity", "last_activity_date",
	    "last_touch", NULL } },
	{ "next_contact", { "next_contact", "next_contact_date",
	    "next_activity", "next_step_date", "follow_up", "follow_up_date",
	    NULL } },
	{ "recency", { "recency", "recency_days", "days_since_last_order",
	    NULL } },
	{ "days_to_pay", { "days_to_pay", "payment_days", "avg_days_to_pay",
	    "dso", "days_sales_outstanding", "avg_payment_days", NULL } },
	{ "overdue", { "overdue", "overdue_invoices", "late_invoices",
	    "outstanding_invoices", "open_invoices", NULL } },
	{ "distance", { "distance", "distance_km", "km", "miles",
	    "distance_miles", NULL } },
	/* Where the account is, for grade's distance from a home. */
	{ "latitude", { "latitude", "lat", NULL } },
	{ "longitude", { "longitude", "lng", "lon", NULL } },
	{ "accessibility", { "accessibility", "access", "reachability",
	    NULL } },
	{ "openness", { "openness", "open_to_new", "openness_to_new_products",
	    "tries_new_products", "new_products", NULL } },
	{ "referrals", { "referrals", "referrals_given", "referral_count",
	    "referred", NULL } },
	{ "engagement", { "engagement", "engagement_score", NULL } },
	{ "our_contacts", { "our_contacts", "our_people", "our_staff",
	    NULL } },
	{ "their_contacts", { "their_contacts", "their_people",
	    "contacts_at_account", "stakeholders", NULL } },
	{ "contacts", { "contacts", "contact_count", "agents", NULL } },
	{ "potential", { "potential", "revenue_potential", "growth_potential",
	    "potential_volume", "estimated_value", "estimated_revenue",
	    "deal_size", "wallet", "wallet_size", "expansion_potential",
	    NULL } },
	{ "employees", { "employees", "employee_count", "number_of_employees",
	    "num_employees", "headcount", "company_size", "size", NULL } },
	/* A lead's origin, a referral source's record (grade's populations). */
	{ "source", { "source", "lead_source", "lead_origin",
	    "acquisition_channel", "origin", "channel", NULL } },
	{ "referred_volume", { "referred_volume", "referred_revenue",
	    "referral_volume", "referral_revenue", "referred_sales", NULL } },
	{ "last_referral", { "last_referral", "last_referral_date",
	    "last_referred", "last_referred_at", NULL } },
	{ "stage", { "stage", "status", "lifecycle_stage", "lifecycle",
	    "type", "customer_type", "deal_stage", NULL } },
	{ "grade", { "grade", "class", "tier", "rating", "abc_class", NULL } },
	{ "score", { "score", NULL } },
	{ "quadrant", { "quadrant", NULL } },
	/* "E-Mail" needs no alias: hyphens are ignored. */
	{ "email", { "email", "email_address", "mail", NULL } },
	{ "phone", { "phone", "phone_number", "telephone", "tel", "mobile",
	    NULL } },
	{ "domain", { "domain", "website", "web", "url", NULL } },
	{ "no_reply", { "no_reply", "touches_no_reply", "unanswered",
	    "unanswered_touches", "touches_without_reply", "attempts_no_reply",
	    NULL } },
	{ "date", { "date", "close_date", "order_date", "invoice_date",
	    "closed_at", "created", NULL } },
	{ "value", { "value", "close_value", "amount", "order_value", "total",
	    "revenue", "net", NULL } },
	{ "name", { "name", "account_name", "company", NULL } },
};
#define NROLES (sizeof(roles) / sizeof(roles[0]))

/* Characters header comparison skips: people write them any which way. */
static int
ignored(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '_' || c == '-' || c == '.';
}

static unsigned char
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/*
 * Narrow s[0..*n) to what is compared: no UTF-8 BOM in front, no blanks
 * around, no one pair of surrounding quotes (a header quoted twice over
 * by a careless export still names its column).
 */
static const char *
trim(const char *s, size_t *n)
{
	size_t len = *n;

	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		s += 3;
		len -= 3;
	}
	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len >= 2 && (s[0] == '"' || s[0] == '\'') && s[len - 1] == s[0]) {
		s++;
		len -= 2;
	}
	*n = len;
	return s;
}

int
cg_header_eq(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0, j = 0;

	a = trim(a, &alen);
	b = trim(b, &blen);
	for (;;) {
		while (i < alen && ignored((unsigned char)a[i]))
			i++;
		while (j < blen && ignored((unsigned char)b[j]))
			j++;
		if (i == alen || j == blen)
			return i == alen && j == blen;
		if (lower((unsigned char)a[i]) != lower((unsigned char)b[j]))
			return 0;
		i++;
		j++;
	}
}

static const struct role *
role_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < NROLES; i++)
		if (cg_header_eq(roles[i].name, strlen(roles[i].name), name,
		    strlen(name)))
			return &roles[i];
	return NULL;
}

const char *const *
cg_role_aliases(const char *role)
{
	const struct role *r = role_lookup(role);

	return r != NULL ? r->aliases : NULL;
}

/* "a, b, c" from a NULL-terminated list. */
static void
join(struct cg_buf *b, const char *const *v)
{
	for (; *v != NULL; v++) {
		cg_buf_adds(b, *v);
		if (v[1] != NULL)
			cg_buf_adds(b, ", ");
	}
}

static int
unknown_role(struct cg_err *err, const char *role, const char *where)
{
	struct cg_buf b = CG_BUF_INIT;
	size_t i;
	int rc;

	for (i = 0; i < NROLES; i++) {
		if (i > 0)
			cg_buf_adds(&b, ", ");
		cg_buf_adds(&b, roles[i].name);
	}
	rc = cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
	    "unknown role '%s'%s (roles: %s)", role, where, b.s);
	cg_buf_free(&b);
	return rc;
}

/* Append role=header; the role is stored under its own name. */
static int
colmap_put(struct cg_colmap *m, const char *role, size_t rlen,
    const char *header, const char *where, struct cg_err *err)
{
	const struct role *r;
	char *name;

	name = cg_xstrndup(role, rlen);
	r = role_lookup(name);
	if (r == NULL) {
		unknown_role(err, name, where);
		free(name);
		return -1;
	}
	free(name);
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 8;
		m->v = cg_xreallocarray(m->v, m->cap, sizeof(*m->v));
	}
	m->v[m->n].role = cg_xstrdup(r->name);
	m->v[m->n].header = cg_xstrdup(header);
	m->n++;
	return 0;
}

int
cg_colmap_add(struct cg_colmap *m, const char *spec, struct cg_err *err)
{
	const char *eq = strchr(spec, '=');

	if (eq == NULL || eq == spec || eq[1] == '\0')
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "bad --col '%s' (want ROLE=HEADER)", spec);
	return colmap_put(m, spec, (size_t)(eq - spec), eq + 1, " in --col",
	    err);
}

int
cg_colmap_set(struct cg_colmap *m, const char *role, const char *header,
    struct cg_err *err)
{
	if (*header == '\0')
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "no header name for role '%s'", role);
	return colmap_put(m, role, strlen(role), header, "", err);
}

void
cg_colmap_free(struct cg_colmap *m)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		free(m->v[i].role);
		free(m->v[i].header);
	}
	free(m->v);
	memset(m, 0, sizeof(*m));
}

/* Leftmost column of hdr equal to name, or -1. */
static long
column_of(const struct cg_row *hdr, const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < hdr->n; i++)
		if (cg_header_eq(hdr->f[i], hdr->len[i], name, n))
			return (long)i;
	return -1;
}

/* Find role r; on an override that misses, err gets `file` (may be NULL). */
static int
find(const struct cg_row *hdr, const struct cg_colmap *m,
    const struct role *r, const char *file, size_t *col, int *how,
    struct cg_err *err)
{
	const struct cg_colmap_ent *over = NULL;
	const char *const *a;
	size_t i;
	long c;

	for (i = 0; m != NULL && i < m->n; i++)
		if (strcmp(m->v[i].role, r->name) == 0)
			over = &m->v[i];
	if (over != NULL) {
		if ((c = column_of(hdr, over->header)) < 0)
			return cg_err_set(err, CG_EROLE, file,
			    file != NULL ? (hdr->line > 0 ? hdr->line : 1) : 0,
			    0, "--col %s=%s: no column '%s' in the header",
			    r->name, over->header, over->header);
		*col = (size_t)c;
		*how = CG_ROLE_PINNED;
		return 1;
	}
	for (a = r->aliases; *a != NULL; a++) {
		if ((c = column_of(hdr, *a)) >= 0) {
			*col = (size_t)c;
			*how = a == r->aliases ? CG_ROLE_EXACT : CG_ROLE_ALIAS;
			return 1;
		}
	}
	*how = CG_ROLE_NONE;
	return 0;
}

int
cg_role_find(const struct cg_row *hdr, const struct cg_colmap *m,
    const char *role, size_t *col, struct cg_err *err)
{
	int how;

	return cg_role_find_how(hdr, m, role, col, &how, err);
}

int
cg_role_find_how(const struct cg_row *hdr, const struct cg_colmap *m,
    const char *role, size_t *col, int *how, struct cg_err *err)
{
	const struct role *r = role_lookup(role);

	*how = CG_ROLE_NONE;
	if (r == NULL)
		return unknown_role(err, role, "");
	return find(hdr, m, r, NULL, col, how, err);
}

/* The note for a column found by an alias. */
static void
alias_note(const struct cg_run *run, const struct cg_row *hdr,
    const char *role, size_t col)
{
	int n = (int)(hdr->len[col] > 60 ? 60 : hdr->len[col]);

	cg_note(run, "%s <- '%.*s'; pin it with --col %s=%.*s", role, n,
	    hdr->f[col], role, n, hdr->f[col]);
}

int
cg_role_use(const struct cg_run *run, const struct cg_row *hdr,
    const char *role, size_t *col, struct cg_err *err)
{
	int how, rc = cg_role_find_how(hdr, run->cols, role, col, &how, err);

	if (rc > 0 && how == CG_ROLE_ALIAS)
		alias_note(run, hdr, role, *col);
	return rc;
}

int
cg_role_use_required(const struct cg_run *run, const struct cg_row *hdr,
    const char *role, const char *file, size_t *col, struct cg_err *err)
{
	int how;

	if (cg_role_require(hdr, run->cols, role, file, col, err) < 0)
		return -1;
	(void)cg_role_find_how(hdr, run->cols, role, col, &how, NULL);
	if (how == CG_ROLE_ALIAS)
		alias_note(run, hdr, role, *col);
	return 0;
}

int
cg_role_require(const struct cg_row *hdr, const struct cg_colmap *m,
    const char *role, const char *file, size_t *col, struct cg_err *err)
{
	const struct role *r = role_lookup(role);
	struct cg_buf b = CG_BUF_INIT;
	int rc, how;

	if (r == NULL)
		return unknown_role(err, role, "");
	if ((rc = find(hdr, m, r, file, col, &how, err)) != 0)
		return rc > 0 ? 0 : -1;
	join(&b, r->aliases);
	rc = cg_err_set(err, CG_EROLE, file,
	    file != NULL ? (hdr->line > 0 ? hdr->line : 1) : 0, 0,
	    "no column for role '%s' (tried: %s); use --col %s=HEADER",
	    r->name, b.s, r->name);
	cg_buf_free(&b);
	return rc;
}

size_t
cg_header_find(const struct cg_row *hdr, const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < hdr->n; i++)
		if (cg_header_eq(hdr->f[i], hdr->len[i], name, n))
			return i;
	return CG_NO_COL;
}

size_t
cg_header_find_exact(const struct cg_row *hdr, const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < hdr->n; i++)
		if (hdr->len[i] == n && memcmp(hdr->f[i], name, n) == 0)
			return i;
	return CG_NO_COL;
}
