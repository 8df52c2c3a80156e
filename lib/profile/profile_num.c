/*
 * profile_num.c - a numeric column's summary per group, bounded by the
 * number of distinct values: (key, group) counts in one open-addressing
 * table. Up to CG_PROFILE_EXACT pairs the key is the value itself, so
 * medians and Cliff's delta are exact; past that every key is folded
 * into its logarithmic bucket (DDSketch's mapping: bucket i holds
 * magnitudes in (g^(i-1), g^i], g = (1 + a) / (1 - a)), which bounds the
 * table by the buckets between 1e-9 and CG_NUM_LIMIT, about 11,000 per
 * group, whatever the number of rows.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/profile.h"
#include "clientgrade/value.h"

#define MID ((uint64_t)1 << 63)
/* Magnitudes below this are 0 in a bucketed summary. */
#define SK_MIN 1e-9

static double
ln_gamma(void)
{
	return log((1 + CG_PNUM_ALPHA) / (1 - CG_PNUM_ALPHA));
}

/* The value's bits, flipped so unsigned order is numeric order. */
static uint64_t
exact_key(double v)
{
	uint64_t b;

	if (v == 0)
		v = 0;		/* -0 and 0 are one value */
	memcpy(&b, &v, sizeof(b));
	return b & MID ? ~b : b | MID;
}

static double
exact_val(uint64_t k)
{
	uint64_t b = k & MID ? k & ~MID : ~k;
	double v;

	memcpy(&v, &b, sizeof(v));
	return v;
}

/* Lowest bucket index (1e-9) and highest (CG_NUM_LIMIT). */
static long
bucket_lo(void)
{
	return (long)floor(log(SK_MIN) / ln_gamma());
}

static long
bucket_hi(void)
{
	return (long)ceil(log(CG_NUM_LIMIT) / ln_gamma());
}

static uint64_t
bucket_key(double v, double lg, long lo, long hi)
{
	double a = fabs(v);
	long i;

	if (a < SK_MIN)
		return MID;
	i = (long)ceil(log(a) / lg);
	if (i < lo)
		i = lo;
	if (i > hi)
		i = hi;
	return v > 0 ? MID + (uint64_t)(i - lo) + 1 :
	    MID - (uint64_t)(i - lo) - 1;
}

/* The value a bucket stands for: within CG_PNUM_ALPHA of all it holds. */
static double
bucket_val(const struct cg_pnum *s, uint64_t k)
{
	double r;
	uint64_t off;

	if (k == MID)
		return 0;
	off = k > MID ? k - MID : MID - k;
	r = 2 * exp((double)((long)(off - 1) + s->lo) * s->lg) /
	    (exp(s->lg) + 1);
	return k > MID ? r : -r;
}

static size_t
hash(uint64_t key, unsigned g, size_t mask)
{
	uint64_t h = key ^ ((uint64_t)g * 0x9e3779b97f4a7c15ULL);

	h ^= h >> 31;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 29;
	return (size_t)h & mask;
}

void
cg_pnum_init(struct cg_pnum *s)
{
	memset(s, 0, sizeof(*s));
	s->lg = ln_gamma();
	s->lo = bucket_lo();
	s->hi = bucket_hi();
}

void
cg_pnum_free(struct cg_pnum *s)
{
	free(s->slot);
	memset(s, 0, sizeof(*s));
}

static void
put(struct cg_pnum *s, uint64_t key, unsigned g, uint64_t count)
{
	struct cg_pnum_ent *e;
	size_t i;

	/* The table is made on the first value: a column that turns out
	 * to be text costs nothing here. */
	if (s->slot == NULL) {
		s->mask = 63;
		s->slot = cg_xcalloc(s->mask + 1, sizeof(*s->slot));
	}
	i = hash(key, g, s->mask);

	for (;; i = (i + 1) & s->mask) {
		e = &s->slot[i];
		if (e->count == 0) {
			e->key = key;
			e->group = g;
			e->count = count;
			s->n++;
			break;
		}
		if (e->key == key && e->group == g) {
			e->count += count;
			return;
		}
	}
	if (s->n * 2 > s->mask + 1) {
		struct cg_pnum_ent *old = s->slot;
		size_t n = s->mask + 1, k;

		s->mask = n * 2 - 1;
		s->slot = cg_xcalloc(n * 2, sizeof(*s->slot));
		s->n = 0;
		for (k = 0; k < n; k++)
			if (old[k].count != 0)
				put(s, old[k].key, old[k].group, old[k].count);
		free(old);
	}
}

/* Past CG_PROFILE_EXACT pairs: every exact key becomes its bucket. */
static void
fold(struct cg_pnum *s)
{
	struct cg_pnum_ent *old = s->slot;
	size_t n = s->mask + 1, k;

	s->mask = 63;
	s->slot = cg_xcalloc(s->mask + 1, sizeof(*s->slot));
	s->n = 0;
	s->approx = 1;
	for (k = 0; k < n; k++)
		if (old[k].count != 0)
			put(s, bucket_key(exact_val(old[k].key), s->lg, s->lo,
			    s->hi), old[k].group, old[k].count);
	free(old);
}

void
cg_pnum_add(struct cg_pnum *s, double v, unsigned g)
{
	if (s->approx) {
		put(s, bucket_key(v, s->lg, s->lo, s->hi), g, 1);
		return;
	}
	put(s, exact_key(v), g, 1);
	if (s->n > CG_PROFILE_EXACT)
		fold(s);
}

static int
ent_cmp(const void *a, const void *b)
{
	const struct cg_pnum_ent *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->group < y->group ? -1 : x->group > y->group;
}

static double
key_val(const struct cg_pnum *s, uint64_t k)
{
	return s->approx ? bucket_val(s, k) : exact_val(k);
}

/* Medians: the values at ranks (n-1)/2 and n/2 of each group. */
static void
medians(const struct cg_pnum *s, const struct cg_pnum_ent *v, size_t nv,
    size_t ngroups, struct cg_pnum_stats *st)
{
	uint64_t cum[CG_PROFILE_MAXGROUPS] = { 0 }, lo, hi;
	double lov[CG_PROFILE_MAXGROUPS] = { 0 };
	size_t i, g;

	for (i = 0; i < nv; i++) {
		g = v[i].group;
		if (g >= ngroups)
			continue;
		lo = (st->n[g] - 1) / 2;
		hi = st->n[g] / 2;
		if (cum[g] <= lo && lo < cum[g] + v[i].count)
			lov[g] = key_val(s, v[i].key);
		if (cum[g] <= hi && hi < cum[g] + v[i].count)
			st->median[g] = (lov[g] + key_val(s, v[i].key)) / 2;
		cum[g] += v[i].count;
	}
}

/*
 * Cliff's delta: over the keys in order, each top value beats the
 * bottom values below its key and loses to those above it; equal keys
 * are ties. Counts multiply into doubles: exact up to 2^53 pairs.
 */
static double
cliff(const struct cg_pnum_ent *v, size_t nv, size_t top, size_t bottom,
    uint64_t ntop, uint64_t nbot)
{
	double gt = 0, lt = 0;
	uint64_t below = 0, ct, cb;
	size_t i = 0, j;

	while (i < nv) {
		ct = cb = 0;
		for (j = i; j < nv && v[j].key == v[i].key; j++) {
			if (v[j].group == top)
				ct += v[j].count;
			else if (v[j].group == bottom)
				cb += v[j].count;
		}
		gt += (double)ct * (double)below;
		lt += (double)ct * (double)(nbot - below - cb);
		below += cb;
		i = j;
	}
	return (gt - lt) / ((double)ntop * (double)nbot);
}

void
cg_pnum_stats(const struct cg_pnum *s, size_t ngroups, size_t top,
    size_t bottom, struct cg_pnum_stats *st)
{
	struct cg_pnum_ent *v;
	size_t nv = 0, i;

	memset(st, 0, sizeof(*st));
	st->approx = s->approx;
	st->delta = NAN;
	if (ngroups > CG_PROFILE_MAXGROUPS)
		ngroups = CG_PROFILE_MAXGROUPS;
	for (i = 0; i < CG_PROFILE_MAXGROUPS; i++)
		st->median[i] = NAN;
	v = cg_xreallocarray(NULL, s->n ? s->n : 1, sizeof(*v));
	for (i = 0; s->slot != NULL && i <= s->mask; i++)
		if (s->slot[i].count != 0) {
			v[nv++] = s->slot[i];
			if (s->slot[i].group < ngroups)
				st->n[s->slot[i].group] += s->slot[i].count;
		}
	qsort(v, nv, sizeof(*v), ent_cmp);
	medians(s, v, nv, ngroups, st);
	if (top < ngroups && bottom < ngroups && top != bottom &&
	    st->n[top] > 0 && st->n[bottom] > 0)
		st->delta = cliff(v, nv, top, bottom, st->n[top],
		    st->n[bottom]);
	free(v);
}
