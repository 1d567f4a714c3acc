/*
 * Red-black trees (Linux's lib/rbtree.c interface; ULK 9.3.2 uses one
 * for each process's memory regions).
 *
 * A red-black tree is a binary search tree whose nodes are red or black:
 *
 *   1. the root is black;
 *   2. a red node has no red child;
 *   3. every path from a node down to an empty leaf crosses the same
 *      number of black nodes.
 *
 * So the longest path is at most twice the shortest, and a tree of n
 * nodes is at most 2 log2(n + 1) deep: lookup, insertion and removal
 * are O(log n).
 *
 * The tree is intrusive and does not compare keys itself: the user
 * searches, links the new node where the search ended (rb_link_node),
 * then lets rb_insert_color() recolour and rotate:
 *
 *     struct rb_node **p = &root->rb_node, *parent = NULL;
 *     while (*p) {
 *             parent = *p;
 *             p = key < rb_entry(parent, T, node)->key ?
 *                     &parent->rb_left : &parent->rb_right;
 *     }
 *     rb_link_node(&new->node, parent, p);
 *     rb_insert_color(&new->node, root);
 *
 * The parent pointer and the colour share one word (nodes are at least
 * 4-byte aligned, so bit 0 is free): __rb_parent_color.
 */
#ifndef _MNEME_RBTREE_H
#define _MNEME_RBTREE_H

#include <types.h>

struct rb_node {
	unsigned long __rb_parent_color;	/* parent | colour (bit 0) */
	struct rb_node *rb_right;
	struct rb_node *rb_left;
} __attribute__((aligned(sizeof(long))));

struct rb_root {
	struct rb_node *rb_node;
};

#define RB_RED		0
#define RB_BLACK	1

#define RB_ROOT		((struct rb_root){ NULL })
#define rb_entry(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#define rb_parent(r)	((struct rb_node *)((r)->__rb_parent_color & ~3UL))
#define rb_color(r)	((r)->__rb_parent_color & 1)
#define rb_is_red(r)	(!rb_color(r))
#define rb_is_black(r)	rb_color(r)

#define RB_EMPTY_ROOT(root)	((root)->rb_node == NULL)
/* A node on no tree points to itself (RB_CLEAR_NODE). */
#define RB_EMPTY_NODE(node)	((node)->__rb_parent_color == (unsigned long)(node))
#define RB_CLEAR_NODE(node)	((node)->__rb_parent_color = (unsigned long)(node))

static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
				struct rb_node **rb_link)
{
	node->__rb_parent_color = (unsigned long)parent;	/* red */
	node->rb_left = node->rb_right = NULL;
	*rb_link = node;
}

void rb_insert_color(struct rb_node *node, struct rb_root *root);
void rb_erase(struct rb_node *node, struct rb_root *root);

/* In-order walk: NULL past either end. */
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);

/* victim's place (colour, parent, children) to new, which must sort the same. */
void rb_replace_node(struct rb_node *victim, struct rb_node *new, struct rb_root *root);

/*
 * The whole tree against the three rules above and its parent links:
 * NULL if it is a valid red-black tree, else what is wrong. *nodes and
 * *black_height (either may be NULL) receive the node count and the
 * number of black nodes on every root-to-leaf path.
 */
const char *rb_check(const struct rb_root *root, unsigned long *nodes, int *black_height);

#endif
