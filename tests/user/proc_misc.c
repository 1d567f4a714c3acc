/* proc_misc.c - /proc/self is us; /proc/self/cmdline and /proc/self/stat. */
#include <fcntl.h>
#include <stdio.h>
#include "ktap.h"

int main(int argc, char **argv)
{
	char buf[1024], link[64], want[64], comm[64], state;
	int len, pid, ppid;
	ssize_t n;

	plan(6);
	n = readlink("/proc/self", link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = 0;
	snprintf(want, sizeof(want), "%d", getpid());
	ok(n > 0 && !strcmp(link, want), "/proc/self links to our pid");
	len = read_file("/proc/self/cmdline", buf, sizeof(buf));
	ok(len == (int)strlen(argv[0]) + 1 && !strcmp(buf, argv[0]),
	   "/proc/self/cmdline is argv, NUL-terminated");
	len = read_file("/proc/self/stat", buf, sizeof(buf));
	ok(len > 0 && sscanf(buf, "%d %63s %c %d", &pid, comm, &state, &ppid) == 4,
	   "/proc/self/stat parses");
	ok(pid == getpid() && ppid == getppid(), "pid and ppid are ours");
	ok(!strcmp(comm, "(proc_misc)"), "comm is (proc_misc)");
	ok_eq(state, 'R', "state R");
	return done();
}
