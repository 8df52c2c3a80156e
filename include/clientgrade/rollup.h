/*
 * rollup.h - from a deal or order log to per-account figures.
 *
 * One pass over the deal log; memory grows with the number of accounts
 * (and of distinct (account, --distinct value) and (account, agent)
 * pairs), never with the number of deals. The parts, one job per file
 * in lib/rollup/:
 *
 *   - the account table (rollup_agg.c): key bytes -> running figures,
 *     an open-addressing hash table over keys kept in its records, and
 *     (rollup_distinct.c) the --distinct values and (account, value)
 *     pairs, (rollup_owner.c) the --owner-from agents per account;
 *   - the row filter: the --where conditions (rollup_where.c), trying
 *     them on deals (rollup_filter.c), and what they matched
 *     (rollup_nomatch.c: the warning for one that matched no deal, with
 *     the column's most common values);
 *   - the output fields and the plain table (rollup_fields.c), the
 *     --accounts join (rollup_join.c);
 *   - the options and their checks (rollup_opts.c);
 *   - the driver (rollup.c), which streams deals through the pipeline of
 *     rollup_deal.c, on two cores for a large file (rollup_parallel.c).
 *
 *     struct cg_rollup_table *t = cg_rollup_table_new();
 *     struct cg_rollup_acc *a = cg_rollup_intern(t, "Contoso", 7);
 *     cg_rollup_add(a, 1234.5, day, today, 365);
 *     cg_rollup_distinct(t, a, "Ana", 3);
 *     ... cg_rollup_at(t, 0)->orders ...
 *     cg_rollup_table_free(t);
 *
 * The command (a struct cg_tool, tool.h) fills a struct cg_rollup_opts
 * with cg_rollup_opts_init() and the option setters, checks it with
 * cg_rollup_check() and calls cg_rollup_run() once.
 */
#ifndef CLIENTGRADE_ROLLUP_H
#define CLIENTGRADE_ROLLUP_H

#include <stddef.h>
#include <stdint.h>
#include "csv.h"
#include "error.h"
#include "field.h"
#include "roles.h"
#include "run.h"
#include "tool.h"

/* ---- the account table ---- */

/*
 * The running figures of one account. The key bytes follow the struct
 * in the table's memory (cg_rollup_key), so one lookup touches one place.
 */
struct cg_rollup_acc {
	uint64_t hash;
	uint32_t index;		/* first-seen position: 0, 1, 2, ... */
	uint32_t keylen;
	long orders;		/* deals counted */
	double volume;		/* sum of their values */
	int32_t first, last;	/* first and last deal date; valid if orders > 0 */
	long orders_w;		/* deals inside the window */
	double volume_w;
	long contacts;		/* distinct non-empty --distinct values */
	uint64_t seen;		/* bit v: --distinct value number v (< 64) seen */
	int known;		/* 1: the key came from the --accounts file */
	/*
	 * The sums again, exactly: in units of 2^-64, which holds every
	 * double from 2^-12 up to 2^32 (money) without rounding. An exact
	 * sum does not depend on the order of the deals, so the parallel
	 * run (two halves summed apart, then added) writes the same bytes
	 * as the sequential one. `inexact`: some value did not fit; then
	 * the plain double sums above are written.
	 */
	__extension__ __int128 xvolume, xvolume_w;
	int inexact;
};

struct cg_rollup_table;

/* A new, empty table. Never NULL (out of memory exits, see alloc.h). */
struct cg_rollup_table *cg_rollup_table_new(void);
void cg_rollup_table_free(struct cg_rollup_table *t);

/*
 * The account with key s[0..n), or NULL. Pointers into the table stay
 * valid until the next cg_rollup_intern() that adds an account.
 */
struct cg_rollup_acc *cg_rollup_find(const struct cg_rollup_table *t,
    const char *s, size_t n);

/* The account with key s[0..n), added (figures zero) if new. Keys may
 * hold any bytes, NUL included. */
struct cg_rollup_acc *cg_rollup_intern(struct cg_rollup_table *t,
    const char *s, size_t n);

/*
 * The same with the key's hash computed beforehand (cg_rollup_hash), so
 * a caller can cg_rollup_prefetch() a few deals ahead: at 100k accounts
 * the table is far bigger than the caches, and a lookup is two memory
 * round trips (slot, record) that parsing the next rows can hide.
 * cg_rollup_prefetch starts loading the slot; cg_rollup_prefetch_rec,
 * called later, the record that slot points to. Both are only hints.
 */
uint64_t cg_rollup_hash(const char *s, size_t n);
struct cg_rollup_acc *cg_rollup_find_h(const struct cg_rollup_table *t,
    const char *s, size_t n, uint64_t h);
struct cg_rollup_acc *cg_rollup_intern_h(struct cg_rollup_table *t,
    const char *s, size_t n, uint64_t h);
void cg_rollup_prefetch(const struct cg_rollup_table *t, uint64_t h);
void cg_rollup_prefetch_rec(const struct cg_rollup_table *t, uint64_t h);

/* Key bytes of an account (NUL-terminated; a->keylen bytes). */
const char *cg_rollup_key(const struct cg_rollup_acc *a);

/* Number of accounts; the account at first-seen position i < count. */
size_t cg_rollup_count(const struct cg_rollup_table *t);
struct cg_rollup_acc *cg_rollup_at(struct cg_rollup_table *t, size_t i);

/*
 * Count one deal of `value` on day `date`. It is inside the window when
 * today - window < date <= today.
 */
void cg_rollup_add(struct cg_rollup_acc *a, double value, int32_t date,
    int32_t today, long window);

/*
 * Note that value s[0..n) (e.g. a sales agent) worked account a; its
 * `contacts` grows when the pair is new. Empty values do not count.
 * Returns 1 if the pair was new, else 0.
 */
int cg_rollup_distinct(struct cg_rollup_table *t, struct cg_rollup_acc *a,
    const char *s, size_t n);

/*
 * The same for the k-th --distinct column (k from 0; 0 is the one
 * above, whose count is a->contacts), so that each column is counted
 * apart: "Ana" in sales_agent and "Ana" in product are two values.
 * k < CG_ROLLUP_MAX_DISTINCT.
 */
#define CG_ROLLUP_MAX_DISTINCT 16
int cg_rollup_distinct_k(struct cg_rollup_table *t, struct cg_rollup_acc *a,
    size_t k, const char *s, size_t n);
/* The count of column k for account a (a->contacts for k == 0). */
long cg_rollup_distinct_count(const struct cg_rollup_table *t,
    const struct cg_rollup_acc *a, size_t k);

/*
 * --owner-from: a deal of `value` counted on account a had agent
 * s[0..n) (empty: not counted for the owner). Memory per account grows
 * with the distinct agents on it.
 */
void cg_rollup_owner_add(struct cg_rollup_table *t,
    const struct cg_rollup_acc *a, const char *s, size_t n, double value);
/*
 * The owner of account a: the agent with the most volume among its
 * counted deals; on a tie the one with more deals, then the one whose
 * first deal on the account came first. NULL (and *n 0) when no deal
 * of a had an agent. Borrowed until the table changes.
 */
const char *cg_rollup_owner(struct cg_rollup_table *t,
    const struct cg_rollup_acc *a, size_t *n);

/*
 * Add the figures of src (a table filled from a later part of the same
 * deal log) to dst, as if dst had read those deals after its own: dst's
 * accounts keep their places, src's new ones follow in src's order,
 * distinct values are united, owners' figures added (src's agents
 * coming after dst's in first-seen order); `known` marks stay dst's.
 * Returns -1,
 * changing nothing, if either
 * table has an inexact sum (the result would depend on the split).
 */
int cg_rollup_merge(struct cg_rollup_table *dst, struct cg_rollup_table *src);

/* 1 if some account's sums are inexact (see struct cg_rollup_acc). */
int cg_rollup_inexact(const struct cg_rollup_table *t);

/* ---- output fields (rollup_fields.c) ---- */

/* The columns rollup adds, in output order. */
enum {
	CG_ROLLUP_ORDERS, CG_ROLLUP_VOLUME, CG_ROLLUP_AVG, CG_ROLLUP_FIRST,
	CG_ROLLUP_LAST, CG_ROLLUP_RECENCY, CG_ROLLUP_ORDERS_W,
	CG_ROLLUP_VOLUME_W, CG_ROLLUP_CONTACTS, CG_ROLLUP_NCOLS
};
extern const char *const cg_rollup_colnames[CG_ROLLUP_NCOLS];

/* Room for one formatted output field. */
#define CG_ROLLUP_FIELDMAX 48

/*
 * Format the output fields of account `a` (a may be NULL: an account with
 * no deals) into out[CG_ROLLUP_NCOLS], with `decimal` ('.' or ',') as the
 * decimal mark. Counts and sums of an account without deals are 0; its
 * avg_order, dates and recency_days are empty.
 */
void cg_rollup_format(const struct cg_rollup_acc *a, int32_t today,
    char decimal, char out[CG_ROLLUP_NCOLS][CG_ROLLUP_FIELDMAX]);

/*
 * Every column a run adds, in order: the figures up to volume_12m, then
 * one count per --distinct (the first named contacts, as with one, each
 * further one contacts_HEADER), then owner with --owner-from.
 */
#define CG_ROLLUP_MAXOUT (CG_ROLLUP_NCOLS + CG_ROLLUP_MAX_DISTINCT)
struct cg_rollup_out {
	size_t n;			/* columns */
	const char *name[CG_ROLLUP_MAXOUT];
	size_t ndistinct;		/* --distinct columns */
	int owner;			/* the last column is owner */
	char *own[CG_ROLLUP_MAXOUT];	/* names built here (freed) */
};

/*
 * The columns for `ndistinct` --distinct columns whose headers are
 * dname[k] (dlen[k] bytes) and, if `owner`, the owner. Free with
 * cg_rollup_out_free.
 */
void cg_rollup_out_init(struct cg_rollup_out *o, size_t ndistinct,
    const char *const *dname, const size_t *dlen, int owner);
void cg_rollup_out_free(struct cg_rollup_out *o);

/*
 * The fields of account `a` (NULL: no deals) for columns `o`: s[c] and
 * len[c] for c < o->n, pointing into buf or the table (valid until
 * either changes).
 */
void cg_rollup_fields(struct cg_rollup_table *t, const struct cg_rollup_acc *a,
    const struct cg_rollup_out *o, int32_t today, char decimal,
    char buf[CG_ROLLUP_MAXOUT][CG_ROLLUP_FIELDMAX], const char **s,
    size_t *len);

/* ---- --where ---- */

/*
 * Conditions COL=VALUE, COL!=VALUE, COL<VALUE, COL<=VALUE, COL>VALUE,
 * COL>=VALUE. On one column, the conditions other than != are
 * alternatives (one of them must hold) and every != must hold;
 * different columns must all hold. = and != compare bytes exactly
 * (case-sensitive, no trimming); the others compare numbers, or dates
 * when VALUE is a date (YYYY-MM-DD, or in the column's day/month order).
 * A field that is not a number (date) fails such a condition.
 */
struct cg_rollup_where;

/* Parse specs (split at the first =, !=, <, <=, > or >=). NULL with
 * CG_EUSAGE when a spec has no operator, an empty COL, or a comparison
 * whose VALUE is no number or date. n == 0 gives an empty filter that
 * matches every row. */
struct cg_rollup_where *cg_rollup_where_new(const char *const *spec,
    size_t n, struct cg_err *err);
void cg_rollup_where_free(struct cg_rollup_where *w);
/* Number of conditions (0: no filter). */
size_t cg_rollup_where_count(const struct cg_rollup_where *w);

/* Find each COL in the header (cg_header_eq rules). 0, or -1 (CG_EROLE
 * naming the column and `file`). */
int cg_rollup_where_bind(struct cg_rollup_where *w, const struct cg_row *hdr,
    const char *file, struct cg_err *err);

/* 1 if a condition compares dates on a column other than `col`. */
int cg_rollup_where_dates_off(const struct cg_rollup_where *w, size_t col);
/* 1 if a condition compares dates on column `col`. */
int cg_rollup_where_dates_on(const struct cg_rollup_where *w, size_t col);

/*
 * One pass of a filter over a deal log: the date memory of the columns
 * it reads as dates, and what each condition matched, for the warning
 * about one that matched no deal. Until every condition has matched a
 * deal (and some deal passed them all), each condition is tried on
 * every deal and the values of its column are counted (at most
 * CG_TALLY_MAX distinct ones a column, tally.h); after that, a deal
 * costs the conditions only, tried in turn until one fails.
 *
 * `dc` is the date memory of column `dcol` (the deal's date, shared
 * with the deal's own reading of it); other date columns get their own.
 */
struct cg_rollup_filter;
struct cg_rollup_filter *cg_rollup_filter_new(const struct cg_rollup_where *w,
    size_t dcol, struct cg_datecol *dc, const struct cg_run *run);
void cg_rollup_filter_free(struct cg_rollup_filter *f);

/* 1 if the row passes, 0 if not, -1 (err filled: a date that
 * contradicts its column's order, or a comparison date that cannot be
 * read in it). */
int cg_rollup_filter_match(struct cg_rollup_filter *f, struct cg_reader *r,
    const struct cg_row *row, struct cg_err *err);

/*
 * After the pass over `ndeals` deals: a warning for each condition that
 * matched no deal
 *     rollup: warning: --where deal_stage=won matched no deal;
 *     deal_stage has: Won 7, Lost 2; did you mean 'Won'?
 * (for a comparison, the range of the column's numbers or dates), and
 * one when each matched some deal but none passed them all. With
 * `strict` the first such finding is the error instead (CG_EDATA, the
 * same text and " (--strict)"). 0, or -1. Nothing is said when the log
 * had no deals.
 */
int cg_rollup_filter_report(const struct cg_rollup_filter *f,
    unsigned long ndeals, int strict, struct cg_err *err);

/*
 * Add src (the same filter over a later part of the log) to dst, as if
 * dst had read those deals too. -1, changing nothing, when the result
 * could differ from one pass (a value count that hit its cap).
 */
int cg_rollup_filter_merge_ok(const struct cg_rollup_filter *dst,
    const struct cg_rollup_filter *src);
void cg_rollup_filter_merge(struct cg_rollup_filter *dst,
    const struct cg_rollup_filter *src);

/* ---- output (rollup_join.c) ---- */

/*
 * The --accounts file, open for its two passes. Load reads it once and
 * interns every non-empty key into t (marking it `known`). Its key
 * column: `accounts_key` if given, else a column named like the deal
 * log's key header (dealkey), else role "account" (cg_role_use_required:
 * a column found by an alias is noted). With `owner`, its owner column
 * (role owner, cg_role_use) is found too. Warns through the run
 * (cg_warning) about empty or repeated keys. NULL on error.
 */
struct cg_rollup_accounts;
struct cg_rollup_accounts *cg_rollup_accounts_load(const char *path,
    const char *dealkey, size_t dealkeylen, const char *accounts_key,
    int owner, struct cg_rollup_table *t, const struct cg_run *run,
    struct cg_err *err);
const char *cg_rollup_accounts_name(const struct cg_rollup_accounts *a);

/*
 * Second pass: every accounts row, unchanged and in order, with the
 * columns `o` appended (or, with `replace`, put into existing columns
 * of the same name), in the accounts file's dialect, to run->out_fd;
 * recency counted to run->today. The owner, when the file has an owner
 * column, goes into it, and only where it is blank (with a note saying
 * how many were filled). A name clash without `replace` is a warning
 * through the run. 0 or -1.
 */
int cg_rollup_accounts_write(struct cg_rollup_accounts *a,
    struct cg_rollup_table *t, const struct cg_rollup_out *o, int replace,
    const char *owner_from, const struct cg_run *run, struct cg_err *err);
void cg_rollup_accounts_free(struct cg_rollup_accounts *a);

/*
 * Without --accounts (rollup_fields.c): a header (keyname, then the
 * names of columns `o`) and one row per account in first-seen order, in
 * dialect d, to run->out_fd; recency counted to run->today.
 */
int cg_rollup_write_plain(struct cg_rollup_table *t, const char *keyname,
    size_t keylen, const struct cg_dialect *d, const struct cg_rollup_out *o,
    const struct cg_run *run, struct cg_err *err);

/* ---- options (rollup_opts.c) ---- */

#define CG_ROLLUP_MAX_WINDOW 36525L	/* a century of days: beyond, a typo */

/*
 * What the command line asked for; the run (run.h) brings the rest
 * (operands, today, date order, columns, reader settings, output fd).
 * Strings are borrowed (argv); the opts own only the arrays.
 */
struct cg_rollup_opts {
	const char *key;	/* --key header, or NULL: role "account" */
	const char *value;	/* --value header, or NULL: role "value" */
	const char *date;	/* --date header, or NULL: role "date" */
	const char *distinct;	/* the first --distinct header, or NULL: no
				 * contacts */
	const char **more_distinct;	/* the further ones, in order */
	size_t nmore_distinct;
	const char *owner_from;	/* --owner-from header, or NULL: no owner */
	const char **where;	/* --where specs */
	size_t nwhere;
	const char *accounts;	/* --accounts FILE, or NULL: no join */
	const char *accounts_key; /* --accounts-key header, or NULL */
	const char *rejects;	/* --rejects FILE, or NULL */
	long window;		/* days, 1 to CG_ROLLUP_MAX_WINDOW */
	int window_set;		/* from --window, not the default */
	int strict;		/* skipped deals are an error */
	int replace;		/* put figures into same-named columns */
};

/* Defaults: no options, a window of 365 days. Free with _free. */
void cg_rollup_opts_init(struct cg_rollup_opts *o);
void cg_rollup_opts_free(struct cg_rollup_opts *o);

/* --window DAYS: 0, or -1 (CG_EUSAGE, "--window wants a number of days
 * from 1 to 36525, not 'x'"). */
int cg_rollup_parse_window(struct cg_rollup_opts *o, const char *arg,
    struct cg_err *err);

/* --where COL=VALUE, kept (arg borrowed) for cg_rollup_where_new. 0. */
int cg_rollup_add_where(struct cg_rollup_opts *o, const char *arg,
    struct cg_err *err);

/* --distinct HEADER, kept (arg borrowed): the first in `distinct`, the
 * others in `more_distinct`. 0, or -1 (CG_EUSAGE: more than
 * CG_ROLLUP_MAX_DISTINCT). */
int cg_rollup_add_distinct(struct cg_rollup_opts *o, const char *arg,
    struct cg_err *err);

/*
 * After every option: --accounts-key and --replace need --accounts, the
 * deal log (run->argc/argv) and --accounts cannot both be stdin
 * (CG_EUSAGE); --accounts and --rejects (but "-") are declared to the
 * run (cg_run_input/cg_run_output), so the spine refuses an output that
 * is an input; then the [rollup] section of run->cfg (may be NULL):
 * `window`, which --window overrides but which must be good either way
 * (CG_ECONFIG at its line). 0 or -1.
 */
int cg_rollup_check(struct cg_rollup_opts *o, struct cg_run *run,
    struct cg_err *err);

/* ---- the driver (rollup.c) ---- */

/*
 * Read the deal log from the run's operands (none or "-" is stdin),
 * write the rollup as CSV to run->out_fd. Warnings about skipped deals
 * and about --where conditions that matched no deal go through the run
 * (cg_warning), as do the notes about columns found by an alias
 * (cg_note). Returns 0, or -1 with err filled
 * (nothing more has been written to the output after an error in the
 * deal log, as output starts only once the log has been read).
 */
int cg_rollup_run(const struct cg_rollup_opts *o, const struct cg_run *run,
    struct cg_err *err);

/* The roles the driver reads (account, value, date), for --inspect. */
extern const struct cg_role_need cg_rollup_roles[];

#endif
