/*
 * The load average (Linux's kernel/sched/loadavg.c, one CPU): every
 * LOAD_FREQ ticks the number of runnable tasks is folded into three
 * exponentially decaying averages, with the 1, 5 and 15 minute factors
 * e^(-5/60), e^(-5/300), e^(-5/900) in FSHIFT-bit fixed point. Tasks in
 * uninterruptible sleep count in Linux's; Mneme's sleep there only for
 * moments (page-cache locks, no disk), so they are left out.
 */
#include <kernel.h>
#include <jiffies.h>
#include <kernel_stat.h>

#define EXP_1		1884	/* 1/exp(5sec/1min) as fixed-point */
#define EXP_5		2014	/* 1/exp(5sec/5min) */
#define EXP_15		2037	/* 1/exp(5sec/15min) */

unsigned long avenrun[3];
static unsigned long calc_load_update = INITIAL_JIFFIES + LOAD_FREQ;

/* a1 = a0 * e + a * (1 - e), rounded up while the load grows (Linux's calc_load()). */
static unsigned long calc_load(unsigned long load, unsigned long exp, unsigned long active)
{
	unsigned long newload = load * exp + active * (FIXED_1 - exp);

	if (active >= load)
		newload += FIXED_1 - 1;
	return newload / FIXED_1;
}

void calc_global_load(void)
{
	unsigned long active;

	if (time_before(jiffies, calc_load_update))
		return;
	active = nr_running() * FIXED_1;
	avenrun[0] = calc_load(avenrun[0], EXP_1, active);
	avenrun[1] = calc_load(avenrun[1], EXP_5, active);
	avenrun[2] = calc_load(avenrun[2], EXP_15, active);
	calc_load_update += LOAD_FREQ;
}
