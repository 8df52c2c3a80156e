/*
 * fuzz.h - what the libFuzzer targets share: fuzz bytes as a file the
 * library can open, stdout sent to /dev/null, no user configuration.
 * Header-only, so each target is one program built from one file.
 */
#ifndef CG_FUZZ_H
#define CG_FUZZ_H

#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/*
 * Once per process: stdout goes to /dev/null (tools write to fd 1 and
 * some close stdout; a fresh stream is made per run), and the config
 * search finds nothing, so a developer's own config cannot steer a run.
 */
static __attribute__((unused)) void
fuzz_setup(void)
{
	int fd = open("/dev/null", O_WRONLY);

	if (fd < 0 || dup2(fd, 1) < 0)
		abort();
	close(fd);
	unsetenv("CLIENTGRADE_CONFIG");
	setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
	setenv("HOME", "/nonexistent", 1);
}

/* Make sure fd 1 and stdout are usable again (cg_close_stdout closes). */
static __attribute__((unused)) void
fuzz_stdout(void)
{
	int fd;

	if (fcntl(1, F_GETFD) < 0) {
		if ((fd = open("/dev/null", O_WRONLY)) < 0)
			abort();
		if (fd != 1) {
			dup2(fd, 1);
			close(fd);
		}
	}
}

/*
 * A memory file holding data[0..n), at offset 0. The caller closes it.
 * Its path for tools that take operands: /proc/self/fd/N (fuzz_path).
 */
static __attribute__((unused)) int
fuzz_memfd(const unsigned char *data, size_t n)
{
	int fd = memfd_create("fuzz", 0);
	size_t off = 0;
	ssize_t w;

	if (fd < 0)
		abort();
	while (off < n) {
		if ((w = write(fd, data + off, n - off)) <= 0)
			abort();
		off += (size_t)w;
	}
	lseek(fd, 0, SEEK_SET);
	return fd;
}

static __attribute__((unused)) void
fuzz_path(char *buf, size_t cap, int fd)
{
	snprintf(buf, cap, "/proc/self/fd/%d", fd);
}

/* A file that lives for the whole process (configs the targets use). */
static __attribute__((unused)) const char *
fuzz_tmpfile(const char *text)
{
	char tmpl[] = "/tmp/cgfuzz.XXXXXX";
	int fd = mkstemp(tmpl);
	size_t n = strlen(text);

	if (fd < 0 || write(fd, text, n) != (ssize_t)n)
		abort();
	close(fd);
	return strdup(tmpl);
}

#endif
