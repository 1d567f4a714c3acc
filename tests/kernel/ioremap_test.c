/*
 * ioremap()/iounmap() (arch/x86/mm/ioremap.c): an area of the vmalloc
 * range flagged VM_IOREMAP, its ptes uncached onto the physical frames,
 * shown by /proc/vmallocinfo as Linux shows it, gone after iounmap; RAM
 * in use refused; a bad iounmap reported, never a crash.
 */
#include <kernel.h>
#include <errno.h>
#include <gfp.h>
#include <mm.h>
#include <vmalloc.h>
#include <vmstat.h>
#include <ktest.h>
#include <asm/io.h>
#include <asm/pgtable.h>

/* The VGA text buffer: I/O memory on every PC QEMU emulates. */
#define VGA_PHYS	0xb8000UL

static void test_maps_uncached(struct ktest *t)
{
	char *v = (char *)ioremap(VGA_PHYS + 0x10, 2 * PAGE_SIZE);
	struct vm_struct *area;
	enum pg_level level;
	pte_t *pte;

	KTEST_ASSERT_NOT_NULL(t, v);
	KTEST_EXPECT_TRUE(t, (unsigned long)v >= VMALLOC_START && (unsigned long)v < VMALLOC_END);
	KTEST_EXPECT_EQ(t, (unsigned long)v & ~PAGE_MASK, 0x10ul);
	area = find_vm_area((void *)((unsigned long)v & PAGE_MASK));
	KTEST_ASSERT_NOT_NULL(t, area);
	KTEST_EXPECT_EQ(t, area->flags, (unsigned long)VM_IOREMAP);
	KTEST_EXPECT_EQ(t, area->phys_addr, VGA_PHYS);
	/* 0x10 + 2 pages spans three frames. */
	KTEST_EXPECT_EQ(t, get_vm_area_size(area), 3 * PAGE_SIZE);
	pte = lookup_address((unsigned long)v + PAGE_SIZE, &level);
	KTEST_ASSERT_NOT_NULL(t, pte);
	KTEST_EXPECT_EQ(t, pte_pfn(*pte), (VGA_PHYS >> PAGE_SHIFT) + 1);
	KTEST_EXPECT_EQ(t, pte_val(*pte) & (_PAGE_PCD | _PAGE_PWT), (unsigned long)(_PAGE_PCD | _PAGE_PWT));
	/* The same bytes as the direct map's view of the frame. */
	KTEST_EXPECT_EQ(t, *(volatile u32 *)(v + 0xff0 + 0x100),
			*(volatile u32 *)__va(VGA_PHYS + 0x1100));
	iounmap(v);
	KTEST_EXPECT_NULL(t, find_vm_area((void *)((unsigned long)v & PAGE_MASK)));
	pte = lookup_address((unsigned long)v + PAGE_SIZE, &level);
	KTEST_EXPECT_TRUE(t, !pte || pte_none(*pte));
}

/* The areas mapping the VGA buffer that vmallocinfo shows now (the VGA console's, unless vgacon=off). */
static unsigned int vga_areas(void)
{
	unsigned int n;

	ktest_capture_start();
	show_vmallocinfo();
	ktest_capture_stop();
	n = ktest_captured(" phys=0x000b8000 ioremap");
	return n;
}

static void test_vmallocinfo(struct ktest *t)
{
	unsigned int before = vga_areas();
	void *v = ioremap(VGA_PHYS, PAGE_SIZE);
	char expect[80];

	KTEST_ASSERT_NOT_NULL(t, v);
	ktest_capture_start();
	show_vmallocinfo();
	ktest_capture_stop();
	snprintf(expect, sizeof(expect), "0x%p-0x%p    8192 test_vmallocinfo+", v,
		 (char *)v + 2 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, ktest_captured(expect), 1u);
	KTEST_EXPECT_EQ(t, ktest_captured(" phys=0x000b8000 ioremap"), before + 1);
	iounmap(v);
	KTEST_EXPECT_EQ(t, vga_areas(), before);
}

/* RAM the allocator owns is refused; iounmap of anything not ioremap's is reported and left alone. */
static void test_refusals(struct ktest *t)
{
	struct page *page = ktest_alloc_page(t, GFP_KERNEL);	/* the suite frees it */
	void *v;

	KTEST_ASSERT_NOT_NULL(t, page);
	v = vmalloc(PAGE_SIZE);		/* last: nothing of ours is held if it fails */
	KTEST_ASSERT_NOT_NULL(t, v);
	ktest_capture_start();
	KTEST_EXPECT_NULL(t, ioremap(page_to_phys(page), PAGE_SIZE));
	KTEST_EXPECT_NULL(t, ioremap(VGA_PHYS, 0));
	iounmap(v);
	iounmap((void *)0x12345678);
	iounmap(page_address(page));
	ktest_capture_stop();
	KTEST_EXPECT_EQ(t, ktest_captured("ioremap on RAM at"), 1u);
	KTEST_EXPECT_EQ(t, ktest_captured("iounmap: bad address"), 3u);
	KTEST_EXPECT_NOT_NULL(t, find_vm_area(v));	/* the vmalloc area survived */
	vfree(v);
}

static struct ktest_case ioremap_cases[] = {
	KTEST_CASE(test_maps_uncached),
	KTEST_CASE(test_vmallocinfo),
	KTEST_CASE(test_refusals),
	{}
};

static struct ktest_suite ioremap_suite = {
	.name = "ioremap",
	.test_cases = ioremap_cases,
};
ktest_register_suite(ioremap_suite);
