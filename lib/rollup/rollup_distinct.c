/*
 * rollup_distinct.c - the distinct counts of rollup (--distinct
 * sales_agent): how many different values each account's deals have.
 *
 * The values of the first --distinct column are interned in core's
 * cg_strtab (a few dozen agents, so the table stays in cache); an
 * account remembers the first 64 value numbers as bits of a word in its
 * record, which the deal's figures touch anyway, and only values
 * numbered 64 and up go to a set of (account, value) pairs, an
 * open-addressing set of 64-bit words. Further --distinct columns (k >=
 * 1) are rarer: their values are interned with the column's number in
 * front (so "Ana" in two columns is two values), every pair goes to a
 * second set, and the counts to an array per column by account index.
 */
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/rollup.h"
#include "clientgrade/strtab.h"
#include "rollup_int.h"

uint64_t
cg_rollup_mix(uint64_t h)
{
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	return h;
}

static void
set_grow(struct cg_rollup_set *s)
{
	size_t ncap = s->v ? (s->mask + 1) * 2 : 1024, i;
	uint64_t *nv = cg_xcalloc(ncap, sizeof(*nv));

	for (i = 0; s->v != NULL && i <= s->mask; i++) {
		size_t j;

		if (s->v[i] == 0)
			continue;
		j = (size_t)cg_rollup_mix(s->v[i]) & (ncap - 1);
		while (nv[j] != 0)
			j = (j + 1) & (ncap - 1);
		nv[j] = s->v[i];
	}
	free(s->v);
	s->v = nv;
	s->mask = ncap - 1;
}

int
cg_rollup_set_add(struct cg_rollup_set *s, uint64_t key)
{
	size_t j;

	if (s->v == NULL || (s->n + 1) * 2 > s->mask + 1)
		set_grow(s);
	for (j = (size_t)cg_rollup_mix(key) & s->mask; s->v[j] != 0;
	    j = (j + 1) & s->mask)
		if (s->v[j] == key)
			return 1;
	s->v[j] = key;
	s->n++;
	return 0;
}

void
cg_rollup_set_free(struct cg_rollup_set *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

int
cg_rollup_distinct(struct cg_rollup_table *t, struct cg_rollup_acc *a,
    const char *s, size_t n)
{
	uint64_t v;

	if (n == 0)
		return 0;
	v = cg_strtab_intern(&t->vals, s, n, NULL);
	if (v < 64) {
		if (a->seen & (uint64_t)1 << v)
			return 0;
		a->seen |= (uint64_t)1 << v;
		a->contacts++;
		return 1;
	}
	if (cg_rollup_set_add(&t->pair, ((uint64_t)a->index << 32 | v) + 1))
		return 0;
	a->contacts++;
	return 1;
}

int
cg_rollup_distinct_k(struct cg_rollup_table *t, struct cg_rollup_acc *a,
    size_t k, const char *s, size_t n)
{
	size_t v, i = a->index;

	if (k == 0)
		return cg_rollup_distinct(t, a, s, n);
	if (n == 0)
		return 0;
	if (t->xkeycap < n + 1) {
		t->xkeycap = n + 1 > 2 * t->xkeycap ? n + 1 : 2 * t->xkeycap;
		t->xkey = cg_xrealloc(t->xkey, t->xkeycap);
	}
	t->xkey[0] = (char)k;
	memcpy(t->xkey + 1, s, n);
	v = cg_strtab_intern(&t->xvals, t->xkey, n + 1, NULL);
	if (cg_rollup_set_add(&t->xpair, ((uint64_t)i << 32 | v) + 1))
		return 0;
	if (i >= t->xcap[k]) {
		size_t ncap = t->xcap[k] ? t->xcap[k] : 256;

		while (ncap <= i)
			ncap *= 2;
		t->xcount[k] = cg_xreallocarray(t->xcount[k], ncap,
		    sizeof(*t->xcount[k]));
		memset(t->xcount[k] + t->xcap[k], 0, (ncap - t->xcap[k]) *
		    sizeof(*t->xcount[k]));
		t->xcap[k] = ncap;
	}
	t->xcount[k][i]++;
	return 1;
}

long
cg_rollup_distinct_count(const struct cg_rollup_table *t,
    const struct cg_rollup_acc *a, size_t k)
{
	if (k == 0)
		return a->contacts;
	return a->index < t->xcap[k] ? t->xcount[k][a->index] : 0;
}

void
cg_rollup_distinct_free(struct cg_rollup_table *t)
{
	size_t k;

	cg_strtab_free(&t->vals);
	cg_rollup_set_free(&t->pair);
	cg_strtab_free(&t->xvals);
	cg_rollup_set_free(&t->xpair);
	for (k = 0; k < CG_ROLLUP_MAX_DISTINCT; k++)
		free(t->xcount[k]);
	free(t->xkey);
}

/* Value v of src into dst for src's account s. */
static void
add_value(struct cg_rollup_table *dst, struct cg_rollup_table *src,
    const struct cg_rollup_acc *s, size_t v)
{
	struct cg_rollup_acc *d = cg_rollup_find_h(dst, cg_rollup_key(s),
	    s->keylen, s->hash);
	const char *val;
	size_t len;

	val = cg_strtab_key(&src->vals, v, &len);
	cg_rollup_distinct(dst, d, val, len);
}

/* Value v of src's further columns into dst for src's account s. */
static void
add_xvalue(struct cg_rollup_table *dst, struct cg_rollup_table *src,
    const struct cg_rollup_acc *s, size_t v)
{
	struct cg_rollup_acc *d = cg_rollup_find_h(dst, cg_rollup_key(s),
	    s->keylen, s->hash);
	const char *val;
	size_t len;

	val = cg_strtab_key(&src->xvals, v, &len);
	cg_rollup_distinct_k(dst, d, (unsigned char)val[0], val + 1, len - 1);
}

void
cg_rollup_distinct_merge(struct cg_rollup_table *dst,
    struct cg_rollup_table *src)
{
	size_t i, j;
	uint64_t p;

	for (i = 0; i < cg_rollup_count(src); i++) {
		const struct cg_rollup_acc *s = cg_rollup_at(src, i);
		uint64_t seen;
		size_t v;

		for (seen = s->seen, v = 0; seen != 0; seen >>= 1, v++)
			if (seen & 1)
				add_value(dst, src, s, v);
	}
	for (j = 0; src->pair.v != NULL && j <= src->pair.mask; j++) {
		if ((p = src->pair.v[j]) == 0)
			continue;
		p--;
		add_value(dst, src, cg_rollup_at(src, (size_t)(p >> 32)),
		    (size_t)(p & 0xffffffffu));
	}
	for (j = 0; src->xpair.v != NULL && j <= src->xpair.mask; j++) {
		if ((p = src->xpair.v[j]) == 0)
			continue;
		p--;
		add_xvalue(dst, src, cg_rollup_at(src, (size_t)(p >> 32)),
		    (size_t)(p & 0xffffffffu));
	}
	cg_rollup_owner_merge(dst, src);
}
