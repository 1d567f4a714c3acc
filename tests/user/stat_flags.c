/*
 * stat_flags.c - the flags the stat family takes as Linux 6.1 does:
 * glibc's stat() is statx(..., AT_NO_AUTOMOUNT, STATX_BASIC_STATS, ...)
 * and fstatat64 with the same flag; unknown flags and both sync types
 * are EINVAL.
 */
#include "ktap.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <linux/stat.h>

static long statx_call(const char *path, int flags, unsigned int mask, struct statx *stx)
{
	long r = syscall(SYS_statx, AT_FDCWD, path, flags, mask, stx);

	return r < 0 ? -errno : r;
}

static long fstatat64_call(const char *path, int flags, struct stat *st)
{
	long r = syscall(SYS_fstatat64, AT_FDCWD, path, st, flags);

	return r < 0 ? -errno : r;
}

int main(void)
{
	struct statx stx;
	struct stat st;

	plan(9);
	memset(&stx, 0, sizeof(stx));
	ok(statx_call("/", AT_NO_AUTOMOUNT, STATX_BASIC_STATS, &stx) == 0,
	   "statx with AT_NO_AUTOMOUNT (glibc's stat)");
	ok((stx.stx_mask & STATX_BASIC_STATS) == STATX_BASIC_STATS && S_ISDIR(stx.stx_mode),
	   "it reports the basic stats of a directory");
	ok(statx_call("/proc/self", AT_NO_AUTOMOUNT | AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, &stx) == 0 &&
	   S_ISLNK(stx.stx_mode), "with AT_SYMLINK_NOFOLLOW too (glibc's lstat): a symlink");
	ok(statx_call("/", AT_NO_AUTOMOUNT | AT_STATX_DONT_SYNC, STATX_BASIC_STATS, &stx) == 0,
	   "AT_STATX_DONT_SYNC");
	ok(statx_call("/", AT_STATX_FORCE_SYNC | AT_STATX_DONT_SYNC, STATX_BASIC_STATS, &stx) == -EINVAL,
	   "both sync types: EINVAL");
	ok(statx_call("/", 0x8000, STATX_BASIC_STATS, &stx) == -EINVAL, "an unknown flag: EINVAL");
	ok(statx_call("/", 0, 0x80000000U, &stx) == -EINVAL, "STATX__RESERVED in the mask: EINVAL");
	ok(fstatat64_call("/", AT_NO_AUTOMOUNT, &st) == 0 && S_ISDIR(st.st_mode),
	   "fstatat64 with AT_NO_AUTOMOUNT");
	ok(fstatat64_call("/", 0x8000, &st) == -EINVAL, "fstatat64 with an unknown flag: EINVAL");
	return done();
}
