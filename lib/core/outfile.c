/*
 * outfile.c - named outputs that appear only when complete.
 *
 * A rejects file that stopped half way through (full disk) must not sit
 * there looking like the real thing, so we write beside it under a
 * temporary name and rename(2) only after every byte made it. Devices
 * (/dev/null, /dev/full) and FIFOs are written in place: there is nothing
 * to rename.
 *
 * The one piece of global state in lib/ is here: the list of temporary
 * names a signal handler must remove. A handler gets no context pointer,
 * so the list cannot live in a struct the caller owns. It holds a few
 * fixed slots of fixed size, so the handler only calls unlink(2), which
 * is async-signal-safe.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "clientgrade/outfile.h"

#define NSLOTS 8

static char cleanup[NSLOTS][PATH_MAX];
static volatile sig_atomic_t cleanup_used[NSLOTS];
static int handlers_set;

void
cg_outfile_unlink_all(void)
{
	int i;

	for (i = 0; i < NSLOTS; i++)
		if (cleanup_used[i])
			unlink(cleanup[i]);
}

static void
on_signal(int sig)
{
	cg_outfile_unlink_all();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
set_handlers(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;
	size_t i;

	if (handlers_set)
		return;
	handlers_set = 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction old;

		/* An ignored signal (nohup) stays ignored. */
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
}

/* Put tmp on the cleanup list; the slot, or -1 when the list is full. */
static int
remember(const char *tmp)
{
	int i;

	if (strlen(tmp) >= PATH_MAX)
		return -1;
	set_handlers();
	for (i = 0; i < NSLOTS; i++)
		if (!cleanup_used[i]) {
			memcpy(cleanup[i], tmp, strlen(tmp) + 1);
			cleanup_used[i] = 1;
			return i;
		}
	return -1;
}

static void
forget(struct cg_outfile *o)
{
	if (o->slot >= 0)
		cleanup_used[o->slot] = 0;
	o->slot = -1;
}

/*
 * The name to write: a symbolic link's final target (so the link stays a
 * link), else the path itself. Caller frees.
 */
static char *
final_name(const char *path)
{
	struct stat st;
	char *real;

	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
	    (real = realpath(path, NULL)) != NULL) {
		char *copy = cg_xstrdup(real);

		free(real);
		return copy;
	}
	return cg_xstrdup(path);
}

/* "DIR/.cgXXXXXX" beside `path`, whatever the length of its base name. */
static void
tmp_name(struct cg_buf *b, const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash != NULL)
		cg_buf_add(b, path, (size_t)(slash - path) + 1);
	cg_buf_adds(b, ".cgXXXXXX");
}

static int
fail(struct cg_outfile *o, struct cg_err *err, enum cg_code code,
    const char *msg)
{
	cg_err_set(err, code, o->name, 0, 0, "%s", msg);
	free(o->path);
	o->path = NULL;
	return -1;
}

int
cg_outfile_open(struct cg_outfile *o, const char *path, struct cg_err *err)
{
	struct stat st;
	struct cg_buf tmp = CG_BUF_INIT;
	mode_t mode, mask;
	int exists;

	memset(o, 0, sizeof(*o));
	o->fd = -1;
	o->slot = -1;
	o->name = path;
	if (*path == '\0')
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "an output file name is empty");
	if (strcmp(path, "-") == 0) {
		o->fd = 1;
		return 0;
	}
	o->path = final_name(path);
	exists = stat(o->path, &st) == 0;
	if (exists && !S_ISREG(st.st_mode)) {
		if ((o->fd = open(o->path, O_WRONLY | O_TRUNC)) < 0)
			return fail(o, err, CG_EIO, "cannot open:");
		return 0;
	}
	tmp_name(&tmp, o->path);
	if ((o->fd = mkstemp(tmp.s)) < 0) {
		cg_buf_free(&tmp);
		return fail(o, err, CG_EIO, "cannot create:");
	}
	o->tmp = tmp.s;
	o->slot = remember(o->tmp);
	/* mkstemp makes 0600: an existing file keeps its own mode, a new
	 * one gets the usual 0666 less the umask. */
	if (exists)
		mode = st.st_mode & 07777;
	else {
		mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	(void)fchmod(o->fd, mode);
	return 0;
}

static void
release(struct cg_outfile *o)
{
	forget(o);
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
}

int
cg_outfile_commit(struct cg_outfile *o, struct cg_err *err)
{
	int rc = 0;

	if (o->fd == 1 && o->tmp == NULL) {
		release(o);
		return 0;
	}
	if (close(o->fd) != 0) {
		o->fd = -1;
		rc = cg_err_set(err, CG_EWRITE, o->name, 0, 0,
		    "write error:");
		cg_outfile_abort(o);
		return rc;
	}
	o->fd = -1;
	if (o->tmp != NULL && rename(o->tmp, o->path) != 0) {
		rc = cg_err_set(err, CG_EWRITE, o->name, 0, 0,
		    "cannot rename the finished file into place:");
		unlink(o->tmp);
	}
	release(o);
	return rc;
}

void
cg_outfile_abort(struct cg_outfile *o)
{
	if (o->fd > 1)
		close(o->fd);
	o->fd = -1;
	if (o->tmp != NULL)
		unlink(o->tmp);
	release(o);
}
