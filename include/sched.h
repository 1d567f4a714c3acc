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
#include <list.h>
#include <wait.h>
#include <preempt.h>
#include <signal.h>
#include <asm/processor.h>
#include <asm/thread_info.h>

/* Task states (ULK table 3-2 and 2.6's exit states). */
#define TASK_RUNNING		0
#define TASK_INTERRUPTIBLE	1
#define TASK_UNINTERRUPTIBLE	2
#define TASK_NORMAL		(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)
#define EXIT_ZOMBIE		16	/* exited, waiting for kernel_wait() */
#define TASK_DEAD		64	/* being freed */

#define PF_KTHREAD	0x00200000	/* a kernel thread (cleared when it becomes a user task) */
#define PF_EXITING	0x00000004
#define PF_USED_MATH	0x00002000	/* the FPU state in thread.i387 is the task's (initialised) */

#define TASK_COMM_LEN	16
#define DEF_TIMESLICE	20		/* jiffies of CPU before need_resched */

struct fs_struct;
struct files_struct;

struct task_struct {
	volatile long state;
	unsigned int flags;
	int pid;
	char comm[TASK_COMM_LEN];
	void *stack;			/* THREAD_SIZE bytes, the lowest address */
	struct thread_struct thread;
	struct list_head run_list;	/* on the run queue while runnable */
	struct list_head tasks;		/* on the list of every task */
	struct task_struct *parent;	/* who may kernel_wait() for it */
	unsigned int time_slice;	/* jiffies left in this turn */
	unsigned long nvcsw;		/* switched out while sleeping (voluntary) */
	unsigned long nivcsw;		/* switched out while runnable (slice over) */
	unsigned long runtime;		/* jiffies spent running */
	int exit_code;
	wait_queue_head_t wait_exit;	/* kernel_wait() sleeps here */
	int (*thread_fn)(void *);	/* what a new kernel thread runs */
	void *thread_arg;
	unsigned int saved_preempt_count; /* __preempt_count while switched out */
	/* User mode (arch/x86/): work before the return to user space, FPU status. */
	struct thread_info thread_info;
	/* Files (fs/file.c): NULL shares init's (the boot thread's and kernel threads'). */
	struct fs_struct *fs;		/* root, working directory, umask */
	struct files_struct *files;	/* the descriptor table */
};

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
#define CLONE_SETTLS	0x00080000	/* the child's TLS entry from the user_desc in esi */
#define CLONE_KERNEL	(CLONE_FS | CLONE_FILES | CLONE_SIGHAND)
int kernel_thread(int (*fn)(void *), void *arg, unsigned long flags);
void fork_init(void);
void release_task(struct task_struct *p);
struct task_struct *find_task_by_pid(int pid);
int kernel_wait(int pid, int *exit_code);
__noreturn void do_exit(int code);

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

#endif
