/*
 * rollup_nomatch.c - what a --where condition that matched no deal says.
 *
 * `--where deal_stage=won` on a log that says `Won` matches nothing, and
 * a header with no rows is a confident wrong answer. So while a column
 * has a condition that has not matched yet, its values are counted
 * (rollup_where.c calls cg_rollup_fcol_count), and at the end such a
 * condition gets a warning with the column's most common values, a
 * "did you mean" for a value that differs only in case or blanks, and,
 * for a comparison, the range of the numbers or dates the column holds:
 *
 *     rollup: warning: --where deal_stage=won matched no deal; deal_stage
 *     has: Won 4238, Lost 2473, Engaging 1589, Prospecting 500; did you
 *     mean 'Won'?
 *
 * The counts cost memory bounded by CG_ROLLUP_MAX_VALUES distinct values
 * a column (deals with a later value are not counted), and time only
 * until every condition has matched: usually the first few deals.
 */
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "clientgrade/rollup.h"
#include "clientgrade/text.h"
#include "clientgrade/value.h"
#include "rollup_int.h"

/* Values listed in the warning, most common first. */
#define SHOWN 10

void
cg_rollup_fcol_count(struct cg_rollup_fcol *fc, const char *s, size_t n,
    int has_num, double num, int has_date, int32_t day)
{
	size_t i = cg_strtab_find(&fc->vals, s, n);

	if (i == CG_STRTAB_NONE && fc->vals.n >= CG_ROLLUP_MAX_VALUES)
		fc->capped = 1;
	else {
		if (i == CG_STRTAB_NONE)
			i = cg_strtab_intern(&fc->vals, s, n, NULL);
		if (i >= fc->cntcap) {
			fc->cntcap = fc->cntcap ? fc->cntcap * 2 : 16;
			fc->cnt = cg_xreallocarray(fc->cnt, fc->cntcap,
			    sizeof(*fc->cnt));
			memset(fc->cnt + i, 0, (fc->cntcap - i) *
			    sizeof(*fc->cnt));
		}
		fc->cnt[i]++;
	}
	if (has_num) {
		if (fc->nnum == 0 || num < fc->nmin)
			fc->nmin = num;
		if (fc->nnum == 0 || num > fc->nmax)
			fc->nmax = num;
		fc->nnum++;
	}
	if (has_date) {
		if (fc->ndate == 0 || day < fc->dmin)
			fc->dmin = day;
		if (fc->ndate == 0 || day > fc->dmax)
			fc->dmax = day;
		fc->ndate++;
	}
}

/*
 * A value as the warning shows it: (empty), quoted when it holds a
 * comma or quote or has blanks around it, control bytes and bytes that
 * are not UTF-8 as '?', and cut after 40 bytes: it goes to a terminal.
 */
static void
show(struct cg_buf *b, const char *s, size_t n)
{
	const char *t = s;
	size_t tn = n, i, cut = n > 40 ? 40 : n;
	int quote;

	if (n == 0) {
		cg_buf_adds(b, "(empty)");
		return;
	}
	cg_trim(&t, &tn);
	quote = tn != n || memchr(s, ',', n) != NULL ||
	    memchr(s, '\'', n) != NULL;
	while (cut < n && cut > 0 && ((unsigned char)s[cut] & 0xc0) == 0x80)
		cut--;
	if (quote)
		cg_buf_addc(b, '\'');
	if (cg_utf8_valid(s, cut)) {
		for (i = 0; i < cut; i++)
			cg_buf_addc(b, (unsigned char)s[i] < 0x20 ||
			    s[i] == 0x7f ? '?' : s[i]);
	} else {
		for (i = 0; i < cut; i++)
			cg_buf_addc(b, (unsigned char)s[i] < 0x20 ||
			    (unsigned char)s[i] >= 0x7f ? '?' : s[i]);
	}
	if (cut < n)
		cg_buf_adds(b, "...");
	if (quote)
		cg_buf_addc(b, '\'');
}

/* "Won 4238, Lost 2473, ..., and 12 more values". */
static void
list_values(struct cg_buf *b, const struct cg_rollup_fcol *fc)
{
	size_t top[SHOWN], ntop = 0, i, j;
	const char *s;
	size_t n;

	for (i = 0; i < fc->vals.n; i++) {
		if (ntop == SHOWN && fc->cnt[i] <= fc->cnt[top[SHOWN - 1]])
			continue;
		j = ntop < SHOWN ? ntop++ : SHOWN - 1;
		/* Ties keep the value seen first in front. */
		for (; j > 0 && fc->cnt[top[j - 1]] < fc->cnt[i]; j--)
			top[j] = top[j - 1];
		top[j] = i;
	}
	for (i = 0; i < ntop; i++) {
		s = cg_strtab_key(&fc->vals, top[i], &n);
		if (i > 0)
			cg_buf_adds(b, ", ");
		show(b, s, n);
		cg_buf_printf(b, " %lu", fc->cnt[top[i]]);
	}
	if (fc->capped)
		cg_buf_printf(b, ", and over %zu more values", fc->vals.n - ntop);
	else if (fc->vals.n > ntop)
		cg_buf_printf(b, ", and %zu more value%s", fc->vals.n - ntop,
		    fc->vals.n - ntop == 1 ? "" : "s");
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* 1 if a and b differ at most in ASCII case and blanks around them. */
static int
alike(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i;

	cg_trim(&a, &an);
	cg_trim(&b, &bn);
	if (an != bn)
		return 0;
	for (i = 0; i < an; i++)
		if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
			return 0;
	return 1;
}

/* "; did you mean 'Won'?" for the most common such value, if any. */
static void
did_you_mean(struct cg_buf *b, const struct cg_rollup_fcol *fc,
    const struct cg_rollup_cond *c)
{
	size_t i, best = CG_STRTAB_NONE, n;
	const char *s;

	for (i = 0; i < fc->vals.n; i++) {
		s = cg_strtab_key(&fc->vals, i, &n);
		if (alike(s, n, c->val, c->vlen) && (best == CG_STRTAB_NONE ||
		    fc->cnt[i] > fc->cnt[best]))
			best = i;
	}
	if (best == CG_STRTAB_NONE)
		return;
	s = cg_strtab_key(&fc->vals, best, &n);
	cg_buf_adds(b, "; did you mean '");
	show(b, s, n);
	cg_buf_adds(b, "'?");
}

/* What column i holds, for a comparison that matched nothing. */
static void
range(struct cg_buf *b, const struct cg_rollup_fcol *fc, const char *hn,
    int type)
{
	char lo[CG_ROLLUP_FIELDMAX], hi[CG_ROLLUP_FIELDMAX];

	if (type == 'n' && fc->nnum > 0) {
		cg_fmt_num(lo, sizeof(lo), fc->nmin, 2, 1, '.');
		cg_fmt_num(hi, sizeof(hi), fc->nmax, 2, 1, '.');
		cg_buf_printf(b, "%s has numbers from %s to %s", hn, lo, hi);
		return;
	}
	if (type == 'd' && fc->ndate > 0) {
		cg_fmt_date(lo, fc->dmin);
		cg_fmt_date(hi, fc->dmax);
		cg_buf_printf(b, "%s has dates from %s to %s", hn, lo, hi);
		return;
	}
	cg_buf_printf(b, "%s has no %s; it has: ", hn,
	    type == 'n' ? "numbers" : "dates");
	list_values(b, fc);
}

/* The warning for condition k, which matched no deal. */
static void
nomatch(struct cg_buf *b, const struct cg_rollup_filter *f, size_t k)
{
	const struct cg_rollup_cond *c = &f->w->c[k];
	const struct cg_rollup_fcol *fc = &f->col[c->wcol];
	const char *hn = f->w->col[c->wcol].hname;

	cg_buf_printf(b, "--where %s matched no deal; ", c->spec);
	if (c->type != 0) {
		range(b, fc, hn, c->type);
		return;
	}
	cg_buf_printf(b, "%s has: ", hn);
	list_values(b, fc);
	if (c->op == CG_W_EQ)
		did_you_mean(b, fc, c);
}

int
cg_rollup_filter_report(const struct cg_rollup_filter *f, unsigned long ndeals,
    int strict, struct cg_err *err)
{
	struct cg_buf b = CG_BUF_INIT;
	size_t k, unmatched = 0;
	int rc = 0;

	if (ndeals == 0)
		return 0;
	for (k = 0; k < f->w->n && rc == 0; k++) {
		if (f->matched[k])
			continue;
		unmatched++;
		cg_buf_reset(&b);
		nomatch(&b, f, k);
		if (strict)
			rc = cg_err_set(err, CG_EDATA, NULL, 0, 0, "%s "
			    "(--strict)", b.s);
		else
			cg_warning(f->run, "%s", b.s);
	}
	if (unmatched == 0 && !f->passed) {
		cg_buf_reset(&b);
		cg_buf_adds(&b, "no deal passes every --where at once (");
		for (k = 0; k < f->w->n; k++)
			cg_buf_printf(&b, "%s%s", k ? ", " : "", f->w->c[k].spec);
		cg_buf_adds(&b, "), though each matches some deals");
		if (strict)
			rc = cg_err_set(err, CG_EDATA, NULL, 0, 0, "%s "
			    "(--strict)", b.s);
		else
			cg_warning(f->run, "%s", b.s);
	}
	cg_buf_free(&b);
	return rc;
}

/* ---- two halves of a log ---- */

/* 1 if column i still counts after a merge: a condition on it matched
 * in neither half, so both counted every deal. */
static int
still_counting(const struct cg_rollup_filter *a,
    const struct cg_rollup_filter *b, size_t i)
{
	size_t k;

	for (k = 0; k < a->w->n; k++)
		if (a->w->c[k].wcol == i && !a->matched[k] && !b->matched[k])
			return 1;
	return 0;
}

int
cg_rollup_filter_merge_ok(const struct cg_rollup_filter *dst,
    const struct cg_rollup_filter *src)
{
	size_t i, j, n, extra;
	const char *s;

	for (i = 0; i < dst->w->ncol; i++) {
		const struct cg_rollup_fcol *d = &dst->col[i], *sc = &src->col[i];

		if (!still_counting(dst, src, i))
			continue;
		/* Past the cap, which values were counted depends on where
		 * the log was split. */
		if (d->capped || sc->capped)
			return 0;
		for (j = extra = 0; j < sc->vals.n; j++) {
			s = cg_strtab_key(&sc->vals, j, &n);
			extra += cg_strtab_find(&d->vals, s, n) ==
			    CG_STRTAB_NONE;
		}
		if (d->vals.n + extra > CG_ROLLUP_MAX_VALUES)
			return 0;
	}
	return 1;
}

void
cg_rollup_filter_merge(struct cg_rollup_filter *dst,
    const struct cg_rollup_filter *src)
{
	size_t i, j, k, n;
	const char *s;

	for (i = 0; i < dst->w->ncol; i++) {
		struct cg_rollup_fcol *d = &dst->col[i];
		const struct cg_rollup_fcol *sc = &src->col[i];

		if (!still_counting(dst, src, i))
			continue;
		for (j = 0; j < sc->vals.n; j++) {
			unsigned long c = sc->cnt[j];

			s = cg_strtab_key(&sc->vals, j, &n);
			/* Counted once here, then the rest added. */
			cg_rollup_fcol_count(d, s, n, 0, 0, 0, 0);
			d->cnt[cg_strtab_find(&d->vals, s, n)] += c - 1;
		}
		if (sc->nnum > 0) {
			if (d->nnum == 0 || sc->nmin < d->nmin)
				d->nmin = sc->nmin;
			if (d->nnum == 0 || sc->nmax > d->nmax)
				d->nmax = sc->nmax;
			d->nnum += sc->nnum;
		}
		if (sc->ndate > 0) {
			if (d->ndate == 0 || sc->dmin < d->dmin)
				d->dmin = sc->dmin;
			if (d->ndate == 0 || sc->dmax > d->dmax)
				d->dmax = sc->dmax;
			d->ndate += sc->ndate;
		}
	}
	for (k = 0; k < dst->w->n; k++)
		if (src->matched[k])
			dst->matched[k] = 1;
	dst->passed |= src->passed;
	/* Recount what is pending from the merged marks. */
	dst->pending = !dst->passed;
	for (i = 0; i < dst->w->ncol; i++)
		dst->col[i].unmatched = 0;
	for (k = 0; k < dst->w->n; k++)
		if (!dst->matched[k]) {
			dst->pending++;
			dst->col[dst->w->c[k].wcol].unmatched++;
		}
}
