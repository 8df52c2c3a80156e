/*
 * rollup_distinct.c - the distinct counts of rollup (--distinct
 * sales_agent): how many different values each account's deals have.
 *
 * The values are interned in core's cg_strtab (a few dozen agents, so
 * the table stays in cache); an account remembers the first 64 value
 * numbers as bits of a word in its record, which the deal's figures
 * touch anyway, and only values numbered 64 and up go to a set of
 * (account, value) pairs, an open-addressing set of 64-bit words.
 */
#include <stdlib.h>

#include "clientgrade/alloc.h"
#include "clientgrade/rollup.h"
#include "clientgrade/strtab.h"
#include "rollup_int.h"

static uint64_t
mix(uint64_t h)
{
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	return h;
}

static void
pair_grow(struct cg_rollup_table *t)
{
	size_t ncap = t->pair ? (t->pmask + 1) * 2 : 1024, i;
	uint64_t *np = cg_xcalloc(ncap, sizeof(*np));

	for (i = 0; t->pair != NULL && i <= t->pmask; i++) {
		size_t j;

		if (t->pair[i] == 0)
			continue;
		j = (size_t)mix(t->pair[i]) & (ncap - 1);
		while (np[j] != 0)
			j = (j + 1) & (ncap - 1);
		np[j] = t->pair[i];
	}
	free(t->pair);
	t->pair = np;
	t->pmask = ncap - 1;
}

int
cg_rollup_distinct(struct cg_rollup_table *t, struct cg_rollup_acc *a,
    const char *s, size_t n)
{
	uint64_t p, v;
	size_t j;

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
	p = ((uint64_t)a->index << 32 | v) + 1;
	if (t->pair == NULL || (t->npair + 1) * 2 > t->pmask + 1)
		pair_grow(t);
	for (j = (size_t)mix(p) & t->pmask; t->pair[j] != 0;
	    j = (j + 1) & t->pmask)
		if (t->pair[j] == p)
			return 0;
	t->pair[j] = p;
	t->npair++;
	a->contacts++;
	return 1;
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

void
cg_rollup_distinct_merge(struct cg_rollup_table *dst,
    struct cg_rollup_table *src)
{
	size_t i, j;

	for (i = 0; i < cg_rollup_count(src); i++) {
		const struct cg_rollup_acc *s = cg_rollup_at(src, i);
		uint64_t seen;
		size_t v;

		for (seen = s->seen, v = 0; seen != 0; seen >>= 1, v++)
			if (seen & 1)
				add_value(dst, src, s, v);
	}
	for (j = 0; src->pair != NULL && j <= src->pmask; j++) {
		uint64_t p = src->pair[j];

		if (p == 0)
			continue;
		p--;
		add_value(dst, src, cg_rollup_at(src, (size_t)(p >> 32)),
		    (size_t)(p & 0xffffffffu));
	}
}
