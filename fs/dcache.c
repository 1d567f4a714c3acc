/*
 * Dentries (ULK 12.2.4, 12.3): the tree of names. Each dentry holds a
 * reference to its parent and to its inode; children hang on the
 * parent's d_subdirs list and d_lookup() walks that list (Mneme keeps no
 * dentry hash table: a RAM file system's directories are short, and the
 * list is what a reader of the tree wants to see anyway).
 *
 * A dentry whose count drops to 0 is freed at once if it is negative,
 * unhashed (deleted) or its d_op->d_delete says so; otherwise it stays,
 * unused, for the next lookup (Linux's dentry cache; ramfs pins its
 * dentries with an extra count instead, so they stay while linked).
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <bug.h>
#include <slab.h>
#include <sched.h>
#include <fs.h>
#include <shmem_fs.h>
#include <tty.h>

static kmem_cache_t *dentry_cache;
unsigned long nr_dentries;

struct dentry *d_alloc(struct dentry *parent, const struct qstr *name)
{
	struct dentry *dentry = kmem_cache_alloc(dentry_cache, GFP_KERNEL);
	char *dname;

	if (!dentry)
		return NULL;
	if (name->len >= DNAME_INLINE_LEN) {
		dname = kmalloc(name->len + 1, GFP_KERNEL);
		if (!dname) {
			kmem_cache_free(dentry_cache, dentry);
			return NULL;
		}
	} else {
		dname = dentry->d_iname;
	}
	memcpy(dname, name->name, name->len);
	dname[name->len] = 0;
	dentry->d_name.name = dname;
	dentry->d_name.len = name->len;
	atomic_set(&dentry->d_count, 1);
	dentry->d_flags = 0;
	dentry->d_inode = NULL;
	dentry->d_mounted = 0;
	dentry->d_time = 0;
	dentry->d_op = NULL;
	INIT_LIST_HEAD(&dentry->d_subdirs);
	if (parent) {
		dentry->d_parent = dget(parent);
		dentry->d_sb = parent->d_sb;
		list_add_tail(&dentry->d_child, &parent->d_subdirs);
	} else {
		dentry->d_parent = dentry;
		dentry->d_sb = NULL;
		INIT_LIST_HEAD(&dentry->d_child);
	}
	nr_dentries++;
	return dentry;
}

struct dentry *d_alloc_root(struct inode *root_inode)
{
	static const struct qstr name = { .name = "/", .len = 1 };
	struct dentry *res = NULL;

	if (root_inode) {
		res = d_alloc(NULL, &name);
		if (res) {
			res->d_sb = root_inode->i_sb;
			d_instantiate(res, root_inode);
		}
	}
	return res;
}

void d_instantiate(struct dentry *dentry, struct inode *inode)
{
	BUG_ON(dentry->d_inode);
	dentry->d_inode = inode;
}

/* The child of parent named name, with a reference; NULL if none is cached. */
struct dentry *d_lookup(struct dentry *parent, const struct qstr *name)
{
	struct dentry *d;

	list_for_each_entry(d, &parent->d_subdirs, d_child) {
		if (d_unhashed(d) || d->d_name.len != name->len ||
		    memcmp(d->d_name.name, name->name, name->len))
			continue;
		return dget(d);
	}
	return NULL;
}

/* Unhashed: no lookup finds it any more; freed at its last dput(). */
void d_drop(struct dentry *dentry)
{
	dentry->d_flags |= DCACHE_UNHASHED;
}

/* The name was unlinked: the dentry goes (negative dentries are not kept). */
void d_delete(struct dentry *dentry)
{
	d_drop(dentry);
}

/* Free one dentry with a count of 0; returns its parent, whose count it held. */
static struct dentry *d_kill(struct dentry *dentry)
{
	struct dentry *parent = dentry->d_parent;
	struct inode *inode = dentry->d_inode;

	BUG_ON(!list_empty(&dentry->d_subdirs));
	if (parent != dentry)
		list_del(&dentry->d_child);
	dentry->d_inode = NULL;
	if (inode)
		iput(inode);
	if (dentry->d_name.name != dentry->d_iname)
		kfree(dentry->d_name.name);
	kmem_cache_free(dentry_cache, dentry);
	nr_dentries--;
	return parent == dentry ? NULL : parent;
}

void dput(struct dentry *dentry)
{
	while (dentry) {
		BUG_ON(atomic_read(&dentry->d_count) <= 0);
		if (!atomic_dec_and_test(&dentry->d_count))
			return;
		if (!d_unhashed(dentry) && dentry->d_inode && dentry->d_parent != dentry &&
		    !(dentry->d_op && dentry->d_op->d_delete && dentry->d_op->d_delete(dentry)))
			return;	/* unused, kept for the next lookup */
		dentry = d_kill(dentry);
	}
}

/*
 * Free the unused dentries below parent (procfs's stale entries,
 * umount's tree): those with a count of 0, deepest first.
 */
void shrink_dcache_parent(struct dentry *parent)
{
	struct dentry *d, *next;

	list_for_each_entry_safe(d, next, &parent->d_subdirs, d_child) {
		shrink_dcache_parent(d);
		if (!atomic_read(&d->d_count) && list_empty(&d->d_subdirs)) {
			d_drop(d);
			d_kill(d);
			/* The count d held on parent (the caller holds another). */
			atomic_dec(&parent->d_count);
		}
	}
}

/* rename(): dentry takes target's name and place; target is unhashed. */
void d_move(struct dentry *dentry, struct dentry *target)
{
	struct dentry *old_parent = dentry->d_parent;
	const char *old_name = dentry->d_name.name;
	char *dname = dentry->d_iname;

	if (target->d_name.len >= DNAME_INLINE_LEN)
		dname = kmalloc(target->d_name.len + 1, GFP_KERNEL | __GFP_NOFAIL);
	memcpy(dname, target->d_name.name, target->d_name.len);
	dname[target->d_name.len] = 0;
	dentry->d_name.name = dname;
	dentry->d_name.len = target->d_name.len;
	if (old_name != dentry->d_iname)
		kfree(old_name);
	d_drop(target);
	if (target->d_parent != old_parent) {
		list_del(&dentry->d_child);
		dentry->d_parent = dget(target->d_parent);
		list_add_tail(&dentry->d_child, &dentry->d_parent->d_subdirs);
		dput(old_parent);
	} else {
		/* Same directory: the new name takes the target's place in the listing. */
		list_del(&dentry->d_child);
		list_add_tail(&dentry->d_child, &old_parent->d_subdirs);
	}
}

/*
 * The path of (dentry, mnt) from the process's root, written at the end
 * of buf; mounts are crossed through mnt_mountpoint. A deleted file gets
 * Linux's " (deleted)" suffix.
 */
char *d_path(struct dentry *dentry, struct vfsmount *vfsmnt, char *buf, int buflen)
{
	struct fs_struct *fs = current->fs;
	char *end = buf + buflen, *retval;
	int namelen;

	if (buflen < 2)
		return ERR_PTR(-ENAMETOOLONG);
	*--end = '\0';
	buflen--;
	if (d_unhashed(dentry) && dentry->d_parent != dentry) {
		static const char deleted[] = " (deleted)";

		if (buflen < (int)sizeof(deleted))
			return ERR_PTR(-ENAMETOOLONG);
		end -= sizeof(deleted) - 1;
		buflen -= sizeof(deleted) - 1;
		memcpy(end, deleted, sizeof(deleted) - 1);
	}
	retval = end - 1;
	*retval = '/';
	for (;;) {
		struct dentry *parent;

		if (fs && dentry == fs->root && vfsmnt == fs->rootmnt)
			break;
		if (dentry == vfsmnt->mnt_root || dentry->d_parent == dentry) {
			if (vfsmnt->mnt_parent == vfsmnt)
				break;	/* the top of the mount tree */
			dentry = vfsmnt->mnt_mountpoint;
			vfsmnt = vfsmnt->mnt_parent;
			continue;
		}
		parent = dentry->d_parent;
		namelen = dentry->d_name.len;
		buflen -= namelen + 1;
		if (buflen < 0)
			return ERR_PTR(-ENAMETOOLONG);
		end -= namelen;
		memcpy(end, dentry->d_name.name, namelen);
		*--end = '/';
		retval = end;
		dentry = parent;
	}
	return retval;
}

void dcache_init(void)
{
	dentry_cache = kmem_cache_create("dentry_cache", sizeof(struct dentry), 0, SLAB_PANIC,
					 NULL, NULL);
}

void files_struct_init(void);
void pipe_init(void);

/*
 * The VFS at boot (Linux's vfs_caches_init() and mnt_init()): the slab
 * caches of dentries, inodes, files, descriptor tables and mounts, the
 * file system types, the root (a rootfs mount, the root and working
 * directory of every task that shares init's fs_struct), pipefs, and the
 * console's line discipline.
 */
void vfs_caches_init(void)
{
	dcache_init();
	inodes_init();
	files_init();
	files_struct_init();
	mnt_init();
	init_rootfs();
	init_mount_tree();
	pipe_init();
	shmem_init();
	proc_root_init();
	console_tty_init();
}
