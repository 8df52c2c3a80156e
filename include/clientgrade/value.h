/*
 * value.h - numbers, money, dates and yes/no values as spreadsheets and
 * CRMs export them. Pure functions: no I/O, no state, no locale.
 *
 * Every parser takes an explicit length (fields may contain anything),
 * returns CG_V_OK, CG_V_EMPTY (the field is empty or blank: a missing
 * value, never zero) or a negative CG_V_E* code; cg_value_strerror()
 * names the problem for messages.
 */
#ifndef CLIENTGRADE_VALUE_H
#define CLIENTGRADE_VALUE_H

#include <stddef.h>
#include <stdint.h>

enum cg_vcode {
	CG_V_OK = 0,
	CG_V_EMPTY = 1,
	CG_V_ESYNTAX = -1,	/* not a number/date/boolean */
	CG_V_ERANGE = -2,	/* out of range: 1e999, NaN, 2026-02-30 */
	CG_V_EUTF8 = -3,	/* invalid UTF-8 */
	CG_V_EAMBIG = -4	/* could be read two ways and no hint says which */
};

const char *cg_value_strerror(int vcode);

/* ---- numbers and money ---- */

/* What a number's spelling said about the decimal mark. */
enum cg_decimal_seen {
	CG_DEC_NONE = 0,	/* no evidence: "12", "1234" */
	CG_DEC_DOT = 1,		/* "1,234.50", "12.5" */
	CG_DEC_COMMA = 2	/* "1.234,50", "12,5", "1 234,50" */
};

struct cg_num_info {
	int decimal_seen;	/* enum cg_decimal_seen */
	int percent;		/* 1: had a trailing '%'; value was divided by 100 */
	int currency;		/* 1: had a currency sign or code */
	int negative_parens;	/* 1: written as (1,234.50) */
};

/*
 * Parse a number as a spreadsheet shows it: "1234.5", "-12", "$1,234.50",
 * "1.234,50", "1 234,50" (space, NBSP or narrow NBSP as thousands),
 * "€1.234,50", "1.234,50 €", "EUR 12", "(1,234.50)" (negative), "12%"
 * (0.12), "1'234.50", "1.5E3". Leading and trailing blanks are ignored.
 *
 * `decimal` says which mark to assume when the spelling alone cannot
 * tell ("1,234" or "1.234": '.' reads 1234 and 1.234, ',' reads 1.234
 * and 1234 respectively). Rejects NaN, infinities, "--5", trailing junk,
 * and magnitudes of CG_NUM_LIMIT or more (CG_V_ERANGE): a spreadsheet
 * keeps 15 significant digits, so nothing larger is a figure, and sums
 * of any number of rows stay finite and exact enough to print.
 * `info` may be NULL.
 */
#define CG_NUM_LIMIT 1e15
int cg_parse_num(const char *s, size_t n, char decimal, double *out,
    struct cg_num_info *info);

/*
 * Format v with `prec` digits after the mark (trailing zeros, and the
 * mark itself, trimmed when `trim` is 1) using `decimal` ('.' or ',');
 * no thousands separators, so a spreadsheet reads it back as a number.
 * Returns the length written (always NUL-terminated; cap >= 32 is safe).
 */
size_t cg_fmt_num(char *buf, size_t cap, double v, int prec, int trim,
    char decimal);

/* ---- dates ---- */

/* Day/month order of slash/dot dates. */
enum cg_date_order {
	CG_DATES_AUTO = 0,	/* tell from the value; ambiguous -> EAMBIG */
	CG_DATES_US = 1,	/* M/D/Y */
	CG_DATES_EU = 2,	/* D/M/Y and D.M.Y */
	CG_DATES_ISO = 3,	/* only Y-M-D accepted */
	CG_DATES_SERIAL = 4	/* Excel serial day numbers (45600 is
				 * 2024-11-04); text dates as with AUTO */
};

/* What a date's spelling allowed (bit set). */
#define CG_DATE_CAN_US	1
#define CG_DATE_CAN_EU	2
#define CG_DATE_IS_ISO	4

/*
 * Parse "2026-11-24" (also "2026/11/24", and with a time after it, which
 * is ignored), "11/24/2026" (US), "24.11.2026", "24/11/2026" (European),
 * two-digit years (69-99 -> 19xx, 00-68 -> 20xx). *days is days since
 * 1970-01-01. `order` resolves M/D vs D/M; with CG_DATES_AUTO a value
 * like 03/04/2026 returns CG_V_EAMBIG (and *can says both were possible).
 * Impossible dates (2026-02-30) are CG_V_ERANGE. `can` may be NULL.
 */
int cg_parse_date(const char *s, size_t n, int order, int32_t *days,
    int *can);

/* Days since 1970-01-01 <-> civil date (proleptic Gregorian). */
int32_t cg_days_from_civil(int y, int m, int d);

/* Highest Excel serial day (9999-12-31). */
#define CG_SERIAL_MAX 2958465

/*
 * An Excel serial date ("45600", "45623.5": the time of day is dropped)
 * in the 1900 system, with its leap day 1900-02-29 (serial 60, which
 * does not exist: CG_V_ERANGE). 1 to CG_SERIAL_MAX. CG_V_OK with *days,
 * CG_V_ESYNTAX when s is not such a number, CG_V_ERANGE.
 */
int cg_parse_serial_date(const char *s, size_t n, int32_t *days);
void cg_civil_from_days(int32_t days, int *y, int *m, int *d);

/* 0 = Monday ... 6 = Sunday. */
int cg_weekday(int32_t days);

/* ISO 8601 week: year and week number of a day; and Monday of a week. */
void cg_iso_week(int32_t days, int *year, int *week);
int32_t cg_iso_week_monday(int year, int week);

/* Write "YYYY-MM-DD" (11 bytes with the NUL). Returns 10. */
size_t cg_fmt_date(char *buf, int32_t days);

/* Today's local date as days since the epoch. */
int32_t cg_today(void);

/* ---- yes/no ---- */

/*
 * yes/no, y/n, true/false, 1/0, x (yes), on/off, ja/nein, oui/non, si,
 * case-insensitive; empty is CG_V_EMPTY (missing, not "no").
 */
int cg_parse_bool(const char *s, size_t n, int *out);

/* 1 if s[0..n) is valid UTF-8. */
int cg_utf8_valid(const char *s, size_t n);

#endif
