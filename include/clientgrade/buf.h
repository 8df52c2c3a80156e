/*
 * buf.h - a growable byte buffer for building text (reasons, cells).
 * Out of memory aborts through cg_xmalloc's policy (see alloc.h).
 */
#ifndef CLIENTGRADE_BUF_H
#define CLIENTGRADE_BUF_H

#include <stddef.h>

struct cg_buf {
	char *s;	/* NUL-terminated when len > 0 or after any append */
	size_t len, cap;
};

#define CG_BUF_INIT { NULL, 0, 0 }

void cg_buf_add(struct cg_buf *b, const char *s, size_t n);
void cg_buf_adds(struct cg_buf *b, const char *s);
void cg_buf_addc(struct cg_buf *b, char c);
void cg_buf_printf(struct cg_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void cg_buf_reset(struct cg_buf *b);	/* len = 0, keeps memory */
void cg_buf_free(struct cg_buf *b);

#endif
