/*
 * reader_decode.c - input that is not UTF-8, turned into UTF-8 before the
 * reader sees a byte of it.
 *
 * Everything after this point (libcsv, the roles, the values, the texts
 * for people: agenda, .ics, SVG) works on UTF-8. So a UTF-16 file (Excel's
 * "Unicode text", found by its byte order mark) or a file named with
 * --encoding (cp1252, latin1, ...) is decoded here with iconv, and the
 * writer encodes CSV back into the same encoding (writer.c): records that
 * no tool touched come out as the bytes they came in as.
 *
 * Decoded input is not seekable in its own offsets, so a second pass
 * always reads the spool, which holds the decoded bytes.
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "clientgrade/alloc.h"
#include "reader_int.h"

#define IN_CHUNK (64 * 1024)

/* Up to `want` raw bytes into the input buffer; 0 or -1. */
static int
raw_read(struct cg_reader *r, size_t want, struct cg_err *err)
{
	struct cg_rd_decoder *d = r->dec;
	ssize_t n;

	if (d->ilen == d->icap) {
		d->icap = d->icap ? d->icap * 2 : IN_CHUNK;
		d->ibuf = cg_xrealloc(d->ibuf, d->icap);
	}
	if (want > d->icap - d->ilen)
		want = d->icap - d->ilen;
	for (;;) {
		n = read(r->fd, d->ibuf + d->ilen, want);
		if (n >= 0)
			break;
		if (errno != EINTR)
			return cg_err_set(err, CG_EIO, r->name, 0, 0,
			    "read error:");
	}
	if (n == 0)
		d->ieof = 1;
	d->ilen += (size_t)n;
	return 0;
}

/*
 * The encoding a file's first bytes announce: a UTF-16 byte order mark.
 * Reads (and keeps) up to two bytes. NULL: nothing to decode.
 */
static const char *
sniff_bom(struct cg_reader *r, struct cg_err *err, int *failed)
{
	struct cg_rd_decoder *d = r->dec;

	/* Two bytes exactly: a file that is UTF-8 after all must not have
	 * more than that waiting here instead of in the reader's buffer. */
	while (d->ilen < 2 && !d->ieof)
		if (raw_read(r, 2 - d->ilen, err) < 0) {
			*failed = 1;
			return NULL;
		}
	if (d->ilen >= 2 && (unsigned char)d->ibuf[0] == 0xFF &&
	    (unsigned char)d->ibuf[1] == 0xFE)
		return "UTF-16LE";
	if (d->ilen >= 2 && (unsigned char)d->ibuf[0] == 0xFE &&
	    (unsigned char)d->ibuf[1] == 0xFF)
		return "UTF-16BE";
	return NULL;
}

/* 1 if `enc` names UTF-8 itself: nothing to do. */
static int
is_utf8(const char *enc)
{
	return strcasecmp(enc, "UTF-8") == 0 || strcasecmp(enc, "UTF8") == 0;
}

int
cg_rd_decode_open(struct cg_reader *r, struct cg_err *err)
{
	const char *enc = r->o.encoding;
	int failed = 0;

	r->dec = cg_xcalloc(1, sizeof(*r->dec));
	r->dec->cd = (iconv_t)-1;
	if (enc == NULL || is_utf8(enc)) {
		/* A UTF-16 file says so itself; anything else is UTF-8 (or
		 * passes through as the bytes it is). */
		enc = sniff_bom(r, err, &failed);
		if (failed)
			return -1;
	}
	if (enc == NULL || is_utf8(enc))
		return 0;	/* the bytes read so far are handed on as is */
	r->dec->cd = iconv_open("UTF-8", enc);
	if (r->dec->cd == (iconv_t)-1)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "--encoding: '%s' is not an encoding iconv knows", enc);
	r->d.encoding = enc;
	return 0;
}

void
cg_rd_decode_free(struct cg_reader *r)
{
	if (r->dec == NULL)
		return;
	if (r->dec->cd != (iconv_t)-1)
		iconv_close(r->dec->cd);
	free(r->dec->ibuf);
	free(r->dec);
	r->dec = NULL;
}

/* Lines in the decoded bytes not yet fed: for the place of a bad byte. */
static long
line_here(const struct cg_reader *r, const char *out)
{
	const char *p = r->buf + r->beg;
	long line = r->line;

	for (; p < out; p++)
		if (*p == '\n')
			line++;
	return line;
}

ssize_t
cg_rd_decode_read(struct cg_reader *r, char *dst, size_t cap,
    struct cg_err *err)
{
	struct cg_rd_decoder *d = r->dec;
	char *in, *out = dst;
	size_t inleft, outleft = cap;

	for (;;) {
		if (d->ilen == 0 && !d->ieof && raw_read(r, IN_CHUNK, err) < 0)
			return -1;
		if (d->cd == (iconv_t)-1) {
			/* Not decoding: hand on what was read (the BOM sniff
			 * may have read ahead). */
			size_t k = d->ilen < cap ? d->ilen : cap;

			memcpy(dst, d->ibuf, k);
			memmove(d->ibuf, d->ibuf + k, d->ilen - k);
			d->ilen -= k;
			return (ssize_t)k;
		}
		in = d->ibuf;
		inleft = d->ilen;
		if (iconv(d->cd, &in, &inleft, &out, &outleft) == (size_t)-1 &&
		    errno == EILSEQ)
			return cg_err_set(err, CG_EVALUE, r->name,
			    line_here(r, out), 0, "byte 0x%02X is not %s "
			    "(use --encoding to name the file's encoding)",
			    (unsigned char)*in, r->d.encoding);
		memmove(d->ibuf, in, inleft);
		d->ilen = inleft;
		if (out > dst)
			return out - dst;
		if (d->ieof) {
			if (d->ilen > 0)
				return cg_err_set(err, CG_EVALUE, r->name,
				    line_here(r, out), 0, "the file ends in "
				    "the middle of a %s character",
				    r->d.encoding);
			return 0;
		}
		if (raw_read(r, IN_CHUNK, err) < 0)
			return -1;
	}
}
