/*
 * grade_previous.c - grade --previous OLD.csv: who went up, who went
 * down (seed 003: "more A grade customers").
 *
 * OLD is an earlier output of grade. Its accounts are matched to this
 * run's by id when both files have an id column, else by account name;
 * each row gets grade_change: "same", "new" (not in OLD) or "B->A"
 * (old->new). Accounts of OLD that this run does not have are counted
 * and said in a note. Memory: one key and one grade per old account.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/roles.h"
#include "grade_int.h"

/* Index of old grade name s among p->names, added if new; -1 if full. */
static int
name_index(struct cg_grade_prev *p, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < p->nnames; i++)
		if (strlen(p->names[i]) == n && memcmp(p->names[i], s, n) == 0)
			return (int)i;
	if (p->nnames == CG_GRADE_PREV_MAXG)
		return -1;
	p->names[p->nnames] = cg_xstrndup(s, n);
	return (int)p->nnames++;
}

/* The key column of a header: id if `by_id`, else account. */
static int
key_col(const struct cg_row *hdr, const struct cg_run *run, int by_id,
    size_t *col, struct cg_err *err)
{
	return cg_role_find(hdr, run->cols, by_id ? "id" : "account", col,
	    err);
}

int
cg_grade_prev_load(struct cg_grade_prev *p, const char *path,
    const struct cg_run *run, const struct cg_row *newhdr,
    const char *gradecol, struct cg_err *err)
{
	struct cg_reader_opts ro = cg_run_reader_opts(run, 0);
	struct cg_reader *r;
	const struct cg_row *hdr, *row;
	size_t kc, gc, nc, i;
	int rc, gi, added;

	memset(p, 0, sizeof(*p));
	p->path = path;
	cg_strtab_init(&p->keys);
	ro.delim = 0;	/* OLD may have been saved in another dialect */
	ro.decimal = 0;
	if ((r = cg_reader_open_path(path, &ro, err)) == NULL)
		return -1;
	if ((rc = cg_reader_header(r, &hdr, err)) <= 0) {
		if (rc == 0)
			cg_err_set(err, CG_EDATA, path, 0, 0, "no header line "
			    "(the input is empty)");
		goto fail;
	}
	/* By id where both files have one: names change, ids do not. */
	p->by_id = cg_role_find(hdr, run->cols, "id", &kc, NULL) > 0 &&
	    cg_role_find(newhdr, run->cols, "id", &nc, NULL) > 0;
	if (key_col(hdr, run, p->by_id, &kc, err) <= 0 ||
	    key_col(newhdr, run, p->by_id, &p->col, err) <= 0) {
		if (err->code == CG_OK || err->msg[0] == '\0')
			cg_err_set(err, CG_EROLE, path, hdr->line, 0, "--previous "
			    "needs an id or account column in both files to "
			    "match accounts by");
		goto fail;
	}
	gc = cg_header_find(hdr, gradecol, strlen(gradecol));
	if (gc == CG_NO_COL) {
		cg_err_set(err, CG_EROLE, path, hdr->line, 0, "no '%s' column: "
		    "--previous wants an earlier output of grade", gradecol);
		goto fail;
	}
	while ((rc = cg_reader_next(r, &row, err)) > 0) {
		if (row->len[kc] == 0)
			continue;
		i = cg_strtab_intern(&p->keys, row->f[kc], row->len[kc],
		    &added);
		if (!added)
			continue;	/* the first row of a repeated key wins */
		if (i >= p->cap) {
			p->cap = p->cap ? p->cap * 2 : 256;
			p->old = cg_xreallocarray(p->old, p->cap,
			    sizeof(*p->old));
		}
		gi = row->len[gc] == 0 ? CG_GRADE_PREV_NONE :
		    name_index(p, row->f[gc], row->len[gc]);
		p->old[i] = (signed char)(gi < 0 ? CG_GRADE_PREV_NONE : gi);
	}
	if (rc < 0)
		goto fail;
	p->seen = cg_xcalloc(p->keys.n ? p->keys.n : 1, 1);
	cg_reader_free(r);
	return 0;
fail:
	cg_reader_free(r);
	cg_grade_prev_free(p);
	return -1;
}

const char *
cg_grade_prev_change(struct cg_grade_prev *p, const struct cg_row *row,
    const char *grade, char *buf, size_t cap, int *was)
{
	size_t i;
	const char *old;

	*was = CG_GRADE_PREV_NEW;
	if (p->col >= row->n || row->len[p->col] == 0 ||
	    (i = cg_strtab_find(&p->keys, row->f[p->col], row->len[p->col])) ==
	    CG_STRTAB_NONE)
		return "new";
	p->seen[i] = 1;
	*was = p->old[i];
	old = p->old[i] == CG_GRADE_PREV_NONE ? "" : p->names[p->old[i]];
	if (strcmp(old, grade) == 0)
		return "same";
	snprintf(buf, cap, "%s->%s", *old ? old : "(none)",
	    *grade ? grade : "(none)");
	return buf;
}

void
cg_grade_prev_report(const struct cg_grade_prev *p, const struct cg_run *run)
{
	size_t i, gone = 0, first = 0;

	for (i = 0; i < p->keys.n; i++)
		if (!p->seen[i] && gone++ == 0)
			first = i;
	if (gone > 0) {
		size_t n;
		const char *k = cg_strtab_key(&p->keys, first, &n);

		cg_note(run, "%zu account%s of %s %s gone (first: %.*s)", gone,
		    gone == 1 ? "" : "s", p->path, gone == 1 ? "is" : "are",
		    (int)(n > 40 ? 40 : n), k);
	}
}

void
cg_grade_prev_free(struct cg_grade_prev *p)
{
	size_t i;

	for (i = 0; i < p->nnames; i++)
		free(p->names[i]);
	cg_strtab_free(&p->keys);
	free(p->old);
	free(p->seen);
	memset(p, 0, sizeof(*p));
}

void
cg_grade_prev_sort(struct cg_grade_prev *p, const char *const *order,
    size_t n)
{
	char *names[CG_GRADE_PREV_MAXG];
	int map[CG_GRADE_PREV_MAXG];
	size_t i, k, m = 0;

	/* The grades of `order` first, in its order; the rest as found. */
	for (k = 0; k <= n; k++)
		for (i = 0; i < p->nnames; i++) {
			int in_order = 0;
			size_t j;

			for (j = 0; j < n; j++)
				in_order |= strcmp(p->names[i], order[j]) == 0;
			if (k < n ? strcmp(p->names[i], order[k]) != 0 :
			    in_order)
				continue;
			map[i] = (int)m;
			names[m++] = p->names[i];
		}
	for (i = 0; i < m; i++)
		p->names[i] = names[i];
	for (i = 0; i < p->keys.n; i++)
		if (p->old[i] >= 0)
			p->old[i] = (signed char)map[p->old[i]];
}
