/*
 * Work queues (ULK 4.7.2): functions deferred to process context, run
 * one after the other by a kernel thread, so they may sleep, take
 * semaphores and allocate with GFP_KERNEL -- what a softirq or timer
 * function must never do. The kernel's own queue is "events", served
 * by the thread events/0 (keventd): schedule_work() and
 * schedule_delayed_work() put work there.
 *
 *   DECLARE_WORK(w, fn) / INIT_WORK(&w, fn)     fn(&w) to run once queued
 *   DECLARE_DELAYED_WORK / INIT_DELAYED_WORK     the same, after a delay
 *   schedule_work(&w)                           queue it (from any context)
 *   schedule_delayed_work(&dw, jiffies)         queue it that much later
 *   cancel_delayed_work(&dw)                    disarm it if not queued yet
 *   flush_scheduled_work()                      wait until what is queued ran
 *
 * A work item is queued at most once at a time: queueing it while it
 * waits (its pending bit set) does nothing and returns 0; the bit is
 * cleared just before its function runs, which may queue it again
 * (cache_reap() re-arms itself that way).
 *
 * The API is Linux's from 2.6.20 on (the function receives the
 * work_struct; struct delayed_work), not 2.6.11's (void *data and a
 * timer in every work_struct): the same mechanism, typed.
 */
#ifndef _MNEME_WORKQUEUE_H
#define _MNEME_WORKQUEUE_H

#include <kernel.h>
#include <list.h>
#include <timer.h>

struct work_struct;
struct workqueue_struct;
typedef void (*work_func_t)(struct work_struct *work);

struct work_struct {
	unsigned long pending;		/* queued (or its timer armed), not yet run */
	struct list_head entry;		/* on the queue's worklist */
	work_func_t func;
	struct workqueue_struct *wq;	/* where it is (or was last) queued */
};

struct delayed_work {
	struct work_struct work;
	struct timer_list timer;	/* queues work when it expires */
};

void delayed_work_timer_fn(unsigned long data);

#define __WORK_INITIALIZER(n, f) {					\
	.pending = 0,							\
	.entry = LIST_HEAD_INIT((n).entry),				\
	.func = (f) }

#define __DELAYED_WORK_INITIALIZER(n, f) {				\
	.work = __WORK_INITIALIZER((n).work, (f)),			\
	.timer = { .function = delayed_work_timer_fn,			\
		   .data = (unsigned long)&(n), .magic = TIMER_MAGIC } }

#define DECLARE_WORK(n, f)	struct work_struct n = __WORK_INITIALIZER(n, f)
#define DECLARE_DELAYED_WORK(n, f) \
	struct delayed_work n = __DELAYED_WORK_INITIALIZER(n, f)

#define INIT_WORK(_work, _func) do {					\
	(_work)->pending = 0;						\
	INIT_LIST_HEAD(&(_work)->entry);				\
	(_work)->func = (_func);					\
	(_work)->wq = NULL;						\
} while (0)

#define INIT_DELAYED_WORK(_dwork, _func) do {				\
	INIT_WORK(&(_dwork)->work, (_func));				\
	setup_timer(&(_dwork)->timer, delayed_work_timer_fn,		\
		    (unsigned long)(_dwork));				\
} while (0)

static inline int work_pending(const struct work_struct *work)
{
	return work->pending != 0;
}

/* The delayed_work a work function was handed, for delayed work. */
static inline struct delayed_work *to_delayed_work(struct work_struct *work)
{
	return container_of(work, struct delayed_work, work);
}

/*
 * A queue with its own thread, "name/0" (one CPU). Only the task that
 * created it may destroy it (the thread is its child); destroying
 * first runs whatever is queued.
 */
struct workqueue_struct *create_workqueue(const char *name);
void destroy_workqueue(struct workqueue_struct *wq);

/* 1 if queued now, 0 if it was already pending. Any context. */
int queue_work(struct workqueue_struct *wq, struct work_struct *work);
int queue_delayed_work(struct workqueue_struct *wq, struct delayed_work *dwork,
		       unsigned long delay);
/* Sleep until every work queued before the call has run (delayed work: once queued). */
void flush_workqueue(struct workqueue_struct *wq);

/* The same on the kernel's "events" queue (thread events/0). */
int schedule_work(struct work_struct *work);
int schedule_delayed_work(struct delayed_work *dwork, unsigned long delay);
void flush_scheduled_work(void);
int current_is_keventd(void);

/* 1 if the timer was disarmed before the work was queued (then it will not run). */
int cancel_delayed_work(struct delayed_work *dwork);

void init_workqueues(void);

#endif
