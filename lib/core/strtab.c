/*
 * strtab.c - byte strings to dense indexes, in first-seen order.
 *
 * A slot holds the key's index + 1 in its low 32 bits and the high 32
 * bits of its hash above, so most probes that miss are settled without
 * touching the key. The table doubles when half full.
 */
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/strtab.h"

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

uint64_t
cg_hash_bytes(const char *s, size_t n)
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

void
cg_strtab_init(struct cg_strtab *t)
{
	memset(t, 0, sizeof(*t));
	t->mask = 63;
	t->slot = cg_xcalloc(t->mask + 1, sizeof(*t->slot));
}

void
cg_strtab_free(struct cg_strtab *t)
{
	free(t->slot);
	free(t->off);
	free(t->len);
	free(t->arena);
	memset(t, 0, sizeof(*t));
}

#define TAG(h) ((h) & 0xffffffff00000000ULL)

/* The slot where s is, or the empty one where it would go. */
static uint64_t *
probe(const struct cg_strtab *t, const char *s, size_t n, uint64_t h)
{
	size_t i = (size_t)h & t->mask;

	for (;; i = (i + 1) & t->mask) {
		uint64_t v = t->slot[i];
		size_t k;

		if (v == 0)
			return &t->slot[i];
		if (TAG(v) != TAG(h))
			continue;
		k = (size_t)(v & 0xffffffffULL) - 1;
		if (t->len[k] == n && memcmp(t->arena + t->off[k], s, n) == 0)
			return &t->slot[i];
	}
}

static void
grow(struct cg_strtab *t)
{
	size_t ncap = (t->mask + 1) * 2, i, j, k;
	uint64_t *ns = cg_xcalloc(ncap, sizeof(*ns));

	for (i = 0; i <= t->mask; i++) {
		if (t->slot[i] == 0)
			continue;
		k = (size_t)(t->slot[i] & 0xffffffffULL) - 1;
		j = (size_t)cg_hash_bytes(t->arena + t->off[k], t->len[k]) &
		    (ncap - 1);
		while (ns[j] != 0)
			j = (j + 1) & (ncap - 1);
		ns[j] = t->slot[i];
	}
	free(t->slot);
	t->slot = ns;
	t->mask = ncap - 1;
}

size_t
cg_strtab_find(const struct cg_strtab *t, const char *s, size_t n)
{
	uint64_t v = *probe(t, s, n, cg_hash_bytes(s, n));

	return v == 0 ? CG_STRTAB_NONE : (size_t)(v & 0xffffffffULL) - 1;
}

size_t
cg_strtab_intern(struct cg_strtab *t, const char *s, size_t n, int *added)
{
	uint64_t h = cg_hash_bytes(s, n), *sl = probe(t, s, n, h);

	if (added != NULL)
		*added = *sl == 0;
	if (*sl != 0)
		return (size_t)(*sl & 0xffffffffULL) - 1;
	if (t->n >= 0xfffffffeUL)
		cg_xreallocarray(NULL, SIZE_MAX, 2);	/* out of memory */
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->off = cg_xreallocarray(t->off, t->cap, sizeof(*t->off));
		t->len = cg_xreallocarray(t->len, t->cap, sizeof(*t->len));
	}
	if (t->room - t->used < n + 1) {
		while (t->room - t->used < n + 1)
			t->room = t->room ? t->room * 2 : 4096;
		t->arena = cg_xrealloc(t->arena, t->room);
	}
	memcpy(t->arena + t->used, s, n);
	t->arena[t->used + n] = '\0';
	t->off[t->n] = t->used;
	t->len[t->n] = n;
	t->used += n + 1;
	*sl = TAG(h) | (uint64_t)(t->n + 1);
	t->n++;
	if (t->n * 2 > t->mask + 1)
		grow(t);
	return t->n - 1;
}

const char *
cg_strtab_key(const struct cg_strtab *t, size_t i, size_t *n)
{
	if (n != NULL)
		*n = t->len[i];
	return t->arena + t->off[i];
}
