/*
 * stage_memo.c - a stage column's kinds remembered per distinct value,
 * and the counts behind the messages about stages the vocabulary does
 * not know (stage.h). One memo for grade, prune and touchplan.
 */
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/safetext.h"
#include "clientgrade/stage.h"
#include "clientgrade/text.h"

void
cg_stage_memo_init(struct cg_stage_memo *m, const struct cg_stages *s,
    const struct cg_stages *clients)
{
	memset(m, 0, sizeof(*m));
	m->stages = s;
	m->clients = clients;
	cg_strtab_init(&m->seen);
}

void
cg_stage_memo_free(struct cg_stage_memo *m)
{
	cg_strtab_free(&m->seen);
	free(m->kind);
	free(m->count);
	memset(m, 0, sizeof(*m));
}

/* The vocabulary's answer; extra client names win over it. */
static int
ask(const struct cg_stage_memo *m, const char *s, size_t n)
{
	if (m->clients != NULL && m->clients->n > 0 &&
	    cg_stage_kind(m->clients, s, n) == CG_STAGE_CLIENT)
		return CG_STAGE_CLIENT;
	return cg_stage_kind(m->stages, s, n);
}

int
cg_stage_memo_kind(struct cg_stage_memo *m, const char *s, size_t n,
    size_t *slot)
{
	size_t i, old;
	int k;

	cg_trim(&s, &n);
	if (n == 0) {
		*slot = CG_STAGE_SLOT_EMPTY;
		return CG_STAGE_UNKNOWN;
	}
	if ((i = cg_strtab_find(&m->seen, s, n)) != CG_STRTAB_NONE) {
		*slot = i;
		return m->kind[i];
	}
	if (m->seen.n >= CG_STAGE_MEMO) {
		k = ask(m, s, n);
		*slot = k == CG_STAGE_UNKNOWN ? CG_STAGE_SLOT_OVER_UNKNOWN :
		    CG_STAGE_SLOT_OVER;
		return k;
	}
	i = cg_strtab_intern(&m->seen, s, n, NULL);
	if (i >= m->cap) {
		old = m->cap;
		m->cap = m->cap ? m->cap * 2 : 16;
		m->kind = cg_xreallocarray(m->kind, m->cap, sizeof(*m->kind));
		m->count = cg_xreallocarray(m->count, m->cap,
		    sizeof(*m->count));
		memset(m->count + old, 0, (m->cap - old) * sizeof(*m->count));
	}
	m->kind[i] = (signed char)ask(m, s, n);
	*slot = i;
	return m->kind[i];
}

void
cg_stage_memo_count(struct cg_stage_memo *m, size_t slot)
{
	if (slot == CG_STAGE_SLOT_EMPTY)
		m->empty++;
	else if (slot == CG_STAGE_SLOT_OVER_UNKNOWN)
		m->over_unknown++;
	else if (slot != CG_STAGE_SLOT_OVER)
		m->count[slot]++;
}

size_t
cg_stage_memo_unknown(const struct cg_stage_memo *m, struct cg_buf *b)
{
	size_t i, n, shown = 0, rows = 0;
	const char *k;

	cg_buf_adds(b, "");
	for (i = 0; i < m->seen.n; i++) {
		if (m->count[i] == 0 || m->kind[i] != CG_STAGE_UNKNOWN)
			continue;
		rows += m->count[i];
		if (shown++ == 8)
			cg_buf_adds(b, ", ...");
		if (shown > 8)
			continue;
		k = cg_strtab_key(&m->seen, i, &n);
		cg_buf_adds(b, shown > 1 ? ", '" : "'");
		cg_text_safe(b, k, n > 40 ? 40 : n);
		cg_buf_printf(b, "' (%zu)", m->count[i]);
	}
	if (rows == 0 && m->over_unknown > 0)
		cg_buf_adds(b, "(too many stages to list)");
	return rows + m->over_unknown;
}

void
cg_stage_memo_report(const struct cg_stage_memo *m, const struct cg_run *run,
    const char *done)
{
	struct cg_buf b = CG_BUF_INIT;
	size_t rows = cg_stage_memo_unknown(m, &b);

	if (rows > 0)
		cg_warning(run, "%zu account%s with a stage the vocabulary "
		    "does not know, %s as clients: %s (say what they are in "
		    "[stages]: client = ..., lead = ..., referral = ...)",
		    rows, rows == 1 ? "" : "s", done, b.s);
	if (m->empty > 0)
		cg_note(run, "%zu account%s with an empty stage %s as "
		    "client%s", m->empty, m->empty == 1 ? "" : "s", done,
		    m->empty == 1 ? "" : "s");
	cg_buf_free(&b);
}
