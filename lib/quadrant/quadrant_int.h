/*
 * quadrant_int.h - what the files of quadrant(1) share inside lib/: the
 * run's state (columns found, cuts, tallies, the writer) and the emit
 * step's entry points. Not a public interface.
 *
 * quadrant.c resolves the columns, collects the medians, and computes
 * each row's quadrant; quadrant_emit.c writes what was computed: the
 * rows, the summary and the plot.
 */
#ifndef CLIENTGRADE_QUADRANT_INT_H
#define CLIENTGRADE_QUADRANT_INT_H

#include "clientgrade/buf.h"
#include "clientgrade/csv.h"
#include "clientgrade/input.h"
#include "clientgrade/quadrant.h"

/* The columns we add, in this order. */
enum {
	CG_QOC_QUAD, CG_QOC_EVAL, CG_QOC_PVAL, CG_QOC_ECUT, CG_QOC_PCUT,
	CG_QOC_REASON, CG_QOC_N
};

/* Everything the run carries from row to row. */
struct cg_qrun {
	const struct cg_quadrant_opts *o;
	const struct cg_run *run;
	struct cg_input *in;
	struct cg_qaxes ax;
	double cut[2];
	int known[2];		/* the cut exists (a median needs a value) */
	int moved[2];		/* a lopsided median's cut moved up */
	int want_volume;
	int rows;		/* the rows are written (not a summary or
				 * the text plot instead) */
	int explain;		/* quadrant_reason is written: --explain, or
				 * the input has one from an earlier run */
	/* Collected in pass 1 for pass 2, when it need not parse again. */
	double *rowe, *rowp;	/* NaN: missing */
	size_t nrows, at;
	/* Computed: the tallies of the summary and the plot. */
	struct cg_qsum sum;
	struct cg_qplot plot;
	int plotting;
	long missing;		/* rows with an axis missing */
	const char *miss_file;
	long miss_line;
	/* Emitted: the rows' writer and the added fields. */
	struct cg_writer *w;	/* NULL unless rows are written */
	size_t ocol[CG_QOC_N];	/* output column of each added field */
	int nout;		/* how many of the added columns are written */
	struct cg_put put[CG_QOC_N];
	char cutbuf[2][40];
	size_t cutlen[2];
	struct cg_buf reason;
	size_t namelen[CG_Q_N];
};

/*
 * Start the rows: where the added columns go, the writer on
 * run->out_fd, the header line, the cut fields. 0 or -1.
 */
int cg_qemit_open(struct cg_qrun *u, const struct cg_row *hdr,
    struct cg_err *err);

/* One row out with quadrant q and the values of mask. 0 or -1. */
int cg_qemit_row(struct cg_qrun *u, struct cg_reader *r,
    const struct cg_row *row, enum cg_quad q, int mask,
    const struct cg_qvals *v, struct cg_err *err);

/* After the rows: the summary (stdout or run->out_fd) and the plot
 * (--plot's SVG file, or the text picture on stdout). 0 or -1. */
int cg_qemit_summary(struct cg_qrun *u, struct cg_err *err);
int cg_qemit_plot(struct cg_qrun *u, struct cg_err *err);

#endif
