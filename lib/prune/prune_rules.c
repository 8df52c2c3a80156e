/*
 * prune_rules.c - does a row earn its place in the pipeline? The stale,
 * no-reply and fit rules, and the duplicate keys of a row.
 *
 * A rule never prunes on a missing number or date: an empty field is
 * unknown, not zero, and a row we know nothing against stays. The fit
 * rule's conditions are in prune_require.c.
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
#include "prune_int.h"

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

/*
 * Clients and referral sources are never stale: a client who orders
 * without calls is not a lead gone cold, and a partner who sends
 * business is kept whatever the calendar says. A row without a stage,
 * or with one the vocabulary does not know, is a prospect; in the final
 * pass the latter are counted for one note.
 */
static int
not_prospect(struct cg_prune_ctx *c, const struct cg_row *row)
{
	size_t slot;
	int kind;

	if (c->c_stage == CG_NO_COL)
		return 0;
	/* --client-stages win over the vocabulary (the memo asks them
	 * first). */
	kind = cg_stage_memo_kind(&c->stages, c->c_stage < row->n ?
	    row->f[c->c_stage] : "", c->c_stage < row->n ?
	    row->len[c->c_stage] : 0, &slot);
	if (kind == CG_STAGE_CLIENT || kind == CG_STAGE_REFERRAL)
		return 1;
	if (c->final && kind == CG_STAGE_UNKNOWN &&
	    slot != CG_STAGE_SLOT_EMPTY)
		cg_stage_memo_count(&c->stages, slot);
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
	/* Asked only of rows the calendar would drop. */
	if (not_prospect(c, row))
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
		if ((rc = prune_fit_check(c, r, row, err)) < 0)
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
