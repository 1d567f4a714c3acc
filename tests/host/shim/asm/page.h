/*
 * Host replacement for include/asm/page.h (found first: tests/host/shim
 * precedes include/ on the include path). On the target the direct map
 * puts physical address p at p + 0xC0000000; a host process cannot map
 * anything there, so the tests' "RAM" is an arena they allocate
 * (page_alloc_host.h) and PAGE_OFFSET is where it starts:
 *
 *     __va(pfn << PAGE_SHIFT) == host_direct_map + pfn * PAGE_SIZE
 *
 * so page_address(), lowmem_page_address(), virt_to_page() and
 * virt_addr_valid() work unchanged, on arena addresses. PAGE_OFFSET is
 * a variable here, not a constant: kernel code that needs it in a
 * constant expression cannot be built for the host with this shim.
 */
#ifndef _ASM_PAGE_H
#define _ASM_PAGE_H

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))

/* The host address of page frame 0 (tests/host/shim/mm_shim.c; set by the test). */
extern unsigned long host_direct_map;

#define __PAGE_OFFSET	host_direct_map
#define PAGE_OFFSET	__PAGE_OFFSET

#define PAGE_ALIGN(addr)	(((addr) + PAGE_SIZE - 1) & PAGE_MASK)

#define __pa(x)		((unsigned long)(x) - PAGE_OFFSET)
#define __va(x)		((void *)((unsigned long)(x) + PAGE_OFFSET))

#define PFN_UP(x)	(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_DOWN(x)	((x) >> PAGE_SHIFT)
#define PFN_PHYS(x)	((unsigned long)(x) << PAGE_SHIFT)

#endif
