/*
 * execve() (ULK 20.4, Linux's fs/exec.c): the file is opened, the
 * argument and environment strings are copied out of the caller's
 * address space into kernel pages (a linux_binprm), and each format
 * (binfmt_elf ...) is offered the file's first bytes until one takes it.
 *
 * The old program is given up only once the new image is complete: the
 * format builds the new address space while the task is switched to it
 * (bprm_use_new_mm), and if anything fails on the way -- a short read,
 * no memory, a fault while writing the new stack -- the task is
 * switched back and the new mm dropped (bprm_drop_new_mm): execve()
 * returns the error to a caller that is exactly as it was. Only then
 * does flush_old_exec() let the old mm go (exec_mmap) and reset what an
 * exec resets. Linux 2.6 gave the old mm up earlier and killed the
 * process when mapping the new image failed.
 */
#include <kernel.h>
#include <binfmts.h>
#include <errno.h>
#include <fs.h>
#include <highmem.h>
#include <mm.h>
#include <printk.h>
#include <resource.h>
#include <sched.h>
#include <slab.h>
#include <string.h>
#include <syscalls.h>
#include <asm/irqflags.h>
#include <asm/mmu_context.h>
#include <asm/ptrace.h>
#include <asm/uaccess.h>

static LIST_HEAD(formats);

void register_binfmt(struct linux_binfmt *fmt)
{
	list_add_tail(&fmt->lh, &formats);
}

/*
 * The file exec runs (Linux's open_exec): a regular file with an
 * execute bit, opened for reading. -EACCES for anything else, as Linux.
 */
struct file *open_exec(const char *name)
{
	/* An empty name from the kernel (a bare "#!") walks to the working directory, as Linux's. */
	struct file *file = filp_open(*name ? name : ".", O_RDONLY, 0);
	struct inode *inode;

	if (IS_ERR(file))
		return file;
	inode = file->f_dentry->d_inode;
	/* Linux's path_noexec(): nothing runs from a noexec mount. */
	if (!S_ISREG(inode->i_mode) || !(inode->i_mode & 0111) ||
	    (file->f_vfsmnt->mnt_flags & MNT_NOEXEC)) {
		fput(file);
		return ERR_PTR(-EACCES);
	}
	return file;
}

/* The page holding the string byte at user address STACK_TOP - k (k >= 1). */
static struct page *bprm_page(struct linux_binprm *bprm, unsigned long k)
{
	unsigned int i = (k - 1) >> PAGE_SHIFT;

	if (i >= bprm->nr_pages) {
		unsigned int n = bprm->nr_pages ? bprm->nr_pages * 2 : 8;
		struct page **pages;

		while (n <= i)
			n *= 2;
		pages = kzalloc(n * sizeof(*pages), GFP_KERNEL);
		if (!pages)
			return NULL;
		if (bprm->pages) {
			memcpy(pages, bprm->pages, bprm->nr_pages * sizeof(*pages));
			kfree(bprm->pages);
		}
		bprm->pages = pages;
		bprm->nr_pages = n;
	}
	if (!bprm->pages[i])
		bprm->pages[i] = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
	return bprm->pages[i];
}

static void free_arg_pages(struct linux_binprm *bprm)
{
	unsigned int i;

	for (i = 0; i < bprm->nr_pages; i++)
		if (bprm->pages[i])
			__free_page(bprm->pages[i]);
	kfree(bprm->pages);
	bprm->pages = NULL;
	bprm->nr_pages = 0;
}

/* How many pointers argv holds before its NULL; -EFAULT, -E2BIG. */
static int count(const char __user *const __user *argv, int max)
{
	int i = 0;

	if (!argv)
		return 0;
	for (;;) {
		const char __user *p;

		if (get_user(p, argv + i))
			return -EFAULT;
		if (!p)
			return i;
		if (++i > max)
			return -E2BIG;
		cond_resched();
	}
}

/*
 * Copy argc strings of argv (user pointers, or kernel ones under
 * KERNEL_DS), last first, below what is already there.
 */
static int copy_strings(int argc, const char __user *const __user *argv,
			struct linux_binprm *bprm)
{
	while (argc-- > 0) {
		const char __user *str;
		long len;
		unsigned long done = 0;

		if (get_user(str, argv + argc))
			return -EFAULT;
		len = strnlen_user(str, MAX_ARG_STRLEN);
		if (!len)
			return -EFAULT;
		if (len > MAX_ARG_STRLEN)
			return -E2BIG;
		if (bprm->p + len > bprm->limit)
			return -E2BIG;
		bprm->p += len;
		/* Bytes [STACK_TOP - p, STACK_TOP - p + len), page by page. */
		while (done < (unsigned long)len) {
			unsigned long k = bprm->p - done;	/* this byte is STACK_TOP - k */
			unsigned long off = (STACK_TOP - k) & ~PAGE_MASK;
			unsigned long chunk = min_t(unsigned long, PAGE_SIZE - off, len - done);
			struct page *page = bprm_page(bprm, k);
			char *kaddr;
			unsigned long left;

			if (!page)
				return -ENOMEM;
			kaddr = kmap(page);
			left = copy_from_user(kaddr + off, str + done, chunk);
			kunmap(page);
			if (left)
				return -EFAULT;
			done += chunk;
		}
		cond_resched();
	}
	return 0;
}

int copy_strings_kernel(int argc, const char *const *argv, struct linux_binprm *bprm)
{
	mm_segment_t old_fs = get_fs();
	int r;

	set_fs(KERNEL_DS);
	r = copy_strings(argc, (const char __user *const __user *)argv, bprm);
	set_fs(old_fs);
	return r;
}

/*
 * Build the new image in bprm->mm: the task runs on it (so do_mmap and
 * friends, which work on current->mm, build it) but keeps what it needs
 * to go back. Interrupts off while the three change together.
 */
int bprm_use_new_mm(struct linux_binprm *bprm)
{
	struct task_struct *tsk = current;
	struct mm_struct *mm = mm_alloc();
	unsigned long flags;

	if (!mm)
		return -ENOMEM;
	bprm->mm = mm;
	bprm->old_mm = tsk->mm;
	local_irq_save(flags);
	bprm->old_active_mm = tsk->active_mm;
	tsk->mm = mm;
	tsk->active_mm = mm;
	activate_mm(bprm->old_active_mm, mm);
	local_irq_restore(flags);
	return 0;
}

/* Back to the old image; the new one is dropped (exec failed before the end). */
static void bprm_drop_new_mm(struct linux_binprm *bprm)
{
	struct task_struct *tsk = current;
	unsigned long flags;

	if (!bprm->mm)
		return;
	local_irq_save(flags);
	tsk->mm = bprm->old_mm;
	tsk->active_mm = bprm->old_active_mm;
	activate_mm(bprm->mm, tsk->active_mm);
	local_irq_restore(flags);
	mmput(bprm->mm);
	bprm->mm = NULL;
}

/*
 * The point of no return (Linux's flush_old_exec + setup_new_exec): the
 * new image is complete. The other threads of the group go (de_thread),
 * the old mm is released (mm_release: a vfork parent wakes,
 * clear_child_tid is cleared), the task's mm fields go back to the old
 * mm for exec_mmap(), which moves the task to the new one for good and
 * lets the old one go; then what a new program must not inherit is
 * reset: caught signals, close-on-exec descriptors, TLS and FPU state.
 */
int flush_old_exec(struct linux_binprm *bprm)
{
	struct task_struct *tsk = current;
	struct mm_struct *mm = bprm->mm;
	const char *name, *s;
	unsigned long flags;
	int err;

	local_irq_save(flags);
	tsk->mm = bprm->old_mm;
	tsk->active_mm = bprm->old_active_mm;
	activate_mm(mm, tsk->active_mm);
	local_irq_restore(flags);
	bprm->mm = NULL;
	err = de_thread(tsk);
	if (err) {
		/* Back to the new image's mm only to drop it: exec fails whole. */
		bprm->mm = mm;
		mmput(mm);
		bprm->mm = NULL;
		return err;
	}
	mm_release(tsk);
	err = exec_mmap(mm);
	if (err)
		return err;
	flush_signal_handlers(tsk, 0);
	if (tsk->files)
		flush_old_files(tsk->files);
	/* comm: the file name's last component, as Linux's __set_task_comm. */
	for (name = s = bprm->filename; *s; s++)
		if (*s == '/')
			name = s + 1;
	strlcpy(tsk->comm, name, sizeof(tsk->comm));
	flush_thread();
	tsk->flags &= ~(PF_KTHREAD | PF_FORKNOEXEC);
	set_fs(USER_DS);
	return 0;
}

static int search_binary_handler(struct linux_binprm *bprm, struct pt_regs *regs)
{
	struct linux_binfmt *fmt;
	int r;

	list_for_each_entry(fmt, &formats, lh) {
		r = fmt->load_binary(bprm, regs);
		if (r != -ENOEXEC)
			return r;
	}
	return -ENOEXEC;
}

/*
 * Drop argv[0] (Linux's remove_arg_zero): a #! script's own argv[0]
 * gives way to the interpreter, its argument and the script's path. It
 * is the lowest string, at STACK_TOP - p; it may span pages.
 */
int remove_arg_zero(struct linux_binprm *bprm)
{
	if (!bprm->argc)
		return 0;
	for (;;) {
		unsigned long k = bprm->p;	/* the byte at STACK_TOP - k */
		unsigned long off = (STACK_TOP - k) & ~PAGE_MASK;
		unsigned long chunk = min_t(unsigned long, PAGE_SIZE - off, k);
		struct page *page = bprm_page(bprm, k);
		char *kaddr, *nul;

		if (!page)
			return -EFAULT;
		kaddr = kmap(page);
		nul = memchr(kaddr + off, 0, chunk);
		bprm->p -= nul ? (unsigned long)(nul - (kaddr + off)) + 1 : chunk;
		kunmap(page);
		if (nul)
			break;
	}
	bprm->argc--;
	return 0;
}

/* The name a further #! level passes as the script (Linux's bprm_change_interp). */
int bprm_change_interp(const char *interp, struct linux_binprm *bprm)
{
	size_t len = strlen(interp) + 1;
	char *copy = kmalloc(len, GFP_KERNEL);

	if (!copy)
		return -ENOMEM;
	memcpy(copy, interp, len);
	kfree(bprm->interp);
	bprm->interp = copy;
	return 0;
}

/*
 * Offer the file to the formats; one may rewrite the exec into another
 * file's (a #! script names its interpreter in bprm->interpreter), which
 * is offered in turn. Linux 6.1's exec_binprm: at most 5 rewrites, then
 * -ELOOP.
 */
static int exec_binprm(struct linux_binprm *bprm, struct pt_regs *regs)
{
	int depth, r;

	for (depth = 0;; depth++) {
		if (depth > 5)
			return -ELOOP;
		memset(bprm->buf, 0, BINPRM_BUF_SIZE);
		r = kernel_read(bprm->file, 0, bprm->buf, BINPRM_BUF_SIZE);
		if (r < 0)
			return r;
		r = search_binary_handler(bprm, regs);
		if (r < 0 || !bprm->interpreter)
			return r;
		fput(bprm->file);
		bprm->file = bprm->interpreter;
		bprm->interpreter = NULL;
	}
}

/*
 * The strings' limit (Linux 6.1's): a quarter of the stack rlimit, at
 * most three quarters of the 8 MB default, at least 32 pages -- the
 * whole of what 2.6.11 allowed (MAX_ARG_PAGES).
 */
static unsigned long arg_limit(void)
{
	unsigned long rlim = rlimit(RLIMIT_STACK);
	unsigned long limit = rlim / 4;

	if (limit > (8UL << 20) / 4 * 3)
		limit = (8UL << 20) / 4 * 3;
	if (limit < 32 * PAGE_SIZE)
		limit = 32 * PAGE_SIZE;
	return limit;
}

static const char *const empty_argv[] = { "", NULL };

int do_execve(const char *filename, const char __user *const __user *argv,
	      const char __user *const __user *envp, struct pt_regs *regs)
{
	struct linux_binprm *bprm;
	struct file *file;
	int r;

	bprm = kzalloc(sizeof(*bprm), GFP_KERNEL);
	if (!bprm)
		return -ENOMEM;
	file = open_exec(filename);
	r = PTR_ERR(file);
	if (IS_ERR(file))
		goto out_free;
	bprm->file = file;
	bprm->filename = filename;
	bprm->limit = arg_limit();
	bprm->p = sizeof(void *);	/* the null word at the very top */

	r = bprm->argc = count(argv, MAX_ARG_STRINGS);
	if (r < 0)
		goto out;
	r = bprm->envc = count(envp, MAX_ARG_STRINGS);
	if (r < 0)
		goto out;
	r = copy_strings_kernel(1, &bprm->filename, bprm);
	if (r < 0)
		goto out;
	bprm->exec = STACK_TOP - bprm->p;
	r = copy_strings(bprm->envc, envp, bprm);
	if (r < 0)
		goto out;
	if (bprm->argc == 0) {
		/* As Linux 5.18 on: a NULL or empty argv gets "" as argv[0]. */
		printk(KERN_WARNING "%s[%d]: launched '%s' with NULL argv: empty string added\n",
		       current->comm, current->pid, filename);
		r = copy_strings_kernel(1, empty_argv, bprm);
		bprm->argc = 1;
	} else {
		r = copy_strings(bprm->argc, argv, bprm);
	}
	if (r < 0)
		goto out;

	r = exec_binprm(bprm, regs);
	bprm_drop_new_mm(bprm);		/* nothing if the format got to the end */
out:
	free_arg_pages(bprm);
	if (bprm->interpreter)
		fput(bprm->interpreter);
	fput(bprm->file);
	kfree(bprm->interp);
out_free:
	kfree(bprm);
	return r;
}

/*
 * A kernel thread becomes a user process (init, ULK appendix A): exec
 * with kernel strings; on success the thread's pt_regs hold the new
 * program's start, which it reaches by returning from its function.
 */
int kernel_execve(const char *filename, const char *const argv[], const char *const envp[])
{
	mm_segment_t old_fs = get_fs();
	int r;

	set_fs(KERNEL_DS);
	r = do_execve(filename, (const char __user *const __user *)argv,
		      (const char __user *const __user *)envp, task_pt_regs(current));
	if (r)
		set_fs(old_fs);
	return r;
}

/*
 * execve(2) on i386: filename, argv, envp in ebx, ecx, edx. On success
 * the registers are the new program's, set by the loader: the value in
 * eax is 0 (Linux's), the other registers start_thread()'s.
 */
long sys_execve(const char __user *filename, const char __user *const __user *argv,
		const char __user *const __user *envp)
{
	char *name = getname(filename);
	long r;

	if (IS_ERR(name))
		return PTR_ERR(name);
	r = do_execve(name, argv, envp, current_pt_regs());
	putname(name);
	return r;
}
