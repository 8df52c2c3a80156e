/*
 * quadrant_svg.c - the matrix as an SVG scatter plot: tinted quadrants,
 * dashed cut lines, the quadrant names in the corners, a dot per account
 * coloured by grade (or by quadrant), the biggest accounts labelled
 * where a label fits, ticks, axis titles and a legend.
 *
 * Ticks sit at their true places. Dots are nudged at most a few pixels
 * off a cut line to the side they are counted on, so an account exactly
 * at the median is seen in the quadrant it got (ties go high).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "clientgrade/quadrant.h"

#define SVG_W	900
#define SVG_H	620
#define PL	100.0	/* plot area: left, top, right, bottom */
#define PT	50.0
#define PR	(SVG_W - 190.0)
#define PB	(SVG_H - 80.0)
#define PAD	14.0	/* room between the data and the frame */
#define NUDGE	5.0	/* how far a dot keeps off a cut line */
#define FONT_W	6.6	/* average width of an 11px character */

static const char *const quad_fill[CG_Q_N] = {
	"#e6f4ea", "#e8f0fe", "#fef7e0", "#f1f3f4"
};
static const char *const quad_dot[CG_Q_N] = {
	"#188038", "#1a73e8", "#e37400", "#80868b"
};
static const char *const grade_dot[CG_QPLOT_GRADES + 2] = {
	"#9aa0a6", "#188038", "#1a73e8", "#f9ab00", "#d93025", "#9334e6",
	"#12b5cb", "#e8710a", "#795548", "#9aa0a6"
};

struct box {
	double x0, y0, x1, y1;
};

/* Pixel of v on an axis running from a (lo) to b (hi). */
static double
lin(const struct cg_qrange *r, double v, double a, double b)
{
	double pa = a + (b > a ? PAD : -PAD), pb = b - (b > a ? PAD : -PAD);

	return pa + cg_qrange_frac(r, v) * (pb - pa);
}

/* Pixel of a dot: like lin, kept NUDGE pixels on its side of the cut. */
static double
dot(const struct cg_qrange *r, double v, double a, double b, int known)
{
	double x = lin(r, v, a, b), c = lin(r, r->cut, a, b);
	double dir = b > a ? 1 : -1;

	if (!known)
		return x;
	if (v >= r->cut && (x - c) * dir < NUDGE)
		x = c + dir * NUDGE;
	if (v < r->cut && (c - x) * dir < NUDGE)
		x = c - dir * NUDGE;
	return x;
}

static void
text(FILE *fp, double x, double y, const char *attr, const char *s)
{
	struct cg_buf b = CG_BUF_INIT;

	cg_xml_escape(&b, s, strlen(s));
	fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" %s>%s</text>\n", x, y, attr,
	    b.len > 0 ? b.s : "");
	cg_buf_free(&b);
}

/* Tick values of an axis: 1-2-5 steps, or decades on a log axis. */
static int
ticks(const struct cg_qrange *r, double *t, int max)
{
	double step, m, v;
	int n = 0, k, lo, hi;
	static const double mult[3] = { 1, 2, 5 };
	int d;

	if (r->log) {
		/* r->lo and r->hi are above 0 and at most 10^16 (values are
		 * under 10^15; one value alone gets a decade either side):
		 * the exponents are small ints, in range by construction. */
		lo = (int)floor(log10(r->lo));
		hi = (int)ceil(log10(r->hi));
		for (k = lo; k <= hi; k++)
			for (d = 0; d < 3; d++) {
				if (hi - lo > 3 && d > 0)
					break;
				v = mult[d] * pow(10, k);
				if (v >= r->lo && v <= r->hi && n < max)
					t[n++] = v;
			}
		return n;
	}
	step = (r->hi - r->lo) / 5;
	m = pow(10, floor(log10(step)));
	step = step / m < 1.5 ? m : step / m < 3.5 ? 2 * m : step / m < 7.5 ?
	    5 * m : 10 * m;
	for (v = ceil(r->lo / step) * step; v <= r->hi + step * 1e-9 &&
	    n < max; v += step)
		t[n++] = fabs(v) < step * 1e-9 ? 0 : v;
	return n;
}

static int
overlaps(const struct box *a, const struct box *b)
{
	return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 &&
	    b->y0 < a->y1;
}

/* How many dots other than `self`, and cut lines, box b covers. */
static int
hits_marks(const struct cg_qplot *pl, const struct cg_qrange *rx,
    const struct cg_qrange *ry, const struct box *b, size_t self)
{
	double x, y, c;
	size_t i;
	int hits = 0;

	if (pl->cut_known[CG_AX_P]) {
		c = lin(rx, rx->cut, PL, PR);
		if (b->x0 < c + 1 && c - 1 < b->x1)
			hits++;
	}
	if (pl->cut_known[CG_AX_E]) {
		c = lin(ry, ry->cut, PB, PT);
		if (b->y0 < c + 1 && c - 1 < b->y1)
			hits++;
	}
	for (i = 0; i < pl->n; i++) {
		if (i == self)
			continue;
		x = dot(rx, pl->pts[i].p, PL, PR, pl->cut_known[CG_AX_P]);
		y = dot(ry, pl->pts[i].e, PB, PT, pl->cut_known[CG_AX_E]);
		if (x + 4 > b->x0 && x - 4 < b->x1 && y + 4 > b->y0 &&
		    y - 4 < b->y1)
			hits++;
	}
	return hits;
}

/*
 * Label the biggest accounts where a label fits: right, left, above or
 * below the dot, never over another label, a quadrant name or the
 * frame; of those, the place that covers the fewest dots and cut lines
 * (labels carry a white halo, so a dot under one does not garble it).
 */
static void
labels(const struct cg_qplot *pl, const struct cg_qrange *rx,
    const struct cg_qrange *ry, const struct box *names, FILE *fp)
{
	struct box *placed, b, cand[4];
	const struct cg_qpoint *pt;
	struct cg_buf e = CG_BUF_INIT;
	double x, y, w, tx[4], ty[4];
	size_t i, j, np = 0;
	int k, ok[4], pick, hits, best;
	static const char *const anchor[4] = { "start", "end", "middle",
	    "middle" };

	placed = cg_xreallocarray(NULL, pl->nlab + 1, sizeof(*placed));
	for (i = 0; i < pl->nlab; i++) {
		pt = &pl->pts[pl->lab[i].point];
		x = dot(rx, pt->p, PL, PR, pl->cut_known[CG_AX_P]);
		y = dot(ry, pt->e, PB, PT, pl->cut_known[CG_AX_E]);
		w = FONT_W * (double)strlen(pl->lab[i].text);
		for (k = 0; k < 4; k++) {
			tx[k] = k == 0 ? x + 7 : k == 1 ? x - 7 : x;
			ty[k] = k == 2 ? y - 8 : k == 3 ? y + 16 : y + 4;
			b.x0 = k == 0 ? tx[k] : k == 1 ? tx[k] - w :
			    tx[k] - w / 2;
			b.x1 = b.x0 + w;
			b.y0 = ty[k] - 10;
			b.y1 = ty[k] + 2;
			cand[k] = b;
			ok[k] = b.x0 >= PL && b.x1 <= PR && b.y0 >= PT &&
			    b.y1 <= PB;
			/* Labels keep 3 pixels apart. */
			b.x0 -= 3;
			b.x1 += 3;
			for (j = 0; ok[k] && j < np; j++)
				ok[k] = !overlaps(&b, &placed[j]);
			b.x0 += 3;
			b.x1 -= 3;
			for (j = 0; ok[k] && j < CG_Q_N; j++)
				ok[k] = !overlaps(&b, &names[j]);
		}
		pick = -1;
		best = 0;
		for (k = 0; k < 4; k++) {
			if (!ok[k])
				continue;
			hits = hits_marks(pl, rx, ry, &cand[k],
			    pl->lab[i].point);
			if (pick < 0 || hits < best) {
				pick = k;
				best = hits;
			}
		}
		if (pick < 0)
			continue;
		placed[np++] = cand[pick];
		cg_buf_reset(&e);
		cg_xml_escape(&e, pl->lab[i].text, strlen(pl->lab[i].text));
		fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" "
		    "class=\"lab\">%s</text>\n", tx[pick], ty[pick],
		    anchor[pick], e.len ? e.s : "");
	}
	cg_buf_free(&e);
	free(placed);
}

/* What a cut is called: fixed, the median, or a lopsided median moved
 * up one value ("split"). */
static const char *
cut_word(const struct cg_qplot *pl, int ax)
{
	return pl->cut_fixed[ax] ? "cut" : pl->cut_moved[ax] ? "split" :
	    "median";
}

static void
axes(const struct cg_qplot *pl, const struct cg_qrange *rx,
    const struct cg_qrange *ry, FILE *fp)
{
	double t[40], px, cx, cy;
	char buf[64], title[256];
	int n, i;

	cx = lin(rx, rx->cut, PL, PR);
	cy = lin(ry, ry->cut, PB, PT);
	fprintf(fp, "<g class=\"tick\">\n");
	n = ticks(rx, t, 40);
	for (i = 0; i < n; i++) {
		px = lin(rx, t[i], PL, PR);
		fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\"/>\n", px, PB, px, PB + 5);
		if (pl->cut_known[CG_AX_P] && fabs(px - cx) < 45)
			continue;
		text(fp, px, PB + 18, "text-anchor=\"middle\"",
		    cg_qrange_label(rx, t[i], pl->decimal, buf, sizeof(buf)));
	}
	n = ticks(ry, t, 40);
	for (i = 0; i < n; i++) {
		px = lin(ry, t[i], PB, PT);
		fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\"/>\n", PL - 5, px, PL, px);
		if (pl->cut_known[CG_AX_E] && fabs(px - cy) < 14)
			continue;
		text(fp, PL - 8, px + 4, "text-anchor=\"end\"",
		    cg_qrange_label(ry, t[i], pl->decimal, buf, sizeof(buf)));
	}
	fprintf(fp, "</g>\n");
	/* The cuts, labelled where the ticks are. */
	if (pl->cut_known[CG_AX_P]) {
		fprintf(fp, "<line class=\"cut\" x1=\"%.1f\" y1=\"%.1f\" "
		    "x2=\"%.1f\" y2=\"%.1f\"/>\n", cx, PT, cx, PB);
		cg_qrange_label(rx, rx->cut, pl->decimal, buf, sizeof(buf));
		snprintf(title, sizeof(title), "%s %s", cut_word(pl, CG_AX_P),
		    buf);
		text(fp, cx, PB + 18, "text-anchor=\"middle\" class=\"cutl\"",
		    title);
	}
	if (pl->cut_known[CG_AX_E]) {
		fprintf(fp, "<line class=\"cut\" x1=\"%.1f\" y1=\"%.1f\" "
		    "x2=\"%.1f\" y2=\"%.1f\"/>\n", PL, cy, PR, cy);
		cg_qrange_label(ry, ry->cut, pl->decimal, buf, sizeof(buf));
		text(fp, PL - 8, cy - 2, "text-anchor=\"end\" class=\"cutl\"",
		    cut_word(pl, CG_AX_E));
		text(fp, PL - 8, cy + 10, "text-anchor=\"end\" class=\"cutl\"",
		    buf);
	}
	snprintf(title, sizeof(title), "Potential: %s%s", pl->plabel,
	    rx->log ? " (log scale)" : "");
	text(fp, (PL + PR) / 2, PB + 45, "text-anchor=\"middle\" "
	    "class=\"axis\"", title);
	snprintf(title, sizeof(title), "Engagement: %s", pl->elabel);
	fprintf(fp, "<g transform=\"translate(%.1f %.1f) rotate(-90)\">\n",
	    PL - 62, (PT + PB) / 2);
	text(fp, 0, 0, "text-anchor=\"middle\" class=\"axis\"", title);
	fprintf(fp, "</g>\n");
}

static void
legend(const struct cg_qplot *pl, FILE *fp)
{
	double y = PT + 10;
	char buf[160];
	size_t i, n;
	const char *colour, *name;

	text(fp, PR + 25, y, "class=\"axis\"", pl->ngrades > 0 ? "Grade" :
	    "Quadrant");
	n = pl->ngrades > 0 ? pl->ngrades + (pl->grade_other ? 1 : 0) : CG_Q_N;
	for (i = 0; i < n; i++) {
		y += 22;
		if (pl->ngrades > 0) {
			colour = grade_dot[i + 1];
			name = i < pl->ngrades ? pl->grades[i + 1] : "other";
		} else {
			colour = quad_dot[i];
			name = pl->names[i];
		}
		fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" "
		    "fill=\"%s\"/>\n", PR + 31, y - 4, colour);
		text(fp, PR + 43, y, "", name);
	}
	y += 34;
	snprintf(buf, sizeof(buf), "%zu accounts", pl->n);
	text(fp, PR + 25, y, "", buf);
	if (pl->missing > 0) {
		y += 18;
		snprintf(buf, sizeof(buf), "%ld without a quadrant", pl->missing);
		text(fp, PR + 25, y, "", buf);
		text(fp, PR + 25, y + 16, "", "not drawn");
	}
	if (pl->nlab > 0) {
		y += 18;
		snprintf(buf, sizeof(buf), "labels: top %zu", pl->nlab);
		text(fp, PR + 25, y, "", buf);
	}
}

int
cg_qplot_svg(struct cg_qplot *pl, FILE *fp)
{
	struct cg_qrange rx, ry;
	struct box names[CG_Q_N];
	const struct cg_qpoint *pt;
	double cx, cy, w, x, y;
	size_t i;
	int q, g;

	cg_qrange_of(pl, CG_AX_P, &rx);
	cg_qrange_of(pl, CG_AX_E, &ry);
	cx = pl->cut_known[CG_AX_P] ? lin(&rx, rx.cut, PL, PR) : (PL + PR) / 2;
	cy = pl->cut_known[CG_AX_E] ? lin(&ry, ry.cut, PB, PT) : (PT + PB) / 2;
	fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\" viewBox=\"0 0 %d %d\" "
	    "font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"11\">\n"
	    "<style>.tick line{stroke:#5f6368}.tick text{fill:#3c4043}"
	    ".cut{stroke:#3c4043;stroke-width:1.5;stroke-dasharray:6 4}"
	    ".cutl{fill:#202124;font-weight:bold}"
	    ".axis{font-size:13px;fill:#202124;font-weight:bold}"
	    ".qn{font-size:17px;font-weight:bold;fill:#5f6368;opacity:0.75}"
	    ".lab{fill:#202124;paint-order:stroke;stroke:#ffffff;"
	    "stroke-width:3px;stroke-linejoin:round}"
	    "circle.d{stroke:#ffffff;stroke-width:0.8;fill-opacity:0.85}"
	    "</style>\n"
	    "<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n",
	    SVG_W, SVG_H, SVG_W, SVG_H);
	text(fp, PL, 30, "class=\"axis\" font-size=\"15\"",
	    "Account prioritisation: engagement x potential");
	/* Quadrant backgrounds: Key top right, Growth bottom right,
	 * Maintenance top left, Service bottom left. */
	fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
	    " fill=\"%s\"/>\n", cx, PT, PR - cx, cy - PT, quad_fill[CG_Q_KEY]);
	fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
	    " fill=\"%s\"/>\n", cx, cy, PR - cx, PB - cy,
	    quad_fill[CG_Q_GROWTH]);
	fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
	    " fill=\"%s\"/>\n", PL, PT, cx - PL, cy - PT, quad_fill[CG_Q_MAINT]);
	fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
	    " fill=\"%s\"/>\n", PL, cy, cx - PL, PB - cy,
	    quad_fill[CG_Q_SERVICE]);
	fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
	    " fill=\"none\" stroke=\"#5f6368\"/>\n", PL, PT, PR - PL, PB - PT);
	/* Names in the outer corners, where dots are rarest. */
	for (q = 0; q < CG_Q_N; q++) {
		int right = q == CG_Q_KEY || q == CG_Q_GROWTH;
		int top = q == CG_Q_KEY || q == CG_Q_MAINT;
		w = 10.5 * (double)strlen(pl->names[q]);
		x = right ? PR - 8 : PL + 8;
		y = top ? PT + 22 : PB - 10;
		names[q].x0 = right ? x - w : x;
		names[q].x1 = right ? x : x + w;
		names[q].y0 = y - 16;
		names[q].y1 = y + 3;
		text(fp, x, y, right ? "class=\"qn\" text-anchor=\"end\"" :
		    "class=\"qn\"", pl->names[q]);
	}
	axes(pl, &rx, &ry, fp);
	fprintf(fp, "<g>\n");
	for (i = 0; i < pl->n; i++) {
		pt = &pl->pts[i];
		g = pt->grade;
		fprintf(fp, "<circle class=\"d\" cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\""
		    " fill=\"%s\"/>\n",
		    dot(&rx, pt->p, PL, PR, pl->cut_known[CG_AX_P]),
		    dot(&ry, pt->e, PB, PT, pl->cut_known[CG_AX_E]),
		    pl->ngrades > 0 ? grade_dot[g] : quad_dot[pt->q]);
	}
	fprintf(fp, "</g>\n");
	labels(pl, &rx, &ry, names, fp);
	legend(pl, fp);
	fprintf(fp, "</svg>\n");
	return fflush(fp) != 0 || ferror(fp) ? -1 : 0;
}
