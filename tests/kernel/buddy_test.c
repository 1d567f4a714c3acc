/*
 * The buddy system and the per-CPU page lists on real memory (ULK 8.1.7,
 * 8.1.8): splitting and merging, hot and cold pages, batches, the lists
 * of orders 1 .. PCP_MAX_ORDER, zone choice, watermarks, zeroing,
 * exhaustion, the API, fault injection.
 */
#include <kernel.h>
#include <string.h>
#include <bitops.h>
#include <fault_inject.h>
#include <gfp.h>
#include <highmem.h>
#include <ktest.h>
#include <mm.h>
#include <asm/irqflags.h>
#include "mm_test_util.h"

static void test_struct_page_is_32_bytes(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, sizeof(struct page), (size_t)32);
}

/*
 * ULK's example: 256 contiguous pages wanted, no free block of 256 or
 * 512, a block of 1024 free. The 1024 block splits: the first 256 are
 * returned, the next 256 go to the order-8 list, the last 512 to the
 * order-9 list. Freeing the 256 merges everything back into 1024.
 */
static void test_ulk_split_and_merge(struct ktest *t)
{
	struct zone *zone = kernel_zone();
	struct list_head *held = ktest_page_list(t, 8);
	struct zonelist zl;
	struct page *page;
	unsigned long n10, flags;
	int guard = 0;

	KTEST_ASSERT_NOT_NULL(t, held);
	single_zonelist(&zl, zone);
	drain_local_pages();
	local_irq_save(flags);	/* nothing else may touch the zone meanwhile */
	/* First use up every free block of order 8 and 9. */
	while ((zone->free_area[8].nr_free || zone->free_area[9].nr_free) && guard++ < 4096) {
		page = __alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 8, &zl);
		if (!page)
			break;
		list_add(&page->lru, held);
	}
	n10 = zone->free_area[10].nr_free;
	if (zone->free_area[8].nr_free || zone->free_area[9].nr_free || !n10) {
		local_irq_restore(flags);
		KTEST_SKIP(t, "zone %s has no order-10 block to split", zone->name);
	}

	page = __alloc_pages(GFP_ATOMIC, 8, &zl);
	local_irq_restore(flags);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_EQ(t, zone->free_area[10].nr_free, n10 - 1);
	KTEST_EXPECT_EQ(t, zone->free_area[9].nr_free, 1UL);
	KTEST_EXPECT_EQ(t, zone->free_area[8].nr_free, 1UL);
	KTEST_EXPECT_EQ(t, page_to_pfn(page) & 1023, 0UL);	/* the head of the old 1024 block */
	KTEST_EXPECT_TRUE(t, PagePrivate(page + 256) && page_order(page + 256) == 8);
	KTEST_EXPECT_TRUE(t, PagePrivate(page + 512) && page_order(page + 512) == 9);
	KTEST_EXPECT_TRUE(t, zone_check(zone));

	__free_pages(page, 8);
	KTEST_EXPECT_EQ(t, zone->free_area[10].nr_free, n10);
	KTEST_EXPECT_EQ(t, zone->free_area[9].nr_free, 0UL);
	KTEST_EXPECT_EQ(t, zone->free_area[8].nr_free, 0UL);
	free_block_list(held, 8);
	KTEST_EXPECT_TRUE(t, zone_check(zone));
}

/*
 * Free pages of zone z in blocks of at least 2^order pages, counted by
 * walking the free lists (not from nr_free or free_pages). IRQs off.
 */
static unsigned long pages_in_blocks_from(struct zone *z, unsigned int order)
{
	unsigned long n = 0, guard = 0;
	unsigned int o;

	for (o = order; o < MAX_ORDER; o++) {
		struct list_head *head = &z->free_area[o].free_list, *pos = head->next;

		for (; pos != head && guard++ < max_pfn; pos = pos->next)	/* bounded */
			n += 1UL << o;
	}
	return n;
}

/*
 * Every order comes back aligned to its order, and an order may fail
 * only where the machine cannot have it: an allocation fails the test
 * when some zone GFP_KERNEL may use held a free block that large and,
 * in such blocks, more pages than that block plus its high watermark
 * and reserve (enough whatever zone_watermark_ok() makes of it).
 */
static void test_every_order_aligned(struct ktest *t)
{
	struct zonelist *zl = &contig_page_data.node_zonelists[0];
	unsigned int order, served = 0;

	for (order = 0; order < MAX_ORDER; order++) {
		struct zone *ample = NULL, **z;
		unsigned long flags, spare = 0;
		struct page *page;

		drain_local_pages();
		local_irq_save(flags);
		for (z = zl->zones; *z && !ample; z++) {
			unsigned long big = pages_in_blocks_from(*z, order);
			unsigned long need = (1UL << order) + (*z)->pages_high +
					     (*z)->lowmem_reserve[zl->classzone_idx];

			if (big > need) {
				ample = *z;
				spare = big - need;
			}
		}
		local_irq_restore(flags);
		page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, order);
		if (!page) {
			if (ample)
				KTEST_FAIL(t, "order %u failed although zone %s had %lu pages to spare "
					   "in blocks that large", order, ample->name, spare);
			continue;
		}
		served++;
		KTEST_EXPECT_EQ(t, page_to_pfn(page) & ((1UL << order) - 1), 0UL);
		KTEST_EXPECT_TRUE(t, page_zone(page) == page_zone(page + (1UL << order) - 1));
		__free_pages(page, order);
	}
	printk(KERN_INFO "    # orders 0..%u: %u served\n", MAX_ORDER - 1, served);
	KTEST_EXPECT_GT(t, served, 0u);
	KTEST_EXPECT_NULL(t, alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER));
}

/* A page freed hot is the next one handed out: still in the cache. */
static void test_hot_page_comes_back_first(struct ktest *t)
{
	struct page *p, *q;

	p = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	__free_page(p);
	q = alloc_page(GFP_KERNEL);
	KTEST_EXPECT_PTR_EQ(t, q, p);
	if (q)
		__free_page(q);
}

static void release_cold(void *page)
{
	if (put_page_testzero(page))
		free_cold_page(page);
}

static void free_if_any(struct page *page)
{
	if (page)
		__free_page(page);
}

/* Cold pages queue at the tail of the cold list, and only __GFP_COLD takes them. */
static void test_cold_pages_go_to_the_tail(struct ktest *t)
{
	struct zone *zone = kernel_zone();
	struct page *a, *b, *hot, *c1, *c2;

	drain_local_pages();
	a = alloc_page(GFP_KERNEL);
	if (a)
		ktest_add_action_or_reset(t, release_cold, a);
	b = alloc_page(GFP_KERNEL);
	if (b)
		ktest_add_action_or_reset(t, release_cold, b);
	KTEST_ASSERT_TRUE(t, a && b && page_zone(a) == zone && page_zone(b) == zone);
	drain_local_pages();
	ktest_release_action(t, release_cold, a);
	ktest_release_action(t, release_cold, b);
	KTEST_EXPECT_EQ(t, zone->pageset[0].pcp[1].count, 2);
	hot = alloc_page(GFP_KERNEL);
	KTEST_EXPECT_TRUE(t, hot != a && hot != b);
	c1 = alloc_page(GFP_KERNEL | __GFP_COLD);
	c2 = alloc_page(GFP_KERNEL | __GFP_COLD);
	KTEST_EXPECT_PTR_EQ(t, c1, a);
	KTEST_EXPECT_PTR_EQ(t, c2, b);
	free_if_any(hot);
	free_if_any(c1);
	free_if_any(c2);
}

/*
 * The hot list refills `batch` pages when it runs down to `low` and
 * gives `batch` back when it reaches `high`.
 */
static void test_batch_refill_and_drain(struct ktest *t)
{
	struct zone *zone = kernel_zone();
	struct per_cpu_pageset *pset = &zone->pageset[0];
	struct per_cpu_pages *pcp = &pset->pcp[0];
	struct list_head *held = ktest_page_list(t, 0);
	struct page *page, *next;
	unsigned long refills, drains;
	int i, n = 0;

	KTEST_ASSERT_NOT_NULL(t, held);
	drain_local_pages();
	refills = pset->refills;
	page = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, page);
	list_add(&page->lru, held);
	KTEST_ASSERT_TRUE(t, page_zone(page) == zone);
	KTEST_EXPECT_EQ(t, pset->refills, refills + 1);
	KTEST_EXPECT_EQ(t, pcp->count, pcp->batch - 1);
	for (i = 0; i < pcp->high; i++) {
		page = alloc_page(GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, page);
		list_add(&page->lru, held);
	}
	drain_local_pages();
	drains = pset->drains;
	list_for_each_entry_safe(page, next, held, lru) {
		list_del(&page->lru);
		__free_page(page);
		if (++n == pcp->high) {
			KTEST_EXPECT_EQ(t, pcp->count, pcp->high);
			KTEST_EXPECT_EQ(t, pset->drains, drains);
		}
	}
	/* The free after reaching high gave back one batch first. */
	KTEST_EXPECT_EQ(t, pset->drains, drains + 1);
	KTEST_EXPECT_EQ(t, pcp->count, pcp->high - pcp->batch + 1);
	KTEST_EXPECT_TRUE(t, pcp->count <= pcp->high);
}

/*
 * Orders 1 .. PCP_MAX_ORDER have a per-CPU list each (beyond 2.6, as
 * Linux 5.13 and later): an empty list refills `batch` blocks, a block
 * freed goes to its head unmarked and is the next handed out, marked
 * again (PG_head, tails tagged); a full list gives a batch back. The
 * free pages counted everywhere (zone_free_total(), MemFree, the leak
 * checks) include them.
 */
static void test_small_order_per_cpu_lists(struct ktest *t)
{
	struct zone *zone = kernel_zone();
	struct per_cpu_pageset *pset = &zone->pageset[0];
	unsigned int order;

	for (order = 1; order <= PCP_MAX_ORDER; order++) {
		struct per_cpu_pages *pcp = &pset->pcp[pcp_index(order, 0)];
		struct list_head *held = ktest_page_list(t, order);
		unsigned long refills, drains, total, flags;
		struct page *page, *again, *next;
		int i, n = 0;

		KTEST_ASSERT_NOT_NULL(t, held);
		drain_local_pages();
		KTEST_EXPECT_EQ(t, pcp->count, 0);
		local_irq_save(flags);		/* nothing else uses the list meanwhile */
		refills = pset->refills;
		total = zone_free_total(zone);
		page = alloc_pages(GFP_ATOMIC, order);
		if (!page) {
			local_irq_restore(flags);
			KTEST_FAIL(t, "no order-%u block", order);
			return;
		}
		KTEST_EXPECT_PTR_EQ(t, page_zone(page), zone);
		KTEST_EXPECT_EQ(t, pset->refills, refills + 1);
		KTEST_EXPECT_EQ(t, pcp->count, pcp->batch - 1);
		KTEST_EXPECT_EQ(t, zone_free_total(zone), total - (1UL << order));
		KTEST_EXPECT_TRUE(t, PageHead(page));
		KTEST_EXPECT_EQ(t, page[(1 << order) - 1].private, page_to_pfn(page) + 1);
		__free_pages(page, order);
		KTEST_EXPECT_PTR_EQ(t, list_first_entry(&pcp->list, struct page, lru), page);
		KTEST_EXPECT_FALSE(t, PageHead(page));
		KTEST_EXPECT_EQ(t, page[(1 << order) - 1].private, 0UL);
		KTEST_EXPECT_EQ(t, zone_free_total(zone), total);
		again = alloc_pages(GFP_ATOMIC, order);
		local_irq_restore(flags);
		KTEST_EXPECT_PTR_EQ(t, again, page);
		if (again)
			__free_pages(again, order);
		KTEST_EXPECT_TRUE(t, zone_check(zone));

		/* Fill, drain, free them all: the list stops at high, one batch back at a time. */
		for (i = 0; i < 2 * pcp->high + 1; i++) {
			page = alloc_pages(GFP_KERNEL, order);
			KTEST_ASSERT_NOT_NULL(t, page);
			list_add(&page->lru, held);
		}
		drain_local_pages();
		drains = pset->drains;
		list_for_each_entry_safe(page, next, held, lru) {
			list_del(&page->lru);
			__free_pages(page, order);
			KTEST_EXPECT_LE(t, pcp->count, pcp->high);
			n++;
		}
		KTEST_EXPECT_EQ(t, n, 2 * pcp->high + 1);
		KTEST_EXPECT_GE(t, pset->drains - drains, 2UL);
		KTEST_EXPECT_TRUE(t, zone_check(zone));
	}
}

/* GFP_DMA stays below 16 MB; GFP_KERNEL never returns high memory; GFP_HIGHUSER prefers it. */
static void test_zone_modifiers(struct ktest *t)
{
	struct page *page;
	int i;

	for (i = 0; i < 64; i++) {
		page = alloc_page(GFP_DMA);
		KTEST_ASSERT_NOT_NULL(t, page);
		KTEST_EXPECT_LT(t, page_to_pfn(page), 0x1000000UL >> PAGE_SHIFT);
		KTEST_EXPECT_EQ(t, (int)page_zonenum(page), ZONE_DMA);
		__free_page(page);
	}
	for (i = 0; i < 256; i++) {
		page = alloc_page(GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, page);
		KTEST_EXPECT_NE(t, (int)page_zonenum(page), ZONE_HIGHMEM);
		KTEST_EXPECT_LT(t, page_to_pfn(page), max_low_pfn);
		__free_page(page);
	}
	page = alloc_page(GFP_HIGHUSER);
	KTEST_ASSERT_NOT_NULL(t, page);
	if (populated_zone(zone_of(ZONE_HIGHMEM))) {
		KTEST_EXPECT_EQ(t, (int)page_zonenum(page), ZONE_HIGHMEM);
		KTEST_EXPECT_TRUE(t, PageHighmem(page));
		KTEST_EXPECT_GE(t, page_to_pfn(page), highstart_pfn);
	} else {
		KTEST_EXPECT_EQ(t, (int)page_zonenum(page), (int)(kernel_zone() - zone_of(ZONE_DMA)));
	}
	__free_page(page);
}

/*
 * Fill ZONE_DMA with GFP_DMA | GFP_KERNEL requests until they fail (at
 * pages_min); an atomic request still succeeds, dipping into the pool
 * reserved for it.
 */
static void test_atomic_succeeds_below_min(struct ktest *t)
{
	struct zone *dma = zone_of(ZONE_DMA);
	struct list_head *held = ktest_page_list(t, 0);
	struct page *page;
	unsigned int atomic_ok = 0;

	KTEST_ASSERT_NOT_NULL(t, held);
	while ((page = alloc_page(GFP_KERNEL | GFP_DMA | __GFP_NOWARN)) != NULL)
		list_add(&page->lru, held);
	KTEST_EXPECT_LE(t, dma->free_pages, dma->pages_min);
	while (atomic_ok < 8 && (page = alloc_page(GFP_ATOMIC | GFP_DMA | __GFP_NOWARN)) != NULL) {
		list_add(&page->lru, held);
		atomic_ok++;
	}
	KTEST_EXPECT_GT(t, atomic_ok, 0u);
	page = alloc_page(GFP_KERNEL | GFP_DMA | __GFP_NOWARN);
	KTEST_EXPECT_NULL(t, page);
	free_if_any(page);
	free_block_list(held, 0);
	KTEST_EXPECT_TRUE(t, zone_check(dma));
}

static void fill(struct page *page, int c)
{
	void *p = kmap_atomic(page, KM_USER0);

	memset(p, c, PAGE_SIZE);
	kunmap_atomic(p, KM_USER0);
}

static bool is_zero(struct page *page)
{
	void *p = kmap_atomic(page, KM_USER0);
	bool zero = !memchr_inv(p, 0, PAGE_SIZE);

	kunmap_atomic(p, KM_USER0);
	return zero;
}

/* __GFP_ZERO clears the page -- through a temporary mapping for high memory. */
static void test_gfp_zero(struct ktest *t)
{
	struct page *p, *q;
	unsigned long addr;
	int i;

	p = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	fill(p, 0xaa);
	__free_page(p);
	q = ktest_alloc_page(t, GFP_KERNEL | __GFP_ZERO);
	KTEST_ASSERT_PTR_EQ(t, q, p);	/* the same page, hot, now zeroed */
	KTEST_EXPECT_TRUE(t, is_zero(q));
	fill(q, 0x55);
	ktest_free_page(t, q);
	addr = get_zeroed_page(GFP_KERNEL);
	KTEST_ASSERT_NE(t, addr, 0UL);
	KTEST_EXPECT_NULL(t, memchr_inv((void *)addr, 0, PAGE_SIZE));
	free_page(addr);

	p = alloc_pages(GFP_KERNEL, 2);
	KTEST_ASSERT_NOT_NULL(t, p);
	for (i = 0; i < 4; i++)
		fill(p + i, 0x77);
	__free_pages(p, 2);
	p = alloc_pages(GFP_KERNEL | __GFP_ZERO, 2);
	KTEST_ASSERT_NOT_NULL(t, p);
	for (i = 0; i < 4; i++)
		KTEST_EXPECT_TRUE(t, is_zero(p + i));
	__free_pages(p, 2);

	if (!populated_zone(zone_of(ZONE_HIGHMEM)))
		KTEST_SKIP(t, "no high memory on this machine");
	p = ktest_alloc_page(t, GFP_HIGHUSER);
	KTEST_ASSERT_TRUE(t, p && PageHighmem(p));
	fill(p, 0xcc);
	ktest_free_page(t, p);
	q = ktest_alloc_page(t, GFP_HIGHUSER | __GFP_ZERO);
	KTEST_ASSERT_PTR_EQ(t, q, p);
	KTEST_EXPECT_TRUE(t, is_zero(q));
}

struct saved_marks {
	unsigned long min, low, high, reserve[MAX_NR_ZONES];
};

/*
 * Allocate every free page of the machine, high memory included (with
 * the watermarks at 0 so none is held back): each page is handed out
 * once, inside its zone. Then free them all and get every count back.
 */
static void test_exhaustion(struct ktest *t)
{
	struct saved_marks saved[MAX_NR_ZONES];
	unsigned long before[MAX_NR_ZONES], expected = 0, got = 0, dup = 0, outside = 0;
	unsigned int map_order = 0;
	unsigned long *seen;
	struct page *map_page, *page;
	LIST_HEAD(held);
	struct zone *z;
	int i;

	while ((PAGE_SIZE << map_order) * 8 < max_pfn)
		map_order++;
	map_page = alloc_pages(GFP_KERNEL | __GFP_ZERO, map_order);
	KTEST_ASSERT_NOT_NULL(t, map_page);
	seen = page_address(map_page);

	drain_local_pages();
	for (i = 0; i < MAX_NR_ZONES; i++) {
		z = zone_of(i);
		saved[i].min = z->pages_min;
		saved[i].low = z->pages_low;
		saved[i].high = z->pages_high;
		memcpy(saved[i].reserve, z->lowmem_reserve, sizeof(saved[i].reserve));
		z->pages_min = z->pages_low = z->pages_high = 0;
		memset(z->lowmem_reserve, 0, sizeof(z->lowmem_reserve));
		before[i] = zone_free_total(z);
		expected += before[i];
	}

	while ((page = alloc_page(GFP_HIGHUSER | __GFP_NOWARN)) != NULL) {
		unsigned long pfn = page_to_pfn(page);
		struct zone *pz = page_zone(page);

		if (__test_and_set_bit(pfn, seen))
			dup++;
		if (pfn < pz->zone_start_pfn || pfn >= pz->zone_start_pfn + pz->spanned_pages)
			outside++;
		list_add(&page->lru, &held);
		got++;
	}
	KTEST_EXPECT_EQ(t, got, expected);
	KTEST_EXPECT_EQ(t, dup, 0UL);
	KTEST_EXPECT_EQ(t, outside, 0UL);
	for (i = 0; i < MAX_NR_ZONES; i++)
		KTEST_EXPECT_EQ(t, zone_of(i)->free_pages, 0UL);

	free_block_list(&held, 0);
	drain_local_pages();
	for (i = 0; i < MAX_NR_ZONES; i++) {
		z = zone_of(i);
		z->pages_min = saved[i].min;
		z->pages_low = saved[i].low;
		z->pages_high = saved[i].high;
		memcpy(z->lowmem_reserve, saved[i].reserve, sizeof(saved[i].reserve));
		KTEST_EXPECT_EQ(t, zone_free_total(z), before[i]);
	}
	__free_pages(map_page, map_order);
	KTEST_EXPECT_TRUE(t, all_zones_ok());
}

/* The address-returning half of the API (ULK table 8-5 and 8-6). */
static void test_get_free_pages_api(struct ktest *t)
{
	unsigned long addr = __get_free_pages(GFP_KERNEL, 3);
	unsigned long dma;

	KTEST_ASSERT_NE(t, addr, 0UL);
	KTEST_EXPECT_EQ(t, addr & ((PAGE_SIZE << 3) - 1), 0UL);
	KTEST_EXPECT_TRUE(t, virt_addr_valid(addr));
	KTEST_EXPECT_PTR_EQ(t, page_address(virt_to_page(addr)), (void *)addr);
	memset((void *)addr, 0x5a, PAGE_SIZE << 3);	/* all 8 pages usable */
	free_pages(addr, 3);

	dma = __get_dma_pages(GFP_KERNEL, 1);
	KTEST_ASSERT_NE(t, dma, 0UL);
	KTEST_EXPECT_LT(t, __pa(dma), 0x1000000UL);
	free_pages(dma, 1);

	addr = __get_free_page(GFP_ATOMIC);
	KTEST_ASSERT_NE(t, addr, 0UL);
	free_page(addr);
	free_pages(0, 0);	/* a no-op, as in Linux */

	ktest_capture_start();
	addr = __get_free_pages(GFP_HIGHUSER, 0);
	ktest_capture_stop();
	KTEST_EXPECT_EQ(t, addr, 0UL);
	KTEST_EXPECT_EQ(t, ktest_captured("cannot return high memory"), 1u);
}

/* fail_page_alloc: every Nth allocation fails, up to `times`; exempt flags bypass it. */
static void test_fault_injection(struct ktest *t)
{
	struct page *pages[9];
	unsigned int i, failed = 0;

	ktest_fault_attr_set(t, &fail_page_alloc, 3, -1);
	for (i = 0; i < 9; i++) {
		pages[i] = alloc_page(GFP_KERNEL | __GFP_NOWARN);
		if (!pages[i]) {
			failed++;
			KTEST_EXPECT_EQ(t, i % 3, 2u);
		}
	}
	KTEST_EXPECT_EQ(t, failed, 3u);
	KTEST_EXPECT_EQ(t, fail_page_alloc.failed, 3UL);
	for (i = 0; i < 9; i++)
		if (pages[i])
			__free_page(pages[i]);

	ktest_fault_attr_set(t, &fail_page_alloc, 1, 2);
	failed = 0;
	for (i = 0; i < 4; i++) {
		pages[i] = alloc_page(GFP_KERNEL | __GFP_NOWARN);
		failed += !pages[i];
	}
	KTEST_EXPECT_EQ(t, failed, 2u);
	for (i = 0; i < 4; i++)
		if (pages[i])
			__free_page(pages[i]);

	ktest_fault_attr_set(t, &fail_page_alloc, 1, -1);
	pages[0] = alloc_page(GFP_KERNEL | __GFP_NOFAULT);
	KTEST_EXPECT_NOT_NULL(t, pages[0]);
	if (pages[0])
		__free_page(pages[0]);
	ktest_capture_start();
	pages[1] = alloc_page(GFP_KERNEL);
	ktest_capture_stop();
	KTEST_EXPECT_NULL(t, pages[1]);
	KTEST_EXPECT_EQ(t, ktest_captured("page allocation failure. order:0"), 1u);
}

static int buddy_exit_check;

static void buddy_test_exit(struct ktest *t)
{
	if (!all_zones_ok()) {
		KTEST_FAIL(t, "zone_check() failed after the test");
		buddy_exit_check++;
	}
}

static struct ktest_case buddy_cases[] = {
	KTEST_CASE(test_struct_page_is_32_bytes),
	KTEST_CASE(test_ulk_split_and_merge),
	KTEST_CASE(test_every_order_aligned),
	KTEST_CASE(test_hot_page_comes_back_first),
	KTEST_CASE(test_cold_pages_go_to_the_tail),
	KTEST_CASE(test_batch_refill_and_drain),
	KTEST_CASE(test_small_order_per_cpu_lists),
	KTEST_CASE(test_zone_modifiers),
	KTEST_CASE(test_atomic_succeeds_below_min),
	KTEST_CASE(test_gfp_zero),
	KTEST_CASE(test_exhaustion),
	KTEST_CASE(test_get_free_pages_api),
	KTEST_CASE(test_fault_injection),
	{}
};

static struct ktest_suite buddy_suite = {
	.name = "buddy",
	.test_cases = buddy_cases,
	.exit = buddy_test_exit,
};
ktest_register_suite(buddy_suite);
