/*
 * The CPU's time by kind (Linux's kernel/sched/cputime.c, reduced to
 * tick sampling): each tick goes to user, system, interrupt work or
 * idle, whichever the timer interrupt found the CPU doing. /proc/stat's
 * cpu lines and /proc/uptime's idle time come from here.
 */
#include <kernel.h>
#include <jiffies.h>
#include <kernel_stat.h>
#include <preempt.h>
#include <sched.h>

u64 kcpustat[NR_STATS];

void account_process_tick(struct task_struct *p, int user_tick)
{
	/* The timer's own hardirq is not interrupt work interrupted: look beneath it. */
	unsigned int hardirqs = hardirq_count() - HARDIRQ_OFFSET;

	if (user_tick)
		kcpustat[CPUTIME_USER]++;
	else if (hardirqs)
		kcpustat[CPUTIME_IRQ]++;
	else if (in_softirq())
		kcpustat[CPUTIME_SOFTIRQ]++;
	else if (p == &init_task)
		kcpustat[CPUTIME_IDLE]++;
	else
		kcpustat[CPUTIME_SYSTEM]++;
}
