/*
 * prune_nomatch.c - what a --require or --min that matched no row says.
 *
 * `--require Type=Customer` on an export that says `Customer - Direct`
 * matches nothing, and the fit rule then drops every row. So while a
 * column has a condition that has held on no row, its values are
 * counted (prune_fit.c calls prune_count_value), and after the first
 * pass such a condition gets a warning with the column's most common
 * values, a "did you mean" for a value that differs only in case,
 * blanks or punctuation, and for a comparison the range of the numbers
 * or dates the column holds:
 *
 *     prune: warning: --require Type=Customer Direct matched no row;
 *     Type has: Prospect 5, Customer - Direct 3, ...; did you mean
 *     'Customer - Direct'?
 *
 * Memory is bounded by PRUNE_MAX_VALUES values a column.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "clientgrade/field.h"
#include "clientgrade/roles.h"
#include "clientgrade/text.h"
#include "clientgrade/value.h"
#include "prune_int.h"

/* Values a "matched no row" warning lists, most common first. */
#define SHOWN 10

void
prune_count_value(struct prune_fcol *g, const struct prune_typed *t)
{
	size_t i = cg_strtab_find(&g->vals, t->s, t->n);

	if (i == CG_STRTAB_NONE && g->vals.n >= PRUNE_MAX_VALUES)
		g->capped = 1;
	else {
		if (i == CG_STRTAB_NONE)
			i = cg_strtab_intern(&g->vals, t->s, t->n, NULL);
		if (i >= g->cntcap) {
			size_t old = g->cntcap;
			g->cntcap = g->cntcap ? g->cntcap * 2 : 16;
			g->cnt = cg_xreallocarray(g->cnt, g->cntcap,
			    sizeof(*g->cnt));
			memset(g->cnt + old, 0, (g->cntcap - old) *
			    sizeof(*g->cnt));
		}
		g->cnt[i]++;
	}
	if (t->has_num) {
		if (g->nnum == 0 || t->num < g->lo)
			g->lo = t->num;
		if (g->nnum == 0 || t->num > g->hi)
			g->hi = t->num;
		g->nnum++;
	}
	if (t->has_date) {
		if (g->ndate == 0 || t->day < g->dlo)
			g->dlo = t->day;
		if (g->ndate == 0 || t->day > g->dhi)
			g->dhi = t->day;
		g->ndate++;
	}
}

/*
 * A value as a warning shows it: (empty), quoted when it holds a comma
 * or quote, control bytes and bytes that are not UTF-8 as '?', cut after
 * 40 bytes: it goes to a terminal.
 */
void
prune_show(struct cg_buf *b, const char *s, size_t n)
{
	size_t i, cut = n > 40 ? 40 : n;
	int quote, utf8;

	if (n == 0) {
		cg_buf_adds(b, "(empty)");
		return;
	}
	quote = memchr(s, ',', n) != NULL || memchr(s, '\'', n) != NULL;
	while (cut < n && cut > 0 && ((unsigned char)s[cut] & 0xc0) == 0x80)
		cut--;
	utf8 = cg_utf8_valid(s, cut);
	if (quote)
		cg_buf_addc(b, '\'');
	for (i = 0; i < cut; i++) {
		unsigned char u = (unsigned char)s[i];
		cg_buf_addc(b, u < 0x20 || u == 0x7f || (!utf8 && u >= 0x80) ?
		    '?' : s[i]);
	}
	if (cut < n)
		cg_buf_adds(b, "...");
	if (quote)
		cg_buf_addc(b, '\'');
}

/* "Won 4238, Lost 2473, ..., and 12 more values". */
static void
list_values(struct cg_buf *b, const struct prune_fcol *g)
{
	size_t top[SHOWN], ntop = 0, i, j, n;
	const char *s;

	for (i = 0; i < g->vals.n; i++) {
		if (ntop == SHOWN && g->cnt[i] <= g->cnt[top[SHOWN - 1]])
			continue;
		j = ntop < SHOWN ? ntop++ : SHOWN - 1;
		/* Ties keep the value seen first in front. */
		for (; j > 0 && g->cnt[top[j - 1]] < g->cnt[i]; j--)
			top[j] = top[j - 1];
		top[j] = i;
	}
	for (i = 0; i < ntop; i++) {
		s = cg_strtab_key(&g->vals, top[i], &n);
		if (i > 0)
			cg_buf_adds(b, ", ");
		prune_show(b, s, n);
		cg_buf_printf(b, " %lu", g->cnt[top[i]]);
	}
	if (g->capped)
		cg_buf_printf(b, ", and over %zu more values", g->vals.n - ntop);
	else if (g->vals.n > ntop)
		cg_buf_printf(b, ", and %zu more value%s", g->vals.n - ntop,
		    g->vals.n - ntop == 1 ? "" : "s");
}

static int
lower(int ch)
{
	return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

/* The next byte of s that is a letter, digit or not ASCII, lowercased;
 * -1 at the end. */
static int
next_solid(const char *s, size_t n, size_t *i)
{
	while (*i < n) {
		unsigned char u = (unsigned char)s[(*i)++];
		if ((u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') ||
		    (u >= 'A' && u <= 'Z') || u >= 0x80)
			return lower(u);
	}
	return -1;
}

/* 1 if a and b differ only in case, blanks and punctuation
 * ("Customer Direct" and "Customer - Direct"). */
static int
alike(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, j = 0;
	int x, y, solid = 0;

	do {
		x = next_solid(a, an, &i);
		y = next_solid(b, bn, &j);
		if (x != y)
			return 0;
		solid |= x >= 0;
	} while (x >= 0);
	return solid;
}

/* "; did you mean 'Customer - Direct'?" for the most common such value. */
static void
did_you_mean(struct cg_buf *b, const struct prune_fcol *g,
    const struct cg_prune_cond *k)
{
	size_t i, best = CG_STRTAB_NONE, n, vn = strlen(k->value);
	const char *s;

	for (i = 0; i < g->vals.n; i++) {
		s = cg_strtab_key(&g->vals, i, &n);
		if (alike(s, n, k->value, vn) && (best == CG_STRTAB_NONE ||
		    g->cnt[i] > g->cnt[best]))
			best = i;
	}
	if (best == CG_STRTAB_NONE)
		return;
	s = cg_strtab_key(&g->vals, best, &n);
	cg_buf_adds(b, "; did you mean '");
	prune_show(b, s, n);
	cg_buf_adds(b, "'?");
}

/* What column g holds, for condition k. */
static void
holdings(struct cg_buf *b, const struct prune_fcol *g,
    const struct cg_prune_cond *k)
{
	char lo[40], hi[40];

	if (k->type == 'n' && g->nnum > 0) {
		cg_fmt_num(lo, sizeof(lo), g->lo, 2, 1, '.');
		cg_fmt_num(hi, sizeof(hi), g->hi, 2, 1, '.');
		cg_buf_printf(b, "%s has numbers from %s to %s", g->hname, lo,
		    hi);
		return;
	}
	if (k->type == 'd' && g->ndate > 0) {
		cg_fmt_date(lo, g->dlo);
		cg_fmt_date(hi, g->dhi);
		cg_buf_printf(b, "%s has dates from %s to %s", g->hname, lo,
		    hi);
		return;
	}
	if (k->type != 't')
		cg_buf_printf(b, "%s has no %s; it has: ", g->hname,
		    k->type == 'n' ? "numbers" : "dates");
	else
		cg_buf_printf(b, "%s has: ", g->hname);
	list_values(b, g);
	if (k->type == 't')
		did_you_mean(b, g, k);
}

void
prune_fit_report(struct cg_prune_ctx *c)
{
	struct cg_prune_fit *f = c->fit;
	struct cg_buf b = CG_BUF_INIT;
	size_t i;

	if (f == NULL || !f->counting)
		return;
	f->counting = 0;
	if (f->rows == 0)
		return;
	for (i = 0; i < c->o->nconds; i++) {
		const struct cg_prune_cond *k = &c->o->conds[i];
		if (f->matched[i])
			continue;
		cg_buf_reset(&b);
		holdings(&b, &f->col[f->of[i]], k);
		cg_warning(c->run, "%s %s matched no row; %s", k->is_min ?
		    "--min" : "--require", k->spec, b.s);
	}
	if (f->pending == 0 && !f->passed && c->o->nconds > 1) {
		cg_buf_reset(&b);
		for (i = 0; i < c->o->nconds; i++)
			cg_buf_printf(&b, "%s%s", i > 0 ? ", " : "",
			    c->o->conds[i].spec);
		cg_warning(c->run, "no row meets every --require and --min at "
		    "once (%s), though each matches some rows", b.s);
	}
	cg_buf_free(&b);
	/* The counts are not needed again. */
	for (i = 0; i < f->ncol; i++) {
		cg_strtab_free(&f->col[i].vals);
		cg_strtab_init(&f->col[i].vals);
	}
}
