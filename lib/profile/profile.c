/*
 * profile.c - profile(1)'s one entry point: read the header, resolve the
 * group column and the attribute columns (refusing a tool's output that
 * is no list of accounts), collect every row into bounded per-column
 * summaries in one pass, read --touches, then compute the findings,
 * sort them and write them (profile_emit.c).
 *
 * One pass, no rewind: a pipe is never spooled, and memory is bounded
 * by the distinct values (and, with --touches, the accounts).
 */
#include <string.h>

#include "clientgrade/buf.h"
#include "clientgrade/roles.h"
#include "clientgrade/text.h"
#include "profile_int.h"

struct prun {
	const struct cg_profile_opts *o;
	const struct cg_run *run;
	struct cg_input *in;
	size_t gcol;
	struct cg_pgroups groups;
	struct cg_pcols cols;
	struct cg_ptouch *touch;
	size_t acccol;
	struct cg_pfinds finds;
	struct cg_dialect d;	/* the first file's: the output's */
};

static int
field_is(const struct cg_row *h, size_t i, const char *s)
{
	return h->len[i] == strlen(s) && memcmp(h->f[i], s, h->len[i]) == 0;
}

/* What the header says the file is, when it is no list of accounts. */
static const char *
header_kind(const struct cg_row *hdr)
{
	const char *k = cg_header_kind(hdr);

	if (k == NULL && hdr->n >= 3 && field_is(hdr, 0, "attribute") &&
	    field_is(hdr, 1, "value") && field_is(hdr, hdr->n - 1,
	    "separation"))
		k = "a profile";
	return k;
}

/* The missing group column, named with what was tried. */
static int
no_group(const char *role, const char *name, const struct cg_row *hdr,
    struct cg_err *err)
{
	const char *const *a = cg_role_aliases(role);
	struct cg_buf b = CG_BUF_INIT;
	int rc;

	for (; a != NULL && *a != NULL; a++)
		cg_buf_printf(&b, "%s%s", b.len ? ", " : "", *a);
	if (strcmp(role, "grade") == 0)
		rc = cg_err_set(err, CG_EROLE, name, hdr->line, 0, "no grade "
		    "column (tried: %s); profile reads graded accounts "
		    "(grade's output); use --col grade=HEADER or --group COL",
		    b.s);
	else
		rc = cg_err_set(err, CG_EROLE, name, hdr->line, 0, "no column "
		    "for --group %s (tried: %s); use --col %s=HEADER", role,
		    b.s, role);
	cg_buf_free(&b);
	return rc;
}

/* The group column: the grade, a role --group names, or a header. */
static int
group_column(struct prun *u, const struct cg_row *hdr, const char *name,
    struct cg_err *err)
{
	const char *role = u->o->group != NULL ? u->o->group : "grade";
	int rc;

	if (cg_role_aliases(role) != NULL) {
		if ((rc = cg_role_use(u->run, hdr, role, &u->gcol, err)) < 0)
			return -1;
		return rc > 0 ? 0 : no_group(role, name, hdr, err);
	}
	u->gcol = cg_header_find(hdr, role, strlen(role));
	if (u->gcol == CG_NO_COL)
		return cg_err_set(err, CG_EROLE, name, hdr->line, 0,
		    "no column '%s' to group by (--group %s)", role, role);
	return 0;
}

static int
resolve(struct prun *u, const struct cg_row *hdr, struct cg_err *err)
{
	const char *name = cg_reader_name(cg_input_reader(u->in));
	const char *kind = header_kind(hdr);

	u->d = *cg_reader_dialect(cg_input_reader(u->in));
	if (kind != NULL)
		return cg_err_set(err, CG_EDATA, name, 0, 0, "this looks like "
		    "%s; profile reads graded accounts (grade's output)",
		    kind);
	if (group_column(u, hdr, name, err) < 0 ||
	    cg_pcols_resolve(&u->cols, hdr, u->gcol, u->run, err) < 0)
		return -1;
	/* The log's header now, so a missing column stops the run before
	 * the accounts are read. */
	if (u->o->touches != NULL && (u->touch = cg_ptouch_open(u->o->touches,
	    hdr, name, u->run, &u->acccol, err)) == NULL)
		return -1;
	return 0;
}

/* Every row: its group, its values, its key for --touches. */
static int
collect(struct prun *u, struct cg_err *err)
{
	const struct cg_row *row;
	struct cg_reader *r;
	const char *s;
	size_t n;
	int rc, g;

	while ((rc = cg_input_next(u->in, &row, err)) > 0) {
		r = cg_input_reader(u->in);
		s = row->f[u->gcol];
		n = row->len[u->gcol];
		cg_trim(&s, &n);
		if ((g = cg_pgroups_of(&u->groups, s, n)) < 0)
			return cg_row_err(err, CG_EDATA, r, row, u->gcol,
			    "more than %d different groups; profile compares "
			    "a few grades (is this the column to group by?)",
			    CG_PROFILE_MAXGROUPS);
		u->groups.n[g]++;
		cg_pcols_add(&u->cols, r, row, (unsigned)g);
		if (u->touch != NULL)
			cg_ptouch_account(u->touch, row, u->acccol, (unsigned)g);
	}
	return rc;
}

static void
group_warning(const struct prun *u)
{
	const struct cg_pgroups *gs = &u->groups;
	const char *s;
	size_t n;

	if (gs->ngraded == 0) {
		cg_warning(u->run, "no account has a %s: nothing to compare",
		    u->o->group != NULL ? u->o->group : "grade");
		return;
	}
	s = cg_pgroups_name(gs, gs->top, &n);
	cg_warning(u->run, "only one group (%.*s): no separation to tell",
	    (int)(n > 40 ? 40 : n), s);
}

static int
run_body(struct prun *u, const struct cg_row *hdr, struct cg_err *err)
{
	if (resolve(u, hdr, err) < 0 || collect(u, err) < 0)
		return -1;
	cg_pgroups_sort(&u->groups);
	if (u->groups.ngraded < 2)
		group_warning(u);
	cg_pcols_finish(&u->cols, &u->groups, &u->finds, u->run);
	if (u->touch != NULL && cg_ptouch_run(u->touch, &u->groups,
	    &u->finds, u->run, err) < 0)
		return -1;
	if (u->finds.n == 0)
		cg_warning(u->run, "nothing to profile: every column is an "
		    "identifier, the group, empty, or of too many values");
	cg_pfinds_sort(&u->finds);
	if (u->o->format == CG_PF_TEXT)
		return cg_pfinds_write_text(&u->finds, &u->groups, u->o->top,
		    u->d.decimal, stdout, err);
	return cg_pfinds_write_csv(&u->finds, &u->groups, u->o->top, &u->d,
	    u->run->out_fd, err);
}

int
cg_profile_run(const struct cg_profile_opts *o, const struct cg_run *run,
    struct cg_err *err)
{
	struct cg_reader_opts ro;
	const struct cg_row *hdr;
	struct prun u;
	int rc;

	memset(&u, 0, sizeof(u));
	u.o = o;
	u.run = run;
	cg_pgroups_init(&u.groups);
	ro = cg_run_reader_opts(run, 0);
	if ((u.in = cg_input_open(run->argc, run->argv, &ro, err)) == NULL) {
		cg_pgroups_free(&u.groups);
		return -1;
	}
	if ((rc = cg_input_header(u.in, &hdr, err)) > 0)
		rc = run_body(&u, hdr, err);
	cg_ptouch_free(u.touch);
	cg_pfinds_free(&u.finds);
	cg_pcols_free(&u.cols);
	cg_input_free(u.in);
	cg_pgroups_free(&u.groups);
	return rc < 0 ? -1 : 0;
}
