/*
 * User page tables (HIGHPTE, as Linux's CONFIG_HIGHPTE): their pages come
 * from GFP_HIGHUSER, so they may have no kernel address; the page-table
 * walkers map them for a moment through a kmap_atomic() slot:
 *
 *   pte_offset_map(pgd, addr)        the pte of addr, through KM_PTE0
 *   pte_offset_map_nested(pgd, addr) the same through KM_PTE1, for a
 *                                    second table at the same time
 *                                    (copy_page_range, move_page_tables)
 *   pte_unmap(pte), pte_unmap_nested(pte)  end the mapping
 *
 * Between map and unmap the caller is atomic (kmap_atomic): no sleeping.
 */
#ifndef _ASM_PGALLOC_H
#define _ASM_PGALLOC_H

#include <mm.h>
#include <asm/highmem.h>
#include <asm/pgtable.h>

static inline pte_t *pte_offset_map(pgd_t *pgd, unsigned long addr)
{
	return (pte_t *)kmap_atomic(pfn_to_page(pgd_pfn(*pgd)), KM_PTE0) + pte_index(addr);
}

static inline pte_t *pte_offset_map_nested(pgd_t *pgd, unsigned long addr)
{
	return (pte_t *)kmap_atomic(pfn_to_page(pgd_pfn(*pgd)), KM_PTE1) + pte_index(addr);
}

static inline void pte_unmap(pte_t *pte)
{
	kunmap_atomic(pte, KM_PTE0);
}

static inline void pte_unmap_nested(pte_t *pte)
{
	kunmap_atomic(pte, KM_PTE1);
}

#endif
