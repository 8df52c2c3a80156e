/*
 * strtab.h - one string hash table for the suite: byte strings to dense
 * indexes 0..n-1 in first-seen order (owners, duplicate keys, accounts,
 * distinct values). Open addressing with linear probing; the table owns
 * copies of its keys.
 *
 *     struct cg_strtab t;
 *     cg_strtab_init(&t);
 *     size_t i = cg_strtab_intern(&t, s, n, &added);   // 0, 1, 2, ...
 *     if (cg_strtab_find(&t, s, n) == CG_STRTAB_NONE) ...
 *     cg_strtab_free(&t);
 */
#ifndef CLIENTGRADE_STRTAB_H
#define CLIENTGRADE_STRTAB_H

#include <stddef.h>
#include <stdint.h>

#define CG_STRTAB_NONE ((size_t)-1)

struct cg_strtab {
	uint64_t *slot;		/* (hash high bits | index + 1); 0 = empty */
	size_t mask;		/* slots - 1 */
	size_t n;		/* keys held */
	size_t *off;		/* key i is at arena + off[i], len[i] bytes */
	size_t *len;
	size_t cap;		/* of off/len */
	char *arena;
	size_t used, room;
};

void cg_strtab_init(struct cg_strtab *t);
void cg_strtab_free(struct cg_strtab *t);

/* Index of s[0..n), added if new (*added = 1; added may be NULL). */
size_t cg_strtab_intern(struct cg_strtab *t, const char *s, size_t n,
    int *added);

/* Index of s[0..n), or CG_STRTAB_NONE. */
size_t cg_strtab_find(const struct cg_strtab *t, const char *s, size_t n);

/* Key i (borrowed; valid until the next intern) and its length. */
const char *cg_strtab_key(const struct cg_strtab *t, size_t i, size_t *n);

/* The hash the table uses: 64 bits, eight bytes at a time. */
uint64_t cg_hash_bytes(const char *s, size_t n);

#endif
