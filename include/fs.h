/*
 * The virtual file system (ULK chapter 12): the objects every file
 * system fills in and the system calls work on.
 *
 *   task_struct --files--> files_struct --fd[]--> file --f_dentry--> dentry --d_inode--> inode
 *               --fs-----> fs_struct (root, pwd, umask)        (f_vfsmnt: the mount it came through)
 *
 *   inode     one per file: mode, size, link count, times, operations,
 *             and i_mapping, the address_space whose pages hold the data
 *             (include/pagemap.h)
 *   dentry    one per name: d_name in d_parent, the inode it names (NULL
 *             for a negative dentry), its children (d_subdirs); the tree
 *             of dentries is the name space, kept in memory as long as
 *             the files exist (ramfs has no disk to read names back from)
 *   vfsmount  a mounted file system: its root dentry, where it is mounted
 *             (mnt_mountpoint in mnt_parent); a dentry with d_mounted set
 *             is covered by one
 *   file      an open file: position, flags, mode, operations, a count
 *             shared by dup() and fork()
 *
 * Reference counts: dget()/dput() for dentries, iget (i_count)/iput()
 * for inodes, get_file()/fput() for files, mntget()/mntput(). A dentry
 * holds its inode and its parent; an open file holds its dentry and its
 * mount. Locking (one CPU, a non-preemptible kernel): directory
 * operations hold the directory's i_sem, as Linux 2.6.
 */
#ifndef _MNEME_FS_H
#define _MNEME_FS_H

#include <types.h>
#include <fs_types.h>
#include <atomic.h>
#include <list.h>
#include <semaphore.h>
#include <spinlock.h>
#include <err.h>
#include <errno.h>
#include <pagemap.h>

struct page;
struct task_struct;
struct vm_area_struct;
struct seq_file;
struct poll_table_struct;


/* File types and permissions (Linux's stat.h, checked by tests/uapi). */
#define S_IFMT		00170000
#define S_IFSOCK	0140000
#define S_IFLNK		0120000
#define S_IFREG		0100000
#define S_IFBLK		0060000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFIFO		0010000
#define S_ISUID		0004000
#define S_ISGID		0002000
#define S_ISVTX		0001000
#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)	(((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m)	(((m) & S_IFMT) == S_IFSOCK)
#define S_IRWXU		00700
#define S_IRUSR		00400
#define S_IWUSR		00200
#define S_IXUSR		00100
#define S_IRWXG		00070
#define S_IXGRP		00010
#define S_IRWXO		00007
#define S_IALLUGO	(S_ISUID | S_ISGID | S_ISVTX | S_IRWXU | S_IRWXG | S_IRWXO)

/* open() flags (asm-generic/fcntl.h, i386 values). */
#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_DSYNC		00010000
#define O_DIRECT	00040000
#define O_LARGEFILE	00100000
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_NOATIME	01000000
#define O_CLOEXEC	02000000
#define O_PATH		010000000

/* fcntl() commands and flags. */
#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_DUPFD_CLOEXEC	1030
#define FD_CLOEXEC	1

/* *at() system calls. */
#define AT_FDCWD		-100
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_REMOVEDIR		0x200
#define AT_SYMLINK_FOLLOW	0x400
#define AT_EACCESS		0x200
#define AT_NO_AUTOMOUNT		0x800	/* nothing automounts here: accepted, no effect */
#define AT_EMPTY_PATH		0x1000

/* lseek() */
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2

/* access() */
#define F_OK		0
#define X_OK		1
#define W_OK		2
#define R_OK		4

/* d_type of getdents64 (the inode type's top bits). */
#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

/* f_mode: what the open allows (Linux's FMODE_*). */
#define FMODE_READ	0x1
#define FMODE_WRITE	0x2
#define FMODE_LSEEK	0x4
#define FMODE_PREAD	0x8
#define FMODE_PWRITE	0x10
#define FMODE_UNSIGNED_OFFSET	0x2000	/* negative positions are large ones (/proc/<pid>/mem) */

#define NAME_MAX	255	/* a path component */
#define PATH_MAX	4096	/* a whole path, its NUL included */
#define MAX_NESTED_LINKS 8	/* symlinks followed inside one another (ELOOP beyond) */
#define MAX_LINK_COUNT	40	/* symlinks followed in one lookup */
#define NR_OPEN_DEFAULT	256	/* descriptors per process (RLIMIT_NOFILE's default is 1024) */
#define MAX_LFS_FILESIZE (((u64)PAGE_SIZE << (32 - 1)) - 1)	/* page index fits in 31 bits */

struct inode;
struct dentry;
struct file;
struct super_block;
struct vfsmount;
struct nameidata;
struct kstat;

/* What a directory's readdir hands each entry to (getdents64's filldir64). */
typedef int (*filldir_t)(void *buf, const char *name, int namelen, loff_t offset,
			 unsigned long ino, unsigned int d_type);

struct file_operations {
	loff_t (*llseek)(struct file *, loff_t, int);
	ssize_t (*read)(struct file *, char __user *, size_t, loff_t *);
	ssize_t (*write)(struct file *, const char __user *, size_t, loff_t *);
	int (*readdir)(struct file *, void *, filldir_t);
	int (*ioctl)(struct inode *, struct file *, unsigned int cmd, unsigned long arg);
	int (*mmap)(struct file *, struct vm_area_struct *);
	int (*open)(struct inode *, struct file *);
	int (*release)(struct inode *, struct file *);
	int (*fsync)(struct file *, struct dentry *, int datasync);
	unsigned int (*poll)(struct file *, struct poll_table_struct *);
};

struct inode_operations {
	int (*create)(struct inode *dir, struct dentry *, int mode, struct nameidata *);
	struct dentry *(*lookup)(struct inode *dir, struct dentry *, struct nameidata *);
	int (*link)(struct dentry *old, struct inode *dir, struct dentry *new);
	int (*unlink)(struct inode *dir, struct dentry *);
	int (*symlink)(struct inode *dir, struct dentry *, const char *target);
	int (*mkdir)(struct inode *dir, struct dentry *, int mode);
	int (*rmdir)(struct inode *dir, struct dentry *);
	int (*mknod)(struct inode *dir, struct dentry *, int mode, dev_t);
	int (*rename)(struct inode *old_dir, struct dentry *old, struct inode *new_dir,
		      struct dentry *new);
	int (*readlink)(struct dentry *, char __user *, int);
	/* The target's text, in a buffer *cookie that put_link() frees (NULL: none). */
	const char *(*follow_link)(struct dentry *, void **cookie);
	void (*put_link)(struct dentry *, void *cookie);
	void (*truncate)(struct inode *);
	int (*setsize)(struct dentry *, loff_t size);
};

struct super_operations {
	void (*drop_inode)(struct inode *);	/* last iput() */
	void (*put_super)(struct super_block *);
};

struct inode {
	unsigned long i_ino;
	umode_t i_mode;
	unsigned int i_nlink;
	unsigned int i_uid, i_gid;
	dev_t i_rdev;
	loff_t i_size;
	long i_atime, i_mtime, i_ctime;	/* seconds (xtime comes with the clock) */
	unsigned long i_blocks;		/* 512-byte units, as stat's st_blocks */
	atomic_t i_count;
	struct semaphore i_sem;		/* directory operations, truncate, write */
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;
	struct super_block *i_sb;
	struct address_space *i_mapping;	/* &i_data */
	struct address_space i_data;
	struct list_head i_sb_list;	/* on i_sb->s_inodes */
	struct pipe_inode_info *i_pipe;
	void *i_private;		/* the file system's (procfs: what the file shows) */
};

struct qstr {
	const char *name;
	unsigned int len;
};

#define DNAME_INLINE_LEN	36

struct dentry {
	atomic_t d_count;
	unsigned int d_flags;
	struct inode *d_inode;		/* NULL: negative (no such file) */
	struct dentry *d_parent;	/* itself for a file system's root */
	struct qstr d_name;
	struct list_head d_child;	/* on the parent's d_subdirs */
	struct list_head d_subdirs;	/* children, in creation order */
	struct super_block *d_sb;
	int d_mounted;			/* vfsmounts on this dentry */
	unsigned long d_time;		/* the file system's (procfs: the pid) */
	const struct dentry_operations *d_op;
	char d_iname[DNAME_INLINE_LEN];	/* short names live here */
};

/* d_flags */
#define DCACHE_UNHASHED	0x0010		/* deleted: no longer found by lookups */

struct dentry_operations {
	/* 0: the dentry is stale (procfs's pid directories): look it up again. */
	int (*d_revalidate)(struct dentry *, struct nameidata *);
	/* 1: drop the dentry at its last dput() instead of keeping it. */
	int (*d_delete)(struct dentry *);
};

struct file_system_type {
	const char *name;
	struct super_block *(*get_sb)(struct file_system_type *, int flags, const char *dev,
				      void *data);
	void (*kill_sb)(struct super_block *);
	struct file_system_type *next;
};

struct super_block {
	struct list_head s_list;	/* on super_blocks */
	unsigned long s_magic;
	unsigned long s_blocksize;
	struct dentry *s_root;
	struct file_system_type *s_type;
	const struct super_operations *s_op;
	struct list_head s_inodes;	/* every inode of this file system */
	unsigned long s_next_ino;
	int s_active;			/* mounts */
	void *s_fs_info;
};

struct vfsmount {
	struct list_head mnt_list;	/* on vfsmntlist */
	struct vfsmount *mnt_parent;	/* itself for the root mount */
	struct dentry *mnt_mountpoint;	/* where it is mounted, in mnt_parent */
	struct dentry *mnt_root;
	struct super_block *mnt_sb;
	atomic_t mnt_count;
	int mnt_flags;			/* MNT_*: what mount(2)'s flags asked */
	char mnt_devname[32];
};

/* A mount's flags (Linux's values); mount(2) sets them from MS_RDONLY, MS_NOSUID ... */
#define MNT_NOSUID	0x01	/* accepted; Mneme has no set-id programs yet */
#define MNT_NODEV	0x02	/* device files cannot be opened: EACCES */
#define MNT_NOEXEC	0x04	/* programs cannot be executed: EACCES */
#define MNT_READONLY	0x40	/* nothing written, created or removed: EROFS */

/* Linux's mnt_want_write(): may one write through this mount? 0 or -EROFS. */
static inline int mnt_want_write(const struct vfsmount *mnt)
{
	return mnt->mnt_flags & MNT_READONLY ? -EROFS : 0;
}

struct file {
	const struct file_operations *f_op;
	atomic_t f_count;
	unsigned int f_flags;		/* O_* as opened (O_APPEND, O_NONBLOCK changeable) */
	unsigned int f_mode;		/* FMODE_* */
	loff_t f_pos;
	struct dentry *f_dentry;
	struct vfsmount *f_vfsmnt;
	struct address_space *f_mapping;
	void *private_data;		/* the tty, a pipe end, a procfs buffer ... */
	unsigned long f_version;	/* readdir: the directory's position cookie */
};

struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};

/* What a path lookup returns (ULK 12.5). */
struct nameidata {
	struct dentry *dentry;
	struct vfsmount *mnt;
	struct qstr last;		/* LOOKUP_PARENT: the last component */
	unsigned int flags;
	int last_type;			/* LAST_NORM, LAST_DOT, LAST_DOTDOT, LAST_ROOT */
	unsigned int depth;		/* symlinks being followed inside each other */
	unsigned int total_links;	/* symlinks followed so far */
};

/* nameidata.flags */
#define LOOKUP_FOLLOW		0x0001	/* follow a symlink in the last component */
#define LOOKUP_DIRECTORY	0x0002	/* the last component must be a directory */
#define LOOKUP_PARENT		0x0010	/* stop at the parent of the last component */
#define LOOKUP_CREATE		0x0200
/* last_type */
enum { LAST_NORM, LAST_ROOT, LAST_DOT, LAST_DOTDOT };

/* The descriptor table (ULK 12.2.6). */
struct fdtable {
	unsigned int max_fds;
	struct file **fd;
	unsigned long *close_on_exec;
	unsigned long *open_fds;
};

struct files_struct {
	atomic_t count;			/* tasks sharing it (CLONE_FILES) */
	spinlock_t file_lock;
	struct fdtable fdt;
	unsigned int next_fd;		/* lowest possibly free */
};

struct fs_struct {
	atomic_t count;			/* tasks sharing it (CLONE_FS) */
	int umask;
	struct vfsmount *rootmnt, *pwdmnt;
	struct dentry *root, *pwd;
};

/* stat() as the VFS fills it (fs/stat.c copies it into stat64 or statx). */
struct kstat {
	unsigned long ino;
	dev_t dev;
	umode_t mode;
	unsigned int nlink;
	unsigned int uid, gid;
	dev_t rdev;
	loff_t size;
	long atime, mtime, ctime;
	unsigned long blksize;
	unsigned long long blocks;
};

/* ---- fs/inode.c ---- */
struct inode *new_inode(struct super_block *sb);
void iput(struct inode *inode);
static inline struct inode *igrab(struct inode *inode)
{
	atomic_inc(&inode->i_count);
	return inode;
}
long current_fs_time(void);
extern unsigned long nr_inodes;
void inodes_init(void);

/* ---- fs/dcache.c ---- */
struct dentry *d_alloc(struct dentry *parent, const struct qstr *name);
struct dentry *d_alloc_root(struct inode *root_inode);
void d_instantiate(struct dentry *dentry, struct inode *inode);
struct dentry *d_lookup(struct dentry *parent, const struct qstr *name);
void d_delete(struct dentry *dentry);
void d_drop(struct dentry *dentry);
void d_move(struct dentry *dentry, struct dentry *target);
void dput(struct dentry *dentry);
static inline struct dentry *dget(struct dentry *dentry)
{
	if (dentry)
		atomic_inc(&dentry->d_count);
	return dentry;
}
static inline int d_unhashed(struct dentry *dentry)
{
	return dentry->d_flags & DCACHE_UNHASHED;
}
/* The path from the process's root to dentry in buf (end-aligned); its start or an ERR_PTR. */
char *d_path(struct dentry *dentry, struct vfsmount *mnt, char *buf, int buflen);
void shrink_dcache_parent(struct dentry *parent);
extern unsigned long nr_dentries;
void dcache_init(void);

/* ---- fs/namei.c ---- */
int path_lookup(const char *name, unsigned int flags, struct nameidata *nd);
int path_lookupat(int dfd, const char *name, unsigned int flags, struct nameidata *nd);
void path_release(struct nameidata *nd);
int __user_walk(int dfd, const char __user *name, unsigned int flags, struct nameidata *nd);
char *getname(const char __user *filename);
void putname(const char *name);
struct dentry *lookup_one_len(const char *name, struct dentry *base, int len);
struct dentry *lookup_create(struct nameidata *nd, int is_dir);
int vfs_create(struct inode *dir, struct dentry *dentry, int mode, struct nameidata *nd);
int vfs_mkdir(struct inode *dir, struct dentry *dentry, int mode);
int vfs_mknod(struct inode *dir, struct dentry *dentry, int mode, dev_t dev);
int vfs_symlink(struct inode *dir, struct dentry *dentry, const char *oldname);
int vfs_link(struct dentry *old_dentry, struct inode *dir, struct dentry *new_dentry);
int vfs_unlink(struct inode *dir, struct dentry *dentry);
int vfs_rmdir(struct inode *dir, struct dentry *dentry);
int vfs_rename(struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
	       struct dentry *new_dentry);
int vfs_readlink(struct dentry *dentry, char __user *buffer, int buflen, const char *link);
int open_namei(int dfd, const char *pathname, int flag, int mode, struct nameidata *nd);
int may_open(struct nameidata *nd, int flag);

/* ---- fs/namespace.c, fs/super.c ---- */
int register_filesystem(struct file_system_type *fs);
struct file_system_type *get_fs_type(const char *name);
struct super_block *get_sb_nodev(struct file_system_type *fs_type, int flags, void *data,
				 int (*fill_super)(struct super_block *, void *, int));
void kill_litter_super(struct super_block *sb);
void iterate_supers(void (*f)(struct super_block *, void *), void *arg);
void iterate_mounts(void (*f)(struct vfsmount *, void *), void *arg);
struct vfsmount *do_kern_mount(const char *fstype, int flags, const char *name, void *data);
struct vfsmount *mntget(struct vfsmount *mnt);
void mntput(struct vfsmount *mnt);
/* The mount on (mnt, dentry), or NULL (a reference). */
struct vfsmount *lookup_mnt(struct vfsmount *mnt, struct dentry *dentry);
int follow_down(struct vfsmount **mnt, struct dentry **dentry);
int follow_up(struct vfsmount **mnt, struct dentry **dentry);
int do_mount(const char *dev_name, const char *dir_name, const char *type, unsigned long flags,
	     void *data);
int do_umount_path(const char *dir_name, int flags);
struct vfsmount *next_mount(struct vfsmount *mnt);
extern struct vfsmount *root_vfsmnt;
extern unsigned long nr_mounts;
void mnt_init(void);

/* ---- fs/file_table.c ---- */
struct file *get_empty_filp(void);
void fput(struct file *file);
void put_filp(struct file *file);	/* a file never opened (no release) */
struct file *fget(unsigned int fd);
static inline struct file *get_file(struct file *f)
{
	atomic_inc(&f->f_count);
	return f;
}
struct file *dentry_open(struct dentry *dentry, struct vfsmount *mnt, int flags);
struct file *filp_open(const char *filename, int flags, int mode);
int filp_close(struct file *filp);
extern unsigned long nr_files;
void files_init(void);

/* ---- fs/file.c: descriptor tables and fs_struct ---- */
struct files_struct *alloc_files(void);
int copy_files(unsigned long clone_flags, struct task_struct *tsk);
void exit_files(struct task_struct *tsk);
void put_files_struct(struct files_struct *files);
int unshare_files(void);
int copy_fs(unsigned long clone_flags, struct task_struct *tsk);
void exit_fs(struct task_struct *tsk);
struct fs_struct *init_fs_struct(void);
void put_fs_struct(struct fs_struct *fs);
int get_unused_fd(void);
int get_unused_fd_flags(unsigned int flags, unsigned int start);
void put_unused_fd(unsigned int fd);
void fd_install(unsigned int fd, struct file *file);
void set_close_on_exec(unsigned int fd, int flag);
void set_fs_root(struct fs_struct *fs, struct vfsmount *mnt, struct dentry *dentry);
void set_fs_pwd(struct fs_struct *fs, struct vfsmount *mnt, struct dentry *dentry);
/* Close every close-on-exec descriptor (for exec). */
void flush_old_files(struct files_struct *files);

/* ---- fs/open.c, fs/read_write.c ---- */
int do_truncate(struct dentry *dentry, loff_t length);
loff_t generic_file_llseek(struct file *file, loff_t offset, int origin);
loff_t no_llseek(struct file *file, loff_t offset, int origin);
ssize_t vfs_read(struct file *file, char __user *buf, size_t count, loff_t *pos);
ssize_t vfs_write(struct file *file, const char __user *buf, size_t count, loff_t *pos);
/* Read a whole range of a file into a kernel buffer (the ELF loader's way). */
ssize_t kernel_read(struct file *file, loff_t offset, void *addr, size_t count);
int vfs_getattr(struct vfsmount *mnt, struct dentry *dentry, struct kstat *stat);
int vfs_readdir(struct file *file, filldir_t filler, void *buf);
int dcache_readdir(struct file *filp, void *dirent, filldir_t filldir);
extern const struct file_operations simple_dir_operations;

/* ---- fs/ramfs/ ---- */
struct inode *ramfs_get_inode(struct super_block *sb, int mode, dev_t dev);
void init_rootfs(void);
void init_mount_tree(void);

/* ---- fs/initramfs.c ---- */
/*
 * Unpack cpio newc archives into the current root through the system
 * calls (the caller sets KERNEL_DS and the umask): NULL, or msg holding
 * the first fault and its offset; *entries: the members made.
 */
const char *unpack_cpio(const char *buf, unsigned long len, char *msg, unsigned int msglen,
			unsigned long *entries);
/* /dev (console, null, zero) and /root, as Linux's default_rootfs(); 0 or -errno. */
long default_rootfs(void);

/* ---- devices ---- */
void chrdev_init_special(struct inode *inode, umode_t mode, dev_t rdev);
#define MKDEV(ma, mi)	(((ma) << 8) | (mi))
#define MAJOR(dev)	((unsigned int)(dev) >> 8)
#define MINOR(dev)	((unsigned int)(dev) & 0xff)
/* The device number of an in-memory file system (stat's st_dev, maps): major 0, minor per super block. */
static inline dev_t sb_dev(struct super_block *sb)
{
	return (dev_t)(((unsigned long)sb >> 6) & 0xff) | 0;
}

/* ---- fs/proc/ ---- */
void proc_root_init(void);
struct mm_struct;
/* One line of /proc/<pid>/maps (show_map_vma), every region's (show_maps: show_mem=maps). */
void show_map_vma(struct seq_file *m, struct vm_area_struct *vma, char *pathbuf);
void show_maps(struct seq_file *m, struct mm_struct *mm);
void show_exit_maps(struct task_struct *tsk, struct mm_struct *mm);
/* /proc/<pid>/status's memory lines (VmPeak ... VmSwap), as Linux's task_mem(). */
void task_mem(struct seq_file *m, struct mm_struct *mm);

void vfs_caches_init(void);

#endif
