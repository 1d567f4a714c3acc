/*
 * A pid's files that read its address space (Linux's fs/proc/base.c):
 * cmdline and environ are the bytes of [arg_start, arg_end) and
 * [env_start, env_end) as they are now in the process's memory -- what
 * exec put on its stack, and whatever the process wrote over it since
 * -- read through its page tables (access_remote_vm), one page at a
 * time for each read(). A kernel thread's are empty, and so are those of
 * a process that exited after the file was opened; once it is reaped,
 * its cmdline is ESRCH (Linux 6.1's get_proc_task() failing).
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
		int got = access_remote_vm(mm, start, page, want);

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
