/*
 * reader.c - streaming CSV reader on libcsv that remembers the input bytes
 * of each record.
 *
 * libcsv does the parsing. To know which input bytes made up a record, we
 * feed it one segment at a time: a segment ends at a line feed, or at a
 * carriage return that is not part of a CR LF pair. A record can only end
 * at the end of a segment, so when libcsv reports the end of a record the
 * record's bytes are exactly the segments fed since the previous one. That
 * costs one memchr per line and lets the writer copy untouched records
 * verbatim, whatever quoting style the input used.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "clientgrade/csv.h"
#include "clientgrade/value.h"

#define READ_CHUNK	(256 * 1024)

struct cg_reader {
	int fd;
	int ownfd;		/* close fd in cg_reader_free */
	const char *name;
	struct cg_reader_opts o;
	struct cg_dialect d;
	int dec_known;
	struct csv_parser p;
	int parser_live;	/* p was initialised */

	/* Read buffer: bytes [beg, end) are not yet fed. */
	char *buf;
	size_t cap, beg, end;
	int eof;
	unsigned long long pos;	/* stream offset of buf[beg] */
	long line;		/* line number at buf[beg] */
	int last_cr;		/* previous segment ended in a lone CR */

	/* Record being assembled. */
	char *fb;		/* field bytes, each NUL-terminated */
	size_t fblen, fbcap;
	size_t *foff, *flen;
	const char **fptr;
	size_t nf, nfcap;
	int done;		/* libcsv reported the end of a record */
	int started;		/* a record is in progress */
	long rec_line;
	struct cg_buf raw;	/* record bytes when they span segments */
	size_t rec_bytes;
	struct cg_row row;

	/* Header, kept for the reader's lifetime. */
	int have_hdr;
	struct cg_row hdr;
	char *hdr_fb;
	size_t *hdr_len;
	const char **hdr_f;
	char *hdr_raw;
	long hdr_end_line;
	unsigned long long data_off;	/* stream offset of the first record */

	/* Rewinding: the start offset of a seekable input, or a spool. */
	int seekable;
	off_t start_off;
	int spool;		/* fd of the temporary copy of a pipe, or -1 */
	int spooling;		/* copying what we read into spool */
};

static int
space_none(unsigned char c)
{
	(void)c;
	return 0;	/* keep blanks: fields are passed through unchanged */
}

static void
on_field(void *s, size_t len, void *ctx)
{
	struct cg_reader *r = ctx;

	if (r->nf == r->nfcap) {
		r->nfcap = r->nfcap ? r->nfcap * 2 : 32;
		r->foff = cg_xreallocarray(r->foff, r->nfcap, sizeof(size_t));
		r->flen = cg_xreallocarray(r->flen, r->nfcap, sizeof(size_t));
		r->fptr = cg_xreallocarray(r->fptr, r->nfcap, sizeof(char *));
	}
	if (r->fblen + len + 1 > r->fbcap) {
		while (r->fblen + len + 1 > r->fbcap)
			r->fbcap = r->fbcap ? r->fbcap * 2 : 4096;
		r->fb = cg_xrealloc(r->fb, r->fbcap);
	}
	if (len > 0)
		memcpy(r->fb + r->fblen, s, len);
	r->fb[r->fblen + len] = '\0';
	r->foff[r->nf] = r->fblen;
	r->flen[r->nf] = len;
	r->nf++;
	r->fblen += len + 1;
}

static void
on_row(int c, void *ctx)
{
	struct cg_reader *r = ctx;

	(void)c;
	r->done = 1;
}

static void
parser_init(struct cg_reader *r)
{
	csv_init(&r->p, CSV_STRICT_FINI);
	r->parser_live = 1;
	csv_set_space_func(&r->p, space_none);
	csv_set_delim(&r->p, (unsigned char)r->d.delim);
	csv_set_realloc_func(&r->p, cg_xrealloc);
	csv_set_blk_size(&r->p, 4096);
}

struct cg_reader *
cg_reader_open(int fd, const char *name, const struct cg_reader_opts *o,
    struct cg_err *err)
{
	struct cg_reader *r = cg_xcalloc(1, sizeof(*r));
	struct stat st;

	r->fd = fd;
	r->name = name;
	if (o != NULL)
		r->o = *o;
	if (r->o.max_record == 0)
		r->o.max_record = CG_MAX_RECORD;
	r->cap = r->o.bufsize ? r->o.bufsize : READ_CHUNK;
	r->buf = cg_xmalloc(r->cap);
	r->line = 1;
	r->spool = -1;
	r->d.delim = ',';
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		r->start_off = lseek(fd, 0, SEEK_CUR);
		r->seekable = r->start_off != (off_t)-1;
	}
	if (r->o.rewindable && !r->seekable) {
		char path[] = "/tmp/clientgrade.XXXXXX";
		const char *dir = getenv("TMPDIR");
		struct cg_buf tp = CG_BUF_INIT;

		if (dir != NULL && *dir != '\0') {
			cg_buf_printf(&tp, "%s/clientgrade.XXXXXX", dir);
		} else
			cg_buf_adds(&tp, path);
		r->spool = mkstemp(tp.s);
		if (r->spool < 0) {
			cg_err_set(err, CG_EIO, NULL, 0, 0,
			    "cannot create temporary file %s to spool %s:",
			    tp.s, name);
			cg_buf_free(&tp);
			free(r->buf);
			free(r);
			return NULL;
		}
		/* Nobody else needs the name; it goes away with us. */
		unlink(tp.s);
		cg_buf_free(&tp);
		r->spooling = 1;
	}
	return r;
}

struct cg_reader *
cg_reader_open_path(const char *path, const struct cg_reader_opts *o,
    struct cg_err *err)
{
	struct cg_reader *r;
	int fd;

	if (strcmp(path, "-") == 0) {
		if (o != NULL && o->stdin_closed) {
			cg_err_set(err, CG_EIO, "<stdin>", 0, 0,
			    "read error: %s", strerror(EBADF));
			return NULL;
		}
		return cg_reader_open(0, "<stdin>", o, err);
	}
	if ((fd = open(path, O_RDONLY)) < 0) {
		cg_err_set(err, CG_EIO, path, 0, 0, "cannot open:");
		return NULL;
	}
	if ((r = cg_reader_open(fd, path, o, err)) == NULL) {
		close(fd);
		return NULL;
	}
	r->ownfd = 1;
	return r;
}

void
cg_reader_free(struct cg_reader *r)
{
	if (r == NULL)
		return;
	if (r->parser_live)
		csv_free(&r->p);
	if (r->ownfd)
		close(r->fd);
	if (r->spool >= 0)
		close(r->spool);
	free(r->buf);
	free(r->fb);
	free(r->foff);
	free(r->flen);
	free(r->fptr);
	cg_buf_free(&r->raw);
	free(r->hdr_fb);
	free(r->hdr_len);
	free(r->hdr_f);
	free(r->hdr_raw);
	free(r);
}

/* Write all of buf to the spool. */
static int
spool_write(struct cg_reader *r, const char *p, size_t n, struct cg_err *err)
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
static int
fill(struct cg_reader *r, struct cg_err *err)
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
	for (;;) {
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
	if (r->spooling && spool_write(r, r->buf + r->end, (size_t)n, err) < 0)
		return -1;
	r->end += (size_t)n;
	return 0;
}

/*
 * Length of the next segment at buf[beg]: up to and including a line feed
 * or a lone carriage return. 0 when more input is needed first.
 */
static size_t
segment(struct cg_reader *r)
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

/* Character column (1-based) of byte offset `off` in a line at `ls`. */
static long
char_col(const char *ls, size_t off)
{
	long col = 1;
	size_t i;

	for (i = 0; i < off; i++)
		if (((unsigned char)ls[i] & 0xC0) != 0x80)
			col++;
	return col;
}

void
cg_row_locate(const struct cg_row *row, char delim, size_t idx, long *line,
    long *col)
{
	const char *s = row->raw;
	size_t i, n = row->rawlen, ls = 0, field = 0;
	long ln = row->line;
	int inq = 0, atstart = 1;

	*line = row->line;
	*col = 1;
	if (s == NULL || idx == (size_t)-1)
		return;
	for (i = 0; i < n && field < idx; i++) {
		char c = s[i];

		/* A quote inside an unquoted field is just a character. */
		if (c == '"' && (inq || atstart))
			inq = !inq;
		atstart = 0;
		if (!inq && c == delim) {
			field++;
			atstart = 1;
		} else if (c == '\n' || (c == '\r' && (i + 1 == n ||
		    s[i + 1] != '\n'))) {
			ln++;
			ls = i + 1;
		}
	}
	*line = ln;
	*col = char_col(s + ls, i - ls);
}

int
cg_row_err(struct cg_err *err, enum cg_code code, const struct cg_reader *r,
    const struct cg_row *row, size_t i, const char *fmt, ...)
{
	long line, col;
	va_list ap;

	cg_row_locate(row, r->d.delim, i, &line, &col);
	va_start(ap, fmt);
	cg_err_vset(err, code, r->name, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * Most lines of a CRM export hold no quote at all. For such a line libcsv
 * (not strict, blanks kept) gives exactly the bytes between delimiters,
 * and it costs a callback per byte to learn that; memchr finds the same
 * fields several times faster. So a whole line without a quote, ending in
 * LF or CR LF, is split here; every line with a quote, and every record
 * that is already under way, still goes through libcsv. Returns 1 when
 * the line was taken (r->nf fields, 0 for a blank line).
 */
static int
plain_line(struct cg_reader *r, const char *s, size_t len)
{
	const char *p = s, *end = s + len, *d;
	char delim = r->d.delim;

	if (s[len - 1] != '\n' || memchr(s, '"', len) != NULL)
		return 0;
	end -= 1 + (len >= 2 && s[len - 2] == '\r');
	if (memchr(s, '\r', (size_t)(end - s)) != NULL)
		return 0;	/* a lone CR: libcsv's business */
	if (end == s)
		return 1;	/* blank: no fields, like libcsv */
	for (;;) {
		d = memchr(p, delim, (size_t)(end - p));
		on_field((void *)p, (size_t)((d ? d : end) - p), r);
		if (d == NULL)
			break;
		p = d + 1;
	}
	return 1;
}

/* Start a new record: forget the previous one's fields and bytes. */
static void
record_reset(struct cg_reader *r)
{
	r->nf = 0;
	r->fblen = 0;
	r->done = 0;
	r->started = 0;
	r->rec_bytes = 0;
	cg_buf_reset(&r->raw);
}

/* Fill r->row from the assembled fields; raw = [rs, rs+rn). */
static void
record_finish(struct cg_reader *r, const char *rs, size_t rn)
{
	size_t i;

	for (i = 0; i < r->nf; i++)
		r->fptr[i] = r->fb + r->foff[i];
	/* Drop the record's line ending: the writer adds the dialect's. */
	if (rn > 0 && rs[rn - 1] == '\n')
		rn--;
	if (rn > 0 && rs[rn - 1] == '\r')
		rn--;
	r->row.n = r->nf;
	r->row.f = r->fptr;
	r->row.len = r->flen;
	r->row.raw = rs;
	r->row.rawlen = rn;
	r->row.line = r->rec_line;
}

static int
parse_fail(struct cg_reader *r, struct cg_err *err)
{
	int e = csv_error(&r->p);

	if (e == CSV_ENOMEM || e == CSV_ETOOBIG)
		return cg_err_set(err, CG_ENOMEM, r->name, r->rec_line, 0,
		    "record too large for memory");
	return cg_err_set(err, CG_EPARSE, r->name, r->rec_line, 0, "%s",
	    csv_strerror(e));
}

/*
 * Read the next record into r->row. 1, 0 (end of input), -1 (error).
 */
static int
read_record(struct cg_reader *r, struct cg_err *err)
{
	size_t len;

	record_reset(r);
	for (;;) {
		const char *s;
		int was_started;

		if (r->beg == r->end && !r->eof) {
			if (fill(r, err) < 0)
				return -1;
			continue;
		}
		if (r->beg == r->end) {
			/*
			 * End of input: a last record without a line end.
			 * libcsv reports an open quote here only in strict
			 * mode, which would also reject stray quotes we
			 * pass through; so look at its state ourselves.
			 */
			if ((r->p.pstate == 2 && r->p.quoted) ||
			    csv_fini(&r->p, on_field, on_row, r) != 0) {
				r->row.raw = r->raw.s;
				r->row.rawlen = r->raw.len;
				r->row.line = r->rec_line;
				r->row.n = r->nf;
				{
					long ln, col;

					cg_row_locate(&r->row, r->d.delim,
					    r->nf, &ln, &col);
					return cg_err_set(err, CG_EQUOTE,
					    r->name, ln, col, "unterminated "
					    "quoted field (opened here, "
					    "still open at end of input)");
				}
			}
			/* csv_fini leaves the parser ready for reuse. */
			if (!r->done)
				return 0;
			record_finish(r, r->raw.s, r->raw.len);
			return 1;
		}
		if ((len = segment(r)) == 0) {
			if (fill(r, err) < 0)
				return -1;
			continue;
		}
		s = r->buf + r->beg;
		was_started = r->p.pstate != 0;
		if (!was_started && !r->started)
			r->rec_line = r->line;
		if (!was_started && !r->started && plain_line(r, s, len)) {
			r->beg += len;
			r->pos += len;
			/* The LF of a CR LF split over two reads counts once. */
			if (!(len == 1 && r->last_cr))
				r->line++;
			r->last_cr = 0;
			if (r->nf == 0)
				continue;	/* a blank line */
			record_finish(r, s, len);
			return 1;
		}
		/*
		 * libcsv grows its field buffer by blk_size at a time; growing
		 * by what it already has makes a 50 MB field linear, not
		 * quadratic, where realloc has to copy.
		 */
		if (r->p.entry_size > 4096)
			csv_set_blk_size(&r->p, r->p.entry_size);
		if (csv_parse(&r->p, s, len, on_field, on_row, r) != len)
			return parse_fail(r, err);
		r->beg += len;
		r->pos += len;
		/* Count line breaks; a CR LF split over two reads counts once. */
		if (s[len - 1] == '\n') {
			if (!(len == 1 && r->last_cr))
				r->line++;
			r->last_cr = 0;
		} else if (s[len - 1] == '\r') {
			r->line++;
			r->last_cr = 1;
		} else
			r->last_cr = 0;
		if (r->done) {
			if (r->raw.len == 0) {
				record_finish(r, s, len);
			} else {
				cg_buf_add(&r->raw, s, len);
				record_finish(r, r->raw.s, r->raw.len);
			}
			return 1;
		}
		if (r->p.pstate != 0 || r->nf > 0) {
			/* The record goes on in the next segment. */
			r->started = 1;
			r->rec_bytes += len;
			if (r->rec_bytes > r->o.max_record)
				return cg_err_set(err, CG_EPARSE, r->name,
				    r->rec_line, 1, "record longer than %zu "
				    "bytes (an unterminated quote?)",
				    r->o.max_record);
			cg_buf_add(&r->raw, s, len);
		}
	}
}

/* Guess the delimiter and quoting from the first line at buf[beg]. */
static void
sniff(struct cg_reader *r)
{
	const char *s = r->buf + r->beg;
	size_t n = r->end - r->beg, i;
	static const char cands[] = ",;\t|";
	size_t count[4] = { 0, 0, 0, 0 }, fields = 1, quoted = 0;
	int inq = 0, atstart = 1, best = 0, k;
	const char *nl = memchr(s, '\n', n);

	if (nl != NULL) {
		n = (size_t)(nl - s);
		r->d.crlf = n > 0 && s[n - 1] == '\r';
	}
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c == '"' && (inq || atstart)) {
			if (atstart)
				quoted++;
			inq = !inq;
		}
		atstart = 0;
		if (inq)
			continue;
		for (k = 0; k < 4; k++)
			if (c == cands[k]) {
				count[k]++;
				atstart = 1;
			}
		if (c == '\n' || c == '\r')
			break;
	}
	for (k = 1; k < 4; k++)
		if (count[k] > count[best])
			best = k;
	if (r->o.delim == 0)
		r->d.delim = cands[best];
	else
		r->d.delim = r->o.delim;
	if (strchr(cands, r->d.delim) == NULL || r->d.delim == '\0')
		return;
	fields = count[strchr(cands, r->d.delim) - cands] + 1;
	r->d.quote_all = quoted == fields && n > 0;
}

int
cg_reader_header(struct cg_reader *r, const struct cg_row **hdr,
    struct cg_err *err)
{
	size_t i, total;
	int rc;

	/*
	 * Blank lines before the header are skipped (libcsv would skip them
	 * anyway), so that a BOM after them is still seen as one: left in
	 * the first field it would be written at the start of our output and
	 * read back as a BOM, changing the field.
	 */
	for (;;) {
		while (r->beg < r->end && (r->buf[r->beg] == '\n' ||
		    r->buf[r->beg] == '\r')) {
			if (r->buf[r->beg] == '\n' || r->beg + 1 == r->end ||
			    r->buf[r->beg + 1] != '\n')
				r->line++;
			r->beg++;
			r->pos++;
		}
		if (r->eof || r->end - r->beg >= 3)
			break;
		if (fill(r, err) < 0)
			return -1;
	}
	/* Load the first line (or all of a short file) for sniffing. */
	while (!r->eof && memchr(r->buf + r->beg, '\n', r->end - r->beg) ==
	    NULL && r->end - r->beg < (size_t)16 << 20)
		if (fill(r, err) < 0)
			return -1;
	if (r->end - r->beg >= 3 && memcmp(r->buf + r->beg, "\xEF\xBB\xBF",
	    3) == 0) {
		r->d.bom = 1;
		r->beg += 3;
		r->pos += 3;
	}
	sniff(r);
	if (r->o.decimal != 0) {
		r->d.decimal = r->o.decimal;
		r->dec_known = 1;
	} else
		r->d.decimal = r->d.delim == ';' ? ',' : '.';
	parser_init(r);
	/* The header's own space in the buffer must survive the refills. */
	if ((rc = read_record(r, err)) <= 0)
		return rc;
	r->have_hdr = 1;
	total = 0;
	for (i = 0; i < r->nf; i++)
		total += r->flen[i] + 1;
	r->hdr_fb = cg_xmalloc(total ? total : 1);
	memcpy(r->hdr_fb, r->fb, r->fblen);
	r->hdr_len = cg_xreallocarray(NULL, r->nf, sizeof(size_t));
	r->hdr_f = cg_xreallocarray(NULL, r->nf, sizeof(char *));
	for (i = 0; i < r->nf; i++) {
		r->hdr_len[i] = r->flen[i];
		r->hdr_f[i] = r->hdr_fb + r->foff[i];
	}
	r->hdr_raw = cg_xstrndup(r->row.raw ? r->row.raw : "", r->row.rawlen);
	r->hdr.n = r->nf;
	r->hdr.f = r->hdr_f;
	r->hdr.len = r->hdr_len;
	r->hdr.raw = r->hdr_raw;
	r->hdr.rawlen = r->row.rawlen;
	r->hdr.line = r->row.line;
	r->hdr.index = 0;
	r->hdr_end_line = r->line;
	r->data_off = r->pos;
	r->row.index = 0;
	*hdr = &r->hdr;
	return 1;
}

int
cg_reader_next(struct cg_reader *r, const struct cg_row **row,
    struct cg_err *err)
{
	int rc;

	if (!r->have_hdr)
		return 0;
	if ((rc = read_record(r, err)) <= 0)
		return rc;
	r->row.index++;
	if (r->row.n != r->hdr.n) {
		if (r->row.n > r->hdr.n)
			return cg_row_err(err, CG_ERAGGED, r, &r->row, r->hdr.n,
			    "record has %zu fields, header has %zu",
			    r->row.n, r->hdr.n);
		return cg_row_err(err, CG_ERAGGED, r, &r->row, r->row.n,
		    "record has %zu field%s, header has %zu", r->row.n,
		    r->row.n == 1 ? "" : "s", r->hdr.n);
	}
	*row = &r->row;
	return 1;
}

int
cg_reader_rewind(struct cg_reader *r, struct cg_err *err)
{
	int fd;
	off_t off;

	if (!r->have_hdr)
		return 0;
	if (r->spool >= 0) {
		/* Whatever pass one did not read must be in the spool too. */
		while (!r->eof) {
			r->beg = r->end = 0;
			if (fill(r, err) < 0)
				return -1;
		}
		r->spooling = 0;
		fd = r->spool;
		off = (off_t)r->data_off;
	} else if (r->seekable) {
		fd = r->fd;
		off = r->start_off + (off_t)r->data_off;
	} else
		return cg_err_set(err, CG_EIO, r->name, 0, 0,
		    "input cannot be read twice (not opened rewindable)");
	if (lseek(fd, off, SEEK_SET) == (off_t)-1)
		return cg_err_set(err, CG_EIO, r->name, 0, 0, "cannot rewind:");
	if (r->fd != fd && r->ownfd)
		close(r->fd);
	r->fd = fd;
	r->ownfd = r->ownfd || fd == r->spool;
	if (fd == r->spool)
		r->spool = -1;	/* now owned as r->fd */
	r->seekable = 1;
	r->start_off = 0;
	csv_free(&r->p);
	parser_init(r);
	r->beg = r->end = 0;
	r->eof = 0;
	r->pos = r->data_off;
	r->line = r->hdr_end_line;
	r->last_cr = 0;
	r->row.index = 0;
	record_reset(r);
	return 0;
}

struct cg_dialect *
cg_reader_dialect(struct cg_reader *r)
{
	return &r->d;
}

void
cg_reader_note_decimal(struct cg_reader *r, int seen)
{
	if (r->dec_known || seen == CG_DEC_NONE)
		return;
	r->d.decimal = seen == CG_DEC_COMMA ? ',' : '.';
	r->dec_known = 1;
}

int
cg_reader_decimal_known(const struct cg_reader *r)
{
	return r->dec_known;
}

const char *
cg_reader_name(const struct cg_reader *r)
{
	return r->name;
}

const struct cg_row *
cg_reader_hdr(const struct cg_reader *r)
{
	return r->have_hdr ? &r->hdr : NULL;
}
