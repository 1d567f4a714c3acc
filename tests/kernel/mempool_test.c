/*
 * Memory pools (ULK 8.2.17): the reserve takes over when the underlying
 * allocator fails (forced here by fault injection), refills on free,
 * resizes, and is given back on destroy.
 */
#include <kernel.h>
#include <errno.h>
#include <fault_inject.h>
#include <ktest.h>
#include <mempool.h>
#include <slab.h>
#include <asm/irqflags.h>
#include "../../mm/internal.h"

static kmem_cache_t *pool_cache;

static int mempool_suite_init(struct ktest_suite *s)
{
	pool_cache = kmem_cache_create("ktest-mempool", 72, 0, 0, NULL, NULL);
	return pool_cache ? 0 : -1;
}

static void mempool_suite_exit(struct ktest_suite *s)
{
	kmem_cache_destroy(pool_cache);
}

/* The pool of the current test, and the elements it holds: given back when it ends. */
static mempool_t *pool;
static void *e[5];

static void pool_cleanup(void *unused)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(e); i++) {
		mempool_free(e[i], pool);
		e[i] = NULL;
	}
	mempool_destroy(pool);
	pool = NULL;
}

/* mempool_create(), registered: NULL if it failed. */
static mempool_t *create_pool(struct ktest *t, int min_nr, mempool_alloc_t *alloc_fn,
			      mempool_free_t *free_fn, void *pool_data)
{
	pool = mempool_create(min_nr, alloc_fn, free_fn, pool_data);
	if (pool && ktest_add_action_or_reset(t, pool_cleanup, NULL))
		return NULL;
	return pool;
}

/* With every slab allocation failing, the 4 reserved elements are handed out, then NULL. */
static void test_reserve_used_when_allocator_fails(struct ktest *t)
{
	int i;

	KTEST_ASSERT_NOT_NULL(t, create_pool(t, 4, mempool_alloc_slab, mempool_free_slab,
					     pool_cache));
	KTEST_EXPECT_EQ(t, pool->curr_nr, 4);
	ktest_fault_attr_set(t, &fail_slab, 1, -1);
	for (i = 0; i < 4; i++) {
		e[i] = mempool_alloc(pool, GFP_ATOMIC);
		KTEST_EXPECT_NOT_NULL(t, e[i]);
	}
	KTEST_EXPECT_EQ(t, pool->curr_nr, 0);
	e[4] = mempool_alloc(pool, GFP_ATOMIC);
	KTEST_EXPECT_NULL(t, e[4]);
	ktest_fault_attr_set(t, &fail_slab, 0, -1);
	/* Freeing refills the reserve first. */
	for (i = 0; i < 4; i++) {
		mempool_free(e[i], pool);
		e[i] = NULL;
	}
	KTEST_EXPECT_EQ(t, pool->curr_nr, 4);
}

/* When the allocator works, the reserve is left alone, and frees beyond it go back. */
static void test_allocator_first(struct ktest *t)
{
	KTEST_ASSERT_NOT_NULL(t, create_pool(t, 2, mempool_kmalloc, mempool_kfree, (void *)100));
	e[0] = mempool_alloc(pool, GFP_KERNEL);
	e[1] = mempool_alloc(pool, GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, e[0] && e[1]);
	KTEST_EXPECT_EQ(t, pool->curr_nr, 2);
	KTEST_EXPECT_EQ(t, ksize(e[0]), (size_t)128);
	mempool_free(e[0], pool);
	mempool_free(e[1], pool);
	e[0] = e[1] = NULL;
	KTEST_EXPECT_EQ(t, pool->curr_nr, 2);
}

static void test_resize(struct ktest *t)
{
	KTEST_ASSERT_NOT_NULL(t, create_pool(t, 2, mempool_alloc_pages, mempool_free_pages,
					     (void *)1));
	KTEST_EXPECT_EQ(t, mempool_resize(pool, 6, GFP_KERNEL), 0);
	KTEST_EXPECT_EQ(t, pool->curr_nr, 6);
	KTEST_EXPECT_EQ(t, mempool_resize(pool, 1, GFP_KERNEL), 0);
	KTEST_EXPECT_EQ(t, pool->curr_nr, 1);
	KTEST_EXPECT_EQ(t, pool->min_nr, 1);
}

/*
 * Growing that runs out of memory half-way (the third slab allocation:
 * the array, one element, then the next) returns -ENOMEM with the pool
 * as it was -- target, reserve, array -- and gives back the element it
 * got (the suite's leak check counts the cache's objects).
 */
static void test_resize_grow_fails_unchanged(struct ktest *t)
{
	void **elements;

	KTEST_ASSERT_NOT_NULL(t, create_pool(t, 2, mempool_alloc_slab, mempool_free_slab,
					     pool_cache));
	elements = pool->elements;
	ktest_fault_attr_set(t, &fail_slab, 3, 1);
	KTEST_EXPECT_EQ(t, mempool_resize(pool, 6, GFP_KERNEL), (int)-ENOMEM);
	ktest_fault_attr_set(t, &fail_slab, 0, -1);
	KTEST_EXPECT_EQ(t, pool->min_nr, 2);
	KTEST_EXPECT_EQ(t, pool->curr_nr, 2);
	KTEST_EXPECT_PTR_EQ(t, pool->elements, elements);
	KTEST_EXPECT_EQ(t, kmem_cache_active_objects(pool_cache), 2UL);
	/* And then it grows. */
	KTEST_EXPECT_EQ(t, mempool_resize(pool, 6, GFP_KERNEL), 0);
	KTEST_EXPECT_EQ(t, pool->curr_nr, 6);
}

/*
 * A pool whose element allocator and freer note whether they were
 * called with interrupts off -- that is, under the pool's lock, which
 * is taken with spin_lock_irqsave() -- and whose allocator, at its
 * give_back_at-th call, gives the element in e[0] back to the pool, as a
 * concurrent mempool_free() could while a resize allocates.
 */
static unsigned int called_locked, nr_alloc_calls, give_back_at;

static void *noting_alloc(gfp_t gfp_mask, void *pool_data)
{
	called_locked += irqs_disabled();
	if (++nr_alloc_calls == give_back_at && e[0]) {
		mempool_free(e[0], pool);
		e[0] = NULL;
	}
	return kmem_cache_alloc(pool_data, gfp_mask);
}

static void noting_free(void *element, void *pool_data)
{
	called_locked += irqs_disabled();
	kmem_cache_free(pool_data, element);
}

/*
 * Resizing never calls the element allocator or freer under the pool's
 * lock, even when an element comes back while it allocates and fills
 * the reserve first (a resize that refilled to the target element by
 * element found the reserve full and freed its last one there).
 */
static void test_resize_lock_discipline(struct ktest *t)
{
	called_locked = 0;
	give_back_at = 0;
	KTEST_ASSERT_NOT_NULL(t, create_pool(t, 1, noting_alloc, noting_free, pool_cache));
	ktest_fault_attr_set(t, &fail_slab, 1, -1);
	e[0] = mempool_alloc(pool, GFP_ATOMIC);		/* the reserve's only element */
	ktest_fault_attr_set(t, &fail_slab, 0, -1);
	KTEST_ASSERT_NOT_NULL(t, e[0]);
	KTEST_EXPECT_EQ(t, pool->curr_nr, 0);
	nr_alloc_calls = 0;
	give_back_at = 2;
	KTEST_EXPECT_EQ(t, mempool_resize(pool, 2, GFP_KERNEL), 0);
	give_back_at = 0;
	if (e[0]) {				/* the resize needed only one allocation */
		mempool_free(e[0], pool);
		e[0] = NULL;
	}
	/* The pool owns 2 elements, both in the reserve now. */
	KTEST_EXPECT_EQ(t, pool->min_nr, 2);
	KTEST_EXPECT_EQ(t, pool->curr_nr, 2);
	KTEST_EXPECT_EQ(t, mempool_resize(pool, 1, GFP_KERNEL), 0);
	KTEST_EXPECT_EQ(t, pool->curr_nr, 1);
	KTEST_EXPECT_EQ(t, called_locked, 0u);
}

/* Creation that cannot fill the reserve fails cleanly, leaking nothing. */
static void test_create_fails_cleanly(struct ktest *t)
{
	ktest_fault_attr_set(t, &fail_page_alloc, 3, -1);
	create_pool(t, 8, mempool_alloc_pages, mempool_free_pages, (void *)0);
	ktest_fault_attr_set(t, &fail_page_alloc, 0, -1);
	KTEST_EXPECT_NULL(t, pool);
}

/* Destroying a pool with elements still out says so. */
static void test_destroy_reports_outstanding(struct ktest *t)
{
	KTEST_ASSERT_NOT_NULL(t, create_pool(t, 1, mempool_alloc_slab, mempool_free_slab,
					     pool_cache));
	ktest_fault_attr_set(t, &fail_slab, 1, -1);
	e[0] = mempool_alloc(pool, GFP_ATOMIC);	/* the reserve's only element */
	ktest_fault_attr_set(t, &fail_slab, 0, -1);
	KTEST_ASSERT_NOT_NULL(t, e[0]);
	ktest_remove_action(t, pool_cleanup, NULL);
	ktest_capture_start();
	mempool_destroy(pool);
	ktest_capture_stop();
	pool = NULL;
	KTEST_EXPECT_EQ(t, ktest_captured("mempool_destroy: 1 of 1 elements still in use"), 1u);
	kmem_cache_free(pool_cache, e[0]);
	e[0] = NULL;
}

static struct ktest_case mempool_cases[] = {
	KTEST_CASE(test_reserve_used_when_allocator_fails),
	KTEST_CASE(test_allocator_first),
	KTEST_CASE(test_resize),
	KTEST_CASE(test_resize_grow_fails_unchanged),
	KTEST_CASE(test_resize_lock_discipline),
	KTEST_CASE(test_create_fails_cleanly),
	KTEST_CASE(test_destroy_reports_outstanding),
	{}
};

static struct ktest_suite mempool_suite = {
	.name = "mempool",
	.test_cases = mempool_cases,
	.suite_init = mempool_suite_init,
	.suite_exit = mempool_suite_exit,
};
ktest_register_suite(mempool_suite);
