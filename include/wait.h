/*
 * Wait queues (ULK 3.2.4.1): a task that must wait for an event puts
 * itself on a queue and sleeps; whoever causes the event wakes the
 * queue. Exclusive waiters (added at the tail) are woken one per
 * wake_up(), in the order they came; the others all at once.
 */
#ifndef _MNEME_WAIT_H
#define _MNEME_WAIT_H

#include <list.h>
#include <spinlock.h>

struct task_struct;
typedef struct __wait_queue wait_queue_t;
typedef int (*wait_queue_func_t)(wait_queue_t *wait, unsigned int mode);

#define WQ_FLAG_EXCLUSIVE	0x01

struct __wait_queue {
	unsigned int flags;
	struct task_struct *task;
	wait_queue_func_t func;
	struct list_head task_list;
};

typedef struct {
	spinlock_t lock;
	struct list_head task_list;
} wait_queue_head_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) {				\
	.lock = __SPIN_LOCK_UNLOCKED(name.lock),			\
	.task_list = { &(name).task_list, &(name).task_list } }
#define DECLARE_WAIT_QUEUE_HEAD(name) \
	wait_queue_head_t name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

int default_wake_function(wait_queue_t *wait, unsigned int mode);
int autoremove_wake_function(wait_queue_t *wait, unsigned int mode);

#define DEFINE_WAIT(name) wait_queue_t name = {				\
	.task = current, .func = autoremove_wake_function,		\
	.task_list = LIST_HEAD_INIT((name).task_list) }
#define DECLARE_WAITQUEUE(name, tsk) wait_queue_t name = {		\
	.task = tsk, .func = default_wake_function,			\
	.task_list = { NULL, NULL } }

void init_waitqueue_head(wait_queue_head_t *q);
void add_wait_queue(wait_queue_head_t *q, wait_queue_t *wait);
void add_wait_queue_exclusive(wait_queue_head_t *q, wait_queue_t *wait);
void remove_wait_queue(wait_queue_head_t *q, wait_queue_t *wait);
void prepare_to_wait(wait_queue_head_t *q, wait_queue_t *wait, int state);
void prepare_to_wait_exclusive(wait_queue_head_t *q, wait_queue_t *wait, int state);
void finish_wait(wait_queue_head_t *q, wait_queue_t *wait);

/* Wake nr_exclusive exclusive waiters (0: all) and every non-exclusive one. */
void __wake_up(wait_queue_head_t *q, unsigned int mode, int nr_exclusive);
#define wake_up(q)		__wake_up(q, TASK_NORMAL, 1)
#define wake_up_all(q)		__wake_up(q, TASK_NORMAL, 0)
#define wake_up_interruptible(q) __wake_up(q, TASK_INTERRUPTIBLE, 1)

static inline int waitqueue_active(wait_queue_head_t *q)
{
	return !list_empty(&q->task_list);
}

/* Sleep until condition is true (re-checked after every wake-up). */
#define wait_event(wq, condition) do {					\
	might_sleep();							\
	if (condition)							\
		break;							\
	{								\
		DEFINE_WAIT(__wait);					\
		for (;;) {						\
			prepare_to_wait(&(wq), &__wait, TASK_UNINTERRUPTIBLE); \
			if (condition)					\
				break;					\
			schedule();					\
		}							\
		finish_wait(&(wq), &__wait);				\
	}								\
} while (0)

/* As wait_event(), giving up after timeout jiffies: returns the jiffies left (0: timed out). */
#define wait_event_timeout(wq, condition, timeout) ({			\
	long __ret = (timeout);						\
	might_sleep();							\
	if (!(condition)) {						\
		DEFINE_WAIT(__wait);					\
		for (;;) {						\
			prepare_to_wait(&(wq), &__wait, TASK_UNINTERRUPTIBLE); \
			if (condition)					\
				break;					\
			__ret = schedule_timeout(__ret);		\
			if (!__ret)					\
				break;					\
		}							\
		finish_wait(&(wq), &__wait);				\
	}								\
	__ret;								\
})

#endif
