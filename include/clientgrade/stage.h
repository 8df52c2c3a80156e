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
#include "config.h"
#include "error.h"

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

#endif
