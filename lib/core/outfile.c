/*
 * outfile.c - named outputs that appear only when complete.
 *
 * A rejects file that stopped half way through (full disk) must not sit
 * there looking like the real thing, so we write beside it under a
 * temporary name and rename(2) only after every byte made it. Devices
 * (/dev/null, /dev/full) and FIFOs are written in place: there is nothing
 * to rename.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clientgrade/alloc.h"
#include "clientgrade/buf.h"
#include "clientgrade/outfile.h"

int
cg_outfile_open(struct cg_outfile *o, const char *path, struct cg_err *err)
{
	struct stat st;
	struct cg_buf tmp = CG_BUF_INIT;
	mode_t mask;

	memset(o, 0, sizeof(*o));
	o->fd = -1;
	o->path = cg_xstrdup(path);
	if (strcmp(path, "-") == 0) {
		o->fd = 1;
		return 0;
	}
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if ((o->fd = open(path, O_WRONLY | O_TRUNC)) < 0) {
			cg_err_set(err, CG_EIO, path, 0, 0, "cannot open:");
			free(o->path);
			o->path = NULL;
			return -1;
		}
		return 0;
	}
	cg_buf_printf(&tmp, "%s.XXXXXX", path);
	if ((o->fd = mkstemp(tmp.s)) < 0) {
		cg_err_set(err, CG_EIO, path, 0, 0, "cannot create:");
		cg_buf_free(&tmp);
		free(o->path);
		o->path = NULL;
		return -1;
	}
	/* mkstemp makes 0600; a plain output file gets the usual mode. */
	mask = umask(0);
	umask(mask);
	(void)fchmod(o->fd, 0666 & ~mask);
	o->tmp = tmp.s;
	return 0;
}

int
cg_outfile_commit(struct cg_outfile *o, struct cg_err *err)
{
	int rc = 0;

	if (o->fd == 1 && o->tmp == NULL)
		goto done;
	if (close(o->fd) != 0) {
		rc = cg_err_set(err, CG_EWRITE, o->path, 0, 0, "write error:");
		o->fd = -1;
		cg_outfile_abort(o);
		return rc;
	}
	o->fd = -1;
	if (o->tmp != NULL && rename(o->tmp, o->path) != 0) {
		rc = cg_err_set(err, CG_EWRITE, o->path, 0, 0,
		    "cannot rename %s into place:", o->tmp);
		unlink(o->tmp);
	}
done:
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
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
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
}
