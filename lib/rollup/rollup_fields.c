/*
 * rollup_fields.c - rollup's output: an account's figures as fields, and
 * the plain table (one row per key) written without --accounts. The
 * join onto an accounts file (rollup_join.c) writes the same fields.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
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

void
cg_rollup_out_init(struct cg_rollup_out *o, size_t ndistinct,
    const char *const *dname, const size_t *dlen, int owner)
{
	size_t c, k;

	memset(o, 0, sizeof(*o));
	for (c = 0; c < CG_ROLLUP_CONTACTS; c++)
		o->name[o->n++] = cg_rollup_colnames[c];
	for (k = 0; k < ndistinct && k < CG_ROLLUP_MAX_DISTINCT; k++) {
		char *nm;

		if (k == 0) {
			o->name[o->n++] = cg_rollup_colnames[CG_ROLLUP_CONTACTS];
			continue;
		}
		/* contacts_HEADER: the further ones say which column. */
		nm = cg_xmalloc(sizeof("contacts_") + dlen[k]);
		memcpy(nm, "contacts_", sizeof("contacts_") - 1);
		memcpy(nm + sizeof("contacts_") - 1, dname[k], dlen[k]);
		nm[sizeof("contacts_") - 1 + dlen[k]] = '\0';
		o->own[o->n] = nm;
		o->name[o->n++] = nm;
	}
	o->ndistinct = k;
	if (owner)
		o->name[o->n++] = "owner";
	o->owner = owner;
}

void
cg_rollup_out_free(struct cg_rollup_out *o)
{
	size_t c;

	for (c = 0; c < CG_ROLLUP_MAXOUT; c++)
		free(o->own[c]);
	memset(o, 0, sizeof(*o));
}

void
cg_rollup_fields(struct cg_rollup_table *t, const struct cg_rollup_acc *a,
    const struct cg_rollup_out *o, int32_t today, char decimal,
    char buf[CG_ROLLUP_MAXOUT][CG_ROLLUP_FIELDMAX], const char **s,
    size_t *len)
{
	size_t c, k;

	cg_rollup_format(a, today, decimal, buf);
	for (c = 0; c < CG_ROLLUP_CONTACTS; c++) {
		s[c] = buf[c];
		len[c] = strlen(buf[c]);
	}
	for (k = 0; k < o->ndistinct; k++, c++) {
		len[c] = cg_fmt_long(buf[c], a == NULL ? 0 :
		    cg_rollup_distinct_count(t, a, k));
		s[c] = buf[c];
	}
	if (o->owner) {
		s[c] = cg_rollup_owner(t, a, &len[c]);
		if (s[c] == NULL)
			s[c] = "";
	}
}

int
cg_rollup_write_plain(struct cg_rollup_table *t, const char *keyname,
    size_t keylen, const struct cg_dialect *d, const struct cg_rollup_out *o,
    const struct cg_run *run, struct cg_err *err)
{
	struct cg_writer *w = cg_writer_new(run->out_fd, "<stdout>", d);
	struct cg_put put[1 + CG_ROLLUP_MAXOUT];
	char f[CG_ROLLUP_MAXOUT][CG_ROLLUP_FIELDMAX];
	const char *s[CG_ROLLUP_MAXOUT];
	size_t len[CG_ROLLUP_MAXOUT];
	size_t i, c, n = cg_rollup_count(t);

	put[0].col = 0;
	put[0].s = keyname;
	put[0].n = keylen;
	for (c = 0; c < o->n; c++) {
		put[1 + c].col = 1 + c;
		put[1 + c].s = o->name[c];
		put[1 + c].n = CG_STRLEN;
	}
	if (cg_writer_row(w, NULL, put, 1 + o->n, err) < 0)
		goto fail;
	for (i = 0; i < n; i++) {
		const struct cg_rollup_acc *a = cg_rollup_at(t, i);

		cg_rollup_fields(t, a, o, run->today, d->decimal, f, s, len);
		put[0].s = cg_rollup_key(a);
		put[0].n = a->keylen;
		for (c = 0; c < o->n; c++) {
			put[1 + c].s = s[c];
			put[1 + c].n = len[c];
		}
		if (cg_writer_row(w, NULL, put, 1 + o->n, err) < 0)
			goto fail;
	}
	return cg_writer_close(w, err);
fail:
	cg_writer_close(w, NULL);
	return -1;
}
