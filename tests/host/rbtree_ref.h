/*
 * The reference model of include/rbtree.h for test_rbtree and
 * fuzz_rbtree: a sorted array of keys. A tree of struct rb_key nodes
 * keyed by an int (duplicates go right, as the VMA code never makes
 * them but rb_insert_color() must not care) is compared with it by
 * rbref_check(): rb_check()'s three rules, the in-order walk both ways
 * with rb_first/rb_next and rb_last/rb_prev, the node count.
 */
#ifndef _HOST_RBTREE_REF_H
#define _HOST_RBTREE_REF_H

#include <stdio.h>
#include <string.h>
#include "include/rbtree.h"

struct rb_key {
	struct rb_node node;
	int key;
	int live;
};

struct rbref {
	struct rb_root root;
	int keys[1024];		/* sorted */
	int n;
};

static inline void rbref_insert(struct rbref *r, struct rb_key *k)
{
	struct rb_node **p = &r->root.rb_node, *parent = NULL;
	int i;

	while (*p) {
		parent = *p;
		p = k->key < rb_entry(parent, struct rb_key, node)->key ?
			&parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&k->node, parent, p);
	rb_insert_color(&k->node, &r->root);
	k->live = 1;
	for (i = r->n; i > 0 && r->keys[i - 1] > k->key; i--)
		r->keys[i] = r->keys[i - 1];
	r->keys[i] = k->key;
	r->n++;
}

static inline void rbref_erase(struct rbref *r, struct rb_key *k)
{
	int i;

	rb_erase(&k->node, &r->root);
	RB_CLEAR_NODE(&k->node);
	k->live = 0;
	for (i = 0; r->keys[i] != k->key; i++)
		;
	memmove(&r->keys[i], &r->keys[i + 1], (r->n - i - 1) * sizeof(int));
	r->n--;
}

/* NULL if the tree is valid and holds the model's keys in order, else what is wrong. */
static inline const char *rbref_check(const struct rbref *r)
{
	static char why[128];
	const struct rb_node *nd;
	unsigned long nodes;
	const char *err;
	int i, bh;

	err = rb_check(&r->root, &nodes, &bh);
	if (err)
		return err;
	if (nodes != (unsigned long)r->n) {
		snprintf(why, sizeof(why), "%lu nodes, the model has %d", nodes, r->n);
		return why;
	}
	for (i = 0, nd = rb_first(&r->root); nd; nd = rb_next(nd), i++)
		if (i >= r->n || rb_entry(nd, struct rb_key, node)->key != r->keys[i])
			return "rb_first/rb_next walk differs from the model";
	if (i != r->n)
		return "rb_first/rb_next walk stops early";
	for (i = r->n - 1, nd = rb_last(&r->root); nd; nd = rb_prev(nd), i--)
		if (i < 0 || rb_entry(nd, struct rb_key, node)->key != r->keys[i])
			return "rb_last/rb_prev walk differs from the model";
	if (i != -1)
		return "rb_last/rb_prev walk stops early";
	/* Depth bound: 2 * black height covers every path. */
	if (r->n && (1UL << (bh - 1)) - 1 > (unsigned long)r->n)
		return "black height too large for the node count";
	return NULL;
}

#endif
