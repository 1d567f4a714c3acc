/*
 * The harness itself: cleanup actions (order, remove, release, a full
 * table, the resource helpers) and verdicts (a skip after a failure).
 * The inner tests run on a struct ktest of their own, with the console
 * silenced while they fail on purpose: their "EXPECTATION FAILED"
 * lines would otherwise fail this suite in the runner's eyes.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <fault_inject.h>
#include <gfp.h>
#include <ktest.h>
#include <mm.h>
#include <slab.h>
#include "mm_test_util.h"

static struct ktest_action inner_actions[4];
static struct ktest inner;

static void cleanup_inner(void *in)
{
	ktest_cleanup(in);
}

static bool find_cleanup(struct ktest *t)
{
	unsigned int i;

	for (i = 0; i < t->nr_actions; i++)
		if (t->actions[i].fn == cleanup_inner)
			return true;
	return false;
}

/* A fresh inner test, whose leftovers the outer test t cleans up if it stops early. */
static struct ktest *inner_test(struct ktest *t)
{
	memset(&inner, 0, sizeof(inner));
	inner.name = "inner";
	inner.status = KTEST_SUCCESS;
	inner.actions = inner_actions;
	inner.max_actions = ARRAY_SIZE(inner_actions);
	if (!find_cleanup(t))
		ktest_add_action(t, cleanup_inner, &inner);
	return &inner;
}

static char order[8];
static unsigned int nr_ran;

static void note(void *arg)
{
	order[nr_ran++] = *(const char *)arg;
}

static const char a_ = 'a', b_ = 'b', c_ = 'c';

/* The last registered runs first; each runs once. */
static void test_actions_run_in_reverse(struct ktest *t)
{
	struct ktest *in = inner_test(t);

	nr_ran = 0;
	KTEST_ASSERT_EQ(t, ktest_add_action(in, note, (void *)&a_), 0);
	KTEST_ASSERT_EQ(t, ktest_add_action(in, note, (void *)&b_), 0);
	KTEST_ASSERT_EQ(t, ktest_add_action(in, note, (void *)&c_), 0);
	ktest_cleanup(in);
	KTEST_EXPECT_EQ(t, nr_ran, 3u);
	order[nr_ran] = '\0';
	KTEST_EXPECT_STREQ(t, order, "cba");
	KTEST_EXPECT_EQ(t, in->nr_actions, 0u);
	ktest_cleanup(in);
	KTEST_EXPECT_EQ(t, nr_ran, 3u);
}

/* remove: never runs; release: runs at once, not again at the end. */
static void test_remove_and_release(struct ktest *t)
{
	struct ktest *in = inner_test(t);

	nr_ran = 0;
	ktest_add_action(in, note, (void *)&a_);
	ktest_add_action(in, note, (void *)&b_);
	ktest_add_action(in, note, (void *)&c_);
	ktest_remove_action(in, note, (void *)&b_);
	ktest_release_action(in, note, (void *)&a_);
	KTEST_EXPECT_EQ(t, nr_ran, 1u);
	KTEST_EXPECT_EQ(t, order[0], 'a');
	ktest_cleanup(in);
	KTEST_EXPECT_EQ(t, nr_ran, 2u);
	KTEST_EXPECT_EQ(t, order[1], 'c');
	KTEST_EXPECT_EQ(t, (int)in->status, (int)KTEST_SUCCESS);
}

/* A full table fails the test, naming the limit; _or_reset runs the action at once. */
static void test_full_table_fails_the_test(struct ktest *t)
{
	struct ktest *in = inner_test(t);
	int level = console_loglevel, i;

	nr_ran = 0;
	for (i = 0; i < (int)ARRAY_SIZE(inner_actions); i++)
		KTEST_ASSERT_EQ(t, ktest_add_action(in, note, (void *)&a_), 0);
	ktest_capture_start();
	console_loglevel = 0;
	KTEST_EXPECT_EQ(t, ktest_add_action_or_reset(in, note, (void *)&b_), -ENOMEM);
	console_loglevel = level;
	ktest_capture_stop();
	KTEST_EXPECT_EQ(t, (int)in->status, (int)KTEST_FAILURE);
	KTEST_EXPECT_EQ(t, ktest_captured("more than 4 cleanup actions"), 1u);
	KTEST_EXPECT_EQ(t, nr_ran, 1u);
	KTEST_EXPECT_EQ(t, order[0], 'b');
	ktest_cleanup(in);
	KTEST_EXPECT_EQ(t, nr_ran, 5u);
}

/* A failure followed by a skip is a failure, and says why it stopped. */
static void test_skip_after_failure_stays_failed(struct ktest *t)
{
	struct ktest *in = inner_test(t);
	int level = console_loglevel;

	ktest_capture_start();
	console_loglevel = 0;
	KTEST_EXPECT_EQ(in, 1, 2);
	ktest_skip(in, "no reason");
	console_loglevel = level;
	ktest_capture_stop();
	KTEST_EXPECT_EQ(t, (int)in->status, (int)KTEST_FAILURE);
	KTEST_EXPECT_EQ(t, ktest_captured("# inner: skipped after failing: no reason"), 1u);
	in = inner_test(t);
	ktest_skip(in, "plain");
	KTEST_EXPECT_EQ(t, (int)in->status, (int)KTEST_SKIPPED);
}

/*
 * The helpers give back what they took when the test ends, and early
 * when asked; a released slot is reused, so alloc/free loops do not
 * fill the table.
 */
static void test_helpers_give_everything_back(struct ktest *t)
{
	struct ktest *in = inner_test(t);
	unsigned long free_before, objs_before;
	kmem_cache_t *c;
	struct list_head *list;
	struct page *p;
	int i;

	/* Shrinking frees slab pages onto the per-CPU lists: drain after it. */
	kmem_cache_shrink_all();
	drain_local_pages();
	free_before = nr_free_pages();
	list = ktest_page_list(in, 1);
	KTEST_ASSERT_NOT_NULL(t, list);
	for (i = 0; i < 8; i++) {
		p = alloc_pages(GFP_KERNEL, 1);
		if (p)
			list_add(&p->lru, list);
	}
	for (i = 0; i < 100; i++) {
		p = ktest_alloc_page(in, GFP_KERNEL);
		if (p)
			ktest_free_page(in, p);
	}
	KTEST_EXPECT_EQ(t, in->nr_actions, 1u);
	c = ktest_kmem_cache_create(in, "ktest-helpers", 64, 0, 0, NULL, NULL);
	KTEST_ASSERT_NOT_NULL(t, c);
	objs_before = kmem_cache_active_objects(c);
	KTEST_EXPECT_NOT_NULL(t, ktest_kmem_cache_alloc(in, c, GFP_KERNEL));
	KTEST_EXPECT_EQ(t, kmem_cache_active_objects(c), objs_before + 1);
	KTEST_EXPECT_EQ(t, in->nr_actions, 3u);
	ktest_cleanup(in);		/* the object, the cache, the list */
	KTEST_EXPECT_EQ(t, (int)in->status, (int)KTEST_SUCCESS);
	kmem_cache_shrink_all();
	drain_local_pages();
	KTEST_EXPECT_EQ(t, nr_free_pages(), free_before);
}

/* Injection set by a test is undone, counts included, when it ends. */
static void test_fault_attr_restored(struct ktest *t)
{
	struct ktest *in = inner_test(t);
	struct fault_attr saved = fail_slab;

	ktest_fault_attr_set(in, &fail_slab, 3, 7);
	ktest_fault_attr_set(in, &fail_slab, 0, -1);
	KTEST_EXPECT_EQ(t, fail_slab.interval, 0UL);
	KTEST_EXPECT_EQ(t, in->nr_actions, 1u);
	ktest_cleanup(in);
	KTEST_EXPECT_EQ(t, fail_slab.interval, saved.interval);
	KTEST_EXPECT_EQ(t, fail_slab.times, saved.times);
	KTEST_EXPECT_EQ(t, fail_slab.count, saved.count);
}

static struct ktest_case ktest_cases[] = {
	KTEST_CASE(test_actions_run_in_reverse),
	KTEST_CASE(test_remove_and_release),
	KTEST_CASE(test_full_table_fails_the_test),
	KTEST_CASE(test_skip_after_failure_stays_failed),
	KTEST_CASE(test_helpers_give_everything_back),
	KTEST_CASE(test_fault_attr_restored),
	{}
};

static struct ktest_suite ktest_suite = {
	.name = "ktest",
	.test_cases = ktest_cases,
};
ktest_register_suite(ktest_suite);
