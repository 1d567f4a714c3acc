/* vfork.c - vfork: the child borrows the parent's memory until it execs or exits. */
#include "ktap.h"

static volatile int shared_var;

int main(void)
{
	char *argv[] = { "exit0", NULL }, *envp[] = { NULL };
	pid_t pid;

	plan(4);
	shared_var = 1;
	pid = vfork();
	if (pid == 0) {
		shared_var = 2;		/* the parent's memory: it sees this */
		_exit(7);
	}
	ok_eq(shared_var, 2, "the vfork child's write is the parent's memory");
	want_status(pid, "exit 7", "the child's _exit status");
	pid = vfork();
	if (pid == 0) {
		execve("/bin/exit0", argv, envp);
		_exit(127);
	}
	want_status(pid, "exit 0", "vfork then execve /bin/exit0");
	pid = vfork();
	if (pid == 0) {
		execve("/nonexistent", argv, envp);
		_exit(errno == ENOENT ? 3 : 4);
	}
	want_status(pid, "exit 3", "a failed execve leaves the vfork child running: ENOENT");
	return done();
}
