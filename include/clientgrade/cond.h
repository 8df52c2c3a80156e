/*
 * cond.h - conditions over a record's values, as grade's [grade.rules]
 * and touchplan's --topics write them:
 *
 *     volume >= 50000 and orders >= 12
 *     overdue_invoices > 0 or (openness = yes and referrals >= 3)
 *     contract_end <= today+60
 *     *
 *
 * The grammar ("and" binds tighter than "or"; words are case-insensitive):
 *
 *     expr    = and ("or" and)*
 *     and     = primary ("and" primary)*
 *     primary = "*" | "(" expr ")" | NAME OP VALUE
 *     OP      = ">=" | ">" | "<=" | "<" | "=" | "==" | "!=" | "<>"
 *     VALUE   = NUMBER | DATE | TEXT
 *     DATE    = "today" | "today+N" | "today-N" | YYYY-MM-DD
 *     TEXT    = a word | "quoted words" (= and != only)
 *
 * A NAME is letters, digits and '_' (or "a quoted name"); the caller's
 * lookup turns it into a variable number. Which kinds of VALUE a caller
 * takes is its flags: grade takes numbers only. The compiled condition
 * is a node array, root last; evaluation asks the caller for each
 * variable's value in the kind the comparison needs, so a field is read
 * as a number, a date or text only where a condition says so.
 *
 * A comparison with a missing value is false (both = and !=): a
 * condition never matches on what the data does not say. Text compares
 * case-insensitively, blanks around trimmed.
 */
#ifndef CLIENTGRADE_COND_H
#define CLIENTGRADE_COND_H

#include <stddef.h>
#include <stdint.h>

/* Node kinds. */
enum cg_cond_kind {
	CG_COND_CMP = 0, CG_COND_AND, CG_COND_OR, CG_COND_ALL
};
/* Operators. */
enum cg_cond_op {
	CG_COND_GE = 0, CG_COND_GT, CG_COND_LE, CG_COND_LT, CG_COND_EQ,
	CG_COND_NE
};
/* What a comparison reads its variable as. */
enum cg_cond_type {
	CG_COND_NUM = 0,	/* a number */
	CG_COND_DATE,		/* a day; today-relative when rel is set */
	CG_COND_TEXT		/* text, = and != only */
};

struct cg_cond_node {
	int kind;		/* enum cg_cond_kind */
	int var;		/* CMP: the lookup's variable */
	int op;			/* CMP: enum cg_cond_op */
	int type;		/* CMP: enum cg_cond_type */
	double num;		/* NUM: the number */
	int32_t day;		/* DATE: the day, or the offset from today */
	int rel;		/* DATE: 1 when day is relative to today */
	char *text;		/* TEXT: the text (owned), NUL-terminated */
	size_t a, b;		/* AND, OR: operand nodes */
};

struct cg_cond {
	struct cg_cond_node *node;	/* owned; root last */
	size_t nnode;
};

/* Which values a caller takes (cg_cond_names.flags). */
#define CG_COND_F_DATES 1	/* today, today+N, YYYY-MM-DD */
#define CG_COND_F_TEXT 2	/* words and "quoted text" */

/*
 * What names mean to the caller. lookup(ctx, s, n) returns the variable
 * for the name s[0..n) (0 or more), or -1 when there is none; `noun`
 * names the kind in messages ("a factor", "a column"), `unknown` is the
 * message for a name lookup refused ("a factor (volume, frequency, ...)";
 * NULL: the noun); `thing` is what the text is called at its end ("rule":
 * "(end of rule)"; NULL: "condition").
 */
struct cg_cond_names {
	int (*lookup)(void *ctx, const char *s, size_t n);
	void *ctx;
	const char *noun;
	const char *unknown;
	const char *thing;
	unsigned flags;
};

/*
 * Compile `text` into c. 0, or -1 with the reason in msg[0..msgcap):
 * what was expected and at which character, counted from 1
 *     expected a number at character 10 ('lots')
 * and *at set to that character's offset (at may be NULL). On error c
 * is left empty. Free with cg_cond_free.
 *
 *     struct cg_cond c;
 *     if (cg_cond_compile(&c, "openness = yes", &names, msg, sizeof(msg),
 *         NULL) < 0) ...
 */
int cg_cond_compile(struct cg_cond *c, const char *text,
    const struct cg_cond_names *names, char *msg, size_t msgcap,
    size_t *at);
void cg_cond_free(struct cg_cond *c);

/* 1 when c is "*" alone (matches everything). */
int cg_cond_is_all(const struct cg_cond *c);

/* Call fn(ctx, var) for each comparison's variable (with repeats). */
void cg_cond_vars(const struct cg_cond *c, void (*fn)(void *ctx, int var),
    void *ctx);

/* A variable's value, filled by the caller's get in the type asked. */
struct cg_cond_value {
	double num;		/* CG_COND_NUM */
	int32_t day;		/* CG_COND_DATE */
	const char *s;		/* CG_COND_TEXT: not NUL-terminated */
	size_t n;
};

/*
 * 1 if c matches. get(ctx, var, type, &v) returns 1 with v filled in
 * that type, or 0 when the value is missing or cannot be read so (the
 * comparison is then false). `today` is the day today-relative dates
 * count from. An empty condition never matches.
 */
int cg_cond_eval(const struct cg_cond *c,
    int (*get)(void *ctx, int var, int type, struct cg_cond_value *v),
    void *ctx, int32_t today);

/* x OP y for numbers (and days), the one rule every comparison uses. */
int cg_cond_test(int op, double x, double y);

/* The operator's spelling: ">=", ">", "<=", "<", "=", "!=". */
const char *cg_cond_opname(int op);

#endif
