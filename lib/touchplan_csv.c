/*
 * touchplan_csv.c - the plan as CSV, in the input's dialect: one record a
 * touch, overflow touches last with an empty date and status "overflow".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/csv.h"
#include "clientgrade/touchplan.h"
#include "clientgrade/value.h"

#define NFIXED 9

int
cg_tp_write_csv(int fd, const struct cg_dialect *d, const struct cg_tp_out *o,
    const struct cg_tp_plan *p, struct cg_err *err)
{
	struct cg_writer *w = cg_writer_new(fd, "<stdout>", d);
	const char **f = cg_xcalloc(NFIXED + o->nkeep, sizeof(*f));
	char date[11], no[8], reason[160];
	size_t i, k;
	int rc = 0;

	f[0] = "date";
	f[1] = "owner";
	f[2] = "account_id";
	f[3] = "account";
	f[4] = o->role_name;
	f[5] = "channel";
	f[6] = "touch";
	f[7] = "status";
	f[8] = "reason";
	for (k = 0; k < o->nkeep; k++)
		f[NFIXED + k] = o->keep_names[k];
	if (cg_writer_strings(w, f, NFIXED + o->nkeep, err) < 0)
		rc = -1;
	for (i = 0; rc == 0 && i < p->n; i++) {
		const struct cg_tp_touch *t = &p->v[i];
		const struct cg_tp_account *a = &o->accts[t->acct];

		if (t->date != CG_TP_NODATE) {
			cg_fmt_date(date, t->date);
			f[0] = date;
			f[7] = "planned";
		} else {
			f[0] = "";
			f[7] = "overflow";
		}
		f[1] = o->reps[a->rep];
		f[2] = a->id;
		f[3] = a->name;
		f[4] = a->grade;
		f[5] = cg_tp_channel_name(t->channel);
		snprintf(no, sizeof(no), "%u", (unsigned)t->no);
		f[6] = no;
		cg_tp_reason(t, a, reason, sizeof(reason));
		f[8] = reason;
		for (k = 0; k < o->nkeep; k++)
			f[NFIXED + k] = a->keep[k];
		if (cg_writer_strings(w, f, NFIXED + o->nkeep, err) < 0)
			rc = -1;
	}
	if (cg_writer_close(w, rc == 0 ? err : NULL) < 0)
		rc = -1;
	free(f);
	return rc;
}
