/*
 * prune_int.h - what the files of lib/prune share and nobody else needs:
 * the --require/--min state of a run (prune_require.c) and the file that
 * holds the kept rows until the share of rejects is known (prune_hold.c).
 */
#ifndef PRUNE_INT_H
#define PRUNE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "clientgrade/field.h"
#include "clientgrade/prune.h"
#include "clientgrade/strtab.h"
#include "clientgrade/tally.h"

/* One column that conditions name, with its conditions by kind. */
struct prune_fcol {
	size_t col;		/* in the header */
	char *hname;		/* the header's name of it (owned) */
	size_t *pos, npos;	/* = and comparisons: one must hold */
	size_t *neg, nneg;	/* !=: every one must hold */
	size_t *min, nmin;	/* --min: every one must hold */
	int want_num, want_date;
	struct cg_datecol own;	/* its day/month order, unless it is a */
	struct cg_datecol *dc;	/* column a rule reads too (then that one) */
	size_t unmatched;	/* its conditions that matched no row yet */
	struct cg_tally tally;	/* its values, while some are unmatched */
};

struct cg_prune_fit {
	struct prune_fcol *col;
	size_t ncol;
	size_t *of;		/* condition -> its column */
	unsigned char *matched;	/* condition -> held on some row */
	size_t pending;		/* conditions that matched no row yet */
	int passed;		/* some row passed them all */
	int counting;		/* still in the first pass over the rows */
	int guess_said;		/* the one warning about a two-way date */
	unsigned long rows;	/* rows judged in the first pass */
};

/* Bind the conditions of c->o to the columns of hdr (fills c->c_cond
 * and c->fit). 0, or -1 (CG_EROLE: a column that is not there). */
int prune_fit_bind(struct cg_prune_ctx *c, const struct cg_row *hdr,
    const char *file, struct cg_err *err);
void prune_fit_free(struct cg_prune_fit *f);

/* Judge a row: 1 (some condition fails; reasons added to c->reason), 0,
 * or -1 (a --min value that is not a number, a date against its
 * column's order). */
int prune_fit_check(struct cg_prune_ctx *c, struct cg_reader *r,
    const struct cg_row *row, struct cg_err *err);

/* After the first pass over every row: a warning for each condition
 * that matched no row, with what its column holds; counting stops. */
void prune_fit_report(struct cg_prune_ctx *c);

/* Refuse alternatives on one column that let every value through
 * (employees>=10 with employees<=500). 0 or -1 (CG_EUSAGE). */
int prune_fit_check_bounds(const struct cg_prune_opts *o,
    struct cg_err *err);

/* A field as the conditions of its column read it (trimmed). */
struct prune_typed {
	const char *s;
	size_t n;
	int has_num, has_date;
	double num;
	int32_t day;
};

/* ---- holding the kept rows (prune_hold.c) ---- */

struct prune_hold {
	int fd;		/* an unnamed temporary file, or -1 */
	char *name;	/* what messages call it (owned) */
};

/* Create the file in $TMPDIR (else /tmp). 0, or -1 (CG_EIO). */
int prune_hold_open(struct prune_hold *h, struct cg_err *err);

/* Copy everything written to h->fd to out_fd. 0, or -1 (CG_EWRITE for
 * out_fd, as "write error: ..."; CG_EIO for the temporary file). */
int prune_hold_copy(struct prune_hold *h, int out_fd, struct cg_err *err);

void prune_hold_close(struct prune_hold *h);

#endif
