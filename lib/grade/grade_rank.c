/*
 * grade_rank.c - sorted value sets for the rank-based methods: where a
 * value sits among all of a factor's values (score by rank, rfm
 * quintiles) and how much volume lies above it (abc).
 *
 * Only the numbers are held, never rows: one double or float per row and
 * factor, so a million rows with every factor stay well under 64 MiB.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/grade.h"

void
cg_grade_vals_init(struct cg_grade_vals *v, int small)
{
	memset(v, 0, sizeof(*v));
	v->small = small;
}

void
cg_grade_vals_add(struct cg_grade_vals *v, double x)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 1024;
		if (v->small)
			v->f = cg_xreallocarray(v->f, v->cap, sizeof(float));
		else
			v->d = cg_xreallocarray(v->d, v->cap, sizeof(double));
	}
	if (v->small)
		v->f[v->n] = (float)x;
	else
		v->d[v->n] = x;
	v->total += x;
	v->n++;
}

/*
 * Sorting a million values with qsort's comparator calls was a tenth of
 * a grade run; an LSD radix sort on 16-bit digits of the IEEE bits (made
 * to sort as unsigned integers) takes a few passes over the array.
 */
static uint64_t
key64(double x)
{
	uint64_t u;

	memcpy(&u, &x, sizeof(u));
	return u >> 63 ? ~u : u | (uint64_t)1 << 63;
}

static double
unkey64(uint64_t u)
{
	double x;

	u = u >> 63 ? u & ~((uint64_t)1 << 63) : ~u;
	memcpy(&x, &u, sizeof(x));
	return x;
}

static uint32_t
key32(float x)
{
	uint32_t u;

	memcpy(&u, &x, sizeof(u));
	return u >> 31 ? ~u : u | (uint32_t)1 << 31;
}

static float
unkey32(uint32_t u)
{
	float x;

	u = u >> 31 ? u & ~((uint32_t)1 << 31) : ~u;
	memcpy(&x, &u, sizeof(x));
	return x;
}

/* LSD radix sort of n keys of `width` bytes (4 or 8), 16 bits a pass. */
static void
radix(void *keys, size_t n, int width)
{
	uint32_t *a32 = keys, *t32 = NULL;
	uint64_t *a64 = keys, *t64 = NULL, k;
	size_t *count = cg_xcalloc(65536, sizeof(size_t)), i, sum, c;
	int shift;

	if (width == 4)
		t32 = cg_xreallocarray(NULL, n, sizeof(*t32));
	else
		t64 = cg_xreallocarray(NULL, n, sizeof(*t64));
	for (shift = 0; shift < width * 8; shift += 16) {
		memset(count, 0, 65536 * sizeof(size_t));
		for (i = 0; i < n; i++) {
			k = width == 4 ? a32[i] : a64[i];
			count[(k >> shift) & 0xffff]++;
		}
		k = width == 4 ? a32[0] : a64[0];
		if (count[(k >> shift) & 0xffff] == n)
			continue;	/* one digit value: nothing moves */
		for (i = 0, sum = 0; i < 65536; i++)
			c = count[i], count[i] = sum, sum += c;
		if (width == 4) {
			for (i = 0; i < n; i++)
				t32[count[(a32[i] >> shift) & 0xffff]++] =
				    a32[i];
			memcpy(a32, t32, n * sizeof(*a32));
		} else {
			for (i = 0; i < n; i++)
				t64[count[(a64[i] >> shift) & 0xffff]++] =
				    a64[i];
			memcpy(a64, t64, n * sizeof(*a64));
		}
	}
	free(count);
	free(t32);
	free(t64);
}

static void
sort_values(struct cg_grade_vals *v)
{
	uint32_t *k32;
	uint64_t *k64;
	size_t i;

	if (v->n < 2)
		return;
	if (v->small) {
		k32 = cg_xreallocarray(NULL, v->n, sizeof(*k32));
		for (i = 0; i < v->n; i++)
			k32[i] = key32(v->f[i]);
		radix(k32, v->n, 4);
		for (i = 0; i < v->n; i++)
			v->f[i] = unkey32(k32[i]);
		free(k32);
	} else {
		k64 = cg_xreallocarray(NULL, v->n, sizeof(*k64));
		for (i = 0; i < v->n; i++)
			k64[i] = key64(v->d[i]);
		radix(k64, v->n, 8);
		for (i = 0; i < v->n; i++)
			v->d[i] = unkey64(k64[i]);
		free(k64);
	}
}

/* The i-th distinct value, whichever the storage. */
static double
uval(const struct cg_grade_vals *v, size_t i)
{
	return v->small ? (double)v->f[i] : v->d[i];
}

/*
 * The second pass asks where each row's value sits: a binary search of
 * a million distinct volumes misses the cache at nearly every step, and
 * was a fifth of a default grade run. Two aids, built once:
 *   - values that are all whole numbers in a short span (orders, days,
 *     kilometres, counts) get a table from the number to its place;
 *   - others get every SAMP-th value in a small array that stays in the
 *     cache; the search there leaves a block of SAMP values to search;
 *   - and where there are many distinct values (volumes), a hash table
 *     from the value to its place answers a value of the set with one
 *     memory access where the search took three or four.
 */
#define SAMP 32
#define ITAB_MAX 65536
#define HASH_MIN 4096

/* Fibonacci hashing: the product's top bits depend on every bit of the
 * value, as whole amounts leave the low mantissa bits all zero. */
static size_t
hslot(const struct cg_grade_vals *v, uint64_t bits)
{
	return (size_t)((bits * 0x9E3779B97F4A7C15ULL) >> v->hshift);
}

static uint64_t
bits_of(double x)
{
	uint64_t u;

	x = x == 0 ? 0 : x;	/* -0 and 0 are one value */
	memcpy(&u, &x, sizeof(u));
	return u;
}

static void
build_hash(struct cg_grade_vals *v)
{
	size_t slots = 1, i, k;
	uint64_t b;

	v->hshift = 64;
	while (slots < 2 * v->nu)
		slots *= 2, v->hshift--;
	v->hash = cg_xcalloc(slots, sizeof(*v->hash));
	v->hmask = slots - 1;
	for (i = 0; i < v->nu; i++) {
		b = bits_of(uval(v, i));
		for (k = hslot(v, b); v->hash[k].equal != 0; k = (k + 1) & v->hmask)
			;
		v->hash[k].bits = b;
		v->hash[k].below = v->below[i];
		v->hash[k].equal = v->below[i + 1] - v->below[i];
	}
}

static void
build_aids(struct cg_grade_vals *v)
{
	size_t i, k, span;
	double lo, hi, x;

	if (v->nu < 16)
		return;		/* a few values: the plain search is cheap */
	lo = uval(v, 0);
	hi = uval(v, v->nu - 1);
	for (i = 0; i < v->nu; i++) {
		x = uval(v, i);
		if (x != floor(x))
			break;
	}
	if (i == v->nu && hi - lo < ITAB_MAX) {
		span = (size_t)(hi - lo) + 1;
		v->itab = cg_xreallocarray(NULL, span, sizeof(*v->itab));
		v->imin = lo;
		v->nitab = span;
		for (k = 0, i = 0; k < span; k++) {
			while (uval(v, i) < lo + (double)k)
				i++;
			v->itab[k] = (uint32_t)i;
		}
		return;
	}
	if (v->nu < 4 * SAMP)
		return;
	if (v->nu >= HASH_MIN)
		build_hash(v);
	v->nsamp = (v->nu + SAMP - 1) / SAMP;
	v->samp = cg_xreallocarray(NULL, v->nsamp, sizeof(*v->samp));
	for (k = 0; k < v->nsamp; k++)
		v->samp[k] = uval(v, k * SAMP);
}

/*
 * The first of a[0..n) that is >= key (n if none), without a branch to
 * mispredict at each step: the compiler turns the choice into a
 * conditional move.
 */
static size_t
lower_d(const double *a, size_t n, double key)
{
	const double *b = a;
	size_t half;

	if (n == 0)
		return 0;
	while (n > 1) {
		half = n / 2;
		b = b[half] < key ? b + half : b;
		n -= half;
	}
	return (size_t)(b - a) + (*b < key);
}

static size_t
lower_f(const float *a, size_t n, double key)
{
	const float *b = a;
	size_t half;

	if (n == 0)
		return 0;
	while (n > 1) {
		half = n / 2;
		b = (double)b[half] < key ? b + half : b;
		n -= half;
	}
	return (size_t)(b - a) + ((double)*b < key);
}

/* Index of the first distinct value >= key (nu if none). */
static size_t
first_ge(const struct cg_grade_vals *v, double key)
{
	size_t lo = 0, hi = v->nu;
	double off;

	if (v->itab != NULL) {
		off = key - v->imin;
		if (off <= 0)
			return 0;
		if (off >= (double)v->nitab)
			return v->nu;
		if (off == floor(off))
			return v->itab[(size_t)off];
		/* Between two whole numbers: the next one's place (past the
		 * largest value: none). */
		if ((size_t)off + 1 >= v->nitab)
			return v->nu;
		return v->itab[(size_t)off + 1];
	}
	if (v->samp != NULL) {
		size_t j = lower_d(v->samp, v->nsamp, key);

		/* samp[j - 1] < key <= samp[j]: the answer lies in
		 * (SAMP * (j - 1), SAMP * j]. */
		lo = j > 0 ? SAMP * (j - 1) + 1 : 0;
		hi = SAMP * j < v->nu ? SAMP * j : v->nu;
	}
	/* An empty set has no array to point into (NULL + 0 is UB). */
	if (hi == lo)
		return lo;
	return lo + (v->small ? lower_f(v->f + lo, hi - lo, key) :
	    lower_d(v->d + lo, hi - lo, key));
}

void
cg_grade_vals_freeze(struct cg_grade_vals *v)
{
	size_t i, nu = 0;

	sort_values(v);
	/*
	 * Fold runs of equal values in place; below[k] remembers where run
	 * k started in the sorted order, which is the count of smaller ones.
	 */
	v->below = cg_xreallocarray(NULL, v->n + 1, sizeof(uint32_t));
	for (i = 0; i < v->n; i++) {
		if (i > 0 && uval(v, i) == uval(v, nu - 1))
			continue;
		if (v->small)
			v->f[nu] = v->f[i];
		else
			v->d[nu] = v->d[i];
		v->below[nu++] = (uint32_t)i;
	}
	v->below[nu] = (uint32_t)v->n;
	v->nu = nu;
	if (nu > 0) {
		if (v->small)
			v->f = cg_xreallocarray(v->f, nu, sizeof(float));
		else
			v->d = cg_xreallocarray(v->d, nu, sizeof(double));
	}
	v->below = cg_xreallocarray(v->below, nu + 1, sizeof(uint32_t));
	v->cap = nu;
	build_aids(v);
}

void
cg_grade_vals_sums(struct cg_grade_vals *v)
{
	size_t i;
	double s = 0;

	v->above_sum = cg_xreallocarray(NULL, v->nu + 1, sizeof(double));
	/* From the top down, so each sum adds larger values first. */
	for (i = v->nu; i-- > 0; ) {
		v->above_sum[i] = s;
		s += uval(v, i) * (double)(v->below[i + 1] - v->below[i]);
	}
	v->above_sum[v->nu] = 0;
}

void
cg_grade_vals_rank(const struct cg_grade_vals *v, double x, size_t *below,
    size_t *equal, double *above_sum)
{
	double key = v->small ? (double)(float)x : x;
	size_t lo, k;
	uint64_t b;

	if (v->hash != NULL && above_sum == NULL) {
		b = bits_of(key);
		for (k = hslot(v, b); v->hash[k].equal != 0;
		    k = (k + 1) & v->hmask)
			if (v->hash[k].bits == b) {
				*below = v->hash[k].below;
				*equal = v->hash[k].equal;
				return;
			}
		/* Not a value of the set: search for its place. */
	}
	lo = first_ge(v, key);

	*below = v->below[lo];
	if (lo < v->nu && uval(v, lo) == key) {
		*equal = v->below[lo + 1] - v->below[lo];
		if (above_sum != NULL)
			*above_sum = v->above_sum ? v->above_sum[lo] : 0;
	} else {
		*equal = 0;
		if (above_sum != NULL)
			*above_sum = v->above_sum ? (lo < v->nu ?
			    v->above_sum[lo] + uval(v, lo) *
			    (double)(v->below[lo + 1] - v->below[lo]) : 0) : 0;
	}
}

void
cg_grade_vals_free(struct cg_grade_vals *v)
{
	free(v->d);
	free(v->f);
	free(v->below);
	free(v->above_sum);
	free(v->itab);
	free(v->samp);
	free(v->hash);
	memset(v, 0, sizeof(*v));
}

double
cg_grade_midrank(size_t below, size_t equal, size_t n)
{
	if (n <= 1)
		return 0.5;
	if (equal == 0)
		equal = 1;
	return ((double)below + ((double)equal - 1) / 2) / (double)(n - 1);
}

int
cg_grade_quintile(size_t better_than, size_t n)
{
	if (n == 0)
		return 0;
	return 1 + (int)(5 * better_than / n);
}
