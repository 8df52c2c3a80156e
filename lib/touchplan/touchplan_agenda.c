/*
 * touchplan_agenda.c - the plan as plain text, one block per rep and a
 * heading per day, short enough to paste into a mail:
 *
 *     Ana Silva: 3 touches, 2026-11-30 to 2026-12-06
 *     by channel: 1 visit, 2 call
 *
 *     Mon 2026-11-30
 *       visit  Northwind Traders (C0001, A): every 7 days
 *
 * The second line counts the rep's touches by channel; the channel
 * column is as wide as the widest channel name in the plan.
 *
 * Touches that did not fit come last under "Not planned (over capacity)".
 * Every text from the data (rep, account, id, grade) is written through
 * cg_tp_text_safe: a line break in a name shows as \n and cannot forge
 * an agenda line in the mail a rep receives.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "clientgrade/touchplan.h"
#include "clientgrade/value.h"

static const char *const wd[7] = {
	"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
};

static void
item(struct cg_buf *b, const struct cg_tp_out *o, const struct cg_tp_touch *t,
    int chw)
{
	const struct cg_tp_account *a = &o->accts[t->acct];
	char reason[160];
	size_t n = cg_tp_reason(t, a, reason, sizeof(reason));

	cg_buf_printf(b, "  %-*s  ", chw, cg_tp_channel_name(t->channel));
	cg_tp_text_safe(b, a->name, strlen(a->name));
	cg_buf_add(b, " (", 2);
	if (a->id[0] != '\0') {
		cg_tp_text_safe(b, a->id, strlen(a->id));
		cg_buf_add(b, ", ", 2);
	}
	cg_tp_text_safe(b, a->grade, strlen(a->grade));
	cg_buf_add(b, "): ", 3);
	cg_tp_text_safe(b, reason, n);
	cg_buf_addc(b, '\n');
	/* --topics: what the touch is about, under it. */
	if (t->topic > 0) {
		const char *name = o->topic_names[t->topic - 1];
		const char *text = o->topic_texts[t->topic - 1];

		cg_buf_printf(b, "  %*s  ", chw, "");
		cg_tp_text_safe(b, name, strlen(name));
		if (text[0] != '\0') {
			cg_buf_add(b, ": ", 2);
			cg_tp_text_safe(b, text, strlen(text));
		}
		cg_buf_addc(b, '\n');
	}
}

int
cg_tp_write_agenda(int fd, const struct cg_tp_out *o,
    const struct cg_tp_plan *p, struct cg_err *err)
{
	struct cg_buf b = CG_BUF_INIT;
	size_t *count, *bych, nreps = 0, i, r, left;
	char d1[11], d2[11];
	const char *sep;
	int32_t last;
	int rc = 0, chw = 5, ch, w;

	for (i = 0; i < p->n; i++) {
		if ((size_t)o->accts[p->v[i].acct].rep + 1 > nreps)
			nreps = (size_t)o->accts[p->v[i].acct].rep + 1;
		/* The channel column is as wide as the widest in the plan. */
		w = (int)strlen(cg_tp_channel_name(p->v[i].channel));
		if (w > chw)
			chw = w;
	}
	count = cg_xcalloc(nreps + 1, sizeof(*count));
	bych = cg_xcalloc((nreps + 1) * CG_TP_NCHANNELS, sizeof(*bych));
	for (i = 0; i < p->n; i++) {
		r = (size_t)o->accts[p->v[i].acct].rep;
		count[r]++;
		bych[r * CG_TP_NCHANNELS + p->v[i].channel]++;
	}
	cg_fmt_date(d1, o->from);
	cg_fmt_date(d2, o->to);
	/* The plan is sorted by day, then rep: walk it once per rep. */
	for (r = 0; r < nreps && rc == 0; r++) {
		if (count[r] == 0)
			continue;
		if (b.len > 0)
			cg_buf_adds(&b, "\n");
		cg_tp_text_safe(&b, o->reps[r], strlen(o->reps[r]));
		cg_buf_printf(&b, ": %zu touch%s, %s to %s\nby channel: ",
		    count[r], count[r] == 1 ? "" : "es", d1, d2);
		for (ch = 0, sep = ""; ch < CG_TP_NCHANNELS; ch++)
			if (bych[r * CG_TP_NCHANNELS + (size_t)ch] > 0) {
				cg_buf_printf(&b, "%s%zu %s", sep,
				    bych[r * CG_TP_NCHANNELS + (size_t)ch],
				    cg_tp_channel_name(ch));
				sep = ", ";
			}
		cg_buf_addc(&b, '\n');
		last = CG_TP_NODATE;
		left = 0;
		for (i = 0; i < p->n; i++) {
			const struct cg_tp_touch *t = &p->v[i];

			if ((size_t)o->accts[t->acct].rep != r)
				continue;
			if (t->date == CG_TP_NODATE) {
				left++;
				continue;
			}
			if (t->date != last) {
				cg_fmt_date(d1, t->date);
				cg_buf_printf(&b, "\n%s %s\n",
				    wd[cg_weekday(t->date)], d1);
				last = t->date;
			}
			item(&b, o, t, chw);
		}
		if (left > 0) {
			cg_buf_printf(&b, "\nNot planned (over capacity): "
			    "%zu\n", left);
			for (i = 0; i < p->n; i++)
				if (p->v[i].date == CG_TP_NODATE &&
				    (size_t)o->accts[p->v[i].acct].rep == r)
					item(&b, o, &p->v[i], chw);
		}
		cg_fmt_date(d1, o->from);
		if (b.len >= 65536) {
			rc = cg_tp_write_all(fd, b.s, b.len, err);
			cg_buf_reset(&b);
		}
	}
	if (rc == 0 && b.len > 0)
		rc = cg_tp_write_all(fd, b.s, b.len, err);
	cg_buf_free(&b);
	free(count);
	free(bych);
	return rc;
}
