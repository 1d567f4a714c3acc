/*
 * exec_thread.c - execve from a thread that is not the leader: the other
 * threads die, the caller takes over the process's pid, parent and
 * children, and the parent reaps one child with the pid fork gave it.
 */
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include "ktap.h"

static char pid_s[16], ppid_s[16];
static volatile int spinner_ran;

static void *spin(void *arg)
{
	for (;;)
		spinner_ran = 1;
	return arg;
}

static void *exec_it(void *arg)
{
	char *argv[] = { "checkpid", pid_s, ppid_s, NULL }, *envp[] = { NULL };

	execve("/bin/checkpid", argv, envp);
	_exit(20);		/* exec failed */
}

int main(void)
{
	pthread_t a, b;
	pid_t pid;
	int status;

	plan(4);
	pid = fork();
	if (pid == 0) {
		snprintf(pid_s, sizeof(pid_s), "%d", getpid());
		snprintf(ppid_s, sizeof(ppid_s), "%d", getppid());
		if (pthread_create(&a, NULL, spin, NULL) || pthread_create(&b, NULL, exec_it, NULL))
			_exit(21);
		pthread_join(b, NULL);	/* never returns: exec kills this thread */
		_exit(22);
	}
	ok(pid > 0, "fork");
	want_status(pid, "exit 0", "a thread's execve: the new image has the process's pid, "
		    "no other thread, and the same parent");
	ok_errno(waitpid(-1, &status, WNOHANG), ECHILD, "no other child to reap");

	/* The same from a thread of this very process would end the test: done in a child above. */
	pid = fork();
	if (pid == 0) {
		snprintf(pid_s, sizeof(pid_s), "%d", getpid());
		snprintf(ppid_s, sizeof(ppid_s), "%d", getppid());
		if (pthread_create(&b, NULL, exec_it, NULL))
			_exit(21);
		pause();	/* the leader sleeps: it is killed, not exiting on its own */
		_exit(22);
	}
	want_status(pid, "exit 0", "the same with the leader asleep in pause()");
	return done();
}
