/*
 * reader_int.h - the reader's state, shared by the files of the reader
 * (private to lib/core): reader.c (opening, the header, rewinding),
 * reader_bytes.c (the read buffer, the spool, segments), reader_record.c
 * (one record through libcsv or the plain-line path) and row.c.
 */
#ifndef CLIENTGRADE_READER_INT_H
#define CLIENTGRADE_READER_INT_H

#include <sys/types.h>

#include <string.h>

#include <csv.h>
#include <iconv.h>

#include "clientgrade/buf.h"
#include "clientgrade/csv.h"

#define READ_CHUNK	(256 * 1024)

struct cg_reader {
	int fd;
	int ownfd;		/* close fd in cg_reader_free */
	const char *name;
	struct cg_reader_opts o;
	struct cg_dialect d;
	int dec_known;		/* fixed by --decimal or by evidence */
	long dec_line;		/* where evidence fixed it (0: --decimal) */
	long dec_guess_line;	/* where an ambiguous value was guessed */
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
	size_t nf, nfcap;	/* fields seen; room for fields kept */
	size_t maxf;		/* fields kept per record (see on_field) */
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
	struct cg_rd_decoder *dec;	/* input that is not UTF-8 */
	int utf8_noted;		/* the not-UTF-8 note was said (or is not
				 * needed: decoded input) */
	size_t utf8_from;	/* buf offset not yet checked for UTF-8 */
	int rewound;		/* on a second pass */
	long nerrcells;		/* spreadsheet error cells read as missing */
	long errcell_line;	/* the first one's line */
};

/* The decoding layer (reader_decode.c); NULL until the reader opens. */
struct cg_rd_decoder {
	iconv_t cd;		/* or (iconv_t)-1: bytes as they are */
	char *ibuf;		/* raw bytes read, not yet decoded */
	size_t ilen, icap;
	int ieof;
};

/* reader_decode.c */
int cg_rd_decode_open(struct cg_reader *r, struct cg_err *err);
void cg_rd_decode_free(struct cg_reader *r);
ssize_t cg_rd_decode_read(struct cg_reader *r, char *dst, size_t cap,
    struct cg_err *err);

/* reader_bytes.c */
int cg_rd_spool_write(struct cg_reader *r, const char *p, size_t n,
    struct cg_err *err);
int cg_rd_fill(struct cg_reader *r, struct cg_err *err);
void cg_rd_utf8_scan(struct cg_reader *r, size_t from);

/*
 * (Inline: it runs once a line.) Length of the next segment at buf[beg]: up to and including a line feed
 * or a lone carriage return. 0 when more input is needed first.
 */
static inline size_t
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


/* row.c: character column (1-based) of byte `off` of a line at ls. */
long cg_rd_char_col(const char *ls, size_t off);

/* reader_record.c */
void cg_rd_parser_init(struct cg_reader *r);
void cg_rd_record_reset(struct cg_reader *r);
int cg_rd_read_record(struct cg_reader *r, struct cg_err *err);

#endif
