/*
 * kernel/rbtree.c in the kernel build (the host tests and fuzzer check
 * the same file compiled for the host): a few hundred nodes from
 * kmalloc inserted and erased in a pseudo-random order, rb_check() and
 * both walks after every step.
 */
#include <kernel.h>
#include <rbtree.h>
#include <string.h>
#include <slab.h>
#include <ktest.h>

#define NR 300

struct knode {
	struct rb_node rb;
	unsigned int key;
	bool live;
};

static void insert(struct rb_root *root, struct knode *k)
{
	struct rb_node **p = &root->rb_node, *parent = NULL;

	while (*p) {
		parent = *p;
		p = k->key < rb_entry(parent, struct knode, rb)->key ?
			&parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&k->rb, parent, p);
	rb_insert_color(&k->rb, root);
	k->live = true;
}

/* rb_check(), then the walk: sorted, and as many nodes as live. */
static bool tree_ok(struct ktest *t, struct rb_root *root, unsigned long live)
{
	struct rb_node *n, *prev = NULL;
	unsigned long count = 0, nodes;
	const char *err = rb_check(root, &nodes, NULL);

	if (err) {
		KTEST_FAIL(t, "rb_check: %s", err);
		return false;
	}
	for (n = rb_first(root); n; prev = n, n = rb_next(n), count++)
		if (prev && rb_entry(prev, struct knode, rb)->key > rb_entry(n, struct knode, rb)->key) {
			KTEST_FAIL(t, "walk out of order");
			return false;
		}
	if (prev != rb_last(root) || count != live || nodes != live) {
		KTEST_FAIL(t, "walk saw %lu nodes, rb_check %lu, %lu live", count, nodes, live);
		return false;
	}
	return true;
}

static void test_rbtree_random_ops(struct ktest *t)
{
	struct rb_root root = RB_ROOT;
	struct knode *nodes = ktest_kmalloc(t, NR * sizeof(*nodes), GFP_KERNEL);
	unsigned long live = 0, seed = 12345;
	unsigned int i, step;

	KTEST_ASSERT_NOT_NULL(t, nodes);
	memset(nodes, 0, NR * sizeof(*nodes));
	for (step = 0; step < 3 * NR; step++) {
		struct knode *k;

		seed = seed * 1103515245 + 12345;
		k = &nodes[(seed >> 8) % NR];
		if (k->live) {
			rb_erase(&k->rb, &root);
			k->live = false;
			live--;
		} else {
			k->key = (seed >> 4) % 1000;
			insert(&root, k);
			live++;
		}
		if (!tree_ok(t, &root, live))
			return;
	}
	for (i = 0; i < NR; i++)
		if (nodes[i].live) {
			rb_erase(&nodes[i].rb, &root);
			live--;
		}
	KTEST_EXPECT_TRUE(t, tree_ok(t, &root, live));
	KTEST_EXPECT_TRUE(t, RB_EMPTY_ROOT(&root));
}

static struct ktest_case rbtree_cases[] = {
	KTEST_CASE(test_rbtree_random_ops),
	{}
};

static struct ktest_suite rbtree_suite = {
	.name = "rbtree",
	.test_cases = rbtree_cases,
};
ktest_register_suite(rbtree_suite);
