/*
 * The boot memory allocator (ULK 8.1 and appendix A; Linux 2.6's
 * bootmem): the kernel's only allocator until the buddy system exists.
 * A bitmap with one bit per page frame of low memory, set = reserved.
 * Everything starts reserved; the RAM ranges of the memory map are
 * freed, then the kernel image, the bitmap itself and the firmware's
 * areas reserved again. Allocations are first fit from a goal address,
 * zeroed, and packed within partially used pages; free_all_bootmem()
 * hands every page still free to the buddy system.
 */
#ifndef _MNEME_BOOTMEM_H
#define _MNEME_BOOTMEM_H

#include <bitops.h>
#include <asm/dma.h>

typedef struct bootmem_data {
	unsigned long node_boot_start;	/* physical address of bit 0 */
	unsigned long node_low_pfn;	/* one past the last page covered */
	unsigned long *node_bootmem_map;
	unsigned long last_offset;	/* bytes used in the last page allocated */
	unsigned long last_pos;		/* that page's index, for packing small requests */
	unsigned long last_success;	/* where the last search succeeded */
} bootmem_data_t;

extern bootmem_data_t bootmem_data;

#define SMP_CACHE_BYTES		32

/* The bitmap for `pages` page frames, in bytes, rounded to whole longs. */
static inline unsigned long bootmem_bootmap_bytes(unsigned long pages)
{
	return BITS_TO_LONGS(pages) * sizeof(long);
}

unsigned long init_bootmem(unsigned long start_pfn, unsigned long pages);
void free_bootmem(unsigned long addr, unsigned long size);
void reserve_bootmem(unsigned long addr, unsigned long size);
void *__alloc_bootmem(unsigned long size, unsigned long align, unsigned long goal);
unsigned long free_all_bootmem(void);
/* Pages [start_pfn, end_pfn) reserved in the bitmap (for tests and reports). */
unsigned long bootmem_reserved_pages(unsigned long start_pfn, unsigned long end_pfn);
/* Until paging_init() switches page tables, allocations must stay below this. */
extern unsigned long bootmem_limit;

/* Allocations go above ZONE_DMA (MAX_DMA_ADDRESS) by default, to spare it for DMA. */
#define alloc_bootmem(x)	__alloc_bootmem((x), SMP_CACHE_BYTES, __pa(MAX_DMA_ADDRESS))
#define alloc_bootmem_low(x)	__alloc_bootmem((x), SMP_CACHE_BYTES, 0)
#define alloc_bootmem_pages(x)	__alloc_bootmem((x), PAGE_SIZE, __pa(MAX_DMA_ADDRESS))
#define alloc_bootmem_low_pages(x) __alloc_bootmem((x), PAGE_SIZE, 0)

#endif
