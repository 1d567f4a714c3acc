/*
 * Setting a file's access and modification times (Linux 6.1's
 * fs/utimes.c): utimensat, with its UTIME_NOW and UTIME_OMIT, a NULL
 * path with a descriptor (futimens), AT_SYMLINK_NOFOLLOW; and the older
 * utimes, futimesat and utime. The change time becomes the current time
 * whenever anything is set. Inodes keep whole seconds: nanoseconds and
 * microseconds given are dropped.
 *
 * Who may (Linux's setattr_prepare()/may_setattr()): explicit times
 * only the owner or root (-EPERM); "now" (NULL, or both UTIME_NOW) also
 * anyone who may write the file (-EACCES).
 */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <sched.h>
#include <syscalls.h>
#include <time.h>
#include <asm/uaccess.h>

#define UTIME_NOW	((1L << 30) - 1L)
#define UTIME_OMIT	((1L << 30) - 2L)

static int nsec_valid(long long nsec)
{
	return nsec == UTIME_OMIT || nsec == UTIME_NOW || (nsec >= 0 && nsec <= 999999999);
}

static int owner_or_capable(struct inode *inode)
{
	return current->fsuid == inode->i_uid || capable(CAP_FOWNER);
}

/* The write permission of the mode bits, for a caller that does not own the file. */
static int may_write(struct inode *inode)
{
	umode_t bit = (current->fsgid == inode->i_gid ? S_IRWXG : S_IRWXO) & 0222;

	return capable(CAP_FOWNER) || (inode->i_mode & bit);
}

/* times: NULL for "now", else two timespecs (atime, mtime) with UTIME_* allowed. */
static long vfs_utimes(struct inode *inode, struct __kernel_timespec *times)
{
	long now = current_fs_time();

	if (times) {
		if (!nsec_valid(times[0].tv_nsec) || !nsec_valid(times[1].tv_nsec))
			return -EINVAL;
		if (times[0].tv_nsec == UTIME_NOW && times[1].tv_nsec == UTIME_NOW)
			times = NULL;
	}
	if (times) {
		if (!owner_or_capable(inode))
			return -EPERM;
		if (times[0].tv_nsec != UTIME_OMIT)
			inode->i_atime = times[0].tv_nsec == UTIME_NOW ? now : (long)times[0].tv_sec;
		if (times[1].tv_nsec != UTIME_OMIT)
			inode->i_mtime = times[1].tv_nsec == UTIME_NOW ? now : (long)times[1].tv_sec;
	} else {
		if (!owner_or_capable(inode) && !may_write(inode))
			return -EACCES;
		inode->i_atime = inode->i_mtime = now;
	}
	inode->i_ctime = now;
	return 0;
}

/* Linux's do_utimes(): a NULL path with a descriptor is that file (flags must be 0). */
static long do_utimes(int dfd, const char __user *filename, struct __kernel_timespec *times,
		      int flags)
{
	struct nameidata nd;
	long error;

	if (!filename && dfd != AT_FDCWD) {
		struct file *file;

		if (flags)
			return -EINVAL;
		file = fget(dfd);
		if (!file)
			return -EBADF;
		error = vfs_utimes(file->f_dentry->d_inode, times);
		fput(file);
		return error;
	}
	if (flags & ~AT_SYMLINK_NOFOLLOW)
		return -EINVAL;
	error = __user_walk(dfd, filename, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &nd);
	if (error)
		return error;
	error = vfs_utimes(nd.dentry->d_inode, times);
	path_release(&nd);
	return error;
}

static long utimensat_common(int dfd, const char __user *filename,
			     struct __kernel_timespec *t, int flags)
{
	/* Both UTIME_OMIT: nothing to do, the path not even looked at. */
	if (t && t[0].tv_nsec == UTIME_OMIT && t[1].tv_nsec == UTIME_OMIT)
		return 0;
	return do_utimes(dfd, filename, t, flags);
}

/* utimensat_time64: 64-bit timespecs (glibc's first choice on i386). */
long sys_utimensat(int dfd, const char __user *filename,
		   struct __kernel_timespec __user *utimes, int flags)
{
	struct __kernel_timespec t[2];

	if (utimes && copy_from_user(t, utimes, sizeof(t)))
		return -EFAULT;
	return utimensat_common(dfd, filename, utimes ? t : NULL, flags);
}

long sys_utimensat_time32(int dfd, const char __user *filename, struct timespec __user *utimes,
			  int flags)
{
	struct __kernel_timespec t[2];
	struct timespec t32[2];

	if (utimes) {
		if (copy_from_user(t32, utimes, sizeof(t32)))
			return -EFAULT;
		t[0].tv_sec = t32[0].tv_sec;
		t[0].tv_nsec = t32[0].tv_nsec;
		t[1].tv_sec = t32[1].tv_sec;
		t[1].tv_nsec = t32[1].tv_nsec;
	}
	return utimensat_common(dfd, filename, utimes ? t : NULL, flags);
}

/* futimesat and utimes: timevals, microseconds 0..999999 (-EINVAL), no UTIME_*. */
long sys_futimesat_time32(int dfd, const char __user *filename, struct timeval __user *utimes)
{
	struct __kernel_timespec t[2];
	struct timeval tv[2];
	int i;

	if (!utimes)
		return do_utimes(dfd, filename, NULL, 0);
	if (copy_from_user(tv, utimes, sizeof(tv)))
		return -EFAULT;
	for (i = 0; i < 2; i++) {
		if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
			return -EINVAL;
		t[i].tv_sec = tv[i].tv_sec;
		t[i].tv_nsec = tv[i].tv_usec * 1000L;
	}
	return do_utimes(dfd, filename, t, 0);
}

long sys_utimes_time32(const char __user *filename, struct timeval __user *utimes)
{
	return sys_futimesat_time32(AT_FDCWD, filename, utimes);
}

/* utime: struct utimbuf, two 32-bit seconds. */
long sys_utime32(const char __user *filename, long __user *times)
{
	struct __kernel_timespec t[2];
	long ut[2];

	if (!times)
		return do_utimes(AT_FDCWD, filename, NULL, 0);
	if (copy_from_user(ut, times, sizeof(ut)))
		return -EFAULT;
	t[0].tv_sec = ut[0];
	t[1].tv_sec = ut[1];
	t[0].tv_nsec = t[1].tv_nsec = 0;
	return do_utimes(AT_FDCWD, filename, t, 0);
}
