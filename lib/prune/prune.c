/*
 * prune.c - prune(1)'s entry point: route every row to the kept output
 * or the rejects file, then say how many went where.
 *
 * Without duplicate detection a row's fate depends on the row alone, so
 * prune reads its input once. With it, the row to keep may come after
 * its duplicates, so pass 1 learns the best row of each duplicate group
 * (memory per distinct key, see prune_dupes.c) and pass 2, over the
 * rewound input, routes the rows. Either way rows come out in input
 * order and kept rows are copied byte for byte.
 *
 * Nothing is written by a run that would reject more than --max-reject
 * percent of the rows (prune_report.c). With duplicates the share is
 * known after pass 1, before a file is opened. Without, it is known at
 * the end: the kept rows are held in a temporary file meanwhile
 * (prune_hold.c) and copied to the output only when the share is within
 * bounds. When the check cannot stop the run (--force, --max-reject 100,
 * a dry run), nothing is held and the rows stream as they are judged.
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
#include "prune_int.h"

/* Where the rows go; writers are NULL in a dry run. */
struct route {
	struct cg_writer *kept, *rej;
	struct cg_outfile out;
	int have_out;
	struct prune_hold hold;	/* kept rows until the share is known */
	size_t reason_col;	/* prune_reason: replaced or appended */
};

/* The first rule (by bit) of hit, or -1. */
static int
first_rule(int hit)
{
	int i;

	for (i = 0; i < CG_PRUNE_NRULES && hit; i++)
		if (hit & (int)CG_PRUNE_BIT(i))
			return i;
	return -1;
}

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

/*
 * Pass 1 of the duplicate mode: the groups, and in *st the counts pass 2
 * will find (rows no other rule drops and that have a key are one group
 * each, or duplicates of one), so the share is known before writing.
 */
static int
pass1(struct cg_input *in, struct cg_prune_ctx *c, struct cg_dupes *d,
    struct cg_prune_stats *st, struct cg_err *err)
{
	const struct cg_row *row;
	unsigned long added = 0;
	long rowno = 0;
	int rc;

	while ((rc = cg_input_next(in, &row, err)) > 0) {
		struct cg_reader *r = cg_input_reader(in);
		size_t nk;
		int hit;

		if ((hit = cg_prune_check(c, r, row, rowno, err)) < 0)
			return -1;
		st->rows++;
		if (hit != 0) {
			st->rejected++;
			st->by_rule[first_rule(hit)]++;
		}
		/* Rows another rule drops do not compete for "best". */
		if (hit == 0 && (nk = cg_prune_keys(c, row, 0)) > 0) {
			added++;
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
	if (rc == 0) {
		unsigned long dupes = added - cg_dupes_ngroups(d);
		st->by_rule[CG_PRUNE_DUPES] = dupes;
		st->rejected += dupes;
		st->kept = st->rows - st->rejected;
	}
	return rc;
}

static int
open_outputs(struct route *rt, const struct cg_prune_opts *o,
    const struct cg_row *hdr, struct cg_reader *r, int outfd, int hold,
    struct cg_err *err)
{
	const struct cg_dialect *dl = cg_reader_dialect(r);
	struct cg_put put;

	if (hold) {
		if (prune_hold_open(&rt->hold, err) < 0)
			return -1;
		rt->kept = cg_writer_new(rt->hold.fd, rt->hold.name, dl);
	} else
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
		const struct cg_buf *key;
		struct cg_put put;
		int hit, first;

		if ((hit = cg_prune_check(c, r, row, rowno, err)) < 0)
			return -1;
		first = first_rule(hit);
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

/* The share is over --max-reject: a warning, or the error that stops
 * the run (-1). */
static int
share_check(const struct cg_prune_opts *o, const struct cg_run *run,
    const struct cg_prune_stats *st, int stop, struct cg_err *err)
{
	struct cg_buf msg = CG_BUF_INIT;
	int rc = 0;

	if (cg_prune_share(o, run, st, stop || o->dry_run ? "would reject" :
	    "rejected", &msg)) {
		if (stop)
			rc = cg_err_set(err, CG_EDATA, NULL, 0, 0, "%s", msg.s);
		else
			cg_warning(run, "%s", msg.s);
	}
	cg_buf_free(&msg);
	return rc;
}

/* Close the kept output (copying what was held), then the rejects. */
static int
finish(struct route *rt, int outfd, struct cg_err *err)
{
	int rc;

	/* Kept output first: if it fails, the rejects file never appears. */
	rc = cg_writer_close(rt->kept, err);
	rt->kept = NULL;
	if (rc < 0 || (rt->hold.fd >= 0 &&
	    prune_hold_copy(&rt->hold, outfd, err) < 0))
		return -1;
	prune_hold_close(&rt->hold);
	rc = cg_writer_close(rt->rej, err);
	rt->rej = NULL;
	if (rc < 0)
		return -1;
	rt->have_out = 0;
	return cg_outfile_commit(&rt->out, err);
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
	/* Whether the share can stop this run at all. */
	int guard = !o->force && o->max_reject < 100 && !o->dry_run, r;

	memset(st, 0, sizeof(*st));
	memset(&rt, 0, sizeof(rt));
	rt.hold.fd = -1;
	/* An empty input is an error there: a header always follows. */
	if (cg_input_header(in, &hdr, err) < 1)
		return -1;
	/* ctx_init zeroes c first, so freeing it is safe from here on. */
	if (cg_prune_ctx_init(&c, o, run, hdr,
	    cg_reader_name(cg_input_reader(in)), err) < 0)
		goto fail;
	for (r = 0; r < CG_PRUNE_NRULES; r++)
		memcpy(st->off[r], c.off[r], sizeof(st->off[r]));
	if (c.rules & CG_PRUNE_BIT(CG_PRUNE_DUPES)) {
		d = cg_dupes_new();
		if (pass1(in, &c, d, st, err) < 0)
			goto fail;
		cg_prune_ctx_pass_done(&c, 0);
		if (guard && share_check(o, run, st, 1, err) < 0)
			goto fail;
		if (cg_input_rewind(in, err) < 0)
			goto fail;
		st->rows = st->kept = st->rejected = 0;
		memset(st->by_rule, 0, sizeof(st->by_rule));
	}
	c.final = 1;
	if (!o->dry_run && open_outputs(&rt, o, hdr, cg_input_reader(in),
	    run->out_fd, guard && d == NULL, err) < 0)
		goto fail;
	if (pass2(in, &c, d, &rt, st, err) < 0)
		goto fail;
	cg_prune_ctx_pass_done(&c, 1);
	if (share_check(o, run, st, guard && d == NULL, err) < 0)
		goto fail;
	if (rt.kept != NULL && finish(&rt, run->out_fd, err) < 0)
		goto fail;
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
	prune_hold_close(&rt.hold);
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

/* ---- the struct cg_tool hooks ---- */

void
cg_prune_tool_init(void *o)
{
	cg_prune_opts_init(o);
}

int
cg_prune_tool_check(void *o, struct cg_run *run, struct cg_err *err)
{
	return cg_prune_opts_check(o, run, err);
}

int
cg_prune_tool_run(void *o, const struct cg_run *run, struct cg_err *err)
{
	return cg_prune_run(o, run, err);
}

void
cg_prune_tool_free(void *o)
{
	cg_prune_opts_free(o);
}
