/*
 * buf.c - growable text buffer.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"

static void
grow(struct cg_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap *= 2;
	b->s = cg_xrealloc(b->s, b->cap);
}

void
cg_buf_add(struct cg_buf *b, const char *s, size_t n)
{
	grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
cg_buf_adds(struct cg_buf *b, const char *s)
{
	cg_buf_add(b, s, strlen(s));
}

void
cg_buf_addc(struct cg_buf *b, char c)
{
	cg_buf_add(b, &c, 1);
}

void
cg_buf_printf(struct cg_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
cg_buf_reset(struct cg_buf *b)
{
	b->len = 0;
	if (b->s != NULL)
		b->s[0] = '\0';
}

void
cg_buf_free(struct cg_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}
