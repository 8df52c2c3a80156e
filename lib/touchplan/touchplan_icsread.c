/*
 * touchplan_icsread.c - holidays from an iCalendar file, read with
 * libical.
 *
 * libical parses the content lines, values, durations and recurrence
 * rules; this file feeds it one unfolded line at a time so that every
 * error can name its line, and checks what libical lets through: a
 * component that is never ended (a file cut short), an END that closes
 * another component, a date it would read leniently ("2026122x" as
 * 20261202). An event blocks every day from DTSTART to DTEND (exclusive
 * for dates) or for its DURATION, each occurrence of its RRULE and RDATE
 * within the plan's period except its EXDATEs and the occurrences moved
 * by a RECURRENCE-ID; a STATUS:CANCELLED event blocks nothing.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libical/ical.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "clientgrade/touchplan.h"
#include "clientgrade/value.h"
#include "touchplan_int.h"

/* A recurring event's occurrences are followed this far at most. */
#define MAX_OCCURRENCES 1000000L
#define MAX_DEPTH 16

struct ics {
	const char *name;		/* the file, for messages */
	int32_t from, to;		/* recurrences are expanded in these */
	struct cg_tp_dates *d;
	struct cg_err *err;
	char comp[MAX_DEPTH][32];	/* open components and their lines */
	long compline[MAX_DEPTH];
	int depth;
	/* Lines of the VEVENTs of the calendar being read, in order. */
	long *evline;
	size_t nev, evcap;
};

/* A date written as YYYYMMDD, optionally followed by THHMMSS[Z]. */
static int
strict_date(const char *v, size_t n)
{
	size_t i;

	if (n < 8)
		return 0;
	for (i = 0; i < 8; i++)
		if (!isdigit((unsigned char)v[i]))
			return 0;
	{
		int y = (v[0] - '0') * 1000 + (v[1] - '0') * 100 +
		    (v[2] - '0') * 10 + (v[3] - '0');
		int m = (v[4] - '0') * 10 + (v[5] - '0');
		int d = (v[6] - '0') * 10 + (v[7] - '0'), y2, m2, d2;

		if (m < 1 || m > 12 || d < 1)
			return 0;
		cg_civil_from_days(cg_days_from_civil(y, m, d), &y2, &m2, &d2);
		if (y2 != y || m2 != m || d2 != d)
			return 0;	/* 20260230 */
	}
	if (n == 8)
		return 1;
	if (v[8] != 'T' || (n != 15 && !(n == 16 && v[15] == 'Z')))
		return 0;
	for (i = 9; i < 15; i++)
		if (!isdigit((unsigned char)v[i]))
			return 0;
	return 1;
}

static int32_t
day_of(struct icaltimetype t)
{
	return cg_days_from_civil(t.year, t.month, t.day);
}

/* The first X-LIC-ERROR libical put into c or its children, or NULL. */
static const char *
lic_error(icalcomponent *c)
{
	icalproperty *p;
	icalcomponent *k;
	const char *s;

	p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY);
	if (p != NULL)
		return icalproperty_get_xlicerror(p);
	for (k = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT);
	    k != NULL; k = icalcomponent_get_next_component(c,
	    ICAL_ANY_COMPONENT))
		if ((s = lic_error(k)) != NULL)
			return s;
	return NULL;
}

/* Block `len` days from `start`; with `clip`, only those in the period. */
static void
block(struct ics *x, int32_t start, int32_t len, int clip)
{
	int32_t day;

	for (day = start; day < start + len; day++)
		if (!clip || (day >= x->from && day <= x->to))
			cg_tp_dates_add(x->d, day);
}

/* How many days one occurrence of event e blocks. */
static int32_t
event_days(icalcomponent *e, struct icaltimetype start)
{
	struct icaltimetype end = icalcomponent_get_dtend(e);
	int32_t s = day_of(start), n;

	if (icaltime_is_null_time(end))
		return 1;
	if (start.is_date)
		n = day_of(end) - s;	/* DTEND of a date is exclusive */
	else
		n = day_of(end) - s + (end.hour || end.minute || end.second);
	return n > 0 ? n : 1;
}

/*
 * libical walks a component's children and properties with one cursor
 * inside the component, so no walk may start while another is under way
 * on the same component: what a walk needs later is collected first.
 */
struct days {
	size_t n, cap;
	int32_t *v;
};

static void
days_add(struct days *d, int32_t day)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 8;
		d->v = cg_xreallocarray(d->v, d->cap, sizeof(*d->v));
	}
	d->v[d->n++] = day;
}

static int
days_has(const struct days *d, int32_t day)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->v[i] == day)
			return 1;
	return 0;
}

/* An occurrence moved by a RECURRENCE-ID: the event's UID and the day. */
struct moved {
	const char *uid;	/* inside the calendar component */
	int32_t day;
};

struct moves {
	size_t n, cap;
	struct moved *v;
};

static int
moved_away(const struct moves *m, const char *uid, int32_t day)
{
	size_t i;

	for (i = 0; uid != NULL && i < m->n; i++)
		if (m->v[i].day == day && strcmp(m->v[i].uid, uid) == 0)
			return 1;
	return 0;
}

#define MAX_RULES 8

/* Every occurrence of a recurring event that reaches into the period. */
static int
recur(struct ics *x, const struct moves *mv, icalcomponent *e,
    struct icaltimetype start, int32_t len, long line)
{
	const char *uid = icalcomponent_get_uid(e);
	struct icalrecurrencetype rule[MAX_RULES];
	struct days ex = { 0, 0, NULL }, extra = { 0, 0, NULL };
	icalproperty *p;
	icalrecur_iterator *it;
	struct icaltimetype t;
	size_t nrule = 0, i;
	int32_t day;
	long n;
	int rc = 0;

	for (p = icalcomponent_get_first_property(e, ICAL_ANY_PROPERTY);
	    p != NULL; p = icalcomponent_get_next_property(e,
	    ICAL_ANY_PROPERTY)) {
		switch (icalproperty_isa(p)) {
		case ICAL_EXDATE_PROPERTY:
			days_add(&ex, day_of(icalproperty_get_exdate(p)));
			break;
		case ICAL_RRULE_PROPERTY:
			if (nrule < MAX_RULES)
				rule[nrule++] = icalproperty_get_rrule(p);
			break;
		case ICAL_RDATE_PROPERTY: {
			struct icaldatetimeperiodtype r =
			    icalproperty_get_rdate(p);

			t = icaltime_is_null_time(r.time) ? r.period.start :
			    r.time;
			if (!icaltime_is_null_time(t))
				days_add(&extra, day_of(t));
			break;
		}
		default:
			break;
		}
	}
	for (i = 0; i < nrule && rc == 0; i++) {
		if ((it = icalrecur_iterator_new(rule[i], start)) == NULL) {
			rc = cg_err_set(x->err, CG_EVALUE, x->name, line, 0,
			    "VEVENT: an RRULE libical cannot follow");
			break;
		}
		for (n = 0;; n++) {
			t = icalrecur_iterator_next(it);
			if (icaltime_is_null_time(t) || (day = day_of(t)) >
			    x->to)
				break;
			if (n >= MAX_OCCURRENCES) {
				rc = cg_err_set(x->err, CG_EVALUE, x->name,
				    line, 0, "VEVENT: its RRULE repeats more "
				    "than %ld times before the period ends",
				    MAX_OCCURRENCES);
				break;
			}
			if (day + len > x->from && !days_has(&ex, day) &&
			    !moved_away(mv, uid, day))
				block(x, day, len, 1);
		}
		icalrecur_iterator_free(it);
	}
	for (i = 0; i < extra.n; i++)
		if (!days_has(&ex, extra.v[i]))
			block(x, extra.v[i], len, 1);
	free(ex.v);
	free(extra.v);
	return rc;
}

/* The holidays of one calendar libical has read. */
static int
calendar_days(struct ics *x, icalcomponent *cal)
{
	struct moves mv = { 0, 0, NULL };
	icalcomponent *e, **ev = NULL;
	size_t i, nev = 0, cap = 0;
	const char *why;
	int rc = 0;

	/* One walk over the events (see struct days): the rest works on
	 * the array, whatever libical walks inside. */
	for (e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	    e != NULL; e = icalcomponent_get_next_component(cal,
	    ICAL_VEVENT_COMPONENT)) {
		if (nev == cap) {
			cap = cap ? 2 * cap : 32;
			ev = cg_xreallocarray(ev, cap, sizeof(*ev));
		}
		ev[nev++] = e;
	}
	for (i = 0; i < nev; i++) {
		struct icaltimetype rid = icalcomponent_get_recurrenceid(ev[i]);
		const char *uid = icalcomponent_get_uid(ev[i]);

		if (icaltime_is_null_time(rid) || uid == NULL)
			continue;
		if (mv.n == mv.cap) {
			mv.cap = mv.cap ? 2 * mv.cap : 8;
			mv.v = cg_xreallocarray(mv.v, mv.cap, sizeof(*mv.v));
		}
		mv.v[mv.n].uid = uid;
		mv.v[mv.n++].day = day_of(rid);
	}
	for (i = 0; i < nev && rc == 0; i++) {
		long line = i < x->nev ? x->evline[i] : 0;
		struct icaltimetype start;
		int32_t len;

		e = ev[i];
		if ((why = lic_error(e)) != NULL) {
			rc = cg_err_set(x->err, CG_EVALUE, x->name, line, 0,
			    "VEVENT: %s", why);
			break;
		}
		if (icalcomponent_get_status(e) == ICAL_STATUS_CANCELLED)
			continue;	/* called off: not a holiday */
		start = icalcomponent_get_dtstart(e);
		if (icaltime_is_null_time(start)) {
			rc = cg_err_set(x->err, CG_EVALUE, x->name, line, 0,
			    "VEVENT without DTSTART");
			break;
		}
		len = event_days(e, start);
		block(x, day_of(start), len, 0);
		rc = recur(x, &mv, e, start, len, line);
	}
	free(mv.v);
	free(ev);
	return rc;
}

/* The name of a content line NAME[;PARAM...]:VALUE and its value. */
static int
split_line(const char *s, size_t n, size_t *namelen, const char **v,
    size_t *vlen)
{
	size_t i;
	int q = 0;

	*namelen = 0;
	while (*namelen < n && s[*namelen] != ';' && s[*namelen] != ':')
		(*namelen)++;
	for (i = *namelen; i < n; i++) {
		if (s[i] == '"')
			q = !q;
		else if (s[i] == ':' && !q) {
			*v = s + i + 1;
			*vlen = n - i - 1;
			return *namelen > 0;
		}
	}
	return 0;
}

static int
is_name(const char *s, size_t n, const char *name)
{
	return strlen(name) == n && strncasecmp(s, name, n) == 0;
}

/* BEGIN and END kept in step; an END that closes another is an error. */
static int
nesting(struct ics *x, const char *s, size_t nl, const char *v, size_t vl,
    long line)
{
	if (is_name(s, nl, "BEGIN")) {
		if (x->depth == MAX_DEPTH || vl >= sizeof(x->comp[0]))
			return cg_err_set(x->err, CG_EVALUE, x->name, line, 0,
			    "components nested too deep");
		memcpy(x->comp[x->depth], v, vl);
		x->comp[x->depth][vl] = '\0';
		x->compline[x->depth++] = line;
		if (x->depth == 2 && vl == 6 && strncasecmp(v, "VEVENT",
		    6) == 0) {
			if (x->nev == x->evcap) {
				x->evcap = x->evcap ? 2 * x->evcap : 32;
				x->evline = cg_xreallocarray(x->evline,
				    x->evcap, sizeof(*x->evline));
			}
			x->evline[x->nev++] = line;
		}
	} else if (is_name(s, nl, "END")) {
		if (x->depth == 0)
			return cg_err_set(x->err, CG_EVALUE, x->name, line, 0,
			    "END:%.*s without a BEGIN", (int)(vl > 40 ? 40 :
			    vl), v);
		if (strlen(x->comp[x->depth - 1]) != vl ||
		    strncasecmp(x->comp[x->depth - 1], v, vl) != 0)
			return cg_err_set(x->err, CG_EVALUE, x->name, line, 0,
			    "END:%.*s does not close BEGIN:%s of line %ld",
			    (int)(vl > 40 ? 40 : vl), v,
			    x->comp[x->depth - 1], x->compline[x->depth - 1]);
		x->depth--;
	} else if (x->depth == 0)
		return cg_err_set(x->err, CG_EVALUE, x->name, line, 0,
		    "%.*s outside BEGIN:VCALENDAR", (int)(nl > 40 ? 40 : nl),
		    s);
	return 0;
}

/* 1 if the parameters s[0..n) say VALUE=PERIOD. */
static int
period_value(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 12 <= n; i++)
		if (strncasecmp(s + i, "VALUE=PERIOD", 12) == 0)
			return 1;
	return 0;
}

/* The dates libical would read leniently, checked strictly first. */
static int
check_dates(struct ics *x, const char *s, size_t nl, const char *v,
    size_t vl, long line)
{
	const char *p = v, *q, *end = v + vl;

	if (!is_name(s, nl, "DTSTART") && !is_name(s, nl, "DTEND") &&
	    !is_name(s, nl, "EXDATE") && !is_name(s, nl, "RECURRENCE-ID") &&
	    !(is_name(s, nl, "RDATE") && !period_value(s, (size_t)(v - s))))
		return 0;
	for (; p <= end; p = q + 1) {
		if ((q = memchr(p, ',', (size_t)(end - p))) == NULL)
			q = end;
		if (!strict_date(p, (size_t)(q - p)))
			return cg_err_set(x->err, CG_EVALUE, x->name, line, 0,
			    "bad %.*s '%.*s' (want YYYYMMDD or "
			    "YYYYMMDDTHHMMSS)", (int)nl, s,
			    (int)((q - p) > 40 ? 40 : q - p), p);
	}
	return 0;
}

int
cg_tp_ics_holidays(const char *name, const char *text, size_t len, int32_t from,
    int32_t to, struct cg_tp_dates *d, struct cg_err *err)
{
	struct cg_buf line = CG_BUF_INIT;
	const char *p = text, *end = text + len, *eol, *v;
	size_t n, nl, vl;
	long lineno = 0, start;
	icalparser *parser;
	icalcomponent *c;
	struct ics x;
	int rc = 0, fatal = icalerror_get_errors_are_fatal();

	memset(&x, 0, sizeof(x));
	x.name = name;
	x.from = from;
	x.to = to;
	x.d = d;
	x.err = err;
	/* libical's default is to abort on an error; a bad file is an
	 * error message here, not a crash. Restored before returning. */
	icalerror_set_errors_are_fatal(0);
	parser = icalparser_new();
	while (p < end && rc == 0) {
		/* One logical line, continuations unfolded. */
		cg_buf_reset(&line);
		start = lineno + 1;
		for (;;) {
			if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
				eol = end;
			n = (size_t)(eol - p);
			if (n > 0 && p[n - 1] == '\r')
				n--;
			cg_buf_add(&line, p, n);
			lineno++;
			p = eol < end ? eol + 1 : end;
			if (p < end && (*p == ' ' || *p == '\t'))
				p++;	/* folded: drop the one blank */
			else
				break;
		}
		while (line.len > 0 && isspace((unsigned char)line.s[0]))
			memmove(line.s, line.s + 1, --line.len);
		if (line.len == 0)
			continue;
		line.s[line.len] = '\0';
		if (memchr(line.s, '\0', line.len) != NULL ||
		    !split_line(line.s, line.len, &nl, &v, &vl)) {
			rc = cg_err_set(err, CG_EVALUE, name, start, 0,
			    "not an iCalendar line: '%.*s'",
			    (int)(line.len > 40 ? 40 : line.len), line.s);
			break;
		}
		if ((rc = nesting(&x, line.s, nl, v, vl, start)) < 0 ||
		    (rc = check_dates(&x, line.s, nl, v, vl, start)) < 0)
			break;
		if (is_name(line.s, nl, "BEGIN") && x.depth == 1)
			x.nev = 0;	/* a new calendar */
		{
			/* A property libical does not know (RFC 5545 lets
			 * new ones appear) is skipped, not an error. */
			char pname[64];

			if (nl < sizeof(pname)) {
				memcpy(pname, line.s, nl);
				pname[nl] = '\0';
				if (!is_name(line.s, nl, "BEGIN") &&
				    !is_name(line.s, nl, "END") &&
				    strncasecmp(pname, "X-", 2) != 0 &&
				    icalproperty_string_to_kind(pname) ==
				    ICAL_NO_PROPERTY)
					continue;
			}
		}
		c = icalparser_add_line(parser, line.s);
		/* The reason libical keeps in the half-built component is out
		 * of reach: icalparser_clean() would hand it over, but then
		 * icalparser_free() frees it a second time (libical 3.0). */
		if (icalparser_get_state(parser) == ICALPARSER_ERROR) {
			rc = cg_err_set(err, CG_EVALUE, name, start, 0,
			    "libical cannot read '%.*s'",
			    (int)(line.len > 60 ? 60 : line.len), line.s);
			break;
		}
		if (c != NULL) {
			rc = calendar_days(&x, c);
			icalcomponent_free(c);
		}
	}
	if (rc == 0 && x.depth > 0)
		rc = cg_err_set(err, CG_EVALUE, name, x.compline[x.depth - 1],
		    0, "BEGIN:%s has no END:%s (is the file cut short?)",
		    x.comp[x.depth - 1], x.comp[x.depth - 1]);
	icalparser_free(parser);
	icalerror_set_errors_are_fatal(fatal);
	cg_buf_free(&line);
	free(x.evline);
	return rc;
}

