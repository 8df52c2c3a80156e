/*
 * prune.c - prune(1)'s entry point: route every row to the kept output
 * or the rejects file, then say how many went where.
 *
 * Without duplicate detection a row's fate depends on the row alone, so
 * prune streams in one pass. With it, the row to keep may come after its
 * duplicates, so pass 1 learns the best row of each duplicate group
 * (memory per distinct key, see prune_dupes.c) and pass 2, over the
 * rewound input, routes the rows. Either way rows come out in input
 * order and kept rows are copied byte for byte.
 *
 * The rejects file is written beside its name and renamed only when both
 * outputs succeeded: a rejects file that exists is complete, and if the
 * kept output failed there is no rejects file claiming the job was done.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "clientgrade/buf.h"
#include "clientgrade/input.h"
#include "clientgrade/outfile.h"
#include "clientgrade/prune.h"
#include "clientgrade/roles.h"

/* Where the rows go; writers are NULL in a dry run. */
struct route {
	struct cg_writer *kept, *rej;
	struct cg_outfile out;
	int have_out;
	size_t reason_col;	/* prune_reason: replaced or appended */
	struct cg_buf reason;
};

/* First non-empty key of the row. */
static const struct cg_buf *
first_key(const struct cg_prune_ctx *c)
{
	size_t i;

	for (i = 0; i < CG_KEY_N; i++)
		if (c->keys[i].len > 0)
			return &c->keys[i];
	return NULL;
}

static int
pass1(struct cg_input *in, struct cg_prune_ctx *c, struct cg_dupes *d,
    struct cg_err *err)
{
	const struct cg_row *row;
	long rowno = 0;
	int rc;

	while ((rc = cg_input_next(in, &row, err)) > 0) {
		struct cg_reader *r = cg_input_reader(in);
		size_t nk;
		int hit;

		if ((hit = cg_prune_check(c, r, row, rowno, err)) < 0)
			return -1;
		/* Rows another rule drops do not compete for "best". */
		if (hit == 0 && (nk = cg_prune_keys(c, row, 0)) > 0) {
			const char *id = NULL;
			size_t idlen = 0;
			if (c->c_id != CG_NO_COL) {
				id = row->f[c->c_id];
				idlen = row->len[c->c_id];
			}
			cg_dupes_add(d, c->keys, CG_KEY_N, &c->rank, row->line,
			    id, idlen);
		}
		rowno++;
	}
	return rc;
}

static int
open_outputs(struct route *rt, const struct cg_prune_opts *o,
    const struct cg_row *hdr, struct cg_reader *r, int outfd,
    struct cg_err *err)
{
	const struct cg_dialect *dl = cg_reader_dialect(r);
	struct cg_put put;

	rt->kept = cg_writer_new(outfd, "<stdout>", dl);
	if (cg_outfile_open(&rt->out, o->rejects_path, err) < 0)
		return -1;
	rt->have_out = 1;
	rt->rej = cg_writer_new(rt->out.fd, o->rejects_path, dl);
	/* Pruning a rejects file again reuses its prune_reason column. */
	if ((rt->reason_col = cg_header_find(hdr, "prune_reason", 12)) ==
	    CG_NO_COL)
		rt->reason_col = hdr->n;
	put.col = rt->reason_col;
	put.s = "prune_reason";
	put.n = CG_STRLEN;
	if (cg_writer_row(rt->kept, hdr, NULL, 0, err) < 0 ||
	    cg_writer_row(rt->rej, hdr, &put, 1, err) < 0)
		return -1;
	return 0;
}

static int
pass2(struct cg_input *in, struct cg_prune_ctx *c, struct cg_dupes *d,
    struct route *rt, struct cg_prune_stats *st, struct cg_err *err)
{
	const struct cg_row *row;
	long rowno = 0;
	int rc;

	while ((rc = cg_input_next(in, &row, err)) > 0) {
		struct cg_reader *r = cg_input_reader(in);
		int hit, first = -1, i;
		const struct cg_buf *key;
		struct cg_put put;

		if ((hit = cg_prune_check(c, r, row, rowno, err)) < 0)
			return -1;
		for (i = 0; i < CG_PRUNE_NRULES && hit; i++)
			if (hit & (int)CG_PRUNE_BIT(i)) {
				first = i;
				break;
			}
		if (hit == 0 && d != NULL && cg_prune_keys(c, row, 1) > 0 &&
		    (key = first_key(c)) != NULL) {
			long best, line;
			const char *id;
			if (cg_dupes_best(d, key, &best, &line, &id) &&
			    best != rowno) {
				first = CG_PRUNE_DUPES;
				if (id != NULL)
					cg_buf_printf(&c->reason,
					    "duplicate of %s", id);
				else
					cg_buf_printf(&c->reason,
					    "duplicate of line %ld", line);
			}
		}
		st->rows++;
		rowno++;
		if (first < 0) {
			st->kept++;
			if (rt->kept != NULL &&
			    cg_writer_row(rt->kept, row, NULL, 0, err) < 0)
				return -1;
			continue;
		}
		st->rejected++;
		st->by_rule[first]++;
		if (rt->rej == NULL)
			continue;
		put.col = rt->reason_col;
		put.s = c->reason.s;
		put.n = c->reason.len;
		if (cg_writer_row(rt->rej, row, &put, 1, err) < 0)
			return -1;
	}
	return rc;
}

/* Both passes over an open input; outputs committed only on success. */
static int
split(struct cg_input *in, const struct cg_prune_opts *o,
    const struct cg_run *run, struct cg_prune_stats *st, struct cg_err *err)
{
	struct cg_prune_ctx c;
	struct cg_dupes *d = NULL;
	struct route rt;
	const struct cg_row *hdr = NULL;
	int rc;

	memset(st, 0, sizeof(*st));
	memset(&rt, 0, sizeof(rt));
	/* An empty input is an error there: a header always follows. */
	if (cg_input_header(in, &hdr, err) < 1)
		return -1;
	/* ctx_init zeroes c first, so freeing it is safe from here on. */
	if (cg_prune_ctx_init(&c, o, run, hdr,
	    cg_reader_name(cg_input_reader(in)), err) < 0)
		goto fail;
	if (c.rules & CG_PRUNE_BIT(CG_PRUNE_DUPES)) {
		d = cg_dupes_new();
		if (pass1(in, &c, d, err) < 0 || cg_input_rewind(in, err) < 0)
			goto fail;
	}
	if (!o->dry_run && open_outputs(&rt, o, hdr, cg_input_reader(in),
	    run->out_fd, err) < 0)
		goto fail;
	if (pass2(in, &c, d, &rt, st, err) < 0)
		goto fail;
	/* Kept output first: if it fails, the rejects file never appears. */
	if (rt.kept != NULL) {
		rc = cg_writer_close(rt.kept, err);
		rt.kept = NULL;
		if (rc < 0)
			goto fail;
	}
	if (rt.rej != NULL) {
		rc = cg_writer_close(rt.rej, err);
		rt.rej = NULL;
		if (rc < 0)
			goto fail;
	}
	if (rt.have_out) {
		rt.have_out = 0;
		if (cg_outfile_commit(&rt.out, err) < 0)
			goto fail;
	}
	cg_dupes_free(d);
	cg_prune_ctx_free(&c);
	return 0;
fail:
	cg_prune_ctx_free(&c);
	cg_dupes_free(d);
	if (rt.kept != NULL)
		cg_writer_close(rt.kept, NULL);
	if (rt.rej != NULL)
		cg_writer_close(rt.rej, NULL);
	if (rt.have_out)
		cg_outfile_abort(&rt.out);
	return -1;
}

int
cg_prune_rows(const struct cg_prune_opts *o, const struct cg_run *run,
    struct cg_prune_stats *stp, struct cg_err *err)
{
	struct cg_prune_stats stl;
	struct cg_reader_opts ro;
	struct cg_input *in;
	int rc;

	/* Duplicates need a second pass; only then is the input spooled. */
	ro = cg_run_reader_opts(run,
	    (o->rules & CG_PRUNE_BIT(CG_PRUNE_DUPES)) != 0);
	if ((in = cg_input_open(run->argc, run->argv, &ro, err)) == NULL)
		return -1;
	rc = split(in, o, run, stp != NULL ? stp : &stl, err);
	cg_input_free(in);
	return rc;
}

int
cg_prune_run(const struct cg_prune_opts *o, const struct cg_run *run,
    struct cg_err *err)
{
	struct cg_prune_stats st;

	if (cg_prune_rows(o, run, &st, err) < 0)
		return -1;
	/* A dry run's summary is its output; --summary is a report beside
	 * the rows, which own stdout. */
	if (o->dry_run)
		return cg_prune_summary(run->out_fd, &st, NULL, err);
	if (o->summary)
		return cg_prune_summary(STDERR_FILENO, &st, NULL, err);
	return 0;
}

int
cg_prune_summary(int fd, const struct cg_prune_stats *st, const char *name,
    struct cg_err *err)
{
	struct cg_buf b = CG_BUF_INIT;
	size_t off = 0;
	int i;

	cg_buf_printf(&b, "%-9s %9lu\n", "rows", st->rows);
	cg_buf_printf(&b, "%-9s %9lu\n", "kept", st->kept);
	cg_buf_printf(&b, "%-9s %9lu\n", "rejected", st->rejected);
	for (i = 0; i < CG_PRUNE_NRULES; i++)
		cg_buf_printf(&b, "%-9s %9lu\n", cg_prune_rule_name(i),
		    st->by_rule[i]);
	while (off < b.len) {
		ssize_t n = write(fd, b.s + off, b.len - off);
		if (n < 0) {
			cg_buf_free(&b);
			return cg_err_set(err, CG_EWRITE, name, 0, 0,
			    "write error:");
		}
		off += (size_t)n;
	}
	cg_buf_free(&b);
	return 0;
}
