/*
 * Open files (ULK 12.2.3): struct file from the filp slab cache, shared by
 * dup() and fork() through f_count; the last fput() calls the release
 * operation and drops the dentry and the mount.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <bug.h>
#include <slab.h>
#include <sched.h>
#include <fs.h>

static kmem_cache_t *filp_cachep;
unsigned long nr_files;

struct file *get_empty_filp(void)
{
	struct file *f = kmem_cache_alloc(filp_cachep, GFP_KERNEL);

	if (!f)
		return NULL;
	memset(f, 0, sizeof(*f));
	atomic_set(&f->f_count, 1);
	nr_files++;
	return f;
}

/* A file that was never opened: no release, no dentry. */
void put_filp(struct file *file)
{
	if (atomic_dec_and_test(&file->f_count)) {
		nr_files--;
		kmem_cache_free(filp_cachep, file);
	}
}

void fput(struct file *file)
{
	struct dentry *dentry;
	struct vfsmount *mnt;

	BUG_ON(atomic_read(&file->f_count) <= 0);
	if (!atomic_dec_and_test(&file->f_count))
		return;
	dentry = file->f_dentry;
	mnt = file->f_vfsmnt;
	if (file->f_op && file->f_op->release)
		file->f_op->release(dentry->d_inode, file);
	nr_files--;
	kmem_cache_free(filp_cachep, file);
	dput(dentry);
	mntput(mnt);
}

/* An open file for (dentry, mnt), whose references it takes over; an ERR_PTR. */
struct file *dentry_open(struct dentry *dentry, struct vfsmount *mnt, int flags)
{
	struct inode *inode = dentry->d_inode;
	struct file *f = get_empty_filp();
	int error;

	if (!f) {
		dput(dentry);
		mntput(mnt);
		return ERR_PTR(-ENFILE);
	}
	f->f_flags = flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC);
	f->f_mode = ((flags + 1) & O_ACCMODE) | FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE;
	f->f_dentry = dentry;
	f->f_vfsmnt = mnt;
	f->f_mapping = inode->i_mapping;
	f->f_pos = 0;
	f->f_op = inode->i_fop;
	if (f->f_op && f->f_op->open) {
		error = f->f_op->open(inode, f);
		if (error) {
			f->f_op = NULL;	/* no release for what did not open */
			fput(f);
			return ERR_PTR(error);
		}
	}
	return f;
}

/* open() from the kernel: a path, O_* flags, a mode for O_CREAT. */
struct file *filp_open(const char *filename, int flags, int mode)
{
	struct nameidata nd;
	int error;

	error = open_namei(AT_FDCWD, filename, flags, mode, &nd);
	if (error)
		return ERR_PTR(error);
	return dentry_open(nd.dentry, nd.mnt, flags);
}

int filp_close(struct file *filp)
{
	if (!atomic_read(&filp->f_count)) {
		printk(KERN_ERR "VFS: Close: file count is 0\n");
		return 0;
	}
	fput(filp);
	return 0;
}

void files_init(void)
{
	filp_cachep = kmem_cache_create("filp", sizeof(struct file), 0, SLAB_PANIC, NULL, NULL);
}
