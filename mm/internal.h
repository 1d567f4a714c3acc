/*
 * Declarations private to mm/, grouped by the file that defines them.
 */
#ifndef _MM_INTERNAL_H
#define _MM_INTERNAL_H

#include <types.h>
#include <mm.h>
#include <gfp.h>

/* mm/page_alloc.c */
/* Release page frames [start, end) to the buddy system at boot; returns how many. */
unsigned long free_pages_range(unsigned long start_pfn, unsigned long end_pfn);
void __free_pages_ok(struct page *page, unsigned int order);
int zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		      int classzone_idx, int can_try_harder, int gfp_high);
void free_area_init_zone_lists(struct zone *zone);
extern int percpu_pagelists_disabled;	/* read-only: use set_percpu_pagelists() */
void set_percpu_pagelists(bool enabled);

/* mm/mm_init.c */
extern int min_free_kbytes;
void setup_per_zone_pages_min(void);
void setup_per_zone_lowmem_reserve(void);
void init_per_zone_pages_min(void);
void free_area_init_node(const unsigned long *zones_size, const unsigned long *zholes_size);
void build_all_zonelists(void);
void zone_pcp_init(struct zone *zone);

#endif
