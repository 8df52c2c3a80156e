/*
 * grade.h - A/B/C grades for accounts, each able to explain itself.
 *
 * grade(1) reads accounts and appends a grade and a score. Four methods:
 * a weighted score from whatever factors the file has (score), a Pareto
 * split of volume (abc), recency/frequency/monetary quintiles (rfm) and a
 * written policy of thresholds (rules). man/grade.1 documents every rule
 * the code below implements; keep the two in step.
 *
 * The command (a struct cg_tool, tool.h) fills a struct cg_grade_opts
 * with cg_grade_opts_init(), the cg_grade_parse_*() setters (one per
 * option) and cg_grade_config() (the [grade*] config sections, for
 * whatever the command line left unset), then calls cg_grade_run() once. The pure pieces (ranks, quintiles, the
 * abc split, scales, the rules parser, segments) are public so the unit
 * tests reach them.
 */
#ifndef CLIENTGRADE_GRADE_H
#define CLIENTGRADE_GRADE_H

#include <stddef.h>
#include <stdint.h>
#include "buf.h"
#include "cond.h"
#include "config.h"
#include "error.h"
#include "geo.h"
#include "run.h"

/* ---- factors ---- */

/* The factors a score is made of, in the order explanations list them. */
enum cg_grade_factor {
	CG_GF_VOLUME,		/* role volume: more is better */
	CG_GF_FREQUENCY,	/* role orders: more is better */
	CG_GF_RECENCY,		/* role recency (days) or last_order (date) */
	CG_GF_PAYMENT,		/* role days_to_pay: fewer is better */
	CG_GF_OVERDUE,		/* role overdue: fewer is better */
	CG_GF_DISTANCE,		/* role distance: nearer is better */
	CG_GF_ACCESS,		/* role accessibility: more is better */
	CG_GF_OPENNESS,		/* role openness (yes/no or a number) */
	CG_GF_REFERRALS,	/* role referrals: more is better */
	CG_GF_POTENTIAL,	/* role potential: a lead's possible volume */
	CG_GF_EMPLOYEES,	/* role employees: a lead's size */
	CG_GF_SOURCE,		/* role source: text, points from
				 * [grade.source] (cg_grade_source_points) */
	CG_GF_REFERRED,		/* role referred_volume: what a referral
				 * source's referrals bought */
	CG_GF_LASTREF,		/* role last_referral (date): days since */
	CG_GF_N
};

/*
 * The populations a stage column tells apart (stage.h): each is graded
 * among itself, on its own factors and weights. Without a stage column
 * every account is a client.
 */
enum cg_grade_pop {
	CG_GP_CLIENT,
	CG_GP_LEAD,
	CG_GP_REFERRAL,
	CG_GP_N
};

/* "client" / "clients", "lead" / "leads", "referral source" / ... */
const char *cg_grade_pop_name(int p, size_t n);

/* Population by name ("client", "clients", "lead", "referral",
 * "referral_source", case-insensitive, length n): index or -1. */
int cg_grade_pop_lookup(const char *s, size_t n);

/* The default weight of factor f for population p (grade.1 FACTORS);
 * 0 for the factors a population is not graded on. */
double cg_grade_default_weight(int p, int f);

/*
 * The factors in the order population p's reasons list them: its own
 * factors first, as grade.1 lists them, then the others (which count
 * only when given a weight). CG_GF_N entries.
 */
const int *cg_grade_pop_order(int p);

/* Fewer accounts than this in a population: no ranks, absolute ranges. */
#define CG_GRADE_SMALL_POP 5

/*
 * The absolute range of factor f ([lo, hi], 0..1 between, turned round
 * where less is better) used for a population too small to rank, where
 * [grade.ranges] gives none.
 */
void cg_grade_abs_range(int f, double *lo, double *hi);

/*
 * The source vocabulary: a lead's source (lead_source, channel) to
 * points 1..5, 5 best, extended by [grade.source] (5 = Messe, ...).
 * Names compare as stage names do: case, blanks and punctuation ignored.
 */
struct cg_grade_sources {
	size_t n, cap;
	struct cg_grade_source_word {
		char *word;	/* normalised */
		int points;	/* 1..5 */
	} *v;
};
void cg_grade_sources_init(struct cg_grade_sources *s);
void cg_grade_sources_add(struct cg_grade_sources *s, const char *name,
    size_t n, int points);
void cg_grade_sources_free(struct cg_grade_sources *s);
/* Points 1..5 of source name[0..n), or 0 when the vocabulary does not
 * know it (later additions win). */
int cg_grade_source_points(const struct cg_grade_sources *s,
    const char *name, size_t n);

struct cg_grade_factor_def {
	const char *name;	/* "volume", as in --weight and config */
	const char *alias;	/* other accepted name ("orders") or NULL */
	const char *role;	/* column role */
	int lower_better;	/* 1: smaller values score higher */
	double weight;		/* default weight */
};

/* Recency's default range in days: full points up to FULL, none from
 * NONE on, linear between ([grade.ranges] recency = FULL,NONE). */
#define CG_GRADE_RECENCY_FULL 30
#define CG_GRADE_RECENCY_NONE 365
/* The same for a referral source's last referral. */
#define CG_GRADE_LASTREF_FULL 90
#define CG_GRADE_LASTREF_NONE 730

/*
 * 1 for the factors where more is better and zero means none (volume,
 * frequency, referrals, potential, employees, referred_volume): a zero
 * earns no points, and ranks are taken among the positive values only.
 */
int cg_grade_zero_is_none(int f);

/* The table of factors, indexed by enum cg_grade_factor. */
const struct cg_grade_factor_def *cg_grade_factor(int f);

/* Factor by name or alias (case-insensitive, length n): index or -1. */
int cg_grade_factor_lookup(const char *s, size_t n);

/* ---- ranks (lib/grade_rank.c) ---- */

/*
 * A sorted multiset of one factor's values, collected in a first pass and
 * queried in the second. Doubles keep volumes exact (abc and rfm sums and
 * ties); `small` stores floats to halve memory where values are counts,
 * days or scales, which floats hold exactly up to 2^24.
 *
 *     struct cg_grade_vals v;
 *     cg_grade_vals_init(&v, 0);
 *     cg_grade_vals_add(&v, 12.5); ...
 *     cg_grade_vals_freeze(&v);           // sort, fold ties
 *     cg_grade_vals_rank(&v, 12.5, &below, &equal);
 *     cg_grade_vals_free(&v);
 */
struct cg_grade_vals {
	int small;		/* 1: float storage */
	size_t n;		/* values added (with repeats) */
	size_t nu, cap;		/* distinct values after freeze; capacity */
	double *d;		/* values (small == 0) */
	float *f;		/* values (small == 1) */
	uint32_t *below;	/* after freeze: below[i] = values < u[i]; [nu] = n */
	double *above_sum;	/* after cg_grade_vals_sums: sum of values > u[i] */
	double total;		/* sum of all values (exact order of adding) */
	/* Search aids built by freeze (grade_rank.c): */
	uint32_t *itab;		/* integer values: first index >= imin + k */
	double imin;
	size_t nitab;
	double *samp;		/* every SAMP-th distinct value */
	size_t nsamp;
	struct cg_grade_vslot {	/* many distinct values: value -> place */
		uint64_t bits;	/* the value's IEEE bits */
		uint32_t below, equal;	/* equal 0: an empty slot */
	} *hash;
	size_t hmask;		/* slots - 1 (a power of two) */
	int hshift;		/* 64 - log2(slots) */
};

void cg_grade_vals_init(struct cg_grade_vals *v, int small);
void cg_grade_vals_add(struct cg_grade_vals *v, double x);
/* Sort and fold equal values; after this only queries are allowed. */
void cg_grade_vals_freeze(struct cg_grade_vals *v);
/* Also keep, per distinct value, the sum of all larger values (abc). */
void cg_grade_vals_sums(struct cg_grade_vals *v);
/*
 * Where x sits: *below = values strictly smaller, *equal = values equal
 * (x is rounded to float first for small sets, as it was when stored).
 * *above_sum (may be NULL; needs cg_grade_vals_sums) = sum of values
 * strictly larger.
 */
void cg_grade_vals_rank(const struct cg_grade_vals *v, double x,
    size_t *below, size_t *equal, double *above_sum);
void cg_grade_vals_free(struct cg_grade_vals *v);

/*
 * Mid-rank of a value among n: (below + (equal - 1) / 2) / (n - 1), in
 * 0..1; 0.5 when n is 1 (a lone value says nothing about its rank).
 */
double cg_grade_midrank(size_t below, size_t equal, size_t n);

/*
 * RFM quintile score 1..5: 1 + floor(5 * better_than / n), where
 * better_than counts the values this one beats (strictly); ties share
 * the lowest score.
 */
int cg_grade_quintile(size_t better_than, size_t n);

/* ---- scales (lib/grade_scale.c) ---- */

#define CG_GRADE_MAXG 8		/* grades in a scale */
#define CG_GRADE_NAMELEN 16	/* longest grade name + 1 */

/*
 * Grades, best first. With cut scores, grade i (i < n - 1) is given when
 * score >= cut[i]; the last grade takes the rest. With shares, cut[i] is
 * the cumulative share of accounts (0..1) up to and including grade i.
 */
struct cg_grade_scale {
	size_t n;
	int shares;
	char name[CG_GRADE_MAXG][CG_GRADE_NAMELEN];
	double cut[CG_GRADE_MAXG];
};

/*
 * Parse "abc", "aaa", "ad", or a list "A:70,B:40,C" (cut scores, each
 * lower than the one before) or "A:20%,B:30%,C" (shares of accounts,
 * adding up to 100 or less). Names must not begin with = + - @. 0 or -1
 * (CG_EUSAGE; `what` names the option or config key in the message).
 */
int cg_grade_scale_parse(struct cg_grade_scale *s, const char *spec,
    const char *what, struct cg_err *err);

/* Grade index for a score (cut scores). */
size_t cg_grade_scale_cut(const struct cg_grade_scale *s, double score);

/*
 * Grade index by share: `above` of `n` accounts rank strictly above this
 * one; the grade is the first whose cumulative share exceeds above / n.
 * (With shares 20%, 30%, rest and 10 accounts: 2, 3 and 5 accounts.)
 */
size_t cg_grade_scale_share(const struct cg_grade_scale *s, size_t above,
    size_t n);

/* ---- abc split (lib/grade_abc.c) ---- */

/*
 * Parse "80,15,5" (percentages adding up to 100) into cumulative limits
 * lim[i] (0..1). *n gets the number of parts. 0 or -1 (CG_EUSAGE).
 */
int cg_grade_abc_parse(const char *spec, double *lim, size_t *n,
    const char *what, struct cg_err *err);

/*
 * Grade index of an account whose larger accounts hold `above` of the
 * `total` volume: the first part whose cumulative limit exceeds
 * above / total. So the A accounts are the fewest largest accounts that
 * together reach the first limit, and a tie group, having the same
 * accounts above it, gets one grade. Zero volume (or a zero total) is
 * the last grade.
 */
size_t cg_grade_abc_index(const double *lim, size_t n, double above,
    double total, double volume);

/* ---- rfm (lib/grade_rfm.c) ---- */

/*
 * Segment name for recency and frequency/monetary scores 1..5 (the table
 * in grade.1): fm = (f + m + 1) / 2, integer division.
 */
const char *cg_grade_rfm_segment(int r, int f, int m);

/* ---- rules (lib/grade_rules.c, on the core's cond.h) ---- */

struct cg_grade_rule {
	char grade[CG_GRADE_NAMELEN];
	char *text;		/* the rule as written (owned) */
	struct cg_cond cond;	/* compiled; variables are factors */
	int line;		/* config line, for messages */
};

/*
 * Compile `text` ("volume >= 50000 and orders >= 12", "*"; "and" binds
 * tighter than "or"; parentheses group: cond.h's grammar). Factors by
 * name or alias, operators >= > <= < = == !=, numbers only. On error
 * -1 with a message in msg (what was expected and at which character).
 */
int cg_grade_rule_compile(struct cg_grade_rule *rule, const char *text,
    char *msg, size_t msgcap);

/*
 * 1 if the rule matches. v[f] is the value of factor f and have[f] says
 * whether it is there; a comparison with a missing value is false.
 */
int cg_grade_rule_eval(const struct cg_grade_rule *rule, const double *v,
    const int *have);

/* Factors the rule mentions, as a bit set (1 << factor). */
unsigned cg_grade_rule_factors(const struct cg_grade_rule *rule);

void cg_grade_rule_free(struct cg_grade_rule *rule);

/* ---- the tool ---- */

/* grade(1)'s SYNOPSIS, as --help prints it after "usage: ". */
#define CG_GRADE_SYNOPSIS \
	"grade [-eq] [-m method] [-s scale] [-w factor=n] [--abc split]\n" \
	"             [--home lat,lon] [--homes file]\n" \
	"             [--summary[=csv|text] [--group col]] [--previous file]\n" \
	"             [--plot file.svg] [--worksheet] [--inspect] " \
	"[--col role=header]\n" \
	"             [--config file] [--dates us|eu|iso|serial] " \
	"[--decimal .|,]\n" \
	"             [--delimiter c] [--encoding name] [--today yyyy-mm-dd]\n" \
	"             [file ...]"

enum cg_grade_method {
	CG_GM_SCORE, CG_GM_ABC, CG_GM_RFM, CG_GM_RULES
};

enum cg_grade_summary { CG_GS_NONE, CG_GS_CSV, CG_GS_TEXT };

/* Output column names. */
enum { CG_GC_GRADE, CG_GC_SCORE, CG_GC_SHARE, CG_GC_RFM, CG_GC_SEGMENT,
	CG_GC_CHANGE, CG_GC_REASON, CG_GC_N };

struct cg_grade_opts {
	int method;			/* enum cg_grade_method */
	int method_set;
	struct cg_grade_scale scale;
	int scale_set;
	double abc[CG_GRADE_MAXG];	/* cumulative limits */
	size_t nabc;
	int abc_set;
	double weight[CG_GP_N][CG_GF_N];/* per population */
	int weight_set[CG_GP_N][CG_GF_N];
	double lo[CG_GF_N], hi[CG_GF_N];/* [grade.ranges] */
	int has_range[CG_GF_N];
	struct cg_grade_sources sources;/* [grade.source] */
	struct cg_grade_rule *rules;	/* [grade.rules], in file order */
	size_t nrules;
	int explain, explain_set;
	int summary, summary_set;	/* enum cg_grade_summary */
	int worksheet;			/* --worksheet: write the sheet */
	const char *previous;		/* --previous OLD.csv, or NULL */
	const char *group;		/* --group COL for --summary, or NULL */
	const char *plot;		/* --plot FILE.svg, or NULL */
	struct cg_point home;		/* --home, or home = in [clientgrade] */
	int home_set;
	const char *homes;		/* --homes FILE, or NULL */
	char *colname[CG_GC_N];		/* owned */
};

/* Defaults: score method, abc scale, default weights, no ranges. */
void cg_grade_opts_init(struct cg_grade_opts *o);
void cg_grade_opts_free(struct cg_grade_opts *o);

/* Option setters: 0, or -1 (CG_EUSAGE naming the option). */
int cg_grade_parse_method(struct cg_grade_opts *o, const char *arg,
    struct cg_err *err);
int cg_grade_parse_weight(struct cg_grade_opts *o, const char *arg,
    struct cg_err *err);
int cg_grade_parse_summary(struct cg_grade_opts *o, const char *arg,
    struct cg_err *err);
int cg_grade_parse_scale(struct cg_grade_opts *o, const char *arg,
    struct cg_err *err);
int cg_grade_parse_abc(struct cg_grade_opts *o, const char *arg,
    struct cg_err *err);
int cg_grade_parse_explain(struct cg_grade_opts *o, const char *arg,
    struct cg_err *err);
int cg_grade_parse_worksheet(struct cg_grade_opts *o, const char *arg,
    struct cg_err *err);
int cg_grade_parse_previous(struct cg_grade_opts *o, const char *arg,
    struct cg_err *err);
int cg_grade_parse_group(struct cg_grade_opts *o, const char *arg,
    struct cg_err *err);
int cg_grade_parse_plot(struct cg_grade_opts *o, const char *arg,
    struct cg_err *err);

/*
 * Location (grade_geo.c): --home LAT,LON and --homes FILE (a CSV of
 * owner,latitude,longitude) give the distance factor from the accounts'
 * latitude and longitude when the file has no distance column.
 * cg_grade_geo_config takes `home =` from [clientgrade] unless --home
 * was given. 0, or -1 (CG_EUSAGE naming the option, CG_ECONFIG).
 */
int cg_grade_parse_home(struct cg_grade_opts *o, const char *arg,
    struct cg_err *err);
int cg_grade_parse_homes(struct cg_grade_opts *o, const char *arg,
    struct cg_err *err);
int cg_grade_geo_config(struct cg_grade_opts *o, struct cg_config *cfg,
    struct cg_err *err);

/*
 * Take [grade], [grade.weights], [grade.ranges], [grade.rules] and
 * [grade.scale] from cfg for everything the options did not set, and
 * check option combinations (the spine then refuses keys nobody read).
 * 0 or -1 (CG_ECONFIG with file and line, or CG_EUSAGE).
 */
int cg_grade_config(struct cg_grade_opts *o, struct cg_config *cfg,
    struct cg_err *err);

/*
 * The tool's check hook: declare --previous and --plot to the run (the
 * spine refuses outputs that are inputs), then cg_grade_config.
 */
int cg_grade_check(struct cg_grade_opts *o, struct cg_run *run,
    struct cg_err *err);

/*
 * --worksheet: a fill-in CSV (see grade_sheet.c) from the run's file
 * operands, or a blank one without them (stdin is not read). 0 or -1.
 */
int cg_grade_worksheet(const struct cg_run *run, struct cg_err *err);

/*
 * Grade the run's input (its operands, or stdin) to run->out_fd. Returns
 * 0 or -1 (err filled; map with cg_exit_status()).
 */
int cg_grade_run(const struct cg_grade_opts *o, const struct cg_run *run,
    struct cg_err *err);

#endif
