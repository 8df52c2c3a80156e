/*
 * prune_nomatch.c - what a --require or --min that matched no row says.
 *
 * `--require Type=Customer` on an export that says `Customer - Direct`
 * matches nothing, and the fit rule then drops every row. So while a
 * column has a condition that has held on no row, its values are
 * counted (prune_fit.c adds them to a tally, tally.h), and after the first
 * pass such a condition gets a warning with the column's most common
 * values, a "did you mean" for a value that differs only in case,
 * blanks or punctuation, and for a comparison the range of the numbers
 * or dates the column holds:
 *
 *     prune: warning: --require Type=Customer Direct matched no row;
 *     Type has: Prospect 5, Customer - Direct 3, ...; did you mean
 *     'Customer - Direct'?
 *
 * Memory is bounded by CG_TALLY_MAX values a column.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "clientgrade/field.h"
#include "clientgrade/roles.h"
#include "clientgrade/text.h"
#include "clientgrade/value.h"
#include "prune_int.h"

void
prune_fit_report(struct cg_prune_ctx *c)
{
	struct cg_prune_fit *f = c->fit;
	struct cg_buf b = CG_BUF_INIT;
	size_t i;

	if (f == NULL || !f->counting)
		return;
	f->counting = 0;
	if (f->rows == 0)
		return;
	for (i = 0; i < c->o->nconds; i++) {
		const struct cg_prune_cond *k = &c->o->conds[i];
		if (f->matched[i])
			continue;
		cg_buf_reset(&b);
		cg_tally_holds(&b, &f->col[f->of[i]].tally,
		    f->col[f->of[i]].hname, k->type == 't' ? 0 : k->type,
		    k->type == 't' ? k->value : NULL, strlen(k->value));
		cg_warning(c->run, "%s %s matched no row; %s", k->is_min ?
		    "--min" : "--require", k->spec, b.s);
	}
	if (f->pending == 0 && !f->passed && c->o->nconds > 1) {
		cg_buf_reset(&b);
		for (i = 0; i < c->o->nconds; i++)
			cg_buf_printf(&b, "%s%s", i > 0 ? ", " : "",
			    c->o->conds[i].spec);
		cg_warning(c->run, "no row meets every --require and --min at "
		    "once (%s), though each matches some rows", b.s);
	}
	cg_buf_free(&b);
	/* The counts are not needed again. */
	for (i = 0; i < f->ncol; i++)
		cg_tally_free(&f->col[i].tally);
}
