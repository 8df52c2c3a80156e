/*
 * grade_summary.c - --summary: one line per grade (accounts, share of
 * accounts, volume, share of volume, mean score) and a total, a table
 * per population (clients, leads, referral sources: each graded among
 * itself, so shares are of that population), as CSV in the input's
 * dialect or as aligned text tables.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clientgrade/alloc.h"
#include "clientgrade/csv.h"
#include "clientgrade/value.h"
#include "grade_int.h"

void
cg_grade_summary_add(struct cg_grade_tally *t, const double *v,
    const int *have, const struct cg_grade_res *res)
{
	t->n++;
	if (have[CG_GF_VOLUME]) {
		t->nvol++;
		t->vol += v[CG_GF_VOLUME];
	}
	if (res->has_score) {
		t->nscore++;
		t->score += res->score;
	}
}

#define NBASE 6			/* the columns every summary has */
#define NCOL (NBASE + CG_GRADE_PREV_MAXG + 2)	/* with --previous's */

/* One table line as strings; cells point into buf. */
static void
line(const struct cg_grade_tally *t, const struct cg_grade_tally *all,
    const char *name, int has_volume, int has_score, char decimal,
    int text, size_t nwas, char buf[NCOL][48], const char *cell[NCOL])
{
	size_t k;

	const char *pct = text ? "%" : "";
	char num[40];

	cell[0] = name;
	snprintf(buf[1], 48, "%zu", t->n);
	cg_fmt_num(num, sizeof(num), all->n ? 100.0 * t->n / all->n : 0, 1,
	    0, decimal);
	snprintf(buf[2], 48, "%s%s", num, pct);
	buf[3][0] = buf[4][0] = buf[5][0] = '\0';
	/* Leads and referral sources have no volume: blank, not 0. */
	if (has_volume && all->nvol > 0) {
		cg_fmt_num(buf[3], 48, t->vol, 2, 1, decimal);
		cg_fmt_num(num, sizeof(num), all->vol != 0 ? 100.0 * t->vol /
		    all->vol : 0, 1, 0, decimal);
		snprintf(buf[4], 48, "%s%s", num, pct);
	}
	if (has_score && t->nscore > 0)
		cg_fmt_num(buf[5], 48, t->score / (double)t->nscore, 1, 0,
		    decimal);
	cell[1] = buf[1];
	cell[2] = buf[2];
	cell[3] = buf[3];
	cell[4] = buf[4];
	cell[5] = buf[5];
	/* --previous: how many of them had each old grade before. */
	for (k = 0; k < nwas; k++) {
		size_t i = k + 2 < nwas ? k : k + 2 == nwas ?
		    CG_GRADE_PREV_MAXG : CG_GRADE_PREV_MAXG + 1;

		snprintf(buf[NBASE + k], 48, "%zu", t->was[i]);
		cell[NBASE + k] = buf[NBASE + k];
	}
}

/* One aligned line: grade left, numbers right, no trailing blanks. */
static void
text_line(FILE *out, const char *const *cell, const size_t *w, size_t ncol)
{
	char lbuf[NCOL * 64];
	size_t len = 0, k;
	int n;

	for (k = 0; k < ncol; k++) {
		n = snprintf(lbuf + len, sizeof(lbuf) - len,
		    k == 0 ? "%-*s" : "  %*s", (int)w[k], cell[k]);
		if (n > 0)
			len += (size_t)n < sizeof(lbuf) - len ? (size_t)n :
			    sizeof(lbuf) - len - 1;
	}
	while (len > 0 && lbuf[len - 1] == ' ')
		len--;
	fprintf(out, "%.*s\n", (int)len, lbuf);
}

/* The lines of one table (a line per grade, (none), all): how many. */
static size_t
lines(const struct cg_grade_ctx *g, const struct cg_grade_tally *t,
    size_t ngrades, int has_volume, int has_score, char decimal, int text,
    size_t nwas, char buf[66][NCOL][48], const char *cell[66][NCOL])
{
	struct cg_grade_tally all;
	size_t i, k;

	memset(&all, 0, sizeof(all));
	for (i = 0; i <= ngrades; i++) {
		for (k = 0; k < CG_GRADE_PREV_MAXG + 2; k++)
			all.was[k] += t[i].was[k];
		all.n += t[i].n;
		all.nvol += t[i].nvol;
		all.vol += t[i].vol;
		all.nscore += t[i].nscore;
		all.score += t[i].score;
	}
	for (i = 0, k = 0; i < ngrades; i++, k++)
		line(&t[i], &all, cg_grade_name(g, i), has_volume, has_score,
		    decimal, text, nwas, buf[k], cell[k]);
	if (t[ngrades].n > 0)
		line(&t[ngrades], &all, "(none)", has_volume, has_score,
		    decimal, text, nwas, buf[k], cell[k]), k++;
	line(&all, &all, "all", has_volume, has_score, decimal, text, nwas,
	    buf[k], cell[k]);
	return k + 1;
}

static void
text_table(FILE *out, const char *const *thead, const char *cell[66][NCOL],
    size_t nl, size_t ncol)
{
	size_t w[NCOL] = { 0 }, i, k;

	for (k = 0; k < ncol; k++) {
		w[k] = strlen(thead[k]);
		for (i = 0; i < nl; i++)
			if (strlen(cell[i][k]) > w[k])
				w[k] = strlen(cell[i][k]);
	}
	for (i = 0; i <= nl; i++)
		text_line(out, i == 0 ? thead : cell[i - 1], w, ncol);
}

int
cg_grade_summary_write(const struct cg_grade_ctx *g,
    const struct cg_grade_tally *t, size_t ngroups,
    const char *const *gname, const char *gcol, size_t ngrades,
    int has_volume, int has_score, const struct cg_dialect *d,
    struct cg_err *err)
{
	const char *head[NCOL + 1] = {
		"grade", "accounts", "accounts_share", "volume",
		"volume_share", "mean_score"
	};
	const char *thead[NCOL] = {
		"grade", "accounts", "share", "volume", "share", "mean score"
	};
	char washead[CG_GRADE_PREV_MAXG + 2][CG_GRADE_NAMELEN + 16];
	int text = g->o->summary == CG_GS_TEXT;
	size_t nwas = g->has_prev ? g->prev.nnames + 2 : 0;
	size_t ncol = NBASE + nwas, nl, i, k, grp;
	char (*buf)[NCOL][48] = cg_xcalloc(66, sizeof(*buf));	/* 64
					 * grades, (none), all */
	const char *cell[66][NCOL], *row[NCOL + 2];
	struct cg_grade_tally *sum = NULL;
	struct cg_writer *wr = NULL;
	FILE *out = stdout;
	size_t ntab = (size_t)CG_GP_N * (ngrades + 1), lead, pn;
	int rc = 0, p, blocks = 0;

	for (k = 0; k < nwas; k++) {
		snprintf(washead[k], sizeof(washead[k]), "was_%s", k + 2 < nwas ?
		    g->prev.names[k] : k + 2 == nwas ? "none" : "new");
		head[NBASE + k] = thead[NBASE + k] = washead[k];
	}
	/* The group's value (--group), then the population, lead a line. */
	lead = (gcol != NULL) + 1;
	if (!text) {
		wr = cg_writer_new(g->run->out_fd, "<stdout>", d);
		if (gcol != NULL)
			row[0] = gcol;
		row[lead - 1] = "population";
		memcpy(row + lead, head, ncol * sizeof(*row));
		if (cg_writer_strings(wr, row, ncol + lead, err) < 0)
			goto fail;
	}
	/* --group: a table per group, then one over all of them. */
	if (gcol != NULL) {
		sum = cg_xcalloc(ntab, sizeof(*sum));
		for (grp = 0; grp < ngroups; grp++)
			for (i = 0; i < ntab; i++) {
				const struct cg_grade_tally *x =
				    &t[grp * ntab + i];

				sum[i].n += x->n;
				sum[i].nvol += x->nvol;
				sum[i].vol += x->vol;
				sum[i].nscore += x->nscore;
				sum[i].score += x->score;
				for (k = 0; k < CG_GRADE_PREV_MAXG + 2; k++)
					sum[i].was[k] += x->was[k];
			}
	}
	for (grp = 0; grp < ngroups + (gcol != NULL); grp++) {
		const char *label = grp < ngroups && gcol != NULL ?
		    gname[grp] : "(all)";
		const struct cg_grade_tally *gt = grp < ngroups ?
		    &t[grp * ntab] : sum;
		size_t gn = 0;

		for (i = 0; i < ntab; i++)
			gn += gt[i].n;
		for (p = 0; p < CG_GP_N; p++) {
			const struct cg_grade_tally *x = grp < ngroups ?
			    &t[grp * ntab + (size_t)p * (ngrades + 1)] :
			    &sum[(size_t)p * (ngrades + 1)];

			/* A population the group has no account of has no
			 * table (an empty input has the clients' one). */
			for (i = 0, pn = 0; i <= ngrades; i++)
				pn += x[i].n;
			if (pn == 0 && (p != CG_GP_CLIENT || gn > 0))
				continue;
			nl = lines(g, x, ngrades, has_volume, has_score,
			    d->decimal, text, nwas, buf, cell);
			if (text) {
				fprintf(out, "%s", blocks++ ? "\n" : "");
				if (gcol != NULL)
					fprintf(out, "%s: %s, ", gcol, label);
				fprintf(out, "%s\n", cg_grade_pop_name(p, 2));
				text_table(out, thead, cell, nl, ncol);
				continue;
			}
			if (gcol != NULL)
				row[0] = label;
			row[lead - 1] = cg_grade_pop_name(p, 1);
			for (i = 0; i < nl; i++) {
				memcpy(row + lead, cell[i], ncol *
				    sizeof(*row));
				if (cg_writer_strings(wr, row, ncol + lead,
				    err) < 0)
					goto fail;
			}
		}
		if (gcol == NULL)
			break;
	}
	free(sum);
	free(buf);
	if (!text)
		return cg_writer_close(wr, err);
	if (fflush(out) != 0)
		return cg_err_set(err, CG_EWRITE, NULL, 0, 0,
		    "write error:");
	return rc;
fail:
	free(sum);
	free(buf);
	cg_writer_close(wr, NULL);
	return -1;
}
