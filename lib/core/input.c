/*
 * input.c - the command's operands as one stream of records.
 *
 * `grade a.csv b.csv` grades the rows of both as one table, so they must
 * share a header; it is written once. No operands, or "-", is stdin.
 */
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/input.h"

struct cg_input {
	char **paths;
	size_t n, cur;
	struct cg_reader **r;	/* opened lazily, kept for rewinding */
	struct cg_reader_opts o;
	const struct cg_row *hdr;
	size_t first;		/* file the header came from */
};

static char stdin_path[] = "-";

struct cg_input *
cg_input_open(int argc, char **argv, const struct cg_reader_opts *o,
    struct cg_err *err)
{
	struct cg_input *in = cg_xcalloc(1, sizeof(*in));
	static char *stdin_only[] = { stdin_path };

	if (argc <= 0) {
		in->paths = stdin_only;
		in->n = 1;
	} else {
		in->paths = argv;
		in->n = (size_t)argc;
	}
	in->r = cg_xcalloc(in->n, sizeof(*in->r));
	if (o != NULL)
		in->o = *o;
	if ((in->r[0] = cg_reader_open_path(in->paths[0], &in->o, err)) ==
	    NULL) {
		cg_input_free(in);
		return NULL;
	}
	return in;
}

static int
same_header(const struct cg_row *a, const struct cg_row *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (a->len[i] != b->len[i] || memcmp(a->f[i], b->f[i],
		    a->len[i]) != 0)
			return 0;
	return 1;
}

static const char *
delim_name(char d)
{
	return d == ',' ? "','" : d == ';' ? "';'" : d == '\t' ? "tab" :
	    d == '|' ? "'|'" : "'?'";
}

/* Open file i and read its header: 1, 0 (empty file), -1. */
static int
open_at(struct cg_input *in, size_t i, struct cg_err *err)
{
	const struct cg_row *h;
	int rc;

	if (in->r[i] == NULL && (in->r[i] = cg_reader_open_path(in->paths[i],
	    &in->o, err)) == NULL)
		return -1;
	if ((rc = cg_reader_header(in->r[i], &h, err)) <= 0)
		return rc;
	if (in->hdr == NULL) {
		in->hdr = h;
		in->first = i;
	} else if (cg_reader_dialect(in->r[i])->delim !=
	    cg_reader_dialect(in->r[in->first])->delim)
		return cg_err_set(err, CG_EDATA, cg_reader_name(in->r[i]),
		    h->line, 1, "delimiter %s differs from the %s of %s; its "
		    "rows would be copied with the wrong one (save it with the "
		    "same delimiter, or run the files one at a time)",
		    delim_name(cg_reader_dialect(in->r[i])->delim),
		    delim_name(cg_reader_dialect(in->r[in->first])->delim),
		    cg_reader_name(in->r[in->first]));
	else if (!same_header(in->hdr, h))
		return cg_err_set(err, CG_EDATA, cg_reader_name(in->r[i]),
		    h->line, 1, "header differs from the header of %s",
		    cg_reader_name(in->r[in->first]));
	return 1;
}

int
cg_input_header(struct cg_input *in, const struct cg_row **hdr,
    struct cg_err *err)
{
	int rc;

	for (in->cur = 0; in->cur < in->n; in->cur++) {
		if ((rc = open_at(in, in->cur, err)) < 0)
			return -1;
		if (rc > 0) {
			*hdr = in->hdr;
			return 1;
		}
	}
	in->cur = in->n - 1;
	/* An empty file is the wrong thing, not an empty table: the export
	 * failed, or the wrong file was named. */
	return cg_err_set(err, CG_EDATA, cg_reader_name(in->r[0]), 0, 0,
	    "no header line (the input is empty)");
}

int
cg_input_next(struct cg_input *in, const struct cg_row **row,
    struct cg_err *err)
{
	int rc;

	for (;;) {
		if ((rc = cg_reader_next(in->r[in->cur], row, err)) != 0)
			return rc;
		if (in->cur + 1 >= in->n)
			return 0;
		in->cur++;
		if (in->r[in->cur] == NULL || cg_reader_hdr(in->r[in->cur]) ==
		    NULL) {
			if (open_at(in, in->cur, err) < 0)
				return -1;
		} else if (cg_reader_rewind(in->r[in->cur], err) < 0)
			return -1;
	}
}

int
cg_input_rewind(struct cg_input *in, struct cg_err *err)
{
	size_t i;

	for (i = 0; i < in->n; i++)
		if (in->r[i] != NULL && cg_reader_rewind(in->r[i], err) < 0)
			return -1;
	in->cur = in->first;
	return 0;
}

struct cg_reader *
cg_input_reader(struct cg_input *in)
{
	return in->r[in->cur];
}

void
cg_input_free(struct cg_input *in)
{
	size_t i;

	if (in == NULL)
		return;
	for (i = 0; i < in->n; i++)
		cg_reader_free(in->r[i]);
	free(in->r);
	free(in);
}
