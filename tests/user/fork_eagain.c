/*
 * fork_eagain.c - as a user with RLIMIT_NPROC 10, fork until EAGAIN, then
 * reap every child. (root is exempt from RLIMIT_NPROC: the test runs in a
 * child that becomes uid 65534 first.)
 */
#include <sys/resource.h>
#include "ktap.h"

#define LIMIT 10

static int run_as_nobody(void)
{
	struct rlimit rl = { LIMIT, LIMIT };
	int gate[2], forked = 0, reaped = 0, status, err = 0;
	pid_t pid;

	if (setgid(65534) || setuid(65534) || setrlimit(RLIMIT_NPROC, &rl) || pipe(gate))
		return 10;
	for (int i = 0; i < 2 * LIMIT; i++) {
		pid = fork();
		if (pid == 0) {
			char c;
			close(gate[1]);
			read(gate[0], &c, 1);		/* until the parent closes the gate */
			_exit(0);
		}
		if (pid < 0) {
			err = errno;
			break;
		}
		forked++;
	}
	close(gate[1]);
	while ((pid = wait(&status)) > 0)
		reaped += status == 0;
	if (err != EAGAIN)
		return 11;
	if (forked != LIMIT - 1)
		return 20 + forked;
	if (reaped != forked || errno != ECHILD)
		return 12;
	pid = fork();			/* the count went down: fork works again */
	if (pid == 0)
		_exit(0);
	return pid > 0 && child_status(pid) == 0 ? 0 : 13;
}

int main(void)
{
	pid_t pid;

	plan(2);
	pid = fork();
	if (pid == 0)
		_exit(run_as_nobody());
	want_status(pid, "exit 0", "uid 65534, RLIMIT_NPROC 10: 9 forks, then EAGAIN, all reaped, fork again");
	ok_errno(wait(NULL), ECHILD, "nothing left");
	return done();
}
