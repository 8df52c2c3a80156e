#define _GNU_SOURCE	/* program_invocation_short_name */
/*
 * alloc.c - allocation that cannot return NULL. Running out of memory is
 * resource trouble (exit 2), reported once, never a crash later on.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clientgrade/alloc.h"
#include "clientgrade/error.h"
#include "clientgrade/outfile.h"

/*
 * The message names the program as it was run ("grade: out of memory").
 * glibc keeps that name for us (program_invocation_short_name), so the
 * library needs no global of its own and no setup call that a test or a
 * harness could forget.
 */
static void
nomem(void)
{
	static const char msg[] = ": out of memory\n";
	const char *prog = program_invocation_short_name;

	/* No half-written temporary may outlive us. */
	cg_outfile_unlink_all();
	/* stdio may itself need memory; write(2) does not. */
	(void)!write(2, prog, strlen(prog));
	(void)!write(2, msg, sizeof(msg) - 1);
	_exit(CG_EXIT_TROUBLE);
}

void *
cg_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		nomem();
	return p;
}

void *
cg_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		nomem();
	return p;
}

void *
cg_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		nomem();
	return q;
}

void *
cg_xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		nomem();
	return cg_xrealloc(p, n * size);
}

char *
cg_xstrndup(const char *s, size_t n)
{
	char *p = cg_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
cg_xstrdup(const char *s)
{
	return cg_xstrndup(s, strlen(s));
}
