/* Helpers of the file-system suites (fs_test_util.h). */
#include <slab.h>
#include "fs_test_util.h"

/*
 * Remove everything below dir through the VFS itself, allocating
 * nothing (the dentries are all cached: ramfs keeps every name), so that
 * a case's cleanup works even under fail_slab=1. A file system mounted
 * below is unmounted first.
 */
static void remove_below(struct vfsmount *mnt, struct dentry *dir)
{
	struct inode *di = dir->d_inode;
	struct dentry *d, *next;

	list_for_each_entry_safe(d, next, &dir->d_subdirs, d_child) {
		struct inode *inode = d->d_inode;

		if (d_unhashed(d) || !inode)
			continue;
		dget(d);
		if (d->d_mounted) {
			struct vfsmount *m = lookup_mnt(mnt, d);

			if (m) {
				remove_below(m, m->mnt_root);
				mntput(m);
			}
		}
		down(&di->i_sem);
		if (S_ISDIR(inode->i_mode)) {
			up(&di->i_sem);
			remove_below(mnt, d);
			down(&di->i_sem);
			vfs_rmdir(di, d);
		} else {
			vfs_unlink(di, d);
		}
		up(&di->i_sem);
		dput(d);
	}
}

void fs_test_remove_tree(const char *path)
{
	mm_segment_t old_fs = get_fs();
	struct nameidata nd;

	set_fs(KERNEL_DS);
	/* A ramfs mounted on the directory itself or below: off first. */
	while (do_umount_path(path, 0) == 0)
		;
	if (!path_lookup(path, 0, &nd)) {
		struct dentry *parent = dget(nd.dentry->d_parent);
		struct inode *dir = parent->d_inode;

		if (S_ISDIR(nd.dentry->d_inode->i_mode))
			remove_below(nd.mnt, nd.dentry);
		down(&dir->i_sem);
		if (S_ISDIR(nd.dentry->d_inode->i_mode))
			vfs_rmdir(dir, nd.dentry);
		else
			vfs_unlink(dir, nd.dentry);
		up(&dir->i_sem);
		dput(parent);
		path_release(&nd);
	}
	set_fs(old_fs);
}

struct fs_begin {
	mm_segment_t old_fs;
	char dir[64];
	char cwd[64];
};

static void fs_test_end(void *arg)
{
	struct fs_begin *b = arg;
	struct fs_struct *fs = current->fs ? current->fs : init_fs_struct();

	/* Back to the root without allocating (chdir("/") could fail under fault injection). */
	set_fs_pwd(fs, fs->rootmnt, fs->root);
	fs_test_remove_tree(b->dir);
	set_fs(b->old_fs);
	kfree(b);
}

int fs_test_begin(struct ktest *t, const char *dir)
{
	struct fs_begin *b = kmalloc(sizeof(*b), GFP_KERNEL);
	long err;

	if (!b)
		return -ENOMEM;
	b->old_fs = get_fs();
	strlcpy(b->dir, dir, sizeof(b->dir));
	set_fs(KERNEL_DS);
	fs_test_remove_tree(dir);
	err = ktest_add_action_or_reset(t, fs_test_end, b);
	if (err)
		return err;
	return sys_mkdir(U(dir), 0755);
}

long fs_test_write_file(const char *path, const void *buf, unsigned long len)
{
	long fd = sys_open(U(path), O_WRONLY | O_CREAT | O_TRUNC, 0644), n;

	if (fd < 0)
		return fd;
	n = sys_write(fd, U(buf), len);
	sys_close(fd);
	return n < 0 ? n : (unsigned long)n == len ? 0 : -EIO;
}

long fs_test_read_file(const char *path, void *buf, unsigned long len)
{
	long fd = sys_open(U(path), O_RDONLY, 0), n;

	if (fd < 0)
		return fd;
	n = sys_read(fd, U(buf), len);
	sys_close(fd);
	return n;
}

static void close_fd_action(void *arg)
{
	sys_close((long)arg);
}

long fs_test_open(struct ktest *t, const char *path, int flags, int mode)
{
	long fd = sys_open(U(path), flags, mode);

	if (fd >= 0 && ktest_add_action_or_reset(t, close_fd_action, (void *)fd))
		return -ENOMEM;
	return fd;
}

void fs_test_close(struct ktest *t, long fd)
{
	ktest_release_action(t, close_fd_action, (void *)fd);
}
