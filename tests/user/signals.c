/* signals.c - signal basics: handlers, masks, pending, SIG_IGN, kill errors, SIGCHLD, sigsuspend. */
#include "ktap.h"

static volatile int got_usr1, got_chld, chld_code;

static void on_usr1(int sig)
{
	got_usr1++;
}

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	got_chld++;
	chld_code = si->si_code;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	sigset_t set, pending, old;
	pid_t pid;

	plan(13);
	ok_sys(sigaction(SIGUSR1, &sa, NULL), "sigaction(SIGUSR1)");
	raise(SIGUSR1);
	ok_eq(got_usr1, 1, "raise runs the handler");
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	kill(getpid(), SIGUSR1);
	ok_eq(got_usr1, 1, "blocked: not delivered");
	sigpending(&pending);
	ok(sigismember(&pending, SIGUSR1), "but pending");
	sigprocmask(SIG_SETMASK, &old, NULL);
	ok_eq(got_usr1, 2, "delivered when unblocked");
	signal(SIGUSR1, SIG_IGN);
	raise(SIGUSR1);
	ok_eq(got_usr1, 2, "SIG_IGN: ignored");
	ok_sys(kill(getpid(), 0), "kill(self, 0) checks existence");
	ok_errno(kill(99999, SIGUSR1), ESRCH, "kill of no process: ESRCH");
	ok_errno(kill(getpid(), 1000), EINVAL, "kill with signal 1000: EINVAL");
	sa.sa_handler = on_usr1;
	ok_errno(sigaction(SIGKILL, &sa, NULL), EINVAL, "a handler for SIGKILL: EINVAL");

	struct sigaction sc = { .sa_sigaction = on_chld, .sa_flags = SA_SIGINFO };
	sigaction(SIGCHLD, &sc, NULL);
	sigprocmask(SIG_BLOCK, &(sigset_t){ 0 }, &old);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, &old);
	pid = fork();
	if (pid == 0)
		_exit(5);
	sigsuspend(&old);			/* returns after the SIGCHLD handler */
	ok(got_chld == 1 && chld_code == CLD_EXITED, "SIGCHLD with CLD_EXITED, waited for by sigsuspend");
	sigprocmask(SIG_SETMASK, &old, NULL);
	want_status(pid, "exit 5", "the child's status");
	pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	kill(pid, SIGTERM);
	want_status(pid, "signal SIGTERM", "SIGTERM's default action kills a paused child");
	return done();
}
