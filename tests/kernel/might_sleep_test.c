/*
 * The atomic-context count (preempt_count) and might_sleep()
 * (include/preempt.h): what counts as atomic, where sleeping functions
 * check their caller, and Linux's report. Every suite runs armed: the
 * leak check below fails any suite that provoked a warning it did not
 * account for; the tests here provoke theirs on purpose, check them and
 * take them off the count. They count reports exactly, so fault
 * injection is off while they run (restored after each).
 */
#include <gfp.h>
#include <highmem.h>
#include <interrupt.h>
#include <ktest.h>
#include <jiffies.h>
#include <mempool.h>
#include <preempt.h>
#include <sched.h>
#include <semaphore.h>
#include <slab.h>
#include <spinlock.h>
#include <timer.h>
#include <vmalloc.h>
#include <wait.h>
#include <fault_inject.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include "../../mm/internal.h"

/* Any might_sleep() warning a suite did not provoke on purpose fails it. */
static int sample_might_sleep(unsigned long *vals, const char **labels)
{
	vals[0] = nr_might_sleep_warnings;
	labels[0] = "might_sleep() warnings (sleeping in atomic context)";
	return 1;
}

static const struct ktest_leak_check might_sleep_leaks = {
	.name = "might_sleep",
	.sample = sample_might_sleep,
};
ktest_register_leak_check(might_sleep_leaks);

static DEFINE_SPINLOCK(test_lock);
static unsigned long warnings_before;

static int might_sleep_init(struct ktest *t)
{
	ktest_fault_attr_set(t, &fail_page_alloc, 0, -1);
	ktest_fault_attr_set(t, &fail_slab, 0, -1);
	warnings_before = nr_might_sleep_warnings;
	ktest_capture_start();
	return 0;
}

static void might_sleep_exit(struct ktest *t)
{
	ktest_capture_stop();
	nr_might_sleep_warnings = warnings_before;	/* every test checked its own */
}

/* Exactly n reports since the test began, and the lines that say so; they are accounted for. */
static void expect_reports(struct ktest *t, unsigned long n)
{
	KTEST_EXPECT_EQ(t, nr_might_sleep_warnings - warnings_before, n);
	KTEST_EXPECT_EQ(t, ktest_captured("BUG: sleeping function called from invalid context at ") +
			   ktest_captured("BUG: scheduling while atomic: "), (unsigned int)n);
}

/* What counts: spinlocks and kmap_atomic() slots in the low byte, softirqs and IRQs above. */
static void test_preempt_count_fields(struct ktest *t)
{
	struct page *page = ktest_alloc_page(t, GFP_KERNEL);
	unsigned long flags;
	void *kaddr;

	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_EQ(t, preempt_count(), 0u);
	KTEST_EXPECT_FALSE(t, in_atomic() || in_interrupt() || in_irq() || in_softirq());
	spin_lock_irqsave(&test_lock, flags);
	KTEST_EXPECT_EQ(t, preempt_count(), PREEMPT_OFFSET);
	KTEST_EXPECT_TRUE(t, in_atomic());
	KTEST_EXPECT_FALSE(t, in_interrupt());
	kaddr = kmap_atomic(page, KM_USER0);
	KTEST_EXPECT_EQ(t, preempt_count(), 2 * PREEMPT_OFFSET);
	kunmap_atomic(kaddr, KM_USER0);
	spin_unlock_irqrestore(&test_lock, flags);
	KTEST_EXPECT_EQ(t, preempt_count(), 0u);

	local_irq_save(flags);
	irq_enter();
	KTEST_EXPECT_EQ(t, preempt_count(), HARDIRQ_OFFSET);
	KTEST_EXPECT_TRUE(t, in_irq() && in_interrupt() && in_atomic());
	KTEST_EXPECT_FALSE(t, in_softirq());
	irq_exit();
	local_irq_restore(flags);
	KTEST_EXPECT_EQ(t, preempt_count(), 0u);
	expect_reports(t, 0);
}

static volatile unsigned int softirq_count_seen;
static volatile int timer_ran;
static void *softirq_kernel_obj, *softirq_atomic_obj;

static void atomic_timer_fn(unsigned long data)
{
	softirq_count_seen = preempt_count();
	softirq_atomic_obj = kmalloc(32, GFP_ATOMIC);	/* fine here */
	if (data)
		softirq_kernel_obj = kmalloc(32, GFP_KERNEL);	/* a bug here */
	timer_ran = 1;
}

/* Run atomic_timer_fn(data) from the timer softirq and wait for it. */
static bool run_in_softirq(unsigned long data)
{
	struct timer_list timer;
	unsigned long deadline = jiffies + 10;

	timer_ran = 0;
	setup_timer(&timer, atomic_timer_fn, data);
	timer.expires = jiffies + 1;
	add_timer(&timer);
	while (!timer_ran && time_before(jiffies, deadline))
		safe_halt();
	del_timer(&timer);
	return timer_ran;
}

/* Nothing to report where sleeping is allowed, or where nothing may sleep. */
static void test_quiet_when_allowed(struct ktest *t)
{
	kmem_cache_t *c = ktest_kmem_cache_create(t, "ktest-ms-quiet", 64, 0, 0, NULL, NULL);
	static DECLARE_MUTEX(sem);
	unsigned long flags;
	struct page *page;
	void *obj;

	KTEST_ASSERT_NOT_NULL(t, c);
	/* Process context, interrupts on, no lock: everything may sleep. */
	page = ktest_alloc_pages(t, GFP_KERNEL, 2);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_ASSERT_NOT_NULL(t, ktest_kmem_cache_alloc(t, c, GFP_KERNEL));
	KTEST_ASSERT_NOT_NULL(t, ktest_vmalloc(t, 3 * PAGE_SIZE));
	down(&sem);
	up(&sem);
	KTEST_EXPECT_PTR_EQ(t, kmap(page), page_address(page));
	kunmap(page);
	msleep(1);
	/* A lock held, interrupts off: GFP_ATOMIC requests never sleep. */
	spin_lock_irqsave(&test_lock, flags);
	obj = kmem_cache_alloc(c, GFP_ATOMIC);
	page = alloc_page(GFP_ATOMIC);
	KTEST_EXPECT_EQ(t, down_trylock(&sem), 0);
	up(&sem);
	spin_unlock_irqrestore(&test_lock, flags);
	if (obj)
		kmem_cache_free(c, obj);
	if (page)
		__free_page(page);
	KTEST_EXPECT_TRUE(t, page && obj);
	/* The timer softirq may allocate GFP_ATOMIC. */
	KTEST_EXPECT_TRUE(t, run_in_softirq(0));
	KTEST_EXPECT_EQ(t, softirq_count_seen, SOFTIRQ_OFFSET);
	KTEST_EXPECT_NOT_NULL(t, softirq_atomic_obj);
	kfree(softirq_atomic_obj);
	expect_reports(t, 0);
}

/* The page allocator: a __GFP_WAIT request with a lock held, and with interrupts off. */
static void test_alloc_pages_checks(struct ktest *t)
{
	struct page *p[3];
	unsigned long flags;

	spin_lock(&test_lock);
	p[0] = ktest_alloc_page(t, GFP_KERNEL);
	spin_unlock(&test_lock);
	expect_reports(t, 1);
	KTEST_EXPECT_EQ(t, ktest_captured("BUG: sleeping function called from invalid context at "
					  "mm/page_alloc.c:"), 1u);
	KTEST_EXPECT_EQ(t, ktest_captured("in_atomic(): 1, irqs_disabled(): 0, pid: 1, name: init"), 1u);
	KTEST_EXPECT_EQ(t, ktest_captured("Call Trace:"), 1u);
	KTEST_EXPECT_GE(t, ktest_captured("test_alloc_pages_checks+"), 1u);

	local_irq_save(flags);
	p[1] = ktest_alloc_page(t, GFP_KERNEL);
	p[2] = ktest_alloc_pages(t, GFP_KERNEL, 3);
	local_irq_restore(flags);
	expect_reports(t, 3);
	KTEST_EXPECT_EQ(t, ktest_captured("in_atomic(): 0, irqs_disabled(): 1"), 2u);
	KTEST_EXPECT_TRUE(t, p[0] && p[1] && p[2]);
}

/* The slab allocator, on its fast path (the array has an object ready). */
static void test_slab_checks(struct ktest *t)
{
	kmem_cache_t *c = ktest_kmem_cache_create(t, "ktest-ms-slab", 64, 0, 0, NULL, NULL);
	unsigned long flags;

	KTEST_ASSERT_NOT_NULL(t, c);
	kmem_cache_free(c, kmem_cache_alloc(c, GFP_KERNEL | __GFP_NOFAIL));	/* warm: no growth below */
	kfree(kmalloc(100, GFP_KERNEL | __GFP_NOFAIL));
	spin_lock(&test_lock);
	ktest_kmem_cache_alloc(t, c, GFP_KERNEL);
	ktest_kmalloc(t, 100, GFP_KERNEL);
	spin_unlock(&test_lock);
	local_irq_save(flags);
	ktest_kmem_cache_alloc(t, c, GFP_KERNEL);
	local_irq_restore(flags);
	expect_reports(t, 3);
	KTEST_EXPECT_EQ(t, ktest_captured("invalid context at mm/slab.c:"), 3u);
	KTEST_EXPECT_EQ(t, ktest_captured("in_atomic(): 1, irqs_disabled(): 0"), 2u);
	KTEST_EXPECT_EQ(t, ktest_captured("in_atomic(): 0, irqs_disabled(): 1"), 1u);
}

static void *pool_alloc(gfp_t gfp_mask, void *data)
{
	return kmalloc(48, gfp_mask);
}

static void pool_free(void *element, void *data)
{
	kfree(element);
}

static void destroy_pool(void *pool)
{
	mempool_destroy(pool);
}

/* The sleeping primitives, each called once with a spinlock held. */
static void test_sleeping_primitives(struct ktest *t)
{
	struct page *page = ktest_alloc_page(t, GFP_KERNEL);	/* low memory: kmap() will not sleep */
	static DECLARE_WAIT_QUEUE_HEAD(wq);
	static DECLARE_MUTEX(sem);
	mempool_t *pool;
	void *element;

	KTEST_ASSERT_NOT_NULL(t, page);
	pool = mempool_create(1, pool_alloc, pool_free, NULL);
	KTEST_ASSERT_NOT_NULL(t, pool);
	KTEST_ASSERT_EQ(t, ktest_add_action_or_reset(t, destroy_pool, pool), 0);
	spin_lock(&test_lock);
	down(&sem);
	spin_unlock(&test_lock);
	up(&sem);
	expect_reports(t, 1);
	KTEST_EXPECT_EQ(t, ktest_captured("invalid context at kernel/semaphore.c:"), 1u);

	spin_lock(&test_lock);
	kmap(page);
	spin_unlock(&test_lock);
	kunmap(page);
	expect_reports(t, 2);
	KTEST_EXPECT_EQ(t, ktest_captured("invalid context at mm/highmem.c:"), 1u);

	spin_lock(&test_lock);
	element = mempool_alloc(pool, GFP_KERNEL);
	spin_unlock(&test_lock);
	expect_reports(t, 3);
	KTEST_EXPECT_EQ(t, ktest_captured("invalid context at mm/mempool.c:"), 1u);
	mempool_free(element, pool);

	spin_lock(&test_lock);
	wait_event(wq, 1);		/* true at once: no sleep, but a caller that would */
	spin_unlock(&test_lock);
	expect_reports(t, 4);
	KTEST_EXPECT_EQ(t, ktest_captured("invalid context at tests/kernel/might_sleep_test.c:"), 1u);

	/* msleep(): its own check, schedule_timeout()'s, then schedule() itself objects. */
	spin_lock(&test_lock);
	msleep(1);
	spin_unlock(&test_lock);
	expect_reports(t, 7);
	KTEST_EXPECT_EQ(t, ktest_captured("invalid context at kernel/timer.c:"), 2u);
	KTEST_EXPECT_EQ(t, ktest_captured("BUG: scheduling while atomic: init/1/0x00000001"), 1u);
	KTEST_EXPECT_EQ(t, preempt_count(), 0u);	/* the count came back with the task */
}

/* vmalloc() with a lock held: its own report, then one per allocation inside it. */
static void test_vmalloc_checks(struct ktest *t)
{
	unsigned long n;
	void *v;

	spin_lock(&test_lock);
	v = ktest_vmalloc(t, 2 * PAGE_SIZE);
	spin_unlock(&test_lock);
	KTEST_ASSERT_NOT_NULL(t, v);
	n = nr_might_sleep_warnings - warnings_before;
	KTEST_EXPECT_GE(t, n, 4UL);	/* vmalloc, the vm_struct, the page array, the pages */
	expect_reports(t, n);
	KTEST_EXPECT_EQ(t, ktest_captured("invalid context at mm/vmalloc.c:"), 1u);
}

/* Interrupt context: the timer softirq, and a hardware interrupt handler. */
static void test_interrupt_context(struct ktest *t)
{
	unsigned long flags;
	void *warm[4];
	int i;

	/* Objects ready in size-32's array: no slab growth (more reports) below. */
	for (i = 0; i < 4; i++)
		warm[i] = kmalloc(32, GFP_KERNEL | __GFP_NOFAIL);
	for (i = 0; i < 4; i++)
		kfree(warm[i]);
	KTEST_ASSERT_TRUE(t, run_in_softirq(1));
	expect_reports(t, 1);
	KTEST_EXPECT_EQ(t, ktest_captured("in_atomic(): 1, irqs_disabled(): 0"), 1u);
	KTEST_EXPECT_GE(t, ktest_captured("atomic_timer_fn+"), 1u);
	kfree(softirq_kernel_obj);
	kfree(softirq_atomic_obj);

	local_irq_save(flags);
	irq_enter();			/* as do_IRQ() */
	ktest_kmalloc(t, 32, GFP_KERNEL);
	irq_exit();
	local_irq_restore(flags);
	expect_reports(t, 2);
	KTEST_EXPECT_EQ(t, ktest_captured("in_atomic(): 1, irqs_disabled(): 1"), 1u);
}

static void oops_with_lock_held(void *arg)
{
	spin_lock(&test_lock);
	*(volatile int *)arg = 1;	/* NULL */
}

/* An oops recovered by a self-test gives back the count the abandoned frames held. */
static void test_oops_restores_count(struct ktest *t)
{
	KTEST_EXPECT_TRUE(t, ktest_catch_oops(oops_with_lock_held, NULL));
	KTEST_EXPECT_EQ(t, preempt_count(), 0u);
	KTEST_EXPECT_TRUE(t, spin_is_locked(&test_lock));
	test_lock.locked = 0;	/* the abandoned holder cannot release it */
	expect_reports(t, 0);
}

static struct ktest_case might_sleep_cases[] = {
	KTEST_CASE(test_preempt_count_fields),
	KTEST_CASE(test_quiet_when_allowed),
	KTEST_CASE(test_alloc_pages_checks),
	KTEST_CASE(test_slab_checks),
	KTEST_CASE(test_sleeping_primitives),
	KTEST_CASE(test_vmalloc_checks),
	KTEST_CASE(test_interrupt_context),
	KTEST_CASE(test_oops_restores_count),
	{}
};

static struct ktest_suite might_sleep_suite = {
	.name = "might_sleep",
	.test_cases = might_sleep_cases,
	.init = might_sleep_init,
	.exit = might_sleep_exit,
};
ktest_register_suite(might_sleep_suite);
