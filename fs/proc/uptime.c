/*
 * /proc/uptime (Linux's fs/proc/uptime.c): seconds since boot and
 * seconds the CPU spent idle, each with two decimals.
 */
#include <kernel.h>
#include <jiffies.h>
#include <kernel_stat.h>
#include <seq_file.h>
#include "internal.h"

void uptime_proc_show(struct seq_file *m)
{
	u64 up = get_jiffies_64() - INITIAL_JIFFIES, idle = kcpustat[CPUTIME_IDLE];
	unsigned long up_cs = (unsigned long)(up / (HZ / 100)), idle_cs = (unsigned long)(idle / (HZ / 100));

	seq_printf(m, "%lu.%02lu %lu.%02lu\n", up_cs / 100, up_cs % 100, idle_cs / 100, idle_cs % 100);
}
