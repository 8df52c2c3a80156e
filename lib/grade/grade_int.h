/*
 * grade_int.h - what the files of grade(1) share inside lib/: the run's
 * context (columns found, value sets of the first pass) and one row's
 * result. Not a public interface.
 */
#ifndef CLIENTGRADE_GRADE_INT_H
#define CLIENTGRADE_GRADE_INT_H

#include "clientgrade/buf.h"
#include "clientgrade/csv.h"
#include "clientgrade/field.h"
#include "clientgrade/grade.h"
#include "clientgrade/stage.h"
#include "clientgrade/strtab.h"

/* --previous (grade_previous.c). */
#define CG_GRADE_PREV_MAXG 16		/* distinct old grades kept */
#define CG_GRADE_PREV_NONE (-1)		/* an old row without a grade */
#define CG_GRADE_PREV_NEW (-2)		/* not in OLD */
struct cg_grade_prev {
	const char *path;		/* borrowed */
	int by_id;			/* keys are ids, else account names */
	size_t col;			/* key column of this run's input */
	struct cg_strtab keys;
	signed char *old;		/* old grade index per key */
	size_t cap;
	unsigned char *seen;		/* key matched by this run */
	char *names[CG_GRADE_PREV_MAXG];/* old grade names (owned) */
	size_t nnames;
};
int cg_grade_prev_load(struct cg_grade_prev *p, const char *path,
    const struct cg_run *run, const struct cg_row *newhdr,
    const char *gradecol, struct cg_err *err);
/* "same", "new" or "B->A" (in buf); *was: old index, _NONE or _NEW. */
const char *cg_grade_prev_change(struct cg_grade_prev *p,
    const struct cg_row *row, const char *grade, char *buf, size_t cap,
    int *was);
/* Put the old grade names in the order of `order` (the scale). */
void cg_grade_prev_sort(struct cg_grade_prev *p, const char *const *order,
    size_t n);
void cg_grade_prev_report(const struct cg_grade_prev *p,
    const struct cg_run *run);
void cg_grade_prev_free(struct cg_grade_prev *p);

/*
 * Location (grade_geo.c): the distance factor from the accounts'
 * latitude and longitude, measured from the home of --home (or the
 * config's home) or from each owner's home of --homes.
 */
struct cg_grade_geo {
	int on;				/* distance from coordinates */
	size_t lat, lon;		/* their columns */
	size_t owner;			/* owner column (--homes) */
	struct cg_strtab owners;	/* --homes: owner -> index */
	struct cg_point *home;		/* ... -> home (owned) */
	struct cg_strtab told;		/* owners already warned about */
};

struct cg_grade_ctx;
/*
 * Called by find() for the distance factor once the file's own columns
 * were looked for: `found` is 1 when a distance (or distance_rating)
 * column exists. Returns 1 when the distance comes from coordinates (or
 * a column), 0 when there is none, -1 on error (err filled: --homes).
 */
int cg_grade_geo_find(struct cg_grade_ctx *g, const struct cg_row *hdr,
    int found, struct cg_err *err);
/* Kilometres from the row's home to the row's coordinates: 1 (in *km),
 * 0 (missing: an empty cell, an owner without a home) or -1 (a cell that
 * is not a coordinate; err names it). */
int cg_grade_geo_km(struct cg_grade_ctx *g, const struct cg_row *row,
    double *km, struct cg_err *err);
void cg_grade_geo_free(struct cg_grade_geo *geo);

/*
 * Populations (grade_pop.c): the stage column, what each distinct stage
 * value means, and the counts the notes and reasons give.
 */
#define CG_GRADE_POP_CACHE 4096		/* distinct values remembered */
struct cg_grade_pops {
	size_t col;			/* stage column, or CG_NO_COL */
	struct cg_stage_memo memo;	/* its values; counts: the last
					 * pass's rows */
	int counted;			/* n[] is known (a first pass) */
	size_t n[CG_GP_N];		/* accounts per population */
	int small[CG_GP_N];		/* too few to rank */
	int last;			/* in the last pass: count */
	struct cg_strtab src;		/* distinct source values */
	signed char *src_points;	/* ... their points, 0 unknown */
	size_t *src_count;		/* ... rows of the last pass */
	size_t src_cap;
	const char *src_s;		/* the row's source, for reasons */
	size_t src_n;
};

struct cg_grade_ctx;
/* Find the stage column (a note when the file seems to hold leads but
 * has none). 0, or -1 (err: a --col stage that is not there). */
int cg_grade_pops_find(struct cg_grade_ctx *g, const struct cg_row *hdr,
    struct cg_err *err);
/* The row's population (enum cg_grade_pop). */
int cg_grade_pop_of(struct cg_grade_ctx *g, const struct cg_row *row);
/* The row's source points 1..5: 1 (in *v), 0 (empty or unknown). */
int cg_grade_source_read(struct cg_grade_ctx *g, const struct cg_row *row,
    size_t c, double *v);
/* After the last pass: warnings for unknown stages and sources. */
void cg_grade_pops_report(struct cg_grade_ctx *g);
void cg_grade_pops_free(struct cg_grade_pops *p);

struct cg_grade_ctx {
	const struct cg_grade_opts *o;
	const struct cg_run *run;
	int32_t today;
	struct cg_reader *r;		/* reader of the current file */
	size_t col[CG_GF_N];
	int in_file[CG_GF_N];		/* the file has the column */
	int used[CG_GF_N];		/* the method reads it (for any
					 * population) */
	int uses[CG_GP_N][CG_GF_N];	/* score: population p counts it */
	int used_hint[CG_GF_N];		/* ... if the file has it */
	int rating[CG_GF_N];		/* from a <factor>_rating column,
					 * 1..5 with 5 best */
	char *colname[CG_GF_N];		/* the factor's column, when not
					 * named as the factor (owned) */
	int recency_date;		/* recency from last_order (date) */
	struct cg_datecol dc;
	struct cg_datecol dc_ref;	/* last_referral's dates */
	int by_rank[CG_GP_N][CG_GF_N];	/* normalised by rank */
	double lo[CG_GP_N][CG_GF_N], hi[CG_GP_N][CG_GF_N];	/* else */
	struct cg_grade_vals vals[CG_GP_N][CG_GF_N];	/* first pass */
	int shares;			/* grade by shares of accounts */
	struct cg_grade_vals scores[CG_GP_N];	/* second pass, for shares */
	struct cg_grade_pops pops;	/* populations (grade_pop.c) */
	size_t nrulegrade;		/* rules: distinct grade names */
	const char *rulegrade[64];
	size_t rulegi[64];		/* rule -> index into rulegrade */
	struct cg_grade_prev prev;	/* --previous */
	int has_prev;
	struct cg_grade_geo geo;	/* distance from coordinates */
};

struct cg_grade_res {
	int pop;			/* enum cg_grade_pop */
	int graded;
	size_t g;			/* grade index (scale or rulegrade) */
	int has_score;
	double score;
	int has_share;			/* abc: cumulative share of volume */
	double share;
	int has_cell;
	char cell[16];	/* three digits; room for any int the compiler imagines */
	const char *segment;
	struct cg_buf *why;		/* NULL without --explain */
};

/* Name of grade index g for this run. */
const char *cg_grade_name(const struct cg_grade_ctx *g, size_t gi);

/*
 * Read the factors in `mask` (bit per factor) that the file has into v
 * and have. 0 or -1 (a value that is not a number/date: err filled).
 */
int cg_grade_read(struct cg_grade_ctx *g, const struct cg_row *row,
    unsigned mask, double *v, int *have, struct cg_err *err);

/* Number in the input's decimal style, for reasons ("18718.12"). */
const char *cg_grade_num(const struct cg_grade_ctx *g, char *buf,
    double v, int prec);

/* Per-method computation for one row (after any first pass). */
void cg_grade_score_row(struct cg_grade_ctx *g, const double *v,
    const int *have, struct cg_grade_res *res);
void cg_grade_abc_row(struct cg_grade_ctx *g, const double *v,
    const int *have, struct cg_grade_res *res);
void cg_grade_rfm_row(struct cg_grade_ctx *g, const double *v,
    const int *have, struct cg_grade_res *res);
void cg_grade_rules_row(struct cg_grade_ctx *g, const double *v,
    const int *have, struct cg_grade_res *res);

/* Grade a score (cut scores, or shares against g->scores) into res. */
void cg_grade_place(struct cg_grade_ctx *g, struct cg_grade_res *res);

/* "; A at 70+" and the like, for reasons. */
void cg_grade_why_scale(const struct cg_grade_ctx *g, struct cg_buf *b,
    size_t gi);

/* ---- summary (grade_summary.c) ---- */

/*
 * Tallies are kept per group, population and grade: the tally of grade
 * gi (ngrades: no grade) of population p in group k.
 */
#define CG_GRADE_TALLY(t, k, p, gi, ngrades) \
	((t)[((k) * CG_GP_N + (size_t)(p)) * ((ngrades) + 1) + (gi)])

struct cg_grade_tally {
	size_t n;			/* rows */
	size_t nvol;			/* rows with a volume */
	double vol;
	size_t nscore;
	double score;
	size_t was[CG_GRADE_PREV_MAXG + 2];	/* --previous: old grade,
						 * then none, then new */
};

/* --plot (grade_plot.c): the SVG of the Pareto curve and the bars, and
 * writing it (vol is sorted in place). */
void cg_grade_plot_svg(struct cg_buf *b, const struct cg_grade_ctx *g,
    double *vol, size_t n, const struct cg_grade_tally *t, size_t ngrades);
int cg_grade_plot_write(const char *path, const struct cg_buf *svg,
    struct cg_err *err);

void cg_grade_summary_add(struct cg_grade_tally *t, const double *v,
    const int *have, const struct cg_grade_res *res);
/*
 * Write the summary of `ngroups` groups of CG_GP_N tables of ngrades + 1
 * tallies each (CG_GRADE_TALLY), one per value gname[i] of column `gcol`
 * (--group), and one over all; gcol NULL: one group (gname unused). A
 * table per population that has accounts.
 */
int cg_grade_summary_write(const struct cg_grade_ctx *g,
    const struct cg_grade_tally *t, size_t ngroups,
    const char *const *gname, const char *gcol, size_t ngrades,
    int has_volume, int has_score, const struct cg_dialect *d,
    struct cg_err *err);

#endif
