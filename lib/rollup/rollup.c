/*
 * rollup.c - the rollup driver: stream the deal log once into the
 * account table, account for every deal that could not be counted,
 * then write the figures (rollup_join.c).
 *
 * A deal is counted when it passes --where and has a key, a date and a
 * value that parse. Every other deal that passed --where is "skipped":
 * never silently. Each kind of skip is counted and named on stderr with
 * its first line, the rows go to --rejects with the reason appended,
 * and --strict turns the first one into an error.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "cli.h"
#include "clientgrade/field.h"
#include "clientgrade/outfile.h"
#include "clientgrade/rollup.h"
#include "clientgrade/value.h"

/* Why a deal was not counted; also the order of the warnings. */
enum {
	SKIP_EMPTY_KEY, SKIP_EMPTY_DATE, SKIP_BAD_DATE, SKIP_EMPTY_VALUE,
	SKIP_BAD_VALUE, SKIP_UNKNOWN, NSKIP,
	COUNT = -1		/* not skipped (yet: the key may be unknown) */
};

/*
 * A deal waiting in the pipeline. The table lookup of a deal is done two
 * deals after it was read, with its slot and record prefetched in the
 * meantime (see cg_rollup_prefetch); so the row is copied, since the
 * reader's row is gone by then, and every deal that passed --where goes
 * through the pipeline, so that rejects keep the input's order.
 */
#define DEPTH 6		/* deals in flight, the newest included */
#define LAG_REC 3		/* the record is prefetched this many later */

struct pend {
	int kind;		/* COUNT or SKIP_* */
	size_t col;		/* field a skip is about */
	struct cg_reader *r;	/* readers live until cg_input_free */
	unsigned long seq;
	uint64_t h;		/* hash of the key (COUNT) */
	double v;
	int32_t day;
	struct cg_row row;	/* the copy */
	const char **f;
	size_t *len, fcap;
	char *bytes;		/* its bytes: fields, then raw */
	size_t bcap;
	struct cg_buf why;	/* reason of a skip */
};

struct skip {
	long n;
	char *file;		/* where the first one was */
	long line;
	unsigned long seq;	/* the first one's place among all deals */
};

struct run {
	const struct cg_rollup_opts *o;
	struct cg_rollup_table *t;
	struct cg_rollup_where *where;
	struct cg_rollup_accounts *acc;
	size_t kcol, vcol, dcol, xcol;
	int has_x;
	char *kname, *vname, *dname;	/* header names, for messages */
	size_t knamelen;
	struct cg_datecol dc;
	struct skip skip[NSKIP];
	unsigned long seq;	/* deals read so far */
	struct cg_outfile rej;
	int rej_open;		/* rej is open and not yet committed */
	struct cg_writer *rw;
	struct pend pend[DEPTH];
	unsigned long npend;	/* deals put into the pipeline so far */
	unsigned long ndone;	/* deals taken out of it */
	int track_ambig;	/* the second half (below): note ambig */
	int ambig;		/* an ambiguous date read before the order
				 * was fixed */
};

/* Column for an explicit header name, or a role. */
static int
column(const struct cg_row *hdr, const char *name, const char *opt,
    const char *role, const struct cg_colmap *cols, const char *file,
    size_t *col, struct cg_err *err)
{
	if (name != NULL) {
		*col = cg_rollup_header_col(hdr, name, strlen(name));
		if (*col == (size_t)-1)
			return cg_err_set(err, CG_EROLE, file, 0, 0,
			    "no column '%s' (%s)", name, opt);
		return 0;
	}
	return cg_role_require(hdr, cols, role, file, col, err);
}

static int
resolve(struct run *u, const struct cg_row *hdr, const char *file,
    struct cg_err *err)
{
	const struct cg_rollup_opts *o = u->o;

	if (column(hdr, o->key, "--key", "account", o->cols, file, &u->kcol,
	    err) < 0 ||
	    column(hdr, o->value, "--value", "value", o->cols, file, &u->vcol,
	    err) < 0 ||
	    column(hdr, o->date, "--date", "date", o->cols, file, &u->dcol,
	    err) < 0)
		return -1;
	if (o->distinct != NULL) {
		if (column(hdr, o->distinct, "--distinct", NULL, NULL, file,
		    &u->xcol, err) < 0)
			return -1;
		u->has_x = 1;
	}
	if (cg_rollup_where_bind(u->where, hdr, file, err) < 0)
		return -1;
	u->kname = cg_xstrndup(hdr->f[u->kcol], hdr->len[u->kcol]);
	u->knamelen = hdr->len[u->kcol];
	u->vname = cg_xstrndup(hdr->f[u->vcol], hdr->len[u->vcol]);
	u->dname = cg_xstrndup(hdr->f[u->dcol], hdr->len[u->dcol]);
	return 0;
}

static int
rejects_open(struct run *u, struct cg_reader *r, const struct cg_row *hdr,
    struct cg_err *err)
{
	struct cg_put p = { hdr->n, "rollup_reason", CG_STRLEN };

	if (cg_outfile_open(&u->rej, u->o->rejects, err) < 0)
		return -1;
	u->rej_open = 1;
	u->rw = cg_writer_new(u->rej.fd, u->o->rejects, cg_reader_dialect(r));
	return cg_writer_row(u->rw, hdr, &p, 1, err);
}

/* Account for skipped deal p: a count, a rejects row, or with --strict
 * an error at the field the reason is about. */
static int
skip(struct run *u, struct pend *p, struct cg_err *err)
{
	struct skip *s = &u->skip[p->kind];
	struct cg_put put;

	if (u->o->strict)
		return cg_row_err(err, CG_EVALUE, p->r, &p->row, p->col, "%s",
		    p->why.s);
	if (s->n++ == 0) {
		s->file = cg_xstrdup(cg_reader_name(p->r));
		s->line = p->row.line;
		s->seq = p->seq;
	}
	if (u->rw == NULL)
		return 0;
	put.col = p->row.n;
	put.s = p->why.s;
	put.n = p->why.len;
	return cg_writer_row(u->rw, &p->row, &put, 1, err);
}

/* Copy the reader's row into p, which outlives it. */
static void
keep_row(struct pend *p, const struct cg_row *row)
{
	size_t i, need = row->raw != NULL ? row->rawlen : 0;
	char *q;

	if (p->fcap < row->n) {
		p->fcap = row->n;
		p->f = cg_xreallocarray(p->f, p->fcap, sizeof(*p->f));
		p->len = cg_xreallocarray(p->len, p->fcap, sizeof(*p->len));
	}
	for (i = 0; i < row->n; i++)
		need += row->len[i] + 1;
	if (p->bcap < need + 1) {
		p->bcap = need + 1 > 2 * p->bcap ? need + 1 : 2 * p->bcap;
		p->bytes = cg_xrealloc(p->bytes, p->bcap);
	}
	q = p->bytes;
	for (i = 0; i < row->n; i++) {
		memcpy(q, row->f[i], row->len[i]);
		q[row->len[i]] = '\0';
		p->f[i] = q;
		p->len[i] = row->len[i];
		q += row->len[i] + 1;
	}
	p->row = *row;
	p->row.f = p->f;
	p->row.len = p->len;
	if (row->raw != NULL) {
		memcpy(q, row->raw, row->rawlen);
		p->row.raw = q;
	}
}

/* Take the oldest deal out of the pipeline: count it or skip it. */
static int
finish(struct run *u, struct cg_err *err)
{
	struct pend *p = &u->pend[u->ndone++ % DEPTH];
	const char *k = p->row.f[u->kcol];
	size_t kl = p->row.len[u->kcol];
	struct cg_rollup_acc *a;

	if (p->kind != COUNT)
		return skip(u, p, err);
	if (u->acc != NULL) {
		if ((a = cg_rollup_find_h(u->t, k, kl, p->h)) == NULL) {
			p->kind = SKIP_UNKNOWN;
			p->col = u->kcol;
			cg_buf_reset(&p->why);
			cg_buf_printf(&p->why, "%s not in %s", u->kname,
			    cg_rollup_accounts_name(u->acc));
			return skip(u, p, err);
		}
	} else
		a = cg_rollup_intern_h(u->t, k, kl, p->h);
	cg_rollup_add(a, p->v, p->day, u->o->today, u->o->window);
	if (u->has_x)
		cg_rollup_distinct(u->t, a, p->row.f[u->xcol],
		    p->row.len[u->xcol]);
	return 0;
}

/* Empty the pipeline (end of input, or before an error at this row). */
static int
drain(struct run *u, struct cg_err *err)
{
	while (u->ndone < u->npend)
		if (finish(u, err) < 0)
			return -1;
	return 0;
}

/* A field error with --strict: earlier deals may hold an earlier one. */
static int
fail_here(struct run *u, struct cg_err *err, const struct cg_err *here)
{
	if (drain(u, err) < 0)
		return -1;
	*err = *here;
	return -1;
}

/*
 * A date cg_field_date refused is a bad value for this row, unless it is
 * a good date in the other day/month order: then the column contradicts
 * an order guessed or seen earlier, which no single row can fix.
 */
static int
date_conflict(const struct run *u, const struct cg_row *row)
{
	int32_t d;
	const char *s = row->f[u->dcol];
	size_t n = row->len[u->dcol];

	if (u->o->dates != CG_DATES_AUTO)
		return 0;
	return cg_parse_date(s, n, CG_DATES_US, &d, NULL) == CG_V_OK ||
	    cg_parse_date(s, n, CG_DATES_EU, &d, NULL) == CG_V_OK;
}

/*
 * The second half of a parallel run starts with the date order already
 * "guessed", so that it never prints the guess warning itself (with its
 * own line numbers). Whether the sequential run would have printed it
 * there is told by this: an ambiguous date before the order was fixed.
 * Year-first dates are never ambiguous; skip the parse for them.
 */
static void
note_ambig(struct run *u, const struct cg_row *row)
{
	const char *s = row->f[u->dcol];
	size_t n = row->len[u->dcol], i;
	int32_t d;

	for (i = 0; i < 4 && i < n && s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i == 4)
		return;
	if (cg_parse_date(s, n, CG_DATES_AUTO, &d, NULL) == CG_V_EAMBIG)
		u->ambig = 1;
}

/*
 * Read what a deal needs and put it into the pipeline; take out the one
 * put in DEPTH - 1 deals ago.
 */
static int
deal(struct run *u, struct cg_reader *r, const struct cg_row *row,
    struct cg_err *err)
{
	const struct cg_rollup_opts *o = u->o;
	struct pend *p;
	struct cg_err e2;
	int rc, vc;

	u->seq++;
	if (!cg_rollup_where_match(u->where, row))
		return 0;
	p = &u->pend[u->npend % DEPTH];
	p->kind = COUNT;
	cg_buf_reset(&p->why);
	if (row->len[u->kcol] == 0) {
		cg_buf_printf(&p->why, "empty %s", u->kname);
		p->kind = SKIP_EMPTY_KEY;
		p->col = u->kcol;
		goto queue;
	}
	rc = cg_field_date(r, row, u->dcol, &u->dc, o->prog, &p->day, &e2);
	if (rc < 0 && (o->strict || date_conflict(u, row)))
		return fail_here(u, err, &e2);
	if (rc <= 0) {
		if (rc < 0) {
			vc = cg_parse_date(row->f[u->dcol], row->len[u->dcol],
			    u->dc.order, &p->day, NULL);
			cg_buf_printf(&p->why, "unreadable %s: %s", u->dname,
			    cg_value_strerror(vc));
		} else
			cg_buf_printf(&p->why, "empty %s", u->dname);
		p->kind = rc == 0 ? SKIP_EMPTY_DATE : SKIP_BAD_DATE;
		p->col = u->dcol;
		goto queue;
	}
	rc = cg_field_num(r, row, u->vcol, &p->v, &e2);
	if (rc < 0 && o->strict)
		return fail_here(u, err, &e2);
	if (rc <= 0) {
		if (rc < 0) {
			vc = cg_parse_num(row->f[u->vcol], row->len[u->vcol],
			    cg_reader_dialect(r)->decimal, &p->v, NULL);
			cg_buf_printf(&p->why, "unreadable %s: %s", u->vname,
			    cg_value_strerror(vc));
		} else
			cg_buf_printf(&p->why, "empty %s", u->vname);
		p->kind = rc == 0 ? SKIP_EMPTY_VALUE : SKIP_BAD_VALUE;
		p->col = u->vcol;
		goto queue;
	}
	if (u->track_ambig && !u->dc.fixed && !u->ambig)
		note_ambig(u, row);
	p->h = cg_rollup_hash(row->f[u->kcol], row->len[u->kcol]);
	cg_rollup_prefetch(u->t, p->h);
queue:
	keep_row(p, row);
	p->r = r;
	p->seq = u->seq;
	u->npend++;
	if (u->npend - u->ndone > LAG_REC) {
		struct pend *q = &u->pend[(u->npend - 1 - LAG_REC) % DEPTH];

		if (q->kind == COUNT)
			cg_rollup_prefetch_rec(u->t, q->h);
	}
	if (u->npend - u->ndone == DEPTH)
		return finish(u, err);
	return 0;
}

/* The warnings, one per kind of skip, in the order they first happened. */
static void
report(const struct run *u)
{
	int order[NSKIP], n = 0, i, j, k;

	for (k = 0; k < NSKIP; k++) {
		if (u->skip[k].n == 0)
			continue;
		for (j = n++; j > 0 && u->skip[order[j - 1]].seq >
		    u->skip[k].seq; j--)
			order[j] = order[j - 1];
		order[j] = k;
	}
	for (i = 0; i < n; i++) {
		const struct skip *s = &u->skip[order[i]];
		const char *what, *col;

		k = order[i];
		what = k == SKIP_BAD_DATE || k == SKIP_BAD_VALUE ?
		    "unreadable " : k == SKIP_UNKNOWN ? "" : "empty ";
		col = k == SKIP_EMPTY_KEY || k == SKIP_UNKNOWN ? u->kname :
		    k == SKIP_EMPTY_DATE || k == SKIP_BAD_DATE ? u->dname :
		    u->vname;
		cg_warn(u->o->prog, "%ld deal%s skipped: %s%s%s%s (first: "
		    "%s:%ld)", s->n, s->n == 1 ? "" : "s", what, col,
		    k == SKIP_UNKNOWN ? " not in " : "",
		    k == SKIP_UNKNOWN ? cg_rollup_accounts_name(u->acc) : "",
		    s->file, s->line);
	}
}

/* What a run owns alone (the second half shares the rest). */
static void
run_free_own(struct run *u)
{
	int k;

	cg_rollup_table_free(u->t);
	u->t = NULL;
	for (k = 0; k < NSKIP; k++)
		free(u->skip[k].file);
	for (k = 0; k < DEPTH; k++) {
		free(u->pend[k].f);
		free(u->pend[k].len);
		free(u->pend[k].bytes);
		cg_buf_free(&u->pend[k].why);
	}
}

static void
run_free(struct run *u)
{
	run_free_own(u);
	cg_rollup_where_free(u->where);
	cg_rollup_accounts_free(u->acc);
	free(u->kname);
	free(u->vname);
	free(u->dname);
}

/*
 * ---- two threads on one seekable deal log ----
 *
 * Parsing is most of rollup's time, and one core parses at most about
 * 200 MB/s; so a large regular file is read in two halves at once, the
 * way DuckDB splits CSV files. The split is the byte after the first
 * line feed past the middle. A second thread counts the line breaks
 * before it (the line the split starts), then reads from there with a
 * reader of its own, taking its first record for a header (that is what
 * a reader wants first) and counting it as a deal, into a table of its
 * own. The first half is read as usual, by the calling thread, until
 * the record that starts on the split's line.
 *
 * The split is a guess: the line feed may be inside a quoted field. It
 * was right exactly when the first half's reader has a record starting
 * on the split's line; then both threads read the same records the
 * sequential run would. The second half's result is also thrown away,
 * and the first half simply reads on, whenever it could differ from the
 * sequential run's: an error in it (the sequential run reports it with
 * its place), a date order or decimal mark the first half would have
 * read differently, an ambiguity warning the sequential run would have
 * printed, sums that are not exact (see cg_rollup_merge). Otherwise the
 * tables are merged, the second half's skips and rejects added after
 * the first half's (lines shifted), and reading stops.
 *
 * Not with --strict, stdin, several operands, or files smaller than
 * CG_ROLLUP_PAR_MIN bytes (environment; default 64 MiB). Tests set it to
 * 0, and CG_ROLLUP_PAR_TRACE to see on stderr which way it went.
 */
#define PAR_MIN_DEFAULT ((unsigned long long)64 << 20)
#define PAR_CHUNK ((size_t)1 << 20)

struct par {
	struct run b;		/* the second half's own state */
	const char *name;
	int fd;
	off_t split;
	long lsplit;		/* line the split starts on; LONG_MAX until
				 * counted (atomic) */
	int cancel;		/* atomic: the first half gave up on it */
	int ok;			/* read to the end without trouble */
	int running;		/* the thread is to be joined */
	size_t nf;		/* header fields */
	struct cg_reader_opts ro;
	struct cg_reader *r;
	FILE *rej;		/* its rejects rows, to append */
	pthread_t th;
	pthread_mutex_t mu;	/* with cv: lsplit was set */
	pthread_cond_t cv;
};

static void
par_publish(struct par *p, long line)
{
	pthread_mutex_lock(&p->mu);
	__atomic_store_n(&p->lsplit, line, __ATOMIC_RELEASE);
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

static int
par_cancelled(struct par *p)
{
	return __atomic_load_n(&p->cancel, __ATOMIC_RELAXED);
}

/* Line breaks in [0, end) as the reader counts them: LF, CR LF, lone CR. */
static long
count_lines(struct par *p, off_t end)
{
	unsigned char *buf = cg_xmalloc(PAR_CHUNK);
	off_t off = 0;
	long n = 0;
	int cr = 0;

	while (off < end && !par_cancelled(p)) {
		size_t want = end - off < (off_t)PAR_CHUNK ? (size_t)(end -
		    off) : PAR_CHUNK, i, c = 0;
		ssize_t got = pread(p->fd, buf, want, off);

		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			n = -1;
			break;
		}
		if (cr && buf[0] != '\n')
			n++;
		cr = 0;
		for (i = 0; i < (size_t)got; i++)
			c += buf[i] == '\n';
		n += (long)c;
		if (memchr(buf, '\r', (size_t)got) != NULL) {
			for (i = 0; i + 1 < (size_t)got; i++)
				if (buf[i] == '\r' && buf[i + 1] != '\n')
					n++;
			cr = buf[got - 1] == '\r';
		}
		off += got;
	}
	free(buf);
	return par_cancelled(p) ? -1 : n;
}

static void *
par_main(void *arg)
{
	struct par *p = arg;
	struct run *b = &p->b;
	struct cg_err err;
	const struct cg_row *row;
	unsigned long n = 0;
	long lines;
	int rc;

	if ((lines = count_lines(p, p->split)) < 0)
		goto done;
	par_publish(p, lines + 1);
	if (lseek(p->fd, p->split, SEEK_SET) == (off_t)-1 ||
	    (p->r = cg_reader_open(p->fd, p->name, &p->ro, &err)) == NULL ||
	    cg_reader_header(p->r, &row, &err) <= 0)
		goto done;
	/* A BOM or blank lines at the split: the record is not the one
	 * the first half would find there. */
	if (cg_reader_dialect(p->r)->bom || row->line != 1 ||
	    row->n != p->nf || deal(b, p->r, row, &err) < 0)
		goto done;
	while ((rc = cg_reader_next(p->r, &row, &err)) > 0) {
		if (deal(b, p->r, row, &err) < 0)
			goto done;
		if ((++n & 1023) == 0 && par_cancelled(p))
			goto done;
	}
	if (rc < 0 || drain(b, &err) < 0)
		goto done;
	if (b->rw != NULL) {
		rc = cg_writer_close(b->rw, &err);
		b->rw = NULL;
		if (rc < 0 || fflush(p->rej) != 0)
			goto done;
	}
	p->ok = 1;
done:
	if (b->rw != NULL) {
		cg_writer_close(b->rw, NULL);
		b->rw = NULL;
	}
	/* Never leave the first half waiting for the split's line. */
	if (lines < 0)
		par_publish(p, -1L);
	return NULL;
}

/*
 * Wait until the second thread knows the split's line. Counting line
 * breaks is some ten times faster than parsing, so this is a short wait
 * on a large file; on a small one the first half could otherwise get
 * past the split before its line is known, and give up on the split.
 */
static void
par_wait_line(struct par *p)
{
	pthread_mutex_lock(&p->mu);
	while (__atomic_load_n(&p->lsplit, __ATOMIC_ACQUIRE) == LONG_MAX)
		pthread_cond_wait(&p->cv, &p->mu);
	pthread_mutex_unlock(&p->mu);
}

static void
par_free(struct par *p)
{
	if (p == NULL)
		return;
	if (p->running) {
		__atomic_store_n(&p->cancel, 1, __ATOMIC_RELAXED);
		pthread_join(p->th, NULL);
	}
	run_free_own(&p->b);
	cg_reader_free(p->r);
	close(p->fd);
	if (p->rej != NULL)
		fclose(p->rej);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	free(p);
}

/* The size threshold: CG_ROLLUP_PAR_MIN bytes, if set to a number. */
static unsigned long long
par_min(void)
{
	const char *s = getenv("CG_ROLLUP_PAR_MIN");
	unsigned long long v;
	char *end;

	if (s == NULL || *s == '\0')
		return PAR_MIN_DEFAULT;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || *s == '-')
		return PAR_MIN_DEFAULT;
	return v;
}

/* First byte after the first line feed at or after `from`; -1: none. */
static off_t
find_split(int fd, off_t from, off_t size)
{
	char buf[65536];
	ssize_t got;
	const char *nl;

	while (from < size) {
		if ((got = pread(fd, buf, sizeof(buf), from)) < 0 &&
		    errno == EINTR)
			continue;
		if (got <= 0)
			return -1;
		if ((nl = memchr(buf, '\n', (size_t)got)) != NULL)
			return from + (nl - buf) + 1 < size ?
			    from + (nl - buf) + 1 : -1;
		from += got;
	}
	return -1;
}

/* Start the second half, if the deal log qualifies. NULL: sequential. */
static struct par *
par_start(struct run *u, int argc, char **argv, struct cg_reader *r,
    const struct cg_row *hdr)
{
	const struct cg_rollup_opts *o = u->o;
	struct par *p;
	struct stat st;
	struct cg_dialect d;
	off_t split;
	size_t i;
	int fd, k;

	if (argc != 1 || strcmp(argv[0], "-") == 0 || o->strict)
		return NULL;
	if ((fd = open(argv[0], O_RDONLY | O_CLOEXEC)) < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (unsigned long long)st.st_size < par_min() ||
	    (split = find_split(fd, st.st_size / 2, st.st_size)) < 0) {
		close(fd);
		return NULL;
	}
	p = cg_xcalloc(1, sizeof(*p));
	p->fd = fd;
	p->split = split;
	p->name = cg_reader_name(r);
	p->lsplit = LONG_MAX;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	p->nf = hdr->n;
	p->ro = o->ropts;
	p->ro.delim = cg_reader_dialect(r)->delim;
	p->ro.rewindable = 0;
	/* Shared, read only: options, filter, accounts, columns, names. */
	p->b = *u;
	p->b.t = cg_rollup_table_new();
	memset(p->b.skip, 0, sizeof(p->b.skip));
	memset(p->b.pend, 0, sizeof(p->b.pend));
	memset(&p->b.rej, 0, sizeof(p->b.rej));
	p->b.rej_open = 0;
	p->b.rw = NULL;
	p->b.seq = p->b.npend = p->b.ndone = 0;
	p->b.track_ambig = 1;
	p->b.ambig = 0;
	cg_datecol_init(&p->b.dc, o->dates);
	if (o->dates == CG_DATES_AUTO) {
		/* Read ambiguous dates the way a guess would, silently. */
		p->b.dc.guessed = 1;
		p->b.dc.order = p->ro.delim == ',' ? CG_DATES_US :
		    CG_DATES_EU;
	}
	/* With a join only known keys count: the same ones, same order. */
	for (i = 0; u->acc != NULL && i < cg_rollup_count(u->t); i++) {
		struct cg_rollup_acc *a = cg_rollup_at(u->t, i);

		cg_rollup_intern_h(p->b.t, cg_rollup_key(a), a->keylen,
		    a->hash)->known = a->known;
	}
	if (u->rw != NULL) {
		if ((p->rej = tmpfile()) == NULL)
			goto fail;
		d = *cg_reader_dialect(r);
		d.bom = 0;
		p->b.rw = cg_writer_new(fileno(p->rej), o->rejects, &d);
	}
	if ((k = pthread_create(&p->th, NULL, par_main, p)) != 0)
		goto fail;
	p->running = 1;
	return p;
fail:
	if (p->b.rw != NULL)
		cg_writer_close(p->b.rw, NULL);
	p->b.rw = NULL;
	par_free(p);
	return NULL;
}

/* Copy the second half's rejects after the first half's. */
static int
par_rejects(struct run *u, struct par *p, struct cg_err *err)
{
	char buf[65536];
	size_t got;

	if (cg_writer_flush(u->rw, err) < 0)
		return -1;
	rewind(p->rej);
	while ((got = fread(buf, 1, sizeof(buf), p->rej)) > 0) {
		size_t off = 0;

		while (off < got) {
			ssize_t w = write(u->rej.fd, buf + off, got - off);

			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0)
				return cg_err_set(err, CG_EWRITE, u->o->rejects,
				    0, 0, "write error: %s", strerror(errno));
			off += (size_t)w;
		}
	}
	if (ferror(p->rej))
		return cg_err_set(err, CG_EIO, u->o->rejects, 0, 0,
		    "cannot read back the rejects of the second half");
	return 0;
}

/*
 * The first half met `row`, the first record on or past the split's
 * line. 1: the second half's figures are in, stop reading; 0: go on
 * reading sequentially from `row`; -1: error.
 */
static int
par_join(struct run *u, struct par *p, struct cg_reader *r,
    const struct cg_row *row, struct cg_err *err)
{
	const struct cg_rollup_opts *o = u->o;
	struct run *b = &p->b;
	long line = __atomic_load_n(&p->lsplit, __ATOMIC_ACQUIRE);
	char g;
	int k;

	if (row->line != line) {
		__atomic_store_n(&p->cancel, 1, __ATOMIC_RELAXED);
		return 0;
	}
	pthread_join(p->th, NULL);
	p->running = 0;
	if (!p->ok)
		return 0;
	/*
	 * The date order: the second half read ambiguous dates as a guess
	 * would (and stopped at evidence against it). That is what the
	 * first half's order does when it is that guess, fixed or not; from
	 * a fresh start only if no date needed the guess (no warning).
	 */
	if (o->dates == CG_DATES_AUTO && (u->dc.fixed ? u->dc.order !=
	    b->dc.order : !u->dc.guessed && b->ambig))
		return 0;
	/* The same for the decimal mark. */
	g = p->ro.decimal ? p->ro.decimal : p->ro.delim == ';' ? ',' : '.';
	if (cg_reader_decimal_known(r) && (g != cg_reader_dialect(r)->decimal ||
	    (cg_reader_decimal_known(p->r) && cg_reader_dialect(p->r)->decimal
	    != cg_reader_dialect(r)->decimal)))
		return 0;
	if (drain(u, err) < 0)
		return -1;
	if (cg_rollup_merge(u->t, b->t) < 0)
		return 0;
	if (!cg_reader_decimal_known(r) && cg_reader_decimal_known(p->r))
		cg_reader_note_decimal(r, cg_reader_dialect(p->r)->decimal ==
		    ',' ? CG_DEC_COMMA : CG_DEC_DOT);
	for (k = 0; k < NSKIP; k++) {
		struct skip *sa = &u->skip[k], *sb = &b->skip[k];

		if (sb->n == 0)
			continue;
		if (sa->n == 0) {
			sa->file = sb->file;
			sb->file = NULL;
			sa->line = sb->line + line - 1;
			sa->seq = sb->seq + u->seq;
		}
		sa->n += sb->n;
	}
	u->seq += b->seq;
	if (u->rw != NULL && par_rejects(u, p, err) < 0)
		return -1;
	return 1;
}

int
cg_rollup_run(const struct cg_rollup_opts *o, int argc, char **argv,
    int outfd, struct cg_err *err)
{
	struct run u;
	struct cg_input *in = NULL;
	struct cg_reader *r;
	const struct cg_row *hdr, *row;
	struct cg_dialect d;
	size_t ncols = o->distinct ? CG_ROLLUP_NCOLS : CG_ROLLUP_NCOLS - 1;
	struct par *par = NULL;
	int rc, ret = -1;

	memset(&u, 0, sizeof(u));
	u.o = o;
	u.t = cg_rollup_table_new();
	cg_datecol_init(&u.dc, o->dates);
	if ((u.where = cg_rollup_where_new(o->where, o->nwhere, err)) == NULL)
		goto out;
	if ((in = cg_input_open(argc, argv, &o->ropts, err)) == NULL)
		goto out;
	if ((rc = cg_input_header(in, &hdr, err)) <= 0) {
		if (rc == 0)
			cg_err_set(err, CG_EDATA, argc > 0 && strcmp(argv[0],
			    "-") != 0 ? argv[0] : "<stdin>", 0, 0,
			    "empty deal log");
		goto out;
	}
	r = cg_input_reader(in);
	if (resolve(&u, hdr, cg_reader_name(r), err) < 0)
		goto out;
	if (o->accounts != NULL && (u.acc = cg_rollup_accounts_load(
	    o->accounts, u.kname, u.knamelen, o->accounts_key, o->cols, u.t,
	    o->prog, err)) == NULL)
		goto out;
	if (o->rejects != NULL && rejects_open(&u, r, hdr, err) < 0)
		goto out;
	d = *cg_reader_dialect(r);
	par = par_start(&u, argc, argv, r, hdr);
	if (par != NULL)
		par_wait_line(par);
	while ((rc = cg_input_next(in, &row, err)) > 0) {
		r = cg_input_reader(in);
		if (par != NULL && row->line >= __atomic_load_n(&par->lsplit,
		    __ATOMIC_ACQUIRE)) {
			/* The row at the split: the second half's first. */
			if ((rc = par_join(&u, par, r, row, err)) < 0)
				goto out;
			if (getenv("CG_ROLLUP_PAR_TRACE") != NULL)
				fprintf(stderr, "%s: parallel: split at line "
				    "%ld: %s\n", o->prog, row->line, rc == 1 ?
				    "halves merged" : "read on sequentially");
			par_free(par);
			par = NULL;
			if (rc == 1)
				break;
		}
		if (deal(&u, r, row, err) < 0)
			goto out;
	}
	par_free(par);
	par = NULL;
	if (rc < 0 || drain(&u, err) < 0)
		goto out;
	/* Numbers follow the decimal mark the values showed. */
	d.decimal = cg_reader_dialect(cg_input_reader(in))->decimal;
	if (u.rw != NULL) {
		rc = cg_writer_close(u.rw, err);
		u.rw = NULL;
		if (rc < 0)
			goto out;
	}
	if (u.acc != NULL)
		rc = cg_rollup_accounts_write(u.acc, u.t, outfd, o->today,
		    ncols, o->replace, o->prog, err);
	else
		rc = cg_rollup_write_plain(u.t, u.kname, u.knamelen, &d, outfd,
		    o->today, ncols, err);
	if (rc < 0)
		goto out;
	/* The rejects file appears only once the figures got out too. */
	if (u.rej_open) {
		u.rej_open = 0;
		if (cg_outfile_commit(&u.rej, err) < 0)
			goto out;
	}
	report(&u);
	ret = 0;
out:
	par_free(par);
	if (u.rw != NULL)
		cg_writer_close(u.rw, NULL);
	if (u.rej_open)
		cg_outfile_abort(&u.rej);
	cg_input_free(in);
	run_free(&u);
	return ret;
}
