/*
 * Work queues (include/workqueue.h): order, delayed work on time,
 * cancelling, flushing, work queued from interrupt context running in
 * process context, private queues; and the slab reaper, which runs
 * there now (cache_reap() in process context, on events/0). Fault
 * injection is off while they run: they test the queues, not failures.
 */
#include <kernel.h>
#include <string.h>
#include <fault_inject.h>
#include <interrupt.h>
#include <jiffies.h>
#include <ktest.h>
#include <sched.h>
#include <slab.h>
#include <timer.h>
#include <workqueue.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include "../../mm/internal.h"

#define NR_WORKS	6

struct test_work {
	struct delayed_work dwork;
	int id;
};

static struct test_work works[NR_WORKS];
static int ran_order[4 * NR_WORKS];
static unsigned long ran_at[NR_WORKS];
static volatile unsigned int nr_ran;
static int ran_in_interrupt, ran_irqs_off, ran_atomic, ran_elsewhere;
static struct task_struct *ran_on;

static void record_work(struct work_struct *w)
{
	struct test_work *tw = container_of(to_delayed_work(w), struct test_work, dwork);

	ran_in_interrupt += in_interrupt();
	ran_irqs_off += irqs_disabled();
	ran_atomic += in_atomic();
	ran_on = current;
	ran_at[tw->id] = jiffies;
	if (nr_ran < ARRAY_SIZE(ran_order))
		ran_order[nr_ran] = tw->id;
	nr_ran++;
}

static int workqueue_test_init(struct ktest *t)
{
	int i;

	ktest_fault_attr_set(t, &fail_page_alloc, 0, -1);
	ktest_fault_attr_set(t, &fail_slab, 0, -1);
	for (i = 0; i < NR_WORKS; i++) {
		INIT_DELAYED_WORK(&works[i].dwork, record_work);
		works[i].id = i;
	}
	nr_ran = 0;
	ran_in_interrupt = ran_irqs_off = ran_atomic = ran_elsewhere = 0;
	ran_on = NULL;
	return 0;
}

static void workqueue_test_exit(struct ktest *t)
{
	int i;

	for (i = 0; i < NR_WORKS; i++)
		cancel_delayed_work(&works[i].dwork);
	flush_scheduled_work();
}

/* Sleep (letting events/0 run) until n works ran or timeout jiffies pass. */
static bool wait_ran(unsigned int n, unsigned long timeout)
{
	unsigned long deadline = jiffies + timeout;

	while (nr_ran < n && time_before(jiffies, deadline))
		msleep(1);
	return nr_ran >= n;
}

/* Works run in the order they were queued, once each, by events/0, in process context. */
static void test_order_and_context(struct ktest *t)
{
	static const int order[] = { 3, 0, 5, 1 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(order); i++)
		KTEST_EXPECT_EQ(t, schedule_work(&works[order[i]].dwork.work), 1);
	/* Queued again while pending: nothing. */
	KTEST_EXPECT_EQ(t, schedule_work(&works[0].dwork.work), 0);
	KTEST_EXPECT_TRUE(t, work_pending(&works[0].dwork.work));
	KTEST_EXPECT_EQ(t, nr_ran, 0u);		/* nobody ran events/0 yet: we did not sleep */
	flush_scheduled_work();
	KTEST_ASSERT_EQ(t, nr_ran, 4u);
	for (i = 0; i < ARRAY_SIZE(order); i++)
		KTEST_EXPECT_EQ(t, ran_order[i], order[i]);
	KTEST_EXPECT_FALSE(t, work_pending(&works[0].dwork.work));
	KTEST_ASSERT_NOT_NULL(t, ran_on);
	KTEST_EXPECT_STREQ(t, ran_on->comm, "events/0");
	KTEST_EXPECT_EQ(t, ran_in_interrupt + ran_irqs_off + ran_atomic, 0);
	/* Once run it may be queued again. */
	KTEST_EXPECT_EQ(t, schedule_work(&works[0].dwork.work), 1);
	flush_scheduled_work();
	KTEST_EXPECT_EQ(t, nr_ran, 5u);
}

/* Delayed work runs once its delay passed, not before (at most a jiffy later while we sleep). */
static void test_delayed_work_timing(struct ktest *t)
{
	static const unsigned long delay[] = { 25, 3, 10 };
	unsigned long start;
	unsigned int i;

	local_irq_disable();		/* all armed against the same jiffy */
	start = jiffies;
	for (i = 0; i < ARRAY_SIZE(delay); i++)
		KTEST_EXPECT_EQ(t, schedule_delayed_work(&works[i].dwork, delay[i]), 1);
	local_irq_enable();
	KTEST_EXPECT_EQ(t, schedule_delayed_work(&works[0].dwork, 1), 0);	/* pending */
	KTEST_ASSERT_TRUE(t, wait_ran(3, 100));
	KTEST_EXPECT_EQ(t, ran_order[0], 1);
	KTEST_EXPECT_EQ(t, ran_order[1], 2);
	KTEST_EXPECT_EQ(t, ran_order[2], 0);
	for (i = 0; i < ARRAY_SIZE(delay); i++) {
		KTEST_EXPECT_GE(t, ran_at[i] - start, delay[i]);
		KTEST_EXPECT_LE(t, ran_at[i] - start, delay[i] + 1);
	}
	/* A delay of 0 is queue_work(). */
	KTEST_EXPECT_EQ(t, schedule_delayed_work(&works[3].dwork, 0), 1);
	flush_scheduled_work();
	KTEST_EXPECT_EQ(t, nr_ran, 4u);
	KTEST_EXPECT_EQ(t, ran_in_interrupt + ran_irqs_off + ran_atomic, 0);
}

/* Cancelled before its timer fires: it never runs, and may be scheduled again. */
static void test_cancel_delayed_work(struct ktest *t)
{
	unsigned long start;

	KTEST_EXPECT_EQ(t, schedule_delayed_work(&works[0].dwork, 5), 1);
	KTEST_EXPECT_EQ(t, cancel_delayed_work(&works[0].dwork), 1);
	KTEST_EXPECT_FALSE(t, work_pending(&works[0].dwork.work));
	KTEST_EXPECT_EQ(t, cancel_delayed_work(&works[0].dwork), 0);
	msleep(10);
	KTEST_EXPECT_EQ(t, nr_ran, 0u);

	/* Too late: the timer fired and queued it (events/0 has not run: we do not sleep). */
	KTEST_EXPECT_EQ(t, schedule_delayed_work(&works[1].dwork, 2), 1);
	start = jiffies;
	while (jiffies - start < 5)
		cpu_relax();
	KTEST_EXPECT_FALSE(t, timer_pending(&works[1].dwork.timer));
	KTEST_EXPECT_EQ(t, cancel_delayed_work(&works[1].dwork), 0);
	KTEST_EXPECT_EQ(t, nr_ran, 0u);
	flush_scheduled_work();		/* what a caller does after a failed cancel */
	KTEST_EXPECT_EQ(t, nr_ran, 1u);
	KTEST_EXPECT_EQ(t, ran_order[0], 1);
}

static struct work_struct irq_work;
static volatile int irq_timer_queued;

static void queue_from_timer(unsigned long data)
{
	irq_timer_queued = in_softirq() && schedule_work(&irq_work);
}

static void irq_work_fn(struct work_struct *w)
{
	ran_in_interrupt += in_interrupt();
	ran_irqs_off += irqs_disabled();
	ran_atomic += in_atomic();
	ran_on = current;
	nr_ran++;
}

/* Queued from the timer softirq, run by events/0 in process context; and from a hardirq. */
static void test_work_from_interrupt(struct ktest *t)
{
	struct timer_list timer;
	unsigned long flags;

	INIT_WORK(&irq_work, irq_work_fn);
	irq_timer_queued = 0;
	setup_timer(&timer, queue_from_timer, 0);
	timer.expires = jiffies + 2;
	add_timer(&timer);
	KTEST_ASSERT_TRUE(t, wait_ran(1, 50));
	del_timer(&timer);
	KTEST_EXPECT_EQ(t, irq_timer_queued, 1);
	KTEST_EXPECT_EQ(t, ran_in_interrupt + ran_irqs_off + ran_atomic, 0);
	KTEST_EXPECT_TRUE(t, ran_on && !strcmp(ran_on->comm, "events/0"));

	local_irq_save(flags);
	irq_enter();			/* as a hardware interrupt handler */
	KTEST_EXPECT_EQ(t, schedule_work(&irq_work), 1);
	irq_exit();
	local_irq_restore(flags);
	KTEST_ASSERT_TRUE(t, wait_ran(2, 50));
	KTEST_EXPECT_EQ(t, ran_in_interrupt + ran_irqs_off + ran_atomic, 0);
}

static struct workqueue_struct *private_wq;

static void destroy_private_wq(void *wq)
{
	destroy_workqueue(wq);
}
static DECLARE_WORK(flushing_work, NULL);
static int flushed_inside;

/* A work that flushes its own queue runs the rest itself instead of deadlocking. */
static void flush_from_work(struct work_struct *w)
{
	flush_workqueue(private_wq);
	flushed_inside = nr_ran;
}

/* A queue of one's own: its thread "name/0", queue_work(), flush, destroy (the thread reaped). */
static void test_private_workqueue(struct ktest *t)
{
	unsigned long threads = nr_threads;
	int i;

	private_wq = create_workqueue("ktest");
	KTEST_ASSERT_NOT_NULL(t, private_wq);
	KTEST_ASSERT_EQ(t, ktest_add_action_or_reset(t, destroy_private_wq, private_wq), 0);
	KTEST_EXPECT_EQ(t, nr_threads, threads + 1);
	for (i = 0; i < 3; i++)
		KTEST_EXPECT_EQ(t, queue_work(private_wq, &works[i].dwork.work), 1);
	flush_workqueue(private_wq);
	KTEST_EXPECT_EQ(t, nr_ran, 3u);
	KTEST_ASSERT_NOT_NULL(t, ran_on);
	KTEST_EXPECT_STREQ(t, ran_on->comm, "ktest/0");

	INIT_WORK(&flushing_work, flush_from_work);
	flushed_inside = -1;
	KTEST_EXPECT_EQ(t, queue_work(private_wq, &flushing_work), 1);
	KTEST_EXPECT_EQ(t, queue_work(private_wq, &works[3].dwork.work), 1);
	flush_workqueue(private_wq);
	KTEST_EXPECT_EQ(t, flushed_inside, 4);	/* works[3] ran inside the flush */

	/* Delayed work on it; destroying runs what is queued first. */
	KTEST_EXPECT_EQ(t, queue_delayed_work(private_wq, &works[4].dwork, 2), 1);
	KTEST_EXPECT_EQ(t, queue_work(private_wq, &works[5].dwork.work), 1);
	msleep(5);
	ktest_release_action(t, destroy_private_wq, private_wq);	/* destroy_workqueue() now */
	KTEST_EXPECT_EQ(t, nr_ran, 6u);
	KTEST_EXPECT_EQ(t, nr_threads, threads);
}

/* A work that queues itself again, as cache_reap() does, runs once per queueing. */
static int requeues_left;
static DECLARE_DELAYED_WORK(self_requeue, NULL);

static void requeue_fn(struct work_struct *w)
{
	nr_ran++;
	if (--requeues_left > 0)
		schedule_delayed_work(to_delayed_work(w), 1);
}

static void test_self_requeueing_work(struct ktest *t)
{
	INIT_DELAYED_WORK(&self_requeue, requeue_fn);
	requeues_left = 5;
	KTEST_EXPECT_EQ(t, schedule_delayed_work(&self_requeue, 1), 1);
	KTEST_EXPECT_TRUE(t, wait_ran(5, 100));
	msleep(5);
	KTEST_EXPECT_EQ(t, nr_ran, 5u);
	KTEST_EXPECT_FALSE(t, work_pending(&self_requeue.work));
}

/*
 * The reaper runs in process context: a destructor it calls (freeing a
 * cache's idle free slabs) sees no interrupt context, interrupts on,
 * no lock held, and events/0 as current.
 */
static kmem_cache_t *reap_cache;
static volatile unsigned int dtor_calls;
static unsigned int dtor_in_interrupt, dtor_irqs_off, dtor_atomic, dtor_on_keventd;

static void reap_ctor(void *obj, kmem_cache_t *c, unsigned long flags)
{
}

static void reap_dtor(void *obj, kmem_cache_t *c, unsigned long flags)
{
	dtor_calls++;
	dtor_in_interrupt += in_interrupt();
	dtor_irqs_off += irqs_disabled();
	dtor_atomic += in_atomic();
	dtor_on_keventd += current_is_keventd();
}

static void test_cache_reap_in_process_context(struct ktest *t)
{
	unsigned long flags, deadline;
	void *objs[8];
	int i;

	reap_cache = ktest_kmem_cache_create(t, "ktest-reap-ctx", 200, 0, 0, reap_ctor, reap_dtor);
	KTEST_ASSERT_NOT_NULL(t, reap_cache);
	dtor_calls = dtor_in_interrupt = dtor_irqs_off = dtor_atomic = dtor_on_keventd = 0;
	for (i = 0; i < 8; i++)
		objs[i] = kmem_cache_alloc(reap_cache, GFP_KERNEL);
	for (i = 0; i < 8; i++)
		kmem_cache_free(reap_cache, objs[i]);
	/* The next visit drains the idle array and destroys the free slab it leaves. */
	local_irq_save(flags);
	reap_cache->array[0]->touched = 0;
	reap_cache->lists.free_touched = 0;
	reap_cache->lists.next_reap = jiffies - 1;
	local_irq_restore(flags);
	deadline = jiffies + 3 * HZ;	/* the reaper comes every 2 s */
	while (!dtor_calls && time_before(jiffies, deadline))
		msleep(20);
	KTEST_EXPECT_GT(t, dtor_calls, 0u);
	KTEST_EXPECT_EQ(t, dtor_in_interrupt, 0u);
	KTEST_EXPECT_EQ(t, dtor_irqs_off, 0u);
	KTEST_EXPECT_EQ(t, dtor_atomic, 0u);
	KTEST_EXPECT_EQ(t, dtor_on_keventd, dtor_calls);
	KTEST_EXPECT_GT(t, reap_cache->reaped, 0UL);
	KTEST_EXPECT_TRUE(t, kmem_cache_check(reap_cache));
	KTEST_EXPECT_EQ(t, ktest_kmem_cache_destroy(t, reap_cache), 0);
}

static struct ktest_case workqueue_cases[] = {
	KTEST_CASE(test_order_and_context),
	KTEST_CASE(test_delayed_work_timing),
	KTEST_CASE(test_cancel_delayed_work),
	KTEST_CASE(test_work_from_interrupt),
	KTEST_CASE(test_private_workqueue),
	KTEST_CASE(test_self_requeueing_work),
	KTEST_CASE(test_cache_reap_in_process_context),
	{}
};

static struct ktest_suite workqueue_suite = {
	.name = "workqueue",
	.test_cases = workqueue_cases,
	.init = workqueue_test_init,
	.exit = workqueue_test_exit,
};
ktest_register_suite(workqueue_suite);
