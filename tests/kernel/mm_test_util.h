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

/*
 * Address spaces (mm_test_util.c). ktest_use_mm(): the test thread runs
 * on a fresh mm until the case ends; tmmap(): do_mmap_pgoff() of
 * anonymous memory in current's mm; ktest_fork_mm(): fork's copy of
 * current's mm given to child (both released at the end); use_mm():
 * switch the test thread to another mm.
 */
struct task_struct;
void use_mm(struct mm_struct *mm);
struct mm_struct *ktest_use_mm(struct ktest *t);
unsigned long tmmap(unsigned long addr, unsigned long len, unsigned long prot,
		    unsigned long flags);
struct mm_struct *ktest_fork_mm(struct ktest *t, struct task_struct *child);

/*
 * A region of npages at addr of mm with vm_flags flags, backed by
 * vm_ops->nopage over NOPAGE_PAGES object pages (nopage_pages[]: zeroed
 * but for the first word, 0xf00 + index; a major fault each; the test's
 * pages, freed when it ends) and SIGBUS past them. NULL on failure.
 */
#define NOPAGE_PAGES	2
extern struct page *nopage_pages[NOPAGE_PAGES];
struct vm_area_struct *ktest_nopage_region(struct ktest *t, struct mm_struct *mm,
					   unsigned long addr, unsigned long npages,
					   unsigned long flags);

#endif
