/*
 * inspect.c - --inspect: read the input as the tool would, compute
 * nothing, and say what was found, so a user sees which column plays
 * which role, and how the file was read, before trusting an answer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/field.h"
#include "clientgrade/input.h"
#include "clientgrade/roles.h"
#include "inspect.h"

struct seen {
	const struct cg_role_need *need;
	size_t col;
	int how;		/* enum cg_role_how */
	long missing, unreadable;
	char sample[48];
	struct cg_datecol dc;
};

/* A value as it may be shown: no control bytes, at most 40 bytes. */
static void
keep_sample(char *dst, size_t cap, const char *s, size_t n)
{
	size_t i, o = 0;

	for (i = 0; i < n && o + 5 < cap; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f)
			o += (size_t)snprintf(dst + o, cap - o, "\\x%02x", c);
		else
			dst[o++] = (char)c;
	}
	if (i < n && o + 4 <= cap)
		memcpy(dst + o, "...", 3), o += 3;
	dst[o] = '\0';
}

static void
look(struct cg_reader *r, const struct cg_row *row, struct seen *v,
    const struct cg_run *run)
{
	struct cg_err e;
	double d;
	int32_t day;
	int b, rc;

	if (v->col >= row->n || row->len[v->col] == 0) {
		v->missing++;
		return;
	}
	switch (v->need->type) {
	case 'n':
		rc = cg_field_num(r, row, v->col, &d, &e);
		break;
	case 'd':
		rc = cg_field_date(r, row, v->col, &v->dc, run, &day, &e);
		break;
	case 'b':
		rc = cg_field_bool(r, row, v->col, &b, &e);
		break;
	default:
		rc = 1;
		break;
	}
	if (rc < 0)
		v->unreadable++;
	else if (rc == 0)
		v->missing++;	/* blank, or a spreadsheet error cell */
	else if (v->sample[0] == '\0')
		keep_sample(v->sample, sizeof(v->sample), row->f[v->col],
		    row->len[v->col]);
}

static const char *
how_name(int how)
{
	return how == CG_ROLE_EXACT ? "exact" : how == CG_ROLE_ALIAS ?
	    "alias" : how == CG_ROLE_PINNED ? "pinned" : "-";
}

static void
print_dialect(struct cg_reader *r, const struct cg_run *run, long rows)
{
	const struct cg_dialect *d = cg_reader_dialect(r);
	long line;
	int src = cg_reader_decimal_source(r, &line);

	printf("input      %s\n", cg_reader_name(r));
	printf("encoding   %s, %s%s\n", d->encoding ? d->encoding : "UTF-8",
	    d->bom ? "with a byte order mark" : "no byte order mark",
	    d->sep ? ", a sep= line" : "");
	printf("delimiter  %s\n", d->delim == '\t' ? "tab" :
	    d->delim == ',' ? "," : d->delim == ';' ? ";" : "|");
	printf("line ends  %s\n", d->cr ? "CR" : d->crlf ? "CRLF" : "LF");
	if (src == 1)
		printf("decimal    %c (--decimal)\n", d->decimal);
	else if (src == 2)
		printf("decimal    %c (line %ld)\n", d->decimal, line);
	else if (line > 0)
		printf("decimal    %c (guessed from the delimiter at line %ld)\n",
		    d->decimal, line);
	else
		printf("decimal    %c (no number told; the delimiter's usual)\n",
		    d->decimal);
	printf("rows       %ld\n", rows);
	(void)run;
}

static void
print_dates(const struct seen *v)
{
	const struct cg_datecol *dc = &v->dc;

	if (v->need->type != 'd' || v->how == CG_ROLE_NONE)
		return;
	printf("dates      %s: ", v->need->role);
	if (dc->serial)
		printf("Excel serial numbers\n");
	else if (dc->fixed && dc->evidence_line > 0)
		printf("%s (line %ld)\n", dc->order == CG_DATES_US ?
		    "month/day" : "day/month", dc->evidence_line);
	else if (dc->fixed)
		printf("%s (--dates)\n", dc->order == CG_DATES_US ?
		    "month/day" : dc->order == CG_DATES_EU ? "day/month" :
		    "ISO");
	else if (dc->guessed)
		printf("%s, guessed at line %ld (no date could tell)\n",
		    dc->order == CG_DATES_US ? "month/day" : "day/month",
		    dc->guess_line);
	else
		printf("%s\n", dc->text_seen ? "ISO" : "none read");
}

/* The verdict: 0, or -1 with the reason the tool could not run. */
static int
verdict(const char *name, const struct seen *v, size_t n,
    const struct cg_row *hdr, const struct cg_run *run, const char *file,
    struct cg_err *err)
{
	size_t i, k, col;
	int group;

	for (i = 0; i < n; i++)
		if (v[i].need->need == 1 && v[i].how == CG_ROLE_NONE)
			return cg_role_require(hdr, run->cols, v[i].need->role,
			    file, &col, err);
	for (group = 2; group < 10; group++) {
		int members = 0, found = 0;
		char list[256] = "";

		for (i = 0; i < n; i++) {
			if (v[i].need->need != group)
				continue;
			members++;
			found |= v[i].how != CG_ROLE_NONE;
			k = strlen(list);
			snprintf(list + k, sizeof(list) - k, "%s%s",
			    k ? ", " : "", v[i].need->role);
		}
		if (members > 0 && !found)
			return cg_err_set(err, CG_EROLE, file, 0, 0, "cannot "
			    "run: %s needs a column for one of %s (use --col "
			    "ROLE=HEADER)", name, list);
	}
	return 0;
}

int
cg_inspect(const char *name, const struct cg_role_need *roles,
    const struct cg_run *run, struct cg_err *err)
{
	struct cg_reader_opts ro = cg_run_reader_opts(run, 0);
	struct cg_input *in;
	const struct cg_row *hdr, *row;
	struct seen *v;
	size_t n = 0, i;
	long rows = 0;
	int rc = -1;
	char file[512];

	while (roles != NULL && roles[n].role != NULL)
		n++;
	if ((in = cg_input_open(run->argc, run->argv, &ro, err)) == NULL)
		return -1;
	if (cg_input_header(in, &hdr, err) < 0)
		goto done;
	snprintf(file, sizeof(file), "%s", cg_reader_name(cg_input_reader(in)));
	v = cg_xcalloc(n ? n : 1, sizeof(*v));
	for (i = 0; i < n; i++) {
		v[i].need = &roles[i];
		cg_datecol_init(&v[i].dc, run->dates);
		if (cg_role_find_how(hdr, run->cols, roles[i].role, &v[i].col,
		    &v[i].how, err) < 0)
			goto free_v;
	}
	while ((rc = cg_input_next(in, &row, err)) > 0) {
		rows++;
		for (i = 0; i < n; i++)
			if (v[i].how != CG_ROLE_NONE)
				look(cg_input_reader(in), row, &v[i], run);
	}
	if (rc < 0)
		goto free_v;
	print_dialect(cg_input_reader(in), run, rows);
	for (i = 0; i < n; i++)
		print_dates(&v[i]);
	printf("\n%-15s %-20s %-7s %8s %11s  %s\n", "role", "column", "how",
	    "missing", "unreadable", "sample");
	for (i = 0; i < n; i++) {
		char col[24] = "-";

		if (v[i].how != CG_ROLE_NONE)
			keep_sample(col, 21, hdr->f[v[i].col],
			    hdr->len[v[i].col]);
		if (v[i].how == CG_ROLE_NONE)
			printf("%-15s -\n", roles[i].role);
		else
			printf("%-15s %-20s %-7s %8ld %11ld  %s\n",
			    roles[i].role, col, how_name(v[i].how),
			    v[i].missing, v[i].unreadable, v[i].sample);
	}
	rc = verdict(name, v, n, hdr, run, cg_reader_name(cg_input_reader(in)),
	    err);
	if (rc == 0)
		printf("\n%s can run on this input.\n", name);
	else
		printf("\n%s cannot run on this input (see below).\n", name);
free_v:
	free(v);
done:
	cg_input_free(in);
	(void)file;
	return rc < 0 ? -1 : 0;
}
