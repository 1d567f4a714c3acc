/*
 * ktap.h - KTAP output for the user programs (tests/user/, README: User
 * programs). Header-only: each program includes it once.
 *
 *	KTAP version 1
 *	1..3
 *	ok 1 brk grows by a page
 *	# want 0 (0), got -1 (ENOMEM)
 *	not ok 2 brk shrinks
 *	ok 3 # SKIP no /proc
 *
 * Every line is one write(2) to fd 1, never buffered: a program killed
 * half-way loses nothing it printed, and a fork child never prints its
 * parent's buffer again. Children report to their parent through their
 * exit status (child_status(), want_exit(), want_signal()), not on stdout.
 * Output must be the same on every correct kernel: print no address, pid,
 * time or size that a kernel may choose (compare them instead).
 */
#ifndef TESTS_USER_KTAP_H
#define TESTS_USER_KTAP_H

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int ktap_planned, ktap_count, ktap_failed;

static void __attribute__((format(printf, 1, 2), unused)) ktap_line(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	for (int off = 0; off < n;) {
		ssize_t w = write(1, buf + off, n - off);
		if (w <= 0)
			return;
		off += w;
	}
}

/* The whole of a (/proc) file in buf, NUL-terminated: its length, -1 if it cannot be opened. */
static inline int read_file(const char *path, char *buf, int size)
{
	int fd = open(path, O_RDONLY), n, len = 0;

	while (fd >= 0 && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	if (fd >= 0)
		close(fd);
	buf[len] = 0;
	return fd < 0 ? -1 : len;
}

static inline void plan(int n)
{
	ktap_planned = n;
	ktap_line("KTAP version 1");
	ktap_line("1..%d", n);
}

#define diag(...) ktap_line("# " __VA_ARGS__)

/* ok(cond, "description", ...): one test line; returns cond. */
static int __attribute__((format(printf, 2, 3), unused)) ok(int cond, const char *fmt, ...)
{
	char desc[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(desc, sizeof(desc), fmt, ap);
	va_end(ap);
	ktap_count++;
	if (!cond)
		ktap_failed++;
	ktap_line("%sok %d %s", cond ? "" : "not ", ktap_count, desc);
	return cond;
}

static inline void skip(const char *why, const char *desc)
{
	ktap_count++;
	ktap_line("ok %d %s # SKIP %s", ktap_count, desc, why);
}

/* The name of errno value e (the ones these programs meet). */
static inline const char *errname(int e)
{
	static const struct { int e; const char *name; } names[] = {
		{ 0, "0" }, { EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { ESRCH, "ESRCH" },
		{ EINTR, "EINTR" }, { EIO, "EIO" }, { ENXIO, "ENXIO" }, { E2BIG, "E2BIG" },
		{ ENOEXEC, "ENOEXEC" }, { EBADF, "EBADF" }, { ECHILD, "ECHILD" },
		{ EAGAIN, "EAGAIN" }, { ENOMEM, "ENOMEM" }, { EACCES, "EACCES" },
		{ EFAULT, "EFAULT" }, { EBUSY, "EBUSY" }, { EEXIST, "EEXIST" },
		{ ENODEV, "ENODEV" }, { ENOTDIR, "ENOTDIR" }, { EISDIR, "EISDIR" },
		{ EINVAL, "EINVAL" }, { ENFILE, "ENFILE" }, { EMFILE, "EMFILE" },
		{ ENOTTY, "ENOTTY" }, { EFBIG, "EFBIG" }, { ENOSPC, "ENOSPC" },
		{ ESPIPE, "ESPIPE" }, { EROFS, "EROFS" }, { EPIPE, "EPIPE" },
		{ ERANGE, "ERANGE" }, { ENAMETOOLONG, "ENAMETOOLONG" }, { ENOSYS, "ENOSYS" },
		{ ENOTEMPTY, "ENOTEMPTY" }, { EOVERFLOW, "EOVERFLOW" },
		{ ETIMEDOUT, "ETIMEDOUT" }, { EOPNOTSUPP, "EOPNOTSUPP" },
	};
	static char other[16];

	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].e == e)
			return names[i].name;
	snprintf(other, sizeof(other), "errno %d", e);
	return other;
}

/* ok_eq(got, want, ...): an integer equality, both values shown on failure. */
#define ok_eq(got, want, ...) ({					\
	long long _g = (long long)(got), _w = (long long)(want);	\
	if (_g != _w)							\
		diag("want %lld, got %lld", _w, _g);			\
	ok(_g == _w, __VA_ARGS__);					\
})

/* ok_sys(ret, ...): a call that must succeed (not -1). */
#define ok_sys(ret, ...) ({						\
	long _r = (long)(ret);						\
	int _e = errno;							\
	if (_r == -1)							\
		diag("failed with %s", errname(_e));			\
	ok(_r != -1, __VA_ARGS__);					\
})

/* ok_errno(ret, E, ...): a call that must fail with -1 and errno E. */
#define ok_errno(ret, want, ...) ({					\
	long _r = (long)(ret);						\
	int _e = errno, _w = (want);					\
	if (_r != -1)							\
		diag("want -1 (%s), got %ld", errname(_w), _r);		\
	else if (_e != _w)						\
		diag("want %s, got %s", errname(_w), errname(_e));	\
	ok(_r == -1 && _e == _w, __VA_ARGS__);				\
})

/* ok_raw(ret, E, ...): a raw syscall() result must be -E (0: success). */
#define ok_raw(ret, want, ...) ok_errno(ret, want, __VA_ARGS__)

/* The KTAP ending: exit status 0 iff every planned test ran and passed. */
static inline int done(void)
{
	if (ktap_count != ktap_planned)
		diag("planned %d tests, ran %d", ktap_planned, ktap_count);
	return ktap_failed || ktap_count != ktap_planned;
}

/* A wait status as text: "exit 3", "signal SIGSEGV". */
static inline const char *status_text(int status)
{
	static char buf[48];
	static const char *const sigs[] = {
		[SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT",
		[SIGILL] = "SIGILL", [SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT",
		[SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE", [SIGKILL] = "SIGKILL",
		[SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
		[SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM", [SIGTERM] = "SIGTERM",
		[SIGCHLD] = "SIGCHLD", [SIGXCPU] = "SIGXCPU", [SIGXFSZ] = "SIGXFSZ",
		[SIGSYS] = "SIGSYS",
	};

	if (WIFEXITED(status))
		snprintf(buf, sizeof(buf), "exit %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status)) {
		int s = WTERMSIG(status);
		if (s < (int)(sizeof(sigs) / sizeof(sigs[0])) && sigs[s])
			snprintf(buf, sizeof(buf), "signal %s", sigs[s]);
		else
			snprintf(buf, sizeof(buf), "signal %d", s);
	} else
		snprintf(buf, sizeof(buf), "status 0x%x", status);
	return buf;
}

/* Wait for child pid; its wait status, or -1 if waitpid failed. */
static inline int child_status(pid_t pid)
{
	int status;

	if (pid < 0)
		return -1;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}

/* ok() that child pid ended with status want_text ("exit 0", "signal SIGKILL"). */
static int __attribute__((format(printf, 3, 4), unused))
want_status(pid_t pid, const char *want_text, const char *fmt, ...)
{
	char desc[400];
	va_list ap;
	int status = child_status(pid);
	const char *got = status == -1 ? "no child" : status_text(status);

	va_start(ap, fmt);
	vsnprintf(desc, sizeof(desc), fmt, ap);
	va_end(ap);
	if (strcmp(got, want_text))
		diag("want %s, got %s", want_text, got);
	return ok(!strcmp(got, want_text), "%s", desc);
}

#define PAGE 4096UL

#endif /* TESTS_USER_KTAP_H */
