/*
 * rollup_join.c - the rollup joined onto the --accounts file: its keys
 * read first, then every row written with the figures (rollup_fields.c
 * formats them, and writes the plain table without --accounts).
 *
 * The accounts file is read twice rather than held in memory: the first
 * pass only interns its keys (so deals can be checked against them while
 * the deal log streams by), the second copies every row through the
 * writer with the figures appended. Memory stays O(accounts) in keys, not
 * in whole rows, and the rows come out byte for byte as they went in.
 */
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "clientgrade/csv.h"
#include "clientgrade/roles.h"
#include "clientgrade/rollup.h"
#include "clientgrade/run.h"
#include "clientgrade/text.h"

struct cg_rollup_accounts {
	struct cg_reader *r;
	const char *name;
	size_t kcol;
	size_t ocol;		/* its owner column, or CG_NO_COL */
};

const char *
cg_rollup_accounts_name(const struct cg_rollup_accounts *a)
{
	return a->name;
}

static int
find_key(struct cg_rollup_accounts *a, const struct cg_row *hdr,
    const char *dealkey, size_t dealkeylen, const char *accounts_key,
    const struct cg_run *run, struct cg_err *err)
{
	if (accounts_key != NULL) {
		a->kcol = cg_header_find(hdr, accounts_key,
		    strlen(accounts_key));
		if (a->kcol == CG_NO_COL)
			return cg_err_set(err, CG_EROLE, a->name, 0, 0,
			    "no column '%s' (--accounts-key)", accounts_key);
		return 0;
	}
	/* The deal log's key header first: deals.account joins onto
	 * accounts.account without anyone having to say so. */
	a->kcol = cg_header_find(hdr, dealkey, dealkeylen);
	if (a->kcol != CG_NO_COL)
		return 0;
	return cg_role_use_required(run, hdr, "account", a->name, &a->kcol,
	    err);
}

struct cg_rollup_accounts *
cg_rollup_accounts_load(const char *path, const char *dealkey,
    size_t dealkeylen, const char *accounts_key, int owner,
    struct cg_rollup_table *t, const struct cg_run *run, struct cg_err *err)
{
	struct cg_rollup_accounts *a = cg_xcalloc(1, sizeof(*a));
	struct cg_reader_opts ro;
	const struct cg_row *hdr, *row;
	long ndup = 0, dupline = 0, nempty = 0, emptyline = 0;
	int rc;

	/* The run's encoding, notes and closed-stdin rule; its own dialect
	 * (another export may use another delimiter and decimal mark). */
	ro = cg_run_reader_opts(run, 1);
	ro.delim = 0;
	ro.decimal = 0;
	a->name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	if ((a->r = cg_reader_open_path(path, &ro, err)) == NULL) {
		free(a);
		return NULL;
	}
	if ((rc = cg_reader_header(a->r, &hdr, err)) <= 0) {
		if (rc == 0)
			cg_err_set(err, CG_EDATA, a->name, 0, 0,
			    "empty accounts file");
		goto fail;
	}
	if (find_key(a, hdr, dealkey, dealkeylen, accounts_key, run, err) < 0)
		goto fail;
	a->ocol = CG_NO_COL;
	/* The file's own owners win over the derived ones (--owner-from). */
	if (owner && cg_role_use(run, hdr, "owner", &a->ocol, err) < 0)
		goto fail;
	while ((rc = cg_reader_next(a->r, &row, err)) > 0) {
		const char *k = row->f[a->kcol];
		size_t kl = row->len[a->kcol];
		struct cg_rollup_acc *ac;

		if (kl == 0) {
			if (nempty++ == 0)
				emptyline = row->line;
			continue;
		}
		ac = cg_rollup_intern(t, k, kl);
		if (ac->known && ndup++ == 0)
			dupline = row->line;
		ac->known = 1;
	}
	if (rc < 0)
		goto fail;
	if (nempty > 0)
		cg_warning(run, "%ld account row%s with an empty %s get%s no "
		    "figures (first: %s:%ld)", nempty, nempty == 1 ? "" : "s",
		    hdr->f[a->kcol], nempty == 1 ? "s" : "", a->name,
		    emptyline);
	if (ndup > 0)
		cg_warning(run, "%ld account row%s repeat%s an earlier %s and "
		    "get%s the same figures (first: %s:%ld)", ndup,
		    ndup == 1 ? "" : "s", ndup == 1 ? "s" : "",
		    hdr->f[a->kcol], ndup == 1 ? "s" : "", a->name, dupline);
	return a;
fail:
	cg_reader_free(a->r);
	free(a);
	return NULL;
}

void
cg_rollup_accounts_free(struct cg_rollup_accounts *a)
{
	if (a == NULL)
		return;
	cg_reader_free(a->r);
	free(a);
}

/* Order puts by column, as cg_writer_row wants (at most NCOLS of them). */
static void
sort_puts(struct cg_put *p, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		struct cg_put x = p[i];

		for (j = i; j > 0 && p[j - 1].col > x.col; j--)
			p[j] = p[j - 1];
		p[j] = x;
	}
}

/* 1 if the field is empty or blank. */
static int
blank(const char *s, size_t n)
{
	cg_trim(&s, &n);
	return n == 0;
}

int
cg_rollup_accounts_write(struct cg_rollup_accounts *a,
    struct cg_rollup_table *t, const struct cg_rollup_out *o, int replace,
    const char *owner_from, const struct cg_run *run, struct cg_err *err)
{
	const struct cg_row *hdr = cg_reader_hdr(a->r), *row;
	struct cg_dialect *d = cg_reader_dialect(a->r);
	struct cg_writer *w;
	struct cg_put put[CG_ROLLUP_MAXOUT];
	size_t target[CG_ROLLUP_MAXOUT], c, np, app = 0;
	char f[CG_ROLLUP_MAXOUT][CG_ROLLUP_FIELDMAX];
	const char *s[CG_ROLLUP_MAXOUT];
	size_t len[CG_ROLLUP_MAXOUT];
	struct cg_buf clash = CG_BUF_INIT;
	/* The owner goes into the file's owner column, blanks only. */
	size_t oc = o->owner ? o->n - 1 : CG_NO_COL;
	int fill = oc != CG_NO_COL && a->ocol != CG_NO_COL;
	long filled = 0, kept = 0;
	int rc;

	/* Where each figure goes: an existing column of the same name with
	 * --replace, else appended. Without --replace a clash is allowed
	 * (nothing is changed) but said, because tools that look a role up
	 * take the leftmost column of a name: the old one. */
	for (c = 0; c < o->n; c++) {
		const char *nm = o->name[c];
		size_t at = cg_header_find(hdr, nm, strlen(nm));

		if (c == oc && fill) {
			target[c] = a->ocol;
			continue;
		}
		if (at != CG_NO_COL && replace) {
			target[c] = at;
			continue;
		}
		if (at != CG_NO_COL)
			cg_buf_printf(&clash, "%s%s", clash.len ? ", " : "",
			    nm);
		target[c] = hdr->n + app++;
	}
	if (clash.len > 0)
		cg_warning(run, "%s already has column%s %s; tools read the "
		    "leftmost of a name (--replace overwrites them)", a->name,
		    strchr(clash.s, ',') ? "s" : "", clash.s);
	cg_buf_free(&clash);

	w = cg_writer_new(run->out_fd, "<stdout>", d);
	for (c = np = 0; c < o->n; c++) {
		if (c == oc && fill)
			continue;
		put[np].col = target[c];
		put[np].s = o->name[c];
		put[np++].n = CG_STRLEN;
	}
	sort_puts(put, np);
	if (cg_writer_row(w, hdr, put, np, err) < 0)
		goto fail;
	if (cg_reader_rewind(a->r, err) < 0)
		goto fail;
	while ((rc = cg_reader_next(a->r, &row, err)) > 0) {
		size_t kl = row->len[a->kcol];

		cg_rollup_fields(t, kl == 0 ? NULL : cg_rollup_find(t,
		    row->f[a->kcol], kl), o, run->today, d->decimal, f, s, len);
		for (c = np = 0; c < o->n; c++) {
			if (c == oc && fill) {
				if (!blank(row->f[a->ocol],
				    row->len[a->ocol])) {
					kept++;
					continue;
				}
				if (len[c] == 0)
					continue;
				filled++;
			}
			put[np].col = target[c];
			put[np].s = s[c];
			put[np++].n = len[c];
		}
		sort_puts(put, np);
		if (cg_writer_row(w, row, put, np, err) < 0)
			goto fail;
	}
	if (rc < 0)
		goto fail;
	if (filled > 0)
		cg_note(run, "%ld account%s with a blank %s in %s got the "
		    "%s with the most volume on %s (--owner-from); %ld kept "
		    "the file's", filled, filled == 1 ? "" : "s",
		    hdr->f[a->ocol], a->name, owner_from,
		    filled == 1 ? "it" : "them", kept);
	return cg_writer_close(w, err);
fail:
	cg_writer_close(w, NULL);
	return -1;
}
