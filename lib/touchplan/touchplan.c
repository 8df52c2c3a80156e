/*
 * touchplan.c - the touchplan tool's one entry point, in grade's order:
 * the calendar (holidays, absences) and the columns are resolved, the
 * accounts collected in one pass (touchplan_collect.c), the plan
 * computed (touchplan_sched.c, no I/O), then emitted by one writer and
 * the overflow reported.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/csv.h"
#include "clientgrade/input.h"
#include "clientgrade/touchplan.h"
#include "touchplan_int.h"

/* The days off and the scheduler's settings. */
static int
calendar(struct cg_tp_state *t, struct cg_err *err)
{
	const struct cg_touchplan_opts *o = t->o;

	if (o->holidays != NULL && cg_tp_holidays_read(o->holidays,
	    t->run, o->from, o->to, &t->hol, err) < 0)
		return -1;
	if (o->aways != NULL && cg_tp_aways_read(o->aways, t->run, &t->away,
	    err) < 0)
		return -1;
	if (o->topics != NULL && cg_tp_topics_read(o->topics, t->run, &t->topics,
	    err) < 0)
		return -1;
	t->sched.from = o->from;
	t->sched.to = o->to;
	t->sched.workdays = o->workday_mask;
	t->sched.capacity = o->capacity;
	t->sched.visit_capacity = o->visit_capacity;
	t->sched.written_capacity = o->written_capacity;
	t->sched.level_days = o->level_days;
	t->sched.holidays = &t->hol;
	t->sched.aways = &t->away;
	t->sched.cluster_km = o->cluster ? o->cluster_km : 0;
	return 0;
}

static int
emit(struct cg_tp_state *t, struct cg_err *err)
{
	struct cg_tp_out out;
	const char **names = NULL, **texts = NULL;
	int fd = t->run->out_fd, rc;
	size_t i;

	memset(&out, 0, sizeof(out));
	out.accts = t->acc;
	out.nacct = t->nacc;
	out.reps = t->repnames;
	out.nreps = t->reps.n;
	out.role_name = t->role;
	out.keep_names = t->keepn;
	out.nkeep = t->o->nkeep;
	out.today = t->run->today;
	out.from = t->sched.from;
	out.to = t->sched.to;
	out.todo = t->o->todo;
	if (t->topics.n > 0) {
		names = cg_xcalloc(t->topics.n, sizeof(*names));
		texts = cg_xcalloc(t->topics.n, sizeof(*texts));
		for (i = 0; i < t->topics.n; i++) {
			names[i] = t->topics.v[i].name;
			texts[i] = t->topics.v[i].text;
		}
		out.topic_names = names;
		out.topic_texts = texts;
		out.ntopics = t->topics.n;
	}
	switch (t->o->format) {
	case CG_TP_ICS:
		rc = cg_tp_write_ics(fd, &out, &t->plan, err);
		break;
	case CG_TP_AGENDA:
		rc = cg_tp_write_agenda(fd, &out, &t->plan, err);
		break;
	default:
		rc = cg_tp_write_csv(fd,
		    cg_reader_dialect(cg_input_reader(t->in)), &out, &t->plan,
		    err);
		break;
	}
	if (rc == 0 && t->o->plot != NULL) {
		struct cg_buf svg = CG_BUF_INIT;

		cg_tp_plot_svg(&svg, &out, &t->plan, &t->sched);
		rc = cg_tp_plot_write(t->o->plot, &svg, err);
		cg_buf_free(&svg);
	}
	free(names);
	free(texts);
	return rc;
}

/* Per rep, what did not fit; under --strict that fails the run. */
static int
report(struct cg_tp_state *t, struct cg_err *err)
{
	const struct cg_tp_plan *p = &t->plan;
	size_t overflow = 0, i;
	char b[128];

	for (i = 0; i < t->reps.n; i++) {
		size_t personal = p->overflow[i] - p->woverflow[i];

		if (personal > 0)
			cg_warning(t->run, "%s: %zu touch%s over capacity",
			    cg_tp_text_clip(b, sizeof(b), t->repnames[i]),
			    personal, personal == 1 ? "" : "es");
		if (p->woverflow[i] > 0)
			cg_warning(t->run, "%s: %zu written touch%s over the "
			    "written capacity", cg_tp_text_clip(b, sizeof(b),
			    t->repnames[i]), p->woverflow[i],
			    p->woverflow[i] == 1 ? "" : "es");
		overflow += p->overflow[i];
	}
	for (i = 0; i < t->reps.n; i++)
		if (p->late[i] > 0) {
			cg_warning(t->run, "%s: %zu touch%s due after the last "
			    "working day", cg_tp_text_clip(b, sizeof(b),
			    t->repnames[i]), p->late[i],
			    p->late[i] == 1 ? "" : "es");
			overflow += p->late[i];
		}
	if (t->o->strict && overflow > 0)
		return cg_err_set(err, CG_EDATA, NULL, 0, 0, "--strict: %zu "
		    "touch%s did not fit in the period", overflow,
		    overflow == 1 ? "" : "es");
	return 0;
}

/* How much --cluster-visits achieved, once. */
static void
cluster_note(struct cg_tp_state *t)
{
	size_t nv, nc;

	cg_tp_cluster_share(&t->sched, t->acc, &t->plan, &nv, &nc);
	cg_note(t->run, "--cluster-visits: %zu of %zu visit%s (%.0f%%) share "
	    "their day with a visit within %d km", nc, nv, nv == 1 ? "" : "s",
	    nv > 0 ? 100.0 * (double)nc / (double)nv : 0.0,
	    t->sched.cluster_km);
	if (t->nnoplace > 0)
		cg_note(t->run, "--cluster-visits: %zu account%s without "
		    "coordinates %s planned as usual", t->nnoplace,
		    t->nnoplace == 1 ? "" : "s", t->nnoplace == 1 ? "is" :
		    "are");
}

int
cg_touchplan_run(const struct cg_touchplan_opts *o, const struct cg_run *run,
    struct cg_err *err)
{
	struct cg_reader_opts ro = cg_run_reader_opts(run, 0);
	const struct cg_row *hdr;
	struct cg_tp_state t;
	int rc, ret = -1;

	memset(&t, 0, sizeof(t));
	t.o = o;
	t.run = run;
	t.role = o->by_quadrant ? "quadrant" : "grade";
	cg_strtab_init(&t.reps);
	cg_strtab_init(&t.owners);
	if (calendar(&t, err) < 0 ||
	    (t.in = cg_input_open(run->argc, run->argv, &ro, err)) == NULL ||
	    (rc = cg_input_header(t.in, &hdr, err)) < 0)
		goto done;
	if (rc == 0) {		/* no input at all: no plan */
		ret = 0;
		goto done;
	}
	if (cg_tp_resolve(&t, hdr, err) < 0 || cg_tp_collect(&t, err) < 0)
		goto done;
	t.sched.points = t.pts;
	cg_tp_schedule(&t.sched, t.acc, t.nacc, t.repnames, t.reps.n,
	    &t.plan);
	if (o->cluster)
		cluster_note(&t);
	if (t.topics.n > 0) {
		cg_tp_topics_assign(&t.topics, t.acc, &t.plan);
		if (t.topics.untopiced > 0)
			cg_warning(run, "%zu touch%s no topic: what does the "
			    "client get from %s?", t.topics.untopiced,
			    t.topics.untopiced == 1 ? " has" : "es have",
			    t.topics.untopiced == 1 ? "it" : "them");
	}
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
	cg_strtab_free(&t.owners);
	cg_tp_pops_free(&t.pops);
	cg_tp_topics_free(&t.topics);
	free(t.acc);
	free(t.pts);
	free(t.aoff);
	free(t.koff);
	free(t.kcol);
	free(t.keepv);
	free(t.keepn);
	free(t.repnames);
	return ret;
}
