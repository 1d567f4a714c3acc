/*
 * /proc/loadavg (Linux's fs/proc/loadavg.c): the three load averages,
 * runnable/all tasks, and the last pid given out.
 */
#include <kernel.h>
#include <jiffies.h>
#include <kernel_stat.h>
#include <sched.h>
#include <seq_file.h>
#include "internal.h"

void loadavg_proc_show(struct seq_file *m)
{
	unsigned long a[3];
	int i;

	/* Rounded to the second decimal as Linux does (+ FIXED_1/200). */
	for (i = 0; i < 3; i++)
		a[i] = avenrun[i] + FIXED_1 / 200;
	seq_printf(m, "%lu.%02lu %lu.%02lu %lu.%02lu %lu/%lu %d\n", LOAD_INT(a[0]), LOAD_FRAC(a[0]),
		   LOAD_INT(a[1]), LOAD_FRAC(a[1]), LOAD_INT(a[2]), LOAD_FRAC(a[2]), nr_running(),
		   nr_threads, last_pid_allocated());
}
