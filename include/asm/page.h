/*
 * Pages and the kernel's view of physical memory.
 *
 *   0x00000000 +------------------+
 *              | user space       |  TASK_SIZE = PAGE_OFFSET
 *   0xc0000000 +------------------+
 *              | direct map of    |  __va(p) = p + PAGE_OFFSET
 *              | low memory       |  (kernel image at 0xc0100000)
 *              +------------------+  high_memory
 *              | vmalloc, pkmap,  |
 *              | fixmap           |
 *   0xffffffff +------------------+
 */
#ifndef _ASM_PAGE_H
#define _ASM_PAGE_H

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))

#define __PAGE_OFFSET	0xC0000000UL
#define PAGE_OFFSET	__PAGE_OFFSET
#define TASK_SIZE	PAGE_OFFSET

#define PAGE_ALIGN(addr)	(((addr) + PAGE_SIZE - 1) & PAGE_MASK)

#define __pa(x)		((unsigned long)(x) - PAGE_OFFSET)
#define __va(x)		((void *)((unsigned long)(x) + PAGE_OFFSET))

#define PFN_UP(x)	(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_DOWN(x)	((x) >> PAGE_SHIFT)
#define PFN_PHYS(x)	((unsigned long)(x) << PAGE_SHIFT)

#endif
