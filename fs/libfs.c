/*
 * Helpers for file systems that keep everything in the dentry tree
 * (Linux's fs/libfs.c): directories read from d_subdirs, "." and ".."
 * first; lookups that find nothing (every existing name is already a
 * dentry); the link counting of unlink, rmdir and rename.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <fs.h>
#include <pagemap.h>

static unsigned int dt_type(struct inode *inode)
{
	return (inode->i_mode >> 12) & 15;
}

static bool dentry_listed(struct dentry *d)
{
	return !d_unhashed(d) && d->d_inode;
}

/*
 * readdir over the dentry tree, newest name first as Linux's
 * dcache_readdir() (its d_alloc() puts a child at the head of
 * d_subdirs; Mneme's at the tail, so this walks it backwards). f_pos 0
 * is ".", 1 "..", 2 the newest child; then READDIR_OLDER + k: the next
 * is the newest child with fewer than k older ones -- a name created
 * meanwhile is newer than all the listing has still to show, so it is
 * not shown and shifts nothing (Linux's cursor gives the same). A name
 * removed meanwhile from the older ones shifts them down, and the
 * listing may skip one; none is ever shown twice unless renamed (a
 * rename makes a name the newest).
 */
#define READDIR_OLDER	3
int dcache_readdir(struct file *filp, void *dirent, filldir_t filldir)
{
	struct dentry *dentry = filp->f_dentry, *d;
	loff_t pos = filp->f_pos, older = 0;

	if (pos == 0) {
		if (filldir(dirent, ".", 1, pos, dentry->d_inode->i_ino, DT_DIR) < 0)
			return 0;
		filp->f_pos = ++pos;
	}
	if (pos == 1) {
		if (filldir(dirent, "..", 2, pos, dentry->d_parent->d_inode->i_ino, DT_DIR) < 0)
			return 0;
		filp->f_pos = ++pos;
	}
	list_for_each_entry(d, &dentry->d_subdirs, d_child)
		older += dentry_listed(d);
	list_for_each_entry_reverse(d, &dentry->d_subdirs, d_child) {
		if (!dentry_listed(d))
			continue;
		older--;	/* now the number of listed children older than d */
		if (pos != 2 && older >= pos - READDIR_OLDER)
			continue;
		if (filldir(dirent, d->d_name.name, d->d_name.len, READDIR_OLDER + older + 1,
			    d->d_inode->i_ino, dt_type(d->d_inode)) < 0)
			return 0;
		filp->f_pos = pos = READDIR_OLDER + older;
	}
	filp->f_pos = READDIR_OLDER;	/* the end, whatever is created later */
	return 0;
}

loff_t dcache_dir_lseek(struct file *file, loff_t offset, int origin);
loff_t dcache_dir_lseek(struct file *file, loff_t offset, int origin)
{
	switch (origin) {
	case SEEK_CUR:
		offset += file->f_pos;
		/* fall through */
	case SEEK_SET:
		if (offset >= 0) {
			file->f_pos = offset;
			return offset;
		}
	}
	return -EINVAL;
}

const struct file_operations simple_dir_operations = {
	.llseek = dcache_dir_lseek,
	.readdir = dcache_readdir,
};

/* Every name that exists has a dentry: a lookup that reaches the file system finds nothing. */
struct dentry *simple_lookup(struct inode *dir, struct dentry *dentry, struct nameidata *nd);
struct dentry *simple_lookup(struct inode *dir, struct dentry *dentry, struct nameidata *nd)
{
	if (dentry->d_name.len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	return NULL;	/* stays negative */
}

int simple_link(struct dentry *old_dentry, struct inode *dir, struct dentry *dentry);
int simple_link(struct dentry *old_dentry, struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = old_dentry->d_inode;

	inode->i_ctime = dir->i_ctime = dir->i_mtime = current_fs_time();
	inode->i_nlink++;
	igrab(inode);
	d_instantiate(dentry, inode);
	dget(dentry);	/* pinned while linked */
	return 0;
}

int simple_empty(struct dentry *dentry);
int simple_empty(struct dentry *dentry)
{
	struct dentry *child;

	list_for_each_entry(child, &dentry->d_subdirs, d_child)
		if (!d_unhashed(child) && child->d_inode)
			return 0;
	return 1;
}

int simple_unlink(struct inode *dir, struct dentry *dentry);
int simple_unlink(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = dentry->d_inode;

	inode->i_ctime = dir->i_ctime = dir->i_mtime = current_fs_time();
	inode->i_nlink--;
	dput(dentry);	/* the pin */
	return 0;
}

int simple_rmdir(struct inode *dir, struct dentry *dentry);
int simple_rmdir(struct inode *dir, struct dentry *dentry)
{
	if (!simple_empty(dentry))
		return -ENOTEMPTY;
	dentry->d_inode->i_nlink--;	/* its "." */
	simple_unlink(dir, dentry);
	dir->i_nlink--;			/* its ".." */
	return 0;
}

int simple_rename(struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
		  struct dentry *new_dentry);
int simple_rename(struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
		  struct dentry *new_dentry)
{
	struct inode *inode = old_dentry->d_inode;
	int they_are_dirs = S_ISDIR(inode->i_mode);

	if (new_dentry->d_inode && !simple_empty(new_dentry))
		return -ENOTEMPTY;
	if (new_dentry->d_inode) {
		simple_unlink(new_dir, new_dentry);
		if (they_are_dirs) {
			new_dentry->d_inode->i_nlink--;
			old_dir->i_nlink--;
		}
	} else if (they_are_dirs) {
		old_dir->i_nlink--;
		new_dir->i_nlink++;
	}
	old_dir->i_ctime = old_dir->i_mtime = new_dir->i_ctime = new_dir->i_mtime =
		inode->i_ctime = current_fs_time();
	return 0;
}

/* The page cache's set_page_dirty for memory-only files. */
int simple_setsize(struct dentry *dentry, loff_t size);
int simple_setsize(struct dentry *dentry, loff_t size)
{
	struct inode *inode = dentry->d_inode;
	loff_t old = inode->i_size;

	if (size < 0)
		return -EINVAL;
	if ((u64)size > MAX_LFS_FILESIZE)
		return -EFBIG;
	inode->i_size = size;
	if (size < old)
		truncate_pagecache(inode, old, size);
	inode->i_mtime = inode->i_ctime = current_fs_time();
	return 0;
}
