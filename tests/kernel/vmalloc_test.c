/*
 * Noncontiguous memory areas (ULK 8.3) on real page tables: vmalloc of
 * one page, many, more than low memory holds; the area running out;
 * vmap; the guard page and freed areas oopsing with a report that names
 * the area; every page given back.
 */
#include <kernel.h>
#include <string.h>
#include <gfp.h>
#include <highmem.h>
#include <ktest.h>
#include <mm.h>
#include <slab.h>
#include <vmalloc.h>
#include <vmstat.h>
#include <asm/pgtable.h>
#include "mm_test_util.h"

static unsigned long free_before;

/*
 * Free pages, with the slab caches shrunk (vm_struct descriptors and
 * page arrays come from kmalloc) and the page tables vmalloc keeps
 * counted as if free (they stay by design).
 */
static unsigned long free_plus_pgtables(void)
{
	unsigned long n;
	int i;

	kmem_cache_shrink_all();
	drain_local_pages();
	n = nr_free_pages();
	for (i = 0; i < MAX_NR_ZONES; i++)
		n += nr_vmalloc_pgtables[i];
	return n;
}

static int vmalloc_test_init(struct ktest *t)
{
	drain_local_pages();
	free_before = free_plus_pgtables();
	return 0;
}

/* Every page vmalloc took is back once vfree() returns. */
static void expect_all_pages_back(struct ktest *t)
{
	drain_local_pages();
	KTEST_EXPECT_EQ(t, free_plus_pgtables(), free_before);
}

static void test_one_page(struct ktest *t)
{
	unsigned char *p = ktest_vmalloc(t, 100);
	struct vm_struct *area;

	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_TRUE(t, is_vmalloc_addr(p));
	KTEST_EXPECT_EQ(t, (unsigned long)p & ~PAGE_MASK, 0UL);
	KTEST_EXPECT_GE(t, (unsigned long)p, VMALLOC_START);
	area = find_vm_area(p);
	KTEST_ASSERT_NOT_NULL(t, area);
	KTEST_EXPECT_EQ(t, area->size, 2 * PAGE_SIZE);	/* one page and its guard */
	KTEST_EXPECT_EQ(t, area->nr_pages, 1u);
	KTEST_EXPECT_PTR_EQ(t, vmalloc_to_page(p), area->pages[0]);
	memset(p, 0x3c, PAGE_SIZE);
	ktest_vfree(t, p);
	KTEST_EXPECT_NULL(t, find_vm_area(p));
	expect_all_pages_back(t);
}

/* Many pages: contiguous addresses, scattered frames, each mapped to the right one. */
static void test_many_pages(struct ktest *t)
{
	unsigned long n = 300, i, bad = 0, contiguous = 0;
	unsigned int *p = vmalloc(n * PAGE_SIZE);

	KTEST_ASSERT_NOT_NULL(t, p);
	for (i = 0; i < n * PAGE_SIZE / sizeof(int); i += 97)
		p[i] = i;
	for (i = 0; i < n * PAGE_SIZE / sizeof(int); i += 97)
		bad += p[i] != i;
	KTEST_EXPECT_EQ(t, bad, 0UL);
	for (i = 1; i < n; i++) {
		struct page *a = vmalloc_to_page((char *)p + (i - 1) * PAGE_SIZE);
		struct page *b = vmalloc_to_page((char *)p + i * PAGE_SIZE);

		contiguous += b == a + 1;
	}
	printk(KERN_INFO "    # %lu of %lu page pairs physically adjacent\n", contiguous, n - 1);
	vfree(p);
	expect_all_pages_back(t);
}

/*
 * More memory than low memory has free: only possible with high pages,
 * which the area maps like any other (needs a machine whose vmalloc area
 * is larger than its free low memory, e.g. 256 MB with vmalloc=768M).
 */
static void test_more_than_free_lowmem(struct ktest *t)
{
	unsigned long low_free, size, i, high = 0;
	unsigned char *p;

	drain_local_pages();
	low_free = zone_free_total(zone_of(ZONE_DMA)) + zone_free_total(zone_of(ZONE_NORMAL));
	size = (low_free + 256) * PAGE_SIZE;
	if (!populated_zone(zone_of(ZONE_HIGHMEM)) ||
	    zone_free_total(zone_of(ZONE_HIGHMEM)) < 1024 ||
	    size + (1UL << 20) > VMALLOC_END - VMALLOC_START)
		KTEST_SKIP(t, "needs high memory and a vmalloc area larger than free low memory");
	p = __vmalloc(size, GFP_KERNEL | __GFP_HIGHMEM | __GFP_NOWARN, NULL);
	KTEST_ASSERT_NOT_NULL(t, p);	/* (nothing can stop the test from here to vfree) */
	for (i = 0; i < size; i += PAGE_SIZE) {
		p[i] = (unsigned char)(i >> PAGE_SHIFT);
		high += PageHighmem(vmalloc_to_page(p + i));
	}
	for (i = 0; i < size; i += PAGE_SIZE)
		if (p[i] != (unsigned char)(i >> PAGE_SHIFT))
			break;
	KTEST_EXPECT_EQ(t, i, size);
	KTEST_EXPECT_GE(t, high, 256UL);
	printk(KERN_INFO "    # %lu MB vmalloc'ed, %lu high pages\n", size >> 20, high);
	vfree(p);
	expect_all_pages_back(t);
}

/* vmalloc_32 never takes high memory. */
static void test_vmalloc_32(struct ktest *t)
{
	unsigned long i, high = 0, n = 64;
	char *p = vmalloc_32(n * PAGE_SIZE);

	KTEST_ASSERT_NOT_NULL(t, p);
	for (i = 0; i < n; i++)
		high += PageHighmem(vmalloc_to_page(p + i * PAGE_SIZE));
	KTEST_EXPECT_EQ(t, high, 0UL);
	vfree(p);
}

/*
 * Too big for the area: NULL, with a message; then areas until it runs
 * out: 4 MB ones (2 MB on a machine of less than 8 MB; at most 1 GB of
 * vmalloc area: under 512 of them), then the gaps between them filled
 * with ever smaller ones down to a page. The last vmalloc, of a page,
 * must fail for want of room, not of memory (a size in RAM on the
 * smallest machine, whatever the kernel's own size leaves of it).
 */
static void test_area_exhausted(struct ktest *t)
{
	static void *areas[512 + 32];	/* the gaps: a few areas of each smaller size */
	unsigned long chunk = totalram_pages >= (8UL << (20 - PAGE_SHIFT)) ? 4UL << 20 : 2UL << 20;
	unsigned long size;
	unsigned int n = 0, i;

	ktest_capture_start();
	areas[0] = vmalloc((totalram_pages + 1) << PAGE_SHIFT);
	ktest_capture_stop();
	KTEST_EXPECT_NULL(t, areas[0]);
	vfree(areas[0]);
	KTEST_EXPECT_EQ(t, ktest_captured("more than the machine's memory"), 1u);

	/* vmap one page many times over: fills the address space, not memory. */
	{
		struct page *page = alloc_page(GFP_KERNEL);
		struct vm_struct *more;
		void *v;

		KTEST_ASSERT_NOT_NULL(t, page);
		while (n < ARRAY_SIZE(areas)) {
			struct vm_struct *a = get_vm_area(chunk, VM_MAP);

			if (!a)
				break;
			areas[n++] = a;
		}
		KTEST_EXPECT_LT(t, n, 512u);
		more = get_vm_area(chunk, VM_MAP);	/* full (unless a fault stopped the loop) */
		KTEST_EXPECT_NULL(t, more);
		if (more)
			kfree(remove_vm_area(more->addr));
		for (size = chunk / 2; size >= PAGE_SIZE; size /= 2)
			while (n < ARRAY_SIZE(areas) && (areas[n] = get_vm_area(size, VM_MAP)))
				n++;
		KTEST_EXPECT_LT(t, n, (unsigned int)ARRAY_SIZE(areas));
		ktest_capture_start();
		v = vmalloc(PAGE_SIZE);
		ktest_capture_stop();
		KTEST_EXPECT_NULL(t, v);
		vfree(v);
		KTEST_EXPECT_EQ(t, ktest_captured("no room in the vmalloc area"), 1u);
		/* Nearly all of it was used: every area and guard fit end to end. */
		KTEST_EXPECT_GE(t, (n + 2) * (chunk + PAGE_SIZE), VMALLOC_END - VMALLOC_START);
		for (i = 0; i < n; i++)
			kfree(remove_vm_area(((struct vm_struct *)areas[i])->addr));
		__free_page(page);
	}
	KTEST_EXPECT_TRUE(t, n > 0);
}

/* Pages written through kmap() read back the same through a vmap() of them. */
static void test_vmap_of_kmapped_pages(struct ktest *t)
{
	struct page *pages[8];
	unsigned int i, bad = 0;
	unsigned char *v;

	for (i = 0; i < ARRAY_SIZE(pages); i++) {
		unsigned char *k;

		pages[i] = ktest_alloc_page(t, GFP_HIGHUSER);
		KTEST_ASSERT_NOT_NULL(t, pages[i]);
		k = kmap(pages[i]);
		memset(k, 0xa0 + i, PAGE_SIZE);
		kunmap(pages[i]);
	}
	v = vmap(pages, ARRAY_SIZE(pages), 0);
	KTEST_ASSERT_NOT_NULL(t, v);
	for (i = 0; i < ARRAY_SIZE(pages); i++) {
		bad += !!memchr_inv(v + i * PAGE_SIZE, 0xa0 + i, PAGE_SIZE);
		KTEST_EXPECT_PTR_EQ(t, vmalloc_to_page(v + i * PAGE_SIZE), pages[i]);
	}
	KTEST_EXPECT_EQ(t, bad, 0u);
	vunmap(v);
	/* vunmap() leaves the pages to their owner: still ours, still intact. */
	for (i = 0; i < ARRAY_SIZE(pages); i++)
		KTEST_EXPECT_EQ(t, page_count(pages[i]), 1);
}

static char *touch_addr;

static void touch(void *arg)
{
	*(volatile char *)touch_addr = 1;
}

/* Running off the end of an area hits its guard page: an oops naming the area. */
static void test_guard_page_oops(struct ktest *t)
{
	char *p = vmalloc(2 * PAGE_SIZE), expect[96];	/* it must name this caller */

	KTEST_ASSERT_NOT_NULL(t, p);
	touch_addr = p + 2 * PAGE_SIZE;		/* one byte past the end */
	ktest_capture_start();
	KTEST_EXPECT_TRUE(t, ktest_catch_oops(touch, NULL));
	ktest_capture_stop();
	snprintf(expect, sizeof(expect), "in the guard page after vmalloc area %#lx-%#lx (8192 bytes)",
		 (unsigned long)p, (unsigned long)p + 2 * PAGE_SIZE - 1);
	KTEST_EXPECT_EQ(t, ktest_captured(expect), 1u);
	KTEST_EXPECT_EQ(t, ktest_captured("allocated by test_guard_page_oops+"), 1u);
	vfree(p);
}

/* A use after vfree(): the oops names the freed area and who had allocated it. */
static void test_freed_area_oops(struct ktest *t)
{
	char *p = vmalloc(3 * PAGE_SIZE), expect[96];

	KTEST_ASSERT_NOT_NULL(t, p);
	p[0] = 1;
	vfree(p);
	touch_addr = p + PAGE_SIZE;
	ktest_capture_start();
	KTEST_EXPECT_TRUE(t, ktest_catch_oops(touch, NULL));
	ktest_capture_stop();
	snprintf(expect, sizeof(expect), "in freed vmalloc area %#lx-%#lx", (unsigned long)p,
		 (unsigned long)p + 3 * PAGE_SIZE - 1);
	KTEST_EXPECT_EQ(t, ktest_captured(expect), 1u);
	KTEST_EXPECT_EQ(t, ktest_captured("allocated by test_freed_area_oops+"), 1u);
	/* And the page-table entries are really gone. */
	KTEST_EXPECT_NULL(t, vmalloc_to_page(p));
}

/* vfree() of something that is not an area: reported, nothing freed. */
static void test_bad_vfree(struct ktest *t)
{
	char *p = vmalloc(PAGE_SIZE);

	KTEST_ASSERT_NOT_NULL(t, p);
	ktest_capture_start();
	vfree(p + 8);
	vfree(p + PAGE_SIZE);
	ktest_capture_stop();
	KTEST_EXPECT_EQ(t, ktest_captured("vfree: bad address"), 1u);
	KTEST_EXPECT_EQ(t, ktest_captured("vfree: trying to free nonexistent vm area"), 1u);
	vfree(p);
}

static void test_vmallocinfo(struct ktest *t)
{
	char *p = vmalloc(5 * PAGE_SIZE), expect[64];

	KTEST_ASSERT_NOT_NULL(t, p);
	ktest_capture_start();
	show_vmallocinfo();
	ktest_capture_stop();
	snprintf(expect, sizeof(expect), "0x%p-0x%p   24576 test_vmallocinfo+", p, p + 6 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, ktest_captured(expect), 1u);
	KTEST_EXPECT_EQ(t, ktest_captured(" pages=5 vmalloc"), 1u);
	vfree(p);
}

static struct ktest_case vmalloc_cases[] = {
	KTEST_CASE(test_one_page),
	KTEST_CASE(test_many_pages),
	KTEST_CASE(test_more_than_free_lowmem),
	KTEST_CASE(test_vmalloc_32),
	KTEST_CASE(test_area_exhausted),
	KTEST_CASE(test_vmap_of_kmapped_pages),
	KTEST_CASE(test_guard_page_oops),
	KTEST_CASE(test_freed_area_oops),
	KTEST_CASE(test_bad_vfree),
	KTEST_CASE(test_vmallocinfo),
	{}
};

static struct ktest_suite vmalloc_suite = {
	.name = "vmalloc",
	.test_cases = vmalloc_cases,
	.init = vmalloc_test_init,
};
ktest_register_suite(vmalloc_suite);
