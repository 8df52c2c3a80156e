/*
 * prune_report.c - what prune says about a run as a whole: the summary
 * (--dry-run, --summary), and the share check that stops a run which
 * would throw most of a file away.
 *
 * The share check is there for the file that is not what prune thinks:
 * a deal log (one row per deal, so every account but one row is a
 * "duplicate"), an export a year old (everything "stale"), a --require
 * that no row meets. Such a run would move most of the file into the
 * rejects file with exit 0; instead it stops before writing, names the
 * rule doing it and what to ask, and says how to go on.
 */
#include <unistd.h>

#include "clientgrade/buf.h"
#include "clientgrade/prune.h"
#include "clientgrade/value.h"

int
cg_prune_summary(int fd, const struct cg_prune_stats *st, const char *name,
    struct cg_err *err)
{
	struct cg_buf b = CG_BUF_INIT;
	size_t off = 0;
	int i;

	cg_buf_printf(&b, "%-9s %9lu\n", "rows", st->rows);
	cg_buf_printf(&b, "%-9s %9lu\n", "kept", st->kept);
	cg_buf_printf(&b, "%-9s %9lu\n", "rejected", st->rejected);
	for (i = 0; i < CG_PRUNE_NRULES; i++) {
		if (st->off[i][0] != '\0')
			cg_buf_printf(&b, "%-9s %9s (%s)\n",
			    cg_prune_rule_name(i), "off", st->off[i]);
		else
			cg_buf_printf(&b, "%-9s %9lu\n", cg_prune_rule_name(i),
			    st->by_rule[i]);
	}
	while (off < b.len) {
		ssize_t n = write(fd, b.s + off, b.len - off);
		if (n < 0) {
			cg_buf_free(&b);
			return cg_err_set(err, CG_EWRITE, name, 0, 0,
			    "write error:");
		}
		off += (size_t)n;
	}
	cg_buf_free(&b);
	return 0;
}

/* "most as duplicate account (7012): is this a deal log?" */
static void
most(struct cg_buf *b, const struct cg_prune_opts *o,
    const struct cg_run *run, const struct cg_prune_stats *st)
{
	char day[16];
	int r, top = 0;

	for (r = 1; r < CG_PRUNE_NRULES; r++)
		if (st->by_rule[r] > st->by_rule[top])
			top = r;
	switch (top) {
	case CG_PRUNE_STALE:
		cg_fmt_date(day, run->today);
		cg_buf_printf(b, "most as stale (%lu): no contact in the %ld "
		    "days to %s; is the export old, or --today or --stale-days "
		    "wrong?", st->by_rule[top], o->stale_days, day);
		break;
	case CG_PRUNE_NOREPLY:
		cg_buf_printf(b, "most as no reply (%lu): %g or more "
		    "unanswered touches; is --max-unanswered too low?",
		    st->by_rule[top], o->max_unanswered);
		break;
	case CG_PRUNE_FIT:
		cg_buf_printf(b, "most as not meeting --require or --min "
		    "(%lu): do they ask for values the file has?",
		    st->by_rule[top]);
		break;
	default:
		cg_buf_printf(b, "most as duplicate account (%lu): is this a "
		    "deal log?", st->by_rule[top]);
		break;
	}
}

int
cg_prune_share(const struct cg_prune_opts *o, const struct cg_run *run,
    const struct cg_prune_stats *st, const char *verb, struct cg_buf *msg)
{
	unsigned long long rej = st->rejected, rows = st->rows;
	unsigned long long max = (unsigned long long)o->max_reject, pct, need;

	cg_buf_reset(msg);
	if (rows == 0 || rej * 100 <= max * rows)
		return 0;
	/* The nearest percent, unless that would not show it over the
	 * limit (50.2% is "over 50%"); the limit to suggest is the next
	 * multiple of ten at or above the share. */
	pct = (rej * 200 + rows) / (rows * 2);
	need = ((rej * 100 + rows - 1) / rows + 9) / 10 * 10;
	if (pct > max)
		cg_buf_printf(msg, "%s %llu of %llu rows (%llu%%), ", verb, rej,
		    rows, pct);
	else
		cg_buf_printf(msg, "%s %llu of %llu rows (over %llu%%), ", verb,
		    rej, rows, max);
	most(msg, o, run, st);
	if (o->force)
		cg_buf_printf(msg, " (over --max-reject %d; going on: --force)",
		    o->max_reject);
	else
		cg_buf_printf(msg, " (--force or --max-reject %llu to go on)",
		    need > 100 ? 100 : need);
	return 1;
}
