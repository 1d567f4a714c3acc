/*
 * Creating processes and threads (ULK 3.4: clone(), fork() and vfork(),
 * do_fork(), copy_process(); kernel threads).
 *
 * Every task gets a task_struct from its slab cache and an 8 KB kernel
 * stack from vmalloc -- which puts an unmapped page below and above it,
 * so a stack overflow faults (a double fault, reported) instead of
 * overwriting a neighbour. copy_process() duplicates current; the clone
 * flags say what the child shares instead of copying:
 *
 *   CLONE_VM       the address space (M's copy_mm(); see below)
 *   CLONE_FS, CLONE_FILES  root/cwd/umask, the file descriptors (F's
 *                  copy_fs(), copy_files(); see below)
 *   CLONE_SIGHAND  the signal handlers (sighand_struct, count)
 *   CLONE_THREAD   the thread group: same tgid (getpid()), same
 *                  signal_struct (shared pending signals, limits, group
 *                  exit), no exit signal: a thread reaps itself
 *   CLONE_PARENT   the caller's parent becomes the child's
 *   CLONE_VFORK    the parent sleeps until the child execs or exits
 *   CLONE_PARENT_SETTID / CLONE_CHILD_SETTID  the tid stored at
 *                  parent_tidptr (by the parent) / child_tidptr (by the
 *                  child, in schedule_tail())
 *   CLONE_CHILD_CLEARTID  child_tidptr cleared and futex-woken at the
 *                  child's exit (mm_release())
 *   CLONE_SETTLS   the TLS entry from the user_desc in esi (copy_thread())
 *   low byte       the signal the parent gets at the child's exit
 *
 * Pids come from a bitmap (Linux's pidmap): the next free one after the
 * last given, wrapping to RESERVED_PIDS past PID_MAX_DEFAULT, so a pid
 * is reused only after the others have been tried.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <bitops.h>
#include <err.h>
#include <completion.h>
#include <kallsyms.h>
#include <jiffies.h>
#include <mm.h>
#include <fs.h>
#include <sched.h>
#include <signal.h>
#include <slab.h>
#include <syscalls.h>
#include <time.h>
#include <vmalloc.h>
#include <asm/irqflags.h>
#include <asm/ptrace.h>
#include <asm/uaccess.h>

static kmem_cache_t *task_struct_cachep;
static kmem_cache_t *sighand_cachep;
static kmem_cache_t *signal_cachep;

/* pid 0's: the boot thread's handlers and group, inherited by the kernel threads. */
struct sighand_struct init_sighand = { .count = 1 };
struct signal_struct init_signals;

static unsigned long pidmap[PID_MAX_DEFAULT / BITS_PER_LONG];
static int last_pid;
int max_threads;		/* the most tasks there may be */
unsigned long total_forks;	/* tasks created since boot */
struct task_struct *child_reaper = &init_task;	/* pid 1 once it exists */

/* Dead tasks still to free: a task cannot free the stack it runs on. */
static LIST_HEAD(dead_tasks);

static const struct rlimit default_rlimits[RLIM_NLIMITS] = INIT_RLIMITS_INITIALIZER;


static void init_signal_struct(struct signal_struct *sig)
{
	memset(sig, 0, sizeof(*sig));
	sig->count = sig->live = 1;
	init_waitqueue_head(&sig->wait_chldexit);
	init_sigpending(&sig->shared_pending);
	init_timer(&sig->real_timer);
	sig->real_timer.function = it_real_fn;
	sig->real_timer.data = (unsigned long)sig;
}

void fork_init(void)
{
	proc_caches_init();	/* mm_struct, vm_area_struct, the zero page (mm/mm_struct.c) */
	/* Aligned as the FPU save area in it must be for fxsave (include/asm/processor.h). */
	task_struct_cachep = kmem_cache_create("task_struct", sizeof(struct task_struct),
					       __alignof__(struct task_struct),
					       SLAB_HWCACHE_ALIGN | SLAB_PANIC, NULL, NULL);
	sighand_cachep = kmem_cache_create("sighand_cache", sizeof(struct sighand_struct), 0,
					   SLAB_HWCACHE_ALIGN | SLAB_PANIC, NULL, NULL);
	signal_cachep = kmem_cache_create("signal_cache", sizeof(struct signal_struct), 0,
					  SLAB_HWCACHE_ALIGN | SLAB_PANIC, NULL, NULL);
	signals_init();

	/*
	 * Linux's rule: the task structures and stacks may take at most an
	 * eighth of memory; RLIMIT_NPROC half of that, RLIMIT_SIGPENDING
	 * as many as max_threads.
	 */
	max_threads = totalram_pages / (8 * THREAD_SIZE / PAGE_SIZE);
	if (max_threads < 20)
		max_threads = 20;

	init_signal_struct(&init_signals);
	memcpy(init_signals.rlim, default_rlimits, sizeof(default_rlimits));
	init_signals.rlim[RLIMIT_NPROC].rlim_cur = init_signals.rlim[RLIMIT_NPROC].rlim_max =
		max_threads / 2;
	init_signals.rlim[RLIMIT_SIGPENDING].rlim_cur =
		init_signals.rlim[RLIMIT_SIGPENDING].rlim_max = max_threads / 2;
	init_signals.tsk = &init_task;
	init_task.signal = &init_signals;
	init_task.sighand = &init_sighand;
	init_task.group_leader = &init_task;
	init_task.exit_signal = -1;
	INIT_LIST_HEAD(&init_task.children);
	INIT_LIST_HEAD(&init_task.sibling);
	INIT_LIST_HEAD(&init_task.thread_group);
	init_sigpending(&init_task.pending);
	init_task.restart_block.fn = do_no_restart_syscall;
	init_task.user = &root_user;	/* root_user's first reference and process */
	uid_cache_init();
	__set_bit(0, pidmap);
}

/*
 * The next free pid after the last one given, wrapping to RESERVED_PIDS
 * (Linux's alloc_pidmap()). -EAGAIN when every pid is taken. Expects
 * interrupts off.
 */
static int alloc_pidmap(void)
{
	int pid = last_pid + 1, n;

	for (n = 0; n < PID_MAX_DEFAULT; n++, pid++) {
		if (pid >= PID_MAX_DEFAULT)
			pid = RESERVED_PIDS;
		if (!test_bit(pid, pidmap)) {
			__set_bit(pid, pidmap);
			last_pid = pid;
			return pid;
		}
	}
	return -EAGAIN;
}

/* The last pid given out (/proc/loadavg's last field). */
int last_pid_allocated(void)
{
	return last_pid;
}

static void free_pidmap(int pid)
{
	__clear_bit(pid, pidmap);
}

struct task_struct *find_task_by_pid(int pid)
{
	struct task_struct *p;

	if (pid <= 0 || pid >= PID_MAX_DEFAULT || !test_bit(pid, pidmap))
		return pid == 0 ? &init_task : NULL;
	list_for_each_entry(p, &task_list, tasks)
		if (p->pid == pid)
			return p;
	return NULL;
}

static void __put_sighand(struct sighand_struct *sighand)
{
	if (--sighand->count == 0 && sighand != &init_sighand)
		kmem_cache_free(sighand_cachep, sighand);
}

/* The task's structure and kernel stack: the last step of every release. */
void put_task_struct(struct task_struct *tsk)
{
	vfree(tsk->stack);
	kmem_cache_free(task_struct_cachep, tsk);
}

/*
 * A reaped task is freed (Linux's release_task(), __exit_signal()): its
 * pid, its pending signals, its share of the handlers and of the
 * group, its stack and task_struct. It never runs again.
 */
void release_task(struct task_struct *p)
{
	struct signal_struct *sig = p->signal;
	unsigned long flags;

	local_irq_save(flags);
	list_del(&p->tasks);
	if (!list_empty(&p->sibling))
		list_del_init(&p->sibling);
	list_del_init(&p->thread_group);
	nr_threads--;
	free_pidmap(p->pid);
	sig->utime += p->utime;
	sig->stime += p->stime;
	sig->min_flt += p->min_flt;
	sig->maj_flt += p->maj_flt;
	if (--sig->count == 0) {
		del_timer(&sig->real_timer);
		flush_sigqueue(&sig->shared_pending);
		if (sig != &init_signals)
			kmem_cache_free(signal_cachep, sig);
	}
	__put_sighand(p->sighand);
	atomic_dec(&p->user->processes);	/* RLIMIT_NPROC counts zombies until here */
	local_irq_restore(flags);
	free_uid(p->user);
	flush_sigqueue(&p->pending);
	put_task_struct(p);
}

/* Free the tasks that reaped themselves (threads) once nobody runs on their stacks. */
static void reap_dead_tasks(void)
{
	struct task_struct *p;
	unsigned long flags;

	if (irqs_disabled() || in_atomic())
		return;
	for (;;) {
		local_irq_save(flags);
		if (list_empty(&dead_tasks)) {
			local_irq_restore(flags);
			return;
		}
		p = list_first_entry(&dead_tasks, struct task_struct, run_list);
		list_del_init(&p->run_list);
		local_irq_restore(flags);
		release_task(p);
	}
}

/*
 * After every context switch, in the task switched to (schedule(),
 * schedule_tail()): a self-reaping task that has just switched away for
 * the last time is queued to be freed, and the queue emptied when the
 * context allows vfree().
 */
void finish_task_switch(struct task_struct *prev)
{
	unsigned long flags;

	if (prev && prev->state == EXIT_DEAD) {
		local_irq_save(flags);
		prev->state = TASK_DEAD;
		list_add_tail(&prev->run_list, &dead_tasks);
		local_irq_restore(flags);
	}
	reap_dead_tasks();
}

/* A self-reaping task (not running: a zombie leader whose group is now empty) to free. */
void queue_dead_task(struct task_struct *p);
void queue_dead_task(struct task_struct *p)
{
	p->state = TASK_DEAD;
	list_add_tail(&p->run_list, &dead_tasks);
}

struct sighand_struct *alloc_sighand(void);
struct sighand_struct *alloc_sighand(void)
{
	return kmem_cache_alloc(sighand_cachep, GFP_KERNEL);
}

static int copy_sighand(unsigned long clone_flags, struct task_struct *p)
{
	struct sighand_struct *sig;

	if (clone_flags & CLONE_SIGHAND) {
		current->sighand->count++;
		return 0;
	}
	sig = kmem_cache_alloc(sighand_cachep, GFP_KERNEL);
	p->sighand = sig;
	if (!sig)
		return -ENOMEM;
	sig->count = 1;
	memcpy(sig->action, current->sighand->action, sizeof(sig->action));
	return 0;
}

static int copy_signal(unsigned long clone_flags, struct task_struct *p)
{
	struct signal_struct *sig;

	if (clone_flags & CLONE_THREAD) {
		current->signal->count++;
		current->signal->live++;
		return 0;
	}
	sig = kmem_cache_alloc(signal_cachep, GFP_KERNEL);
	p->signal = sig;
	if (!sig)
		return -ENOMEM;
	init_signal_struct(sig);
	sig->tsk = p;
	sig->pgrp = current->signal->pgrp;
	sig->session = current->signal->session;
	sig->tty = current->signal->tty;
	memcpy(sig->rlim, current->signal->rlim, sizeof(sig->rlim));
	return 0;
}

/*
 * The new task's structure, a copy of orig's, and its kernel stack
 * (Linux 2.6's dup_task_struct(); its name is what /proc/vmallocinfo
 * and lx-vmallocinfo show as the stacks' caller).
 */
static noinline struct task_struct *dup_task_struct(struct task_struct *orig)
{
	struct task_struct *p = kmem_cache_alloc(task_struct_cachep, GFP_KERNEL);

	if (!p)
		return NULL;
	prepare_to_copy(orig);
	*p = *orig;
	p->stack = vmalloc(THREAD_SIZE);
	if (!p->stack) {
		kmem_cache_free(task_struct_cachep, p);
		return NULL;
	}
	return p;
}

/*
 * A copy of current (ULK 3.4.1.1, copy_process()): everything the
 * flags do not share is duplicated; regs NULL makes a kernel thread
 * running p->thread_fn. The child is linked in but not yet runnable.
 * Returns it or an ERR_PTR.
 */
static struct task_struct *copy_process(unsigned long clone_flags, unsigned long stack_start,
					struct pt_regs *regs, int __user *parent_tidptr,
					int __user *child_tidptr, int (*fn)(void *), void *arg)
{
	struct task_struct *p;
	unsigned long flags;
	int retval, pid;

	if ((clone_flags & CLONE_THREAD) && !(clone_flags & CLONE_SIGHAND))
		return ERR_PTR(-EINVAL);
	if ((clone_flags & CLONE_SIGHAND) && !(clone_flags & CLONE_VM))
		return ERR_PTR(-EINVAL);
	if ((clone_flags & CLONE_THREAD) && (current->signal->flags & SIGNAL_GROUP_EXIT))
		return ERR_PTR(-EAGAIN);

	reap_dead_tasks();
	/* Linux's limit on all tasks: at most max_threads. */
	if (nr_threads >= (unsigned long)max_threads)
		return ERR_PTR(-EAGAIN);

	p = dup_task_struct(current);
	if (!p)
		return ERR_PTR(-ENOMEM);
	/*
	 * RLIMIT_NPROC (Linux's copy_process()): the tasks of the real
	 * uid's user may not reach the limit -- root's and a privileged
	 * task's may. The child is counted from here on (kernel/user.c).
	 */
	if ((unsigned long)atomic_read(&p->user->processes) >= rlimit(RLIMIT_NPROC) &&
	    p->user != &root_user && !capable(CAP_SYS_RESOURCE) && !capable(CAP_SYS_ADMIN)) {
		retval = -EAGAIN;
		goto bad_fork_free;
	}
	get_uid(p->user);
	atomic_inc(&p->user->processes);
	p->state = TASK_RUNNING;
	p->flags &= ~(PF_EXITING | PF_SIGNALED);
	p->flags |= PF_FORKNOEXEC;
	if (fn) {
		p->flags |= PF_KTHREAD;
		sprint_symbol_no_offset(p->comm, sizeof(p->comm), (unsigned long)fn);
	}
	p->thread_fn = fn;
	p->thread_arg = arg;
	p->time_slice = DEF_TIMESLICE;
	p->nvcsw = p->nivcsw = p->runtime = 0;
	p->utime = p->stime = 0;
	p->exit_code = 0;
	p->thread.cr2 = 0;
	p->start_time = jiffies;
	p->saved_preempt_count = 0;
	p->thread_info.flags = 0;
	p->thread_info.status = 0;
	p->vfork_done = NULL;
	p->set_child_tid = (clone_flags & CLONE_CHILD_SETTID) ? child_tidptr : NULL;
	p->clear_child_tid = (clone_flags & CLONE_CHILD_CLEARTID) ? child_tidptr : NULL;
	p->robust_list = NULL;	/* each thread registers its own */
	p->restart_block.fn = do_no_restart_syscall;
	INIT_LIST_HEAD(&p->run_list);
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	INIT_LIST_HEAD(&p->thread_group);
	init_waitqueue_head(&p->wait_exit);
	init_sigpending(&p->pending);
	sigemptyset(&p->saved_sigmask);
	/* A thread does not inherit the sigaltstack (it would share it); fork and vfork do. */
	if ((clone_flags & (CLONE_VM | CLONE_VFORK)) == CLONE_VM)
		p->sas_ss_sp = p->sas_ss_size = 0;

	retval = copy_sighand(clone_flags, p);
	if (retval)
		goto bad_fork_cleanup_count;
	retval = copy_signal(clone_flags, p);
	if (retval)
		goto bad_fork_cleanup_sighand;
	/*
	 * The address space (M's copy_mm(): shared under CLONE_VM, else a
	 * copy-on-write duplicate; a task without an mm -- a kernel thread,
	 * or a test task on hand-made page tables -- gives its child none,
	 * and the child runs on whatever CR3 holds, as before), then the
	 * open files and the fs context (fs/file.c: copy_files(), copy_fs():
	 * shared under CLONE_FILES / CLONE_FS, copied otherwise); their undo
	 * in the same order below bad_fork_cleanup_fs.
	 */
	retval = copy_mm(clone_flags, p);
	if (retval)
		goto bad_fork_cleanup_signal;
	p->files = NULL;
	p->fs = NULL;
	retval = copy_files(clone_flags, p);
	if (retval)
		goto bad_fork_cleanup_mm;
	retval = copy_fs(clone_flags, p);
	if (retval)
		goto bad_fork_cleanup_files;
	retval = copy_thread(clone_flags, stack_start, p, regs);
	if (retval)
		goto bad_fork_cleanup_fs;

	local_irq_save(flags);
	pid = alloc_pidmap();
	if (pid < 0) {
		local_irq_restore(flags);
		retval = pid;
		goto bad_fork_cleanup_fs;
	}
	p->pid = pid;
	local_irq_restore(flags);

	if (clone_flags & CLONE_PARENT_SETTID) {
		if (put_user(p->pid, parent_tidptr)) {
			retval = -EFAULT;
			goto bad_fork_free_pid;
		}
	}

	local_irq_save(flags);
	/*
	 * A signal that came while we copied must reach the parent before
	 * the child exists, or the child would miss a group signal: start
	 * again (Linux: -ERESTARTNOINTR, invisible to user space).
	 */
	if (regs && signal_pending(current)) {
		local_irq_restore(flags);
		retval = -ERESTARTNOINTR;
		goto bad_fork_free_pid;
	}
	if (clone_flags & CLONE_THREAD) {
		p->tgid = current->tgid;
		p->group_leader = current->group_leader;
		p->exit_signal = -1;
		p->parent = current->group_leader->parent;
		list_add_tail(&p->thread_group, &p->group_leader->thread_group);
	} else {
		p->tgid = p->pid;
		p->group_leader = p;
		p->exit_signal = clone_flags & CSIGNAL;
		p->parent = (clone_flags & CLONE_PARENT) ? current->group_leader->parent : current;
		list_add_tail(&p->sibling, &p->parent->children);
	}
	if (pid == 1)
		child_reaper = p;
	list_add_tail(&p->tasks, &task_list);
	nr_threads++;
	total_forks++;
	local_irq_restore(flags);
	return p;

bad_fork_free_pid:
	local_irq_save(flags);
	free_pidmap(p->pid);
	local_irq_restore(flags);
bad_fork_cleanup_fs:
	exit_fs(p);
bad_fork_cleanup_files:
	exit_files(p);
bad_fork_cleanup_mm:
	if (p->mm)
		mmput(p->mm);
bad_fork_cleanup_signal:
	if (clone_flags & CLONE_THREAD) {
		current->signal->count--;
		current->signal->live--;
	} else {
		kmem_cache_free(signal_cachep, p->signal);
	}
bad_fork_cleanup_sighand:
	if (clone_flags & CLONE_SIGHAND)
		current->sighand->count--;
	else if (p->sighand)
		kmem_cache_free(sighand_cachep, p->sighand);
bad_fork_cleanup_count:
	atomic_dec(&p->user->processes);
	free_uid(p->user);
bad_fork_free:
	put_task_struct(p);
	return ERR_PTR(retval);
}

static void wake_up_new_task(struct task_struct *p)
{
	unsigned long flags;

	local_irq_save(flags);
	activate_task(p);
	local_irq_restore(flags);
}

/*
 * fork, vfork, clone (ULK 3.4.1): copy current, start the child, and
 * for CLONE_VFORK wait until it releases the memory it borrowed.
 */
long do_fork(unsigned long clone_flags, unsigned long stack_start, struct pt_regs *regs,
	     unsigned long stack_size, int __user *parent_tidptr, int __user *child_tidptr)
{
	struct task_struct *p;
	struct completion vfork;
	long pid;

	(void)stack_size;
	might_sleep();
	p = copy_process(clone_flags, stack_start, regs, parent_tidptr, child_tidptr, NULL, NULL);
	if (IS_ERR(p))
		return PTR_ERR(p);
	pid = p->pid;
	if (clone_flags & CLONE_VFORK) {
		p->vfork_done = &vfork;
		init_completion(&vfork);
	}
	wake_up_new_task(p);
	if (clone_flags & CLONE_VFORK)
		wait_for_completion(&vfork);
	return pid;
}

/*
 * A kernel thread (ULK 3.4.2): fn(arg) on a task of its own, sharing
 * what flags say; it ends with fn's return value as its exit code, and
 * its creator reaps it with kernel_wait(). Returns its pid or -errno.
 */
int kernel_thread(int (*fn)(void *), void *arg, unsigned long flags)
{
	struct task_struct *p;

	might_sleep();
	p = copy_process(flags | CLONE_VM, 0, NULL, NULL, NULL, fn, arg);
	if (IS_ERR(p))
		return PTR_ERR(p);
	wake_up_new_task(p);
	return p->pid;
}

/*
 * The first thing a new task does (arch/x86/switch_to.asm calls it with
 * the task switched from): schedule() switched to it with interrupts off
 * and, unlike an older task, it does not return into schedule() to
 * restore them. A clone child with CLONE_CHILD_SETTID stores its tid
 * here, in its own context (Linux's schedule_tail()).
 */
void fastcall schedule_tail(struct task_struct *prev);
void fastcall schedule_tail(struct task_struct *prev)
{
	__preempt_count = 0;	/* a new task holds nothing */
	finish_mm_switch();	/* prev's borrowed mm dropped (kernel/sched.c) */
	local_irq_enable();
	finish_task_switch(prev);
	if (current->set_child_tid)
		put_user(current->pid, current->set_child_tid);
}

/* The system calls. The frame is the caller's pt_regs at the top of its kernel stack. */
long sys_fork(void)
{
	return do_fork(SIGCHLD, 0, current_pt_regs(), 0, NULL, NULL);
}

long sys_vfork(void)
{
	return do_fork(CLONE_VFORK | CLONE_VM | SIGCHLD, 0, current_pt_regs(), 0, NULL, NULL);
}

/* i386's order: flags, newsp, parent_tidptr, tls (read by copy_thread() from esi), child_tidptr. */
long sys_clone(unsigned long clone_flags, unsigned long newsp, int __user *parent_tidptr,
	       unsigned long tls, int __user *child_tidptr)
{
	(void)tls;
	return do_fork(clone_flags, newsp, current_pt_regs(), 0, parent_tidptr, child_tidptr);
}

long sys_set_tid_address(int __user *tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}
