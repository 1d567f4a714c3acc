/*
 * statfs.c - statfs64/fstatfs64 and the 32-bit statfs/fstatfs on /proc
 * (simple_statfs(): its magic number, PAGE_SIZE blocks, NAME_MAX, no
 * counts), and their errors: ENOENT, ENOTDIR, EBADF, EFAULT, and EINVAL
 * for a wrong struct size.
 */
#include <fcntl.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include "ktap.h"

#define PROC_SUPER_MAGIC	0x9fa0
#define ST_VALID		0x0020

/* i386's struct statfs of the old calls (99, 100). */
struct statfs32 {
	unsigned int f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int f_fsid[2];
	unsigned int f_namelen, f_frsize, f_flags, f_spare[4];
};

static long rc(long r)
{
	return r < 0 ? -errno : r;
}

int main(void)
{
	struct statfs st;
	struct statfs32 s32;
	int fd = open("/proc/self/status", O_RDONLY);

	plan(10);
	memset(&st, 0, sizeof(st));
	ok_eq(rc(statfs("/proc", &st)), 0L, "statfs /proc");
	ok(st.f_type == PROC_SUPER_MAGIC && st.f_bsize == 4096 && st.f_namelen == 255 &&
	   st.f_frsize == 4096, "the proc magic, 4096-byte blocks, 255-byte names");
	ok(st.f_blocks == 0 && st.f_bfree == 0 && st.f_bavail == 0 && st.f_files == 0 &&
	   st.f_ffree == 0 && (st.f_flags & ST_VALID), "no counts, ST_VALID");
	memset(&st, 0, sizeof(st));
	ok(rc(fstatfs(fd, &st)) == 0 && st.f_type == PROC_SUPER_MAGIC, "fstatfs of a /proc file");
	memset(&s32, 0, sizeof(s32));
	ok(rc(syscall(SYS_statfs, "/proc/self", &s32)) == 0 && s32.f_type == PROC_SUPER_MAGIC &&
	   s32.f_bsize == 4096 && s32.f_namelen == 255, "statfs (32-bit), through a symlink");
	ok(rc(syscall(SYS_fstatfs, fd, &s32)) == 0 && s32.f_type == PROC_SUPER_MAGIC, "fstatfs (32-bit)");
	ok(rc(statfs("/nonexistent", &st)) == -ENOENT && rc(statfs("/proc/self/status/x", &st)) == -ENOTDIR,
	   "ENOENT, ENOTDIR");
	ok_eq(rc(fstatfs(99, &st)), (long)-EBADF, "a closed descriptor: EBADF");
	ok_eq(rc(syscall(SYS_statfs64, "/proc", (size_t)84, (void *)16)), (long)-EFAULT,
	      "a bad buffer: EFAULT");
	ok_eq(rc(syscall(SYS_statfs64, "/proc", (size_t)80, &st)), (long)-EINVAL,
	      "statfs64 with a wrong size: EINVAL");
	return done();
}
