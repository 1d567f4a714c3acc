/*
 * Kernel mappings of high memory (ULK 8.1.6). Low pages are always
 * mapped (the direct map); a high page must be mapped on purpose:
 *
 *   kmap_atomic(page, type)  a per-CPU fixmap slot; never sleeps; the
 *                            slot is the caller's until kunmap_atomic()
 *   kmap(page)               (the persistent kmaps, a later issue)
 */
#ifndef _MNEME_HIGHMEM_H
#define _MNEME_HIGHMEM_H

#include <mm.h>
#include <string.h>
#include <asm/kmap_types.h>

void *kmap_atomic(struct page *page, enum km_type type);
void kunmap_atomic(void *kvaddr, enum km_type type);
void kmap_init(void);

/* The page a kmap_atomic() address maps (for tests and debugging). */
struct page *kmap_atomic_to_page(void *ptr);

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
