/* segv_blocked.c - a fault signal the process blocks or ignores kills it anyway. */
#include "ktap.h"

static void handler(int sig)
{
	_exit(3);
}

static pid_t child(int how, int sig)
{
	pid_t pid = fork();

	if (pid == 0) {
		sigset_t set;

		sigemptyset(&set);
		sigaddset(&set, sig);
		if (how == 0)
			sigprocmask(SIG_BLOCK, &set, NULL);
		else if (how == 1)
			signal(sig, SIG_IGN);
		else {
			signal(sig, handler);
			sigprocmask(SIG_BLOCK, &set, NULL);
		}
		if (sig == SIGSEGV)
			*(volatile char *)0 = 1;
		else
			asm volatile("ud2");
		_exit(0);
	}
	return pid;
}

int main(void)
{
	plan(5);
	want_status(child(0, SIGSEGV), "signal SIGSEGV", "blocked SIGSEGV: killed by SIGSEGV");
	want_status(child(1, SIGSEGV), "signal SIGSEGV", "ignored SIGSEGV: killed by SIGSEGV");
	want_status(child(2, SIGSEGV), "signal SIGSEGV", "blocked with a handler: killed, no handler");
	want_status(child(0, SIGILL), "signal SIGILL", "blocked SIGILL (ud2): killed by SIGILL");
	want_status(child(1, SIGILL), "signal SIGILL", "ignored SIGILL: killed by SIGILL");
	return done();
}
