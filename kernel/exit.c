/*
 * Ending processes (ULK 3.5): do_exit() and exit_group(), zombies,
 * reparenting, wait4().
 *
 * do_exit() gives back what the task holds (its memory: mm_release()
 * and M's exit_mm(); its files: F's exit_files()/exit_fs()), then
 * exit_notify(): its children go to another thread of its group or to
 * child_reaper (pid 1), the parent hears of the exit (do_notify_parent:
 * SIGCHLD and the wait queue), and the task becomes
 *
 *   EXIT_ZOMBIE  a process (group leader) whose parent must wait() for
 *                it: wait4() collects the status and release_task()
 *                frees everything;
 *   EXIT_DEAD    a thread, or a process whose parent ignores SIGCHLD
 *                (SA_NOCLDWAIT, SIG_IGN): nobody waits, the task is freed
 *                after it switched away for the last time
 *                (finish_task_switch() in kernel/fork.c).
 *
 * A group leader whose other threads still run stays a zombie the
 * parent cannot see until the last of them has gone (Linux's
 * delay_group_leader()).
 *
 * The exit code is in wait()'s format: (status & 0xff) << 8 for exit(),
 * the signal number (| 0x80 if core would be dumped) for a fatal signal.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <completion.h>
#include <fs.h>
#include <sched.h>
#include <init.h>
#include <mm.h>
#include <signal.h>
#include <syscalls.h>
#include <time.h>
#include <tty.h>
#include <asm/irqflags.h>
#include <asm/uaccess.h>

void queue_dead_task(struct task_struct *p);
long futex_wake_tid(u32 __user *uaddr);
struct sighand_struct *alloc_sighand(void);

/*
 * What a task owes when it lets go of its memory (exit, and exec before
 * it drops the old mm; Linux's mm_release()): the vfork parent may run
 * again; its robust futexes are released (kernel/futex_robust.c);
 * clear_child_tid (CLONE_CHILD_CLEARTID, set_tid_address) gets 0
 * and one waiter on it is woken -- how pthread_join() learns a thread
 * has ended.
 */
void mm_release(struct task_struct *tsk)
{
	struct completion *vfork_done = tsk->vfork_done;

	/* The robust futexes it holds: marked FUTEX_OWNER_DIED, a waiter woken. */
	if (tsk->robust_list)
		exit_robust_list(tsk);

	if (vfork_done) {
		tsk->vfork_done = NULL;
		complete(vfork_done);
	}
	if (tsk->clear_child_tid) {
		u32 __user *tidptr = (u32 __user *)tsk->clear_child_tid;

		tsk->clear_child_tid = NULL;
		if (!put_user(0, tidptr))
			futex_wake_tid(tidptr);
	}
}

/*
 * Whether process group pgrp is orphaned once ignored has gone (POSIX;
 * Linux's will_become_orphaned_pgrp()): no live member has its parent
 * in another group of the same session; a parent that is init does not
 * count. Terminal stop signals do nothing to an orphaned group
 * (kernel/signal.c, fs/tty.c).
 */
static int will_become_orphaned_pgrp(int pgrp, struct task_struct *ignored)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks) {
		struct task_struct *parent = p->parent;

		if (!thread_group_leader(p) || p->signal->pgrp != pgrp || p == ignored)
			continue;
		if ((p->state == EXIT_ZOMBIE || p->state == EXIT_DEAD) && thread_group_empty(p))
			continue;
		if (parent->tgid == 1)
			continue;
		if (parent->signal->pgrp != pgrp && parent->signal->session == p->signal->session)
			return 0;
	}
	return 1;
}

int is_current_pgrp_orphaned(void)
{
	unsigned long flags;
	int r;

	local_irq_save(flags);
	r = will_become_orphaned_pgrp(current->signal->pgrp, NULL);
	local_irq_restore(flags);
	return r;
}

static int has_stopped_jobs(int pgrp)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks)
		if (thread_group_leader(p) && p->signal->pgrp == pgrp &&
		    (p->signal->flags & SIGNAL_STOP_STOPPED))
			return 1;
	return 0;
}

/*
 * tsk's exit (parent NULL), or its parent's (parent: the one going),
 * may orphan tsk's process group: if that group has stopped members,
 * nobody in the session could ever continue them -- they get SIGHUP and
 * SIGCONT (POSIX 3.2.2.2, Linux's kill_orphaned_pgrp()). Interrupts off.
 */
static void kill_orphaned_pgrp(struct task_struct *tsk, struct task_struct *parent)
{
	int pgrp = tsk->signal->pgrp;
	struct task_struct *ignored = tsk;

	if (!parent)
		parent = tsk->parent;
	else
		ignored = NULL;
	if (parent->signal->pgrp != pgrp && parent->signal->session == tsk->signal->session &&
	    will_become_orphaned_pgrp(pgrp, ignored) && has_stopped_jobs(pgrp)) {
		kill_pg(pgrp, SIGHUP, 1);
		kill_pg(pgrp, SIGCONT, 1);
	}
}

/*
 * Whom tsk's children go to: another live thread of its group, else
 * child_reaper (Linux 2.6's forget_original_parent()); a child whose
 * group this leaves orphaned hears of it. Interrupts off.
 */
static void forget_original_parent(struct task_struct *father)
{
	struct task_struct *reaper = child_reaper, *p, *n, *t;

	for (t = next_thread(father); t != father; t = next_thread(t))
		if (!(t->flags & PF_EXITING)) {
			reaper = t;
			break;
		}
	if (reaper == father)
		reaper = &init_task;
	list_for_each_entry_safe(p, n, &father->children, sibling) {
		p->parent = reaper;
		list_move_tail(&p->sibling, &reaper->children);
		/* A zombie already: the new parent must hear of it. */
		if (p->state == EXIT_ZOMBIE && p->exit_signal != -1 && thread_group_empty(p))
			do_notify_parent(p, p->exit_signal);
		if (p->state != EXIT_DEAD)
			kill_orphaned_pgrp(p, father);
	}
}

/*
 * The zombie leader's group is empty now: its parent may reap it, or,
 * if it does not wait (do_notify_parent() cleared exit_signal), it is
 * freed.
 */
static void notify_leader(struct task_struct *leader)
{
	wake_up_all(&leader->wait_exit);	/* kernel_wait() */
	if (leader->exit_signal != -1)
		do_notify_parent(leader, leader->exit_signal);
	if (leader->exit_signal == -1) {
		list_del_init(&leader->sibling);
		queue_dead_task(leader);
	}
}

/* Interrupts off. Sets tsk->state to EXIT_ZOMBIE or EXIT_DEAD. */
static void exit_notify(struct task_struct *tsk)
{
	struct task_struct *leader = tsk->group_leader;

	forget_original_parent(tsk);
	if (!tsk->signal->live)
		kill_orphaned_pgrp(leader, NULL);	/* the group is gone */
	wake_up_all(&tsk->wait_exit);		/* kernel_wait() */
	if (!thread_group_leader(tsk)) {
		list_del_init(&tsk->thread_group);
		tsk->state = EXIT_DEAD;
		/* exec's de_thread() waits for the others to go (it checks what is left). */
		if (tsk->signal->group_exit_task)
			wake_up_process(tsk->signal->group_exit_task);
		if (leader->state == EXIT_ZOMBIE && thread_group_empty(leader))
			notify_leader(leader);
		return;
	}
	tsk->state = EXIT_ZOMBIE;
	if (!thread_group_empty(tsk)) {
		/* A thread's exec waits for this zombie to take its place. */
		if (tsk->signal->group_exit_task)
			wake_up_process(tsk->signal->group_exit_task);
		return;				/* the last thread to go tells the parent */
	}
	if (tsk->exit_signal != -1)
		do_notify_parent(tsk, tsk->exit_signal);
	if (tsk->exit_signal == -1) {
		list_del_init(&tsk->sibling);
		tsk->state = EXIT_DEAD;
	}
}

void do_exit(int code)
{
	struct task_struct *tsk = current;

	if (tsk == &init_task)
		panic("Attempted to kill the idle task!");
	if (tsk == child_reaper && (tsk->flags & PF_KTHREAD))
		panic("Attempted to kill init! exit code %d", code);
	if (unlikely(in_atomic())) {
		/* Killed by an oops with a lock held (Linux's note); the lock stays taken. */
		printk(KERN_ERR "note: %s[%d] exited with preempt_count %u\n", tsk->comm, tsk->pid,
		       preempt_count());
		__preempt_count = 0;
	}
	if (unlikely(tsk->flags & PF_EXITING)) {
		/* An oops in do_exit() itself: do not run it twice. */
		printk(KERN_ALERT "Fixing recursive fault but reboot is needed!\n");
		local_irq_disable();
		tsk->state = TASK_UNINTERRUPTIBLE;
		schedule();
		BUG();
	}
	local_irq_enable();
	tsk->flags |= PF_EXITING;
	if (--tsk->signal->live == 0)
		del_timer(&tsk->signal->real_timer);	/* ITIMER_REAL dies with the group */
	/*
	 * What the task holds: the memory (mm_release(), then M's
	 * exit_mm(tsk) here), the files and the fs context (exit_files(),
	 * exit_fs()).
	 */
	if (!(tsk->flags & PF_KTHREAD) || tsk->clear_child_tid || tsk->vfork_done)
		mm_release(tsk);
	/* getrusage's ru_maxrss outlives the mm (Linux's setmax_mm_hiwater_rss()). */
	if (tsk->mm)
		tsk->signal->maxrss = max(tsk->signal->maxrss, get_mm_hiwater_rss(tsk->mm));
	exit_mm(tsk);		/* may sleep: the address space goes (mm/mm_struct.c) */
	exit_files(tsk);	/* the last user of each file closes it (a pipe's writer: EOF) */
	exit_fs(tsk);
	if (!tsk->signal->live)
		disassociate_ctty(1);	/* a session leader's terminal: its foreground gets SIGHUP */
	tsk->exit_code = code;
	if (tsk == child_reaper && !tsk->signal->group_exit_task)
		init_exited(code);	/* PID 1, a user process: the run is over (kernel/main.c) */
	local_irq_disable();
	exit_notify(tsk);
	schedule();
	BUG();	/* a dead task is never scheduled again */
}

/*
 * Every thread of the group ends with exit_code (exit_group(), a fatal
 * signal): the first one sets the group's code and sends the others
 * SIGKILL; each then exits with that code.
 */
void do_group_exit(int exit_code)
{
	struct signal_struct *sig = current->signal;
	unsigned long flags;

	local_irq_save(flags);
	if (sig->flags & SIGNAL_GROUP_EXIT) {
		exit_code = sig->group_exit_code;
	} else if (!thread_group_empty(current)) {
		sig->group_exit_code = exit_code;
		sig->flags = SIGNAL_GROUP_EXIT;
		zap_other_threads(current);
	}
	local_irq_restore(flags);
	do_exit(exit_code);
}

/*
 * Exec's part of the thread group (Linux 2.6's de_thread(), fs/exec.c):
 * the other threads are killed and waited for, and the handlers become
 * tsk's own if they were shared (CLONE_SIGHAND) -- the new program
 * starts with its own copy. Called by exec with tsk == current. A
 * thread that is not the leader waits for the leader to be a zombie
 * too and takes its place: its pid (the process keeps its pid, as
 * POSIX wants), parent, exit signal and start time; the old leader,
 * now holding the thread's tid, is released.
 */
static int de_thread_done(struct task_struct *tsk)
{
	struct task_struct *leader = tsk->group_leader;

	if (leader == tsk)
		return thread_group_empty(tsk);
	return next_thread(tsk) == leader && next_thread(leader) == tsk &&
	       leader->state == EXIT_ZOMBIE;
}

/* tsk, the last live thread, becomes the leader of its group. Interrupts off. */
static void take_over_leader(struct task_struct *tsk)
{
	struct task_struct *leader = tsk->group_leader;
	int pid = leader->pid;

	leader->pid = tsk->pid;
	tsk->pid = pid;
	tsk->start_time = leader->start_time;
	tsk->parent = leader->parent;
	tsk->exit_signal = leader->exit_signal;
	if (!list_empty(&leader->sibling))	/* on its parent's children list: tsk is now */
		list_replace_init(&leader->sibling, &tsk->sibling);
	tsk->group_leader = tsk;
	leader->group_leader = tsk;
	list_del_init(&leader->thread_group);
	if (child_reaper == leader)
		child_reaper = tsk;
	leader->exit_signal = -1;
	queue_dead_task(leader);	/* freed with its (now tsk's old) pid */
}

int de_thread(struct task_struct *tsk)
{
	struct signal_struct *sig = tsk->signal;
	struct sighand_struct *newsighand, *oldsighand = tsk->sighand;
	unsigned long flags;

	local_irq_save(flags);
	if (sig->flags & SIGNAL_GROUP_EXIT) {
		local_irq_restore(flags);
		return -EAGAIN;			/* being killed anyway */
	}
	if (!thread_group_empty(tsk)) {
		sig->group_exit_task = tsk;
		zap_other_threads(tsk);
		while (!de_thread_done(tsk)) {
			__set_current_state(TASK_UNINTERRUPTIBLE);
			local_irq_restore(flags);
			schedule();
			local_irq_save(flags);
		}
		if (!thread_group_leader(tsk))
			take_over_leader(tsk);
		sig->group_exit_task = NULL;
		/* The SIGKILLs of the dead threads must not hit us: only ours are pending. */
		sig->flags = 0;
	}
	local_irq_restore(flags);
	if (oldsighand->count > 1) {
		newsighand = alloc_sighand();
		if (!newsighand)
			return -ENOMEM;
		newsighand->count = 1;
		memcpy(newsighand->action, oldsighand->action, sizeof(newsighand->action));
		local_irq_save(flags);
		tsk->sighand = newsighand;
		oldsighand->count--;
		local_irq_restore(flags);
	}
	return 0;
}

/* Whether p is one of the children wait4(pid, options) asks about (Linux's eligible_child()). */
static int eligible_child(int pid, int options, struct task_struct *p)
{
	if (pid > 0) {
		if (p->pid != pid)
			return 0;
	} else if (pid == 0) {
		if (p->signal->pgrp != current->signal->pgrp)
			return 0;
	} else if (pid != -1) {
		if (p->signal->pgrp != -pid)
			return 0;
	}
	/* __WCLONE: only the children that send something else than SIGCHLD; __WALL: any. */
	if (((p->exit_signal != SIGCHLD) ^ ((options & __WCLONE) != 0)) && !(options & __WALL))
		return 0;
	return 1;
}

static void fill_rusage(struct task_struct *p, struct rusage *ru)
{
	memset(ru, 0, sizeof(*ru));
	jiffies_to_timeval(p->utime + p->signal->utime + p->signal->cutime, &ru->ru_utime);
	jiffies_to_timeval(p->stime + p->signal->stime + p->signal->cstime, &ru->ru_stime);
	ru->ru_nvcsw = p->nvcsw;
	ru->ru_nivcsw = p->nivcsw;
	ru->ru_minflt = p->min_flt + p->signal->min_flt + p->signal->cmin_flt;
	ru->ru_majflt = p->maj_flt + p->signal->maj_flt + p->signal->cmaj_flt;
	ru->ru_maxrss = K(max(p->signal->maxrss, p->signal->cmaxrss));
}

/* Collect a zombie (interrupts off on entry; on again on return): its pid. */
static int wait_task_zombie(struct task_struct *p, int *stat_addr, struct rusage *ru,
			    unsigned long flags)
{
	int pid = p->pid, status;

	status = (p->signal->flags & SIGNAL_GROUP_EXIT) ? p->signal->group_exit_code :
							  p->exit_code;
	p->state = EXIT_DEAD;
	current->signal->cutime += p->utime + p->signal->utime + p->signal->cutime;
	current->signal->cstime += p->stime + p->signal->stime + p->signal->cstime;
	current->signal->cmin_flt += p->min_flt + p->signal->min_flt + p->signal->cmin_flt;
	current->signal->cmaj_flt += p->maj_flt + p->signal->maj_flt + p->signal->cmaj_flt;
	current->signal->cmaxrss = max(current->signal->cmaxrss,
				       max(p->signal->maxrss, p->signal->cmaxrss));
	if (ru)
		fill_rusage(p, ru);
	local_irq_restore(flags);
	if (stat_addr)
		*stat_addr = status;
	release_task(p);
	return pid;
}

/*
 * A stopped child (WUNTRACED: status (sig << 8) | 0x7f) or one SIGCONT
 * resumed (WCONTINUED: 0xffff), each reported once, the child left as
 * it is. Interrupts off.
 */
static int wait_task_stopped_continued(struct task_struct *p, int options, int *stat_addr,
				       struct rusage *ru)
{
	int status;

	if ((options & WUNTRACED) && p->state == TASK_STOPPED && p->exit_code) {
		status = (p->exit_code << 8) | 0x7f;
		p->exit_code = 0;
	} else if ((options & WCONTINUED) && (p->signal->flags & SIGNAL_STOP_CONTINUED)) {
		status = 0xffff;
		p->signal->flags &= ~SIGNAL_STOP_CONTINUED;
	} else {
		return 0;
	}
	if (stat_addr)
		*stat_addr = status;
	if (ru)
		fill_rusage(p, ru);
	return 1;
}

/*
 * wait4()'s core (ULK 3.5.2, Linux's do_wait()): the children of every
 * thread of the group are looked at; a zombie among those asked for is
 * collected and its pid returned; none yet: sleep on the group's
 * wait_chldexit (interruptibly) unless WNOHANG (0). -ECHILD: no such
 * child. stat_addr and ru are kernel pointers (NULL: not wanted).
 */
long do_wait(int pid, int options, int *stat_addr, struct rusage *ru)
{
	struct signal_struct *sig = current->signal;
	DECLARE_WAITQUEUE(wait, current);
	struct task_struct *tsk, *p;
	unsigned long flags;
	long retval;
	int flag;

	add_wait_queue(&sig->wait_chldexit, &wait);
	for (;;) {
		flag = 0;
		local_irq_save(flags);
		set_current_state(TASK_INTERRUPTIBLE);
		tsk = current;
		do {
			list_for_each_entry(p, &tsk->children, sibling) {
				if (!eligible_child(pid, options, p))
					continue;
				flag = 1;
				if (p->state == EXIT_ZOMBIE && thread_group_empty(p)) {
					__set_current_state(TASK_RUNNING);
					retval = wait_task_zombie(p, stat_addr, ru, flags);
					goto end;
				}
				if (wait_task_stopped_continued(p, options, stat_addr, ru)) {
					__set_current_state(TASK_RUNNING);
					local_irq_restore(flags);
					retval = p->pid;
					goto end;
				}
			}
			if (options & __WNOTHREAD)
				break;
			tsk = next_thread(tsk);
		} while (tsk != current);
		local_irq_restore(flags);
		retval = -ECHILD;
		if (!flag)
			break;
		retval = 0;
		if (options & WNOHANG)
			break;
		retval = -ERESTARTSYS;
		if (signal_pending(current))
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
end:
	remove_wait_queue(&sig->wait_chldexit, &wait);
	return retval;
}

long sys_wait4(int pid, int __user *stat_addr, int options, struct rusage __user *ru)
{
	struct rusage r;
	long ret;
	int status;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	ret = do_wait(pid, options, &status, ru ? &r : NULL);
	if (ret > 0) {
		if (stat_addr && put_user(status, stat_addr))
			return -EFAULT;
		if (ru && copy_to_user(ru, &r, sizeof(r)))
			return -EFAULT;
	}
	return ret;
}

long sys_waitpid(int pid, int __user *stat_addr, int options)
{
	return sys_wait4(pid, stat_addr, options, NULL);
}

/*
 * Wait for the kernel thread pid (one this task created) to exit, then
 * reap it. Returns 0 and its exit code, or -ECHILD.
 */
int kernel_wait(int pid, int *exit_code)
{
	struct task_struct *p = find_task_by_pid(pid);
	unsigned long flags;

	if (!p || p->parent != current || !thread_group_leader(p))
		return -ECHILD;
	/* Kernel threads' parents never ignore SIGCHLD: they do not reap themselves. */
	wait_event(p->wait_exit, p->state == EXIT_ZOMBIE && thread_group_empty(p));
	local_irq_save(flags);
	wait_task_zombie(p, exit_code, NULL, flags);
	return 0;
}

/*
 * exit() ends the calling thread; exit_group() every thread of the
 * process. The status's low byte goes in bits 8..15 of the exit code,
 * as wait() reports a normal exit (ULK 3.5.1).
 */
long sys_exit(int error_code)
{
	do_exit((error_code & 0xff) << 8);
}

long sys_exit_group(int error_code)
{
	do_group_exit((error_code & 0xff) << 8);
}
