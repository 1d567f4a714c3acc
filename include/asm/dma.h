/*
 * ISA DMA reaches only the first 16 MB of physical memory, hence
 * ZONE_DMA (ULK 8.1.3; Linux's include/asm-i386/dma.h). Its end, as a
 * direct-map address (Linux's form) and as a page frame number.
 */
#ifndef _ASM_DMA_H
#define _ASM_DMA_H

#include <asm/page.h>

#define MAX_DMA_ADDRESS		(PAGE_OFFSET + 0x1000000UL)
#define MAX_DMA_PFN		(__pa(MAX_DMA_ADDRESS) >> PAGE_SHIFT)

#endif
