/*
 * prune.h - move the prospects that only cost time (stale, never reply,
 * not a real prospect, duplicates) out of a leads file, losing nothing.
 *
 * Every input row goes to exactly one output: kept rows to the kept
 * writer unchanged and in order, rejected rows to the rejects writer with
 * every field unchanged and a `prune_reason` column. Without duplicate
 * detection prune streams (one pass, O(1) memory); with it, pass 1 keeps
 * one entry per distinct duplicate key and pass 2 routes the rows.
 *
 * The command (a struct cg_tool, tool.h) fills a struct cg_prune_opts
 * with cg_prune_opts_init() and the cg_prune_set_*() setters (one per
 * option), checks it with cg_prune_opts_check() (which reads the [prune]
 * section for whatever the command line left unset), then calls
 * cg_prune_run() once:
 *
 *     struct cg_prune_opts o;
 *     cg_prune_opts_init(&o);
 *     cg_prune_set_rejects(&o, "dropped.csv", &err);
 *     if (cg_prune_opts_check(&o, &run, &err) < 0 ||
 *         cg_prune_run(&o, &run, &err) < 0) ...
 *     cg_prune_opts_free(&o);
 */
#ifndef CLIENTGRADE_PRUNE_H
#define CLIENTGRADE_PRUNE_H

#include <stddef.h>
#include <stdint.h>
#include "buf.h"
#include "cmp.h"
#include "config.h"
#include "csv.h"
#include "error.h"
#include "field.h"
#include "roles.h"
#include "run.h"
#include "stage.h"
#include "strtab.h"
#include "tool.h"

/* The rules, in the order their reasons are listed. */
enum cg_prune_rule {
	CG_PRUNE_STALE = 0,	/* no contact for more than stale_days */
	CG_PRUNE_NOREPLY,	/* no_reply >= max_unanswered */
	CG_PRUNE_FIT,		/* misses a --require or --min condition */
	CG_PRUNE_DUPES,		/* duplicate of a better row */
	CG_PRUNE_NRULES
};
#define CG_PRUNE_BIT(r)	(1u << (r))
#define CG_PRUNE_ALL	0xfu

/* Duplicate keys (bits). */
#define CG_DUPE_NAME	1u	/* normalised account name */
#define CG_DUPE_EMAIL	2u	/* email, lowercase */
#define CG_DUPE_DOMAIN	4u	/* email or website domain, not free mail */
#define CG_DUPE_PHONE	8u	/* last 9 digits of the phone number */
#define CG_DUPE_DEFAULT	(CG_DUPE_NAME | CG_DUPE_EMAIL | CG_DUPE_PHONE)

/* Operators of a --require condition. */
enum cg_prune_op {
	CG_PRUNE_EQ = CG_CMP_EQ, /* COL=VALUE: text, ignoring case and blanks */
	CG_PRUNE_NE = CG_CMP_NE, /* COL!=VALUE */
	CG_PRUNE_LT = CG_CMP_LT, /* COL<V, <=, >, >=: a number, or a date */
	CG_PRUNE_LE = CG_CMP_LE, /*   when V is one */
	CG_PRUNE_GT = CG_CMP_GT,
	CG_PRUNE_GE = CG_CMP_GE
};

/* One --require COL OP VALUE or --min COL=N. */
struct cg_prune_cond {
	char *spec;	/* as given: "employees>=10" (for messages) */
	char *col;	/* header name or role, as given */
	char *value;	/* text to match (require) or the number's text */
	int is_min;	/* --min: at least `min`, an empty field passes */
	double min;
	int op;		/* enum cg_prune_op (--min: CG_PRUNE_GE) */
	char type;	/* comparisons: 'n' number, 'd' date; else 't' */
	double num;	/* the number */
	int ok_us, ok_eu;	/* the date reads month/day, day/month */
	int32_t day_us, day_eu;
};
struct cg_prune_opts {
	unsigned rules;		/* CG_PRUNE_BIT set of rules in force */
	unsigned asked;		/* rules named explicitly: their columns
				 * must exist (else a rule that finds no
				 * column is silently off) */
	unsigned off;		/* rules --no-* turned off (applied last) */
	unsigned set;		/* CG_PRUNE_SET_*: given on the command line,
				 * so the config does not override them */
	long stale_days;	/* default 180 */
	double max_unanswered;	/* default 5 */
	unsigned dupe_keys;	/* CG_DUPE_* bits, default CG_DUPE_DEFAULT */
	char **client_stages;	/* more stage names of clients, added to the
				 * run's vocabulary (owned) */
	size_t nclient_stages;
	struct cg_prune_cond *conds;	/* owned */
	size_t nconds;
	int dry_run;		/* write nothing, summary on the output */
	int summary;		/* summary on stderr after a real run */
	const char *rejects_path;	/* NULL: refuse to drop (unless dry) */
	int max_reject;		/* stop when more than this % would go
				 * (0-100, default 50) */
	int force;		/* --force: go on whatever the share */
	int rules_config;	/* rules = in [prune] set o->rules */
};

/* Bits of cg_prune_opts.set. */
#define CG_PRUNE_SET_RULES	1u
#define CG_PRUNE_SET_STALE	2u
#define CG_PRUNE_SET_NOREPLY	4u
#define CG_PRUNE_SET_KEYS	8u
#define CG_PRUNE_SET_STAGES	16u
#define CG_PRUNE_SET_MAXREJ	32u

/* What happened, for the summary. by_rule counts each rejected row once,
 * under the first rule that rejected it. A rule that was not in force
 * has its reason in off[rule] ("no --require or --min"); "" when it was
 * on. */
struct cg_prune_stats {
	unsigned long rows, kept, rejected;
	unsigned long by_rule[CG_PRUNE_NRULES];
	char off[CG_PRUNE_NRULES][80];
};

/* Defaults (see prune(1)): every rule, 180 stale days, 5 unanswered
 * touches, keys name, email and phone, --max-reject 50, no client stages
 * beyond the run's vocabulary (stage.h). */
void cg_prune_opts_init(struct cg_prune_opts *o);
void cg_prune_opts_free(struct cg_prune_opts *o);

/* Rule names as --rules spells them: stale, noreply, fit, dupes. */
const char *cg_prune_rule_name(int rule);

/* Parse "stale,noreply" into rule bits. 0 or -1 (CG_EUSAGE). */
int cg_prune_parse_rules(const char *s, unsigned *bits, struct cg_err *err);
/* Parse "name,email,domain,phone" into CG_DUPE_* bits. */
int cg_prune_parse_keys(const char *s, unsigned *bits, struct cg_err *err);
/* Replace the list of client stage names added to the vocabulary with
 * "Key account,Bestandskunde". */
int cg_prune_parse_stages(struct cg_prune_opts *o, const char *s,
    struct cg_err *err);
/*
 * Add a --require (is_min 0: "COL=VALUE", "COL!=VALUE", "COL<N",
 * "COL<=N", "COL>N", "COL>=N", the value of a comparison a number or a
 * date) or a --min (is_min 1: "COL=N"). 0, or -1 (CG_EUSAGE naming the
 * spec: no operator, no column, a comparison with a value that is
 * neither number nor date, or a lower and an upper bound on one column
 * that let every value through, since conditions on one column are
 * alternatives).
 */
int cg_prune_add_cond(struct cg_prune_opts *o, const char *spec, int is_min,
    struct cg_err *err);

/*
 * Option setters, one per option of prune(1), in the shape tool.h's
 * table wants: `arg` is the option's argument (NULL for a flag). 0, or
 * -1 (CG_EUSAGE naming the option). An option that sets a rule's
 * parameter (--stale-days, --max-unanswered, --dupe-keys) or names rules
 * (--rules) marks them asked: their columns must then exist.
 */
int cg_prune_set_rejects(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err);			/* -r, --rejects FILE */
int cg_prune_set_dry_run(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err);			/* -n, --dry-run */
int cg_prune_set_summary(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err);			/* -s, --summary */
int cg_prune_set_rules(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err);			/* --rules LIST */
int cg_prune_set_no_stale(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err);			/* --no-stale */
int cg_prune_set_no_noreply(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err);			/* --no-noreply */
int cg_prune_set_no_fit(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err);			/* --no-fit */
int cg_prune_set_no_dupes(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err);			/* --no-dupes */
int cg_prune_set_stale_days(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err);			/* --stale-days N (0-36525) */
int cg_prune_set_stages(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err);			/* --client-stages LIST */
int cg_prune_set_max_unanswered(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err);			/* --max-unanswered N (1-1e6) */
int cg_prune_set_require(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err);			/* --require COL[OP]VALUE */
int cg_prune_set_min(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err);			/* --min COL=N */
int cg_prune_set_keys(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err);			/* --dupe-keys LIST */
int cg_prune_set_max_reject(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err);			/* --max-reject PCT (0-100) */
int cg_prune_set_force(struct cg_prune_opts *o, const char *arg,
    struct cg_err *err);			/* --force */

/* The struct cg_tool hooks (tool.h), on a struct cg_prune_opts. */
void cg_prune_tool_init(void *o);
int cg_prune_tool_check(void *o, struct cg_run *run, struct cg_err *err);
int cg_prune_tool_run(void *o, const struct cg_run *run, struct cg_err *err);
void cg_prune_tool_free(void *o);

/*
 * Take the [prune] section of cfg for every setting the command line did
 * not set (keys: rules, stale_days, max_unanswered, dupe_keys,
 * client_stages, max_reject, require, min, with the options' syntax;
 * require/min may
 * repeat and add to the command line's). Keys it does not know are left
 * unused for the spine's cg_config_check. 0 or -1 (CG_ECONFIG naming the
 * line).
 */
int cg_prune_config(struct cg_prune_opts *o, struct cg_config *cfg,
    struct cg_err *err);

/*
 * The check hook, after every option: refuse to run without a rejects
 * file (unless a dry run or --inspect), declare the rejects file as an
 * output of the run (cg_run_output), read run->cfg with
 * cg_prune_config(), then turn off the rules --no-* named. 0 or -1
 * (CG_EUSAGE or CG_ECONFIG).
 */
int cg_prune_opts_check(struct cg_prune_opts *o, struct cg_run *run,
    struct cg_err *err);

/*
 * Prune the run's input (its operands or stdin; spooled when dupes are
 * on): kept rows to run->out_fd, rejects to o->rejects_path (written
 * beside it and renamed only when both outputs succeeded). The numbers
 * go to *st (may be NULL); notes and warnings go through the run.
 *
 * A run that would reject more than o->max_reject percent of the rows
 * writes nothing and fails (CG_EDATA, naming the rule that does most of
 * it), unless o->force; a dry run warns instead. With dupes the share is
 * known after pass 1; without, the kept rows are held in a temporary
 * file until the end and copied to run->out_fd only then (no hold when
 * the check cannot fire: --force, --max-reject 100, a dry run).
 *
 * Returns 0, or -1 with err filled; on error the rejects file is not
 * created, and when the share stopped the run, nothing was written.
 */
int cg_prune_rows(const struct cg_prune_opts *o, const struct cg_run *run,
    struct cg_prune_stats *st, struct cg_err *err);

/*
 * prune(1)'s engine: cg_prune_rows, then the summary a dry run writes to
 * run->out_fd instead of rows, or --summary to stderr after a real run.
 * 0 or -1 (err filled; map with cg_exit_status()).
 */
int cg_prune_run(const struct cg_prune_opts *o, const struct cg_run *run,
    struct cg_err *err);

/* Write the per-reason summary to fd (for --dry-run and --summary); a
 * rule that was off reads "off (REASON)". */
int cg_prune_summary(int fd, const struct cg_prune_stats *st,
    const char *name, struct cg_err *err);

/*
 * The share check (prune_guard.c): 1 if `st` rejects more than
 * o->max_reject percent of its rows, with the message in *msg (reset
 * first):
 *     would reject 7290 of 8800 rows (83%), most as duplicate account
 *     (7012): is this a deal log? (--force or --max-reject 90 to go on)
 * `verb` is "would reject" or "rejected". 0 when within the share.
 */
int cg_prune_share(const struct cg_prune_opts *o, const struct cg_run *run,
    const struct cg_prune_stats *st, const char *verb, struct cg_buf *msg);

/* ---- the rules over one row (prune_rules.c) ---- */

/* The roles prune reads (all optional), for --inspect. */
extern const struct cg_role_need cg_prune_roles[];

/*
 * How good a row is as the one to keep: more non-empty fields, then the
 * more recent last contact, then the earlier row.
 */
struct cg_dupe_rank {
	long row;	/* 0-based data row number over all input */
	int filled;	/* non-empty fields */
	int32_t contact;/* last contact, days; INT32_MIN when none */
};

/* Duplicate key slots: kind byte + text. */
enum { CG_KEY_NAME, CG_KEY_EMAIL, CG_KEY_MAILDOMAIN, CG_KEY_DOMAIN,
	CG_KEY_PHONE, CG_KEY_N };

/*
 * Columns and state for judging rows; built from the header. Owned by
 * the caller, freed with cg_prune_ctx_free(). One per run.
 */
struct cg_prune_fit;	/* the conditions bound to columns (internal) */

struct cg_prune_ctx {
	const struct cg_prune_opts *o;
	const struct cg_run *run;	/* today, date order, warnings */
	unsigned rules;		/* rules in force for this header */
	char off[CG_PRUNE_NRULES][80];	/* why a rule is off ("" if on) */
	size_t c_contact, c_order, c_next, c_stage, c_noreply, c_id;
	size_t c_key[CG_KEY_N];	/* column of each key; MAILDOMAIN: email */
				/* (CG_NO_COL: not in the file) */
	size_t *c_cond;		/* column of each condition */
	struct cg_prune_fit *fit;
	struct cg_datecol dc_contact, dc_order, dc_next;
	struct cg_buf reason;	/* why the last row was rejected */
	struct cg_buf keys[CG_KEY_N];
	struct cg_dupe_rank rank;	/* of the last row (dupes on) */
	/*
	 * The kind of each stage value met (enum cg_stage_kind), so the
	 * vocabulary is asked once per distinct value; its counts: in the
	 * final pass, the rows of a stage it does not know that went as
	 * stale.
	 */
	struct cg_stages extra;		/* o->client_stages */
	struct cg_stage_memo stages;
	int final;			/* 1: this pass routes the rows */
};

/*
 * Find the columns of hdr (run->cols overriding; `file` names the input
 * in messages), with a note for each role found by an alias. A rule
 * whose columns are missing is turned off, with a note and the reason in
 * c->off, unless it was asked for by name (o->asked) or it is a
 * --require/--min column: then -1, CG_EROLE. `o` and `run` are borrowed
 * for the ctx's life. Stage values are clients (never stale) when
 * o->client_stages names them or the run's vocabulary (run->stages, the
 * built-in one when NULL) calls them clients or referral sources.
 */
int cg_prune_ctx_init(struct cg_prune_ctx *c, const struct cg_prune_opts *o,
    const struct cg_run *run, const struct cg_row *hdr, const char *file,
    struct cg_err *err);
void cg_prune_ctx_free(struct cg_prune_ctx *c);

/*
 * After a whole pass over the rows: with `final` 0 (pass 1 of two) the
 * warnings about --require/--min conditions that matched no row; with 1
 * (the pass that routes the rows) those if not said yet, and the note
 * about stage values the vocabulary does not know among the stale rows.
 */
void cg_prune_ctx_pass_done(struct cg_prune_ctx *c, int final);

/*
 * Judge a row by stale, noreply and fit. Returns the bit set of rules
 * that reject it (0: keep as far as they go), c->reason holding all their
 * reasons in rule order joined by "; "; -1 on a bad value (err filled).
 * With dupes on, also fills c->rank (row number `rowno`).
 */
int cg_prune_check(struct cg_prune_ctx *c, struct cg_reader *r,
    const struct cg_row *row, long rowno, struct cg_err *err);

/* Fill c->keys from the row (empty buffers for no key); returns how many
 * are non-empty. With first_only, stop after the first key found (pass
 * 2 needs one key to find the group). */
size_t cg_prune_keys(struct cg_prune_ctx *c, const struct cg_row *row,
    int first_only);

/* ---- normalisation (prune_norm.c), pure ---- */

/*
 * Account name key: accents folded (Latin-1 and Latin Extended-A),
 * lowercase, '.' and apostrophes dropped, '&' read as "and", other
 * punctuation and spaces separate words, a leading "the" and trailing
 * legal suffixes (Inc, LLC, Ltd, GmbH, S.A., B.V., Pty Ltd, ...) removed,
 * words joined without spaces. Appends to out (reset first); returns
 * out->len (0: no key).
 *     "Café Müller GmbH" and "CAFE MULLER" both give "cafemuller".
 */
size_t cg_prune_norm_name(const char *s, size_t n, struct cg_buf *out);

/* Email key: trimmed, lowercase, "mailto:" dropped; 0 when not a@b. */
size_t cg_prune_norm_email(const char *s, size_t n, struct cg_buf *out);

/*
 * Domain key from an email address or a website ("https://www.x.com/a"):
 * lowercase host without "www."; 0 when none or a free-mail domain.
 */
size_t cg_prune_norm_domain(const char *s, size_t n, struct cg_buf *out);

/* 1 if the (lowercase) domain is a free-mail provider (gmail.com, ...). */
int cg_prune_freemail(const char *d, size_t n);

/* Phone key: the last 9 digits; 0 when fewer than 7 digits. */
size_t cg_prune_norm_phone(const char *s, size_t n, struct cg_buf *out);

/* ---- duplicate groups (prune_dupes.c) ---- */

/* 1 if a is better than b (to keep). */
int cg_dupe_better(const struct cg_dupe_rank *a, const struct cg_dupe_rank *b);

struct cg_dupes;

struct cg_dupes *cg_dupes_new(void);
void cg_dupes_free(struct cg_dupes *d);

/*
 * Pass 1: a row with `nkeys` keys (each: kind byte + text, as the norm
 * functions make them with a prefix). Rows sharing any key form a group
 * (transitively); the group remembers its best row's rank, line and id
 * (copied). Rows with no keys are not added.
 */
void cg_dupes_add(struct cg_dupes *d, const struct cg_buf *keys,
    size_t nkeys, const struct cg_dupe_rank *rank, long line,
    const char *id, size_t idlen);

/*
 * Pass 2: the best row of the group of `key`. Returns 1 with *best_row,
 * *line and *id (borrowed, may be NULL when the row had no id) set, or 0
 * if the key is unknown.
 */
int cg_dupes_best(struct cg_dupes *d, const struct cg_buf *key,
    long *best_row, long *line, const char **id);

/* Distinct keys held (for tests and memory figures). */
size_t cg_dupes_nkeys(const struct cg_dupes *d);

/* Groups (accounts) held: after pass 1, of the rows added, all but one
 * a group are duplicates, so the count of duplicates is known before
 * pass 2 writes anything. */
size_t cg_dupes_ngroups(const struct cg_dupes *d);

#endif
