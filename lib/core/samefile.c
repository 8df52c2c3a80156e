/*
 * samefile.c - no output may be one of the inputs.
 *
 * `grade f.csv > f.csv` would read the file the shell has just emptied;
 * `prune -r rej.csv in.csv >> in.csv` would read its own output until the
 * disk fills. Before the engine reads a byte, every output (stdout and
 * the files named by options) is compared with every input (operands,
 * stdin, files named by options) and with the other outputs, by device
 * and inode. Only regular files are compared: /dev/null, pipes and
 * terminals may well be "the same" and are harmless.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/run.h"

struct ident {
	int reg;		/* an existing regular file */
	dev_t dev;
	ino_t ino;
};

static void
ident_stat(const struct stat *st, int ok, struct ident *id)
{
	id->reg = ok && S_ISREG(st->st_mode);
	id->dev = ok ? st->st_dev : 0;
	id->ino = ok ? st->st_ino : 0;
}

/* "-" is the descriptor `fd` (0 for inputs, the run's output for outputs). */
static void
ident_of(const char *path, int fd, struct ident *id)
{
	struct stat st;

	if (strcmp(path, "-") == 0)
		ident_stat(&st, fstat(fd, &st) == 0, id);
	else
		ident_stat(&st, stat(path, &st) == 0, id);
}

static int
same(const struct ident *a, const struct ident *b)
{
	return a->reg && b->reg && a->dev == b->dev && a->ino == b->ino;
}

/* The inputs, operands first: names and identities (caller frees). */
static size_t
inputs(const struct cg_run *run, struct ident **id, const char ***name)
{
	static const char *const stdin_only[] = { "-" };
	const char *const *ops = run->argc > 0 ?
	    (const char *const *)run->argv : stdin_only;
	size_t nops = run->argc > 0 ? (size_t)run->argc : 1, n = 0, i;

	*id = cg_xcalloc(nops + run->nin_extra, sizeof(**id));
	*name = cg_xcalloc(nops + run->nin_extra, sizeof(**name));
	for (i = 0; i < nops; i++, n++)
		(*name)[n] = ops[i];
	for (i = 0; i < run->nin_extra; i++, n++)
		(*name)[n] = run->in_extra[i];
	for (i = 0; i < n; i++)
		ident_of((*name)[i], 0, &(*id)[i]);
	return n;
}

static int
refuse_stdout(const struct cg_run *run, const char *input, struct cg_err *err)
{
	int fl = fcntl(run->out_fd, F_GETFL);

	if (strcmp(input, "-") == 0)
		input = "<stdin>";

	if (fl != -1 && (fl & O_APPEND))
		return cg_err_set(err, CG_EUSAGE, input, 0, 0,
		    "standard output is also an input; nothing was written");
	return cg_err_set(err, CG_EUSAGE, input, 0, 0, "standard output is "
	    "also an input; nothing was written, but the shell's '>' has "
	    "already emptied the file");
}

/* The first clash of outputs with inputs or each other: 0 or -1. */
static int
clash(const struct cg_run *run, const struct ident *in, const char **inname,
    size_t nin, struct cg_err *err)
{
	struct ident out, prev[CG_RUN_MAXFILES + 1];
	size_t i, k;

	ident_of("-", run->out_fd, &prev[0]);
	for (i = 0; i < nin; i++)
		if (same(&prev[0], &in[i]))
			return refuse_stdout(run, inname[i], err);
	for (k = 0; k < run->nout_extra; k++) {
		const struct cg_run_out *o = &run->out_extra[k];

		ident_of(o->path, run->out_fd, &out);
		for (i = 0; i < nin; i++)
			if (same(&out, &in[i]))
				return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
				    "%s: %s is also an input; nothing was "
				    "written", o->opt, o->path);
		if (same(&out, &prev[0]))
			return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
			    "%s: %s is also standard output; nothing was "
			    "written", o->opt, o->path);
		for (i = 0; i < k; i++)
			if (same(&out, &prev[i + 1]))
				return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
				    "%s: %s is also %s", o->opt, o->path,
				    run->out_extra[i].opt);
		prev[k + 1] = out;
	}
	return 0;
}

int
cg_run_check_files(const struct cg_run *run, struct cg_err *err)
{
	struct ident *in;
	const char **inname;
	size_t nin = inputs(run, &in, &inname);
	int rc = clash(run, in, inname, nin, err);

	free(in);
	free(inname);
	return rc;
}
