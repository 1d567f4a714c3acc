/*
 * The kernel page tables paging_init() built, and the layout they
 * express: the direct map (4 MB pages or 4 KB, global or not), the
 * protections of the kernel image, the zones and their sizes, the
 * temporary kmap_atomic() slots.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <gfp.h>
#include <highmem.h>
#include <ktest.h>
#include <maccess.h>
#include <mm.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include "mm_test_util.h"

extern char _text[], __boot_end[];

/*
 * Every page frame of low memory is mapped at PAGE_OFFSET + its
 * physical address: through a 4 MB page when the CPU has PSE enabled
 * (not over the kernel image), a 4 KB one otherwise; globally if PGE.
 */
static void test_direct_map(struct ktest *t)
{
	int pse = !!(read_cr4_safe() & X86_CR4_PSE);
	unsigned long global = cpu_has_pge ? _PAGE_GLOBAL : 0;
	unsigned long pfn, wrong = 0, large = 0, small = 0, not_global = 0;
	unsigned long guard = __pa(init_stack_guard) >> PAGE_SHIFT;

	for (pfn = 0; pfn < max_low_pfn; pfn++) {
		enum pg_level level;
		pte_t *pte = lookup_address((unsigned long)__va(PFN_PHYS(pfn)), &level);

		if (pfn == guard) {
			wrong += pte && pte_present(*pte);
			continue;
		}
		if (!pte || !pte_present(*pte)) {
			wrong++;
			continue;
		}
		if (level == PG_LEVEL_4M) {
			large += !(pfn % PTRS_PER_PTE);
			wrong += (pte_val(*pte) & PGDIR_MASK) != (PFN_PHYS(pfn) & PGDIR_MASK);
		} else {
			small++;
			wrong += pte_pfn(*pte) != pfn;
		}
		not_global += (pte_val(*pte) & _PAGE_GLOBAL) != global;
	}
	KTEST_EXPECT_EQ(t, wrong, 0UL);
	KTEST_EXPECT_EQ(t, not_global, 0UL);
	if (pse) {
		/* Only the chunks of the kernel image and a partial last chunk use 4 KB pages. */
		unsigned long image_chunks = DIV_ROUND_UP(PFN_UP((unsigned long)__boot_end), PTRS_PER_PTE);
		unsigned long full_chunks = max_low_pfn / PTRS_PER_PTE;

		KTEST_EXPECT_EQ(t, large, full_chunks > image_chunks ? full_chunks - image_chunks : 0);
	} else {
		KTEST_EXPECT_EQ(t, large, 0UL);
		KTEST_EXPECT_EQ(t, small + 1, max_low_pfn);
	}
	printk(KERN_INFO "    # direct map: %lu 4 MB pages, %lu 4 KB pages, %s\n",
	       large, small, global ? "global" : "not global");
}

/* Nothing above high_memory is part of the direct map. */
static void test_direct_map_ends_at_high_memory(struct ktest *t)
{
	enum pg_level level;
	pte_t *pte = lookup_address((unsigned long)high_memory, &level);

	KTEST_EXPECT_TRUE(t, !pte || !pte_present(*pte));
	KTEST_EXPECT_LE(t, (unsigned long)high_memory - PAGE_OFFSET, MAXMEM);
	KTEST_EXPECT_GE(t, VMALLOC_START, (unsigned long)high_memory + VMALLOC_OFFSET);
	KTEST_EXPECT_LT(t, VMALLOC_END, PKMAP_BASE);
	KTEST_EXPECT_LT(t, PKMAP_BASE + LAST_PKMAP * PAGE_SIZE, FIXADDR_START + 1);
}

/* The identity mapping startup_32 needed is gone: low addresses fault. */
static void test_identity_mapping_gone(struct ktest *t)
{
	unsigned long v;

	KTEST_EXPECT_EQ(t, probe_kernel_read(&v, (void *)0x100000, sizeof(v)), (long)-EFAULT);
	KTEST_EXPECT_EQ(t, probe_kernel_read(&v, (void *)0x0, sizeof(v)), (long)-EFAULT);
	KTEST_EXPECT_EQ(t, pgd_val(swapper_pg_dir[0]), 0UL);
	KTEST_EXPECT_EQ(t, read_cr3(), __pa(swapper_pg_dir));
}

static int writable_data = 1;

/* Kernel text and read-only data are mapped read-only; data is writable. */
static void test_kernel_image_protection(struct ktest *t)
{
	unsigned char b = 0x90;
	int v = 2;

	KTEST_EXPECT_EQ(t, probe_kernel_write((void *)_text + 0x100, &b, 1), (long)-EFAULT);
	KTEST_EXPECT_EQ(t, probe_kernel_write((void *)zone_names[0], &b, 1), (long)-EFAULT);
	KTEST_EXPECT_EQ(t, probe_kernel_write(&writable_data, &v, sizeof(v)), 0L);
	KTEST_EXPECT_EQ(t, writable_data, 2);
}

/* The zones cover [0, max_pfn) in order, each holding the RAM of its range. */
static void test_zone_layout(struct ktest *t)
{
	struct zone *dma = zone_of(ZONE_DMA), *normal = zone_of(ZONE_NORMAL);
	struct zone *high = zone_of(ZONE_HIGHMEM), *z;
	unsigned long present = 0;

	KTEST_EXPECT_EQ(t, dma->zone_start_pfn, 0UL);
	KTEST_EXPECT_LE(t, dma->spanned_pages, 4096UL);
	KTEST_EXPECT_EQ(t, normal->zone_start_pfn, dma->spanned_pages);
	KTEST_EXPECT_EQ(t, normal->zone_start_pfn + normal->spanned_pages, max_low_pfn);
	KTEST_EXPECT_EQ(t, high->zone_start_pfn, max_low_pfn);
	KTEST_EXPECT_EQ(t, high->zone_start_pfn + high->spanned_pages, max_pfn);
	KTEST_EXPECT_EQ(t, !!high->spanned_pages, max_pfn > MAXMEM_PFN);
	for_each_zone(z) {
		unsigned long pfn, ram = 0;

		for (pfn = z->zone_start_pfn; pfn < z->zone_start_pfn + z->spanned_pages; pfn++)
			ram += page_is_ram(pfn);
		KTEST_EXPECT_EQ(t, z->present_pages, ram);
		present += z->present_pages;
		KTEST_EXPECT_LE(t, z->pages_min, z->pages_low);
		KTEST_EXPECT_LE(t, z->pages_low, z->pages_high);
		printk(KERN_INFO "    # %-7s start %#7lx spanned %7lu present %7lu min %4lu low %4lu high %4lu\n",
		       z->name, z->zone_start_pfn, z->spanned_pages, z->present_pages,
		       z->pages_min, z->pages_low, z->pages_high);
	}
	KTEST_EXPECT_EQ(t, present, num_physpages);
	/* lowmem_reserve: DMA keeps 1/256 of NORMAL back from NORMAL-class requests. */
	KTEST_EXPECT_EQ(t, dma->lowmem_reserve[ZONE_NORMAL], normal->present_pages / 256);
	KTEST_EXPECT_EQ(t, dma->lowmem_reserve[ZONE_DMA], 0UL);
}

/* Every kmap_atomic() slot maps a high page at its own fixed address. */
static void test_kmap_atomic_slots(struct ktest *t)
{
	struct page *pages[KM_TYPE_NR];
	void *addr[KM_TYPE_NR];
	unsigned int i, bad = 0;

	if (!populated_zone(zone_of(ZONE_HIGHMEM)))
		KTEST_SKIP(t, "no high memory on this machine");
	for (i = 0; i < KM_TYPE_NR; i++) {
		pages[i] = ktest_alloc_page(t, GFP_HIGHUSER);
		KTEST_ASSERT_TRUE(t, pages[i] && PageHighmem(pages[i]));
		/* No kmap() of it in use (a stale, unused pkmap slot may remain until a flush). */
		if (page_address(pages[i]))
			KTEST_EXPECT_EQ(t, pkmap_count[((unsigned long)page_address(pages[i]) -
							PKMAP_BASE) >> PAGE_SHIFT], 1);
	}
	for (i = 0; i < KM_TYPE_NR; i++) {
		addr[i] = kmap_atomic(pages[i], i);
		KTEST_EXPECT_EQ(t, (unsigned long)addr[i], __fix_to_virt(FIX_KMAP_BEGIN + i));
		KTEST_EXPECT_PTR_EQ(t, kmap_atomic_to_page(addr[i]), pages[i]);
		memset(addr[i], 0x10 + i, PAGE_SIZE);
	}
	/* All mapped at once, each still holds its own bytes. */
	for (i = 0; i < KM_TYPE_NR; i++)
		bad += !!memchr_inv(addr[i], 0x10 + i, PAGE_SIZE);
	for (i = 0; i < KM_TYPE_NR; i++)
		kunmap_atomic(addr[i], i);
	KTEST_EXPECT_EQ(t, bad, 0u);
	/* Mapped again through another slot, the contents are still there. */
	for (i = 0; i < KM_TYPE_NR; i++) {
		void *p = kmap_atomic(pages[i], KM_USER1);

		bad += !!memchr_inv(p, 0x10 + i, PAGE_SIZE);
		kunmap_atomic(p, KM_USER1);
	}
	KTEST_EXPECT_EQ(t, bad, 0u);
}

/* A low page needs no slot: kmap_atomic() returns its direct-map address. */
static void test_kmap_atomic_lowmem(struct ktest *t)
{
	struct page *p = alloc_page(GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_PTR_EQ(t, kmap_atomic(p, KM_USER0), page_address(p));
	kunmap_atomic(page_address(p), KM_USER0);
	__free_page(p);
}

static struct page *reused_page;

static void map_slot_twice(void *arg)
{
	kmap_atomic(reused_page, KM_USER0);
	kmap_atomic(reused_page, KM_USER0);
}

/* Taking a slot that is still mapped is a bug the debug build catches. */
static void test_kmap_atomic_slot_reuse_detected(struct ktest *t)
{
	if (!populated_zone(zone_of(ZONE_HIGHMEM)))
		KTEST_SKIP(t, "no high memory on this machine");
	reused_page = alloc_page(GFP_HIGHUSER);
	KTEST_ASSERT_NOT_NULL(t, reused_page);
	ktest_capture_start();
	KTEST_EXPECT_TRUE(t, ktest_catch_oops(map_slot_twice, NULL));
	ktest_capture_stop();
	KTEST_EXPECT_EQ(t, ktest_captured("kmap_atomic: slot 1 still maps pfn"), 1u);
	/*
	 * The recovery gave back the preempt_count of the abandoned frames,
	 * the slot they held included: take it over before releasing it.
	 */
	inc_preempt_count();
	kunmap_atomic((void *)__fix_to_virt(FIX_KMAP_BEGIN + KM_USER0), KM_USER0);
	__free_page(reused_page);
}

static struct ktest_case paging_cases[] = {
	KTEST_CASE(test_direct_map),
	KTEST_CASE(test_direct_map_ends_at_high_memory),
	KTEST_CASE(test_identity_mapping_gone),
	KTEST_CASE(test_kernel_image_protection),
	KTEST_CASE(test_zone_layout),
	KTEST_CASE(test_kmap_atomic_slots),
	KTEST_CASE(test_kmap_atomic_lowmem),
	KTEST_CASE(test_kmap_atomic_slot_reuse_detected),
	{}
};

static struct ktest_suite paging_suite = {
	.name = "paging",
	.test_cases = paging_cases,
};
ktest_register_suite(paging_suite);
