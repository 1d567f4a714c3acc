/*
 * Completions (Linux's linux/completion.h): a wait queue and a count,
 * for "wait until that has happened once". vfork's parent sleeps on
 * one until the child execs or exits (kernel/fork.c, mm_release()).
 */
#ifndef _MNEME_COMPLETION_H
#define _MNEME_COMPLETION_H

#include <sched.h>

struct completion {
	unsigned int done;
	wait_queue_head_t wait;
};

static inline void init_completion(struct completion *x)
{
	x->done = 0;
	init_waitqueue_head(&x->wait);
}

/* Wait (uninterruptibly) for one complete(). */
#define wait_for_completion(x) do {					\
	wait_event((x)->wait, READ_ONCE((x)->done));			\
	(x)->done--;							\
} while (0)

static inline void complete(struct completion *x)
{
	x->done++;
	wake_up(&x->wait);
}

#endif
