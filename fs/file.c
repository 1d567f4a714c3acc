/*
 * Per-process file state (ULK 12.2.6): the descriptor table
 * (files_struct: an array of struct file pointers with the open_fds and
 * close_on_exec bitmaps) and the fs_struct (root, working directory,
 * umask). Both are shared with CLONE_FILES / CLONE_FS and copied
 * otherwise: copy_files()/copy_fs() for fork, exit_files()/exit_fs() for
 * exit. The boot thread and the kernel threads share init_files and
 * init_fs (a task whose pointers are still NULL uses them too).
 *
 * The table has NR_OPEN_DEFAULT slots (256, Linux's first expansion
 * step); a process that wants more gets -EMFILE.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <bitops.h>
#include <bug.h>
#include <slab.h>
#include <sched.h>
#include <fs.h>

#define FD_LONGS	(NR_OPEN_DEFAULT / BITS_PER_LONG)

struct files_with_table {
	struct files_struct files;
	struct file *fd_array[NR_OPEN_DEFAULT];
	unsigned long open_fds[FD_LONGS];
	unsigned long close_on_exec[FD_LONGS];
};

static struct files_with_table init_files_table;
static struct fs_struct init_fs = { .count = ATOMIC_INIT(1), .umask = 0022 };
static kmem_cache_t *files_cachep, *fs_cachep;

struct fs_struct *init_fs_struct(void)
{
	return &init_fs;
}

static void files_table_init(struct files_with_table *f)
{
	memset(f, 0, sizeof(*f));
	atomic_set(&f->files.count, 1);
	spin_lock_init(&f->files.file_lock);
	f->files.fdt.max_fds = NR_OPEN_DEFAULT;
	f->files.fdt.fd = f->fd_array;
	f->files.fdt.open_fds = f->open_fds;
	f->files.fdt.close_on_exec = f->close_on_exec;
}

static struct files_struct *cur_files(void)
{
	if (current->files)
		return current->files;
	if (!init_files_table.files.fdt.fd)
		files_table_init(&init_files_table);
	return &init_files_table.files;
}

struct files_struct *alloc_files(void)
{
	struct files_with_table *f = kmem_cache_alloc(files_cachep, GFP_KERNEL);

	if (!f)
		return NULL;
	files_table_init(f);
	return &f->files;
}

/* The lowest free descriptor >= start, marked in use (the file comes with fd_install()). */
int get_unused_fd_flags(unsigned int flags, unsigned int start)
{
	struct files_struct *files = cur_files();
	struct fdtable *fdt = &files->fdt;
	unsigned int fd;

	spin_lock(&files->file_lock);
	if (start < files->next_fd)
		start = files->next_fd;
	for (fd = start; fd < fdt->max_fds; fd++) {
		if (!(fd % BITS_PER_LONG) && fdt->open_fds[fd / BITS_PER_LONG] == ~0UL) {
			fd += BITS_PER_LONG - 1;	/* a full word */
			continue;
		}
		if (!test_bit(fd, fdt->open_fds))
			break;
	}
	if (fd >= fdt->max_fds) {
		spin_unlock(&files->file_lock);
		return -EMFILE;
	}
	__set_bit(fd, fdt->open_fds);
	if (flags & O_CLOEXEC)
		__set_bit(fd, fdt->close_on_exec);
	else
		__clear_bit(fd, fdt->close_on_exec);
	if (start <= files->next_fd)
		files->next_fd = fd + 1;
	BUG_ON(fdt->fd[fd]);
	spin_unlock(&files->file_lock);
	return fd;
}

int get_unused_fd(void)
{
	return get_unused_fd_flags(0, 0);
}

static void __put_unused_fd(struct files_struct *files, unsigned int fd)
{
	__clear_bit(fd, files->fdt.open_fds);
	if (fd < files->next_fd)
		files->next_fd = fd;
}

void put_unused_fd(unsigned int fd)
{
	struct files_struct *files = cur_files();

	spin_lock(&files->file_lock);
	__put_unused_fd(files, fd);
	spin_unlock(&files->file_lock);
}

void fd_install(unsigned int fd, struct file *file)
{
	struct files_struct *files = cur_files();

	spin_lock(&files->file_lock);
	BUG_ON(files->fdt.fd[fd]);
	files->fdt.fd[fd] = file;
	spin_unlock(&files->file_lock);
}

void set_close_on_exec(unsigned int fd, int flag)
{
	struct files_struct *files = cur_files();

	spin_lock(&files->file_lock);
	if (flag)
		__set_bit(fd, files->fdt.close_on_exec);
	else
		__clear_bit(fd, files->fdt.close_on_exec);
	spin_unlock(&files->file_lock);
}

int get_close_on_exec(unsigned int fd);
int get_close_on_exec(unsigned int fd)
{
	return test_bit(fd, cur_files()->fdt.close_on_exec);
}

/* The file open at fd, with a reference; NULL if none. */
struct file *fget(unsigned int fd)
{
	struct files_struct *files = cur_files();
	struct file *file = NULL;

	spin_lock(&files->file_lock);
	if (fd < files->fdt.max_fds) {
		file = files->fdt.fd[fd];
		if (file)
			get_file(file);
	}
	spin_unlock(&files->file_lock);
	return file;
}

/* Take fd out of the table: its file (whose reference the caller drops), or NULL. */
struct file *fd_remove(unsigned int fd);
struct file *fd_remove(unsigned int fd)
{
	struct files_struct *files = cur_files();
	struct file *file = NULL;

	spin_lock(&files->file_lock);
	if (fd < files->fdt.max_fds && (file = files->fdt.fd[fd])) {
		files->fdt.fd[fd] = NULL;
		__clear_bit(fd, files->fdt.close_on_exec);
		__put_unused_fd(files, fd);
	}
	spin_unlock(&files->file_lock);
	return file;
}

/*
 * dup2()'s core: install file at newfd, closing what was there; the
 * reference to file is the table's. -EBUSY if newfd is reserved by an
 * open() in progress (Linux's answer).
 */
int fd_replace(unsigned int newfd, struct file *file, unsigned int flags);
int fd_replace(unsigned int newfd, struct file *file, unsigned int flags)
{
	struct files_struct *files = cur_files();
	struct fdtable *fdt = &files->fdt;
	struct file *tofree;

	spin_lock(&files->file_lock);
	if (newfd >= fdt->max_fds) {
		spin_unlock(&files->file_lock);
		fput(file);
		return -EBADF;
	}
	tofree = fdt->fd[newfd];
	if (!tofree && test_bit(newfd, fdt->open_fds)) {
		spin_unlock(&files->file_lock);
		fput(file);
		return -EBUSY;
	}
	fdt->fd[newfd] = file;
	__set_bit(newfd, fdt->open_fds);
	if (flags & O_CLOEXEC)
		__set_bit(newfd, fdt->close_on_exec);
	else
		__clear_bit(newfd, fdt->close_on_exec);
	spin_unlock(&files->file_lock);
	if (tofree)
		filp_close(tofree);
	return newfd;
}

static struct files_struct *dup_fd(struct files_struct *oldf)
{
	struct files_struct *newf = alloc_files();
	unsigned int i;

	if (!newf)
		return NULL;
	spin_lock(&oldf->file_lock);
	for (i = 0; i < oldf->fdt.max_fds; i++) {
		struct file *f = oldf->fdt.fd[i];

		if (f) {
			newf->fdt.fd[i] = get_file(f);
			__set_bit(i, newf->fdt.open_fds);
			if (test_bit(i, oldf->fdt.close_on_exec))
				__set_bit(i, newf->fdt.close_on_exec);
		}
	}
	newf->next_fd = oldf->next_fd;
	spin_unlock(&oldf->file_lock);
	return newf;
}

/* fork: share the table (CLONE_FILES) or copy it, each open file counted once more. */
int copy_files(unsigned long clone_flags, struct task_struct *tsk)
{
	struct files_struct *oldf = cur_files();

	if (clone_flags & CLONE_FILES) {
		atomic_inc(&oldf->count);
		tsk->files = oldf;
		return 0;
	}
	tsk->files = dup_fd(oldf);
	return tsk->files ? 0 : -ENOMEM;
}

/* A table of current's own, a copy of the one it shared (Linux 2.6's unshare_files()). */
int unshare_files(void)
{
	struct files_struct *old = current->files;
	int err;

	if (old && atomic_read(&old->count) == 1)
		return 0;
	err = copy_files(0, current);
	if (err)
		current->files = old;
	else if (old)
		put_files_struct(old);
	return err;
}

static void close_files(struct files_struct *files)
{
	unsigned int i;

	for (i = 0; i < files->fdt.max_fds; i++) {
		struct file *f = files->fdt.fd[i];

		if (f) {
			files->fdt.fd[i] = NULL;
			__put_unused_fd(files, i);
			filp_close(f);
		}
	}
}

void put_files_struct(struct files_struct *files)
{
	if (atomic_dec_and_test(&files->count)) {
		close_files(files);
		if (files != &init_files_table.files)
			kmem_cache_free(files_cachep, container_of(files, struct files_with_table,
								   files));
	}
}

void exit_files(struct task_struct *tsk)
{
	struct files_struct *files = tsk->files;

	if (files) {
		tsk->files = NULL;
		put_files_struct(files);
	}
}

void flush_old_files(struct files_struct *files)
{
	unsigned int i;

	for (i = 0; i < files->fdt.max_fds; i++) {
		struct file *f;

		if (!test_bit(i, files->fdt.close_on_exec))
			continue;
		spin_lock(&files->file_lock);
		f = files->fdt.fd[i];
		files->fdt.fd[i] = NULL;
		__clear_bit(i, files->fdt.close_on_exec);
		__put_unused_fd(files, i);
		spin_unlock(&files->file_lock);
		if (f)
			filp_close(f);
	}
}

/* ---- fs_struct ---- */

void set_fs_root(struct fs_struct *fs, struct vfsmount *mnt, struct dentry *dentry)
{
	struct dentry *old_root = fs->root;
	struct vfsmount *old_rootmnt = fs->rootmnt;

	fs->rootmnt = mntget(mnt);
	fs->root = dget(dentry);
	if (old_root) {
		dput(old_root);
		mntput(old_rootmnt);
	}
}

void set_fs_pwd(struct fs_struct *fs, struct vfsmount *mnt, struct dentry *dentry)
{
	struct dentry *old_pwd = fs->pwd;
	struct vfsmount *old_pwdmnt = fs->pwdmnt;

	fs->pwdmnt = mntget(mnt);
	fs->pwd = dget(dentry);
	if (old_pwd) {
		dput(old_pwd);
		mntput(old_pwdmnt);
	}
}

int copy_fs(unsigned long clone_flags, struct task_struct *tsk)
{
	struct fs_struct *old = current->fs ? current->fs : &init_fs, *fs;

	if (clone_flags & CLONE_FS) {
		atomic_inc(&old->count);
		tsk->fs = old;
		return 0;
	}
	fs = kmem_cache_alloc(fs_cachep, GFP_KERNEL);
	if (!fs)
		return -ENOMEM;
	atomic_set(&fs->count, 1);
	fs->umask = old->umask;
	fs->root = fs->pwd = NULL;
	fs->rootmnt = fs->pwdmnt = NULL;
	if (old->root) {
		set_fs_root(fs, old->rootmnt, old->root);
		set_fs_pwd(fs, old->pwdmnt, old->pwd);
	}
	tsk->fs = fs;
	return 0;
}

void put_fs_struct(struct fs_struct *fs)
{
	if (atomic_dec_and_test(&fs->count)) {
		BUG_ON(fs == &init_fs);
		dput(fs->root);
		mntput(fs->rootmnt);
		dput(fs->pwd);
		mntput(fs->pwdmnt);
		kmem_cache_free(fs_cachep, fs);
	}
}

void exit_fs(struct task_struct *tsk)
{
	struct fs_struct *fs = tsk->fs;

	if (fs) {
		tsk->fs = NULL;
		put_fs_struct(fs);
	}
}

void files_struct_init(void);
void files_struct_init(void)
{
	files_cachep = kmem_cache_create("files_cache", sizeof(struct files_with_table), 0,
					 SLAB_PANIC, NULL, NULL);
	fs_cachep = kmem_cache_create("fs_cache", sizeof(struct fs_struct), 0, SLAB_PANIC,
				      NULL, NULL);
	cur_files();	/* init_files ready */
}
