/*
 * touchplan_text.c - text from the data made safe to show a person.
 *
 * Account names, owners and grades go into the agenda a rep reads in a
 * mail and into messages on a terminal. A name holding a line break
 * would forge an agenda line ("  visit  Fake Co (A): every 7 days"), and
 * an ESC sequence would reach the terminal. So every character that
 * moves the cursor or changes what follows is written visibly, the way
 * a C string would spell it: \n, \r, \t, \xHH for the other C0 controls
 * and DEL, \u0080..\u009f for the C1 controls (U+009B is a CSI on many
 * terminals), \u2028 \u2029 (line and paragraph separators, which some
 * mail readers break lines at) and the bidirectional overrides and
 * isolates U+202A..U+202E, U+2066..U+2069 (which reorder what follows
 * on screen). A byte that is not part of valid UTF-8 is written \xHH.
 * Everything else, backslashes included, is copied as it is.
 */
#include <stdio.h>
#include <string.h>

#include "clientgrade/buf.h"
#include "clientgrade/touchplan.h"

/* Length of a valid UTF-8 sequence at s (at most n bytes), code point in
 * *cp; 0 if the bytes are not one. */
static size_t
utf8_seq(const unsigned char *s, size_t n, unsigned long *cp)
{
	size_t len, i;
	unsigned long c;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, c = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF. */
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	*cp = c;
	return len;
}

/* 1 for a code point that must not reach a reader raw. */
static int
hidden(unsigned long c)
{
	return (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029 ||
	    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

void
cg_tp_text_safe(struct cg_buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0, len;
	unsigned long cp;
	char esc[16];

	while (i < n) {
		unsigned char c = p[i];

		if (c >= 0x20 && c < 0x7f) {
			i++;
			continue;
		}
		len = c >= 0x80 ? utf8_seq(p + i, n - i, &cp) : 0;
		if (len > 0 && !hidden(cp)) {
			i += len;
			continue;
		}
		cg_buf_add(b, s + run, i - run);
		if (c == '\n')
			cg_buf_add(b, "\\n", 2);
		else if (c == '\r')
			cg_buf_add(b, "\\r", 2);
		else if (c == '\t')
			cg_buf_add(b, "\\t", 2);
		else if (len > 0) {
			snprintf(esc, sizeof(esc), "\\u%04lx", cp);
			cg_buf_adds(b, esc);
		} else {
			snprintf(esc, sizeof(esc), "\\x%02x", c);
			cg_buf_adds(b, esc);
		}
		i += len > 0 ? len : 1;
		run = i;
	}
	cg_buf_add(b, s + run, n - run);
}

const char *
cg_tp_text_clip(char *buf, size_t cap, const char *s)
{
	struct cg_buf b = CG_BUF_INIT;
	size_t n;

	cg_tp_text_safe(&b, s, strlen(s));
	n = b.len < cap ? b.len : cap - 1;
	/* Never end inside a UTF-8 sequence or an escape's middle byte. */
	while (n > 0 && n < b.len && ((unsigned char)b.s[n] & 0xc0) == 0x80)
		n--;
	if (n > 0)
		memcpy(buf, b.s, n);
	buf[n] = '\0';
	cg_buf_free(&b);
	return buf;
}
