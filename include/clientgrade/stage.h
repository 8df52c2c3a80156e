/*
 * stage.h - what a CRM's stage or type column says an account is: a
 * client (paying), a lead (not yet) or a referral source (sends others).
 * One vocabulary for the suite (grade, prune, touchplan), so "Customer -
 * Direct" is a client everywhere; the [stages] config section extends
 * it:
 *
 *     [stages]
 *     client = Key account, Bestandskunde
 *     lead = Interessent
 *     referral = Empfehler
 *
 * Names compare case-insensitively, ignoring blanks and the punctuation
 * CRMs put in them ("Customer - Direct" is "customer direct").
 */
#ifndef CLIENTGRADE_STAGE_H
#define CLIENTGRADE_STAGE_H

#include <stddef.h>
#include "buf.h"
#include "config.h"
#include "error.h"
#include "run.h"
#include "strtab.h"

enum cg_stage_kind {
	CG_STAGE_UNKNOWN,	/* a stage the vocabulary does not know */
	CG_STAGE_CLIENT,
	CG_STAGE_LEAD,
	CG_STAGE_REFERRAL
};

struct cg_stages {
	size_t n, cap;
	struct cg_stage_word {
		char *word;	/* normalised */
		int kind;	/* enum cg_stage_kind */
	} *v;
};

/* The built-in vocabulary. */
void cg_stages_init(struct cg_stages *s);
void cg_stages_free(struct cg_stages *s);

/* Add a stage name of `kind` (later additions win over earlier). */
void cg_stages_add(struct cg_stages *s, const char *name, size_t n,
    int kind);

/*
 * Read [stages] (client = a, b; lead = ...; referral = ...) from cfg,
 * marking the entries used. 0, or -1 (CG_ECONFIG: an unknown key).
 */
int cg_stages_config(struct cg_stages *s, struct cg_config *cfg,
    struct cg_err *err);

/* The kind of stage name[0..n): enum cg_stage_kind. s may be NULL: the
 * built-in vocabulary. */
int cg_stage_kind(const struct cg_stages *s, const char *name, size_t n);

/* "client", "lead", "referral source" or "unknown". */
const char *cg_stage_kind_name(int kind);

/*
 * A stage column's kinds, remembered per distinct value (a million rows
 * hold a handful of them; past CG_STAGE_MEMO values the vocabulary is
 * asked each time), with counts for the tools' messages about stages
 * the vocabulary does not know and empty ones. grade, prune and
 * touchplan share it, so they classify and report alike.
 *
 *     struct cg_stage_memo m;
 *     cg_stage_memo_init(&m, run->stages, NULL);
 *     kind = cg_stage_memo_kind(&m, cell, len, &slot);
 *     cg_stage_memo_count(&m, slot);      // this row counts
 *     cg_stage_memo_report(&m, run, "graded");
 *     cg_stage_memo_free(&m);
 */
#define CG_STAGE_MEMO 4096
#define CG_STAGE_SLOT_EMPTY ((size_t)-1)	/* an empty (or blank) cell */
#define CG_STAGE_SLOT_OVER ((size_t)-2)		/* past the memo, known */
#define CG_STAGE_SLOT_OVER_UNKNOWN ((size_t)-3)	/* past it, unknown */

struct cg_stage_memo {
	const struct cg_stages *stages;		/* borrowed; NULL: built in */
	const struct cg_stages *clients;	/* borrowed, may be NULL:
						 * names that are clients
						 * whatever stages says */
	struct cg_strtab seen;
	signed char *kind;			/* per seen value */
	size_t *count;				/* per seen value */
	size_t cap;
	size_t empty, over_unknown;		/* counted rows */
};

void cg_stage_memo_init(struct cg_stage_memo *m, const struct cg_stages *s,
    const struct cg_stages *clients);
void cg_stage_memo_free(struct cg_stage_memo *m);

/* The kind (enum cg_stage_kind) of cell s[0..n), blanks around ignored;
 * an empty cell is CG_STAGE_UNKNOWN with *slot CG_STAGE_SLOT_EMPTY. */
int cg_stage_memo_kind(struct cg_stage_memo *m, const char *s, size_t n,
    size_t *slot);

/* Count one row against the value of slot. */
void cg_stage_memo_count(struct cg_stage_memo *m, size_t slot);

/*
 * The counted rows with a stage the vocabulary does not know, listed
 * into b as "'Dormant' (3), 'Churned' (1)" (the first eight values,
 * escaped, then "..."; "(too many stages to list)" when none is
 * remembered). Returns how many rows.
 */
size_t cg_stage_memo_unknown(const struct cg_stage_memo *m, struct cg_buf *b);

/*
 * Say it once: a warning for the counted rows with an unknown stage and
 * a note for those with an empty one, both taken as clients; `done` is
 * what the tool did with them ("graded", "planned").
 */
void cg_stage_memo_report(const struct cg_stage_memo *m,
    const struct cg_run *run, const char *done);

#endif
