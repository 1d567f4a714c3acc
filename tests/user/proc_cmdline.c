/*
 * proc_cmdline.c - /proc/<pid>/cmdline and environ: argv's and envp's
 * bytes as they are in the process's memory now (a write into argv
 * shows), whole or read in pieces; a child's; an exiting child's, once
 * its memory is gone (empty, and no Vm lines in its status), then ESRCH
 * once it is reaped.
 */
#include <fcntl.h>
#include "ktap.h"

extern char **environ;

static char got[4096], want[4096];

/* Read fd to its end, piece bytes per read(); the count, or -1. */
static int slurp_fd(int fd, char *buf, int piece)
{
	int n, len = 0;

	while ((n = read(fd, buf + len, piece)) > 0 && len + n + piece < (int)sizeof(got))
		len += n;
	if (n > 0)
		len += n;
	return n < 0 ? -1 : len;
}

static int slurp(const char *path, char *buf, int piece)
{
	int fd = open(path, O_RDONLY), len;

	if (fd < 0)
		return -1;
	len = slurp_fd(fd, buf, piece);
	close(fd);
	return len;
}

/* The strings of v, each with its NUL, one after the other; their length. */
static int joined(char **v, char *out)
{
	int len = 0;

	for (; *v; v++) {
		memcpy(out + len, *v, strlen(*v) + 1);
		len += strlen(*v) + 1;
	}
	return len;
}

static int same(int got_len, int want_len)
{
	if (got_len != want_len)
		diag("%d bytes, want %d", got_len, want_len);
	return got_len == want_len && !memcmp(got, want, want_len);
}

int main(int argc, char **argv)
{
	char path[64], *args[] = { argv[0], "one", "two words", "", "last", NULL };
	char *envp[] = { "A=1", "EMPTY=", "LONG=0123456789", NULL };
	int go[2], dead[2], fd_cmdline, fd_maps, n;
	pid_t pid;

	if (argc == 1) {
		execve("/t/proc_cmdline", args, envp);	/* init's path for us */
		diag("execve: %s", errname(errno));
		return 1;
	}
	plan(11);
	ok(same(slurp("/proc/self/cmdline", got, sizeof(got)), joined(argv, want)),
	   "cmdline: argv, each NUL-terminated");
	ok(same(slurp("/proc/self/environ", got, sizeof(got)), joined(environ, want)),
	   "environ: envp, each NUL-terminated");
	ok(same(slurp("/proc/self/cmdline", got, 3), joined(argv, want)),
	   "cmdline read 3 bytes at a time");
	argv[1][0] = 'X';
	n = slurp("/proc/self/cmdline", got, sizeof(got));
	ok(same(n, joined(argv, want)) && !strcmp(got + strlen(argv[0]) + 1, "Xne"),
	   "a write into argv shows in cmdline");

	if (pipe(go) || pipe(dead))
		return 1;
	pid = fork();
	if (pid == 0) {
		char c;

		close(go[1]);
		close(dead[0]);
		_exit(read(go[0], &c, 1) == 1 ? 0 : 1);
	}
	close(go[0]);
	close(dead[1]);
	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	ok(same(slurp(path, got, sizeof(got)), joined(argv, want)),
	   "a child's cmdline: its copy of our memory");
	fd_cmdline = open(path, O_RDONLY);
	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	fd_maps = open(path, O_RDONLY);
	ok(fd_cmdline >= 0 && fd_maps >= 0, "the child's cmdline and maps open");
	/*
	 * Its exit closes dead's write end after its address space is gone
	 * (exit_mm before exit_files); it may not be a zombie yet.
	 */
	n = write(go[1], "x", 1);
	n = read(dead[0], got, 1);
	ok_eq(slurp_fd(fd_cmdline, got, sizeof(got)), 0, "an exiting child's cmdline is empty");
	ok_eq(slurp_fd(fd_maps, got, sizeof(got)), 0, "its maps is empty");
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	n = slurp(path, got, sizeof(got) - 1);
	got[n > 0 ? n : 0] = 0;
	ok(n > 0 && !strncmp(got, "Name:\tproc_cmdline\n", 19) && !strstr(got, "\nVm"),
	   "its status: no Vm lines");
	want_status(pid, "exit 0", "the child exited");
	lseek(fd_cmdline, 0, SEEK_SET);
	ok_errno(read(fd_cmdline, got, sizeof(got)), ESRCH, "once reaped, its cmdline: ESRCH");
	close(fd_cmdline);
	close(fd_maps);
	return done();
}
