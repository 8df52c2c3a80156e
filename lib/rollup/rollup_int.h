/*
 * rollup_int.h - what the files of rollup(1) share inside lib/rollup/:
 * the account table's layout (rollup_agg.c, rollup_distinct.c) and the
 * state of one pass over a deal log (rollup.c, rollup_deal.c,
 * rollup_parallel.c). Not a public interface.
 */
#ifndef CLIENTGRADE_ROLLUP_INT_H
#define CLIENTGRADE_ROLLUP_INT_H

#include <stdint.h>

#include "clientgrade/buf.h"
#include "clientgrade/csv.h"
#include "clientgrade/field.h"
#include "clientgrade/outfile.h"
#include "clientgrade/rollup.h"
#include "clientgrade/run.h"
#include "clientgrade/strtab.h"

/* ---- the account table ---- */

struct cg_rollup_slot {
	uint32_t idx1;		/* record offset / REC_ALIGN + 1; 0 = empty */
	uint32_t tag;		/* high 32 bits of the hash */
};

struct cg_rollup_table {
	struct cg_rollup_slot *slot;
	size_t mask;		/* slot count - 1 */
	char *rec;		/* the records, back to back */
	size_t reclen, reccap;
	uint32_t *order;	/* record offsets / REC_ALIGN, in first-seen
				 * order */
	size_t n, ordcap;

	/* --distinct (rollup_distinct.c) */
	struct cg_strtab vals;	/* the values, numbered 0, 1, ... */
	uint64_t *pair;		/* (index << 32 | value) + 1; 0 = empty */
	size_t pmask, npair;
};

/*
 * Add src's distinct pairs to dst, whose accounts already hold every key
 * of src (cg_rollup_merge interns them first).
 */
void cg_rollup_distinct_merge(struct cg_rollup_table *dst,
    struct cg_rollup_table *src);

/* ---- one pass over a deal log ---- */

/* Why a deal was not counted; also the order of the warnings. */
enum {
	CG_SKIP_EMPTY_KEY, CG_SKIP_EMPTY_DATE, CG_SKIP_BAD_DATE,
	CG_SKIP_EMPTY_VALUE, CG_SKIP_BAD_VALUE, CG_SKIP_UNKNOWN, CG_NSKIP,
	CG_COUNT = -1		/* not skipped (yet: the key may be unknown) */
};

/*
 * A deal waiting in the pipeline. The table lookup of a deal is done two
 * deals after it was read, with its slot and record prefetched in the
 * meantime (see cg_rollup_prefetch); so the row is copied, since the
 * reader's row is gone by then, and every deal that passed --where goes
 * through the pipeline, so that rejects keep the input's order.
 */
#define CG_ROLLUP_DEPTH 6	/* deals in flight, the newest included */
#define CG_ROLLUP_LAG_REC 3	/* the record is prefetched this many later */

struct cg_rollup_pend {
	int kind;		/* CG_COUNT or CG_SKIP_* */
	size_t col;		/* field a skip is about */
	struct cg_reader *r;	/* readers live until cg_input_free */
	unsigned long seq;
	uint64_t h;		/* hash of the key (CG_COUNT) */
	double v;
	int32_t day;
	struct cg_row row;	/* the copy */
	const char **f;
	size_t *len, fcap;
	char *bytes;		/* its bytes: fields, then raw */
	size_t bcap;
	struct cg_buf why;	/* reason of a skip */
};

struct cg_rollup_skip {
	long n;
	char *file;		/* where the first one was */
	long line;
	unsigned long seq;	/* the first one's place among all deals */
};

/*
 * The state of reading one deal log (or, in a parallel run, one half of
 * it: the second half shares the first's options, filter, accounts,
 * columns and names, and owns its table, skips, pipeline and rejects).
 */
struct cg_rollup_ctx {
	const struct cg_rollup_opts *o;
	const struct cg_run *run;
	int32_t today;		/* run->today, close at hand per deal */
	struct cg_rollup_table *t;
	struct cg_rollup_where *where;
	struct cg_rollup_accounts *acc;
	size_t kcol, vcol, dcol, xcol;
	int has_x;
	char *kname, *vname, *dname;	/* header names, for messages */
	size_t knamelen;
	struct cg_datecol dc;
	struct cg_rollup_skip skip[CG_NSKIP];
	unsigned long seq;	/* deals read so far */
	struct cg_outfile rej;
	int rej_open;		/* rej is open and not yet committed */
	struct cg_writer *rw;
	struct cg_rollup_pend pend[CG_ROLLUP_DEPTH];
	unsigned long npend;	/* deals put into the pipeline so far */
	unsigned long ndone;	/* deals taken out of it */
	int track_ambig;	/* the second half (below): note ambig */
	int ambig;		/* an ambiguous date read before the order
				 * was fixed */
};

/* rollup_deal.c: read one deal into the pipeline (and take out the one
 * put in CG_ROLLUP_DEPTH - 1 deals ago), empty the pipeline, warn about
 * the skips, free what a ctx owns alone. 0 or -1. */
int cg_rollup_deal(struct cg_rollup_ctx *u, struct cg_reader *r,
    const struct cg_row *row, struct cg_err *err);
int cg_rollup_drain(struct cg_rollup_ctx *u, struct cg_err *err);
void cg_rollup_report(const struct cg_rollup_ctx *u);
void cg_rollup_ctx_free_own(struct cg_rollup_ctx *u);

/*
 * rollup_parallel.c: the second half of a large deal log on a thread of
 * its own. Start returns NULL when the log does not qualify (then read
 * sequentially). Wait returns the line the split starts on: the first
 * record at or past it goes to join, which gives 1 (the second half's
 * figures are in: stop reading), 0 (read on sequentially from that
 * record) or -1 (error). Free stops the thread if it still runs.
 */
struct cg_rollup_par;
struct cg_rollup_par *cg_rollup_par_start(struct cg_rollup_ctx *u,
    struct cg_reader *r, const struct cg_row *hdr);
long cg_rollup_par_wait_line(struct cg_rollup_par *p);
int cg_rollup_par_join(struct cg_rollup_ctx *u, struct cg_rollup_par *p,
    struct cg_reader *r, const struct cg_row *row, struct cg_err *err);
void cg_rollup_par_free(struct cg_rollup_par *p);

#endif
