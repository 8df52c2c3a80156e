/*
 * grade_sheet.c - grade --worksheet: a fill-in sheet for grading by
 * judgement, where the CRM holds nothing but names (seed 000: "complete
 * the attached worksheet and begin grading").
 *
 * One row per account of the input (its id, account and owner columns)
 * or, without an input, an account column and ten empty rows; then one
 * empty <factor>_rating column per factor. Filled in a spreadsheet with
 * 1 (poor) to 5 (excellent) and saved, the sheet is graded like any
 * export: grade reads <factor>_rating where the file has no data column
 * for the factor (grade.c, find()).
 */
#include <stdio.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/input.h"
#include "clientgrade/roles.h"
#include "grade_int.h"

/* The factors a rep can judge (overdue invoices are a fact, not a view). */
static const int judged[] = {
	CG_GF_VOLUME, CG_GF_FREQUENCY, CG_GF_RECENCY, CG_GF_PAYMENT,
	CG_GF_DISTANCE, CG_GF_ACCESS, CG_GF_OPENNESS, CG_GF_REFERRALS
};
#define NJUDGED (sizeof(judged) / sizeof(judged[0]))
#define BLANK_ROWS 10

static const char *const ids[] = { "id", "account", "owner" };
#define NIDS (sizeof(ids) / sizeof(ids[0]))

static int
write_header(struct cg_writer *w, const struct cg_row *hdr,
    const size_t *col, size_t nid, struct cg_err *err)
{
	const char *s[NIDS + NJUDGED];
	char names[NJUDGED][40];
	size_t n = 0, i;

	for (i = 0; i < nid; i++)
		s[n++] = hdr != NULL ? hdr->f[col[i]] : "account";
	for (i = 0; i < NJUDGED; i++) {
		snprintf(names[i], sizeof(names[i]), "%s_rating",
		    cg_grade_factor(judged[i])->name);
		s[n++] = names[i];
	}
	return cg_writer_strings(w, s, n, err);
}

static int
from_input(const struct cg_run *run, struct cg_err *err)
{
	struct cg_reader_opts ro = cg_run_reader_opts(run, 0);
	struct cg_input *in;
	struct cg_writer *w = NULL;
	const struct cg_row *hdr, *row;
	const char *s[NIDS + NJUDGED];
	size_t col[NIDS], nid = 0, i, c;
	int rc = -1, how;

	if ((in = cg_input_open(run->argc, run->argv, &ro, err)) == NULL)
		return -1;
	if (cg_input_header(in, &hdr, err) < 0)
		goto done;
	for (i = 0; i < NIDS; i++) {
		if ((rc = cg_role_find_how(hdr, run->cols, ids[i], &c, &how,
		    err)) < 0)
			goto done;
		if (rc > 0)
			col[nid++] = c;
	}
	rc = -1;
	if (nid == 0) {
		cg_err_set(err, CG_EROLE, cg_reader_name(cg_input_reader(in)),
		    hdr->line, 0, "no id, account or owner column to list the "
		    "accounts by (use --col account=HEADER)");
		goto done;
	}
	w = cg_writer_new(run->out_fd, "<stdout>",
	    cg_reader_dialect(cg_input_reader(in)));
	if (write_header(w, hdr, col, nid, err) < 0)
		goto done;
	for (i = nid; i < nid + NJUDGED; i++)
		s[i] = "";
	while ((rc = cg_input_next(in, &row, err)) > 0) {
		for (i = 0; i < nid; i++)
			s[i] = row->f[col[i]];
		if (cg_writer_strings(w, s, nid + NJUDGED, err) < 0) {
			rc = -1;
			break;
		}
	}
done:
	if (w != NULL && cg_writer_close(w, rc < 0 ? NULL : err) < 0)
		rc = -1;
	cg_input_free(in);
	return rc < 0 ? -1 : 0;
}

static int
blank(const struct cg_run *run, struct cg_err *err)
{
	struct cg_dialect d;
	struct cg_writer *w;
	const char *s[1 + NJUDGED];
	size_t i;
	int rc = 0;

	memset(&d, 0, sizeof(d));
	d.delim = run->delim != 0 ? run->delim : ',';
	d.decimal = run->decimal != 0 ? run->decimal : '.';
	w = cg_writer_new(run->out_fd, "<stdout>", &d);
	for (i = 0; i < 1 + NJUDGED; i++)
		s[i] = "";
	rc = write_header(w, NULL, NULL, 1, err);
	for (i = 0; i < BLANK_ROWS && rc == 0; i++)
		rc = cg_writer_strings(w, s, 1 + NJUDGED, err);
	if (cg_writer_close(w, rc < 0 ? NULL : err) < 0)
		rc = -1;
	return rc;
}

int
cg_grade_worksheet(const struct cg_run *run, struct cg_err *err)
{
	cg_note(run, "rate each account from 1 (poor) to 5 (excellent) on "
	    "each factor (distance: 5 = nearby), save the sheet, and grade "
	    "it: empty ratings are missing values");
	return run->argc > 0 ? from_input(run, err) : blank(run, err);
}
