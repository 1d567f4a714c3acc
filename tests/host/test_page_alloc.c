/*
 * mm/page_alloc.c and mm/mm_init.c on the host (ULK 8.1): boot-time
 * release into maximal blocks, the buddy system's split and merge (ULK's
 * 256-of-1024 example), zone boundaries, holes, the per-CPU hot and cold
 * lists and those of orders 1 .. PCP_MAX_ORDER, zone fallback, watermarks and lowmem_reserve, __GFP_ZERO,
 * exhaustion. Each test boots its own machine (page_alloc_host.h) and
 * checks the whole allocator against the model as it goes. Bad pages,
 * zone_check() and fault injection: test_page_alloc_checks.c.
 */
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "page_alloc_host.h"

/* Big enough for real per-CPU batches: NORMAL has 12288 pages, batch 7. */
static const struct pa_layout big = {
	.name = "big",
	.zones_size = { 0x1000, 0x3000, 0 },
};

/* Only ZONE_NORMAL: twelve blocks of 1024 pages. */
static const struct pa_layout normal_only = {
	.name = "normal-only",
	.zones_size = { 0, 0x3000, 0 },
};

/* Everything reserved: the test releases what it wants (pa_release()). */
static const struct pa_layout bare = {
	.name = "bare",
	.zones_size = { 0x1000, 0x1ffe, 0x802 },
	.reserved = { { 0, 0x3800 } },
};

#define Z(zi)		pa_zone(zi)
#define DMA		Z(ZONE_DMA)
#define NORMAL		Z(ZONE_NORMAL)
#define HIGH		Z(ZONE_HIGHMEM)
#define NOWARN		__GFP_NOWARN

static unsigned long nr_free(struct zone *z, unsigned int order)
{
	return z->free_area[order].nr_free;
}

/* The first block on a free list, or -1. */
static long first_free(struct zone *z, unsigned int order)
{
	if (list_empty(&z->free_area[order].free_list))
		return -1;
	return page_to_pfn(list_first_entry(&z->free_area[order].free_list, struct page, lru));
}

static struct per_cpu_pages *hot(struct zone *z)
{
	return &z->pageset[0].pcp[0];
}

static struct per_cpu_pages *cold(struct zone *z)
{
	return &z->pageset[0].pcp[1];
}

/* The per-CPU list of blocks of order 1 .. PCP_MAX_ORDER (beyond 2.6). */
static struct per_cpu_pages *pcp_of(struct zone *z, unsigned int order)
{
	return &z->pageset[0].pcp[pcp_index(order, 0)];
}

static long pcp_first(struct per_cpu_pages *pcp)
{
	return list_empty(&pcp->list) ? -1 :
		(long)page_to_pfn(list_first_entry(&pcp->list, struct page, lru));
}

static long pcp_last(struct per_cpu_pages *pcp)
{
	return list_empty(&pcp->list) ? -1 :
		(long)page_to_pfn(list_last_entry(&pcp->list, struct page, lru));
}

static unsigned long ram_pages(int zi)
{
	unsigned long pfn, n = 0;

	for (pfn = pa.zone_start[zi]; pfn < pa.zone_end[zi]; pfn++)
		n += pa.kind[pfn] == PA_RAM;
	return n;
}

/* Free the model's blocks in a random order, checking as it goes; then drain. */
static void free_all_shuffled(unsigned int check_every)
{
	unsigned int n = 0;

	while (pa.nr_blocks) {
		unsigned int i = ht_rand_below(pa.nr_blocks);

		__free_pages(pfn_to_page(pa.blocks[i].pfn), pa.blocks[i].order);
		pa_model_del(i);
		if (check_every && ++n % check_every == 0)
			ASSERT_CONSISTENT();
	}
	drain_local_pages();
}

/* ---- Boot ---- */

TEST(boot_releases_free_ram_in_maximal_blocks)
{
	static signed char want[PA_MAX_PFN];
	unsigned long pfn;
	int zi;

	pa_boot(&pa_layout_pc);
	ASSERT_CONSISTENT();
	pa_canonical_heads(want);
	for (pfn = 0; pfn < pa.nr_pfns; pfn++)
		if (pa.boot_head[pfn] != want[pfn]) {
			ht_fail(__FILE__, __LINE__, 0, "pfn %#lx: free block of order %d, want %d",
				pfn, pa.boot_head[pfn], want[pfn]);
			break;
		}
	/* The edges: reserved pfn 0, the ISA hole, the unaligned HIGHMEM zone. */
	EXPECT_EQ(pa.boot_head[0], -1);
	EXPECT_EQ(pa.boot_head[1], 0);
	EXPECT_EQ(pa.boot_head[2], 1);
	EXPECT_EQ(pa.boot_head[0x80], 5);
	EXPECT_EQ(pa.boot_head[0x300], 8);
	EXPECT_EQ(pa.boot_head[0x400], 10);
	EXPECT_EQ(pa.boot_head[0x2002], 0);
	EXPECT_EQ(pa.boot_head[0x2011], 0);
	EXPECT_EQ(pa.boot_head[0x2012], 1);
	EXPECT_EQ(pa.boot_head[0x2ffc], 1);	/* NORMAL's last block */
	EXPECT_EQ(pa.boot_head[0x2ffe], 1);	/* HIGHMEM's first: not merged with it */
	EXPECT_EQ(pa.boot_head[0x3000], 10);
	EXPECT_EQ(pa.boot_head[0x3800], 10);
	EXPECT_EQ(pa.boot_head[0x3c00], 1);
	EXPECT_EQ(pa.boot_head[0x3c02], 0);
	EXPECT_EQ(nr_free(HIGH, 10), 3);
	EXPECT_EQ(nr_free(HIGH, 1), 2);
	EXPECT_EQ(nr_free(HIGH, 0), 1);

	for (zi = 0; zi < MAX_NR_ZONES; zi++) {
		struct zone *z = Z(zi);

		EXPECT_EQ(z->free_pages, ram_pages(zi));
		EXPECT_EQ(z->zone_start_pfn, pa.zone_start[zi]);
		EXPECT_EQ(z->spanned_pages, pa_layout_pc.zones_size[zi]);
		EXPECT_EQ(hot(z)->count, 0);
		EXPECT_EQ(cold(z)->count, 0);
	}
	EXPECT_EQ(DMA->present_pages, 0x1000 - 0x60);
	EXPECT_EQ(NORMAL->present_pages, 0x1ffe - 0xe);
	EXPECT_EQ(HIGH->present_pages, 0xc05);
	EXPECT_EQ(totalram_pages, ram_pages(0) + ram_pages(1) + ram_pages(2));
	EXPECT_EQ(totalhigh_pages, ram_pages(ZONE_HIGHMEM));
	EXPECT_EQ(nr_free_pages(), totalram_pages);
	EXPECT_EQ(nr_free_highpages(), ram_pages(ZONE_HIGHMEM));
	/* Every page's zone is in its flags; high pages are PG_highmem; the rest reserved. */
	for (pfn = 0; pfn < pa.nr_pfns; pfn++) {
		struct page *p = pfn_to_page(pfn);

		if (page_zonenum(p) != (enum zone_type)pa_zone_of(pfn) ||
		    !PageHighmem(p) != (pa_zone_of(pfn) != ZONE_HIGHMEM) ||
		    !PageReserved(p) != (pa.kind[pfn] == PA_RAM)) {
			ht_fail(__FILE__, __LINE__, 0, "pfn %#lx: flags %#lx", pfn, p->flags);
			break;
		}
	}
}

/* Leave the machine far from its boot state: blocks held, lists split, every knob turned. */
static void scramble(void)
{
	unsigned int i;

	pa_zero_watermarks();
	for (i = 0; i < 200; i++) {
		static const gfp_t gfps[] = { GFP_KERNEL, GFP_DMA, GFP_HIGHUSER, GFP_ATOMIC | __GFP_COLD };
		struct page *page = pa_get(gfps[ht_rand_below(4)] | NOWARN, ht_rand_below(MAX_ORDER));

		if (page && ht_rand_below(3) == 0)
			pa_put(page);
	}
	set_percpu_pagelists(false);
	fault_attr_set(&fail_page_alloc, 3, 5);
	min_free_kbytes = 12345;
}

/*
 * pa_boot_cached(), the fuzzer's reset, gives the very machine a fresh
 * boot gives: the same fingerprint (every zone, list in its order, page
 * and global, pointers as what they point at), whatever was done to it
 * and whatever other layout was booted in between.
 */
TEST(boot_cached_is_a_fresh_boot)
{
	static const struct pa_layout *const layouts[] = { &pa_layout_pc, &pa_layout_ulk, &big };
	unsigned long long fresh[3];
	unsigned int i, round;

	for (i = 0; i < 3; i++) {
		pa_boot(layouts[i]);
		fresh[i] = pa_fingerprint();
	}
	EXPECT_NE(fresh[0], fresh[1]);
	for (round = 0; round < 3; round++)
		for (i = 0; i < 3; i++) {
			pa_boot_cached(layouts[i]);
			EXPECT_EQ(pa_fingerprint(), fresh[i]);
			ASSERT_CONSISTENT();
			EXPECT_BOOT_PICTURE();
			EXPECT_EQ(pa.nr_blocks, 0);
			scramble();
			ASSERT_CONSISTENT();
			EXPECT_NE(pa_fingerprint(), fresh[i]);	/* the fingerprint sees it */
		}
	pa_boot(&pa_layout_pc);		/* a fresh boot after cached ones still works */
	EXPECT_EQ(pa_fingerprint(), fresh[0]);
	fault_attr_set(&fail_page_alloc, 0, -1);
}

TEST(boot_zonelists_watermarks_and_reserves)
{
	struct zonelist *zl = contig_page_data.node_zonelists;

	pa_boot(&pa_layout_pc);
	/* ULK 8.1.5: the zones each zone modifier may use, in order. */
	EXPECT_PTR_EQ(zl[0].zones[0], NORMAL);
	EXPECT_PTR_EQ(zl[0].zones[1], DMA);
	EXPECT_NULL(zl[0].zones[2]);
	EXPECT_PTR_EQ(zl[__GFP_DMA].zones[0], DMA);
	EXPECT_NULL(zl[__GFP_DMA].zones[1]);
	EXPECT_PTR_EQ(zl[__GFP_HIGHMEM].zones[0], HIGH);
	EXPECT_PTR_EQ(zl[__GFP_HIGHMEM].zones[1], NORMAL);
	EXPECT_PTR_EQ(zl[__GFP_HIGHMEM].zones[2], DMA);
	EXPECT_NULL(zl[__GFP_HIGHMEM].zones[3]);

	/*
	 * Worked out by hand from Linux 2.6.11's init_per_zone_pages_min(),
	 * setup_per_zone_pages_min() and setup_per_zone_lowmem_reserve()
	 * for this layout, not recomputed by a formula:
	 *   present pages: DMA 4096 - 96 (hole) = 4000, NORMAL 8190 - 14 =
	 *   8176, HIGHMEM 3077; low memory 12176 pages = 48704 KB;
	 *   min_free_kbytes = sqrt(48704 * 16 = 779264) = 882 (882^2 =
	 *   777924, 883^2 = 779689): 220 pages, shared by size: DMA
	 *   220 * 4000 / 12176 = 72, NORMAL 220 * 8176 / 12176 = 147;
	 *   HIGHMEM 3077 / 1024 = 3, at least 32;
	 *   low = min * 5/4: 90, 183, 40; high = min * 6/4: 108, 220, 48;
	 *   lowmem_reserve (ratios 256, 32): DMA for NORMAL 8176 / 256 = 31,
	 *   for HIGHMEM (8176 + 3077) / 256 = 43; NORMAL for HIGHMEM
	 *   3077 / 32 = 96;
	 *   free pages: DMA 4000 - 513 reserved = 3487, NORMAL 8176; buffer
	 *   pages above the high marks (3487 - 108) + (8176 - 220) = 11335.
	 */
	EXPECT_EQ(DMA->present_pages, 4000);
	EXPECT_EQ(NORMAL->present_pages, 8176);
	EXPECT_EQ(HIGH->present_pages, 3077);
	EXPECT_EQ(min_free_kbytes, 882);
	EXPECT_EQ(DMA->pages_min, 72);
	EXPECT_EQ(DMA->pages_low, 90);
	EXPECT_EQ(DMA->pages_high, 108);
	EXPECT_EQ(NORMAL->pages_min, 147);
	EXPECT_EQ(NORMAL->pages_low, 183);
	EXPECT_EQ(NORMAL->pages_high, 220);
	EXPECT_EQ(HIGH->pages_min, 32);
	EXPECT_EQ(HIGH->pages_low, 40);
	EXPECT_EQ(HIGH->pages_high, 48);
	EXPECT_EQ(DMA->lowmem_reserve[ZONE_DMA], 0);
	EXPECT_EQ(DMA->lowmem_reserve[ZONE_NORMAL], 31);
	EXPECT_EQ(DMA->lowmem_reserve[ZONE_HIGHMEM], 43);
	EXPECT_EQ(NORMAL->lowmem_reserve[ZONE_NORMAL], 0);
	EXPECT_EQ(NORMAL->lowmem_reserve[ZONE_HIGHMEM], 96);
	EXPECT_EQ(HIGH->lowmem_reserve[ZONE_HIGHMEM], 0);
	EXPECT_EQ(DMA->free_pages, 3487);
	EXPECT_EQ(NORMAL->free_pages, 8176);
	EXPECT_EQ(nr_free_buffer_pages(), 11335);
}

TEST(per_cpu_batch_sizes)
{
	/* Linux 2.6's zone_batchsize(): present/1024 (at most 64), /4, as 2^n - 1. */
	static const struct { unsigned long present; int batch; } cases[] = {
		{ 0, 1 }, { 1024, 1 }, { 4096, 1 }, { 8192, 3 }, { 12288, 7 },
		{ 32768, 15 }, { 65536, 31 }, { 1UL << 20, 31 },
	};
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct zone z;

		memset(&z, 0, sizeof(z));
		z.present_pages = cases[i].present;
		zone_pcp_init(&z);
		EXPECT_EQ(hot(&z)->batch, cases[i].batch);
		EXPECT_EQ(hot(&z)->low, 2 * cases[i].batch);
		EXPECT_EQ(hot(&z)->high, 6 * cases[i].batch);
		EXPECT_EQ(cold(&z)->batch, cases[i].batch);
		EXPECT_EQ(cold(&z)->low, 0);
		EXPECT_EQ(cold(&z)->high, 2 * cases[i].batch);
		EXPECT_TRUE(list_empty(&hot(&z)->list));
	}
}

/*
 * The lists of orders 1 .. PCP_MAX_ORDER: refilled only when empty (low
 * 0), with max(batch >> order, 2) blocks, as Linux's nr_pcp_alloc(), or
 * 1 where the zone's batch is 1; drained at two batches.
 */
TEST(per_cpu_batch_sizes_of_small_orders)
{
	static const struct { unsigned long present; int batch[PCP_MAX_ORDER + 1]; } cases[] = {
		{ 4096, { 1, 1, 1, 1 } },	/* batch 1: one block at a time */
		{ 8192, { 3, 2, 2, 2 } },
		{ 12288, { 7, 3, 2, 2 } },
		{ 32768, { 15, 7, 3, 2 } },
		{ 65536, { 31, 15, 7, 3 } },
	};
	unsigned int i, o;

	EXPECT_EQ(NR_PCP_LISTS, 2 + PCP_MAX_ORDER);
	EXPECT_EQ(pcp_index(0, 0), PCP_HOT);
	EXPECT_EQ(pcp_index(0, 1), PCP_COLD);
	for (o = 1; o <= PCP_MAX_ORDER; o++) {
		EXPECT_EQ(pcp_order(pcp_index(o, 0)), o);
		EXPECT_EQ(pcp_index(o, 1), pcp_index(o, 0));	/* no cold list above order 0 */
	}
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct zone z;

		memset(&z, 0, sizeof(z));
		z.present_pages = cases[i].present;
		zone_pcp_init(&z);
		EXPECT_EQ(hot(&z)->batch, cases[i].batch[0]);
		for (o = 1; o <= PCP_MAX_ORDER; o++) {
			EXPECT_EQ(pcp_of(&z, o)->batch, cases[i].batch[o]);
			EXPECT_EQ(pcp_of(&z, o)->low, 0);
			EXPECT_EQ(pcp_of(&z, o)->high, 2 * cases[i].batch[o]);
			EXPECT_EQ(pcp_of(&z, o)->count, 0);
			EXPECT_TRUE(list_empty(&pcp_of(&z, o)->list));
		}
	}
}

/* ---- The buddy system ---- */

/*
 * ULK 8.1.7: 256 pages wanted, the smallest free block has 1024. It
 * splits: the first 256 pages are used, the next 256 go to the order-8
 * list, the last 512 to the order-9 list. Freeing merges it back.
 */
TEST(ulk_example_splits_1024_into_256_256_512)
{
	struct page *p;
	unsigned int o;

	pa_boot(&pa_layout_ulk);
	ASSERT_EQ(nr_free(DMA, 10), 1);
	ASSERT_EQ(first_free(DMA, 10), 0x400);
	for (o = 0; o < 10; o++)
		ASSERT_EQ(nr_free(DMA, o), 0);

	p = pa_must_get(GFP_DMA, 8);
	EXPECT_EQ(page_to_pfn(p), 0x400);
	EXPECT_EQ(page_count(p), 1);
	EXPECT_FALSE(PagePrivate(p));
	EXPECT_EQ(nr_free(DMA, 10), 0);
	EXPECT_EQ(nr_free(DMA, 9), 1);
	EXPECT_EQ(first_free(DMA, 9), 0x600);
	EXPECT_EQ(nr_free(DMA, 8), 1);
	EXPECT_EQ(first_free(DMA, 8), 0x500);
	for (o = 0; o < 8; o++)
		EXPECT_EQ(nr_free(DMA, o), 0);
	EXPECT_EQ(DMA->free_pages, 768);
	/* The halves are free blocks: PG_private and their order in the head. */
	EXPECT_TRUE(PagePrivate(pfn_to_page(0x500)));
	EXPECT_EQ(page_order(pfn_to_page(0x500)), 8);
	EXPECT_TRUE(PagePrivate(pfn_to_page(0x600)));
	EXPECT_EQ(page_order(pfn_to_page(0x600)), 9);
	EXPECT_CONSISTENT();

	pa_put(p);
	EXPECT_EQ(nr_free(DMA, 10), 1);
	EXPECT_EQ(first_free(DMA, 10), 0x400);
	EXPECT_EQ(nr_free(DMA, 9), 0);
	EXPECT_EQ(nr_free(DMA, 8), 0);
	EXPECT_EQ(DMA->free_pages, 1024);
	EXPECT_BOOT_PICTURE();
}

/* Single pages out of one 1024 block, then freed so the last free merges ten times. */
TEST(merge_cascades_through_every_order)
{
	struct page *p[4];
	unsigned int i, o;

	pa_boot(&pa_layout_ulk);
	set_percpu_pagelists(false);	/* straight to the buddy system */
	for (i = 0; i < 4; i++) {
		p[i] = pa_must_get(GFP_DMA, 0);
		EXPECT_EQ(page_to_pfn(p[i]), 0x400 + i);	/* the smallest block, its lower half */
	}
	/* Left: 0x404 (order 2), 0x408 (3) ... 0x600 (9). */
	for (o = 0; o < 10; o++)
		EXPECT_EQ(nr_free(DMA, o), o >= 2);
	EXPECT_EQ(first_free(DMA, 2), 0x404);
	EXPECT_EQ(first_free(DMA, 9), 0x600);

	pa_put(p[1]);			/* its buddy 0x400 is in use: no merge */
	EXPECT_EQ(nr_free(DMA, 0), 1);
	EXPECT_EQ(first_free(DMA, 0), 0x401);
	pa_put(p[0]);			/* 0x400 + 0x401 -> order 1; buddy 0x402 in use */
	EXPECT_EQ(nr_free(DMA, 0), 0);
	EXPECT_EQ(nr_free(DMA, 1), 1);
	EXPECT_EQ(first_free(DMA, 1), 0x400);
	pa_put(p[3]);
	EXPECT_EQ(nr_free(DMA, 0), 1);
	EXPECT_CONSISTENT();
	pa_put(p[2]);			/* 0x402+0x403, +0x400, +0x404, ... +0x600: order 10 */
	for (o = 0; o < 10; o++)
		EXPECT_EQ(nr_free(DMA, o), 0);
	EXPECT_EQ(nr_free(DMA, 10), 1);
	EXPECT_BOOT_PICTURE();
}

/* The buddy by XOR, pfn 0x2ffc ^ 2 = 0x2ffe, is in the next zone: no merge. */
TEST(buddies_never_merge_across_a_zone_boundary)
{
	struct page *p;

	pa_boot(&bare);
	pa_zero_watermarks();
	set_percpu_pagelists(false);	/* order-1 blocks straight to the buddy system */
	pa_release(0x2ffc, 0x2ffe);	/* NORMAL's last two pages */
	pa_release(0x2ffe, 0x3000);	/* HIGHMEM's first two */
	EXPECT_EQ(nr_free(NORMAL, 1), 1);
	EXPECT_EQ(nr_free(NORMAL, 2), 0);
	EXPECT_EQ(nr_free(HIGH, 1), 1);
	EXPECT_EQ(nr_free(HIGH, 2), 0);
	EXPECT_EQ(first_free(HIGH, 1), 0x2ffe);
	ASSERT_CONSISTENT();

	/* Out and back in again, from either side. */
	p = pa_must_get(GFP_HIGHUSER, 1);
	EXPECT_EQ(page_to_pfn(p), 0x2ffe);
	pa_put(p);
	p = pa_must_get(GFP_KERNEL, 1);
	EXPECT_EQ(page_to_pfn(p), 0x2ffc);
	pa_put(p);
	EXPECT_EQ(nr_free(NORMAL, 1), 1);
	EXPECT_EQ(nr_free(HIGH, 1), 1);
	EXPECT_EQ(nr_free(NORMAL, 2) + nr_free(HIGH, 2), 0);
	EXPECT_CONSISTENT();

	/* More of NORMAL: 0x2ff8 (order 2) must not take 0x2ffc, which is only order 1. */
	pa_release(0x2ff8, 0x2ffc);
	EXPECT_EQ(nr_free(NORMAL, 2), 1);
	EXPECT_EQ(nr_free(NORMAL, 1), 1);
	EXPECT_EQ(nr_free(NORMAL, 3), 0);
	EXPECT_CONSISTENT();
}

/*
 * Every page of the unaligned HIGHMEM zone (0x2ffe .. 0x3c03) out one by
 * one and back in a random order: the blocks at the edges (0x2ffe order
 * 1, 0x3c00 order 1, 0x3c02 order 0) come back as they were.
 */
TEST(unaligned_zone_edges_survive_churn)
{
	unsigned long n = 0, want;
	struct page *p;

	pa_boot(&pa_layout_pc);
	pa_zero_watermarks();
	want = HIGH->free_pages;
	while ((p = pa_get(GFP_HIGHUSER | NOWARN, 0)) && page_zonenum(p) == ZONE_HIGHMEM)
		n++;
	ASSERT_NOT_NULL(p);		/* the first page from the next zone */
	EXPECT_EQ(page_zonenum(p), ZONE_NORMAL);
	EXPECT_EQ(n, want);
	EXPECT_EQ(HIGH->free_pages, 0);
	ASSERT_CONSISTENT();
	free_all_shuffled(64);
	EXPECT_BOOT_PICTURE();
}

/*
 * page_is_buddy()'s fourth condition: a reserved page never merges, even
 * one that otherwise looks like a free block head of the same order
 * (PG_private, count 0, order 0).
 */
TEST(reserved_pages_and_holes_never_merge)
{
	struct page *p, *zero;

	pa_boot(&bare);
	zero = pfn_to_page(0);
	pa_zero_watermarks();
	set_percpu_pagelists(false);
	pa_release(1, 2);
	EXPECT_EQ(nr_free(DMA, 0), 1);
	EXPECT_EQ(nr_free(DMA, 1), 0);
	ASSERT_CONSISTENT();

	p = pa_must_get(GFP_DMA, 0);
	ASSERT_EQ(page_to_pfn(p), 1);
	ASSERT_TRUE(PageReserved(zero));
	set_page_count(zero, 0);	/* pfn 0: reserved, but otherwise a free order-0 head */
	SetPagePrivate(zero);
	zero->private = 0;
	pa_put(p);
	EXPECT_EQ(nr_free(DMA, 0), 1);
	EXPECT_EQ(nr_free(DMA, 1), 0);
	EXPECT_EQ(first_free(DMA, 0), 1);
	ClearPagePrivate(zero);
	set_page_count(zero, 1);
	EXPECT_CONSISTENT();

	/* Holes: the pc layout's blocks stop at them, after any amount of churn. */
	pa_boot(&pa_layout_pc);
	pa_zero_watermarks();
	while (pa_get(GFP_DMA | NOWARN, 0))
		;
	EXPECT_EQ(DMA->free_pages, 0);
	free_all_shuffled(128);
	EXPECT_EQ(pa.boot_head[0x80], 5);	/* 0x80 .. 0xa0, then the ISA hole */
	EXPECT_BOOT_PICTURE();
}

/* ---- Per-CPU page lists (ULK 8.1.8) ---- */

TEST(pcp_hot_page_comes_back_first)
{
	struct page *p, *q;

	pa_boot(&big);
	p = pa_must_get(GFP_KERNEL, 0);
	EXPECT_EQ(page_zonenum(p), ZONE_NORMAL);
	pa_put(p);
	EXPECT_EQ(pcp_first(hot(NORMAL)), (long)page_to_pfn(p));
	q = pa_must_get(GFP_KERNEL, 0);
	EXPECT_PTR_EQ(q, p);
	pa_put(q);
	EXPECT_CONSISTENT();
}

/* Refill: a list at or below `low` takes `batch` pages from the buddy system first. */
TEST(pcp_refills_a_batch_when_low)
{
	struct per_cpu_pages *pcp = hot(NORMAL);
	unsigned long refills;
	int i;

	pa_boot(&big);
	refills = NORMAL->pageset[0].refills;
	ASSERT_EQ(pcp->batch, 7);
	ASSERT_EQ(pcp->count, 0);
	for (i = 0; i < 60; i++) {
		int c = pcp->count;
		unsigned long f = NORMAL->free_pages;
		long want = c ? pcp_first(pcp) : pa_rmqueue_pfn(ZONE_NORMAL, 0);
		struct page *p = pa_must_get(GFP_KERNEL, 0);

		EXPECT_EQ(page_to_pfn(p), want);
		if (c <= pcp->low) {
			EXPECT_EQ(pcp->count, c + pcp->batch - 1);
			EXPECT_EQ(NORMAL->free_pages, f - pcp->batch);
			EXPECT_EQ(NORMAL->pageset[0].refills, ++refills);
		} else {
			EXPECT_EQ(pcp->count, c - 1);
			EXPECT_EQ(NORMAL->free_pages, f);
			EXPECT_EQ(NORMAL->pageset[0].refills, refills);
		}
		EXPECT_GT(pcp->count, 0);
	}
	EXPECT_GT(pcp->count, pcp->low);	/* it levels off above low */
	EXPECT_CONSISTENT();
	pa_free_all();
	EXPECT_BOOT_PICTURE();
}

/*
 * Drain: free nr blocks of this order one by one into its empty per-CPU
 * list. Below `high` each free lands on the list; at `high` the list gives
 * its `batch` oldest blocks (the tail) back to the buddy system, so the
 * first blocks freed are the first given back.
 */
static void check_drain_at_high(struct per_cpu_pages *pcp, unsigned int order, int nr)
{
	struct page *held[60];
	unsigned long drains;
	int i, n = 0;

	ASSERT_LE(nr, 60);
	for (i = 0; i < nr; i++)
		held[i] = pa_must_get(GFP_KERNEL, order);
	drain_local_pages();
	drains = NORMAL->pageset[0].drains;
	ASSERT_EQ(pcp->count, 0);
	for (i = 0; i < nr; i++) {
		int c = pcp->count, k;
		unsigned long f = NORMAL->free_pages, tail[8];
		struct list_head *pos = pcp->list.prev;

		ASSERT_LE(pcp->batch, 8);
		for (k = 0; k < pcp->batch && c >= pcp->high; k++, pos = pos->prev)
			tail[k] = page_to_pfn(list_entry(pos, struct page, lru));	/* what a drain takes */
		pa_put(held[i]);
		EXPECT_EQ(pcp_first(pcp), (long)page_to_pfn(held[i]));
		if (c >= pcp->high) {
			n++;
			EXPECT_EQ(pcp->count, c - pcp->batch + 1);
			EXPECT_EQ(NORMAL->free_pages, f + ((unsigned long)pcp->batch << order));
			EXPECT_EQ(NORMAL->pageset[0].drains, drains + n);
			ASSERT_CONSISTENT();
			for (k = 0; k < pcp->batch; k++)
				EXPECT_EQ(pa.state[tail[k]], PA_S_BUDDY);
		} else {
			EXPECT_EQ(pcp->count, c + 1);
			EXPECT_EQ(NORMAL->free_pages, f);
		}
		EXPECT_LE(pcp->count, pcp->high);
	}
	EXPECT_GE(n, 2);
	ASSERT_CONSISTENT();
	EXPECT_EQ(pa.state[page_to_pfn(held[0])], PA_S_BUDDY);
	EXPECT_EQ(pa.state[page_to_pfn(held[nr - 1])], PA_S_PCP);
}

TEST(pcp_drains_a_batch_when_high)
{
	pa_boot(&big);
	check_drain_at_high(hot(NORMAL), 0, 60);
	drain_local_pages();
	EXPECT_BOOT_PICTURE();
}

/*
 * Cold pages go to the tail of the cold list and come out, oldest first,
 * only for __GFP_COLD; the hot list never sees them.
 */
TEST(pcp_cold_pages_go_to_the_tail_of_the_cold_list)
{
	struct page *a, *b, *c, *p;
	int hot_count;

	pa_boot(&big);
	a = pa_must_get(GFP_KERNEL, 0);
	b = pa_must_get(GFP_KERNEL, 0);
	c = pa_must_get(GFP_KERNEL, 0);
	hot_count = hot(NORMAL)->count;
	ASSERT_EQ(cold(NORMAL)->count, 0);

	/* free_cold_page() takes a page whose last reference is gone, as put_page() leaves it. */
	ASSERT_TRUE(put_page_testzero(a));
	free_cold_page(a);
	pa_model_del(pa_model_find(page_to_pfn(a)));
	ASSERT_TRUE(put_page_testzero(b));
	free_cold_page(b);
	pa_model_del(pa_model_find(page_to_pfn(b)));
	EXPECT_EQ(cold(NORMAL)->count, 2);
	EXPECT_EQ(pcp_first(cold(NORMAL)), (long)page_to_pfn(a));
	EXPECT_EQ(pcp_last(cold(NORMAL)), (long)page_to_pfn(b));
	EXPECT_EQ(hot(NORMAL)->count, hot_count);
	ASSERT_CONSISTENT();

	/* A hot request does not take them ... */
	p = pa_must_get(GFP_KERNEL, 0);
	EXPECT_PTR_NE(p, a);
	EXPECT_PTR_NE(p, b);
	pa_put(p);
	/* ... a cold one does, oldest first. */
	EXPECT_PTR_EQ(pa_must_get(GFP_KERNEL | __GFP_COLD, 0), a);
	EXPECT_PTR_EQ(pa_must_get(GFP_KERNEL | __GFP_COLD, 0), b);
	EXPECT_EQ(cold(NORMAL)->count, 0);
	/* Empty (low is 0): the next cold request refills it with a batch. */
	p = pa_must_get(GFP_KERNEL | __GFP_COLD, 0);
	EXPECT_EQ(cold(NORMAL)->count, cold(NORMAL)->batch - 1);
	EXPECT_CONSISTENT();

	/* A cold list at high drains too (from its tail, the newest cold pages). */
	pa_put(c);
	while (pa.nr_blocks) {
		struct page *q = pfn_to_page(pa.blocks[0].pfn);

		ASSERT_TRUE(put_page_testzero(q));
		free_cold_page(q);
		pa_model_del(0);
		EXPECT_LE(cold(NORMAL)->count, cold(NORMAL)->high);
	}
	EXPECT_CONSISTENT();
	drain_local_pages();
	EXPECT_BOOT_PICTURE();
}

TEST(pcp_drain_local_pages_empties_every_list)
{
	int i;

	pa_boot(&big);
	for (i = 0; i < 40; i++) {
		pa_must_get(GFP_KERNEL, 0);
		pa_must_get(GFP_DMA, 0);
		pa_must_get(GFP_KERNEL | __GFP_COLD, 0);
	}
	free_all_shuffled(0);		/* ends with drain_local_pages() */
	for (i = 0; i < MAX_NR_ZONES; i++) {
		EXPECT_EQ(hot(Z(i))->count, 0);
		EXPECT_EQ(cold(Z(i))->count, 0);
		EXPECT_TRUE(list_empty(&hot(Z(i))->list));
		EXPECT_EQ(Z(i)->free_pages, pa.managed[i]);
	}
	EXPECT_BOOT_PICTURE();
}

TEST(pcp_disabled_goes_straight_to_the_buddy_system)
{
	unsigned long refills, f;
	struct page *p;
	long want;

	pa_boot(&big);
	set_percpu_pagelists(false);
	refills = NORMAL->pageset[0].refills;
	want = pa_rmqueue_pfn(ZONE_NORMAL, 0);
	f = NORMAL->free_pages;
	p = pa_must_get(GFP_KERNEL, 0);
	EXPECT_EQ(page_to_pfn(p), want);
	EXPECT_EQ(NORMAL->free_pages, f - 1);
	EXPECT_EQ(hot(NORMAL)->count, 0);
	EXPECT_EQ(NORMAL->pageset[0].refills, refills);
	pa_put(p);
	EXPECT_EQ(NORMAL->free_pages, f);
	EXPECT_EQ(hot(NORMAL)->count, 0);
	p = pa_must_get(GFP_KERNEL | __GFP_COLD, 0);
	ASSERT_TRUE(put_page_testzero(p));
	free_cold_page(p);
	pa_model_del(pa_model_find(page_to_pfn(p)));
	EXPECT_EQ(cold(NORMAL)->count, 0);
	EXPECT_BOOT_PICTURE();
}

/*
 * Orders 1 .. PCP_MAX_ORDER have a list each (beyond 2.6, as Linux 5.13):
 * an empty list takes a batch of blocks from the buddy system, the
 * first being the one __rmqueue() gives; a freed block goes to the
 * head and is the next handed out (hot or cold alike); order-0 lists
 * and larger orders are not involved.
 */
TEST(pcp_small_orders_refill_when_empty_and_reuse_the_last_freed)
{
	unsigned int o;

	pa_boot(&big);
	for (o = 1; o <= PCP_MAX_ORDER; o++) {
		struct per_cpu_pages *pcp = pcp_of(NORMAL, o);
		unsigned long f = NORMAL->free_pages, refills = NORMAL->pageset[0].refills;
		int hot_count = hot(NORMAL)->count;
		long want = pa_rmqueue_pfn(ZONE_NORMAL, o);
		struct page *p, *q;

		ASSERT_EQ(pcp->count, 0);
		p = pa_must_get(GFP_KERNEL, o);
		EXPECT_EQ(page_to_pfn(p), want);
		EXPECT_EQ(pcp->count, pcp->batch - 1);
		EXPECT_EQ(NORMAL->free_pages, f - ((unsigned long)pcp->batch << o));
		EXPECT_EQ(NORMAL->pageset[0].refills, refills + 1);
		EXPECT_EQ(hot(NORMAL)->count, hot_count);
		EXPECT_TRUE(PageHead(p));
		EXPECT_EQ(p[1].private, page_to_pfn(p) + 1);	/* BLOCK_TAIL_TAG */
		ASSERT_CONSISTENT();

		pa_put(p);
		EXPECT_EQ(pcp_first(pcp), (long)page_to_pfn(p));
		EXPECT_EQ(pcp->count, pcp->batch);
		EXPECT_FALSE(PageHead(p));		/* unmarked on the list */
		EXPECT_EQ(p[(1 << o) - 1].private, 0UL);
		EXPECT_EQ(NORMAL->free_pages, f - ((unsigned long)pcp->batch << o));
		q = pa_must_get(GFP_KERNEL | __GFP_COLD, o);
		EXPECT_PTR_EQ(q, p);
		EXPECT_EQ(NORMAL->pageset[0].refills, refills + 1);
		pa_put(q);
		ASSERT_CONSISTENT();
	}
	/* PCP_MAX_ORDER + 1 is the buddy system's alone. */
	{
		unsigned long f = NORMAL->free_pages;
		struct page *p = pa_must_get(GFP_KERNEL, PCP_MAX_ORDER + 1);

		EXPECT_EQ(NORMAL->free_pages, f - (1UL << (PCP_MAX_ORDER + 1)));
		pa_put(p);
		EXPECT_EQ(NORMAL->free_pages, f);
	}
	drain_local_pages();
	for (o = 1; o <= PCP_MAX_ORDER; o++)
		EXPECT_EQ(pcp_of(NORMAL, o)->count, 0);
	EXPECT_BOOT_PICTURE();
}

/* The lists of order 1 .. PCP_MAX_ORDER drain the same way. */
TEST(pcp_small_orders_drain_a_batch_when_high)
{
	unsigned int o;

	pa_boot(&big);
	for (o = 1; o <= PCP_MAX_ORDER; o++)
		check_drain_at_high(pcp_of(NORMAL, o), o, 24);
	drain_local_pages();
	EXPECT_BOOT_PICTURE();
}

/* Off, the small orders go straight to the buddy system too; drain_local_pages() empties every list. */
TEST(pcp_small_orders_disabled_and_drained)
{
	unsigned int o, i;

	pa_boot(&big);
	for (i = 0; i < 8; i++)
		for (o = 0; o <= PCP_MAX_ORDER; o++)
			pa_must_get(i & 1 ? GFP_DMA : GFP_KERNEL, o);
	free_all_shuffled(4);		/* ends with drain_local_pages() */
	for (i = 0; i < MAX_NR_ZONES; i++) {
		unsigned int l;

		for (l = 0; l < NR_PCP_LISTS; l++) {
			EXPECT_EQ(Z(i)->pageset[0].pcp[l].count, 0);
			EXPECT_TRUE(list_empty(&Z(i)->pageset[0].pcp[l].list));
		}
		EXPECT_EQ(Z(i)->free_pages, pa.managed[i]);
	}
	EXPECT_BOOT_PICTURE();

	set_percpu_pagelists(false);
	for (o = 1; o <= PCP_MAX_ORDER; o++) {
		unsigned long f = NORMAL->free_pages, refills = NORMAL->pageset[0].refills;
		long want = pa_rmqueue_pfn(ZONE_NORMAL, o);
		struct page *p = pa_must_get(GFP_KERNEL, o);

		EXPECT_EQ(page_to_pfn(p), want);
		EXPECT_EQ(NORMAL->free_pages, f - (1UL << o));
		EXPECT_EQ(NORMAL->pageset[0].refills, refills);
		pa_put(p);
		EXPECT_EQ(NORMAL->free_pages, f);
		EXPECT_EQ(pcp_of(NORMAL, o)->count, 0);
	}
	EXPECT_BOOT_PICTURE();
	set_percpu_pagelists(true);
	EXPECT_EQ(pcp_of(NORMAL, 1)->high, 2 * pcp_of(NORMAL, 1)->batch);
}

/* ---- Zones, watermarks, reserves (ULK 8.1.5 - 8.1.7) ---- */

TEST(gfp_dma_comes_only_from_zone_dma)
{
	unsigned long n = 0, normal_free;
	struct page *p;

	pa_boot(&pa_layout_pc);
	pa_zero_watermarks();
	normal_free = NORMAL->free_pages;
	while ((p = pa_get(GFP_DMA | NOWARN, 0))) {
		n++;
		ASSERT_EQ(page_zonenum(p), ZONE_DMA);	/* pa_get() checks it too */
	}
	EXPECT_EQ(n, pa.managed[ZONE_DMA]);
	EXPECT_EQ(NORMAL->free_pages, normal_free);
	EXPECT_NULL(alloc_pages(GFP_DMA | NOWARN, 0));
	EXPECT_NOT_NULL(pa_get(GFP_KERNEL, 0));		/* NORMAL still has plenty */
	EXPECT_CONSISTENT();
	free_all_shuffled(256);
	EXPECT_BOOT_PICTURE();
}

/* GFP_HIGHUSER: all of HIGHMEM, then NORMAL, then DMA; the failure warns once. */
TEST(gfp_highuser_falls_back_highmem_normal_dma)
{
	unsigned long n[MAX_NR_ZONES] = { 0 };
	int last = ZONE_HIGHMEM, zi;
	struct page *p;

	pa_boot(&pa_layout_pc);
	pa_zero_watermarks();
	while ((p = pa_get(GFP_HIGHUSER | NOWARN, 0))) {
		zi = page_zonenum(p);
		if (zi > last) {
			ht_fail(__FILE__, __LINE__, 1, "pfn %#lx from %s after one from %s",
				page_to_pfn(p), zone_names[zi], zone_names[last]);
		}
		last = zi;
		n[zi]++;
	}
	for (zi = 0; zi < MAX_NR_ZONES; zi++)
		EXPECT_EQ(n[zi], pa.managed[zi]);
	EXPECT_EQ(host_printk_count("page allocation failure"), 0);
	EXPECT_NULL(alloc_pages(GFP_HIGHUSER, 3));
	EXPECT_EQ(host_printk_count("page allocation failure. order:3"), 1);
	EXPECT_CONSISTENT();
	free_all_shuffled(512);
	EXPECT_BOOT_PICTURE();
}

/* Real watermarks from here on. GFP_KERNEL never touches HIGHMEM. */
TEST(gfp_kernel_never_comes_from_highmem)
{
	struct page *p;
	unsigned long n = 0;

	pa_boot(&pa_layout_pc);
	while ((p = pa_get(GFP_KERNEL | NOWARN, (n++ % 3) ? 0 : 2)))
		ASSERT_NE(page_zonenum(p), ZONE_HIGHMEM);
	while ((p = pa_get(GFP_KERNEL | NOWARN, 0)))
		ASSERT_NE(page_zonenum(p), ZONE_HIGHMEM);
	EXPECT_EQ(HIGH->free_pages, pa.managed[ZONE_HIGHMEM]);
	EXPECT_NULL(alloc_pages(GFP_KERNEL | NOWARN, 0));
	EXPECT_NOT_NULL(pa_get(GFP_HIGHUSER, 0));
	EXPECT_CONSISTENT();
	free_all_shuffled(512);
	EXPECT_BOOT_PICTURE();
}

/*
 * Per-CPU lists off, so free_pages is exact. GFP_KERNEL (classzone
 * NORMAL) takes NORMAL down to pages_min, and DMA only down to pages_min
 * plus the lowmem_reserve it keeps against NORMAL requests. A DMA request
 * (classzone DMA) may then take those reserved pages too.
 */
TEST(lowmem_reserve_keeps_dma_from_gfp_kernel)
{
	unsigned long res, n = 0;

	pa_boot(&pa_layout_pc);
	set_percpu_pagelists(false);
	res = DMA->lowmem_reserve[ZONE_NORMAL];
	ASSERT_GT(res, 0);
	while (pa_get(GFP_KERNEL | NOWARN, 0))
		;
	EXPECT_EQ(NORMAL->free_pages, NORMAL->pages_min);
	EXPECT_EQ(DMA->free_pages, DMA->pages_min + res);
	while (pa_get(GFP_KERNEL | GFP_DMA | NOWARN, 0))
		n++;
	EXPECT_EQ(n, res);
	EXPECT_EQ(DMA->free_pages, DMA->pages_min);
	/* GFP_DMA alone has no __GFP_WAIT: atomic, it may go a quarter lower. */
	n = 0;
	while (pa_get(GFP_DMA | NOWARN, 0))
		n++;
	EXPECT_EQ(n, DMA->pages_min / 4);
	EXPECT_CONSISTENT();

	/* GFP_HIGHUSER: each lower zone keeps back what it keeps against HIGHMEM. */
	pa_boot(&pa_layout_pc);
	set_percpu_pagelists(false);
	while (pa_get(GFP_HIGHUSER | NOWARN, 0))
		;
	EXPECT_EQ(HIGH->free_pages, HIGH->pages_min);
	EXPECT_EQ(NORMAL->free_pages, NORMAL->pages_min + NORMAL->lowmem_reserve[ZONE_HIGHMEM]);
	EXPECT_EQ(DMA->free_pages, DMA->pages_min + DMA->lowmem_reserve[ZONE_HIGHMEM]);
	EXPECT_CONSISTENT();
	free_all_shuffled(512);
	EXPECT_BOOT_PICTURE();
}

/*
 * Below pages_min a GFP_KERNEL request fails; __GFP_HIGH may use half
 * of the reserve, an atomic request (no __GFP_WAIT) a quarter more.
 */
TEST(atomic_requests_dig_below_pages_min)
{
	unsigned long min_n, min_d, high_n, atomic_n, atomic_d, res;

	pa_boot(&pa_layout_pc);
	set_percpu_pagelists(false);
	min_n = NORMAL->pages_min;
	min_d = DMA->pages_min;
	res = DMA->lowmem_reserve[ZONE_NORMAL];
	high_n = min_n - min_n / 2;
	atomic_n = high_n - high_n / 4;
	atomic_d = (min_d - min_d / 2) - (min_d - min_d / 2) / 4;
	ASSERT_GT(min_n, atomic_n);

	while (pa_get(GFP_KERNEL | NOWARN, 0))
		;
	EXPECT_EQ(NORMAL->free_pages, min_n);
	EXPECT_NULL(alloc_pages(GFP_KERNEL | NOWARN, 0));

	while (pa_get(GFP_KERNEL | __GFP_HIGH | NOWARN, 0))
		;
	EXPECT_EQ(NORMAL->free_pages, high_n);

	while (pa_get(GFP_ATOMIC | NOWARN, 0))
		;
	EXPECT_EQ(NORMAL->free_pages, atomic_n);
	EXPECT_EQ(DMA->free_pages, atomic_d + res);
	EXPECT_GT(NORMAL->free_pages, 0);	/* the last reserve stays */
	EXPECT_CONSISTENT();
	free_all_shuffled(512);
	EXPECT_BOOT_PICTURE();
}

/*
 * The last resort before failing: give the per-CPU lists back. Here the
 * only order-10 block left is scattered over the buddy system and the
 * hot list, so the request succeeds only once they are drained and the
 * pages merge.
 */
TEST(drain_before_failure_merges_per_cpu_pages)
{
	struct page *p;
	unsigned long drains, i;

	pa_boot(&normal_only);
	pa_zero_watermarks();
	for (i = 0; i < 11; i++)
		pa_must_get(GFP_KERNEL, 10);
	for (i = 0; i < 1024; i++)
		pa_must_get(GFP_KERNEL, 0);
	EXPECT_EQ(NORMAL->free_pages + hot(NORMAL)->count, 0);
	while (pa.nr_blocks > 11)
		pa_put(pfn_to_page(pa.blocks[11].pfn));
	ASSERT_CONSISTENT();
	ASSERT_GT(hot(NORMAL)->count, 0);
	ASSERT_EQ(nr_free(NORMAL, 10), 0);
	drains = NORMAL->pageset[0].drains;

	host_printk_clear();
	p = pa_get(GFP_KERNEL, 10);
	ASSERT_NOT_NULL(p);
	EXPECT_EQ(hot(NORMAL)->count, 0);
	EXPECT_GT(NORMAL->pageset[0].drains, drains);
	EXPECT_EQ(NORMAL->free_pages, 0);
	EXPECT_EQ(host_printk_count("page allocation failure"), 0);
	EXPECT_CONSISTENT();
	pa_free_all();
	EXPECT_BOOT_PICTURE();
}

/* ---- What every allocation must be ---- */

static int all_bytes(const unsigned char *p, unsigned long n, unsigned char c)
{
	static unsigned char ref[PAGE_SIZE];
	unsigned long off;

	memset(ref, c, sizeof(ref));
	for (off = 0; off < n; off += PAGE_SIZE)
		if (memcmp(p + off, ref, PAGE_SIZE))
			return 0;
	return 1;
}

/* __GFP_ZERO clears every page of the block, high pages through kmap_atomic(), and nothing else. */
TEST(gfp_zero_clears_every_page_of_the_block)
{
	static const gfp_t gfps[] = { GFP_DMA, GFP_KERNEL, GFP_HIGHUSER };
	static const unsigned int orders[] = { 0, 1, 3, 10 };
	unsigned int g, o, k;

	pa_boot(&pa_layout_pc);
	for (g = 0; g < 3; g++) {
		for (o = 0; o < 4; o++) {
			unsigned long pfn, n = 1UL << orders[o];
			struct page *p;

			for (pfn = 0; pfn < pa.nr_pfns; pfn++)
				if (!pa.owned[pfn])
					memset(pa_page_mem(pfn), 0xa5, PAGE_SIZE);
			p = pa_must_get(gfps[g] | __GFP_ZERO, orders[o]);
			pfn = page_to_pfn(p);
			EXPECT_TRUE(all_bytes(pa_page_mem(pfn), n * PAGE_SIZE, 0));
			for (k = 0; k < pa.nr_pfns; k++)
				if (!pa.owned[k] && !all_bytes(pa_page_mem(k), PAGE_SIZE, 0xa5)) {
					ht_fail(__FILE__, __LINE__, 0, "pfn %#x written by the zeroing of %#lx",
						k, pfn);
					break;
				}
			for (k = 0; k < HOST_KM_TYPE_NR; k++)
				EXPECT_NULL(host_kmap_slot[k]);
		}
	}
	/* At least one of them was high (kmap_atomic) and one of order 10. */
	EXPECT_EQ(page_zonenum(pfn_to_page(pa.blocks[pa.nr_blocks - 1].pfn)), ZONE_HIGHMEM);
	EXPECT_CONSISTENT();
	pa_free_all();
	EXPECT_BOOT_PICTURE();
}

/*
 * Random allocations and frees of every order and zone modifier, with
 * real watermarks: every block is aligned to its order and in a zone its
 * flags allow (pa_model_add), and the whole allocator stays consistent.
 */
TEST(random_churn_stays_consistent)
{
	static const gfp_t gfps[] = { GFP_KERNEL, GFP_DMA, GFP_HIGHUSER, GFP_ATOMIC,
				      GFP_USER | __GFP_COLD, GFP_HIGHUSER | __GFP_COLD };
	int i;

	pa_boot(&pa_layout_pc);
	for (i = 0; i < 3000; i++) {
		if (pa.nr_blocks && ht_rand_below(100) < 45) {
			unsigned int k = ht_rand_below(pa.nr_blocks);

			__free_pages(pfn_to_page(pa.blocks[k].pfn), pa.blocks[k].order);
			pa_model_del(k);
		} else {
			unsigned int order = ht_rand_below(4) ? ht_rand_below(3) : ht_rand_below(MAX_ORDER);

			pa_get(gfps[ht_rand_below(6)] | NOWARN, order);
		}
		if (i % 3 == 0)
			ASSERT_CONSISTENT();
		if (i % 700 == 0)
			drain_local_pages();
	}
	ht_diag("%u blocks live at the end, %lu pages free", pa.nr_blocks, nr_free_pages());
	free_all_shuffled(0);
	EXPECT_BOOT_PICTURE();
}

/* ---- Exhaustion ---- */

TEST(exhaust_every_page_then_free_all)
{
	unsigned long n = 0;

	pa_boot(&pa_layout_pc);
	pa_zero_watermarks();
	while (pa_get(GFP_HIGHUSER | NOWARN, 0))
		if (++n % 1024 == 0)
			ASSERT_CONSISTENT();
	EXPECT_EQ(n, totalram_pages);
	EXPECT_EQ(nr_free_pages(), 0);
	ASSERT_CONSISTENT();		/* pa_model_add() saw every page distinct */
	free_all_shuffled(1024);
	EXPECT_BOOT_PICTURE();
}

/* Largest blocks first, then the gaps with smaller ones: every page, all distinct. */
TEST(exhaust_with_mixed_orders_then_free_all)
{
	unsigned long pages = 0;
	int order;

	pa_boot(&pa_layout_pc);
	pa_zero_watermarks();
	for (order = MAX_ORDER - 1; order >= 0; order--) {
		while (pa_get(GFP_HIGHUSER | NOWARN, order))
			pages += 1UL << order;
		ASSERT_CONSISTENT();
	}
	EXPECT_EQ(pages, totalram_pages);
	EXPECT_EQ(nr_free_pages(), 0);
	free_all_shuffled(64);
	EXPECT_BOOT_PICTURE();
}

/* ---- The rest of the API ---- */

TEST(get_free_pages_family)
{
	unsigned long a, warns = host_warn_count, reports = nr_bad_page_reports;
	struct page *p;

	pa_boot(&pa_layout_pc);
	a = __get_free_pages(GFP_KERNEL, 2);
	ASSERT_NE(a, 0);
	EXPECT_EQ((a - (unsigned long)pa_arena) % (4 * PAGE_SIZE), 0);
	p = virt_to_page(a);
	EXPECT_EQ(page_zonenum(p), ZONE_NORMAL);
	EXPECT_PTR_EQ(page_address(p), (void *)a);
	EXPECT_PTR_EQ(lowmem_page_address(p), (void *)a);
	PA_EXPECT_OK(pa_model_add(p, 2, GFP_KERNEL), 1);
	free_pages(a, 2);
	pa_model_del(pa_model_find(page_to_pfn(p)));

	a = __get_dma_pages(GFP_KERNEL, 1);
	ASSERT_NE(a, 0);
	EXPECT_EQ(page_zonenum(virt_to_page(a)), ZONE_DMA);
	free_pages(a, 1);

	memset(pa_arena, 0x5a, pa.nr_pfns * PAGE_SIZE);
	a = get_zeroed_page(GFP_KERNEL);
	ASSERT_NE(a, 0);
	EXPECT_TRUE(all_bytes((void *)a, PAGE_SIZE, 0));
	free_page(a);

	/* High pages have no address to return; alloc_pages() is the way. */
	EXPECT_EQ(__get_free_pages(GFP_HIGHUSER, 0), 0);
	EXPECT_EQ(host_warn_count, warns + 1);
	p = pa_must_get(GFP_HIGHUSER, 0);
	EXPECT_NULL(page_address(p));
	/* free_pages() of a high page's arena address: not in the direct map. */
	free_pages((unsigned long)pa_page_mem(page_to_pfn(p)), 0);
	EXPECT_EQ(host_warn_count, warns + 2);
	EXPECT_EQ(host_printk_count("is not a page of the direct map"), 1);
	EXPECT_EQ(page_count(p), 1);
	pa_put(p);
	free_pages(0, 3);		/* a no-op */
	EXPECT_NULL(alloc_pages(GFP_KERNEL, MAX_ORDER));
	EXPECT_EQ(nr_bad_page_reports, reports);
	drain_local_pages();
	EXPECT_BOOT_PICTURE();
}

/* Only the last reference frees: get_page() then two puts. */
TEST(reference_counts_free_on_the_last_put)
{
	struct page *p;
	unsigned long f;

	pa_boot(&pa_layout_pc);
	set_percpu_pagelists(false);
	p = pa_must_get(GFP_KERNEL, 3);
	get_page(p);
	EXPECT_EQ(page_count(p), 2);
	f = NORMAL->free_pages;
	__free_pages(p, 3);
	EXPECT_EQ(page_count(p), 1);
	EXPECT_EQ(NORMAL->free_pages, f);
	EXPECT_CONSISTENT();
	pa_put(p);
	EXPECT_EQ(NORMAL->free_pages, f + 8);

	p = pa_must_get(GFP_KERNEL, 0);
	get_page(p);
	put_page(p);
	EXPECT_EQ(page_count(p), 1);
	EXPECT_CONSISTENT();
	pa_model_del(pa_model_find(page_to_pfn(p)));
	put_page(p);
	EXPECT_EQ(page_count(p), 0);
	EXPECT_BOOT_PICTURE();
}
