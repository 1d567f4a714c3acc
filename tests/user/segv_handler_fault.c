/* segv_handler_fault.c - a fault inside the SIGSEGV handler kills the process (force_sig). */
#include <sys/mman.h>
#include "ktap.h"

static volatile int entered;

static void handler(int sig)
{
	entered++;
	*(volatile char *)4 = 1;	/* SIGSEGV again, blocked while the handler runs */
}

static void bus_handler(int sig)
{
	*(volatile char *)8 = 1;	/* SIGSEGV inside a SIGBUS handler: not blocked */
}

static void segv_exit(int sig)
{
	_exit(entered == 0 ? 42 : 43);
}

int main(void)
{
	pid_t pid;

	plan(3);
	pid = fork();
	if (pid == 0) {
		signal(SIGSEGV, handler);
		*(volatile char *)0 = 1;
		_exit(0);
	}
	want_status(pid, "signal SIGSEGV", "a fault in the SIGSEGV handler kills with SIGSEGV");

	pid = fork();
	if (pid == 0) {
		struct sigaction sa = { .sa_handler = handler, .sa_flags = SA_NODEFER | SA_RESETHAND };
		sigaction(SIGSEGV, &sa, NULL);
		*(volatile char *)0 = 1;
		_exit(0);
	}
	want_status(pid, "signal SIGSEGV",
		    "with SA_NODEFER|SA_RESETHAND the second fault takes the default action");

	pid = fork();
	if (pid == 0) {
		signal(SIGSEGV, segv_exit);
		signal(SIGBUS, bus_handler);
		raise(SIGBUS);
		_exit(0);
	}
	want_status(pid, "exit 42", "a SIGSEGV in a SIGBUS handler reaches the SIGSEGV handler");
	return done();
}
