/*
 * File system types, super blocks and mounts (ULK 12.4): a type is
 * registered by name; mounting one makes a super block (get_sb) and a
 * vfsmount that ties its root to a dentry of the tree (the mount point).
 * Only file systems without a device exist here (rootfs, ramfs, proc),
 * so every mount makes a new super block (get_sb_nodev()).
 *
 * The root: init_mount_tree() mounts "rootfs" (a ramfs) as the top of the
 * tree and makes it init's root and working directory; the initramfs is
 * unpacked into it.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <bug.h>
#include <slab.h>
#include <sched.h>
#include <fs.h>

static struct file_system_type *file_systems;
static LIST_HEAD(super_blocks);
static LIST_HEAD(vfsmntlist);
static kmem_cache_t *mnt_cache;
struct vfsmount *root_vfsmnt;
unsigned long nr_mounts;

int register_filesystem(struct file_system_type *fs)
{
	struct file_system_type **p;

	for (p = &file_systems; *p; p = &(*p)->next)
		if (!strcmp((*p)->name, fs->name))
			return -EBUSY;
	fs->next = NULL;
	*p = fs;
	return 0;
}

struct file_system_type *get_fs_type(const char *name)
{
	struct file_system_type *fs;

	for (fs = file_systems; fs; fs = fs->next)
		if (!strcmp(fs->name, name))
			return fs;
	return NULL;
}

static struct super_block *alloc_super(struct file_system_type *type)
{
	struct super_block *s = kzalloc(sizeof(*s), GFP_KERNEL);

	if (!s)
		return NULL;
	INIT_LIST_HEAD(&s->s_inodes);
	s->s_type = type;
	s->s_blocksize = PAGE_SIZE;
	list_add_tail(&s->s_list, &super_blocks);
	return s;
}

static void destroy_super(struct super_block *s)
{
	list_del(&s->s_list);
	kfree(s);
}

/* A new super block filled by fill_super (which sets s_root); an ERR_PTR on failure. */
struct super_block *get_sb_nodev(struct file_system_type *fs_type, int flags, void *data,
				 int (*fill_super)(struct super_block *, void *, int))
{
	struct super_block *s = alloc_super(fs_type);
	int error;

	if (!s)
		return ERR_PTR(-ENOMEM);
	error = fill_super(s, data, 0);
	if (error) {
		if (s->s_root)
			dput(s->s_root);
		destroy_super(s);
		return ERR_PTR(error);
	}
	return s;
}

/*
 * The end of a file system whose files live only in its dentries
 * (ramfs, rootfs): every dentry below the root is unpinned and freed
 * (children before parents), which frees the inodes and their pages.
 */
static void kill_litter_dentries(struct dentry *dir)
{
	struct dentry *d, *next;

	list_for_each_entry_safe(d, next, &dir->d_subdirs, d_child) {
		dget(d);
		kill_litter_dentries(d);
		d_drop(d);
		if (d->d_inode && atomic_read(&d->d_count) > 1)
			dput(d);	/* the pin ramfs took when it made the file */
		dput(d);
	}
}

void kill_litter_super(struct super_block *sb)
{
	if (sb->s_root) {
		kill_litter_dentries(sb->s_root);
		dput(sb->s_root);
	}
	if (sb->s_op && sb->s_op->put_super)
		sb->s_op->put_super(sb);
	BUG_ON(!list_empty(&sb->s_inodes));
	destroy_super(sb);
}

/* f on every super block, then every mount (Linux's iterate_supers(); the leak check after init). */
void iterate_supers(void (*f)(struct super_block *, void *), void *arg)
{
	struct super_block *sb;

	list_for_each_entry(sb, &super_blocks, s_list)
		f(sb, arg);
}

void iterate_mounts(void (*f)(struct vfsmount *, void *), void *arg)
{
	struct vfsmount *mnt;

	list_for_each_entry(mnt, &vfsmntlist, mnt_list)
		f(mnt, arg);
}

static struct vfsmount *alloc_vfsmnt(const char *name)
{
	struct vfsmount *mnt = kmem_cache_alloc(mnt_cache, GFP_KERNEL);

	if (!mnt)
		return NULL;
	memset(mnt, 0, sizeof(*mnt));
	atomic_set(&mnt->mnt_count, 1);
	INIT_LIST_HEAD(&mnt->mnt_list);
	strlcpy(mnt->mnt_devname, name ? name : "none", sizeof(mnt->mnt_devname));
	nr_mounts++;
	return mnt;
}

/* A mount of a new instance of fstype, not yet attached anywhere (its own parent). */
struct vfsmount *do_kern_mount(const char *fstype, int flags, const char *name, void *data)
{
	struct file_system_type *type = get_fs_type(fstype);
	struct super_block *sb;
	struct vfsmount *mnt;

	if (!type)
		return ERR_PTR(-ENODEV);
	mnt = alloc_vfsmnt(name);
	if (!mnt)
		return ERR_PTR(-ENOMEM);
	sb = type->get_sb(type, flags, name, data);
	if (IS_ERR(sb)) {
		nr_mounts--;
		kmem_cache_free(mnt_cache, mnt);
		return ERR_PTR(PTR_ERR(sb));
	}
	sb->s_active++;
	mnt->mnt_sb = sb;
	mnt->mnt_root = dget(sb->s_root);
	mnt->mnt_mountpoint = sb->s_root;
	mnt->mnt_parent = mnt;
	return mnt;
}

struct vfsmount *mntget(struct vfsmount *mnt)
{
	if (mnt)
		atomic_inc(&mnt->mnt_count);
	return mnt;
}

/* The last reference to a detached mount ends its file system. */
void mntput(struct vfsmount *mnt)
{
	struct super_block *sb;

	if (!mnt)
		return;
	BUG_ON(atomic_read(&mnt->mnt_count) <= 0);
	if (!atomic_dec_and_test(&mnt->mnt_count))
		return;
	sb = mnt->mnt_sb;
	dput(mnt->mnt_root);
	nr_mounts--;
	kmem_cache_free(mnt_cache, mnt);
	if (!--sb->s_active)
		sb->s_type->kill_sb(sb);
}

struct vfsmount *lookup_mnt(struct vfsmount *mnt, struct dentry *dentry)
{
	struct vfsmount *p, *found = NULL;

	/* The last one mounted there covers the others. */
	list_for_each_entry(p, &vfsmntlist, mnt_list)
		if (p->mnt_parent == mnt && p->mnt_mountpoint == dentry)
			found = p;
	return mntget(found);
}

/* Into the mount on (*mnt, *dentry): 1 if there was one (references moved). */
int follow_down(struct vfsmount **mnt, struct dentry **dentry)
{
	struct vfsmount *mounted = lookup_mnt(*mnt, *dentry);

	if (!mounted)
		return 0;
	mntput(*mnt);
	*mnt = mounted;
	dput(*dentry);
	*dentry = dget(mounted->mnt_root);
	return 1;
}

/* From a mount's root out to its mount point: 0 at the top of the tree. */
int follow_up(struct vfsmount **mnt, struct dentry **dentry)
{
	struct vfsmount *parent = (*mnt)->mnt_parent;
	struct dentry *mountpoint;

	if (parent == *mnt)
		return 0;
	mntget(parent);
	mountpoint = dget((*mnt)->mnt_mountpoint);
	mntput(*mnt);
	*mnt = parent;
	dput(*dentry);
	*dentry = mountpoint;
	return 1;
}

/* Attach mnt on (nd->mnt, nd->dentry); the list holds a reference. */
static void attach_mnt(struct vfsmount *mnt, struct nameidata *nd)
{
	mnt->mnt_parent = mntget(nd->mnt);
	mnt->mnt_mountpoint = dget(nd->dentry);
	nd->dentry->d_mounted++;
	list_add_tail(&mnt->mnt_list, &vfsmntlist);
}

/* mount(2) for the file systems without a device: a new instance of type at dir_name. */
int do_mount(const char *dev_name, const char *dir_name, const char *type, unsigned long flags,
	     void *data)
{
	struct nameidata nd;
	struct vfsmount *mnt;
	int err;

	if (!type)
		return -EINVAL;
	err = path_lookup(dir_name, LOOKUP_FOLLOW, &nd);
	if (err)
		return err;
	err = -ENOTDIR;
	if (!S_ISDIR(nd.dentry->d_inode->i_mode))
		goto out;
	err = -ENOENT;
	if (d_unhashed(nd.dentry) || !nd.dentry->d_inode->i_nlink)
		goto out;
	mnt = do_kern_mount(type, flags, dev_name, data);
	err = PTR_ERR(mnt);
	if (IS_ERR(mnt))
		goto out;
	/* MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC (1, 2, 4, 8): Linux's do_new_mount(). */
	mnt->mnt_flags = (flags & 1 ? MNT_READONLY : 0) | (flags & 2 ? MNT_NOSUID : 0) |
			 (flags & 4 ? MNT_NODEV : 0) | (flags & 8 ? MNT_NOEXEC : 0);
	attach_mnt(mnt, &nd);
	err = 0;
out:
	path_release(&nd);
	return err;
}

/* umount2(2): the mount whose root dir_name names; -EBUSY while something uses it. */
int do_umount_path(const char *dir_name, int flags)
{
	struct vfsmount *mnt, *p;
	struct nameidata nd;
	int err;

	err = path_lookup(dir_name, LOOKUP_FOLLOW, &nd);
	if (err)
		return err;
	mnt = nd.mnt;
	err = -EINVAL;
	if (nd.dentry != mnt->mnt_root || mnt->mnt_parent == mnt)
		goto out;	/* not a mount point (or the root) */
	err = -EBUSY;
	list_for_each_entry(p, &vfsmntlist, mnt_list)
		if (p->mnt_parent == mnt)
			goto out;	/* something is mounted on it */
	/* References: the list's, nd's; anything more is an open file or a cwd. */
	if (atomic_read(&mnt->mnt_count) > 2)
		goto out;
	list_del_init(&mnt->mnt_list);
	mnt->mnt_mountpoint->d_mounted--;
	dput(mnt->mnt_mountpoint);
	mntput(mnt->mnt_parent);
	mnt->mnt_parent = mnt;
	mnt->mnt_mountpoint = mnt->mnt_root;
	path_release(&nd);
	mntput(mnt);		/* the list's: ends the file system */
	return 0;
out:
	path_release(&nd);
	return err;
}

/* The mount after mnt in /proc/mounts' order: the root first, then as mounted. */
struct vfsmount *next_mount(struct vfsmount *mnt)
{
	struct list_head *next = mnt == root_vfsmnt ? vfsmntlist.next : mnt->mnt_list.next;

	if (next == &vfsmntlist || (list_empty(&mnt->mnt_list) && mnt != root_vfsmnt))
		return NULL;
	return list_entry(next, struct vfsmount, mnt_list);
}

void mnt_init(void)
{
	mnt_cache = kmem_cache_create("mnt_cache", sizeof(struct vfsmount), 0, SLAB_PANIC,
				      NULL, NULL);
}
