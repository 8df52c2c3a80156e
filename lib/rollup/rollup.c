/*
 * rollup.c - the rollup driver: find the columns, stream the deal log
 * once into the account table (rollup_deal.c; on two cores for a large
 * file, rollup_parallel.c), then write the figures (rollup_fields.c,
 * rollup_join.c), the rejects file, and the skip warnings.
 */
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/csv.h"
#include "clientgrade/input.h"
#include "clientgrade/outfile.h"
#include "clientgrade/roles.h"
#include "clientgrade/rollup.h"
#include "clientgrade/run.h"
#include "clientgrade/tool.h"
#include "rollup_int.h"

/*
 * The roles resolve() looks for, for --inspect. Optional there: --key,
 * --value and --date may name columns no alias matches, which the spine
 * does not see; the run itself refuses a column that is not there.
 */
const struct cg_role_need cg_rollup_roles[] = {
	{ "account", 't', 0 }, { "value", 'n', 0 }, { "date", 'd', 0 },
	{ NULL, 0, 0 }
};

/* Column for an explicit header name, or a role (an alias noted). */
static int
column(const struct cg_run *run, const struct cg_row *hdr, const char *name,
    const char *opt, const char *role, const char *file, size_t *col,
    struct cg_err *err)
{
	if (name != NULL) {
		*col = cg_header_find(hdr, name, strlen(name));
		if (*col == CG_NO_COL)
			return cg_err_set(err, CG_EROLE, file, 0, 0,
			    "no column '%s' (%s)", name, opt);
		return 0;
	}
	return cg_role_use_required(run, hdr, role, file, col, err);
}

/* The k-th --distinct header. */
static const char *
distinct(const struct cg_rollup_opts *o, size_t k)
{
	return k == 0 ? o->distinct : o->more_distinct[k - 1];
}

static int
resolve(struct cg_rollup_ctx *u, const struct cg_row *hdr, const char *file,
    struct cg_err *err)
{
	const struct cg_rollup_opts *o = u->o;
	const struct cg_run *run = u->run;
	size_t k, j;

	if (column(run, hdr, o->key, "--key", "account", file, &u->kcol,
	    err) < 0 ||
	    column(run, hdr, o->value, "--value", "value", file, &u->vcol,
	    err) < 0 ||
	    column(run, hdr, o->date, "--date", "date", file, &u->dcol,
	    err) < 0)
		return -1;
	u->nx = o->distinct == NULL ? 0 : 1 + o->nmore_distinct;
	for (k = 0; k < u->nx; k++) {
		if (column(run, hdr, distinct(o, k), "--distinct", NULL, file,
		    &u->xcol[k], err) < 0)
			return -1;
		for (j = 0; j < k; j++)
			if (u->xcol[j] == u->xcol[k])
				return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
				    "--distinct %s and --distinct %s are the "
				    "same column", distinct(o, j),
				    distinct(o, k));
	}
	if (o->owner_from != NULL) {
		if (column(run, hdr, o->owner_from, "--owner-from", NULL, file,
		    &u->ocol, err) < 0)
			return -1;
		u->has_owner = 1;
	}
	if (cg_rollup_where_bind(u->where, hdr, file, err) < 0)
		return -1;
	if (cg_rollup_where_count(u->where) > 0) {
		u->filter = cg_rollup_filter_new(u->where, u->dcol, &u->dc,
		    run);
		u->where_dates = cg_rollup_where_dates_on(u->where, u->dcol);
	}
	u->kname = cg_xstrndup(hdr->f[u->kcol], hdr->len[u->kcol]);
	u->knamelen = hdr->len[u->kcol];
	u->vname = cg_xstrndup(hdr->f[u->vcol], hdr->len[u->vcol]);
	u->dname = cg_xstrndup(hdr->f[u->dcol], hdr->len[u->dcol]);
	return 0;
}

/* The columns the run adds: the figures, --distinct, --owner-from. */
static void
out_init(struct cg_rollup_out *out, const struct cg_rollup_ctx *u,
    const struct cg_row *hdr)
{
	const char *dn[CG_ROLLUP_MAX_DISTINCT];
	size_t dl[CG_ROLLUP_MAX_DISTINCT], k;

	for (k = 0; k < u->nx; k++) {
		dn[k] = hdr->f[u->xcol[k]];
		dl[k] = hdr->len[u->xcol[k]];
	}
	cg_rollup_out_init(out, u->nx, dn, dl, u->has_owner);
}

static int
rejects_open(struct cg_rollup_ctx *u, struct cg_reader *r,
    const struct cg_row *hdr, struct cg_err *err)
{
	struct cg_put p = { hdr->n, "rollup_reason", CG_STRLEN };

	if (cg_outfile_open(&u->rej, u->o->rejects, err) < 0)
		return -1;
	u->rej_open = 1;
	u->rw = cg_writer_new(u->rej.fd, u->o->rejects, cg_reader_dialect(r));
	return cg_writer_row(u->rw, hdr, &p, 1, err);
}

static void
ctx_free(struct cg_rollup_ctx *u)
{
	cg_rollup_ctx_free_own(u);
	cg_rollup_where_free(u->where);
	cg_rollup_accounts_free(u->acc);
	free(u->kname);
	free(u->vname);
	free(u->dname);
}

int
cg_rollup_run(const struct cg_rollup_opts *o, const struct cg_run *run,
    struct cg_err *err)
{
	struct cg_rollup_ctx u;
	struct cg_input *in = NULL;
	struct cg_reader *r;
	struct cg_reader_opts ro = cg_run_reader_opts(run, 0);
	const struct cg_row *hdr, *row;
	struct cg_dialect d;
	struct cg_rollup_out out;
	struct cg_rollup_par *par = NULL;
	long split = 0;
	int rc, ret = -1;

	memset(&u, 0, sizeof(u));
	memset(&out, 0, sizeof(out));
	u.o = o;
	u.run = run;
	u.today = run->today;
	u.t = cg_rollup_table_new();
	cg_datecol_init(&u.dc, run->dates);
	if ((u.where = cg_rollup_where_new(o->where, o->nwhere, err)) == NULL)
		goto out;
	if ((in = cg_input_open(run->argc, run->argv, &ro, err)) == NULL)
		goto out;
	/* An empty deal log is an error; the input says so. */
	if (cg_input_header(in, &hdr, err) < 0)
		goto out;
	r = cg_input_reader(in);
	if (resolve(&u, hdr, cg_reader_name(r), err) < 0)
		goto out;
	out_init(&out, &u, hdr);
	if (o->accounts != NULL && (u.acc = cg_rollup_accounts_load(
	    o->accounts, u.kname, u.knamelen, o->accounts_key, u.has_owner,
	    u.t, run, err)) == NULL)
		goto out;
	if (o->rejects != NULL && rejects_open(&u, r, hdr, err) < 0)
		goto out;
	d = *cg_reader_dialect(r);
	if ((par = cg_rollup_par_start(&u, r, hdr)) != NULL)
		split = cg_rollup_par_wait_line(par);
	while ((rc = cg_input_next(in, &row, err)) > 0) {
		r = cg_input_reader(in);
		if (par != NULL && row->line >= split) {
			/* The row at the split: the second half's first. */
			if ((rc = cg_rollup_par_join(&u, par, r, row, err)) < 0)
				goto out;
			/* A note, not a warning: it says how the file was
			 * read, nothing about the data. */
			if (getenv("CG_ROLLUP_PAR_TRACE") != NULL)
				cg_note(run, "parallel: split at line %ld: %s",
				    row->line, rc == 1 ? "halves merged" :
				    "read on sequentially");
			cg_rollup_par_free(par);
			par = NULL;
			if (rc == 1)
				break;
		}
		if (cg_rollup_deal(&u, r, row, err) < 0)
			goto out;
	}
	cg_rollup_par_free(par);
	par = NULL;
	if (rc < 0 || cg_rollup_drain(&u, err) < 0)
		goto out;
	/* A --where that matched nothing: said before the figures, and
	 * with --strict an error before any of them is written. */
	if (u.filter != NULL && cg_rollup_filter_report(u.filter, u.seq,
	    o->strict, err) < 0)
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
		rc = cg_rollup_accounts_write(u.acc, u.t, &out, o->replace,
		    o->owner_from, run, err);
	else
		rc = cg_rollup_write_plain(u.t, u.kname, u.knamelen, &d, &out,
		    run, err);
	if (rc < 0)
		goto out;
	/* The rejects file appears only once the figures got out too. */
	if (u.rej_open) {
		u.rej_open = 0;
		if (cg_outfile_commit(&u.rej, err) < 0)
			goto out;
	}
	cg_rollup_report(&u);
	ret = 0;
out:
	cg_rollup_par_free(par);
	if (u.rw != NULL)
		cg_writer_close(u.rw, NULL);
	if (u.rej_open)
		cg_outfile_abort(&u.rej);
	cg_input_free(in);
	ctx_free(&u);
	cg_rollup_out_free(&out);
	return ret;
}
