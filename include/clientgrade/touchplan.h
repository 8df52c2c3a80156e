/*
 * touchplan.h - turn graded accounts into dated touches (visits, calls,
 * emails, mailings) on each rep's working days, within capacity.
 *
 * Data flows one way: the driver reads accounts (cg_tp_account) and the
 * calendar (workdays, holidays, absences), cg_tp_schedule() plans every
 * touch that falls due in the period, and one writer (csv, ics, agenda)
 * prints the plan. Scheduling does no I/O; writers decide nothing.
 *
 * The model, documented in touchplan(1):
 *   - A cadence (per grade, or per quadrant) is one or more tracks; a
 *     track has an interval in days and a list of channels taken in turn.
 *   - Each touch falls due one interval after the previous one's due
 *     day: the first one interval after last_contact (or last_order); a
 *     first touch due before the period is overdue and falls due on the
 *     period's first day, ahead of everything else; the series then
 *     restarts from the day that catch-up is planned.
 *     Without a last contact the track's touches fall on a fixed calendar
 *     phase, chosen so a rep's accounts of one cadence spread over the
 *     working days of the interval.
 *   - A contact already scheduled in the period (next_contact) is the
 *     account's next touch, planned first, on its day or the next working
 *     day with room; its series continues from there and nothing else is
 *     booked for the account before it.
 *   - A touch is planned on its due day when that is a working day of the
 *     rep with capacity left; else on the least-loaded working day with
 *     room within level_days working days either side (load counting the
 *     touches still to come), else on the next day with room; never
 *     closer than half its interval to the series' previous touch. A
 *     touch that fits nowhere before the period ends is an overflow
 *     (kept, not dropped).
 */
#ifndef CLIENTGRADE_TOUCHPLAN_H
#define CLIENTGRADE_TOUCHPLAN_H

#include <stddef.h>
#include <stdint.h>
#include "config.h"
#include "error.h"
#include "geo.h"
#include "run.h"

/*
 * Channels, in the order of their names in cg_tp_channel_name(). The
 * personal ones (visit, call, event: the rep's own time with the client)
 * count against the capacity, visits also against the visit capacity;
 * the written ones (email and after) against the written capacity.
 */
enum cg_tp_channel {
	CG_TP_VISIT = 0,
	CG_TP_CALL,
	CG_TP_EVENT,
	CG_TP_EMAIL,
	CG_TP_LETTER,
	CG_TP_NEWSLETTER,
	CG_TP_POSTCARD,
	CG_TP_NCHANNELS
};
#define CG_TP_WRITTEN(ch) ((ch) >= CG_TP_EMAIL)

const char *cg_tp_channel_name(int ch);
/*
 * Channel from its name (case-insensitive), or one of the synonyms
 * earlier versions took: mail and mailer (letter), e-mail, phone; -1 if
 * unknown.
 */
int cg_tp_channel_parse(const char *s, size_t n);

#define CG_TP_MAXROT 16		/* channels in one track's rotation */
#define CG_TP_MAXTRACKS 8	/* tracks in one cadence */

struct cg_tp_track {
	char name[32];		/* "touch", "personal", ...: config key */
	int every;		/* interval in days, >= 1 */
	int nrot;
	unsigned char rot[CG_TP_MAXROT];	/* enum cg_tp_channel */
};

struct cg_tp_cadence {
	char name[64];		/* grade or quadrant name */
	int ntracks;
	struct cg_tp_track tracks[CG_TP_MAXTRACKS];
	int builtin;		/* 1: a default, not from the config */
};

struct cg_tp_cadences {
	size_t n, cap;
	struct cg_tp_cadence *v;
};

/*
 * Parse one track spec "DAYS CHANNEL[, CHANNEL...]" or
 * "N/year CHANNEL[, ...]" (interval = 365/N days, rounded). Returns 0, or
 * -1 with a reason in why[0..whycap).
 */
int cg_tp_track_parse(const char *spec, struct cg_tp_track *t, char *why,
    size_t whycap);

/*
 * The cadences in force: the built-in defaults for `by` ("grade" or
 * "quadrant"), then [touchplan.cadence] (NAME = TRACKSPEC, one track) and
 * [touchplan.cadence.NAME] (TRACK = TRACKSPEC, several tracks) from cfg;
 * a name given in the config replaces its default entirely. Entries taken
 * are marked used. Returns 0 or -1 (CG_ECONFIG naming file and line).
 * Free with cg_tp_cadences_free(). These are the clients' cadences.
 */
int cg_tp_cadences_load(struct cg_tp_cadences *cs, int by_quadrant,
    struct cg_config *cfg, struct cg_err *err);

/*
 * Populations: what the stage column (stage.h) says an account is. A lead
 * graded A is not an A client: it is nurtured by calls and email, not
 * visited, until it buys; a referral source is thanked, not sold to.
 */
enum cg_tp_pop { CG_TP_CLIENTS = 0, CG_TP_LEADS, CG_TP_REFERRALS,
	CG_TP_NPOPS };
/* "client", "lead", "referral source" (singular, for reasons). */
const char *cg_tp_pop_name(int pop);

/*
 * The cadences of population `pop` by grade: for CG_TP_CLIENTS the same
 * as cg_tp_cadences_load(by grade); for leads the defaults then
 * [touchplan.lead.cadence] and [touchplan.lead.cadence.GRADE], for
 * referral sources [touchplan.referral.cadence] and
 * [touchplan.referral.cadence.GRADE], with the same rules. 0 or -1.
 */
int cg_tp_cadences_load_pop(struct cg_tp_cadences *cs, int pop,
    struct cg_config *cfg, struct cg_err *err);
void cg_tp_cadences_free(struct cg_tp_cadences *cs);
/* Cadence by name (case-insensitive, blanks around ignored); or NULL. */
const struct cg_tp_cadence *cg_tp_cadence_find(const struct cg_tp_cadences *cs,
    const char *name, size_t n);
/* Touches per year a cadence gives (for the man page and tests). */
double cg_tp_cadence_per_year(const struct cg_tp_cadence *c);

/* ---- calendar ---- */

/*
 * Parse a workday list: "mon-fri", "mon,tue,thu", "mon-thu,sat", "all".
 * Sets bit i (0 = Monday) of *mask. 0 or -1 (why filled).
 */
int cg_tp_workdays_parse(const char *s, unsigned *mask, char *why,
    size_t whycap);

/* A set of dates (holidays), sorted and unique after cg_tp_dates_sort. */
struct cg_tp_dates {
	size_t n, cap;
	int32_t *v;
};
void cg_tp_dates_add(struct cg_tp_dates *d, int32_t day);
void cg_tp_dates_sort(struct cg_tp_dates *d);
int cg_tp_dates_has(const struct cg_tp_dates *d, int32_t day);
void cg_tp_dates_free(struct cg_tp_dates *d);

/*
 * Read holidays from `path`: either a list of dates (one a line, the
 * date ending at a blank, ',', ';', '|' or '#'; anything after it
 * ignored, '#' starts a comment, blank lines skipped, and a first line of
 * fields without a digit taken for a CSV header), read in run->dates
 * order; or iCalendar (the file begins with BEGIN:VCALENDAR), parsed
 * with libical: every VEVENT not STATUS:CANCELLED blocks its DTSTART day
 * and every day up to DTEND (exclusive for dates) or for its DURATION;
 * RRULE and RDATE occurrences (less EXDATEs and occurrences a
 * RECURRENCE-ID moved) are expanded within from..to. 0 or -1 (CG_EIO,
 * or CG_EVALUE naming FILE:LINE: a bad date, a component never ended,
 * a line libical cannot read).
 */
int cg_tp_holidays_read(const char *path, const struct cg_run *run,
    int32_t from, int32_t to, struct cg_tp_dates *d, struct cg_err *err);
/* The same from a string (tests); `order` is an enum cg_date_order. */
int cg_tp_holidays_parse(const char *name, const char *text, size_t len,
    int order, int32_t from, int32_t to, struct cg_tp_dates *d,
    struct cg_err *err);

/* One absence: owner away from..to inclusive. */
struct cg_tp_away {
	char *owner;		/* blanks around trimmed */
	int32_t from, to;
	long line;		/* in the absence file, for messages */
};
struct cg_tp_aways {
	size_t n, cap;
	struct cg_tp_away *v;
};
/*
 * Read absences from CSV `path` with columns owner (role owner, found
 * by its aliases but not by --col, which names the accounts' columns;
 * an alias is noted), from (or start, away_from) and to (or end, until,
 * away_to); dates in run->dates order, an ambiguous one warned about
 * through the run. 0 or -1.
 */
int cg_tp_aways_read(const char *path, const struct cg_run *run,
    struct cg_tp_aways *a, struct cg_err *err);
void cg_tp_aways_free(struct cg_tp_aways *a);

/*
 * Periods. `arg` may be NULL (the coming week, month or quarter: the
 * first one that starts on or after `today`). Week: "YYYY-Www" (ISO
 * 8601); month: "YYYY-MM"; quarter: "YYYY-Qn". 0 or -1 (CG_EUSAGE).
 */
int cg_tp_period_week(const char *arg, int32_t today, int32_t *from,
    int32_t *to, struct cg_err *err);
int cg_tp_period_month(const char *arg, int32_t today, int32_t *from,
    int32_t *to, struct cg_err *err);
int cg_tp_period_quarter(const char *arg, int32_t today, int32_t *from,
    int32_t *to, struct cg_err *err);

/* ---- scheduling ---- */

struct cg_tp_account {
	const char *id;		/* may be "" */
	const char *name;
	const char *grade;	/* the cadence's key as written in the input */
	int rep;		/* index into the reps */
	int32_t last;		/* last contact, or CG_TP_NODATE */
	int32_t sched;		/* next_contact within the period, or
				 * CG_TP_NODATE */
	const struct cg_tp_cadence *cad;
	int pop;		/* enum cg_tp_pop: whose cadences cad is */
	const char **keep;	/* --keep values (nkeep of them) */
	long line;		/* input line, for messages */
	unsigned dup;		/* ics: 0, or n for the n-th repeat of the same
				 * owner, id and name (UIDs tell them apart) */
	uint32_t topic0;	/* --topics: the topics whose grades and
				 * condition the account meets, ntopic of */
	uint16_t ntopic;	/* them from topic0 in the topics' pool */
};
#define CG_TP_NODATE INT32_MIN

/* Why a touch is not on its due day (also: why it falls due). */
enum cg_tp_why {
	CG_TP_ONTIME = 0,
	CG_TP_OVERDUE,		/* due before the period: first day */
	CG_TP_OFFDAY,		/* due day is not a workday */
	CG_TP_HOLIDAY,
	CG_TP_AWAY,
	CG_TP_FULL,		/* due day already at capacity */
	CG_TP_SPACED,		/* too soon after the series' last touch */
	CG_TP_WAITS,		/* waits for the contact scheduled in CRM */
	CG_TP_CLUSTER		/* a visit moved to a day with one nearby */
};
/* cg_tp_touch.flags */
#define CG_TP_F_SCHED 1		/* the contact scheduled in CRM */

struct cg_tp_touch {
	uint32_t acct;		/* index into accounts */
	int32_t date;		/* planned day; CG_TP_NODATE = overflow */
	int32_t due;		/* due day (for overdue: the original due) */
	uint16_t no;		/* touch number of the account, 1-based */
	unsigned char channel;
	unsigned char why;	/* enum cg_tp_why */
	unsigned char track;
	unsigned char flags;	/* CG_TP_F_* */
	uint16_t km;		/* CG_TP_CLUSTER: km to the nearest visit of
				 * its day, rounded */
	uint16_t topic;		/* --topics: 1 + the topic's row, 0: none */
};

struct cg_tp_opts {
	int32_t from, to;	/* the period, inclusive */
	unsigned workdays;	/* bit 0 = Monday */
	int capacity;		/* personal touches per rep per day */
	int visit_capacity;	/* visits per rep per day, within capacity */
	int written_capacity;	/* written touches per rep per day */
	int level_days;		/* levelling window, working days either
				 * side of the due day; 0: next free day */
	const struct cg_tp_dates *holidays;
	const struct cg_tp_aways *aways;
	/* --cluster-visits: km within which a visit joins another's day
	 * (0: off), and each account's place (lat NAN: unknown). */
	int cluster_km;
	const struct cg_point *points;
};

struct cg_tp_plan {
	size_t n, cap;
	struct cg_tp_touch *v;	/* sorted: date (overflow last), rep, order */
	size_t *overflow;	/* per rep: touches over capacity */
	size_t *woverflow;	/* per rep: of them, written ones over the
				 * written capacity */
	size_t *late;		/* per rep: due after the last working day */
};

/*
 * Plan every touch of `accts` (in input order) falling due in the period.
 * `reps` names the nreps reps (for absences). The result is deterministic:
 * no randomness, ties broken by input order. Free with cg_tp_plan_free().
 */
void cg_tp_schedule(const struct cg_tp_opts *o,
    const struct cg_tp_account *accts, size_t nacct,
    const char *const *reps, size_t nreps, struct cg_tp_plan *plan);
void cg_tp_plan_free(struct cg_tp_plan *plan);

/* The reason text of a touch ("every 7 days", "overdue since 2026-10-03",
 * "due 2026-12-25 (holiday)"), into b (cap >= 64). A lead's or a
 * referral source's begins with its grade and population ("A lead: call
 * every 14 days"); a client's does not. Returns the length. */
size_t cg_tp_reason(const struct cg_tp_touch *t,
    const struct cg_tp_account *a, char *b, size_t cap);

/* ---- output ---- */

struct cg_dialect;
struct cg_tp_out {
	const struct cg_tp_account *accts;
	size_t nacct;
	const char *const *reps;
	size_t nreps;
	const char *role_name;		/* "grade" or "quadrant" */
	const char *const *keep_names;	/* headers of --keep columns */
	size_t nkeep;
	int32_t today, from, to;
	int todo;			/* ics: VTODO instead of VEVENT */
	/* --topics: each topic's name and text, by cg_tp_touch.topic - 1;
	 * ntopics 0 without it (and no topic column). */
	const char *const *topic_names, *const *topic_texts;
	size_t ntopics;
};

/* CSV: header and one record per touch. 0 or -1 (CG_EWRITE). */
int cg_tp_write_csv(int fd, const struct cg_dialect *d,
    const struct cg_tp_out *o, const struct cg_tp_plan *p,
    struct cg_err *err);
/* iCalendar (RFC 5545). Returns 0 or -1. */
int cg_tp_write_ics(int fd, const struct cg_tp_out *o,
    const struct cg_tp_plan *p, struct cg_err *err);
/* Plain text, per rep and day. */
int cg_tp_write_agenda(int fd, const struct cg_tp_out *o,
    const struct cg_tp_plan *p, struct cg_err *err);

/*
 * The plan's load as SVG into b: one row per rep (o->nreps of them, in
 * o->reps order) and one cell per working day of so's period (its
 * workdays less its holidays), coloured by the day's touches against
 * so->capacity, a rep's absent days hatched; touches that found no day
 * are counted on the working day they fell due (on or after it), that
 * cell outlined in red with the count below. Dates along the top (week
 * starts marked), a legend below. Text from the data is XML-escaped.
 */
struct cg_buf;
void cg_tp_plot_svg(struct cg_buf *b, const struct cg_tp_out *o,
    const struct cg_tp_plan *p, const struct cg_tp_opts *so);
/* Write svg to path atomically (outfile.h). 0 or -1 (CG_EIO, CG_EWRITE). */
int cg_tp_plot_write(const char *path, const struct cg_buf *svg,
    struct cg_err *err);

/*
 * Append `s` to b folded to 75 octets a line (continuations begin with a
 * space; a UTF-8 sequence is never split), ending the line with CRLF.
 * For tests and the ics writer.
 */
struct cg_buf;
void cg_tp_ics_line(struct cg_buf *b, const char *s, size_t n);
/* Append s escaped as an iCalendar TEXT value (\\ \; \, \n). */
void cg_tp_ics_text(struct cg_buf *b, const char *s, size_t n);
/*
 * Append s[0..n) to b as a person may safely read it (agenda, messages):
 * a line break or a terminal escape in an account name must not forge a
 * line or reach the terminal. \n \r \t are written as such, other C0
 * controls and DEL as \xHH, C1 controls, U+2028/U+2029 and the bidi
 * overrides and isolates as \uXXXX, bytes that are not UTF-8 as \xHH;
 * the rest (backslashes too) as it is.
 *     cg_tp_text_safe(&b, "Evil\n  visit", 12);   // "Evil\\n  visit"
 */
void cg_tp_text_safe(struct cg_buf *b, const char *s, size_t n);
/* The same for a NUL-terminated s into buf[0..cap) (cut short if it does
 * not fit; cap >= 1), for messages. Returns buf. */
const char *cg_tp_text_clip(char *buf, size_t cap, const char *s);
/* Write all of s to fd (CG_EWRITE naming <stdout> on failure). 0 or -1. */
int cg_tp_write_all(int fd, const char *s, size_t n, struct cg_err *err);

/* ---- the whole tool ---- */

/*
 * What the command line and [touchplan] ask for. The command (a struct
 * cg_tool, tool.h) fills it with cg_touchplan_opts_init(), the
 * cg_touchplan_parse_*() setters (one per option, in option order) and
 * cg_touchplan_check() (run from the tool's check hook: the period from
 * run->today, the [touchplan*] config for whatever the options left
 * unset, the cadences), then calls cg_touchplan_run() once. Free with
 * cg_touchplan_opts_free().
 */
struct cg_touchplan_opts {
	int by_quadrant;
	/* The period options as given; cg_touchplan_check resolves them
	 * into from..to. */
	int want_week, want_month, want_quarter, have_from, have_to;
	const char *week, *month, *quarter;	/* argument, or NULL: the
						 * coming one */
	int32_t from, to;		/* the period, inclusive */
	const char *workdays;	/* NULL: config or mon-fri */
	int capacity;		/* 0: config or default */
	int visit_capacity;	/* -1: config or default */
	int written_capacity;	/* -1: config or default */
	int cluster;		/* --cluster-visits */
	int cluster_km;		/* -1: config or default */
	int level_days;		/* -1: config or default */
	int stale_days;		/* -1: config or default; 0: no check */
	const char *holidays, *aways;	/* NULL: config or none */
	const char *topics;	/* --topics FILE; NULL: config or none */
	const char *owner;	/* NULL: every rep */
	int format;		/* enum below */
	int todo;
	int strict;
	const char *plot;	/* --plot FILE.svg, or NULL */
	const char **keep;	/* --keep columns (owned array) */
	size_t nkeep;
	/* Set by cg_touchplan_check. */
	unsigned workday_mask;	/* bit 0 = Monday */
	struct cg_tp_cadences cads;	/* owned: the clients' */
	struct cg_tp_cadences lead_cads, referral_cads;	/* owned */
};
enum { CG_TP_CSV = 0, CG_TP_ICS, CG_TP_AGENDA };

#define CG_TP_DEFAULT_CAPACITY 8
#define CG_TP_DEFAULT_VISIT_CAPACITY 2
#define CG_TP_DEFAULT_WRITTEN_CAPACITY 40
#define CG_TP_DEFAULT_CLUSTER_KM 25
#define CG_TP_MAX_CLUSTER_KM 20000	/* half the equator */
#define CG_TP_DEFAULT_LEVEL_DAYS 2
#define CG_TP_MAX_LEVEL_DAYS 30
#define CG_TP_DEFAULT_STALE_DAYS 60
#define CG_TP_MAX_CAPACITY 100000
#define CG_TP_MAX_DAYS 3660	/* "at most ten years" */

void cg_touchplan_opts_init(struct cg_touchplan_opts *o);
void cg_touchplan_opts_free(struct cg_touchplan_opts *o);

/*
 * Option setters: 0, or -1 (CG_EUSAGE naming the option). --week and
 * --month take arg NULL for the coming week or month; --from/--to take
 * YYYY-MM-DD; --capacity 1..100000, --visit-capacity and
 * --written-capacity 0..100000, --cluster-km 1..20000, and
 * --stale-days 0..3660 whole numbers. The string ones borrow arg (argv
 * outlives the run).
 */
int cg_touchplan_parse_away(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err);
int cg_touchplan_parse_by(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err);
int cg_touchplan_parse_capacity(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err);
int cg_touchplan_parse_cluster_km(struct cg_touchplan_opts *o,
    const char *arg, struct cg_err *err);
int cg_touchplan_parse_cluster_visits(struct cg_touchplan_opts *o,
    const char *arg, struct cg_err *err);
int cg_touchplan_parse_format(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err);
int cg_touchplan_parse_from(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err);
int cg_touchplan_parse_topics(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err);
int cg_touchplan_parse_holidays(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err);
int cg_touchplan_parse_keep(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err);
int cg_touchplan_parse_month(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err);
int cg_touchplan_parse_owner(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err);
int cg_touchplan_parse_plot(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err);
int cg_touchplan_parse_quarter(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err);
int cg_touchplan_parse_stale_days(struct cg_touchplan_opts *o,
    const char *arg, struct cg_err *err);
int cg_touchplan_parse_strict(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err);
int cg_touchplan_parse_to(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err);
int cg_touchplan_parse_todo(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err);
int cg_touchplan_parse_visit_capacity(struct cg_touchplan_opts *o,
    const char *arg, struct cg_err *err);
int cg_touchplan_parse_written_capacity(struct cg_touchplan_opts *o,
    const char *arg, struct cg_err *err);
int cg_touchplan_parse_week(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err);
int cg_touchplan_parse_workdays(struct cg_touchplan_opts *o, const char *arg,
    struct cg_err *err);

/*
 * After every option: check the period options (one of --week, --month,
 * --quarter or --from with --to; --to not before --from; at most ten
 * years) and resolve the period against run->today (none given: the
 * coming week); take capacity, visit_capacity, level_days, stale_days,
 * workdays, holidays and away from [touchplan] in run->cfg where the
 * options did not set them, and the cadences from [touchplan.cadence*],
 * marking the entries used (the spine then refuses keys nobody read);
 * declare the holidays and absence files as the run's inputs
 * (cg_run_input), so no output can overwrite them. 0 or -1 (CG_EUSAGE,
 * or CG_ECONFIG naming file and line).
 */
int cg_touchplan_check(struct cg_touchplan_opts *o, struct cg_run *run,
    struct cg_err *err);

/*
 * Read graded accounts from the run's operands (or stdin), plan, and
 * write the plan to run->out_fd; warnings (overflow, an owner with no
 * accounts) go through the run. Returns 0 or -1 (err filled). Under
 * --strict a plan with overflow is still written whole, then the run
 * fails with CG_EDATA (exit status 1) saying how many touches did not
 * fit.
 */
int cg_touchplan_run(const struct cg_touchplan_opts *o,
    const struct cg_run *run, struct cg_err *err);

/*
 * The same four as struct cg_tool's hooks (tool.h) take them, the opts
 * as the spine's void *: cmd/touchplan.c points its table at these.
 */
void cg_touchplan_hook_init(void *o);
void cg_touchplan_hook_free(void *o);
int cg_touchplan_hook_check(void *o, struct cg_run *run, struct cg_err *err);
int cg_touchplan_hook_run(void *o, const struct cg_run *run,
    struct cg_err *err);

#endif
