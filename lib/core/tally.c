/*
 * tally.c - what a column holds, for a filter that matched nothing
 * (tally.h).
 */
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/tally.h"
#include "clientgrade/text.h"
#include "clientgrade/value.h"

/* Values a warning lists, most common first. */
#define SHOWN 10

void
cg_tally_init(struct cg_tally *t)
{
	memset(t, 0, sizeof(*t));
	cg_strtab_init(&t->vals);
}

void
cg_tally_free(struct cg_tally *t)
{
	cg_strtab_free(&t->vals);
	free(t->cnt);
	/* Zeroed, so freeing again is harmless; counting needs an init. */
	memset(t, 0, sizeof(*t));
}

/* Add c rows of value s[0..n) (c >= 1). */
static void
add_count(struct cg_tally *t, const char *s, size_t n, unsigned long c)
{
	size_t i = cg_strtab_find(&t->vals, s, n), old;

	if (i == CG_STRTAB_NONE && t->vals.n >= CG_TALLY_MAX) {
		t->capped = 1;
		return;
	}
	if (i == CG_STRTAB_NONE)
		i = cg_strtab_intern(&t->vals, s, n, NULL);
	if (i >= t->cntcap) {
		old = t->cntcap;
		t->cntcap = t->cntcap ? t->cntcap * 2 : 16;
		t->cnt = cg_xreallocarray(t->cnt, t->cntcap, sizeof(*t->cnt));
		memset(t->cnt + old, 0, (t->cntcap - old) * sizeof(*t->cnt));
	}
	t->cnt[i] += c;
}

static void
add_num(struct cg_tally *t, double lo, double hi, unsigned long k)
{
	if (t->nnum == 0 || lo < t->nlo)
		t->nlo = lo;
	if (t->nnum == 0 || hi > t->nhi)
		t->nhi = hi;
	t->nnum += k;
}

static void
add_date(struct cg_tally *t, int32_t lo, int32_t hi, unsigned long k)
{
	if (t->ndate == 0 || lo < t->dlo)
		t->dlo = lo;
	if (t->ndate == 0 || hi > t->dhi)
		t->dhi = hi;
	t->ndate += k;
}

void
cg_tally_add(struct cg_tally *t, const char *s, size_t n, int has_num,
    double num, int has_date, int32_t day)
{
	add_count(t, s, n, 1);
	if (has_num)
		add_num(t, num, num, 1);
	if (has_date)
		add_date(t, day, day, 1);
}

int
cg_tally_merge_fits(const struct cg_tally *dst, const struct cg_tally *src)
{
	size_t j, n, extra = 0;
	const char *s;

	if (dst->capped || src->capped)
		return 0;
	for (j = 0; j < src->vals.n; j++) {
		s = cg_strtab_key(&src->vals, j, &n);
		extra += cg_strtab_find(&dst->vals, s, n) == CG_STRTAB_NONE;
	}
	return dst->vals.n + extra <= CG_TALLY_MAX;
}

void
cg_tally_merge(struct cg_tally *dst, const struct cg_tally *src)
{
	size_t j, n;
	const char *s;

	for (j = 0; j < src->vals.n; j++) {
		s = cg_strtab_key(&src->vals, j, &n);
		add_count(dst, s, n, src->cnt[j]);
	}
	dst->capped |= src->capped;
	if (src->nnum > 0)
		add_num(dst, src->nlo, src->nhi, src->nnum);
	if (src->ndate > 0)
		add_date(dst, src->dlo, src->dhi, src->ndate);
}

void
cg_tally_show(struct cg_buf *b, const char *s, size_t n)
{
	const char *t = s;
	size_t tn = n, i, cut = n > 40 ? 40 : n;
	int quote, utf8;

	if (n == 0) {
		cg_buf_adds(b, "(empty)");
		return;
	}
	cg_trim(&t, &tn);
	quote = tn != n || memchr(s, ',', n) != NULL ||
	    memchr(s, '\'', n) != NULL;
	/* Cut on a character boundary. */
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
list_values(struct cg_buf *b, const struct cg_tally *t)
{
	size_t top[SHOWN], ntop = 0, i, j, n;
	const char *s;

	for (i = 0; i < t->vals.n; i++) {
		if (ntop == SHOWN && t->cnt[i] <= t->cnt[top[SHOWN - 1]])
			continue;
		j = ntop < SHOWN ? ntop++ : SHOWN - 1;
		/* Ties keep the value seen first in front. */
		for (; j > 0 && t->cnt[top[j - 1]] < t->cnt[i]; j--)
			top[j] = top[j - 1];
		top[j] = i;
	}
	for (i = 0; i < ntop; i++) {
		s = cg_strtab_key(&t->vals, top[i], &n);
		if (i > 0)
			cg_buf_adds(b, ", ");
		cg_tally_show(b, s, n);
		cg_buf_printf(b, " %lu", t->cnt[top[i]]);
	}
	if (t->capped)
		cg_buf_printf(b, ", and over %zu more values", t->vals.n - ntop);
	else if (t->vals.n > ntop)
		cg_buf_printf(b, ", and %zu more value%s", t->vals.n - ntop,
		    t->vals.n - ntop == 1 ? "" : "s");
}

static int
lower(int ch)
{
	return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

/* The next byte of s[*i..n) that is a letter, digit or not ASCII,
 * lowercased; -1 at the end. */
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

/* 1 if a and b differ only in case, blanks and punctuation ("won" and
 * "Won", "Customer Direct" and "Customer - Direct"). */
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

static void
did_you_mean(struct cg_buf *b, const struct cg_tally *t, const char *want,
    size_t wn)
{
	size_t i, best = CG_STRTAB_NONE, n;
	const char *s;

	for (i = 0; i < t->vals.n; i++) {
		s = cg_strtab_key(&t->vals, i, &n);
		if (alike(s, n, want, wn) && (best == CG_STRTAB_NONE ||
		    t->cnt[i] > t->cnt[best]))
			best = i;
	}
	if (best == CG_STRTAB_NONE)
		return;
	s = cg_strtab_key(&t->vals, best, &n);
	cg_buf_adds(b, "; did you mean '");
	cg_tally_show(b, s, n);
	cg_buf_adds(b, "'?");
}

void
cg_tally_holds(struct cg_buf *b, const struct cg_tally *t, const char *name,
    int type, const char *want, size_t wn)
{
	char lo[40], hi[40];

	if (type == 'n' && t->nnum > 0) {
		cg_fmt_num(lo, sizeof(lo), t->nlo, 2, 1, '.');
		cg_fmt_num(hi, sizeof(hi), t->nhi, 2, 1, '.');
		cg_buf_printf(b, "%s has numbers from %s to %s", name, lo, hi);
		return;
	}
	if (type == 'd' && t->ndate > 0) {
		cg_fmt_date(lo, t->dlo);
		cg_fmt_date(hi, t->dhi);
		cg_buf_printf(b, "%s has dates from %s to %s", name, lo, hi);
		return;
	}
	if (type == 'n' || type == 'd')
		cg_buf_printf(b, "%s has no %s; it has: ", name,
		    type == 'n' ? "numbers" : "dates");
	else
		cg_buf_printf(b, "%s has: ", name);
	list_values(b, t);
	if ((type != 'n' && type != 'd') && want != NULL)
		did_you_mean(b, t, want, wn);
}
