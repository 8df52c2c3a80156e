/*
 * failmalloc.c - an LD_PRELOAD shim that makes one allocation fail, so
 * the tests can check that every tool meets the library's policy
 * (lib/alloc.c: "out of memory", exit 2) instead of crashing.
 *
 *     CG_FAIL_NTH=N      fail the Nth call of malloc/calloc/realloc
 *                        (1-based; counted over the whole process)
 *     CG_FAIL_PERSIST=1  also fail every call after the Nth
 *     CG_FAIL_REPORT=F   at exit, write the number of calls made to F
 *                        (how the tests learn the range of N to try)
 *
 * It calls glibc's __libc_* entry points rather than dlsym(RTLD_NEXT),
 * because dlsym may itself allocate before the shim is ready.
 * free() is not wrapped: failing it is not a fault a program can see.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

static unsigned long calls;	/* allocations so far */
static unsigned long nth;	/* the one to fail; 0: none */
static int persist;
static int ready;

static void
setup(void)
{
	const char *s;

	ready = 1;
	if ((s = getenv("CG_FAIL_NTH")) != NULL)
		nth = strtoul(s, NULL, 10);
	if ((s = getenv("CG_FAIL_PERSIST")) != NULL)
		persist = *s == '1';
}

/* 1 if this call must fail. */
static int
failnow(void)
{
	if (!ready)
		setup();
	calls++;
	return nth != 0 && (calls == nth || (persist && calls > nth));
}

void *
malloc(size_t n)
{
	if (failnow()) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_malloc(n);
}

void *
calloc(size_t n, size_t size)
{
	if (failnow()) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_calloc(n, size);
}

void *
realloc(void *p, size_t n)
{
	/* realloc(p, 0) frees on glibc; failing it would leak, not fault. */
	if (n != 0 && failnow()) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_realloc(p, n);
}

/* Report the count with write(2): stdio may be closed or broken by now. */
__attribute__((destructor)) static void
report(void)
{
	const char *path = getenv("CG_FAIL_REPORT");
	char buf[32];
	int fd, len;

	if (path == NULL)
		return;
	len = snprintf(buf, sizeof(buf), "%lu\n", calls);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) >= 0) {
		(void)!write(fd, buf, (size_t)len);
		close(fd);
	}
}
