/*
 * reader_bytes.c - the reader's input bytes: the read buffer, the spool
 * copy of a pipe that will be read twice, and the segments (lines) the
 * buffer is cut into before libcsv sees them.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clientgrade/alloc.h"
#include "reader_int.h"

/* Write all of buf to the spool. */
int
cg_rd_spool_write(struct cg_reader *r, const char *p, size_t n, struct cg_err *err)
{
	while (n > 0) {
		ssize_t w = write(r->spool, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return cg_err_set(err, CG_EIO, NULL, 0, 0,
			    "cannot spool %s to a temporary file:", r->name);
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Read more input after [beg, end), moving it to the front. 0 or -1. */
int
cg_rd_fill(struct cg_reader *r, struct cg_err *err)
{
	ssize_t n;

	if (r->beg > 0) {
		memmove(r->buf, r->buf + r->beg, r->end - r->beg);
		r->end -= r->beg;
		r->beg = 0;
	}
	if (r->end == r->cap) {
		/* Only the sniffing of a huge header line gets here. */
		r->cap *= 2;
		r->buf = cg_xrealloc(r->buf, r->cap);
	}
	if (r->cap - r->end < 8) {
		/* iconv needs room for a whole character. */
		r->cap *= 2;
		r->buf = cg_xrealloc(r->buf, r->cap);
	}
	if (r->dec != NULL && (r->dec->cd != (iconv_t)-1 ||
	    r->dec->ilen > 0)) {
		if ((n = cg_rd_decode_read(r, r->buf + r->end, r->cap - r->end,
		    err)) < 0)
			return -1;
	} else for (;;) {
		n = read(r->fd, r->buf + r->end, r->cap - r->end);
		if (n >= 0)
			break;
		if (errno != EINTR)
			return cg_err_set(err, CG_EIO, r->name, 0, 0,
			    "read error:");
	}
	if (n == 0) {
		r->eof = 1;
		return 0;
	}
	if (r->spooling && cg_rd_spool_write(r, r->buf + r->end, (size_t)n, err) < 0)
		return -1;
	r->end += (size_t)n;
	return 0;
}

/*
 * Length of the next segment at buf[beg]: up to and including a line feed
 * or a lone carriage return. 0 when more input is needed first.
 */
size_t
cg_rd_segment(struct cg_reader *r)
{
	const char *s = r->buf + r->beg;
	size_t avail = r->end - r->beg;
	const char *nl = memchr(s, '\n', avail);
	const char *cr;
	size_t len;

	if (nl != NULL)
		len = (size_t)(nl - s) + 1;
	else if (r->eof || avail == r->cap)
		len = avail;	/* last piece, or a line longer than the buffer */
	else
		return 0;
	/* A CR that is not the CR of a final CR LF ends a segment too. */
	if (len >= 2 && (cr = memchr(s, '\r', len - (nl != NULL ? 2 : 1)))
	    != NULL)
		len = (size_t)(cr - s) + 1;
	return len;
}
