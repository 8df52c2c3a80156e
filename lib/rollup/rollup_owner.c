/*
 * rollup_owner.c - who owns an account (--owner-from sales_agent): the
 * agent with the most volume on it among the deals counted; on a tie the
 * one with more deals, then the one whose first deal on the account came
 * first.
 *
 * Each (account, agent) pair that has a deal gets one entry with its
 * volume (exact, as the account's own, so that the two-core run and the
 * one-pass run pick the same owner), deal count and when its first deal
 * came; a hash of the pairs finds the entry. Memory per account is thus
 * bounded by the distinct agents on it. The owners are picked once, when
 * first asked for, in one pass over the entries.
 */
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/rollup.h"
#include "clientgrade/strtab.h"
#include "rollup_int.h"

static uint64_t
pair_key(uint32_t acc, uint32_t agent)
{
	return (uint64_t)acc << 32 | agent;
}

static void
slots_grow(struct cg_rollup_table *t)
{
	size_t ncap = t->oslot ? (t->omask + 1) * 2 : 256, i, j;
	uint32_t *ns = cg_xcalloc(ncap, sizeof(*ns));

	for (i = 0; i < t->noent; i++) {
		const struct cg_rollup_oent *e = &t->oent[i];

		j = (size_t)cg_rollup_mix(pair_key(e->acc, e->agent)) &
		    (ncap - 1);
		while (ns[j] != 0)
			j = (j + 1) & (ncap - 1);
		ns[j] = (uint32_t)i + 1;
	}
	free(t->oslot);
	t->oslot = ns;
	t->omask = ncap - 1;
}

/* The entry of (acc, agent), added with zero figures if new. */
static struct cg_rollup_oent *
entry(struct cg_rollup_table *t, uint32_t acc, uint32_t agent)
{
	uint64_t key = pair_key(acc, agent);
	struct cg_rollup_oent *e;
	size_t j;

	if (t->oslot == NULL || (t->noent + 1) * 2 > t->omask + 1)
		slots_grow(t);
	for (j = (size_t)cg_rollup_mix(key) & t->omask; t->oslot[j] != 0;
	    j = (j + 1) & t->omask) {
		e = &t->oent[t->oslot[j] - 1];
		if (e->acc == acc && e->agent == agent)
			return e;
	}
	if (t->noent == t->oentcap) {
		t->oentcap = t->oentcap ? t->oentcap * 2 : 256;
		t->oent = cg_xreallocarray(t->oent, t->oentcap,
		    sizeof(*t->oent));
	}
	e = &t->oent[t->noent++];
	memset(e, 0, sizeof(*e));
	e->acc = acc;
	e->agent = agent;
	e->first = t->oseq;
	t->oslot[j] = (uint32_t)t->noent;
	return e;
}

/* Add `deals` deals of volume (x exact, v plain) to an entry. */
static void
add(struct cg_rollup_oent *e, cg_rollup_i128 x, int inexact, double v,
    long deals)
{
	e->xvol += x;
	e->vol += v;
	e->deals += deals;
	e->inexact |= inexact;
}

void
cg_rollup_owner_add(struct cg_rollup_table *t, const struct cg_rollup_acc *a,
    const char *s, size_t n, double value)
{
	cg_rollup_i128 x;
	int inexact;
	size_t agent;

	if (n == 0)
		return;
	agent = cg_strtab_intern(&t->agents, s, n, NULL);
	inexact = cg_rollup_fixed(value, &x) < 0;
	add(entry(t, a->index, (uint32_t)agent), x, inexact, value, 1);
	t->oseq++;
	t->odirty = 1;
}

/* 1 if entry e beats entry b for their account. */
static int
better(const struct cg_rollup_oent *e, const struct cg_rollup_oent *b)
{
	if (e->inexact || b->inexact) {
		if (e->vol != b->vol)
			return e->vol > b->vol;
	} else if (e->xvol != b->xvol)
		return e->xvol > b->xvol;
	if (e->deals != b->deals)
		return e->deals > b->deals;
	return e->first < b->first;
}

static void
settle(struct cg_rollup_table *t)
{
	size_t i, n = cg_rollup_count(t);

	if (t->nobest < n) {
		t->obest = cg_xreallocarray(t->obest, n, sizeof(*t->obest));
		t->nobest = n;
	}
	memset(t->obest, 0, t->nobest * sizeof(*t->obest));
	for (i = 0; i < t->noent; i++) {
		const struct cg_rollup_oent *e = &t->oent[i];
		uint32_t *b = &t->obest[e->acc];

		if (*b == 0 || better(e, &t->oent[*b - 1]))
			*b = (uint32_t)i + 1;
	}
	t->odirty = 0;
}

const char *
cg_rollup_owner(struct cg_rollup_table *t, const struct cg_rollup_acc *a,
    size_t *n)
{
	*n = 0;
	if (t->noent == 0)
		return NULL;
	if (t->odirty || t->nobest < cg_rollup_count(t))
		settle(t);
	if (a == NULL || a->index >= t->nobest || t->obest[a->index] == 0)
		return NULL;
	return cg_strtab_key(&t->agents, t->oent[t->obest[a->index] - 1].agent,
	    n);
}

void
cg_rollup_owner_merge(struct cg_rollup_table *dst, struct cg_rollup_table *src)
{
	uint64_t base = dst->oseq;
	size_t i;

	for (i = 0; i < src->noent; i++) {
		const struct cg_rollup_oent *se = &src->oent[i];
		const struct cg_rollup_acc *s = cg_rollup_at(src, se->acc);
		const struct cg_rollup_acc *d = cg_rollup_find_h(dst,
		    cg_rollup_key(s), s->keylen, s->hash);
		const char *ag;
		size_t agn, agent;
		struct cg_rollup_oent *de;

		ag = cg_strtab_key(&src->agents, se->agent, &agn);
		agent = cg_strtab_intern(&dst->agents, ag, agn, NULL);
		/* The second half's agents come after the first's. */
		dst->oseq = base + se->first;
		de = entry(dst, d->index, (uint32_t)agent);
		add(de, se->xvol, se->inexact, se->vol, se->deals);
	}
	if (src->noent > 0) {
		dst->oseq = base + src->oseq;
		dst->odirty = 1;
	}
}

void
cg_rollup_owner_free(struct cg_rollup_table *t)
{
	cg_strtab_free(&t->agents);
	free(t->oent);
	free(t->oslot);
	free(t->obest);
}
