/*
 * grade_summary.c - --summary: one line per grade (accounts, share of
 * accounts, volume, share of volume, mean score) and a total, as CSV in
 * the input's dialect or as an aligned text table.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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

#define NCOL 6

/* One table line as strings; cells point into buf. */
static void
line(const struct cg_grade_tally *t, const struct cg_grade_tally *all,
    const char *name, int has_volume, int has_score, char decimal,
    int text, char buf[NCOL][48], const char *cell[NCOL])
{
	const char *pct = text ? "%" : "";
	char num[40];

	cell[0] = name;
	snprintf(buf[1], 48, "%zu", t->n);
	cg_fmt_num(num, sizeof(num), all->n ? 100.0 * t->n / all->n : 0, 1,
	    0, decimal);
	snprintf(buf[2], 48, "%s%s", num, pct);
	buf[3][0] = buf[4][0] = buf[5][0] = '\0';
	if (has_volume) {
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
}

/* One aligned line: grade left, numbers right, no trailing blanks. */
static void
text_line(FILE *out, const char *const *cell, const size_t *w)
{
	char lbuf[NCOL * 64];
	size_t len = 0, k;
	int n;

	for (k = 0; k < NCOL; k++) {
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

int
cg_grade_summary_write(const struct cg_grade_ctx *g,
    const struct cg_grade_tally *t, size_t ngrades, int has_volume,
    int has_score, const struct cg_dialect *d, struct cg_err *err)
{
	static const char *const head[NCOL] = {
		"grade", "accounts", "accounts_share", "volume",
		"volume_share", "mean_score"
	};
	static const char *const thead[NCOL] = {
		"grade", "accounts", "share", "volume", "share", "mean score"
	};
	int text = g->o->summary == CG_GS_TEXT;
	size_t nl = ngrades + 2, i, k, w[NCOL] = { 0 };
	struct cg_grade_tally all = { 0, 0, 0, 0, 0 };
	char buf[66][NCOL][48];	/* 64 grades, (none), all */
	const char *cell[66][NCOL];
	struct cg_writer *wr;
	FILE *out = stdout;

	for (i = 0; i <= ngrades; i++) {
		all.n += t[i].n;
		all.nvol += t[i].nvol;
		all.vol += t[i].vol;
		all.nscore += t[i].nscore;
		all.score += t[i].score;
	}
	for (i = 0, k = 0; i < ngrades; i++, k++)
		line(&t[i], &all, cg_grade_name(g, i), has_volume, has_score,
		    d->decimal, text, buf[k], cell[k]);
	if (t[ngrades].n > 0)
		line(&t[ngrades], &all, "(none)", has_volume, has_score,
		    d->decimal, text, buf[k], cell[k]), k++;
	line(&all, &all, "all", has_volume, has_score, d->decimal, text,
	    buf[k], cell[k]);
	nl = k + 1;
	if (!text) {
		wr = cg_writer_new(g->run->out_fd, "<stdout>", d);
		if (cg_writer_strings(wr, head, NCOL, err) < 0)
			goto fail;
		for (i = 0; i < nl; i++)
			if (cg_writer_strings(wr, cell[i], NCOL, err) < 0)
				goto fail;
		return cg_writer_close(wr, err);
fail:
		cg_writer_close(wr, NULL);
		return -1;
	}
	for (k = 0; k < NCOL; k++) {
		w[k] = strlen(thead[k]);
		for (i = 0; i < nl; i++)
			if (strlen(cell[i][k]) > w[k])
				w[k] = strlen(cell[i][k]);
	}
	for (i = 0; i <= nl; i++)
		text_line(out, i == 0 ? thead : cell[i - 1], w);
	if (fflush(out) != 0)
		return cg_err_set(err, CG_EWRITE, NULL, 0, 0,
		    "write error:");
	return 0;
}
