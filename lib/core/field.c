/*
 * field.c - typed values out of records, with errors that point at the
 * field. The parsing itself is value_*.c; this file adds the place, the
 * column's name and the per-column memory (decimal mark, date order).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "clientgrade/error.h"
#include "clientgrade/field.h"
#include "clientgrade/text.h"

/* Column name for messages: the header field, at most 40 bytes shown. */
static int
hname_len(const struct cg_reader *r, size_t col, const char **s)
{
	const struct cg_row *h = cg_reader_hdr(r);

	if (h == NULL || col >= h->n) {
		*s = "?";
		return 1;
	}
	*s = h->f[col];
	return (int)(h->len[col] > 40 ? 40 : h->len[col]);
}

/* Show a bad value in a message only when it is printable text. */
static int
shown_len(const char *s, size_t n)
{
	size_t i;

	if (!cg_utf8_valid(s, n))
		return -1;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20)
			return -1;
	return (int)(n > 40 ? 40 : n);
}

static int
value_err(struct cg_reader *r, const struct cg_row *row, size_t col,
    const char *what, int vcode, struct cg_err *err)
{
	const char *h, *s = row->f[col];
	int hl = hname_len(r, col, &h), sl = shown_len(s, row->len[col]);
	const char *why;

	switch (vcode) {
	case CG_V_ERANGE:
		why = strcmp(what, "date") == 0 ? "no such date" :
		    "out of range";
		break;
	case CG_V_EUTF8:
		return cg_row_err(err, CG_EVALUE, r, row, col,
		    "%.*s: invalid UTF-8 where a %s was expected", hl, h, what);
	default:
		why = strcmp(what, "date") == 0 ? "not a date (want "
		    "YYYY-MM-DD, M/D/YYYY, D.M.YYYY or D/M/YYYY)" :
		    strcmp(what, "number") == 0 ? "not a number" :
		    "not yes/no";
		break;
	}
	if (sl < 0)
		return cg_row_err(err, CG_EVALUE, r, row, col,
		    "%.*s: unprintable value: %s", hl, h, why);
	return cg_row_err(err, CG_EVALUE, r, row, col, "%.*s: '%.*s%s': %s",
	    hl, h, sl, s, row->len[col] > 40 ? "..." : "", why);
}

/*
 * 1 if the field reads as another number with the other decimal mark
 * ("1.234": 1234 or 1.234), so the mark in force was a guess.
 */
static int
ambiguous(struct cg_reader *r, const struct cg_row *row, size_t col,
    double v)
{
	const char *s = row->f[col];
	size_t n = row->len[col];
	char mark = cg_reader_dialect(r)->decimal == ',' ? '.' : ',';
	double alt;

	if (memchr(s, '.', n) == NULL && memchr(s, ',', n) == NULL)
		return 0;
	return cg_parse_num(s, n, mark, &alt, NULL) == CG_V_OK && alt != v;
}

int
cg_field_is_error_cell(const struct cg_row *row, size_t col)
{
	static const char *const cells[] = { "#N/A", "#DIV/0!", "#VALUE!",
	    "#REF!", "#NAME?", "#NUM!", "#NULL!", "#GETTING_DATA", "#SPILL!",
	    "#CALC!", NULL };
	const char *s = row->f[col];
	size_t n = row->len[col], i;

	cg_trim(&s, &n);
	if (n < 4 || s[0] != '#')
		return 0;
	for (i = 0; cells[i] != NULL; i++)
		if (strlen(cells[i]) == n && strncasecmp(s, cells[i], n) == 0)
			return 1;
	return 0;
}

/* A value that would not read may be an error cell: missing, counted. */
static int
error_cell(struct cg_reader *r, const struct cg_row *row, size_t col)
{
	if (!cg_field_is_error_cell(row, col))
		return 0;
	cg_reader_error_cell(r, row);
	return 1;
}

int
cg_field_num(struct cg_reader *r, const struct cg_row *row, size_t col,
    double *out, struct cg_err *err)
{
	struct cg_num_info info;
	int rc;

	rc = cg_parse_num(row->f[col], row->len[col],
	    cg_reader_dialect(r)->decimal, out, &info);
	if (rc == CG_V_EMPTY)
		return 0;
	if (rc != CG_V_OK)
		return error_cell(r, row, col) ? 0 :
		    value_err(r, row, col, "number", rc, err);
	if (info.decimal_seen != CG_DEC_NONE)
		return cg_reader_decimal_evidence(r, row, col,
		    info.decimal_seen, err) < 0 ? -1 : 1;
	if (!cg_reader_decimal_known(r) && ambiguous(r, row, col, *out))
		cg_reader_decimal_guess(r, row, col);
	return 1;
}

void
cg_datecol_init(struct cg_datecol *dc, int order)
{
	memset(dc, 0, sizeof(*dc));
	dc->order = order;
	dc->fixed = order != CG_DATES_AUTO;
}

static const char *
order_name(int order)
{
	return order == CG_DATES_US ? "US month/day" : "European day/month";
}

/*
 * Excel serial dates. A column whose first date is a plain number from 1
 * to CG_SERIAL_MAX, with no date written as text before it, is read as
 * serial numbers, with a note; so is every date column under --dates
 * serial. 1 (*out), 0 (empty), -1 (err), or 2: not a serial, read on.
 */
static int
serial(struct cg_reader *r, const struct cg_row *row, size_t col,
    struct cg_datecol *dc, const struct cg_run *run, int32_t *out,
    struct cg_err *err)
{
	const char *h;
	int rc, hl;
	long line, c;
	char day[16];

	if (!dc->serial && (dc->fixed || dc->guessed || dc->text_seen ||
	    (dc->order != CG_DATES_AUTO && dc->order != CG_DATES_SERIAL)))
		return 2;
	rc = cg_parse_serial_date(row->f[col], row->len[col], out);
	if (rc == CG_V_EMPTY)
		return 0;
	if (rc == CG_V_OK) {
		if (!dc->serial) {
			dc->serial = 1;
			hl = hname_len(r, col, &h);
			cg_row_locate(row, cg_reader_dialect(r)->delim, col,
			    &line, &c);
			cg_fmt_date(day, *out);
			if (dc->order != CG_DATES_SERIAL)
				cg_say(run, CG_SAY_NOTE, cg_reader_name(r),
				    line, c, "%.*s: '%.*s' is an Excel serial "
				    "date (%s); reading the column so (--dates "
				    "serial says it)", hl, h,
				    (int)(row->len[col] > 20 ? 20 :
				    row->len[col]), row->f[col], day);
		}
		return 1;
	}
	if (dc->serial && dc->order != CG_DATES_SERIAL) {
		if (error_cell(r, row, col))
			return 0;
		hl = hname_len(r, col, &h);
		return cg_row_err(err, CG_EVALUE, r, row, col, "%.*s: '%.*s' is "
		    "not an Excel serial date, as the column's first date was",
		    hl, h, (int)(row->len[col] > 40 ? 40 : row->len[col]),
		    row->f[col]);
	}
	return 2;
}

/* The other input's name when a place is in another file, else "". */
static const char *
other(const struct cg_reader *r, const char *file)
{
	return file != NULL && strcmp(file, cg_reader_name(r)) != 0 ? file :
	    "";
}

static const char *
sp(const struct cg_reader *r, const char *file)
{
	return *other(r, file) != '\0' ? " " : "";
}

int
cg_field_date(struct cg_reader *r, const struct cg_row *row, size_t col,
    struct cg_datecol *dc, const struct cg_run *run, int32_t *out,
    struct cg_err *err)
{
	const char *s = row->f[col], *h;
	size_t n = row->len[col];
	int can = 0, rc, hl, only;
	long line, c;

	if ((rc = serial(r, row, col, dc, run, out, err)) != 2)
		return rc;
	rc = cg_parse_date(s, n, dc->fixed || dc->guessed ? dc->order :
	    CG_DATES_AUTO, out, &can);
	if (rc == CG_V_EMPTY)
		return 0;
	if (rc != CG_V_OK && error_cell(r, row, col))
		return 0;
	if (rc == CG_V_OK)
		dc->text_seen = 1;
	only = (can & (CG_DATE_CAN_US | CG_DATE_CAN_EU));
	if (rc == CG_V_OK && !dc->fixed && !(can & CG_DATE_IS_ISO) &&
	    (only == CG_DATE_CAN_US || only == CG_DATE_CAN_EU)) {
		/* This value can only be read one way: that settles it. */
		int order = only == CG_DATE_CAN_US ? CG_DATES_US : CG_DATES_EU;

		cg_row_locate(row, cg_reader_dialect(r)->delim, col, &line, &c);
		dc->fixed = 1;
		dc->order = order;
		dc->evidence_line = line;
		dc->evidence_file = cg_reader_name(r);
		return 1;
	}
	if (rc == CG_V_OK)
		return 1;
	if (rc == CG_V_EAMBIG && !dc->fixed && !dc->guessed) {
		/* No evidence yet: read it the likelier way and say so. */
		dc->order = cg_reader_dialect(r)->delim == ',' ? CG_DATES_US :
		    CG_DATES_EU;
		dc->guessed = 1;
		cg_row_locate(row, cg_reader_dialect(r)->delim, col, &line, &c);
		dc->guess_line = line;
		dc->guess_file = cg_reader_name(r);
		hl = hname_len(r, col, &h);
		cg_warning_at(run, cg_reader_name(r), line, c, "%.*s: '%.*s' "
		    "could be month/day or day/month; reading the column as "
		    "%s (use --dates us or --dates eu to say which)", hl, h,
		    (int)(n > 40 ? 40 : n), s, order_name(dc->order));
		return cg_parse_date(s, n, dc->order, out, &can) == CG_V_OK ?
		    1 : value_err(r, row, col, "date", CG_V_ESYNTAX, err);
	}
	if (dc->guessed && !dc->fixed &&
	    (rc == CG_V_ERANGE || rc == CG_V_ESYNTAX) &&
	    cg_parse_date(s, n, dc->order == CG_DATES_US ? CG_DATES_EU :
	    CG_DATES_US, out, &can) == CG_V_OK) {
		hl = hname_len(r, col, &h);
		return cg_row_err(err, CG_EVALUE, r, row, col, "%.*s: '%.*s' "
		    "can only be %s, but %s%sline %ld was read as %s; rerun "
		    "with --dates %s", hl, h, (int)(n > 40 ? 40 : n), s,
		    order_name(dc->order == CG_DATES_US ? CG_DATES_EU :
		    CG_DATES_US), other(r, dc->guess_file), sp(r,
		    dc->guess_file), dc->guess_line, order_name(dc->order),
		    dc->order == CG_DATES_US ? "eu" : "us");
	}
	if (dc->fixed && dc->order != CG_DATES_ISO && rc != CG_V_EUTF8 &&
	    cg_parse_date(s, n, dc->order == CG_DATES_US ? CG_DATES_EU :
	    CG_DATES_US, out, &can) == CG_V_OK) {
		hl = hname_len(r, col, &h);
		if (dc->evidence_line > 0)
			return cg_row_err(err, CG_EVALUE, r, row, col,
			    "%.*s: '%.*s' can only be %s, but %s%sline %ld "
			    "can only be %s", hl, h, (int)(n > 40 ? 40 : n), s,
			    order_name(dc->order == CG_DATES_US ?
			    CG_DATES_EU : CG_DATES_US), other(r,
			    dc->evidence_file), sp(r, dc->evidence_file),
			    dc->evidence_line, order_name(dc->order));
		return cg_row_err(err, CG_EVALUE, r, row, col, "%.*s: '%.*s' "
		    "is not a %s date (--dates)", hl, h,
		    (int)(n > 40 ? 40 : n), s, order_name(dc->order));
	}
	return value_err(r, row, col, "date", rc, err);
}

int
cg_field_bool(struct cg_reader *r, const struct cg_row *row, size_t col,
    int *out, struct cg_err *err)
{
	int rc = cg_parse_bool(row->f[col], row->len[col], out);

	if (rc == CG_V_EMPTY)
		return 0;
	if (rc != CG_V_OK)
		return error_cell(r, row, col) ? 0 :
		    value_err(r, row, col, "yes/no value", rc, err);
	return 1;
}

size_t
cg_field_fmt(const struct cg_reader *r, char *buf, size_t cap, double v,
    int prec)
{
	return cg_fmt_num(buf, cap, v, prec, 1,
	    cg_reader_dialect((struct cg_reader *)r)->decimal);
}
