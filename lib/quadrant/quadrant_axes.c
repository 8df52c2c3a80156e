/*
 * quadrant_axes.c - which columns measure engagement and potential, the
 * values of one row, the median, and numbers formatted for people.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "clientgrade/buf.h"
#include "clientgrade/field.h"
#include "clientgrade/quadrant.h"
#include "clientgrade/roles.h"
#include "clientgrade/value.h"

/* The header text of column i, for labels ("our_contacts"). */
static void
colname(char *buf, size_t cap, const struct cg_row *hdr, size_t i)
{
	size_t n = hdr->len[i] < 60 ? hdr->len[i] : 60;

	/* Never cut a UTF-8 sequence in two. */
	while (n > 0 && n < hdr->len[i] &&
	    ((unsigned char)hdr->f[i][n] & 0xc0) == 0x80)
		n--;
	snprintf(buf, cap, "%.*s", (int)n, hdr->f[i]);
}

/* Aliases of `role`, comma separated, added to b. */
static void
add_aliases(struct cg_buf *b, const char *role)
{
	const char *const *al = cg_role_aliases(role);

	for (; al != NULL && *al != NULL; al++) {
		if (b->len > 0)
			cg_buf_adds(b, ", ");
		cg_buf_adds(b, *al);
	}
}

static int
find_engagement(struct cg_qaxes *a, const struct cg_row *hdr,
    const struct cg_run *run, const char *file, struct cg_err *err)
{
	char n1[64], n2[64];
	struct cg_buf b = CG_BUF_INIT;
	int rc = 0, ours, theirs;
	size_t oc = 0, tc = 0;

	if ((rc = cg_role_use(run, hdr, "engagement", &a->ecol[0], err)) < 0)
		return -1;
	if (rc > 0) {
		a->emode = CG_QE_COLUMN;
		colname(a->elabel, sizeof(a->elabel), hdr, a->ecol[0]);
		return 0;
	}
	if ((ours = cg_role_use(run, hdr, "our_contacts", &oc, err)) < 0 ||
	    (theirs = cg_role_use(run, hdr, "their_contacts", &tc, err)) < 0)
		return -1;
	if (ours && theirs) {
		/*
		 * Everyone of ours can work with everyone of theirs: the
		 * product counts the person-to-person links, so 1 x 6 (a
		 * lone rep with a big buying team) is weaker than 3 x 3.
		 */
		a->emode = CG_QE_PRODUCT;
		a->ecol[0] = oc;
		a->ecol[1] = tc;
		colname(n1, sizeof(n1), hdr, oc);
		colname(n2, sizeof(n2), hdr, tc);
		snprintf(a->elabel, sizeof(a->elabel), "%s x %s", n1, n2);
		return 0;
	}
	if (!ours && !theirs && (rc = cg_role_use(run, hdr, "contacts",
	    &a->ecol[0], err)) < 0)
		return -1;
	if (ours || theirs || rc > 0) {
		a->emode = CG_QE_ONE;
		if (ours || theirs)
			a->ecol[0] = ours ? oc : tc;
		colname(a->elabel, sizeof(a->elabel), hdr, a->ecol[0]);
		return 0;
	}
	add_aliases(&b, "engagement");
	add_aliases(&b, "our_contacts");
	add_aliases(&b, "their_contacts");
	add_aliases(&b, "contacts");
	rc = cg_err_set(err, CG_EROLE, file, hdr->line > 0 ? hdr->line : 1, 0,
	    "no column for engagement (tried: %s); use --col engagement=HEADER",
	    b.s);
	cg_buf_free(&b);
	return rc;
}

/* The column of the first of `roles` the header has, through
 * cg_role_use (so an alias is noted): 1, 0 (none) or -1. */
static int
use_first(const struct cg_run *run, const struct cg_row *hdr,
    const char *const *roles, size_t *col, struct cg_err *err)
{
	int rc = 0;

	for (; *roles != NULL && rc == 0; roles++)
		rc = cg_role_use(run, hdr, *roles, col, err);
	return rc;
}

int
cg_qaxes_resolve(struct cg_qaxes *a, const struct cg_row *hdr,
    const struct cg_run *run, unsigned want, const char *file,
    struct cg_err *err)
{
	static const char *const label_roles[] = { "account", "name", "id",
	    NULL };
	static const char *const grade_roles[] = { "grade", NULL };
	char pn[64], vn[64];
	size_t ec;
	int rc;

	memset(a, 0, sizeof(*a));
	if (find_engagement(a, hdr, run, file, err) < 0)
		return -1;
	if (cg_role_use_required(run, hdr, "potential", file, &a->pcol,
	    err) < 0) {
		/*
		 * Company size is the usual stand-in: say how to use it.
		 * Only a hint, no column is used: cg_role_find, no note.
		 */
		if (cg_role_find(hdr, run->cols, "employees", &ec, NULL) > 0) {
			colname(pn, sizeof(pn), hdr, ec);
			snprintf(err->msg + strlen(err->msg),
			    sizeof(err->msg) - strlen(err->msg),
			    " (company size: --col potential=%s)", pn);
		}
		return -1;
	}
	colname(a->plabel, sizeof(a->plabel), hdr, a->pcol);
	if (want & CG_QW_HEADROOM) {
		if (cg_role_use_required(run, hdr, "volume", file, &a->vcol,
		    err) < 0)
			return -1;
		a->has_volume = 1;
		a->headroom = 1;
		colname(pn, sizeof(pn), hdr, a->pcol);
		colname(vn, sizeof(vn), hdr, a->vcol);
		snprintf(a->plabel, sizeof(a->plabel), "%s - %s", pn, vn);
	} else if (want & CG_QW_VOLUME) {
		if ((rc = cg_role_use(run, hdr, "volume", &a->vcol, err)) < 0)
			return -1;
		a->has_volume = rc;
	}
	/* Names and grades only label and colour a plot: looked for (and
	 * noted) only when one is drawn. */
	if (want & CG_QW_NAMES) {
		if ((rc = use_first(run, hdr, label_roles, &a->namecol,
		    err)) < 0)
			return -1;
		a->has_name = rc;
	}
	if (want & CG_QW_GRADES) {
		if ((rc = use_first(run, hdr, grade_roles, &a->gradecol,
		    err)) < 0)
			return -1;
		a->has_grade = rc;
	}
	return 0;
}

/*
 * Every value quadrant writes or draws must read back in the next tool:
 * the core refuses numbers of 10^15 or more (CG_NUM_LIMIT), and each
 * column is under that, but a product of two contact counts or a
 * difference of potential and volume need not be. Such a value is a
 * data error naming the place, so that every engagement and potential
 * value past this point is finite and under 10^15 in magnitude.
 */
static int
in_range(double v)
{
	return v > -CG_NUM_LIMIT && v < CG_NUM_LIMIT;
}

/* The error for a product (x * y) or a headroom (x - y) out of range:
 * "engagement our_contacts x their_contacts: 90000000 x 20000000 is
 * 10^15 or more, too large to place". */
static int
too_large(struct cg_err *err, struct cg_reader *r, const struct cg_row *row,
    size_t col, const char *axis, const char *label, double x,
    const char *op, double y)
{
	struct cg_buf b = CG_BUF_INIT;
	char xs[48], ys[48];
	int rc;

	cg_text_safe(&b, label, strlen(label));
	cg_fmt_num(xs, sizeof(xs), x, 2, 1, '.');
	cg_fmt_num(ys, sizeof(ys), y, 2, 1, '.');
	rc = cg_row_err(err, CG_EVALUE, r, row, col, "%s %s: %s %s %s is "
	    "10^15 or more, too large to place", axis, b.s, xs, op, ys);
	cg_buf_free(&b);
	return rc;
}

int
cg_qaxes_read(const struct cg_qaxes *a, struct cg_reader *r,
    const struct cg_row *row, int want_volume, struct cg_qvals *v,
    struct cg_err *err)
{
	double x, y;
	int mask = 0, rx, ry;

	if ((rx = cg_field_num(r, row, a->ecol[0], &x, err)) < 0)
		return -1;
	if (a->emode == CG_QE_PRODUCT) {
		if ((ry = cg_field_num(r, row, a->ecol[1], &y, err)) < 0)
			return -1;
		if (rx && ry) {
			v->e1 = x;
			v->e2 = y;
			v->e = x * y;
			if (!in_range(v->e))
				return too_large(err, r, row, a->ecol[0],
				    "engagement", a->elabel, x, "x", y);
			mask |= 1;
		}
	} else if (rx) {
		v->e = x;
		mask |= 1;
	}
	if ((rx = cg_field_num(r, row, a->pcol, &x, err)) < 0)
		return -1;
	if (a->has_volume && (want_volume || a->headroom)) {
		if ((ry = cg_field_num(r, row, a->vcol, &y, err)) < 0)
			return -1;
		if (ry) {
			v->vol = y;
			mask |= 4;
		}
	}
	if (rx && (!a->headroom || (mask & 4))) {
		v->p1 = x;
		v->p = a->headroom ? x - v->vol : x;
		if (!in_range(v->p))
			return too_large(err, r, row, a->pcol, "potential",
			    a->plabel, x, "-", v->vol);
		mask |= 2;
	}
	return mask;
}

enum cg_quad
cg_quad_of(double e, double p, double ecut, double pcut)
{
	int hi_e = e >= ecut, hi_p = p >= pcut;

	if (hi_e)
		return hi_p ? CG_Q_KEY : CG_Q_MAINT;
	return hi_p ? CG_Q_GROWTH : CG_Q_SERVICE;
}

/* Hoare-style quickselect: v[k] ends up where sorting would put it. */
static double
select_k(double *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1, i, j;
	double piv, t;

	while (lo < hi) {
		/* Median of three keeps sorted input from going quadratic. */
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] < v[lo]) { t = v[mid]; v[mid] = v[lo]; v[lo] = t; }
		if (v[hi] < v[lo]) { t = v[hi]; v[hi] = v[lo]; v[lo] = t; }
		if (v[hi] < v[mid]) { t = v[hi]; v[hi] = v[mid]; v[mid] = t; }
		piv = v[mid];
		i = lo;
		j = hi;
		while (i <= j) {
			while (v[i] < piv)
				i++;
			while (v[j] > piv)
				j--;
			if (i <= j) {
				t = v[i]; v[i] = v[j]; v[j] = t;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			break;
	}
	return v[k];
}

double
cg_median(double *v, size_t n)
{
	double a, b;
	size_t i;

	a = select_k(v, n, n / 2);
	if (n % 2 == 1)
		return a;
	/* The lower middle is the largest value left of n/2. */
	b = v[0];
	for (i = 1; i < n / 2; i++)
		if (v[i] > b)
			b = v[i];
	return a / 2 + b / 2;
}

/* |2a - n|: how far a high side of a values is from half of n. */
static size_t
off_half(size_t a, size_t n)
{
	return 2 * a > n ? 2 * a - n : n - 2 * a;
}

void
cg_qcut_median(double *v, size_t n, struct cg_qcut *c)
{
	size_t i, above = 0;

	memset(c, 0, sizeof(*c));
	c->n = n;
	c->median = c->cut = cg_median(v, n);
	for (i = 0; i < n; i++) {
		if (v[i] >= c->median)
			c->high_median++;
		if (v[i] > c->median) {
			above++;
			if (!c->has_next || v[i] < c->next)
				c->next = v[i];
			c->has_next = 1;
		}
	}
	c->high = c->high_median;
	/* Over 80% on either side: 5 x side > 4 x n. (Ties high leave the
	 * low side at most half, but the test costs nothing.) */
	c->lopsided = 5 * c->high > 4 * n || 5 * (n - c->high) > 4 * n;
	/*
	 * Any cut above `next` leaves fewer on the high side than `next`
	 * does, and fewer than half already; any cut below the median adds
	 * to an oversized high side. So the closest split to halves is one
	 * of these two.
	 */
	if (c->lopsided && c->has_next &&
	    off_half(above, n) < off_half(c->high, n)) {
		c->cut = c->next;
		c->high = above;
		c->moved = 1;
	}
}

size_t
cg_fmt_grouped(char *buf, size_t cap, double v, char decimal)
{
	char tmp[64], *dot;
	size_t len, intlen, i, o = 0, start;
	char sep = decimal == ',' ? '.' : ',';

	len = cg_fmt_num(tmp, sizeof(tmp), v, 2, 1, decimal);
	dot = memchr(tmp, decimal, len);
	intlen = dot != NULL ? (size_t)(dot - tmp) : len;
	start = tmp[0] == '-' ? 1 : 0;
	for (i = 0; i < len && o + 2 < cap; i++) {
		if (i > start && i < intlen && (intlen - i) % 3 == 0)
			buf[o++] = sep;
		buf[o++] = tmp[i];
	}
	buf[o] = '\0';
	return o;
}
