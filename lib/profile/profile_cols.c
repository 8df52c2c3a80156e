/*
 * profile_cols.c - the attribute columns: which columns are profiled,
 * what each row adds to them, and the findings they give at the end.
 *
 * A column's kind is only known at its end: it is numeric when every
 * value that is not empty reads as a number, text while it has at most
 * CG_PROFILE_MAXVALUES values. So both are kept until the data rules
 * one out, and a column that is neither leaves the per-row loop.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "clientgrade/field.h"
#include "clientgrade/roles.h"
#include "clientgrade/text.h"
#include "clientgrade/value.h"
#include "profile_int.h"

/* Columns that name an account rather than describe it. */
static const char *const id_roles[] = {
	"id", "account", "name", "email", "phone", NULL
};

/* Columns grade and quadrant write: the grade itself, over again. */
static const char *const tool_columns[] = {
	"score", "grade_reason", "cum_share", "rfm", "segment",
	"grade_change", "quadrant_reason", "engagement_value",
	"potential_value", "engagement_cut", "potential_cut", NULL
};

int
cg_pcols_resolve(struct cg_pcols *cs, const struct cg_row *hdr, size_t gcol,
    const struct cg_run *run, struct cg_err *err)
{
	char *skip = cg_xcalloc(hdr->n ? hdr->n : 1, 1);
	size_t i, col;
	int rc;

	memset(cs, 0, sizeof(*cs));
	skip[gcol] = 1;
	for (i = 0; id_roles[i] != NULL; i++) {
		if ((rc = cg_role_find(hdr, run->cols, id_roles[i], &col,
		    err)) < 0) {
			free(skip);
			return -1;
		}
		if (rc > 0)
			skip[col] = 1;
	}
	for (i = 0; tool_columns[i] != NULL; i++)
		if ((col = cg_header_find_exact(hdr, tool_columns[i],
		    strlen(tool_columns[i]))) != CG_NO_COL)
			skip[col] = 1;
	cs->v = cg_xcalloc(hdr->n ? hdr->n : 1, sizeof(*cs->v));
	cs->live = cg_xcalloc(hdr->n ? hdr->n : 1, sizeof(*cs->live));
	for (i = 0; i < hdr->n; i++) {
		struct cg_pcol *c;

		if (skip[i])
			continue;
		c = &cs->v[cs->n];
		c->col = i;
		c->name = hdr->f[i];
		c->namelen = hdr->len[i];
		c->num = c->text = 1;
		cg_pnum_init(&c->sum);
		cs->live[cs->nlive++] = cs->n++;
	}
	free(skip);
	return 0;
}

static void
drop_text(struct cg_pcol *c)
{
	c->text = 0;
	cg_strtab_free(&c->vals);
	free(c->count);
	c->count = NULL;
}

/* Count value s[0..n) for group g; past CG_PROFILE_MAXVALUES values
 * the column is no text column. */
static void
text_add(struct cg_pcol *c, const char *s, size_t n, unsigned g)
{
	size_t v;
	int added;

	if (c->vals.slot == NULL)
		cg_strtab_init(&c->vals);
	v = cg_strtab_intern(&c->vals, s, n, &added);
	if (v >= CG_PROFILE_MAXVALUES) {
		drop_text(c);
		return;
	}
	if (added) {
		c->count = cg_xreallocarray(c->count,
		    (v + 1) * CG_PROFILE_MAXGROUPS, sizeof(*c->count));
		memset(c->count + v * CG_PROFILE_MAXGROUPS, 0,
		    CG_PROFILE_MAXGROUPS * sizeof(*c->count));
	}
	c->count[v * CG_PROFILE_MAXGROUPS + g]++;
}

void
cg_pcols_add(struct cg_pcols *cs, struct cg_reader *r,
    const struct cg_row *row, unsigned g)
{
	char dec = cg_reader_dialect(r)->decimal;
	struct cg_pcol *c;
	const char *s;
	size_t k = 0, n;
	double x;

	while (k < cs->nlive) {
		c = &cs->v[cs->live[k]];
		s = row->f[c->col];
		n = row->len[c->col];
		cg_trim(&s, &n);
		if (n == 0) {
			k++;
			continue;
		}
		if (s[0] == '#' && cg_field_is_error_cell(row, c->col)) {
			cg_reader_error_cell(r, row);
			k++;
			continue;
		}
		c->nvalues++;
		if (c->num) {
			if (cg_parse_num(s, n, dec, &x, NULL) == CG_V_OK)
				cg_pnum_add(&c->sum, x, g);
			else {
				c->num = 0;
				cg_pnum_free(&c->sum);
			}
		}
		if (c->text)
			text_add(c, s, n, g);
		if (!c->num && !c->text) {
			/* Neither kind: out of the loop for good. */
			cs->live[k] = cs->live[--cs->nlive];
			continue;
		}
		k++;
	}
}

void
cg_pnum_finding(struct cg_pfinds *f, const struct cg_pnum *s,
    const struct cg_pgroups *gs, const char *attr, size_t an)
{
	struct cg_pnum_stats st;
	struct cg_pfind *p;
	size_t g;

	cg_pnum_stats(s, gs->names.n, gs->top, gs->bottom, &st);
	p = cg_pfinds_new(f, attr, an, "median", 6, CG_PK_MEDIAN);
	p->approx = st.approx;
	for (g = 0; g < gs->names.n; g++)
		p->cell[g] = st.median[g];
	if (gs->ngraded >= 2 && st.delta == st.delta)
		p->sep = fabs(st.delta);
}

static void
text_findings(const struct cg_pcol *c, const struct cg_pgroups *gs,
    struct cg_pfinds *f)
{
	struct cg_pfind *p;
	const char *s;
	size_t v, g, n;

	for (v = 0; v < c->vals.n; v++) {
		s = cg_strtab_key(&c->vals, v, &n);
		p = cg_pfinds_new(f, c->name, c->namelen, s, n, CG_PK_SHARE);
		for (g = 0; g < gs->names.n; g++)
			if (gs->n[g] > 0)
				p->cell[g] = (double)c->count[v *
				    CG_PROFILE_MAXGROUPS + g] / (double)gs->n[g];
		p->sep = cg_pfind_share_sep(p, gs);
	}
}

/* "a, b, c" into b, at most 8 names and "and N more". */
static void
name_list(struct cg_buf *b, const struct cg_pcol *c, size_t k, size_t total)
{
	if (k > 0 && k < 8)
		cg_buf_adds(b, ", ");
	if (k < 8)
		cg_buf_printf(b, "%.*s", (int)(c->namelen > 40 ? 40 :
		    c->namelen), c->name);
	else if (k == 8)
		cg_buf_printf(b, " and %zu more", total - 8);
}

void
cg_pcols_finish(struct cg_pcols *cs, const struct cg_pgroups *gs,
    struct cg_pfinds *f, const struct cg_run *run)
{
	struct cg_buf skipped = CG_BUF_INIT, approx = CG_BUF_INIT;
	size_t i, nskip = 0, napprox = 0, k;
	struct cg_pcol *c;

	for (i = 0; i < cs->n; i++) {
		c = &cs->v[i];
		if (c->nvalues == 0)
			continue;
		if (c->num)
			napprox += c->sum.approx;
		else if (!c->text)
			nskip++;
	}
	for (i = 0, k = 0; i < cs->n; i++) {
		c = &cs->v[i];
		if (c->nvalues > 0 && !c->num && !c->text)
			name_list(&skipped, c, k++, nskip);
	}
	for (i = 0, k = 0; i < cs->n; i++) {
		c = &cs->v[i];
		if (c->nvalues == 0)
			continue;
		if (c->num) {
			cg_pnum_finding(f, &c->sum, gs, c->name, c->namelen);
			if (c->sum.approx)
				name_list(&approx, c, k++, napprox);
		} else if (c->text)
			text_findings(c, gs, f);
	}
	if (nskip > 0)
		cg_note(run, "not profiled, more than %d different values "
		    "and not all numbers: %s", CG_PROFILE_MAXVALUES, skipped.s);
	if (napprox > 0)
		cg_note(run, "more than %d different values: medians and "
		    "separation of %s are approximate (within %g%%)",
		    CG_PROFILE_EXACT, approx.s, CG_PNUM_ALPHA * 100);
	cg_buf_free(&skipped);
	cg_buf_free(&approx);
}

void
cg_pcols_free(struct cg_pcols *cs)
{
	size_t i;

	for (i = 0; i < cs->n; i++) {
		if (cs->v[i].num)
			cg_pnum_free(&cs->v[i].sum);
		drop_text(&cs->v[i]);
	}
	free(cs->v);
	free(cs->live);
	memset(cs, 0, sizeof(*cs));
}
