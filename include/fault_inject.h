/*
 * Deterministic fault injection (after Linux's fault-inject): make every
 * interval-th call of an allocator fail, so the callers' error paths run
 * in tests. Boot parameters fail_page_alloc=<interval>[,<times>] and
 * fail_slab=<interval>[,<times>] (times: at most that many failures; no
 * limit without it) are armed by fault_inject_arm_boot() once boot is
 * complete: the boot itself runs without injected faults, then every
 * self-test runs under them. A test that sets its own injection uses
 * ktest_fault_attr_set(), which gives the boot setting back afterwards.
 */
#ifndef _MNEME_FAULT_INJECT_H
#define _MNEME_FAULT_INJECT_H

#include <types.h>

struct fault_attr {
	const char *name;
	unsigned long interval;	/* fail every interval-th call; 0: never */
	long times;		/* failures still allowed; < 0: unlimited */
	unsigned long count;	/* calls seen since configured */
	unsigned long failed;	/* failures injected */
	/* The boot parameter's setting, until fault_inject_arm_boot(). */
	unsigned long boot_interval;
	long boot_times;
};

#define FAULT_ATTR_INITIALIZER(n)	{ .name = n, .interval = 0, .times = -1 }

/* The largest interval and times a boot parameter takes (the same on the host). */
#define FAULT_INTERVAL_MAX	4294967295UL
#define FAULT_TIMES_MAX		2147483647L

bool should_fail(struct fault_attr *attr);
void fault_attr_set(struct fault_attr *attr, unsigned long interval, long times);
/*
 * Parse a boot parameter's "<interval>[,<times>]" into attr's boot
 * setting: 0, or -EINVAL/-ERANGE with a message naming the parameter.
 * Nothing fails until fault_inject_arm_boot().
 */
int setup_fault_attr(struct fault_attr *attr, const char *str);
/* Arm every boot setting parsed so far (init calls it once boot is complete). */
void fault_inject_arm_boot(void);

extern struct fault_attr fail_page_alloc;	/* mm/page_alloc.c */
extern struct fault_attr fail_slab;		/* mm/slab.c */

#endif
