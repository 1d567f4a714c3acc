/*
 * statfs(), fstatfs() and their 64-bit forms (Linux's fs/statfs.c).
 * Every Mneme file system lives in memory with no block accounting, so
 * each answers as Linux's simple_statfs() does for ramfs and proc: its
 * magic number, PAGE_SIZE blocks, NAME_MAX names, every count 0 (df
 * shows 0 blocks, as Linux does for ramfs). f_flags is ST_VALID: Linux's
 * mount flags (nosuid, noexec, relatime ...) do not exist here.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <sched.h>
#include <syscalls.h>
#include <fs.h>
#include <asm/uaccess.h>

#define ST_VALID	0x0020	/* f_flags is filled in */

struct kstatfs {
	unsigned long f_type, f_bsize, f_namelen, f_frsize, f_flags;
	u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int f_fsid[2];
};

/* i386's struct statfs (99, 100): 32-bit counts. */
struct statfs {
	u32 f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int f_fsid[2];
	u32 f_namelen, f_frsize, f_flags, f_spare[4];
};

/* i386's struct statfs64 (268, 269): 84 bytes, packed with 4-byte alignment. */
struct statfs64 {
	u32 f_type, f_bsize;
	u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int f_fsid[2];
	u32 f_namelen, f_frsize, f_flags, f_spare[4];
} __attribute__((packed, aligned(4)));

static void vfs_statfs(struct dentry *dentry, struct kstatfs *buf)
{
	memset(buf, 0, sizeof(*buf));
	buf->f_type = dentry->d_sb->s_magic;
	buf->f_bsize = PAGE_SIZE;
	buf->f_namelen = NAME_MAX;
	buf->f_frsize = buf->f_bsize;
	buf->f_flags = ST_VALID;
}

static long user_statfs(const char __user *path, struct kstatfs *st)
{
	struct nameidata nd;
	long error = __user_walk(AT_FDCWD, path, LOOKUP_FOLLOW, &nd);

	if (error)
		return error;
	vfs_statfs(nd.dentry, st);
	path_release(&nd);
	return 0;
}

static long fd_statfs(unsigned int fd, struct kstatfs *st)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	vfs_statfs(f->f_dentry, st);
	fput(f);
	return 0;
}

/* Linux's do_statfs_native(): EOVERFLOW when a count does not fit 32 bits. */
static long do_statfs_native(const struct kstatfs *st, struct statfs __user *p)
{
	struct statfs buf;

	if ((st->f_blocks | st->f_bfree | st->f_bavail | st->f_files | st->f_ffree) >> 32)
		return -EOVERFLOW;
	memset(&buf, 0, sizeof(buf));
	buf.f_type = st->f_type;
	buf.f_bsize = st->f_bsize;
	buf.f_blocks = st->f_blocks;
	buf.f_bfree = st->f_bfree;
	buf.f_bavail = st->f_bavail;
	buf.f_files = st->f_files;
	buf.f_ffree = st->f_ffree;
	buf.f_fsid[0] = st->f_fsid[0];
	buf.f_fsid[1] = st->f_fsid[1];
	buf.f_namelen = st->f_namelen;
	buf.f_frsize = st->f_frsize;
	buf.f_flags = st->f_flags;
	return copy_to_user(p, &buf, sizeof(buf)) ? -EFAULT : 0;
}

static long do_statfs64(const struct kstatfs *st, struct statfs64 __user *p)
{
	struct statfs64 buf;

	memset(&buf, 0, sizeof(buf));
	buf.f_type = st->f_type;
	buf.f_bsize = st->f_bsize;
	buf.f_blocks = st->f_blocks;
	buf.f_bfree = st->f_bfree;
	buf.f_bavail = st->f_bavail;
	buf.f_files = st->f_files;
	buf.f_ffree = st->f_ffree;
	buf.f_fsid[0] = st->f_fsid[0];
	buf.f_fsid[1] = st->f_fsid[1];
	buf.f_namelen = st->f_namelen;
	buf.f_frsize = st->f_frsize;
	buf.f_flags = st->f_flags;
	return copy_to_user(p, &buf, sizeof(buf)) ? -EFAULT : 0;
}

long sys_statfs(const char __user *path, struct statfs __user *buf)
{
	struct kstatfs st;
	long error = user_statfs(path, &st);

	return error ? error : do_statfs_native(&st, buf);
}

long sys_fstatfs(unsigned int fd, struct statfs __user *buf)
{
	struct kstatfs st;
	long error = fd_statfs(fd, &st);

	return error ? error : do_statfs_native(&st, buf);
}

long sys_statfs64(const char __user *path, size_t sz, struct statfs64 __user *buf)
{
	struct kstatfs st;
	long error;

	if (sz != sizeof(*buf))
		return -EINVAL;
	error = user_statfs(path, &st);
	return error ? error : do_statfs64(&st, buf);
}

long sys_fstatfs64(unsigned int fd, size_t sz, struct statfs64 __user *buf)
{
	struct kstatfs st;
	long error;

	if (sz != sizeof(*buf))
		return -EINVAL;
	error = fd_statfs(fd, &st);
	return error ? error : do_statfs64(&st, buf);
}
