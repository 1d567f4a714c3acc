/*
 * stat64 and friends, statx, readlink (Linux's fs/stat.c): the VFS fills
 * a struct kstat, each call copies it out in its own layout.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <sched.h>
#include <syscalls.h>
#include <fs.h>
#include <stat.h>
#include <asm/uaccess.h>

int vfs_getattr(struct vfsmount *mnt, struct dentry *dentry, struct kstat *stat)
{
	struct inode *inode = dentry->d_inode;

	memset(stat, 0, sizeof(*stat));
	stat->dev = sb_dev(inode->i_sb);
	stat->ino = inode->i_ino;
	stat->mode = inode->i_mode;
	stat->nlink = inode->i_nlink;
	stat->uid = inode->i_uid;
	stat->gid = inode->i_gid;
	stat->rdev = inode->i_rdev;
	stat->size = inode->i_size;
	stat->atime = inode->i_atime;
	stat->mtime = inode->i_mtime;
	stat->ctime = inode->i_ctime;
	stat->blksize = PAGE_SIZE;
	/* ramfs: the pages the file holds, in 512-byte units. */
	stat->blocks = (unsigned long long)inode->i_mapping->nrpages << (PAGE_SHIFT - 9);
	return 0;
}

/* Linux's new_encode_dev(), the form stat64's st_rdev and st_dev take. */
static unsigned long long encode_dev(dev_t dev)
{
	unsigned int major = MAJOR(dev), minor = MINOR(dev);

	return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}

static long cp_new_stat64(struct kstat *stat, struct stat64 __user *statbuf)
{
	struct stat64 tmp;

	memset(&tmp, 0, sizeof(tmp));
	tmp.st_dev = encode_dev(stat->dev);
	tmp.st_ino = stat->ino;
	tmp.__st_ino = stat->ino;
	tmp.st_mode = stat->mode;
	tmp.st_nlink = stat->nlink;
	tmp.st_uid = stat->uid;
	tmp.st_gid = stat->gid;
	tmp.st_rdev = encode_dev(stat->rdev);
	tmp.st_size = stat->size;
	tmp.st_blocks = stat->blocks;
	tmp.st_blksize = stat->blksize;
	tmp.st_atime = stat->atime;
	tmp.st_mtime = stat->mtime;
	tmp.st_ctime = stat->ctime;
	return copy_to_user(statbuf, &tmp, sizeof(tmp)) ? -EFAULT : 0;
}

static long vfs_fstatat(int dfd, const char __user *filename, struct kstat *stat, int flag)
{
	struct nameidata nd;
	long error;

	/* glibc's stat() is statx with AT_NO_AUTOMOUNT: Linux's vfs_statx() takes it. */
	if (flag & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE))
		return -EINVAL;
	if (flag & AT_EMPTY_PATH) {
		char c;

		if (get_user(c, filename))
			return -EFAULT;
		if (!c) {
			struct file *f = fget(dfd);

			if (!f)
				return -EBADF;
			error = vfs_getattr(f->f_vfsmnt, f->f_dentry, stat);
			fput(f);
			return error;
		}
	}
	error = __user_walk(dfd, filename, (flag & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &nd);
	if (error)
		return error;
	error = vfs_getattr(nd.mnt, nd.dentry, stat);
	path_release(&nd);
	return error;
}

long sys_stat64(const char __user *filename, struct stat64 __user *statbuf)
{
	struct kstat stat;
	long error = vfs_fstatat(AT_FDCWD, filename, &stat, 0);

	return error ? error : cp_new_stat64(&stat, statbuf);
}

long sys_lstat64(const char __user *filename, struct stat64 __user *statbuf)
{
	struct kstat stat;
	long error = vfs_fstatat(AT_FDCWD, filename, &stat, AT_SYMLINK_NOFOLLOW);

	return error ? error : cp_new_stat64(&stat, statbuf);
}

long sys_fstat64(unsigned long fd, struct stat64 __user *statbuf)
{
	struct file *f = fget(fd);
	struct kstat stat;
	long error;

	if (!f)
		return -EBADF;
	error = vfs_getattr(f->f_vfsmnt, f->f_dentry, &stat);
	fput(f);
	return error ? error : cp_new_stat64(&stat, statbuf);
}

long sys_fstatat64(int dfd, const char __user *filename, struct stat64 __user *statbuf, int flag)
{
	struct kstat stat;
	long error = vfs_fstatat(dfd, filename, &stat, flag);

	return error ? error : cp_new_stat64(&stat, statbuf);
}

long sys_statx(int dfd, const char __user *filename, unsigned int flags, unsigned int mask,
	       struct statx __user *buffer)
{
	struct statx tmp;
	struct kstat stat;
	long error;

	if (mask & STATX__RESERVED)
		return -EINVAL;
	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
		return -EINVAL;
	error = vfs_fstatat(dfd, filename, &stat, flags);
	if (error)
		return error;
	memset(&tmp, 0, sizeof(tmp));
	tmp.stx_mask = STATX_BASIC_STATS;
	tmp.stx_blksize = stat.blksize;
	tmp.stx_nlink = stat.nlink;
	tmp.stx_uid = stat.uid;
	tmp.stx_gid = stat.gid;
	tmp.stx_mode = stat.mode;
	tmp.stx_ino = stat.ino;
	tmp.stx_size = stat.size;
	tmp.stx_blocks = stat.blocks;
	tmp.stx_atime.tv_sec = stat.atime;
	tmp.stx_mtime.tv_sec = stat.mtime;
	tmp.stx_ctime.tv_sec = stat.ctime;
	tmp.stx_rdev_major = MAJOR(stat.rdev);
	tmp.stx_rdev_minor = MINOR(stat.rdev);
	tmp.stx_dev_major = MAJOR(stat.dev);
	tmp.stx_dev_minor = MINOR(stat.dev);
	return copy_to_user(buffer, &tmp, sizeof(tmp)) ? -EFAULT : 0;
}

long sys_readlinkat(int dfd, const char __user *path, char __user *buf, int bufsiz)
{
	struct nameidata nd;
	struct inode *inode;
	long error;

	if (bufsiz <= 0)
		return -EINVAL;
	error = __user_walk(dfd, path, 0, &nd);
	if (error)
		return error;
	inode = nd.dentry->d_inode;
	error = -EINVAL;
	if (inode->i_op && inode->i_op->readlink) {
		inode->i_atime = current_fs_time();
		error = inode->i_op->readlink(nd.dentry, buf, bufsiz);
	}
	path_release(&nd);
	return error;
}

long sys_readlink(const char __user *path, char __user *buf, int bufsiz)
{
	return sys_readlinkat(AT_FDCWD, path, buf, bufsiz);
}
