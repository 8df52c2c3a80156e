/*
 * rollup_agg.c - the account table of rollup: key bytes -> figures.
 *
 * Our own open-addressing table rather than glibc's hsearch_r or tsearch:
 * hsearch_r has a fixed size chosen up front and wants NUL-terminated
 * keys (fields may hold NUL); tsearch is a tree with a malloc per node
 * and O(log n) string compares per deal. With 10M deals over 100k
 * accounts the lookup is the inner loop and its cost is cache misses, so
 * the layout is chosen to touch as few places as possible per deal:
 *
 *   - slots are 8 bytes (32 bits of the hash, and where the record is),
 *     so a probe that meets another key is settled without leaving the
 *     slot array;
 *   - each account is one record, figures followed by its key bytes, in
 *     one growing buffer: a hit touches the slot and the record, which
 *     the deal's figures need anyway. No malloc per account.
 *
 * Distinct counts (--distinct sales_agent): the values are interned in a
 * second, small table (a few dozen agents); an account remembers the
 * first 64 value numbers as bits of a word in its record, and only
 * values numbered 64 and up go to a set of (account, value) pairs.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/rollup.h"
#include "clientgrade/value.h"

const char *const cg_rollup_colnames[CG_ROLLUP_NCOLS] = {
	"orders", "volume", "avg_order", "first_order", "last_order",
	"recency_days", "orders_12m", "volume_12m", "contacts"
};

__extension__ typedef __int128 i128;

/* ---- arena: key bytes live here until the table is freed ---- */

#define ARENA_CHUNK 65536

struct chunk {
	struct chunk *next;
	size_t used, cap;
	char b[];
};

static char *
arena_copy(struct chunk **head, const char *s, size_t n)
{
	struct chunk *c = *head;
	char *p;

	if (c == NULL || c->cap - c->used < n + 1) {
		size_t cap = n + 1 > ARENA_CHUNK ? n + 1 : ARENA_CHUNK;
		c = cg_xmalloc(sizeof(*c) + cap);
		c->used = 0;
		c->cap = cap;
		/* A big key gets its own chunk behind the current one, so
		 * the rest of the current chunk is not wasted. */
		if (*head != NULL && cap > ARENA_CHUNK) {
			c->next = (*head)->next;
			(*head)->next = c;
		} else {
			c->next = *head;
			*head = c;
		}
	}
	p = c->b + c->used;
	memcpy(p, s, n);
	p[n] = '\0';
	c->used += n + 1;
	return p;
}

static void
arena_free(struct chunk *c)
{
	while (c != NULL) {
		struct chunk *next = c->next;
		free(c);
		c = next;
	}
}

/* ---- hashing ---- */

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

/* Eight bytes at a time; byte order does not matter inside one run. */
static uint64_t
hash_bytes(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ n, k;

	while (n >= 8) {
		memcpy(&k, s, 8);
		h = (h ^ k) * 0x9fb21c651e98df25ULL;
		h ^= h >> 29;
		s += 8;
		n -= 8;
	}
	k = 0;
	memcpy(&k, s, n);
	return mix(h ^ k);
}

/* ---- string table: bytes -> dense index ---- */

struct slot {
	uint32_t idx1;		/* index + 1; 0 = empty */
	uint32_t tag;		/* high 32 bits of the hash */
};

struct strtab {
	struct slot *slot;
	size_t mask;		/* slot count - 1 */
	size_t n;		/* strings held */
	struct chunk *arena;
};

static void
strtab_init(struct strtab *st)
{
	st->mask = 63;
	st->slot = cg_xcalloc(st->mask + 1, sizeof(*st->slot));
	st->n = 0;
	st->arena = NULL;
}

static void
strtab_free(struct strtab *st)
{
	free(st->slot);
	arena_free(st->arena);
}

/*
 * Find s[0..n) with hash h. `get(ctx, i, &len)` gives the bytes of
 * string i, so one probing loop serves both tables. Returns the slot.
 */
typedef const char *(*key_fn)(const void *ctx, size_t i, size_t *len);

static struct slot *
strtab_probe(const struct strtab *st, const char *s, size_t n, uint64_t h,
    key_fn get, const void *ctx)
{
	size_t i = (size_t)h & st->mask;
	uint32_t tag = (uint32_t)(h >> 32);

	for (;; i = (i + 1) & st->mask) {
		struct slot *sl = &st->slot[i];
		const char *k;
		size_t klen;

		if (sl->idx1 == 0)
			return sl;
		if (sl->tag != tag)
			continue;
		k = get(ctx, sl->idx1 - 1, &klen);
		if (klen == n && memcmp(k, s, n) == 0)
			return sl;
	}
}

/* Double the slots when half full; `hashof(ctx, i)` gives hashes back. */
typedef uint64_t (*hash_fn)(const void *ctx, size_t i);

static void
strtab_grow(struct strtab *st, hash_fn hashof, const void *ctx)
{
	size_t ncap = (st->mask + 1) * 2, i;
	struct slot *ns = cg_xcalloc(ncap, sizeof(*ns));

	for (i = 0; i <= st->mask; i++) {
		struct slot *sl = &st->slot[i];
		size_t j;

		if (sl->idx1 == 0)
			continue;
		j = (size_t)hashof(ctx, sl->idx1 - 1) & (ncap - 1);
		while (ns[j].idx1 != 0)
			j = (j + 1) & (ncap - 1);
		ns[j] = *sl;
	}
	free(st->slot);
	st->slot = ns;
	st->mask = ncap - 1;
}

/* ---- the account table ---- */

/* One interned --distinct value. */
struct dval {
	const char *s;
	size_t len;
	uint64_t hash;
};

/* 16: the records hold __int128 sums. */
#define REC_ALIGN 16

struct cg_rollup_table {
	/* Accounts: slot.idx1 is the record's offset / REC_ALIGN + 1. */
	struct slot *slot;
	size_t mask;
	char *rec;		/* the records, back to back */
	size_t reclen, reccap;
	uint32_t *order;	/* record offsets / REC_ALIGN, first-seen order */
	size_t n, ordcap;

	struct strtab vals;	/* --distinct values */
	struct dval *dv;
	size_t dvcap;

	uint64_t *pair;		/* (index << 32 | value) + 1; 0 = empty */
	size_t pmask, npair;
};

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

static const char *
dv_key(const void *ctx, size_t i, size_t *len)
{
	const struct cg_rollup_table *t = ctx;

	*len = t->dv[i].len;
	return t->dv[i].s;
}

static uint64_t
dv_hash(const void *ctx, size_t i)
{
	return ((const struct cg_rollup_table *)ctx)->dv[i].hash;
}

struct cg_rollup_table *
cg_rollup_table_new(void)
{
	struct cg_rollup_table *t = cg_xcalloc(1, sizeof(*t));

	t->mask = 255;
	t->slot = cg_xcalloc(t->mask + 1, sizeof(*t->slot));
	strtab_init(&t->vals);
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
	strtab_free(&t->vals);
	free(t->dv);
	free(t->pair);
	free(t);
}

static struct slot *
acc_probe(const struct cg_rollup_table *t, const char *s, size_t n,
    uint64_t h)
{
	size_t i = (size_t)h & t->mask;
	uint32_t tag = (uint32_t)(h >> 32);

	for (;; i = (i + 1) & t->mask) {
		struct slot *sl = &t->slot[i];
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
	struct slot *ns = cg_xcalloc(ncap, sizeof(*ns));

	for (i = 0; i <= t->mask; i++) {
		struct slot *sl = &t->slot[i];
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
	return hash_bytes(s, n);
}

void
cg_rollup_prefetch(const struct cg_rollup_table *t, uint64_t h)
{
	__builtin_prefetch(&t->slot[(size_t)h & t->mask]);
}

void
cg_rollup_prefetch_rec(const struct cg_rollup_table *t, uint64_t h)
{
	const struct slot *sl = &t->slot[(size_t)h & t->mask];

	/* The home slot is usually the one: a load factor of at most one
	 * half keeps probe runs short. */
	if (sl->idx1 != 0 && sl->tag == (uint32_t)(h >> 32))
		__builtin_prefetch(rec_at(t, sl->idx1 - 1));
}

struct cg_rollup_acc *
cg_rollup_find(const struct cg_rollup_table *t, const char *s, size_t n)
{
	return cg_rollup_find_h(t, s, n, hash_bytes(s, n));
}

struct cg_rollup_acc *
cg_rollup_find_h(const struct cg_rollup_table *t, const char *s, size_t n,
    uint64_t h)
{
	struct slot *sl = acc_probe(t, s, n, h);

	return sl->idx1 == 0 ? NULL : rec_at(t, sl->idx1 - 1);
}

struct cg_rollup_acc *
cg_rollup_intern(struct cg_rollup_table *t, const char *s, size_t n)
{
	return cg_rollup_intern_h(t, s, n, hash_bytes(s, n));
}

struct cg_rollup_acc *
cg_rollup_intern_h(struct cg_rollup_table *t, const char *s, size_t n,
    uint64_t h)
{
	struct slot *sl = acc_probe(t, s, n, h);
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
static int
fixed(double v, i128 *out)
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
	if (fixed(value, &x) < 0 || a->orders >= (long)1 << 30)
		a->inexact = 1;
	a->xvolume += x;
	if (date <= today && (long)today - date < window) {
		a->orders_w++;
		a->volume_w += value;
		a->xvolume_w += x;
	}
}

/* The exact sum as the nearest double. */
static double
unfixed(i128 x)
{
	return ldexp((double)x, -64);
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
	size_t i, j;

	if (cg_rollup_inexact(dst) || cg_rollup_inexact(src))
		return -1;
	for (i = 0; i < src->n; i++) {
		struct cg_rollup_acc *s = rec_at(src, src->order[i]), *d;
		uint64_t seen;
		int v;

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
		for (seen = s->seen, v = 0; seen != 0; seen >>= 1, v++)
			if (seen & 1)
				cg_rollup_distinct(dst, d, src->dv[v].s,
				    src->dv[v].len);
	}
	for (j = 0; src->pair != NULL && j <= src->pmask; j++) {
		uint64_t p = src->pair[j];
		struct cg_rollup_acc *s, *d;
		size_t v;

		if (p == 0)
			continue;
		p--;
		s = rec_at(src, src->order[p >> 32]);
		v = (size_t)(p & 0xffffffffu);
		d = cg_rollup_find_h(dst, cg_rollup_key(s), s->keylen,
		    s->hash);
		cg_rollup_distinct(dst, d, src->dv[v].s, src->dv[v].len);
	}
	return 0;
}

/* Number of value s[0..n), interned if new. */
static size_t
dval_intern(struct cg_rollup_table *t, const char *s, size_t n)
{
	uint64_t h = hash_bytes(s, n);
	struct slot *sl = strtab_probe(&t->vals, s, n, h, dv_key, t);
	struct dval *d;

	if (sl->idx1 != 0)
		return sl->idx1 - 1;
	if (t->vals.n == t->dvcap) {
		t->dvcap = t->dvcap ? t->dvcap * 2 : 64;
		t->dv = cg_xreallocarray(t->dv, t->dvcap, sizeof(*t->dv));
	}
	d = &t->dv[t->vals.n];
	d->s = arena_copy(&t->vals.arena, s, n);
	d->len = n;
	d->hash = h;
	sl->idx1 = (uint32_t)(t->vals.n + 1);
	sl->tag = (uint32_t)(h >> 32);
	t->vals.n++;
	if (t->vals.n * 2 > t->vals.mask + 1)
		strtab_grow(&t->vals, dv_hash, t);
	return t->vals.n - 1;
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
	v = dval_intern(t, s, n);
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

/* ---- output fields ---- */

static void
fmt_long(char *buf, long v)
{
	snprintf(buf, CG_ROLLUP_FIELDMAX, "%ld", v);
}

void
cg_rollup_format(const struct cg_rollup_acc *a, int32_t today,
    char decimal, char out[CG_ROLLUP_NCOLS][CG_ROLLUP_FIELDMAX])
{
	static const struct cg_rollup_acc none;
	double vol, vol_w;

	if (a == NULL)
		a = &none;
	vol = a->inexact ? a->volume : unfixed(a->xvolume);
	vol_w = a->inexact ? a->volume_w : unfixed(a->xvolume_w);
	fmt_long(out[CG_ROLLUP_ORDERS], a->orders);
	cg_fmt_num(out[CG_ROLLUP_VOLUME], CG_ROLLUP_FIELDMAX, vol, 2, 1,
	    decimal);
	fmt_long(out[CG_ROLLUP_ORDERS_W], a->orders_w);
	cg_fmt_num(out[CG_ROLLUP_VOLUME_W], CG_ROLLUP_FIELDMAX, vol_w,
	    2, 1, decimal);
	fmt_long(out[CG_ROLLUP_CONTACTS], a->contacts);
	if (a->orders == 0) {
		out[CG_ROLLUP_AVG][0] = '\0';
		out[CG_ROLLUP_FIRST][0] = '\0';
		out[CG_ROLLUP_LAST][0] = '\0';
		out[CG_ROLLUP_RECENCY][0] = '\0';
		return;
	}
	cg_fmt_num(out[CG_ROLLUP_AVG], CG_ROLLUP_FIELDMAX,
	    vol / (double)a->orders, 2, 1, decimal);
	cg_fmt_date(out[CG_ROLLUP_FIRST], a->first);
	cg_fmt_date(out[CG_ROLLUP_LAST], a->last);
	fmt_long(out[CG_ROLLUP_RECENCY], (long)today - a->last);
}
