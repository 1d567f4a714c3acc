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
 * Per-CPU page lists (ULK 8.1.8): blocks kept out of the buddy system so
 * that the common small allocations and frees take no zone lock and do
 * no splitting or merging. Each list is refilled with `batch` blocks
 * when its count falls to `low`, and gives `batch` back when it reaches
 * `high`; count, low, high and batch count blocks of the list's order.
 *
 * 2.6.11 keeps them for single pages only, a hot list and a cold one.
 * Mneme goes beyond the 2.6 design here, as Linux 5.13 and later do
 * (commit 44042b449872, "mm/page_alloc: allow high-order pages to be
 * stored on the per-cpu lists"): one more list for each order 1 ..
 * PAGE_ALLOC_COSTLY_ORDER. Linux's reason: with order-0 lists only,
 * every "cheap" high-order allocation (the slab allocator's among them)
 * contends on zone->lock; here, where there is one CPU, the cost it
 * saves is the buddy system's: each order-3 pair split a large block on
 * allocation and merged it back on free, up to seven orders each way.
 * Costlier orders still go straight to the buddy system.
 *
 *   pageset[cpu].pcp[]   index  order  list
 *                          0      0    hot single pages   (2.6)
 *                          1      0    cold single pages  (2.6)
 *                          2      1    blocks of 2 pages  (beyond 2.6)
 *                          3      2    blocks of 4 pages
 *                          4      3    blocks of 8 pages
 *
 * A block on a per-CPU list looks as it does in the buddy system, less
 * PG_private and its order (so no buddy merges with it): every page
 * count 0, no flags, no tail tags.
 */
#define PAGE_ALLOC_COSTLY_ORDER	3	/* above this, an allocation is "costly" (Linux) */
#define PCP_MAX_ORDER		PAGE_ALLOC_COSTLY_ORDER
#define PCP_HOT			0
#define PCP_COLD		1
#define NR_PCP_LISTS		(2 + PCP_MAX_ORDER)

struct per_cpu_pages {
	int count;		/* blocks on the list */
	int low;		/* refill when count <= low */
	int high;		/* give a batch back when count >= high */
	int batch;		/* blocks moved per refill or drain */
	struct list_head list;
};

struct per_cpu_pageset {
	struct per_cpu_pages pcp[NR_PCP_LISTS];
	/* Statistics, as /proc/zoneinfo shows them. */
	unsigned long numa_hit;		/* allocations served from this zone */
	unsigned long refills, drains;	/* batch transfers from/to the buddy system */
};

/* The list of pcp[] holding free blocks of `order` (order 0: the hot or the cold list). */
static inline unsigned int pcp_index(unsigned int order, int cold)
{
	return order ? order + 1 : (unsigned int)!!cold;
}

/* The order of the blocks on pcp[i]. */
static inline unsigned int pcp_order(unsigned int i)
{
	return i <= PCP_COLD ? 0 : i - 1;
}

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

/* Pages on the zone's per-CPU lists: free, but not in the buddy system (nor in free_pages). */
static inline unsigned long zone_pcp_pages(const struct zone *zone)
{
	unsigned long n = 0;
	unsigned int i;

	for (i = 0; i < NR_PCP_LISTS; i++)
		n += (unsigned long)zone->pageset[0].pcp[i].count << pcp_order(i);
	return n;
}

#define for_each_zone(zone)						\
	for (zone = contig_page_data.node_zones;			\
	     zone < contig_page_data.node_zones + MAX_NR_ZONES; zone++)

extern const char *const zone_names[MAX_NR_ZONES];

/* zone_table[n]: zone number n (as kept in page->flags), one load from a page (Linux 2.6). */
extern struct zone *zone_table[MAX_NR_ZONES];

#endif
