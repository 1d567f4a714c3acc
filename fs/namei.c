/*
 * Path name lookup (ULK 12.5): a path is walked one component at a time
 * from the process's root ("/...") or its working directory (or, for the
 * *at() calls, a directory descriptor), crossing mount points downwards
 * (a dentry with d_mounted) and upwards (".." at a mount's root), and
 * following symbolic links: every one met before the last component, and
 * the last one with LOOKUP_FOLLOW. Symlinks nest at most MAX_NESTED_LINKS
 * deep and at most MAX_LINK_COUNT are followed in one lookup: -ELOOP.
 *
 * Errors as Linux: -ENOENT (a missing component, an empty path),
 * -ENOTDIR (a component that is not a directory, or a trailing "/" after
 * one), -ENAMETOOLONG (a component over NAME_MAX, a path over PATH_MAX).
 * Every process is root here: no permission is ever refused.
 *
 * Then the operations on names, vfs_create() .. vfs_rename(), each
 * checking what Linux checks before calling the file system's inode
 * operation with the parent directory's i_sem held.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <bug.h>
#include <slab.h>
#include <sched.h>
#include <fs.h>
#include <syscalls.h>
#include <asm/uaccess.h>

static struct fs_struct *cur_fs(void)
{
	return current->fs ? current->fs : init_fs_struct();
}

/* ---- Path names from user space ---- */

/* A kernel copy of a user path (PATH_MAX bytes, from names_cachep); an ERR_PTR. */
char *getname(const char __user *filename)
{
	char *tmp = kmalloc(PATH_MAX, GFP_KERNEL);
	long len;

	if (!tmp)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(tmp, filename, PATH_MAX);
	if (len < 0) {
		kfree(tmp);
		return ERR_PTR(len);
	}
	if (len == PATH_MAX) {
		kfree(tmp);
		return ERR_PTR(-ENAMETOOLONG);
	}
	if (!len) {
		kfree(tmp);
		return ERR_PTR(-ENOENT);
	}
	return tmp;
}

void putname(const char *name)
{
	kfree(name);
}

void path_release(struct nameidata *nd)
{
	dput(nd->dentry);
	mntput(nd->mnt);
}

/* ---- One component ---- */

static struct dentry *cached_lookup(struct dentry *parent, struct qstr *name, struct nameidata *nd)
{
	struct dentry *dentry = d_lookup(parent, name);

	if (dentry && dentry->d_op && dentry->d_op->d_revalidate &&
	    !dentry->d_op->d_revalidate(dentry, nd)) {
		d_drop(dentry);
		dput(dentry);
		dentry = NULL;
	}
	return dentry;
}

/*
 * The child name of base, with base's i_sem held by the caller: from the
 * dentry cache, or a new dentry the file system's lookup() instantiates
 * (or leaves negative). A reference is returned; an ERR_PTR on failure.
 */
static struct dentry *__lookup_hash(struct qstr *name, struct dentry *base, struct nameidata *nd)
{
	struct inode *dir = base->d_inode;
	struct dentry *dentry, *result;

	if (!dir->i_op || !dir->i_op->lookup)
		return ERR_PTR(-ENOTDIR);
	dentry = cached_lookup(base, name, nd);
	if (dentry)
		return dentry;
	dentry = d_alloc(base, name);
	if (!dentry)
		return ERR_PTR(-ENOMEM);
	result = dir->i_op->lookup(dir, dentry, nd);
	if (result) {
		dput(dentry);
		return result;
	}
	return dentry;
}

/* The walk's lookup of one component: the cache first, else under the directory's i_sem. */
static struct dentry *do_lookup(struct dentry *parent, struct qstr *name, struct nameidata *nd)
{
	struct dentry *dentry = cached_lookup(parent, name, nd);
	struct inode *dir = parent->d_inode;

	if (dentry)
		return dentry;
	if (!dir->i_op || !dir->i_op->lookup)
		return ERR_PTR(-ENOTDIR);
	down(&dir->i_sem);
	dentry = __lookup_hash(name, parent, nd);
	up(&dir->i_sem);
	return dentry;
}

/* The name of len bytes in base (base's i_sem held; no '/'): a dentry, maybe negative. */
struct dentry *lookup_one_len(const char *name, struct dentry *base, int len)
{
	struct qstr this = { .name = name, .len = len };

	if (!len)
		return ERR_PTR(-EACCES);
	if (len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	if (memchr(name, '/', len))
		return ERR_PTR(-EACCES);
	return __lookup_hash(&this, base, NULL);
}

/* Down through every mount stacked on path. */
static void follow_mount(struct vfsmount **mnt, struct dentry **dentry)
{
	while ((*dentry)->d_mounted && follow_down(mnt, dentry))
		;
}

/* ".." (ULK 12.5.1): not above the process's root; up out of a mount's root first. */
static void follow_dotdot(struct nameidata *nd)
{
	struct fs_struct *fs = cur_fs();

	for (;;) {
		struct dentry *old = nd->dentry;

		if (nd->dentry == fs->root && nd->mnt == fs->rootmnt)
			break;
		if (nd->dentry != nd->mnt->mnt_root) {
			nd->dentry = dget(nd->dentry->d_parent);
			dput(old);
			break;
		}
		if (!follow_up(&nd->mnt, &nd->dentry))
			break;	/* the top of the mount tree */
	}
	follow_mount(&nd->mnt, &nd->dentry);
}

static int link_path_walk(const char *name, struct nameidata *nd);

/* Make the walk start again at the process's root. */
static void set_root(struct nameidata *nd)
{
	struct fs_struct *fs = cur_fs();

	path_release(nd);
	nd->mnt = mntget(fs->rootmnt);
	nd->dentry = dget(fs->root);
}

/*
 * Follow the symlink dentry (in the directory nd is at): its text is
 * walked from there (or from the root if it starts with '/'). flags: what
 * the walk of the text must find (LOOKUP_FOLLOW and, for a symlink
 * before the last component, LOOKUP_DIRECTORY).
 */
static int do_follow_link(struct dentry *dentry, struct nameidata *nd, unsigned int flags)
{
	struct inode *inode = dentry->d_inode;
	unsigned int saved_flags = nd->flags;
	void *cookie = NULL;
	const char *link;
	int err;

	if (nd->depth >= MAX_NESTED_LINKS || nd->total_links >= MAX_LINK_COUNT) {
		path_release(nd);
		return -ELOOP;
	}
	link = inode->i_op->follow_link(dentry, &cookie);
	if (IS_ERR(link)) {
		path_release(nd);
		return PTR_ERR(link);
	}
	nd->depth++;
	nd->total_links++;
	inode->i_atime = current_fs_time();
	if (*link == '/')
		set_root(nd);
	nd->flags = flags;
	err = link_path_walk(link, nd);
	nd->flags = saved_flags;
	nd->depth--;
	if (inode->i_op->put_link)
		inode->i_op->put_link(dentry, cookie);
	return err;
}

/*
 * Walk name from nd (which holds references to its dentry and mount);
 * on success nd holds the result, on failure nothing (path_release()
 * done). LOOKUP_PARENT stops before the last component, leaving it in
 * nd->last and its kind in nd->last_type.
 */
static int link_path_walk(const char *name, struct nameidata *nd)
{
	unsigned int lookup_flags = nd->flags;
	int err;

	while (*name == '/')
		name++;
	if (!*name) {
		nd->last_type = LAST_ROOT;
		nd->last.name = name;
		nd->last.len = 0;
		return 0;
	}
	for (;;) {
		struct inode *inode = nd->dentry->d_inode;
		struct qstr this;
		struct vfsmount *mnt;
		struct dentry *dentry;
		bool last, trailing = false;

		err = -ENOENT;
		if (!inode)
			break;
		err = -ENOTDIR;
		if (!S_ISDIR(inode->i_mode) || !inode->i_op || !inode->i_op->lookup)
			break;
		this.name = name;
		while (*name && *name != '/')
			name++;
		this.len = name - this.name;
		err = -ENAMETOOLONG;
		if (this.len > NAME_MAX)
			break;
		while (*name == '/') {
			name++;
			trailing = true;
		}
		last = !*name;
		if (last && trailing)
			lookup_flags |= LOOKUP_FOLLOW | LOOKUP_DIRECTORY;
		if (last && (lookup_flags & LOOKUP_PARENT)) {
			nd->last = this;
			nd->last_type = LAST_NORM;
			if (this.len == 1 && this.name[0] == '.')
				nd->last_type = LAST_DOT;
			else if (this.len == 2 && this.name[0] == '.' && this.name[1] == '.')
				nd->last_type = LAST_DOTDOT;
			nd->flags = lookup_flags;
			return 0;
		}
		if (this.len == 1 && this.name[0] == '.') {
			dentry = NULL;
		} else if (this.len == 2 && this.name[0] == '.' && this.name[1] == '.') {
			follow_dotdot(nd);
			dentry = NULL;
		} else {
			dentry = do_lookup(nd->dentry, &this, nd);
			err = PTR_ERR(dentry);
			if (IS_ERR(dentry))
				break;
		}
		if (dentry) {
			mnt = mntget(nd->mnt);
			follow_mount(&mnt, &dentry);
			inode = dentry->d_inode;
			if (!inode) {
				err = -ENOENT;
				dput(dentry);
				mntput(mnt);
				break;
			}
			if (inode->i_op && inode->i_op->follow_link &&
			    (!last || (lookup_flags & LOOKUP_FOLLOW))) {
				/* The walk of the text moves nd; mnt and dentry are the link's. */
				err = do_follow_link(dentry, nd, LOOKUP_FOLLOW |
						     (last ? (lookup_flags & LOOKUP_DIRECTORY) :
						      LOOKUP_DIRECTORY));
				dput(dentry);
				mntput(mnt);
				if (err)
					return err;	/* nd already released */
			} else {
				dput(nd->dentry);
				mntput(nd->mnt);
				nd->dentry = dentry;
				nd->mnt = mnt;
			}
		}
		if (last) {
			inode = nd->dentry->d_inode;
			err = -ENOENT;
			if (!inode)
				break;
			err = -ENOTDIR;
			if ((lookup_flags & LOOKUP_DIRECTORY) && !S_ISDIR(inode->i_mode))
				break;
			return 0;
		}
	}
	path_release(nd);
	return err;
}

/* Where a walk of name starts: the root, the working directory, or dfd's directory. */
static int path_init(int dfd, const char *name, unsigned int flags, struct nameidata *nd)
{
	struct fs_struct *fs = cur_fs();

	nd->flags = flags;
	nd->depth = 0;
	nd->total_links = 0;
	nd->last_type = LAST_ROOT;
	if (*name == '/') {
		nd->mnt = mntget(fs->rootmnt);
		nd->dentry = dget(fs->root);
	} else if (dfd == AT_FDCWD) {
		nd->mnt = mntget(fs->pwdmnt);
		nd->dentry = dget(fs->pwd);
	} else {
		struct file *file = fget(dfd);

		if (!file)
			return -EBADF;
		if (!S_ISDIR(file->f_dentry->d_inode->i_mode)) {
			fput(file);
			return -ENOTDIR;
		}
		nd->mnt = mntget(file->f_vfsmnt);
		nd->dentry = dget(file->f_dentry);
		fput(file);
	}
	return 0;
}

int path_lookupat(int dfd, const char *name, unsigned int flags, struct nameidata *nd)
{
	int err;

	if (!*name)
		return -ENOENT;
	err = path_init(dfd, name, flags, nd);
	if (err)
		return err;
	return link_path_walk(name, nd);
}

int path_lookup(const char *name, unsigned int flags, struct nameidata *nd)
{
	return path_lookupat(AT_FDCWD, name, flags, nd);
}

int __user_walk(int dfd, const char __user *name, unsigned int flags, struct nameidata *nd)
{
	char *tmp = getname(name);
	int err;

	if (IS_ERR(tmp))
		return PTR_ERR(tmp);
	err = path_lookupat(dfd, tmp, flags, nd);
	putname(tmp);
	return err;
}

/*
 * After a LOOKUP_PARENT walk: the dentry of the last component, to be
 * created (negative) -- with the parent's i_sem held, which the caller
 * releases. -EEXIST handling is the caller's.
 */
struct dentry *lookup_create(struct nameidata *nd, int is_dir)
{
	struct dentry *dentry;

	down(&nd->dentry->d_inode->i_sem);
	if (nd->last_type != LAST_NORM)
		return ERR_PTR(-EEXIST);
	if (nd->last.len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	dentry = __lookup_hash(&nd->last, nd->dentry, nd);
	if (IS_ERR(dentry))
		return dentry;
	/* "name/" names a directory: only mkdir may create it. */
	if (!is_dir && nd->last.name[nd->last.len] && !dentry->d_inode) {
		dput(dentry);
		return ERR_PTR(-ENOENT);
	}
	/* A name that exists is EEXIST (the vfs_* call says so), a new one on a read-only mount EROFS. */
	if (!dentry->d_inode && mnt_want_write(nd->mnt)) {
		dput(dentry);
		return ERR_PTR(-EROFS);
	}
	return dentry;
}

/* ---- The operations on names ---- */

static int may_create(struct inode *dir, struct dentry *child)
{
	if (child->d_inode)
		return -EEXIST;
	if (!dir->i_nlink)	/* the directory was removed */
		return -ENOENT;
	return 0;
}

/* Whether victim may be removed from dir (rmdir if isdir, else unlink). */
static int may_delete(struct inode *dir, struct dentry *victim, int isdir)
{
	if (!victim->d_inode)
		return -ENOENT;
	BUG_ON(victim->d_parent->d_inode != dir);
	if (isdir) {
		if (!S_ISDIR(victim->d_inode->i_mode))
			return -ENOTDIR;
		if (victim->d_parent == victim)
			return -EBUSY;
	} else if (S_ISDIR(victim->d_inode->i_mode)) {
		return -EISDIR;
	}
	return 0;
}

int vfs_create(struct inode *dir, struct dentry *dentry, int mode, struct nameidata *nd)
{
	int error = may_create(dir, dentry);

	if (error)
		return error;
	if (!dir->i_op || !dir->i_op->create)
		return -EACCES;
	return dir->i_op->create(dir, dentry, (mode & S_IALLUGO) | S_IFREG, nd);
}

int vfs_mknod(struct inode *dir, struct dentry *dentry, int mode, dev_t dev)
{
	int error = may_create(dir, dentry);

	if (error)
		return error;
	if (!dir->i_op || !dir->i_op->mknod)
		return -EPERM;
	return dir->i_op->mknod(dir, dentry, mode, dev);
}

int vfs_mkdir(struct inode *dir, struct dentry *dentry, int mode)
{
	int error = may_create(dir, dentry);

	if (error)
		return error;
	if (!dir->i_op || !dir->i_op->mkdir)
		return -EPERM;
	return dir->i_op->mkdir(dir, dentry, mode & (S_IRWXU | S_IRWXG | S_IRWXO | S_ISVTX));
}

int vfs_symlink(struct inode *dir, struct dentry *dentry, const char *oldname)
{
	int error = may_create(dir, dentry);

	if (error)
		return error;
	if (!dir->i_op || !dir->i_op->symlink)
		return -EPERM;
	return dir->i_op->symlink(dir, dentry, oldname);
}

int vfs_link(struct dentry *old_dentry, struct inode *dir, struct dentry *new_dentry)
{
	struct inode *inode = old_dentry->d_inode;
	int error;

	if (!inode)
		return -ENOENT;
	error = may_create(dir, new_dentry);
	if (error)
		return error;
	if (dir->i_sb != inode->i_sb)
		return -EXDEV;
	if (S_ISDIR(inode->i_mode))
		return -EPERM;
	if (!dir->i_op || !dir->i_op->link)
		return -EPERM;
	return dir->i_op->link(old_dentry, dir, new_dentry);
}

/* A dentry something is mounted on cannot go. */
int vfs_unlink(struct inode *dir, struct dentry *dentry)
{
	int error = may_delete(dir, dentry, 0);

	if (error)
		return error;
	if (!dir->i_op || !dir->i_op->unlink)
		return -EPERM;
	if (dentry->d_mounted)
		return -EBUSY;
	error = dir->i_op->unlink(dir, dentry);
	if (!error)
		d_delete(dentry);
	return error;
}

int vfs_rmdir(struct inode *dir, struct dentry *dentry)
{
	int error = may_delete(dir, dentry, 1);

	if (error)
		return error;
	if (!dir->i_op || !dir->i_op->rmdir)
		return -EPERM;
	if (dentry->d_mounted)
		return -EBUSY;
	shrink_dcache_parent(dentry);
	down(&dentry->d_inode->i_sem);
	error = dir->i_op->rmdir(dir, dentry);
	up(&dentry->d_inode->i_sem);
	if (!error)
		d_delete(dentry);
	return error;
}

/* Is a an ancestor of b (or b itself)? */
static int is_subdir(struct dentry *b, struct dentry *a)
{
	for (;;) {
		if (b == a)
			return 1;
		if (b->d_parent == b)
			return 0;
		b = b->d_parent;
	}
}

/*
 * rename (ULK 12.6 and Linux's vfs_rename_dir/other): the checks, then
 * the file system's rename, then d_move(). The caller holds both
 * directories' i_sem.
 */
int vfs_rename(struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
	       struct dentry *new_dentry)
{
	int is_dir = S_ISDIR(old_dentry->d_inode->i_mode);
	int error;

	if (old_dentry->d_inode == new_dentry->d_inode)
		return 0;
	error = may_delete(old_dir, old_dentry, is_dir);
	if (error)
		return error;
	if (!new_dentry->d_inode)
		error = may_create(new_dir, new_dentry);
	else
		error = may_delete(new_dir, new_dentry, is_dir);
	if (error)
		return error;
	if (!old_dir->i_op || !old_dir->i_op->rename)
		return -EPERM;
	/* A directory cannot move below itself. */
	if (is_dir && is_subdir(new_dentry->d_parent, old_dentry))
		return -EINVAL;
	if (old_dentry->d_mounted || new_dentry->d_mounted)
		return -EBUSY;
	if (new_dentry->d_inode && is_dir)
		shrink_dcache_parent(new_dentry);
	error = old_dir->i_op->rename(old_dir, old_dentry, new_dir, new_dentry);
	if (!error)
		d_move(old_dentry, new_dentry);
	return error;
}

int vfs_readlink(struct dentry *dentry, char __user *buffer, int buflen, const char *link)
{
	int len = strlen(link);

	if (len > buflen)
		len = buflen;
	if (copy_to_user(buffer, link, len))
		return -EFAULT;
	return len;
}

/* ---- open() (ULK 12.6.1, Linux's open_namei()) ---- */

int may_open(struct nameidata *nd, int flag)
{
	struct inode *inode = nd->dentry->d_inode;

	if (!inode)
		return -ENOENT;
	if (S_ISLNK(inode->i_mode))
		return -ELOOP;
	if (S_ISDIR(inode->i_mode) && (flag & O_ACCMODE) != O_RDONLY)
		return -EISDIR;
	if (S_ISDIR(inode->i_mode) && (flag & O_TRUNC))
		return -EISDIR;
	if ((flag & O_DIRECTORY) && !S_ISDIR(inode->i_mode))
		return -ENOTDIR;
	/* Linux's may_open_dev() and do_dentry_open()'s write access to the mount. */
	if ((S_ISCHR(inode->i_mode) || S_ISBLK(inode->i_mode)) && (nd->mnt->mnt_flags & MNT_NODEV))
		return -EACCES;
	if (((flag & O_ACCMODE) != O_RDONLY || (flag & O_TRUNC)) && mnt_want_write(nd->mnt) &&
	    (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode) || S_ISLNK(inode->i_mode)))
		return -EROFS;
	if ((flag & O_TRUNC) && S_ISREG(inode->i_mode) && (flag & O_ACCMODE) != O_RDONLY) {
		int error = do_truncate(nd->dentry, 0);

		if (error)
			return error;
	}
	return 0;
}

/*
 * The dentry an open() of pathname names, created if O_CREAT asks (with
 * mode less the umask); nd holds it on success.
 */
int open_namei(int dfd, const char *pathname, int flag, int mode, struct nameidata *nd)
{
	struct dentry *dentry;
	struct inode *dir;
	int error;

	if (!(flag & O_CREAT)) {
		error = path_lookupat(dfd, pathname,
				      ((flag & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW) |
				      ((flag & O_DIRECTORY) ? LOOKUP_DIRECTORY : 0), nd);
		if (error)
			return error;
		goto ok;
	}
	error = path_lookupat(dfd, pathname, LOOKUP_PARENT, nd);
	if (error)
		return error;
	/* "dir/" and "." or ".." can only be opened, not created. */
	error = -EISDIR;
	if (nd->last_type != LAST_NORM || nd->last.name[nd->last.len])
		goto exit;
	dir = nd->dentry->d_inode;
	down(&dir->i_sem);
	dentry = __lookup_hash(&nd->last, nd->dentry, nd);
	if (IS_ERR(dentry)) {
		up(&dir->i_sem);
		error = PTR_ERR(dentry);
		goto exit;
	}
	if (!dentry->d_inode) {
		error = mnt_want_write(nd->mnt);
		if (!error)
			error = vfs_create(dir, dentry, mode & ~cur_fs()->umask, nd);
		up(&dir->i_sem);
		dput(nd->dentry);
		nd->dentry = dentry;
		if (error)
			goto exit;
		return 0;	/* new: no truncation to do */
	}
	up(&dir->i_sem);
	error = -EEXIST;
	if (flag & O_EXCL) {
		dput(dentry);
		goto exit;
	}
	follow_mount(&nd->mnt, &dentry);
	if (dentry->d_inode->i_op && dentry->d_inode->i_op->follow_link) {
		if (flag & O_NOFOLLOW) {
			dput(dentry);
			error = -ELOOP;
			goto exit;
		}
		/* Follow it from the directory it is in, as the last component. */
		error = do_follow_link(dentry, nd, LOOKUP_FOLLOW);
		dput(dentry);
		if (error)
			return error;
		goto ok;
	}
	dput(nd->dentry);
	nd->dentry = dentry;
	if (S_ISDIR(dentry->d_inode->i_mode)) {
		error = -EISDIR;
		goto exit;
	}
ok:
	error = may_open(nd, flag);
	if (error)
		goto exit;
	return 0;
exit:
	path_release(nd);
	return error;
}

/* ---- The system calls on names ---- */

/* The node types mknod makes (Linux's may_mknod(), checked before the lookup). */
static long may_mknod(int mode)
{
	switch (mode & S_IFMT) {
	case 0:
	case S_IFREG:
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		return 0;
	case S_IFDIR:
		return -EPERM;
	}
	return -EINVAL;
}

static long do_mknodat(int dfd, const char __user *filename, int mode, dev_t dev)
{
	char *tmp;
	struct dentry *dentry;
	struct nameidata nd;
	long error = may_mknod(mode);

	if (error)
		return error;
	tmp = getname(filename);
	if (IS_ERR(tmp))
		return PTR_ERR(tmp);
	error = path_lookupat(dfd, tmp, LOOKUP_PARENT, &nd);
	if (error)
		goto out;
	dentry = lookup_create(&nd, 0);
	error = PTR_ERR(dentry);
	if (!IS_ERR(dentry)) {
		mode &= ~cur_fs()->umask;
		switch (mode & S_IFMT) {
		case 0:
		case S_IFREG:
			error = vfs_create(nd.dentry->d_inode, dentry, mode, &nd);
			break;
		case S_IFCHR:
		case S_IFBLK:
			/* Device nodes need CAP_MKNOD (Linux's vfs_mknod()). */
			if (!capable(CAP_MKNOD)) {
				error = -EPERM;
				break;
			}
			/* fall through */
		default:	/* S_IFIFO, S_IFSOCK */
			error = vfs_mknod(nd.dentry->d_inode, dentry, mode, dev);
		}
		dput(dentry);
	}
	up(&nd.dentry->d_inode->i_sem);
	path_release(&nd);
out:
	putname(tmp);
	return error;
}

long sys_mknodat(int dfd, const char __user *filename, int mode, unsigned int dev)
{
	return do_mknodat(dfd, filename, mode, dev);
}

long sys_mknod(const char __user *filename, int mode, unsigned int dev)
{
	return do_mknodat(AT_FDCWD, filename, mode, dev);
}

long sys_mkdirat(int dfd, const char __user *pathname, int mode)
{
	char *tmp = getname(pathname);
	struct dentry *dentry;
	struct nameidata nd;
	long error;

	if (IS_ERR(tmp))
		return PTR_ERR(tmp);
	error = path_lookupat(dfd, tmp, LOOKUP_PARENT, &nd);
	if (error)
		goto out;
	dentry = lookup_create(&nd, 1);
	error = PTR_ERR(dentry);
	if (!IS_ERR(dentry)) {
		error = vfs_mkdir(nd.dentry->d_inode, dentry, mode & ~cur_fs()->umask);
		dput(dentry);
	}
	up(&nd.dentry->d_inode->i_sem);
	path_release(&nd);
out:
	putname(tmp);
	return error;
}

long sys_mkdir(const char __user *pathname, int mode)
{
	return sys_mkdirat(AT_FDCWD, pathname, mode);
}

static long do_rmdir(int dfd, const char __user *pathname)
{
	char *name = getname(pathname);
	struct dentry *dentry;
	struct nameidata nd;
	long error;

	if (IS_ERR(name))
		return PTR_ERR(name);
	error = path_lookupat(dfd, name, LOOKUP_PARENT, &nd);
	if (error)
		goto exit;
	switch (nd.last_type) {
	case LAST_DOTDOT:
		error = -ENOTEMPTY;
		goto exit1;
	case LAST_DOT:
		error = -EINVAL;
		goto exit1;
	case LAST_ROOT:
		error = -EBUSY;
		goto exit1;
	}
	error = mnt_want_write(nd.mnt);
	if (error)
		goto exit1;
	down(&nd.dentry->d_inode->i_sem);
	dentry = __lookup_hash(&nd.last, nd.dentry, &nd);
	error = PTR_ERR(dentry);
	if (!IS_ERR(dentry)) {
		error = vfs_rmdir(nd.dentry->d_inode, dentry);
		dput(dentry);
	}
	up(&nd.dentry->d_inode->i_sem);
exit1:
	path_release(&nd);
exit:
	putname(name);
	return error;
}

long sys_rmdir(const char __user *pathname)
{
	return do_rmdir(AT_FDCWD, pathname);
}

static long do_unlinkat(int dfd, const char __user *pathname)
{
	char *name = getname(pathname);
	struct dentry *dentry;
	struct nameidata nd;
	long error;

	if (IS_ERR(name))
		return PTR_ERR(name);
	error = path_lookupat(dfd, name, LOOKUP_PARENT, &nd);
	if (error)
		goto exit;
	error = -EISDIR;
	if (nd.last_type != LAST_NORM)
		goto exit1;
	error = mnt_want_write(nd.mnt);
	if (error)
		goto exit1;
	down(&nd.dentry->d_inode->i_sem);
	dentry = __lookup_hash(&nd.last, nd.dentry, &nd);
	error = PTR_ERR(dentry);
	if (!IS_ERR(dentry)) {
		/* "name/" for a file that is not a directory */
		if (nd.last.name[nd.last.len])
			error = !dentry->d_inode ? -ENOENT :
				S_ISDIR(dentry->d_inode->i_mode) ? -EISDIR : -ENOTDIR;
		else
			error = vfs_unlink(nd.dentry->d_inode, dentry);
		dput(dentry);
	}
	up(&nd.dentry->d_inode->i_sem);
exit1:
	path_release(&nd);
exit:
	putname(name);
	return error;
}

long sys_unlinkat(int dfd, const char __user *pathname, int flag)
{
	if (flag & ~AT_REMOVEDIR)
		return -EINVAL;
	if (flag & AT_REMOVEDIR)
		return do_rmdir(dfd, pathname);
	return do_unlinkat(dfd, pathname);
}

long sys_unlink(const char __user *pathname)
{
	return do_unlinkat(AT_FDCWD, pathname);
}

long sys_symlinkat(const char __user *oldname, int newdfd, const char __user *newname)
{
	char *from = getname(oldname), *to;
	struct dentry *dentry;
	struct nameidata nd;
	long error;

	if (IS_ERR(from))
		return PTR_ERR(from);
	to = getname(newname);
	error = PTR_ERR(to);
	if (IS_ERR(to))
		goto out;
	error = path_lookupat(newdfd, to, LOOKUP_PARENT, &nd);
	if (error)
		goto out2;
	dentry = lookup_create(&nd, 0);
	error = PTR_ERR(dentry);
	if (!IS_ERR(dentry)) {
		error = vfs_symlink(nd.dentry->d_inode, dentry, from);
		dput(dentry);
	}
	up(&nd.dentry->d_inode->i_sem);
	path_release(&nd);
out2:
	putname(to);
out:
	putname(from);
	return error;
}

long sys_symlink(const char __user *oldname, const char __user *newname)
{
	return sys_symlinkat(oldname, AT_FDCWD, newname);
}

long sys_linkat(int olddfd, const char __user *oldname, int newdfd, const char __user *newname,
		int flags)
{
	struct nameidata old_nd, nd;
	struct dentry *new_dentry;
	char *to;
	long error;

	if (flags & ~AT_SYMLINK_FOLLOW)
		return -EINVAL;
	to = getname(newname);
	if (IS_ERR(to))
		return PTR_ERR(to);
	error = __user_walk(olddfd, oldname, (flags & AT_SYMLINK_FOLLOW) ? LOOKUP_FOLLOW : 0,
			    &old_nd);
	if (error)
		goto exit;
	error = path_lookupat(newdfd, to, LOOKUP_PARENT, &nd);
	if (error)
		goto out;
	/* The new name first (EEXIST, EROFS), then EXDEV, as Linux's do_linkat(). */
	new_dentry = lookup_create(&nd, 0);
	error = PTR_ERR(new_dentry);
	if (!IS_ERR(new_dentry)) {
		error = old_nd.mnt != nd.mnt ? -EXDEV :
			vfs_link(old_nd.dentry, nd.dentry->d_inode, new_dentry);
		dput(new_dentry);
	}
	up(&nd.dentry->d_inode->i_sem);
	path_release(&nd);
out:
	path_release(&old_nd);
exit:
	putname(to);
	return error;
}

long sys_link(const char __user *oldname, const char __user *newname)
{
	return sys_linkat(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}

/* Lock two directories' i_sem (one CPU, no deadlock across order here: same order every time). */
static void lock_rename(struct inode *a, struct inode *b)
{
	down(&a->i_sem);
	if (b != a)
		down(&b->i_sem);
}

static void unlock_rename(struct inode *a, struct inode *b)
{
	if (b != a)
		up(&b->i_sem);
	up(&a->i_sem);
}

static long do_rename(int olddfd, const char *oldname, int newdfd, const char *newname)
{
	struct dentry *old_dentry, *new_dentry;
	struct nameidata oldnd, newnd;
	struct inode *old_dir, *new_dir;
	long error;

	error = path_lookupat(olddfd, oldname, LOOKUP_PARENT, &oldnd);
	if (error)
		return error;
	error = path_lookupat(newdfd, newname, LOOKUP_PARENT, &newnd);
	if (error)
		goto exit1;
	error = -EXDEV;
	if (oldnd.mnt != newnd.mnt)
		goto exit2;
	error = -EBUSY;
	if (oldnd.last_type != LAST_NORM || newnd.last_type != LAST_NORM)
		goto exit2;
	error = mnt_want_write(oldnd.mnt);
	if (error)
		goto exit2;
	old_dir = oldnd.dentry->d_inode;
	new_dir = newnd.dentry->d_inode;
	lock_rename(old_dir, new_dir);
	old_dentry = __lookup_hash(&oldnd.last, oldnd.dentry, &oldnd);
	error = PTR_ERR(old_dentry);
	if (IS_ERR(old_dentry))
		goto exit3;
	error = -ENOENT;
	if (!old_dentry->d_inode)
		goto exit4;
	/* A trailing slash is allowed only on directories. */
	if (!S_ISDIR(old_dentry->d_inode->i_mode)) {
		error = -ENOTDIR;
		if (oldnd.last.name[oldnd.last.len] || newnd.last.name[newnd.last.len])
			goto exit4;
	}
	new_dentry = __lookup_hash(&newnd.last, newnd.dentry, &newnd);
	error = PTR_ERR(new_dentry);
	if (IS_ERR(new_dentry))
		goto exit4;
	error = vfs_rename(old_dir, old_dentry, new_dir, new_dentry);
	dput(new_dentry);
exit4:
	dput(old_dentry);
exit3:
	unlock_rename(old_dir, new_dir);
exit2:
	path_release(&newnd);
exit1:
	path_release(&oldnd);
	return error;
}

long sys_renameat(int olddfd, const char __user *oldname, int newdfd, const char __user *newname)
{
	char *from = getname(oldname), *to;
	long error;

	if (IS_ERR(from))
		return PTR_ERR(from);
	to = getname(newname);
	error = PTR_ERR(to);
	if (!IS_ERR(to)) {
		error = do_rename(olddfd, from, newdfd, to);
		putname(to);
	}
	putname(from);
	return error;
}

long sys_rename(const char __user *oldname, const char __user *newname)
{
	return sys_renameat(AT_FDCWD, oldname, AT_FDCWD, newname);
}
