/*
 * Slab growth and interrupts (mm/slab.c, cache_grow()): a new slab for
 * a request that may sleep is made with interrupts on -- the page
 * allocation, the off-slab descriptor and the constructors -- as in
 * 2.6.11, and an interrupt handler using the same cache meanwhile
 * leaves it consistent: the object it freed into the CPU's array is
 * what the interrupted allocation returns. The tests count slabs and
 * constructor calls exactly: fault injection is off while they run.
 */
#include <kernel.h>
#include <fault_inject.h>
#include <jiffies.h>
#include <ktest.h>
#include <preempt.h>
#include <slab.h>
#include <slab_def.h>
#include <timer.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include "../../mm/internal.h"

#define MAX_HELD	512

static kmem_cache_t *cache;
static void *held[MAX_HELD];
static unsigned int nr_held;
static unsigned int ctor_calls, ctor_irqs_on, ctor_atomic, ctor_in_interrupt;
static bool wait_for_interrupt;		/* the first constructor call waits for the timer */
static volatile bool timer_fired;
static void *irq_alloc_obj, *irq_free_obj;
static unsigned int irq_ctor_calls;

static void grow_ctor(void *obj, kmem_cache_t *c, unsigned long flags)
{
	ctor_calls++;
	ctor_irqs_on += !irqs_disabled();
	ctor_atomic += !!(flags & SLAB_CTOR_ATOMIC);
	ctor_in_interrupt += in_interrupt();
	if (wait_for_interrupt && !in_interrupt()) {
		unsigned long deadline = jiffies + 10;

		wait_for_interrupt = false;
		/* With interrupts off (a bug) the tick never comes: do not wait then. */
		while (!irqs_disabled() && !timer_fired && time_before(jiffies, deadline))
			cpu_relax();
	}
}

/* The timer softirq, in the middle of the growth: allocate from the cache, then free to it. */
static void irq_uses_cache(unsigned long data)
{
	unsigned int before = ctor_calls;

	irq_alloc_obj = kmem_cache_alloc(cache, GFP_ATOMIC);
	kmem_cache_free(cache, irq_free_obj);
	irq_ctor_calls = ctor_calls - before;
	timer_fired = true;
}

/* Allocate until the array is empty and no slab has a free object: the next one must grow. */
static bool exhaust(struct ktest *t)
{
	struct kmem_list3 *l3 = &cache->lists;

	while (nr_held < MAX_HELD) {
		held[nr_held] = kmem_cache_alloc(cache, GFP_KERNEL);
		if (!held[nr_held])
			return false;
		nr_held++;
		if (!cache->array[0]->avail && list_empty(&l3->slabs_partial) &&
		    list_empty(&l3->slabs_free))
			return true;
	}
	return false;
}

static void free_held(void)
{
	while (nr_held)
		kmem_cache_free(cache, held[--nr_held]);
}

static void free_held_action(void *unused)
{
	free_held();
}

/* A cache for this test; what it holds is freed before it is destroyed, however the test ends. */
static kmem_cache_t *grow_cache_create(struct ktest *t, size_t size)
{
	kmem_cache_t *c = ktest_kmem_cache_create(t, "ktest-grow-irq", size, 0, 0, grow_ctor, NULL);

	nr_held = 0;
	if (c && ktest_add_action(t, free_held_action, NULL))
		return NULL;
	return c;
}

static int slab_irq_init(struct ktest *t)
{
	ktest_fault_attr_set(t, &fail_page_alloc, 0, -1);
	ktest_fault_attr_set(t, &fail_slab, 0, -1);
	return 0;
}

static void reset_counts(void)
{
	ctor_calls = ctor_irqs_on = ctor_atomic = ctor_in_interrupt = 0;
}

/*
 * GFP_KERNEL growth: constructors with interrupts on; GFP_ATOMIC: off,
 * and told SLAB_CTOR_ATOMIC. For an on-slab and an off-slab cache (its
 * descriptor allocated meanwhile, from a general cache).
 */
static void test_grow_irqs_by_gfp(struct ktest *t)
{
	static const size_t sizes[] = { 256, 4096 };	/* on-slab, off-slab */
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		unsigned long flags;

		cache = grow_cache_create(t, sizes[i]);
		KTEST_ASSERT_NOT_NULL(t, cache);
		KTEST_EXPECT_EQ(t, !!(cache->flags & CFLGS_OFF_SLAB), i == 1);
		KTEST_ASSERT_TRUE(t, exhaust(t));
		reset_counts();
		held[nr_held] = kmem_cache_alloc(cache, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, held[nr_held]);
		nr_held++;
		KTEST_EXPECT_EQ(t, ctor_calls, cache->num);
		KTEST_EXPECT_EQ(t, ctor_irqs_on, cache->num);
		KTEST_EXPECT_EQ(t, ctor_atomic, 0u);

		KTEST_ASSERT_TRUE(t, exhaust(t));
		reset_counts();
		local_irq_save(flags);
		held[nr_held] = kmem_cache_alloc(cache, GFP_ATOMIC);
		KTEST_EXPECT_TRUE(t, irqs_disabled());
		local_irq_restore(flags);
		KTEST_ASSERT_NOT_NULL(t, held[nr_held]);
		nr_held++;
		KTEST_EXPECT_EQ(t, ctor_calls, cache->num);
		KTEST_EXPECT_EQ(t, ctor_irqs_on, 0u);
		KTEST_EXPECT_EQ(t, ctor_atomic, cache->num);

		/* GFP_ATOMIC with interrupts on (as from a softirq): they stay on, nothing turns them off. */
		KTEST_ASSERT_TRUE(t, exhaust(t));
		reset_counts();
		held[nr_held] = kmem_cache_alloc(cache, GFP_ATOMIC);
		KTEST_ASSERT_NOT_NULL(t, held[nr_held]);
		nr_held++;
		KTEST_EXPECT_FALSE(t, irqs_disabled());
		KTEST_EXPECT_EQ(t, ctor_atomic, cache->num);
		KTEST_EXPECT_EQ(t, ctor_irqs_on, 0u);	/* __cache_alloc() holds them off */

		KTEST_EXPECT_TRUE(t, kmem_cache_check(cache));
		free_held();
		KTEST_EXPECT_EQ(t, ktest_kmem_cache_destroy(t, cache), 0);
	}
}

/*
 * A sleeping request from a caller that has interrupts off is a bug
 * (reported) -- but the growth does not turn them on behind its back.
 */
static void test_grow_keeps_callers_irqs_off(struct ktest *t)
{
	unsigned long flags, warnings = nr_might_sleep_warnings;

	cache = grow_cache_create(t, 256);
	KTEST_ASSERT_NOT_NULL(t, cache);
	KTEST_ASSERT_TRUE(t, exhaust(t));
	reset_counts();
	ktest_capture_start();
	local_irq_save(flags);
	held[nr_held] = kmem_cache_alloc(cache, GFP_KERNEL);
	KTEST_EXPECT_TRUE(t, irqs_disabled());
	local_irq_restore(flags);
	ktest_capture_stop();
	KTEST_ASSERT_NOT_NULL(t, held[nr_held]);
	nr_held++;
	KTEST_EXPECT_EQ(t, ctor_irqs_on, 0u);
	/* The slab allocator's report, then the page allocator's: both on purpose. */
	KTEST_EXPECT_EQ(t, nr_might_sleep_warnings - warnings, 2UL);
	KTEST_EXPECT_EQ(t, ktest_captured("BUG: sleeping function called from invalid context"), 2u);
	nr_might_sleep_warnings = warnings;
	free_held();
	KTEST_EXPECT_EQ(t, ktest_kmem_cache_destroy(t, cache), 0);
}

/*
 * The timer interrupt comes while a GFP_KERNEL allocation builds a new
 * slab: its handler allocates from the same cache (growing it again,
 * atomically) and frees an object into the CPU's array. The interrupted
 * allocation then finds that object in the array and returns it (2.6.11
 * re-checks ac->avail after cache_grow()); every slab and count agrees.
 */
static void test_interrupt_during_growth(struct ktest *t)
{
	static const size_t sizes[] = { 256, 4096 };	/* on-slab, off-slab */
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		struct timer_list timer;
		unsigned long slabs, grown;
		void *obj;

		cache = grow_cache_create(t, sizes[i]);
		KTEST_ASSERT_NOT_NULL(t, cache);
		KTEST_ASSERT_TRUE(t, exhaust(t));
		irq_free_obj = held[--nr_held];
		irq_alloc_obj = NULL;
		timer_fired = false;
		slabs = cache->num_slabs;
		grown = cache->grown;
		reset_counts();
		setup_timer(&timer, irq_uses_cache, 0);
		timer.expires = jiffies + 1;
		wait_for_interrupt = true;
		add_timer(&timer);
		obj = kmem_cache_alloc(cache, GFP_KERNEL);
		del_timer(&timer);
		wait_for_interrupt = false;

		if (!timer_fired)
			held[nr_held++] = irq_free_obj;	/* the interrupt never freed it */
		if (irq_alloc_obj)
			held[nr_held++] = irq_alloc_obj;
		if (obj)
			held[nr_held++] = obj;
		KTEST_EXPECT_TRUE(t, timer_fired);
		KTEST_ASSERT_NOT_NULL(t, obj);
		KTEST_ASSERT_NOT_NULL(t, irq_alloc_obj);
		KTEST_EXPECT_PTR_EQ(t, obj, irq_free_obj);	/* the interrupt's free, found in the array */
		KTEST_EXPECT_PTR_NE(t, obj, irq_alloc_obj);
		/* Two slabs: the interrupt's (atomic, interrupts off) and ours (interrupts on). */
		KTEST_EXPECT_EQ(t, cache->num_slabs, slabs + 2);
		KTEST_EXPECT_EQ(t, cache->grown, grown + 2);
		KTEST_EXPECT_EQ(t, irq_ctor_calls, cache->num);
		KTEST_EXPECT_EQ(t, ctor_calls, 2 * cache->num);
		KTEST_EXPECT_EQ(t, ctor_irqs_on, cache->num);
		KTEST_EXPECT_EQ(t, ctor_atomic, cache->num);
		KTEST_EXPECT_EQ(t, ctor_in_interrupt, cache->num);
		KTEST_EXPECT_TRUE(t, kmem_cache_check(cache));
		/* Nothing lost or handed out twice: the users' count is what we hold. */
		KTEST_EXPECT_EQ(t, kmem_cache_active_objects(cache), (unsigned long)nr_held);
		free_held();
		KTEST_EXPECT_TRUE(t, kmem_cache_check(cache));
		KTEST_EXPECT_EQ(t, ktest_kmem_cache_destroy(t, cache), 0);
	}
}

static struct ktest_case slab_irq_cases[] = {
	KTEST_CASE(test_grow_irqs_by_gfp),
	KTEST_CASE(test_grow_keeps_callers_irqs_off),
	KTEST_CASE(test_interrupt_during_growth),
	{}
};

static struct ktest_suite slab_irq_suite = {
	.name = "slab_irq",
	.test_cases = slab_irq_cases,
	.init = slab_irq_init,
};
ktest_register_suite(slab_irq_suite);
