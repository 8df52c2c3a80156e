/*
 * text.h - small text helpers every tool shares: trimming a field and
 * writing an integer. One copy each, here.
 */
#ifndef CLIENTGRADE_TEXT_H
#define CLIENTGRADE_TEXT_H

#include <stddef.h>

/*
 * Drop blanks at both ends of (*s, *n): space, tab, and the spaces
 * spreadsheets put around numbers (NBSP U+00A0, U+202F, U+2007, U+2009).
 * Bytes that are not valid UTF-8 are never blanks.
 *
 *     const char *s = row->f[c]; size_t n = row->len[c];
 *     cg_trim(&s, &n);
 */
void cg_trim(const char **s, size_t *n);

/* Room for any long in decimal, its sign and the NUL. */
#define CG_LONG_BUFSIZE 24

/*
 * Write v in decimal into buf (at least CG_LONG_BUFSIZE bytes), NUL-
 * terminated; returns the length. No locale, no padding.
 */
size_t cg_fmt_long(char *buf, long v);

#endif
