/*
 * Kernel mappings of high memory (ULK 8.1.6). Low pages are always
 * mapped (the direct map); a high page must be mapped on purpose:
 *
 *   kmap_atomic(page, type)  a per-CPU fixmap slot; never sleeps; the
 *                            slot is the caller's until kunmap_atomic()
 *   kmap(page)               one of LAST_PKMAP slots of the pkmap window;
 *                            may sleep until a slot is free; kunmap()
 */
#ifndef _MNEME_HIGHMEM_H
#define _MNEME_HIGHMEM_H

#include <mm.h>
#include <string.h>
#include <asm/highmem.h>	/* kmap_atomic(), kunmap_atomic() */

void *kmap(struct page *page);
void kunmap(struct page *page);
void page_address_init(void);

/* The pkmap slot counts (0 free, 1 stale TLB entry, n > 1 in use) and statistics. */
extern int pkmap_count[];
extern unsigned long kmap_waits, pkmap_flushes;

static inline void clear_highpage(struct page *page)
{
	void *kaddr = kmap_atomic(page, KM_USER0);

	memset(kaddr, 0, PAGE_SIZE);
	kunmap_atomic(kaddr, KM_USER0);
}

static inline void copy_highpage(struct page *to, struct page *from)
{
	void *vfrom = kmap_atomic(from, KM_USER0);
	void *vto = kmap_atomic(to, KM_USER1);

	memcpy(vto, vfrom, PAGE_SIZE);
	kunmap_atomic(vfrom, KM_USER0);
	kunmap_atomic(vto, KM_USER1);
}

#endif
