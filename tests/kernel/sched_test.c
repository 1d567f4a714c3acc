/*
 * Kernel threads, the round-robin scheduler, wait queues and timed
 * sleeps.
 */
#include <kernel.h>
#include <jiffies.h>
#include <ktest.h>
#include <mempool.h>
#include <sched.h>
#include <slab.h>
#include <wait.h>
#include <fault_inject.h>
#include "../../mm/internal.h"

static int return_arg(void *arg)
{
	return (int)(unsigned long)arg;
}

/* A thread runs, returns, and kernel_wait() reaps it with its return value. */
static void test_thread_exit_code(struct ktest *t)
{
	unsigned long threads = nr_threads;
	int pid = ktest_kernel_thread(t, return_arg, (void *)42, NULL, NULL), code = 0;
	struct task_struct *p;

	KTEST_ASSERT_GT(t, pid, 1);
	p = find_task_by_pid(pid);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_STREQ(t, p->comm, "return_arg");
	KTEST_EXPECT_PTR_EQ(t, p->parent, current);
	KTEST_EXPECT_EQ(t, nr_threads, threads + 1);
	KTEST_EXPECT_EQ(t, ktest_kernel_wait(t, pid, &code), 0);
	KTEST_EXPECT_EQ(t, code, 42);
	KTEST_EXPECT_NULL(t, find_task_by_pid(pid));
	KTEST_EXPECT_EQ(t, nr_threads, threads);
	KTEST_EXPECT_EQ(t, kernel_wait(pid, &code), -10);	/* -ECHILD: already reaped */
}

#define NR_SPINNERS	3
static volatile unsigned long ran[NR_SPINNERS];	/* ticks of CPU each spinner got */
static volatile int stop_spinning;

/* Busy threads that yield only when their time slice is over. */
static int spinner(void *arg)
{
	unsigned long i = (unsigned long)arg;

	while (!stop_spinning)
		cond_resched();
	ran[i] = current->runtime;
	return 0;
}

/*
 * Three busy threads for 300 ms: round robin gives each the same CPU
 * time, to within one time slice. (Counted in ticks, not loop
 * iterations: under an emulator the work per tick depends on the host.)
 */
static void stop_spinners(void *unused)
{
	stop_spinning = 1;
}

static void test_fairness(struct ktest *t)
{
	int pids[NR_SPINNERS], i;
	unsigned long min = ~0UL, max = 0;

	stop_spinning = 0;
	for (i = 0; i < NR_SPINNERS; i++) {
		ran[i] = 0;
		pids[i] = ktest_kernel_thread(t, spinner, (void *)(unsigned long)i, stop_spinners,
					      NULL);
		KTEST_ASSERT_GT(t, pids[i], 1);
	}
	msleep(300);
	stop_spinning = 1;
	for (i = 0; i < NR_SPINNERS; i++) {
		ktest_kernel_wait(t, pids[i], NULL);
		min = min(min, ran[i]);
		max = max(max, ran[i]);
	}
	printk(KERN_INFO "    # ticks of CPU: %lu %lu %lu\n", ran[0], ran[1], ran[2]);
	KTEST_EXPECT_GE(t, min, 60UL);
	KTEST_EXPECT_LE(t, max - min, (unsigned long)DEF_TIMESLICE + 1);
}

static DECLARE_WAIT_QUEUE_HEAD(order_wq);
static volatile int order_go[4];
static int woke_order[4], nr_woke;

static int exclusive_waiter(void *arg)
{
	int i = (int)(unsigned long)arg;
	DEFINE_WAIT(wait);

	for (;;) {
		prepare_to_wait_exclusive(&order_wq, &wait, TASK_UNINTERRUPTIBLE);
		if (order_go[i])
			break;
		schedule();
	}
	finish_wait(&order_wq, &wait);
	woke_order[nr_woke++] = i;
	return 0;
}

/* Let a waiter still queued go: it breaks out once its flag is set. */
static void release_exclusive_waiter(void *arg)
{
	order_go[(unsigned long)arg] = 1;
	wake_up_all(&order_wq);
}

/* Threads sleep one after the other on a queue; each wake_up() wakes the oldest. */
static void test_exclusive_wakeups_in_order(struct ktest *t)
{
	int pids[3], i;

	nr_woke = 0;
	for (i = 0; i < 3; i++) {
		order_go[i] = 0;
		pids[i] = ktest_kernel_thread(t, exclusive_waiter, (void *)(unsigned long)i,
					      release_exclusive_waiter, (void *)(unsigned long)i);
		KTEST_ASSERT_GT(t, pids[i], 1);
		/* Let it reach the queue before the next one starts. */
		while (find_task_by_pid(pids[i])->state == TASK_RUNNING)
			schedule();
	}
	for (i = 0; i < 3; i++)
		order_go[i] = 1;
	for (i = 0; i < 3; i++) {
		wake_up(&order_wq);	/* one exclusive waiter per call */
		while (nr_woke < i + 1)
			schedule();
		KTEST_EXPECT_EQ(t, nr_woke, i + 1);
	}
	for (i = 0; i < 3; i++) {
		KTEST_EXPECT_EQ(t, woke_order[i], i);
		ktest_kernel_wait(t, pids[i], NULL);
	}
}

static DECLARE_WAIT_QUEUE_HEAD(all_wq);
static volatile int all_go;
static volatile int all_woke;

static int plain_waiter(void *arg)
{
	wait_event(all_wq, all_go);
	all_woke++;
	return 0;
}

static void release_plain_waiters(void *unused)
{
	all_go = 1;
	wake_up_all(&all_wq);
}

static void test_wake_up_all(struct ktest *t)
{
	int pids[4], i;

	all_go = 0;
	all_woke = 0;
	for (i = 0; i < 4; i++) {
		pids[i] = ktest_kernel_thread(t, plain_waiter, NULL, release_plain_waiters, NULL);
		KTEST_ASSERT_GT(t, pids[i], 1);
	}
	msleep(5);
	KTEST_EXPECT_EQ(t, all_woke, 0);
	all_go = 1;
	wake_up_all(&all_wq);
	for (i = 0; i < 4; i++)
		ktest_kernel_wait(t, pids[i], NULL);
	KTEST_EXPECT_EQ(t, all_woke, 4);
}

/* schedule_timeout() sleeps its jiffies, no fewer, at most one more. */
static void test_schedule_timeout_accuracy(struct ktest *t)
{
	static const long waits[] = { 1, 5, 17, 50 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(waits); i++) {
		unsigned long start = jiffies, elapsed;
		long left;

		left = schedule_timeout_uninterruptible(waits[i]);
		elapsed = jiffies - start;
		KTEST_EXPECT_EQ(t, left, 0L);
		KTEST_EXPECT_GE(t, elapsed, (unsigned long)waits[i]);
		KTEST_EXPECT_LE(t, elapsed, (unsigned long)waits[i] + 1);
	}
}

static struct task_struct *sleeper;

static int long_sleeper(void *arg)
{
	sleeper = current;
	return (int)schedule_timeout_uninterruptible(10 * HZ);
}

static void wake_sleeper(void *unused)
{
	if (sleeper)
		wake_up_process(sleeper);
	sleeper = NULL;
}

/* An early wake_up_process() cuts the sleep short; the jiffies left are returned. */
static void test_early_wakeup(struct ktest *t)
{
	int pid, left = 0;

	sleeper = NULL;
	pid = ktest_kernel_thread(t, long_sleeper, NULL, wake_sleeper, NULL);
	KTEST_ASSERT_GT(t, pid, 1);
	msleep(10);
	KTEST_ASSERT_NOT_NULL(t, sleeper);
	KTEST_EXPECT_EQ(t, (int)sleeper->state, TASK_UNINTERRUPTIBLE);
	KTEST_EXPECT_EQ(t, wake_up_process(sleeper), 1);
	sleeper = NULL;
	KTEST_EXPECT_EQ(t, ktest_kernel_wait(t, pid, &left), 0);
	KTEST_EXPECT_GT(t, left, 9 * HZ);
}

static int oops_thread(void *arg)
{
	*(volatile int *)0 = 1;
	return 0;
}

/* An oops in an ordinary kernel thread kills that thread; the kernel goes on. */
static void test_oops_kills_only_the_thread(struct ktest *t)
{
	unsigned long taint = tainted_mask;
	int pid, code = 0;

	ktest_capture_start();
	pid = ktest_kernel_thread(t, oops_thread, NULL, NULL, NULL);
	KTEST_EXPECT_EQ(t, ktest_kernel_wait(t, pid, &code), 0);
	ktest_capture_stop();
	KTEST_ASSERT_GT(t, pid, 1);
	tainted_mask = taint;
	KTEST_EXPECT_EQ(t, code, SIGSEGV);
	KTEST_EXPECT_EQ(t, ktest_captured("EIP is at oops_thread+"), 1u);
	KTEST_EXPECT_EQ(t, ktest_captured("killing oops_thread (pid"), 1u);
}

static mempool_t *sleep_pool;
static void *got_element, *held_element;

static int pool_taker(void *arg)
{
	got_element = mempool_alloc(sleep_pool, GFP_KERNEL);	/* sleeps: the pool is empty */
	return 0;
}

/* Hand the held element back: a taker still asleep gets it. */
static void release_held_element(void *unused)
{
	mempool_free(held_element, sleep_pool);
	held_element = NULL;
}

static void destroy_sleep_pool(void *unused)
{
	mempool_free(got_element, sleep_pool);
	got_element = NULL;
	mempool_free(held_element, sleep_pool);	/* if no thread was there to take it */
	held_element = NULL;
	mempool_destroy(sleep_pool);
}

/* A waiting mempool_alloc() sleeps until mempool_free() returns an element. */
static void test_mempool_waits_for_free(struct ktest *t)
{
	kmem_cache_t *c = ktest_kmem_cache_create(t, "ktest-sleep-pool", 40, 0, 0, NULL, NULL);
	void *held;
	int pid;

	KTEST_ASSERT_NOT_NULL(t, c);
	sleep_pool = mempool_create(1, mempool_alloc_slab, mempool_free_slab, c);
	KTEST_ASSERT_NOT_NULL(t, sleep_pool);
	got_element = held_element = NULL;
	KTEST_ASSERT_EQ(t, ktest_add_action_or_reset(t, destroy_sleep_pool, NULL), 0);
	ktest_fault_attr_set(t, &fail_slab, 1, -1);	/* the cache fails from now on */
	held = held_element = mempool_alloc(sleep_pool, GFP_ATOMIC);	/* empties the reserve */
	KTEST_ASSERT_NOT_NULL(t, held);
	ktest_fault_attr_set(t, &fail_slab, 0, -1);	/* the thread's own allocations */
	pid = ktest_kernel_thread(t, pool_taker, NULL, release_held_element, NULL);
	KTEST_ASSERT_GT(t, pid, 1);
	ktest_fault_attr_set(t, &fail_slab, 1, -1);	/* and the cache again, for the taker */
	msleep(5);
	KTEST_EXPECT_NULL(t, got_element);
	KTEST_EXPECT_EQ(t, sleep_pool->nr_waits, 1UL);
	release_held_element(NULL);	/* refills the reserve and wakes the taker */
	ktest_kernel_wait(t, pid, NULL);
	KTEST_EXPECT_PTR_EQ(t, got_element, held);
}

/* The task list, as a ps would show it. */
static void test_show_state(struct ktest *t)
{
	ktest_capture_start();
	show_state();
	ktest_capture_stop();
	KTEST_EXPECT_EQ(t, ktest_captured(" swapper"), 1u);
	KTEST_EXPECT_EQ(t, ktest_captured("R (running)"), 1u);
	KTEST_EXPECT_EQ(t, ktest_captured("    1 R (running)"), 1u);
}

static struct ktest_case sched_cases[] = {
	KTEST_CASE(test_thread_exit_code),
	KTEST_CASE(test_fairness),
	KTEST_CASE(test_exclusive_wakeups_in_order),
	KTEST_CASE(test_wake_up_all),
	KTEST_CASE(test_schedule_timeout_accuracy),
	KTEST_CASE(test_early_wakeup),
	KTEST_CASE(test_oops_kills_only_the_thread),
	KTEST_CASE(test_mempool_waits_for_free),
	KTEST_CASE(test_show_state),
	{}
};

static struct ktest_suite sched_suite = {
	.name = "sched",
	.test_cases = sched_cases,
};
ktest_register_suite(sched_suite);
