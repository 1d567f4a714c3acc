/*
 * Tasks and the scheduler (ULK chapters 3 and 7, reduced to kernel
 * threads): a task_struct per thread, each with its own kernel stack,
 * a round-robin run queue, and schedule().
 *
 * The kernel is not preemptible (as Linux 2.6 without CONFIG_PREEMPT):
 * a thread in kernel code runs until it sleeps or calls schedule() or
 * cond_resched(). The timer only sets need_resched when a thread's
 * time slice is used up; cond_resched() is where a long loop yields.
 * Interrupts still arrive and run their handlers and softirqs.
 */
#ifndef _MNEME_SCHED_H
#define _MNEME_SCHED_H

#include <types.h>
#include <list.h>
#include <wait.h>
#include <preempt.h>
#include <asm/processor.h>

/* Task states (ULK table 3-2 and 2.6's exit states). */
#define TASK_RUNNING		0
#define TASK_INTERRUPTIBLE	1
#define TASK_UNINTERRUPTIBLE	2
#define TASK_NORMAL		(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)
#define EXIT_ZOMBIE		16	/* exited, waiting for kernel_wait() */
#define TASK_DEAD		64	/* being freed */

#define PF_KTHREAD	0x00200000	/* a kernel thread */
#define PF_EXITING	0x00000004

#define TASK_COMM_LEN	16
#define SIGKILL		9	/* exit codes of threads killed by the kernel */
#define SIGSEGV		11
#define DEF_TIMESLICE	20		/* jiffies of CPU before need_resched */

struct thread_struct {
	unsigned long esp;	/* saved by switch_to() */
	unsigned long esp0;	/* top of the kernel stack: TSS.esp0 while running */
	mm_segment_t addr_limit; /* what access_ok() lets a user pointer name */
};

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

/* arch/x86/process.c and switch_to.asm */
void copy_thread(struct task_struct *p);
struct task_struct *__switch_to(struct task_struct *prev, struct task_struct *next);

#endif
