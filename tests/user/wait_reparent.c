/* wait_reparent.c - wait4 variants, exit codes, abort, and orphans adopted by init. */
#include <sys/resource.h>
#include "ktap.h"

int main(void)
{
	int fds[2], status;
	char c;
	pid_t pid, got;

	plan(8);
	pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	ok_eq(waitpid(pid, &status, WNOHANG), 0, "WNOHANG with a live child returns 0");
	kill(pid, SIGKILL);
	want_status(pid, "signal SIGKILL", "SIGKILL");
	pid = fork();
	if (pid == 0)
		_exit(255);
	want_status(pid, "exit 255", "exit status 255");
	pid = fork();
	if (pid == 0)
		abort();
	want_status(pid, "signal SIGABRT", "abort(): SIGABRT");
	ok_errno(waitpid(getpid() + 100000, &status, 0), ECHILD, "waiting for no child of ours: ECHILD");

	/* An orphan: the child exits at once, the grandchild is adopted by init. */
	pipe(fds);
	pid = fork();
	if (pid == 0) {
		if (fork() == 0) {
			pid_t parent = 0;
			close(fds[0]);
			for (int i = 0; i < 1000 && (parent = getppid()) != 1; i++)
				usleep(1000);
			c = getppid() == 1 ? 'y' : 'n';
			write(fds[1], &c, 1);
			_exit(0);
		}
		_exit(0);
	}
	close(fds[1]);
	want_status(pid, "exit 0", "the middle process exits");
	ok(read(fds[0], &c, 1) == 1 && c == 'y', "the orphan's parent becomes init (pid 1)");
	struct rusage ru;
	got = wait4(-1, &status, WNOHANG, &ru);
	ok(got == -1 && errno == ECHILD, "the orphan is not ours to wait for");
	return done();
}
