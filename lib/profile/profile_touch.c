/*
 * profile_touch.c - --touches LOG: how each grade was touched, from an
 * activity export (date, account or id, channel, replied), as findings
 * beside the attributes: touches per account per year, days between
 * touches, the channel mix and the reply rate, so a rep sees whether
 * the C accounts are C because of how they were worked.
 *
 * The accounts' keys are interned during the main pass, with their
 * group and three small counters each; the log then streams by. Memory
 * is O(accounts) and O(channels), never O(touches): the gap between
 * touches is an account's span over its touches - 1, which needs only
 * its first and last date, not every date sorted.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "clientgrade/field.h"
#include "clientgrade/roles.h"
#include "clientgrade/text.h"
#include "profile_int.h"

struct cg_ptouch {
	const char *name;	/* the log, for messages */
	struct cg_reader *r;
	size_t datecol, keycol, chancol, replycol;
	int has_chan, has_reply;
	const char *keyrole;	/* "id" or "account" */

	struct cg_strtab keys;	/* the accounts' keys */
	unsigned char *grp;	/* per account: its group */
	uint32_t *ntouch;
	int32_t *first, *last;
	size_t cap;
	long ndup, dupline;
	const char *accname;

	struct cg_strtab chans;	/* channel names, lower case */
	uint64_t (*chan)[CG_PROFILE_MAXGROUPS];	/* [channel][group] */
	long chan_over;		/* touches of channels past the limit */
	struct cg_buf low;
	uint64_t touches[CG_PROFILE_MAXGROUPS];
	uint64_t answered[CG_PROFILE_MAXGROUPS], replied[CG_PROFILE_MAXGROUPS];
	int32_t mind, maxd;
	long matched, unmatched, unmatched_line, skipped, skipped_line;
};

static const char *const chan_names[] = { "channel", "type",
	"activity_type", NULL };
static const char *const reply_names[] = { "replied", "reply", "answered",
	"responded", NULL };

/* The first of `names` in hdr, or CG_NO_COL. */
static size_t
first_named(const struct cg_row *hdr, const char *const *names)
{
	size_t i, c;

	for (i = 0; names[i] != NULL; i++)
		if ((c = cg_header_find(hdr, names[i], strlen(names[i]))) !=
		    CG_NO_COL)
			return c;
	return CG_NO_COL;
}

/*
 * A role in the log: the run's pins when the log has the column they
 * name (they were written for the accounts), else the aliases. A note
 * says when an alias found it. 1, 0 (none).
 */
static int
log_role(struct cg_ptouch *t, const struct cg_row *hdr,
    const struct cg_run *run, const char *role, size_t *col)
{
	int how, rc, n;

	rc = cg_role_find_how(hdr, run->cols, role, col, &how, NULL);
	if (rc < 0)
		rc = cg_role_find_how(hdr, NULL, role, col, &how, NULL);
	if (rc > 0 && how == CG_ROLE_ALIAS) {
		n = (int)(hdr->len[*col] > 60 ? 60 : hdr->len[*col]);
		cg_note(run, "%s: %s <- '%.*s'", t->name, role, n,
		    hdr->f[*col]);
	}
	return rc > 0;
}

/* Which key joins the two files: id when both have one, else account. */
static int
join_key(struct cg_ptouch *t, const struct cg_row *lh,
    const struct cg_row *hdr, const struct cg_run *run, size_t *acccol,
    struct cg_err *err)
{
	int acc_id, acc_name;

	if ((acc_id = cg_role_find(hdr, run->cols, "id", acccol, err)) < 0)
		return -1;
	if (acc_id && log_role(t, lh, run, "id", &t->keycol)) {
		t->keyrole = "id";
		return 0;
	}
	if ((acc_name = cg_role_find(hdr, run->cols, "account", acccol,
	    err)) < 0)
		return -1;
	if (acc_name && log_role(t, lh, run, "account", &t->keycol)) {
		t->keyrole = "account";
		if (acc_id)
			cg_note(run, "%s: touches matched to accounts by "
			    "name (the log has no id column)", t->name);
		return 0;
	}
	return cg_err_set(err, CG_EROLE, t->name, 1, 0, "no column to match "
	    "touches to accounts by: want an id column (as the accounts "
	    "have) or an account column in both files");
}

struct cg_ptouch *
cg_ptouch_open(const char *path, const struct cg_row *hdr,
    const char *accname, const struct cg_run *run, size_t *acccol,
    struct cg_err *err)
{
	struct cg_ptouch *t = cg_xcalloc(1, sizeof(*t));
	struct cg_reader_opts ro;
	const struct cg_row *lh;
	const char *kind;
	int rc;

	/* The run's encoding and notes; its own dialect (another export
	 * may use another delimiter). */
	ro = cg_run_reader_opts(run, 0);
	ro.delim = 0;
	ro.decimal = 0;
	t->name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	t->accname = accname;
	t->mind = INT32_MAX;
	t->maxd = INT32_MIN;
	cg_strtab_init(&t->keys);
	cg_strtab_init(&t->chans);
	if ((t->r = cg_reader_open_path(path, &ro, err)) == NULL)
		goto fail;
	if ((rc = cg_reader_header(t->r, &lh, err)) <= 0) {
		if (rc == 0)
			cg_err_set(err, CG_EDATA, t->name, 0, 0, "no header "
			    "line (the --touches file is empty)");
		goto fail;
	}
	if ((kind = cg_header_kind(lh)) != NULL) {
		cg_err_set(err, CG_EDATA, t->name, 0, 0, "this looks like %s; "
		    "--touches reads an activity export (the touches made)",
		    kind);
		goto fail;
	}
	if (!log_role(t, lh, run, "date", &t->datecol)) {
		cg_role_require(lh, NULL, "date", t->name, &t->datecol, err);
		goto fail;
	}
	if (join_key(t, lh, hdr, run, acccol, err) < 0)
		goto fail;
	if ((t->chancol = first_named(lh, chan_names)) != CG_NO_COL) {
		t->has_chan = 1;
		if (!cg_header_eq(lh->f[t->chancol], lh->len[t->chancol],
		    "channel", 7))
			cg_note(run, "%s: channel <- '%.*s'", t->name,
			    (int)(lh->len[t->chancol] > 60 ? 60 :
			    lh->len[t->chancol]), lh->f[t->chancol]);
	} else
		cg_note(run, "%s: no channel column (channel, type, "
		    "activity_type): no channel mix", t->name);
	if ((t->replycol = first_named(lh, reply_names)) != CG_NO_COL)
		t->has_reply = 1;
	else
		cg_note(run, "%s: no replied column: no reply rate", t->name);
	return t;
fail:
	cg_ptouch_free(t);
	return NULL;
}

void
cg_ptouch_account(struct cg_ptouch *t, const struct cg_row *row,
    size_t acccol, unsigned g)
{
	const char *s = row->f[acccol];
	size_t n = row->len[acccol], i;
	int added;

	cg_trim(&s, &n);
	if (n == 0)
		return;
	i = cg_strtab_intern(&t->keys, s, n, &added);
	if (!added) {
		/* The first account of a key keeps its touches. */
		if (t->ndup++ == 0)
			t->dupline = row->line;
		return;
	}
	if (i == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->grp = cg_xreallocarray(t->grp, t->cap, sizeof(*t->grp));
		t->ntouch = cg_xreallocarray(t->ntouch, t->cap,
		    sizeof(*t->ntouch));
		t->first = cg_xreallocarray(t->first, t->cap,
		    sizeof(*t->first));
		t->last = cg_xreallocarray(t->last, t->cap, sizeof(*t->last));
	}
	t->grp[i] = (unsigned char)g;
	t->ntouch[i] = 0;
	t->first[i] = INT32_MAX;
	t->last[i] = INT32_MIN;
}

/* The channel of a touch, in lower case, counted for group g. */
static void
count_channel(struct cg_ptouch *t, const struct cg_row *row, unsigned g)
{
	const char *s = row->f[t->chancol];
	size_t n = row->len[t->chancol], i, v;
	int added;

	cg_trim(&s, &n);
	if (n == 0)
		return;
	cg_buf_reset(&t->low);
	for (i = 0; i < n; i++)
		cg_buf_addc(&t->low, s[i] >= 'A' && s[i] <= 'Z' ?
		    (char)(s[i] - 'A' + 'a') : s[i]);
	v = cg_strtab_find(&t->chans, t->low.s, n);
	if (v == CG_STRTAB_NONE) {
		if (t->chans.n >= CG_PROFILE_MAXVALUES) {
			t->chan_over++;
			return;
		}
		v = cg_strtab_intern(&t->chans, t->low.s, n, &added);
		t->chan = cg_xreallocarray(t->chan, t->chans.n,
		    sizeof(*t->chan));
		memset(t->chan[v], 0, sizeof(t->chan[v]));
	}
	t->chan[v][g]++;
}

/* One touch of the log: 0, or -1 for a bad date or replied value. */
static int
one_touch(struct cg_ptouch *t, struct cg_datecol *dc,
    const struct cg_row *row, const struct cg_run *run, struct cg_err *err)
{
	const char *s = row->f[t->keycol];
	size_t n = row->len[t->keycol], i;
	int32_t day;
	int rc, yes;
	unsigned g;

	cg_trim(&s, &n);
	if ((rc = cg_field_date(t->r, row, t->datecol, dc, run, &day,
	    err)) < 0)
		return -1;
	if (rc == 0 || n == 0) {
		if (t->skipped++ == 0)
			t->skipped_line = row->line;
		return 0;
	}
	if ((i = cg_strtab_find(&t->keys, s, n)) == CG_STRTAB_NONE) {
		if (t->unmatched++ == 0)
			t->unmatched_line = row->line;
		return 0;
	}
	g = t->grp[i];
	t->matched++;
	t->touches[g]++;
	t->ntouch[i]++;
	if (day < t->first[i])
		t->first[i] = day;
	if (day > t->last[i])
		t->last[i] = day;
	if (day < t->mind)
		t->mind = day;
	if (day > t->maxd)
		t->maxd = day;
	if (t->has_chan)
		count_channel(t, row, g);
	if (t->has_reply) {
		if ((rc = cg_field_bool(t->r, row, t->replycol, &yes,
		    err)) < 0)
			return -1;
		if (rc > 0) {
			t->answered[g]++;
			t->replied[g] += yes != 0;
		}
	}
	return 0;
}

/*
 * Touches per account per year over the log's span (its first day to
 * its last, a year being 365 days, so a log of one calendar year counts
 * as it is), and the mean days between an account's touches.
 */
static void
rate_findings(struct cg_ptouch *t, const struct cg_pgroups *gs,
    struct cg_pfinds *f)
{
	struct cg_pnum rate, gap;
	double years = (double)(t->maxd - t->mind + 1) / 365;
	size_t i;

	cg_pnum_init(&rate);
	cg_pnum_init(&gap);
	for (i = 0; i < t->keys.n; i++) {
		cg_pnum_add(&rate, t->ntouch[i] / years, t->grp[i]);
		if (t->ntouch[i] >= 2)
			cg_pnum_add(&gap, (double)(t->last[i] - t->first[i]) /
			    (t->ntouch[i] - 1), t->grp[i]);
	}
	cg_pnum_finding(f, &rate, gs, "touches:per_year", 16);
	cg_pnum_finding(f, &gap, gs, "touches:days_between", 20);
	cg_pnum_free(&rate);
	cg_pnum_free(&gap);
}

/* Channel mix and reply rate: shares of each group's touches. */
static void
share_findings(struct cg_ptouch *t, const struct cg_pgroups *gs,
    struct cg_pfinds *f)
{
	struct cg_buf attr = CG_BUF_INIT;
	struct cg_pfind *p;
	const char *s;
	size_t v, g, n;

	for (v = 0; v < t->chans.n; v++) {
		s = cg_strtab_key(&t->chans, v, &n);
		cg_buf_reset(&attr);
		cg_buf_adds(&attr, "touches:channel=");
		cg_buf_add(&attr, s, n);
		p = cg_pfinds_new(f, attr.s, attr.len, "percent", 7,
		    CG_PK_TSHARE);
		for (g = 0; g < gs->names.n; g++)
			if (t->touches[g] > 0)
				p->cell[g] = (double)t->chan[v][g] /
				    (double)t->touches[g];
		p->sep = cg_pfind_share_sep(p, gs);
	}
	cg_buf_free(&attr);
	if (!t->has_reply)
		return;
	p = cg_pfinds_new(f, "touches:reply_rate", 18, "percent", 7,
	    CG_PK_TSHARE);
	for (g = 0; g < gs->names.n; g++)
		if (t->answered[g] > 0)
			p->cell[g] = (double)t->replied[g] /
			    (double)t->answered[g];
	p->sep = cg_pfind_share_sep(p, gs);
}

int
cg_ptouch_run(struct cg_ptouch *t, const struct cg_pgroups *gs,
    struct cg_pfinds *f, const struct cg_run *run, struct cg_err *err)
{
	const struct cg_row *row;
	struct cg_datecol dc;
	int rc;

	cg_datecol_init(&dc, run->dates);
	while ((rc = cg_reader_next(t->r, &row, err)) > 0)
		if (one_touch(t, &dc, row, run, err) < 0)
			return -1;
	if (rc < 0)
		return -1;
	if (t->ndup > 0)
		cg_warning(run, "%ld account%s with the %s of an earlier one: "
		    "touches count for the first (first: %s:%ld)", t->ndup,
		    t->ndup == 1 ? "" : "s", t->keyrole, t->accname,
		    t->dupline);
	if (t->skipped > 0)
		cg_warning(run, "%ld touch%s with no date or no %s skipped "
		    "(first: %s:%ld)", t->skipped, t->skipped == 1 ? "" : "es",
		    t->keyrole, t->name, t->skipped_line);
	if (t->unmatched > 0)
		cg_warning(run, "%ld touch%s of no account in the input "
		    "(first: %s:%ld)", t->unmatched,
		    t->unmatched == 1 ? "" : "es", t->name, t->unmatched_line);
	if (t->chan_over > 0)
		cg_note(run, "%s: more than %d channels: %ld touch%s of the "
		    "others are not in the mix", t->name, CG_PROFILE_MAXVALUES,
		    t->chan_over, t->chan_over == 1 ? "" : "es");
	if (t->matched == 0) {
		cg_warning(run, "%s: no touch of an account in the input "
		    "(matched by %s): no touch pattern", t->name, t->keyrole);
		return 0;
	}
	rate_findings(t, gs, f);
	share_findings(t, gs, f);
	return 0;
}

void
cg_ptouch_free(struct cg_ptouch *t)
{
	if (t == NULL)
		return;
	cg_reader_free(t->r);
	cg_strtab_free(&t->keys);
	cg_strtab_free(&t->chans);
	cg_buf_free(&t->low);
	free(t->grp);
	free(t->ntouch);
	free(t->first);
	free(t->last);
	free(t->chan);
	free(t);
}
