/*
 * writer.c - CSV out, in the input's dialect.
 *
 * Untouched records are copied from their input bytes; only fields a tool
 * computed are encoded, quoted only where a reader needs it (or always, in
 * a quote-everything file). Output is buffered and written with write(2),
 * so a full disk or a closed pipe is seen as an error here, not lost in
 * stdio.
 */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clientgrade/alloc.h"
#include "clientgrade/csv.h"

#define WBUF	(256 * 1024)

struct cg_writer {
	int fd;
	const char *name;
	struct cg_dialect d;
	char *buf;
	size_t len;
	int started;		/* BOM written */
	int failed;
	int errnum;		/* errno of the first failed write */
	size_t *span;		/* field spans of a raw record: start, end */
	size_t spancap;
	iconv_t cd;		/* UTF-8 to the input's encoding, or -1 */
	char *obuf;		/* encoded bytes of buf */
};

struct cg_writer *
cg_writer_new(int fd, const char *name, const struct cg_dialect *d)
{
	struct cg_writer *w = cg_xcalloc(1, sizeof(*w));

	w->fd = fd;
	w->name = name;
	w->d = *d;
	w->buf = cg_xmalloc(WBUF);
	w->cd = (iconv_t)-1;
	if (d->encoding != NULL) {
		/* The reader opened the same name the other way, so this
		 * cannot fail but for memory; //TRANSLIT keeps a character
		 * a tool wrote that the encoding lacks from failing. */
		char name8[64];

		snprintf(name8, sizeof(name8), "%s//TRANSLIT", d->encoding);
		w->cd = iconv_open(name8, "UTF-8");
		if (w->cd == (iconv_t)-1)
			w->cd = iconv_open(d->encoding, "UTF-8");
		/* UTF-16 needs two bytes a UTF-8 byte at most (four for
		 * three), every other encoding fewer. */
		w->obuf = cg_xmalloc(2 * WBUF + 8);
	}
	return w;
}

/* The one message for a failed output: `[FILE: ]write error: reason`. */
static int
werr(struct cg_writer *w, struct cg_err *err)
{
	const char *file = strcmp(w->name, "<stdout>") == 0 ? NULL : w->name;

	return cg_err_set(err, CG_EWRITE, file, 0, 0, "write error: %s",
	    strerror(w->errnum));
}

/*
 * Encode buf for the input's encoding into obuf: its length. A character
 * cut at the end of buf stays there for the next drain.
 */
static size_t
transcode(struct cg_writer *w, size_t *keep)
{
	char *in = w->buf, *out = w->obuf;
	size_t inleft = w->len, outleft = 2 * WBUF + 8;

	while (inleft > 0 && iconv(w->cd, &in, &inleft, &out, &outleft) ==
	    (size_t)-1 && errno == EILSEQ) {
		/* Not UTF-8 after all (bytes that came in undecoded): as is. */
		*out++ = *in++;
		inleft--;
		outleft--;
	}
	*keep = inleft;
	return (size_t)(out - w->obuf);
}

static int
drain(struct cg_writer *w, struct cg_err *err)
{
	size_t off = 0, keep = 0, len = w->len;
	const char *src = w->buf;

	if (w->failed)
		return werr(w, err);
	if (w->cd != (iconv_t)-1) {
		len = transcode(w, &keep);
		src = w->obuf;
	}
	while (off < len) {
		ssize_t n = write(w->fd, src + off, len - off);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			w->failed = 1;
			w->errnum = errno;
			w->len = 0;
			return werr(w, err);
		}
		off += (size_t)n;
	}
	memmove(w->buf, w->buf + w->len - keep, keep);
	w->len = keep;
	return 0;
}

static void
put(struct cg_writer *w, const char *s, size_t n)
{
	while (n > 0) {
		size_t room = WBUF - w->len, k = n < room ? n : room;

		memcpy(w->buf + w->len, s, k);
		w->len += k;
		s += k;
		n -= k;
		if (w->len == WBUF)
			(void)drain(w, NULL);	/* error surfaces at flush */
	}
}

static void
putc1(struct cg_writer *w, char c)
{
	if (w->len == WBUF)
		(void)drain(w, NULL);
	w->buf[w->len++] = c;
}

/* 1 if `s` must be quoted in dialect d. */
static int
needs_quote(const char *s, size_t n, const struct cg_dialect *d)
{
	size_t i;

	if (d->quote_all)
		return 1;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c == d->delim || c == '"' || c == '\n' || c == '\r')
			return 1;
	}
	return 0;
}

static void
encode(struct cg_writer *w, const char *s, size_t n)
{
	const char *q;

	if (!needs_quote(s, n, &w->d)) {
		put(w, s, n);
		return;
	}
	putc1(w, '"');
	while ((q = memchr(s, '"', n)) != NULL) {
		put(w, s, (size_t)(q - s) + 1);
		putc1(w, '"');
		n -= (size_t)(q - s) + 1;
		s = q + 1;
	}
	put(w, s, n);
	putc1(w, '"');
}

static void
newline(struct cg_writer *w)
{
	if (w->d.crlf || w->d.cr)
		putc1(w, '\r');
	if (!w->d.cr)
		putc1(w, '\n');
}

/*
 * Split a record's input bytes into field spans. The bytes were accepted
 * by libcsv, so this only has to follow quotes, not judge them.
 */
static size_t
split_raw(struct cg_writer *w, const struct cg_row *in)
{
	const char *s = in->raw;
	size_t i, nf = 0, start = 0;
	int inq = 0, atstart = 1;

	if (w->spancap < 2 * (in->n + 1)) {
		w->spancap = 2 * (in->n + 1);
		w->span = cg_xreallocarray(w->span, w->spancap, sizeof(size_t));
	}
	for (i = 0; i < in->rawlen; i++) {
		char c = s[i];

		if (c == '"' && (inq || atstart))
			inq = !inq;
		atstart = 0;
		if (!inq && c == w->d.delim) {
			if (nf < in->n) {
				w->span[2 * nf] = start;
				w->span[2 * nf + 1] = i;
			}
			nf++;
			start = i + 1;
			atstart = 1;
		}
	}
	if (nf < in->n) {
		w->span[2 * nf] = start;
		w->span[2 * nf + 1] = in->rawlen;
	}
	return nf + 1;
}

static const struct cg_put *
find_put(const struct cg_put *p, size_t np, size_t col)
{
	size_t i;

	for (i = 0; i < np; i++)
		if (p[i].col == col)
			return &p[i];
	return NULL;
}

static size_t
plen(const struct cg_put *p)
{
	if (p->s == NULL)
		return 0;
	return p->n == CG_STRLEN ? strlen(p->s) : p->n;
}

int
cg_writer_row(struct cg_writer *w, const struct cg_row *in,
    const struct cg_put *p, size_t np, struct cg_err *err)
{
	size_t nin = in != NULL ? in->n : 0, ncol = nin, i;
	int replaces = 0, use_raw;
	const struct cg_put *q;

	if (w->failed)
		return werr(w, err);
	if (!w->started) {
		w->started = 1;
		if (w->d.bom)
			put(w, "\xEF\xBB\xBF", 3);
		if (w->d.sep != 0) {
			put(w, "sep=", 4);
			putc1(w, w->d.sep);
			newline(w);
		}
	}
	for (i = 0; i < np; i++) {
		if (p[i].col < nin)
			replaces = 1;
		else if (p[i].col + 1 > ncol)
			ncol = p[i].col + 1;
	}
	use_raw = in != NULL && in->raw != NULL;
	if (use_raw && !replaces) {
		put(w, in->raw, in->rawlen);
	} else {
		if (use_raw && split_raw(w, in) != nin)
			use_raw = 0;	/* raw and fields disagree: encode */
		for (i = 0; i < nin; i++) {
			if (i > 0)
				putc1(w, w->d.delim);
			if ((q = find_put(p, np, i)) != NULL)
				encode(w, q->s ? q->s : "", plen(q));
			else if (use_raw)
				put(w, in->raw + w->span[2 * i],
				    w->span[2 * i + 1] - w->span[2 * i]);
			else
				encode(w, in->f[i], in->len[i]);
		}
	}
	for (i = nin; i < ncol; i++) {
		if (i > 0)
			putc1(w, w->d.delim);
		if ((q = find_put(p, np, i)) != NULL)
			encode(w, q->s ? q->s : "", plen(q));
		else if (w->d.quote_all)
			put(w, "\"\"", 2);
	}
	newline(w);
	return w->failed ? werr(w, err) : 0;
}

int
cg_writer_strings(struct cg_writer *w, const char *const *s, size_t n,
    struct cg_err *err)
{
	struct cg_put stack[64] = { { 0, NULL, 0 } }, *p = n <= 64 ? stack :
	    cg_xreallocarray(NULL, n, sizeof(*p));
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		p[i].col = i;
		p[i].s = s[i];
		p[i].n = CG_STRLEN;
	}
	rc = cg_writer_row(w, NULL, p, n, err);
	if (p != stack)
		free(p);
	return rc;
}

int
cg_writer_flush(struct cg_writer *w, struct cg_err *err)
{
	return drain(w, err);
}

int
cg_writer_close(struct cg_writer *w, struct cg_err *err)
{
	int rc;

	if (w == NULL)
		return 0;
	rc = cg_writer_flush(w, err);
	if (w->cd != (iconv_t)-1)
		iconv_close(w->cd);
	free(w->obuf);
	free(w->buf);
	free(w->span);
	free(w);
	return rc;
}
