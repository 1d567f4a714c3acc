/*
 * The radix tree (Linux 2.6's lib/radix-tree.c, ULK 15.1.1): a map from
 * an unsigned long index to a pointer, used by the page cache to find
 * the page at a given offset of a file (address_space->page_tree).
 *
 * Each node holds RADIX_TREE_MAP_SIZE (64) slots; a tree of height h
 * indexes 6*h bits, so a 32-bit index needs at most 6 levels:
 *
 *   index  = | 2 bits | 6 bits | 6 bits | 6 bits | 6 bits | 6 bits |
 *   height =     6        5        4        3        2        1
 *
 * The root holds its height and the top node; the tree grows at the top
 * when an index beyond radix_tree_maxindex(height) is inserted, and
 * shrinks back as items are deleted (a node whose count reaches 0 is
 * freed, and a top node with only slot 0 used is replaced by its child).
 *
 * Nodes come from a slab cache (radix_tree_node_cachep). Callers that
 * insert under a spinlock first call radix_tree_preload(), which fills a
 * per-CPU reserve with enough nodes for one insertion (RADIX_TREE_MAX_PATH)
 * while sleeping is still allowed; radix_tree_preload_end() gives back
 * whatever the insertion did not use, so no node outlives the caller.
 *
 * Locking is the caller's (the page cache's tree_lock).
 */
#ifndef _MNEME_RADIX_TREE_H
#define _MNEME_RADIX_TREE_H

#include <types.h>
#include <gfp.h>

#define RADIX_TREE_MAP_SHIFT	6
#define RADIX_TREE_MAP_SIZE	(1UL << RADIX_TREE_MAP_SHIFT)
#define RADIX_TREE_MAP_MASK	(RADIX_TREE_MAP_SIZE - 1)
#define RADIX_TREE_INDEX_BITS	(8 * sizeof(unsigned long))
#define RADIX_TREE_MAX_PATH	((RADIX_TREE_INDEX_BITS + RADIX_TREE_MAP_SHIFT - 1) / \
				 RADIX_TREE_MAP_SHIFT)

struct radix_tree_node {
	unsigned int count;		/* slots in use */
	void *slots[RADIX_TREE_MAP_SIZE];
};

struct radix_tree_root {
	unsigned int height;		/* 0: empty */
	gfp_t gfp_mask;			/* for the nodes */
	struct radix_tree_node *rnode;	/* top node, NULL when empty */
};

#define RADIX_TREE_INIT(mask)	{ .height = 0, .gfp_mask = (mask), .rnode = NULL }
#define RADIX_TREE(name, mask)	struct radix_tree_root name = RADIX_TREE_INIT(mask)
#define INIT_RADIX_TREE(root, mask)					\
	do {								\
		(root)->height = 0;					\
		(root)->gfp_mask = (mask);				\
		(root)->rnode = NULL;					\
	} while (0)

void radix_tree_init(void);
/* 0, -EEXIST (the slot is taken), -ENOMEM; item must not be NULL (-EINVAL). */
int radix_tree_insert(struct radix_tree_root *root, unsigned long index, void *item);
void *radix_tree_lookup(struct radix_tree_root *root, unsigned long index);
void **radix_tree_lookup_slot(struct radix_tree_root *root, unsigned long index);
/* The item removed, or NULL if there was none. */
void *radix_tree_delete(struct radix_tree_root *root, unsigned long index);
/* Up to max_items items at indices >= first_index, in index order; their number. */
unsigned int radix_tree_gang_lookup(struct radix_tree_root *root, void **results,
				    unsigned long first_index, unsigned int max_items);
/* 0 with the reserve full (and preemption off), or -ENOMEM. */
int radix_tree_preload(gfp_t gfp_mask);
void radix_tree_preload_end(void);
/* The largest index a tree of this height holds. */
unsigned long radix_tree_maxindex(unsigned int height);
/* Nodes allocated and not freed (the tests' leak count). */
extern unsigned long radix_tree_nr_nodes;
/* Whole-tree check: counts, heights, no empty node; NULL or a message. */
const char *radix_tree_check(struct radix_tree_root *root);
unsigned long radix_tree_nr_tree_nodes(struct radix_tree_root *root);

#endif
