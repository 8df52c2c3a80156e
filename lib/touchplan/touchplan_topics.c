/*
 * touchplan_topics.c - what each touch is about (--topics FILE): a CSV of
 *
 *     topic,grades,channels,when,text
 *     renewal,,call,contract_end <= today+60,Offer the renewal terms
 *     dunning,,"call, email",overdue_invoices > 0,Ask about the open invoices
 *     news,"A B",newsletter,,The winter catalogue
 *
 * read once (touchplan_opts.c names it among the inputs), its `when`
 * conditions compiled against the accounts' header (cond.h: grade's rule
 * language, with text equality and dates relative to today), evaluated
 * once per account as the rows are read, and matched to each touch once
 * the plan is made: the first row whose grades hold the account's grade,
 * whose channels hold the touch's channel and whose condition the
 * account meets. Accounts keep the rows they meet (grade and condition)
 * in one pool, so a million accounts cost a few indices each and the
 * rows themselves are not kept.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clientgrade/alloc.h"
#include "clientgrade/field.h"
#include "clientgrade/roles.h"
#include "clientgrade/text.h"
#include "touchplan_int.h"

/* The file's columns; every other header is an error (a misspelt `when`
 * would otherwise match every account). */
enum { C_TOPIC, C_GRADES, C_CHANNELS, C_WHEN, C_TEXT, C_N };
static const char *const col_names[C_N] = { "topic", "grades", "channels",
	"when", "text" };

/* "A B", "A, B", "A;B": the separators a spreadsheet user writes. */
static int
is_sep(int c)
{
	return c == ',' || c == ';' || c == '|' || isspace(c);
}

/* The next item of a list field, or 0 at its end. */
static int
next_item(const char **p, const char *end, const char **s, size_t *n)
{
	while (*p < end && is_sep((unsigned char)**p))
		(*p)++;
	if (*p == end)
		return 0;
	*s = *p;
	while (*p < end && !is_sep((unsigned char)**p))
		(*p)++;
	*n = (size_t)(*p - *s);
	return 1;
}

/* A row's channels as a bit mask; 0 (any) for an empty field. */
static int
channels(const struct cg_reader *r, const struct cg_row *row, size_t col,
    uint32_t *mask, struct cg_err *err)
{
	const char *p = row->f[col], *end = p + row->len[col], *s;
	struct cg_buf b = CG_BUF_INIT;
	size_t n;
	int ch;

	*mask = 0;
	while (next_item(&p, end, &s, &n)) {
		if ((ch = cg_tp_channel_parse(s, n)) < 0) {
			cg_tp_text_safe(&b, s, n > 40 ? 40 : n);
			cg_row_err(err, CG_EDATA, r, row, col, "--topics: "
			    "unknown channel '%s' (want visit, call, event, email, letter, "
			    "newsletter or postcard; empty for any)", b.s);
			cg_buf_free(&b);
			return -1;
		}
		*mask |= (uint32_t)1 << ch;
	}
	return 0;
}

static char *
dup_field(const struct cg_row *row, size_t col)
{
	const char *s;
	size_t n;

	if (col == CG_NO_COL || col >= row->n)
		return cg_xstrndup("", 0);
	s = row->f[col];
	n = row->len[col];
	cg_trim(&s, &n);
	return cg_xstrndup(s, n);
}

static void
add_topic(struct cg_tp_topics *tp, const struct cg_tp_topic *t)
{
	if (tp->n == tp->cap) {
		tp->cap = tp->cap ? 2 * tp->cap : 16;
		tp->v = cg_xreallocarray(tp->v, tp->cap, sizeof(*tp->v));
	}
	tp->v[tp->n++] = *t;
}

/*
 * 1 when the file is UTF-8 (or starts with a UTF-16 BOM, which the
 * reader decodes), 0 when it is not, -1 when it cannot be read (the
 * reader then says why). The texts go into agendas and calendars, which
 * are UTF-8: a topics file saved by a spreadsheet in Windows-1252 is
 * decoded, not passed through as bytes.
 */
static int
is_utf8(const char *path)
{
	struct cg_buf b = CG_BUF_INIT;
	char chunk[65536];
	size_t k;
	FILE *f;
	int ok;

	if (strcmp(path, "-") == 0 || (f = fopen(path, "rb")) == NULL)
		return -1;
	while ((k = fread(chunk, 1, sizeof(chunk), f)) > 0 &&
	    b.len < CG_TP_MAXTOPICS_BYTES)
		cg_buf_add(&b, chunk, k);
	ok = ferror(f) ? -1 : (b.len >= 2 && (((unsigned char)b.s[0] ==
	    0xFF && (unsigned char)b.s[1] == 0xFE) || ((unsigned char)b.s[0] ==
	    0xFE && (unsigned char)b.s[1] == 0xFF))) ||
	    cg_utf8_valid(b.s != NULL ? b.s : "", b.len);
	fclose(f);
	cg_buf_free(&b);
	return ok;
}

int
cg_tp_topics_read(const char *path, const struct cg_run *run,
    struct cg_tp_topics *tp, struct cg_err *err)
{
	struct cg_reader_opts ro;
	struct cg_reader *r;
	const struct cg_row *hdr, *row;
	struct cg_tp_topic t;
	struct cg_buf b = CG_BUF_INIT;
	size_t col[C_N], i;
	int rc, k;

	memset(tp, 0, sizeof(*tp));
	tp->path = path;
	memset(&ro, 0, sizeof(ro));
	ro.run = run;
	if (is_utf8(path) == 0) {
		ro.encoding = "CP1252";
		cg_note(run, "%s: not UTF-8: read as Windows-1252, as "
		    "spreadsheets save it", path);
	}
	if ((r = cg_reader_open_path(path, &ro, err)) == NULL)
		return -1;
	if ((rc = cg_reader_header(r, &hdr, err)) <= 0) {
		if (rc == 0)
			cg_err_set(err, CG_EDATA, path, 0, 0, "--topics: the "
			    "file is empty (want a header: topic, grades, "
			    "channels, when, text)");
		cg_reader_free(r);
		return -1;
	}
	for (k = 0; k < C_N; k++)
		col[k] = cg_header_find(hdr, col_names[k],
		    strlen(col_names[k]));
	for (i = 0; i < hdr->n; i++) {
		for (k = 0; k < C_N && col[k] != i; k++)
			;
		if (k < C_N)
			continue;
		cg_tp_text_safe(&b, hdr->f[i], hdr->len[i] > 40 ? 40 :
		    hdr->len[i]);
		cg_row_err(err, CG_EDATA, r, hdr, i, "--topics: unknown "
		    "column '%s' (a topics file has topic, grades, channels, "
		    "when and text)", b.s);
		goto fail;
	}
	if (col[C_TOPIC] == CG_NO_COL) {
		cg_err_set(err, CG_EDATA, path, hdr->line, 0, "--topics: no "
		    "topic column (want topic, grades, channels, when, text)");
		goto fail;
	}
	while ((rc = cg_reader_next(r, &row, err)) > 0) {
		memset(&t, 0, sizeof(t));
		t.line = row->line;
		t.name = dup_field(row, col[C_TOPIC]);
		if (t.name[0] == '\0') {
			free(t.name);
			cg_row_err(err, CG_EDATA, r, row, col[C_TOPIC],
			    "--topics: a row needs a topic");
			goto fail;
		}
		t.grades = dup_field(row, col[C_GRADES]);
		t.when = dup_field(row, col[C_WHEN]);
		t.text = dup_field(row, col[C_TEXT]);
		if (col[C_WHEN] != CG_NO_COL)
			cg_row_locate(row, cg_reader_dialect(r)->delim,
			    col[C_WHEN], &t.line, &t.col);
		add_topic(tp, &t);
		if (col[C_CHANNELS] != CG_NO_COL && col[C_CHANNELS] < row->n &&
		    channels(r, row, col[C_CHANNELS], &tp->v[tp->n - 1].channels,
		    err) < 0)
			goto fail;
	}
	if (rc < 0)
		goto fail;
	if (tp->n == 0) {
		cg_err_set(err, CG_EDATA, path, 0, 0, "--topics: no topics, "
		    "only a header");
		goto fail;
	}
	if (tp->n > CG_TP_MAXTOPICS) {
		cg_err_set(err, CG_EDATA, path, 0, 0, "--topics: more than %d "
		    "topics", CG_TP_MAXTOPICS);
		goto fail;
	}
	cg_buf_free(&b);
	cg_reader_free(r);
	return 0;
fail:
	cg_buf_free(&b);
	cg_reader_free(r);
	cg_tp_topics_free(tp);
	return -1;
}

/* ---- conditions over the accounts' columns ---- */

/* A name in a condition is an accounts' column; its variable is its
 * place among the columns the conditions use. */
static int
column_lookup(void *ctx, const char *s, size_t n)
{
	struct cg_tp_topics *tp = ctx;
	size_t c = cg_header_find(tp->hdr, s, n), i;

	if (c == CG_NO_COL)
		return -1;
	for (i = 0; i < tp->ncol; i++)
		if (tp->col[i] == c)
			return (int)i;
	tp->col = cg_xreallocarray(tp->col, tp->ncol + 1, sizeof(*tp->col));
	tp->col[tp->ncol] = c;
	return (int)tp->ncol++;
}

int
cg_tp_topics_resolve(struct cg_tp_topics *tp, const struct cg_row *hdr,
    const struct cg_run *run, struct cg_err *err)
{
	struct cg_cond_names names;
	char msg[256];
	size_t i, at;

	memset(&names, 0, sizeof(names));
	names.lookup = column_lookup;
	names.ctx = tp;
	names.noun = "a column";
	names.unknown = "a column of the accounts";
	names.flags = CG_COND_F_DATES | CG_COND_F_TEXT;
	tp->hdr = hdr;
	for (i = 0; i < tp->n; i++) {
		struct cg_tp_topic *t = &tp->v[i];

		if (cg_cond_compile(&t->cond, t->when[0] != '\0' ? t->when :
		    "*", &names, msg, sizeof(msg), &at) < 0) {
			tp->hdr = NULL;
			return cg_err_set(err, CG_EDATA, tp->path, t->line,
			    t->col, "--topics: topic '%.40s': when: %s",
			    t->name, msg);
		}
	}
	tp->hdr = NULL;
	tp->dc = cg_xcalloc(tp->ncol + 1, sizeof(*tp->dc));
	for (i = 0; i < tp->ncol; i++)
		cg_datecol_init(&tp->dc[i], run->dates);
	tp->run = run;
	return 0;
}

/* What cg_cond_eval asks for: a column's value, read the way the
 * comparison needs; an unreadable value stops the run, naming it. */
struct eval {
	struct cg_tp_topics *tp;
	struct cg_reader *r;
	const struct cg_row *row;
	struct cg_err *err;
	int failed;
};

static int
get(void *ctx, int var, int type, struct cg_cond_value *v)
{
	struct eval *e = ctx;
	size_t c = e->tp->col[var];
	const char *s;
	size_t n;
	int rc;

	if (e->failed || c >= e->row->n)
		return 0;
	switch (type) {
	case CG_COND_NUM:
		rc = cg_field_num(e->r, e->row, c, &v->num, e->err);
		break;
	case CG_COND_DATE:
		rc = cg_field_date(e->r, e->row, c, &e->tp->dc[var], e->tp->run,
		    &v->day, e->err);
		break;
	default:
		s = e->row->f[c];
		n = e->row->len[c];
		cg_trim(&s, &n);
		v->s = s;
		v->n = n;
		return n > 0;
	}
	if (rc < 0)
		e->failed = 1;
	return rc > 0;
}

/* 1 if the list `grades` (empty: any) holds g[0..ng). */
static int
grade_in(const char *grades, const char *g, size_t ng)
{
	const char *p = grades, *end = grades + strlen(grades), *s;
	size_t n;

	if (*grades == '\0')
		return 1;
	while (next_item(&p, end, &s, &n))
		if (n == ng && strncasecmp(s, g, n) == 0)
			return 1;
	return 0;
}

int
cg_tp_topics_row(struct cg_tp_topics *tp, struct cg_reader *r,
    const struct cg_row *row, const char *g, size_t ng, uint32_t *first,
    uint16_t *count, struct cg_err *err)
{
	struct eval e = { tp, r, row, err, 0 };
	size_t i;

	*first = (uint32_t)tp->npool;
	*count = 0;
	for (i = 0; i < tp->n; i++) {
		if (!grade_in(tp->v[i].grades, g, ng))
			continue;
		if (!cg_cond_eval(&tp->v[i].cond, get, &e, tp->run->today)) {
			if (e.failed) {
				/* Say why the column was read so. */
				size_t len = strlen(err->msg);

				snprintf(err->msg + len, sizeof(err->msg) - len,
				    " (--topics: topic '%.40s' compares it, "
				    "%s:%ld)", tp->v[i].name, tp->path,
				    tp->v[i].line);
				return -1;
			}
			continue;
		}
		if (tp->npool == tp->pcap) {
			tp->pcap = tp->pcap ? 2 * tp->pcap : 1024;
			tp->pool = cg_xreallocarray(tp->pool, tp->pcap,
			    sizeof(*tp->pool));
		}
		tp->pool[tp->npool++] = (uint16_t)i;
		(*count)++;
	}
	return 0;
}

void
cg_tp_topics_assign(struct cg_tp_topics *tp, const struct cg_tp_account *acc,
    struct cg_tp_plan *plan)
{
	size_t i, k;

	tp->untopiced = 0;
	for (i = 0; i < plan->n; i++) {
		struct cg_tp_touch *t = &plan->v[i];
		const struct cg_tp_account *a = &acc[t->acct];

		t->topic = 0;
		for (k = 0; k < a->ntopic; k++) {
			const struct cg_tp_topic *tt =
			    &tp->v[tp->pool[a->topic0 + k]];

			if (tt->channels == 0 ||
			    (tt->channels >> t->channel & 1)) {
				t->topic = (uint16_t)(tp->pool[a->topic0 + k] +
				    1);
				break;
			}
		}
		tp->untopiced += t->topic == 0;
	}
}

void
cg_tp_topics_free(struct cg_tp_topics *tp)
{
	size_t i;

	for (i = 0; i < tp->n; i++) {
		free(tp->v[i].name);
		free(tp->v[i].grades);
		free(tp->v[i].when);
		free(tp->v[i].text);
		cg_cond_free(&tp->v[i].cond);
	}
	free(tp->v);
	free(tp->pool);
	free(tp->col);
	free(tp->dc);
	memset(tp, 0, sizeof(*tp));
}
