/*
 * init.c - /init of build/initramfs.cpio: runs every program of /t one
 * by one (fork + execve), its output read through a pipe and printed as
 * a KTAP subtest indented by four spaces, then its exit status or signal
 * as a test line of its own:
 *
 *	KTAP version 1
 *	1..45
 *	    # Subtest: brk
 *	    KTAP version 1
 *	    1..9
 *	    ok 1 brk(0) returns the break
 *	    ...
 *	    # brk: exit 0
 *	ok 1 brk
 *
 * Environment (Linux hands init the command line's name=value words):
 * user_only=a,b runs just those programs, user_skip=a,b all but those (the
 * names are prefixed so that no kernel parameter takes them: Mneme has a
 * bench=); user_bench=1 runs
 * /bin/bench (tests/user/bench/) alone, the same way. Each program
 * gets PROG_TIMEOUT seconds (alarm(), kept across execve; user_timeout=N
 * seconds instead: the fault-injection runs, where a program whose pipe
 * could not be made may wait forever). Each runs in a process group of
 * its own: when it is over, or GRACE seconds past its time if its
 * children still hold its output open, the whole group is killed, so a
 * child left waiting (a fault-injection casualty) cannot stall init on
 * the pipe. At the end
 * init syncs and powers the machine off (Linux panics if init exits);
 * with user_exit=1 (Mneme only: tests/user/run_on_mneme.py) it exits
 * instead, its plan one test longer: the kernel's leak check after init
 * (kernel/init_leak_check.c, "init_leak_check=N") prints the last result.
 */
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include "ktap.h"

#define PROG_TIMEOUT 120

static const char *const progs[] = {
#include "progs.h"
};
#define NPROGS ((int)(sizeof(progs) / sizeof(progs[0])))

/* Is name one of the comma-separated list's words? */
static int listed(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list; p && *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && !strncmp(p, name, n))
			return 1;
		p = end ? end + 1 : NULL;
	}
	return 0;
}

static int selected(const char *name)
{
	const char *only = getenv("user_only"), *skipped = getenv("user_skip");

	if (only && *only)
		return listed(only, name);
	return !listed(skipped, name);
}

/* Write the complete lines of buf[0..*len) indented; keep the rest. */
static void emit_lines(char *buf, size_t *len, int flush)
{
	size_t start = 0;

	for (size_t i = 0; i < *len; i++)
		if (buf[i] == '\n') {
			buf[i] = 0;
			ktap_line("    %s", buf + start);
			start = i + 1;
		}
	if (flush && start < *len) {
		buf[*len] = 0;
		ktap_line("    %s", buf + start);
		start = *len;
	}
	memmove(buf, buf + start, *len - start);
	*len -= start;
}

/* Run path (argv[0] name); its wait status, or -1 if it could not start. */
#define GRACE	5

static volatile sig_atomic_t init_alarm;

static void on_alarm(int sig)
{
	init_alarm = sig;
}

static int run(const char *path, const char *name)
{
	char buf[4096 + 1];
	char *argv[] = { (char *)name, NULL };
	char *envp[] = { "PATH=/bin:/t", "HOME=/", NULL };
	const char *timeout = getenv("user_timeout");
	size_t len = 0;
	int fds[2];
	pid_t pid;

	/* Without the pipe its output would not be indented: not run (fault injection). */
	if (pipe(fds)) {
		diag("pipe: %s", errname(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		diag("fork: %s", errname(errno));
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		setpgid(0, 0);
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		alarm(timeout && atoi(timeout) > 0 ? atoi(timeout) : PROG_TIMEOUT);
		execve(path, argv, envp);
		ktap_line("# execve %s: %s", path, errname(errno));
		_exit(127);
	}
	setpgid(pid, pid);	/* as the child does: whichever runs first */
	close(fds[1]);
	init_alarm = 0;
	alarm((timeout && atoi(timeout) > 0 ? atoi(timeout) : PROG_TIMEOUT) + GRACE);
	for (;;) {
		ssize_t n = read(fds[0], buf + len, sizeof(buf) - 1 - len);
		if (n < 0 && errno == EINTR) {
			if (init_alarm) {
				init_alarm = 0;
				emit_lines(buf, &len, 1);
				ktap_line("    # %s: its process group still holds its output: killed", name);
				kill(-pid, SIGKILL);
			}
			continue;
		}
		if (n <= 0)
			break;
		len += n;
		emit_lines(buf, &len, len == sizeof(buf) - 1);
	}
	alarm(0);
	emit_lines(buf, &len, 1);
	close(fds[0]);
	kill(-pid, SIGKILL);	/* what is left of the group: nothing, normally */
	return child_status(pid);
}

int main(void)
{
	int n = 0, passed = 0, number = 0;
	const char *bench = getenv("user_bench"), *exit_env = getenv("user_exit");
	int exits = exit_env && !strcmp(exit_env, "1");

	/* SIGALRM interrupts init's read of a program's output (no SA_RESTART). */
	sigaction(SIGALRM, &(struct sigaction){ .sa_handler = on_alarm }, NULL);

	/* On Linux the tests need /proc; a kernel without mount has it or not. */
	mkdir("/proc", 0555);
	mount("proc", "/proc", "proc", 0, NULL);
	mkdir("/tmp", 01777);

	if (bench && *bench && strcmp(bench, "0")) {
		int status;

		ktap_line("KTAP version 1");
		ktap_line("1..1");
		ktap_line("    # Subtest: bench");
		status = run("/bin/bench", "bench");
		ktap_line("    # bench: %s", status == -1 ? "not run" : status_text(status));
		ktap_line("%sok 1 bench", status == 0 ? "" : "not ");
		n = 1;
		passed = status == 0;
		goto out;
	}
	for (int i = 0; i < NPROGS; i++)
		n += selected(progs[i]);
	ktap_line("KTAP version 1");
	ktap_line("1..%d", n + exits);
	for (int i = 0; i < NPROGS; i++) {
		const char *name = progs[i];
		int status;

		if (!selected(name))
			continue;
		ktap_line("    # Subtest: %s", name);
		char path[64];

		snprintf(path, sizeof(path), "/t/%s", name);
		status = run(path, name);
		ktap_line("    # %s: %s", name, status == -1 ? "not run" : status_text(status));
		number++;
		if (status == 0) {
			passed++;
			ktap_line("ok %d %s", number, name);
		} else
			ktap_line("not ok %d %s # %s", number, name,
				  status == -1 ? "not run" : status_text(status));
		/* Orphans of the program are init's to reap. */
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
	}
out:
	ktap_line("# init: %d of %d programs passed", passed, n);
	sync();
	if (exits)
		return passed == n ? 0 : 1;	/* the kernel's leak check is test n + 1 */
	reboot(RB_POWER_OFF);
	ktap_line("# init: reboot(RB_POWER_OFF): %s", errname(errno));
	return passed == n ? 0 : 1;
}
