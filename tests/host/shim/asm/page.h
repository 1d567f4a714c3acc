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
 *
 * Everything else is the kernel's own header, included: only
 * __PAGE_OFFSET (and through it PAGE_OFFSET, TASK_SIZE, __pa, __va) is
 * replaced.
 */
#ifndef _HOST_ASM_PAGE_H
#define _HOST_ASM_PAGE_H

#include "../../../../include/asm/page.h"

/* The host address of page frame 0 (tests/host/shim/mm_shim.c; set by the test). */
extern unsigned long host_direct_map;

#undef __PAGE_OFFSET
#define __PAGE_OFFSET	host_direct_map

#endif
