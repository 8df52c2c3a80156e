#define _GNU_SOURCE	/* O_TMPFILE */
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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "clientgrade/alloc.h"
#include "clientgrade/run.h"
#include "clientgrade/value.h"
#include "reader_int.h"

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
	if (cg_rd_decode_open(r, err) < 0) {
		cg_rd_decode_free(r);
		free(r->buf);
		free(r);
		return NULL;
	}
	/* Decoded offsets are not the file's: a second pass reads the
	 * spool of decoded bytes. */
	if (r->d.encoding != NULL)
		r->seekable = 0;
	if (r->o.rewindable && !r->seekable) {
		const char *dir = getenv("TMPDIR");
		struct cg_buf tp = CG_BUF_INIT;

		if (dir == NULL || *dir == '\0')
			dir = "/tmp";
		cg_buf_printf(&tp, "%s/clientgrade.XXXXXX", dir);
		/* A file with no name cannot be left behind, whatever signal
		 * ends us; where O_TMPFILE is not supported, a named one that
		 * is unlinked at once. */
#ifdef O_TMPFILE
		r->spool = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#else
		r->spool = -1;
#endif
		if (r->spool < 0)
			r->spool = mkstemp(tp.s);
		else
			tp.s[0] = '\0';
		if (r->spool < 0) {
			cg_err_set(err, CG_EIO, NULL, 0, 0,
			    "cannot create a temporary file in %s to spool "
			    "%s:", dir, name);
			cg_buf_free(&tp);
			cg_rd_decode_free(r);
			free(r->buf);
			free(r);
			return NULL;
		}
		/* Nobody else needs the name; it goes away with us. */
		if (tp.s[0] != '\0')
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
	if (r->nerrcells > 0)
		cg_say(r->o.run, CG_SAY_WARNING, r->name, 0, 0, "%ld "
		    "spreadsheet error cell%s (#N/A, #DIV/0!, ...) read as "
		    "missing, the first on line %ld", r->nerrcells,
		    r->nerrcells == 1 ? "" : "s", r->errcell_line);
	if (r->parser_live)
		csv_free(&r->p);
	cg_rd_decode_free(r);
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
	const char *cr = memchr(s, '\r', nl != NULL ? (size_t)(nl - s) : n);

	if (cr != NULL && (cr + 1 < s + n ? cr[1] != '\n' : r->eof)) {
		/* A CR that ends the first line alone: old Mac line ends. */
		r->d.cr = 1;
		n = (size_t)(cr - s);
	} else if (nl != NULL) {
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
		r->d.delim = r->d.sep != 0 ? r->d.sep : cands[best];
	else
		r->d.delim = r->o.delim;
	if (strchr(cands, r->d.delim) == NULL || r->d.delim == '\0')
		return;
	fields = count[strchr(cands, r->d.delim) - cands] + 1;
	r->d.quote_all = quoted == fields && n > 0;
}

/* Load the first line (or all of a short file) for sniffing. 0 or -1. */
static int
first_line(struct cg_reader *r, struct cg_err *err)
{
	while (!r->eof && memchr(r->buf + r->beg, '\n', r->end - r->beg) ==
	    NULL && r->end - r->beg < (size_t)16 << 20)
		if (cg_rd_fill(r, err) < 0)
			return -1;
	return 0;
}

/*
 * Excel writes, and reads, a first line "sep=;" that names the delimiter
 * and is not part of the table. Take it (it is written back), and say
 * 1 if there was one.
 */
static int
sep_line(struct cg_reader *r)
{
	const char *s = r->buf + r->beg;
	size_t n = r->end - r->beg, len = 5;

	if (n < 5 || strncasecmp(s, "sep=", 4) != 0 ||
	    strchr(",;\t|", s[4]) == NULL || s[4] == '\0')
		return 0;
	if (len < n && s[len] == '\r')
		len++;
	if (len < n && s[len] == '\n')
		len++;
	if (len == 5 && n > 5)
		return 0;	/* "sep=;x": a header that starts so */
	r->d.sep = s[4];
	r->beg += len;
	r->pos += len;
	r->line++;
	return 1;
}

int
cg_reader_header(struct cg_reader *r, const struct cg_row **hdr,
    struct cg_err *err)
{
	size_t i;
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
		if (cg_rd_fill(r, err) < 0)
			return -1;
	}
	if (first_line(r, err) < 0)
		return -1;
	if (r->end - r->beg >= 3 && memcmp(r->buf + r->beg, "\xEF\xBB\xBF",
	    3) == 0) {
		r->d.bom = 1;
		r->beg += 3;
		r->pos += 3;
	}
	if (sep_line(r) && first_line(r, err) < 0)
		return -1;
	sniff(r);
	if (r->o.decimal != 0) {
		r->d.decimal = r->o.decimal;
		r->dec_known = 1;
	} else
		r->d.decimal = r->d.delim == ';' ? ',' : '.';
	cg_rd_parser_init(r);
	/* The header's own space in the buffer must survive the refills. */
	r->maxf = CG_MAX_COLUMNS + 1;
	if ((rc = cg_rd_read_record(r, err)) <= 0)
		return rc;
	if (r->nf > CG_MAX_COLUMNS)
		return cg_err_set(err, CG_EPARSE, r->name, r->row.line, 1,
		    "the header has more than %d columns", CG_MAX_COLUMNS);
	r->maxf = r->nf + 1;
	r->have_hdr = 1;
	/*
	 * The header keeps the record's own buffers instead of copies, so a
	 * header of one huge field is not held twice (issue 13); the next
	 * record grows new ones to its own size.
	 */
	if (r->fb == NULL)
		r->fb = cg_xmalloc(1);
	r->hdr_fb = r->fb;
	r->fb = NULL;
	r->fblen = r->fbcap = 0;
	r->hdr_len = cg_xreallocarray(NULL, r->nf, sizeof(size_t));
	r->hdr_f = cg_xreallocarray(NULL, r->nf, sizeof(char *));
	for (i = 0; i < r->nf; i++) {
		r->hdr_len[i] = r->flen[i];
		r->hdr_f[i] = r->hdr_fb + r->foff[i];
	}
	if (r->row.raw != NULL && r->row.raw == r->raw.s) {
		r->hdr_raw = r->raw.s;
		r->raw.s = NULL;
		r->raw.len = r->raw.cap = 0;
	} else
		r->hdr_raw = cg_xstrndup(r->row.raw ? r->row.raw : "",
		    r->row.rawlen);
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
	if ((rc = cg_rd_read_record(r, err)) <= 0)
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
			if (cg_rd_fill(r, err) < 0)
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
	if (fd == r->spool) {
		r->spool = -1;	/* now owned as r->fd */
		/* The spool holds decoded bytes: no decoding again. */
		cg_rd_decode_free(r);
	}
	r->seekable = 1;
	r->start_off = 0;
	csv_free(&r->p);
	cg_rd_parser_init(r);
	r->beg = r->end = 0;
	r->eof = 0;
	r->pos = r->data_off;
	r->line = r->hdr_end_line;
	r->last_cr = 0;
	r->row.index = 0;
	r->rewound = 1;
	cg_rd_record_reset(r);
	return 0;
}

void
cg_reader_error_cell(struct cg_reader *r, const struct cg_row *row)
{
	if (r->rewound)
		return;
	if (r->nerrcells++ == 0)
		r->errcell_line = row->line;
}

struct cg_dialect *
cg_reader_dialect(struct cg_reader *r)
{
	return &r->d;
}

int
cg_reader_decimal_source(const struct cg_reader *r, long *line)
{
	*line = r->dec_known ? r->dec_line : r->dec_guess_line;
	if (!r->dec_known)
		return 0;
	return r->dec_line == 0 ? 1 : 2;
}

void
cg_reader_note_decimal(struct cg_reader *r, int seen)
{
	if (r->dec_known || seen == CG_DEC_NONE)
		return;
	r->d.decimal = seen == CG_DEC_COMMA ? ',' : '.';
	r->dec_known = 1;
	r->dec_line = -1;
}

static const char *
mark_name(char mark)
{
	return mark == ',' ? "decimal comma" : "decimal point";
}

int
cg_reader_decimal_evidence(struct cg_reader *r, const struct cg_row *row,
    size_t col, int seen, struct cg_err *err)
{
	char mark = seen == CG_DEC_COMMA ? ',' : '.';
	const struct cg_row *h = &r->hdr;
	int hl = col < h->n ? (int)(h->len[col] > 40 ? 40 : h->len[col]) : 1;
	const char *hn = col < h->n ? h->f[col] : "?";
	long line, c;

	if (seen == CG_DEC_NONE)
		return 0;
	if (!r->dec_known && r->dec_guess_line == 0) {
		r->d.decimal = mark;
		r->dec_known = 1;
		cg_row_locate(row, r->d.delim, col, &r->dec_line, &c);
		return 0;
	}
	if (mark == r->d.decimal) {
		r->dec_known = 1;
		return 0;
	}
	if (r->dec_known && r->dec_line == 0)
		return cg_row_err(err, CG_EVALUE, r, row, col, "%.*s: '%.*s' "
		    "has a %s, but --decimal says %s", hl, hn,
		    (int)(row->len[col] > 40 ? 40 : row->len[col]),
		    row->f[col], mark_name(mark), mark_name(r->d.decimal));
	if (r->dec_known && r->dec_line < 0)
		return cg_row_err(err, CG_EVALUE, r, row, col, "%.*s: '%.*s' "
		    "has a %s, but the file was read with a %s; say which "
		    "with --decimal", hl, hn,
		    (int)(row->len[col] > 40 ? 40 : row->len[col]),
		    row->f[col], mark_name(mark), mark_name(r->d.decimal));
	cg_row_locate(row, r->d.delim, col, &line, &c);
	return cg_row_err(err, CG_EVALUE, r, row, col, "%.*s: '%.*s' has a %s, "
	    "but line %ld was read with a %s; say which with --decimal", hl,
	    hn, (int)(row->len[col] > 40 ? 40 : row->len[col]), row->f[col],
	    mark_name(mark), r->dec_known ? r->dec_line : r->dec_guess_line,
	    mark_name(r->d.decimal));
}

void
cg_reader_decimal_guess(struct cg_reader *r, const struct cg_row *row,
    size_t col)
{
	const struct cg_row *h = &r->hdr;
	long c;

	if (r->dec_known || r->dec_guess_line != 0)
		return;
	cg_row_locate(row, r->d.delim, col, &r->dec_guess_line, &c);
	cg_say(r->o.run, CG_SAY_NOTE, r->name, r->dec_guess_line, c,
	    "%.*s: '%.*s' reads differently with a decimal point and a "
	    "decimal comma; reading it with a %s, as %s files usually mean "
	    "(--decimal says which)",
	    col < h->n ? (int)(h->len[col] > 40 ? 40 : h->len[col]) : 1,
	    col < h->n ? h->f[col] : "?",
	    (int)(row->len[col] > 40 ? 40 : row->len[col]), row->f[col],
	    mark_name(r->d.decimal), r->d.delim == ';' ? "';'" :
	    r->d.delim == ',' ? "','" : "such");
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
