/*
 * csv.h - streaming CSV reader and writer on libcsv, keeping the dialect.
 *
 * The reader hands out one record at a time (cg_reader_next). A record
 * keeps, besides its parsed fields, the exact input bytes it came from
 * (`raw`), so the writer can put an untouched record back byte for byte
 * and only encode what a tool computed. Memory is bounded by the largest
 * record, never by the file.
 *
 *     struct cg_err err;
 *     struct cg_reader *r = cg_reader_open(0, "<stdin>", NULL, &err);
 *     const struct cg_row *hdr, *row;
 *     if (r == NULL || cg_reader_header(r, &hdr, &err) < 0) ...
 *     struct cg_writer *w = cg_writer_new(1, "<stdout>", cg_reader_dialect(r));
 *     while ((rc = cg_reader_next(r, &row, &err)) > 0)
 *             cg_writer_row(w, row, puts, nputs, &err);
 */
#ifndef CLIENTGRADE_CSV_H
#define CLIENTGRADE_CSV_H

#include <stddef.h>
#include "error.h"

/* How a file is written; the writer copies the reader's. */
struct cg_dialect {
	char delim;	/* ',', ';', '\t' or '|' */
	int crlf;	/* 1: records end in CR LF, 0: LF */
	int cr;		/* 1: records end in a lone CR (old Mac Excel) */
	char sep;	/* the delimiter of a "sep=;" first line, or 0 */
	const char *encoding;	/* NULL: UTF-8 (or bytes as they came);
				 * else the iconv name the file was in and
				 * CSV is written back in ("UTF-16LE") */
	int bom;	/* 1: file starts with a UTF-8 byte order mark */
	int quote_all;	/* 1: every header field was quoted; quote everything */
	char decimal;	/* '.' or ',': number style for columns tools add */
};

/*
 * One record. Everything it points to belongs to the reader and is valid
 * until the next cg_reader_next() (the header: until cg_reader_free()).
 */
struct cg_row {
	size_t n;		/* number of fields */
	const char **f;		/* f[i]: field bytes, NUL-terminated */
	const size_t *len;	/* len[i]: field length (fields may hold NUL) */
	const char *raw;	/* input bytes of the record, no line ending; */
	size_t rawlen;		/*   raw is NULL when they are not known */
	long line;		/* line the record starts on, 1-based */
	long index;		/* 0 for the header, 1 for the first data row */
};

struct cg_run;

struct cg_reader_opts {
	char delim;		/* 0: sniff from the header line */
	int rewindable;		/* 1: cg_reader_rewind() will be called; a
				 * pipe is then spooled to a temporary file */
	char decimal;		/* 0: guess ('.' but ',' for ';' files) */
	size_t max_record;	/* 0: CG_MAX_RECORD bytes */
	size_t bufsize;		/* 0: default read size (tests use 1..n) */
	int stdin_closed;	/* "-" is an error: fd 0 was closed at start */
	const char *encoding;	/* --encoding, or NULL: UTF-8, or UTF-16
				 * when the file starts with its BOM */
	/* Where the reader's notes go (a guessed decimal mark); may be
	 * NULL. Borrowed. */
	const struct cg_run *run;
};

/* Most columns a header may have (a line of commas is not a table). */
#define CG_MAX_COLUMNS (1 << 20)

/* Longest record accepted (an unterminated quote must not eat memory). */
#define CG_MAX_RECORD ((size_t)256 << 20)

struct cg_reader;

/*
 * Read CSV from `fd` (not closed by the reader). `name` is what messages
 * call the input ("<stdin>" or the path); it is borrowed and must outlive
 * the reader. `o` may be NULL for defaults. NULL on error.
 */
struct cg_reader *cg_reader_open(int fd, const char *name,
    const struct cg_reader_opts *o, struct cg_err *err);

/* Open a path ("-" means stdin) and read it; the fd is the reader's. */
struct cg_reader *cg_reader_open_path(const char *path,
    const struct cg_reader_opts *o, struct cg_err *err);

void cg_reader_free(struct cg_reader *r);

/*
 * Read the header record and sniff the dialect. Returns 1 with *hdr set,
 * 0 when the input is empty (no bytes, or only a BOM), -1 on error.
 * Must be called once, before cg_reader_next().
 */
int cg_reader_header(struct cg_reader *r, const struct cg_row **hdr,
    struct cg_err *err);

/*
 * Next data record: 1 with *row set, 0 at end of input, -1 on error
 * (malformed CSV, a record with another field count than the header,
 * read error). Blank lines between records are skipped.
 */
int cg_reader_next(struct cg_reader *r, const struct cg_row **row,
    struct cg_err *err);

/*
 * Start over at the first data record (for two-pass tools). Needs
 * opts.rewindable. Returns 0, or -1 (temporary file trouble).
 */
int cg_reader_rewind(struct cg_reader *r, struct cg_err *err);

/* The dialect; tools may update ->decimal from evidence (see field.h). */
struct cg_dialect *cg_reader_dialect(struct cg_reader *r);

/*
 * Evidence about the decimal mark from the spelling of field `col` of
 * `row` (enum cg_decimal_seen in value.h). The first evidence fixes the
 * dialect's decimal mark. Evidence against the mark in force is an error
 * naming both places: against earlier evidence, against --decimal, or
 * against the guess an ambiguous value was read with before (so "1.234"
 * read as 1234 in a ';' file, then "2.5", is an error, not a silent
 * x1000). 0, or -1 with err filled (CG_EVALUE).
 */
int cg_reader_decimal_evidence(struct cg_reader *r, const struct cg_row *row,
    size_t col, int seen, struct cg_err *err);

/*
 * Count a spreadsheet error cell in `row` (first pass only); the reader
 * says how many, and where the first was, once, when it is freed.
 */
void cg_reader_error_cell(struct cg_reader *r, const struct cg_row *row);

/*
 * Where the decimal mark in force came from, for --inspect: 0 guessed
 * from the delimiter (*line: the first value that needed the guess, or
 * 0), 1 --decimal, 2 evidence at *line.
 */
int cg_reader_decimal_source(const struct cg_reader *r, long *line);

/* Take a mark known from another reader of the same input (rollup's
 * second core): as evidence, without a place. */
void cg_reader_note_decimal(struct cg_reader *r, int seen);

/*
 * Field `col` of `row` reads differently with either mark ("1.234") and
 * no evidence fixes the mark yet: it was read with the delimiter's
 * likelier one. The first such value is remembered, with a note.
 */
void cg_reader_decimal_guess(struct cg_reader *r, const struct cg_row *row,
    size_t col);

/* 1 if the decimal mark is known (fixed by option or evidence). */
int cg_reader_decimal_known(const struct cg_reader *r);
const char *cg_reader_name(const struct cg_reader *r);
const struct cg_row *cg_reader_hdr(const struct cg_reader *r);

/*
 * Where field `i` of `row` starts, for messages: line and 1-based column
 * in characters. Uses the raw bytes; falls back to the record's line.
 */
void cg_row_locate(const struct cg_row *row, char delim, size_t i,
    long *line, long *col);

/*
 * Fill err with `FILE:LINE:COL: message` for field i of row; returns -1.
 * i == (size_t)-1 means the record as a whole (column 1).
 */
int cg_row_err(struct cg_err *err, enum cg_code code,
    const struct cg_reader *r, const struct cg_row *row, size_t i,
    const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* ---- writer ---- */

/*
 * A field to put into an output record: column `col` gets bytes s[0..n).
 * col < in->n replaces that field in place; col == in->n + k appends
 * (puts that append must come in column order). n == CG_STRLEN means
 * strlen(s).
 */
struct cg_put {
	size_t col;
	const char *s;
	size_t n;
};
#define CG_STRLEN ((size_t)-1)

struct cg_writer;

/*
 * Write CSV in dialect `d` (copied) to `fd`; `name` names the output in
 * messages ("<stdout>" or a path; borrowed). The fd is not closed.
 */
struct cg_writer *cg_writer_new(int fd, const char *name,
    const struct cg_dialect *d);

/*
 * Write one record: the fields of `in` (may be NULL for a brand-new
 * record) with `put` applied. Untouched fields are copied from the input
 * bytes unchanged; new ones are quoted only when needed. 0 or -1.
 */
int cg_writer_row(struct cg_writer *w, const struct cg_row *in,
    const struct cg_put *put, size_t nput, struct cg_err *err);

/* Convenience: a new record from n strings (NULL entries are empty). */
int cg_writer_strings(struct cg_writer *w, const char *const *s, size_t n,
    struct cg_err *err);

/* Flush buffered output. 0 or -1 (CG_EWRITE). */
int cg_writer_flush(struct cg_writer *w, struct cg_err *err);

/* Flush and free; returns what the flush returned. NULL w is a no-op. */
int cg_writer_close(struct cg_writer *w, struct cg_err *err);

#endif
