/*
 * Setting up mem_map and the zones at boot (ULK 8.1.1-8.1.3, 8.1.8;
 * Linux 2.6's free_area_init, build_zonelists and the per-zone
 * watermark and per-CPU list sizing).
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <bitops.h>
#include <bootmem.h>
#include <gfp.h>
#include <init.h>
#include <mm.h>
#include "internal.h"

int min_free_kbytes;		/* 0: computed from the size of low memory */
int percpu_pagelists_disabled;	/* set_percpu_pagelists(): benchmarks compare both paths */

/* Linux's sysctl_lowmem_reserve_ratio: zone i keeps 1/ratio[i] of the zones above it. */
static const int lowmem_reserve_ratio[MAX_NR_ZONES - 1] = { 256, 32 };

/*
 * min_free_kbytes=N: 128 .. 65536, the range Linux 2.6 clamps its own
 * figure to (kstrtoul: no sign, no junk, no wrap-around); at boot it is
 * further bounded by the low memory there is (min_free_kbytes_for()).
 */
static int __init set_min_free_kbytes(char *val)
{
	unsigned long v;

	if (!val || kstrtoul(val, 0, &v) || v < 128 || v > 65536) {
		printk(KERN_WARNING "min_free_kbytes=%s: must be a number of KB from 128 to 65536; "
		       "ignored\n", val ? val : "");
		return -EINVAL;
	}
	min_free_kbytes = v;
	return 0;
}
early_param("min_free_kbytes", set_min_free_kbytes);

static unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0, bit = 1UL << (BITS_PER_LONG - 2);

	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}

/*
 * The per-CPU batch (Linux 2.6): about a quarter of a thousandth of
 * the zone, at most 64 pages (256 KB / 4), then rounded to 2^n - 1 so
 * successive batches don't land on the same cache colours.
 */
static unsigned long zone_batchsize(const struct zone *zone)
{
	unsigned long batch = zone->present_pages / 1024;

	if (batch * PAGE_SIZE > 256 * 1024)
		batch = (256 * 1024) / PAGE_SIZE;
	batch /= 4;
	if (batch < 1)
		batch = 1;
	return (1UL << fls(batch + batch / 2)) - 1;
}

/*
 * Hot list: refill at 2 batches, drain at 6. Cold list: empty is fine,
 * drain at 2 (2.6.11's thresholds). The lists of orders 1 ..
 * PCP_MAX_ORDER (beyond 2.6, see include/mmzone.h): refilled when
 * empty, as Linux's are, with max(batch >> order, 2) blocks (Linux's
 * nr_pcp_alloc(); 1 where batch is 1, on the smallest zones), about
 * as many pages as an order-0 batch; drained at 2 batches.
 */
void zone_pcp_init(struct zone *zone)
{
	unsigned long batch = zone_batchsize(zone);
	struct per_cpu_pageset *pset = &zone->pageset[0];
	unsigned int i;

	memset(pset, 0, sizeof(*pset));
	pset->pcp[PCP_HOT] = (struct per_cpu_pages){ .count = 0, .low = 2 * batch,
						     .high = 6 * batch, .batch = batch };
	pset->pcp[PCP_COLD] = (struct per_cpu_pages){ .count = 0, .low = 0,
						      .high = 2 * batch, .batch = batch };
	for (i = PCP_COLD + 1; i < NR_PCP_LISTS; i++) {
		unsigned long b = batch > 1 ? max(batch >> pcp_order(i), 2UL) : 1;

		pset->pcp[i] = (struct per_cpu_pages){ .count = 0, .low = 0,
						       .high = 2 * b, .batch = b };
	}
	for (i = 0; i < NR_PCP_LISTS; i++)
		INIT_LIST_HEAD(&pset->pcp[i].list);
}

/*
 * Every page frame starts reserved with one user: free_all_bootmem()
 * and mem_init() release the ones that are really free RAM.
 */
static void __init memmap_init_zone(struct zone *zone, enum zone_type zt)
{
	unsigned long pfn, end = zone->zone_start_pfn + zone->spanned_pages;

	for (pfn = zone->zone_start_pfn; pfn < end; pfn++) {
		struct page *page = pfn_to_page(pfn);

		page->flags = 0;
		set_page_zone(page, zt);
		set_page_count(page, 1);
		reset_page_mapcount(page);
		SetPageReserved(page);
		if (zt == ZONE_HIGHMEM)
			SetPageHighmem(page);
		page->private = 0;
		page->mapping = NULL;
		page->index = 0;
		INIT_LIST_HEAD(&page->lru);
	}
}

static void __init free_area_init_core(pg_data_t *pgdat, const unsigned long *zones_size,
				       const unsigned long *zholes_size)
{
	unsigned long start_pfn = pgdat->node_start_pfn;
	int j;

	pgdat->nr_zones = 0;
	for (j = 0; j < MAX_NR_ZONES; j++) {
		struct zone *zone = pgdat->node_zones + j;
		unsigned int order;

		zone->name = zone_names[j];
		zone_table[j] = zone;
		zone->zone_pgdat = pgdat;
		spin_lock_init(&zone->lock);
		zone->lock.name = "zone->lock";
		zone->spanned_pages = zones_size[j];
		zone->present_pages = zones_size[j] - zholes_size[j];
		zone->free_pages = 0;
		zone->zone_start_pfn = start_pfn;
		zone->zone_mem_map = pfn_to_page(start_pfn);
		if (zone->spanned_pages)
			pgdat->nr_zones = j + 1;
		zone_pcp_init(zone);
		for (order = 0; order < MAX_ORDER; order++) {
			INIT_LIST_HEAD(&zone->free_area[order].free_list);
			zone->free_area[order].nr_free = 0;
		}
		memmap_init_zone(zone, j);
		printk(KERN_DEBUG "  %s zone: %lu pages, LIFO batch:%d\n", zone->name,
		       zone->present_pages, zone->pageset[0].pcp[0].batch);
		start_pfn += zone->spanned_pages;
	}
}

/*
 * mem_map for page frames [0, sum of zones_size), then the zones.
 * zholes_size[i] is how many frames of zone i are not RAM.
 */
void __init free_area_init_node(const unsigned long *zones_size, const unsigned long *zholes_size)
{
	pg_data_t *pgdat = NODE_DATA(0);
	unsigned long total = 0, present = 0, size;
	int i;

	for (i = 0; i < MAX_NR_ZONES; i++) {
		total += zones_size[i];
		present += zones_size[i] - zholes_size[i];
	}
	size = total * sizeof(struct page);
	mem_map = alloc_bootmem(size);
	pgdat->node_mem_map = mem_map;
	pgdat->node_start_pfn = 0;
	pgdat->node_spanned_pages = total;
	pgdat->node_present_pages = present;
	printk(KERN_INFO "On node 0 totalpages: %lu; mem_map: %luk for %lu page descriptors of %u bytes\n",
	       present, size >> 10, total, (unsigned int)sizeof(struct page));
	free_area_init_core(pgdat, zones_size, zholes_size);
}

/*
 * The zone lists (ULK 8.1.5): for each combination of zone modifiers,
 * the zones to try in order. A normal request may fall back to DMA, a
 * highmem one to NORMAL then DMA, a DMA one nowhere.
 */
static void __init build_zonelists(pg_data_t *pgdat)
{
	int i;

	for (i = 0; i < GFP_ZONELISTS; i++) {
		struct zonelist *zl = &pgdat->node_zonelists[i];
		int k = ZONE_NORMAL, n = 0;

		if (i & __GFP_HIGHMEM)
			k = ZONE_HIGHMEM;
		if (i & __GFP_DMA)
			k = ZONE_DMA;
		/*
		 * The class zone is the zone the request prefers, even if empty:
		 * its reserve in the lower zones is then 0, as it should be.
		 */
		zl->classzone_idx = k;
		for (; k >= 0; k--)
			if (populated_zone(&pgdat->node_zones[k]))
				zl->zones[n++] = &pgdat->node_zones[k];
		zl->zones[n] = NULL;
	}
}

void __init build_all_zonelists(void)
{
	build_zonelists(NODE_DATA(0));
}

/*
 * lowmem_reserve (Linux 2.6.11 setup_per_zone_lowmem_reserve): for a
 * request whose first choice was zone j, a lower zone i keeps back
 * (pages of the zones between i and j) / ratio[i].
 */
void setup_per_zone_lowmem_reserve(void)
{
	pg_data_t *pgdat = NODE_DATA(0);
	int i, j;

	for (j = 0; j < MAX_NR_ZONES; j++) {
		unsigned long present = pgdat->node_zones[j].present_pages;

		pgdat->node_zones[j].lowmem_reserve[j] = 0;
		for (i = j - 1; i >= 0; i--) {
			struct zone *lower = &pgdat->node_zones[i];

			lower->lowmem_reserve[j] = present / lowmem_reserve_ratio[i];
			present += lower->present_pages;
		}
	}
}

/*
 * Watermarks (Linux 2.6.11 setup_per_zone_pages_min): min_free_kbytes
 * of low memory is shared among the low zones by size; high memory
 * needs little (nothing atomic allocates it): 1/1024 of it, 32..128
 * pages. low = min * 5/4, high = min * 3/2.
 */
void setup_per_zone_pages_min(void)
{
	unsigned long pages_min = (unsigned long)min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem_pages = 0;
	struct zone *zone;

	for_each_zone(zone)
		if (!is_highmem(zone))
			lowmem_pages += zone->present_pages;
	for_each_zone(zone) {
		unsigned long flags;

		spin_lock_irqsave(&zone->lock, flags);
		if (is_highmem(zone)) {
			unsigned long min_pages = zone->present_pages / 1024;

			zone->pages_min = min_pages < 32 ? 32 : min_pages > 128 ? 128 : min_pages;
			if (zone->pages_min > zone->present_pages / 4)
				zone->pages_min = zone->present_pages / 4;
		} else {
			zone->pages_min = lowmem_pages ? pages_min * zone->present_pages / lowmem_pages : 0;
		}
		zone->pages_low = zone->pages_min * 5 / 4;
		zone->pages_high = zone->pages_min * 6 / 4;
		spin_unlock_irqrestore(&zone->lock, flags);
	}
}

/*
 * The min_free_kbytes in force for lowmem_kbytes of low memory (also
 * used by setup_memory() to check, before mem_map exists, that boot can
 * allocate): the command line's, but at most an eighth of low memory
 * (a larger reserve leaves ordinary allocations nothing: every one
 * would fail), else sqrt(lowmem_kbytes * 16) clamped to 128 .. 65536,
 * as Linux 2.6.
 */
unsigned long min_free_kbytes_for(unsigned long lowmem_kbytes)
{
	unsigned long v;

	if (min_free_kbytes)
		return min_t(unsigned long, min_free_kbytes, lowmem_kbytes / 8);
	v = int_sqrt(lowmem_kbytes * 16);
	return v < 128 ? 128 : v > 65536 ? 65536 : v;
}

void __init init_per_zone_pages_min(void)
{
	unsigned long lowmem_kbytes = 0, v;
	struct zone *zone;

	for_each_zone(zone)
		if (!is_highmem(zone))
			lowmem_kbytes += zone->present_pages * (PAGE_SIZE >> 10);

	v = min_free_kbytes_for(lowmem_kbytes);
	if (min_free_kbytes && (unsigned long)min_free_kbytes != v)
		printk(KERN_WARNING "min_free_kbytes=%d is more than an eighth of the %luk of low "
		       "memory; using %lu\n", min_free_kbytes, lowmem_kbytes, v);
	min_free_kbytes = v;
	setup_per_zone_pages_min();
	setup_per_zone_lowmem_reserve();
}
