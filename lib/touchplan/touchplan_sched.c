/*
 * touchplan_sched.c - plan touches on working days within capacity.
 *
 * Each rep is planned on their own. First the contacts already scheduled
 * in the CRM (next_contact in the period) take their days: they are
 * appointments, so they only ever move forward, to the next working day
 * with room. Then every (account, track) pair has one pending touch in a
 * min-heap keyed by due day; the earliest is placed (cg_tp_day_place,
 * touchplan_days.c):
 *
 *   - on its due day when that is a working day of the rep with room and
 *     far enough from the series' previous touch (half the interval)
 *     and after the account's latest touch on any track;
 *   - else on the least-loaded working day with room within level_days
 *     working days either side, where a day's load counts the touches
 *     already on it and those still waiting in the heap for it, so a
 *     weekend's touches spread over Thursday to Tuesday instead of all
 *     landing on Monday;
 *   - else on the first day after with room ("next free day", found in
 *     O(alpha) with a union-find, so an overloaded rep costs no more
 *     than a light one); else it is an overflow.
 *
 * With --cluster-visits a visit first looks, among the same days, for
 * one that holds a visit within cluster_km (touchplan_cluster.c).
 *
 * An account overdue on several tracks takes its catch-ups a week apart
 * (at most half the track's interval), the first on the first day.
 *
 * Its successor falls due one interval after its due day (after an
 * overdue catch-up or a scheduled contact: one interval after the day it
 * got). Nothing here is random: ties go by overdue first, then input
 * order, then track; among equally loaded days the nearest to the due
 * day, then the later one.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/touchplan.h"
#include "clientgrade/value.h"
#include "touchplan_int.h"

/* The Monday 1969-12-29: rotations and phases count from it, so the
 * same account gets the same channel in a week whatever the period. */
#define MONDAY0 (-3)

struct pending {
	uint64_t key;		/* due << 40 | normal << 39 | order << 3 | track */
	uint32_t acct;
	int32_t due;		/* the real due day (before the period if late) */
	int32_t rot0;		/* the account's offset in the rotation */
	int32_t prev;		/* the series' last touch, or CG_TP_NODATE */
	int32_t floor;		/* nothing before this day, or CG_TP_NODATE */
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

/* What one rep's planning shares. */
struct repplan {
	const struct cg_tp_opts *o;
	const struct cg_tp_account *accts;
	struct cg_tp_days *rd;
	struct heap *h;
	uint16_t *seen;
	int32_t *schedday;	/* per account: the scheduled contact's day */
	int32_t *lastday;	/* per account: its latest touch's date, or
				 * CG_TP_NODATE */
	struct cg_tp_plan *plan;
	size_t repidx;
};

static unsigned char
channel_of(const struct cg_tp_opts *o, const struct cg_tp_track *k,
    int32_t d0, int32_t rot0)
{
	return k->rot[(floordiv((int64_t)o->from + d0 - MONDAY0, k->every) +
	    rot0) % k->nrot];
}

/* A touch's channel follows from its due day, so it is known here and
 * the day's waiting load is counted against the right limit. */
static void
push(struct repplan *rp, struct pending *p, int32_t first, int normal,
    uint64_t order)
{
	const struct cg_tp_track *k =
	    &rp->accts[p->acct].cad->tracks[order & 7];
	int32_t d0 = first - rp->o->from;

	p->key = (uint64_t)d0 << 40 | (uint64_t)normal << 39 | order;
	if (CG_TP_WRITTEN(channel_of(rp->o, k, d0, p->rot0)))
		rp->rd->wwaiting[d0]++;
	else
		rp->rd->waiting[d0]++;
	heap_push(rp->h, p);
}

/* The account's touch number, counting every touch of it. */
static uint16_t
next_no(struct repplan *rp, uint32_t acct)
{
	if (rp->seen[acct] < UINT16_MAX)
		rp->seen[acct]++;
	return rp->seen[acct];
}

/* One more touch of the rep over capacity. */
static void
over(struct repplan *rp, int kind)
{
	rp->plan->overflow[rp->repidx]++;
	if (kind == CG_TP_K_WRITTEN)
		rp->plan->woverflow[rp->repidx]++;
}

static int
cmp_sched(const void *a, const void *b)
{
	const uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/*
 * The contacts scheduled in the CRM, by day then input order: each on
 * its day, or the next working day with room (never earlier), then its
 * first track's series continues from the day it got.
 */
static void
place_scheduled(struct repplan *rp, const uint32_t *mine, size_t nmine)
{
	const struct cg_tp_opts *o = rp->o;
	struct cg_tp_days *rd = rp->rd;
	uint64_t *v = cg_xmalloc((nmine + 1) * sizeof(*v));
	size_t i, n = 0;

	for (i = 0; i < nmine; i++) {
		const struct cg_tp_account *a = &rp->accts[mine[i]];

		rp->schedday[mine[i]] = CG_TP_NODATE;
		if (a->sched != CG_TP_NODATE && a->sched >= o->from &&
		    a->sched <= o->to)
			v[n++] = (uint64_t)(a->sched - o->from) << 32 | i;
	}
	qsort(v, n, sizeof(*v), cmp_sched);
	for (i = 0; i < n; i++) {
		uint32_t acct = mine[v[i] & 0xffffffffu];
		const struct cg_tp_account *a = &rp->accts[acct];
		const struct cg_tp_track *k = &a->cad->tracks[0];
		int32_t d0 = (int32_t)(v[i] >> 32), day;
		struct cg_tp_touch t;
		struct pending p;
		int kind;

		memset(&t, 0, sizeof(t));
		t.acct = acct;
		t.due = a->sched;
		t.flags = CG_TP_F_SCHED;
		t.channel = channel_of(o, k, d0, 0);
		t.no = next_no(rp, acct);
		kind = CG_TP_KIND(t.channel);
		day = cg_tp_day_next(rd, kind, d0);
		if (day >= rd->ndays) {
			t.date = CG_TP_NODATE;
			t.why = rd->off[d0] != CG_TP_DAY_OPEN ? rd->off[d0] :
			    CG_TP_FULL;
			if (rd->open[d0] >= rd->ndays)
				rp->plan->late[rp->repidx]++;
			else
				over(rp, kind);
			plan_add(rp->plan, &t);
			/* The account still waits for it: nothing before. */
			rp->schedday[acct] = o->to + 1;
			continue;
		}
		t.date = o->from + day;
		t.why = day == d0 ? CG_TP_ONTIME : rd->off[d0] != CG_TP_DAY_OPEN ?
		    rd->off[d0] : CG_TP_FULL;
		cg_tp_day_take(rd, o, day, kind);
		if (kind == CG_TP_K_VISIT)
			cg_tp_cluster_book(rd, o, day, acct);
		plan_add(rp->plan, &t);
		rp->schedday[acct] = t.date;
		rp->lastday[acct] = t.date;
		if (t.date + k->every <= o->to) {
			memset(&p, 0, sizeof(p));
			p.acct = acct;
			p.due = t.date + k->every;
			p.prev = t.date;
			p.floor = CG_TP_NODATE;
			push(rp, &p, p.due, 1, (uint64_t)(v[i] & 0xffffffffu) <<
			    3);
		}
	}
	free(v);
}

/* Every track's first pending touch (a scheduled account's first track
 * already continues from its contact). */
static void
seed(struct repplan *rp, const uint32_t *mine, size_t nmine)
{
	const struct cg_tp_opts *o = rp->o;
	struct phasectr *pc = NULL;
	size_t npc = 0, cpc = 0, i;
	int res[400], m, tr;

	for (i = 0; i < nmine; i++) {
		const struct cg_tp_account *a = &rp->accts[mine[i]];
		int32_t sday = rp->schedday[mine[i]];
		int late = 0;	/* the account's tracks overdue so far */

		for (tr = 0; tr < a->cad->ntracks; tr++) {
			const struct cg_tp_track *k = &a->cad->tracks[tr];
			struct phasectr *c = phasectr_get(&pc, &npc, &cpc,
			    a->cad, tr);
			struct pending p;
			int32_t due, r, first;
			int normal = 1;

			memset(&p, 0, sizeof(p));
			p.prev = a->last;
			p.floor = CG_TP_NODATE;
			if (a->last != CG_TP_NODATE) {
				due = a->last + k->every;
				p.rot0 = (int32_t)(c->nlast++ % k->nrot);
				if (due < o->from)
					normal = 0;
				first = due < o->from ? o->from : due;
				/* An account overdue on several tracks (a
				 * lead's email and call) is caught up on
				 * one a week, not all on the first day. */
				if (!normal)
					first += late++ * (k->every / 2 < 7 ?
					    k->every / 2 : 7);
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
			if (sday != CG_TP_NODATE) {
				if (tr == 0)
					continue;	/* the scheduled one */
				/* Nothing else before the scheduled contact;
				 * an overdue catch-up waits for it. */
				p.floor = sday + 1;
			}
			if (first > o->to)
				continue;
			p.acct = mine[i];
			p.due = due;
			push(rp, &p, first, normal, (uint64_t)i << 3 |
			    (uint64_t)tr);
		}
	}
	free(pc);
}

static void
plan_rep(struct repplan *rp, const uint32_t *mine, size_t nmine,
    const char *rep)
{
	const struct cg_tp_opts *o = rp->o;
	struct cg_tp_days *rd = rp->rd;
	struct heap *h = rp->h;
	struct pending p;
	struct cg_tp_touch t;

	cg_tp_days_init(rd, o, rep);
	h->n = 0;
	place_scheduled(rp, mine, nmine);
	seed(rp, mine, nmine);

	while (h->n > 0) {
		const struct cg_tp_account *a;
		const struct cg_tp_track *k;
		int32_t d0, c, lo, day, next, gap;
		int kind, normal, tr;
		double km = 0;

		p = heap_pop(h);
		a = &rp->accts[p.acct];
		tr = (int)(p.key & 7);
		k = &a->cad->tracks[tr];
		d0 = (int32_t)(p.key >> 40);
		normal = (int)(p.key >> 39 & 1);
		memset(&t, 0, sizeof(t));
		t.acct = p.acct;
		t.due = p.due;
		t.track = (unsigned char)tr;
		t.channel = channel_of(o, k, d0, p.rot0);
		kind = CG_TP_KIND(t.channel);
		if (kind == CG_TP_K_WRITTEN)
			rd->wwaiting[d0]--;
		else
			rd->waiting[d0]--;
		/* Half the interval from the series' last touch, and after
		 * a contact scheduled for the account. */
		gap = k->every / 2 > 0 ? k->every / 2 : 1;
		lo = p.prev != CG_TP_NODATE ? p.prev + gap - o->from : 0;
		if (p.floor != CG_TP_NODATE && p.floor - o->from > lo)
			lo = p.floor - o->from;
		/* And after the account's latest touch on any track: its
		 * call and its email never share a day. */
		if (rp->lastday[p.acct] != CG_TP_NODATE &&
		    rp->lastday[p.acct] + 1 - o->from > lo)
			lo = rp->lastday[p.acct] + 1 - o->from;
		if (lo < 0)
			lo = 0;
		c = d0 > lo ? d0 : lo;
		t.no = next_no(rp, p.acct);
		/* --cluster-visits: a day with a visit nearby, if one of the
		 * days the visit may take has it. */
		day = kind == CG_TP_K_VISIT && o->cluster_km > 0 ?
		    cg_tp_cluster_day(rd, o, p.acct, c, lo, &km) : -1;
		if (day >= 0 && day != d0 && normal) {
			t.why = CG_TP_CLUSTER;
			t.km = km < 65535 ? (uint16_t)lround(km) : 65535;
		}
		if (day < 0)
			day = c < rd->ndays ? cg_tp_day_place(rd, o, d0, c, lo,
			    kind) : rd->ndays;
		if (day >= rd->ndays) {
			t.date = CG_TP_NODATE;
			/* Over capacity, or no working day left at all. */
			if (c >= rd->ndays || rd->open[c] >= rd->ndays) {
				t.why = c > d0 ? (p.floor != CG_TP_NODATE &&
				    lo == p.floor - o->from ? CG_TP_WAITS :
				    CG_TP_SPACED) : rd->off[d0] != CG_TP_DAY_OPEN ?
				    rd->off[d0] : CG_TP_FULL;
				rp->plan->late[rp->repidx]++;
			} else {
				t.why = normal ? CG_TP_FULL : CG_TP_OVERDUE;
				over(rp, kind);
			}
			next = o->from + d0 + k->every;
		} else {
			t.date = o->from + day;
			t.why = t.why == CG_TP_CLUSTER ? CG_TP_CLUSTER :
			    !normal ? CG_TP_OVERDUE : day == d0 ?
			    CG_TP_ONTIME : c > d0 ? (p.floor != CG_TP_NODATE &&
			    lo == p.floor - o->from ? CG_TP_WAITS :
			    CG_TP_SPACED) : rd->off[d0] != CG_TP_DAY_OPEN ?
			    rd->off[d0] : CG_TP_FULL;
			cg_tp_day_take(rd, o, day, kind);
			if (kind == CG_TP_K_VISIT)
				cg_tp_cluster_book(rd, o, day, p.acct);
			p.prev = t.date;
			rp->lastday[p.acct] = t.date;
			/* The series keeps its own rhythm: a touch moved by
			 * a weekend or a full day does not push the next one
			 * (spacing keeps them apart). A late catch-up, or a
			 * touch that had to wait more than half an interval,
			 * restarts the series from when it happens. */
			next = (normal && t.date - (o->from + d0) <= gap ?
			    o->from + d0 : t.date) + k->every;
		}
		plan_add(rp->plan, &t);
		if (next <= o->to) {
			p.due = next;
			push(rp, &p, next, 1, p.key & (((uint64_t)1 << 39) -
			    1));
		}
	}
}

void
cg_tp_schedule(const struct cg_tp_opts *o, const struct cg_tp_account *accts,
    size_t nacct, const char *const *reps, size_t nreps,
    struct cg_tp_plan *plan)
{
	struct cg_tp_days rd;
	struct repplan rp;
	struct heap h = { 0, 0, NULL };
	size_t *start, *fill, i, r, nd, *cnt;
	uint32_t *order;
	struct cg_tp_touch *sorted;
	int32_t d;

	memset(plan, 0, sizeof(*plan));
	plan->overflow = cg_xcalloc(nreps + 1, sizeof(*plan->overflow));
	plan->woverflow = cg_xcalloc(nreps + 1, sizeof(*plan->woverflow));
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

	rd.ndays = o->to - o->from + 1;
	nd = (size_t)rd.ndays + 1;
	rd.off = cg_xmalloc(nd);
	rd.total = cg_xmalloc(nd * sizeof(int));
	rd.visits = cg_xmalloc(nd * sizeof(int));
	rd.written = cg_xmalloc(nd * sizeof(int));
	rd.nf_any = cg_xmalloc(nd * sizeof(int32_t));
	rd.nf_visit = cg_xmalloc(nd * sizeof(int32_t));
	rd.nf_written = cg_xmalloc(nd * sizeof(int32_t));
	rd.open = cg_xmalloc(nd * sizeof(int32_t));
	rd.popen = cg_xmalloc(nd * sizeof(int32_t));
	rd.waiting = cg_xmalloc(nd * sizeof(int32_t));
	rd.wwaiting = cg_xmalloc(nd * sizeof(int32_t));
	rd.vhead = o->cluster_km > 0 ? cg_xmalloc(nd * sizeof(int32_t)) : NULL;
	rd.vnode = NULL;
	rd.nvnode = rd.cvnode = 0;
	memset(&rp, 0, sizeof(rp));
	rp.o = o;
	rp.accts = accts;
	rp.rd = &rd;
	rp.h = &h;
	rp.plan = plan;
	rp.seen = cg_xcalloc(nacct + 1, sizeof(*rp.seen));
	rp.schedday = cg_xmalloc((nacct + 1) * sizeof(*rp.schedday));
	rp.lastday = cg_xmalloc((nacct + 1) * sizeof(*rp.lastday));
	for (i = 0; i <= nacct; i++)
		rp.lastday[i] = CG_TP_NODATE;
	for (r = 0; r < nreps; r++) {
		rp.repidx = r;
		plan_rep(&rp, order + start[r], start[r + 1] - start[r],
		    reps[r]);
	}

	/* Stable counting sort by day, overflow last: within a day the
	 * touches stay in rep order and, per rep, in the order placed. */
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
	free(rd.written);
	free(rd.nf_any);
	free(rd.nf_visit);
	free(rd.nf_written);
	free(rd.open);
	free(rd.popen);
	free(rd.waiting);
	free(rd.wwaiting);
	free(rd.vhead);
	free(rd.vnode);
	free(h.v);
	free(rp.seen);
	free(rp.schedday);
	free(rp.lastday);
	free(order);
	free(fill);
	free(start);
}

void
cg_tp_plan_free(struct cg_tp_plan *plan)
{
	free(plan->v);
	free(plan->overflow);
	free(plan->woverflow);
	free(plan->late);
	memset(plan, 0, sizeof(*plan));
}
