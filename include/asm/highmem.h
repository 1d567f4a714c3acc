/*
 * The i386 side of high memory (Linux's include/asm-i386/highmem.h).
 *
 *   kmap_atomic()      one of this CPU's fixmap slots, set and cleared
 *                      here (arch/x86/mm/highmem_32.c); kmap_init() finds
 *                      their page table once paging_init() has built it
 *   pkmap_page_table   the page table of kmap()'s pkmap window, built by
 *                      paging_init() (arch/x86/mm/init.c); mm/highmem.c,
 *                      the portable part, fills and clears its entries
 */
#ifndef _ASM_HIGHMEM_H
#define _ASM_HIGHMEM_H

#include <asm/kmap_types.h>
#include <asm/pgtable.h>

struct page;

extern pte_t *pkmap_page_table;

void kmap_init(void);
void *kmap_atomic(struct page *page, enum km_type type);
void kunmap_atomic(void *kvaddr, enum km_type type);
/* The page a kmap_atomic() address maps (for tests and debugging). */
struct page *kmap_atomic_to_page(void *ptr);

#endif
