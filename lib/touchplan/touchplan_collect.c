/*
 * touchplan_collect.c - from the input's header and rows to the accounts
 * the scheduler plans: the columns by role, one pass over the rows, and
 * what the whole input says about itself once it is read (a stand-in
 * column, a stale export, absences of owners nobody has, accounts that
 * would share a calendar UID). Each of those is a note or a warning
 * computed once per run, never per row.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/field.h"
#include "clientgrade/geo.h"
#include "clientgrade/roles.h"
#include "clientgrade/text.h"
#include "clientgrade/value.h"
#include "touchplan_int.h"

/* Room for a name in a message, escaped (cg_tp_text_clip). */
#define NAMEBUF 128

/*
 * A plan written with --by quadrant: cg_header_kind knows the plan by its
 * grade column, and this is the same layout with quadrant in its place.
 */
static int
quadrant_plan(const struct cg_row *hdr)
{
	static const char *const cols[] = { "date", "owner", "account_id",
	    "account", "quadrant", "channel", "touch", NULL };
	size_t i;

	for (i = 0; cols[i] != NULL; i++)
		if (i >= hdr->n || hdr->len[i] != strlen(cols[i]) ||
		    memcmp(hdr->f[i], cols[i], hdr->len[i]) != 0)
			return 0;
	return 1;
}

/*
 * --cluster-visits needs where the accounts are: without both columns
 * it could only do nothing, so it says why instead.
 */
static int
coords(struct cg_tp_state *t, const struct cg_row *hdr, const char *file,
    struct cg_err *err)
{
	int lat, lon;

	if ((lat = cg_role_use(t->run, hdr, "latitude", &t->clat, err)) < 0 ||
	    (lon = cg_role_use(t->run, hdr, "longitude", &t->clon, err)) < 0)
		return -1;
	if (lat > 0 && lon > 0)
		return 0;
	return cg_err_set(err, CG_EROLE, file, hdr->line, 0, "--cluster-visits: "
	    "no %s column (tried %s); name yours with --col %s=HEADER",
	    lat == 0 && lon == 0 ? "latitude or longitude" : lat == 0 ?
	    "latitude" : "longitude", lat == 0 && lon == 0 ?
	    "latitude, lat, longitude, lng, lon" : lat == 0 ? "latitude, lat" :
	    "longitude, lng, lon", lat == 0 ? "latitude" : "longitude");
}

int
cg_tp_resolve(struct cg_tp_state *t, const struct cg_row *hdr,
    struct cg_err *err)
{
	const struct cg_run *run = t->run;
	const char *file = cg_reader_name(cg_input_reader(t->in));
	const char *kind = cg_header_kind(hdr);
	size_t k, i;

	if (kind == NULL && quadrant_plan(hdr))
		kind = "a touchplan plan";
	if (kind != NULL)
		return cg_err_set(err, CG_EDATA, file, 0, 0, "this looks like "
		    "%s; touchplan plans from graded accounts (%s's output)",
		    kind, t->o->by_quadrant ? "quadrant" : "grade");
	if (cg_role_use_required(run, hdr, t->role, file, &t->cgrade,
	    err) < 0 ||
	    cg_role_use_required(run, hdr, "account", file, &t->cacct,
	    err) < 0 ||
	    (t->have_id = cg_role_use(run, hdr, "id", &t->cid, err)) < 0 ||
	    (t->have_own = cg_role_use(run, hdr, "owner", &t->cown,
	    err)) < 0 ||
	    (t->have_last = cg_role_use(run, hdr, "last_contact", &t->clast,
	    err)) < 0 ||
	    (t->have_order = cg_role_use(run, hdr, "last_order", &t->corder,
	    err)) < 0 ||
	    (t->have_next = cg_role_use(run, hdr, "next_contact", &t->cnext,
	    err)) < 0)
		return -1;
	if (cg_tp_pops_find(t, hdr, err) < 0)
		return -1;
	if (t->topics.n > 0 && cg_tp_topics_resolve(&t->topics, hdr, run,
	    err) < 0)
		return -1;
	if (t->have_last == 0 && t->have_order > 0)
		cg_note(run, "no last_contact column: last_order stands in "
		    "for it");
	if (t->o->cluster && coords(t, hdr, file, err) < 0)
		return -1;
	t->kcol = cg_xcalloc(t->o->nkeep + 1, sizeof(*t->kcol));
	t->keepn = cg_xcalloc(t->o->nkeep + 1, sizeof(*t->keepn));
	for (k = 0; k < t->o->nkeep; k++) {
		i = cg_header_find(hdr, t->o->keep[k], strlen(t->o->keep[k]));
		if (i == CG_NO_COL)
			return cg_err_set(err, CG_EROLE, file, hdr->line, 0,
			    "--keep %s: no such column", t->o->keep[k]);
		t->kcol[k] = i;
		t->keepn[k] = hdr->f[i];	/* the input's own spelling */
	}
	return 0;
}

static size_t
arena_put(struct cg_buf *a, const char *s, size_t n)
{
	size_t off = a->len;

	cg_buf_add(a, s, n);
	cg_buf_addc(a, '\0');
	return off;
}

/* Keep one account: its cadence found, its rep known. */
static void
add_account(struct cg_tp_state *t, const struct cg_row *row,
    const struct cg_tp_account *proto, const char *grade, size_t ngrade,
    const struct cg_point *pt)
{
	size_t nkeep = t->o->nkeep, k, n = t->nacc;
	struct cg_tp_account *a;

	if (n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 1024;
		t->acc = cg_xreallocarray(t->acc, t->cap, sizeof(*t->acc));
		if (t->o->cluster)
			t->pts = cg_xreallocarray(t->pts, t->cap,
			    sizeof(*t->pts));
		t->aoff = cg_xreallocarray(t->aoff, t->cap, sizeof(*t->aoff));
		t->koff = cg_xreallocarray(t->koff, t->cap * (nkeep + 1),
		    sizeof(*t->koff));
	}
	a = &t->acc[n];
	*a = *proto;
	if (t->o->cluster)
		t->pts[n] = *pt;
	t->aoff[n].grade = arena_put(&t->arena, grade, ngrade);
	t->aoff[n].name = arena_put(&t->arena, row->f[t->cacct],
	    row->len[t->cacct]);
	t->aoff[n].id = t->have_id > 0 ? arena_put(&t->arena, row->f[t->cid],
	    row->len[t->cid]) : arena_put(&t->arena, "", 0);
	for (k = 0; k < nkeep; k++)
		t->koff[n * (nkeep + 1) + k] = arena_put(&t->arena,
		    row->f[t->kcol[k]], row->len[t->kcol[k]]);
	t->nacc++;
}

/*
 * The cadence of a row in its population's cadences, or an error naming
 * the row, the grade and the section that would give it one.
 */
static const struct cg_tp_cadence *
cadence_of(struct cg_tp_state *t, struct cg_reader *r,
    const struct cg_row *row, int pop, const char **s, size_t *n,
    struct cg_err *err)
{
	const struct cg_touchplan_opts *o = t->o;
	const struct cg_tp_cadences *cs = pop == CG_TP_LEADS ? &o->lead_cads :
	    pop == CG_TP_REFERRALS ? &o->referral_cads : &o->cads;
	const struct cg_tp_cadence *cad;
	struct cg_buf b = CG_BUF_INIT;

	*s = row->f[t->cgrade];
	*n = row->len[t->cgrade];
	cg_trim(s, n);
	if ((cad = cg_tp_cadence_find(cs, *s, *n)) != NULL)
		return cad;
	if (*n == 0)
		cg_row_err(err, CG_EDATA, r, row, t->cgrade, "empty %s: no "
		    "cadence to plan by", t->role);
	else {
		cg_tp_text_safe(&b, *s, *n > 60 ? 60 : *n);
		cg_row_err(err, CG_EDATA, r, row, t->cgrade, "no cadence for "
		    "%s%s%s '%s' (add [touchplan.%scadence.%s] to the config)",
		    pop == CG_TP_CLIENTS ? "" : cg_tp_pop_name(pop),
		    pop == CG_TP_CLIENTS ? "" : " ", t->role, b.s,
		    pop == CG_TP_LEADS ? "lead." : pop == CG_TP_REFERRALS ?
		    "referral." : "", b.s);
		cg_buf_free(&b);
	}
	return NULL;
}

/* The dates of a row: last contact (or order), scheduled contact. */
struct rowdates {
	struct cg_datecol last, order, next;
};

static int
last_of(struct cg_tp_state *t, struct cg_reader *r, const struct cg_row *row,
    struct rowdates *dc, int32_t *last, struct cg_err *err)
{
	int rc = 0;

	*last = CG_TP_NODATE;
	if (t->have_last > 0 && (rc = cg_field_date(r, row, t->clast,
	    &dc->last, t->run, last, err)) < 0)
		return -1;
	if (rc == 0 && t->have_order > 0) {
		if ((rc = cg_field_date(r, row, t->corder, &dc->order, t->run,
		    last, err)) < 0)
			return -1;
		if (rc > 0 && t->have_last > 0)
			t->nstandin++;
		if (rc > 0 && *last <= t->run->today && (t->newest ==
		    CG_TP_NODATE || *last > t->newest)) {
			t->newest = *last;
			t->newest_col = "last_order";
		}
		return 0;
	}
	if (rc > 0 && *last <= t->run->today && (t->newest == CG_TP_NODATE ||
	    *last > t->newest)) {
		t->newest = *last;
		t->newest_col = "last_contact";
	}
	return 0;
}

/*
 * Where the account is, for --cluster-visits: lat NAN when either
 * coordinate is empty (counted), an error naming the cell when one is
 * not a number or out of range.
 */
static int
place_of(struct cg_tp_state *t, struct cg_reader *r, const struct cg_row *row,
    struct cg_point *pt, struct cg_err *err)
{
	const char *why;
	int a, b;

	pt->lat = pt->lon = NAN;
	if (!t->o->cluster)
		return 0;
	if ((a = cg_field_num(r, row, t->clat, &pt->lat, err)) < 0 ||
	    (b = cg_field_num(r, row, t->clon, &pt->lon, err)) < 0)
		return -1;
	if (a == 0 || b == 0) {
		pt->lat = NAN;
		t->nnoplace++;
		return 0;
	}
	if (cg_geo_check(pt->lat, pt->lon, &why) < 0)
		return cg_row_err(err, CG_EVALUE, r, row, pt->lat < -90 ||
		    pt->lat > 90 ? t->clat : t->clon, "%s (%g)", why,
		    pt->lat < -90 || pt->lat > 90 ? pt->lat : pt->lon);
	return 0;
}

static void after_collect(struct cg_tp_state *t);

int
cg_tp_collect(struct cg_tp_state *t, struct cg_err *err)
{
	const struct cg_touchplan_opts *o = t->o;
	const struct cg_row *row;
	struct cg_tp_account proto;
	struct cg_reader *r;
	struct rowdates dc;
	struct cg_point pt;
	const char *s, *os;
	size_t n, on, i, k, nk = o->nkeep + 1, slot;
	size_t olen = o->owner != NULL ? strlen(o->owner) : 0;
	int rc, owner_seen = 0, all_owners = o->owner != NULL &&
	    t->away.n > 0;
	int32_t next;

	cg_datecol_init(&dc.last, t->run->dates);
	cg_datecol_init(&dc.order, t->run->dates);
	cg_datecol_init(&dc.next, t->run->dates);
	t->newest = CG_TP_NODATE;
	memset(&proto, 0, sizeof(proto));
	/* The unnamed rep exists only when an account needs it. */
	while ((rc = cg_input_next(t->in, &row, err)) > 0) {
		r = cg_input_reader(t->in);
		proto.pop = cg_tp_pop_of(t, row, &slot);
		if ((proto.cad = cadence_of(t, r, row, proto.pop, &s, &n,
		    err)) == NULL ||
		    last_of(t, r, row, &dc, &proto.last, err) < 0)
			return -1;
		on = 0;
		if (t->have_own > 0) {
			os = row->f[t->cown];
			on = row->len[t->cown];
			cg_trim(&os, &on);
		}
		if (on == 0) {
			os = CG_TP_UNASSIGNED;
			on = sizeof(CG_TP_UNASSIGNED) - 1;
		}
		if (all_owners)
			(void)cg_strtab_intern(&t->owners, os, on, NULL);
		if (o->owner != NULL && (olen != on ||
		    memcmp(o->owner, os, on) != 0))
			continue;
		owner_seen = 1;
		/* A contact scheduled in the period is the next touch. */
		proto.sched = CG_TP_NODATE;
		if (t->have_next > 0) {
			if ((rc = cg_field_date(r, row, t->cnext, &dc.next,
			    t->run, &next, err)) < 0)
				return -1;
			if (rc > 0 && next >= o->from && next <= o->to)
				proto.sched = next;
		}
		if (place_of(t, r, row, &pt, err) < 0)
			return -1;
		if (t->topics.n > 0 && cg_tp_topics_row(&t->topics, r, row, s,
		    n, &proto.topic0, &proto.ntopic, err) < 0)
			return -1;
		cg_tp_pop_count(t, proto.pop, slot);
		proto.rep = (int)cg_strtab_intern(&t->reps, os, on, NULL);
		proto.line = row->line;
		add_account(t, row, &proto, s, n, &pt);
	}
	if (rc < 0)
		return -1;
	if (o->owner != NULL && !owner_seen) {
		char b[NAMEBUF];

		cg_warning(t->run, "no accounts for owner '%s'",
		    cg_tp_text_clip(b, sizeof(b), o->owner));
	}

	/* The arena no longer moves: turn offsets into pointers. */
	t->keepv = cg_xcalloc(t->nacc * nk + 1, sizeof(*t->keepv));
	for (i = 0; i < t->nacc; i++) {
		t->acc[i].id = t->arena.s + t->aoff[i].id;
		t->acc[i].name = t->arena.s + t->aoff[i].name;
		t->acc[i].grade = t->arena.s + t->aoff[i].grade;
		t->acc[i].keep = t->keepv + i * nk;
		for (k = 0; k < o->nkeep; k++)
			t->keepv[i * nk + k] = t->arena.s + t->koff[i * nk + k];
	}
	t->repnames = cg_xcalloc(t->reps.n + 1, sizeof(*t->repnames));
	for (i = 0; i < t->reps.n; i++)
		t->repnames[i] = cg_strtab_key(&t->reps, i, NULL);
	after_collect(t);
	return 0;
}

/* ---- what the whole input says ---- */

/* s lowercased (ASCII) with runs of blanks as one space, none around. */
static void
loose(struct cg_buf *b, const char *s, size_t n)
{
	size_t i;
	int blank = 0;

	cg_buf_reset(b);
	cg_trim(&s, &n);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ' || c == '\t') {
			blank = 1;
			continue;
		}
		if (blank)
			cg_buf_addc(b, ' ');
		blank = 0;
		cg_buf_addc(b, (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' :
		    c));
	}
	cg_buf_addc(b, '\0');
}

/*
 * An absence for an owner no account has is an absence that changes
 * nothing: say so, and name the owner it was probably meant for.
 */
static void
check_aways(struct cg_tp_state *t)
{
	const struct cg_strtab *known = t->o->owner != NULL ? &t->owners :
	    &t->reps;
	struct cg_strtab warned;
	struct cg_buf want = CG_BUF_INIT, have = CG_BUF_INIT;
	char b[NAMEBUF], m[NAMEBUF + 32];
	const char *key;
	size_t i, j, kn;
	int added;

	cg_strtab_init(&warned);
	for (i = 0; i < t->away.n; i++) {
		const struct cg_tp_away *a = &t->away.v[i];
		size_t an = strlen(a->owner);

		if (cg_strtab_find(known, a->owner, an) != CG_STRTAB_NONE)
			continue;
		(void)cg_strtab_intern(&warned, a->owner, an, &added);
		if (!added)
			continue;
		m[0] = '\0';
		loose(&want, a->owner, an);
		for (j = 0; j < known->n; j++) {
			key = cg_strtab_key(known, j, &kn);
			loose(&have, key, kn);
			if (strcmp(want.s, have.s) == 0) {
				snprintf(m, sizeof(m), "; did you mean '%s'?",
				    cg_tp_text_clip(b, sizeof(b), key));
				break;
			}
		}
		cg_warning_at(t->run, t->o->aways, a->line, 0, "no account "
		    "has owner '%s'%s", cg_tp_text_clip(b, sizeof(b),
		    a->owner), m);
	}
	cg_strtab_free(&warned);
	cg_buf_free(&want);
	cg_buf_free(&have);
}

/*
 * Two accounts with the same owner, id and name would get the same
 * calendar UIDs, and a calendar keeps one event of each: number the
 * repeats in input order (a->dup), and say so once per account.
 */
static void
check_dups(struct cg_tp_state *t)
{
	struct cg_strtab seen;
	struct cg_buf key = CG_BUF_INIT;
	unsigned *count = NULL;
	long *first = NULL;
	char b[NAMEBUF], ob[NAMEBUF];
	size_t i, k, cap = 0;
	int added;

	cg_strtab_init(&seen);
	for (i = 0; i < t->nacc; i++) {
		struct cg_tp_account *a = &t->acc[i];
		const char *rep = t->repnames[a->rep];

		cg_buf_reset(&key);
		cg_buf_add(&key, rep, strlen(rep) + 1);
		cg_buf_add(&key, a->id, strlen(a->id) + 1);
		cg_buf_add(&key, a->name, strlen(a->name));
		k = cg_strtab_intern(&seen, key.s, key.len, &added);
		if (k >= cap) {
			size_t nc = cap ? 2 * cap : 256;

			while (nc <= k)
				nc *= 2;
			count = cg_xreallocarray(count, nc, sizeof(*count));
			first = cg_xreallocarray(first, nc, sizeof(*first));
			cap = nc;
		}
		if (added) {
			count[k] = 0;
			first[k] = a->line;
			continue;
		}
		a->dup = ++count[k];
		if (count[k] == 1)
			cg_warning(t->run, "account '%s' of '%s' on line %ld "
			    "has the owner, id and name of line %ld; their "
			    "calendar UIDs are told apart by input order",
			    cg_tp_text_clip(b, sizeof(b), a->name),
			    cg_tp_text_clip(ob, sizeof(ob), rep), a->line,
			    first[k]);
	}
	cg_strtab_free(&seen);
	cg_buf_free(&key);
	free(count);
	free(first);
}

static void
after_collect(struct cg_tp_state *t)
{
	const struct cg_touchplan_opts *o = t->o;
	char d[11];

	cg_tp_pops_report(t);
	if (t->nstandin > 0)
		cg_note(t->run, "last_order stands in for an empty "
		    "last_contact on %zu account%s", t->nstandin,
		    t->nstandin == 1 ? "" : "s");
	if (o->stale_days > 0 && t->newest != CG_TP_NODATE &&
	    t->run->today - t->newest > o->stale_days) {
		cg_fmt_date(d, t->newest);
		cg_warning(t->run, "the newest past %s is %s, %ld days before "
		    "today: stale export?", t->newest_col, d,
		    (long)(t->run->today - t->newest));
	}
	if (t->away.n > 0)
		check_aways(t);
	if (o->format == CG_TP_ICS)
		check_dups(t);
}
