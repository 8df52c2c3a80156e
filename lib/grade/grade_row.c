/*
 * grade_row.c - what every method does with a row: read its factors,
 * place a score on the scale, and say so in the reason.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "clientgrade/field.h"
#include "clientgrade/value.h"
#include "grade_int.h"

const char *
cg_grade_name(const struct cg_grade_ctx *g, size_t gi)
{
	if (g->o->method == CG_GM_RULES)
		return gi < g->nrulegrade ? g->rulegrade[gi] : "";
	return gi < g->o->scale.n ? g->o->scale.name[gi] : "";
}

const char *
cg_grade_num(const struct cg_grade_ctx *g, char *buf, double v, int prec)
{
	cg_field_fmt(g->r, buf, 48, v, prec);
	return buf;
}

/* A worksheet rating: a number from 1 to 5, else an error at the cell. */
static int
rating(struct cg_grade_ctx *g, const struct cg_row *row, size_t c,
    double *v, struct cg_err *err)
{
	const struct cg_row *h = cg_reader_hdr(g->r);
	int rc = cg_field_num(g->r, row, c, v, err);

	if (rc > 0 && !(*v >= 1 && *v <= 5))
		return cg_row_err(err, CG_EVALUE, g->r, row, c, "%.*s: '%.*s' "
		    "is not a rating from 1 (poor) to 5 (excellent)",
		    (int)h->len[c], h->f[c], (int)(row->len[c] > 20 ? 20 :
		    row->len[c]), row->f[c]);
	return rc;
}

int
cg_grade_read(struct cg_grade_ctx *g, const struct cg_row *row,
    unsigned mask, double *v, int *have, struct cg_err *err)
{
	int f, rc, b;
	int32_t day;
	size_t c;

	for (f = 0; f < CG_GF_N; f++) {
		have[f] = 0;
		if (!(mask & (1u << f)) || !g->in_file[f])
			continue;
		c = g->col[f];
		if (f == CG_GF_DISTANCE && g->geo.on) {
			if ((rc = cg_grade_geo_km(g, row, &v[f], err)) < 0)
				return -1;
		} else if (g->rating[f]) {
			if ((rc = rating(g, row, c, &v[f], err)) < 0)
				return -1;
		} else if (f == CG_GF_RECENCY && g->recency_date) {
			rc = cg_field_date(g->r, row, c, &g->dc, g->run, &day,
			    err);
			if (rc > 0)
				v[f] = (double)g->today - (double)day;
		} else if (f == CG_GF_LASTREF) {
			rc = cg_field_date(g->r, row, c, &g->dc_ref, g->run,
			    &day, err);
			if (rc > 0)
				v[f] = (double)g->today - (double)day;
		} else if (f == CG_GF_SOURCE) {
			rc = cg_grade_source_read(g, row, c, &v[f]);
		} else if (f == CG_GF_OPENNESS && c < row->n &&
		    cg_parse_bool(row->f[c], row->len[c], &b) == CG_V_OK) {
			/* yes/no first: "1"/"0" read the same either way. */
			rc = 1;
			v[f] = b;
		} else {
			rc = cg_field_num(g->r, row, c, &v[f], err);
		}
		if (rc < 0)
			return -1;
		have[f] = rc > 0;
	}
	return 0;
}

void
cg_grade_place(struct cg_grade_ctx *g, struct cg_grade_res *res)
{
	const struct cg_grade_vals *sc = &g->scores[res->pop];
	size_t below, equal;

	if (!res->has_score) {
		res->graded = 0;
		return;
	}
	res->graded = 1;
	if (!g->shares) {
		res->g = cg_grade_scale_cut(&g->o->scale, res->score);
		return;
	}
	/* Shares of accounts within the row's own population. */
	cg_grade_vals_rank(sc, res->score, &below, &equal, NULL);
	res->g = cg_grade_scale_share(&g->o->scale, sc->n - below - equal,
	    sc->n);
}

void
cg_grade_why_scale(const struct cg_grade_ctx *g, struct cg_buf *b, size_t gi)
{
	const struct cg_grade_scale *s = &g->o->scale;
	char n1[48];
	double lo;

	if (s->shares) {
		lo = gi > 0 ? s->cut[gi - 1] : 0;
		if (gi + 1 == s->n)
			cg_buf_printf(b, "; %s for the rest", s->name[gi]);
		else
			cg_buf_printf(b, "; %s for the %s %s%% by score",
			    s->name[gi], gi == 0 ? "top" : "next",
			    cg_grade_num(g, n1, 100 * (s->cut[gi] - lo), 1));
	} else if (gi + 1 == s->n) {
		cg_buf_printf(b, "; %s below %s", s->name[gi],
		    cg_grade_num(g, n1, s->cut[gi - 1], 1));
	} else {
		cg_buf_printf(b, "; %s at %s+", s->name[gi],
		    cg_grade_num(g, n1, s->cut[gi], 1));
	}
}
