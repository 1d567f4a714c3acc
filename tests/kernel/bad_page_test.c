/*
 * Every bad_page() case, provoked on purpose: each must be reported
 * exactly once, naming the page, and leave the allocator consistent
 * (zone_check() passes, no page both free and in use).
 */
#include <kernel.h>
#include <gfp.h>
#include <ktest.h>
#include <mm.h>
#include "mm_test_util.h"

static unsigned long reports_before, taint_before;

static int bad_page_init(struct ktest *t)
{
	reports_before = nr_bad_page_reports;
	taint_before = tainted_mask;
	ktest_capture_start();
	return 0;
}

static void bad_page_exit(struct ktest *t)
{
	ktest_capture_stop();
	tainted_mask = taint_before;	/* the taint was on purpose */
	if (!all_zones_ok())
		KTEST_FAIL(t, "zone_check() failed after the bad page");
}

/* One new report, with this reason, naming this pfn. */
static void expect_report(struct ktest *t, const char *reason, unsigned long pfn)
{
	char where[32];

	KTEST_EXPECT_EQ(t, nr_bad_page_reports, reports_before + 1);
	KTEST_EXPECT_EQ(t, ktest_captured("Bad page state in "), 1u);
	KTEST_EXPECT_EQ(t, ktest_captured(reason), 1u);
	snprintf(where, sizeof(where), "pfn:%#lx ", pfn);
	KTEST_EXPECT_EQ(t, ktest_captured(where), 1u);
	KTEST_EXPECT_TRUE(t, tainted_mask & (1UL << TAINT_BAD_PAGE));
}

static void test_double_free(struct ktest *t)
{
	struct page *p = alloc_page(GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, p);
	__free_page(p);
	__free_page(p);
	expect_report(t, "freeing a free page", page_to_pfn(p));
}

static void test_free_reserved_page(struct ktest *t)
{
	struct page *p = pfn_to_page(0);	/* page 0: reserved at boot */

	KTEST_ASSERT_TRUE(t, PageReserved(p));
	__free_page(p);
	expect_report(t, "freeing a reserved page", 0);
	KTEST_EXPECT_TRUE(t, PageReserved(p));
	KTEST_EXPECT_EQ(t, page_count(p), 1);
}

/* A page still mapped by a page table is not freed; its owner keeps it. */
static void test_free_mapped_page(struct ktest *t)
{
	struct page *p = alloc_page(GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, p);
	atomic_set(&p->_mapcount, 0);
	__free_page(p);
	expect_report(t, "page still mapped by page tables", page_to_pfn(p));
	KTEST_EXPECT_EQ(t, page_count(p), 1);
	reset_page_mapcount(p);
	__free_page(p);
}

static void test_free_page_with_mapping(struct ktest *t)
{
	struct page *p = alloc_page(GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, p);
	p->mapping = (struct address_space *)0x1234;
	__free_page(p);
	expect_report(t, "page still has a mapping", page_to_pfn(p));
	p->mapping = NULL;
	__free_page(p);
}

/* An order-1 block freed as order 2: the block's pages disagree, nothing is freed. */
static void test_free_wrong_order(struct ktest *t)
{
	struct page *b = alloc_pages(GFP_KERNEL, 1);
	unsigned long pfn;

	KTEST_ASSERT_NOT_NULL(t, b);
	pfn = page_to_pfn(b);
	__free_pages(b, 2);
	if (pfn & 3)
		expect_report(t, "block not aligned to its order", pfn);
	else
		expect_report(t, "the block's pages disagree", pfn + 2);
	KTEST_EXPECT_EQ(t, page_count(b), 1);
	__free_pages(b, 1);
}

/* An order-2 block freed as order 0, then as order 1: too small each time; nothing leaks. */
static void test_free_too_small_order(struct ktest *t)
{
	struct page *b = alloc_pages(GFP_KERNEL, 2);

	KTEST_ASSERT_NOT_NULL(t, b);
	__free_page(b);
	expect_report(t, "block freed with too small an order", page_to_pfn(b));
	KTEST_EXPECT_EQ(t, page_count(b), 1);
	reports_before = nr_bad_page_reports;
	ktest_capture_stop();
	ktest_capture_start();
	__free_pages(b, 1);
	expect_report(t, "block freed with too small an order", page_to_pfn(b));
	__free_pages(b, 2);
	KTEST_EXPECT_EQ(t, nr_bad_page_reports, reports_before + 1);
}

/* A double free of a page whose owner used private is still called a double free. */
static void test_double_free_with_private_set(struct ktest *t)
{
	struct page *p = alloc_page(GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, p);
	p->private = 0x1234;
	__free_page(p);
	__free_page(p);
	expect_report(t, "freeing a free page", page_to_pfn(p));
}

static void test_free_middle_of_block(struct ktest *t)
{
	struct page *b = alloc_pages(GFP_KERNEL, 2);

	KTEST_ASSERT_NOT_NULL(t, b);
	__free_page(b + 1);
	expect_report(t, "freeing a page from the middle of a block", page_to_pfn(b) + 1);
	__free_pages(b, 2);
}

/* Someone kept a reference to the second page of a block being freed. */
static void test_free_block_with_used_page(struct ktest *t)
{
	struct page *b = alloc_pages(GFP_KERNEL, 1);

	KTEST_ASSERT_NOT_NULL(t, b);
	get_page(b + 1);
	__free_pages(b, 1);
	expect_report(t, "the block's pages disagree", page_to_pfn(b) + 1);
	KTEST_EXPECT_EQ(t, ktest_captured("page still has users"), 1u);
	atomic_dec(&b[1]._count);
	__free_pages(b, 1);
}

/*
 * A stray write into a free page's descriptor is caught when the
 * allocator takes it: reported, and the page retired (PG_reserved, out
 * of circulation); the caller gets another page.
 */
static void test_corrupted_free_page(struct ktest *t)
{
	struct page *p = alloc_page(GFP_KERNEL), *q;
	struct zone *zone;

	KTEST_ASSERT_NOT_NULL(t, p);
	zone = page_zone(p);
	__free_page(p);
	p->mapping = (struct address_space *)0x1234;
	q = alloc_page(GFP_KERNEL | __GFP_NOFAULT);	/* must be the check, not an injected fault */
	KTEST_EXPECT_PTR_NE(t, q, p);
	expect_report(t, "free page is mapped", page_to_pfn(p));
	if (q && q != p)
		__free_page(q);
	p->mapping = NULL;		/* the stray write undone */
	if (KTEST_EXPECT_TRUE(t, PageReserved(p))) {
		/* Retired: put it back by hand, as no kernel path would (the page was fine). */
		ClearPageReserved(p);
		zone->nr_bad_pages--;
		set_page_count(p, 1);
		__free_page(p);
	} else if (q == p) {
		__free_page(q);
	}
}

static struct ktest_case bad_page_cases[] = {
	KTEST_CASE(test_double_free),
	KTEST_CASE(test_free_reserved_page),
	KTEST_CASE(test_free_mapped_page),
	KTEST_CASE(test_free_page_with_mapping),
	KTEST_CASE(test_free_wrong_order),
	KTEST_CASE(test_free_too_small_order),
	KTEST_CASE(test_double_free_with_private_set),
	KTEST_CASE(test_free_middle_of_block),
	KTEST_CASE(test_free_block_with_used_page),
	KTEST_CASE(test_corrupted_free_page),
	{}
};

static struct ktest_suite bad_page_suite = {
	.name = "bad_page",
	.test_cases = bad_page_cases,
	.init = bad_page_init,
	.exit = bad_page_exit,
};
ktest_register_suite(bad_page_suite);
