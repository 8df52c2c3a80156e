/*
 * grade_plot.c - grade --plot FILE.svg: the Pareto curve of volume (the
 * share of all volume held by the largest accounts, against the share of
 * accounts), the grade cuts marked on it with each grade's accounts and
 * share of volume, and beside it a bar per grade.
 *
 * The cuts are where the grades' accounts would end if the grades went
 * by volume alone: exact for --method abc, a guide for the others, whose
 * grades weigh other factors too (the bars give the true counts).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "clientgrade/outfile.h"
#include "grade_int.h"

#define W 840
#define H 380
#define PX 60		/* the curve's box */
#define PY 30
#define PW 400
#define PH 300
#define BX 540		/* the bars' box */
#define BW 110
#define MAXPOINTS 400

static void
text(struct cg_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++)
		if (*p == '&')
			cg_buf_adds(b, "&amp;");
		else if (*p == '<')
			cg_buf_adds(b, "&lt;");
		else if (*p == '>')
			cg_buf_adds(b, "&gt;");
		else if (*p < 0x20 || *p >= 0x7f)
			cg_buf_addc(b, '?');	/* grade names are short words */
		else
			cg_buf_addc(b, (char)*p);
}

static int
desc(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? 1 : x > y ? -1 : 0;
}

static const char *const colour[] = {
	"#1b7837", "#5aae61", "#a6dba0", "#d9f0d3", "#e7d4e8", "#c2a5cf",
	"#9970ab", "#762a83"
};

void
cg_grade_plot_svg(struct cg_buf *b, const struct cg_grade_ctx *g,
    double *vol, size_t n, const struct cg_grade_tally *t, size_t ngrades)
{
	double total = 0, cum = 0, x, y, maxshare = 0;
	size_t i, k, step, cut = 0, all = 0;
	char num[48];

	qsort(vol, n, sizeof(*vol), desc);
	for (i = 0; i < n; i++)
		total += vol[i] > 0 ? vol[i] : 0;
	for (k = 0; k < ngrades; k++)
		all += t[k].n;
	all += t[ngrades].n;
	cg_buf_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" "
	    "font-size=\"12\">\n<rect width=\"%d\" height=\"%d\" "
	    "fill=\"white\"/>\n", W, H, W, H, W, H);
	cg_buf_printf(b, "<text x=\"%d\" y=\"18\" font-size=\"14\">Share of "
	    "volume held by the largest accounts</text>\n", PX);
	cg_buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
	    "fill=\"none\" stroke=\"#888\"/>\n", PX, PY, PW, PH);
	for (k = 0; k <= 4; k++)
		cg_buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">"
		    "%zu%%</text>\n<text x=\"%d\" y=\"%d\" text-anchor="
		    "\"middle\">%zu%%</text>\n", PX - 6, PY + PH - (int)k * PH /
		    4 + 4, k * 25, PX + (int)k * PW / 4, PY + PH + 16, k * 25);
	cg_buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">"
	    "share of accounts, largest first (%zu accounts with a volume)"
	    "</text>\n", PX + PW / 2, PY + PH + 34, n);
	/* The curve, thinned to at most MAXPOINTS points. */
	cg_buf_printf(b, "<polyline fill=\"none\" stroke=\"#2166ac\" "
	    "stroke-width=\"2\" points=\"%d,%d", PX, PY + PH);
	step = n > MAXPOINTS ? (n + MAXPOINTS - 1) / MAXPOINTS : 1;
	for (i = 0; i < n; i++) {
		cum += vol[i] > 0 ? vol[i] : 0;
		if ((i + 1) % step != 0 && i + 1 != n)
			continue;
		x = PX + PW * (double)(i + 1) / (double)n;
		y = PY + PH - PH * (total > 0 ? cum / total : 0);
		cg_buf_printf(b, " %.1f,%.1f", x, y);
	}
	cg_buf_adds(b, "\"/>\n");
	/* The cuts: after the first grade's count of accounts, and so on. */
	for (k = 0, cum = 0, i = 0; k + 1 < ngrades && n > 0; k++) {
		cut += t[k].n;
		for (; i < cut && i < n; i++)
			cum += vol[i] > 0 ? vol[i] : 0;
		x = PX + PW * (double)(cut < n ? cut : n) / (double)n;
		y = PY + PH - PH * (total > 0 ? cum / total : 0);
		cg_buf_printf(b, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" "
		    "y2=\"%d\" stroke=\"#b2182b\" stroke-dasharray=\"4 3\"/>\n"
		    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#b2182b\"/>"
		    "\n", x, PY, x, PY + PH, x, y);
	}
	/* A label per grade, at the middle of its stretch of the curve. */
	for (k = 0, cut = 0; k < ngrades; k++) {
		size_t from = cut;

		cut += t[k].n;
		x = (double)from + (double)t[k].n / 2;
		x = PX + PW * (x < (double)n ? x : (double)n) /
		    (double)(n ? n : 1);
		cg_buf_printf(b, "<text x=\"%.1f\" y=\"%d\" text-anchor="
		    "\"middle\" fill=\"#b2182b\">", x, PY + 16 + (int)(k % 2) *
		    14);
		text(b, cg_grade_name(g, k));
		cg_fmt_num(num, sizeof(num), total > 0 ? 100 * t[k].vol /
		    total : 0, 0, 1, '.');
		cg_buf_printf(b, ": %zu, %s%%</text>\n", t[k].n, num);
	}
	/* The bars: accounts per grade, the volume share written on. */
	for (k = 0; k < ngrades; k++)
		if (all > 0 && (double)t[k].n / (double)all > maxshare)
			maxshare = (double)t[k].n / (double)all;
	cg_buf_printf(b, "<text x=\"%d\" y=\"18\" font-size=\"14\">Accounts "
	    "per grade</text>\n", BX);
	for (k = 0; k < ngrades; k++) {
		double bh = PH / (double)(ngrades ? ngrades : 1);
		double len = maxshare > 0 ? BW * ((double)t[k].n / (double)all) /
		    maxshare : 0;

		cg_buf_printf(b, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"%.1f\" fill=\"%s\" stroke=\"#555\"/>\n<text "
		    "x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", BX + 20,
		    PY + bh * (double)k + 4, len, bh - 8,
		    colour[k % (sizeof(colour) / sizeof(colour[0]))], BX + 14,
		    PY + bh * (double)k + bh / 2 + 4);
		text(b, cg_grade_name(g, k));
		cg_fmt_num(num, sizeof(num), total > 0 ? 100 * t[k].vol /
		    total : 0, 0, 1, '.');
		cg_buf_printf(b, "</text>\n<text x=\"%.1f\" y=\"%.1f\">%zu "
		    "(%s%% of volume)</text>\n", BX + 24 + len, PY + bh *
		    (double)k + bh / 2 + 4, t[k].n, num);
	}
	cg_buf_adds(b, "</svg>\n");
}

int
cg_grade_plot_write(const char *path, const struct cg_buf *svg,
    struct cg_err *err)
{
	struct cg_outfile of;
	size_t off = 0;
	ssize_t w;

	if (cg_outfile_open(&of, path, err) < 0)
		return -1;
	while (off < svg->len) {
		w = write(of.fd, svg->s + off, svg->len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			cg_err_set(err, CG_EWRITE, path, 0, 0, "write error:");
			cg_outfile_abort(&of);
			return -1;
		}
		off += (size_t)w;
	}
	return cg_outfile_commit(&of, err);
}
