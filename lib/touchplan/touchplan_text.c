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
#include "clientgrade/safetext.h"
#include "clientgrade/touchplan.h"

/* The one spelling of safe text for every tool (safetext.h). */
void
cg_tp_text_safe(struct cg_buf *b, const char *s, size_t n)
{
	cg_text_safe(b, s, n);
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
