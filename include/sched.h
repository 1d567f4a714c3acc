/*
 * Tasks and the scheduler (ULK chapters 3 and 7, reduced to kernel
 * threads): a task_struct per thread, each with its own kernel stack,
 * a round-robin run queue, and schedule().
 *
 * The kernel is not preemptible (as Linux 2.6 without CONFIG_PREEMPT):
 * a thread in kernel code runs until it sleeps or calls schedule() or
 * cond_resched(). The timer only sets need_resched when a thread's
 * time slice is used up; cond_resched() is where a long loop yields,
 * and the way back to user mode (arch/x86/entry.asm, resume_userspace)
 * is where a task running user code is preempted.
 * Interrupts still arrive and run their handlers and softirqs.
 */
#ifndef _MNEME_SCHED_H
#define _MNEME_SCHED_H

#include <types.h>
#include <atomic.h>
#include <list.h>
#include <wait.h>
#include <preempt.h>
#include <signal.h>
#include <resource.h>
#include <asm/processor.h>
#include <asm/thread_info.h>

/* Task states (ULK table 3-2 and 2.6's exit states). */
#define TASK_RUNNING		0
#define TASK_INTERRUPTIBLE	1
#define TASK_UNINTERRUPTIBLE	2
#define TASK_NORMAL		(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)
#define TASK_STOPPED		4	/* SIGSTOP: until SIGCONT */
#define EXIT_ZOMBIE		16	/* exited, waiting for its parent's wait() */
#define EXIT_DEAD		32	/* reaped or self-reaping: being released */
#define TASK_DEAD		64	/* switched away from for the last time: to be freed */

#define PF_KTHREAD	0x00200000	/* a kernel thread (cleared when it becomes a user task) */
#define PF_EXITING	0x00000004
#define PF_USED_MATH	0x00002000	/* the FPU state in thread.i387 is the task's (initialised) */

#define PF_SIGNALED	0x00000400	/* killed by a signal */
#define PF_FORKNOEXEC	0x00000040	/* forked but did not exec */

#define TASK_COMM_LEN	16
#define DEF_TIMESLICE	20		/* jiffies of CPU before need_resched */

struct fs_struct;
struct files_struct;
/* Resource limits: include/resource.h; their 64-bit form for prlimit64 (kernel/sys.c). */
#define RLIM64_INFINITY		(~0ULL)

struct rlimit64 {
	unsigned long long rlim_cur;
	unsigned long long rlim_max;
};

/* An interval timer (ITIMER_REAL): the timer raising SIGALRM, its interval in jiffies. */
#include <timer.h>

/*
 * What the threads of a group share (ULK 11.1.2, Linux's signal_struct):
 * the shared pending signals, group exit, process group and session,
 * the resource limits, ITIMER_REAL. count: threads using it; live:
 * threads not yet exited.
 */
struct tty_struct;

struct signal_struct {
	int count;
	int live;
	wait_queue_head_t wait_chldexit;	/* wait4() sleeps here */
	struct task_struct *curr_target;	/* where a group signal was last aimed */
	struct sigpending shared_pending;
	int group_exit_code;
	struct task_struct *group_exit_task;	/* exec's de_thread(): who waits for the others */
	int notify_count;
	unsigned int flags;			/* SIGNAL_* */
	int pgrp;
	int session;
	int leader;				/* session leader */
	struct tty_struct *tty;			/* the controlling terminal (NULL: none) */
	struct timer_list real_timer;		/* ITIMER_REAL (kernel/itimer.c) */
	struct task_struct *tsk;		/* whom real_timer signals (the leader) */
	unsigned long it_real_incr;		/* its interval, jiffies */
	unsigned long cutime, cstime;		/* reaped children's times, jiffies */
	unsigned long utime, stime;		/* exited threads' times */
	unsigned long min_flt, maj_flt;		/* exited threads' faults */
	unsigned long cmin_flt, cmaj_flt;	/* reaped children's */
	unsigned long maxrss, cmaxrss;		/* pages: the largest RSS an exited mm had, children's */
	struct rlimit rlim[RLIM_NLIMITS];
};

#define SIGNAL_STOP_STOPPED	0x00000001	/* the group is stopped (SIGSTOP) */
#define SIGNAL_STOP_CONTINUED	0x00000004	/* SIGCONT resumed it: wait4(WCONTINUED) not told yet */
#define SIGNAL_GROUP_EXIT	0x00000008	/* exit_group() or a fatal signal: every thread dies */

/* The restart of a system call interrupted by a handler (-ERESTART_RESTARTBLOCK). */
struct restart_block {
	long (*fn)(struct restart_block *);
	unsigned long arg0, arg1, arg2, arg3;
};
long do_no_restart_syscall(struct restart_block *parm);

struct completion;

struct task_struct {
	volatile long state;
	unsigned int flags;
	int pid;
	char comm[TASK_COMM_LEN];
	void *stack;			/* THREAD_SIZE bytes, the lowest address */
	struct thread_struct thread;
	struct list_head run_list;	/* on the run queue while runnable */
	struct list_head tasks;		/* on the list of every task */
	struct task_struct *parent;	/* who waits for it (wait4, kernel_wait) */
	/*
	 * Processes (ULK 3.2.2, 3.4): the thread-group id (getpid()),
	 * children and sibling (on the parent's children list; threads
	 * other than a leader are not: they are reaped by themselves),
	 * the group leader and the other threads of the group.
	 */
	int tgid;
	int exit_signal;		/* sent to the parent at exit; -1: none (a thread) */
	struct list_head children;
	struct list_head sibling;
	struct task_struct *group_leader;
	struct list_head thread_group;
	int __user *set_child_tid;	/* CLONE_CHILD_SETTID */
	int __user *clear_child_tid;	/* CLONE_CHILD_CLEARTID, set_tid_address(): 0 + futex wake at exit */
	struct robust_list_head __user *robust_list;	/* set_robust_list(): kernel/futex_robust.c */
	struct completion *vfork_done;	/* CLONE_VFORK: completed at exec or exit (mm_release) */
	unsigned long start_time;	/* jiffies at fork */
	unsigned long utime, stime;	/* jiffies in user and in kernel mode */
	/* Signals (ULK 11.1.2). */
	struct signal_struct *signal;
	struct sighand_struct *sighand;
	sigset_t blocked, real_blocked;
	sigset_t saved_sigmask;		/* sigsuspend(): the mask to restore after the handler */
	struct sigpending pending;	/* sent to this thread alone */
	unsigned long sas_ss_sp;	/* sigaltstack */
	unsigned int sas_ss_size;
	struct restart_block restart_block;
	unsigned int time_slice;	/* jiffies left in this turn */
	unsigned long nvcsw;		/* switched out while sleeping (voluntary) */
	unsigned long nivcsw;		/* switched out while runnable (slice over) */
	unsigned long runtime;		/* jiffies spent running */
	int exit_code;
	wait_queue_head_t wait_exit;	/* kernel_wait() sleeps here */
	int (*thread_fn)(void *);	/* what a new kernel thread runs */
	void *thread_arg;
	unsigned int saved_preempt_count; /* __preempt_count while switched out */
	/*
	 * The address space (ULK 9.2): mm is the task's own, NULL for a
	 * kernel thread; active_mm is the one in CR3 while it runs -- a
	 * kernel thread borrows its predecessor's (lazy TLB, holding an
	 * mm_count). min_flt/maj_flt count its page faults as Linux does.
	 */
	struct mm_struct *mm, *active_mm;
	unsigned long min_flt, maj_flt;
	/* User mode (arch/x86/): work before the return to user space, FPU status. */
	struct thread_info thread_info;
	/* Files (fs/file.c): NULL shares init's (the boot thread's and kernel threads'). */
	struct fs_struct *fs;		/* root, working directory, umask */
	struct files_struct *files;	/* the descriptor table */
	/*
	 * Credentials, as 2.6 keeps them in the task (ULK 20.1.2): real,
	 * effective, saved and file-system user and group ids, and the
	 * user_struct of the real uid, which counts that user's tasks for
	 * RLIMIT_NPROC. Root (euid 0) has every capability.
	 */
	unsigned int uid, euid, suid, fsuid;
	unsigned int gid, egid, sgid, fsgid;
	struct user_struct *user;
};

/*
 * A user (Linux's user_struct, kernel/user.c): one per real uid that
 * has tasks, found by uid. processes counts its tasks (threads too,
 * zombies until reaped): fork refuses a new one with -EAGAIN when the
 * count has reached RLIMIT_NPROC, unless the user is root or the task
 * is privileged (CAP_SYS_RESOURCE / CAP_SYS_ADMIN).
 */
struct user_struct {
	atomic_t __count;		/* references: its tasks, set*uid in progress */
	atomic_t processes;		/* tasks whose real uid it is */
	unsigned int uid;
	struct list_head uidhash_list;	/* on the list of users */
};

extern struct user_struct root_user;
extern unsigned long nr_users;		/* user_structs in use besides root_user */
/* The user_struct of uid with a reference (made if need be), or NULL without memory. */
struct user_struct *alloc_uid(unsigned int uid);
void free_uid(struct user_struct *up);
static inline struct user_struct *get_uid(struct user_struct *u)
{
	atomic_inc(&u->__count);
	return u;
}
void uid_cache_init(void);


extern struct task_struct *current_task;
#define current	current_task

extern struct task_struct init_task;	/* pid 0: the boot thread, then the idle loop */
extern struct list_head task_list;
extern unsigned long nr_threads;
extern int need_resched_flag;

static inline int need_resched(void)
{
	return need_resched_flag;
}

static inline void set_need_resched(void)
{
	need_resched_flag = 1;
}

/*
 * The thread_info flags (include/asm/thread_info.h). One instruction
 * each, so an interrupt cannot come between the read and the write.
 */
static inline void set_tsk_thread_flag(struct task_struct *tsk, int flag)
{
	__asm__ __volatile__("orl %1, %0" : "+m"(tsk->thread_info.flags) : "ir"(1UL << flag));
}

static inline void clear_tsk_thread_flag(struct task_struct *tsk, int flag)
{
	__asm__ __volatile__("andl %1, %0" : "+m"(tsk->thread_info.flags) : "ir"(~(1UL << flag)));
}

static inline int test_tsk_thread_flag(const struct task_struct *tsk, int flag)
{
	return (READ_ONCE(tsk->thread_info.flags) >> flag) & 1;
}

#define set_thread_flag(flag)	set_tsk_thread_flag(current, flag)
#define clear_thread_flag(flag)	clear_tsk_thread_flag(current, flag)
#define test_thread_flag(flag)	test_tsk_thread_flag(current, flag)

/* Whether the task's FPU state has been initialised (Linux's used_math()). */
#define tsk_used_math(tsk)	((tsk)->flags & PF_USED_MATH)
#define used_math()		tsk_used_math(current)
#define set_used_math()		(current->flags |= PF_USED_MATH)
#define clear_used_math()	(current->flags &= ~PF_USED_MATH)

#define __set_current_state(s)	(current->state = (s))
#define set_current_state(s)	do { current->state = (s); barrier(); } while (0)

/* The address-space half of a context switch, done on the next task's stack (kernel/sched.c). */
void finish_mm_switch(void);
void schedule(void);
void cond_resched(void);
void scheduler_tick(void);
int wake_up_process(struct task_struct *p);
void activate_task(struct task_struct *p);
void sched_init(void);
__noreturn void cpu_idle(void);
void show_state(void);

/* might_sleep(), in_atomic(): include/preempt.h. */

/*
 * kernel/fork.c, kernel/exit.c. kernel_thread() starts fn(arg) in a new
 * kernel thread named after fn and returns its pid; the creator reaps
 * it with kernel_wait(), which returns fn's return value. The clone
 * flags are Linux's; until there are processes they change nothing.
 */
#define CLONE_VM	0x00000100
#define CLONE_FS	0x00000200
#define CLONE_FILES	0x00000400
#define CLONE_SIGHAND	0x00000800
#define CLONE_VFORK	0x00004000	/* the parent sleeps until the child execs or exits */
#define CLONE_PARENT	0x00008000	/* the child's parent is the caller's parent */
#define CLONE_THREAD	0x00010000	/* the same thread group */
#define CLONE_SETTLS	0x00080000	/* the child's TLS entry from the user_desc in esi */
#define CLONE_PARENT_SETTID	0x00100000	/* the child's tid stored at parent_tidptr */
#define CLONE_CHILD_CLEARTID	0x00200000	/* child_tidptr cleared and woken at its exit */
#define CLONE_DETACHED		0x00400000	/* ignored */
#define CLONE_UNTRACED		0x00800000	/* ignored (no ptrace) */
#define CLONE_CHILD_SETTID	0x01000000	/* the child's tid stored at child_tidptr, in the child */
#define CSIGNAL			0x000000ff	/* the exit signal, in the low byte */
#define CLONE_KERNEL	(CLONE_FS | CLONE_FILES | CLONE_SIGHAND)

/* wait4() options (linux/wait.h). */
#define WNOHANG		0x00000001
#define WUNTRACED	0x00000002
#define WEXITED		0x00000004
#define WCONTINUED	0x00000008
#define __WNOTHREAD	0x20000000
#define __WALL		0x40000000
#define __WCLONE	0x80000000

#define PID_MAX_DEFAULT	0x8000		/* pids 1 .. 32767 */
#define RESERVED_PIDS	300		/* where the search starts again after a wrap */

int kernel_thread(int (*fn)(void *), void *arg, unsigned long flags);
void fork_init(void);
void release_task(struct task_struct *p);
struct task_struct *find_task_by_pid(int pid);
int kernel_wait(int pid, int *exit_code);
__noreturn void do_exit(int code);
__noreturn void do_group_exit(int exit_code);

/*
 * kernel/fork.c, kernel/exit.c (ULK 3.4, 3.5).
 *
 * do_fork(clone_flags, stack_start, regs, stack_size, parent_tidptr,
 *         child_tidptr)  a new task, a copy of current made by
 *         copy_process() (the flags decide what is shared) and woken;
 *         returns its pid or -errno. CLONE_VFORK: returns when the child
 *         has exec'd or exited.
 * mm_release(tsk)   what a task owes when it gives up its memory (exit,
 *         exec): clear_child_tid cleared and woken (futex), the vfork
 *         parent woken. Exec calls it before dropping the old mm.
 * de_thread(tsk)    exec's: every other thread of the group killed and
 *         reaped, the handlers made tsk's own (unshared). 0 or -errno.
 * do_wait(pid, options, status, rusage)  wait4()'s core, for kernel callers
 *         too (status and rusage kernel pointers if not NULL).
 * child_reaper      who adopts orphans: pid 1.
 * max_threads       the most tasks there may be (fork_init()).
 */
struct rusage;
long do_fork(unsigned long clone_flags, unsigned long stack_start, struct pt_regs *regs,
	     unsigned long stack_size, int __user *parent_tidptr, int __user *child_tidptr);
void mm_release(struct task_struct *tsk);
int de_thread(struct task_struct *tsk);
long do_wait(int pid, int options, int *stat_addr, struct rusage *ru);
extern struct task_struct *child_reaper;
extern int max_threads;
extern unsigned long total_forks;
/* kernel/futex_robust.c: at exit and exec (mm_release), the robust futexes tsk holds. */
void exit_robust_list(struct task_struct *tsk);
int last_pid_allocated(void);
void put_task_struct(struct task_struct *tsk);
void finish_task_switch(struct task_struct *prev);

static inline int thread_group_leader(const struct task_struct *p)
{
	return p->group_leader == p;
}

static inline int thread_group_empty(const struct task_struct *p)
{
	return list_empty(&p->group_leader->thread_group);
}

#define next_thread(p)	list_entry((p)->thread_group.next, struct task_struct, thread_group)

/* Whether t has a signal to see to: an interruptible sleep ends (ULK 11.1.2). */
static inline int signal_pending(const struct task_struct *t)
{
	return test_tsk_thread_flag(t, TIF_SIGPENDING);
}

static inline unsigned long task_rlimit(const struct task_struct *t, unsigned int limit)
{
	return t->signal->rlim[limit].rlim_cur;
}
#define rlimit(limit)	task_rlimit(current, limit)

/* kernel/timer.c */
#define MAX_SCHEDULE_TIMEOUT	((long)(~0UL >> 1))
long schedule_timeout(long timeout);
long schedule_timeout_uninterruptible(long timeout);
void msleep(unsigned int msecs);

/*
 * arch/x86/process.c and switch_to.asm (ULK 3.3.3, 3.4.1).
 *
 * copy_thread()  the new task's kernel stack: with regs NULL, a kernel
 *                thread starting at p->thread_fn(p->thread_arg) in
 *                ret_from_kernel_thread; else a copy of the user-mode
 *                registers regs (fork/clone: the child gets 0 in eax,
 *                esp as its stack pointer if not 0, CLONE_SETTLS's TLS
 *                entry) starting in ret_from_fork. 0 or -errno.
 * switch_to()    the context switch: __switch_to_asm saves the
 *                callee-saved registers and the stack pointer, loads
 *                next's, and continues in __switch_to() (FPU, TSS.esp0,
 *                TLS, %fs and %gs) on next's stack.
 * start_thread() set the registers a task returns to user mode with
 *                (exec; Linux's start_thread()).
 * flush_thread() what exec drops: TLS entries, FPU state.
 * prepare_to_copy() the FPU state into thread.i387 before fork copies
 *                the task_struct.
 * A kernel thread becomes a user task by clearing PF_KTHREAD after
 * start_thread(task_pt_regs(current), ...) and returning from its
 * function: ret_from_kernel_thread then leaves for user mode through
 * the pt_regs at the top of its stack (as Linux's kernel_execve()).
 */
struct pt_regs;
int copy_thread(unsigned long clone_flags, unsigned long esp, struct task_struct *p,
		struct pt_regs *regs);
struct task_struct *__switch_to_asm(struct task_struct *prev, struct task_struct *next);
struct task_struct *fastcall __switch_to(struct task_struct *prev, struct task_struct *next);
#define switch_to(prev, next)	__switch_to_asm(prev, next)
void start_thread(struct pt_regs *regs, unsigned long new_eip, unsigned long new_esp);
void flush_thread(void);
void prepare_to_copy(struct task_struct *tsk);

/* Capabilities (Linux's numbers): root's alone here -- euid 0 has them all, anyone else none. */
#define CAP_FOWNER		3
#define CAP_KILL		5
#define CAP_SETGID		6
#define CAP_SETUID		7
#define CAP_IPC_LOCK		14
#define CAP_SYS_PTRACE		19
#define CAP_SYS_ADMIN		21
#define CAP_SYS_RESOURCE	24
#define CAP_MKNOD		27
static inline int capable(int cap)
{
	(void)cap;
	return current->euid == 0;
}

#endif
