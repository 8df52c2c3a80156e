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
#include "clientgrade/cmp.h"
#include "clientgrade/tally.h"
#include "clientgrade/csv.h"
#include "clientgrade/field.h"
#include "clientgrade/outfile.h"
#include "clientgrade/rollup.h"
#include "clientgrade/run.h"
#include "clientgrade/strtab.h"

__extension__ typedef __int128 cg_rollup_i128;

/* ---- the account table ---- */

/* A set of nonzero 64-bit words (open addressing). */
struct cg_rollup_set {
	uint64_t *v;		/* 0 = empty */
	size_t mask, n;
};

/* An agent's figures on one account (--owner-from). */
struct cg_rollup_oent {
	cg_rollup_i128 xvol;	/* exact volume, as in struct cg_rollup_acc */
	double vol;
	long deals;
	uint64_t first;		/* when its first deal on the account came */
	uint32_t acc;		/* account index */
	uint32_t agent;		/* in the table's agents */
	int inexact;
};

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
	struct cg_rollup_set pair;	/* (index << 32 | value) + 1 */
	/* the further --distinct columns, k >= 1 */
	struct cg_strtab xvals;	/* byte k, then the value */
	struct cg_rollup_set xpair;	/* (index << 32 | xvalue) + 1 */
	long *xcount[CG_ROLLUP_MAX_DISTINCT];	/* [k][account index] */
	size_t xcap[CG_ROLLUP_MAX_DISTINCT];
	char *xkey;		/* scratch for an xvals key */
	size_t xkeycap;

	/* --owner-from (rollup_owner.c) */
	struct cg_strtab agents;
	struct cg_rollup_oent *oent;
	size_t noent, oentcap;
	uint32_t *oslot;	/* entry index + 1; 0 = empty */
	size_t omask;
	uint64_t oseq;		/* deals given an agent so far */
	uint32_t *obest;	/* [account index]: best entry + 1, or 0 */
	size_t nobest;
	int odirty;		/* obest is out of date */
};

/* 1 if the set holds key (nonzero), after adding it if not: 0 new. */
int cg_rollup_set_add(struct cg_rollup_set *s, uint64_t key);
void cg_rollup_set_free(struct cg_rollup_set *s);
uint64_t cg_rollup_mix(uint64_t h);

/*
 * v in units of 2^-64 (see struct cg_rollup_acc), if that is exact and
 * |v| < 2^32: 0 with *out set; else -1 (*out 0).
 */
int cg_rollup_fixed(double v, cg_rollup_i128 *out);

/*
 * Add src's distinct pairs (and owners' figures) to dst, whose accounts
 * already hold every key of src (cg_rollup_merge interns them first).
 */
void cg_rollup_distinct_merge(struct cg_rollup_table *dst,
    struct cg_rollup_table *src);
void cg_rollup_owner_merge(struct cg_rollup_table *dst,
    struct cg_rollup_table *src);
void cg_rollup_distinct_free(struct cg_rollup_table *t);
void cg_rollup_owner_free(struct cg_rollup_table *t);

/* ---- the --where filter (rollup_where.c, _filter.c, _nomatch.c) ---- */

enum {
	CG_W_EQ = CG_CMP_EQ, CG_W_NE = CG_CMP_NE, CG_W_LT = CG_CMP_LT,
	CG_W_LE = CG_CMP_LE, CG_W_GT = CG_CMP_GT, CG_W_GE = CG_CMP_GE
};

struct cg_rollup_cond {
	const char *spec;	/* as given, for messages */
	int op;			/* CG_W_* */
	const char *val;	/* VALUE (points into spec) */
	size_t vlen;
	int type;		/* 0: bytes (= and !=), 'n' number, 'd' date */
	double num;
	int32_t day_us, day_eu;	/* VALUE read month/day and day/month */
	int ok_us, ok_eu;
	size_t wcol;		/* its column, in where->col */
};

/* The conditions on one column. */
struct cg_rollup_wcol {
	const char *name;	/* COL as first given (points into a spec) */
	size_t namelen;
	size_t col;		/* after bind */
	char *hname;		/* the header's name, for messages */
	size_t nc;		/* conditions on it, all kinds */
	const char **eqv;	/* = values */
	size_t *eqlen, neq;
	const char **nev;	/* != values */
	size_t *nelen, nne;
	size_t *cmp, ncmp;	/* the comparisons: condition numbers */
	int want_num, want_date;
};

struct cg_rollup_where {
	struct cg_rollup_cond *c;
	size_t n;
	struct cg_rollup_wcol *col;
	size_t ncol;
};

/* A column's state during one pass: its dates, its value counts. */
struct cg_rollup_fcol {
	struct cg_datecol own;	/* for a date column that is not the deal's */
	struct cg_datecol *dc;
	size_t unmatched;	/* its conditions that matched no deal yet */
	struct cg_tally tally;	/* its values, while some are unmatched */
};

struct cg_rollup_filter {
	const struct cg_rollup_where *w;
	const struct cg_run *run;
	struct cg_rollup_fcol *col;
	unsigned char *matched;	/* per condition: matched a deal alone */
	int passed;		/* some deal passed every condition */
	size_t pending;		/* unmatched conditions, + 1 until passed */
	int guess_said;		/* a comparison date read by guess, said */
};

/*
 * After cg_field_date refused field `col` of `row` with err: 1 if the
 * value is a date in some day/month order, so the column's order (from
 * --dates, or seen or guessed earlier) contradicts the data: an error,
 * err kept (or, under --dates iso, rewritten to say so); 0 if the value
 * is no date at all.
 */
int cg_rollup_date_contradicts(const struct cg_datecol *dc,
    struct cg_reader *r, const struct cg_row *row, size_t col,
    struct cg_err *err);

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
	struct cg_rollup_filter *filter;	/* NULL: no --where; own */
	int where_dates;	/* a --where compares the deal's dates */
	struct cg_rollup_accounts *acc;
	size_t kcol, vcol, dcol;
	size_t xcol[CG_ROLLUP_MAX_DISTINCT], nx;	/* --distinct columns */
	size_t ocol;		/* --owner-from column */
	int has_owner;
	char *kname, *vname, *dname;	/* header names, for messages */
	size_t knamelen;
	struct cg_datecol dc;
	struct cg_rollup_skip skip[CG_NSKIP];
	unsigned long seq;	/* deals read so far */
	unsigned long passed;	/* deals that passed --where */
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
