/*
 * reader_bytes.c - the reader's input bytes: the read buffer, the spool
 * copy of a pipe that will be read twice, and the segments (lines) the
 * buffer is cut into before libcsv sees them.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clientgrade/alloc.h"
#include "clientgrade/run.h"
#include "clientgrade/value.h"
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

/*
 * Length of the valid UTF-8 character at s (RFC 3629: no overlong forms,
 * no surrogates, nothing above U+10FFFF), or 0.
 */
static size_t
utf8_len(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len, i;
	unsigned lo = 0x80, hi = 0xBF;

	if (u[0] >= 0xC2 && u[0] <= 0xDF)
		len = 2;
	else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		len = 3;
		if (u[0] == 0xE0)
			lo = 0xA0;
		else if (u[0] == 0xED)
			hi = 0x9F;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		len = 4;
		if (u[0] == 0xF0)
			lo = 0x90;
		else if (u[0] == 0xF4)
			hi = 0x8F;
	} else
		return 0;
	if (n < len || u[1] < lo || u[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if (u[i] < 0x80 || u[i] > 0xBF)
			return 0;
	return len;
}

/*
 * A file that is not UTF-8 passes through as the bytes it is, but its
 * names would reach an agenda, an .ics or a --owner match as garbage:
 * say so once, at the first such line, and what to do about it. The
 * bytes are checked as they are read, a buffer at a time (all ASCII is
 * one quick pass), up to a character cut by the end of the buffer.
 */
static void
utf8_scan(struct cg_reader *r)
{
	const char *s = r->buf + r->utf8_from, *p;
	size_t n = r->end - r->utf8_from, k, back;
	long line;

	/* A character the next read completes is checked then. */
	for (back = 0; !r->eof && back < 3 && back < n &&
	    ((unsigned char)s[n - 1 - back] & 0xC0) == 0x80; back++)
		;
	if (!r->eof && back < n && (unsigned char)s[n - 1 - back] >= 0xC0)
		n -= back + 1;
	/* ASCII runs at word speed; each other character is checked. */
	for (k = 0; k < n; ) {
		size_t len;

		while (k + 32 <= n) {
			uint64_t w[4];

			memcpy(w, s + k, 32);
			if ((w[0] | w[1] | w[2] | w[3]) &
			    0x8080808080808080ULL)
				break;
			k += 32;
		}
		while (k < n && (unsigned char)s[k] < 0x80)
			k++;
		if (k == n || (len = utf8_len(s + k, n - k)) == 0)
			break;
		k += len;
	}
	r->utf8_from += k;
	if (k >= n)
		return;
	/* The line of the bad byte: r->line is the line at buf[beg]. */
	line = r->line;
	for (p = r->buf + r->beg; p < s + k; p++)
		if (*p == '\n')
			line++;
	r->utf8_noted = 1;
	cg_say(r->o.run, CG_SAY_NOTE, r->name, line, 0, "not valid UTF-8 "
	    "(from here on, bytes pass through as they are; if the file is "
	    "Windows-1252, as German and French Excel write, say --encoding "
	    "cp1252)");
}

/* Read more input after [beg, end), moving it to the front. 0 or -1. */
int
cg_rd_fill(struct cg_reader *r, struct cg_err *err)
{
	ssize_t n;

	if (r->beg > 0) {
		memmove(r->buf, r->buf + r->beg, r->end - r->beg);
		r->end -= r->beg;
		r->utf8_from = r->utf8_from > r->beg ? r->utf8_from - r->beg :
		    0;
		r->beg = 0;
	}
	if (r->end == r->cap) {
		/* Only the sniffing of a huge header line gets here. */
		r->cap *= 2;
		r->buf = cg_xrealloc(r->buf, r->cap);
	}
	if (r->cap - r->end < 8) {
		/* iconv needs room for a whole character (a test's read size
		 * may be a single byte). */
		while (r->cap - r->end < 8)
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
	if (!r->utf8_noted && !r->rewound && r->d.encoding == NULL)
		utf8_scan(r);
	return 0;
}
