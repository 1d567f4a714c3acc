/*
 * The page allocator's self-checks on the host: every bad_page() case
 * (reported exactly once, the allocator left consistent: nothing both
 * free and allocated), zone_check() catching deliberate corruption of
 * the free lists, and fault injection (fail_page_alloc=). The machines
 * and checks are page_alloc_host.h's; test_page_alloc.c has the rest.
 */
#include <stdio.h>
#include <string.h>
#include "harness.h"
#include "page_alloc_host.h"
#include "include/errno.h"
#include "include/jiffies.h"

/* Everything reserved: the test releases what it wants. */
static const struct pa_layout bare = {
	.name = "bare",
	.zones_size = { 0x1000, 0x1ffe, 0x802 },
	.reserved = { { 0, 0x3800 } },
};

#define DMA		pa_zone(ZONE_DMA)
#define NORMAL		pa_zone(ZONE_NORMAL)
#define NOWARN		__GFP_NOWARN

static unsigned long reports;

/* Boot, and count bad page reports from here. */
static void boot(const struct pa_layout *l)
{
	pa_boot(l);
	reports = nr_bad_page_reports;
	tainted_mask = 0;
	host_printk_clear();
}

/*
 * Exactly one new report, for pfn, giving reason; the page allocator
 * still consistent with the model (which still holds whatever the bad
 * free left allocated).
 */
#define EXPECT_ONE_REPORT(reason, pfn) do {				\
	char _where[32];						\
									\
	EXPECT_EQ(nr_bad_page_reports, reports + 1);			\
	EXPECT_EQ(host_printk_count("Bad page state in "), 1);		\
	EXPECT_EQ(host_printk_count(reason), 1);				\
	snprintf(_where, sizeof(_where), "pfn:%#lx ", (unsigned long)(pfn)); \
	EXPECT_EQ(host_printk_count(_where), 1);				\
	EXPECT_TRUE(tainted_mask & (1UL << 5 /* TAINT_BAD_PAGE */));	\
	EXPECT_CONSISTENT();						\
	reports = nr_bad_page_reports;					\
	host_printk_clear();						\
} while (0)

#define EXPECT_NO_REPORT() do {						\
	EXPECT_EQ(nr_bad_page_reports, reports);			\
	EXPECT_EQ(host_printk_count("Bad page state"), 0);			\
} while (0)

/* ---- Bad pages ---- */

TEST(bad_page_double_free_of_a_single_page)
{
	struct page *p;

	boot(&pa_layout_pc);
	p = pa_must_get(GFP_KERNEL, 0);
	pa_put(p);			/* onto the hot list */
	__free_pages(p, 0);
	EXPECT_ONE_REPORT("freeing a free page (double free?)", page_to_pfn(p));
	EXPECT_EQ(pa.state[page_to_pfn(p)], PA_S_PCP);	/* there once, not twice */
	drain_local_pages();		/* now in the buddy system */
	__free_pages(p, 0);
	EXPECT_ONE_REPORT("freeing a free page (double free?)", page_to_pfn(p));
	EXPECT_BOOT_PICTURE();
}

TEST(bad_page_double_free_of_a_block)
{
	struct page *p;

	boot(&pa_layout_pc);
	p = pa_must_get(GFP_KERNEL, 3);
	pa_put(p);			/* onto the order-3 per-CPU list */
	__free_pages(p, 3);
	EXPECT_ONE_REPORT("freeing a free page (double free?)", page_to_pfn(p));
	EXPECT_EQ(pa.state[page_to_pfn(p)], PA_S_PCP);	/* there once, not twice */
	EXPECT_EQ(NORMAL->pageset[0].pcp[pcp_index(3, 0)].count, 1);
	drain_local_pages();		/* now in the buddy system */
	__free_pages(p, 3);
	EXPECT_ONE_REPORT("freeing a free page (double free?)", page_to_pfn(p));
	EXPECT_NO_REPORT();
	EXPECT_BOOT_PICTURE();
}

TEST(bad_page_freeing_a_reserved_page)
{
	struct page *p;

	boot(&pa_layout_pc);
	p = pfn_to_page(0);		/* the BIOS page */
	__free_pages(p, 0);
	EXPECT_ONE_REPORT("freeing a reserved page", 0);
	EXPECT_EQ(page_count(p), 1);
	EXPECT_TRUE(PageReserved(p));
	p = pfn_to_page(0xa0);		/* a hole */
	__free_pages(p, 5);
	EXPECT_ONE_REPORT("freeing a reserved page", 0xa0);
	p = pfn_to_page(0x200);		/* the kernel image */
	__free_pages(p, 9);
	EXPECT_ONE_REPORT("freeing a reserved page", 0x200);
	EXPECT_BOOT_PICTURE();
}

/* Still mapped by page tables: the block is not freed, its count is back to 1. */
TEST(bad_page_freeing_a_mapped_page)
{
	struct page *p;

	boot(&pa_layout_pc);
	p = pa_must_get(GFP_KERNEL, 0);
	atomic_set(&p->_mapcount, 0);
	__free_pages(p, 0);
	EXPECT_ONE_REPORT("page still mapped by page tables", page_to_pfn(p));
	EXPECT_EQ(page_count(p), 1);
	reset_page_mapcount(p);
	pa_put(p);
	EXPECT_NO_REPORT();

	/* A mapped page inside a block. */
	p = pa_must_get(GFP_KERNEL, 2);
	atomic_set(&p[3]._mapcount, 2);
	__free_pages(p, 2);
	EXPECT_EQ(host_printk_count("page 3: page still mapped by page tables"), 1);
	EXPECT_ONE_REPORT("the block's pages disagree", page_to_pfn(p) + 3);
	EXPECT_EQ(page_count(p), 1);
	reset_page_mapcount(p + 3);
	pa_put(p);
	EXPECT_NO_REPORT();
	drain_local_pages();
	EXPECT_BOOT_PICTURE();
}

TEST(bad_page_freeing_a_page_with_a_mapping)
{
	struct page *p;

	boot(&pa_layout_pc);
	p = pa_must_get(GFP_HIGHUSER, 0);
	p->mapping = (struct address_space *)0x1234;
	__free_pages(p, 0);
	EXPECT_ONE_REPORT("page still has a mapping", page_to_pfn(p));
	p->mapping = NULL;
	pa_put(p);

	p = pa_must_get(GFP_KERNEL, 4);
	p->mapping = (struct address_space *)0x1234;
	__free_pages(p, 4);
	EXPECT_ONE_REPORT("page still has a mapping", page_to_pfn(p));
	p->mapping = NULL;
	pa_put(p);
	EXPECT_NO_REPORT();
	drain_local_pages();
	EXPECT_BOOT_PICTURE();
}

TEST(bad_page_freeing_a_page_with_flags_set)
{
	static const int flags[] = { PG_locked, PG_lru, PG_active, PG_slab, PG_private,
				     PG_writeback, PG_swapcache, PG_reclaim, PG_dirty };
	unsigned int i;

	boot(&pa_layout_pc);
	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		struct page *p = pa_must_get(GFP_KERNEL, i % 3);

		p->flags |= 1UL << flags[i];
		__free_pages(p, i % 3);
		EXPECT_ONE_REPORT("page flags not clean", page_to_pfn(p));
		p->flags &= ~(1UL << flags[i]);
		pa_put(p);
		EXPECT_NO_REPORT();
	}
	drain_local_pages();
	EXPECT_BOOT_PICTURE();
}

/*
 * A block freed with too large an order: the pages past its end are not
 * its own (tail tags), or the order does not even fit its alignment.
 */
TEST(bad_page_freeing_a_block_with_the_wrong_order)
{
	struct page *p, *q;

	boot(&pa_layout_ulk);
	set_percpu_pagelists(false);
	p = pa_must_get(GFP_DMA, 2);
	ASSERT_EQ(page_to_pfn(p), 0x400);
	/* 0x404 .. 0x407 are a free block: order 3 would free them twice. */
	__free_pages(p, 3);
	EXPECT_EQ(host_printk_count("page 4: page flags not clean"), 1);
	EXPECT_ONE_REPORT("the block's pages disagree", 0x404);
	EXPECT_EQ(page_count(p), 1);

	q = pa_must_get(GFP_DMA, 2);
	ASSERT_EQ(page_to_pfn(q), 0x404);
	/* Now they are someone else's block. */
	__free_pages(p, 3);
	EXPECT_EQ(host_printk_count("page 4: page still has users"), 1);
	EXPECT_ONE_REPORT("the block's pages disagree", 0x404);
	/* 0x404 cannot head an order-3 block. */
	__free_pages(q, 3);
	EXPECT_ONE_REPORT("block not aligned to its order", 0x404);
	/* Beyond MAX_ORDER: 0x400 is not 2048-aligned. */
	__free_pages(p, MAX_ORDER);
	EXPECT_ONE_REPORT("block not aligned to its order", 0x400);
	/* The whole 1024 pages: stopped at q's head again. */
	__free_pages(p, 10);
	EXPECT_EQ(host_printk_count("page 4: page still has users"), 1);
	EXPECT_ONE_REPORT("the block's pages disagree", 0x404);

	pa_put(q);
	pa_put(p);
	EXPECT_NO_REPORT();
	EXPECT_BOOT_PICTURE();
}

/* Tail pages belong to their head: freeing one of them alone is caught. */
TEST(bad_page_freeing_pages_from_the_middle_of_a_block)
{
	struct page *p;

	boot(&pa_layout_pc);
	p = pa_must_get(GFP_KERNEL, 3);
	__free_pages(p + 2, 0);
	EXPECT_ONE_REPORT("freeing a page from the middle of a block", page_to_pfn(p) + 2);
	__free_pages(p + 4, 2);
	EXPECT_ONE_REPORT("freeing a page from the middle of a block", page_to_pfn(p) + 4);
	EXPECT_EQ(page_count(p), 1);
	pa_put(p);
	EXPECT_NO_REPORT();
	drain_local_pages();
	EXPECT_BOOT_PICTURE();
}

/*
 * The per-CPU orders (1 .. PCP_MAX_ORDER, beyond 2.6) are checked as the
 * buddy path is: a block freed with too small an order, a tail freed
 * alone, a dirty page in the block -- each reported once, the block
 * left allocated and off the per-CPU list; freed properly, it goes on
 * the list unmarked.
 */
TEST(bad_page_freeing_blocks_of_the_per_cpu_orders)
{
	unsigned int o;

	boot(&pa_layout_pc);
	for (o = 1; o <= PCP_MAX_ORDER; o++) {
		struct per_cpu_pages *pcp = &NORMAL->pageset[0].pcp[pcp_index(o, 0)];
		struct page *p = pa_must_get(GFP_KERNEL, o), *last = p + (1 << o) - 1;
		int count = pcp->count;

		__free_pages(p, o - 1);
		EXPECT_ONE_REPORT("block freed with too small an order", page_to_pfn(p));
		__free_pages(last, 0);
		EXPECT_ONE_REPORT("freeing a page from the middle of a block", page_to_pfn(last));
		SetPageDirty(last);
		__free_pages(p, o);
		EXPECT_EQ(host_printk_count("page flags not clean"), 1);
		EXPECT_ONE_REPORT("the block's pages disagree", page_to_pfn(last));
		ClearPageDirty(last);
		last->mapping = (struct address_space *)0x40;
		__free_pages(p, o);
		EXPECT_ONE_REPORT("the block's pages disagree", page_to_pfn(last));
		last->mapping = NULL;
		EXPECT_EQ(page_count(p), 1);
		EXPECT_TRUE(PageHead(p));
		EXPECT_EQ(last->private, page_to_pfn(p) + 1);	/* still tagged */
		EXPECT_EQ(pcp->count, count);
		pa_put(p);
		EXPECT_NO_REPORT();
		EXPECT_EQ(pcp->count, count + 1);
		EXPECT_FALSE(PageHead(p));
		EXPECT_EQ(last->private, 0UL);
		EXPECT_CONSISTENT();
		EXPECT_EQ(pa.state[page_to_pfn(p)], PA_S_PCP);	/* pa_scan()'s view */
	}
	drain_local_pages();
	EXPECT_BOOT_PICTURE();
}

/* pfn 0x2ffc is NORMAL's, 0x2ffe HIGHMEM's: an order-2 block at 0x2ffc would cross. */
TEST(bad_page_freeing_a_block_across_the_end_of_its_zone)
{
	struct page *p;

	boot(&bare);
	pa_zero_watermarks();
	pa_release(0x2ffc, 0x2ffe);
	p = pa_must_get(GFP_KERNEL, 1);
	ASSERT_EQ(page_to_pfn(p), 0x2ffc);
	__free_pages(p, 2);
	EXPECT_ONE_REPORT("block crosses the end of its zone", 0x2ffc);
	pa_put(p);
	EXPECT_NO_REPORT();
	EXPECT_CONSISTENT();
}

/*
 * A free page corrupted while free (a stray write): the allocation that
 * takes it reports it once and retires it (PG_reserved, nr_bad_pages),
 * hands out another block, and gives the good pages of a block holding
 * it back to the free lists (prep_new_page(), bad_new_block()).
 */
TEST(bad_page_corrupted_while_free_is_retired_when_allocated)
{
	struct page *p, *q;

	/* On the hot list: PG_dirty. */
	boot(&pa_layout_pc);
	p = pa_must_get(GFP_KERNEL, 0);
	pa_put(p);
	SetPageDirty(p);
	q = pa_must_get(GFP_KERNEL, 0);
	ASSERT_TRUE(q != p);
	EXPECT_ONE_REPORT("free page has flags set", page_to_pfn(p));
	EXPECT_TRUE(PageReserved(p) && PageDirty(p));	/* left as found, and out */
	EXPECT_EQ(NORMAL->nr_bad_pages, 1);
	pa_put(q);
	__free_pages(p, 0);				/* its owner, if any, cannot free it */
	EXPECT_ONE_REPORT("freeing a reserved page", page_to_pfn(p));
	pa_unretire(page_to_pfn(p));
	EXPECT_EQ(NORMAL->nr_bad_pages, 0);
	EXPECT_NO_REPORT();
	EXPECT_BOOT_PICTURE();

	/* Inside the zone's only free block, of order 10: no order-10 block is left. */
	boot(&pa_layout_ulk);
	pa_zero_watermarks();		/* let the zone's only block go */
	pfn_to_page(0x405)->mapping = (struct address_space *)0x1234;
	EXPECT_NULL(pa_get(GFP_DMA | NOWARN, 10));
	EXPECT_ONE_REPORT("free page is mapped", 0x405);
	EXPECT_TRUE(PageReserved(pfn_to_page(0x405)));
	/* The rest went back, in the largest aligned blocks that avoid it. */
	{
		static const struct { unsigned long pfn, order; } left[] = {
			{ 0x400, 2 }, { 0x404, 0 }, { 0x406, 1 }, { 0x408, 3 }, { 0x410, 4 },
			{ 0x420, 5 }, { 0x440, 6 }, { 0x480, 7 }, { 0x500, 8 }, { 0x600, 9 },
		};
		unsigned int i;

		for (i = 0; i < sizeof(left) / sizeof(left[0]); i++) {
			p = pfn_to_page(left[i].pfn);
			EXPECT_TRUE(PagePrivate(p) && page_order(p) == left[i].order);
		}
	}
	p = pa_must_get(GFP_DMA, 9);	/* the good pages are there to be had */
	EXPECT_EQ(page_to_pfn(p), 0x600);
	pa_put(p);
	pa_unretire(0x405);
	EXPECT_BOOT_PICTURE();

	atomic_set(&pfn_to_page(0x7ff)->_count, 0);	/* count 1: zone_check() sees it */
	EXPECT_FALSE(zone_check(DMA));
	EXPECT_EQ(host_printk_count("page inside a free block looks in use (pfn 0x7ff)"), 1);
	host_printk_clear();
	EXPECT_NULL(pa_get(GFP_DMA | NOWARN, 10));
	EXPECT_ONE_REPORT("free page has users (non-zero count)", 0x7ff);
	EXPECT_EQ(page_count(pfn_to_page(0x7ff)), 1);
	pa_unretire(0x7ff);
	EXPECT_BOOT_PICTURE();

	/* Several pages of one block: one report each, and the allocation goes on to a good block. */
	pfn_to_page(0x401)->flags |= 1UL << PG_lru;
	atomic_set(&pfn_to_page(0x402)->_mapcount, 0);
	p = pa_must_get(GFP_DMA, 1);
	EXPECT_EQ(page_to_pfn(p), 0x404);
	EXPECT_EQ(nr_bad_page_reports, reports + 2);	/* 0x401, 0x402 */
	EXPECT_EQ(host_printk_count("Bad page state"), 2);
	q = pa_must_get(GFP_DMA, 1);
	EXPECT_EQ(page_to_pfn(q), 0x406);
	EXPECT_EQ(DMA->nr_bad_pages, 2);
	EXPECT_CONSISTENT();
	pa_put(p);
	pa_put(q);
	pa_unretire(0x401);
	pa_unretire(0x402);
	EXPECT_BOOT_PICTURE();
}

/* ---- zone_check() ---- */

/* zone_check() must fail naming why; pa_scan(), checking independently, too if `also`. */
#define EXPECT_CAUGHT(zone, why, also) do {				\
	EXPECT_FALSE(zone_check(zone));					\
	EXPECT_EQ(host_printk_count("zone_check: zone "), 1);		\
	EXPECT_EQ(host_printk_count(why), 1);				\
	if (also)							\
		EXPECT_NOT_NULL(pa_scan());				\
	host_printk_clear();						\
} while (0)

#define EXPECT_ZONE_OK(zone) do {					\
	EXPECT_TRUE(zone_check(zone));					\
	EXPECT_CONSISTENT();						\
} while (0)

static void set_order(unsigned long pfn, unsigned long order)
{
	pfn_to_page(pfn)->private = order;
	SetPagePrivate(pfn_to_page(pfn));
}

TEST(zone_check_catches_corrupt_free_lists)
{
	struct page *p, *head;

	boot(&pa_layout_ulk);
	p = pa_must_get(GFP_DMA, 8);	/* free: 0x500 (order 8), 0x600 (order 9) */
	EXPECT_ZONE_OK(DMA);
	head = pfn_to_page(0x600);

	DMA->free_area[9].nr_free++;
	EXPECT_CAUGHT(DMA, "nr_free does not match the free list", 1);
	DMA->free_area[9].nr_free--;

	DMA->free_pages--;
	EXPECT_CAUGHT(DMA, "free_pages does not match the free lists", 1);
	DMA->free_pages++;

	head->private = 8;
	EXPECT_CAUGHT(DMA, "free block head without PG_private and its order (pfn 0x600)", 0);
	head->private = 9;
	ClearPagePrivate(head);
	EXPECT_CAUGHT(DMA, "free block head without PG_private and its order (pfn 0x600)", 0);
	SetPagePrivate(head);

	set_page_count(head, 1);
	EXPECT_CAUGHT(DMA, "free block head in use or reserved (pfn 0x600)", 0);
	set_page_count(head, 0);
	SetPageReserved(head);
	EXPECT_CAUGHT(DMA, "free block head in use or reserved (pfn 0x600)", 0);
	ClearPageReserved(head);

	SetPagePrivate(head + 7);
	EXPECT_CAUGHT(DMA, "page inside a free block looks in use (pfn 0x607)", 0);
	ClearPagePrivate(head + 7);
	EXPECT_ZONE_OK(DMA);

	/* 0x500 relisted as order 9: not aligned. */
	list_del(&pfn_to_page(0x500)->lru);
	DMA->free_area[8].nr_free--;
	list_add(&pfn_to_page(0x500)->lru, &DMA->free_area[9].free_list);
	DMA->free_area[9].nr_free++;
	set_order(0x500, 9);
	DMA->free_pages += 256;
	EXPECT_CAUGHT(DMA, "free block not aligned to its order (pfn 0x500)", 1);
	list_del(&pfn_to_page(0x500)->lru);
	DMA->free_area[9].nr_free--;
	list_add(&pfn_to_page(0x500)->lru, &DMA->free_area[8].free_list);
	DMA->free_area[8].nr_free++;
	set_order(0x500, 8);
	DMA->free_pages -= 256;
	EXPECT_ZONE_OK(DMA);

	/* 0x600 relisted as order 10: runs past the end of the zone (0x800). */
	list_del(&head->lru);
	list_add(&head->lru, &DMA->free_area[10].free_list);
	DMA->free_area[9].nr_free--;
	DMA->free_area[10].nr_free++;
	set_order(0x600, 10);
	DMA->free_pages += 512;
	EXPECT_CAUGHT(DMA, "free block outside its zone (pfn 0x600)", 1);
	list_del(&head->lru);
	list_add(&head->lru, &DMA->free_area[9].free_list);
	DMA->free_area[9].nr_free++;
	DMA->free_area[10].nr_free--;
	set_order(0x600, 9);
	DMA->free_pages -= 512;
	EXPECT_ZONE_OK(DMA);

	/* Merged back to one order-10 block, then split by hand into two buddies. */
	pa_put(p);
	EXPECT_EQ(DMA->free_area[10].nr_free, 1);
	list_del(&pfn_to_page(0x400)->lru);
	DMA->free_area[10].nr_free--;
	set_order(0x400, 9);
	set_order(0x600, 9);
	list_add(&pfn_to_page(0x400)->lru, &DMA->free_area[9].free_list);
	list_add(&pfn_to_page(0x600)->lru, &DMA->free_area[9].free_list);
	DMA->free_area[9].nr_free += 2;
	EXPECT_CAUGHT(DMA, "two free buddies of the same order did not merge", 1);
	list_del(&pfn_to_page(0x400)->lru);
	list_del(&pfn_to_page(0x600)->lru);
	DMA->free_area[9].nr_free -= 2;
	ClearPagePrivate(pfn_to_page(0x600));
	pfn_to_page(0x600)->private = 0;
	set_order(0x400, 10);
	list_add(&pfn_to_page(0x400)->lru, &DMA->free_area[10].free_list);
	DMA->free_area[10].nr_free++;
	EXPECT_ZONE_OK(DMA);
	EXPECT_BOOT_PICTURE();
}

/*
 * A list that loops back on itself: zone_check() walks at most what the
 * zone could hold, reports the loop and returns (it holds zone->lock
 * with interrupts off in the kernel: it must not walk forever).
 */
TEST(zone_check_catches_looping_lists)
{
	struct page *p, *head;
	struct list_head *saved;

	boot(&pa_layout_ulk);
	p = pa_must_get(GFP_DMA, 8);	/* free: 0x500 (order 8), 0x600 (order 9) */
	head = pfn_to_page(0x600);
	saved = head->lru.next;
	head->lru.next = &head->lru;	/* order 9: 0x600 -> 0x600 -> ... */
	EXPECT_CAUGHT(DMA, "free list loops (more blocks than the zone holds) (pfn 0x600)", 0);
	head->lru.next = saved;
	EXPECT_ZONE_OK(DMA);
	pa_put(p);

	boot(&pa_layout_pc);
	p = pa_must_get(GFP_KERNEL, 0);
	pa_put(p);			/* on Normal's hot list */
	saved = p->lru.next;
	p->lru.next = &p->lru;
	EXPECT_CAUGHT(NORMAL, "per-CPU list loops (more pages than the zone holds)", 0);
	p->lru.next = saved;
	EXPECT_ZONE_OK(NORMAL);
	pa_free_all();
	EXPECT_BOOT_PICTURE();
}

TEST(zone_check_catches_corrupt_per_cpu_lists)
{
	struct per_cpu_pages *dma_hot, *normal_hot;
	struct page *p;

	boot(&pa_layout_pc);
	dma_hot = &DMA->pageset[0].pcp[0];
	normal_hot = &NORMAL->pageset[0].pcp[0];
	pa_put(pa_must_get(GFP_DMA, 0));
	pa_put(pa_must_get(GFP_KERNEL, 0));
	ASSERT_GT(dma_hot->count, 0);
	ASSERT_GT(normal_hot->count, 0);
	EXPECT_ZONE_OK(NORMAL);

	normal_hot->count++;
	EXPECT_CAUGHT(NORMAL, "per-CPU count does not match its list", 1);
	normal_hot->count--;

	p = list_first_entry(&normal_hot->list, struct page, lru);
	set_page_count(p, 1);
	EXPECT_CAUGHT(NORMAL, "per-CPU list holds a page in use or from another zone", 1);
	set_page_count(p, 0);

	/* A DMA page on NORMAL's list. */
	p = list_first_entry(&dma_hot->list, struct page, lru);
	list_del(&p->lru);
	dma_hot->count--;
	list_add(&p->lru, &normal_hot->list);
	normal_hot->count++;
	EXPECT_CAUGHT(NORMAL, "per-CPU list holds a page in use or from another zone", 1);
	list_del(&p->lru);
	normal_hot->count--;
	list_add(&p->lru, &dma_hot->list);
	dma_hot->count++;
	EXPECT_ZONE_OK(NORMAL);
	EXPECT_ZONE_OK(DMA);
	drain_local_pages();
	EXPECT_BOOT_PICTURE();
}

/* The lists of orders 1 .. PCP_MAX_ORDER: whole blocks, aligned, every page free. */
TEST(zone_check_catches_corrupt_small_order_per_cpu_lists)
{
	struct per_cpu_pages *pcp;
	struct page *p, *q;
	struct list_head *saved;

	boot(&pa_layout_pc);
	pcp = &NORMAL->pageset[0].pcp[pcp_index(2, 0)];
	p = pa_must_get(GFP_KERNEL, 2);
	q = pa_must_get(GFP_KERNEL, 2);
	pa_put(q);
	pa_put(p);			/* the head of the order-2 list */
	ASSERT_EQ(pcp->count, 2);
	EXPECT_ZONE_OK(NORMAL);

	pcp->count++;
	EXPECT_CAUGHT(NORMAL, "per-CPU count does not match its list", 1);
	pcp->count--;

	set_page_count(p + 3, 1);	/* a page inside the block in use */
	EXPECT_CAUGHT(NORMAL, "per-CPU list holds a page in use or from another zone (pfn", 1);
	set_page_count(p + 3, 0);
	SetPageHead(p);			/* still marked as an allocated block */
	EXPECT_CAUGHT(NORMAL, "per-CPU list holds a page in use or from another zone", 1);
	ClearPageHead(p);
	EXPECT_ZONE_OK(NORMAL);

	list_replace(&p->lru, &p[2].lru);	/* the entry moved to the block's middle */
	EXPECT_CAUGHT(NORMAL, "per-CPU block not aligned to its order", 1);
	list_replace(&p[2].lru, &p->lru);
	EXPECT_ZONE_OK(NORMAL);

	saved = p->lru.next;
	p->lru.next = &p->lru;		/* the order-2 list loops on its first block */
	EXPECT_CAUGHT(NORMAL, "per-CPU list loops (more pages than the zone holds)", 0);
	p->lru.next = saved;
	EXPECT_ZONE_OK(NORMAL);
	drain_local_pages();
	EXPECT_BOOT_PICTURE();
}

/* ---- Fault injection (fail_page_alloc=) ---- */

TEST(fault_injection_fails_every_nth_allocation)
{
	unsigned long free_before;
	int i;

	boot(&pa_layout_pc);
	fault_attr_set(&fail_page_alloc, 3, -1);
	for (i = 1; i <= 12; i++) {
		gfp_t gfp = (i % 4 == 0 ? GFP_HIGHUSER : i % 4 == 1 ? GFP_DMA : GFP_KERNEL) | NOWARN;
		struct page *p;

		free_before = nr_free_pages();
		p = pa_get(gfp, i % 5);
		if (i % 3 == 0) {
			EXPECT_NULL(p);
			EXPECT_EQ(nr_free_pages(), free_before);	/* nothing touched */
		} else {
			EXPECT_NOT_NULL(p);
		}
	}
	EXPECT_EQ(fail_page_alloc.failed, 4);
	EXPECT_EQ(fail_page_alloc.count, 12);
	EXPECT_EQ(host_printk_count("page allocation failure"), 0);	/* __GFP_NOWARN */
	pa_get(GFP_KERNEL, 0);
	pa_get(GFP_KERNEL, 0);
	EXPECT_NULL(pa_get(GFP_KERNEL, 0));
	EXPECT_EQ(host_printk_count("(injected by fail_page_alloc)"), 1);
	EXPECT_CONSISTENT();
	fault_attr_set(&fail_page_alloc, 0, -1);
	pa_free_all();
	EXPECT_BOOT_PICTURE();
}

TEST(fault_injection_stops_after_times_failures)
{
	int i, failed = 0;

	boot(&pa_layout_pc);
	fault_attr_set(&fail_page_alloc, 2, 2);
	for (i = 1; i <= 10; i++) {
		struct page *p = pa_get(GFP_KERNEL | NOWARN, 0);

		EXPECT_EQ(p == NULL, i == 2 || i == 4);
		failed += !p;
	}
	EXPECT_EQ(failed, 2);
	EXPECT_EQ(fail_page_alloc.failed, 2);
	EXPECT_EQ(fail_page_alloc.times, 0);
	pa_free_all();
	EXPECT_BOOT_PICTURE();
}

TEST(fault_injection_spares_nofault)
{
	boot(&pa_layout_pc);
	fault_attr_set(&fail_page_alloc, 1, -1);
	EXPECT_NULL(pa_get(GFP_KERNEL | NOWARN, 0));
	EXPECT_NULL(pa_get(GFP_ATOMIC | NOWARN, 3));
	EXPECT_EQ(fail_page_alloc.count, 2);
	EXPECT_NOT_NULL(pa_get(GFP_KERNEL | __GFP_NOFAULT, 0));
	EXPECT_NOT_NULL(pa_get(GFP_HIGHUSER | __GFP_NOFAULT, 10));
	EXPECT_EQ(fail_page_alloc.count, 2);	/* exempt calls are not counted */
	EXPECT_EQ(fail_page_alloc.failed, 2);
	fault_attr_set(&fail_page_alloc, 0, -1);
	EXPECT_NOT_NULL(pa_get(GFP_KERNEL, 0));
	pa_free_all();
	EXPECT_BOOT_PICTURE();
}

/*
 * __GFP_NOFAIL is not exempt: its first attempts may be failed, and it
 * waits (time passes: shim/kernel_shim.c's schedule()) and tries again
 * until one is not -- NOFAIL_MAX_INJECTED of them at most, so that
 * even every allocation failing without a limit cannot make it wait
 * forever. An atomic one cannot wait: it is exempt from injection, and
 * fails, with a warning, only when memory really runs out.
 */
TEST(fault_injection_nofail_retries)
{
	unsigned long retries, start;
	struct page *p;

	boot(&pa_layout_pc);
	retries = nr_nofail_retries;
	start = jiffies;
	fault_attr_set(&fail_page_alloc, 1, 2);
	p = pa_get(GFP_KERNEL | __GFP_NOFAIL, 2);
	EXPECT_NOT_NULL(p);
	EXPECT_EQ(fail_page_alloc.failed, 2);
	EXPECT_EQ(nr_nofail_retries - retries, 2);
	EXPECT_EQ(jiffies - start, 2 * (HZ / 50));	/* nothing freed meanwhile: each wait ran out */

	/* fail_page_alloc=1 without a limit: the request still returns. */
	retries = nr_nofail_retries;
	start = jiffies;
	fault_attr_set(&fail_page_alloc, 1, -1);
	p = pa_get(GFP_KERNEL | __GFP_NOFAIL, 0);
	EXPECT_NOT_NULL(p);
	EXPECT_EQ(fail_page_alloc.failed, NOFAIL_MAX_INJECTED);
	EXPECT_EQ(nr_nofail_retries - retries, NOFAIL_MAX_INJECTED);
	EXPECT_EQ(jiffies - start, NOFAIL_MAX_INJECTED * (HZ / 50));
	p = pa_get(GFP_KERNEL | __GFP_NOFAIL, 3);	/* and every request gets its own few */
	EXPECT_NOT_NULL(p);
	EXPECT_EQ(fail_page_alloc.failed, 2 * NOFAIL_MAX_INJECTED);
	EXPECT_NULL(pa_get(GFP_KERNEL | NOWARN, 0));	/* ordinary ones still fail */
	fault_attr_set(&fail_page_alloc, 1, 1);
	EXPECT_NOT_NULL(pa_get(GFP_ATOMIC | __GFP_NOFAIL, 0));
	EXPECT_EQ(fail_page_alloc.failed, 0);	/* not counted: exempt */
	fault_attr_set(&fail_page_alloc, 0, -1);
	pa_free_all();
	EXPECT_BOOT_PICTURE();

	boot(&pa_layout_ulk);
	pa_zero_watermarks();
	while (pa_get(GFP_DMA | GFP_ATOMIC | NOWARN, 0))
		;
	host_warn_count = 0;
	EXPECT_NULL(pa_get(GFP_DMA | GFP_ATOMIC | __GFP_NOFAIL | NOWARN, 0));
	EXPECT_EQ(host_warn_count, 1);
	pa_free_all();
	EXPECT_BOOT_PICTURE();
}
