/* exec_gone.c - execve replaces the whole address space: the old mappings are gone. */
#include <stdio.h>
#include <sys/mman.h>
#include "ktap.h"

#define FIXED 0x50000000UL

int main(void)
{
	char arg[32], *envp[] = { NULL };
	char *p;
	pid_t pid;

	plan(3);
	p = mmap((void *)FIXED, 16 * PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	ok(p == (void *)FIXED, "a mapping at a fixed address");
	memset(p, 1, 16 * PAGE);
	snprintf(arg, sizeof(arg), "%lx", FIXED + 8 * PAGE);
	pid = fork();
	if (pid == 0) {
		char *argv[] = { "checkgone", arg, NULL };
		execve("/bin/checkgone", argv, envp);
		_exit(127);
	}
	want_status(pid, "exit 0", "the new image finds nothing mapped there");
	pid = fork();
	if (pid == 0) {
		char *argv[] = { "checkgone", arg, NULL };
		mmap((void *)FIXED, 16 * PAGE, PROT_READ, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		execve("/bin/checkgone", argv, envp);
		_exit(127);
	}
	want_status(pid, "exit 0", "nor after a shared mapping there");
	return done();
}
