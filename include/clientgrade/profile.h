/*
 * profile.h - what the A accounts share that the C accounts lack.
 *
 * profile(1) reads graded accounts (any file with a grade column, or
 * with the column --group names) and writes one finding per attribute
 * and value: for a numeric column the median of each grade, for a text
 * column of at most CG_PROFILE_MAXVALUES values the share of each
 * grade's accounts holding each value, and a separation from 0 to 1,
 * how strongly the attribute tells the top grade from the bottom one
 * (for text: the difference of the two shares; for numbers: Cliff's
 * delta, the chance that a top account's value exceeds a bottom one's
 * minus the reverse, in absolute value). Findings come sorted by
 * separation, highest first.
 *
 * Memory is bounded by the number of distinct values, never by rows: a
 * text column is counted in (value, grade) pairs and dropped once it
 * has more than CG_PROFILE_MAXVALUES values; a numeric column keeps its
 * (value, grade) pairs exactly up to CG_PROFILE_EXACT of them, then
 * folds them into logarithmic buckets CG_PNUM_ALPHA wide (a relative
 * error of at most 0.5 % on its medians, and values in one bucket count
 * as ties for the separation).
 *
 * The command (a struct cg_tool, tool.h) fills a struct
 * cg_profile_opts with cg_profile_opts_init(), the cg_profile_parse_*()
 * setters and cg_profile_check(), then calls cg_profile_run() once.
 *
 * Files: profile_opts.c (options), profile.c (the run: resolve ->
 * collect -> compute -> emit), profile_cols.c (which columns, and what
 * each row adds to them), profile_group.c (the grades and their scale
 * order), profile_num.c (the numeric summary), profile_touch.c
 * (--touches), profile_emit.c (findings sorted, CSV and sentences out).
 */
#ifndef CLIENTGRADE_PROFILE_H
#define CLIENTGRADE_PROFILE_H

#include <stddef.h>
#include <stdint.h>
#include "error.h"
#include "run.h"

/* Values of a text column tracked; a column with more is skipped. */
#define CG_PROFILE_MAXVALUES 50
/* Groups (grades, and the "(none)" group of empty grades) at most. */
#define CG_PROFILE_MAXGROUPS 50
/* Findings --format text prints when --top is not given. */
#define CG_PROFILE_TOP_TEXT 10

enum cg_profile_format { CG_PF_CSV = 0, CG_PF_TEXT = 1 };

struct cg_profile_opts {
	const char *group;	/* --group COL (borrowed), NULL: the grade */
	int format;		/* enum cg_profile_format */
	long top;		/* --top; 0: all (CSV), CG_PROFILE_TOP_TEXT */
	const char *touches;	/* --touches LOG (borrowed), or NULL */
};

/* Defaults: group by grade, CSV, every finding, no touches. */
void cg_profile_opts_init(struct cg_profile_opts *o);
void cg_profile_opts_free(struct cg_profile_opts *o);

/*
 * Option setters: 0, or -1 (CG_EUSAGE naming the option). Arguments are
 * kept, not copied (argv outlives the options).
 *
 *     if (cg_profile_parse_top(&o, "5", &err) == 0)
 *             assert(o.top == 5);
 */
int cg_profile_parse_group(struct cg_profile_opts *o, const char *arg,
    struct cg_err *err);
int cg_profile_parse_format(struct cg_profile_opts *o, const char *arg,
    struct cg_err *err);
int cg_profile_parse_top(struct cg_profile_opts *o, const char *arg,
    struct cg_err *err);
int cg_profile_parse_touches(struct cg_profile_opts *o, const char *arg,
    struct cg_err *err);

/*
 * After all options: declare the --touches file to the run
 * (cg_run_input), and refuse it on standard input when the accounts
 * come from there too. 0 or -1 (CG_EUSAGE).
 */
int cg_profile_check(struct cg_profile_opts *o, struct cg_run *run,
    struct cg_err *err);

/*
 * Read the run's operands (none: stdin) and --touches, write the
 * profile (CSV in the input's dialect to run->out_fd, or sentences to
 * stdout). Notes and warnings go through the run. Returns 0 or -1 (err
 * filled: CG_EROLE for a missing grade or --group column, CG_EDATA for
 * a tool's output given as input or too many groups).
 */
int cg_profile_run(const struct cg_profile_opts *o, const struct cg_run *run,
    struct cg_err *err);

/* ---- scale order of the groups (profile_group.c) ---- */

/*
 * Compare two group names in the order a profile lists them, best
 * first: letter grades by letter, more letters first, '+' before none
 * before '-' (AAA, AA, A+, A, A-, B, ..., C); then quadrant's names in
 * its order (Key, Growth, Maintenance, Service); then whole numbers by
 * value; then other names byte by byte. The empty name (no grade, shown
 * "(none)") is last. <0, 0 or >0 like strcmp.
 */
int cg_profile_group_cmp(const char *a, size_t an, const char *b, size_t bn);

/* ---- numeric summary (profile_num.c) ---- */

/* Exact (value, group) pairs kept per numeric column before buckets. */
#define CG_PROFILE_EXACT 4096
/* Relative accuracy of the buckets: a bucket's values are within this
 * fraction of the value that stands for them. */
#define CG_PNUM_ALPHA 0.005

/*
 * Counts of (key, group) pairs in an open-addressing table. A key is
 * the value itself (exact) or its bucket (approximate), spelled as a
 * uint64_t that sorts as the values do.
 */
struct cg_pnum {
	struct cg_pnum_ent {
		uint64_t key;
		uint64_t count;		/* 0: empty slot */
		uint32_t group;
	} *slot;
	size_t mask;		/* slots - 1 */
	size_t n;		/* pairs held */
	int approx;		/* 1: keys are buckets */
	double lg;		/* log of the bucket ratio */
	long lo, hi;		/* bucket indexes of 1e-9 and CG_NUM_LIMIT */
};

void cg_pnum_init(struct cg_pnum *s);
void cg_pnum_free(struct cg_pnum *s);

/* Count value v (finite) for group g (< CG_PROFILE_MAXGROUPS). */
void cg_pnum_add(struct cg_pnum *s, double v, unsigned g);

/* What a summary says about groups 0..ngroups-1. */
struct cg_pnum_stats {
	uint64_t n[CG_PROFILE_MAXGROUPS];	/* values per group */
	double median[CG_PROFILE_MAXGROUPS];	/* NAN: the group has none */
	/* Cliff's delta of group `top` against `bottom` (-1..1; positive
	 * when top's values are larger); NAN when either has no value. */
	double delta;
	int approx;		/* medians and delta from buckets */
};

/*
 * Medians of every group (the middle value, or the mean of the two
 * middle ones for an even count) and Cliff's delta of `top` against
 * `bottom`, in one sort of the pairs.
 */
void cg_pnum_stats(const struct cg_pnum *s, size_t ngroups, size_t top,
    size_t bottom, struct cg_pnum_stats *st);

#endif
