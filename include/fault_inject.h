/*
 * Deterministic fault injection (after Linux's fault-inject): make every
 * interval-th call of an allocator fail, so the callers' error paths run
 * in tests. Boot parameters: fail_page_alloc=<interval>[,<times>], and
 * later fail_slab=... . times < 0 (the default) means no limit.
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
};

#define FAULT_ATTR_INITIALIZER(n)	{ .name = n, .interval = 0, .times = -1 }

bool should_fail(struct fault_attr *attr);
/* Configure from "<interval>[,<times>]"; 0 or -EINVAL. */
int setup_fault_attr(struct fault_attr *attr, const char *str);
void fault_attr_set(struct fault_attr *attr, unsigned long interval, long times);

extern struct fault_attr fail_page_alloc;	/* mm/page_alloc.c */
extern struct fault_attr fail_slab;		/* mm/slab.c */

#endif
