/*
 * What the kernel code under test needs from the rest of the kernel,
 * built like kernel code (no libc; kernel_names.h renames). See
 * host_shim.h for the other half, mm_shim.c for what mm/ needs.
 */
#include <kernel.h>
#include <bug.h>
#include <interrupt.h>
#include <jiffies.h>
#include <preempt.h>
#include "host_shim.h"

BUILD_BUG_ON(NR_SOFTIRQS > HOST_NR_SOFTIRQS);

/* The kernel makes jiffies the low word of jiffies_64 in linker.ld; here they are independent. */
volatile u64 jiffies_64;
volatile unsigned long jiffies;

int console_loglevel = 7;

void (*host_softirq_vec[HOST_NR_SOFTIRQS])(void);
unsigned long host_softirq_pending;
unsigned int host_warn_count;

/* kernel/softirq.c: the atomic-context count in_interrupt() reads (0: process context; tests set it). */
unsigned int __preempt_count;

void open_softirq(int nr, void (*action)(void))
{
	BUG_ON(nr < 0 || nr >= NR_SOFTIRQS);
	host_softirq_vec[nr] = action;
}

void raise_softirq(int nr)
{
	BUG_ON(nr < 0 || nr >= NR_SOFTIRQS);
	host_softirq_pending |= 1UL << nr;
}

void host_run_softirqs(void)
{
	int nr;

	for (nr = 0; nr < NR_SOFTIRQS; nr++) {
		if (!(host_softirq_pending & (1UL << nr)))
			continue;
		host_softirq_pending &= ~(1UL << nr);
		if (host_softirq_vec[nr])
			host_softirq_vec[nr]();
	}
}

/* A level prefix ("\001" digit) becomes "<N>", as in the kernel's log buffer. */
int vprintk(const char *fmt, va_list args)
{
	char text[1024];
	int n = 0;

	if (fmt[0] == KERN_SOH[0] && fmt[1]) {
		if (fmt[1] != 'c')
			n = scnprintf(text, sizeof(text), "<%c>", fmt[1]);
		fmt += 2;
	}
	n += vscnprintf(text + n, sizeof(text) - n, fmt, args);
	host_printk_emit(text, n);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vprintk(fmt, args);
	va_end(args);
	return n;
}

/* arch/x86/dumpstack.c: the host has no kernel stack to show. */
void dump_stack(void)
{
	printk(KERN_EMERG "Call Trace: (not available on the host)\n");
}

/* kernel/panic.c */
unsigned long tainted_mask;

void add_taint(unsigned int flag)
{
	tainted_mask |= 1UL << flag;
}

/* kernel/panic.c: the message, then BUG() (EXPECT_BUG() catches a panic too). */
void panic(const char *fmt, ...)
{
	char buf[256];
	va_list args;

	va_start(args, fmt);
	vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", buf);
	BUG();
}

void warn_slowpath(const char *file, int line, const char *func, const char *fmt, ...)
{
	va_list args;

	host_warn_count++;
	printk(KERN_WARNING "WARNING: at %s:%d %s()\n", file, line, func);
	if (fmt) {
		va_start(args, fmt);
		vprintk(fmt, args);
		va_end(args);
	}
}

/*
 * kernel/sched.c's might_sleep() report: counted (host_might_sleep
 * tests and SH_END look at nr_might_sleep_warnings), without the stack.
 */
unsigned long nr_might_sleep_warnings;

void __might_sleep_irqs(const char *file, int line, int irqs_off)
{
	if (!in_atomic() && !irqs_off)
		return;
	nr_might_sleep_warnings++;
	printk(KERN_ERR "BUG: sleeping function called from invalid context at %s:%d\n", file, line);
	printk(KERN_ERR "in_atomic(): %d, irqs_disabled(): %d\n", in_atomic(), irqs_off);
}

void __might_sleep(const char *file, int line)
{
	__might_sleep_irqs(file, line, irqs_disabled());
}

/*
 * The scheduler, as kernel/timer.c, kernel/wait.c and kernel/semaphore.c
 * see it. The host tests have one task and drive time themselves: when
 * it sleeps, time passes, a jiffy at a time with the timer softirq run,
 * until a timer (schedule_timeout()) or a wake-up from one makes it
 * runnable. A sleep nothing ends is a BUG.
 */
#include <sched.h>
#include <timer.h>
#include <wait.h>
#include <workqueue.h>

static struct task_struct host_task = { .pid = 1, .comm = "host" };
struct task_struct *current_task = &host_task;

void schedule(void)
{
	unsigned long slept = 0;

	BUG_ON(in_interrupt());
	while (current->state != TASK_RUNNING) {
		BUG_ON(++slept > 100 * HZ);
		jiffies_64++;
		jiffies++;
		run_local_timers();
		host_run_softirqs();
	}
}

void cond_resched(void)
{
}

int wake_up_process(struct task_struct *p)
{
	p->state = TASK_RUNNING;
	return 1;
}

int default_wake_function(wait_queue_t *wait, unsigned int mode)
{
	if (!(wait->task->state & mode))
		return 0;
	wait->task->state = TASK_RUNNING;
	return 1;
}

/*
 * kernel/workqueue.c as the slab reaper uses it: without a thread, a
 * delayed work runs where its timer expires (the timer softirq), as if
 * events/0 ran at once.
 */
void delayed_work_timer_fn(unsigned long data)
{
	struct delayed_work *dwork = (struct delayed_work *)data;

	dwork->work.pending = 0;
	dwork->work.func(&dwork->work);
}

int schedule_delayed_work(struct delayed_work *dwork, unsigned long delay)
{
	if (dwork->work.pending)
		return 0;
	dwork->work.pending = 1;
	dwork->timer.expires = jiffies + delay;
	add_timer(&dwork->timer);
	return 1;
}
