/*
 * What every suite must give back (include/ktest.h, leak checks).
 * Each subsystem that holds resources adds its counters here.
 */
#include <kernel.h>
#include <ktest.h>
#include <notifier.h>
#include <timer.h>

static int sample_timers(unsigned long *vals, const char **labels)
{
	vals[0] = nr_pending_timers;
	labels[0] = "armed timers";
	return 1;
}

static const struct ktest_leak_check timer_leaks = {
	.name = "timers",
	.sample = sample_timers,
};
ktest_register_leak_check(timer_leaks);
