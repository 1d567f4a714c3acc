/*
 * utimes.c - setting file times: utimensat with explicit times,
 * UTIME_NOW and UTIME_OMIT, AT_SYMLINK_NOFOLLOW, a NULL path with a
 * descriptor (futimens); utimes, futimesat and utime; the change time
 * moving; errnos; who may (owner, root, a writer for "now").
 * Times are compared in whole seconds, "now" against time().
 */
#include <fcntl.h>
#include <time.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include "ktap.h"

#define F "/tmp/ut-file"
#define L "/tmp/ut-link"

static struct stat st(const char *path)
{
	struct stat s;

	memset(&s, 0, sizeof(s));
	lstat(path, &s);
	return s;
}

/* t is "now": within a few seconds of time(). */
static int recent(time_t t)
{
	time_t now = time(NULL);

	return t <= now && t >= now - 5;
}

int main(void)
{
	struct timespec ts[2];
	struct stat s;
	int fd, pid;

	plan(28);
	fd = open(F, O_RDWR | O_CREAT | O_TRUNC, 0644);
	symlink(F, L);
	ok(recent(st(F).st_mtime) && recent(st(F).st_ctime), "a new file's times are now (the wall clock)");

	ts[0].tv_sec = 1000000000;
	ts[0].tv_nsec = 5;
	ts[1].tv_sec = 1200000000;
	ts[1].tv_nsec = 999999999;
	ok_sys(utimensat(AT_FDCWD, F, ts, 0), "utimensat: explicit times");
	s = st(F);
	ok(s.st_atime == 1000000000 && s.st_mtime == 1200000000, "atime and mtime as given");
	ok(recent(s.st_ctime), "ctime: now");

	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_sec = 1300000000;
	ts[1].tv_nsec = 0;
	ok_sys(utimensat(AT_FDCWD, F, ts, 0), "UTIME_OMIT for atime");
	s = st(F);
	ok(s.st_atime == 1000000000 && s.st_mtime == 1300000000, "atime kept, mtime set");
	ts[0].tv_nsec = UTIME_NOW;
	ts[1].tv_nsec = UTIME_OMIT;
	ok_sys(utimensat(AT_FDCWD, F, ts, 0), "UTIME_NOW for atime, UTIME_OMIT for mtime");
	s = st(F);
	ok(recent(s.st_atime) && s.st_mtime == 1300000000, "atime now, mtime kept");
	ts[0].tv_nsec = ts[1].tv_nsec = UTIME_OMIT;
	ok_sys(utimensat(AT_FDCWD, "/nonexistent/x", ts, 0), "both UTIME_OMIT: 0, the path not even looked at");

	ok_sys(utimensat(AT_FDCWD, F, NULL, 0), "NULL times: now");
	ok(recent(st(F).st_mtime), "mtime now");
	ts[0].tv_sec = ts[1].tv_sec = 1100000000;
	ts[0].tv_nsec = ts[1].tv_nsec = 0;
	ok_sys(utimensat(fd, NULL, ts, 0), "a NULL path with a descriptor (futimens)");
	ok_eq(st(F).st_mtime, 1100000000, "the descriptor's file changed");
	ok_errno(utimensat(fd, NULL, ts, AT_SYMLINK_NOFOLLOW), EINVAL, "futimens with flags: EINVAL");
	ok_errno(syscall(SYS_utimensat, AT_FDCWD, NULL, NULL, 0), EFAULT, "a NULL path with AT_FDCWD: EFAULT");

	ts[0].tv_sec = ts[1].tv_sec = 1400000000;
	ok_sys(utimensat(AT_FDCWD, L, ts, AT_SYMLINK_NOFOLLOW), "AT_SYMLINK_NOFOLLOW: the link itself");
	ok(st(L).st_mtime == 1400000000 && st(F).st_mtime == 1100000000, "the link changed, not its target");
	ok_errno(utimensat(AT_FDCWD, F, ts, 0x4000), EINVAL, "an unknown flag: EINVAL");
	ts[1].tv_nsec = 1000000000;
	ok_errno(utimensat(AT_FDCWD, F, ts, 0), EINVAL, "nanoseconds 1000000000: EINVAL");
	ts[1].tv_nsec = -1;
	ok_errno(utimensat(AT_FDCWD, F, ts, 0), EINVAL, "nanoseconds -1: EINVAL");
	ok_errno(utimensat(AT_FDCWD, "/nonexistent/x", NULL, 0), ENOENT, "a missing file: ENOENT");
	ok_errno(utimensat(9999, NULL, NULL, 0), EBADF, "a bad descriptor: EBADF");

	/* The raw calls (musl's utimes and utime go through utimensat): 32-bit timevals, utimbuf. */
	{
		long tv32[4] = { 1500000000, 0, 1600000000, 999999 };
		long ub32[2] = { 1700000000, 1700000001 };
		long long ts64[4] = { 1800000000, 0, 1800000001, UTIME_OMIT };

		ok(syscall(SYS_utimes, F, tv32) == 0 && st(F).st_atime == 1500000000 &&
		   st(F).st_mtime == 1600000000, "utimes: timevals");
		tv32[3] = 1000000;
		ok_errno(syscall(SYS_utimes, F, tv32), EINVAL, "utimes: microseconds 1000000: EINVAL");
		ok(syscall(SYS_utime, F, ub32) == 0 && st(F).st_atime == 1700000000 &&
		   st(F).st_mtime == 1700000001, "utime: a utimbuf");
		ok(syscall(SYS_utimensat_time64, AT_FDCWD, F, ts64, 0) == 0 &&
		   st(F).st_atime == 1800000000 && st(F).st_mtime == 1700000001,
		   "utimensat_time64: 64-bit times, UTIME_OMIT");
	}

	chmod(F, 0666);
	pid = fork();
	if (pid == 0) {
		int bad = 0;

		if (setuid(65534))
			_exit(9);
		/* Not the owner: "now" needs write permission, explicit times ownership. */
		bad |= utimensat(AT_FDCWD, F, NULL, 0) != 0;
		ts[0].tv_sec = ts[1].tv_sec = 1;
		ts[0].tv_nsec = ts[1].tv_nsec = 0;
		bad |= (utimensat(AT_FDCWD, F, ts, 0) != -1 || errno != EPERM) << 1;
		chmod(F, 0644);		/* fails: not the owner */
		_exit(bad);
	}
	want_status(pid, "exit 0", "not the owner: now with write permission, explicit times EPERM");
	chmod(F, 0644);
	pid = fork();
	if (pid == 0) {
		if (setuid(65534))
			_exit(9);
		_exit(utimensat(AT_FDCWD, F, NULL, 0) == -1 && errno == EACCES ? 0 : 1);
	}
	want_status(pid, "exit 0", "not the owner, no write permission: now is EACCES");
	close(fd);
	unlink(L);
	unlink(F);
	return done();
}
