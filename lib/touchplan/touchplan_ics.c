/*
 * touchplan_ics.c - the plan as iCalendar (RFC 5545): one all-day VEVENT
 * (or VTODO) per planned touch, an undated VTODO per overflow touch.
 *
 * UIDs are a hash of what identifies a touch across runs: its owner, the
 * account (id and name, so two accounts sharing a name and no id, or
 * sharing an id, stay apart), the series (cadence and track), the
 * period's first day and the touch number. Importing a re-run updates
 * the events instead of duplicating them. Accounts that share owner, id
 * and name all the same are told apart by their order in the input
 * (cg_tp_account.dup; the driver warns). DTSTAMP comes from --today, so
 * the output is a pure function of the input.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clientgrade/buf.h"
#include "clientgrade/tool.h"
#include "clientgrade/touchplan.h"
#include "clientgrade/value.h"

int
cg_tp_write_all(int fd, const char *s, size_t n, struct cg_err *err)
{
	ssize_t w;

	while (n > 0) {
		if ((w = write(fd, s, n)) < 0) {
			if (errno == EINTR)
				continue;
			return cg_err_set(err, CG_EWRITE, NULL, 0, 0,
			    "write error:");
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

void
cg_tp_ics_line(struct cg_buf *b, const char *s, size_t n)
{
	size_t room = 75, k;

	for (;;) {
		if (n <= room) {
			cg_buf_add(b, s, n);
			break;
		}
		/* Never cut inside a UTF-8 sequence: back up over
		 * continuation bytes (10xxxxxx) to a character start. */
		k = room;
		while (k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)
			k--;
		if (k == 0)
			k = room;	/* not UTF-8 at all: cut anyway */
		cg_buf_add(b, s, k);
		cg_buf_add(b, "\r\n ", 3);
		s += k;
		n -= k;
		room = 74;	/* the leading blank counts */
	}
	cg_buf_add(b, "\r\n", 2);
}

void
cg_tp_ics_text(struct cg_buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '\\':
		case ';':
		case ',':
			cg_buf_addc(b, '\\');
			cg_buf_addc(b, (char)c);
			break;
		case '\r':
			if (i + 1 < n && s[i + 1] == '\n')
				i++;
			/* FALLTHROUGH */
		case '\n':
			cg_buf_add(b, "\\n", 2);
			break;
		default:
			/* TEXT allows no other control characters. */
			cg_buf_addc(b, c < 0x20 || c == 0x7f ? ' ' : (char)c);
			break;
		}
	}
}

static uint64_t
fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* The UID's hash of one touch (see the top of the file). */
static uint64_t
uid_hash(const struct cg_tp_out *o, const struct cg_tp_touch *t)
{
	const struct cg_tp_account *a = &o->accts[t->acct];
	const struct cg_tp_track *k = &a->cad->tracks[t->track];
	const char *rep = o->reps[a->rep];
	uint64_t h = 0xcbf29ce484222325ULL;

	/* Each string with its NUL, so "ab"+"c" is not "a"+"bc". */
	h = fnv(h, rep, strlen(rep) + 1);
	h = fnv(h, a->id, strlen(a->id) + 1);
	h = fnv(h, a->name, strlen(a->name) + 1);
	h = fnv(h, a->cad->name, strlen(a->cad->name) + 1);
	h = fnv(h, k->name, strlen(k->name) + 1);
	h = fnv(h, &o->from, sizeof(o->from));
	h = fnv(h, &t->no, sizeof(t->no));
	if (a->dup > 0)
		h = fnv(h, &a->dup, sizeof(a->dup));
	return h;
}

/* Emit "NAME:" + escaped text as one folded content line. */
static void
prop_text(struct cg_buf *out, struct cg_buf *tmp, const char *name,
    const char *text)
{
	cg_buf_reset(tmp);
	cg_buf_adds(tmp, name);
	cg_buf_addc(tmp, ':');
	cg_tp_ics_text(tmp, text, strlen(text));
	cg_tp_ics_line(out, tmp->s, tmp->len);
}

static void
prop(struct cg_buf *out, struct cg_buf *tmp, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
prop(struct cg_buf *out, struct cg_buf *tmp, const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	(void)tmp;
	cg_tp_ics_line(out, line, n < 0 ? 0 : (size_t)n >= sizeof(line) ?
	    sizeof(line) - 1 : (size_t)n);
}

static void
ymd(char *buf, int32_t day)
{
	int y, m, d;

	cg_civil_from_days(day, &y, &m, &d);
	snprintf(buf, 9, "%04d%02d%02d", y, m, d);
}

int
cg_tp_write_ics(int fd, const struct cg_tp_out *o, const struct cg_tp_plan *p,
    struct cg_err *err)
{
	struct cg_buf out = CG_BUF_INIT, tmp = CG_BUF_INIT, txt = CG_BUF_INIT;
	char stamp[9], d1[9], d2[9], reason[160];
	const char *kind;
	size_t i;
	uint64_t h;
	int rc = 0;

	ymd(stamp, o->today);
	cg_tp_ics_line(&out, "BEGIN:VCALENDAR", 15);
	prop(&out, &tmp, "VERSION:2.0");
	prop(&out, &tmp, "PRODID:-//clientgrade//touchplan %s//EN", CG_VERSION);
	prop(&out, &tmp, "CALSCALE:GREGORIAN");
	for (i = 0; i < p->n && rc == 0; i++) {
		const struct cg_tp_touch *t = &p->v[i];
		const struct cg_tp_account *a = &o->accts[t->acct];
		const char *ch = cg_tp_channel_name(t->channel);
		int planned = t->date != CG_TP_NODATE;

		kind = planned && !o->todo ? "VEVENT" : "VTODO";
		h = uid_hash(o, t);
		prop(&out, &tmp, "BEGIN:%s", kind);
		prop(&out, &tmp, "UID:touchplan-%016llx@clientgrade",
		    (unsigned long long)h);
		prop(&out, &tmp, "DTSTAMP:%sT000000Z", stamp);
		if (planned) {
			ymd(d1, t->date);
			ymd(d2, t->date + 1);
			prop(&out, &tmp, "DTSTART;VALUE=DATE:%s", d1);
			if (o->todo)
				prop(&out, &tmp, "DUE;VALUE=DATE:%s", d2);
			else {
				prop(&out, &tmp, "DTEND;VALUE=DATE:%s", d2);
				prop(&out, &tmp, "TRANSP:TRANSPARENT");
			}
		}
		cg_buf_reset(&txt);
		cg_buf_printf(&txt, "%s%c%s: %s (%s)", planned ? "" :
		    "Unplanned ", planned ? (char)(ch[0] - 'a' + 'A') : ch[0],
		    ch + 1, a->name, a->grade);
		if (t->topic > 0)
			cg_buf_printf(&txt, ": %s", o->topic_names[t->topic - 1]);
		prop_text(&out, &tmp, "SUMMARY", txt.s);
		cg_tp_reason(t, a, reason, sizeof(reason));
		cg_buf_reset(&txt);
		cg_buf_printf(&txt, "Owner: %s\nAccount: %s%s%s%s\n%c%s: %s\n"
		    "Touch %u: %s", o->reps[a->rep], a->name,
		    a->id[0] != '\0' ? " (" : "", a->id,
		    a->id[0] != '\0' ? ")" : "",
		    o->role_name[0] - 'a' + 'A', o->role_name + 1, a->grade,
		    (unsigned)t->no, reason);
		if (t->topic > 0)
			cg_buf_printf(&txt, "\nTopic: %s%s%s",
			    o->topic_names[t->topic - 1],
			    o->topic_texts[t->topic - 1][0] != '\0' ? "\n" : "",
			    o->topic_texts[t->topic - 1]);
		prop_text(&out, &tmp, "DESCRIPTION", txt.s);
		prop_text(&out, &tmp, "CATEGORIES", ch);
		if (!planned || o->todo)
			prop(&out, &tmp, "STATUS:NEEDS-ACTION");
		prop(&out, &tmp, "END:%s", kind);
		if (out.len >= 65536) {
			rc = cg_tp_write_all(fd, out.s, out.len, err);
			cg_buf_reset(&out);
		}
	}
	cg_tp_ics_line(&out, "END:VCALENDAR", 13);
	if (rc == 0)
		rc = cg_tp_write_all(fd, out.s, out.len, err);
	cg_buf_free(&out);
	cg_buf_free(&tmp);
	cg_buf_free(&txt);
	return rc;
}
