/*
 * The radix tree (include/radix-tree.h; Linux 2.6.11's lib/radix-tree.c,
 * ULK 15.1.1 "The Radix Tree"). Lookups walk from the top node down,
 * taking RADIX_TREE_MAP_SHIFT bits of the index per level, most
 * significant first:
 *
 *   slot at level h = (index >> ((h - 1) * RADIX_TREE_MAP_SHIFT)) & MAP_MASK
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <slab.h>
#include <bug.h>
#include <preempt.h>
#include <radix-tree.h>

static kmem_cache_t *radix_tree_node_cachep;
unsigned long radix_tree_nr_nodes;

/* The per-CPU reserve radix_tree_preload() fills (NR_CPUS is 1). */
static struct radix_tree_preload {
	int nr;
	struct radix_tree_node *nodes[RADIX_TREE_MAX_PATH];
} radix_tree_preloads;

unsigned long radix_tree_maxindex(unsigned int height)
{
	unsigned int bits = height * RADIX_TREE_MAP_SHIFT;

	if (bits >= RADIX_TREE_INDEX_BITS)
		return ~0UL;
	return (1UL << bits) - 1;
}

static struct radix_tree_node *radix_tree_node_alloc(struct radix_tree_root *root)
{
	struct radix_tree_node *node = kmem_cache_alloc(radix_tree_node_cachep, root->gfp_mask);

	if (!node && radix_tree_preloads.nr) {
		/* The reserve: only a preloaded caller finds anything here. */
		node = radix_tree_preloads.nodes[--radix_tree_preloads.nr];
		radix_tree_preloads.nodes[radix_tree_preloads.nr] = NULL;
		radix_tree_nr_nodes--;	/* counted again below */
	}
	if (node) {
		memset(node, 0, sizeof(*node));
		radix_tree_nr_nodes++;
	}
	return node;
}

static void radix_tree_node_free(struct radix_tree_node *node)
{
	radix_tree_nr_nodes--;
	kmem_cache_free(radix_tree_node_cachep, node);
}

/*
 * Fill the reserve with enough nodes for one insertion into the deepest
 * tree, while the caller may still sleep. On success preemption is off
 * until radix_tree_preload_end() (as Linux: the reserve is per CPU).
 */
int radix_tree_preload(gfp_t gfp_mask)
{
	struct radix_tree_preload *rtp = &radix_tree_preloads;

	while (rtp->nr < (int)ARRAY_SIZE(rtp->nodes)) {
		struct radix_tree_node *node = kmem_cache_alloc(radix_tree_node_cachep, gfp_mask);

		if (!node) {
			while (rtp->nr) {
				radix_tree_node_free(rtp->nodes[--rtp->nr]);
				rtp->nodes[rtp->nr] = NULL;
			}
			return -ENOMEM;
		}
		radix_tree_nr_nodes++;
		rtp->nodes[rtp->nr++] = node;
	}
	preempt_disable();
	return 0;
}

/*
 * The end of a preloaded section: what the insertion did not use goes
 * back to the slab cache, so the reserve never holds memory between
 * callers (every test's leak check sees the nodes come back).
 */
void radix_tree_preload_end(void)
{
	struct radix_tree_preload *rtp = &radix_tree_preloads;

	while (rtp->nr) {
		radix_tree_node_free(rtp->nodes[--rtp->nr]);
		rtp->nodes[rtp->nr] = NULL;
	}
	preempt_enable();
}

/* Grow the tree at the top until it can hold index. */
static int radix_tree_extend(struct radix_tree_root *root, unsigned long index)
{
	unsigned int height = root->height + 1;

	while (index > radix_tree_maxindex(height))
		height++;
	if (!root->rnode) {
		root->height = height;
		return 0;
	}
	do {
		struct radix_tree_node *node = radix_tree_node_alloc(root);

		if (!node)
			return -ENOMEM;
		/* The old top node becomes slot 0 of the new one. */
		node->slots[0] = root->rnode;
		node->count = 1;
		root->rnode = node;
		root->height++;
	} while (height > root->height);
	return 0;
}

/* While the top node has only its slot 0 in use, its child replaces it. */
static void radix_tree_shrink(struct radix_tree_root *root)
{
	while (root->height > 1 && root->rnode->count == 1 && root->rnode->slots[0]) {
		struct radix_tree_node *to_free = root->rnode;

		root->rnode = to_free->slots[0];
		root->height--;
		radix_tree_node_free(to_free);
	}
}

/*
 * A failed insertion leaves the tree as it found it (Linux 2.6.11 left
 * empty nodes behind): the nodes this call linked in are unlinked and
 * freed, and levels added at the top are taken off again.
 */
static void radix_tree_undo_insert(struct radix_tree_root *root, struct radix_tree_node **new_nodes,
				   unsigned int nr_new, struct radix_tree_node *parent,
				   unsigned int offset)
{
	if (nr_new) {
		if (parent) {
			parent->slots[offset] = NULL;
			parent->count--;
		} else {
			root->rnode = NULL;
		}
		while (nr_new)
			radix_tree_node_free(new_nodes[--nr_new]);
	}
	if (!root->rnode)
		root->height = 0;
	else
		radix_tree_shrink(root);
}

int radix_tree_insert(struct radix_tree_root *root, unsigned long index, void *item)
{
	struct radix_tree_node *node = NULL, *slot, *new_nodes[RADIX_TREE_MAX_PATH];
	struct radix_tree_node *first_parent = NULL;
	unsigned int height, shift, offset = 0, first_offset = 0, nr_new = 0;
	int error;

	if (!item)
		return -EINVAL;
	if (!root->height || index > radix_tree_maxindex(root->height)) {
		error = radix_tree_extend(root, index);
		if (error) {
			radix_tree_undo_insert(root, NULL, 0, NULL, 0);
			return error;
		}
	}
	slot = root->rnode;
	height = root->height;
	shift = (height - 1) * RADIX_TREE_MAP_SHIFT;
	while (height > 0) {
		if (!slot) {
			/* A missing node on the way down. */
			slot = radix_tree_node_alloc(root);
			if (!slot) {
				radix_tree_undo_insert(root, new_nodes, nr_new, first_parent,
						       first_offset);
				return -ENOMEM;
			}
			if (!nr_new) {
				first_parent = node;
				first_offset = offset;
			}
			new_nodes[nr_new++] = slot;
			if (node) {
				node->slots[offset] = slot;
				node->count++;
			} else {
				root->rnode = slot;
			}
		}
		offset = (index >> shift) & RADIX_TREE_MAP_MASK;
		node = slot;
		slot = node->slots[offset];
		shift -= RADIX_TREE_MAP_SHIFT;
		height--;
	}
	if (slot)
		return -EEXIST;
	BUG_ON(!node);
	node->count++;
	node->slots[offset] = item;
	return 0;
}

void **radix_tree_lookup_slot(struct radix_tree_root *root, unsigned long index)
{
	unsigned int height = root->height, shift;
	struct radix_tree_node **slot;

	if (!height || index > radix_tree_maxindex(height))
		return NULL;
	shift = (height - 1) * RADIX_TREE_MAP_SHIFT;
	slot = &root->rnode;
	while (height > 0) {
		if (!*slot)
			return NULL;
		slot = (struct radix_tree_node **)((*slot)->slots +
						   ((index >> shift) & RADIX_TREE_MAP_MASK));
		shift -= RADIX_TREE_MAP_SHIFT;
		height--;
	}
	return (void **)slot;
}

void *radix_tree_lookup(struct radix_tree_root *root, unsigned long index)
{
	void **slot = radix_tree_lookup_slot(root, index);

	return slot ? *slot : NULL;
}

void *radix_tree_delete(struct radix_tree_root *root, unsigned long index)
{
	struct {
		struct radix_tree_node *node;
		unsigned int offset;
	} path[RADIX_TREE_MAX_PATH + 1], *pathp = path;
	unsigned int height = root->height, shift;
	struct radix_tree_node *slot;
	void *item;

	if (!height || index > radix_tree_maxindex(height))
		return NULL;
	shift = (height - 1) * RADIX_TREE_MAP_SHIFT;
	pathp->node = NULL;
	slot = root->rnode;
	for (; height > 0; height--) {
		if (!slot)
			return NULL;
		pathp++;
		pathp->offset = (index >> shift) & RADIX_TREE_MAP_MASK;
		pathp->node = slot;
		slot = slot->slots[pathp->offset];
		shift -= RADIX_TREE_MAP_SHIFT;
	}
	item = slot;
	if (!item)
		return NULL;
	/* Clear the slot, then free every node left empty, bottom up. */
	while (pathp->node) {
		pathp->node->slots[pathp->offset] = NULL;
		if (--pathp->node->count) {
			if (pathp->node == root->rnode)
				radix_tree_shrink(root);
			return item;
		}
		radix_tree_node_free(pathp->node);
		pathp--;
	}
	/* The tree is empty. */
	root->rnode = NULL;
	root->height = 0;
	return item;
}

/*
 * One descent (Linux 2.6.11's __lookup()): from index, find the first
 * bottom node holding an item at or after it and take that node's items
 * in order. *next_index is where the next descent starts (0 once the
 * index space wrapped).
 */
static unsigned int __lookup(struct radix_tree_root *root, void **results, unsigned long index,
			     unsigned int max_items, unsigned long *next_index)
{
	unsigned int nr_found = 0, height = root->height;
	unsigned int shift = (height - 1) * RADIX_TREE_MAP_SHIFT;
	struct radix_tree_node *slot = root->rnode;

	while (height > 0) {
		unsigned long i = (index >> shift) & RADIX_TREE_MAP_MASK;

		for (; i < RADIX_TREE_MAP_SIZE; i++) {
			if (slot->slots[i])
				break;
			/* Skip this empty subtree: the first index of the next one. */
			index &= ~((1UL << shift) - 1);
			index += 1UL << shift;
			if (index == 0)
				goto out;	/* wrapped past ~0UL */
		}
		if (i == RADIX_TREE_MAP_SIZE)
			goto out;
		height--;
		if (height == 0) {
			unsigned long j = index & RADIX_TREE_MAP_MASK;

			for (; j < RADIX_TREE_MAP_SIZE; j++) {
				index++;
				if (slot->slots[j]) {
					results[nr_found++] = slot->slots[j];
					if (nr_found == max_items)
						goto out;
				}
			}
			break;
		}
		shift -= RADIX_TREE_MAP_SHIFT;
		slot = slot->slots[i];
	}
out:
	*next_index = index;
	return nr_found;
}

unsigned int radix_tree_gang_lookup(struct radix_tree_root *root, void **results,
				    unsigned long first_index, unsigned int max_items)
{
	const unsigned long max_index = radix_tree_maxindex(root->height);
	unsigned long cur_index = first_index;
	unsigned int ret = 0;

	if (!root->height)
		return 0;
	while (ret < max_items) {
		unsigned long next_index;

		if (cur_index > max_index)
			break;
		ret += __lookup(root, results + ret, cur_index, max_items - ret, &next_index);
		if (next_index == 0 || next_index <= cur_index)
			break;
		cur_index = next_index;
	}
	return ret;
}

static const char *__radix_tree_check(struct radix_tree_node *node, unsigned int height,
				      unsigned long *nodes, unsigned long *items)
{
	unsigned int i, count = 0;

	(*nodes)++;
	for (i = 0; i < RADIX_TREE_MAP_SIZE; i++) {
		if (!node->slots[i])
			continue;
		count++;
		if (height > 1) {
			const char *msg = __radix_tree_check(node->slots[i], height - 1, nodes, items);

			if (msg)
				return msg;
		} else {
			(*items)++;
		}
	}
	if (count != node->count)
		return "a node's count is not its slots in use";
	if (!count)
		return "an empty node was left in the tree";
	return NULL;
}

/* The nodes a tree holds (the leak check after init counts the page cache's). */
unsigned long radix_tree_nr_tree_nodes(struct radix_tree_root *root)
{
	unsigned long nodes = 0, items = 0;

	if (root->height && root->rnode)
		__radix_tree_check(root->rnode, root->height, &nodes, &items);
	return nodes;
}

const char *radix_tree_check(struct radix_tree_root *root)
{
	unsigned long nodes = 0, items = 0;

	if (!root->height)
		return root->rnode ? "an empty tree has a top node" : NULL;
	if (!root->rnode)
		return "a tree of nonzero height has no top node";
	if (root->height > RADIX_TREE_MAX_PATH)
		return "the tree is higher than an index needs";
	return __radix_tree_check(root->rnode, root->height, &nodes, &items);
}

void radix_tree_init(void)
{
	radix_tree_node_cachep = kmem_cache_create("radix_tree_node",
						   sizeof(struct radix_tree_node), 0,
						   SLAB_PANIC, NULL, NULL);
}
