/*
 * kill_perm.c - uid 65534's signals reach its own user's processes and
 * not root's (EPERM, for signal 0 too), SIGCONT reaches the session; a
 * signal's si_uid is the sender's real uid.
 */
#include <signal.h>
#include "ktap.h"

static volatile int got_uid = -1;

static void handler(int sig, siginfo_t *si, void *uc)
{
	got_uid = si->si_uid;
}

static int become_nobody(void)
{
	return setgid(65534) || setuid(65534);
}

/* The sender, as uid 65534: a code per check that fails. */
static int as_nobody(pid_t root_pid, pid_t nobody_pid)
{
	if (become_nobody())
		return 10;
	if (kill(root_pid, 0) != -1 || errno != EPERM)
		return 11;
	if (kill(1, 0) != -1 || errno != EPERM)
		return 12;
	if (kill(nobody_pid, 0) != 0)
		return 13;
	if (kill(getppid(), SIGCONT) != 0)
		return 14;
	if (kill(nobody_pid, SIGUSR1) != 0)
		return 15;
	return 0;
}

int main(void)
{
	struct sigaction sa;
	sigset_t usr1, none;
	pid_t root_pid, nobody_pid, sender;
	int gate[2], ready[2];
	char c;

	plan(4);
	pipe(gate);
	pipe(ready);
	root_pid = fork();
	if (root_pid == 0) {
		close(gate[1]);
		read(gate[0], &c, 1);
		_exit(0);
	}
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	nobody_pid = fork();
	if (nobody_pid == 0) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_sigaction = handler;
		sa.sa_flags = SA_SIGINFO;
		sigaction(SIGUSR1, &sa, NULL);
		if (become_nobody())
			_exit(10);
		write(ready[1], "r", 1);
		sigemptyset(&none);
		while (got_uid == -1)
			sigsuspend(&none);
		_exit(got_uid == 65534 ? 0 : 20);
	}
	close(ready[1]);		/* a child that dies before it is ready: end of file */
	read(ready[0], &c, 1);
	sender = fork();
	if (sender == 0)
		_exit(as_nobody(root_pid, nobody_pid));
	if (!want_status(sender, "exit 0",
			 "uid 65534: EPERM for root's processes, its own user's and SIGCONT in the session reached"))
		kill(nobody_pid, SIGKILL);	/* no SIGUSR1 is coming: do not wait for ever */
	want_status(nobody_pid, "exit 0", "si_uid is the sender's uid, 65534");
	ok_sys(kill(root_pid, 0), "root reaches any process");
	close(gate[1]);
	want_status(root_pid, "exit 0", "the root child ends normally");
	return done();
}
