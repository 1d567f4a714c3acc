/*
 * What the CPU did since boot and how loaded it is (Linux's
 * kernel_stat.h, sched/loadavg.h): the tick's accounting (kernel/
 * cputime.c) and the load average (kernel/loadavg.c), which /proc/stat,
 * /proc/loadavg, /proc/uptime and sysinfo() report.
 */
#ifndef _MNEME_KERNEL_STAT_H
#define _MNEME_KERNEL_STAT_H

#include <types.h>

struct task_struct;

/* Ticks (jiffies) by what the CPU was doing when they came: /proc/stat's cpu line. */
enum cpu_usage_stat {
	CPUTIME_USER,
	CPUTIME_NICE,
	CPUTIME_SYSTEM,
	CPUTIME_SOFTIRQ,
	CPUTIME_IRQ,
	CPUTIME_IDLE,
	CPUTIME_IOWAIT,
	NR_STATS
};
extern u64 kcpustat[NR_STATS];

/* The tick charged to what p (current) was doing: user mode, the idle loop, the kernel. */
void account_process_tick(struct task_struct *p, int user_tick);

/* The 1, 5 and 15 minute load averages, fixed point with FSHIFT bits. */
#define FSHIFT		11
#define FIXED_1		(1 << FSHIFT)
#define LOAD_FREQ	(5 * HZ + 1)	/* 5 s between samples */
#define LOAD_INT(x)	((x) >> FSHIFT)
#define LOAD_FRAC(x)	LOAD_INT(((x) & (FIXED_1 - 1)) * 100)
extern unsigned long avenrun[3];

/* Every tick: every LOAD_FREQ a new sample of the runnable tasks. */
void calc_global_load(void);

unsigned long nr_running(void);
unsigned long nr_context_switches(void);

#endif
