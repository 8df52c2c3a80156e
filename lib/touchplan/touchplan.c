/*
 * touchplan.c - the touchplan tool's one entry point, in grade's order:
 * the calendar (holidays, absences) and the columns are resolved, the
 * accounts collected in one pass, the plan computed (touchplan_sched.c,
 * no I/O), then emitted by one writer and the overflow reported.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "clientgrade/csv.h"
#include "clientgrade/field.h"
#include "clientgrade/input.h"
#include "clientgrade/roles.h"
#include "clientgrade/strtab.h"
#include "clientgrade/text.h"
#include "clientgrade/touchplan.h"
#include "clientgrade/value.h"

#define UNASSIGNED "(unassigned)"

/* Account strings live in one arena; offsets until reading is done. */
struct acc_off {
	size_t id, name, grade;
};

/* One run: what every step shares. */
struct tp {
	const struct cg_touchplan_opts *o;
	const struct cg_run *run;
	const char *role;		/* "grade" or "quadrant" */
	struct cg_tp_dates hol;
	struct cg_tp_aways away;
	struct cg_tp_opts sched;
	struct cg_input *in;
	/* Columns: grade, account, and the optional ones if have_*. */
	size_t cgrade, cacct, cid, cown, clast;
	int have_id, have_own, have_last;
	size_t *kcol;			/* --keep columns */
	const char **keepn;		/* their headers, as the input spells */
	/* The accounts; rep names -> index in first-seen order. */
	struct cg_buf arena;
	struct cg_strtab reps;
	struct cg_tp_account *acc;
	struct acc_off *aoff;
	size_t *koff;			/* nkeep + 1 arena offsets an account */
	size_t nacc, cap;
	const char **keepv, **repnames;
	struct cg_tp_plan plan;
};

static size_t
arena_put(struct cg_buf *a, const char *s, size_t n)
{
	size_t off = a->len;

	cg_buf_add(a, s, n);
	cg_buf_addc(a, '\0');
	return off;
}

/* The days off and the scheduler's settings. */
static int
calendar(struct tp *t, struct cg_err *err)
{
	const struct cg_touchplan_opts *o = t->o;

	if (o->holidays != NULL && cg_tp_holidays_read(o->holidays,
	    t->run->dates, &t->hol, err) < 0)
		return -1;
	if (o->aways != NULL && cg_tp_aways_read(o->aways, t->run, &t->away,
	    err) < 0)
		return -1;
	t->sched.from = o->from;
	t->sched.to = o->to;
	t->sched.workdays = o->workday_mask;
	t->sched.capacity = o->capacity;
	t->sched.visit_capacity = o->visit_capacity;
	t->sched.holidays = &t->hol;
	t->sched.aways = &t->away;
	return 0;
}

/* The columns by role, and the --keep ones by name. */
static int
resolve(struct tp *t, const struct cg_row *hdr, struct cg_err *err)
{
	const struct cg_colmap *cols = t->run->cols;
	struct cg_colmap none = { 0, 0, NULL };
	const char *file = cg_reader_name(cg_input_reader(t->in));
	size_t k, i;

	if (cols == NULL)
		cols = &none;
	if (cg_role_require(hdr, cols, t->role, file, &t->cgrade, err) < 0 ||
	    cg_role_require(hdr, cols, "account", file, &t->cacct, err) < 0 ||
	    (t->have_id = cg_role_find(hdr, cols, "id", &t->cid, err)) < 0 ||
	    (t->have_own = cg_role_find(hdr, cols, "owner", &t->cown,
	    err)) < 0 ||
	    (t->have_last = cg_role_find(hdr, cols, "last_contact", &t->clast,
	    err)) < 0)
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

/* Keep one account: its cadence found, its rep known. */
static void
add_account(struct tp *t, const struct cg_row *row,
    const struct cg_tp_cadence *cad, const char *grade, size_t ngrade,
    int rep, int32_t last)
{
	size_t nkeep = t->o->nkeep, k, n = t->nacc;
	struct cg_tp_account *a;

	if (n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 1024;
		t->acc = cg_xreallocarray(t->acc, t->cap, sizeof(*t->acc));
		t->aoff = cg_xreallocarray(t->aoff, t->cap, sizeof(*t->aoff));
		t->koff = cg_xreallocarray(t->koff, t->cap * (nkeep + 1),
		    sizeof(*t->koff));
	}
	a = &t->acc[n];
	memset(a, 0, sizeof(*a));
	a->cad = cad;
	a->rep = rep;
	a->last = last;
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

/* The one pass over the input: every account of the reps planned. */
static int
collect(struct tp *t, struct cg_err *err)
{
	const struct cg_touchplan_opts *o = t->o;
	const struct cg_tp_cadence *cad;
	const struct cg_row *row;
	struct cg_reader *r;
	struct cg_datecol dc;
	const char *s, *os;
	size_t n, on, i, k, nk = o->nkeep + 1;
	size_t olen = o->owner != NULL ? strlen(o->owner) : 0;
	int32_t last;
	int rc, owner_seen = 0;

	cg_datecol_init(&dc, t->run->dates);
	/* The unnamed rep exists only when an account needs it. */
	while ((rc = cg_input_next(t->in, &row, err)) > 0) {
		r = cg_input_reader(t->in);
		s = row->f[t->cgrade];
		n = row->len[t->cgrade];
		cg_trim(&s, &n);
		if ((cad = cg_tp_cadence_find(&o->cads, s, n)) == NULL) {
			if (n == 0)
				return cg_row_err(err, CG_EDATA, r, row,
				    t->cgrade, "empty %s: no cadence to plan "
				    "by", t->role);
			return cg_row_err(err, CG_EDATA, r, row, t->cgrade,
			    "no cadence for %s '%.*s' (add [touchplan."
			    "cadence.%.*s] to the config)", t->role, (int)n, s,
			    (int)n, s);
		}
		last = CG_TP_NODATE;
		if (t->have_last > 0 && cg_field_date(r, row, t->clast, &dc,
		    t->run, &last, err) < 0)
			return -1;
		on = 0;
		if (t->have_own > 0) {
			os = row->f[t->cown];
			on = row->len[t->cown];
			cg_trim(&os, &on);
		}
		if (on == 0) {
			os = UNASSIGNED;
			on = sizeof(UNASSIGNED) - 1;
		}
		if (o->owner != NULL && (olen != on ||
		    memcmp(o->owner, os, on) != 0))
			continue;
		owner_seen = 1;
		add_account(t, row, cad, s, n,
		    (int)cg_strtab_intern(&t->reps, os, on, NULL), last);
	}
	if (rc < 0)
		return -1;
	if (o->owner != NULL && !owner_seen)
		cg_warning(t->run, "no accounts for owner '%s'", o->owner);

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
	return 0;
}

static int
emit(struct tp *t, struct cg_err *err)
{
	struct cg_tp_out out;
	int fd = t->run->out_fd;

	memset(&out, 0, sizeof(out));
	out.accts = t->acc;
	out.nacct = t->nacc;
	out.reps = t->repnames;
	out.role_name = t->role;
	out.keep_names = t->keepn;
	out.nkeep = t->o->nkeep;
	out.today = t->run->today;
	out.from = t->sched.from;
	out.to = t->sched.to;
	out.todo = t->o->todo;
	switch (t->o->format) {
	case CG_TP_ICS:
		return cg_tp_write_ics(fd, &out, &t->plan, err);
	case CG_TP_AGENDA:
		return cg_tp_write_agenda(fd, &out, &t->plan, err);
	default:
		return cg_tp_write_csv(fd,
		    cg_reader_dialect(cg_input_reader(t->in)), &out, &t->plan,
		    err);
	}
}

/* Per rep, what did not fit; under --strict that fails the run. */
static int
report(struct tp *t, struct cg_err *err)
{
	const struct cg_tp_plan *p = &t->plan;
	size_t overflow = 0, i;

	for (i = 0; i < t->reps.n; i++)
		if (p->overflow[i] > 0) {
			cg_warning(t->run, "%s: %zu touch%s over capacity",
			    t->repnames[i], p->overflow[i],
			    p->overflow[i] == 1 ? "" : "es");
			overflow += p->overflow[i];
		}
	for (i = 0; i < t->reps.n; i++)
		if (p->late[i] > 0) {
			cg_warning(t->run, "%s: %zu touch%s due after the last "
			    "working day", t->repnames[i], p->late[i],
			    p->late[i] == 1 ? "" : "es");
			overflow += p->late[i];
		}
	if (t->o->strict && overflow > 0)
		return cg_err_set(err, CG_EDATA, NULL, 0, 0, "--strict: %zu "
		    "touch%s did not fit in the period", overflow,
		    overflow == 1 ? "" : "es");
	return 0;
}

int
cg_touchplan_run(const struct cg_touchplan_opts *o, const struct cg_run *run,
    struct cg_err *err)
{
	struct cg_reader_opts ro = cg_run_reader_opts(run, 0);
	const struct cg_row *hdr;
	struct tp t;
	int rc, ret = -1;

	memset(&t, 0, sizeof(t));
	t.o = o;
	t.run = run;
	t.role = o->by_quadrant ? "quadrant" : "grade";
	cg_strtab_init(&t.reps);
	if (calendar(&t, err) < 0 ||
	    (t.in = cg_input_open(run->argc, run->argv, &ro, err)) == NULL ||
	    (rc = cg_input_header(t.in, &hdr, err)) < 0)
		goto done;
	if (rc == 0) {		/* no input at all: no plan */
		ret = 0;
		goto done;
	}
	if (resolve(&t, hdr, err) < 0 || collect(&t, err) < 0)
		goto done;
	cg_tp_schedule(&t.sched, t.acc, t.nacc, t.repnames, t.reps.n,
	    &t.plan);
	if (emit(&t, err) < 0 || report(&t, err) < 0)
		goto done;
	ret = 0;
done:
	if (t.in != NULL)
		cg_input_free(t.in);
	cg_tp_plan_free(&t.plan);
	cg_tp_dates_free(&t.hol);
	cg_tp_aways_free(&t.away);
	cg_buf_free(&t.arena);
	cg_strtab_free(&t.reps);
	free(t.acc);
	free(t.aoff);
	free(t.koff);
	free(t.kcol);
	free(t.keepv);
	free(t.keepn);
	free(t.repnames);
	return ret;
}
