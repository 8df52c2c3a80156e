/*
 * rollup.h - from a deal or order log to per-account figures.
 *
 * One pass over the deal log; memory grows with the number of accounts
 * (and of distinct (account, --distinct value) pairs), never with the
 * number of deals. The parts, one job per file in lib/rollup/:
 *
 *   - the account table (rollup_agg.c): key bytes -> running figures,
 *     an open-addressing hash table over keys kept in its records, and
 *     (rollup_distinct.c) the --distinct values and (account, value)
 *     pairs;
 *   - the row filter (rollup_where.c): --where COL=VALUE conditions;
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
 * Add the figures of src (a table filled from a later part of the same
 * deal log) to dst, as if dst had read those deals after its own: dst's
 * accounts keep their places, src's new ones follow in src's order,
 * distinct values are united; `known` marks stay dst's. Returns -1,
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

/* ---- --where ---- */

/*
 * Conditions COL=VALUE. Several values for one column are alternatives
 * (OR); different columns must all hold (AND). A field matches a value
 * when its bytes are exactly equal (case-sensitive, no trimming).
 */
struct cg_rollup_where;

/* Parse specs "COL=VALUE" (split at the first '='). NULL with CG_EUSAGE
 * when a spec has no '=' or an empty COL. n == 0 gives an empty filter
 * that matches every row. */
struct cg_rollup_where *cg_rollup_where_new(const char *const *spec,
    size_t n, struct cg_err *err);
void cg_rollup_where_free(struct cg_rollup_where *w);

/* Find each COL in the header (cg_header_eq rules). 0, or -1 (CG_EROLE
 * naming the column and `file`). */
int cg_rollup_where_bind(struct cg_rollup_where *w, const struct cg_row *hdr,
    const char *file, struct cg_err *err);

/* 1 if the row passes every condition (after bind). */
int cg_rollup_where_match(const struct cg_rollup_where *w,
    const struct cg_row *row);

/* ---- output (rollup_join.c) ---- */

/*
 * The --accounts file, open for its two passes. Load reads it once and
 * interns every non-empty key into t (marking it `known`). Its key
 * column: `accounts_key` if given, else a column named like the deal
 * log's key header (dealkey), else role "account" (with run->cols).
 * Warns through the run (cg_warning) about empty or repeated keys. NULL
 * on error.
 */
struct cg_rollup_accounts;
struct cg_rollup_accounts *cg_rollup_accounts_load(const char *path,
    const char *dealkey, size_t dealkeylen, const char *accounts_key,
    struct cg_rollup_table *t, const struct cg_run *run,
    struct cg_err *err);
const char *cg_rollup_accounts_name(const struct cg_rollup_accounts *a);

/*
 * Second pass: every accounts row, unchanged and in order, with the first
 * `ncols` figures appended (or, with `replace`, put into existing columns
 * of the same name), in the accounts file's dialect, to run->out_fd;
 * recency counted to run->today. A name clash without `replace` is a
 * warning through the run. 0 or -1.
 */
int cg_rollup_accounts_write(struct cg_rollup_accounts *a,
    struct cg_rollup_table *t, size_t ncols, int replace,
    const struct cg_run *run, struct cg_err *err);
void cg_rollup_accounts_free(struct cg_rollup_accounts *a);

/*
 * Without --accounts (rollup_fields.c): a header (keyname, then the
 * first `ncols` figure names) and one row per account in first-seen
 * order, in dialect d, to run->out_fd; recency counted to run->today.
 */
int cg_rollup_write_plain(struct cg_rollup_table *t, const char *keyname,
    size_t keylen, const struct cg_dialect *d, size_t ncols,
    const struct cg_run *run, struct cg_err *err);

/* ---- options (rollup_opts.c) ---- */

#define CG_ROLLUP_MAX_WINDOW 36525L	/* a century of days: beyond, a typo */

/*
 * What the command line asked for; the run (run.h) brings the rest
 * (operands, today, date order, columns, reader settings, output fd).
 * Strings are borrowed (argv); the opts own only the `where` array.
 */
struct cg_rollup_opts {
	const char *key;	/* --key header, or NULL: role "account" */
	const char *value;	/* --value header, or NULL: role "value" */
	const char *date;	/* --date header, or NULL: role "date" */
	const char *distinct;	/* --distinct header (the last one given),
				 * or NULL: no contacts */
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
 * go through the run (cg_warning). Returns 0, or -1 with err filled
 * (nothing more has been written to the output after an error in the
 * deal log, as output starts only once the log has been read).
 */
int cg_rollup_run(const struct cg_rollup_opts *o, const struct cg_run *run,
    struct cg_err *err);

/* The roles the driver reads (account, value, date), for --inspect. */
extern const struct cg_role_need cg_rollup_roles[];

#endif
