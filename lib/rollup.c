/*
 * rollup.c - the rollup driver: stream the deal log once into the
 * account table, account for every deal that could not be counted,
 * then write the figures (rollup_join.c).
 *
 * A deal is counted when it passes --where and has a key, a date and a
 * value that parse. Every other deal that passed --where is "skipped":
 * never silently. Each kind of skip is counted and named on stderr with
 * its first line, the rows go to --rejects with the reason appended,
 * and --strict turns the first one into an error.
 */
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "clientgrade/cli.h"
#include "clientgrade/field.h"
#include "clientgrade/outfile.h"
#include "clientgrade/rollup.h"
#include "clientgrade/value.h"

/* Why a deal was not counted; also the order of the warnings. */
enum {
	SKIP_EMPTY_KEY, SKIP_EMPTY_DATE, SKIP_BAD_DATE, SKIP_EMPTY_VALUE,
	SKIP_BAD_VALUE, SKIP_UNKNOWN, NSKIP,
	COUNT = -1		/* not skipped (yet: the key may be unknown) */
};

/*
 * A deal waiting in the pipeline. The table lookup of a deal is done two
 * deals after it was read, with its slot and record prefetched in the
 * meantime (see cg_rollup_prefetch); so the row is copied, since the
 * reader's row is gone by then, and every deal that passed --where goes
 * through the pipeline, so that rejects keep the input's order.
 */
#define DEPTH 6		/* deals in flight, the newest included */
#define LAG_REC 3		/* the record is prefetched this many later */

struct pend {
	int kind;		/* COUNT or SKIP_* */
	size_t col;		/* field a skip is about */
	struct cg_reader *r;	/* readers live until cg_input_free */
	unsigned long seq;
	uint64_t h;		/* hash of the key (COUNT) */
	double v;
	int32_t day;
	struct cg_row row;	/* the copy */
	const char **f;
	size_t *len, fcap;
	char *bytes;		/* its bytes: fields, then raw */
	size_t bcap;
	struct cg_buf why;	/* reason of a skip */
};

struct skip {
	long n;
	char *file;		/* where the first one was */
	long line;
	unsigned long seq;	/* the first one's place among all deals */
};

struct run {
	const struct cg_rollup_opts *o;
	struct cg_rollup_table *t;
	struct cg_rollup_where *where;
	struct cg_rollup_accounts *acc;
	size_t kcol, vcol, dcol, xcol;
	int has_x;
	char *kname, *vname, *dname;	/* header names, for messages */
	size_t knamelen;
	struct cg_datecol dc;
	struct skip skip[NSKIP];
	unsigned long seq;	/* deals read so far */
	struct cg_outfile rej;
	int rej_open;		/* rej is open and not yet committed */
	struct cg_writer *rw;
	struct pend pend[DEPTH];
	unsigned long npend;	/* deals put into the pipeline so far */
	unsigned long ndone;	/* deals taken out of it */
};

/* Column for an explicit header name, or a role. */
static int
column(const struct cg_row *hdr, const char *name, const char *opt,
    const char *role, const struct cg_colmap *cols, const char *file,
    size_t *col, struct cg_err *err)
{
	if (name != NULL) {
		*col = cg_rollup_header_col(hdr, name, strlen(name));
		if (*col == (size_t)-1)
			return cg_err_set(err, CG_EROLE, file, 0, 0,
			    "no column '%s' (%s)", name, opt);
		return 0;
	}
	return cg_role_require(hdr, cols, role, file, col, err);
}

static int
resolve(struct run *u, const struct cg_row *hdr, const char *file,
    struct cg_err *err)
{
	const struct cg_rollup_opts *o = u->o;

	if (column(hdr, o->key, "--key", "account", o->cols, file, &u->kcol,
	    err) < 0 ||
	    column(hdr, o->value, "--value", "value", o->cols, file, &u->vcol,
	    err) < 0 ||
	    column(hdr, o->date, "--date", "date", o->cols, file, &u->dcol,
	    err) < 0)
		return -1;
	if (o->distinct != NULL) {
		if (column(hdr, o->distinct, "--distinct", NULL, NULL, file,
		    &u->xcol, err) < 0)
			return -1;
		u->has_x = 1;
	}
	if (cg_rollup_where_bind(u->where, hdr, file, err) < 0)
		return -1;
	u->kname = cg_xstrndup(hdr->f[u->kcol], hdr->len[u->kcol]);
	u->knamelen = hdr->len[u->kcol];
	u->vname = cg_xstrndup(hdr->f[u->vcol], hdr->len[u->vcol]);
	u->dname = cg_xstrndup(hdr->f[u->dcol], hdr->len[u->dcol]);
	return 0;
}

static int
rejects_open(struct run *u, struct cg_reader *r, const struct cg_row *hdr,
    struct cg_err *err)
{
	struct cg_put p = { hdr->n, "rollup_reason", CG_STRLEN };

	if (cg_outfile_open(&u->rej, u->o->rejects, err) < 0)
		return -1;
	u->rej_open = 1;
	u->rw = cg_writer_new(u->rej.fd, u->o->rejects, cg_reader_dialect(r));
	return cg_writer_row(u->rw, hdr, &p, 1, err);
}

/* Account for skipped deal p: a count, a rejects row, or with --strict
 * an error at the field the reason is about. */
static int
skip(struct run *u, struct pend *p, struct cg_err *err)
{
	struct skip *s = &u->skip[p->kind];
	struct cg_put put;

	if (u->o->strict)
		return cg_row_err(err, CG_EVALUE, p->r, &p->row, p->col, "%s",
		    p->why.s);
	if (s->n++ == 0) {
		s->file = cg_xstrdup(cg_reader_name(p->r));
		s->line = p->row.line;
		s->seq = p->seq;
	}
	if (u->rw == NULL)
		return 0;
	put.col = p->row.n;
	put.s = p->why.s;
	put.n = p->why.len;
	return cg_writer_row(u->rw, &p->row, &put, 1, err);
}

/* Copy the reader's row into p, which outlives it. */
static void
keep_row(struct pend *p, const struct cg_row *row)
{
	size_t i, need = row->raw != NULL ? row->rawlen : 0;
	char *q;

	if (p->fcap < row->n) {
		p->fcap = row->n;
		p->f = cg_xreallocarray(p->f, p->fcap, sizeof(*p->f));
		p->len = cg_xreallocarray(p->len, p->fcap, sizeof(*p->len));
	}
	for (i = 0; i < row->n; i++)
		need += row->len[i] + 1;
	if (p->bcap < need + 1) {
		p->bcap = need + 1 > 2 * p->bcap ? need + 1 : 2 * p->bcap;
		p->bytes = cg_xrealloc(p->bytes, p->bcap);
	}
	q = p->bytes;
	for (i = 0; i < row->n; i++) {
		memcpy(q, row->f[i], row->len[i]);
		q[row->len[i]] = '\0';
		p->f[i] = q;
		p->len[i] = row->len[i];
		q += row->len[i] + 1;
	}
	p->row = *row;
	p->row.f = p->f;
	p->row.len = p->len;
	if (row->raw != NULL) {
		memcpy(q, row->raw, row->rawlen);
		p->row.raw = q;
	}
}

/* Take the oldest deal out of the pipeline: count it or skip it. */
static int
finish(struct run *u, struct cg_err *err)
{
	struct pend *p = &u->pend[u->ndone++ % DEPTH];
	const char *k = p->row.f[u->kcol];
	size_t kl = p->row.len[u->kcol];
	struct cg_rollup_acc *a;

	if (p->kind != COUNT)
		return skip(u, p, err);
	if (u->acc != NULL) {
		if ((a = cg_rollup_find_h(u->t, k, kl, p->h)) == NULL) {
			p->kind = SKIP_UNKNOWN;
			p->col = u->kcol;
			cg_buf_reset(&p->why);
			cg_buf_printf(&p->why, "%s not in %s", u->kname,
			    cg_rollup_accounts_name(u->acc));
			return skip(u, p, err);
		}
	} else
		a = cg_rollup_intern_h(u->t, k, kl, p->h);
	cg_rollup_add(a, p->v, p->day, u->o->today, u->o->window);
	if (u->has_x)
		cg_rollup_distinct(u->t, a, p->row.f[u->xcol],
		    p->row.len[u->xcol]);
	return 0;
}

/* Empty the pipeline (end of input, or before an error at this row). */
static int
drain(struct run *u, struct cg_err *err)
{
	while (u->ndone < u->npend)
		if (finish(u, err) < 0)
			return -1;
	return 0;
}

/* A field error with --strict: earlier deals may hold an earlier one. */
static int
fail_here(struct run *u, struct cg_err *err, const struct cg_err *here)
{
	if (drain(u, err) < 0)
		return -1;
	*err = *here;
	return -1;
}

/*
 * A date cg_field_date refused is a bad value for this row, unless it is
 * a good date in the other day/month order: then the column contradicts
 * an order guessed or seen earlier, which no single row can fix.
 */
static int
date_conflict(const struct run *u, const struct cg_row *row)
{
	int32_t d;
	const char *s = row->f[u->dcol];
	size_t n = row->len[u->dcol];

	if (u->o->dates != CG_DATES_AUTO)
		return 0;
	return cg_parse_date(s, n, CG_DATES_US, &d, NULL) == CG_V_OK ||
	    cg_parse_date(s, n, CG_DATES_EU, &d, NULL) == CG_V_OK;
}

/*
 * Read what a deal needs and put it into the pipeline; take out the one
 * put in DEPTH - 1 deals ago.
 */
static int
deal(struct run *u, struct cg_reader *r, const struct cg_row *row,
    struct cg_err *err)
{
	const struct cg_rollup_opts *o = u->o;
	struct pend *p;
	struct cg_err e2;
	int rc, vc;

	u->seq++;
	if (!cg_rollup_where_match(u->where, row))
		return 0;
	p = &u->pend[u->npend % DEPTH];
	p->kind = COUNT;
	cg_buf_reset(&p->why);
	if (row->len[u->kcol] == 0) {
		cg_buf_printf(&p->why, "empty %s", u->kname);
		p->kind = SKIP_EMPTY_KEY;
		p->col = u->kcol;
		goto queue;
	}
	rc = cg_field_date(r, row, u->dcol, &u->dc, o->prog, &p->day, &e2);
	if (rc < 0 && (o->strict || date_conflict(u, row)))
		return fail_here(u, err, &e2);
	if (rc <= 0) {
		if (rc < 0) {
			vc = cg_parse_date(row->f[u->dcol], row->len[u->dcol],
			    u->dc.order, &p->day, NULL);
			cg_buf_printf(&p->why, "unreadable %s: %s", u->dname,
			    cg_value_strerror(vc));
		} else
			cg_buf_printf(&p->why, "empty %s", u->dname);
		p->kind = rc == 0 ? SKIP_EMPTY_DATE : SKIP_BAD_DATE;
		p->col = u->dcol;
		goto queue;
	}
	rc = cg_field_num(r, row, u->vcol, &p->v, &e2);
	if (rc < 0 && o->strict)
		return fail_here(u, err, &e2);
	if (rc <= 0) {
		if (rc < 0) {
			vc = cg_parse_num(row->f[u->vcol], row->len[u->vcol],
			    cg_reader_dialect(r)->decimal, &p->v, NULL);
			cg_buf_printf(&p->why, "unreadable %s: %s", u->vname,
			    cg_value_strerror(vc));
		} else
			cg_buf_printf(&p->why, "empty %s", u->vname);
		p->kind = rc == 0 ? SKIP_EMPTY_VALUE : SKIP_BAD_VALUE;
		p->col = u->vcol;
		goto queue;
	}
	p->h = cg_rollup_hash(row->f[u->kcol], row->len[u->kcol]);
	cg_rollup_prefetch(u->t, p->h);
queue:
	keep_row(p, row);
	p->r = r;
	p->seq = u->seq;
	u->npend++;
	if (u->npend - u->ndone > LAG_REC) {
		struct pend *q = &u->pend[(u->npend - 1 - LAG_REC) % DEPTH];

		if (q->kind == COUNT)
			cg_rollup_prefetch_rec(u->t, q->h);
	}
	if (u->npend - u->ndone == DEPTH)
		return finish(u, err);
	return 0;
}

/* The warnings, one per kind of skip, in the order they first happened. */
static void
report(const struct run *u)
{
	int order[NSKIP], n = 0, i, j, k;

	for (k = 0; k < NSKIP; k++) {
		if (u->skip[k].n == 0)
			continue;
		for (j = n++; j > 0 && u->skip[order[j - 1]].seq >
		    u->skip[k].seq; j--)
			order[j] = order[j - 1];
		order[j] = k;
	}
	for (i = 0; i < n; i++) {
		const struct skip *s = &u->skip[order[i]];
		const char *what, *col;

		k = order[i];
		what = k == SKIP_BAD_DATE || k == SKIP_BAD_VALUE ?
		    "unreadable " : k == SKIP_UNKNOWN ? "" : "empty ";
		col = k == SKIP_EMPTY_KEY || k == SKIP_UNKNOWN ? u->kname :
		    k == SKIP_EMPTY_DATE || k == SKIP_BAD_DATE ? u->dname :
		    u->vname;
		cg_warn(u->o->prog, "%ld deal%s skipped: %s%s%s%s (first: "
		    "%s:%ld)", s->n, s->n == 1 ? "" : "s", what, col,
		    k == SKIP_UNKNOWN ? " not in " : "",
		    k == SKIP_UNKNOWN ? cg_rollup_accounts_name(u->acc) : "",
		    s->file, s->line);
	}
}

static void
run_free(struct run *u)
{
	int k;

	cg_rollup_table_free(u->t);
	cg_rollup_where_free(u->where);
	cg_rollup_accounts_free(u->acc);
	free(u->kname);
	free(u->vname);
	free(u->dname);
	for (k = 0; k < NSKIP; k++)
		free(u->skip[k].file);
	for (k = 0; k < DEPTH; k++) {
		free(u->pend[k].f);
		free(u->pend[k].len);
		free(u->pend[k].bytes);
		cg_buf_free(&u->pend[k].why);
	}
}

int
cg_rollup_run(const struct cg_rollup_opts *o, int argc, char **argv,
    int outfd, struct cg_err *err)
{
	struct run u;
	struct cg_input *in = NULL;
	struct cg_reader *r;
	const struct cg_row *hdr, *row;
	struct cg_dialect d;
	size_t ncols = o->distinct ? CG_ROLLUP_NCOLS : CG_ROLLUP_NCOLS - 1;
	int rc, ret = -1;

	memset(&u, 0, sizeof(u));
	u.o = o;
	u.t = cg_rollup_table_new();
	cg_datecol_init(&u.dc, o->dates);
	if ((u.where = cg_rollup_where_new(o->where, o->nwhere, err)) == NULL)
		goto out;
	if ((in = cg_input_open(argc, argv, &o->ropts, err)) == NULL)
		goto out;
	if ((rc = cg_input_header(in, &hdr, err)) <= 0) {
		if (rc == 0)
			cg_err_set(err, CG_EDATA, argc > 0 && strcmp(argv[0],
			    "-") != 0 ? argv[0] : "<stdin>", 0, 0,
			    "empty deal log");
		goto out;
	}
	r = cg_input_reader(in);
	if (resolve(&u, hdr, cg_reader_name(r), err) < 0)
		goto out;
	if (o->accounts != NULL && (u.acc = cg_rollup_accounts_load(
	    o->accounts, u.kname, u.knamelen, o->accounts_key, o->cols, u.t,
	    o->prog, err)) == NULL)
		goto out;
	if (o->rejects != NULL && rejects_open(&u, r, hdr, err) < 0)
		goto out;
	d = *cg_reader_dialect(r);
	while ((rc = cg_input_next(in, &row, err)) > 0) {
		r = cg_input_reader(in);
		if (deal(&u, r, row, err) < 0)
			goto out;
	}
	if (rc < 0 || drain(&u, err) < 0)
		goto out;
	/* Numbers follow the decimal mark the values showed. */
	d.decimal = cg_reader_dialect(cg_input_reader(in))->decimal;
	if (u.rw != NULL) {
		rc = cg_writer_close(u.rw, err);
		u.rw = NULL;
		if (rc < 0)
			goto out;
	}
	if (u.acc != NULL)
		rc = cg_rollup_accounts_write(u.acc, u.t, outfd, o->today,
		    ncols, o->replace, o->prog, err);
	else
		rc = cg_rollup_write_plain(u.t, u.kname, u.knamelen, &d, outfd,
		    o->today, ncols, err);
	if (rc < 0)
		goto out;
	/* The rejects file appears only once the figures got out too. */
	if (u.rej_open) {
		u.rej_open = 0;
		if (cg_outfile_commit(&u.rej, err) < 0)
			goto out;
	}
	report(&u);
	ret = 0;
out:
	if (u.rw != NULL)
		cg_writer_close(u.rw, NULL);
	if (u.rej_open)
		cg_outfile_abort(&u.rej);
	cg_input_free(in);
	run_free(&u);
	return ret;
}
