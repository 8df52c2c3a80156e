/*
 * input.h - a tool's file operands as one stream of records.
 *
 * No operands, or "-", is stdin. Several files must share the first
 * file's header, which a tool writes once. This wraps cg_reader over each
 * file in turn; the input owns its readers.
 *
 *     struct cg_reader_opts ro = cg_run_reader_opts(run, 0);
 *     struct cg_input *in = cg_input_open(run->argc, run->argv, &ro, err);
 *     if (in == NULL || cg_input_header(in, &hdr, err) <= 0) ...
 *     while ((rc = cg_input_next(in, &row, err)) > 0) ...
 *     cg_input_free(in);
 */
#ifndef CLIENTGRADE_INPUT_H
#define CLIENTGRADE_INPUT_H

#include "csv.h"
#include "error.h"

struct cg_input;

/* Open the first operand (the others lazily). NULL on error. */
struct cg_input *cg_input_open(int argc, char **argv,
    const struct cg_reader_opts *o, struct cg_err *err);

/*
 * Header of the first file that has one: 1, or -1 (err filled; all
 * inputs empty is CG_EDATA "no header line").
 */
int cg_input_header(struct cg_input *in, const struct cg_row **hdr,
    struct cg_err *err);

/* Next record of any file: 1, 0 (end of the last file), -1. */
int cg_input_next(struct cg_input *in, const struct cg_row **row,
    struct cg_err *err);

/* Back to the first record (the readers must be rewindable). */
int cg_input_rewind(struct cg_input *in, struct cg_err *err);

/* The reader of the current file (for cg_field_*, names, dialect). */
struct cg_reader *cg_input_reader(struct cg_input *in);

void cg_input_free(struct cg_input *in);

#endif
