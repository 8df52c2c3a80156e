/*
 * rollup_agg.c - the account table of rollup: key bytes -> figures.
 *
 * Our own open-addressing table rather than glibc's hsearch_r or tsearch,
 * and rather than core's cg_strtab: hsearch_r has a fixed size chosen up
 * front and wants NUL-terminated keys (fields may hold NUL); tsearch is a
 * tree with a malloc per node and O(log n) string compares per deal; and
 * cg_strtab keeps keys apart from whatever a caller hangs on them. With
 * 10M deals over 100k accounts the lookup is the inner loop and its cost
 * is cache misses, so the layout is chosen to touch as few places as
 * possible per deal:
 *
 *   - slots are 8 bytes (32 bits of the hash, and where the record is),
 *     so a probe that meets another key is settled without leaving the
 *     slot array;
 *   - each account is one record, figures followed by its key bytes, in
 *     one growing buffer: a hit touches the slot and the record, which
 *     the deal's figures need anyway. No malloc per account;
 *   - the hash can be computed ahead and the slot and record prefetched
 *     (cg_rollup_prefetch), which a generic table does not offer.
 *
 * The distinct counts live in rollup_distinct.c, the output fields in
 * rollup_fields.c.
 */
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/rollup.h"
#include "clientgrade/strtab.h"
#include "rollup_int.h"

__extension__ typedef __int128 i128;

/* 16: the records hold __int128 sums. */
#define REC_ALIGN 16

static struct cg_rollup_acc *
rec_at(const struct cg_rollup_table *t, uint32_t off8)
{
	return (struct cg_rollup_acc *)(void *)(t->rec +
	    (size_t)off8 * REC_ALIGN);
}

const char *
cg_rollup_key(const struct cg_rollup_acc *a)
{
	return (const char *)(a + 1);
}

struct cg_rollup_table *
cg_rollup_table_new(void)
{
	struct cg_rollup_table *t = cg_xcalloc(1, sizeof(*t));

	t->mask = 255;
	t->slot = cg_xcalloc(t->mask + 1, sizeof(*t->slot));
	cg_strtab_init(&t->vals);
	cg_strtab_init(&t->xvals);
	cg_strtab_init(&t->agents);
	return t;
}

void
cg_rollup_table_free(struct cg_rollup_table *t)
{
	if (t == NULL)
		return;
	free(t->slot);
	free(t->rec);
	free(t->order);
	cg_rollup_distinct_free(t);
	cg_rollup_owner_free(t);
	free(t);
}

static struct cg_rollup_slot *
acc_probe(const struct cg_rollup_table *t, const char *s, size_t n,
    uint64_t h)
{
	size_t i = (size_t)h & t->mask;
	uint32_t tag = (uint32_t)(h >> 32);

	for (;; i = (i + 1) & t->mask) {
		struct cg_rollup_slot *sl = &t->slot[i];
		const struct cg_rollup_acc *a;

		if (sl->idx1 == 0)
			return sl;
		if (sl->tag != tag)
			continue;
		a = rec_at(t, sl->idx1 - 1);
		if (a->hash == h && a->keylen == n &&
		    memcmp(a + 1, s, n) == 0)
			return sl;
	}
}

static void
acc_grow(struct cg_rollup_table *t)
{
	size_t ncap = (t->mask + 1) * 2, i;
	struct cg_rollup_slot *ns = cg_xcalloc(ncap, sizeof(*ns));

	for (i = 0; i <= t->mask; i++) {
		struct cg_rollup_slot *sl = &t->slot[i];
		size_t j;

		if (sl->idx1 == 0)
			continue;
		j = (size_t)rec_at(t, sl->idx1 - 1)->hash & (ncap - 1);
		while (ns[j].idx1 != 0)
			j = (j + 1) & (ncap - 1);
		ns[j] = *sl;
	}
	free(t->slot);
	t->slot = ns;
	t->mask = ncap - 1;
}

uint64_t
cg_rollup_hash(const char *s, size_t n)
{
	return cg_hash_bytes(s, n);
}

void
cg_rollup_prefetch(const struct cg_rollup_table *t, uint64_t h)
{
	__builtin_prefetch(&t->slot[(size_t)h & t->mask]);
}

void
cg_rollup_prefetch_rec(const struct cg_rollup_table *t, uint64_t h)
{
	const struct cg_rollup_slot *sl = &t->slot[(size_t)h & t->mask];

	/* The home slot is usually the one: a load factor of at most one
	 * half keeps probe runs short. */
	if (sl->idx1 != 0 && sl->tag == (uint32_t)(h >> 32))
		__builtin_prefetch(rec_at(t, sl->idx1 - 1));
}

struct cg_rollup_acc *
cg_rollup_find(const struct cg_rollup_table *t, const char *s, size_t n)
{
	return cg_rollup_find_h(t, s, n, cg_hash_bytes(s, n));
}

struct cg_rollup_acc *
cg_rollup_find_h(const struct cg_rollup_table *t, const char *s, size_t n,
    uint64_t h)
{
	struct cg_rollup_slot *sl = acc_probe(t, s, n, h);

	return sl->idx1 == 0 ? NULL : rec_at(t, sl->idx1 - 1);
}

struct cg_rollup_acc *
cg_rollup_intern(struct cg_rollup_table *t, const char *s, size_t n)
{
	return cg_rollup_intern_h(t, s, n, cg_hash_bytes(s, n));
}

struct cg_rollup_acc *
cg_rollup_intern_h(struct cg_rollup_table *t, const char *s, size_t n,
    uint64_t h)
{
	struct cg_rollup_slot *sl = acc_probe(t, s, n, h);
	struct cg_rollup_acc *a;
	size_t size, off;

	if (sl->idx1 != 0)
		return rec_at(t, sl->idx1 - 1);
	size = (sizeof(*a) + n + 1 + REC_ALIGN - 1) & ~(size_t)(REC_ALIGN - 1);
	/* 32-bit offsets address 32 GiB of records: past that, take the
	 * documented out-of-memory exit rather than wrap around. */
	if (n > UINT32_MAX || (t->reclen + size) / REC_ALIGN >= UINT32_MAX ||
	    t->n >= UINT32_MAX - 1)
		cg_xmalloc(SIZE_MAX);
	if (t->reclen + size > t->reccap) {
		t->reccap = t->reccap ? t->reccap * 2 : 16384;
		while (t->reccap < t->reclen + size)
			t->reccap *= 2;
		t->rec = cg_xrealloc(t->rec, t->reccap);
	}
	off = t->reclen;
	t->reclen += size;
	a = rec_at(t, (uint32_t)(off / REC_ALIGN));
	memset(a, 0, sizeof(*a));
	a->hash = h;
	a->index = (uint32_t)t->n;
	a->keylen = (uint32_t)n;
	memcpy(a + 1, s, n);
	((char *)(a + 1))[n] = '\0';
	if (t->n == t->ordcap) {
		t->ordcap = t->ordcap ? t->ordcap * 2 : 256;
		t->order = cg_xreallocarray(t->order, t->ordcap,
		    sizeof(*t->order));
	}
	t->order[t->n++] = (uint32_t)(off / REC_ALIGN);
	sl->idx1 = (uint32_t)(off / REC_ALIGN + 1);
	sl->tag = (uint32_t)(h >> 32);
	if (t->n * 2 > t->mask + 1)
		acc_grow(t);
	return a;
}

size_t
cg_rollup_count(const struct cg_rollup_table *t)
{
	return t->n;
}

struct cg_rollup_acc *
cg_rollup_at(struct cg_rollup_table *t, size_t i)
{
	return rec_at(t, t->order[i]);
}

/*
 * v in units of 2^-64, if that is exact and |v| < 2^32 (so that 2^30
 * deals cannot overflow the sum); else -1.
 */
int
cg_rollup_fixed(double v, i128 *out)
{
	uint64_t bits, mant;
	int e, sh;

	memcpy(&bits, &v, sizeof(bits));
	e = (int)(bits >> 52 & 0x7ff);
	mant = bits & (((uint64_t)1 << 52) - 1);
	*out = 0;
	if (e == 0 && mant == 0)
		return 0;		/* +0, -0 */
	if (e == 0 || e == 0x7ff)
		return -1;		/* subnormal, Inf, NaN */
	mant |= (uint64_t)1 << 52;
	/* v = mant * 2^(e - 1075); in units of 2^-64: mant << (e - 1011) */
	sh = e - 1011;
	if (sh > 64 + 32 - 53)
		return -1;
	if (sh < 0) {
		if (sh <= -53 || (mant & (((uint64_t)1 << -sh) - 1)) != 0)
			return -1;
		*out = (i128)(mant >> -sh);
	} else
		*out = (i128)mant << sh;
	if (bits >> 63)
		*out = -*out;
	return 0;
}

void
cg_rollup_add(struct cg_rollup_acc *a, double value, int32_t date,
    int32_t today, long window)
{
	i128 x;

	if (a->orders == 0 || date < a->first)
		a->first = date;
	if (a->orders == 0 || date > a->last)
		a->last = date;
	a->orders++;
	a->volume += value;
	if (cg_rollup_fixed(value, &x) < 0 || a->orders >= (long)1 << 30)
		a->inexact = 1;
	a->xvolume += x;
	if (date <= today && (long)today - date < window) {
		a->orders_w++;
		a->volume_w += value;
		a->xvolume_w += x;
	}
}

int
cg_rollup_inexact(const struct cg_rollup_table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (rec_at(t, t->order[i])->inexact)
			return 1;
	return 0;
}

int
cg_rollup_merge(struct cg_rollup_table *dst, struct cg_rollup_table *src)
{
	size_t i;

	if (cg_rollup_inexact(dst) || cg_rollup_inexact(src))
		return -1;
	for (i = 0; i < src->n; i++) {
		struct cg_rollup_acc *s = rec_at(src, src->order[i]), *d;

		d = cg_rollup_intern_h(dst, cg_rollup_key(s), s->keylen,
		    s->hash);
		if (s->orders > 0) {
			if (d->orders == 0 || s->first < d->first)
				d->first = s->first;
			if (d->orders == 0 || s->last > d->last)
				d->last = s->last;
		}
		d->orders += s->orders;
		d->volume += s->volume;
		d->xvolume += s->xvolume;
		d->orders_w += s->orders_w;
		d->volume_w += s->volume_w;
		d->xvolume_w += s->xvolume_w;
		if (d->orders >= (long)1 << 30)
			d->inexact = 1;
	}
	cg_rollup_distinct_merge(dst, src);
	return 0;
}
