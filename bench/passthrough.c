/*
 * passthrough - the core's own cost: read standard input with the
 * clientgrade reader and write every record back with the writer.
 *
 *     passthrough [--compute] < in.csv > out.csv
 *
 * Without options nothing is changed, so the output must equal the input
 * byte for byte (the benchmark checks this). With --compute it does the
 * floor's job (bench/floor.c) through the core: the `floor` column is
 * twice the volume (role volume, else value), read with cg_field_num and
 * written in the input's number style. Comparing the two programs with
 * the floor shows what the core costs before a tool computes anything.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "clientgrade/csv.h"
#include "clientgrade/error.h"
#include "clientgrade/field.h"
#include "clientgrade/roles.h"

static void
usage(void)
{
	fprintf(stderr, "usage: passthrough [--compute]\n");
	exit(2);
}

static int
run(int compute, struct cg_err *err)
{
	struct cg_colmap cols = { 0, 0, NULL };
	struct cg_reader *r;
	struct cg_writer *w = NULL;
	const struct cg_row *hdr, *row;
	struct cg_put put;
	char num[64];
	size_t col = 0;
	double v;
	int rc, have = 0;

	if ((r = cg_reader_open(0, "<stdin>", NULL, err)) == NULL)
		return -1;
	if ((rc = cg_reader_header(r, &hdr, err)) <= 0)
		goto out;
	if (compute) {
		rc = cg_role_find(hdr, &cols, "volume", &col, err);
		if (rc == 0)
			rc = cg_role_find(hdr, &cols, "value", &col, err);
		if (rc < 0)
			goto out;
		have = rc;
	}
	w = cg_writer_new(1, "<stdout>", cg_reader_dialect(r));
	put.col = hdr->n;
	put.s = "floor";
	put.n = CG_STRLEN;
	if ((rc = cg_writer_row(w, hdr, &put, compute, err)) < 0)
		goto out;
	while ((rc = cg_reader_next(r, &row, err)) > 0) {
		put.col = row->n;
		put.s = "";
		put.n = 0;
		if (compute && have) {
			if ((rc = cg_field_num(r, row, col, &v, err)) < 0)
				goto out;
			if (rc > 0) {
				put.n = cg_field_fmt(r, num, sizeof(num), v * 2, 2);
				put.s = num;
			}
		}
		if ((rc = cg_writer_row(w, row, &put, compute, err)) < 0)
			goto out;
	}
	if (rc == 0)
		rc = cg_writer_close(w, err);
	else
		(void)cg_writer_close(w, NULL);
	w = NULL;
out:
	if (w != NULL)
		(void)cg_writer_close(w, NULL);
	cg_reader_free(r);
	return rc < 0 ? -1 : 0;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "compute", no_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	struct cg_err err;
	int ch, compute = 0;

	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			compute = 1;
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	cg_sigpipe_default();
	if (run(compute, &err) < 0) {
		cg_err_print("passthrough", &err);
		return cg_exit_status(err.code);
	}
	if (cg_close_stdout(&err) < 0) {
		cg_err_print("passthrough", &err);
		return 2;
	}
	return 0;
}
