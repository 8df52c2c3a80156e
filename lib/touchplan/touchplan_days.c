/*
 * touchplan_days.c - one rep's days in a plan and how a touch finds one:
 * which days are open (a workday, no holiday, the rep not away), how
 * full each is, the "next free day" union-find, and load levelling:
 * the least-loaded open day with room within level_days working days
 * either side of the due day (touchplan_sched.c decides which touch
 * comes next; this file only where it lands).
 */
#include <string.h>

#include "clientgrade/touchplan.h"
#include "clientgrade/value.h"
#include "touchplan_int.h"

/* Union-find "next free day at or after d"; nf[ndays] is the sentinel. */
static int32_t
find(int32_t *nf, int32_t d)
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

int32_t
cg_tp_day_next(struct cg_tp_days *r, int kind, int32_t d)
{
	return find(kind == CG_TP_K_VISIT ? r->nf_visit :
	    kind == CG_TP_K_WRITTEN ? r->nf_written : r->nf_any, d);
}

void
cg_tp_days_init(struct cg_tp_days *r, const struct cg_tp_opts *o, const char *rep)
{
	int32_t d, day;
	size_t i;

	for (d = 0; d < r->ndays; d++) {
		day = o->from + d;
		r->off[d] = !(o->workdays & (1u << cg_weekday(day))) ?
		    CG_TP_OFFDAY : cg_tp_dates_has(o->holidays, day) ?
		    CG_TP_HOLIDAY : CG_TP_DAY_OPEN;
	}
	if (o->aways != NULL)
		for (i = 0; i < o->aways->n; i++) {
			const struct cg_tp_away *a = &o->aways->v[i];

			if (strcmp(a->owner, rep) != 0)
				continue;
			for (day = a->from; day <= a->to; day++)
				if (day >= o->from && day <= o->to &&
				    r->off[day - o->from] == CG_TP_DAY_OPEN)
					r->off[day - o->from] = CG_TP_AWAY;
		}
	for (d = 0; d <= r->ndays; d++) {
		int open = d < r->ndays && r->off[d] == CG_TP_DAY_OPEN;

		r->nf_any[d] = open && o->capacity > 0 ? d : d + 1;
		r->nf_visit[d] = open && o->capacity > 0 &&
		    o->visit_capacity > 0 ? d : d + 1;
		r->nf_written[d] = open && o->written_capacity > 0 ? d : d + 1;
		if (d < r->ndays)
			r->total[d] = r->visits[d] = r->written[d] =
			    r->waiting[d] = r->wwaiting[d] = 0;
	}
	memset(r->wdload, 0, sizeof(r->wdload));
	if (r->vhead != NULL)
		for (d = 0; d <= r->ndays; d++)
			r->vhead[d] = -1;
	r->nvnode = 0;
	r->wd0 = cg_weekday(o->from);
	r->nf_any[r->ndays] = r->ndays;
	r->nf_visit[r->ndays] = r->ndays;
	r->nf_written[r->ndays] = r->ndays;
	r->open[r->ndays] = r->ndays;
	for (d = r->ndays - 1; d >= 0; d--)
		r->open[d] = r->off[d] == CG_TP_DAY_OPEN ? d : r->open[d + 1];
	for (d = 0; d < r->ndays; d++)
		r->popen[d] = r->off[d] == CG_TP_DAY_OPEN ? d :
		    d > 0 ? r->popen[d - 1] : -1;
}

int
cg_tp_day_room(const struct cg_tp_days *r, const struct cg_tp_opts *o,
    int32_t d, int kind)
{
	if (r->off[d] != CG_TP_DAY_OPEN)
		return 0;
	if (kind == CG_TP_K_WRITTEN)
		return r->written[d] < o->written_capacity;
	return r->total[d] < o->capacity && (kind != CG_TP_K_VISIT ||
	    r->visits[d] < o->visit_capacity);
}

void
cg_tp_day_take(struct cg_tp_days *r, const struct cg_tp_opts *o, int32_t day,
    int kind)
{
	r->wdload[(r->wd0 + day) % 7]++;
	if (kind == CG_TP_K_WRITTEN) {
		if (++r->written[day] >= o->written_capacity)
			r->nf_written[day] = day + 1;
		return;
	}
	if (++r->total[day] >= o->capacity) {
		r->nf_any[day] = day + 1;
		r->nf_visit[day] = day + 1;
	}
	if (kind == CG_TP_K_VISIT && ++r->visits[day] >= o->visit_capacity)
		r->nf_visit[day] = day + 1;
}

/*
 * Of two candidate days, 1 if `d` is better than `best` for centre c:
 * the lighter day (touches of the same limit, personal or written, on
 * it and still waiting for it); between
 * equally light days the weekday that has had fewer of the rep's
 * touches so far, so that light loads, where every day ties, do not all
 * go to the day nearest the weekend; then the nearer, then the later.
 */
static int
better(const struct cg_tp_days *r, int32_t d, int32_t best, int32_t c,
    int kind)
{
	const int *n = kind == CG_TP_K_WRITTEN ? r->written : r->total;
	const int32_t *w = kind == CG_TP_K_WRITTEN ? r->wwaiting : r->waiting;
	long ld = (long)n[d] + w[d];
	long lb = (long)n[best] + w[best];
	long wd = r->wdload[(r->wd0 + d) % 7];
	long wb = r->wdload[(r->wd0 + best) % 7];
	int32_t dd = d > c ? d - c : c - d, db = best > c ? best - c : c - best;

	if (ld != lb)
		return ld < lb;
	if (wd != wb)
		return wd < wb;
	if (dd != db)
		return dd < db;
	return d > best;
}

/*
 * The day for a touch whose earliest acceptable day is c (its due day,
 * or later when spacing or a scheduled contact holds it back) and that
 * may not go before lo: c itself when it is a working day with room and
 * c is the due day d0; else the least-loaded working day with room among
 * c and level_days working days either side (not before lo); else the
 * next day with room after c. ndays when there is none.
 */
int32_t
cg_tp_day_place(struct cg_tp_days *r, const struct cg_tp_opts *o, int32_t d0,
    int32_t c, int32_t lo, int kind)
{
	int32_t best = -1, d;
	int k;

	if (c == d0 && cg_tp_day_room(r, o, c, kind))
		return c;
	if (o->level_days > 0) {
		if (cg_tp_day_room(r, o, c, kind))
			best = c;
		d = c > 0 ? r->popen[c - 1] : -1;
		for (k = 0; k < o->level_days && d >= lo && d >= 0; k++) {
			if (cg_tp_day_room(r, o, d, kind) &&
			    (best < 0 || better(r, d, best, c, kind)))
				best = d;
			d = d > 0 ? r->popen[d - 1] : -1;
		}
		d = r->open[c + 1];
		for (k = 0; k < o->level_days && d < r->ndays; k++) {
			if (cg_tp_day_room(r, o, d, kind) &&
			    (best < 0 || better(r, d, best, c, kind)))
				best = d;
			d = r->open[d + 1];
		}
		if (best >= 0)
			return best;
	}
	return cg_tp_day_next(r, kind, c);
}
