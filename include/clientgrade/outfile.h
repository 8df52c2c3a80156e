/*
 * outfile.h - a named output file (rejects, plots) that exists under its
 * name only when it was written completely: it is written to a temporary
 * file beside it and renamed on commit, removed on abort.
 *
 * The final name keeps what it was: an existing file keeps its mode (a
 * 0600 rejects file holds customers' data and stays 0600), a symbolic
 * link keeps pointing where it did and its target gets the new content.
 * The temporary name is short (".cgNNNNNN" in the target's directory),
 * so a final name of up to NAME_MAX bytes works. If the tool is killed
 * by SIGINT, SIGTERM or SIGHUP while a temporary exists, it is removed.
 */
#ifndef CLIENTGRADE_OUTFILE_H
#define CLIENTGRADE_OUTFILE_H

#include "error.h"

struct cg_outfile {
	const char *name;	/* as given, for messages (borrowed) */
	char *path;		/* final name (a link's target resolved) */
	char *tmp;		/* temporary name beside it; NULL for "-" and
				 * devices */
	int fd;
	int slot;		/* in the signal cleanup list, or -1 */
};

/*
 * Open `path` for writing ("-" is stdout; a character device such as
 * /dev/null or /dev/full, or a FIFO, is written directly). `path` is
 * borrowed and must outlive the outfile (argv does). 0 or -1 (CG_EUSAGE
 * for an empty path, CG_EIO).
 */
int cg_outfile_open(struct cg_outfile *o, const char *path,
    struct cg_err *err);

/* fsync-free commit: close, check, rename into place. 0 or -1 (CG_EWRITE).
 * On failure the temporary file is removed. */
int cg_outfile_commit(struct cg_outfile *o, struct cg_err *err);

/* Remove the temporary file and close; the final name is not touched. */
void cg_outfile_abort(struct cg_outfile *o);

/*
 * Remove every temporary file still open (async-signal-safe: only
 * unlink(2)). For the exits that do not unwind: a signal, out of memory.
 */
void cg_outfile_unlink_all(void);

#endif
