/*
 * Fix-mapped linear addresses (ULK 2.5.6): constant virtual addresses
 * at the top of the address space whose page-table entries the kernel
 * points at any physical page it likes. Index 0 is the highest page;
 * indices grow downwards:
 *
 *   FIXADDR_TOP  = 0xfffff000  fix_to_virt(0)  (a hole: never mapped)
 *                  0xffffe000  FIX_KMAP_BEGIN  (KM_BOUNCE_READ, cpu 0)
 *                  ...         ...             (KM_TYPE_NR slots per CPU)
 *   FIXADDR_START              the lowest fixmap page
 */
#ifndef _ASM_FIXMAP_H
#define _ASM_FIXMAP_H

#include <asm/page.h>
#include <asm/kmap_types.h>

#define FIXADDR_TOP	0xfffff000UL

enum fixed_addresses {
	FIX_HOLE,
	FIX_KMAP_BEGIN,
	FIX_KMAP_END = FIX_KMAP_BEGIN + KM_TYPE_NR * 1 /* NR_CPUS */ - 1,
	__end_of_fixed_addresses
};

#define __FIXADDR_SIZE	((unsigned long)__end_of_fixed_addresses << PAGE_SHIFT)
#define FIXADDR_START	(FIXADDR_TOP - __FIXADDR_SIZE)

#define __fix_to_virt(x)	(FIXADDR_TOP - ((unsigned long)(x) << PAGE_SHIFT))
#define __virt_to_fix(x)	((FIXADDR_TOP - ((x) & PAGE_MASK)) >> PAGE_SHIFT)

static inline unsigned long fix_to_virt(enum fixed_addresses idx)
{
	return __fix_to_virt(idx);
}

#endif
