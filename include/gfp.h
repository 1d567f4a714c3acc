/*
 * The page frame allocator's interface (ULK 8.1.6): request flags
 * (table 8-5 and 8-6) and the allocation and freeing functions.
 */
#ifndef _MNEME_GFP_H
#define _MNEME_GFP_H

#include <types.h>
#include <mm_types.h>
#include <mmzone.h>

typedef unsigned int gfp_t;

/* Zone modifiers: which zone list to use (GFP_ZONEMASK bits). */
#define __GFP_DMA	0x01u	/* only ZONE_DMA */
#define __GFP_HIGHMEM	0x02u	/* ZONE_HIGHMEM preferred, then NORMAL, then DMA */
#define GFP_ZONEMASK	0x03u

/*
 * Action modifiers (Linux 2.6.11's values). There is no page reclaim
 * yet: what __GFP_WAIT, __GFP_IO and __GFP_FS permit for freeing memory
 * is never done, and __GFP_REPEAT and __GFP_NORETRY, which choose how
 * often reclaim is tried, change nothing -- every request but a
 * __GFP_NOFAIL one tries the zones once (and the minimum watermark
 * after draining the per-CPU lists), then fails. ULK's __GFP_COMP is
 * absent: there are no compound pages (see page-flags.h).
 */
#define __GFP_WAIT	0x10u	/* may sleep (might_sleep() checks); without: a quarter
				   more of the pages_min reserve */
#define __GFP_HIGH	0x20u	/* may use half of the pages_min reserve */
#define __GFP_IO	0x40u	/* may start I/O to free memory (once there is reclaim) */
#define __GFP_FS	0x80u	/* may call into filesystems to free memory (likewise) */
#define __GFP_COLD	0x100u	/* a cache-cold page will do: the per-CPU cold list */
#define __GFP_NOWARN	0x200u	/* no warning on failure */
#define __GFP_REPEAT	0x400u	/* retry reclaim, but may fail (no reclaim: no effect) */
#define __GFP_NOFAIL	0x800u	/* never fail: wait for freed pages and retry */
#define __GFP_NORETRY	0x1000u	/* do not retry reclaim (no reclaim: no effect) */
#define __GFP_ZERO	0x8000u	/* zero the pages */
#define __GFP_NOMEMALLOC 0x10000u /* no emergency reserves (no PF_MEMALLOC yet: no effect) */
#define __GFP_NOFAULT	0x20000u /* exempt from fault injection (Mneme) */

#define GFP_ATOMIC	(__GFP_HIGH)
#define GFP_NOIO	(__GFP_WAIT)
#define GFP_NOFS	(__GFP_WAIT | __GFP_IO)
#define GFP_KERNEL	(__GFP_WAIT | __GFP_IO | __GFP_FS)
#define GFP_USER	(__GFP_WAIT | __GFP_IO | __GFP_FS)
#define GFP_HIGHUSER	(__GFP_WAIT | __GFP_IO | __GFP_FS | __GFP_HIGHMEM)
#define GFP_DMA		__GFP_DMA

/* The zone an allocation "belongs to" (classzone): its first-choice zone. */
static inline enum zone_type gfp_zone(gfp_t flags)
{
	if (flags & __GFP_DMA)
		return ZONE_DMA;
	if (flags & __GFP_HIGHMEM)
		return ZONE_HIGHMEM;
	return ZONE_NORMAL;
}

struct page * fastcall __alloc_pages(gfp_t gfp_mask, unsigned int order, struct zonelist *zonelist);

static inline struct page *alloc_pages(gfp_t gfp_mask, unsigned int order)
{
	if (order >= MAX_ORDER)
		return NULL;
	return __alloc_pages(gfp_mask, order,
			     NODE_DATA(0)->node_zonelists + (gfp_mask & GFP_ZONEMASK));
}
#define alloc_page(gfp_mask)	alloc_pages(gfp_mask, 0)

/* The linear address of 2^order low-memory pages, or 0. */
unsigned long fastcall __get_free_pages(gfp_t gfp_mask, unsigned int order);
unsigned long fastcall get_zeroed_page(gfp_t gfp_mask);
#define __get_free_page(gfp_mask)	__get_free_pages(gfp_mask, 0)
#define __get_dma_pages(gfp_mask, order) __get_free_pages((gfp_mask) | GFP_DMA, order)

void fastcall __free_pages(struct page *page, unsigned int order);
void fastcall free_pages(unsigned long addr, unsigned int order);
#define __free_page(page)	__free_pages(page, 0)
#define free_page(addr)		free_pages(addr, 0)

void fastcall free_hot_page(struct page *page);
void fastcall free_cold_page(struct page *page);

/* Give this CPU's per-CPU lists back to the buddy system. */
void drain_local_pages(void);

#endif
