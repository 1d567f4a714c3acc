/* Helpers shared by the memory-management self-tests. */
#ifndef _TESTS_KERNEL_MM_TEST_UTIL_H
#define _TESTS_KERNEL_MM_TEST_UTIL_H

#include <gfp.h>
#include <ktest.h>
#include <mm.h>

/* Free pages of a zone, per-CPU lists (every order's) included. */
static inline unsigned long zone_free_total(const struct zone *z)
{
	return z->free_pages + zone_pcp_pages(z);
}

static inline struct zone *zone_of(enum zone_type zt)
{
	return &contig_page_data.node_zones[zt];
}

/* The zone a GFP_KERNEL request tries first (Normal, or DMA on a tiny machine). */
static inline struct zone *kernel_zone(void)
{
	return contig_page_data.node_zonelists[0].zones[0];
}

/* Every populated zone passes zone_check(). */
static inline bool all_zones_ok(void)
{
	struct zone *z;
	bool ok = true;

	for_each_zone(z)
		if (populated_zone(z))
			ok &= zone_check(z);
	return ok;
}

/*
 * A zone list holding just one zone, to allocate from it and nowhere
 * else. Its requests prefer that zone: classzone_idx indexes the
 * zone's lowmem_reserve[], so it must be set, never left to the stack.
 */
static inline void single_zonelist(struct zonelist *zl, struct zone *z)
{
	zl->zones[0] = z;
	zl->zones[1] = NULL;
	zl->classzone_idx = zone_idx(z);
}

/* Free a list of blocks linked through page->lru, each of the given order. */
static inline void free_block_list(struct list_head *list, unsigned int order)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, list, lru) {
		list_del(&page->lru);
		__free_pages(page, order);
	}
}

#endif
