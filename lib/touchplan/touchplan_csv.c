/*
 * touchplan_csv.c - the plan as CSV, in the input's dialect: one record a
 * touch, overflow touches last with an empty date and status "overflow".
 *
 * A year's plan is millions of records over a few hundred days and a few
 * strings per account, so dates, lengths and the common reasons are
 * computed once and each record is put together from known lengths.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/csv.h"
#include "clientgrade/text.h"
#include "clientgrade/touchplan.h"
#include "clientgrade/value.h"

#define NFIXED 9

/* Lengths of an account's strings, measured on first use. */
struct lens {
	size_t id, name, grade;
	int known;
};

int
cg_tp_write_csv(int fd, const struct cg_dialect *d, const struct cg_tp_out *o,
    const struct cg_tp_plan *p, struct cg_err *err)
{
	struct cg_writer *w = cg_writer_new(fd, "<stdout>", d);
	/* With --topics a topic column follows the reason. */
	size_t nf = NFIXED + (o->ntopics > 0) + o->nkeep;
	size_t kf = NFIXED + (o->ntopics > 0);	/* the first --keep */
	const char **f = cg_xcalloc(nf, sizeof(*f));
	struct cg_put *put = cg_xcalloc(nf, sizeof(*put));
	struct lens *ln = cg_xcalloc(o->nacct + 1, sizeof(*ln));
	size_t ndays = (size_t)(o->to - o->from + 1), i, k;
	char *dates = cg_xmalloc(ndays * 11), no[CG_LONG_BUFSIZE], reason[160];
	size_t *replen = NULL, nreps = 0;
	int rc = 0;

	for (i = 0; i < ndays; i++)
		cg_fmt_date(dates + 11 * i, o->from + (int32_t)i);
	f[0] = "date";
	f[1] = "owner";
	f[2] = "account_id";
	f[3] = "account";
	f[4] = o->role_name;
	f[5] = "channel";
	f[6] = "touch";
	f[7] = "status";
	f[8] = "reason";
	if (o->ntopics > 0)
		f[NFIXED] = "topic";
	for (k = 0; k < o->nkeep; k++)
		f[kf + k] = o->keep_names[k];
	if (cg_writer_strings(w, f, nf, err) < 0)
		rc = -1;
	for (k = 0; k < nf; k++)
		put[k].col = k;
	for (i = 0; rc == 0 && i < p->n; i++) {
		const struct cg_tp_touch *t = &p->v[i];
		const struct cg_tp_account *a = &o->accts[t->acct];
		struct lens *l = &ln[t->acct];

		if (!l->known) {
			l->id = strlen(a->id);
			l->name = strlen(a->name);
			l->grade = strlen(a->grade);
			l->known = 1;
		}
		if ((size_t)a->rep >= nreps) {
			size_t nn = (size_t)a->rep + 1, r;

			replen = cg_xreallocarray(replen, nn, sizeof(*replen));
			for (r = nreps; r < nn; r++)
				replen[r] = strlen(o->reps[r]);
			nreps = nn;
		}
		if (t->date != CG_TP_NODATE) {
			put[0].s = dates + 11 * (size_t)(t->date - o->from);
			put[0].n = 10;
			put[7].s = "planned";
			put[7].n = 7;
		} else {
			put[0].s = "";
			put[0].n = 0;
			put[7].s = "overflow";
			put[7].n = 8;
		}
		put[1].s = o->reps[a->rep];
		put[1].n = replen[a->rep];
		put[2].s = a->id;
		put[2].n = l->id;
		put[3].s = a->name;
		put[3].n = l->name;
		put[4].s = a->grade;
		put[4].n = l->grade;
		put[5].s = cg_tp_channel_name(t->channel);
		put[5].n = CG_STRLEN;
		put[6].s = no;
		put[6].n = cg_fmt_long(no, (long)t->no);
		put[8].s = reason;
		put[8].n = cg_tp_reason(t, a, reason, sizeof(reason));
		if (o->ntopics > 0) {
			put[NFIXED].s = t->topic > 0 ?
			    o->topic_names[t->topic - 1] : "";
			put[NFIXED].n = CG_STRLEN;
		}
		for (k = 0; k < o->nkeep; k++) {
			put[kf + k].s = a->keep[k];
			put[kf + k].n = CG_STRLEN;
		}
		if (cg_writer_row(w, NULL, put, nf, err) < 0)
			rc = -1;
	}
	if (cg_writer_close(w, rc == 0 ? err : NULL) < 0)
		rc = -1;
	free(f);
	free(put);
	free(ln);
	free(dates);
	free(replen);
	return rc;
}
