/*
 * rollup_parallel.c - two threads on one seekable deal log.
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
 * printed, Excel serial dates, sums that are not exact (see
 * cg_rollup_merge), anything the second half said (below). Otherwise the
 * tables are merged, the second half's skips and rejects added after
 * the first half's (lines shifted), and reading stops.
 *
 * Not with --strict, stdin, several operands, input that is decoded
 * (--encoding, UTF-16: the split is found in the file's bytes, and a
 * decoder cannot start in the middle), or files smaller than
 * CG_ROLLUP_PAR_MIN bytes (environment; default 64 MiB). Tests set it to
 * 0, and CG_ROLLUP_PAR_TRACE to see in a note which way it went.
 *
 * The second half never speaks: its run only counts what it would have
 * said (a note or warning naming its own line numbers, or one the
 * sequential run would not have said at all), and anything said is a
 * reason to throw its work away, so that the first half reads on and
 * says what the sequential run says.
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
#include "clientgrade/csv.h"
#include "clientgrade/field.h"
#include "clientgrade/rollup.h"
#include "clientgrade/run.h"
#include "rollup_int.h"

#define PAR_MIN_DEFAULT ((unsigned long long)64 << 20)
#define PAR_CHUNK ((size_t)1 << 20)

struct cg_rollup_par {
	struct cg_rollup_ctx b;	/* the second half's own state */
	struct cg_run run;	/* the first half's, messages counted */
	int said;		/* notes and warnings of the second half */
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
	int dec_known;		/* r's decimal mark, once r is freed */
	char decimal;
	FILE *rej;		/* its rejects rows, to append */
	pthread_t th;
	pthread_mutex_t mu;	/* with cv: lsplit was set */
	pthread_cond_t cv;
};

/* The second half's message callback: count, never print. */
static void
par_say(void *ctx, enum cg_say_kind kind, const char *file, long line,
    long col, const char *msg)
{
	struct cg_rollup_par *p = ctx;

	(void)kind;
	(void)file;
	(void)line;
	(void)col;
	(void)msg;
	p->said++;
}

static void
par_publish(struct cg_rollup_par *p, long line)
{
	pthread_mutex_lock(&p->mu);
	__atomic_store_n(&p->lsplit, line, __ATOMIC_RELEASE);
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

static int
par_cancelled(struct cg_rollup_par *p)
{
	return __atomic_load_n(&p->cancel, __ATOMIC_RELAXED);
}

/* Line breaks in [0, end) as the reader counts them: LF, CR LF, lone CR. */
static long
count_lines(struct cg_rollup_par *p, off_t end)
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
	struct cg_rollup_par *p = arg;
	struct cg_rollup_ctx *b = &p->b;
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
	    row->n != p->nf || cg_rollup_deal(b, p->r, row, &err) < 0)
		goto done;
	while ((rc = cg_reader_next(p->r, &row, &err)) > 0) {
		if (cg_rollup_deal(b, p->r, row, &err) < 0)
			goto done;
		if ((++n & 1023) == 0 && par_cancelled(p))
			goto done;
	}
	if (rc < 0 || cg_rollup_drain(b, &err) < 0)
		goto done;
	if (b->rw != NULL) {
		rc = cg_writer_close(b->rw, &err);
		b->rw = NULL;
		if (rc < 0 || fflush(p->rej) != 0)
			goto done;
	}
	/* The reader may still say something as it goes (a count of what
	 * it read): let it now, so that join sees it in `said`. */
	p->dec_known = cg_reader_decimal_known(p->r);
	p->decimal = cg_reader_dialect(p->r)->decimal;
	cg_reader_free(p->r);
	p->r = NULL;
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
long
cg_rollup_par_wait_line(struct cg_rollup_par *p)
{
	long line;

	pthread_mutex_lock(&p->mu);
	while ((line = __atomic_load_n(&p->lsplit, __ATOMIC_ACQUIRE)) ==
	    LONG_MAX)
		pthread_cond_wait(&p->cv, &p->mu);
	pthread_mutex_unlock(&p->mu);
	/* Set once: the line, or -1 (counting failed; then the first record
	 * is "past" it, and join gives up on the split). */
	return line;
}

void
cg_rollup_par_free(struct cg_rollup_par *p)
{
	if (p == NULL)
		return;
	if (p->running) {
		__atomic_store_n(&p->cancel, 1, __ATOMIC_RELAXED);
		pthread_join(p->th, NULL);
	}
	cg_rollup_ctx_free_own(&p->b);
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
struct cg_rollup_par *
cg_rollup_par_start(struct cg_rollup_ctx *u, struct cg_reader *r,
    const struct cg_row *hdr)
{
	const struct cg_rollup_opts *o = u->o;
	int argc = u->run->argc;
	char **argv = u->run->argv;
	struct cg_rollup_par *p;
	struct stat st;
	struct cg_dialect d;
	off_t split;
	size_t i;
	int fd, k;

	/* A --where on a date column other than the deal's would need its
	 * own checks of the date order at the split: read in one pass. */
	if (argc != 1 || strcmp(argv[0], "-") == 0 || o->strict ||
	    cg_reader_dialect(r)->encoding != NULL ||
	    cg_rollup_where_dates_off(u->where, u->dcol))
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
	p->run = *u->run;
	p->run.say = par_say;
	p->run.say_ctx = p;
	p->ro = cg_run_reader_opts(&p->run, 0);
	p->ro.delim = cg_reader_dialect(r)->delim;
	p->ro.rewindable = 0;
	/* Shared, read only: options, filter, accounts, columns, names. */
	p->b = *u;
	p->b.filter = NULL;
	p->b.run = &p->run;
	p->b.t = cg_rollup_table_new();
	memset(p->b.skip, 0, sizeof(p->b.skip));
	memset(p->b.pend, 0, sizeof(p->b.pend));
	memset(&p->b.rej, 0, sizeof(p->b.rej));
	p->b.rej_open = 0;
	p->b.rw = NULL;
	p->b.seq = p->b.npend = p->b.ndone = p->b.passed = 0;
	p->b.track_ambig = 1;
	p->b.ambig = 0;
	cg_datecol_init(&p->b.dc, u->run->dates);
	/* Its own filter state, on its own date memory. */
	if (u->filter != NULL)
		p->b.filter = cg_rollup_filter_new(u->where, u->dcol, &p->b.dc,
		    &p->run);
	if (u->run->dates == CG_DATES_AUTO) {
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
	cg_rollup_par_free(p);
	return NULL;
}

/* Copy the second half's rejects after the first half's. */
static int
par_rejects(struct cg_rollup_ctx *u, struct cg_rollup_par *p,
    struct cg_err *err)
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
int
cg_rollup_par_join(struct cg_rollup_ctx *u, struct cg_rollup_par *p,
    struct cg_reader *r, const struct cg_row *row, struct cg_err *err)
{
	struct cg_rollup_ctx *b = &p->b;
	long line = __atomic_load_n(&p->lsplit, __ATOMIC_ACQUIRE);
	char g;
	int k;

	if (row->line != line) {
		__atomic_store_n(&p->cancel, 1, __ATOMIC_RELAXED);
		return 0;
	}
	pthread_join(p->th, NULL);
	p->running = 0;
	if (!p->ok || p->said > 0)
		return 0;
	/*
	 * The date order: the second half read ambiguous dates as a guess
	 * would (and stopped at evidence against it). That is what the
	 * first half's order does when it is that guess, fixed or not; from
	 * a fresh start only if no date needed the guess (no warning).
	 */
	if (u->run->dates == CG_DATES_AUTO && (u->dc.fixed ? u->dc.order !=
	    b->dc.order : !u->dc.guessed && b->ambig))
		return 0;
	/* Excel serial dates: the second half, starting as a guess, never
	 * takes a column for serials; the first half may have. */
	if (u->dc.serial != b->dc.serial)
		return 0;
	/* The same for the decimal mark. */
	g = p->ro.decimal ? p->ro.decimal : p->ro.delim == ';' ? ',' : '.';
	if (cg_reader_decimal_known(r) && (g != cg_reader_dialect(r)->decimal ||
	    (p->dec_known && p->decimal != cg_reader_dialect(r)->decimal)))
		return 0;
	if (cg_rollup_drain(u, err) < 0)
		return -1;
	if (u->filter != NULL && !cg_rollup_filter_merge_ok(u->filter,
	    b->filter))
		return 0;
	if (cg_rollup_merge(u->t, b->t) < 0)
		return 0;
	if (u->filter != NULL)
		cg_rollup_filter_merge(u->filter, b->filter);
	if (!cg_reader_decimal_known(r) && p->dec_known)
		cg_reader_note_decimal(r, p->decimal == ',' ? CG_DEC_COMMA :
		    CG_DEC_DOT);
	for (k = 0; k < CG_NSKIP; k++) {
		struct cg_rollup_skip *sa = &u->skip[k], *sb = &b->skip[k];

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
	u->passed += b->passed;
	if (u->rw != NULL && par_rejects(u, p, err) < 0)
		return -1;
	return 1;
}

