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

static int
cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int
cmp_f(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;

	return (x > y) - (x < y);
}

/* The i-th distinct value, whichever the storage. */
static double
uval(const struct cg_grade_vals *v, size_t i)
{
	return v->small ? (double)v->f[i] : v->d[i];
}

void
cg_grade_vals_freeze(struct cg_grade_vals *v)
{
	size_t i, nu = 0;

	if (v->small)
		qsort(v->f, v->n, sizeof(float), cmp_f);
	else
		qsort(v->d, v->n, sizeof(double), cmp_d);
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
	size_t lo = 0, hi = v->nu, mid;
	double key = v->small ? (double)(float)x : x;

	/* First distinct value >= key. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (uval(v, mid) < key)
			lo = mid + 1;
		else
			hi = mid;
	}
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
