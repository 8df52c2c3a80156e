/*
 * safetext.h - text from the data made safe for where a tool shows it:
 * XML (the SVG plots) and a terminal or a mail (agendas, text summaries,
 * text plots). Account names, grades and headers come from files no one
 * checked, and one stray byte must neither break an SVG nor forge a line.
 */
#ifndef CLIENTGRADE_SAFETEXT_H
#define CLIENTGRADE_SAFETEXT_H

#include <stddef.h>

#include "buf.h"

/*
 * Append s[0..n) to b as XML character data or an attribute value: the
 * five markup characters as entities; tab, LF and CR as a space; every
 * character XML 1.0 forbids (C0 controls, U+FFFE, U+FFFF), DEL and the
 * C1 controls, and each byte that is not part of valid UTF-8 (encoded
 * surrogates too) as U+FFFD. The result is always well-formed.
 *     cg_xml_escape(&b, "A&B\x01", 4);   // "A&amp;B\xef\xbf\xbd"
 */
void cg_xml_escape(struct cg_buf *b, const char *s, size_t n);
/*
 * Append s[0..n) to b as a terminal may safely show it: \n \r \t for
 * those, \xHH for other C0 controls, DEL and bytes that are not UTF-8,
 * \uXXXX for C1 controls, U+2028, U+2029 and the bidi overrides and
 * isolates; everything else (backslashes too) as it is. The same
 * spelling everywhere text from the data reaches a person.
 *     cg_text_safe(&b, "Evil\n", 5);   // "Evil\\n"
 */
void cg_text_safe(struct cg_buf *b, const char *s, size_t n);
/* Columns s[0..n) takes on a terminal: its UTF-8 characters. */
size_t cg_text_cols(const char *s, size_t n);
/* Bytes of s[0..n) that hold its first `cols` characters. */
size_t cg_text_clip(const char *s, size_t n, size_t cols);

#endif
