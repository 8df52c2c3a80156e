/*
 * grade.c - grade(1)'s one entry point: read the header, find the factor
 * columns by role, run the first pass(es) a method needs (values only,
 * never rows), then write every row with its grade, score and reason, or
 * the per-grade summary instead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clientgrade/alloc.h"
#include "clientgrade/input.h"
#include "clientgrade/roles.h"
#include "grade_int.h"

/*
 * Find factor f's column. Recency is counted from the last_order date to
 * --today; a stored recency (days) is used only when there is no date,
 * with a note, since it was true on the day it was stored, not today.
 */
static int
find(struct cg_grade_ctx *g, const struct cg_row *hdr,
    const struct cg_colmap *cols, int f, int required, const char *file,
    struct cg_err *err)
{
	const char *role = cg_grade_factor(f)->role;
	size_t stored;
	int rc, how;

	if (f == CG_GF_RECENCY) {
		if ((rc = cg_role_use(g->run, hdr, "last_order", &g->col[f],
		    err)) < 0)
			return -1;
		g->recency_date = rc > 0;
		if (rc > 0 && g->used_hint[f] && cg_role_find_how(hdr, cols,
		    role, &stored, &how, NULL) > 0)
			cg_note(g->run, "recency counted from '%.*s' to "
			    "%s, not read from the stored '%.*s'",
			    (int)hdr->len[g->col[f]], hdr->f[g->col[f]],
			    g->run->today_set ? "--today" : "today",
			    (int)hdr->len[stored], hdr->f[stored]);
		if (rc == 0) {
			if ((rc = cg_role_use(g->run, hdr, role, &g->col[f],
			    err)) < 0)
				return -1;
			if (rc > 0 && g->used_hint[f])
				cg_note(g->run, "recency read from the stored "
				    "'%.*s' (no last_order date to count from "
				    "--today)", (int)hdr->len[g->col[f]],
				    hdr->f[g->col[f]]);
		}
	} else if ((rc = cg_role_use(g->run, hdr, role, &g->col[f], err)) < 0)
		return -1;
	if (rc == 0) {
		/* A rep's judgement where the CRM has nothing: the
		 * worksheet's <factor>_rating column (--worksheet). */
		char rname[48];

		snprintf(rname, sizeof(rname), "%s_rating",
		    cg_grade_factor(f)->name);
		g->col[f] = cg_header_find(hdr, rname, strlen(rname));
		g->rating[f] = rc = g->col[f] != CG_NO_COL;
		if (rc > 0 && f == CG_GF_RECENCY)
			g->recency_date = 0;
	}
	/* No distance column: perhaps coordinates and a home (grade_geo.c). */
	if (f == CG_GF_DISTANCE && (rc = cg_grade_geo_find(g, hdr, rc,
	    err)) < 0)
		return -1;
	if (rc == 0 && required)
		return cg_role_require(hdr, cols, f == CG_GF_RECENCY ?
		    "last_order" : role, file, &g->col[f], err);
	g->in_file[f] = rc > 0;
	/* A column found under another name than the role's is named in
	 * the reasons ("volume 14/30 (revenue: top 56%)"). */
	if (rc > 0 && !g->rating[f] && cg_role_find_how(hdr, cols,
	    f == CG_GF_RECENCY &&
	    g->recency_date ? "last_order" : role, &stored, &how, NULL) > 0 &&
	    how != CG_ROLE_EXACT)
		g->colname[f] = cg_xstrndup(hdr->f[g->col[f]],
		    hdr->len[g->col[f]] > 40 ? 40 : hdr->len[g->col[f]]);
	return 0;
}

static int
resolve(struct cg_grade_ctx *g, const struct cg_row *hdr,
    const struct cg_colmap *cols, const char *file, struct cg_err *err)
{
	const struct cg_grade_opts *o = g->o;
	unsigned need = 0;
	size_t i, k;
	int f, p, any = 0, w;

	const char *kind = cg_header_kind(hdr);

	if (kind != NULL)
		return cg_err_set(err, CG_EDATA, file, hdr->line, 0, "this "
		    "looks like %s; grade grades accounts, one row each (a "
		    "CRM export, or rollup's output)", kind);
	if (o->method == CG_GM_ABC)
		need = 1u << CG_GF_VOLUME;
	else if (o->method == CG_GM_RFM)
		need = 1u << CG_GF_RECENCY | 1u << CG_GF_FREQUENCY |
		    1u << CG_GF_VOLUME;
	else if (o->method == CG_GM_RULES)
		for (i = 0; i < o->nrules; i++)
			need |= cg_grade_rule_factors(&o->rules[i]);
	if (cg_grade_pops_find(g, hdr, err) < 0)
		return -1;
	for (f = 0; f < CG_GF_N; f++) {
		for (p = 0, w = 0; p < CG_GP_N; p++)
			w |= o->weight[p][f] > 0;
		g->used_hint[f] = o->method == CG_GM_SCORE ? w :
		    (int)((need >> f) & 1);
		if (find(g, hdr, cols, f, (need >> f) & 1, file, err) < 0)
			return -1;
		if (o->method == CG_GM_SCORE)
			g->used[f] = g->in_file[f] && w;
		else
			g->used[f] = (need >> f) & 1;
		any |= g->used[f];
		/*
		 * Each population on its own weights; abc and rfm grade
		 * clients only, rules every row by the same policy.
		 */
		for (p = 0; p < CG_GP_N; p++) {
			g->uses[p][f] = o->method == CG_GM_SCORE ?
			    g->in_file[f] && o->weight[p][f] > 0 :
			    p == CG_GP_CLIENT && g->used[f];
			g->by_rank[p][f] = g->uses[p][f] &&
			    o->method != CG_GM_RULES &&
			    !(o->method == CG_GM_SCORE && (o->has_range[f] ||
			    g->rating[f]));
			g->lo[p][f] = o->lo[f];
			g->hi[p][f] = o->hi[f];
		}
	}
	if (!any)
		return cg_err_set(err, CG_EROLE, file, 0, 0, "no factor to "
		    "grade by: the header has no column for volume, orders, "
		    "recency (or last_order), days_to_pay, overdue, distance, "
		    "accessibility, openness, referrals, potential, "
		    "employees, source, referred_volume or last_referral with "
		    "a weight above 0 (use --col ROLE=HEADER)");
	/* Rules that give the same grade share one line of the summary. */
	for (i = 0; i < o->nrules && o->method == CG_GM_RULES; i++) {
		for (k = 0; k < g->nrulegrade; k++)
			if (strcmp(g->rulegrade[k], o->rules[i].grade) == 0)
				break;
		if (k == g->nrulegrade)
			g->rulegrade[g->nrulegrade++] = o->rules[i].grade;
		g->rulegi[i] = k;
	}
	return 0;
}

/*
 * Pass one: the values of every factor ranked, each in its row's
 * population, and how many accounts each population has.
 */
static int
collect(struct cg_grade_ctx *g, struct cg_input *in, struct cg_err *err)
{
	const struct cg_row *row;
	double v[CG_GF_N];
	int have[CG_GF_N], f, p, rc;
	unsigned mask = 0, pmask[CG_GP_N] = { 0 };

	for (p = 0; p < CG_GP_N; p++)
		for (f = 0; f < CG_GF_N; f++) {
			/* Floats hold counts and days exactly; volumes need
			 * doubles only where sums and exact ties matter. */
			cg_grade_vals_init(&g->vals[p][f], g->o->method ==
			    CG_GM_SCORE && f != CG_GF_VOLUME &&
			    f != CG_GF_POTENTIAL && f != CG_GF_REFERRED);
			if (g->by_rank[p][f])
				pmask[p] |= 1u << f;
			mask |= pmask[p];
		}
	if (mask == 0)
		return 0;
	while ((rc = cg_input_next(in, &row, err)) > 0) {
		g->r = cg_input_reader(in);
		p = cg_grade_pop_of(g, row);
		g->pops.n[p]++;
		if (pmask[p] == 0)
			continue;
		if (cg_grade_read(g, row, pmask[p], v, have, err) < 0)
			return -1;
		for (f = 0; f < CG_GF_N; f++) {
			if (!have[f])
				continue;
			if (g->o->method == CG_GM_ABC && v[f] < 0)
				v[f] = 0;
			/* No business is not the bottom of the ranking: it is
			 * outside it (grade_score.c gives it no points). */
			if (g->o->method == CG_GM_SCORE &&
			    cg_grade_zero_is_none(f) && v[f] <= 0)
				continue;
			cg_grade_vals_add(&g->vals[p][f], v[f]);
		}
	}
	if (rc < 0)
		return -1;
	g->pops.counted = 1;
	for (p = 0; p < CG_GP_N; p++)
		for (f = 0; f < CG_GF_N; f++)
			if ((pmask[p] >> f) & 1)
				cg_grade_vals_freeze(&g->vals[p][f]);
	if (g->o->method == CG_GM_ABC)
		cg_grade_vals_sums(&g->vals[CG_GP_CLIENT][CG_GF_VOLUME]);
	return cg_input_rewind(in, err) < 0 ? -1 : 1;
}

/*
 * A population of fewer than CG_GRADE_SMALL_POP accounts says nothing by
 * rank (the best of three is "top 33%" whatever it sold): its factors go
 * on the absolute ranges of grade.1 instead, with a note.
 */
static void
small_pops(struct cg_grade_ctx *g)
{
	int p, f, any;

	if (!g->pops.counted || g->o->method != CG_GM_SCORE)
		return;
	for (p = 0; p < CG_GP_N; p++) {
		if (g->pops.n[p] == 0 || g->pops.n[p] >= CG_GRADE_SMALL_POP)
			continue;
		for (f = 0, any = 0; f < CG_GF_N; f++) {
			if (!g->by_rank[p][f])
				continue;
			any = 1;
			g->by_rank[p][f] = 0;
			cg_grade_abs_range(f, &g->lo[p][f], &g->hi[p][f]);
		}
		g->pops.small[p] = any;	/* said by pop_notes() */
	}
}

static void
compute(struct cg_grade_ctx *g, const double *v, const int *have,
    struct cg_grade_res *res)
{
	/* The business methods have nothing to say of a lead. */
	if ((g->o->method == CG_GM_ABC || g->o->method == CG_GM_RFM) &&
	    res->pop != CG_GP_CLIENT) {
		res->graded = 0;
		if (res->why != NULL)
			cg_buf_printf(res->why, "not graded: a %s (--method %s "
			    "grades clients only)", cg_grade_pop_name(res->pop,
			    1), g->o->method == CG_GM_ABC ? "abc" : "rfm");
		return;
	}
	switch (g->o->method) {
	case CG_GM_SCORE:
		cg_grade_score_row(g, v, have, res);
		break;
	case CG_GM_ABC:
		cg_grade_abc_row(g, v, have, res);
		break;
	case CG_GM_RFM:
		cg_grade_rfm_row(g, v, have, res);
		break;
	default:
		cg_grade_rules_row(g, v, have, res);
		break;
	}
}

/* Pass two, for shares of accounts: every row's score. */
static int
collect_scores(struct cg_grade_ctx *g, struct cg_input *in, unsigned mask,
    struct cg_err *err)
{
	const struct cg_row *row;
	struct cg_grade_res res;
	double v[CG_GF_N];
	int have[CG_GF_N], rc, p;

	for (p = 0; p < CG_GP_N; p++)
		cg_grade_vals_init(&g->scores[p], 1);
	g->shares = 0;	/* cg_grade_place must not look at scores yet */
	while ((rc = cg_input_next(in, &row, err)) > 0) {
		g->r = cg_input_reader(in);
		memset(&res, 0, sizeof(res));
		res.pop = cg_grade_pop_of(g, row);
		if (cg_grade_read(g, row, mask, v, have, err) < 0)
			return -1;
		compute(g, v, have, &res);
		if (res.has_score)
			cg_grade_vals_add(&g->scores[res.pop], res.score);
	}
	if (rc < 0)
		return -1;
	for (p = 0; p < CG_GP_N; p++)
		cg_grade_vals_freeze(&g->scores[p]);
	g->shares = 1;
	return cg_input_rewind(in, err);
}

/* Which output columns exist, and where they go (replace or append). */
static size_t
columns(const struct cg_grade_ctx *g, const struct cg_row *hdr,
    size_t *outcol, int *on, int quiet)
{
	const struct cg_grade_opts *o = g->o;
	size_t k, i, napp = 0;
	const char *name;

	for (k = 0; k < CG_GC_N; k++) {
		on[k] = k == CG_GC_GRADE ||
		    (k == CG_GC_SCORE && o->method != CG_GM_RULES) ||
		    (k == CG_GC_SHARE && o->method == CG_GM_ABC) ||
		    (k == CG_GC_CHANGE && o->previous != NULL) ||
		    ((k == CG_GC_RFM || k == CG_GC_SEGMENT) &&
		    o->method == CG_GM_RFM) || (k == CG_GC_REASON && o->explain);
		name = o->colname[k];
		i = cg_header_find(hdr, name, strlen(name));
		if (!on[k] && i != CG_NO_COL) {
			/*
			 * A column of ours from an earlier run that this run
			 * does not write (grade_reason without --explain, rfm
			 * after --method abc) would stand beside the new grade
			 * as if it explained it: it is emptied.
			 */
			on[k] = 2;
			if (!quiet)
				cg_note(g->run, "'%s' from an earlier run is "
				    "emptied: this run does not write it", name);
		}
		if (on[k])
			outcol[k] = i != CG_NO_COL ? i : hdr->n + napp++;
	}
	return napp;
}

/*
 * The --group column: a role of that name (owner: the owner column
 * whatever it is called), else the column of that name. CG_NO_COL and
 * err filled when there is none.
 */
static size_t
group_col(const struct cg_grade_ctx *g, const struct cg_row *hdr,
    struct cg_err *err)
{
	const char *name = g->o->group;
	size_t c = cg_header_find(hdr, name, strlen(name));
	int how;

	if (c == CG_NO_COL && cg_role_aliases(name) != NULL &&
	    cg_role_find_how(hdr, g->run->cols, name, &c, &how, NULL) <= 0)
		c = CG_NO_COL;
	if (c == CG_NO_COL)
		cg_err_set(err, CG_EROLE, cg_reader_name(g->r), hdr->line, 0,
		    "--group: no column '%s'", name);
	return c;
}

/*
 * A population graded on some of its factors only, because the file has
 * no column for the others: said once, so that "A" is read as "A on
 * volume and payment", not as A on everything the man page lists (the
 * reasons say "not in file: ..." row by row).
 */
static void
partial_note(struct cg_grade_ctx *g, int p, size_t n, struct cg_buf *b)
{
	const struct cg_grade_opts *o = g->o;
	struct cg_buf on = CG_BUF_INIT;
	int i, f;

	cg_buf_reset(b);
	cg_buf_adds(b, "");
	cg_buf_adds(&on, "");
	for (i = 0; i < CG_GF_N; i++) {
		f = cg_grade_pop_order(p)[i];
		if (o->weight[p][f] <= 0)
			continue;
		if (g->uses[p][f])
			cg_buf_printf(&on, "%s%s", on.len ? ", " : "",
			    cg_grade_factor(f)->name);
		else
			cg_buf_printf(b, "%s%s", b->len ? ", " : "",
			    cg_grade_factor(f)->name);
	}
	if (b->len > 0)
		cg_note(g->run, "%zu %s graded on %s only: no column for %s "
		    "(name one with --col ROLE=HEADER)", n,
		    cg_grade_pop_name(p, n), on.s, b->s);
	cg_buf_free(&on);
}

/*
 * After the last pass: what the populations' counts mean for the grades
 * (grade.1 DIAGNOSTICS).
 */
static void
pop_notes(struct cg_grade_ctx *g, const size_t *npop)
{
	const struct cg_grade_opts *o = g->o;
	struct cg_buf b = CG_BUF_INIT;
	int i, p, f, k;

	cg_grade_pops_report(g);
	if (o->method == CG_GM_ABC || o->method == CG_GM_RFM) {
		cg_buf_adds(&b, "");
		for (p = CG_GP_LEAD; p < CG_GP_N; p++)
			if (npop[p] > 0)
				cg_buf_printf(&b, "%s%zu %s", b.len ? ", " : "",
				    npop[p], cg_grade_pop_name(p, npop[p]));
		if (b.len > 0)
			cg_note(g->run, "--method %s grades clients only: %s "
			    "left ungraded (the score method grades them on "
			    "their own factors)", o->method == CG_GM_ABC ?
			    "abc" : "rfm", b.s);
		cg_buf_free(&b);
		return;
	}
	if (o->method != CG_GM_SCORE)
		return;
	for (p = 0; p < CG_GP_N; p++) {
		if (g->pops.small[p])
			cg_note(g->run, "%zu %s: graded on absolute ranges "
			    "(fewer than %d to rank)", g->pops.n[p],
			    cg_grade_pop_name(p, g->pops.n[p]),
			    CG_GRADE_SMALL_POP);
		if (npop[p] == 0)
			continue;
		for (f = 0, k = 0; f < CG_GF_N; f++)
			k |= g->uses[p][f];
		if (k) {
			partial_note(g, p, npop[p], &b);
			continue;
		}
		cg_buf_reset(&b);
		cg_buf_adds(&b, "");
		for (i = 0; i < CG_GF_N; i++) {
			f = cg_grade_pop_order(p)[i];
			if (o->weight[p][f] > 0)
				cg_buf_printf(&b, "%s%s", b.len ? ", " : "",
				    cg_grade_factor(f)->name);
		}
		cg_note(g->run, "%zu %s left ungraded: no column for any of "
		    "their factors (%s)", npop[p], cg_grade_pop_name(p,
		    npop[p]), b.len ? b.s : "every weight is 0");
	}
	cg_buf_free(&b);
}

/* The last pass: write each row, or tally it for the summary. */
static int
emit(struct cg_grade_ctx *g, struct cg_input *in, const struct cg_row *hdr,
    unsigned mask, struct cg_err *err)
{
	const struct cg_grade_opts *o = g->o;
	struct cg_writer *w = NULL;
	struct cg_put put[CG_GC_N];
	struct cg_grade_tally *tally, *tl, *ptally = NULL;
	double *pvol = NULL;
	size_t npvol = 0, cappvol = 0;
	struct cg_strtab groups;
	const char **gnames = NULL;
	size_t gcol = CG_NO_COL, ngroups = 1, gi;
	struct cg_grade_res res;
	struct cg_buf why = CG_BUF_INIT;
	const struct cg_row *row;
	size_t outcol[CG_GC_N], k, np, ngrades;
	int on[CG_GC_N], have[CG_GF_N], rc;
	double v[CG_GF_N];
	char score[48], share[48], cbuf[2 * CG_GRADE_NAMELEN + 8];
	const char *change = "";
	size_t npop[CG_GP_N] = { 0 }, ntab = CG_GP_N;
	int was;

	ngrades = o->method == CG_GM_RULES ? g->nrulegrade : o->scale.n;
	tally = cg_xcalloc(ntab * (ngrades + 1), sizeof(*tally));
	if (o->plot != NULL)
		ptally = cg_xcalloc(ngrades + 1, sizeof(*ptally));
	/* Unknown stages and sources are counted once: in this pass. */
	g->pops.last = 1;
	cg_strtab_init(&groups);
	if (o->group != NULL && o->summary != CG_GS_NONE &&
	    (gcol = group_col(g, hdr, err)) == CG_NO_COL)
		goto fail;
	columns(g, hdr, outcol, on, o->summary != CG_GS_NONE);
	if (o->summary == CG_GS_NONE) {
		w = cg_writer_new(g->run->out_fd, "<stdout>",
		    cg_reader_dialect(g->r));
		for (k = 0, np = 0; k < CG_GC_N; k++)
			if (on[k] && outcol[k] >= hdr->n)
				put[np++] = (struct cg_put){ outcol[k],
				    o->colname[k], CG_STRLEN };
		if (cg_writer_row(w, hdr, put, np, err) < 0)
			goto fail;
	}
	while ((rc = cg_input_next(in, &row, err)) > 0) {
		g->r = cg_input_reader(in);
		memset(&res, 0, sizeof(res));
		res.pop = cg_grade_pop_of(g, row);
		npop[res.pop]++;
		if (cg_grade_read(g, row, mask, v, have, err) < 0)
			goto fail;
		cg_buf_reset(&why);
		cg_buf_adds(&why, "");
		res.why = o->explain && w != NULL ? &why : NULL;
		compute(g, v, have, &res);
		/* The Pareto curve is the clients' business. */
		if (ptally != NULL && res.pop == CG_GP_CLIENT) {
			cg_grade_summary_add(&ptally[res.graded ? res.g :
			    ngrades], v, have, &res);
			if (have[CG_GF_VOLUME]) {
				if (npvol == cappvol) {
					cappvol = cappvol ? cappvol * 2 : 1024;
					pvol = cg_xreallocarray(pvol, cappvol,
					    sizeof(*pvol));
				}
				pvol[npvol++] = v[CG_GF_VOLUME];
			}
		}
		was = CG_GRADE_PREV_NEW;
		if (g->has_prev)
			change = cg_grade_prev_change(&g->prev, row,
			    res.graded ? cg_grade_name(g, res.g) : "", cbuf,
			    sizeof(cbuf), &was);
		if (w == NULL) {
			gi = 0;
			if (gcol != CG_NO_COL) {
				int added;

				gi = cg_strtab_intern(&groups, row->f[gcol],
				    row->len[gcol], &added);
				if (added && gi > 0) {
					k = ntab * (ngrades + 1);
					tally = cg_xreallocarray(tally,
					    (gi + 1) * k, sizeof(*tally));
					memset(&tally[gi * k], 0,
					    k * sizeof(*tally));
				}
			}
			tl = &CG_GRADE_TALLY(tally, gi, res.pop, res.graded ?
			    res.g : ngrades, ngrades);
			cg_grade_summary_add(tl, v, have, &res);
			if (g->has_prev)
				tl->was[was >= 0 ? (size_t)was : was ==
				    CG_GRADE_PREV_NONE ? CG_GRADE_PREV_MAXG :
				    CG_GRADE_PREV_MAXG + 1]++;
			continue;
		}
		score[0] = share[0] = '\0';
		if (res.has_score)
			cg_field_fmt(g->r, score, sizeof(score), res.score,
			    o->method == CG_GM_ABC ? 1 : 0);
		if (res.has_share)
			cg_field_fmt(g->r, share, sizeof(share), res.share, 1);
		for (k = 0, np = 0; k < CG_GC_N; k++) {
			if (!on[k])
				continue;
			put[np].col = outcol[k];
			put[np].n = CG_STRLEN;
			put[np].s = on[k] == 2 ? "" :
			    k == CG_GC_GRADE ? (res.graded ?
			    cg_grade_name(g, res.g) : "") :
			    k == CG_GC_SCORE ? score :
			    k == CG_GC_SHARE ? share :
			    k == CG_GC_CHANGE ? change :
			    k == CG_GC_RFM ? (res.has_cell ? res.cell : "") :
			    k == CG_GC_SEGMENT ? (res.has_cell ? res.segment :
			    "") : why.s;
			np++;
		}
		if (cg_writer_row(w, row, put, np, err) < 0)
			goto fail;
	}
	if (rc < 0)
		goto fail;
	cg_buf_free(&why);
	if (g->has_prev)
		cg_grade_prev_report(&g->prev, g->run);
	pop_notes(g, npop);
	if (ptally != NULL) {
		struct cg_buf svg = CG_BUF_INIT;

		if (npop[CG_GP_LEAD] + npop[CG_GP_REFERRAL] > 0)
			cg_note(g->run, "--plot draws the %zu client%s only",
			    npop[CG_GP_CLIENT], npop[CG_GP_CLIENT] == 1 ? "" :
			    "s");
		cg_grade_plot_svg(&svg, g, pvol, npvol, ptally, ngrades);
		rc = cg_grade_plot_write(o->plot, &svg, err);
		cg_buf_free(&svg);
		free(pvol);
		free(ptally);
		pvol = NULL;
		ptally = NULL;
		if (rc < 0)
			goto fail;
	}
	if (w == NULL) {
		if (gcol != CG_NO_COL) {
			ngroups = groups.n;
			gnames = cg_xcalloc(ngroups + 1, sizeof(*gnames));
			for (gi = 0; gi < ngroups; gi++)
				gnames[gi] = cg_strtab_key(&groups, gi, NULL);
		}
		rc = cg_grade_summary_write(g, tally, ngroups, gnames,
		    gcol != CG_NO_COL ? o->group : NULL, ngrades,
		    g->in_file[CG_GF_VOLUME], o->method != CG_GM_RULES,
		    cg_reader_dialect(g->r), err);
		free(gnames);
		free(tally);
		cg_strtab_free(&groups);
		return rc;
	}
	free(tally);
	cg_strtab_free(&groups);
	return cg_writer_close(w, err);
fail:
	free(pvol);
	free(ptally);
	free(tally);
	cg_strtab_free(&groups);
	cg_buf_free(&why);
	cg_writer_close(w, NULL);
	return -1;
}

static void
ctx_free(struct cg_grade_ctx *g)
{
	int f;

	int p;

	for (f = 0; f < CG_GF_N; f++) {
		for (p = 0; p < CG_GP_N; p++)
			cg_grade_vals_free(&g->vals[p][f]);
		free(g->colname[f]);
	}
	for (p = 0; p < CG_GP_N; p++)
		cg_grade_vals_free(&g->scores[p]);
	cg_grade_pops_free(&g->pops);
	if (g->has_prev)
		cg_grade_prev_free(&g->prev);
	cg_grade_geo_free(&g->geo);
}

int
cg_grade_run(const struct cg_grade_opts *o, const struct cg_run *run,
    struct cg_err *err)
{
	struct cg_grade_ctx g;
	struct cg_reader_opts ro;
	struct cg_input *in;
	const struct cg_row *hdr;
	unsigned mask = 0;
	int f, p, rc, twopass, shares;

	if (o->worksheet)
		return cg_grade_worksheet(run, err);
	memset(&g, 0, sizeof(g));
	g.o = o;
	g.run = run;
	g.today = run->today;
	cg_datecol_init(&g.dc, run->dates);
	cg_datecol_init(&g.dc_ref, run->dates);
	shares = o->scale.shares && (o->method == CG_GM_SCORE ||
	    o->method == CG_GM_RFM);
	/* Rewinding a pipe means spooling it: ask only when a pass needs. */
	twopass = o->method == CG_GM_ABC || o->method == CG_GM_RFM || shares;
	for (p = 0; p < CG_GP_N && o->method == CG_GM_SCORE; p++)
		for (f = 0; f < CG_GF_N; f++)
			twopass |= o->weight[p][f] > 0 && !o->has_range[f];
	ro = cg_run_reader_opts(run, twopass);
	if ((in = cg_input_open(run->argc, run->argv, &ro, err)) == NULL)
		return -1;
	if ((rc = cg_input_header(in, &hdr, err)) <= 0) {
		cg_input_free(in);
		/* No header at all: nothing to grade, nothing to write. */
		return rc;
	}
	g.r = cg_input_reader(in);
	if (resolve(&g, hdr, run->cols, cg_reader_name(g.r), err) < 0)
		goto fail;
	if (o->previous != NULL) {
		if (cg_grade_prev_load(&g.prev, o->previous, run, hdr,
		    o->colname[CG_GC_GRADE], err) < 0)
			goto fail;
		g.has_prev = 1;
		{
			const char *order[64];
			size_t i, n = o->method == CG_GM_RULES ?
			    g.nrulegrade : o->scale.n;

			for (i = 0; i < n && i < 64; i++)
				order[i] = cg_grade_name(&g, i);
			cg_grade_prev_sort(&g.prev, order, i);
		}
	}
	if (collect(&g, in, err) < 0)
		goto fail;
	small_pops(&g);
	for (f = 0; f < CG_GF_N; f++)
		if (g.used[f] || (f == CG_GF_VOLUME && g.in_file[f] &&
		    (o->summary != CG_GS_NONE || o->plot != NULL)) || (g.in_file[f] && o->explain &&
		    o->method == CG_GM_RULES))
			mask |= 1u << f;
	if (shares && collect_scores(&g, in, mask, err) < 0)
		goto fail;
	if (emit(&g, in, hdr, mask, err) < 0)
		goto fail;
	ctx_free(&g);
	cg_input_free(in);
	return 0;
fail:
	ctx_free(&g);
	cg_input_free(in);
	return -1;
}
