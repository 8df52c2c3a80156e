/*
 * touchplan_plot.c - touchplan --plot FILE.svg: the plan's load, one row
 * per rep and one cell per working day, so a manager sees the crunch
 * weeks at a glance.
 *
 * A cell's colour is the day's load share: its personal touches (visit,
 * call, event) against the capacity or its written ones against the
 * written capacity, whichever is fuller (the two limits the scheduler
 * fills days by); the number in it counts both. A day the rep is away is hatched. Touches that found no day
 * are counted on the working day they fell due (an overdue one on the
 * first day, one due on a day off on the next working day, one due
 * after the last working day on the last): that cell gets a red outline
 * and, below it, the count. Dates run along the top: the month, and the
 * day of the month at each week's first working day, where a line marks
 * the week start. Holidays and days off are no columns: the picture is
 * of the days there are to work.
 *
 * Every text from the data (rep names) goes through cg_xml_escape, so
 * the SVG is well-formed whatever the names hold.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "clientgrade/outfile.h"
#include "clientgrade/safetext.h"
#include "clientgrade/touchplan.h"
#include "clientgrade/value.h"

#define TOP 78		/* the grid's top edge */
#define ROWH 30		/* a rep's row: cell, then the overflow strip */
#define CELLH 18
#define NAMECH 28	/* rep names cut to this many characters */
#define CHARW 7		/* a character's width, roughly, at 12px */
#define RIGHTW 190	/* the totals right of the grid */
#define MINW 780	/* room for the legend */

/* Load bands: colour and the legend's words. */
static const struct {
	const char *fill, *label;
} band[] = {
	{ "#f4f4f4", "no touches" },
	{ "#deebf7", "up to 25%" },
	{ "#9ecae1", "up to 50%" },
	{ "#4292c6", "up to 75%" },
	{ "#2171b5", "under 100%" },
	{ "#08306b", "full" },
};
#define NBANDS (sizeof(band) / sizeof(band[0]))
#define OVER "#d7191c"

static const char *const wdname[7] = {
	"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
};
static const char *const monname[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
	"Nov", "Dec"
};

/* The band of a day that holds `load` of `cap`. */
static size_t
band_of(int load, int cap)
{
	if (load <= 0)
		return 0;
	if (load >= cap)
		return NBANDS - 1;
	/* 1..4 by quarters, rounded up: 2 of 8 is "up to 25%". */
	return (size_t)((4 * (long)load + cap - 1) / cap);
}

/* A day's band: the fuller of its two limits. */
static size_t
day_band(int personal, int written, const struct cg_tp_opts *so)
{
	size_t a = band_of(personal, so->capacity);
	size_t b = so->written_capacity > 0 ?
	    band_of(written, so->written_capacity) : 0;

	return a > b ? a : b;
}

/* s escaped, cut to NAMECH characters with an ellipsis. */
static void
name_text(struct cg_buf *b, const char *s)
{
	size_t n = strlen(s), i, chars = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80 && chars++ == NAMECH)
			break;
	if (i < n)	/* no blank before the ellipsis */
		while (i > 0 && s[i - 1] == ' ')
			i--;
	cg_xml_escape(b, s, i);
	if (i < n)
		cg_buf_adds(b, "\xe2\x80\xa6");
}

static size_t
name_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n > NAMECH ? NAMECH + 1 : n;
}

/* The period's working days (workdays less holidays): the columns. */
static size_t
columns(const struct cg_tp_opts *so, int32_t **col, int32_t **colof)
{
	int32_t ndays = so->to - so->from + 1, d, day;
	size_t n = 0;

	*col = cg_xmalloc(((size_t)ndays + 1) * sizeof(**col));
	*colof = cg_xmalloc(((size_t)ndays + 1) * sizeof(**colof));
	for (d = 0; d < ndays; d++) {
		day = so->from + d;
		if ((so->workdays & (1u << cg_weekday(day))) &&
		    !cg_tp_dates_has(so->holidays, day))
			(*col)[n++] = day;
	}
	/* colof[d]: the column of day d or, for a day off, the next one. */
	for (d = ndays - 1, day = (int32_t)n; d >= 0; d--) {
		if (day > 0 && (*col)[day - 1] == so->from + d)
			day--;
		(*colof)[d] = day;
	}
	return n;
}

/* 1 when rep is away on day. */
static int
away(const struct cg_tp_opts *so, const char *rep, int32_t day)
{
	size_t i;

	if (so->aways == NULL)
		return 0;
	for (i = 0; i < so->aways->n; i++)
		if (so->aways->v[i].from <= day && day <= so->aways->v[i].to &&
		    strcmp(so->aways->v[i].owner, rep) == 0)
			return 1;
	return 0;
}

static void
legend(struct cg_buf *b, int y, const struct cg_tp_opts *so)
{
	size_t k;
	int x = 12;

	cg_buf_printf(b, "<text x=\"%d\" y=\"%d\">the fuller of personal "
	    "(%d a day) and written (%d a day) capacity:</text>\n", x, y + 12,
	    so->capacity, so->written_capacity);
	y += 20;
	for (k = 0; k < NBANDS; k++) {
		cg_buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"14\" "
		    "height=\"14\" fill=\"%s\" stroke=\"#bbb\"/>"
		    "<text x=\"%d\" y=\"%d\">%s</text>\n", x, y + 1,
		    band[k].fill, x + 18, y + 12, band[k].label);
		x += 26 + CHARW * (int)strlen(band[k].label);
	}
	y += 22;
	x = 12;
	cg_buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" "
	    "fill=\"url(#away)\" stroke=\"#bbb\"/><text x=\"%d\" y=\"%d\">"
	    "rep away</text>\n", x, y + 1, x + 18, y + 12);
	x += 100;
	cg_buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"14\" "
	    "height=\"14\" fill=\"%s\" stroke=\"%s\" stroke-width=\"2\"/>"
	    "<text x=\"%d\" y=\"%d\"><tspan fill=\"%s\" font-weight=\"bold\">"
	    "+N</tspan> touches due that day found no day with room "
	    "(overflow)</text>\n", x, y + 1, band[NBANDS - 1].fill, OVER,
	    x + 18, y + 12, OVER);
}

void
cg_tp_plot_svg(struct cg_buf *b, const struct cg_tp_out *o,
    const struct cg_tp_plan *p, const struct cg_tp_opts *so)
{
	int32_t *col, *colof, c;
	size_t ncol = columns(so, &col, &colof), nreps = o->nreps, r, i;
	int *load, *wload, *over, cw, gap, left, w, h, gx, x, lastx, lastmon, y;
	size_t *planned, *overs, longest = 4;
	char d1[11], d2[11];
	int yy, mm, dd, prevmon = -1, prevwk = -1, wy, wk, wkstart;

	load = cg_xcalloc(nreps * ncol + 1, sizeof(*load));
	wload = cg_xcalloc(nreps * ncol + 1, sizeof(*wload));
	over = cg_xcalloc(nreps * ncol + 1, sizeof(*over));
	planned = cg_xcalloc(nreps + 1, sizeof(*planned));
	overs = cg_xcalloc(nreps + 1, sizeof(*overs));
	for (i = 0; i < p->n; i++) {
		const struct cg_tp_touch *t = &p->v[i];
		size_t rep = (size_t)o->accts[t->acct].rep;

		if (t->date != CG_TP_NODATE) {
			c = colof[t->date - so->from];
			if ((size_t)c < ncol && col[c] == t->date)
				(CG_TP_WRITTEN(t->channel) ? wload :
				    load)[rep * ncol + (size_t)c]++;
			planned[rep]++;
			continue;
		}
		overs[rep]++;
		c = t->due < so->from ? colof[0] : t->due > so->to ?
		    (int32_t)ncol : colof[t->due - so->from];
		if ((size_t)c >= ncol)		/* after the last working day */
			c = (int32_t)ncol - 1;
		if (c >= 0)
			over[rep * ncol + (size_t)c]++;
	}
	for (r = 0; r < nreps; r++)
		if (name_chars(o->reps[r]) > longest)
			longest = name_chars(o->reps[r]);

	/* Wide cells for a week or a month, narrow ones for a year. */
	cw = ncol > 0 ? 1000 / (int)ncol : 28;
	cw = cw > 28 ? 28 : cw < 4 ? 4 : cw;
	gap = cw >= 8 ? 1 : 0;
	left = 16 + CHARW * (int)longest;
	w = left + cw * (int)ncol + RIGHTW;
	if (w < MINW)
		w = MINW;
	h = TOP + ROWH * (int)nreps + 90;
	cg_fmt_date(d1, so->from);
	cg_fmt_date(d2, so->to);
	cg_buf_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" "
	    "font-size=\"12\">\n<defs><pattern id=\"away\" width=\"6\" "
	    "height=\"6\" patternUnits=\"userSpaceOnUse\" "
	    "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" "
	    "fill=\"#eeeeee\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" "
	    "stroke=\"#999\" stroke-width=\"2\"/></pattern></defs>\n"
	    "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n"
	    "<text x=\"12\" y=\"22\" font-size=\"15\">Touches per rep and "
	    "working day, %s to %s</text>\n", w, h, w, h, w, h, d1, d2);

	/* Months, week starts (ISO weeks) and, in wide cells, every day. */
	lastx = lastmon = -100;
	for (c = 0; (size_t)c < ncol; c++) {
		x = left + cw * c;
		cg_civil_from_days(col[c], &yy, &mm, &dd);
		cg_iso_week(col[c], &wy, &wk);
		if (mm != prevmon && x - lastmon >= 64) {
			lastmon = x;
			cg_buf_printf(b, "<text x=\"%d\" y=\"46\" "
			    "font-weight=\"bold\">%s %d</text>\n", x,
			    monname[mm - 1], yy);
			prevmon = mm;
		}
		wkstart = wy * 100 + wk != prevwk;
		if (wkstart) {
			prevwk = wy * 100 + wk;
			/* Narrow cells: a light line, or 52 of them drown
			 * the picture. */
			cg_buf_printf(b, "<line class=\"week\" x1=\"%d\" "
			    "y1=\"50\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>\n",
			    x - (gap > 0 ? 1 : 0), x - (gap > 0 ? 1 : 0), TOP +
			    ROWH * (int)nreps - (ROWH - CELLH), cw >= 8 ?
			    "#777" : "#bbb");
		}
		if (cw >= 18) {		/* room for every day's name */
			cg_buf_printf(b, "<text x=\"%d\" y=\"%d\" "
			    "font-size=\"9\" text-anchor=\"middle\" "
			    "fill=\"#555\">%.2s</text>\n", x + cw / 2, TOP - 20,
			    wdname[cg_weekday(col[c])]);
			cg_buf_printf(b, "<text x=\"%d\" y=\"%d\" "
			    "font-size=\"10\" text-anchor=\"middle\"%s>%d"
			    "</text>\n", x + cw / 2, TOP - 6, wkstart ?
			    " font-weight=\"bold\"" : "", dd);
		} else if (wkstart && x - lastx >= 18) {
			cg_buf_printf(b, "<text x=\"%d\" y=\"%d\" "
			    "font-size=\"10\">%d</text>\n", x + 1, TOP - 6, dd);
			lastx = x;
		}
	}

	for (r = 0; r < nreps; r++) {
		const char *rep = o->reps[r];

		y = TOP + ROWH * (int)r;
		cg_buf_printf(b, "<g class=\"rep\">\n<text x=\"%d\" y=\"%d\" "
		    "text-anchor=\"end\">", left - 8, y + 13);
		name_text(b, rep);
		cg_buf_adds(b, "</text>\n");
		for (c = 0; (size_t)c < ncol; c++) {
			int n = load[r * ncol + (size_t)c];
			int nw = wload[r * ncol + (size_t)c];
			int v = over[r * ncol + (size_t)c];
			int off = away(so, rep, col[c]);
			size_t k = day_band(n, nw, so);

			gx = left + cw * c;
			cg_fmt_date(d1, col[c]);
			cg_buf_printf(b, "<rect class=\"day%s\" x=\"%d\" "
			    "y=\"%d\" width=\"%d\" height=\"%d\" "
			    "fill=\"%s\"%s>", v > 0 ? " over" : "", gx, y,
			    cw - gap, CELLH, off ? "url(#away)" : band[k].fill,
			    v > 0 ? " stroke=\"" OVER "\" stroke-width=\"2\"" :
			    "");
			cg_buf_adds(b, "<title>");
			name_text(b, rep);
			cg_buf_printf(b, ", %s %s: %s%d of %d personal, %d of "
			    "%d written", wdname[cg_weekday(col[c])], d1,
			    off ? "away, " : "", n, so->capacity, nw,
			    so->written_capacity);
			if (v > 0)
				cg_buf_printf(b, ", %d more found no day", v);
			cg_buf_adds(b, "</title></rect>\n");
			if (cw >= 18 && n + nw > 0)
				cg_buf_printf(b, "<text x=\"%d\" y=\"%d\" "
				    "font-size=\"10\" text-anchor=\"middle\" "
				    "fill=\"%s\">%d</text>\n", gx + cw / 2,
				    y + 13, k >= 3 ? "white" : "#222", n + nw);
			if (v > 0)
				cg_buf_printf(b, "<text class=\"overn\" x=\"%d\" "
				    "y=\"%d\" font-size=\"9\" font-weight=\"bold\" "
				    "fill=\"" OVER "\">+%d</text>\n", gx, y + CELLH +
				    9, v);
		}
		cg_buf_printf(b, "<text x=\"%d\" y=\"%d\">%zu planned",
		    left + cw * (int)ncol + 10, y + 13, planned[r]);
		if (overs[r] > 0)
			cg_buf_printf(b, ", <tspan fill=\"" OVER "\" "
			    "font-weight=\"bold\">%zu over</tspan>", overs[r]);
		cg_buf_adds(b, "</text>\n</g>\n");
	}
	if (ncol == 0)
		cg_buf_printf(b, "<text x=\"%d\" y=\"%d\">no working day in "
		    "the period</text>\n", left, TOP + 13);
	legend(b, TOP + ROWH * (int)nreps + 8, so);
	cg_buf_adds(b, "</svg>\n");
	free(col);
	free(colof);
	free(load);
	free(wload);
	free(over);
	free(planned);
	free(overs);
}

int
cg_tp_plot_write(const char *path, const struct cg_buf *svg,
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
