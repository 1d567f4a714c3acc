/*
 * /proc (Linux's fs/proc/, reduced): a file system whose files are made
 * when they are read. Mount it with `mount -t proc proc /proc`.
 *
 *   /proc/meminfo, buddyinfo, zoneinfo, slabinfo, vmallocinfo, vmstat
 *                  the memory reports, in Linux's formats (meminfo.c,
 *                  mm/vmstat.c ...)
 *   /proc/uptime, loadavg, stat   time, load and counters (uptime.c,
 *                  loadavg.c, stat.c)
 *   /proc/mounts   the mount table, as Linux prints it
 *   /proc/self     a symlink to the reader's own directory
 *   /proc/<pid>/   one per task: status, stat (array.c); cmdline, environ, mem (base.c)
 *                  and maps (task_mmu.c), read from its address space
 *
 * A file's text is written whole at open() into a buffer (a page,
 * doubled until it fits, as Linux's seq_read()), so every read() of one
 * open file sees one consistent report. Dentries are not kept once
 * unused (d_delete), so a pid's directory goes with its task, and a
 * lookup of a pid that is gone finds nothing (d_revalidate).
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <slab.h>
#include <jiffies.h>
#include <sched.h>
#include <seq_file.h>
#include <vmstat.h>
#include <fs.h>
#include <mm.h>
#include <asm/uaccess.h>
#include "internal.h"

#define PROC_SUPER_MAGIC	0x9fa0
#define PROC_BUF_MAX		(128 * 1024)

/*
 * What a /proc file shows: a report, or (for a pid's files) one of the
 * task's -- or, with fops, what its own file operations make as it is read.
 */
struct proc_entry {
	const char *name;
	umode_t mode;
	void (*show)(struct seq_file *m);
	void (*show_pid)(struct seq_file *m, struct task_struct *task);
	const struct file_operations *fops;
};

static void mounts_show(struct seq_file *m);

static const struct proc_entry root_entries[] = {
	{ "buddyinfo", S_IFREG | 0444, buddyinfo_show, NULL, NULL },
	{ "loadavg", S_IFREG | 0444, loadavg_proc_show, NULL, NULL },
	{ "meminfo", S_IFREG | 0444, meminfo_proc_show, NULL, NULL },
	{ "mounts", S_IFREG | 0444, mounts_show, NULL, NULL },
	{ "self", S_IFLNK | 0777, NULL, NULL, NULL },
	{ "slabinfo", S_IFREG | 0400, slabinfo_show, NULL, NULL },
	{ "stat", S_IFREG | 0444, stat_proc_show, NULL, NULL },
	{ "uptime", S_IFREG | 0444, uptime_proc_show, NULL, NULL },
	{ "vmallocinfo", S_IFREG | 0400, vmallocinfo_show, NULL, NULL },
	{ "vmstat", S_IFREG | 0444, vmstat_show, NULL, NULL },
	{ "zoneinfo", S_IFREG | 0444, zoneinfo_show, NULL, NULL },
};

static const struct proc_entry pid_entries[] = {
	{ "cmdline", S_IFREG | 0444, NULL, NULL, &proc_pid_cmdline_operations },
	{ "environ", S_IFREG | 0400, NULL, NULL, &proc_environ_operations },
	{ "maps", S_IFREG | 0444, NULL, NULL, &proc_pid_maps_operations },
	{ "mem", S_IFREG | 0600, NULL, NULL, &proc_mem_operations },
	{ "stat", S_IFREG | 0444, NULL, proc_pid_stat, NULL },
	{ "status", S_IFREG | 0444, NULL, proc_pid_status, NULL },
};

/* The inode's entry is in i_private; a pid directory's (and its files') pid in the dentry's d_time. */

/* ---- The reports ---- */

static void mounts_show(struct seq_file *m)
{
	struct vfsmount *mnt;
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);

	if (!buf)
		return;
	for (mnt = root_vfsmnt; mnt; mnt = next_mount(mnt)) {
		const char *path = d_path(mnt->mnt_root, mnt, buf, PATH_MAX);

		if (IS_ERR(path))
			continue;
		/* Linux's show_vfsmnt(): ro or rw, then the other flags in its order. */
		seq_printf(m, "%s %s %s %s%s%s%s 0 0\n", mnt->mnt_devname, path,
			   mnt->mnt_sb->s_type->name, mnt->mnt_flags & MNT_READONLY ? "ro" : "rw",
			   mnt->mnt_flags & MNT_NOSUID ? ",nosuid" : "",
			   mnt->mnt_flags & MNT_NODEV ? ",nodev" : "",
			   mnt->mnt_flags & MNT_NOEXEC ? ",noexec" : "");
	}
	kfree(buf);
}

/* ---- Files ---- */

struct proc_buf {
	size_t count;
	char data[];
};

static int proc_file_open(struct inode *inode, struct file *file)
{
	const struct proc_entry *e = inode->i_private;
	size_t size = PAGE_SIZE;

	for (;;) {
		struct proc_buf *b = kmalloc(sizeof(*b) + size, GFP_KERNEL);
		struct task_struct *task;
		struct seq_file m;

		if (!b)
			return -ENOMEM;
		m = SEQ_BUF(b->data, size);
		if (e->show_pid) {
			/* Looked up after the sleeps of kmalloc: show_pid() sees a live task. */
			task = find_task_by_pid((int)file->f_dentry->d_time);
			if (!task) {
				kfree(b);
				return -ESRCH;
			}
			e->show_pid(&m, task);
		} else {
			e->show(&m);
		}
		if (!m.overflow) {
			b->count = m.count;
			file->private_data = b;
			return 0;
		}
		kfree(b);
		if (size >= PROC_BUF_MAX)
			return -EFBIG;
		size *= 2;
	}
}

static ssize_t proc_file_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	struct proc_buf *b = file->private_data;
	size_t left;

	if (*ppos >= (loff_t)b->count)
		return 0;
	left = b->count - *ppos;
	if (count > left)
		count = left;
	if (copy_to_user(buf, b->data + *ppos, count))
		return -EFAULT;
	*ppos += count;
	return count;
}

static int proc_file_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static const struct file_operations proc_file_operations = {
	.open = proc_file_open,
	.read = proc_file_read,
	.release = proc_file_release,
};

/* ---- /proc/self ---- */

static const char *proc_self_follow_link(struct dentry *dentry, void **cookie)
{
	char *buf = kmalloc(12, GFP_KERNEL);

	if (!buf)
		return ERR_PTR(-ENOMEM);
	snprintf(buf, 12, "%d", current->pid);
	*cookie = buf;
	return buf;
}

static void proc_self_put_link(struct dentry *dentry, void *cookie)
{
	kfree(cookie);
}

static int proc_self_readlink(struct dentry *dentry, char __user *buffer, int buflen)
{
	char tmp[12];

	snprintf(tmp, sizeof(tmp), "%d", current->pid);
	return vfs_readlink(dentry, buffer, buflen, tmp);
}

static const struct inode_operations proc_self_inode_operations = {
	.readlink = proc_self_readlink,
	.follow_link = proc_self_follow_link,
	.put_link = proc_self_put_link,
};

/* ---- Directories ---- */

static int proc_delete_dentry(struct dentry *dentry)
{
	return 1;
}

/* A pid's directory (or file) whose task is gone is stale. */
static int pid_revalidate(struct dentry *dentry, struct nameidata *nd)
{
	return find_task_by_pid((int)dentry->d_time) != NULL;
}

static const struct dentry_operations proc_dentry_operations = {
	.d_delete = proc_delete_dentry,
};

static const struct dentry_operations pid_dentry_operations = {
	.d_revalidate = pid_revalidate,
	.d_delete = proc_delete_dentry,
};

static const struct inode_operations proc_pid_dir_inode_operations;
static const struct file_operations proc_pid_dir_operations;

static struct inode *proc_make_inode(struct super_block *sb, const struct proc_entry *e)
{
	struct inode *inode = new_inode(sb);

	if (!inode)
		return NULL;
	inode->i_mode = e->mode;
	inode->i_private = (void *)e;
	if (S_ISLNK(e->mode))
		inode->i_op = &proc_self_inode_operations;
	else
		inode->i_fop = e->fops ? e->fops : &proc_file_operations;
	return inode;
}

static const struct proc_entry *find_entry(const struct proc_entry *table, unsigned int n,
					   const struct qstr *name)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (strlen(table[i].name) == name->len &&
		    !memcmp(table[i].name, name->name, name->len))
			return &table[i];
	return NULL;
}

/* A pid from a name: decimal, no leading zero; -1 if not one. */
static int name_to_pid(const struct qstr *name)
{
	unsigned int i;
	int pid = 0;

	if (!name->len || name->len > 9 || name->name[0] == '0')
		return -1;
	for (i = 0; i < name->len; i++) {
		if (name->name[i] < '0' || name->name[i] > '9')
			return -1;
		pid = pid * 10 + name->name[i] - '0';
	}
	return pid;
}

static struct dentry *proc_root_lookup(struct inode *dir, struct dentry *dentry,
				       struct nameidata *nd)
{
	const struct proc_entry *e = find_entry(root_entries, ARRAY_SIZE(root_entries),
						&dentry->d_name);
	struct inode *inode;
	int pid;

	dentry->d_op = &proc_dentry_operations;
	if (e) {
		inode = proc_make_inode(dir->i_sb, e);
		if (!inode)
			return ERR_PTR(-ENOMEM);
		d_instantiate(dentry, inode);
		return NULL;
	}
	pid = name_to_pid(&dentry->d_name);
	if (pid < 0 || !find_task_by_pid(pid))
		return NULL;	/* negative */
	inode = new_inode(dir->i_sb);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode->i_mode = S_IFDIR | 0555;
	inode->i_nlink = 2;
	inode->i_op = &proc_pid_dir_inode_operations;
	inode->i_fop = &proc_pid_dir_operations;
	dentry->d_time = pid;
	dentry->d_op = &pid_dentry_operations;
	d_instantiate(dentry, inode);
	return NULL;
}

static struct dentry *proc_pid_lookup(struct inode *dir, struct dentry *dentry,
				      struct nameidata *nd)
{
	const struct proc_entry *e = find_entry(pid_entries, ARRAY_SIZE(pid_entries),
						&dentry->d_name);
	struct inode *inode;

	dentry->d_op = &pid_dentry_operations;
	dentry->d_time = dentry->d_parent->d_time;
	if (!e)
		return NULL;
	inode = proc_make_inode(dir->i_sb, e);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	d_instantiate(dentry, inode);
	return NULL;
}

static const struct inode_operations proc_root_inode_operations = {
	.lookup = proc_root_lookup,
};

static const struct inode_operations proc_pid_dir_inode_operations = {
	.lookup = proc_pid_lookup,
};

static unsigned int entry_dtype(const struct proc_entry *e)
{
	return (e->mode >> 12) & 15;
}

/* "." and "..", the reports, then a directory per task (f_pos: 2 + index). */
static int proc_root_readdir(struct file *filp, void *dirent, filldir_t filldir)
{
	struct dentry *dentry = filp->f_dentry;
	loff_t pos = filp->f_pos, n = ARRAY_SIZE(root_entries) + 2;
	struct task_struct *t;
	char name[12];

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
	for (; pos < n; pos++) {
		const struct proc_entry *e = &root_entries[pos - 2];

		if (filldir(dirent, e->name, strlen(e->name), pos, 0x100 + pos,
			    entry_dtype(e)) < 0)
			return 0;
		filp->f_pos = pos + 1;
	}
	list_for_each_entry(t, &task_list, tasks) {
		/* Processes only, as Linux: not the idle task, not threads but a group's leader. */
		if (!t->pid || !thread_group_leader(t))
			continue;
		if (n++ < pos)
			continue;
		snprintf(name, sizeof(name), "%d", t->pid);
		if (filldir(dirent, name, strlen(name), pos, 0x10000 + t->pid, DT_DIR) < 0)
			return 0;
		filp->f_pos = ++pos;
	}
	return 0;
}

static int proc_pid_readdir(struct file *filp, void *dirent, filldir_t filldir)
{
	struct dentry *dentry = filp->f_dentry;
	loff_t pos = filp->f_pos;

	if (!find_task_by_pid((int)dentry->d_time))
		return -ENOENT;
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
	for (; pos < (loff_t)ARRAY_SIZE(pid_entries) + 2; pos++) {
		const struct proc_entry *e = &pid_entries[pos - 2];

		if (filldir(dirent, e->name, strlen(e->name), pos, 0x200 + pos, DT_REG) < 0)
			return 0;
		filp->f_pos = pos + 1;
	}
	return 0;
}

static const struct file_operations proc_root_operations = {
	.readdir = proc_root_readdir,
};

static const struct file_operations proc_pid_dir_operations = {
	.readdir = proc_pid_readdir,
};

static int proc_fill_super(struct super_block *sb, void *data, int silent)
{
	struct inode *root = new_inode(sb);

	if (!root)
		return -ENOMEM;
	sb->s_magic = PROC_SUPER_MAGIC;
	root->i_mode = S_IFDIR | 0555;
	root->i_nlink = 2;
	root->i_op = &proc_root_inode_operations;
	root->i_fop = &proc_root_operations;
	sb->s_root = d_alloc_root(root);
	if (!sb->s_root) {
		iput(root);
		return -ENOMEM;
	}
	return 0;
}

static struct super_block *proc_get_sb(struct file_system_type *fs_type, int flags,
				       const char *dev_name, void *data)
{
	return get_sb_nodev(fs_type, flags, data, proc_fill_super);
}

static struct file_system_type proc_fs_type = {
	.name = "proc",
	.get_sb = proc_get_sb,
	.kill_sb = kill_litter_super,
};

void proc_root_init(void)
{
	register_filesystem(&proc_fs_type);
}
