/*
 * The boot memory allocator (include/bootmem.h for the model).
 *
 *   bit i of node_bootmem_map  <->  page frame node_boot_start/PAGE_SIZE + i
 *   1 = reserved (kernel image, firmware, allocated), 0 = free RAM
 */
#include <kernel.h>
#include <string.h>
#include <bitops.h>
#include <bootmem.h>
#include <init.h>
#include <mm.h>
#include "internal.h"

bootmem_data_t bootmem_data;
unsigned long bootmem_limit = ~0UL;

/*
 * Put the bitmap at page frame start_pfn, covering page frames
 * [0, pages). Everything starts reserved. Returns the bitmap's size.
 */
unsigned long __init init_bootmem(unsigned long start_pfn, unsigned long pages)
{
	bootmem_data_t *bdata = &bootmem_data;
	unsigned long size = bootmem_bootmap_bytes(pages);

	bdata->node_bootmem_map = __va(PFN_PHYS(start_pfn));
	bdata->node_boot_start = 0;
	bdata->node_low_pfn = pages;
	bdata->last_pos = 0;
	bdata->last_offset = 0;
	bdata->last_success = 0;
	memset(bdata->node_bootmem_map, 0xff, size);
	return size;
}

/* Page frames wholly inside [addr, addr + size) are freed; partial ones stay reserved. */
void __init free_bootmem(unsigned long addr, unsigned long size)
{
	bootmem_data_t *bdata = &bootmem_data;
	unsigned long sidx = PFN_UP(addr - bdata->node_boot_start);
	unsigned long eidx = PFN_DOWN(addr + size - bdata->node_boot_start);
	unsigned long i;

	if (eidx > bdata->node_low_pfn)
		eidx = bdata->node_low_pfn;
	for (i = sidx; i < eidx; i++)
		if (!__test_and_clear_bit(i, bdata->node_bootmem_map))
			printk(KERN_WARNING "bootmem: page %#lx freed twice\n", PFN_PHYS(i));
	if (sidx < bdata->last_success && sidx < eidx)
		bdata->last_success = sidx;
}

/* Every page frame touching [addr, addr + size) becomes reserved. */
void __init reserve_bootmem(unsigned long addr, unsigned long size)
{
	bootmem_data_t *bdata = &bootmem_data;
	unsigned long sidx = PFN_DOWN(addr - bdata->node_boot_start);
	unsigned long eidx = PFN_UP(addr + size - bdata->node_boot_start);
	unsigned long i;

	if (eidx > bdata->node_low_pfn)
		eidx = bdata->node_low_pfn;
	for (i = sidx; i < eidx; i++)
		__set_bit(i, bdata->node_bootmem_map);
}

unsigned long bootmem_reserved_pages(unsigned long start_pfn, unsigned long end_pfn)
{
	bootmem_data_t *bdata = &bootmem_data;
	unsigned long i, n = 0;

	if (end_pfn > bdata->node_low_pfn)
		end_pfn = bdata->node_low_pfn;
	for (i = start_pfn; i < end_pfn; i++)
		n += test_bit(i, bdata->node_bootmem_map);
	return n;
}

/*
 * A run of free page frames at or above goal (then anywhere), aligned
 * to align, for size bytes. A request smaller than a page may share
 * the page the previous one ended in (last_pos/last_offset), as in
 * Linux 2.6. The memory is zeroed. Out of memory at boot is fatal.
 */
static void *__alloc_bootmem_core(bootmem_data_t *bdata, unsigned long size,
				  unsigned long align, unsigned long goal,
				  unsigned long limit_pfn)
{
	unsigned long eidx = min(bdata->node_low_pfn, limit_pfn);
	unsigned long areasize = PFN_UP(size);
	unsigned long step = align > PAGE_SIZE ? align >> PAGE_SHIFT : 1;
	unsigned long preferred, i, start = 0;
	void *ret;

	if (!size)
		return NULL;
	/* Try from the goal, then from the last success, then from 0. */
	preferred = goal ? PFN_DOWN(goal - bdata->node_boot_start) : bdata->last_success;
	preferred = ALIGN(preferred, step);
restart_scan:
	for (i = preferred; i + areasize <= eidx; i += step) {
		unsigned long j;

		if (test_bit(i, bdata->node_bootmem_map))
			continue;
		for (j = i + 1; j < i + areasize; j++)
			if (test_bit(j, bdata->node_bootmem_map))
				break;
		if (j == i + areasize) {
			start = i;
			goto found;
		}
		i = ALIGN(j, step) - step;
	}
	if (preferred) {
		preferred = 0;
		goto restart_scan;
	}
	return NULL;

found:
	bdata->last_success = start;
	/* Pack small requests into the page the last one ended in. */
	if (align < PAGE_SIZE && bdata->last_offset && bdata->last_pos + 1 == start) {
		unsigned long offset = ALIGN(bdata->last_offset, align);

		if (offset + size <= PAGE_SIZE) {
			bdata->last_offset = offset + size;
			ret = __va(PFN_PHYS(bdata->last_pos) + offset + bdata->node_boot_start);
			memset(ret, 0, size);
			return ret;
		}
	}
	bdata->last_pos = start + areasize - 1;
	bdata->last_offset = size & ~PAGE_MASK;
	for (i = start; i < start + areasize; i++)
		__set_bit(i, bdata->node_bootmem_map);
	ret = __va(PFN_PHYS(start) + bdata->node_boot_start);
	memset(ret, 0, size);
	return ret;
}

void * __init __alloc_bootmem(unsigned long size, unsigned long align, unsigned long goal)
{
	unsigned long limit_pfn = bootmem_limit >> PAGE_SHIFT;
	void *p = __alloc_bootmem_core(&bootmem_data, size, align, goal, limit_pfn);

	if (!p)
		panic("Out of memory at boot: cannot allocate %lu bytes (align %lu) "
		      "below %#lx; this machine has too little RAM for Mneme",
		      size, align, min(bootmem_limit, PFN_PHYS(bootmem_data.node_low_pfn)));
	return p;
}

/*
 * The end of bootmem: every page frame still free goes to the buddy
 * system, in the largest aligned blocks that fit, and so do the pages
 * of the bitmap itself. Returns the number of page frames released.
 */
unsigned long __init free_all_bootmem(void)
{
	bootmem_data_t *bdata = &bootmem_data;
	unsigned long pfn = 0, count = 0, map_pfn, map_pages;

	while (pfn < bdata->node_low_pfn) {
		unsigned long end = pfn;

		if (test_bit(pfn, bdata->node_bootmem_map)) {
			pfn++;
			continue;
		}
		while (end < bdata->node_low_pfn && !test_bit(end, bdata->node_bootmem_map))
			end++;
		count += free_pages_range(pfn, end);
		pfn = end;
	}
	map_pfn = PFN_DOWN(__pa(bdata->node_bootmem_map));
	map_pages = PFN_UP(bootmem_bootmap_bytes(bdata->node_low_pfn));
	count += free_pages_range(map_pfn, map_pfn + map_pages);
	bdata->node_bootmem_map = NULL;
	return count;
}
