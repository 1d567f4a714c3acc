/*
 * The page allocator under interrupts and failure (mm/page_alloc.c,
 * mm/page_check.c, mm/vmalloc.c): a bad page found on allocation is
 * retired, never handed out; set_percpu_pagelists() loses no page an
 * interrupt frees meanwhile; __GFP_NOFAIL waits instead of failing;
 * zone_check() survives a looping free list; the meminfo lines read
 * vmlist under vmlist_lock. The tests provoke exact situations, so
 * fault injection is off while they run but where one sets its own.
 */
#include <kernel.h>
#include <fault_inject.h>
#include <gfp.h>
#include <jiffies.h>
#include <ktest.h>
#include <mm.h>
#include <sched.h>
#include <slab.h>
#include <spinlock.h>
#include <timer.h>
#include <vmalloc.h>
#include <vmstat.h>
#include <wait.h>
#include <asm/irqflags.h>
#include "mm_test_util.h"
#include "../../mm/internal.h"

static unsigned long total_free(void)
{
	struct zone *z;
	unsigned long n = 0;

	for_each_zone(z)
		n += zone_free_total(z);
	return n;
}

/* Put a retired page back as it was before the test corrupted it (what no kernel path does). */
static void unretire(struct page *p, unsigned long flags_set)
{
	struct zone *zone = page_zone(p);

	p->flags &= ~flags_set;
	p->mapping = NULL;
	reset_page_mapcount(p);
	ClearPageReserved(p);
	zone->nr_bad_pages--;
	set_page_count(p, 1);
	__free_page(p);
}

/*
 * A free page written to while free (here: given a mapping) is caught
 * when the allocator takes it: reported once, naming it, and retired --
 * PG_reserved, counted in nr_bad_pages, never handed out (the caller
 * gets another page) and never accepted back by a free.
 */
static void test_bad_page_retired_not_handed_out(struct ktest *t)
{
	unsigned long reports = nr_bad_page_reports, taint = tainted_mask, free_before, bad;
	struct page *p = alloc_page(GFP_KERNEL), *q;
	struct zone *zone;
	char where[32];

	KTEST_ASSERT_NOT_NULL(t, p);
	zone = page_zone(p);
	bad = zone->nr_bad_pages;
	__free_page(p);			/* the head of the hot list: the next allocation takes it */
	free_before = total_free();
	p->mapping = (struct address_space *)0x1234;
	ktest_capture_start();
	q = alloc_page(GFP_KERNEL);
	ktest_capture_stop();
	KTEST_ASSERT_NOT_NULL(t, q);
	KTEST_EXPECT_PTR_NE(t, q, p);
	KTEST_EXPECT_EQ(t, nr_bad_page_reports, reports + 1);
	KTEST_EXPECT_EQ(t, ktest_captured("Bad page state in prep_new_page: free page is mapped"), 1u);
	snprintf(where, sizeof(where), "pfn:%#lx ", page_to_pfn(p));
	KTEST_EXPECT_EQ(t, ktest_captured(where), 1u);
	KTEST_EXPECT_TRUE(t, PageReserved(p));
	KTEST_EXPECT_EQ(t, zone->nr_bad_pages, bad + 1);
	KTEST_EXPECT_PTR_EQ(t, p->mapping, (struct address_space *)0x1234);	/* left as found */
	__free_page(q);
	KTEST_EXPECT_EQ(t, total_free(), free_before - 1);	/* only the bad page is gone */
	KTEST_EXPECT_TRUE(t, all_zones_ok());

	/* Freeing it is refused: it stays out. */
	ktest_capture_start();
	__free_page(p);
	ktest_capture_stop();
	KTEST_EXPECT_EQ(t, ktest_captured("freeing a reserved page"), 1u);
	KTEST_EXPECT_EQ(t, total_free(), free_before - 1);

	unretire(p, 0);
	KTEST_EXPECT_EQ(t, total_free(), free_before);
	tainted_mask = taint;
	KTEST_EXPECT_TRUE(t, all_zones_ok());
}

static void percpu_pagelists_on(void *unused)
{
	set_percpu_pagelists(true);
}

/*
 * A bad page inside a free order-2 block of the buddy system (the
 * per-CPU lists off, so that order 2 comes straight from it): the block
 * is not handed out; its good pages go back to the free lists, in the
 * largest blocks that avoid the bad one, and the allocation takes
 * another block.
 */
static void test_bad_page_in_block(struct ktest *t)
{
	struct zone *zone = kernel_zone();
	unsigned long reports = nr_bad_page_reports, taint = tainted_mask, flags, pfn;
	unsigned long bad = zone->nr_bad_pages;
	struct zonelist zl;
	struct list_head *held;
	struct page *b1, *b2, *c, *page;
	int guard = 0;

	single_zonelist(&zl, zone);
	set_percpu_pagelists(false);	/* drains them too */
	KTEST_ASSERT_EQ(t, ktest_add_action_or_reset(t, percpu_pagelists_on, NULL), 0);
	held = ktest_page_list(t, 2);	/* freed first, while the lists are still off */
	KTEST_ASSERT_NOT_NULL(t, held);
	local_irq_save(flags);		/* nobody else touches the zone meanwhile */
	/* Empty the order-2 list; the next order-2 block is then split from a larger one. */
	while (zone->free_area[2].nr_free && guard++ < 100000) {
		page = __alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 2, &zl);
		if (!page)
			break;
		list_add(&page->lru, held);
	}
	b1 = zone->free_area[2].nr_free ? NULL : __alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 2, &zl);
	if (!b1) {
		local_irq_restore(flags);
		KTEST_SKIP(t, "zone %s has no order-2 block to split", zone->name);
	}
	list_add(&b1->lru, held);
	/* b1's buddy is now the only order-2 free block, and cannot merge while b1 is held. */
	b2 = list_first_entry(&zone->free_area[2].free_list, struct page, lru);
	pfn = page_to_pfn(b2);
	KTEST_EXPECT_EQ(t, pfn, page_to_pfn(b1) ^ 4);
	SetPageLRU(b2 + 1);		/* a stray write into a free page */
	ktest_capture_start();
	c = __alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 2, &zl);
	ktest_capture_stop();
	local_irq_restore(flags);

	KTEST_ASSERT_NOT_NULL(t, c);
	list_add(&c->lru, held);
	KTEST_EXPECT_NE(t, page_to_pfn(c), pfn);
	KTEST_EXPECT_EQ(t, nr_bad_page_reports, reports + 1);
	KTEST_EXPECT_EQ(t, ktest_captured("free page has flags set"), 1u);
	KTEST_EXPECT_TRUE(t, PageReserved(b2 + 1));
	KTEST_EXPECT_EQ(t, zone->nr_bad_pages, bad + 1);
	/* The rest went back: pfn as an order-0 block, pfn + 2 as an order-1 block. */
	KTEST_EXPECT_TRUE(t, PagePrivate(b2) && page_order(b2) == 0 && page_count(b2) == 0);
	KTEST_EXPECT_TRUE(t, PagePrivate(b2 + 2) && page_order(b2 + 2) == 1);
	KTEST_EXPECT_TRUE(t, zone_check(zone));

	ClearPageLRU(b2 + 1);
	unretire(b2 + 1, 0);
	tainted_mask = taint;
	KTEST_EXPECT_TRUE(t, zone_check(zone));
}

/*
 * The same on an order-2 block waiting on its per-CPU list (Mneme's
 * lists of orders 1 .. PCP_MAX_ORDER, beyond 2.6): a block freed there
 * and written to is caught when the list hands it out -- every page of
 * it is checked, not just the head -- and it is retired as a buddy
 * block would be, its good pages to the buddy system.
 */
static void test_bad_page_in_per_cpu_block(struct ktest *t)
{
	struct zone *zone;
	struct per_cpu_pages *pcp;
	unsigned long reports = nr_bad_page_reports, taint = tainted_mask, flags, bad;
	struct page *b, *c;

	b = alloc_pages(GFP_KERNEL, 2);
	KTEST_ASSERT_NOT_NULL(t, b);
	zone = page_zone(b);
	pcp = &zone->pageset[0].pcp[pcp_index(2, 0)];
	bad = zone->nr_bad_pages;
	local_irq_save(flags);		/* b stays the head of the order-2 list */
	__free_pages(b, 2);
	KTEST_EXPECT_PTR_EQ(t, list_first_entry(&pcp->list, struct page, lru), b);
	KTEST_EXPECT_FALSE(t, PageHead(b));	/* unmarked on the way in */
	KTEST_EXPECT_EQ(t, b[3].private, 0UL);
	SetPageLRU(b + 3);		/* a stray write into its last page */
	ktest_capture_start();
	c = alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 2);
	ktest_capture_stop();
	local_irq_restore(flags);

	KTEST_ASSERT_NOT_NULL(t, c);
	KTEST_EXPECT_PTR_NE(t, c, b);
	KTEST_EXPECT_TRUE(t, PageHead(c));
	KTEST_EXPECT_EQ(t, nr_bad_page_reports, reports + 1);
	KTEST_EXPECT_EQ(t, ktest_captured("Bad page state in prep_new_page: free page has flags set"),
			1u);
	KTEST_EXPECT_TRUE(t, PageReserved(b + 3));
	KTEST_EXPECT_EQ(t, zone->nr_bad_pages, bad + 1);
	/* The rest went to the buddy system: b as an order-1 block, b + 2 as an order-0 one. */
	KTEST_EXPECT_TRUE(t, PagePrivate(b) && page_order(b) == 1 && page_count(b) == 0);
	KTEST_EXPECT_TRUE(t, PagePrivate(b + 2) && page_order(b + 2) == 0);
	KTEST_EXPECT_TRUE(t, zone_check(zone));
	__free_pages(c, 2);

	ClearPageLRU(b + 3);
	unretire(b + 3, 0);
	tainted_mask = taint;
	KTEST_EXPECT_TRUE(t, zone_check(zone));
}

/*
 * set_percpu_pagelists() drains the per-CPU lists and starts them
 * afresh. A timer frees a page every tick, onto those lists, while this
 * test calls it over and over: a tick that lands between the drain and
 * the re-initialisation must not lose the page it frees.
 */
#define RACE_PAGES	64
static struct page *race_pages[RACE_PAGES];
static volatile unsigned int race_next;
static struct timer_list race_timer;

static void race_free_one(unsigned long data)
{
	if (race_next < RACE_PAGES) {
		__free_page(race_pages[race_next++]);
		mod_timer(&race_timer, jiffies + 1);
	}
}

static void test_set_percpu_pagelists_loses_nothing(struct ktest *t)
{
	unsigned long before, deadline, calls = 0;
	unsigned int i;

	for (i = 0; i < RACE_PAGES; i++) {
		race_pages[i] = alloc_page(GFP_KERNEL | __GFP_NOFAIL);
	}
	before = total_free();
	race_next = 0;
	setup_timer(&race_timer, race_free_one, 0);
	race_timer.expires = jiffies + 1;
	add_timer(&race_timer);
	deadline = jiffies + 4 * RACE_PAGES;
	while (race_next < RACE_PAGES && time_before(jiffies, deadline)) {
		set_percpu_pagelists(true);
		calls++;
	}
	del_timer(&race_timer);
	printk(KERN_INFO "    # %lu calls while %u pages were freed from the timer\n", calls, race_next);
	KTEST_EXPECT_EQ(t, race_next, (unsigned int)RACE_PAGES);
	KTEST_EXPECT_EQ(t, total_free(), before + race_next);
	KTEST_EXPECT_TRUE(t, all_zones_ok());
	for (i = race_next; i < RACE_PAGES; i++)
		__free_page(race_pages[i]);
}

static int page_discipline_init(struct ktest *t)
{
	ktest_fault_attr_set(t, &fail_page_alloc, 0, -1);
	ktest_fault_attr_set(t, &fail_slab, 0, -1);
	return 0;
}

/*
 * __GFP_NOFAIL under fault injection failing its first 3 attempts: it
 * waits and retries until one succeeds -- for a page, and for a slab
 * object whose cache must grow (sleeping inside cache_grow()).
 */
static void test_nofail_survives_injected_failures(struct ktest *t)
{
	kmem_cache_t *c = ktest_kmem_cache_create(t, "ktest-nofail", 512, 0, 0, NULL, NULL);
	unsigned long retries, start;
	struct page *page;
	void *obj;

	KTEST_ASSERT_NOT_NULL(t, c);
	retries = nr_nofail_retries;
	start = jiffies;
	ktest_fault_attr_set(t, &fail_page_alloc, 1, 3);
	page = ktest_alloc_pages(t, GFP_KERNEL | __GFP_NOFAIL, 1);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_EQ(t, fail_page_alloc.failed, 3UL);
	KTEST_EXPECT_EQ(t, nr_nofail_retries - retries, 3UL);
	KTEST_EXPECT_LE(t, jiffies - start, 3UL * (HZ / 50) + 3);

	retries = nr_nofail_retries;
	ktest_fault_attr_set(t, &fail_page_alloc, 1, 2);
	obj = ktest_kmem_cache_alloc(t, c, GFP_KERNEL | __GFP_NOFAIL);	/* its first slab */
	KTEST_ASSERT_NOT_NULL(t, obj);
	KTEST_EXPECT_EQ(t, fail_page_alloc.failed, 2UL);
	KTEST_EXPECT_EQ(t, nr_nofail_retries - retries, 2UL);
	KTEST_EXPECT_TRUE(t, kmem_cache_check(c));
}

/*
 * __GFP_NOFAIL under fail_page_alloc=1 without a limit, where every
 * attempt could be failed: injection fails only the first
 * NOFAIL_MAX_INJECTED of each request, so it returns -- a page, a block
 * of a per-CPU order, and a slab object whose cache must grow -- where
 * it used to wait forever. Ordinary requests still fail meanwhile.
 */
static void test_nofail_returns_under_unlimited_injection(struct ktest *t)
{
	kmem_cache_t *c = ktest_kmem_cache_create(t, "ktest-nofail-all", 256, 0, 0, NULL, NULL);
	unsigned long retries;
	struct page *page;
	void *obj;

	KTEST_ASSERT_NOT_NULL(t, c);
	retries = nr_nofail_retries;
	ktest_fault_attr_set(t, &fail_page_alloc, 1, -1);
	page = ktest_alloc_pages(t, GFP_KERNEL | __GFP_NOFAIL, 0);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_EQ(t, fail_page_alloc.failed, (unsigned long)NOFAIL_MAX_INJECTED);
	KTEST_EXPECT_EQ(t, nr_nofail_retries - retries, (unsigned long)NOFAIL_MAX_INJECTED);
	page = ktest_alloc_pages(t, GFP_KERNEL | __GFP_NOFAIL, 3);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_EQ(t, fail_page_alloc.failed, 2UL * NOFAIL_MAX_INJECTED);
	KTEST_EXPECT_NULL(t, alloc_page(GFP_KERNEL | __GFP_NOWARN));	/* one more failure */

	obj = ktest_kmem_cache_alloc(t, c, GFP_KERNEL | __GFP_NOFAIL);	/* its first slab (on-slab) */
	KTEST_ASSERT_NOT_NULL(t, obj);
	KTEST_EXPECT_EQ(t, fail_page_alloc.failed, 3UL * NOFAIL_MAX_INJECTED + 1);
	KTEST_EXPECT_TRUE(t, kmem_cache_check(c));
}

/*
 * Real exhaustion: a zone with no page left above its watermark. A
 * thread's __GFP_NOFAIL request waits (an ordinary one fails at once);
 * pages freed to the buddy system wake it and it gets one. On a machine
 * whose only zone is DMA the whole kernel is out of memory meanwhile:
 * the thread is started first, and nothing else allocates.
 */
static struct zonelist nofail_zl;
static struct page *nofail_page;
static unsigned long nofail_got_at;
static DECLARE_WAIT_QUEUE_HEAD(nofail_go_wq);
static volatile int nofail_go;

static int nofail_taker(void *arg)
{
	wait_event(nofail_go_wq, nofail_go);
	if (nofail_go > 0) {
		nofail_page = __alloc_pages(GFP_KERNEL | __GFP_NOFAIL, 0, &nofail_zl);
		nofail_got_at = jiffies;
	}
	return 0;
}

/* The page the thread got, if the test ended before freeing it (runs after the thread is reaped). */
static void nofail_free_page(void *unused)
{
	if (nofail_page)
		__free_page(nofail_page);
	nofail_page = NULL;
}

/* The end of the test, however it ends: let the thread finish (without allocating). */
static void nofail_stop(void *unused)
{
	if (!nofail_go)
		nofail_go = -1;
	wake_up(&nofail_go_wq);
}

static void test_nofail_waits_for_freed_pages(struct ktest *t)
{
	struct zone *dma = zone_of(ZONE_DMA);
	unsigned long retries = nr_nofail_retries, freed_at;
	struct list_head *held;
	struct page *page;
	int pid;

	KTEST_ASSERT_TRUE(t, populated_zone(dma));
	single_zonelist(&nofail_zl, dma);
	nofail_page = NULL;
	nofail_go = 0;
	KTEST_ASSERT_EQ(t, ktest_add_action(t, nofail_free_page, NULL), 0);
	pid = ktest_kernel_thread(t, nofail_taker, NULL, nofail_stop, NULL);
	KTEST_ASSERT_GT(t, pid, 1);
	held = ktest_page_list(t, 0);	/* freed before the thread is reaped */
	KTEST_ASSERT_NOT_NULL(t, held);
	while ((page = __alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0, &nofail_zl)) != NULL)
		list_add(&page->lru, held);
	KTEST_EXPECT_NULL(t, __alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0, &nofail_zl));
	nofail_go = 1;
	wake_up(&nofail_go_wq);
	msleep(60);			/* it tries, finds nothing, waits, tries again */
	KTEST_EXPECT_NULL(t, nofail_page);
	KTEST_EXPECT_GE(t, nr_nofail_retries - retries, 2UL);
	freed_at = jiffies;
	free_block_list(held, 0);	/* enough batches reach the buddy system to wake it */
	KTEST_EXPECT_EQ(t, ktest_kernel_wait(t, pid, NULL), 0);
	KTEST_ASSERT_NOT_NULL(t, nofail_page);
	KTEST_EXPECT_EQ(t, page_zonenum(nofail_page), (unsigned long)ZONE_DMA);
	KTEST_EXPECT_LT(t, nofail_got_at - freed_at, (unsigned long)(HZ / 50) / 2);	/* woken */
}

/*
 * Make the first page on list point at itself, run zone_check() and
 * put it back: zone_check() must fail, saying `report` once, and pass
 * again afterwards. Expects interrupts off (restores flags).
 */
static void check_looping_list(struct ktest *t, struct zone *zone, struct list_head *list,
			       unsigned long flags, const char *report)
{
	struct page *first = list_first_entry(list, struct page, lru);
	struct list_head *saved = first->lru.next;
	bool ok;

	first->lru.next = &first->lru;	/* the list now loops on its first page */
	ktest_capture_start();
	ok = zone_check(zone);
	ktest_capture_stop();
	first->lru.next = saved;
	local_irq_restore(flags);
	KTEST_EXPECT_FALSE(t, ok);
	KTEST_EXPECT_EQ(t, ktest_captured(report), 1u);
	KTEST_EXPECT_TRUE(t, zone_check(zone));
}

/*
 * zone_check() bounds its walks: a free list (or a per-CPU list) that
 * loops back on itself is reported as such, not followed forever with
 * interrupts off.
 */
static void test_zone_check_catches_loops(struct ktest *t)
{
	struct zone *zone = kernel_zone();
	unsigned long flags;
	int order;

	local_irq_save(flags);
	for (order = MAX_ORDER - 1; order >= 0 && !zone->free_area[order].nr_free; order--)
		;
	if (order < 0) {
		local_irq_restore(flags);
		KTEST_SKIP(t, "zone %s has no free block", zone->name);
	}
	check_looping_list(t, zone, &zone->free_area[order].free_list, flags, "free list loops");

	/* A per-CPU list: a page on the hot list pointing at itself. */
	__free_page(alloc_page(GFP_KERNEL | __GFP_NOFAIL));	/* the kernel zone's hot list holds a page now */
	local_irq_save(flags);
	if (list_empty(&zone->pageset[0].pcp[0].list)) {
		local_irq_restore(flags);
		KTEST_FAIL(t, "no page on the hot list of zone %s", zone->name);
		return;
	}
	check_looping_list(t, zone, &zone->pageset[0].pcp[0].list, flags, "per-CPU list loops");
}

static void read_meminfo(void *unused)
{
	show_meminfo();
}

/*
 * VmallocUsed and VmallocChunk read vmlist under vmlist_lock: called
 * while the lock is held (as another CPU changing the list would hold
 * it), meminfo runs into it -- on one CPU the spinlock debugging
 * reports the recursion instead of spinning.
 */
static void test_meminfo_takes_vmlist_lock(struct ktest *t)
{
	unsigned long flags;
	bool oopsed;

	spin_lock_irqsave(&vmlist_lock, flags);
	ktest_capture_start();
	oopsed = ktest_catch_oops(read_meminfo, NULL);
	ktest_capture_stop();
	spin_unlock_irqrestore(&vmlist_lock, flags);
	KTEST_EXPECT_TRUE(t, oopsed);
	KTEST_EXPECT_EQ(t, ktest_captured("BUG: spinlock recursive lock (deadlock): vmlist_lock"), 1u);
	KTEST_EXPECT_EQ(t, ktest_captured("VmallocTotal:"), 1u);	/* it got that far */
	KTEST_EXPECT_EQ(t, ktest_captured("VmallocUsed:"), 0u);
	KTEST_EXPECT_EQ(t, preempt_count(), 0u);
	ktest_capture_start();
	show_meminfo();			/* and without the lock held, all of it */
	ktest_capture_stop();
	KTEST_EXPECT_EQ(t, ktest_captured("VmallocUsed:"), 1u);
	KTEST_EXPECT_EQ(t, ktest_captured("VmallocChunk:"), 1u);
}

static struct ktest_case page_discipline_cases[] = {
	KTEST_CASE(test_bad_page_retired_not_handed_out),
	KTEST_CASE(test_bad_page_in_block),
	KTEST_CASE(test_bad_page_in_per_cpu_block),
	KTEST_CASE(test_set_percpu_pagelists_loses_nothing),
	KTEST_CASE(test_nofail_survives_injected_failures),
	KTEST_CASE(test_nofail_returns_under_unlimited_injection),
	KTEST_CASE(test_nofail_waits_for_freed_pages),
	KTEST_CASE(test_zone_check_catches_loops),
	KTEST_CASE(test_meminfo_takes_vmlist_lock),
	{}
};

static struct ktest_suite page_discipline_suite = {
	.name = "page_discipline",
	.test_cases = page_discipline_cases,
	.init = page_discipline_init,
};
ktest_register_suite(page_discipline_suite);
