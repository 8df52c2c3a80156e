/*
 * touchplan_sched.c - plan touches on working days within capacity.
 *
 * Each rep is planned on their own. Every (account, track) pair has one
 * pending touch in a min-heap keyed by due day; the earliest is placed on
 * the first day at or after it that is a working day of the rep with room
 * left, and its successor falls due one interval after its due day (after
 * an overdue catch-up: one interval after the day the catch-up got).
 * Full days are skipped in O(alpha) with a "next free day" union-find, so
 * an overloaded rep costs no more than a light one. Nothing here is
 * random: ties go by overdue first, then input order, then track.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/touchplan.h"
#include "clientgrade/value.h"

/* The Monday 1969-12-29: rotations and phases count from it, so the
 * same account gets the same channel in a week whatever the period. */
#define MONDAY0 (-3)

struct pending {
	uint64_t key;		/* due << 40 | normal << 39 | order << 3 | track */
	uint32_t acct;
	int32_t due;		/* the real due day (before the period if late) */
	int32_t rot0;		/* the account's offset in the rotation */
};

struct heap {
	size_t n, cap;
	struct pending *v;
};

static void
heap_push(struct heap *h, const struct pending *p)
{
	size_t i, up;

	if (h->n == h->cap) {
		h->cap = h->cap ? 2 * h->cap : 64;
		h->v = cg_xreallocarray(h->v, h->cap, sizeof(*h->v));
	}
	i = h->n++;
	while (i > 0 && h->v[up = (i - 1) / 2].key > p->key) {
		h->v[i] = h->v[up];
		i = up;
	}
	h->v[i] = *p;
}

static struct pending
heap_pop(struct heap *h)
{
	struct pending top = h->v[0], last = h->v[--h->n];
	size_t i = 0, c;

	while ((c = 2 * i + 1) < h->n) {
		if (c + 1 < h->n && h->v[c + 1].key < h->v[c].key)
			c++;
		if (h->v[c].key >= last.key)
			break;
		h->v[i] = h->v[c];
		i = c;
	}
	if (h->n > 0)
		h->v[i] = last;
	return top;
}

/* Union-find "next free day at or after d"; nf[ndays] is the sentinel. */
static int32_t
nf_find(int32_t *nf, int32_t d)
{
	int32_t r = d, t;

	while (nf[r] != r)
		r = nf[r];
	while (nf[d] != r) {	/* path compression */
		t = nf[d];
		nf[d] = r;
		d = t;
	}
	return r;
}

static int32_t
floordiv(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (int32_t)(a % b != 0 && (a < 0) != (b < 0) ? q - 1 : q);
}

static void
plan_add(struct cg_tp_plan *p, const struct cg_tp_touch *t)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 1024;
		p->v = cg_xreallocarray(p->v, p->cap, sizeof(*p->v));
	}
	p->v[p->n++] = *t;
}

/* Why the due day cannot take a touch (enum cg_tp_why codes). */
enum { DAY_OPEN = 0 };

struct repday {
	int32_t ndays;
	unsigned char *off;	/* 0 open, else CG_TP_OFFDAY/HOLIDAY/AWAY */
	int *total, *visits;
	int32_t *nf_any, *nf_visit;
	int32_t *open;		/* next open day at or after d, any load */
};

static void
repday_init(struct repday *r, const struct cg_tp_opts *o, const char *rep)
{
	int32_t d, day;
	size_t i;

	for (d = 0; d < r->ndays; d++) {
		day = o->from + d;
		r->off[d] = !(o->workdays & (1u << cg_weekday(day))) ?
		    CG_TP_OFFDAY : cg_tp_dates_has(o->holidays, day) ?
		    CG_TP_HOLIDAY : DAY_OPEN;
	}
	if (o->aways != NULL)
		for (i = 0; i < o->aways->n; i++) {
			const struct cg_tp_away *a = &o->aways->v[i];

			if (strcmp(a->owner, rep) != 0)
				continue;
			for (day = a->from; day <= a->to; day++)
				if (day >= o->from && day <= o->to &&
				    r->off[day - o->from] == DAY_OPEN)
					r->off[day - o->from] = CG_TP_AWAY;
		}
	for (d = 0; d <= r->ndays; d++) {
		int open = d < r->ndays && r->off[d] == DAY_OPEN;

		r->nf_any[d] = open && o->capacity > 0 ? d : d + 1;
		r->nf_visit[d] = open && o->capacity > 0 &&
		    o->visit_capacity > 0 ? d : d + 1;
		if (d < r->ndays)
			r->total[d] = r->visits[d] = 0;
	}
	r->nf_any[r->ndays] = r->ndays;
	r->nf_visit[r->ndays] = r->ndays;
	r->open[r->ndays] = r->ndays;
	for (d = r->ndays - 1; d >= 0; d--)
		r->open[d] = r->off[d] == DAY_OPEN ? d : r->open[d + 1];
}

/* Workday residues of an interval, counted from MONDAY0. */
static int
residues(unsigned workdays, int every, int *out, int cap)
{
	int r, m = 0;

	for (r = 0; r < every && m < cap; r++)
		if (workdays & (1u << (r % 7)))
			out[m++] = r;
	if (m == 0)		/* e.g. every 1 day and no workday: any */
		for (r = 0; r < every && m < cap; r++)
			out[m++] = r;
	return m;
}

/* Per rep: how many accounts of a cadence track have been given a phase,
 * so a rep's accounts spread over the interval's working days. */
struct phasectr {
	const struct cg_tp_cadence *cad;
	int track;
	uint32_t nphase, nlast;
};

static struct phasectr *
phasectr_get(struct phasectr **v, size_t *n, size_t *cap,
    const struct cg_tp_cadence *cad, int track)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if ((*v)[i].cad == cad && (*v)[i].track == track)
			return &(*v)[i];
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		*v = cg_xreallocarray(*v, *cap, sizeof(**v));
	}
	(*v)[*n].cad = cad;
	(*v)[*n].track = track;
	(*v)[*n].nphase = (*v)[*n].nlast = 0;
	return &(*v)[(*n)++];
}

static void
plan_rep(const struct cg_tp_opts *o, const struct cg_tp_account *accts,
    const uint32_t *mine, size_t nmine, const char *rep, size_t repidx,
    struct repday *rd, struct heap *h, uint16_t *seen,
    struct cg_tp_plan *plan)
{
	struct phasectr *pc = NULL;
	size_t npc = 0, cpc = 0, i;
	struct pending p;
	struct cg_tp_touch t;
	int res[400], m, tr;

	repday_init(rd, o, rep);
	h->n = 0;
	for (i = 0; i < nmine; i++) {
		const struct cg_tp_account *a = &accts[mine[i]];

		for (tr = 0; tr < a->cad->ntracks; tr++) {
			const struct cg_tp_track *k = &a->cad->tracks[tr];
			struct phasectr *c = phasectr_get(&pc, &npc, &cpc,
			    a->cad, tr);
			int32_t due, r, first;
			int normal = 1;

			if (a->last != CG_TP_NODATE) {
				due = a->last + k->every;
				p.rot0 = (int32_t)(c->nlast++ % k->nrot);
				if (due < o->from)
					normal = 0;
				first = due < o->from ? o->from : due;
			} else {
				/* A calendar phase among the working days of
				 * one interval; later accounts take the next
				 * phase, then the next rotation offset. */
				m = residues(o->workdays, k->every, res,
				    (int)(sizeof(res) / sizeof(res[0])));
				r = res[c->nphase % (uint32_t)m];
				p.rot0 = (int32_t)((c->nphase / (uint32_t)m) %
				    (uint32_t)k->nrot);
				c->nphase++;
				first = o->from + (int32_t)(((int64_t)r -
				    (o->from - MONDAY0)) % k->every);
				if (first < o->from)
					first += k->every;
				due = first;
			}
			if (first > o->to)
				continue;
			p.key = (uint64_t)(first - o->from) << 40 |
			    (uint64_t)normal << 39 | (uint64_t)i << 3 |
			    (uint64_t)tr;
			p.acct = mine[i];
			p.due = due;
			heap_push(h, &p);
		}
	}
	free(pc);

	while (h->n > 0) {
		const struct cg_tp_account *a;
		const struct cg_tp_track *k;
		int32_t d0, day, next;
		int visit, normal;

		p = heap_pop(h);
		a = &accts[p.acct];
		tr = (int)(p.key & 7);
		k = &a->cad->tracks[tr];
		d0 = (int32_t)(p.key >> 40);
		normal = (int)(p.key >> 39 & 1);
		memset(&t, 0, sizeof(t));
		t.acct = p.acct;
		t.due = p.due;
		t.track = (unsigned char)tr;
		t.channel = k->rot[(floordiv((int64_t)o->from + d0 - MONDAY0,
		    k->every) + p.rot0) % k->nrot];
		visit = t.channel == CG_TP_VISIT;
		day = nf_find(visit ? rd->nf_visit : rd->nf_any, d0);
		if (seen[p.acct] < UINT16_MAX)
			seen[p.acct]++;
		t.no = seen[p.acct];
		if (day >= rd->ndays) {
			t.date = CG_TP_NODATE;
			/* Over capacity, or no working day left at all. */
			if (rd->open[d0] >= rd->ndays) {
				t.why = rd->off[d0] != DAY_OPEN ? rd->off[d0] :
				    CG_TP_FULL;
				plan->late[repidx]++;
			} else {
				t.why = normal ? CG_TP_FULL : CG_TP_OVERDUE;
				plan->overflow[repidx]++;
			}
			next = o->from + d0 + k->every;
		} else {
			t.date = o->from + day;
			t.why = !normal ? CG_TP_OVERDUE : day == d0 ?
			    CG_TP_ONTIME : rd->off[d0] != DAY_OPEN ?
			    rd->off[d0] : CG_TP_FULL;
			if (++rd->total[day] >= o->capacity) {
				rd->nf_any[day] = day + 1;
				rd->nf_visit[day] = day + 1;
			}
			if (visit && ++rd->visits[day] >= o->visit_capacity)
				rd->nf_visit[day] = day + 1;
			/* The series keeps its own rhythm: a touch moved by
			 * a weekend or a full day does not push the next one,
			 * which only never lands on the same day. A late
			 * catch-up restarts the series from when it happens. */
			next = (normal ? o->from + d0 : t.date) + k->every;
			if (next <= t.date)
				next = t.date + 1;
		}
		plan_add(plan, &t);
		if (next <= o->to) {
			p.key = (uint64_t)(next - o->from) << 40 |
			    (uint64_t)1 << 39 | (p.key & (((uint64_t)1 << 39) -
			    1));
			p.due = next;
			heap_push(h, &p);
		}
	}
}

void
cg_tp_schedule(const struct cg_tp_opts *o, const struct cg_tp_account *accts,
    size_t nacct, const char *const *reps, size_t nreps,
    struct cg_tp_plan *plan)
{
	struct repday rd;
	struct heap h = { 0, 0, NULL };
	size_t *start, *fill, i, r, nd, *cnt;
	uint32_t *order;
	uint16_t *seen;
	struct cg_tp_touch *sorted;
	int32_t d;

	memset(plan, 0, sizeof(*plan));
	plan->overflow = cg_xcalloc(nreps + 1, sizeof(*plan->overflow));
	plan->late = cg_xcalloc(nreps + 1, sizeof(*plan->late));
	if (o->to < o->from)
		return;
	/* Group the accounts by rep, keeping input order in each group. */
	start = cg_xcalloc(nreps + 1, sizeof(*start));
	for (i = 0; i < nacct; i++)
		start[accts[i].rep + 1]++;
	for (r = 0; r < nreps; r++)
		start[r + 1] += start[r];
	fill = cg_xmalloc((nreps + 1) * sizeof(*fill));
	memcpy(fill, start, (nreps + 1) * sizeof(*fill));
	order = cg_xmalloc((nacct + 1) * sizeof(*order));
	for (i = 0; i < nacct; i++)
		order[fill[accts[i].rep]++] = (uint32_t)i;
	seen = cg_xcalloc(nacct + 1, sizeof(*seen));

	rd.ndays = o->to - o->from + 1;
	rd.off = cg_xmalloc((size_t)rd.ndays);
	rd.total = cg_xmalloc((size_t)rd.ndays * sizeof(int));
	rd.visits = cg_xmalloc((size_t)rd.ndays * sizeof(int));
	rd.nf_any = cg_xmalloc(((size_t)rd.ndays + 1) * sizeof(int32_t));
	rd.nf_visit = cg_xmalloc(((size_t)rd.ndays + 1) * sizeof(int32_t));
	rd.open = cg_xmalloc(((size_t)rd.ndays + 1) * sizeof(int32_t));
	for (r = 0; r < nreps; r++)
		plan_rep(o, accts, order + start[r], start[r + 1] - start[r],
		    reps[r], r, &rd, &h, seen, plan);

	/* Stable counting sort by day, overflow last: within a day the
	 * touches stay in rep order and, per rep, in the order placed. */
	nd = (size_t)rd.ndays + 1;
	cnt = cg_xcalloc(nd + 1, sizeof(*cnt));
	for (i = 0; i < plan->n; i++) {
		d = plan->v[i].date;
		cnt[(d == CG_TP_NODATE ? nd - 1 : (size_t)(d - o->from)) + 1]++;
	}
	for (i = 0; i < nd; i++)
		cnt[i + 1] += cnt[i];
	sorted = cg_xmalloc((plan->n + 1) * sizeof(*sorted));
	for (i = 0; i < plan->n; i++) {
		d = plan->v[i].date;
		sorted[cnt[d == CG_TP_NODATE ? nd - 1 :
		    (size_t)(d - o->from)]++] = plan->v[i];
	}
	free(plan->v);
	plan->v = sorted;
	plan->cap = plan->n + 1;

	free(cnt);
	free(rd.off);
	free(rd.total);
	free(rd.visits);
	free(rd.nf_any);
	free(rd.nf_visit);
	free(rd.open);
	free(h.v);
	free(seen);
	free(order);
	free(fill);
	free(start);
}

void
cg_tp_plan_free(struct cg_tp_plan *plan)
{
	free(plan->v);
	free(plan->overflow);
	free(plan->late);
	memset(plan, 0, sizeof(*plan));
}

size_t
cg_tp_reason(const struct cg_tp_touch *t, const struct cg_tp_account *a,
    char *b, size_t cap)
{
	const struct cg_tp_track *k = &a->cad->tracks[t->track];
	char due[11];
	int n;

	cg_fmt_date(due, t->due);
	if (t->date == CG_TP_NODATE && t->why >= CG_TP_OFFDAY &&
	    t->why <= CG_TP_AWAY) {
		n = snprintf(b, cap, "due %s, no working day left", due);
		return n < 0 ? 0 : (size_t)n >= cap ? cap - 1 : (size_t)n;
	}
	switch (t->why) {
	case CG_TP_OVERDUE:
		n = snprintf(b, cap, "overdue since %s%s", due,
		    t->date == CG_TP_NODATE ? ", over capacity" : "");
		break;
	case CG_TP_OFFDAY:
		n = snprintf(b, cap, "due %s, not a workday", due);
		break;
	case CG_TP_HOLIDAY:
		n = snprintf(b, cap, "due %s, a holiday", due);
		break;
	case CG_TP_AWAY:
		n = snprintf(b, cap, "due %s, owner away", due);
		break;
	case CG_TP_FULL:
		n = snprintf(b, cap, t->date == CG_TP_NODATE ?
		    "due %s, over capacity" : "due %s, day full", due);
		break;
	default:
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
			n = snprintf(b, cap, "%s every %d days", k->name,
			    k->every);
		else
			n = snprintf(b, cap, "every %d days", k->every);
		break;
	}
	return n < 0 ? 0 : (size_t)n >= cap ? cap - 1 : (size_t)n;
}
