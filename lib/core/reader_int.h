/*
 * reader_int.h - the reader's state, shared by the files of the reader
 * (private to lib/core): reader.c (opening, the header, rewinding),
 * reader_bytes.c (the read buffer, the spool, segments), reader_record.c
 * (one record through libcsv or the plain-line path) and row.c.
 */
#ifndef CLIENTGRADE_READER_INT_H
#define CLIENTGRADE_READER_INT_H

#include <sys/types.h>

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
	int utf8_noted;		/* the not-UTF-8 note was said */
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
size_t cg_rd_segment(struct cg_reader *r);

/* row.c: character column (1-based) of byte `off` of a line at ls. */
long cg_rd_char_col(const char *ls, size_t off);

/* reader_record.c */
void cg_rd_parser_init(struct cg_reader *r);
void cg_rd_record_reset(struct cg_reader *r);
int cg_rd_read_record(struct cg_reader *r, struct cg_err *err);

#endif
