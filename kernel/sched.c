/*
 * The scheduler: one run queue of runnable tasks served round-robin
 * (ULK chapter 7's structure, without priorities), the idle task when
 * it is empty, and the context switch.
 *
 *   schedule()            the current task gives up the CPU: it stays on
 *                         the queue (at the tail) if still runnable,
 *                         leaves it if it went to sleep; the head runs
 *   scheduler_tick()      every tick: a used-up time slice sets need_resched
 *   try_to_wake_up()      a sleeping task back on the queue
 *
 * Not preemptive (see include/sched.h): need_resched is honoured at
 * cond_resched() and in the idle loop.
 */
#include <kernel.h>
#include <bug.h>
#include <jiffies.h>
#include <sched.h>
#include <mm.h>
#include <syscalls.h>
#include <asm/uaccess.h>
#include <spinlock.h>
#include <kernel_stat.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/mmu_context.h>

struct runqueue {
	spinlock_t lock;
	struct list_head queue;		/* runnable tasks but the idle task */
	unsigned long nr_running;
	unsigned long nr_switches;
	struct task_struct *idle;
};

static struct runqueue runqueue = {
	.lock = __SPIN_LOCK_UNLOCKED(runqueue.lock),
	.queue = LIST_HEAD_INIT(runqueue.queue),
};

struct task_struct init_task = {
	.state = TASK_RUNNING,
	.flags = PF_KTHREAD,
	.pid = 0,
	.comm = "swapper",
	.stack = &init_thread_union,
	.thread = { .addr_limit = USER_DS },
	.run_list = LIST_HEAD_INIT(init_task.run_list),
	.tasks = LIST_HEAD_INIT(init_task.tasks),
	.parent = &init_task,
	.time_slice = DEF_TIMESLICE,
	.wait_exit = __WAIT_QUEUE_HEAD_INITIALIZER(init_task.wait_exit),
	.active_mm = &init_mm,
};

struct task_struct *current_task = &init_task;
LIST_HEAD(task_list);
unsigned long nr_threads;
int need_resched_flag;
static bool sched_running;

/*
 * might_sleep() found the CPU in atomic context or with interrupts off
 * (include/preempt.h): Linux's report, with a stack trace. Boot code
 * runs with interrupts off before the scheduler exists, so, as in
 * Linux, only a running system is checked.
 */
unsigned long nr_might_sleep_warnings;

void __might_sleep_irqs(const char *file, int line, int irqs_off)
{
	if ((!in_atomic() && !irqs_off) || !system_state_running)
		return;
	nr_might_sleep_warnings++;
	printk(KERN_ERR "BUG: sleeping function called from invalid context at %s:%d\n",
	       file, line);
	printk(KERN_ERR "in_atomic(): %d, irqs_disabled(): %d, pid: %d, name: %s\n",
	       in_atomic(), irqs_off, current->pid, current->comm);
	dump_stack();
}

void __might_sleep(const char *file, int line)
{
	__might_sleep_irqs(file, line, irqs_disabled());
}

/* Put p on the run queue (it is runnable). Expects runqueue.lock, or interrupts off. */
void activate_task(struct task_struct *p)
{
	list_add_tail(&p->run_list, &runqueue.queue);
	runqueue.nr_running++;
}

static void deactivate_task(struct task_struct *p)
{
	list_del_init(&p->run_list);
	runqueue.nr_running--;
}

/* Wake p if it sleeps in one of the states of mode. Returns 1 if it was woken. */
static int try_to_wake_up(struct task_struct *p, unsigned int mode)
{
	unsigned long flags;
	int woken = 0;

	spin_lock_irqsave(&runqueue.lock, flags);
	if (p->state & mode) {
		p->state = TASK_RUNNING;
		if (list_empty(&p->run_list) && p != runqueue.idle)
			activate_task(p);
		/* The idle loop must notice at once; other tasks yield when they choose. */
		if (current == runqueue.idle)
			set_need_resched();
		woken = 1;
	}
	spin_unlock_irqrestore(&runqueue.lock, flags);
	return woken;
}

int wake_up_process(struct task_struct *p)
{
	return try_to_wake_up(p, TASK_NORMAL);
}

int default_wake_function(wait_queue_t *wait, unsigned int mode)
{
	return try_to_wake_up(wait->task, mode);
}

/*
 * The address-space half of the context switch (Linux's
 * context_switch()/finish_task_switch(), ULK 7.4.2): next runs on its
 * own mm, or, a kernel thread, borrows prev's active_mm (enter_lazy_tlb,
 * an mm_count taken). prev's borrowed mm is dropped only once the switch
 * is over (sched_prev_mm), since until then its page directory is in CR3.
 */
static struct mm_struct *sched_prev_mm;

static void context_switch_mm(struct task_struct *prev, struct task_struct *next)
{
	struct mm_struct *mm = next->mm, *oldmm = prev->active_mm;

	if (!mm) {
		next->active_mm = oldmm;
		atomic_inc(&oldmm->mm_count);
		enter_lazy_tlb(oldmm, next);
	} else {
		switch_mm(oldmm, mm, next);
	}
	if (!prev->mm) {
		prev->active_mm = NULL;
		sched_prev_mm = oldmm;
	}
}

/* After the switch, on next's stack (schedule(), and schedule_tail() for a new task). */
void finish_mm_switch(void)
{
	struct mm_struct *mm = sched_prev_mm;

	sched_prev_mm = NULL;
	if (mm)
		mmdrop(mm);
}

/* schedule_tail(), a new task's first step: kernel/fork.c. */

/*
 * A task that calls schedule() holding a spinlock or a kmap_atomic()
 * slot (preempt_count non-zero) is a bug: reported as Linux does, and
 * counted with the might_sleep() warnings. From an interrupt handler
 * or softirq, where there is no task to put to sleep, it is refused.
 */
static noinline void schedule_debug(struct task_struct *prev)
{
	printk(KERN_ERR "BUG: scheduling while atomic: %s/%d/0x%08x\n", prev->comm, prev->pid,
	       preempt_count());
	nr_might_sleep_warnings++;
	dump_stack();
}

void schedule(void)
{
	struct task_struct *prev = current, *next, *last = NULL;
	unsigned long flags;

	if (unlikely(in_atomic())) {
		schedule_debug(prev);
		if (in_interrupt())
			return;
	}
	local_irq_save(flags);
	spin_lock(&runqueue.lock);
	need_resched_flag = 0;
	if (prev != runqueue.idle) {
		if (prev->state == TASK_RUNNING) {
			list_move_tail(&prev->run_list, &runqueue.queue);	/* round robin */
			if (!prev->time_slice)
				prev->nivcsw++;
		} else if (!list_empty(&prev->run_list)) {
			deactivate_task(prev);
			prev->nvcsw++;
		}
	}
	next = list_empty(&runqueue.queue) ? runqueue.idle :
	       list_first_entry(&runqueue.queue, struct task_struct, run_list);
	if (!next->time_slice)
		next->time_slice = DEF_TIMESLICE;
	spin_unlock(&runqueue.lock);

	if (next != prev) {
		runqueue.nr_switches++;
		current_task = next;
		/* The atomic-context count is the task's (include/preempt.h). */
		prev->saved_preempt_count = __preempt_count;
		context_switch_mm(prev, next);
		last = switch_to(prev, next);
		/* Back on this task's stack, some time later; last ran just before. */
		__preempt_count = prev->saved_preempt_count;
		finish_mm_switch();
	}
	local_irq_restore(flags);
	if (last)
		finish_task_switch(last);	/* a dead task's stack freed */
}

/*
 * sched_yield(): to the tail of the run queue (round robin), and let the
 * others run; with nobody else runnable it returns at once.
 */
long sys_sched_yield(void)
{
	schedule();
	return 0;
}

/* A preemption point for long kernel loops: yield if the time slice is over. */
void cond_resched(void)
{
	might_sleep();
	if (need_resched() && !in_interrupt())
		schedule();
}

/* Runnable tasks, the running one included, the idle task not (/proc/stat, loadavg). */
unsigned long nr_running(void)
{
	return runqueue.nr_running;
}

unsigned long nr_context_switches(void)
{
	return runqueue.nr_switches;
}

/* Every tick, from the timer interrupt. */
void scheduler_tick(void)
{
	struct task_struct *p = current;

	p->runtime++;
	if (p == runqueue.idle || !sched_running)
		return;
	if (p->time_slice && --p->time_slice == 0)
		set_need_resched();
}

/* The idle task (pid 0): halt until something is runnable. */
void cpu_idle(void)
{
	for (;;) {
		local_irq_disable();
		if (need_resched() || !list_empty(&runqueue.queue)) {
			local_irq_enable();
			schedule();
		} else {
			safe_halt();	/* sti; hlt: no wake-up lost in between */
		}
	}
}

static const char *task_state_name(const struct task_struct *p)
{
	if (p == current)
		return "R (running)";
	switch (p->state) {
	case TASK_RUNNING: return "R (runnable)";
	case TASK_INTERRUPTIBLE: return "S (sleeping)";
	case TASK_UNINTERRUPTIBLE: return "D (disk sleep)";
	case TASK_STOPPED: return "T (stopped)";
	case EXIT_ZOMBIE: return "Z (zombie)";
	case EXIT_DEAD: return "X (dead)";
	case TASK_DEAD: return "X (dead)";
	}
	return "?";
}

/* A ps-like list of every task (SysRq-T's show_state in Linux). */
void show_state(void)
{
	struct task_struct *p;
	unsigned long flags;

	printk(KERN_INFO "  PID STATE          VOLCSW INVOLCSW RUNTIME(ms) STACK    COMM\n");
	local_irq_save(flags);
	list_for_each_entry(p, &task_list, tasks)
		printk(KERN_INFO "%5d %-14s %6lu %8lu %11u %08lx %s\n", p->pid, task_state_name(p),
		       p->nvcsw, p->nivcsw, jiffies_to_msecs(p->runtime),
		       (unsigned long)p->stack, p->comm);
	local_irq_restore(flags);
	printk(KERN_INFO "%lu tasks, %lu runnable, %lu context switches\n",
	       nr_threads, runqueue.nr_running, runqueue.nr_switches);
}

/* The boot thread becomes task 0, the future idle task. */
void sched_init(void)
{
	init_task.thread.esp0 = (unsigned long)&init_thread_union + THREAD_SIZE;
	list_add_tail(&init_task.tasks, &task_list);
	nr_threads = 1;
	runqueue.idle = &init_task;
	sched_running = true;
}

/*
 * CPU affinity (Linux's sched_getaffinity/sched_setaffinity) on a
 * machine of one CPU: every task may run on CPU 0 and nowhere else. The
 * mask's size is Linux i386's cpumask_size() (NR_CPUS 32: one long).
 */
#define CPUMASK_SIZE	sizeof(unsigned long)

/* The task a pid names for these calls (0: the caller), or NULL. */
static struct task_struct *find_process_by_pid(int pid)
{
	return pid ? find_task_by_pid(pid) : current;
}

long sys_sched_getaffinity(int pid, unsigned int len, unsigned long __user *user_mask_ptr)
{
	unsigned long mask = 1;	/* CPU 0 */

	if (len * 8 < 1 || (len & (sizeof(unsigned long) - 1)))
		return -EINVAL;
	if (pid < 0 || !find_process_by_pid(pid))
		return -ESRCH;
	if (copy_to_user(user_mask_ptr, &mask, CPUMASK_SIZE))
		return -EFAULT;
	return CPUMASK_SIZE;
}

long sys_sched_setaffinity(int pid, unsigned int len, unsigned long __user *user_mask_ptr)
{
	unsigned long mask = 0;

	if (copy_from_user(&mask, user_mask_ptr, min(len, (unsigned int)CPUMASK_SIZE)))
		return -EFAULT;
	if (pid < 0 || !find_process_by_pid(pid))
		return -ESRCH;
	return (mask & 1) ? 0 : -EINVAL;	/* a mask without CPU 0 allows no CPU */
}
