/*
 * quadrant_summary.c - per quadrant: accounts, their share, volume,
 * potential, the effort an account there takes, and the share of a
 * rep's time that follows (in total and per account), as CSV in the
 * input's dialect or as an aligned table.
 *
 * The time adds up: a quadrant's share is its accounts times their
 * effort over the same sum for all four, so the shares make 100% and an
 * account's share never depends on how many others share its quadrant
 * (a lone account gets its effort's worth, not a fifth of the time).
 */
#include <stdio.h>
#include <string.h>

#include "clientgrade/buf.h"
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
enum { SC_NAME, SC_N, SC_SHARE, SC_VOL, SC_POT, SC_EFFORT, SC_TIME, SC_TPER,
	SC_NCOL };
static const char *const sum_head[SC_NCOL] = {
	"quadrant", "accounts", "share_pct", "volume", "potential", "effort",
	"time_pct", "time_per_account_pct"
};
static const char *const sum_text_head[SC_NCOL] = {
	"quadrant", "accounts", "share", "volume", "potential", "effort",
	"time", "time/account"
};

struct line {
	char f[SC_NCOL][48];
};

/* The effort of all placed accounts: the sum of count x effort. */
static double
effort_total(const struct cg_qsum *s, const struct cg_quadrant_opts *o)
{
	double w = 0;
	int j;

	for (j = 0; j < CG_Q_N; j++)
		w += (double)s->n[j] * o->effort[j];
	return w;
}

/* A percentage into cell c: `prec` decimals, '%' in text; in text a
 * share above 0 that rounds to 0 is "<0.01%", not a misleading "0%". */
static void
pct_cell(char *c, double v, int prec, char dec, int text)
{
	size_t k;

	if (text && v > 0 && v < 0.005 && prec == 2) {
		snprintf(c, 40, "<0%c01%%", dec == ',' ? ',' : '.');
		return;
	}
	k = cg_fmt_num(c, 40, v, prec, 1, dec);
	if (text)
		strcat(c + k, "%");
}

/* Fill the cells of row i (0..CG_Q_N-1 quadrants, CG_Q_N none,
 * CG_Q_N+1 total). `text` groups digits and adds '%'. */
static void
fill(const struct cg_qsum *s, const struct cg_quadrant_opts *o, int i,
    char dec, int text, struct line *l)
{
	long total = 0, n;
	double vol = 0, pot = 0, w = effort_total(s, o);
	int j;

	for (j = 0; j <= CG_Q_N; j++) {
		total += s->n[j];
		if (i == CG_Q_N + 1) {
			vol += s->vol[j];
			pot += s->pot[j];
		}
	}
	if (i <= CG_Q_N) {
		vol = s->vol[i];
		pot = s->pot[i];
	}
	n = i == CG_Q_N + 1 ? total : s->n[i];
	memset(l, 0, sizeof(*l));
	snprintf(l->f[SC_NAME], sizeof(l->f[0]), "%s", i < CG_Q_N ?
	    o->names[i] : i == CG_Q_N ? "none" : "Total");
	cg_fmt_long(l->f[SC_N], n);
	pct_cell(l->f[SC_SHARE], total ? 100.0 * n / total : 0, 1, dec, text);
	if (text) {
		cg_fmt_grouped(l->f[SC_VOL], 48, vol, dec);
		cg_fmt_grouped(l->f[SC_POT], 48, pot, dec);
	} else {
		cg_fmt_num(l->f[SC_VOL], 48, vol, 2, 1, dec);
		cg_fmt_num(l->f[SC_POT], 48, pot, 2, 1, dec);
	}
	if (i == CG_Q_N)
		return;		/* no time for rows without a quadrant */
	if (i == CG_Q_N + 1) {
		pct_cell(l->f[SC_TIME], w > 0 ? 100 : 0, 1, dec, text);
		return;
	}
	cg_fmt_num(l->f[SC_EFFORT], 40, o->effort[i], 2, 1, dec);
	pct_cell(l->f[SC_TIME], w > 0 ? 100.0 * (double)n * o->effort[i] / w :
	    0, 1, dec, text);
	if (n > 0)
		pct_cell(l->f[SC_TPER], w > 0 ? 100.0 * o->effort[i] / w : 0,
		    text ? 2 : 4, dec, text);
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

/* Append t to b padded with blanks to `wid` terminal columns, on the
 * right (left) or the left (numbers) side. */
static void
pad(struct cg_buf *b, const char *t, size_t wid, int left)
{
	size_t n = strlen(t), cols = cg_text_cols(t, n);

	if (left)
		cg_buf_add(b, t, n);
	for (; cols < wid; cols++)
		cg_buf_addc(b, ' ');
	if (!left)
		cg_buf_add(b, t, n);
}

int
cg_qsum_write_text(const struct cg_qsum *s, const struct cg_quadrant_opts *o,
    char dec, FILE *fp)
{
	struct line l[CG_Q_N + 2];
	struct cg_buf name[CG_Q_N + 2], out = CG_BUF_INIT;
	size_t wid[SC_NCOL], len;
	int i, j, used[CG_Q_N + 2];
	const char *t;

	for (j = 0; j < SC_NCOL; j++)
		wid[j] = strlen(sum_text_head[j]);
	for (i = 0; i <= CG_Q_N + 1; i++) {
		used[i] = i != CG_Q_N || s->n[CG_Q_N] > 0;
		fill(s, o, i, dec, 1, &l[i]);
		/* A quadrant name goes to a terminal: escaped, and measured
		 * in characters, not bytes. */
		memset(&name[i], 0, sizeof(name[i]));
		t = i < CG_Q_N ? o->names[i] : l[i].f[SC_NAME];
		cg_text_safe(&name[i], t, strlen(t));
		for (j = 0; j < SC_NCOL && used[i]; j++) {
			t = j == SC_NAME ? name[i].s : l[i].f[j];
			if ((len = cg_text_cols(t, strlen(t))) > wid[j])
				wid[j] = len;
		}
	}
	for (i = -1; i <= CG_Q_N + 1; i++) {
		if (i >= 0 && !used[i])
			continue;
		cg_buf_reset(&out);
		for (j = 0; j < SC_NCOL; j++) {
			if (j == SC_VOL && !s->has_volume)
				continue;
			t = i < 0 ? sum_text_head[j] : j == SC_NAME ?
			    name[i].s : l[i].f[j];
			/* Names left, numbers right, two spaces between. */
			if (j != SC_NAME)
				cg_buf_adds(&out, "  ");
			pad(&out, t, wid[j], j == SC_NAME);
		}
		while (out.len > 0 && out.s[out.len - 1] == ' ')
			out.len--;
		fprintf(fp, "%.*s\n", (int)out.len, out.s);
	}
	for (i = 0; i <= CG_Q_N + 1; i++)
		cg_buf_free(&name[i]);
	cg_buf_free(&out);
	return ferror(fp) ? -1 : 0;
}
