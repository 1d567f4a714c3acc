/* fork_fds.c - descriptors across fork (shared offsets) and execve (FD_CLOEXEC closed, others kept). */
#include <fcntl.h>
#include <stdio.h>
#include "ktap.h"

int main(void)
{
	int fd = open("/tmp/fork_fds", O_RDWR | O_CREAT | O_TRUNC, 0600), cloexec;
	char a[8], b[8], *envp[] = { NULL };
	pid_t pid;

	plan(4);
	write(fd, "inherited", 9);
	lseek(fd, 0, SEEK_SET);
	pid = fork();
	if (pid == 0)
		_exit(lseek(fd, 5, SEEK_SET) == 5 ? 0 : 1);
	want_status(pid, "exit 0", "the child moves the shared offset");
	ok_eq(lseek(fd, 0, SEEK_CUR), 5, "the parent sees it moved");
	cloexec = open("/tmp/fork_fds", O_RDONLY | O_CLOEXEC);
	snprintf(a, sizeof(a), "%d", fd);
	snprintf(b, sizeof(b), "%d", cloexec);
	pid = fork();
	if (pid == 0) {
		char *argv[] = { "checkfd", a, b, NULL };
		execve("/bin/checkfd", argv, envp);
		_exit(127);
	}
	want_status(pid, "exit 0", "after execve the plain descriptor is open, the O_CLOEXEC one closed");
	ok(fcntl(cloexec, F_GETFD) == FD_CLOEXEC, "the parent's O_CLOEXEC descriptor is untouched");
	close(fd);
	close(cloexec);
	unlink("/tmp/fork_fds");
	return done();
}
