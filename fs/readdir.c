/*
 * getdents64 (Linux's fs/readdir.c): the directory's readdir operation
 * calls filldir64 for each entry, which packs a linux_dirent64 into the
 * user's buffer, 8-byte aligned, until one no longer fits (-EINVAL if
 * not even the first does).
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <syscalls.h>
#include <fs.h>
#include <stat.h>
#include <asm/uaccess.h>

int vfs_readdir(struct file *file, filldir_t filler, void *buf)
{
	struct inode *inode = file->f_dentry->d_inode;
	int res = -ENOTDIR;

	if (!file->f_op || !file->f_op->readdir)
		return res;
	down(&inode->i_sem);
	res = -ENOENT;
	if (inode->i_nlink || !S_ISDIR(inode->i_mode))
		res = file->f_op->readdir(file, buf, filler);
	up(&inode->i_sem);
	return res;
}

struct getdents_callback64 {
	struct linux_dirent64 __user *current_dir;
	struct linux_dirent64 __user *previous;
	int count;
	int error;
};

static int filldir64(void *__buf, const char *name, int namlen, loff_t offset,
		     unsigned long ino, unsigned int d_type)
{
	struct getdents_callback64 *buf = __buf;
	struct linux_dirent64 __user *dirent;
	int reclen = ALIGN(offsetof(struct linux_dirent64, d_name) + namlen + 1, sizeof(u64));
	u64 d_ino = ino;
	s64 off;
	unsigned short r = reclen;
	unsigned char t = d_type;
	char zero = 0;

	buf->error = -EINVAL;	/* only used if we fail */
	if (reclen > buf->count)
		return -EINVAL;
	dirent = buf->previous;
	if (dirent) {
		off = offset;	/* the previous entry's d_off: where this one starts */
		if (copy_to_user(&dirent->d_off, &off, sizeof(off)))
			goto efault;
	}
	dirent = buf->current_dir;
	off = offset + 1;
	if (copy_to_user(&dirent->d_ino, &d_ino, sizeof(d_ino)) ||
	    copy_to_user(&dirent->d_off, &off, sizeof(off)) ||
	    copy_to_user(&dirent->d_reclen, &r, sizeof(r)) ||
	    copy_to_user(&dirent->d_type, &t, sizeof(t)) ||
	    copy_to_user(dirent->d_name, name, namlen) ||
	    copy_to_user(dirent->d_name + namlen, &zero, 1))
		goto efault;
	buf->previous = dirent;
	buf->current_dir = (void __user *)((char __user *)dirent + reclen);
	buf->count -= reclen;
	return 0;
efault:
	buf->error = -EFAULT;
	return -EFAULT;
}

long sys_getdents64(unsigned int fd, void __user *dirent, unsigned int count)
{
	struct getdents_callback64 buf;
	struct file *file;
	long error;

	if (!access_ok(VERIFY_WRITE, dirent, count))
		return -EFAULT;
	file = fget(fd);
	if (!file)
		return -EBADF;
	buf.current_dir = dirent;
	buf.previous = NULL;
	buf.count = (int)count < 0 ? 0x7fffffff : (int)count;
	buf.error = 0;
	error = vfs_readdir(file, filldir64, &buf);
	if (error >= 0)
		error = buf.error;
	if (buf.previous)
		error = count - buf.count;
	fput(file);
	return error;
}
