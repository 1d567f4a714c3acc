/*
 * kernel/radix-tree.c on the host, over the slab machine of slab_host.h
 * (its nodes come from the real slab allocator), and a reference model:
 * a sorted array of (index, item) pairs. rt_check() compares the tree
 * with the model (every lookup, a gang lookup from several starts, the
 * tree's own radix_tree_check(), the node count). test_radix_tree and
 * fuzz_radix_tree use it.
 */
#ifndef _HOST_RADIX_TREE_HOST_H
#define _HOST_RADIX_TREE_HOST_H

#include "slab_host.h"
#include "include/radix-tree.h"
#include <errno.h>

#define RT_MAX_ITEMS	4096

struct rt_model {
	unsigned int nr;
	unsigned long index[RT_MAX_ITEMS];
};

/* The item stored at an index: a distinct, odd-free pointer value derived from it. */
static inline void *rt_item(unsigned long index)
{
	return (void *)(((uintptr_t)index << 2) | 0x10000000u | 4u);
}

static inline unsigned int rt_model_find(const struct rt_model *m, unsigned long index)
{
	unsigned int lo = 0, hi = m->nr;

	while (lo < hi) {
		unsigned int mid = (lo + hi) / 2;

		if (m->index[mid] < index)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static inline int rt_model_has(const struct rt_model *m, unsigned long index)
{
	unsigned int i = rt_model_find(m, index);

	return i < m->nr && m->index[i] == index;
}

static inline void rt_model_insert(struct rt_model *m, unsigned long index)
{
	unsigned int i = rt_model_find(m, index);

	memmove(&m->index[i + 1], &m->index[i], (m->nr - i) * sizeof(m->index[0]));
	m->index[i] = index;
	m->nr++;
}

static inline void rt_model_delete(struct rt_model *m, unsigned long index)
{
	unsigned int i = rt_model_find(m, index);

	memmove(&m->index[i], &m->index[i + 1], (m->nr - i - 1) * sizeof(m->index[0]));
	m->nr--;
}

static char rt_msg[256];

/* Gang lookup from first, max at a time, against the model. */
static inline const char *rt_check_gang(struct radix_tree_root *root, const struct rt_model *m,
					unsigned long first, unsigned int max)
{
	static void *results[RT_MAX_ITEMS];
	unsigned int i = rt_model_find(m, first), n, j;

	if (max > RT_MAX_ITEMS)
		max = RT_MAX_ITEMS;
	n = radix_tree_gang_lookup(root, results, first, max);
	if (n != (m->nr - i < max ? m->nr - i : max)) {
		snprintf(rt_msg, sizeof(rt_msg), "gang lookup from %#lx max %u: %u items, model %u",
			 first, max, n, m->nr - i < max ? m->nr - i : max);
		return rt_msg;
	}
	for (j = 0; j < n; j++)
		if (results[j] != rt_item(m->index[i + j])) {
			snprintf(rt_msg, sizeof(rt_msg), "gang lookup from %#lx: item %u is %p, not %#lx's",
				 first, j, results[j], m->index[i + j]);
			return rt_msg;
		}
	return NULL;
}

static inline const char *rt_check(struct radix_tree_root *root, const struct rt_model *m)
{
	const char *err = radix_tree_check(root);
	unsigned int i;

	if (err)
		return err;
	for (i = 0; i < m->nr; i++) {
		unsigned long idx = m->index[i];

		if (radix_tree_lookup(root, idx) != rt_item(idx)) {
			snprintf(rt_msg, sizeof(rt_msg), "lookup(%#lx) is not its item", idx);
			return rt_msg;
		}
		if (!rt_model_has(m, idx + 1) && idx + 1 && radix_tree_lookup(root, idx + 1)) {
			snprintf(rt_msg, sizeof(rt_msg), "lookup(%#lx) found an item never inserted",
				 idx + 1);
			return rt_msg;
		}
	}
	if (!m->nr && (root->height || root->rnode || radix_tree_nr_nodes))
		return "an empty tree still has nodes";
	err = rt_check_gang(root, m, 0, RT_MAX_ITEMS);
	if (!err && m->nr)
		err = rt_check_gang(root, m, m->index[m->nr / 2], 7);
	if (!err && m->nr)
		err = rt_check_gang(root, m, m->index[m->nr - 1] + 1, 3);
	return err;
}

/* Boot the slab machine and the node cache once; the baseline includes the cache. */
static inline void rt_boot(const struct pa_layout *l)
{
	static int done;

	sh_boot(l);
	if (done)
		return;
	done = 1;
	radix_tree_init();
	sh_settle();
	sh.free_pages = nr_free_pages();
	sh.slab_pages = nr_slab_pages;
	sh.nr_caches = sh_nr_caches();
}

#endif
