/*
 * What mm/page_alloc.c and mm/mm_init.c need from the rest of the
 * kernel, for the host (built like kernel code; see host_shim.h for the
 * host half). The tests' RAM is an arena in the host process, mapped at
 * host_direct_map (shim/asm/page.h), high pages included: the "direct
 * map" covers every page frame, but only pages below max_low_pfn count
 * as low memory.
 *
 *   __alloc_bootmem      zeroed host memory (mem_map), released in bulk
 *                        by host_bootmem_release() before the next boot
 *   kmap_atomic          a high page's arena address; as in mm/highmem.c,
 *   kunmap_atomic        a low page needs no slot, a high page holds its
 *                        slot until kunmap_atomic(), and taking a slot
 *                        still held, or releasing the wrong one, is a BUG
 *   page_address         NULL for high pages: nothing kmap()s them here
 *   num_physpages        arch/x86/mm/init.c's; slab_host.h sets it (mm/slab.c
 *                        picks its slab order limit from it)
 *
 * (dump_stack() and add_taint() are in kernel_shim.c.)
 */
#include <kernel.h>
#include <bug.h>
#include <bootmem.h>
#include <highmem.h>
#include <mm.h>
#include <fs.h>
#include "host_shim.h"

unsigned long host_direct_map;
unsigned long max_pfn, max_low_pfn;
unsigned long num_physpages;	/* arch/x86/mm/init.c; set by the test (slab_host.h) */
void *high_memory;

struct page *host_kmap_slot[HOST_KM_TYPE_NR];
BUILD_BUG_ON(KM_TYPE_NR > HOST_KM_TYPE_NR);

void *__alloc_bootmem(unsigned long size, unsigned long align, unsigned long goal)
{
	void *p = host_bootmem_alloc(size, align);

	BUG_ON(!p);
	return p;
}

void *kmap_atomic(struct page *page, enum km_type type)
{
	BUG_ON(type >= KM_TYPE_NR);
	if (!PageHighmem(page))
		return lowmem_page_address(page);
	if (host_kmap_slot[type]) {
		printk(KERN_EMERG "kmap_atomic: slot %u still maps pfn %#lx\n",
		       type, page_to_pfn(host_kmap_slot[type]));
		BUG();
	}
	host_kmap_slot[type] = page;
	return __va(page_to_pfn(page) << PAGE_SHIFT);
}

void kunmap_atomic(void *kvaddr, enum km_type type)
{
	struct page *page = virt_to_page(kvaddr);

	BUG_ON(type >= KM_TYPE_NR);
	if (!PageHighmem(page))	/* a low page: nothing was mapped */
		return;
	if (host_kmap_slot[type] != page) {
		printk(KERN_EMERG "kunmap_atomic: %p is not slot %u\n", kvaddr, type);
		BUG();
	}
	host_kmap_slot[type] = NULL;
}

void *page_address(const struct page *page)
{
	if (!PageHighmem(page))
		return lowmem_page_address(page);
	return NULL;
}

/*
 * mm/mmap.c's file mappings (fget() for mmap2's descriptor, fput() when a
 * region goes): the host tests open no files, so no descriptor names one
 * and no region holds one.
 */
struct file *fget(unsigned int fd)
{
	(void)fd;
	return NULL;
}

void fput(struct file *file)
{
	(void)file;
	BUG();
}
