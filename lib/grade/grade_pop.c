/*
 * grade_pop.c - which population an account belongs to (the stage
 * column through the suite's vocabulary, stage.h), and a lead's source
 * through the source vocabulary; both remembered per distinct value, as
 * a million rows hold a handful of them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "clientgrade/roles.h"
#include "clientgrade/safetext.h"
#include "clientgrade/stage.h"
#include "clientgrade/text.h"
#include "grade_int.h"

/*
 * Roles only leads and referral sources have (clients too have a
 * potential and employees): a file with one of them and no stage column
 * probably mixes populations.
 */
static const char *const pop_roles[] = {
	"source", "referred_volume", "last_referral", NULL
};

int
cg_grade_pops_find(struct cg_grade_ctx *g, const struct cg_row *hdr,
    struct cg_err *err)
{
	struct cg_grade_pops *p = &g->pops;
	const char *const *r;
	size_t c;
	int rc;

	cg_stage_memo_init(&p->memo, g->run->stages, NULL);
	cg_strtab_init(&p->src);
	p->col = CG_NO_COL;
	if ((rc = cg_role_use(g->run, hdr, "stage", &p->col, err)) < 0)
		return -1;
	if (rc > 0)
		return 0;
	p->col = CG_NO_COL;
	for (r = pop_roles; *r != NULL; r++)
		if (cg_role_find(hdr, g->run->cols, *r, &c, NULL) > 0) {
			cg_note(g->run, "no stage column: every account is "
			    "graded as a client ('%.*s' suggests leads or "
			    "referral sources; name the stage with --col "
			    "stage=HEADER)", (int)(hdr->len[c] > 40 ? 40 :
			    hdr->len[c]), hdr->f[c]);
			break;
		}
	return 0;
}

/* Blanks around a cell do not make another source. */
static const char *
trimmed(const struct cg_row *row, size_t c, size_t *n)
{
	const char *s = row->f[c];

	*n = row->len[c];
	cg_trim(&s, n);
	return s;
}

int
cg_grade_pop_of(struct cg_grade_ctx *g, const struct cg_row *row)
{
	struct cg_grade_pops *p = &g->pops;
	size_t slot;
	int kind;

	if (p->col == CG_NO_COL)
		return CG_GP_CLIENT;
	kind = cg_stage_memo_kind(&p->memo, p->col < row->n ?
	    row->f[p->col] : "", p->col < row->n ? row->len[p->col] : 0,
	    &slot);
	if (p->last)
		cg_stage_memo_count(&p->memo, slot);
	/* An empty stage, and one the vocabulary does not know (warned),
	 * are clients. */
	return kind == CG_STAGE_LEAD ? CG_GP_LEAD : kind == CG_STAGE_REFERRAL ?
	    CG_GP_REFERRAL : CG_GP_CLIENT;
}

int
cg_grade_source_read(struct cg_grade_ctx *g, const struct cg_row *row,
    size_t c, double *v)
{
	struct cg_grade_pops *p = &g->pops;
	const char *s;
	size_t n, i, old;
	int added, pts;

	p->src_n = 0;
	if (c >= row->n || (s = trimmed(row, c, &n), n == 0))
		return 0;
	p->src_s = s;
	p->src_n = n;
	i = cg_strtab_find(&p->src, s, n);
	if (i == CG_STRTAB_NONE) {
		if (p->src.n >= CG_GRADE_POP_CACHE) {
			pts = cg_grade_source_points(&g->o->sources, s, n);
			*v = pts;
			return pts > 0;
		}
		i = cg_strtab_intern(&p->src, s, n, &added);
		if (i >= p->src_cap) {
			old = p->src_cap;
			p->src_cap = p->src_cap ? p->src_cap * 2 : 16;
			p->src_points = cg_xreallocarray(p->src_points,
			    p->src_cap, sizeof(*p->src_points));
			p->src_count = cg_xreallocarray(p->src_count,
			    p->src_cap, sizeof(*p->src_count));
			memset(p->src_count + old, 0, (p->src_cap - old) *
			    sizeof(*p->src_count));
		}
		p->src_points[i] = (signed char)cg_grade_source_points(
		    &g->o->sources, s, n);
	}
	p->src_count[i] += p->last;
	*v = p->src_points[i];
	return p->src_points[i] > 0;
}

/* "'Podcast' (3), 'Fair' (1)": the sources that earn no points. */
static size_t
unknown_sources(struct cg_buf *b, const struct cg_grade_pops *p)
{
	size_t i, n, shown = 0, rows = 0;
	const char *k;

	for (i = 0; i < p->src.n; i++) {
		if (p->src_count[i] == 0 || p->src_points[i] != 0)
			continue;
		rows += p->src_count[i];
		if (shown++ == 8)
			cg_buf_adds(b, ", ...");
		if (shown > 8)
			continue;
		k = cg_strtab_key(&p->src, i, &n);
		cg_buf_adds(b, shown > 1 ? ", '" : "'");
		cg_text_safe(b, k, n > 40 ? 40 : n);
		cg_buf_printf(b, "' (%zu)", p->src_count[i]);
	}
	return rows;
}

void
cg_grade_pops_report(struct cg_grade_ctx *g)
{
	struct cg_grade_pops *p = &g->pops;
	struct cg_buf b = CG_BUF_INIT;
	size_t rows;

	if (p->col != CG_NO_COL)
		cg_stage_memo_report(&p->memo, g->run, "graded");
	cg_buf_adds(&b, "");
	rows = unknown_sources(&b, p);
	if (rows > 0)
		cg_warning(g->run, "%zu account%s with a source the vocabulary "
		    "does not know, no source points: %s (give them points "
		    "in [grade.source]: 4 = ...)", rows, rows == 1 ? "" : "s",
		    b.s);
	cg_buf_free(&b);
}

void
cg_grade_pops_free(struct cg_grade_pops *p)
{
	cg_stage_memo_free(&p->memo);
	cg_strtab_free(&p->src);
	free(p->src_points);
	free(p->src_count);
	memset(p, 0, sizeof(*p));
}
