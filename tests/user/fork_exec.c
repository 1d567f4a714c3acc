/* fork_exec.c - exec after fork: the child's new image, the parent's memory untouched. */
#include <sys/mman.h>
#include "ktap.h"

int main(void)
{
	char *argv[] = { "exit0", NULL }, *envp[] = { NULL };
	char *p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	pid_t pid;

	plan(3);
	memset(p, 'p', 4 * PAGE);
	pid = fork();
	if (pid == 0) {
		p[0] = 'c';		/* a COW fault, then exec throws the copy away */
		execve("/bin/exit0", argv, envp);
		_exit(127);
	}
	want_status(pid, "exit 0", "fork, write, execve /bin/exit0");
	ok(p[0] == 'p' && p[4 * PAGE - 1] == 'p', "the parent's pages are its own");
	for (int i = 0; i < 10; i++) {
		pid = fork();
		if (pid == 0) {
			execve("/bin/exit0", argv, envp);
			_exit(127);
		}
		if (child_status(pid) != 0)
			break;
		if (i == 9)
			pid = 0;
	}
	ok_eq(pid, 0, "ten more fork+execve in a row");
	return done();
}
