/*
 * rollup.h - from a deal or order log to per-account figures.
 *
 * One pass over the deal log; memory grows with the number of accounts
 * (and of distinct (account, --distinct value) pairs), never with the
 * number of deals. Three parts:
 *
 *   - the account table (rollup_agg.c): key bytes -> running figures,
 *     an open-addressing hash table over keys interned in an arena, and
 *     a set of (account, value) pairs for distinct counts;
 *   - the row filter (rollup_where.c): --where COL=VALUE conditions;
 *   - the driver (rollup.c, rollup_join.c): reading, rejects, output.
 *
 *     struct cg_rollup_table *t = cg_rollup_table_new();
 *     struct cg_rollup_acc *a = cg_rollup_intern(t, "Contoso", 7);
 *     cg_rollup_add(a, 1234.5, day, today, 365);
 *     cg_rollup_distinct(t, a, "Ana", 3);
 *     ... cg_rollup_at(t, 0)->orders ...
 *     cg_rollup_table_free(t);
 */
#ifndef CLIENTGRADE_ROLLUP_H
#define CLIENTGRADE_ROLLUP_H

#include <stddef.h>
#include <stdint.h>
#include "csv.h"
#include "error.h"
#include "roles.h"

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
struct cg_rollup_where *cg_rollup_where_new(char *const *spec, size_t n,
    struct cg_err *err);
void cg_rollup_where_free(struct cg_rollup_where *w);

/* Find each COL in the header (cg_header_eq rules). 0, or -1 (CG_EROLE
 * naming the column and `file`). */
int cg_rollup_where_bind(struct cg_rollup_where *w, const struct cg_row *hdr,
    const char *file, struct cg_err *err);

/* 1 if the row passes every condition (after bind). */
int cg_rollup_where_match(const struct cg_rollup_where *w,
    const struct cg_row *row);

/* ---- output (rollup_join.c) ---- */

/* Leftmost header column named name[0..n) (cg_header_eq rules), or
 * (size_t)-1. */
size_t cg_rollup_header_col(const struct cg_row *hdr, const char *name,
    size_t n);

/*
 * The --accounts file, open for its two passes. Load reads it once and
 * interns every non-empty key into t (marking it `known`). Its key
 * column: `accounts_key` if given, else a column named like the deal
 * log's key header (dealkey), else role "account". Warns (on stderr,
 * as `prog`) about empty or repeated keys. NULL on error.
 */
struct cg_rollup_accounts;
struct cg_rollup_accounts *cg_rollup_accounts_load(const char *path,
    const char *dealkey, size_t dealkeylen, const char *accounts_key,
    const struct cg_colmap *cols, struct cg_rollup_table *t,
    const char *prog, struct cg_err *err);
const char *cg_rollup_accounts_name(const struct cg_rollup_accounts *a);

/*
 * Second pass: every accounts row, unchanged and in order, with the first
 * `ncols` figures appended (or, with `replace`, put into existing columns
 * of the same name), in the accounts file's dialect. 0 or -1.
 */
int cg_rollup_accounts_write(struct cg_rollup_accounts *a,
    struct cg_rollup_table *t, int outfd, int32_t today, size_t ncols,
    int replace, const char *prog, struct cg_err *err);
void cg_rollup_accounts_free(struct cg_rollup_accounts *a);

/*
 * Without --accounts: a header (keyname, then the first `ncols` figure
 * names) and one row per account in first-seen order, in dialect d.
 */
int cg_rollup_write_plain(struct cg_rollup_table *t, const char *keyname,
    size_t keylen, const struct cg_dialect *d, int outfd, int32_t today,
    size_t ncols, struct cg_err *err);

/* ---- the driver ---- */

struct cg_rollup_opts {
	const char *prog;	/* for messages */
	const char *key;	/* --key header, or NULL: role "account" */
	const char *value;	/* --value header, or NULL: role "value" */
	const char *date;	/* --date header, or NULL: role "date" */
	const char *distinct;	/* --distinct header, or NULL: no contacts */
	char *const *where;	/* --where specs */
	size_t nwhere;
	const char *accounts;	/* --accounts FILE, or NULL: no join */
	const char *accounts_key; /* --accounts-key header, or NULL */
	const char *rejects;	/* --rejects FILE, or NULL */
	long window;		/* days; > 0 */
	int strict;		/* skipped deals are an error */
	int replace;		/* put figures into same-named columns */
	int32_t today;
	int dates;		/* enum cg_date_order for the date column */
	const struct cg_colmap *cols;	/* --col overrides (may be NULL) */
	struct cg_reader_opts ropts;	/* for the deal log */
};

/*
 * Read the deal log from the operands argv[0..argc) (none or "-" is
 * stdin), write the rollup as CSV to `outfd`. Warnings about skipped
 * deals go to stderr. Returns 0, or -1 with err filled (nothing more
 * has been written to outfd after an error in the deal log, as output
 * starts only once the log has been read).
 */
int cg_rollup_run(const struct cg_rollup_opts *o, int argc, char **argv,
    int outfd, struct cg_err *err);

#endif
