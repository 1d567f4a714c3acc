/*
 * A pid's files that read its address space (Linux's fs/proc/base.c):
 * cmdline and environ are the bytes of [arg_start, arg_end) and
 * [env_start, env_end) as they are now in the process's memory -- what
 * exec put on its stack, and whatever the process wrote over it since
 * -- read through its page tables (access_remote_vm), one page at a
 * time for each read(). A kernel thread's are empty, and so are those of
 * a process that exited after the file was opened; once it is reaped,
 * its cmdline is ESRCH (Linux 6.1's get_proc_task() failing). mem is
 * the whole address space, read and written at offsets that are
 * addresses (below).
 */
#include <kernel.h>
#include <errno.h>
#include <slab.h>
#include <mm.h>
#include <sched.h>
#include <asm/uaccess.h>
#include "internal.h"

/*
 * At open: the mm of the file's task, held by its mm_count so that it
 * outlives the task (each read takes a user with mmget_not_zero());
 * NULL for a kernel thread, ERR_PTR(-ESRCH) if the task is gone. Kept in
 * private_data unless the file keeps more there (maps).
 */
struct mm_struct *proc_mem_open(struct file *file)
{
	struct task_struct *task = find_task_by_pid((int)file->f_dentry->d_time);
	struct mm_struct *mm;

	if (!task)
		return ERR_PTR(-ESRCH);
	mm = get_task_mm(task);
	if (!mm)
		return NULL;
	atomic_inc(&mm->mm_count);
	mmput(mm);
	return mm;
}

/* Whether the file's task is still there (a zombie is; a reaped task is not). */
bool proc_task_alive(struct file *file)
{
	return find_task_by_pid((int)file->f_dentry->d_time) != NULL;
}

/* Undoes proc_mem_open(): the mm is the file's, or the first field of its private_data. */
int proc_mem_release(struct inode *inode, struct file *file)
{
	struct mm_struct **mmp = file->private_data;

	if (mmp && *mmp)
		mmdrop(*mmp);
	return 0;
}

static int mem_file_open(struct inode *inode, struct file *file)
{
	struct mm_struct **mmp = kmalloc(sizeof(*mmp), GFP_KERNEL);

	if (!mmp)
		return -ENOMEM;
	*mmp = proc_mem_open(file);
	if (IS_ERR(*mmp)) {
		long err = PTR_ERR(*mmp);

		kfree(mmp);
		return err;
	}
	file->private_data = mmp;
	return 0;
}

static int mem_file_release(struct inode *inode, struct file *file)
{
	proc_mem_release(inode, file);
	kfree(file->private_data);
	return 0;
}

/* Up to count bytes of [start, end) of mm from *ppos on. The caller holds a user of mm. */
static ssize_t read_mm_area(struct mm_struct *mm, unsigned long start, unsigned long end,
			    char __user *buf, size_t count, loff_t *ppos)
{
	char *page;
	ssize_t done = 0;

	if (*ppos < 0 || start >= end || *ppos >= (loff_t)(end - start))
		return 0;
	page = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	start += (unsigned long)*ppos;
	while (count > 0 && start < end) {
		int want = min_t(unsigned long, min_t(size_t, count, PAGE_SIZE), end - start);
		int got = access_remote_vm(mm, start, page, want, 0);

		if (got <= 0)
			break;
		if (copy_to_user(buf + done, page, got)) {
			if (!done)
				done = -EFAULT;
			break;
		}
		done += got;
		start += got;
		count -= got;
		if (got < want)
			break;
	}
	kfree(page);
	if (done > 0)
		*ppos += done;
	return done;
}

static ssize_t mem_area_read(struct file *file, char __user *buf, size_t count, loff_t *ppos,
			     bool env)
{
	struct mm_struct *mm = *(struct mm_struct **)file->private_data;
	ssize_t ret;

	if (!mm || !mmget_not_zero(mm))
		return 0;
	if (env)
		ret = read_mm_area(mm, mm->env_start, mm->env_end, buf, count, ppos);
	else
		ret = read_mm_area(mm, mm->arg_start, mm->arg_end, buf, count, ppos);
	mmput(mm);
	return ret;
}

/* argv, each NUL-terminated (Linux's proc_pid_cmdline_read). */
static ssize_t proc_pid_cmdline_read(struct file *file, char __user *buf, size_t count,
				     loff_t *ppos)
{
	if (!proc_task_alive(file))
		return -ESRCH;
	return mem_area_read(file, buf, count, ppos, false);
}

/* The environment, each "NAME=value" NUL-terminated (environ_read). */
static ssize_t environ_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	return mem_area_read(file, buf, count, ppos, true);
}

/*
 * /proc/<pid>/mem (Linux 6.1's mem_open, mem_rw, mem_lseek): the
 * process's address space as a file whose offsets are addresses. pread
 * and pwrite at an address, lseek to any 32-bit address -- above
 * 0x80000000 too: FMODE_UNSIGNED_OFFSET lets through a position the
 * 32-bit lseek made negative, as Linux's. Reads and writes are forced
 * (FOLL_FORCE): read-only text can be written, into a private copy.
 * Nothing accessible at the offset is -EIO, or a short count once
 * something was copied. The mm is taken at open, so after the process
 * exits (or execs) a read is 0: its old address space has no users left.
 *
 * Who may open it (Linux's ptrace_may_access(PTRACE_MODE_ATTACH), as
 * Debian's 6.1 answers: no Yama restriction; Mneme has no ptrace, this
 * is its model): the process itself or a thread of it; root, for any
 * process; a process whose uids and gids (real, effective, saved) are
 * all the opener's fs ids. Anyone else: -EACCES. Linux also refuses a
 * process that is not dumpable (one that changed its ids); Mneme has no
 * such flag.
 */
static bool mem_may_access(struct task_struct *task)
{
	if (task->mm && task->mm == current->mm)
		return true;
	if (capable(CAP_SYS_PTRACE))
		return true;
	return current->fsuid == task->uid && current->fsuid == task->euid &&
	       current->fsuid == task->suid && current->fsgid == task->gid &&
	       current->fsgid == task->egid && current->fsgid == task->sgid;
}

static int proc_mem_file_open(struct inode *inode, struct file *file)
{
	struct task_struct *task = find_task_by_pid((int)file->f_dentry->d_time);

	if (!task)
		return -ESRCH;
	if (!mem_may_access(task))
		return -EACCES;
	file->f_mode |= FMODE_UNSIGNED_OFFSET;
	return mem_file_open(inode, file);
}

/* One page at a time through a kernel buffer: the target's mmap_sem is never held over a user copy. */
static ssize_t mem_rw(struct file *file, char __user *buf, size_t count, loff_t *ppos, int write)
{
	struct mm_struct *mm = *(struct mm_struct **)file->private_data;
	unsigned long addr = (unsigned long)*ppos;
	unsigned int flags = FOLL_FORCE | (write ? FOLL_WRITE : 0);
	ssize_t copied = 0;
	char *page;

	if (!mm)
		return 0;
	page = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	if (!mmget_not_zero(mm))
		goto free;
	while (count > 0) {
		int this_len = min_t(size_t, count, PAGE_SIZE);

		if (write && copy_from_user(page, buf, this_len)) {
			copied = -EFAULT;
			break;
		}
		this_len = access_remote_vm(mm, addr, page, this_len, flags);
		if (!this_len) {
			if (!copied)
				copied = -EIO;
			break;
		}
		if (!write && copy_to_user(buf, page, this_len)) {
			copied = -EFAULT;
			break;
		}
		buf += this_len;
		addr += this_len;
		copied += this_len;
		count -= this_len;
	}
	*ppos = addr;
	mmput(mm);
free:
	kfree(page);
	return copied;
}

static ssize_t mem_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	return mem_rw(file, buf, count, ppos, 0);
}

static ssize_t mem_write(struct file *file, const char __user *buf, size_t count, loff_t *ppos)
{
	return mem_rw(file, (char __user *)buf, count, ppos, 1);
}

/* SEEK_SET and SEEK_CUR only: an address space has no end to seek from (mem_lseek). */
static loff_t mem_lseek(struct file *file, loff_t offset, int orig)
{
	switch (orig) {
	case SEEK_SET:
		file->f_pos = offset;
		break;
	case SEEK_CUR:
		file->f_pos += offset;
		break;
	default:
		return -EINVAL;
	}
	return file->f_pos;
}

const struct file_operations proc_mem_operations = {
	.llseek = mem_lseek,
	.open = proc_mem_file_open,
	.read = mem_read,
	.write = mem_write,
	.release = mem_file_release,
};

const struct file_operations proc_pid_cmdline_operations = {
	.open = mem_file_open,
	.read = proc_pid_cmdline_read,
	.release = mem_file_release,
};

const struct file_operations proc_environ_operations = {
	.open = mem_file_open,
	.read = environ_read,
	.release = mem_file_release,
};
