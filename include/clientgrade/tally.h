/*
 * tally.h - what a column holds, counted while a filter on it has
 * matched nothing, so the warning can say why:
 *
 *     rollup: warning: --where deal_stage=won matched no deal; deal_stage
 *     has: Won 4238, Lost 2473, Engaging 1589, Prospecting 500; did you
 *     mean 'Won'?
 *     prune: warning: --require employees>=5000 matched no row;
 *     employees has numbers from 3 to 2822
 *
 * rollup's --where and prune's --require share it. Memory is bounded by
 * CG_TALLY_MAX distinct values (later ones are not counted, and the
 * warning says "and over N more values"); the numbers and dates among
 * the values keep only their range.
 */
#ifndef CLIENTGRADE_TALLY_H
#define CLIENTGRADE_TALLY_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "strtab.h"

#define CG_TALLY_MAX 1000

struct cg_tally {
	struct cg_strtab vals;	/* the values counted (owned) */
	unsigned long *cnt;	/* rows per value (owned) */
	size_t cntcap;
	int capped;		/* a new value came after CG_TALLY_MAX */
	unsigned long nnum, ndate;	/* numbers and dates among them */
	double nlo, nhi;
	int32_t dlo, dhi;
};

void cg_tally_init(struct cg_tally *t);
void cg_tally_free(struct cg_tally *t);	/* zeroed: freeing twice is safe */

/* Count one row's value s[0..n), and the number or date it read as
 * (has_num, has_date: 0 when it is none). */
void cg_tally_add(struct cg_tally *t, const char *s, size_t n, int has_num,
    double num, int has_date, int32_t day);

/* Merge src into dst (two halves of one file). cg_tally_merge_fits says
 * 0 when the merged values would pass the cap, or either half passed
 * it: which values were counted then depends on where the file was cut,
 * so the caller counts again in one pass. */
int cg_tally_merge_fits(const struct cg_tally *dst, const struct cg_tally *src);
void cg_tally_merge(struct cg_tally *dst, const struct cg_tally *src);

/*
 * Append a value from the data as a message shows it: "(empty)"; quoted
 * when it holds a comma or quote or has blanks around it; control bytes
 * and bytes that are not UTF-8 as '?'; cut after 40 bytes.
 */
void cg_tally_show(struct cg_buf *b, const char *s, size_t n);

/*
 * Append what column `name` holds, for a condition that matched nothing:
 *   type 'n' or 'd' (a comparison): "NAME has numbers from X to Y" (dates
 *     likewise), or "NAME has no numbers; it has: VALUES";
 *   type 0 (text): "NAME has: VALUES", and when want is not NULL, a
 *     "; did you mean 'V'?" for the commonest value that differs from
 *     want[0..wn) only in case, blanks and punctuation.
 * VALUES are the ten commonest with their counts ("Won 4238, Lost 2473,
 * ..., and 12 more values"), ties in the order first seen.
 */
void cg_tally_holds(struct cg_buf *b, const struct cg_tally *t,
    const char *name, int type, const char *want, size_t wn);

#endif
