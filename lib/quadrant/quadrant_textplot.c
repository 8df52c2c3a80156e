/*
 * quadrant_textplot.c - the matrix as text for a terminal: a frame of
 * width x height cells, the cut lines drawn as '|' and '-', quadrant
 * names in the frame, one character a cell: 'o' for one account (or its
 * grade's letter), 2-9 for that many, '#' for ten or more.
 *
 * Each side of a cut has its own cells, so an account on the cut itself
 * is drawn on the high side, as it is counted, never on the line.
 *
 * Quadrant names and column headers reach the terminal through
 * cg_text_safe: a header holding ESC or a line break is shown escaped.
 * Cell indexes come from cg_qrange_frac, which is always in [0, 1], so
 * every float to int conversion here is in range by construction.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "clientgrade/quadrant.h"

/* Cell of value v on an axis of n cells with the cut line in cell c:
 * low values in [0, c), high ones in (c, n). */
static int
cell_of(double f, double fc, int c, int n)
{
	int i;

	if (f < fc) {
		i = fc > 0 ? (int)(f / fc * c) : 0;
		return i < 0 ? 0 : i >= c ? c - 1 : i;
	}
	i = fc < 1 ? c + 1 + (int)((f - fc) / (1 - fc) * (n - c - 1)) : c + 1;
	return i <= c ? c + 1 : i >= n ? n - 1 : i;
}

/* Where the cut line goes: its share of the axis, leaving each side at
 * least one cell. */
static int
cut_cell(double fc, int n)
{
	int c = (int)(fc * (n - 1) + 0.5);

	return c < 1 ? 1 : c > n - 2 ? n - 2 : c;
}

/* Put text s (at most room bytes of it) into the line at [at, ...). */
static void
put_name(char *row, int at, int room, const char *s)
{
	int n = (int)strlen(s);

	if (n > room)
		n = room;
	if (n > 0)
		memcpy(row + at, s, (size_t)n);
}

/*
 * One side of a border line: quadrant name `name`, made safe for the
 * terminal (cg_text_safe) and cut to `room` characters, then '-' up to
 * `room` characters, so a name in UTF-8 keeps the frame straight.
 */
static void
border_part(struct cg_buf *b, const char *name, int room)
{
	struct cg_buf t = CG_BUF_INIT;
	size_t n, cols;

	cg_text_safe(&t, name, strlen(name));
	n = cg_text_clip(t.s, t.len, room > 0 ? (size_t)room : 0);
	cg_buf_add(b, t.s, n);
	for (cols = cg_text_cols(t.s, n); (int)cols < room; cols++)
		cg_buf_addc(b, '-');
	cg_buf_free(&t);
}

/* A border line: +left+right+ around the cut at cell cx. */
static void
border(struct cg_buf *b, int cx, int width, const char *left,
    const char *right)
{
	cg_buf_addc(b, '+');
	border_part(b, left, cx);
	cg_buf_addc(b, '+');
	border_part(b, right, width - cx - 1);
	cg_buf_addc(b, '+');
}

int
cg_qplot_text(const struct cg_qplot *pl, int width, int height, FILE *fp)
{
	struct cg_qrange rx, ry;
	struct cg_buf top = CG_BUF_INIT, bot = CG_BUF_INIT, el = CG_BUF_INIT;
	struct cg_buf pa = CG_BUF_INIT;
	char lab[3][48], *grid, *xl;
	unsigned short *cnt;
	int cx, cy, x, y, lw, i, n0, n1, n2;
	size_t k;
	const struct cg_qpoint *pt;

	cg_qrange_of(pl, CG_AX_P, &rx);
	cg_qrange_of(pl, CG_AX_E, &ry);
	cx = cut_cell(cg_qrange_frac(&rx, rx.cut), width);
	/* Row 0 is the top: engagement grows upwards. */
	cy = height - 1 - cut_cell(cg_qrange_frac(&ry, ry.cut), height);
	grid = cg_xmalloc((size_t)width * height);
	cnt = cg_xcalloc((size_t)width * height, sizeof(*cnt));
	memset(grid, ' ', (size_t)width * height);
	for (y = 0; y < height; y++)
		grid[y * width + cx] = '|';
	for (x = 0; x < width; x++)
		grid[cy * width + x] = x == cx ? '+' : '-';
	for (k = 0; k < pl->n; k++) {
		pt = &pl->pts[k];
		x = cell_of(cg_qrange_frac(&rx, pt->p),
		    cg_qrange_frac(&rx, rx.cut), cx, width);
		y = height - 1 - cell_of(cg_qrange_frac(&ry, pt->e),
		    cg_qrange_frac(&ry, ry.cut), height - 1 - cy, height);
		i = y * width + x;
		if (cnt[i] < 0xffff)
			cnt[i]++;
		if (cnt[i] == 1) {
			const char *g = pt->grade > 0 && pt->grade <=
			    pl->ngrades ? pl->grades[pt->grade] : NULL;
			grid[i] = g != NULL && isalpha((unsigned char)g[0]) ?
			    g[0] : 'o';
		} else
			grid[i] = cnt[i] < 10 ? (char)('0' + cnt[i]) : '#';
	}
	/* Value labels: top, cut and bottom of the engagement axis. */
	cg_qrange_label(&ry, ry.hi, pl->decimal, lab[0], sizeof(lab[0]));
	cg_qrange_label(&ry, ry.cut, pl->decimal, lab[1], sizeof(lab[1]));
	cg_qrange_label(&ry, ry.lo, pl->decimal, lab[2], sizeof(lab[2]));
	for (lw = 0, i = 0; i < 3; i++)
		if ((int)strlen(lab[i]) > lw)
			lw = (int)strlen(lab[i]);
	border(&top, cx, width, pl->names[CG_Q_MAINT], pl->names[CG_Q_KEY]);
	border(&bot, cx, width, pl->names[CG_Q_SERVICE],
	    pl->names[CG_Q_GROWTH]);
	/* Column headers may hold anything: made safe, like the names. */
	cg_text_safe(&el, pl->elabel, strlen(pl->elabel));
	cg_text_safe(&pa, pl->plabel, strlen(pl->plabel));

	fprintf(fp, "%*s  engagement: %s\n", lw, "", el.s);
	fprintf(fp, "%*s %s\n", lw, "", top.s);
	for (y = 0; y < height; y++)
		fprintf(fp, "%*s %c%.*s%c\n", lw, y == 0 ? lab[0] :
		    y == cy ? lab[1] : y == height - 1 ? lab[2] : "",
		    y == cy ? '+' : '|', width, grid + y * width,
		    y == cy ? '+' : '|');
	fprintf(fp, "%*s %s\n", lw, "", bot.s);

	/* Potential labels under the frame: low end, cut, high end. */
	cg_qrange_label(&rx, rx.lo, pl->decimal, lab[0], sizeof(lab[0]));
	cg_qrange_label(&rx, rx.cut, pl->decimal, lab[1], sizeof(lab[1]));
	cg_qrange_label(&rx, rx.hi, pl->decimal, lab[2], sizeof(lab[2]));
	xl = cg_xmalloc((size_t)width + 3);
	memset(xl, ' ', (size_t)width + 2);
	xl[width + 2] = '\0';
	n0 = (int)strlen(lab[0]);
	n1 = (int)strlen(lab[1]);
	n2 = (int)strlen(lab[2]);
	put_name(xl, 0, width + 2, lab[0]);
	put_name(xl, width + 2 - n2, n2, lab[2]);
	x = cx + 1 - n1 / 2;
	if (x > n0 && x + n1 < width + 2 - n2)
		put_name(xl, x, n1, lab[1]);
	for (i = width + 1; i >= 0 && xl[i] == ' '; i--)
		xl[i] = '\0';
	fprintf(fp, "%*s %s\n", lw, "", xl);
	fprintf(fp, "%*s  potential: %s%s\n", lw, "", pa.s,
	    rx.log ? " (log scale)" : "");
	fprintf(fp, "cuts: engagement %s (%s), potential %s (%s)\n",
	    cg_qrange_label(&ry, ry.cut, pl->decimal, lab[0], sizeof(lab[0])),
	    pl->cut_fixed[CG_AX_E] ? "fixed" : pl->cut_moved[CG_AX_E] ?
	    "split" : "median",
	    cg_qrange_label(&rx, rx.cut, pl->decimal, lab[1], sizeof(lab[1])),
	    pl->cut_fixed[CG_AX_P] ? "fixed" : pl->cut_moved[CG_AX_P] ?
	    "split" : "median");
	fprintf(fp, "o one account%s, 2-9 accounts in a cell, # 10 or more",
	    pl->ngrades > 0 ? " (letter: its grade)" : "");
	if (pl->missing > 0)
		fprintf(fp, "; %ld without a quadrant not drawn", pl->missing);
	fputc('\n', fp);
	free(grid);
	free(cnt);
	cg_buf_free(&top);
	cg_buf_free(&bot);
	cg_buf_free(&el);
	cg_buf_free(&pa);
	free(xl);
	return fflush(fp) != 0 || ferror(fp) ? -1 : 0;
}
