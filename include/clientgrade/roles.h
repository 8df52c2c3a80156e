/*
 * roles.h - find columns by what they mean, not where they are.
 *
 * A tool asks for a role ("volume"); the header is searched for the role's
 * name and aliases ("revenue", "sales", "amount", ...), comparing names
 * case-insensitively and ignoring spaces, underscores, hyphens and dots.
 * `--col ROLE=HEADER` (and the [columns] config section) override.
 *
 * Roles known (see clientgrade(7) for the alias lists): id, account, owner,
 * volume, orders, last_order, last_contact, next_contact, recency,
 * days_to_pay, overdue, distance, latitude, longitude, accessibility,
 * openness, referrals,
 * engagement, our_contacts, their_contacts, contacts, potential,
 * employees, source, referred_volume, last_referral, stage, grade, score,
 * quadrant, email, phone, domain, no_reply, date, value, name.
 */
#ifndef CLIENTGRADE_ROLES_H
#define CLIENTGRADE_ROLES_H

#include <stddef.h>
#include "csv.h"

/* ROLE=HEADER overrides, in the order given (later wins). */
struct cg_colmap {
	size_t n, cap;
	struct cg_colmap_ent {
		char *role;
		char *header;
	} *v;
};

/* Add "ROLE=HEADER" (as given to --col). 0, or -1 (CG_EUSAGE: no '=',
 * unknown role; the message lists the known roles). */
int cg_colmap_add(struct cg_colmap *m, const char *spec, struct cg_err *err);
/* Add one pair directly (config). Same checks. */
int cg_colmap_set(struct cg_colmap *m, const char *role, const char *header,
    struct cg_err *err);
void cg_colmap_free(struct cg_colmap *m);

/* NULL-terminated alias list of a role (the role's own name first), or
 * NULL if the role is unknown. */
const char *const *cg_role_aliases(const char *role);

/* 1 if two header names are equal under the role comparison rules. */
int cg_header_eq(const char *a, size_t alen, const char *b, size_t blen);

/*
 * The leftmost column of `hdr` named name[0..n) under cg_header_eq's
 * rules, or CG_NO_COL. The one header lookup every tool uses for a
 * column named by an option (--key, --keep, --where COL=...).
 */
#define CG_NO_COL ((size_t)-1)
size_t cg_header_find(const struct cg_row *hdr, const char *name, size_t n);

/* The same, comparing bytes exactly (a column the tool itself writes,
 * "grade_reason", is found only under its own name). */
size_t cg_header_find_exact(const struct cg_row *hdr, const char *name,
    size_t n);

/*
 * Find the column for `role` in header `hdr`. An override names the
 * header exactly (same comparison rules); without one the aliases are
 * tried in order, first alias that matches any column wins (leftmost
 * column for that alias). Returns 1 with *col set, 0 if not there, -1 if
 * an override names a header that is not in the file (err filled,
 * CG_EROLE).
 */
int cg_role_find(const struct cg_row *hdr, const struct cg_colmap *m,
    const char *role, size_t *col, struct cg_err *err);

/*
 * "a touchplan plan", "a grade --summary", "a quadrant --summary" when
 * the header is that tool output's, else NULL. A tool that would make
 * nonsense of such a file refuses it (exit 1) saying what it looks like
 * and what the tool wants:
 *     touchplan: plan.csv: this looks like a touchplan plan; touchplan
 *     plans from graded accounts (grade's output)
 */
const char *cg_header_kind(const struct cg_row *hdr);

/* How a role's column was found: for notes and --inspect. */
enum cg_role_how {
	CG_ROLE_NONE,		/* not in the header */
	CG_ROLE_EXACT,		/* under the role's own name */
	CG_ROLE_ALIAS,		/* under another of its names ("revenue") */
	CG_ROLE_PINNED		/* named by --col or [columns] */
};

/* cg_role_find, saying how (enum cg_role_how in *how). */
int cg_role_find_how(const struct cg_row *hdr, const struct cg_colmap *m,
    const char *role, size_t *col, int *how, struct cg_err *err);

/*
 * The run's columns (run->cols) searched for `role`, as cg_role_find and
 * cg_role_require do, with a note when the column came by an alias, so
 * nobody grades by the client's turnover without knowing:
 *     grade: note: volume <- 'revenue'; pin it with --col volume=revenue
 * Call once per role per run.
 */
struct cg_run;
int cg_role_use(const struct cg_run *run, const struct cg_row *hdr,
    const char *role, size_t *col, struct cg_err *err);
int cg_role_use_required(const struct cg_run *run, const struct cg_row *hdr,
    const char *role, const char *file, size_t *col, struct cg_err *err);

/*
 * Like cg_role_find, but a missing role is an error (CG_EROLE) whose
 * message names the role, the aliases tried and the --col to use.
 * `file` names the input for the message. Returns 0 or -1.
 */
int cg_role_require(const struct cg_row *hdr, const struct cg_colmap *m,
    const char *role, const char *file, size_t *col, struct cg_err *err);

#endif
