/*
 * open(), close() and the calls on a file's name or attributes that are
 * not name-space operations (Linux's fs/open.c): truncate, chdir,
 * access, umask, getcwd, mount, sync.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <slab.h>
#include <sched.h>
#include <syscalls.h>
#include <fs.h>
#include <asm/uaccess.h>

struct file *fd_remove(unsigned int fd);

static struct fs_struct *cur_fs(void)
{
	return current->fs ? current->fs : init_fs_struct();
}

int do_truncate(struct dentry *dentry, loff_t length)
{
	struct inode *inode = dentry->d_inode;
	int err;

	if (length < 0)
		return -EINVAL;
	if (!inode->i_op || !inode->i_op->setsize)
		return -EPERM;
	down(&inode->i_sem);
	err = inode->i_op->setsize(dentry, length);
	up(&inode->i_sem);
	return err;
}

long do_sys_open(int dfd, const char __user *filename, int flags, int mode);
long do_sys_open(int dfd, const char __user *filename, int flags, int mode)
{
	char *tmp = getname(filename);
	struct nameidata nd;
	struct file *f;
	int fd, error;

	if (IS_ERR(tmp))
		return PTR_ERR(tmp);
	fd = get_unused_fd_flags(flags, 0);
	if (fd < 0)
		goto out;
	error = open_namei(dfd, tmp, flags, mode, &nd);
	if (error) {
		put_unused_fd(fd);
		fd = error;
		goto out;
	}
	f = dentry_open(nd.dentry, nd.mnt, flags);
	if (IS_ERR(f)) {
		put_unused_fd(fd);
		fd = PTR_ERR(f);
		goto out;
	}
	fd_install(fd, f);
out:
	putname(tmp);
	return fd;
}

long sys_open(const char __user *filename, int flags, int mode)
{
	return do_sys_open(AT_FDCWD, filename, flags, mode);
}

long sys_openat(int dfd, const char __user *filename, int flags, int mode)
{
	return do_sys_open(dfd, filename, flags, mode);
}

long sys_creat(const char __user *pathname, int mode)
{
	return sys_open(pathname, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

long sys_close(unsigned int fd)
{
	struct file *filp = fd_remove(fd);

	if (!filp)
		return -EBADF;
	return filp_close(filp);
}

static long do_sys_truncate(const char __user *path, loff_t length)
{
	struct nameidata nd;
	struct inode *inode;
	long error;

	if (length < 0)
		return -EINVAL;
	error = __user_walk(AT_FDCWD, path, LOOKUP_FOLLOW, &nd);
	if (error)
		return error;
	inode = nd.dentry->d_inode;
	error = -EISDIR;
	if (S_ISDIR(inode->i_mode))
		goto out;
	error = -EINVAL;
	if (!S_ISREG(inode->i_mode))
		goto out;
	error = mnt_want_write(nd.mnt);
	if (error)
		goto out;
	error = do_truncate(nd.dentry, length);
out:
	path_release(&nd);
	return error;
}

static long do_sys_ftruncate(unsigned int fd, loff_t length)
{
	struct file *file;
	long error;

	if (length < 0)
		return -EINVAL;
	file = fget(fd);
	if (!file)
		return -EBADF;
	error = -EINVAL;
	if (S_ISREG(file->f_dentry->d_inode->i_mode) && (file->f_mode & FMODE_WRITE))
		error = do_truncate(file->f_dentry, length);
	fput(file);
	return error;
}

long sys_truncate(const char __user *path, long length)
{
	return do_sys_truncate(path, length);
}

long sys_ftruncate(unsigned int fd, unsigned long length)
{
	return do_sys_ftruncate(fd, (long)length);
}

long sys_truncate64(const char __user *path, loff_t length)
{
	return do_sys_truncate(path, length);
}

long sys_ftruncate64(unsigned int fd, loff_t length)
{
	return do_sys_ftruncate(fd, length);
}

long sys_chdir(const char __user *filename)
{
	struct nameidata nd;
	long error = __user_walk(AT_FDCWD, filename, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &nd);

	if (error)
		return error;
	set_fs_pwd(cur_fs(), nd.mnt, nd.dentry);
	path_release(&nd);
	return 0;
}

long sys_fchdir(unsigned int fd)
{
	struct file *file = fget(fd);
	long error = -ENOTDIR;

	if (!file)
		return -EBADF;
	if (S_ISDIR(file->f_dentry->d_inode->i_mode)) {
		set_fs_pwd(cur_fs(), file->f_vfsmnt, file->f_dentry);
		error = 0;
	}
	fput(file);
	return error;
}

/* Everyone is root: a file exists, and X_OK needs some execute bit (as Linux for root). */
long sys_faccessat(int dfd, const char __user *filename, int mode)
{
	struct nameidata nd;
	long res;

	if (mode & ~(F_OK | R_OK | W_OK | X_OK))
		return -EINVAL;
	res = __user_walk(dfd, filename, LOOKUP_FOLLOW, &nd);
	if (res)
		return res;
	if ((mode & X_OK) && !S_ISDIR(nd.dentry->d_inode->i_mode) &&
	    !(nd.dentry->d_inode->i_mode & (S_IXUSR | 0010 | 0001)))
		res = -EACCES;
	/* Writing would be refused on a read-only mount (devices and FIFOs aside), as Linux says. */
	else if ((mode & W_OK) && mnt_want_write(nd.mnt) &&
		 (S_ISREG(nd.dentry->d_inode->i_mode) || S_ISDIR(nd.dentry->d_inode->i_mode) ||
		  S_ISLNK(nd.dentry->d_inode->i_mode)))
		res = -EROFS;
	path_release(&nd);
	return res;
}

long sys_access(const char __user *filename, int mode)
{
	return sys_faccessat(AT_FDCWD, filename, mode);
}

long sys_umask(int mask)
{
	struct fs_struct *fs = cur_fs();
	int old = fs->umask;

	fs->umask = mask & 0777;
	return old;
}

/* getcwd(): the working directory's path, -ENOENT once it was removed, -ERANGE if too long. */
long sys_getcwd(char __user *buf, unsigned long size)
{
	struct fs_struct *fs = cur_fs();
	char *page = kmalloc(PATH_MAX, GFP_KERNEL), *cwd;
	long error;
	unsigned long len;

	if (!page)
		return -ENOMEM;
	error = -ENOENT;
	if (d_unhashed(fs->pwd) && fs->pwd->d_parent != fs->pwd)
		goto out;
	cwd = d_path(fs->pwd, fs->pwdmnt, page, PATH_MAX);
	error = PTR_ERR(cwd);
	if (IS_ERR(cwd))
		goto out;
	len = PATH_MAX + page - cwd;
	error = -ERANGE;
	if (len > size)
		goto out;
	error = len;
	if (copy_to_user(buf, cwd, len))
		error = -EFAULT;
out:
	kfree(page);
	return error;
}

long sys_fsync(unsigned int fd)
{
	struct file *file = fget(fd);
	long ret = 0;

	if (!file)
		return -EBADF;
	if (!file->f_op || !file->f_op->fsync)
		ret = -EINVAL;
	else
		ret = file->f_op->fsync(file, file->f_dentry, 0);
	fput(file);
	return ret;
}

long sys_fdatasync(unsigned int fd)
{
	struct file *file = fget(fd);
	long ret;

	if (!file)
		return -EBADF;
	if (!file->f_op || !file->f_op->fsync)
		ret = -EINVAL;
	else
		ret = file->f_op->fsync(file, file->f_dentry, 1);
	fput(file);
	return ret;
}

/* Nothing is on a disk: every page is already where it will stay. */
long sys_sync(void)
{
	return 0;
}

/* ---- mount(2), umount2(2) ---- */

static char *copy_mount_string(const char __user *s)
{
	return s ? getname(s) : NULL;
}

#define MS_RDONLY	1
#define MS_NOSUID	2
#define MS_NODEV	4
#define MS_NOEXEC	8
#define MS_SILENT	32768
#define MS_MGC_VAL	0xC0ED0000
#define MS_MGC_MSK	0xffff0000
#define MNT_FORCE	0x1
#define MNT_DETACH	0x2
#define MNT_EXPIRE	0x4
#define UMOUNT_NOFOLLOW	0x8

/* A new instance of a device-less file system (proc, ramfs, rootfs) at dir_name. */
long sys_mount(char __user *dev_name, char __user *dir_name, char __user *type,
	       unsigned long flags, void __user *data)
{
	char *kdev = NULL, *kdir, *ktype = NULL;
	long err;

	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	if (flags & ~(MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_SILENT))
		return -EINVAL;	/* remount, bind, move, propagation: not here */
	kdir = getname(dir_name);
	if (IS_ERR(kdir))
		return PTR_ERR(kdir);
	ktype = copy_mount_string(type);
	err = PTR_ERR(ktype);
	if (IS_ERR(ktype))
		goto out_dir;
	err = -ENODEV;
	if (!ktype || !get_fs_type(ktype))
		goto out_type;
	kdev = copy_mount_string(dev_name);
	if (IS_ERR(kdev)) {
		err = PTR_ERR(kdev);
		goto out_type;
	}
	err = do_mount(kdev ? kdev : "none", kdir, ktype, flags, NULL);
	if (kdev)
		putname(kdev);
out_type:
	if (ktype && !IS_ERR(ktype))
		putname(ktype);
out_dir:
	putname(kdir);
	return err;
}

long sys_umount(char __user *name, int flags)
{
	char *kname;
	long err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	kname = getname(name);
	if (IS_ERR(kname))
		return PTR_ERR(kname);
	err = do_umount_path(kname, flags);
	putname(kname);
	return err;
}

/*
 * chmod and chown (Linux's chmod_common/chown_common). Every task is
 * root, so the owner checks always pass. A chown of anything but a
 * directory drops set-user-ID, and set-group-ID where the group may
 * execute (Linux's ATTR_KILL_SUID/ATTR_KILL_SGID, even for root).
 */
static long chmod_common(struct dentry *dentry, umode_t mode)
{
	struct inode *inode = dentry->d_inode;

	inode->i_mode = (mode & S_IALLUGO) | (inode->i_mode & ~S_IALLUGO);
	inode->i_ctime = current_fs_time();
	return 0;
}

static long chown_common(struct dentry *dentry, unsigned int user, unsigned int group)
{
	struct inode *inode = dentry->d_inode;

	if (user != (unsigned int)-1)
		inode->i_uid = user;
	if (group != (unsigned int)-1)
		inode->i_gid = group;
	if (!S_ISDIR(inode->i_mode)) {
		inode->i_mode &= ~S_ISUID;
		if ((inode->i_mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
			inode->i_mode &= ~S_ISGID;
	}
	inode->i_ctime = current_fs_time();
	return 0;
}

/* The dentry a path names (lookup flags), handed to fn; -errno as the walk's. */
static long path_attr(int dfd, const char __user *filename, unsigned int lookup,
		      long (*fn)(struct dentry *, unsigned long, unsigned long),
		      unsigned long a, unsigned long b)
{
	struct nameidata nd;
	long error = __user_walk(dfd, filename, lookup, &nd);

	if (error)
		return error;
	/* Changing attributes writes to the file system (Linux's mnt_want_write()). */
	error = mnt_want_write(nd.mnt);
	if (!error)
		error = fn(nd.dentry, a, b);
	path_release(&nd);
	return error;
}

static long fd_attr(unsigned int fd, long (*fn)(struct dentry *, unsigned long, unsigned long),
		    unsigned long a, unsigned long b)
{
	struct file *file = fget(fd);
	long error;

	if (!file)
		return -EBADF;
	error = mnt_want_write(file->f_vfsmnt);
	if (!error)
		error = fn(file->f_dentry, a, b);
	fput(file);
	return error;
}

static long do_chmod(struct dentry *dentry, unsigned long mode, unsigned long unused)
{
	return chmod_common(dentry, (umode_t)mode);
}

static long do_chown(struct dentry *dentry, unsigned long user, unsigned long group)
{
	return chown_common(dentry, (unsigned int)user, (unsigned int)group);
}

long sys_fchmodat(int dfd, const char __user *filename, unsigned int mode)
{
	return path_attr(dfd, filename, LOOKUP_FOLLOW, do_chmod, mode, 0);
}

long sys_chmod(const char __user *filename, unsigned int mode)
{
	return sys_fchmodat(AT_FDCWD, filename, mode);
}

long sys_fchmod(unsigned int fd, unsigned int mode)
{
	return fd_attr(fd, do_chmod, mode, 0);
}

/* fchownat: AT_SYMLINK_NOFOLLOW changes a link itself; AT_EMPTY_PATH is not supported. */
long sys_fchownat(int dfd, const char __user *filename, unsigned int user, unsigned int group, int flag)
{
	if (flag & ~AT_SYMLINK_NOFOLLOW)
		return -EINVAL;
	return path_attr(dfd, filename, (flag & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW,
			 do_chown, user, group);
}

long sys_chown(const char __user *filename, unsigned int user, unsigned int group)
{
	return sys_fchownat(AT_FDCWD, filename, user, group, 0);
}

long sys_lchown(const char __user *filename, unsigned int user, unsigned int group)
{
	return sys_fchownat(AT_FDCWD, filename, user, group, AT_SYMLINK_NOFOLLOW);
}

long sys_fchown(unsigned int fd, unsigned int user, unsigned int group)
{
	return fd_attr(fd, do_chown, user, group);
}
