/*
 * field.h - reading a typed value out of a record's field, with the error
 * pointing at FILE:LINE:COL. Glue between csv.h and value.h so every tool
 * reports bad values the same way.
 */
#ifndef CLIENTGRADE_FIELD_H
#define CLIENTGRADE_FIELD_H

#include <stddef.h>
#include <stdint.h>
#include "csv.h"
#include "run.h"
#include "value.h"

/*
 * Number from field `col` of `row`. Returns 1 (value in *out), 0 (empty:
 * missing) or -1 (err filled, CG_EVALUE, naming the column header).
 * Evidence about the decimal mark updates cg_reader_dialect(r)->decimal,
 * so numbers the tool writes follow the input's style.
 */
int cg_field_num(struct cg_reader *r, const struct cg_row *row, size_t col,
    double *out, struct cg_err *err);

/*
 * Per-column memory of the day/month order. Start from cg_datecol_init
 * with the --dates setting. With CG_DATES_AUTO the first value that can
 * only be one order fixes it; an ambiguous value before any evidence is
 * read the way `guess` says with one warning on stderr naming the place,
 * and later evidence against that guess is an error naming both places.
 */
struct cg_datecol {
	int order;		/* enum cg_date_order in force */
	int fixed;		/* 1: from --dates or from evidence */
	int guessed;		/* 1: an ambiguous value was read by guess */
	long guess_line;	/* where the guess was made */
	long evidence_line;	/* where the order was seen */
	const char *guess_file;	/* ... and in which input (borrowed) */
	const char *evidence_file;
	int serial;		/* Excel serial numbers (seen, or --dates) */
	int text_seen;		/* a date written as text was read */
};
void cg_datecol_init(struct cg_datecol *dc, int order);

/*
 * Date from field `col`: 1 (days since epoch in *out), 0 (empty) or -1.
 * The one-time ambiguity warning goes through the run (cg_warning_at);
 * `run` may be NULL, and the warning is then dropped.
 */
int cg_field_date(struct cg_reader *r, const struct cg_row *row, size_t col,
    struct cg_datecol *dc, const struct cg_run *run, int32_t *out,
    struct cg_err *err);

/*
 * A spreadsheet's error cell (#N/A, #DIV/0!, #VALUE!, #REF!, #NAME?,
 * #NUM!, #NULL!): 1 if field `col` is one. cg_field_num, _date and _bool
 * read such a cell as missing (0) and the reader counts it for one
 * warning per input.
 */
int cg_field_is_error_cell(const struct cg_row *row, size_t col);

/* Yes/no from field `col`: 1 (in *out), 0 (empty) or -1. */
int cg_field_bool(struct cg_reader *r, const struct cg_row *row, size_t col,
    int *out, struct cg_err *err);

/*
 * Format a number for an added column in the reader's decimal style;
 * returns the length (buf is NUL-terminated; cap >= 32).
 */
size_t cg_field_fmt(const struct cg_reader *r, char *buf, size_t cap,
    double v, int prec);

#endif
