/*
 * Dynamic timers on the timer wheel of Linux 2.6 (ULK 6.5.1).
 *
 * Five groups of buckets hold timers by how far away they expire:
 *
 *   tv1: 256 buckets, one per jiffy        expires <  2^8  jiffies away
 *   tv2:  64 buckets of 2^8 jiffies each   expires <  2^14
 *   tv3:  64 buckets of 2^14               expires <  2^20
 *   tv4:  64 buckets of 2^20               expires <  2^26
 *   tv5:  64 buckets of 2^26               everything further
 *
 * Adding a timer is O(1). Every jiffy, __run_timers() empties one tv1
 * bucket; each time tv1 wraps (its index returns to 0) the next tv2
 * bucket is "cascaded": its timers are re-added, and now land in tv1.
 * tv2 wrapping cascades tv3, and so on. Timers of one bucket run in the
 * order they were added.
 */
#include <kernel.h>
#include <bug.h>
#include <list.h>
#include <jiffies.h>
#include <timer.h>
#include <interrupt.h>
#include <sched.h>
#include <asm/irqflags.h>

#define TVN_BITS	6
#define TVR_BITS	8
#define TVN_SIZE	(1 << TVN_BITS)
#define TVR_SIZE	(1 << TVR_BITS)
#define TVN_MASK	(TVN_SIZE - 1)
#define TVR_MASK	(TVR_SIZE - 1)

struct tvec_base {
	unsigned long timer_jiffies;	/* the next jiffy to process */
	struct timer_list *running_timer;
	struct list_head tv1[TVR_SIZE];
	struct list_head tv2[TVN_SIZE];
	struct list_head tv3[TVN_SIZE];
	struct list_head tv4[TVN_SIZE];
	struct list_head tv5[TVN_SIZE];
};

static struct tvec_base timer_base;
unsigned long nr_pending_timers;

static void internal_add_timer(struct tvec_base *base, struct timer_list *timer)
{
	unsigned long expires = timer->expires;
	unsigned long idx = expires - base->timer_jiffies;
	struct list_head *vec;

	if (idx < TVR_SIZE) {
		vec = base->tv1 + (expires & TVR_MASK);
	} else if (idx < 1UL << (TVR_BITS + TVN_BITS)) {
		vec = base->tv2 + ((expires >> TVR_BITS) & TVN_MASK);
	} else if (idx < 1UL << (TVR_BITS + 2 * TVN_BITS)) {
		vec = base->tv3 + ((expires >> (TVR_BITS + TVN_BITS)) & TVN_MASK);
	} else if (idx < 1UL << (TVR_BITS + 3 * TVN_BITS)) {
		vec = base->tv4 + ((expires >> (TVR_BITS + 2 * TVN_BITS)) & TVN_MASK);
	} else if ((long)idx < 0) {
		/* Already due: run at the next tick. */
		vec = base->tv1 + (base->timer_jiffies & TVR_MASK);
	} else {
		/* At most 2^32 - 1 jiffies ahead: the wheel covers no more. */
		if (idx > 0xffffffffUL) {
			idx = 0xffffffffUL;
			expires = idx + base->timer_jiffies;
		}
		vec = base->tv5 + ((expires >> (TVR_BITS + 3 * TVN_BITS)) & TVN_MASK);
	}
	list_add_tail(&timer->entry, vec);
}

static void detach_timer(struct timer_list *timer)
{
	list_del(&timer->entry);
	timer->entry.next = NULL;
	nr_pending_timers--;
}

/* A timer that never went through init_timer() is a bug worth a warning. */
static void check_timer(struct timer_list *timer)
{
	if (timer->magic != TIMER_MAGIC) {
		WARN(1, "timer %p (function %pS) used before init_timer()\n",
		     timer, timer->function);
		timer->entry.next = NULL;
		timer->magic = TIMER_MAGIC;
	}
}

void init_timer(struct timer_list *timer)
{
	timer->entry.next = NULL;
	timer->entry.prev = NULL;
	timer->magic = TIMER_MAGIC;
}

/* Returns 1 if the timer was pending (and is now re-armed), 0 otherwise. */
int mod_timer(struct timer_list *timer, unsigned long expires)
{
	struct tvec_base *base = &timer_base;
	unsigned long flags;
	int ret = 0;

	BUG_ON(!timer->function);
	check_timer(timer);
	local_irq_save(flags);
	if (timer_pending(timer)) {
		detach_timer(timer);
		ret = 1;
	}
	timer->expires = expires;
	internal_add_timer(base, timer);
	nr_pending_timers++;
	local_irq_restore(flags);
	return ret;
}

void add_timer(struct timer_list *timer)
{
	BUG_ON(timer_pending(timer));
	mod_timer(timer, timer->expires);
}

/* Returns 1 if the timer was pending and is now disarmed. */
int del_timer(struct timer_list *timer)
{
	unsigned long flags;
	int ret = 0;

	check_timer(timer);
	local_irq_save(flags);
	if (timer_pending(timer)) {
		detach_timer(timer);
		ret = 1;
	}
	local_irq_restore(flags);
	return ret;
}

/* Re-add every timer of tv[index] one level down; returns index (0 means tv wrapped). */
static int cascade(struct tvec_base *base, struct list_head *tv, int index)
{
	struct list_head list, *pos, *n;

	INIT_LIST_HEAD(&list);
	list_splice_init(tv + index, &list);
	list_for_each_safe(pos, n, &list)
		internal_add_timer(base, list_entry(pos, struct timer_list, entry));
	return index;
}

#define INDEX(N) ((base->timer_jiffies >> (TVR_BITS + (N) * TVN_BITS)) & TVN_MASK)

/* Run every timer due by now. Called with interrupts disabled. */
static void __run_timers(struct tvec_base *base)
{
	while (time_after_eq(jiffies, base->timer_jiffies)) {
		struct list_head work_list;
		int index = base->timer_jiffies & TVR_MASK;

		if (!index &&
		    !cascade(base, base->tv2, INDEX(0)) &&
		    !cascade(base, base->tv3, INDEX(1)) &&
		    !cascade(base, base->tv4, INDEX(2)))
			cascade(base, base->tv5, INDEX(3));
		base->timer_jiffies++;

		INIT_LIST_HEAD(&work_list);
		list_splice_tail_init(base->tv1 + index, &work_list);
		while (!list_empty(&work_list)) {
			struct timer_list *timer =
				list_first_entry(&work_list, struct timer_list, entry);
			void (*fn)(unsigned long) = timer->function;
			unsigned long data = timer->data;

			detach_timer(timer);
			base->running_timer = timer;
			local_irq_enable();
			fn(data);
			local_irq_disable();
		}
	}
	base->running_timer = NULL;
}

static void run_timer_softirq(void)
{
	local_irq_disable();
	__run_timers(&timer_base);
	local_irq_enable();
}

/* From the timer interrupt: let the softirq run the due timers. */
void run_local_timers(void)
{
	raise_softirq(TIMER_SOFTIRQ);
}

void init_timers(void)
{
	struct tvec_base *base = &timer_base;
	int i;

	for (i = 0; i < TVR_SIZE; i++)
		INIT_LIST_HEAD(base->tv1 + i);
	for (i = 0; i < TVN_SIZE; i++) {
		INIT_LIST_HEAD(base->tv2 + i);
		INIT_LIST_HEAD(base->tv3 + i);
		INIT_LIST_HEAD(base->tv4 + i);
		INIT_LIST_HEAD(base->tv5 + i);
	}
	base->timer_jiffies = jiffies;
	open_softirq(TIMER_SOFTIRQ, run_timer_softirq);
}

/* schedule_timeout(): a timer that wakes the sleeping task (ULK 6.6.2). */
static void process_timeout(unsigned long data)
{
	wake_up_process((struct task_struct *)data);
}

/*
 * Sleep (in the state the caller set) until woken or timeout jiffies
 * pass. Returns the jiffies left: 0 if the whole timeout elapsed.
 */
long schedule_timeout(long timeout)
{
	struct timer_list timer;
	unsigned long expire;

	might_sleep();
	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	if (timeout < 0) {
		printk(KERN_ERR "schedule_timeout: wrong timeout value %ld\n", timeout);
		dump_stack();
		current->state = TASK_RUNNING;
		return 0;
	}
	expire = timeout + jiffies;
	setup_timer(&timer, process_timeout, (unsigned long)current);
	timer.expires = expire;
	add_timer(&timer);
	schedule();
	del_timer_sync(&timer);
	timeout = expire - jiffies;
	return timeout < 0 ? 0 : timeout;
}

long schedule_timeout_uninterruptible(long timeout)
{
	__set_current_state(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(timeout);
}

/* Sleep at least msecs milliseconds (one extra jiffy: the current one is partly gone). */
void msleep(unsigned int msecs)
{
	long timeout = msecs_to_jiffies(msecs) + 1;

	might_sleep();
	while (timeout)
		timeout = schedule_timeout_uninterruptible(timeout);
}
