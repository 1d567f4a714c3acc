/*
 * Dynamic timers on the real timer interrupt: expiry order, FIFO order
 * within one jiffy, cascading from tv2, mod_timer and del_timer, and
 * the context timer functions run in.
 */
#include <kernel.h>
#include <ktest.h>
#include <jiffies.h>
#include <timer.h>
#include <asm/irqflags.h>
#include <asm/processor.h>

#define NR_TEST_TIMERS	8

static struct timer_list timers[NR_TEST_TIMERS];
static unsigned int fired_order[NR_TEST_TIMERS];
static unsigned long fired_at[NR_TEST_TIMERS];
static volatile unsigned int nr_fired;
static int fired_in_softirq, fired_with_irqs_on;

static void record(unsigned long data)
{
	fired_in_softirq += in_softirq() && !in_irq();
	fired_with_irqs_on += !irqs_disabled();
	fired_at[data] = jiffies;
	fired_order[nr_fired++] = data;
}

/* A test that stops early (a wait that timed out) leaves no timer armed. */
static void del_test_timers(void *unused)
{
	unsigned int i;

	for (i = 0; i < NR_TEST_TIMERS; i++)
		del_timer(&timers[i]);
}

static int timer_test_init(struct ktest *t)
{
	unsigned int i;

	nr_fired = 0;
	fired_in_softirq = fired_with_irqs_on = 0;
	for (i = 0; i < NR_TEST_TIMERS; i++)
		setup_timer(&timers[i], record, i);
	return ktest_add_action(t, del_test_timers, NULL);
}

/* Sleep on the timer interrupt until n timers fired or the deadline passes. */
static bool wait_fired(unsigned int n, unsigned long timeout)
{
	unsigned long deadline = jiffies + timeout;

	while (nr_fired < n && time_before(jiffies, deadline))
		safe_halt();
	return nr_fired >= n;
}

static void test_expiry_order(struct ktest *t)
{
	static const unsigned long delay[] = { 50, 10, 30, 10, 1 };
	static const unsigned int order[] = { 4, 1, 3, 2, 0 };	/* 1 and 3 share a jiffy: FIFO */
	unsigned long now = jiffies;
	unsigned int i;

	local_irq_disable();	/* all armed against the same "now" */
	for (i = 0; i < ARRAY_SIZE(delay); i++) {
		timers[i].expires = now + delay[i];
		add_timer(&timers[i]);
	}
	local_irq_enable();
	KTEST_ASSERT_TRUE(t, wait_fired(ARRAY_SIZE(delay), 1000));
	for (i = 0; i < ARRAY_SIZE(order); i++)
		KTEST_EXPECT_EQ(t, fired_order[i], order[i]);
	for (i = 0; i < ARRAY_SIZE(delay); i++)
		KTEST_EXPECT_TRUE(t, time_after_eq(fired_at[i], now + delay[i]));
}

/* 300 jiffies lands in tv2 and must come back through a cascade, on time. */
static void test_cascade_from_tv2(struct ktest *t)
{
	unsigned long expires = jiffies + 300;

	timers[0].expires = expires;
	add_timer(&timers[0]);
	KTEST_ASSERT_TRUE(t, wait_fired(1, 2000));
	KTEST_EXPECT_TRUE(t, time_after_eq(fired_at[0], expires));
	KTEST_EXPECT_TRUE(t, time_before(fired_at[0], expires + 5));
}

static void test_mod_and_del(struct ktest *t)
{
	timers[0].expires = jiffies + 10000;
	add_timer(&timers[0]);
	timers[1].expires = jiffies + 10000;
	add_timer(&timers[1]);
	KTEST_EXPECT_TRUE(t, timer_pending(&timers[0]));

	/* Pending: mod_timer re-arms and says so; del_timer disarms and says so. */
	KTEST_EXPECT_EQ(t, mod_timer(&timers[0], jiffies + 5), 1);
	KTEST_EXPECT_EQ(t, del_timer(&timers[1]), 1);
	KTEST_EXPECT_FALSE(t, timer_pending(&timers[1]));
	KTEST_EXPECT_EQ(t, del_timer(&timers[1]), 0);

	KTEST_ASSERT_TRUE(t, wait_fired(1, 1000));
	KTEST_EXPECT_EQ(t, fired_order[0], 0u);
	KTEST_EXPECT_FALSE(t, timer_pending(&timers[0]));
	/* Fired timers are idle: mod_timer arms afresh (returns 0). */
	KTEST_EXPECT_EQ(t, mod_timer(&timers[0], jiffies + 10000), 0);
	KTEST_EXPECT_EQ(t, del_timer(&timers[0]), 1);

	/* Let a few jiffies pass: the deleted timers must stay silent. */
	wait_fired(2, 20);
	KTEST_EXPECT_EQ(t, nr_fired, 1u);
}

/* A timer already due runs at the next tick. */
static void test_expired_runs_next_tick(struct ktest *t)
{
	timers[0].expires = jiffies - 100;
	add_timer(&timers[0]);
	KTEST_ASSERT_TRUE(t, wait_fired(1, 10));
}

/* Timer functions run from the softirq, outside hard-IRQ context, interrupts on. */
static void test_context(struct ktest *t)
{
	timers[0].expires = jiffies + 2;
	add_timer(&timers[0]);
	KTEST_ASSERT_TRUE(t, wait_fired(1, 100));
	KTEST_EXPECT_EQ(t, fired_in_softirq, 1);
	KTEST_EXPECT_EQ(t, fired_with_irqs_on, 1);
}

/* jiffies moves with the timer interrupt, at about HZ per second of PIT time. */
static void test_jiffies_advance(struct ktest *t)
{
	u64 j64 = get_jiffies_64();
	unsigned long start = (unsigned long)j64;	/* one read: no tick in between */

	while (time_before(jiffies, start + 10))
		safe_halt();
	KTEST_EXPECT_GE(t, get_jiffies_64() - j64, 10ull);
	KTEST_EXPECT_EQ(t, (unsigned long)get_jiffies_64(), jiffies);
}

static struct ktest_case timer_cases[] = {
	KTEST_CASE(test_expiry_order),
	KTEST_CASE(test_cascade_from_tv2),
	KTEST_CASE(test_mod_and_del),
	KTEST_CASE(test_expired_runs_next_tick),
	KTEST_CASE(test_context),
	KTEST_CASE(test_jiffies_advance),
	{}
};

static struct ktest_suite timer_suite = {
	.name = "timer",
	.test_cases = timer_cases,
	.init = timer_test_init,
};
ktest_register_suite(timer_suite);
