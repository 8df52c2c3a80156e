/*
 * value_text.h - helpers the value parsers share (private to lib/).
 *
 * "Blank" means what spreadsheets put around and inside numbers: space,
 * tab, NBSP (U+00A0), narrow NBSP (U+202F), figure space (U+2007) and
 * thin space (U+2009). The input must already be valid UTF-8.
 */
#ifndef CLIENTGRADE_VALUE_TEXT_H
#define CLIENTGRADE_VALUE_TEXT_H

#include <stddef.h>
#include "clientgrade/text.h"

/* Length of the blank that starts s[0..n), or 0 if it is not a blank. */
size_t cg_value_blank(const char *s, size_t n);

/* cg_trim is public: clientgrade/text.h. */

/* ASCII case-insensitive: 1 if s[0..n) equals the lowercase word w. */
int cg_value_word(const char *s, size_t n, const char *w);

#endif
