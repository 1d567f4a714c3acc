/*
 * /proc/<pid>/maps and the memory lines of /proc/<pid>/status (Linux's
 * fs/proc/task_mmu.c): one line per region, in Linux 6.1's format --
 *
 *   08048000-08049000 r-xp 00000000 00:0b 12         /t/prog
 *   |start   |end     |perms|offset |dev  |inode     |name from column 49
 *
 * The name column starts where Linux's seq_setwidth(25 + 6 * sizeof(void *)
 * - 1) and seq_pad() put it on i386: the header padded to 48 characters,
 * then one space. A region with no name ends after the inode's space.
 * Names: the mapped file's path (" (deleted)" once unlinked), "[heap]"
 * for a region overlapping [start_brk, brk], "[stack]" for the one
 * holding start_stack.
 *
 * maps is made as it is read, as Linux's seq_file iterator: each read()
 * that finds the buffer empty takes mmap_sem for reading and writes the
 * whole lines that fit from the first region ending after the last one
 * shown, so a file of any number of regions costs one buffer, and a
 * region added or removed between reads is seen or not, never torn.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <slab.h>
#include <mm.h>
#include <sched.h>
#include <printk.h>
#include <seq_file.h>
#include <asm/uaccess.h>
#include "internal.h"

/* The header's width before the name's one space (i386: 25 + 4 * 6 - 1). */
#define MAPS_NAME_COLUMN	(25 + sizeof(void *) * 6 - 1)

static int is_stack(const struct vm_area_struct *vma)
{
	const struct mm_struct *mm = vma->vm_mm;

	return vma->vm_start <= mm->start_stack && vma->vm_end >= mm->start_stack;
}

/* The name written into the line, newlines escaped as seq_file_path() does. */
static void seq_put_name(struct seq_file *m, const char *name)
{
	const char *nl;

	while ((nl = strchr(name, '\n')) != NULL) {
		seq_printf(m, "%.*s\\012", (int)(nl - name), name);
		name = nl + 1;
	}
	seq_puts(m, name);
}

/*
 * One line of maps for vma (Linux's show_map_vma). pathbuf: PATH_MAX
 * bytes of scratch for a file's path. The caller holds mmap_sem.
 */
void show_map_vma(struct seq_file *m, struct vm_area_struct *vma, char *pathbuf)
{
	struct mm_struct *mm = vma->vm_mm;
	struct file *file = vma->vm_file;
	unsigned long flags = vma->vm_flags, ino = 0;
	unsigned long long pgoff = 0;
	const char *name = NULL;
	char head[MAPS_NAME_COLUMN + 32];
	dev_t dev = 0;
	int len;

	if (file) {
		struct inode *inode = file->f_dentry->d_inode;

		dev = sb_dev(inode->i_sb);
		ino = inode->i_ino;
		pgoff = (unsigned long long)vma->vm_pgoff << PAGE_SHIFT;
		name = d_path(file->f_dentry, file->f_vfsmnt, pathbuf, PATH_MAX);
		if (IS_ERR(name))
			name = "?";
	} else if (vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk) {
		name = "[heap]";
	} else if (is_stack(vma)) {
		name = "[stack]";
	}
	len = snprintf(head, sizeof(head), "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu ",
		       vma->vm_start, vma->vm_end,
		       flags & VM_READ ? 'r' : '-', flags & VM_WRITE ? 'w' : '-',
		       flags & VM_EXEC ? 'x' : '-', flags & VM_MAYSHARE ? 's' : 'p',
		       pgoff, MAJOR(dev), MINOR(dev), ino);
	if (!name) {
		seq_printf(m, "%s\n", head);
		return;
	}
	/* seq_pad(): up to the column, then one space. */
	seq_printf(m, "%s%*s", head, len < (int)MAPS_NAME_COLUMN ? (int)MAPS_NAME_COLUMN - len + 1 : 1, "");
	seq_put_name(m, name);
	seq_puts(m, "\n");
}

/* Every region of mm, one line each (show_mem=maps: the log). mmap_sem taken here. */
void show_maps(struct seq_file *m, struct mm_struct *mm)
{
	char *pathbuf = kmalloc(PATH_MAX, GFP_KERNEL);
	struct vm_area_struct *vma;

	if (!pathbuf)
		return;
	down_read(&mm->mmap_sem);
	for (vma = mm->mmap; vma; vma = vma->vm_next)
		show_map_vma(m, vma, pathbuf);
	up_read(&mm->mmap_sem);
	kfree(pathbuf);
}

/*
 * show_mem=maps: a process's maps on the console as it lets its address
 * space go (exit_mm: at exit, and when a signal kills it), so that a
 * log shows the layout a program ended with.
 */
void show_exit_maps(struct task_struct *tsk, struct mm_struct *mm)
{
	struct seq_file m = SEQ_LOG;

	printk(KERN_INFO "--- /proc/%d/maps (%s) at exit ---\n", tsk->pid, tsk->comm);
	show_maps(&m, mm);
	seq_flush(&m);
}

/* ---- /proc/<pid>/maps ---- */

struct proc_maps_private {
	struct mm_struct *mm;		/* mm_count held; NULL: a kernel thread (empty) */
	unsigned long last_addr;	/* the next line is of the first region ending above */
	bool done;			/* the last region was shown */
	loff_t pos;			/* file position of buf[from] */
	size_t size, count, from;	/* buf holds count bytes, from of them read */
	char *buf, *pathbuf;
	struct file *file;
};

static int maps_release(struct inode *inode, struct file *file)
{
	struct proc_maps_private *priv = file->private_data;

	kfree(priv->buf);
	kfree(priv->pathbuf);
	proc_mem_release(inode, file);
	kfree(priv);
	return 0;
}

static int maps_open(struct inode *inode, struct file *file)
{
	struct proc_maps_private *priv = kzalloc(sizeof(*priv), GFP_KERNEL);
	struct mm_struct *mm;

	if (!priv)
		return -ENOMEM;
	mm = proc_mem_open(file);
	if (IS_ERR(mm)) {
		kfree(priv);
		return PTR_ERR(mm);
	}
	priv->mm = mm;
	priv->file = file;
	priv->size = PAGE_SIZE;
	priv->buf = kmalloc(priv->size, GFP_KERNEL);
	priv->pathbuf = kmalloc(PATH_MAX, GFP_KERNEL);
	file->private_data = priv;
	if (!priv->buf || !priv->pathbuf) {
		maps_release(inode, file);
		return -ENOMEM;
	}
	return 0;
}

/*
 * Refill buf with the whole lines that fit, from the region after
 * last_addr on (Linux's m_start/m_next/show_map under mmap_sem). A line
 * longer than the buffer doubles it. 0, -ESRCH (the task reaped) or -ENOMEM.
 */
static int maps_fill(struct proc_maps_private *priv)
{
	struct mm_struct *mm = priv->mm;
	struct vm_area_struct *vma;
	struct seq_file m;

	priv->count = priv->from = 0;
	if (!proc_task_alive(priv->file))
		return -ESRCH;	/* reaped: Linux's m_start() */
	if (!mm || !mmget_not_zero(mm)) {
		priv->done = true;	/* a kernel thread, or the task exited: no more */
		return 0;
	}
	for (;;) {
		m = SEQ_BUF(priv->buf, priv->size);
		down_read(&mm->mmap_sem);
		for (vma = find_vma(mm, priv->last_addr); vma; vma = vma->vm_next) {
			size_t before = m.count;

			show_map_vma(&m, vma, priv->pathbuf);
			if (m.overflow) {
				m.count = before;
				break;
			}
			priv->last_addr = vma->vm_end;
		}
		up_read(&mm->mmap_sem);
		if (!vma)
			priv->done = true;
		if (m.count || priv->done)
			break;
		/* Not one line fitted: a larger buffer. */
		kfree(priv->buf);
		priv->size *= 2;
		priv->buf = kmalloc(priv->size, GFP_KERNEL);
		if (!priv->buf) {
			priv->size = 0;
			mmput(mm);
			return -ENOMEM;
		}
	}
	priv->count = m.count;
	mmput(mm);
	return 0;
}

static ssize_t maps_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	struct proc_maps_private *priv = file->private_data;
	size_t copied = 0;

	if (*ppos != priv->pos) {
		if (*ppos)
			return -ESPIPE;	/* only a rewind: the text is made as it is read */
		priv->pos = 0;
		priv->last_addr = 0;
		priv->done = false;
		priv->count = priv->from = 0;
	}
	while (copied < count) {
		size_t n;

		if (priv->from == priv->count) {
			int err;

			if (priv->done || copied)
				break;	/* a read returns what one fill gave, as seq_read */
			err = maps_fill(priv);
			if (err)
				return err;
			if (!priv->count)
				break;
		}
		n = min(count - copied, priv->count - priv->from);
		if (copy_to_user(buf + copied, priv->buf + priv->from, n)) {
			if (!copied)
				return -EFAULT;
			break;
		}
		priv->from += n;
		copied += n;
	}
	priv->pos += copied;
	*ppos = priv->pos;
	return copied;
}

const struct file_operations proc_pid_maps_operations = {
	.open = maps_open,
	.read = maps_read,
	.release = maps_release,
};

/* ---- status ---- */

/*
 * status's memory lines (Linux 6.1's task_mem), in kB: sizes from the
 * mm's counters; VmData and VmExe/VmLib from its regions, sorted as
 * Linux's is_data_mapping() (private writable, not a stack) and
 * is_exec_mapping() (executable, not writable, not a stack), with
 * VmExe the part of those within the program's text. No swap, pinned
 * or shmem pages are counted yet: their lines say 0.
 */
void task_mem(struct seq_file *m, struct mm_struct *mm)
{
	unsigned long data = 0, exec = 0, text, lib, total_rss, hiwater_vm, hiwater_rss;
	struct vm_area_struct *vma;

	down_read(&mm->mmap_sem);
	for (vma = mm->mmap; vma; vma = vma->vm_next) {
		unsigned long pages = (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
		unsigned long f = vma->vm_flags;

		if ((f & (VM_WRITE | VM_SHARED | VM_GROWSDOWN)) == VM_WRITE)
			data += pages;
		if ((f & (VM_EXEC | VM_WRITE | VM_GROWSDOWN)) == VM_EXEC)
			exec += pages;
	}
	total_rss = mm->anon_rss + mm->file_rss;
	hiwater_vm = max(mm->total_vm, mm->hiwater_vm);
	hiwater_rss = get_mm_hiwater_rss(mm);
	text = PAGE_ALIGN(mm->end_code) - (mm->start_code & PAGE_MASK);
	text = min(text, exec << PAGE_SHIFT);
	lib = (exec << PAGE_SHIFT) - text;
	seq_printf(m, "VmPeak:\t%8lu kB\n", K(hiwater_vm));
	seq_printf(m, "VmSize:\t%8lu kB\n", K(mm->total_vm));
	seq_printf(m, "VmLck:\t%8lu kB\n", K(mm->locked_vm));
	seq_printf(m, "VmPin:\t%8lu kB\n", 0UL);
	seq_printf(m, "VmHWM:\t%8lu kB\n", K(hiwater_rss));
	seq_printf(m, "VmRSS:\t%8lu kB\n", K(total_rss));
	seq_printf(m, "RssAnon:\t%8lu kB\n", K(mm->anon_rss));
	seq_printf(m, "RssFile:\t%8lu kB\n", K(mm->file_rss));
	seq_printf(m, "RssShmem:\t%8lu kB\n", 0UL);
	seq_printf(m, "VmData:\t%8lu kB\n", K(data));
	seq_printf(m, "VmStk:\t%8lu kB\n", K(mm->stack_vm));
	seq_printf(m, "VmExe:\t%8lu kB\n", text >> 10);
	seq_printf(m, "VmLib:\t%8lu kB\n", lib >> 10);
	seq_printf(m, "VmPTE:\t%8lu kB\n", K(mm->nr_ptes));
	seq_printf(m, "VmSwap:\t%8lu kB\n", 0UL);
	up_read(&mm->mmap_sem);
}
