/*
 * The radix tree (kernel/radix-tree.c) on the host, against the sorted
 * array of radix_tree_host.h: growth and shrinking at the top, indices at
 * every level's boundaries and at ~0UL, -EEXIST and -EINVAL, gang lookups
 * across empty subtrees, the preload reserve, and allocation failures
 * (fail_slab) leaving the tree as it was. Every node comes back.
 */
#include "harness.h"
#include "slab_host.h"
#include "radix_tree_host.h"

/* The 64 MB machine of test_slab (slab_64M.h's layout). */
static const struct pa_layout machine = {
	.name = "radix-64M",
	.zones_size = { 0x1000, 0x2c00, 0x400 },
	.holes = { { 0x9f, 0x100 } },
	.reserved = { { 0, 1 }, { 0x100, 0x180 } },
};

#ifndef ASSERT_NULL
#define ASSERT_NULL(a)	HT_PTR(1, a, ==, NULL)
#endif
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

static struct rt_model model;

static void rt_start(struct radix_tree_root *root)
{
	rt_boot(&machine);
	host_printk_clear();
	INIT_RADIX_TREE(root, GFP_KERNEL);
	model.nr = 0;
}

static int rt_add(struct radix_tree_root *root, unsigned long index)
{
	int err = radix_tree_insert(root, index, rt_item(index));

	if (!err)
		rt_model_insert(&model, index);
	return err;
}

static void rt_del(struct radix_tree_root *root, unsigned long index)
{
	void *item = radix_tree_delete(root, index);

	if (rt_model_has(&model, index)) {
		EXPECT_PTR_EQ(item, rt_item(index));
		rt_model_delete(&model, index);
	} else {
		EXPECT_NULL(item);
	}
}

static void rt_empty(struct radix_tree_root *root)
{
	while (model.nr)
		rt_del(root, model.index[model.nr - 1]);
	EXPECT_EQ(root->height, 0u);
	EXPECT_NULL(root->rnode);
	EXPECT_EQ(radix_tree_nr_nodes, 0ul);
}

TEST(maxindex_per_height)
{
	EXPECT_EQ(radix_tree_maxindex(0), 0ul);
	EXPECT_EQ(radix_tree_maxindex(1), 63ul);
	EXPECT_EQ(radix_tree_maxindex(2), 4095ul);
	EXPECT_EQ(radix_tree_maxindex(5), (1ul << 30) - 1);
	EXPECT_EQ(radix_tree_maxindex(RADIX_TREE_MAX_PATH), ~0ul);
	EXPECT_EQ(radix_tree_maxindex(RADIX_TREE_MAX_PATH - 1) >> (RADIX_TREE_MAX_PATH - 1) * 6, 0ul);
	/* 6 levels on i386 (32-bit index), 11 on a 64-bit host. */
	EXPECT_EQ(RADIX_TREE_MAX_PATH, (8 * sizeof(long) + 5) / 6);
}

/* The height follows the largest index; deleting it shrinks the tree back. */
TEST(grows_and_shrinks_at_the_top)
{
	struct radix_tree_root root;

	rt_start(&root);
	ASSERT_EQ(rt_add(&root, 0), 0);
	EXPECT_EQ(root.height, 1u);
	EXPECT_EQ(radix_tree_nr_nodes, 1ul);
	ASSERT_EQ(rt_add(&root, 64), 0);
	EXPECT_EQ(root.height, 2u);
	ASSERT_EQ(rt_add(&root, 1ul << 30), 0);
	EXPECT_EQ(root.height, 6u);
	EXPECT_NULL(rt_check(&root, &model));
	rt_del(&root, 1ul << 30);
	EXPECT_EQ(root.height, 2u);
	rt_del(&root, 64);
	EXPECT_EQ(root.height, 1u);
	EXPECT_EQ(radix_tree_nr_nodes, 1ul);
	EXPECT_NULL(rt_check(&root, &model));
	rt_empty(&root);
	SH_END();
}

TEST(level_boundaries_and_the_last_index)
{
	static const unsigned long idx[] = {
		0, 1, 62, 63, 64, 65, 4095, 4096, 262143, 262144, (1ul << 24) - 1, 1ul << 24,
		(1ul << 30) - 1, 1ul << 30, ~0ul - 1, ~0ul,
	};
	struct radix_tree_root root;
	unsigned int i;

	rt_start(&root);
	for (i = 0; i < ARRAY_SIZE(idx); i++) {
		ASSERT_EQ(rt_add(&root, idx[i]), 0);
		ASSERT_NULL(rt_check(&root, &model));
	}
	for (i = 0; i < ARRAY_SIZE(idx); i += 2) {
		rt_del(&root, idx[i]);
		ASSERT_NULL(rt_check(&root, &model));
	}
	rt_empty(&root);
	SH_END();
}

TEST(exists_and_null_item)
{
	struct radix_tree_root root;

	rt_start(&root);
	ASSERT_EQ(rt_add(&root, 5), 0);
	EXPECT_EQ(radix_tree_insert(&root, 5, rt_item(6)), -EEXIST);
	EXPECT_PTR_EQ(radix_tree_lookup(&root, 5), rt_item(5));
	EXPECT_EQ(radix_tree_insert(&root, 7, NULL), -EINVAL);
	EXPECT_NULL(radix_tree_lookup(&root, 7));
	EXPECT_NULL(radix_tree_delete(&root, 7));
	EXPECT_NULL(radix_tree_delete(&root, 1ul << 20));	/* beyond the height */
	EXPECT_NULL(radix_tree_lookup(&root, ~0ul));
	EXPECT_PTR_EQ(radix_tree_lookup_slot(&root, 5)[0], rt_item(5));
	EXPECT_NULL(rt_check(&root, &model));
	rt_empty(&root);
	SH_END();
}

/* Gang lookups skip empty subtrees and stop at max_items, in index order. */
TEST(gang_lookup_sparse)
{
	struct radix_tree_root root;
	void *res[4];
	unsigned long i;

	rt_start(&root);
	for (i = 0; i < 40; i++)
		ASSERT_EQ(rt_add(&root, i * i * i * 977), 0);
	ASSERT_NULL(rt_check(&root, &model));
	for (i = 0; i < model.nr; i++) {
		ASSERT_NULL(rt_check_gang(&root, &model, model.index[i], 4));
		ASSERT_NULL(rt_check_gang(&root, &model, model.index[i] + 1, 1));
	}
	EXPECT_EQ(radix_tree_gang_lookup(&root, res, model.index[model.nr - 1] + 1, 4), 0u);
	EXPECT_EQ(radix_tree_gang_lookup(&root, res, 0, 0), 0u);
	rt_empty(&root);
	EXPECT_EQ(radix_tree_gang_lookup(&root, res, 0, 4), 0u);
	SH_END();
}

/* Preload: the reserve serves an insertion whose own allocations fail, and nothing stays. */
TEST(preload_reserve)
{
	struct radix_tree_root root;

	rt_start(&root);
	INIT_RADIX_TREE(&root, GFP_ATOMIC);
	ASSERT_EQ(radix_tree_preload(GFP_KERNEL), 0);
	EXPECT_EQ(radix_tree_nr_nodes, (unsigned long)RADIX_TREE_MAX_PATH);
	fault_attr_set(&fail_slab, 1, -1);	/* every slab allocation fails */
	EXPECT_EQ(rt_add(&root, ~0ul), 0);	/* every level, all from the reserve */
	fault_attr_set(&fail_slab, 0, -1);
	radix_tree_preload_end();
	EXPECT_EQ(radix_tree_nr_nodes, (unsigned long)RADIX_TREE_MAX_PATH);
	EXPECT_NULL(rt_check(&root, &model));
	/* Preloading under failure reports it and holds nothing. */
	fault_attr_set(&fail_slab, 1, -1);
	EXPECT_EQ(radix_tree_preload(GFP_KERNEL), -ENOMEM);
	fault_attr_set(&fail_slab, 0, -1);
	EXPECT_EQ(radix_tree_nr_nodes, (unsigned long)RADIX_TREE_MAX_PATH);
	rt_empty(&root);
	SH_END();
}

/* Allocation failures at every step: -ENOMEM, the tree consistent, what was inserted still there. */
TEST(insert_under_fail_slab)
{
	struct radix_tree_root root;
	unsigned int n, i, fails = 0;

	rt_start(&root);
	for (n = 2; n < 6; n++) {
		fault_attr_set(&fail_slab, n, -1);
		for (i = 0; i < 200; i++) {
			unsigned long idx = (unsigned long)ht_rand() * 2654435761u;

			if (rt_model_has(&model, idx))
				continue;
			if (rt_add(&root, idx) == -ENOMEM)
				fails++;
		}
		fault_attr_set(&fail_slab, 0, -1);
		ASSERT_NULL(rt_check(&root, &model));
	}
	EXPECT_GT(fails, 0u);
	rt_empty(&root);
	SH_END();
}

/* Random operations against the model. */
TEST(random_against_model)
{
	struct radix_tree_root root;
	unsigned int i;

	rt_start(&root);
	for (i = 0; i < 20000; i++) {
		unsigned long r = ht_rand(), idx;

		switch (r % 4) {
		case 0: idx = r >> 8 & 0xff; break;
		case 1: idx = r >> 4; break;
		case 2: idx = (unsigned long)ht_rand() << 16 ^ ht_rand(); break;
		default: idx = model.nr ? model.index[(r >> 3) % model.nr] : 0; break;
		}
		if ((r >> 2 & 3) && model.nr < RT_MAX_ITEMS - 1) {
			int err = rt_add(&root, idx);

			ASSERT_TRUE(err == 0 || (err == -EEXIST && rt_model_has(&model, idx)));
		} else {
			rt_del(&root, idx);
		}
		if (i % 500 == 0)
			ASSERT_NULL(rt_check(&root, &model));
	}
	ASSERT_NULL(rt_check(&root, &model));
	rt_empty(&root);
	SH_END();
}
