/*
 * sys_misc.c - small calls real programs make: chmod/fchmod/fchmodat,
 * chown (set-user-ID dropped), getrandom (its flags and faults),
 * sched_getaffinity/sched_setaffinity (as sysconf(_SC_NPROCESSORS_ONLN)
 * uses), prctl(PR_SET_NAME/PR_GET_NAME) seen in /proc/self/stat's comm.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "ktap.h"

static unsigned int mode_of(const char *path)
{
	struct stat st;

	return stat(path, &st) ? 0xffffffff : st.st_mode & 07777;
}

int main(void)
{
	const char *path = "/tmp/sys_misc";
	unsigned char a[32] = { 0 }, b[32] = { 0 };
	unsigned long mask[2] = { 0, 0 };
	char name[32], stat_line[256];
	struct stat st;
	int fd, n;

	plan(20);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	ok_sys(chmod(path, 04755), "chmod 4755");
	ok_eq(mode_of(path), 04755u, "stat shows 4755");
	ok_sys(fchmod(fd, 02750), "fchmod 2750");
	ok_eq(mode_of(path), 02750u, "stat shows 2750");
	ok_sys(fchmodat(AT_FDCWD, path, 0640, 0), "fchmodat 640");
	ok_eq(mode_of(path), 0640u, "stat shows 640");
	chmod(path, 06755);
	ok_sys(chown(path, 1000, 100), "chown to 1000:100");
	ok(!stat(path, &st) && st.st_uid == 1000 && st.st_gid == 100 && (st.st_mode & 07777) == 0755,
	   "owner changed, set-user-ID and set-group-ID dropped");
	ok_sys(fchown(fd, -1, 0), "fchown with uid -1 keeps the owner");
	ok(!stat(path, &st) && st.st_uid == 1000 && st.st_gid == 0, "only the group changed");
	ok_errno(chmod("/tmp/no/such", 0644), ENOENT, "chmod of a missing path: ENOENT");

	ok_eq(getrandom(a, sizeof(a), 0), (long)sizeof(a), "getrandom fills 32 bytes");
	getrandom(b, sizeof(b), GRND_NONBLOCK);
	ok(memcmp(a, b, sizeof(a)) != 0, "two calls differ");
	ok_errno(getrandom(a, 4, 0x80), EINVAL, "getrandom with an unknown flag: EINVAL");
	ok_errno(getrandom((void *)0xc0000000, 4, 0), EFAULT, "getrandom into kernel memory: EFAULT");

	n = syscall(SYS_sched_getaffinity, 0, sizeof(mask), mask);
	ok(n > 0 && (mask[0] & 1), "sched_getaffinity: CPU 0 is in the mask");
	ok_errno(syscall(SYS_sched_getaffinity, 0, 3, mask), EINVAL,
		 "sched_getaffinity with a length not a multiple of a long: EINVAL");
	ok(sysconf(_SC_NPROCESSORS_ONLN) >= 1, "sysconf(_SC_NPROCESSORS_ONLN) is at least 1");

	ok_sys(prctl(PR_SET_NAME, "renamed-thread-long-name"), "prctl(PR_SET_NAME)");
	name[0] = 0;
	prctl(PR_GET_NAME, name);
	fd = open("/proc/self/stat", O_RDONLY);
	n = fd >= 0 ? read(fd, stat_line, sizeof(stat_line) - 1) : -1;
	stat_line[n > 0 ? n : 0] = 0;
	ok(!strcmp(name, "renamed-thread-") && strstr(stat_line, "(renamed-thread-)"),
	   "PR_GET_NAME and /proc/self/stat give the name cut to 15 bytes");
	unlink(path);
	return done();
}
