/*
 * safetext.c - text from the data made safe for where the tools put it:
 * XML for the SVG plots, a terminal (or a mail) for agendas, text plots
 * and text summaries (safetext.h). Account names, grades and column
 * headers all come from files a user did not write by hand.
 *
 * XML 1.0 allows no C0 control but tab, LF and CR, neither U+FFFE nor
 * U+FFFF, and only well-formed UTF-8: one such character anywhere and a
 * conforming parser refuses the whole SVG. Each becomes U+FFFD, the
 * replacement character, as does every byte that is not part of valid
 * UTF-8 (an encoded surrogate included); DEL and the C1 controls, which
 * XML only discourages, too. Tab, LF and CR become a space: a label is
 * one line.
 *
 * On a terminal a line break would forge a line of the picture and an
 * ESC sequence would reach the terminal itself. These are written the
 * way a C string would spell them:
 * \n, \r, \t, \xHH for the other C0 controls, DEL and bytes that are not
 * UTF-8, \uXXXX for the C1 controls (U+009B is a CSI on many terminals),
 * U+2028, U+2029 and the bidirectional overrides and isolates.
 */
#include <stdio.h>
#include <string.h>

#include "clientgrade/buf.h"
#include "clientgrade/safetext.h"

#define REPLACEMENT "\xef\xbf\xbd"	/* U+FFFD in UTF-8 */

/* Length of a valid UTF-8 sequence of two or more bytes at s (at most n
 * bytes), its code point in *cp; 0 if the bytes are not one. */
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

void
cg_xml_escape(struct cg_buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len;
	unsigned long cp;
	unsigned char c;

	while (i < n) {
		c = p[i];
		if (c >= 0x80) {
			len = utf8_seq(p + i, n - i, &cp);
			if (len == 0 || cp <= 0x9f || cp == 0xfffe ||
			    cp == 0xffff)
				cg_buf_adds(b, REPLACEMENT);
			else
				cg_buf_add(b, s + i, len);
			i += len > 0 ? len : 1;
			continue;
		}
		switch (c) {
		case '&': cg_buf_adds(b, "&amp;"); break;
		case '<': cg_buf_adds(b, "&lt;"); break;
		case '>': cg_buf_adds(b, "&gt;"); break;
		case '"': cg_buf_adds(b, "&quot;"); break;
		case '\'': cg_buf_adds(b, "&apos;"); break;
		case '\t': case '\n': case '\r': cg_buf_addc(b, ' '); break;
		default:
			if (c < 0x20 || c == 0x7f)
				cg_buf_adds(b, REPLACEMENT);
			else
				cg_buf_addc(b, (char)c);
		}
		i++;
	}
}

/* 1 for a code point that must not reach a terminal raw. */
static int
hidden(unsigned long c)
{
	return (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029 ||
	    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

void
cg_text_safe(struct cg_buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0, len;
	unsigned long cp = 0;
	unsigned char c;
	char esc[12];

	while (i < n) {
		c = p[i];
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
			cg_buf_adds(b, "\\n");
		else if (c == '\r')
			cg_buf_adds(b, "\\r");
		else if (c == '\t')
			cg_buf_adds(b, "\\t");
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

size_t
cg_text_cols(const char *s, size_t n)
{
	size_t i, cols = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			cols++;
	return cols;
}

size_t
cg_text_clip(const char *s, size_t n, size_t cols)
{
	size_t i, seen = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80 && seen++ == cols)
			return i;
	return n;
}
