/*
 * test_csv.c - the reader and writer, fed at every buffer size.
 *
 * Each case is input bytes, the fields we expect (rows joined by '\n',
 * fields by '|', for readability) and the bytes written back when every
 * record gets one appended field "X". Every case runs with read buffers
 * of 1 byte up to the input's length, so every boundary is crossed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clientgrade/buf.h"
#include "clientgrade/csv.h"

struct rcase {
	const char *name;
	const char *in;
	size_t inlen;		/* 0: strlen */
	const char *fields;	/* rows '\n', fields '|' (header first) */
	const char *out;	/* with ",X" (dialect delimiter) appended */
};

#define BOM "\xEF\xBB\xBF"

static const struct rcase cases[] = {
	{ "a plain file keeps its bytes", "a,b\n1,2\n", 0,
	  "a|b\n1|2", "a,b,X\n1,2,X\n" },
	{ "crlf line ends come back as crlf", "a,b\r\n1,2\r\n", 0,
	  "a|b\n1|2", "a,b,X\r\n1,2,X\r\n" },
	{ "a bom is kept", BOM "a;b\r\n1,5;2\r\n", 0,
	  "a|b\n1,5|2", BOM "a;b;X\r\n1,5;2;X\r\n" },
	{ "quoted delimiters, quotes and newlines pass through",
	  "n,v\n\"Fabrikam, Inc.\",\"say \"\"hi\"\"\"\n\"two\nlines\",x\n",
	  0, "n|v\nFabrikam, Inc.|say \"hi\"\ntwo\nlines|x",
	  "n,v,X\n\"Fabrikam, Inc.\",\"say \"\"hi\"\"\",X\n"
	  "\"two\nlines\",x,X\n" },
	{ "needless quotes are kept as they were", "a,b\n\"1\",\"x\"\n", 0,
	  "a|b\n1|x", "a,b,X\n\"1\",\"x\",X\n" },
	{ "a header of quoted fields makes new fields quoted",
	  "\"a\",\"b\"\n\"1\",\"2\"\n", 0, "a|b\n1|2",
	  "\"a\",\"b\",\"X\"\n\"1\",\"2\",\"X\"\n" },
	{ "tabs are sniffed", "a\tb\n1 2\t3\n", 0, "a|b\n1 2|3",
	  "a\tb\tX\n1 2\t3\tX\n" },
	{ "pipes are sniffed", "a|b|c\n1|2|3\n", 0, "a|b|c\n1|2|3",
	  "a|b|c|X\n1|2|3|X\n" },
	{ "blanks around fields are kept", "a,b\n 1 , 2\n", 0,
	  "a|b\n 1 | 2", "a,b,X\n 1 , 2,X\n" },
	{ "a last line without a newline gets one", "a,b\n1,2", 0,
	  "a|b\n1|2", "a,b,X\n1,2,X\n" },
	{ "blank lines are skipped", "a,b\n\n1,2\n\n", 0, "a|b\n1|2",
	  "a,b,X\n1,2,X\n" },
	{ "empty fields stay empty", "a,b,c\n,,\n", 0, "a|b|c\n||",
	  "a,b,c,X\n,,,X\n" },
	{ "a stray quote inside a field is a character", "a,b\n5\" tall,2\n",
	  0, "a|b\n5\" tall|2", "a,b,X\n5\" tall,2,X\n" },
	{ "crlf inside quotes stays inside the field",
	  "a,b\r\n\"x\r\ny\",2\r\n", 0, "a|b\nx\r\ny|2",
	  "a,b,X\r\n\"x\r\ny\",2,X\r\n" },
	{ "old mac line ends are records too, and come back as CR",
	  "a,b\r1,2\r", 0, "a|b\n1|2", "a,b,X\r1,2,X\r" },
	{ "a quoted CR in a CR file stays in the field",
	  "a,b\r\"x\ry\",2\r", 0, "a|b\nx\ry|2", "a,b,X\r\"x\ry\",2,X\r" },
	{ "a sep= line names the delimiter and is written back",
	  "sep=;\r\na;b\r\n1,5;2\r\n", 0, "a|b\n1,5|2",
	  "sep=;\r\na;b;X\r\n1,5;2;X\r\n" },
	{ "sep=, wins over the sniffed delimiter", "sep=,\na;b,c\n1;2,3\n",
	  0, "a;b|c\n1;2|3", "sep=,\na;b,c,X\n1;2,3,X\n" },
	{ "a bom after blank lines is still a bom", "\n\r\n" BOM "a,b\n1,2\n",
	  0, "a|b\n1|2", BOM "a,b,X\n1,2,X\n" },
	{ "plain lines around a quoted record spanning lines",
	  "a,b\r\n1,2\r\n\"x\r\n\r\ny\",3\r\n\r\n4,\r\n", 0,
	  "a|b\n1|2\nx\r\n\r\ny|3\n4|",
	  "a,b,X\r\n1,2,X\r\n\"x\r\n\r\ny\",3,X\r\n4,,X\r\n" },
	{ "utf-8 passes through", "name,v\nMüller GmbH,\"€1.234,50\"\n", 0,
	  "name|v\nMüller GmbH|€1.234,50",
	  "name,v,X\nMüller GmbH,\"€1.234,50\",X\n" },
};

static int
open_bytes(const char *s, size_t n)
{
	char path[] = "/tmp/cgtest.XXXXXX";
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	unlink(path);
	assert_int_equal(write(fd, s, n), (ssize_t)n);
	lseek(fd, 0, SEEK_SET);
	return fd;
}

/* Read everything; fields into `got`, output (",X" appended) into out. */
static int
run(const char *in, size_t n, size_t bufsize, struct cg_buf *got,
    struct cg_buf *out, struct cg_err *err)
{
	struct cg_reader_opts o;
	struct cg_reader *r;
	struct cg_writer *w;
	const struct cg_row *row;
	struct cg_put put;
	int fd = open_bytes(in, n), outfd, rc;
	char path[] = "/tmp/cgout.XXXXXX";
	char tmp[4096];
	ssize_t k;
	size_t i;

	memset(&o, 0, sizeof(o));
	o.bufsize = bufsize;
	outfd = mkstemp(path);
	unlink(path);
	r = cg_reader_open(fd, "in.csv", &o, err);
	assert_non_null(r);
	rc = cg_reader_header(r, &row, err);
	w = cg_writer_new(outfd, "out", cg_reader_dialect(r));
	while (rc > 0) {
		for (i = 0; i < row->n; i++) {
			if (i > 0)
				cg_buf_addc(got, '|');
			cg_buf_add(got, row->f[i], row->len[i]);
		}
		put.col = row->n;
		put.s = "X";
		put.n = 1;
		assert_int_equal(cg_writer_row(w, row, &put, 1, err), 0);
		rc = cg_reader_next(r, &row, err);
		if (rc > 0)
			cg_buf_addc(got, '\n');
	}
	assert_int_equal(cg_writer_close(w, err), 0);
	lseek(outfd, 0, SEEK_SET);
	while ((k = read(outfd, tmp, sizeof(tmp))) > 0)
		cg_buf_add(out, tmp, (size_t)k);
	close(outfd);
	cg_reader_free(r);
	close(fd);
	return rc;
}

static void
test_every_case_at_every_buffer_size(void **state)
{
	size_t c, bs;

	(void)state;
	for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		const struct rcase *k = &cases[c];
		size_t n = k->inlen ? k->inlen : strlen(k->in);

		for (bs = 0; bs <= n + 1; bs++) {
			struct cg_buf got = CG_BUF_INIT, out = CG_BUF_INIT;
			struct cg_err err;
			int rc = run(k->in, n, bs, &got, &out, &err);

			if (rc < 0)
				fail_msg("%s (buffer %zu): %s", k->name, bs,
				    err.msg);
			if (k->fields != NULL && strcmp(got.s ? got.s : "",
			    k->fields) != 0)
				fail_msg("%s (buffer %zu): fields\n%s\nwant\n%s",
				    k->name, bs, got.s, k->fields);
			if (k->out != NULL && (out.len != strlen(k->out) ||
			    memcmp(out.s, k->out, out.len) != 0))
				fail_msg("%s (buffer %zu): output\n%.*s\nwant\n%s",
				    k->name, bs, (int)out.len, out.s, k->out);
			cg_buf_free(&got);
			cg_buf_free(&out);
		}
	}
}

struct ecase {
	const char *name;
	const char *in;
	enum cg_code code;
	long line, col;
	const char *msg;
};

static const struct ecase ecases[] = {
	{ "a record with too many fields names the first extra one",
	  "a,b\n1,2\n1,2,3\n", CG_ERAGGED, 3, 5,
	  "record has 3 fields, header has 2" },
	{ "a record with too few fields points past its end",
	  "a,b,c\n1,2\n", CG_ERAGGED, 2, 4,
	  "record has 2 fields, header has 3" },
	{ "an unterminated quote names where it opened",
	  "a,b\n1,\"open\n2,3\n", CG_EQUOTE, 2, 3,
	  "unterminated quoted field (opened here, still open at end of "
	  "input)" },
	{ "a byte after a closing quote is an error at that byte",
	  "a,b\n\"x\" ,2\n3,\"4\"\n", CG_EPARSE, 2, 4,
	  "' ' after a closing quote (a quoted field must end at the "
	  "delimiter)" },
	{ "a stray byte after a quoted line break is placed on its line",
	  "a,b\n1,\"x\ny\"z\n", CG_EPARSE, 3, 3,
	  "'z' after a closing quote (a quoted field must end at the "
	  "delimiter)" },
	{ "columns count characters, not bytes",
	  "a,b\nMüller,2,3\n", CG_ERAGGED, 2, 10,
	  "record has 3 fields, header has 2" },
};

static void
test_malformed_input_is_an_error_with_its_place(void **state)
{
	size_t c, bs;

	(void)state;
	for (c = 0; c < sizeof(ecases) / sizeof(ecases[0]); c++) {
		const struct ecase *k = &ecases[c];
		size_t n = strlen(k->in);

		for (bs = 0; bs <= n + 1; bs++) {
			struct cg_buf got = CG_BUF_INIT, out = CG_BUF_INIT;
			struct cg_err err;
			int rc = run(k->in, n, bs, &got, &out, &err);

			if (rc >= 0)
				fail_msg("%s (buffer %zu): no error", k->name,
				    bs);
			if (err.code != k->code || err.line != k->line ||
			    err.col != k->col || strcmp(err.msg, k->msg) != 0)
				fail_msg("%s (buffer %zu): got %d %ld:%ld %s",
				    k->name, bs, err.code, err.line, err.col,
				    err.msg);
			cg_buf_free(&got);
			cg_buf_free(&out);
		}
	}
}

static void
test_replacing_a_field_keeps_the_others_bytes(void **state)
{
	const char *in = "g,n\n\"B\",\"x, y\"\n";
	struct cg_reader *r;
	struct cg_writer *w;
	const struct cg_row *row;
	struct cg_put put = { 0, "A", 1 };
	struct cg_err err;
	int fd = open_bytes(in, strlen(in)), outfd;
	char path[] = "/tmp/cgout.XXXXXX", buf[256];
	ssize_t k;

	(void)state;
	outfd = mkstemp(path);
	unlink(path);
	r = cg_reader_open(fd, "in", NULL, &err);
	assert_int_equal(cg_reader_header(r, &row, &err), 1);
	w = cg_writer_new(outfd, "out", cg_reader_dialect(r));
	assert_int_equal(cg_writer_row(w, row, NULL, 0, &err), 0);
	assert_int_equal(cg_reader_next(r, &row, &err), 1);
	assert_int_equal(cg_writer_row(w, row, &put, 1, &err), 0);
	assert_int_equal(cg_writer_close(w, &err), 0);
	lseek(outfd, 0, SEEK_SET);
	k = read(outfd, buf, sizeof(buf) - 1);
	buf[k > 0 ? k : 0] = '\0';
	assert_string_equal(buf, "g,n\nA,\"x, y\"\n");
	cg_reader_free(r);
	close(fd);
	close(outfd);
}

static void
test_rewind_reads_the_data_again_from_a_pipe(void **state)
{
	const char *in = BOM "a,b\r\n1,2\r\n3,4\r\n";
	struct cg_reader_opts o = { 0 };
	struct cg_reader *r;
	const struct cg_row *row;
	struct cg_err err;
	int p[2], pass, n;

	(void)state;
	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], in, strlen(in)), (ssize_t)strlen(in));
	close(p[1]);
	o.rewindable = 1;
	o.bufsize = 3;
	r = cg_reader_open(p[0], "<stdin>", &o, &err);
	assert_non_null(r);
	assert_int_equal(cg_reader_header(r, &row, &err), 1);
	for (pass = 0; pass < 2; pass++) {
		n = 0;
		while (cg_reader_next(r, &row, &err) > 0) {
			n++;
			assert_int_equal(row->line, n + 1);
			assert_int_equal(row->index, n);
		}
		assert_int_equal(n, 2);
		assert_string_equal(row->f[0], "3");
		if (pass == 0)
			assert_int_equal(cg_reader_rewind(r, &err), 0);
	}
	cg_reader_free(r);
	close(p[0]);
}

static void
test_empty_input_and_bom_only_have_no_header(void **state)
{
	const char *ins[] = { "", BOM, "\n\n" };
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		struct cg_err err;
		const struct cg_row *row;
		int fd = open_bytes(ins[i], strlen(ins[i]));
		struct cg_reader *r = cg_reader_open(fd, "e", NULL, &err);

		assert_int_equal(cg_reader_header(r, &row, &err), 0);
		assert_int_equal(cg_reader_next(r, &row, &err), 0);
		cg_reader_free(r);
		close(fd);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_case_at_every_buffer_size),
		cmocka_unit_test(test_malformed_input_is_an_error_with_its_place),
		cmocka_unit_test(test_replacing_a_field_keeps_the_others_bytes),
		cmocka_unit_test(test_rewind_reads_the_data_again_from_a_pipe),
		cmocka_unit_test(test_empty_input_and_bom_only_have_no_header),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
