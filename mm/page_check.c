/*
 * The buddy allocator's whole-structure checker (the mimalloc habit of
 * a bool-returning validator called from tests and debug assertions).
 */
#include <kernel.h>
#include <mm.h>
#include <spinlock.h>
#include "internal.h"

/*
 * Walk everything the buddy system and the per-CPU lists hold in this
 * zone and check it (the mimalloc-style whole-structure checker):
 * each free block inside the zone, aligned to its order, headed by a
 * page with PG_private, the order and count 0, its other pages count 0
 * without PG_private; no block's buddy free at the same order (it
 * would have merged); nr_free and free_pages matching the lists; each
 * per-CPU list's blocks (single pages, or blocks of its order up to
 * PCP_MAX_ORDER) inside the zone, aligned, every page count 0 without
 * PG_private or PG_head; per-CPU counts matching their lists. Reports
 * the first problem. Every walk is bounded by what the zone could hold (as
 * kmem_cache_check()'s): a corrupted list that loops is reported, not
 * followed forever with interrupts off.
 */
bool zone_check(struct zone *zone)
{
	unsigned long flags, total = 0;
	unsigned int order;
	const char *why = NULL;
	struct page *bad = NULL;
	int i;

	spin_lock_irqsave(&zone->lock, flags);
	for (order = 0; order < MAX_ORDER && !why; order++) {
		struct free_area *area = &zone->free_area[order];
		unsigned long n = 0, most = (zone->spanned_pages >> order) + 1;
		struct page *page;

		list_for_each_entry(page, &area->free_list, lru) {
			unsigned long pfn = page_to_pfn(page), k;

			bad = page;
			if (++n > most) {
				why = "free list loops (more blocks than the zone holds)";
				break;
			}
			if (!pfn_in_zone(zone, pfn) || !pfn_in_zone(zone, pfn + (1UL << order) - 1))
				why = "free block outside its zone";
			else if (pfn & ((1UL << order) - 1))
				why = "free block not aligned to its order";
			else if (!PagePrivate(page) || page_order(page) != order)
				why = "free block head without PG_private and its order";
			else if (page_count(page) != 0 || PageReserved(page))
				why = "free block head in use or reserved";
			else if (order < MAX_ORDER - 1 && page_is_buddy(zone, pfn ^ (1UL << order), order))
				why = "two free buddies of the same order did not merge";
			for (k = 1; k < (1UL << order) && !why; k++) {
				bad = page + k;
				if (PagePrivate(page + k) || page_count(page + k) != 0)
					why = "page inside a free block looks in use";
			}
			if (why)
				break;
		}
		if (!why && n != area->nr_free) {
			why = "nr_free does not match the free list";
			bad = NULL;
		}
		total += n << order;
	}
	if (!why && total != zone->free_pages) {
		why = "free_pages does not match the free lists";
		bad = NULL;
	}
	for (i = 0; i < NR_PCP_LISTS && !why; i++) {
		struct per_cpu_pages *pcp = &zone->pageset[0].pcp[i];
		unsigned int order = pcp_order(i);
		struct page *page;
		unsigned long n = 0, k;

		list_for_each_entry(page, &pcp->list, lru) {
			unsigned long pfn = page_to_pfn(page);

			bad = page;
			if (++n > (zone->spanned_pages >> order)) {
				why = "per-CPU list loops (more pages than the zone holds)";
				break;
			}
			if (!pfn_in_zone(zone, pfn) || !pfn_in_zone(zone, pfn + (1UL << order) - 1) ||
			    page_zone(page) != zone) {
				why = "per-CPU list holds a page in use or from another zone";
				break;
			}
			if (pfn & ((1UL << order) - 1)) {
				why = "per-CPU block not aligned to its order";
				break;
			}
			for (k = 0; k < (1UL << order) && !why; k++) {
				bad = page + k;
				if (PagePrivate(page + k) || page_count(page + k) != 0 ||
				    PageHead(page + k))
					why = "per-CPU list holds a page in use or from another zone";
			}
			if (why)
				break;
		}
		if (!why && n != (unsigned long)pcp->count) {
			why = "per-CPU count does not match its list";
			bad = NULL;
		}
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	if (why) {
		printk(KERN_ERR "zone_check: zone %s: %s", zone->name, why);
		if (bad)
			printk(KERN_CONT " (pfn %#lx)", page_to_pfn(bad));
		printk(KERN_CONT "\n");
	}
	return !why;
}
