/*
 * job_control.c - sessions, a controlling terminal and its foreground
 * process group, as busybox sh uses them: TIOCSCTTY, TIOCGPGRP/TIOCSPGRP
 * and their errors, SIGTTIN for a background reader of /dev/tty (none
 * through /dev/console), SIGTTOU for a background TCSETS or, with
 * TOSTOP, write; ^Z and ^C (typed with TIOCSTI) stopping and ending the
 * foreground job, seen by waitpid(WUNTRACED / WCONTINUED); an orphaned
 * process group: terminal stops ignored, SIGHUP and SIGCONT when it is
 * orphaned with a stopped member.
 *
 * The program's own process group is orphaned (its parent is init), so
 * the terminal is taken by a child session leader (C), whose children
 * are the jobs. C prints the tests from the second part on.
 */
#include <fcntl.h>
#include <termios.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include "ktap.h"

#define TTY_NODE "/tmp/jc-tty"

static int cfd, tfd;	/* /dev/console and /dev/tty, non-blocking */

/* A wait status as text, stops and continues included. */
static const char *wstatus(pid_t pid, int options)
{
	static char buf[64];
	int status;

	if (waitpid(pid, &status, options) != pid)
		return "no child";
	if (WIFSTOPPED(status))
		snprintf(buf, sizeof(buf), "stopped by %s", strsignal(WSTOPSIG(status)));
	else if (WIFCONTINUED(status))
		snprintf(buf, sizeof(buf), "continued");
	else
		snprintf(buf, sizeof(buf), "%s", status_text(status));
	return buf;
}

#define want_wait(pid, options, want, desc) ({				\
	const char *_got = wstatus(pid, options);			\
	if (strcmp(_got, want))						\
		diag("want %s, got %s", want, _got);			\
	ok(!strcmp(_got, want), desc);					\
})

/* A job: a child in a process group of its own (made by both sides, as a shell does). */
static pid_t job(void)
{
	pid_t pid = fork();

	if (pid == 0)
		setpgid(0, 0);
	else if (pid > 0)
		setpgid(pid, pid);
	return pid;
}

/* exit code of a job's call: 0 for success, else its errno. */
static int code(long r)
{
	return r < 0 ? errno : 0;
}

static int set_fg(pid_t pgrp)
{
	return ioctl(cfd, TIOCSPGRP, &pgrp);
}

/* Take the foreground back: a background group may, with SIGTTOU ignored (as sh). */
static int take_fg(void)
{
	void (*old)(int) = signal(SIGTTOU, SIG_IGN);
	int r = set_fg(getpgrp());

	signal(SIGTTOU, old);
	return r;
}

static void background_jobs(void)
{
	struct termios t;
	char c;
	pid_t pid;
	int sync[2], ack[2];

	/* The job tells when its read is over (ack), and waits on sync before it exits. */
	if (pipe(sync) || pipe(ack))
		diag("pipe: %s", errname(errno));
	pid = job();
	if (pid == 0) {
		int e = code(read(tfd, &c, 1));

		close(sync[1]);
		close(ack[0]);
		write(ack[1], "", 1);
		read(sync[0], &c, 1);
		_exit(e);
	}
	close(ack[1]);
	want_wait(pid, WUNTRACED, "stopped by Stopped (tty input)",
		  "a background read of /dev/tty: SIGTTIN stops the job");
	/* fg: the job's group in front, SIGCONT; the read is done again, now in the foreground. */
	ok_sys(set_fg(pid), "TIOCSPGRP to the stopped job");
	kill(-pid, SIGCONT);
	want_wait(pid, WCONTINUED, "continued", "SIGCONT: waitpid(WCONTINUED) sees it continue");
	ok(read(ack[0], &c, 1) == 1, "the job's read is done again");
	close(ack[0]);
	close(sync[1]);
	ok_sys(take_fg(), "the leader takes the foreground back (SIGTTOU ignored)");
	want_wait(pid, 0, "exit 11", "the job's read, restarted in the foreground: EAGAIN");
	close(sync[0]);

	pid = job();
	if (pid == 0)
		_exit(code(read(cfd, &c, 1)));
	want_wait(pid, WUNTRACED, "exit 11", "a background read of /dev/console: not stopped (EAGAIN)");
	pid = job();
	if (pid == 0) {
		signal(SIGTTIN, SIG_IGN);
		_exit(code(read(tfd, &c, 1)));
	}
	want_wait(pid, WUNTRACED, "exit 5", "SIGTTIN ignored: the background read fails with EIO");
	pid = job();
	if (pid == 0) {
		sigset_t set;

		sigemptyset(&set);
		sigaddset(&set, SIGTTIN);
		sigprocmask(SIG_BLOCK, &set, NULL);
		_exit(code(read(tfd, &c, 1)));
	}
	want_wait(pid, WUNTRACED, "exit 5", "SIGTTIN blocked: EIO");

	tcgetattr(cfd, &t);
	pid = job();
	if (pid == 0)
		_exit(code(tcsetattr(cfd, TCSANOW, &t)));
	want_wait(pid, WUNTRACED, "stopped by Stopped (tty output)",
		  "a background TCSETS: SIGTTOU stops the job");
	kill(pid, SIGKILL);
	want_wait(pid, 0, "signal SIGKILL", "SIGKILL ends the stopped job");
	pid = job();
	if (pid == 0) {
		pid_t me = getpid();

		signal(SIGTTOU, SIG_IGN);
		_exit(code(ioctl(tfd, TIOCSPGRP, &me)));
	}
	want_wait(pid, WUNTRACED, "exit 0", "SIGTTOU ignored: a background job takes the foreground");
	ok_errno(set_fg(getpgrp()), ENOTTY,
		 "then the leader's TIOCSPGRP, its group orphaned: ENOTTY (EIO inside)");
	ok_sys(take_fg(), "with SIGTTOU ignored it takes the foreground back");

	t.c_lflag |= TOSTOP;
	tcsetattr(cfd, TCSANOW, &t);
	pid = job();
	if (pid == 0)
		_exit(code(write(tfd, "x", 1)));
	want_wait(pid, WUNTRACED, "stopped by Stopped (tty output)",
		  "TOSTOP: a background write to /dev/tty stops the job (SIGTTOU)");
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	t.c_lflag &= ~TOSTOP;
	tcsetattr(cfd, TCSANOW, &t);
}

/* ^Z and ^C typed (TIOCSTI) while a job is in the foreground; echo off. */
static void typed_signals(void)
{
	struct termios t, quiet;
	int sync[2];
	pid_t pid;
	char c;

	tcgetattr(cfd, &t);
	quiet = t;
	quiet.c_lflag &= ~ECHO;
	tcsetattr(cfd, TCSANOW, &quiet);
	if (pipe(sync))
		diag("pipe: %s", errname(errno));
	pid = job();
	if (pid == 0) {
		close(sync[1]);
		_exit(read(sync[0], &c, 1) == 0 ? 0 : 1);
	}
	close(sync[0]);
	set_fg(pid);
	c = 032;
	ok_sys(ioctl(cfd, TIOCSTI, &c), "TIOCSTI ^Z");
	want_wait(pid, WUNTRACED, "stopped by Stopped", "^Z: SIGTSTP stops the foreground job");
	kill(-pid, SIGCONT);
	want_wait(pid, WCONTINUED, "continued", "fg: SIGCONT continues it");
	c = 003;
	ioctl(cfd, TIOCSTI, &c);
	want_wait(pid, 0, "signal SIGINT", "^C: SIGINT ends the foreground job");
	close(sync[1]);
	take_fg();
	tcsetattr(cfd, TCSANOW, &t);
}

/* The session leader C: takes the terminal, runs the jobs. */
static int leader(void)
{
	pid_t pgrp = -1, parent_pgrp = getpgid(getppid());

	ok_eq(setsid(), getpid(), "setsid: a new session");
	ok_errno(ioctl(cfd, TIOCGPGRP, &pgrp), ENOTTY, "no controlling terminal yet: TIOCGPGRP ENOTTY");
	ok_errno(open(TTY_NODE, O_RDWR), ENXIO, "no controlling terminal: /dev/tty ENXIO");
	ok_sys(ioctl(cfd, TIOCSCTTY, 0), "TIOCSCTTY: the console becomes the session's terminal");
	ok_sys(ioctl(cfd, TIOCSCTTY, 0), "TIOCSCTTY again: already ours");
	ioctl(cfd, TIOCGPGRP, &pgrp);
	ok_eq(pgrp, getpid(), "its foreground group is the leader's");
	pgrp = -1;
	ioctl(cfd, TIOCGSID, &pgrp);
	ok_eq(pgrp, getpid(), "TIOCGSID: the session");
	tfd = open(TTY_NODE, O_RDWR | O_NONBLOCK);
	ok_sys(tfd, "/dev/tty opens");
	pgrp = -1;
	ok_errno(ioctl(cfd, TIOCSPGRP, &pgrp), EINVAL, "TIOCSPGRP -1: EINVAL");
	pgrp = 0;
	ok_errno(ioctl(cfd, TIOCSPGRP, &pgrp), ESRCH, "TIOCSPGRP 0: ESRCH");
	pgrp = 0x3ffffff0;
	ok_errno(ioctl(cfd, TIOCSPGRP, &pgrp), ESRCH, "TIOCSPGRP to no group: ESRCH");
	ok_errno(ioctl(cfd, TIOCSPGRP, &parent_pgrp), EPERM, "TIOCSPGRP to a group of another session: EPERM");
	ok_errno(ioctl(cfd, TIOCSPGRP, NULL), EFAULT, "TIOCSPGRP from a bad pointer: EFAULT");
	background_jobs();
	typed_signals();
	ok_errno(ioctl(cfd, TIOCSTI, NULL), EFAULT, "TIOCSTI from a bad pointer: EFAULT");
	return done();
}

/* A session whose leader exits while a job of it is stopped: SIGHUP, SIGCONT. */
static void on_signal(int sig)
{
	char c = sig == SIGHUP ? 'H' : sig == SIGCONT ? 'C' : '?';

	if (write(3, &c, 1) != 1)
		_exit(3);
}

static void orphans(void)
{
	int report[2];
	char got[8] = "";
	pid_t c2, pid;
	ssize_t n = 0, r;

	if (pipe(report))
		diag("pipe: %s", errname(errno));
	c2 = fork();
	if (c2 == 0) {
		setsid();
		pid = job();
		if (pid == 0) {
			dup2(report[1], 3);
			signal(SIGHUP, on_signal);
			signal(SIGCONT, on_signal);
			raise(SIGSTOP);
			_exit(0);
		}
		close(report[1]);
		_exit(strcmp(wstatus(pid, WUNTRACED), "stopped by Stopped (signal)") ? 1 : 0);
	}
	close(report[1]);
	want_wait(c2, 0, "exit 0", "a session leader with a stopped job exits");
	while (n < (ssize_t)sizeof(got) - 1 && (r = read(report[0], got + n, sizeof(got) - 1 - n)) > 0)
		n += r;
	close(report[0]);
	/* Both pending as it continues: SIGHUP's frame is built first, SIGCONT's on top runs first. */
	if (strcmp(got, "CH"))
		diag("the job's handlers saw \"%s\"", got);
	ok(!strcmp(got, "CH"), "its job, now an orphaned group: SIGHUP and SIGCONT");

	pid = fork();
	if (pid == 0) {
		raise(SIGTSTP);
		raise(SIGTTIN);
		raise(SIGTTOU);
		_exit(0);
	}
	want_wait(pid, WUNTRACED, "exit 0", "SIGTSTP, SIGTTIN, SIGTTOU do nothing to an orphaned group");
	pid = fork();
	if (pid == 0) {
		raise(SIGSTOP);
		_exit(0);
	}
	want_wait(pid, WUNTRACED, "stopped by Stopped (signal)", "SIGSTOP stops it all the same");
	kill(pid, SIGCONT);
	want_wait(pid, 0, "exit 0", "and SIGCONT continues it");
}

int main(void)
{
	pid_t pgrp = -1, c;

	plan(41);
	cfd = open("/dev/console", O_RDWR | O_NONBLOCK);
	unlink(TTY_NODE);
	if (mknod(TTY_NODE, S_IFCHR | 0666, makedev(5, 0)))
		diag("mknod %s: %s", TTY_NODE, errname(errno));
	ok_errno(ioctl(cfd, TIOCGPGRP, &pgrp), ENOTTY, "init's console is nobody's terminal: TIOCGPGRP ENOTTY");
	ok_errno(ioctl(cfd, TIOCSCTTY, 0), EPERM, "TIOCSCTTY by a process that leads no session: EPERM");
	ok_errno(ioctl(cfd, TIOCNOTTY), ENOTTY, "TIOCNOTTY without a terminal: ENOTTY");
	orphans();
	c = fork();
	if (c == 0)
		_exit(leader());
	c = child_status(c);
	unlink(TTY_NODE);
	return c != 0;
}
