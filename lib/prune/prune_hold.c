/*
 * prune_hold.c - the kept rows, held in a temporary file until prune
 * knows what share of the rows it rejects.
 *
 * Without duplicate detection prune reads its input once, and a row's
 * fate is known as it is read; but whether the run may write at all
 * (--max-reject) is known only at the end. Reading the input twice to
 * count first would double the work of the commonest mode and spool
 * every pipe; holding the kept rows costs one more write and read of
 * them, which is a copy, not a parse. The file has no name (O_TMPFILE)
 * where the system allows, so no signal can leave it behind; elsewhere
 * it is unlinked as soon as it is made.
 */
#define _GNU_SOURCE	/* O_TMPFILE */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clientgrade/buf.h"
#include "clientgrade/error.h"
#include "prune_int.h"

int
prune_hold_open(struct prune_hold *h, struct cg_err *err)
{
	const char *dir = getenv("TMPDIR");
	struct cg_buf tp = CG_BUF_INIT;

	h->fd = -1;
	h->name = NULL;
	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	cg_buf_printf(&tp, "%s/clientgrade.XXXXXX", dir);
#ifdef O_TMPFILE
	h->fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#endif
	if (h->fd < 0) {
		if ((h->fd = mkstemp(tp.s)) >= 0)
			unlink(tp.s);
	}
	if (h->fd < 0) {
		cg_err_set(err, CG_EIO, NULL, 0, 0, "cannot create a temporary "
		    "file in %s to hold the kept rows until the share of "
		    "rejects is known (--force or --max-reject 100 write "
		    "them at once):", dir);
		cg_buf_free(&tp);
		return -1;
	}
	cg_buf_reset(&tp);
	cg_buf_printf(&tp, "the kept rows held in %s", dir);
	h->name = tp.s;
	return 0;
}

int
prune_hold_copy(struct prune_hold *h, int out_fd, struct cg_err *err)
{
	char buf[1 << 16];
	ssize_t n, w;
	size_t off;

	if (lseek(h->fd, 0, SEEK_SET) < 0)
		return cg_err_set(err, CG_EIO, h->name, 0, 0, "seek error:");
	for (;;) {
		if ((n = read(h->fd, buf, sizeof(buf))) < 0) {
			if (errno == EINTR)
				continue;
			return cg_err_set(err, CG_EIO, h->name, 0, 0,
			    "read error:");
		}
		if (n == 0)
			return 0;
		for (off = 0; off < (size_t)n; off += (size_t)w) {
			w = write(out_fd, buf + off, (size_t)n - off);
			if (w < 0 && errno == EINTR) {
				w = 0;
				continue;
			}
			/* The message the writer gives for stdout. */
			if (w < 0)
				return cg_err_set(err, CG_EWRITE, NULL, 0, 0,
				    "write error:");
		}
	}
}

void
prune_hold_close(struct prune_hold *h)
{
	if (h->fd >= 0)
		close(h->fd);
	h->fd = -1;
	free(h->name);
	h->name = NULL;
}
