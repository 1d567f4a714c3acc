/*
 * /proc/stat (Linux's fs/proc/stat.c), one CPU: the ticks by kind in
 * USER_HZ units (all, then cpu0), interrupts per line, context switches,
 * the boot time, the tasks created, running and blocked, softirqs run.
 * top reads its CPU percentages from the cpu line. Linux's columns
 * Mneme has no cause for (nice, iowait, steal, guest) are 0;
 * procs_blocked counts tasks waiting for I/O, which Mneme (no disk)
 * never has.
 */
#include <kernel.h>
#include <interrupt.h>
#include <jiffies.h>
#include <kernel_stat.h>
#include <sched.h>
#include <seq_file.h>
#include <time.h>
#include <asm/irq.h>
#include "internal.h"

/* Linux's softirq columns: HI TIMER NET_TX NET_RX BLOCK IRQ_POLL TASKLET SCHED HRTIMER RCU. */
#define LINUX_NR_SOFTIRQS	10
#define LINUX_TIMER_SOFTIRQ	1

static void show_cpu_line(struct seq_file *m, const char *name)
{
	seq_printf(m, "%s %llu %llu %llu %llu %llu %llu %llu 0 0 0\n", name,
		   kcpustat[CPUTIME_USER] / (HZ / USER_HZ), kcpustat[CPUTIME_NICE] / (HZ / USER_HZ),
		   kcpustat[CPUTIME_SYSTEM] / (HZ / USER_HZ), kcpustat[CPUTIME_IDLE] / (HZ / USER_HZ),
		   kcpustat[CPUTIME_IOWAIT] / (HZ / USER_HZ), kcpustat[CPUTIME_IRQ] / (HZ / USER_HZ),
		   kcpustat[CPUTIME_SOFTIRQ] / (HZ / USER_HZ));
}

void stat_proc_show(struct seq_file *m)
{
	unsigned long sum = 0, softirqs[LINUX_NR_SOFTIRQS] = { 0 }, softirq_sum = 0;
	u64 up = get_jiffies_64() - INITIAL_JIFFIES;
	struct timespec now;
	int i;

	show_cpu_line(m, "cpu ");
	show_cpu_line(m, "cpu0");
	for (i = 0; i < NR_IRQS; i++)
		sum += irq_stat[i];
	seq_printf(m, "intr %lu", sum);
	for (i = 0; i < NR_IRQS; i++)
		seq_printf(m, " %lu", irq_stat[i]);
	seq_printf(m, "\nctxt %lu\n", nr_context_switches());
	getnstimeofday(&now);
	seq_printf(m, "btime %lu\n", (unsigned long)now.tv_sec - (unsigned long)(up / HZ));
	seq_printf(m, "processes %lu\n", total_forks);
	seq_printf(m, "procs_running %lu\n", nr_running());
	seq_printf(m, "procs_blocked 0\n");
	softirqs[LINUX_TIMER_SOFTIRQ] = kstat_softirqs[TIMER_SOFTIRQ];
	for (i = 0; i < LINUX_NR_SOFTIRQS; i++)
		softirq_sum += softirqs[i];
	seq_printf(m, "softirq %lu", softirq_sum);
	for (i = 0; i < LINUX_NR_SOFTIRQS; i++)
		seq_printf(m, " %lu", softirqs[i]);
	seq_printf(m, "\n");
}
