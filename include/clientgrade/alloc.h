/*
 * alloc.h - allocation with one out-of-memory policy.
 *
 * cg_xmalloc and friends never return NULL: on failure they print
 * "PROG: out of memory", PROG being the program's own name as it was run
 * ("grade: out of memory"), and exit with status 2 (the documented
 * exit for resource trouble). Allocation failure is injected from
 * outside (an LD_PRELOAD shim in test/fault), so lib/ keeps no state.
 */
#ifndef CLIENTGRADE_ALLOC_H
#define CLIENTGRADE_ALLOC_H

#include <stddef.h>

void *cg_xmalloc(size_t n);
void *cg_xcalloc(size_t n, size_t size);
void *cg_xrealloc(void *p, size_t n);
/* realloc of an array of n items of `size` bytes, overflow-checked. */
void *cg_xreallocarray(void *p, size_t n, size_t size);
char *cg_xstrdup(const char *s);
char *cg_xstrndup(const char *s, size_t n);

#endif
