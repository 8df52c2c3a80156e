/*
 * rollup_fields.c - rollup's output: an account's figures as fields, and
 * the plain table (one row per key) written without --accounts. The
 * join onto an accounts file (rollup_join.c) writes the same fields.
 */
#include <math.h>

#include "clientgrade/csv.h"
#include "clientgrade/rollup.h"
#include "clientgrade/text.h"
#include "clientgrade/value.h"

const char *const cg_rollup_colnames[CG_ROLLUP_NCOLS] = {
	"orders", "volume", "avg_order", "first_order", "last_order",
	"recency_days", "orders_12m", "volume_12m", "contacts"
};

__extension__ typedef __int128 i128;

/* The exact sum (units of 2^-64, see struct cg_rollup_acc) as the
 * nearest double. */
static double
unfixed(i128 x)
{
	return ldexp((double)x, -64);
}

void
cg_rollup_format(const struct cg_rollup_acc *a, int32_t today,
    char decimal, char out[CG_ROLLUP_NCOLS][CG_ROLLUP_FIELDMAX])
{
	static const struct cg_rollup_acc none;
	double vol, vol_w;

	if (a == NULL)
		a = &none;
	vol = a->inexact ? a->volume : unfixed(a->xvolume);
	vol_w = a->inexact ? a->volume_w : unfixed(a->xvolume_w);
	cg_fmt_long(out[CG_ROLLUP_ORDERS], a->orders);
	cg_fmt_num(out[CG_ROLLUP_VOLUME], CG_ROLLUP_FIELDMAX, vol, 2, 1,
	    decimal);
	cg_fmt_long(out[CG_ROLLUP_ORDERS_W], a->orders_w);
	cg_fmt_num(out[CG_ROLLUP_VOLUME_W], CG_ROLLUP_FIELDMAX, vol_w,
	    2, 1, decimal);
	cg_fmt_long(out[CG_ROLLUP_CONTACTS], a->contacts);
	if (a->orders == 0) {
		out[CG_ROLLUP_AVG][0] = '\0';
		out[CG_ROLLUP_FIRST][0] = '\0';
		out[CG_ROLLUP_LAST][0] = '\0';
		out[CG_ROLLUP_RECENCY][0] = '\0';
		return;
	}
	cg_fmt_num(out[CG_ROLLUP_AVG], CG_ROLLUP_FIELDMAX,
	    vol / (double)a->orders, 2, 1, decimal);
	cg_fmt_date(out[CG_ROLLUP_FIRST], a->first);
	cg_fmt_date(out[CG_ROLLUP_LAST], a->last);
	cg_fmt_long(out[CG_ROLLUP_RECENCY], (long)today - a->last);
}

int
cg_rollup_write_plain(struct cg_rollup_table *t, const char *keyname,
    size_t keylen, const struct cg_dialect *d, size_t ncols,
    const struct cg_run *run, struct cg_err *err)
{
	struct cg_writer *w = cg_writer_new(run->out_fd, "<stdout>", d);
	struct cg_put put[1 + CG_ROLLUP_NCOLS];
	char f[CG_ROLLUP_NCOLS][CG_ROLLUP_FIELDMAX];
	size_t i, c, n = cg_rollup_count(t);

	put[0].col = 0;
	put[0].s = keyname;
	put[0].n = keylen;
	for (c = 0; c < ncols; c++) {
		put[1 + c].col = 1 + c;
		put[1 + c].s = cg_rollup_colnames[c];
		put[1 + c].n = CG_STRLEN;
	}
	if (cg_writer_row(w, NULL, put, 1 + ncols, err) < 0)
		goto fail;
	for (i = 0; i < n; i++) {
		const struct cg_rollup_acc *a = cg_rollup_at(t, i);

		cg_rollup_format(a, run->today, d->decimal, f);
		put[0].s = cg_rollup_key(a);
		put[0].n = a->keylen;
		for (c = 0; c < ncols; c++)
			put[1 + c].s = f[c];
		if (cg_writer_row(w, NULL, put, 1 + ncols, err) < 0)
			goto fail;
	}
	return cg_writer_close(w, err);
fail:
	cg_writer_close(w, NULL);
	return -1;
}
