/*
 * profile_group.c - the groups a profile compares (the grades, or the
 * values of --group's column) and their scale order. The order grades
 * first appear in says nothing: a file sorted by name may start with a
 * C. So names are sorted by what they are: letter grades by letter and
 * with more letters first (AAA before AA before A), quadrant's names in
 * its order, whole numbers by value, other names byte by byte.
 */
#include <stdlib.h>
#include <string.h>

#include "clientgrade/profile.h"
#include "profile_int.h"

static const char *const quad_names[] = {
	"key", "growth", "maintenance", "service"
};

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* A letter grade: 1 to 4 of one ASCII letter, then '+' or '-' or not. */
static int
letter_grade(const char *s, size_t n, int *letter, int *reps, int *suffix)
{
	size_t i = 1;

	if (n == 0 || lower((unsigned char)s[0]) < 'a' ||
	    lower((unsigned char)s[0]) > 'z')
		return 0;
	while (i < n && i < 4 && lower((unsigned char)s[i]) ==
	    lower((unsigned char)s[0]))
		i++;
	*letter = lower((unsigned char)s[0]);
	*reps = (int)i;
	*suffix = 1;
	if (i < n && (s[i] == '+' || s[i] == '-'))
		*suffix = s[i++] == '+' ? 0 : 2;
	return i == n;
}

static int
quad_rank(const char *s, size_t n)
{
	size_t q, i;

	for (q = 0; q < sizeof(quad_names) / sizeof(quad_names[0]); q++) {
		if (strlen(quad_names[q]) != n)
			continue;
		for (i = 0; i < n && lower((unsigned char)s[i]) ==
		    quad_names[q][i]; i++)
			;
		if (i == n)
			return (int)q;
	}
	return -1;
}

static int
digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

/* The class of a name (0 letter grade, 1 quadrant, 2 number, 3 other),
 * and a rank within it where the class has one. */
static int
classify(const char *s, size_t n, long *rank)
{
	int letter, reps, suffix, q;

	if (letter_grade(s, n, &letter, &reps, &suffix)) {
		*rank = (long)letter * 64 + (4 - reps) * 4 + suffix;
		return 0;
	}
	if ((q = quad_rank(s, n)) >= 0) {
		*rank = q;
		return 1;
	}
	*rank = 0;
	return digits(s, n) ? 2 : 3;
}

/* Whole numbers of any length by value: shorter (no leading zeros
 * counted) is smaller, then digit by digit. */
static int
num_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	while (an > 1 && *a == '0')
		a++, an--;
	while (bn > 1 && *b == '0')
		b++, bn--;
	if (an != bn)
		return an < bn ? -1 : 1;
	return memcmp(a, b, an);
}

static int
bytes_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);

	if (c != 0)
		return c;
	return an < bn ? -1 : an > bn;
}

int
cg_profile_group_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	long ra, rb;
	int ca, cb, c;

	if (an == 0 || bn == 0)
		return (an == 0) - (bn == 0);
	ca = classify(a, an, &ra);
	cb = classify(b, bn, &rb);
	if (ca != cb)
		return ca < cb ? -1 : 1;
	if (ra != rb)
		return ra < rb ? -1 : 1;
	if (ca == 2 && (c = num_cmp(a, an, b, bn)) != 0)
		return c;
	return bytes_cmp(a, an, b, bn);
}

void
cg_pgroups_init(struct cg_pgroups *gs)
{
	memset(gs, 0, sizeof(*gs));
	cg_strtab_init(&gs->names);
}

void
cg_pgroups_free(struct cg_pgroups *gs)
{
	cg_strtab_free(&gs->names);
}

int
cg_pgroups_of(struct cg_pgroups *gs, const char *s, size_t n)
{
	size_t g;

	/* Rows of one grade tend to come together: the last one first. */
	if (gs->last_ok && n == gs->last_n && memcmp(s,
	    cg_strtab_key(&gs->names, gs->last, NULL), n) == 0)
		return (int)gs->last;
	if ((g = cg_strtab_find(&gs->names, s, n)) == CG_STRTAB_NONE) {
		if (gs->names.n >= CG_PROFILE_MAXGROUPS)
			return -1;
		g = cg_strtab_intern(&gs->names, s, n, NULL);
	}
	gs->last = g;
	gs->last_n = n;
	gs->last_ok = 1;
	return (int)g;
}

/* A group's name beside its index, so qsort needs no context. */
struct named {
	const char *s;
	size_t n, g;
};

static int
named_cmp(const void *x, const void *y)
{
	const struct named *a = x, *b = y;

	return cg_profile_group_cmp(a->s, a->n, b->s, b->n);
}

void
cg_pgroups_sort(struct cg_pgroups *gs)
{
	struct named v[CG_PROFILE_MAXGROUPS];
	size_t i, n = gs->names.n;

	for (i = 0; i < n; i++) {
		v[i].s = cg_strtab_key(&gs->names, i, &v[i].n);
		v[i].g = i;
	}
	qsort(v, n, sizeof(v[0]), named_cmp);
	gs->ngraded = 0;
	for (i = 0; i < n; i++) {
		gs->order[i] = v[i].g;
		if (v[i].n > 0)
			gs->ngraded++;
	}
	/* The empty name sorts last, so the graded ones come first. */
	gs->top = gs->order[0];
	gs->bottom = gs->ngraded > 0 ? gs->order[gs->ngraded - 1] : 0;
}

const char *
cg_pgroups_name(const struct cg_pgroups *gs, size_t g, size_t *n)
{
	const char *s = cg_strtab_key(&gs->names, g, n);

	if (*n == 0) {
		*n = 6;
		return "(none)";
	}
	return s;
}
