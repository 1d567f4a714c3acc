/*
 * Memory zones and the node descriptor (ULK 8.1.2-8.1.3).
 *
 * Physical memory splits into three zones by what may live there:
 *
 *   ZONE_DMA      0 .. 16 MB         old ISA DMA reaches only this
 *   ZONE_NORMAL   16 MB .. MAXMEM    permanently mapped at PAGE_OFFSET
 *   ZONE_HIGHMEM  MAXMEM .. end      no permanent kernel mapping
 *
 * Each zone runs its own buddy system (free_area[]) and per-CPU page
 * lists (pageset[]), under its own lock. One node (pg_data_t) holds
 * the zones and mem_map, as on every non-NUMA PC.
 */
#ifndef _MNEME_MMZONE_H
#define _MNEME_MMZONE_H

#include <types.h>
#include <list.h>
#include <spinlock.h>
#include <mm_types.h>

#define MAX_ORDER	11	/* blocks of 2^0 .. 2^10 pages: 4 KB .. 4 MB */
#define NR_CPUS		1

enum zone_type {
	ZONE_DMA,
	ZONE_NORMAL,
	ZONE_HIGHMEM,
	MAX_NR_ZONES
};

#define ZONES_SHIFT	2	/* bits of page->flags holding the zone */

/* One list of free blocks of one order: the first page of each block is linked. */
struct free_area {
	struct list_head free_list;
	unsigned long nr_free;		/* blocks, not pages */
};

/*
 * A per-CPU page list (ULK 8.1.8): order-0 pages kept out of the buddy
 * system so the common single-page case takes no zone lock. Refilled
 * with `batch` pages when count falls to `low`, drained by `batch` when
 * it reaches `high`.
 */
struct per_cpu_pages {
	int count;
	int low;
	int high;
	int batch;
	struct list_head list;
};

/* pcp[0]: hot pages (likely in the CPU cache), pcp[1]: cold ones. */
struct per_cpu_pageset {
	struct per_cpu_pages pcp[2];
	/* Statistics, as /proc/zoneinfo shows them. */
	unsigned long numa_hit;		/* allocations served from this zone */
	unsigned long refills, drains;	/* batch transfers from/to the buddy system */
};

struct pglist_data;

struct zone {
	/* Fields of ULK table 8-4. */
	unsigned long free_pages;
	unsigned long pages_min, pages_low, pages_high;
	/*
	 * lowmem_reserve[j]: pages this zone keeps back from allocations
	 * that could have been served from zone j (a higher zone), so a
	 * GFP_KERNEL burst cannot eat the DMA zone (ULK 8.1.2).
	 */
	unsigned long lowmem_reserve[MAX_NR_ZONES];
	struct per_cpu_pageset pageset[NR_CPUS];
	spinlock_t lock;
	struct free_area free_area[MAX_ORDER];

	struct pglist_data *zone_pgdat;
	struct page *zone_mem_map;	/* the first page of the zone */
	unsigned long zone_start_pfn;
	unsigned long spanned_pages;	/* the range, holes included */
	unsigned long present_pages;	/* pages of RAM in the range */
	const char *name;
	unsigned long nr_bad_pages;	/* found bad when allocated: out of circulation */
};

/* The zones an allocation may use, in order of preference; NULL-terminated. */
struct zonelist {
	struct zone *zones[MAX_NR_ZONES + 1];
	int classzone_idx;	/* the zone its requests prefer (lowmem_reserve's index) */
};

/* The index of gfp_mask & GFP_ZONEMASK (include/gfp.h) into node_zonelists. */
#define GFP_ZONELISTS	4

typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	struct zonelist node_zonelists[GFP_ZONELISTS];
	int nr_zones;
	struct page *node_mem_map;
	unsigned long node_start_pfn;
	unsigned long node_present_pages;
	unsigned long node_spanned_pages;
	int node_id;
} pg_data_t;

extern pg_data_t contig_page_data;
#define NODE_DATA(nid)		(&contig_page_data)

static inline int zone_idx(const struct zone *zone)
{
	return zone - zone->zone_pgdat->node_zones;
}

static inline int is_highmem(const struct zone *zone)
{
	return zone_idx(zone) == ZONE_HIGHMEM;
}

static inline int populated_zone(const struct zone *zone)
{
	return zone->present_pages != 0;
}

#define for_each_zone(zone)						\
	for (zone = contig_page_data.node_zones;			\
	     zone < contig_page_data.node_zones + MAX_NR_ZONES; zone++)

extern const char *const zone_names[MAX_NR_ZONES];

/* zone_table[n]: zone number n (as kept in page->flags), one load from a page (Linux 2.6). */
extern struct zone *zone_table[MAX_NR_ZONES];

#endif
