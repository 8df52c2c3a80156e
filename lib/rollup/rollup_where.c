/*
 * rollup_where.c - the --where COL=VALUE filter of rollup.
 *
 * Conditions are grouped by column: values given for one column are
 * alternatives (deal_stage=Won or deal_stage=Invoiced), columns are all
 * required. Matching is exact bytes: a filter on a CRM stage should not
 * guess at case or spaces, and it stays one memcmp per condition.
 */
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/roles.h"
#include "clientgrade/rollup.h"

struct cond {
	const char *name;	/* COL as given (points into the spec) */
	size_t namelen;
	size_t col;		/* after bind */
	size_t nval;
	const char **val;
	size_t *vlen;
};

struct cg_rollup_where {
	struct cond *c;
	size_t n;
};

struct cg_rollup_where *
cg_rollup_where_new(const char *const *spec, size_t n, struct cg_err *err)
{
	struct cg_rollup_where *w = cg_xcalloc(1, sizeof(*w));
	size_t i, j;

	w->c = cg_xcalloc(n ? n : 1, sizeof(*w->c));
	for (i = 0; i < n; i++) {
		const char *eq = strchr(spec[i], '=');
		struct cond *c = NULL;
		size_t nl;

		if (eq == NULL || eq == spec[i]) {
			cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
			    "--where wants COL=VALUE, not '%s'", spec[i]);
			cg_rollup_where_free(w);
			return NULL;
		}
		nl = (size_t)(eq - spec[i]);
		/* The same COL spelled twice is one condition: compare the
		 * names as headers are compared, so Deal Stage=... and
		 * deal_stage=... are alternatives, not a contradiction. */
		for (j = 0; j < w->n; j++)
			if (cg_header_eq(w->c[j].name, w->c[j].namelen,
			    spec[i], nl))
				c = &w->c[j];
		if (c == NULL) {
			c = &w->c[w->n++];
			c->name = spec[i];
			c->namelen = nl;
		}
		c->val = cg_xreallocarray(c->val, c->nval + 1, sizeof(*c->val));
		c->vlen = cg_xreallocarray(c->vlen, c->nval + 1,
		    sizeof(*c->vlen));
		c->val[c->nval] = eq + 1;
		c->vlen[c->nval] = strlen(eq + 1);
		c->nval++;
	}
	return w;
}

void
cg_rollup_where_free(struct cg_rollup_where *w)
{
	size_t i;

	if (w == NULL)
		return;
	for (i = 0; i < w->n; i++) {
		free(w->c[i].val);
		free(w->c[i].vlen);
	}
	free(w->c);
	free(w);
}

int
cg_rollup_where_bind(struct cg_rollup_where *w, const struct cg_row *hdr,
    const char *file, struct cg_err *err)
{
	size_t i;

	for (i = 0; i < w->n; i++) {
		struct cond *c = &w->c[i];

		c->col = cg_header_find(hdr, c->name, c->namelen);
		if (c->col == CG_NO_COL)
			return cg_err_set(err, CG_EROLE, file, 0, 0,
			    "--where: no column '%.*s'", (int)c->namelen,
			    c->name);
	}
	return 0;
}

int
cg_rollup_where_match(const struct cg_rollup_where *w,
    const struct cg_row *row)
{
	size_t i, j;

	for (i = 0; i < w->n; i++) {
		const struct cond *c = &w->c[i];
		const char *f = row->f[c->col];
		size_t fl = row->len[c->col];

		for (j = 0; j < c->nval; j++)
			if (c->vlen[j] == fl && memcmp(c->val[j], f, fl) == 0)
				break;
		if (j == c->nval)
			return 0;
	}
	return 1;
}
