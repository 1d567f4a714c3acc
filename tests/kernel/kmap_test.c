/*
 * Permanent kernel mappings (ULK 8.1.6): kmap()/kunmap() over the pkmap
 * window, its counts, the single TLB flush, every high page of the
 * machine, and callers sleeping when all slots are taken.
 */
#include <kernel.h>
#include <string.h>
#include <gfp.h>
#include <highmem.h>
#include <ktest.h>
#include <mm.h>
#include <sched.h>
#include <asm/pgtable.h>
#include "mm_test_util.h"

#define PKMAP_NR(virt)	(((unsigned long)(virt) - PKMAP_BASE) >> PAGE_SHIFT)

static struct page *alloc_high(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);

	if (page && !PageHighmem(page)) {
		__free_page(page);
		return NULL;
	}
	return page;
}

static bool have_highmem(unsigned long pages)
{
	return populated_zone(zone_of(ZONE_HIGHMEM)) &&
	       zone_free_total(zone_of(ZONE_HIGHMEM)) > pages + zone_of(ZONE_HIGHMEM)->pages_high;
}

/* A low page needs no slot: its direct-map address, and the table untouched. */
static void test_lowmem_page(struct ktest *t)
{
	struct page *p = alloc_page(GFP_KERNEL);
	int i, used = 0;

	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_PTR_EQ(t, kmap(p), lowmem_page_address(p));
	for (i = 0; i < LAST_PKMAP; i++)
		used += pkmap_count[i] > 1;
	KTEST_EXPECT_EQ(t, used, 0);
	kunmap(p);
	__free_page(p);
}

/* pkmap_count: 0 free, 1 unused (stale TLB entry), n > 1 in use by n - 1. */
static void test_counts_and_reuse(struct ktest *t)
{
	struct page *p;
	void *a, *b;
	int nr;

	if (!have_highmem(1))
		KTEST_SKIP(t, "no high memory on this machine");
	p = alloc_high();
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_NULL(t, page_address(p));
	a = kmap(p);
	KTEST_EXPECT_GE(t, (unsigned long)a, PKMAP_BASE);
	KTEST_EXPECT_LT(t, (unsigned long)a, PKMAP_BASE + LAST_PKMAP * PAGE_SIZE);
	nr = PKMAP_NR(a);
	KTEST_EXPECT_EQ(t, pkmap_count[nr], 2);
	KTEST_EXPECT_PTR_EQ(t, page_address(p), a);
	b = kmap(p);			/* the same page again: the same slot */
	KTEST_EXPECT_PTR_EQ(t, b, a);
	KTEST_EXPECT_EQ(t, pkmap_count[nr], 3);
	memset(a, 0x7e, PAGE_SIZE);
	kunmap(p);
	kunmap(p);
	KTEST_EXPECT_EQ(t, pkmap_count[nr], 1);	/* unused, mapping still in place */
	KTEST_EXPECT_PTR_EQ(t, page_address(p), a);
	KTEST_EXPECT_PTR_EQ(t, kmap(p), a);	/* reused without a new mapping */
	KTEST_EXPECT_NULL(t, memchr_inv(a, 0x7e, PAGE_SIZE));
	kunmap(p);
	__free_page(p);
}

/*
 * Going once round all LAST_PKMAP slots flushes the unused ones with a
 * single TLB flush, when the cursor wraps.
 */
static void test_one_flush_per_round(struct ktest *t)
{
	static struct page *pages[LAST_PKMAP + 1];
	struct list_head *held = ktest_page_list(t, 0);
	unsigned long flushes;
	int i;

	KTEST_ASSERT_NOT_NULL(t, held);
	if (!have_highmem(LAST_PKMAP + 1))
		KTEST_SKIP(t, "not enough high memory");
	for (i = 0; i < LAST_PKMAP + 1; i++) {
		pages[i] = alloc_high();	/* distinct pages: each needs its own slot */
		KTEST_ASSERT_NOT_NULL(t, pages[i]);
		list_add(&pages[i]->lru, held);
	}
	flushes = pkmap_flushes;
	for (i = 0; i < LAST_PKMAP + 1; i++) {
		kmap(pages[i]);
		kunmap(pages[i]);
	}
	KTEST_EXPECT_EQ(t, pkmap_flushes, flushes + 1);
}

/*
 * Every high page of the machine, mapped in turn: a pattern written
 * through one kmap() reads back through another.
 */
static void test_every_high_page(struct ktest *t)
{
	LIST_HEAD(held);
	struct page *page, *next;
	unsigned long n = 0, bad = 0;

	if (!populated_zone(zone_of(ZONE_HIGHMEM)))
		KTEST_SKIP(t, "no high memory on this machine");
	while ((page = alloc_page(GFP_HIGHUSER | __GFP_NOWARN)) != NULL && PageHighmem(page)) {
		unsigned long *v = kmap(page), i;

		for (i = 0; i < PAGE_SIZE / sizeof(long); i += 128)
			v[i] = page_to_pfn(page) ^ i;
		kunmap(page);
		list_add(&page->lru, &held);
		n++;
	}
	if (page)
		__free_page(page);	/* the first low page: high memory is used up */
	list_for_each_entry_safe(page, next, &held, lru) {
		unsigned long *v = kmap(page), i;

		for (i = 0; i < PAGE_SIZE / sizeof(long); i += 128)
			bad += v[i] != (page_to_pfn(page) ^ i);
		kunmap(page);
		list_del(&page->lru);
		__free_page(page);
	}
	printk(KERN_INFO "    # %lu high pages mapped, written, mapped again and checked\n", n);
	KTEST_EXPECT_EQ(t, bad, 0UL);
	KTEST_EXPECT_GT(t, n, zone_of(ZONE_HIGHMEM)->present_pages / 2);
}

#define NR_LATECOMERS	3
static struct page *holders[LAST_PKMAP];
static bool holder_mapped[LAST_PKMAP];
static struct page *latecomer_pages[NR_LATECOMERS];
static int latecomer_pids[NR_LATECOMERS];
static volatile int latecomers_done;

/*
 * However the test ended: unmap the holders (which lets any sleeping
 * latecomer through), reap the latecomers, free every page. One action,
 * so that the order is this one.
 */
static void exhaustion_cleanup(void *unused)
{
	int i;

	for (i = 0; i < LAST_PKMAP; i++) {
		if (holder_mapped[i])
			kunmap(holders[i]);
		holder_mapped[i] = false;
	}
	for (i = 0; i < NR_LATECOMERS; i++) {
		if (latecomer_pids[i] > 0)
			kernel_wait(latecomer_pids[i], NULL);
		latecomer_pids[i] = 0;
		if (latecomer_pages[i])
			__free_page(latecomer_pages[i]);
		latecomer_pages[i] = NULL;
	}
	for (i = 0; i < LAST_PKMAP; i++) {
		if (holders[i])
			__free_page(holders[i]);
		holders[i] = NULL;
	}
}

static int latecomer(void *arg)
{
	struct page *page = arg;
	unsigned long *v = kmap(page);	/* every slot is taken: sleeps here */

	v[0] = 0xfeed;
	kunmap(page);
	latecomers_done++;
	return 0;
}

/*
 * All LAST_PKMAP slots held: three more threads calling kmap() sleep on
 * pkmap_map_wait; each kunmap() lets one through; all complete.
 */
static void test_exhaustion_sleeps_and_wakes(struct ktest *t)
{
	unsigned long waits = kmap_waits;
	int i;

	if (!have_highmem(LAST_PKMAP + NR_LATECOMERS))
		KTEST_SKIP(t, "needs more than %d high pages", LAST_PKMAP + NR_LATECOMERS);
	KTEST_ASSERT_EQ(t, ktest_add_action(t, exhaustion_cleanup, NULL), 0);
	for (i = 0; i < LAST_PKMAP; i++) {
		holders[i] = alloc_high();
		KTEST_ASSERT_NOT_NULL(t, holders[i]);
		kmap(holders[i]);
		holder_mapped[i] = true;
	}
	latecomers_done = 0;
	for (i = 0; i < NR_LATECOMERS; i++) {
		latecomer_pages[i] = alloc_high();
		KTEST_ASSERT_NOT_NULL(t, latecomer_pages[i]);
		latecomer_pids[i] = kernel_thread(latecomer, latecomer_pages[i], CLONE_KERNEL);
		KTEST_ASSERT_GT(t, latecomer_pids[i], 0);
	}
	msleep(10);
	KTEST_EXPECT_EQ(t, latecomers_done, 0);
	KTEST_EXPECT_EQ(t, kmap_waits, waits + NR_LATECOMERS);
	for (i = 0; i < NR_LATECOMERS; i++) {
		kunmap(holders[i]);
		holder_mapped[i] = false;
	}
	for (i = 0; i < NR_LATECOMERS; i++) {
		kernel_wait(latecomer_pids[i], NULL);
		latecomer_pids[i] = 0;
	}
	KTEST_EXPECT_EQ(t, latecomers_done, NR_LATECOMERS);
	for (i = 0; i < NR_LATECOMERS; i++) {
		unsigned long *v = kmap(latecomer_pages[i]);

		KTEST_EXPECT_EQ(t, v[0], 0xfeedUL);
		kunmap(latecomer_pages[i]);
	}
}

static struct ktest_case kmap_cases[] = {
	KTEST_CASE(test_lowmem_page),
	KTEST_CASE(test_counts_and_reuse),
	KTEST_CASE(test_one_flush_per_round),
	KTEST_CASE(test_every_high_page),
	KTEST_CASE(test_exhaustion_sleeps_and_wakes),
	{}
};

static struct ktest_suite kmap_suite = {
	.name = "kmap",
	.test_cases = kmap_cases,
};
ktest_register_suite(kmap_suite);
