/*
 * The radix tree in the kernel (kernel/radix-tree.c; the host tests
 * and fuzzer check it against a model): pages indexed as the page cache
 * indexes them, inserted under a spinlock after radix_tree_preload(), a
 * sparse file's gang lookup, and every node back afterwards.
 */
#include <kernel.h>
#include <errno.h>
#include <fault_inject.h>
#include <gfp.h>
#include <ktest.h>
#include <mm.h>
#include <radix-tree.h>
#include <spinlock.h>

/* The end of a case however it ends: every item deleted, so every node freed. */
static void empty_tree(void *arg)
{
	struct radix_tree_root *tree = arg;
	unsigned long index = 0;
	void *item;

	while (tree->height) {
		unsigned long i;

		if (!radix_tree_gang_lookup(tree, &item, index, 1))
			break;
		for (i = index; radix_tree_lookup(tree, i) != item; i++)
			;
		radix_tree_delete(tree, i);
		index = i + 1;
	}
}

/* Pages at sparse offsets, inserted the way add_to_page_cache() does. */
static void test_pages_under_lock(struct ktest *t)
{
	static const unsigned long offsets[] = { 0, 1, 63, 64, 4095, 4096, 100000, 0xfffff };
	/* Static: the cleanup action runs after this frame is gone. */
	static struct radix_tree_root tree;
	DEFINE_SPINLOCK(lock);
	struct page *pages[ARRAY_SIZE(offsets)], *found[ARRAY_SIZE(offsets) + 1];
	unsigned long nodes = radix_tree_nr_nodes;
	unsigned int i;

	INIT_RADIX_TREE(&tree, GFP_ATOMIC);
	KTEST_ASSERT_EQ(t, ktest_add_action(t, empty_tree, &tree), 0);
	for (i = 0; i < ARRAY_SIZE(offsets); i++) {
		pages[i] = ktest_alloc_page(t, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, pages[i]);
		KTEST_ASSERT_EQ(t, radix_tree_preload(GFP_KERNEL), 0);
		spin_lock_irq(&lock);
		KTEST_EXPECT_EQ(t, radix_tree_insert(&tree, offsets[i], pages[i]), 0);
		spin_unlock_irq(&lock);
		radix_tree_preload_end();
	}
	KTEST_EXPECT_EQ(t, tree.height, 4u);	/* 0xfffff needs 20 bits: 4 levels */
	KTEST_EXPECT_NULL(t, radix_tree_check(&tree));
	KTEST_EXPECT_EQ(t, radix_tree_insert(&tree, 64, pages[0]), -EEXIST);
	for (i = 0; i < ARRAY_SIZE(offsets); i++)
		KTEST_EXPECT_PTR_EQ(t, radix_tree_lookup(&tree, offsets[i]), pages[i]);
	KTEST_EXPECT_NULL(t, radix_tree_lookup(&tree, 2));
	KTEST_EXPECT_EQ(t, radix_tree_gang_lookup(&tree, (void **)found, 0, ARRAY_SIZE(found)),
			(unsigned int)ARRAY_SIZE(offsets));
	for (i = 0; i < ARRAY_SIZE(offsets); i++)
		KTEST_EXPECT_PTR_EQ(t, found[i], pages[i]);
	KTEST_EXPECT_EQ(t, radix_tree_gang_lookup(&tree, (void **)found, 65, 2), 2u);
	KTEST_EXPECT_PTR_EQ(t, found[0], pages[4]);
	KTEST_EXPECT_PTR_EQ(t, found[1], pages[5]);
	for (i = 0; i < ARRAY_SIZE(offsets); i++)
		KTEST_EXPECT_PTR_EQ(t, radix_tree_delete(&tree, offsets[i]), pages[i]);
	/* (an early exit leaves the rest to empty_tree()) */
	KTEST_EXPECT_EQ(t, tree.height, 0u);
	KTEST_EXPECT_EQ(t, radix_tree_nr_nodes, nodes);
}

/* Under fail_slab: -ENOMEM, nothing half-inserted, nothing kept. */
static void test_insert_fails_cleanly(struct ktest *t)
{
	static struct radix_tree_root tree;	/* outlives the frame, for the cleanup */
	unsigned long nodes = radix_tree_nr_nodes, i, inserted = 0, failed = 0;

	INIT_RADIX_TREE(&tree, GFP_KERNEL);
	KTEST_ASSERT_EQ(t, ktest_add_action(t, empty_tree, &tree), 0);

	ktest_fault_attr_set(t, &fail_slab, 3, -1);
	for (i = 0; i < 64; i++) {
		int err = radix_tree_insert(&tree, i * 77777, (void *)(i * 4 + 4));

		if (!err)
			inserted++;
		else if (err == -ENOMEM)
			failed++;
		else
			KTEST_FAIL(t, "radix_tree_insert returned %d", err);
	}
	ktest_fault_attr_set(t, &fail_slab, 0, -1);
	KTEST_EXPECT_GT(t, failed, 0ul);
	KTEST_EXPECT_NULL(t, radix_tree_check(&tree));
	for (i = 0; i < 64; i++) {
		void *item = radix_tree_delete(&tree, i * 77777);

		if (item) {
			KTEST_EXPECT_PTR_EQ(t, item, (void *)(i * 4 + 4));
			inserted--;
		}
	}
	KTEST_EXPECT_EQ(t, inserted, 0ul);
	KTEST_EXPECT_EQ(t, radix_tree_nr_nodes, nodes);
}

static struct ktest_case radix_tree_cases[] = {
	KTEST_CASE(test_pages_under_lock),
	KTEST_CASE(test_insert_fails_cleanly),
	{}
};

static struct ktest_suite radix_tree_suite = {
	.name = "radix_tree",
	.test_cases = radix_tree_cases,
};
ktest_register_suite(radix_tree_suite);
