/*
 * quadrant.h - the account prioritisation matrix: engagement (vertical)
 * against potential to grow (horizontal), split at two cuts into
 *
 *                  low potential     high potential
 *   high engagement  Maintenance         Key
 *   low engagement   Service             Growth
 *
 * A value equal to its cut is "high". Cuts are fixed numbers or the
 * median of the axis (the mean of the two middle values for an even
 * count; missing values do not count), moved to the next value up when
 * the median puts more than 80% of the accounts on one side and that
 * comes closer to halves (cg_qcut_median).
 *
 * Engagement is the `engagement` column; without one it is derived from
 * how many of our people work with how many of theirs: our_contacts x
 * their_contacts (the number of person-to-person links) when both
 * columns exist, else whichever one of our_contacts, their_contacts or
 * contacts there is. Potential is the `potential` column, or with
 * headroom potential - volume.
 *
 * The command (a struct cg_tool, tool.h) fills a struct
 * cg_quadrant_opts with cg_quadrant_opts_init(), the
 * cg_quadrant_parse_*() setters (one per option) and cg_quadrant_check()
 * (the --cut values, option combinations, the config sections), then
 * calls cg_quadrant_run() once.
 *
 * Files: quadrant_opts.c (options and config), quadrant.c (the run:
 * resolve -> collect -> compute -> emit), quadrant_emit.c (the rows,
 * the summary and the plot out), quadrant_axes.c (columns and values,
 * medians), quadrant_summary.c (--summary), quadrant_plot.c (points
 * kept for plots), quadrant_svg.c and quadrant_textplot.c (the two
 * renderings), quadrant_text.c (names made safe for XML and for a
 * terminal).
 */
#ifndef CLIENTGRADE_QUADRANT_H
#define CLIENTGRADE_QUADRANT_H

#include "safetext.h"
#include <stddef.h>
#include <stdio.h>
#include "config.h"
#include "csv.h"
#include "error.h"
#include "roles.h"
#include "run.h"

/* The quadrants, in the order summaries list them. */
enum cg_quad {
	CG_Q_NONE = -1,		/* an axis value is missing */
	CG_Q_KEY = 0,		/* high engagement, high potential */
	CG_Q_GROWTH = 1,	/* low engagement, high potential */
	CG_Q_MAINT = 2,		/* high engagement, low potential */
	CG_Q_SERVICE = 3,	/* low engagement, low potential */
	CG_Q_N = 4
};

/* The axes, as indexes into the per-axis arrays below. */
enum { CG_AX_E = 0, CG_AX_P = 1 };

enum { CG_QSUM_NONE = 0, CG_QSUM_CSV = 1, CG_QSUM_TEXT = 2 };

struct cg_quadrant_opts {
	int cut_fixed[2];	/* 1: cut[] is a fixed value, 0: median */
	double cut[2];
	int cut_given[2];	/* set on the command line (beats config) */
	int headroom;		/* potential = potential - volume */
	int headroom_given;
	int explain;		/* append quadrant_reason */
	int summary;		/* CG_QSUM_* */
	const char *plot;	/* NULL, "-" (text to stdout) or an SVG path */
	int plot_log;		/* log scale for the potential axis */
	long labels;		/* top accounts labelled in the SVG */
	char *names[CG_Q_N];	/* owned; default Key, Growth, ... */
	double effort[CG_Q_N];	/* relative effort per account; a quadrant's
				 * share of the time is count x effort */
	/* --cut arguments (borrowed from argv; the array is owned), read
	 * by cg_quadrant_check once the decimal mark is known. */
	const char **cut_args;
	size_t ncut;
};

/* Defaults: median cuts, no extras, 10 labels, effort 4/3/2/1. */
void cg_quadrant_opts_init(struct cg_quadrant_opts *o);
void cg_quadrant_opts_free(struct cg_quadrant_opts *o);

/*
 * Take a --cut argument: "engagement=6,potential=25000" (either part may
 * be left out; "median" as a value asks for the median). Numbers are
 * read like data ("25.000,50" with decimal ','). 0 or -1 (CG_EUSAGE).
 */
int cg_quadrant_cut_arg(struct cg_quadrant_opts *o, const char *arg,
    char decimal, struct cg_err *err);

/*
 * Take [quadrant] (cut_engagement, cut_potential, potential = column |
 * headroom), [quadrant.names] (key, growth, maintenance, service) and
 * [quadrant.effort] (same keys, relative effort per account, 0 to 1000,
 * not all 0) where the command line did not say otherwise. Any key in
 * [quadrant.time] (retired) is an error naming [quadrant.effort]. 0 or
 * -1 (CG_ECONFIG).
 */
int cg_quadrant_config(struct cg_quadrant_opts *o, struct cg_config *cfg,
    struct cg_err *err);

/*
 * Option setters (quadrant_opts.c): 0, or -1 (CG_EUSAGE naming the
 * option). --cut is only kept here: its numbers are read as the data's
 * ("25.000,50" with --decimal comma), and --decimal may come after it.
 *
 *     if (cg_quadrant_parse_labels(&o, "5", &err) == 0)
 *             assert(o.labels == 5);
 */
int cg_quadrant_parse_cut(struct cg_quadrant_opts *o, const char *arg,
    struct cg_err *err);
/* --explain and --log (arg NULL), --plot FILE.svg or "-" (kept, not
 * copied: argv outlives the options). Always 0. */
int cg_quadrant_parse_explain(struct cg_quadrant_opts *o, const char *arg,
    struct cg_err *err);
int cg_quadrant_parse_log(struct cg_quadrant_opts *o, const char *arg,
    struct cg_err *err);
int cg_quadrant_parse_plot(struct cg_quadrant_opts *o, const char *arg,
    struct cg_err *err);
int cg_quadrant_parse_labels(struct cg_quadrant_opts *o, const char *arg,
    struct cg_err *err);
int cg_quadrant_parse_potential(struct cg_quadrant_opts *o,
    const char *arg, struct cg_err *err);
int cg_quadrant_parse_summary(struct cg_quadrant_opts *o, const char *arg,
    struct cg_err *err);

/*
 * After all options: refuse --summary with --plot - (both want stdout),
 * declare the --plot file to the run (cg_run_output: an empty name is
 * refused here, one that is also an input or stdout by the spine), read
 * the kept --cut arguments with run->decimal, then take the config
 * sections (cg_quadrant_config). 0 or -1 (CG_EUSAGE or CG_ECONFIG).
 */
int cg_quadrant_check(struct cg_quadrant_opts *o, struct cg_run *run,
    struct cg_err *err);

/*
 * Read the run's operands (none: stdin), write the rows with the
 * quadrant columns, or the CSV summary, to run->out_fd (the text
 * summary and the text plot go to stdout), the SVG to o->plot. Rows
 * with a missing axis are counted in one cg_warning(). Returns 0 or -1
 * (err filled).
 */
int cg_quadrant_run(const struct cg_quadrant_opts *o,
    const struct cg_run *run, struct cg_err *err);

/* ---- axes (quadrant_axes.c) ---- */

enum { CG_QE_COLUMN, CG_QE_PRODUCT, CG_QE_ONE };

/* Which columns give the two measures, found from the header. */
struct cg_qaxes {
	int emode;		/* CG_QE_* */
	size_t ecol[2];		/* engagement column(s) */
	size_t pcol;		/* potential column */
	int headroom;		/* potential - volume */
	int has_volume;
	size_t vcol;
	int has_name, has_grade;
	size_t namecol, gradecol;
	char elabel[160];	/* "our_contacts x their_contacts" */
	char plabel[160];	/* "potential", "employees - volume" */
};

/* What a run needs besides the two measures (cg_qaxes_resolve). */
#define CG_QW_HEADROOM	1u	/* potential - volume: volume required */
#define CG_QW_VOLUME	2u	/* volume when there is one (summary, plot) */
#define CG_QW_NAMES	4u	/* account names (the SVG's labels) */
#define CG_QW_GRADES	8u	/* grades (a plot's colours, letters) */

/*
 * Find the columns, each through cg_role_use or cg_role_use_required
 * (run->cols pins them), so a column found by an alias is noted
 * ("volume <- 'revenue'; pin it with --col volume=revenue"). Roles
 * outside `want` (CG_QW_*) are not looked for. A missing measure is
 * CG_EROLE naming what was tried and the --col to use. 0 or -1.
 */
int cg_qaxes_resolve(struct cg_qaxes *a, const struct cg_row *hdr,
    const struct cg_run *run, unsigned want, const char *file,
    struct cg_err *err);

/* The values of one row. */
struct cg_qvals {
	double e, p, vol;
	double e1, e2;		/* the two factors of a product engagement */
	double p1;		/* potential before volume was taken off */
};

/*
 * Values of one row. Returns a bit mask: 1 engagement present, 2
 * potential present, 4 volume present (volume is read only when
 * `want_volume` or headroom needs it), or -1 for a value that is not a
 * number (err at FILE:LINE:COL).
 */
int cg_qaxes_read(const struct cg_qaxes *a, struct cg_reader *r,
    const struct cg_row *row, int want_volume, struct cg_qvals *v,
    struct cg_err *err);

/* The quadrant of a point; a value equal to its cut counts as high. */
enum cg_quad cg_quad_of(double e, double p, double ecut, double pcut);

/*
 * Median of v[0..n) (n > 0): the middle value, or the mean of the two
 * middle ones for even n. Reorders v (quickselect, O(n) expected).
 */
double cg_median(double *v, size_t n);

/*
 * Where to split an axis cut at its median. With ties going high, a
 * median leaves at least half the values on its high side, but many
 * equal values (74 of 85 accounts with the same engagement) put nearly
 * all of them there. When more than 80% of the values are on one side
 * (`lopsided`), the split closest to halves is taken instead: with the
 * median's ties high, or at the next value up, which moves the tied
 * block to the low side (`moved`). That next value is then the cut, so
 * "a value equal to its cut is high" still holds.
 */
struct cg_qcut {
	double median;		/* the median of the values */
	double cut;		/* where the axis is split */
	double next;		/* the smallest value above the median */
	int has_next;		/* ... if there is one */
	size_t n;		/* values */
	size_t high_median;	/* values at or above the median */
	size_t high;		/* values at or above the cut */
	int lopsided;		/* the median put over 80% on one side */
	int moved;		/* the cut is `next`, not the median */
};

/*
 * The split of v[0..n) (n > 0, no NaN) into c. Reorders v. O(n): the
 * median's quickselect, then one pass to count.
 *     double v[] = { 3, 3, 3, 3, 3, 3, 3, 3, 3, 5 };
 *     cg_qcut_median(v, 10, &c);   // median 3, lopsided, moved, cut 5
 */
void cg_qcut_median(double *v, size_t n, struct cg_qcut *c);

/*
 * Format v for people: digits grouped in threes ("48,000", or "48.000"
 * with decimal ','), at most 2 decimals, trailing zeros dropped.
 */
size_t cg_fmt_grouped(char *buf, size_t cap, double v, char decimal);

/* ---- summary (quadrant_summary.c) ---- */

struct cg_qsum {
	long n[CG_Q_N + 1];	/* index CG_Q_N: rows with no quadrant */
	double vol[CG_Q_N + 1], pot[CG_Q_N + 1];
	int has_volume;
};

/* Count a row: q (CG_Q_NONE for none), mask and values from
 * cg_qaxes_read. */
void cg_qsum_add(struct cg_qsum *s, enum cg_quad q, int mask,
    const struct cg_qvals *v);

/*
 * Write the summary: CSV in dialect d (numbers with d->decimal) to fd
 * `fd`, or an aligned text table to `fp` (text). 0 or -1 (CG_EWRITE).
 */
int cg_qsum_write_csv(const struct cg_qsum *s,
    const struct cg_quadrant_opts *o, const struct cg_dialect *d, int fd,
    struct cg_err *err);
int cg_qsum_write_text(const struct cg_qsum *s,
    const struct cg_quadrant_opts *o, char decimal, FILE *fp);

/* ---- plot data (quadrant_plot.c) ---- */

struct cg_qpoint {
	double e, p;
	signed char q;		/* enum cg_quad */
	unsigned char grade;	/* index into grades, 0 = none */
};

struct cg_qlabel {
	double key;		/* volume or potential: the biggest win */
	size_t point;		/* index into pts */
	char *text;		/* owned */
};

#define CG_QPLOT_GRADES 8	/* distinct grades given a colour */

struct cg_qplot {
	size_t n, cap;
	struct cg_qpoint *pts;
	size_t nlab, maxlab;	/* labels kept: a min-heap on key */
	struct cg_qlabel *lab;
	size_t ngrades;
	char *grades[CG_QPLOT_GRADES + 1];	/* [1..ngrades], owned */
	int grade_other;	/* a grade beyond the palette was seen */
	double cut[2];
	int cut_fixed[2], cut_known[2];
	int cut_moved[2];	/* a lopsided median's cut moved up */
	char elabel[160], plabel[160];
	const char *names[CG_Q_N];	/* borrowed from the options */
	char decimal;
	int log;		/* log scale for potential */
	long missing;		/* rows not drawn */
};

void cg_qplot_init(struct cg_qplot *pl, long maxlabels);
void cg_qplot_free(struct cg_qplot *pl);
/* Add a drawn point; `grade`/`label` may be NULL. */
void cg_qplot_add(struct cg_qplot *pl, double e, double p, enum cg_quad q,
    const char *grade, size_t glen, const char *label, size_t llen,
    double key);
/* The labels, sorted biggest key first (the heap is consumed). */
void cg_qplot_sort_labels(struct cg_qplot *pl);

/* An axis of a plot: its range (points and cut), linear or log10. */
struct cg_qrange {
	double lo, hi, cut;
	int log;
};

/* The range of axis ax (CG_AX_E, CG_AX_P) over the points and the cut;
 * log only for potential, and only when every value is above zero. */
void cg_qrange_of(const struct cg_qplot *pl, int ax, struct cg_qrange *r);
/* Where v lies on the axis, 0 (lo) to 1 (hi). */
double cg_qrange_frac(const struct cg_qrange *r, double v);
/* v for people ("20,000"), into buf; returns buf. */
char *cg_qrange_label(const struct cg_qrange *r, double v, char decimal,
    char *buf, size_t cap);

/* The SVG picture to fp. 0, or -1 when writing failed (errno set). */
int cg_qplot_svg(struct cg_qplot *pl, FILE *fp);
/* The text picture (width x height cells) to fp. 0 or -1. */
int cg_qplot_text(const struct cg_qplot *pl, int width, int height, FILE *fp);

/* Text made safe for XML and terminals: safetext.h. */

#endif
