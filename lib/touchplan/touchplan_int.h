/*
 * touchplan_int.h - what the files of touchplan(1)'s driver share inside
 * lib/touchplan/: one run's state, from the calendar read to the plan
 * written. Not a public interface.
 */
#ifndef CLIENTGRADE_TOUCHPLAN_INT_H
#define CLIENTGRADE_TOUCHPLAN_INT_H

#include "clientgrade/buf.h"
#include "clientgrade/cond.h"
#include "clientgrade/field.h"
#include "clientgrade/stage.h"
#include "clientgrade/csv.h"
#include "clientgrade/input.h"
#include "clientgrade/strtab.h"
#include "clientgrade/touchplan.h"

#define CG_TP_UNASSIGNED "(unassigned)"

/* Account strings live in one arena; offsets until reading is done. */
struct cg_tp_acc_off {
	size_t id, name, grade;
};

/*
 * The populations (touchplan_pop.c): the stage column read through the
 * suite's memo (stage.h), and what the planned accounts were.
 */
struct cg_tp_pops {
	size_t col;			/* the stage column, or CG_NO_COL */
	struct cg_stage_memo memo;
	size_t n[CG_TP_NPOPS];		/* planned accounts per population */
};

/*
 * --topics (touchplan_topics.c): the file's rows, their conditions
 * compiled against the accounts' header, and the pool of the rows each
 * account meets.
 */
#define CG_TP_MAXTOPICS 65534
#define CG_TP_MAXTOPICS_BYTES ((size_t)16 << 20)	/* read to tell UTF-8 */
struct cg_tp_topic {
	char *name, *grades, *when, *text;	/* owned, trimmed */
	uint32_t channels;	/* bit per enum cg_tp_channel; 0: any */
	struct cg_cond cond;
	long line, col;		/* where `when` is, for messages */
};
struct cg_tp_topics {
	const char *path;
	struct cg_tp_topic *v;
	size_t n, cap;
	uint16_t *pool;		/* per account, the rows it meets */
	size_t npool, pcap;
	size_t *col, ncol;	/* condition variable -> accounts' column */
	struct cg_datecol *dc;	/* per variable read as a date */
	const struct cg_row *hdr;	/* while compiling */
	const struct cg_run *run;
	size_t untopiced;	/* touches without a topic */
};

/* One run: what every step shares. */
struct cg_tp_state {
	const struct cg_touchplan_opts *o;
	const struct cg_run *run;
	const char *role;		/* "grade" or "quadrant" */
	struct cg_tp_dates hol;
	struct cg_tp_aways away;
	struct cg_tp_opts sched;
	struct cg_input *in;
	/* Columns: grade, account, and the optional ones if have_*. */
	size_t cgrade, cacct, cid, cown, clast, corder, cnext, clat, clon;
	int have_id, have_own, have_last, have_order, have_next;
	size_t *kcol;			/* --keep columns */
	const char **keepn;		/* their headers, as the input spells */
	/* The accounts; rep names -> index in first-seen order. */
	struct cg_buf arena;
	struct cg_strtab reps;
	struct cg_strtab owners;	/* with --owner and --away: all owners */
	struct cg_tp_account *acc;
	struct cg_point *pts;		/* --cluster-visits: per account */
	size_t nnoplace;		/* accounts without coordinates */
	struct cg_tp_acc_off *aoff;
	size_t *koff;			/* nkeep + 1 arena offsets an account */
	size_t nacc, cap;
	const char **keepv, **repnames;
	/* What the data said about itself, for the notes and warnings. */
	size_t nstandin;		/* last_order stood in for last_contact */
	int32_t newest;			/* newest past contact date, or
					 * CG_TP_NODATE */
	const char *newest_col;		/* "last_contact" or "last_order" */
	struct cg_tp_pops pops;
	struct cg_tp_topics topics;	/* n == 0: no --topics */
	struct cg_tp_plan plan;
};

/*
 * Which of a day's limits a touch counts against: the capacity (a call,
 * an event), the capacity and the visit capacity (a visit), or the
 * written capacity (email, letter, newsletter, postcard).
 */
enum { CG_TP_K_PERSONAL = 0, CG_TP_K_VISIT, CG_TP_K_WRITTEN };
#define CG_TP_KIND(ch) ((ch) == CG_TP_VISIT ? CG_TP_K_VISIT : \
	CG_TP_WRITTEN(ch) ? CG_TP_K_WRITTEN : CG_TP_K_PERSONAL)

/* One rep's days, indexed from the period's first day (touchplan_days.c). */
struct cg_tp_days {
	int32_t ndays;
	unsigned char *off;	/* 0 open, else CG_TP_OFFDAY/HOLIDAY/AWAY */
	int *total, *visits;	/* personal touches, and visits of them */
	int *written;		/* written touches */
	int32_t *nf_any, *nf_visit, *nf_written;	/* next day with room */
	int32_t *open;		/* next open day at or after d, any load */
	int32_t *popen;		/* last open day at or before d, or -1 */
	int32_t *waiting;	/* personal touches in the heap due on d */
	int32_t *wwaiting;	/* written touches in the heap due on d */
	long wdload[7];		/* touches placed per weekday so far */
	int wd0;		/* weekday of the period's first day */
	/* --cluster-visits: the visits booked on each day, as lists of
	 * nodes (vhead[d] the first, -1 none), for accounts with a place. */
	int32_t *vhead;
	struct cg_tp_vnode {
		uint32_t acct;
		int32_t next;
	} *vnode;
	size_t nvnode, cvnode;
};

/* Why the due day cannot take a touch: 0, else an enum cg_tp_why code. */
#define CG_TP_DAY_OPEN 0

/* Set up r (arrays allocated by the caller, ndays + 1 long) for rep. */
void cg_tp_days_init(struct cg_tp_days *r, const struct cg_tp_opts *o,
    const char *rep);
/* The first day at or after d with room for a touch of `kind` (a
 * CG_TP_K_*); r->ndays when there is none. */
int32_t cg_tp_day_next(struct cg_tp_days *r, int kind, int32_t d);
/* 1 when day d is open and has room for a touch of `kind`. */
int cg_tp_day_room(const struct cg_tp_days *r, const struct cg_tp_opts *o,
    int32_t d, int kind);
/* Count a touch of `kind` on day `day`. */
void cg_tp_day_take(struct cg_tp_days *r, const struct cg_tp_opts *o,
    int32_t day, int kind);
/*
 * The day for a touch of `kind` due on d0 that may not come before c
 * (c >= d0, later when spacing or a scheduled contact holds it back)
 * nor before lo: d0 when it is open with room; else the least-loaded
 * open day with room among c and level_days open days either side (not
 * before lo), load counting the touches of the same limit (personal or
 * written); else the next day with room. r->ndays when there is none.
 */
int32_t cg_tp_day_place(struct cg_tp_days *r, const struct cg_tp_opts *o,
    int32_t d0, int32_t c, int32_t lo, int kind);

/*
 * --cluster-visits (touchplan_cluster.c). cg_tp_cluster_book notes a
 * visit of acct on day (nothing for an account without a place). For a
 * visit of acct whose earliest day is c and that may not go before lo,
 * cg_tp_cluster_day returns the day among c and level_days open days
 * either side (not before lo) with room for a visit whose nearest booked
 * visit is the nearest to acct, within o->cluster_km (*km set); ties go
 * to the day nearer c, then the earlier. -1 when there is none.
 */
void cg_tp_cluster_book(struct cg_tp_days *r, const struct cg_tp_opts *o,
    int32_t day, uint32_t acct);
int32_t cg_tp_cluster_day(struct cg_tp_days *r, const struct cg_tp_opts *o,
    uint32_t acct, int32_t c, int32_t lo, double *km);
/*
 * After planning: how many planned visits (*nvisit) and how many of them
 * share their day with another visit of the rep within o->cluster_km
 * (*nclustered). The plan is sorted by date, then rep.
 */
void cg_tp_cluster_share(const struct cg_tp_opts *o,
    const struct cg_tp_account *accts, const struct cg_tp_plan *p,
    size_t *nvisit, size_t *nclustered);

/*
 * Holidays from iCalendar text (touchplan_icsread.c); recurrences are
 * expanded within from..to. 0 or -1 (CG_EVALUE naming FILE:LINE).
 */
int cg_tp_ics_holidays(const char *name, const char *text, size_t len,
    int32_t from, int32_t to, struct cg_tp_dates *d, struct cg_err *err);

/*
 * The columns by role (with a note for each found by an alias) and the
 * --keep ones by name; refuses a header that is a clientgrade output
 * touchplan cannot plan from (a plan fed back). 0 or -1.
 */
int cg_tp_resolve(struct cg_tp_state *t, const struct cg_row *hdr,
    struct cg_err *err);

/*
 * --topics. cg_tp_topics_read reads the file (its errors name it);
 * cg_tp_topics_resolve compiles each `when` against the accounts' header;
 * cg_tp_topics_row keeps in the pool the rows a row of the accounts meets
 * (grade g[0..ng) in the row's grades, condition true), setting *first
 * and *count, or -1 when a value a condition reads is bad;
 * cg_tp_topics_assign gives each touch of the plan its topic.
 */
int cg_tp_topics_read(const char *path, const struct cg_run *run,
    struct cg_tp_topics *tp, struct cg_err *err);
int cg_tp_topics_resolve(struct cg_tp_topics *tp, const struct cg_row *hdr,
    const struct cg_run *run, struct cg_err *err);
int cg_tp_topics_row(struct cg_tp_topics *tp, struct cg_reader *r,
    const struct cg_row *row, const char *g, size_t ng, uint32_t *first,
    uint16_t *count, struct cg_err *err);
void cg_tp_topics_assign(struct cg_tp_topics *tp,
    const struct cg_tp_account *acc, struct cg_tp_plan *plan);
void cg_tp_topics_free(struct cg_tp_topics *tp);

/*
 * Populations (touchplan_pop.c). cg_tp_pops_find looks for the stage
 * role (not under --by quadrant: quadrants are the clients' map); with
 * none every account is a client. cg_tp_pop_of gives a row's population
 * (an empty stage and one the vocabulary does not know are clients, as
 * grade grades them) and in *slot what cg_tp_pop_count counts once the
 * account is planned; cg_tp_pops_report says what the input held, once.
 */
int cg_tp_pops_find(struct cg_tp_state *t, const struct cg_row *hdr,
    struct cg_err *err);
int cg_tp_pop_of(struct cg_tp_state *t, const struct cg_row *row,
    size_t *slot);
void cg_tp_pop_count(struct cg_tp_state *t, int pop, size_t slot);
void cg_tp_pops_report(struct cg_tp_state *t);
void cg_tp_pops_free(struct cg_tp_pops *p);

/*
 * The one pass over the input: every account of the reps planned, then
 * the notes and warnings about the whole input (last_order standing in,
 * a stale export, --away owners nobody has, ics duplicates). 0 or -1.
 */
int cg_tp_collect(struct cg_tp_state *t, struct cg_err *err);

#endif
