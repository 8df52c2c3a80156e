/*
 * cmp.h - one condition of a filter on the command line, COL OP VALUE:
 * where its operator is and what its value reads as. rollup's --where
 * and prune's --require spell conditions alike; this reads them alike.
 */
#ifndef CLIENTGRADE_CMP_H
#define CLIENTGRADE_CMP_H

#include <stddef.h>
#include <stdint.h>

enum cg_cmp_op {
	CG_CMP_EQ,	/* COL=VALUE: text */
	CG_CMP_NE,	/* COL!=VALUE */
	CG_CMP_LT,	/* COL<V, <=, >, >=: numbers, or dates when V is one */
	CG_CMP_LE,
	CG_CMP_GT,
	CG_CMP_GE
};

/*
 * Where the first operator of spec s starts (=, !=, <, <=, >, >=), with
 * *op (enum cg_cmp_op) and *oplen its length; NULL if s has none.
 *
 *     const char *p = cg_cmp_find("employees>=10", &op, &len);
 *     // p points at ">=", op CG_CMP_GE, len 2
 */
const char *cg_cmp_find(const char *s, int *op, size_t *oplen);

/* What a comparison's value reads as. */
struct cg_cmp_val {
	char type;		/* 'd' a date, 'n' a number */
	double num;
	int ok_us, ok_eu;	/* the date reads month/day, day/month */
	int32_t day_us, day_eu;
};

/*
 * Read s[0..n) as a comparison's value: a date (in either day/month
 * order: which one is the column's to say), else a number written with
 * a decimal point, as on a command line. 0, or -1 if it is neither.
 */
int cg_cmp_read(const char *s, size_t n, struct cg_cmp_val *v);

#endif
