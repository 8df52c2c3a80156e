/*
 * cond.c - conditions over a record's values (cond.h): grade's rules and
 * touchplan's topics share this parser and evaluator, so "volume >= 5e4
 * and orders >= 12" means one thing across the suite. A recursive-descent
 * parser builds a node array, children before parents, so the root is
 * the last node; the evaluator walks it per record and asks the caller
 * for each value in the kind its comparison needs.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clientgrade/alloc.h"
#include "clientgrade/cond.h"
#include "clientgrade/value.h"

/* Parentheses nest at most this deep: the evaluator recurses. */
#define COND_DEPTH 32

struct parser {
	const char *s, *p;
	struct cg_cond *c;
	const struct cg_cond_names *names;
	size_t cap;
	char *msg;
	size_t msgcap;
	size_t *at;
	int depth;
	int snip;	/* characters quoted after "at character N" */
};

static void
skip(struct parser *ps)
{
	while (isspace((unsigned char)*ps->p))
		ps->p++;
}

/* "expected WHAT at character N ('the rest')", once: the first wins. */
static int
fail(struct parser *ps, const char *what)
{
	skip(ps);
	if (ps->at != NULL)
		*ps->at = (size_t)(ps->p - ps->s);
	snprintf(ps->msg, ps->msgcap, "expected %s at character %zu%s%.*s%s%s%s",
	    what, (size_t)(ps->p - ps->s) + 1, *ps->p ? " ('" : " (end of ",
	    *ps->p ? ps->snip : 0, ps->p, *ps->p ? "" : (ps->names->thing != NULL ?
	    ps->names->thing : "condition"), *ps->p ? "'" : "", ")");
	return -1;
}

/* Add a node of `kind`; returns its index. */
static size_t
node(struct parser *ps, int kind)
{
	struct cg_cond *c = ps->c;

	if (c->nnode == ps->cap) {
		ps->cap = ps->cap ? ps->cap * 2 : 8;
		c->node = cg_xreallocarray(c->node, ps->cap, sizeof(*c->node));
	}
	memset(&c->node[c->nnode], 0, sizeof(*c->node));
	c->node[c->nnode].kind = kind;
	return c->nnode++;
}

/* If the next word is `w` (a whole word, any case), take it. */
static int
word(struct parser *ps, const char *w)
{
	size_t n = strlen(w);

	skip(ps);
	if (strncasecmp(ps->p, w, n) == 0 &&
	    !isalnum((unsigned char)ps->p[n]) && ps->p[n] != '_') {
		ps->p += n;
		return 1;
	}
	return 0;
}

/*
 * A quoted token at ps->p: its inside in *s, *n; the parser moves past
 * the closing quote. 0, or -1 when the quote is not closed.
 */
static int
quoted(struct parser *ps, const char **s, size_t *n)
{
	const char *e = strchr(ps->p + 1, '"');

	if (e == NULL)
		return fail(ps, "a closing '\"'");
	*s = ps->p + 1;
	*n = (size_t)(e - *s);
	ps->p = e + 1;
	return 0;
}

/* "today", "today+N", "today-N": 1 with *off set, else 0. */
static int
today_rel(const char *s, size_t n, int32_t *off)
{
	long v = 0;
	size_t i;
	int neg;

	if (n < 5 || strncasecmp(s, "today", 5) != 0)
		return 0;
	if (n == 5) {
		*off = 0;
		return 1;
	}
	if ((s[5] != '+' && s[5] != '-') || n == 6 || n > 12)
		return 0;
	neg = s[5] == '-';
	for (i = 6; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*off = (int32_t)(neg ? -v : v);
	return 1;
}

/* The value after an operator, into node k. */
static int
value(struct parser *ps, struct cg_cond_node *k)
{
	unsigned fl = ps->names->flags;
	const char *s = NULL, *e, *start = ps->p;
	size_t n = 0;
	int ordered = k->op != CG_COND_EQ && k->op != CG_COND_NE;

	if (*ps->p == '"' && (fl & CG_COND_F_TEXT)) {
		if (quoted(ps, &s, &n) < 0)
			return -1;
		goto text;
	}
	for (e = ps->p; *e && !isspace((unsigned char)*e) && *e != ')'; e++)
		;
	s = ps->p;
	n = (size_t)(e - s);
	if (n == 0)
		return fail(ps, fl & CG_COND_F_TEXT ? "a value" :
		    fl & CG_COND_F_DATES ? "a number or a date" : "a number");
	if ((fl & CG_COND_F_DATES) && today_rel(s, n, &k->day)) {
		k->type = CG_COND_DATE;
		k->rel = 1;
		ps->p = e;
		return 0;
	}
	if ((fl & CG_COND_F_DATES) && n == 10 && s[4] == '-' &&
	    cg_parse_date(s, n, CG_DATES_ISO, &k->day, NULL) == CG_V_OK) {
		k->type = CG_COND_DATE;
		ps->p = e;
		return 0;
	}
	if (cg_parse_num(s, n, '.', &k->num, NULL) == CG_V_OK) {
		k->type = CG_COND_NUM;
		ps->p = e;
		return 0;
	}
	if (!(fl & CG_COND_F_TEXT))
		return fail(ps, fl & CG_COND_F_DATES ? "a number or a date "
		    "(YYYY-MM-DD, today, today+N)" : "a number");
	ps->p = e;
text:
	if (ordered) {
		ps->p = start;
		return fail(ps, "a number or a date after < <= > >= (text "
		    "takes = and != only)");
	}
	k->type = CG_COND_TEXT;
	k->text = cg_xmalloc(n + 1);
	memcpy(k->text, s, n);
	k->text[n] = '\0';
	return 0;
}

static int expr(struct parser *ps, size_t *out);

static int
primary(struct parser *ps, size_t *out)
{
	static const struct { const char *s; int op; } ops[] = {
		{ ">=", CG_COND_GE }, { "<=", CG_COND_LE },
		{ "==", CG_COND_EQ }, { "!=", CG_COND_NE },
		{ "<>", CG_COND_NE }, { ">", CG_COND_GT },
		{ "<", CG_COND_LT }, { "=", CG_COND_EQ },
	};
	const struct cg_cond_names *nm = ps->names;
	const char *w, *start;
	size_t i, k, n = 0;
	int var, op;

	skip(ps);
	if (*ps->p == '*') {
		ps->p++;
		*out = node(ps, CG_COND_ALL);
		return 0;
	}
	if (*ps->p == '(') {
		if (++ps->depth > COND_DEPTH)
			return fail(ps, "fewer parentheses");
		ps->p++;
		if (expr(ps, out) < 0)
			return -1;
		skip(ps);
		if (*ps->p != ')')
			return fail(ps, "')'");
		ps->p++;
		ps->depth--;
		return 0;
	}
	w = start = ps->p;
	if (*ps->p == '"') {
		if (quoted(ps, &w, &n) < 0)
			return -1;
	} else {
		while (isalnum((unsigned char)*ps->p) || *ps->p == '_')
			ps->p++;
		n = (size_t)(ps->p - w);
	}
	if (n == 0) {
		char what[64];

		snprintf(what, sizeof(what), "%s, '*' or '('", nm->noun);
		return fail(ps, what);
	}
	if ((var = nm->lookup(nm->ctx, w, n)) < 0) {
		/* The whole name, so a misspelling shows (up to 60). */
		ps->snip = (int)(ps->p - start) > 12 ? (int)(ps->p - start) >
		    60 ? 60 : (int)(ps->p - start) : 12;
		ps->p = start;
		return fail(ps, nm->unknown != NULL ? nm->unknown : nm->noun);
	}
	skip(ps);
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strncmp(ps->p, ops[i].s, strlen(ops[i].s)) == 0)
			break;
	if (i == sizeof(ops) / sizeof(ops[0]))
		return fail(ps, "a comparison (>= > <= < = !=)");
	op = ops[i].op;
	ps->p += strlen(ops[i].s);
	skip(ps);
	k = node(ps, CG_COND_CMP);
	ps->c->node[k].var = var;
	ps->c->node[k].op = op;
	if (value(ps, &ps->c->node[k]) < 0)
		return -1;
	*out = k;
	return 0;
}

/* and = primary ("and" primary)*; or-expressions the same, one level up */
static int
chain(struct parser *ps, size_t *out, int kind)
{
	size_t a, b, k;
	int (*sub)(struct parser *, size_t *);
	const char *w = kind == CG_COND_AND ? "and" : "or";

	sub = kind == CG_COND_AND ? primary : NULL;
	if ((sub != NULL ? sub(ps, &a) : chain(ps, &a, CG_COND_AND)) < 0)
		return -1;
	while (word(ps, w)) {
		if ((sub != NULL ? sub(ps, &b) : chain(ps, &b, CG_COND_AND)) < 0)
			return -1;
		k = node(ps, kind);
		ps->c->node[k].a = a;
		ps->c->node[k].b = b;
		a = k;
	}
	*out = a;
	return 0;
}

static int
expr(struct parser *ps, size_t *out)
{
	return chain(ps, out, CG_COND_OR);
}

int
cg_cond_compile(struct cg_cond *c, const char *text,
    const struct cg_cond_names *names, char *msg, size_t msgcap, size_t *at)
{
	struct parser ps = { text, text, c, names, 0, msg, msgcap, at, 0, 12 };
	size_t root;

	c->node = NULL;
	c->nnode = 0;
	if (expr(&ps, &root) < 0)
		goto bad;
	skip(&ps);
	if (*ps.p != '\0') {
		char what[64];

		snprintf(what, sizeof(what), "'and', 'or' or the end of the %s",
		    names->thing != NULL ? names->thing : "condition");
		fail(&ps, what);
		goto bad;
	}
	return 0;
bad:
	cg_cond_free(c);
	return -1;
}

void
cg_cond_free(struct cg_cond *c)
{
	size_t i;

	for (i = 0; i < c->nnode; i++)
		free(c->node[i].text);
	free(c->node);
	c->node = NULL;
	c->nnode = 0;
}

int
cg_cond_is_all(const struct cg_cond *c)
{
	return c->nnode == 1 && c->node[0].kind == CG_COND_ALL;
}

void
cg_cond_vars(const struct cg_cond *c, void (*fn)(void *ctx, int var),
    void *ctx)
{
	size_t i;

	for (i = 0; i < c->nnode; i++)
		if (c->node[i].kind == CG_COND_CMP)
			fn(ctx, c->node[i].var);
}

int
cg_cond_test(int op, double x, double y)
{
	switch (op) {
	case CG_COND_GE: return x >= y;
	case CG_COND_GT: return x > y;
	case CG_COND_LE: return x <= y;
	case CG_COND_LT: return x < y;
	case CG_COND_EQ: return x == y;
	default: return x != y;
	}
}

const char *
cg_cond_opname(int op)
{
	static const char *const name[] = { ">=", ">", "<=", "<", "=", "!=" };

	return op >= 0 && op <= CG_COND_NE ? name[op] : "?";
}

/* Text equality as people mean it: any case, blanks around ignored. */
static int
text_eq(const char *s, size_t n, const char *t)
{
	size_t m;

	while (n > 0 && isspace((unsigned char)*s))
		s++, n--;
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	while (isspace((unsigned char)*t))
		t++;
	m = strlen(t);
	while (m > 0 && isspace((unsigned char)t[m - 1]))
		m--;
	return n == m && strncasecmp(s, t, n) == 0;
}

struct evalctx {
	const struct cg_cond *c;
	int (*get)(void *, int, int, struct cg_cond_value *);
	void *ctx;
	int32_t today;
};

static int
eval(const struct evalctx *e, size_t k)
{
	const struct cg_cond_node *n = &e->c->node[k];
	struct cg_cond_value v;
	int eq;

	switch (n->kind) {
	case CG_COND_AND:
		return eval(e, n->a) && eval(e, n->b);
	case CG_COND_OR:
		return eval(e, n->a) || eval(e, n->b);
	case CG_COND_ALL:
		return 1;
	}
	memset(&v, 0, sizeof(v));
	if (!e->get(e->ctx, n->var, n->type, &v))
		return 0;
	switch (n->type) {
	case CG_COND_DATE:
		return cg_cond_test(n->op, (double)v.day, (double)n->day +
		    (n->rel ? (double)e->today : 0));
	case CG_COND_TEXT:
		eq = text_eq(v.s, v.n, n->text);
		return n->op == CG_COND_EQ ? eq : !eq;
	}
	return cg_cond_test(n->op, v.num, n->num);
}

int
cg_cond_eval(const struct cg_cond *c,
    int (*get)(void *ctx, int var, int type, struct cg_cond_value *v),
    void *ctx, int32_t today)
{
	struct evalctx e = { c, get, ctx, today };

	return c->nnode > 0 && eval(&e, c->nnode - 1);
}
