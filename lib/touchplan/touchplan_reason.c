/*
 * touchplan_reason.c - why a touch is where it is, in words, for the
 * plan's reason column, the agenda and the calendar's descriptions:
 * "every 7 days", "overdue since 2026-10-03", "due 2026-12-25, a
 * holiday", "scheduled in CRM"; "A lead: call every 14 days". One
 * function, so the three outputs never disagree.
 */
#include <stdio.h>
#include <string.h>

#include "clientgrade/touchplan.h"
#include "clientgrade/value.h"

static size_t
clamp(int n, size_t cap)
{
	return n < 0 ? 0 : (size_t)n >= cap ? cap - 1 : (size_t)n;
}

/* Why the day moved, after "due DATE" or "scheduled in CRM for DATE". */
static const char *
moved(const struct cg_tp_touch *t)
{
	if (t->date == CG_TP_NODATE)
		return t->why == CG_TP_FULL || t->why == CG_TP_OVERDUE ?
		    ", over capacity" : ", no working day left";
	switch (t->why) {
	case CG_TP_OFFDAY:
		return ", not a workday";
	case CG_TP_HOLIDAY:
		return ", a holiday";
	case CG_TP_AWAY:
		return ", owner away";
	case CG_TP_FULL:
		return ", day full";
	case CG_TP_SPACED:
		return ", too soon after the last touch";
	case CG_TP_WAITS:
		return ", after the contact scheduled in CRM";
	case CG_TP_CLUSTER:
		return ", with a visit nearby";
	default:
		return "";
	}
}

static size_t
body(const struct cg_tp_touch *t, const struct cg_tp_account *a, char *b,
    size_t cap)
{
	const struct cg_tp_track *k = &a->cad->tracks[t->track];
	char due[11];

	cg_fmt_date(due, t->due);
	if (t->flags & CG_TP_F_SCHED) {
		if (t->date != CG_TP_NODATE && t->why == CG_TP_ONTIME)
			return clamp(snprintf(b, cap, "scheduled in CRM"), cap);
		return clamp(snprintf(b, cap, "scheduled in CRM for %s%s", due,
		    moved(t)), cap);
	}
	if (t->why == CG_TP_OVERDUE)
		return clamp(snprintf(b, cap, "overdue since %s%s", due,
		    t->date == CG_TP_NODATE ? ", over capacity" : ""), cap);
	if (t->why == CG_TP_CLUSTER && t->date != CG_TP_NODATE)
		return clamp(snprintf(b, cap, "due %s, with a visit %u km away",
		    due, (unsigned)t->km), cap);
	if (t->why != CG_TP_ONTIME || t->date == CG_TP_NODATE)
		return clamp(snprintf(b, cap, "due %s%s", due, moved(t)), cap);
	if (k->every == 1)
		return clamp(snprintf(b, cap, "%s%severy day", a->cad->ntracks >
		    1 ? k->name : "", a->cad->ntracks > 1 ? " " : ""), cap);
	/* The common case, without printf. */
	if (a->cad->ntracks == 1 && k->every < 10000 && cap >= 24) {
		char *q = b;
		int e = k->every, div;

		memcpy(q, "every ", 6);
		q += 6;
		for (div = 1000; div > 1 && e / div == 0; div /= 10)
			;
		for (; div > 0; div /= 10)
			*q++ = (char)('0' + e / div % 10);
		memcpy(q, " days", 6);
		return (size_t)(q + 5 - b);
	}
	if (a->cad->ntracks > 1)
		return clamp(snprintf(b, cap, "%s every %d days", k->name,
		    k->every), cap);
	return clamp(snprintf(b, cap, "every %d days", k->every), cap);
}

/*
 * A lead's and a referral source's reasons say whose cadence it is ("A
 * lead: call every 14 days"): the grade alone reads like a client's. A
 * client's reason stays as it always was.
 */
size_t
cg_tp_reason(const struct cg_tp_touch *t, const struct cg_tp_account *a,
    char *b, size_t cap)
{
	size_t n;

	if (a->pop == CG_TP_CLIENTS)
		return body(t, a, b, cap);
	n = clamp(snprintf(b, cap, "%.40s %s: ", a->grade,
	    cg_tp_pop_name(a->pop)), cap);
	return n + body(t, a, b + n, cap - n);
}
