/*
 * touchplan.c - the touchplan tool's one entry point: read graded
 * accounts, resolve the calendar and cadences, plan, write.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "cli.h"
#include "clientgrade/csv.h"
#include "clientgrade/field.h"
#include "clientgrade/roles.h"
#include "clientgrade/touchplan.h"
#include "clientgrade/value.h"

#define UNASSIGNED "(unassigned)"

/* Account strings live in one arena; offsets until reading is done. */
struct acc_off {
	size_t id, name, grade;
	size_t keep;	/* first of nkeep offsets in koff */
};

/* Rep names -> index, an open-addressing table over the arena. */
struct reps {
	size_t n, cap;		/* names */
	size_t *off;		/* arena offsets of the names */
	size_t tcap;		/* table size, a power of two */
	int *tab;		/* -1 empty, else rep index */
};

static uint64_t
hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	while (n-- > 0) {
		h ^= (unsigned char)*s++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

static size_t
arena_put(struct cg_buf *a, const char *s, size_t n)
{
	size_t off = a->len;

	cg_buf_add(a, s, n);
	cg_buf_addc(a, '\0');
	return off;
}

static int
rep_index(struct reps *r, struct cg_buf *arena, const char *s, size_t n)
{
	size_t i, k;

	if (r->tcap < 2 * (r->n + 1)) {
		size_t ncap = r->tcap ? 2 * r->tcap : 64;
		int *nt = cg_xmalloc(ncap * sizeof(*nt));

		for (i = 0; i < ncap; i++)
			nt[i] = -1;
		for (k = 0; k < r->n; k++) {
			const char *nm = arena->s + r->off[k];

			i = hash(nm, strlen(nm)) & (ncap - 1);
			while (nt[i] >= 0)
				i = (i + 1) & (ncap - 1);
			nt[i] = (int)k;
		}
		free(r->tab);
		r->tab = nt;
		r->tcap = ncap;
	}
	i = hash(s, n) & (r->tcap - 1);
	while (r->tab[i] >= 0) {
		const char *nm = arena->s + r->off[r->tab[i]];

		if (strlen(nm) == n && memcmp(nm, s, n) == 0)
			return r->tab[i];
		i = (i + 1) & (r->tcap - 1);
	}
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		r->off = cg_xreallocarray(r->off, r->cap, sizeof(*r->off));
	}
	r->off[r->n] = arena_put(arena, s, n);
	r->tab[i] = (int)r->n;
	return (int)r->n++;
}

/* Trimmed view of a field. */
static const char *
trim(const char *s, size_t n, size_t *out)
{
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*out = n;
	return s;
}

/* Settings: option, else [touchplan] in the config, else the default. */
static int
settings(struct cg_common *c, const struct cg_tp_config *tc,
    struct cg_tp_opts *o, const char **holidays, const char **aways,
    struct cg_err *err)
{
	struct cg_config_entry *e;
	const char *wd = tc->workdays;
	char why[160];
	double v;

	o->capacity = CG_TP_DEFAULT_CAPACITY;
	o->visit_capacity = CG_TP_DEFAULT_VISIT_CAPACITY;
	if ((e = cg_config_get(&c->cfg, "touchplan", "capacity")) != NULL) {
		if (cg_config_num(&c->cfg, e, &v, err) < 0)
			return -1;
		if (v < 1 || v > 100000 || v != (int)v)
			return cg_config_err(err, &c->cfg, e,
			    "capacity must be a whole number from 1");
		o->capacity = (int)v;
	}
	if ((e = cg_config_get(&c->cfg, "touchplan", "visit_capacity")) !=
	    NULL) {
		if (cg_config_num(&c->cfg, e, &v, err) < 0)
			return -1;
		if (v < 0 || v > 100000 || v != (int)v)
			return cg_config_err(err, &c->cfg, e,
			    "visit_capacity must be a whole number from 0");
		o->visit_capacity = (int)v;
	}
	if ((e = cg_config_get(&c->cfg, "touchplan", "workdays")) != NULL &&
	    wd == NULL) {
		if (cg_tp_workdays_parse(e->value, &o->workdays, why,
		    sizeof(why)) < 0)
			return cg_config_err(err, &c->cfg, e, "%s", why);
		wd = e->value;
	}
	if (wd == NULL)
		wd = "mon-fri";
	if (cg_tp_workdays_parse(wd, &o->workdays, why, sizeof(why)) < 0)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0, "--workdays: %s",
		    why);
	if ((e = cg_config_get(&c->cfg, "touchplan", "holidays")) != NULL &&
	    *holidays == NULL)
		*holidays = e->value;
	if ((e = cg_config_get(&c->cfg, "touchplan", "away")) != NULL &&
	    *aways == NULL)
		*aways = e->value;
	if (tc->capacity > 0)
		o->capacity = tc->capacity;
	if (tc->visit_capacity >= 0)
		o->visit_capacity = tc->visit_capacity;
	return 0;
}

int
cg_touchplan_run(struct cg_common *c, const struct cg_tp_config *tc,
    int argc, char **argv, struct cg_err *err)
{
	static const char *const owned[] = { "touchplan", "touchplan.cadence",
	    "touchplan.cadence.*", CG_COMMON_SECTIONS, NULL };
	struct cg_tp_cadences cads;
	struct cg_tp_dates hol = { 0, 0, NULL };
	struct cg_tp_aways away = { 0, 0, NULL };
	struct cg_tp_opts o;
	struct cg_tp_plan plan = { 0, 0, NULL, NULL, NULL };
	struct cg_tp_out out;
	struct cg_reader_opts ro = cg_common_reader_opts(c, 0);
	struct cg_input *in = NULL;
	struct cg_reader *r;
	struct cg_datecol dc;
	struct cg_buf arena = CG_BUF_INIT;
	struct reps reps = { 0, 0, NULL, 0, NULL };
	const struct cg_row *hdr, *row;
	struct cg_tp_account *acc = NULL;
	struct acc_off *aoff = NULL;
	size_t *koff = NULL, *kcol = NULL, nacc = 0, cap = 0, k, n, i;
	size_t cgrade, cacct, cid = 0, cown = 0, clast = 0;
	const char **repnames = NULL, **keepv = NULL, **keepn = NULL;
	const char *role = tc->by_quadrant ? "quadrant" : "grade", *s;
	const char *holidays = tc->holidays, *aways = tc->aways;
	int hid, hown, hlast, rc, ret = -1, owner_seen = 0;
	size_t overflow = 0;

	memset(&o, 0, sizeof(o));
	memset(&cads, 0, sizeof(cads));
	if (cg_tp_cadences_load(&cads, tc->by_quadrant, &c->cfg, err) < 0 ||
	    settings(c, tc, &o, &holidays, &aways, err) < 0 ||
	    cg_config_check(&c->cfg, owned, err) < 0)
		goto done;
	if (holidays != NULL && cg_tp_holidays_read(holidays, c->dates, &hol,
	    err) < 0)
		goto done;
	if (aways != NULL && cg_tp_aways_read(aways, c->dates, &away, err) < 0)
		goto done;
	if (tc->period_set) {
		o.from = tc->from;
		o.to = tc->to;
	} else if (cg_tp_period_week(NULL, c->today, &o.from, &o.to, err) < 0)
		goto done;
	o.holidays = &hol;
	o.aways = &away;

	if ((in = cg_input_open(argc, argv, &ro, err)) == NULL)
		goto done;
	if ((rc = cg_input_header(in, &hdr, err)) < 0)
		goto done;
	if (rc == 0) {		/* no input at all: no plan */
		ret = 0;
		goto done;
	}
	r = cg_input_reader(in);
	if (cg_role_require(hdr, &c->cols, role, cg_reader_name(r), &cgrade,
	    err) < 0 ||
	    cg_role_require(hdr, &c->cols, "account", cg_reader_name(r),
	    &cacct, err) < 0 ||
	    (hid = cg_role_find(hdr, &c->cols, "id", &cid, err)) < 0 ||
	    (hown = cg_role_find(hdr, &c->cols, "owner", &cown, err)) < 0 ||
	    (hlast = cg_role_find(hdr, &c->cols, "last_contact", &clast,
	    err)) < 0)
		goto done;
	kcol = cg_xcalloc(tc->nkeep + 1, sizeof(*kcol));
	keepn = cg_xcalloc(tc->nkeep + 1, sizeof(*keepn));
	for (k = 0; k < tc->nkeep; k++) {
		for (i = 0; i < hdr->n; i++)
			if (cg_header_eq(hdr->f[i], hdr->len[i], tc->keep[k],
			    strlen(tc->keep[k])))
				break;
		if (i == hdr->n) {
			cg_err_set(err, CG_EROLE, cg_reader_name(r), hdr->line,
			    0, "--keep %s: no such column", tc->keep[k]);
			goto done;
		}
		kcol[k] = i;
		keepn[k] = hdr->f[i];	/* the input's own spelling */
	}
	cg_datecol_init(&dc, c->dates);
	/* The unnamed rep exists up front only when it is needed. */
	while ((rc = cg_input_next(in, &row, err)) > 0) {
		const struct cg_tp_cadence *cad;
		int32_t last = CG_TP_NODATE;
		int rep;

		r = cg_input_reader(in);
		s = trim(row->f[cgrade], row->len[cgrade], &n);
		if ((cad = cg_tp_cadence_find(&cads, s, n)) == NULL) {
			if (n == 0)
				cg_row_err(err, CG_EDATA, r, row, cgrade,
				    "empty %s: no cadence to plan by", role);
			else
				cg_row_err(err, CG_EDATA, r, row, cgrade,
				    "no cadence for %s '%.*s' (add [touchplan."
				    "cadence.%.*s] to the config)", role,
				    (int)n, s, (int)n, s);
			goto done;
		}
		if (hlast > 0 && (rc = cg_field_date(r, row, clast, &dc,
		    c->prog, &last, err)) < 0)
			goto done;
		{
			size_t on;
			const char *os = hown > 0 ? trim(row->f[cown],
			    row->len[cown], &on) : NULL;

			if (os == NULL || on == 0) {
				os = UNASSIGNED;
				on = strlen(UNASSIGNED);
			}
			if (tc->owner != NULL && (strlen(tc->owner) != on ||
			    memcmp(tc->owner, os, on) != 0))
				continue;
			owner_seen = 1;
			rep = rep_index(&reps, &arena, os, on);
		}
		if (nacc == cap) {
			cap = cap ? 2 * cap : 1024;
			acc = cg_xreallocarray(acc, cap, sizeof(*acc));
			aoff = cg_xreallocarray(aoff, cap, sizeof(*aoff));
			koff = cg_xreallocarray(koff, cap * (tc->nkeep + 1),
			    sizeof(*koff));
		}
		memset(&acc[nacc], 0, sizeof(acc[nacc]));
		acc[nacc].cad = cad;
		acc[nacc].rep = rep;
		acc[nacc].last = last;
		aoff[nacc].grade = arena_put(&arena, s, n);
		aoff[nacc].name = arena_put(&arena, row->f[cacct],
		    row->len[cacct]);
		aoff[nacc].id = hid > 0 ? arena_put(&arena, row->f[cid],
		    row->len[cid]) : arena_put(&arena, "", 0);
		for (k = 0; k < tc->nkeep; k++)
			koff[nacc * (tc->nkeep + 1) + k] = arena_put(&arena,
			    row->f[kcol[k]], row->len[kcol[k]]);
		nacc++;
	}
	if (rc < 0)
		goto done;
	if (tc->owner != NULL && !owner_seen)
		cg_warn(c->prog, "no accounts for owner '%s'", tc->owner);

	/* The arena no longer moves: turn offsets into pointers. */
	keepv = cg_xcalloc(nacc * (tc->nkeep + 1) + 1, sizeof(*keepv));
	for (i = 0; i < nacc; i++) {
		acc[i].id = arena.s + aoff[i].id;
		acc[i].name = arena.s + aoff[i].name;
		acc[i].grade = arena.s + aoff[i].grade;
		acc[i].keep = keepv + i * (tc->nkeep + 1);
		for (k = 0; k < tc->nkeep; k++)
			keepv[i * (tc->nkeep + 1) + k] = arena.s +
			    koff[i * (tc->nkeep + 1) + k];
	}
	repnames = cg_xcalloc(reps.n + 1, sizeof(*repnames));
	for (i = 0; i < reps.n; i++)
		repnames[i] = arena.s + reps.off[i];

	cg_tp_schedule(&o, acc, nacc, repnames, reps.n, &plan);

	memset(&out, 0, sizeof(out));
	out.accts = acc;
	out.nacct = nacc;
	out.reps = repnames;
	out.role_name = role;
	out.keep_names = keepn;
	out.nkeep = tc->nkeep;
	out.today = c->today;
	out.from = o.from;
	out.to = o.to;
	out.todo = tc->todo;
	switch (tc->format) {
	case CG_TP_ICS:
		rc = cg_tp_write_ics(1, &out, &plan, err);
		break;
	case CG_TP_AGENDA:
		rc = cg_tp_write_agenda(1, &out, &plan, err);
		break;
	default:
		rc = cg_tp_write_csv(1, cg_reader_dialect(cg_input_reader(in)),
		    &out, &plan, err);
		break;
	}
	if (rc < 0)
		goto done;
	for (i = 0; i < reps.n; i++)
		if (plan.overflow[i] > 0) {
			cg_warn(c->prog, "%s: %zu touch%s over capacity",
			    repnames[i], plan.overflow[i],
			    plan.overflow[i] == 1 ? "" : "es");
			overflow += plan.overflow[i];
		}
	for (i = 0; i < reps.n; i++)
		if (plan.late[i] > 0) {
			cg_warn(c->prog, "%s: %zu touch%s due after the last "
			    "working day", repnames[i], plan.late[i],
			    plan.late[i] == 1 ? "" : "es");
			overflow += plan.late[i];
		}
	ret = tc->strict && overflow > 0 ? 1 : 0;
done:
	if (in != NULL)
		cg_input_free(in);
	cg_tp_plan_free(&plan);
	cg_tp_cadences_free(&cads);
	cg_tp_dates_free(&hol);
	cg_tp_aways_free(&away);
	cg_buf_free(&arena);
	free(reps.off);
	free(reps.tab);
	free(acc);
	free(aoff);
	free(koff);
	free(kcol);
	free(keepv);
	free(keepn);
	free(repnames);
	return ret;
}
