/*
 * outfile.h - a named output file (rejects, plots) that exists under its
 * name only when it was written completely: it is written to a temporary
 * file beside it and renamed on commit, removed on abort.
 */
#ifndef CLIENTGRADE_OUTFILE_H
#define CLIENTGRADE_OUTFILE_H

#include "error.h"

struct cg_outfile {
	char *path;	/* final name */
	char *tmp;	/* temporary name beside it; NULL for "-" and devices */
	int fd;
};

/*
 * Open `path` for writing ("-" is stdout; a character device such as
 * /dev/null or /dev/full is written directly). 0 or -1 (CG_EIO).
 */
int cg_outfile_open(struct cg_outfile *o, const char *path,
    struct cg_err *err);

/* fsync-free commit: close, check, rename into place. 0 or -1 (CG_EWRITE).
 * On failure the temporary file is removed. */
int cg_outfile_commit(struct cg_outfile *o, struct cg_err *err);

/* Remove the temporary file and close; the final name is not touched. */
void cg_outfile_abort(struct cg_outfile *o);

#endif
