/*
 * profile_int.h - what the files of lib/profile/ share: the groups, the
 * attribute columns, the touches, the findings, and the run that ties
 * them together. Not installed; tests may include it.
 */
#ifndef CLIENTGRADE_PROFILE_INT_H
#define CLIENTGRADE_PROFILE_INT_H

#include <stdint.h>
#include <stdio.h>

#include "clientgrade/csv.h"
#include "clientgrade/input.h"
#include "clientgrade/profile.h"
#include "clientgrade/strtab.h"

/* ---- groups (profile_group.c) ---- */

struct cg_pgroups {
	struct cg_strtab names;	/* the empty name is the "(none)" group */
	uint64_t n[CG_PROFILE_MAXGROUPS];	/* accounts per group */
	size_t order[CG_PROFILE_MAXGROUPS];	/* indexes, best first */
	size_t ngraded;		/* groups with a name (all but "(none)") */
	size_t top, bottom;	/* best and worst named group */
	size_t last, last_n;	/* the group of the row before */
	int last_ok;
};

void cg_pgroups_init(struct cg_pgroups *gs);
void cg_pgroups_free(struct cg_pgroups *gs);
/* The index of group s[0..n), added if new; -1 when that would make
 * more than CG_PROFILE_MAXGROUPS. */
int cg_pgroups_of(struct cg_pgroups *gs, const char *s, size_t n);
/* Fill order, ngraded, top and bottom (after the last row). */
void cg_pgroups_sort(struct cg_pgroups *gs);
/* A group's name as shown ("(none)" for the empty one). */
const char *cg_pgroups_name(const struct cg_pgroups *gs, size_t g,
    size_t *n);

/* ---- findings (profile_emit.c) ---- */

enum cg_pkind {
	CG_PK_SHARE,		/* cells: share of the group's accounts */
	CG_PK_MEDIAN,		/* cells: the group's median */
	CG_PK_TSHARE		/* cells: share of the group's touches */
};

struct cg_pfind {
	char *attr, *value;	/* owned: "sector", "software" */
	int kind;		/* enum cg_pkind */
	int approx;		/* medians from buckets */
	double cell[CG_PROFILE_MAXGROUPS];	/* by group index; NAN: none */
	double sep;		/* 0..1, NAN: cannot be told */
	size_t seq;		/* order of making: the last tie-break */
};

struct cg_pfinds {
	struct cg_pfind *v;
	size_t n, cap;
};

/* A new finding (cells NAN, sep NAN), owned by f. */
struct cg_pfind *cg_pfinds_new(struct cg_pfinds *f, const char *attr,
    size_t an, const char *value, size_t vn, int kind);
void cg_pfinds_free(struct cg_pfinds *f);
/* |top - bottom| of a share finding, or NAN. */
double cg_pfind_share_sep(const struct cg_pfind *p,
    const struct cg_pgroups *gs);
/* Separation highest first (as printed, 3 decimals), then attribute,
 * then value, then the order made; no separation last. */
void cg_pfinds_sort(struct cg_pfinds *f);
/* The first `top` findings (0: all) as CSV in dialect d to fd. */
int cg_pfinds_write_csv(const struct cg_pfinds *f,
    const struct cg_pgroups *gs, long top, const struct cg_dialect *d,
    int fd, struct cg_err *err);
/* The first `top` findings as sentences to fp. */
int cg_pfinds_write_text(const struct cg_pfinds *f,
    const struct cg_pgroups *gs, long top, char decimal, FILE *fp,
    struct cg_err *err);

/* ---- attribute columns (profile_cols.c) ---- */

struct cg_pcol {
	size_t col;
	const char *name;	/* the header's field (borrowed) */
	size_t namelen;
	int num;		/* every value so far a number */
	int text;		/* at most CG_PROFILE_MAXVALUES values so far */
	uint64_t nvalues;	/* values that were not empty */
	struct cg_pnum sum;	/* while num */
	struct cg_strtab vals;	/* while text */
	uint64_t *count;	/* [value * CG_PROFILE_MAXGROUPS + group] */
};

struct cg_pcols {
	struct cg_pcol *v;
	size_t n;
	size_t *live;		/* columns still num or text */
	size_t nlive;
};

/*
 * The attribute columns of hdr: all but the group column `gcol`, the
 * identifier roles (id, account, name, email, phone, as the run's pins
 * find them) and the tools' own output columns. 0, or -1 (a --col pin
 * naming a header the file lacks).
 */
int cg_pcols_resolve(struct cg_pcols *cs, const struct cg_row *hdr,
    size_t gcol, const struct cg_run *run, struct cg_err *err);
/* Count one row's values for group g. */
void cg_pcols_add(struct cg_pcols *cs, struct cg_reader *r,
    const struct cg_row *row, unsigned g);
/* Findings from every column, and the notes about columns left out or
 * approximated. */
void cg_pcols_finish(struct cg_pcols *cs, const struct cg_pgroups *gs,
    struct cg_pfinds *f, const struct cg_run *run);
void cg_pcols_free(struct cg_pcols *cs);

/* A numeric finding from a summary (medians, |Cliff's delta|). */
void cg_pnum_finding(struct cg_pfinds *f, const struct cg_pnum *s,
    const struct cg_pgroups *gs, const char *attr, size_t an);

/* ---- --touches (profile_touch.c) ---- */

struct cg_ptouch;

/*
 * Open the activity log at `path` and read its header: the date, the
 * account key (id when both files have one, else account), channel and
 * replied columns. `hdr` is the accounts' header; *acccol is set to
 * the accounts' key column. NULL on error (err filled).
 */
struct cg_ptouch *cg_ptouch_open(const char *path, const struct cg_row *hdr,
    const char *accname, const struct cg_run *run, size_t *acccol,
    struct cg_err *err);
/* The account of an accounts row, in group g (during the main pass). */
void cg_ptouch_account(struct cg_ptouch *t, const struct cg_row *row,
    size_t acccol, unsigned g);
/* Read the log, then add the touch findings. 0 or -1. */
int cg_ptouch_run(struct cg_ptouch *t, const struct cg_pgroups *gs,
    struct cg_pfinds *f, const struct cg_run *run, struct cg_err *err);
void cg_ptouch_free(struct cg_ptouch *t);

#endif
