/*
 * prune_rules.c - does a row earn its place in the pipeline? The stale,
 * no-reply and fit rules, and the duplicate keys of a row.
 *
 * A rule never prunes on a missing number or date: an empty field is
 * unknown, not zero, and a row we know nothing against stays. --require
 * compares text, so an empty field is simply not the required value.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clientgrade/alloc.h"
#include "clientgrade/field.h"
#include "clientgrade/prune.h"
#include "clientgrade/roles.h"
#include "clientgrade/text.h"
#include "clientgrade/value.h"

/* What prune reads, for --inspect: every role is optional, because a
 * rule whose columns are missing is off unless it was asked for. */
const struct cg_role_need cg_prune_roles[] = {
	{ "id", 't', 0 }, { "account", 't', 0 }, { "stage", 't', 0 },
	{ "last_contact", 'd', 0 }, { "last_order", 'd', 0 },
	{ "next_contact", 'd', 0 }, { "no_reply", 'n', 0 },
	{ "email", 't', 0 }, { "domain", 't', 0 }, { "phone", 't', 0 },
	{ NULL, 0, 0 }
};

static int
find(const struct cg_row *hdr, const struct cg_colmap *m, const char *role,
    size_t *col, struct cg_err *err)
{
	int rc = cg_role_find(hdr, m, role, col, err);

	if (rc <= 0)
		*col = CG_NO_COL;
	return rc;
}

/* Column of a --require/--min: a header name first, then a role. */
static int
cond_col(const struct cg_row *hdr, const struct cg_colmap *m,
    const char *name, const char *file, size_t *col, struct cg_err *err)
{
	if ((*col = cg_header_find(hdr, name, strlen(name))) != CG_NO_COL)
		return 0;
	if (cg_role_aliases(name) != NULL)
		return cg_role_require(hdr, m, name, file, col, err);
	return cg_err_set(err, CG_EROLE, file, 0, 0,
	    "no column '%s' for --require/--min in the header", name);
}

int
cg_prune_ctx_init(struct cg_prune_ctx *c, const struct cg_prune_opts *o,
    const struct cg_run *run, const struct cg_row *hdr, const char *file,
    struct cg_err *err)
{
	const struct cg_colmap *m = run->cols;
	size_t i;
	unsigned want = o->rules, asked = o->asked & o->rules;
	static const char *const keyrole[CG_KEY_N] = {
		"account", "email", "email", "domain", "phone"
	};
	static const unsigned keybit[CG_KEY_N] = {
		CG_DUPE_NAME, CG_DUPE_EMAIL, CG_DUPE_DOMAIN, CG_DUPE_DOMAIN,
		CG_DUPE_PHONE
	};
	int any;

	memset(c, 0, sizeof(*c));
	c->o = o;
	c->run = run;
	cg_datecol_init(&c->dc_contact, run->dates);
	cg_datecol_init(&c->dc_order, run->dates);
	cg_datecol_init(&c->dc_next, run->dates);
	if (find(hdr, m, "last_contact", &c->c_contact, err) < 0 ||
	    find(hdr, m, "last_order", &c->c_order, err) < 0 ||
	    find(hdr, m, "next_contact", &c->c_next, err) < 0 ||
	    find(hdr, m, "stage", &c->c_stage, err) < 0 ||
	    find(hdr, m, "no_reply", &c->c_noreply, err) < 0 ||
	    find(hdr, m, "id", &c->c_id, err) < 0)
		return -1;

	if (c->c_contact == CG_NO_COL && c->c_order == CG_NO_COL) {
		if (asked & CG_PRUNE_BIT(CG_PRUNE_STALE))
			return cg_err_set(err, CG_EROLE, file, 0, 0,
			    "rule stale needs a last_contact or last_order "
			    "column; use --col last_contact=HEADER");
		want &= ~CG_PRUNE_BIT(CG_PRUNE_STALE);
	}
	if (c->c_noreply == CG_NO_COL) {
		if (asked & CG_PRUNE_BIT(CG_PRUNE_NOREPLY)) {
			size_t col;
			return cg_role_require(hdr, m, "no_reply", file, &col,
			    err);
		}
		want &= ~CG_PRUNE_BIT(CG_PRUNE_NOREPLY);
	}
	if (o->nconds == 0)
		want &= ~CG_PRUNE_BIT(CG_PRUNE_FIT);
	c->c_cond = cg_xcalloc(o->nconds + 1, sizeof(size_t));
	for (i = 0; i < o->nconds && (want & CG_PRUNE_BIT(CG_PRUNE_FIT)); i++)
		if (cond_col(hdr, m, o->conds[i].col, file, &c->c_cond[i],
		    err) < 0)
			return -1;

	any = 0;
	for (i = 0; i < CG_KEY_N; i++) {
		c->c_key[i] = CG_NO_COL;
		if ((o->dupe_keys & keybit[i]) &&
		    find(hdr, m, keyrole[i], &c->c_key[i], err) < 0)
			return -1;
		if (c->c_key[i] != CG_NO_COL)
			any = 1;
	}
	if (!any) {
		if (asked & CG_PRUNE_BIT(CG_PRUNE_DUPES))
			return cg_err_set(err, CG_EROLE, file, 0, 0,
			    "rule dupes finds no column for its keys (account, "
			    "email, domain, phone); use --col account=HEADER");
		want &= ~CG_PRUNE_BIT(CG_PRUNE_DUPES);
	}
	c->rules = want;
	return 0;
}

void
cg_prune_ctx_free(struct cg_prune_ctx *c)
{
	size_t i;

	free(c->c_cond);
	c->c_cond = NULL;
	cg_buf_free(&c->reason);
	for (i = 0; i < CG_KEY_N; i++)
		cg_buf_free(&c->keys[i]);
}

/* A byte that no blank begins or ends with: ASCII, not space or tab. */
#define SOLID(c) ((unsigned char)(c) > ' ' && (unsigned char)(c) < 0x80)

/*
 * Field i of row without surrounding blanks (cg_trim's). Rules look at
 * a field or two of every row, and dupes count the filled fields of
 * every row twice, so a field that begins and ends with a solid byte
 * (most of them) is taken as it is without calling cg_trim.
 */
static const char *
trimmed(const struct cg_row *row, size_t i, size_t *n)
{
	const char *s = row->f[i];

	*n = row->len[i];
	if (*n > 0 && SOLID(s[0]) && SOLID(s[*n - 1]))
		return s;
	cg_trim(&s, n);
	return s;
}

static int
lower(char ch)
{
	unsigned char u = (unsigned char)ch;

	return u >= 'A' && u <= 'Z' ? u + 32 : u;
}

/* Stage names compare ignoring case, spaces, '-' and '_': "Closed-Won"
 * is "closed won". */
static int
loose_eq(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, j = 0;

	for (;;) {
		while (i < an && (a[i] == ' ' || a[i] == '-' || a[i] == '_'))
			i++;
		while (j < bn && (b[j] == ' ' || b[j] == '-' || b[j] == '_'))
			j++;
		if (i == an || j == bn)
			return i == an && j == bn;
		if (lower(a[i]) != lower(b[j]))
			return 0;
		i++;
		j++;
	}
}

static int
is_client(const struct cg_prune_ctx *c, const struct cg_row *row)
{
	size_t n, i;
	const char *s;

	if (c->c_stage == CG_NO_COL)
		return 0;
	s = trimmed(row, c->c_stage, &n);
	for (i = 0; i < c->o->nclient_stages; i++)
		if (loose_eq(s, n, c->o->client_stages[i],
		    strlen(c->o->client_stages[i])))
			return 1;
	return 0;
}

static void
sep(struct cg_buf *b)
{
	if (b->len > 0)
		cg_buf_adds(b, "; ");
}

static int
date_of(struct cg_prune_ctx *c, struct cg_reader *r, const struct cg_row *row,
    size_t col, struct cg_datecol *dc, int32_t *out, struct cg_err *err)
{
	if (col == CG_NO_COL)
		return 0;
	return cg_field_date(r, row, col, dc, c->run, out, err);
}

static int
check_stale(struct cg_prune_ctx *c, struct cg_reader *r,
    const struct cg_row *row, int has_contact, int32_t contact,
    struct cg_err *err)
{
	int32_t order = 0, next, d;
	int rc, has_order;
	char date[16];
	const char *what;

	if (is_client(c, row))
		return 0;
	if ((rc = date_of(c, r, row, c->c_next, &c->dc_next, &next, err)) < 0)
		return -1;
	if (rc > 0 && next >= c->run->today)
		return 0;	/* a contact is planned: not given up */
	if ((has_order = date_of(c, r, row, c->c_order, &c->dc_order, &order,
	    err)) < 0)
		return -1;
	/* The more recent of the two says when we last heard of them. */
	if (has_contact && (!has_order || contact >= order)) {
		d = contact;
		what = "contact";
	} else if (has_order) {
		d = order;
		what = "order";
	} else
		return 0;
	if ((long)c->run->today - d <= c->o->stale_days)
		return 0;
	cg_fmt_date(date, d);
	sep(&c->reason);
	cg_buf_printf(&c->reason, "stale: last %s %s, %ld days", what, date,
	    (long)c->run->today - d);
	return 1;
}

static int
check_noreply(struct cg_prune_ctx *c, struct cg_reader *r,
    const struct cg_row *row, struct cg_err *err)
{
	double v;
	int rc = cg_field_num(r, row, c->c_noreply, &v, err);
	size_t n;
	const char *s;

	if (rc <= 0)
		return rc;
	if (v < c->o->max_unanswered)
		return 0;
	s = trimmed(row, c->c_noreply, &n);
	sep(&c->reason);
	cg_buf_printf(&c->reason, "no reply: %.*s unanswered touch%s", (int)n,
	    s, v == 1 ? "" : "es");
	return 1;
}

static int
text_eq(const char *a, size_t an, const char *b, size_t bn)
{
	return an == bn && strncasecmp(a, b, an) == 0;
}

/*
 * --require on the same column more than once means any of the values
 * ("stage=qualified" and "stage=proposal"); different columns must all
 * hold. So the conditions are judged per column, at the first condition
 * naming it.
 */
static int
check_fit(struct cg_prune_ctx *c, struct cg_reader *r,
    const struct cg_row *row, struct cg_err *err)
{
	const struct cg_prune_opts *o = c->o;
	size_t i, j, n, vn;
	const char *s;
	int hit = 0;

	for (i = 0; i < o->nconds; i++) {
		const struct cg_prune_cond *ci = &o->conds[i];
		size_t col = c->c_cond[i];
		int seen = 0, ok = 0;

		if (ci->is_min) {
			double v;
			int rc = cg_field_num(r, row, col, &v, err);
			if (rc < 0)
				return -1;
			if (rc == 0 || v >= ci->min)
				continue;
			s = trimmed(row, col, &n);
			sep(&c->reason);
			cg_buf_printf(&c->reason, "requires %s>=%s, has %.*s",
			    ci->col, ci->value, (int)n, s);
			hit = 1;
			continue;
		}
		for (j = 0; j < i; j++)
			if (!o->conds[j].is_min && c->c_cond[j] == col)
				seen = 1;
		if (seen)
			continue;
		s = trimmed(row, col, &n);
		for (j = i; j < o->nconds && !ok; j++)
			if (!o->conds[j].is_min && c->c_cond[j] == col) {
				vn = strlen(o->conds[j].value);
				ok = text_eq(s, n, o->conds[j].value, vn);
			}
		if (ok)
			continue;
		sep(&c->reason);
		cg_buf_printf(&c->reason, "requires %s=%s", ci->col, ci->value);
		for (j = i + 1; j < o->nconds; j++)
			if (!o->conds[j].is_min && c->c_cond[j] == col)
				cg_buf_printf(&c->reason, " or %s",
				    o->conds[j].value);
		if (n > 0)
			cg_buf_printf(&c->reason, ", has %.*s", (int)n, s);
		else
			cg_buf_adds(&c->reason, ", has nothing");
		hit = 1;
	}
	return hit;
}

/* Non-empty fields of the row (blanks alone are empty). A field that
 * begins with a solid byte is not empty, whatever it ends with. */
static int
filled(const struct cg_row *row)
{
	size_t i, n;
	int k = 0;

	for (i = 0; i < row->n; i++) {
		if (row->len[i] > 0 && SOLID(row->f[i][0])) {
			k++;
			continue;
		}
		(void)trimmed(row, i, &n);
		k += n > 0;
	}
	return k;
}

int
cg_prune_check(struct cg_prune_ctx *c, struct cg_reader *r,
    const struct cg_row *row, long rowno, struct cg_err *err)
{
	int32_t contact = INT32_MIN;
	int has_contact = 0, rc;
	unsigned hit = 0;

	cg_buf_reset(&c->reason);
	if (c->rules & (CG_PRUNE_BIT(CG_PRUNE_STALE) |
	    CG_PRUNE_BIT(CG_PRUNE_DUPES))) {
		if ((has_contact = date_of(c, r, row, c->c_contact,
		    &c->dc_contact, &contact, err)) < 0)
			return -1;
		if (!has_contact)
			contact = INT32_MIN;
	}
	if (c->rules & CG_PRUNE_BIT(CG_PRUNE_STALE)) {
		if ((rc = check_stale(c, r, row, has_contact, contact, err)) < 0)
			return -1;
		if (rc)
			hit |= CG_PRUNE_BIT(CG_PRUNE_STALE);
	}
	if (c->rules & CG_PRUNE_BIT(CG_PRUNE_NOREPLY)) {
		if ((rc = check_noreply(c, r, row, err)) < 0)
			return -1;
		if (rc)
			hit |= CG_PRUNE_BIT(CG_PRUNE_NOREPLY);
	}
	if (c->rules & CG_PRUNE_BIT(CG_PRUNE_FIT)) {
		if ((rc = check_fit(c, r, row, err)) < 0)
			return -1;
		if (rc)
			hit |= CG_PRUNE_BIT(CG_PRUNE_FIT);
	}
	if (c->rules & CG_PRUNE_BIT(CG_PRUNE_DUPES)) {
		c->rank.row = rowno;
		c->rank.contact = contact;
		c->rank.filled = hit ? 0 : filled(row);
	}
	return (int)hit;
}

size_t
cg_prune_keys(struct cg_prune_ctx *c, const struct cg_row *row,
    int first_only)
{
	static const char kind[CG_KEY_N] = { 'n', 'e', 'd', 'd', 'p' };
	size_t i, k = 0, len = 0;
	struct cg_buf *b;

	for (i = 0; i < CG_KEY_N; i++)
		cg_buf_reset(&c->keys[i]);
	for (i = 0; i < CG_KEY_N && !(first_only && k > 0); i++) {
		size_t col = c->c_key[i];
		b = &c->keys[i];
		if (col == CG_NO_COL)
			continue;
		switch (i) {
		case CG_KEY_NAME:
			len = cg_prune_norm_name(row->f[col], row->len[col], b);
			break;
		case CG_KEY_EMAIL:
			len = cg_prune_norm_email(row->f[col], row->len[col], b);
			break;
		case CG_KEY_MAILDOMAIN:
			len = memchr(row->f[col], '@', row->len[col]) == NULL ? 0 :
			    cg_prune_norm_domain(row->f[col], row->len[col], b);
			break;
		case CG_KEY_DOMAIN:
			len = cg_prune_norm_domain(row->f[col], row->len[col], b);
			break;
		case CG_KEY_PHONE:
			len = cg_prune_norm_phone(row->f[col], row->len[col], b);
			break;
		}
		if (len == 0)
			continue;
		/* Prefix the kind so an email never meets a name. */
		cg_buf_addc(b, '\0');
		memmove(b->s + 1, b->s, b->len - 1);
		b->s[0] = kind[i];
		k++;
	}
	return k;
}
