/*
 * reader_record.c - one record out of the segments: a quote-free line
 * split with memchr, anything else through libcsv, with the record's
 * exact input bytes kept for the writer.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clientgrade/alloc.h"
#include "reader_int.h"

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

	/*
	 * A record with more fields than the header is an error whatever
	 * they hold, so fields past header + 1 are counted, not kept: a line
	 * of 40 million commas costs its bytes, not 25 bytes a comma.
	 */
	if (r->nf >= r->maxf) {
		r->nf++;
		return;
	}
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

void
cg_rd_parser_init(struct cg_reader *r)
{
	csv_init(&r->p, CSV_STRICT_FINI);
	r->parser_live = 1;
	csv_set_space_func(&r->p, space_none);
	csv_set_delim(&r->p, (unsigned char)r->d.delim);
	csv_set_realloc_func(&r->p, cg_xrealloc);
	csv_set_blk_size(&r->p, 4096);
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

/*
 * A closing quote must be followed by the delimiter or the end of the
 * line. libcsv, lenient so that a stray quote inside an unquoted field
 * stays a character, reads `1,"A" ,10` as a field that is still open and
 * swallows the records after it up to the next quote. So every record
 * that went through libcsv is checked here, on its input bytes, and a
 * byte after a closing quote is an error at that byte. Returns 0, or -1
 * with err filled.
 */
static int
stray_after_quote(struct cg_reader *r, const char *s, size_t n,
    struct cg_err *err)
{
	const char *p = s, *end = s + n, *q, *ls = s;
	long line = r->rec_line;
	int inq = 0;
	char d = r->d.delim;

	/* Only quotes matter: jump from one to the next. */
	while ((q = memchr(p, '"', (size_t)(end - p))) != NULL) {
		p = q + 1;
		if (!inq) {
			/* A quote opens a field only at its start; elsewhere
			 * it is a character. */
			inq = q == s || q[-1] == d || q[-1] == '\n' ||
			    q[-1] == '\r';
			continue;
		}
		if (p < end && *p == '"') {
			p++;		/* "" inside quotes */
			continue;
		}
		inq = 0;
		if (p == end || *p == d || *p == '\r' || *p == '\n')
			continue;
		/* The place, for the message: count the line breaks. */
		for (q = s; q < p; q++)
			if (*q == '\n' || (*q == '\r' && q + 1 < end &&
			    q[1] != '\n')) {
				line++;
				ls = q + 1;
			}
		return cg_err_set(err, CG_EPARSE, r->name, line,
		    cg_rd_char_col(ls, (size_t)(p - ls)), "'%c' after a "
		    "closing quote (a quoted field must end at the delimiter)",
		    (unsigned char)*p >= ' ' ? *p : '?');
	}
	return 0;
}

/* Start a new record: forget the previous one's fields and bytes. */
void
cg_rd_record_reset(struct cg_reader *r)
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

	for (i = 0; i < r->nf && i < r->maxf; i++)
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
int
cg_rd_read_record(struct cg_reader *r, struct cg_err *err)
{
	size_t len;

	cg_rd_record_reset(r);
	for (;;) {
		const char *s;
		int was_started;

		if (r->beg == r->end && !r->eof) {
			if (cg_rd_fill(r, err) < 0)
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
			if (r->raw.len > 0 && stray_after_quote(r, r->raw.s,
			    r->raw.len, err) < 0)
				return -1;
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
		if ((len = cg_rd_segment(r)) == 0) {
			if (cg_rd_fill(r, err) < 0)
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
				if (stray_after_quote(r, s, len, err) < 0)
					return -1;
				record_finish(r, s, len);
			} else {
				cg_buf_add(&r->raw, s, len);
				if (stray_after_quote(r, r->raw.s, r->raw.len,
				    err) < 0)
					return -1;
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
