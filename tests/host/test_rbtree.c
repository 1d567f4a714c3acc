/*
 * kernel/rbtree.c: insertions in order, in reverse and at random,
 * removals of leaves, inner nodes and the root, rb_replace_node, the
 * walks, and rb_check() catching broken trees -- every tree compared
 * with tests/host/rbtree_ref.h's sorted array after each step.
 */
#include <stdlib.h>
#include "harness.h"
#include "rbtree_ref.h"

#define N 600

static struct rb_key keys[N];
static struct rbref ref;

static void reset(void)
{
	memset(keys, 0, sizeof(keys));
	memset(&ref, 0, sizeof(ref));
	ref.root = RB_ROOT;
}

static void check(void)
{
	const char *err = rbref_check(&ref);

	if (err)
		ht_fail(__FILE__, __LINE__, 1, "%s (n=%d)", err, ref.n);
}

TEST(empty_tree)
{
	reset();
	EXPECT_NULL(rb_first(&ref.root));
	EXPECT_NULL(rb_last(&ref.root));
	EXPECT_TRUE(RB_EMPTY_ROOT(&ref.root));
	check();
}

TEST(ascending_then_descending_removal)
{
	int i;

	reset();
	for (i = 0; i < N; i++) {
		keys[i].key = i;
		rbref_insert(&ref, &keys[i]);
		check();
	}
	for (i = N - 1; i >= 0; i--) {
		rbref_erase(&ref, &keys[i]);
		check();
	}
	EXPECT_TRUE(RB_EMPTY_ROOT(&ref.root));
}

TEST(descending_then_root_removal)
{
	int i;

	reset();
	for (i = 0; i < N; i++) {
		keys[i].key = N - i;
		rbref_insert(&ref, &keys[i]);
	}
	check();
	while (ref.n) {
		rbref_erase(&ref, rb_entry(ref.root.rb_node, struct rb_key, node));
		check();
	}
}

TEST(random_with_duplicates)
{
	int round, i;

	for (round = 0; round < 20; round++) {
		reset();
		for (i = 0; i < N; i++) {
			keys[i].key = (int)ht_rand_below(N / 4);
			rbref_insert(&ref, &keys[i]);
		}
		check();
		for (i = 0; i < N * 3; i++) {
			struct rb_key *k = &keys[ht_rand_below(N)];

			if (k->live)
				rbref_erase(&ref, k);
			else
				rbref_insert(&ref, k);
			if (i % 16 == 0)
				check();
		}
		check();
	}
}

TEST(replace_node_keeps_shape)
{
	struct rb_key spare = { .key = 0 };
	int i;

	reset();
	for (i = 0; i < 31; i++) {
		keys[i].key = i * 2;
		rbref_insert(&ref, &keys[i]);
	}
	for (i = 0; i < 31; i++) {
		struct rb_key *victim = &keys[i];

		spare.key = victim->key;
		rb_replace_node(&victim->node, &spare.node, &ref.root);
		check();
		/* and back, so the next round replaces a node of keys[] again */
		rb_replace_node(&spare.node, &victim->node, &ref.root);
		check();
	}
}

TEST(next_prev_at_ends)
{
	reset();
	keys[0].key = 5;
	keys[1].key = 7;
	rbref_insert(&ref, &keys[0]);
	rbref_insert(&ref, &keys[1]);
	EXPECT_PTR_EQ(rb_first(&ref.root), &keys[0].node);
	EXPECT_PTR_EQ(rb_last(&ref.root), &keys[1].node);
	EXPECT_NULL(rb_prev(&keys[0].node));
	EXPECT_NULL(rb_next(&keys[1].node));
	RB_CLEAR_NODE(&keys[2].node);
	EXPECT_TRUE(RB_EMPTY_NODE(&keys[2].node));
	EXPECT_NULL(rb_next(&keys[2].node));
}

TEST(check_catches_broken_trees)
{
	int i;

	reset();
	for (i = 0; i < 15; i++) {
		keys[i].key = i;
		rbref_insert(&ref, &keys[i]);
	}
	check();
	/* a red root */
	ref.root.rb_node->__rb_parent_color &= ~1UL;
	EXPECT_STREQ(rb_check(&ref.root, NULL, NULL), "the root is red");
	ref.root.rb_node->__rb_parent_color |= 1;
	/* a black leaf turned red under a red parent, or paths of unequal black height */
	for (i = 0; i < 15; i++) {
		unsigned long saved = keys[i].node.__rb_parent_color;

		keys[i].node.__rb_parent_color ^= 1;
		if (&keys[i].node != ref.root.rb_node)
			EXPECT_NOT_NULL(rb_check(&ref.root, NULL, NULL));
		keys[i].node.__rb_parent_color = saved;
	}
	/* a wrong parent pointer */
	{
		struct rb_node *leaf = rb_first(&ref.root);
		unsigned long saved = leaf->__rb_parent_color;

		leaf->__rb_parent_color = (unsigned long)ref.root.rb_node | rb_color(leaf);
		EXPECT_STREQ(rb_check(&ref.root, NULL, NULL), "a node's parent pointer is wrong");
		leaf->__rb_parent_color = saved;
	}
	check();
}
