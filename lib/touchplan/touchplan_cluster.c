/*
 * touchplan_cluster.c - --cluster-visits: visits near each other on the
 * same day, so a rep drives to one area once instead of twice.
 *
 * The rule is greedy, in the order the scheduler places touches (due
 * day, then input order): a visit looks at the days it may take anyway
 * (its earliest day and level_days working days either side, never
 * before the spacing or a scheduled contact allows) and, among those
 * with room for a visit, takes the one holding the booked visit nearest
 * to it, if that one is within cluster_km; otherwise it is placed as
 * any touch. So clustering never breaks the cadence's spacing, the
 * levelling window or the visit capacity; it only chooses among days
 * the visit could have had. Accounts without coordinates are placed as
 * usual and never attract another visit.
 */
#include <math.h>
#include <stdlib.h>

#include "clientgrade/alloc.h"
#include "clientgrade/geo.h"
#include "touchplan_int.h"

static int
placed(const struct cg_tp_opts *o, uint32_t acct)
{
	return o->points != NULL && !isnan(o->points[acct].lat);
}

void
cg_tp_cluster_book(struct cg_tp_days *r, const struct cg_tp_opts *o,
    int32_t day, uint32_t acct)
{
	struct cg_tp_vnode *v;

	if (o->cluster_km <= 0 || r->vhead == NULL || !placed(o, acct))
		return;
	if (r->nvnode == r->cvnode) {
		r->cvnode = r->cvnode ? 2 * r->cvnode : 256;
		r->vnode = cg_xreallocarray(r->vnode, r->cvnode,
		    sizeof(*r->vnode));
	}
	v = &r->vnode[r->nvnode];
	v->acct = acct;
	v->next = r->vhead[day];
	r->vhead[day] = (int32_t)r->nvnode++;
}

/* The km from acct to the nearest visit booked on day d; INFINITY if
 * none. */
static double
nearest(const struct cg_tp_days *r, const struct cg_tp_opts *o,
    uint32_t acct, int32_t d)
{
	double best = INFINITY, km;
	int32_t i;

	for (i = r->vhead[d]; i >= 0; i = r->vnode[i].next) {
		km = cg_geo_km(&o->points[acct], &o->points[r->vnode[i].acct]);
		if (km < best)
			best = km;
	}
	return best;
}

/* Of two candidate days at equal distance: the one nearer c, then the
 * earlier. */
static int
nearer(int32_t d, int32_t best, int32_t c)
{
	int32_t dd = d > c ? d - c : c - d, db = best > c ? best - c : c - best;

	return dd != db ? dd < db : d < best;
}

static void
consider(const struct cg_tp_days *r, const struct cg_tp_opts *o,
    uint32_t acct, int32_t d, int32_t c, int32_t *best, double *bkm)
{
	double km;

	if (!cg_tp_day_room(r, o, d, CG_TP_K_VISIT))
		return;
	km = nearest(r, o, acct, d);
	if (km > o->cluster_km)
		return;
	if (*best < 0 || km < *bkm || (km == *bkm && nearer(d, *best, c))) {
		*best = d;
		*bkm = km;
	}
}

int32_t
cg_tp_cluster_day(struct cg_tp_days *r, const struct cg_tp_opts *o,
    uint32_t acct, int32_t c, int32_t lo, double *km)
{
	int32_t best = -1, d;
	double bkm = INFINITY;
	int k;

	if (o->cluster_km <= 0 || r->vhead == NULL || !placed(o, acct) ||
	    c >= r->ndays)
		return -1;
	consider(r, o, acct, c, c, &best, &bkm);
	d = c > 0 ? r->popen[c - 1] : -1;
	for (k = 0; k < o->level_days && d >= lo && d >= 0; k++) {
		consider(r, o, acct, d, c, &best, &bkm);
		d = d > 0 ? r->popen[d - 1] : -1;
	}
	d = r->open[c + 1];
	for (k = 0; k < o->level_days && d < r->ndays; k++) {
		consider(r, o, acct, d, c, &best, &bkm);
		d = r->open[d + 1];
	}
	if (best >= 0)
		*km = bkm;
	return best;
}

void
cg_tp_cluster_share(const struct cg_tp_opts *o,
    const struct cg_tp_account *accts, const struct cg_tp_plan *p,
    size_t *nvisit, size_t *nclustered)
{
	size_t a, b, i, j;

	*nvisit = *nclustered = 0;
	/* A rep's touches of one day are together in the plan: check the
	 * visits of each such run against each other. */
	for (a = 0; a < p->n; a = b) {
		const struct cg_tp_touch *t = &p->v[a];

		for (b = a + 1; b < p->n && p->v[b].date == t->date &&
		    accts[p->v[b].acct].rep == accts[t->acct].rep; b++)
			;
		if (t->date == CG_TP_NODATE)
			continue;
		for (i = a; i < b; i++) {
			const struct cg_tp_touch *u = &p->v[i];

			if (u->channel != CG_TP_VISIT)
				continue;
			(*nvisit)++;
			if (!placed(o, u->acct))
				continue;
			for (j = a; j < b; j++)
				if (j != i && p->v[j].channel == CG_TP_VISIT &&
				    placed(o, p->v[j].acct) &&
				    cg_geo_km(&o->points[u->acct],
				    &o->points[p->v[j].acct]) <=
				    o->cluster_km) {
					(*nclustered)++;
					break;
				}
		}
	}
}
