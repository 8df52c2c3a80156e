/*
 * quadrant_summary.c - per quadrant: accounts, their share, volume,
 * potential, and the suggested share of a rep's time (in total and per
 * account), as CSV in the input's dialect or as an aligned table.
 */
#include <stdio.h>
#include <string.h>

#include "clientgrade/csv.h"
#include "clientgrade/quadrant.h"
#include "clientgrade/text.h"
#include "clientgrade/value.h"

void
cg_qsum_add(struct cg_qsum *s, enum cg_quad q, int mask,
    const struct cg_qvals *v)
{
	int i = q == CG_Q_NONE ? CG_Q_N : (int)q;

	s->n[i]++;
	if (mask & 2)
		s->pot[i] += v->p;
	if (mask & 4)
		s->vol[i] += v->vol;
}

/* Columns of one summary line, as text; row CG_Q_N + 1 is the total. */
enum { SC_NAME, SC_N, SC_SHARE, SC_VOL, SC_POT, SC_TIME, SC_TPER, SC_NCOL };
static const char *const sum_head[SC_NCOL] = {
	"quadrant", "accounts", "share_pct", "volume", "potential",
	"time_pct", "time_per_account_pct"
};
static const char *const sum_text_head[SC_NCOL] = {
	"quadrant", "accounts", "share", "volume", "potential", "time",
	"time/account"
};

struct line {
	char f[SC_NCOL][48];
};

/* Fill the cells of row i (0..CG_Q_N-1 quadrants, CG_Q_N none,
 * CG_Q_N+1 total). `text` groups digits and adds '%'. */
static void
fill(const struct cg_qsum *s, const struct cg_quadrant_opts *o, int i,
    char dec, int text, struct line *l)
{
	long total = 0, n;
	double vol = 0, pot = 0, time = 0;
	const char *pct = text ? "%" : "";
	size_t k;
	int j;

	for (j = 0; j <= CG_Q_N; j++) {
		total += s->n[j];
		if (i == CG_Q_N + 1) {
			vol += s->vol[j];
			pot += s->pot[j];
			time += j < CG_Q_N ? o->time[j] : 0;
		}
	}
	if (i <= CG_Q_N) {
		vol = s->vol[i];
		pot = s->pot[i];
		time = i < CG_Q_N ? o->time[i] : 0;
	}
	n = i == CG_Q_N + 1 ? total : s->n[i];
	memset(l, 0, sizeof(*l));
	snprintf(l->f[SC_NAME], sizeof(l->f[0]), "%s", i < CG_Q_N ?
	    o->names[i] : i == CG_Q_N ? "none" : "Total");
	cg_fmt_long(l->f[SC_N], n);
	k = cg_fmt_num(l->f[SC_SHARE], 40, total ? 100.0 * n / total : 0, 1,
	    1, dec);
	strcat(l->f[SC_SHARE] + k, pct);
	if (text) {
		cg_fmt_grouped(l->f[SC_VOL], 48, vol, dec);
		cg_fmt_grouped(l->f[SC_POT], 48, pot, dec);
	} else {
		cg_fmt_num(l->f[SC_VOL], 48, vol, 2, 1, dec);
		cg_fmt_num(l->f[SC_POT], 48, pot, 2, 1, dec);
	}
	if (i == CG_Q_N)
		return;		/* no time for rows without a quadrant */
	k = cg_fmt_num(l->f[SC_TIME], 40, time, 1, 1, dec);
	strcat(l->f[SC_TIME] + k, pct);
	if (i < CG_Q_N && n > 0) {
		k = cg_fmt_num(l->f[SC_TPER], 40, time / n, 2, 1, dec);
		strcat(l->f[SC_TPER] + k, pct);
	}
}

int
cg_qsum_write_csv(const struct cg_qsum *s, const struct cg_quadrant_opts *o,
    const struct cg_dialect *d, int fd, struct cg_err *err)
{
	const char *cells[SC_NCOL];
	struct cg_writer *w;
	struct line l;
	int i, j, k, rc = 0;

	if ((w = cg_writer_new(fd, "<stdout>", d)) == NULL)
		return cg_err_set(err, CG_ENOMEM, NULL, 0, 0, "out of memory");
	for (j = k = 0; j < SC_NCOL; j++)
		if (j != SC_VOL || s->has_volume)
			cells[k++] = sum_head[j];
	rc = cg_writer_strings(w, cells, (size_t)k, err);
	for (i = 0; i <= CG_Q_N + 1 && rc == 0; i++) {
		if (i == CG_Q_N && s->n[CG_Q_N] == 0)
			continue;
		fill(s, o, i, d->decimal, 0, &l);
		for (j = k = 0; j < SC_NCOL; j++)
			if (j != SC_VOL || s->has_volume)
				cells[k++] = l.f[j];
		rc = cg_writer_strings(w, cells, (size_t)k, err);
	}
	if (cg_writer_close(w, rc < 0 ? NULL : err) < 0)
		rc = -1;
	return rc;
}

int
cg_qsum_write_text(const struct cg_qsum *s, const struct cg_quadrant_opts *o,
    char dec, FILE *fp)
{
	struct line l[CG_Q_N + 2];
	size_t wid[SC_NCOL], len;
	int i, j, used[CG_Q_N + 2];

	for (j = 0; j < SC_NCOL; j++)
		wid[j] = strlen(sum_text_head[j]);
	for (i = 0; i <= CG_Q_N + 1; i++) {
		used[i] = i != CG_Q_N || s->n[CG_Q_N] > 0;
		fill(s, o, i, dec, 1, &l[i]);
		for (j = 0; j < SC_NCOL && used[i]; j++)
			if ((len = strlen(l[i].f[j])) > wid[j])
				wid[j] = len;
	}
	for (i = -1; i <= CG_Q_N + 1; i++) {
		char out[SC_NCOL * 52];
		int at = 0;

		if (i >= 0 && !used[i])
			continue;
		for (j = 0; j < SC_NCOL; j++) {
			const char *t = i < 0 ? sum_text_head[j] : l[i].f[j];
			if (j == SC_VOL && !s->has_volume)
				continue;
			/* Names left, numbers right, two spaces between. */
			at += snprintf(out + at, sizeof(out) - (size_t)at,
			    j == SC_NAME ? "%-*s" : "  %*s", (int)wid[j], t);
		}
		while (at > 0 && out[at - 1] == ' ')
			at--;
		fprintf(fp, "%.*s\n", at, out);
	}
	return ferror(fp) ? -1 : 0;
}
