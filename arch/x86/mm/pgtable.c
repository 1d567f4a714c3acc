/*
 * The kernel page tables after boot (Linux 2.6's arch/i386/mm/pgtable.c
 * and pageattr.c): the walk of swapper_pg_dir for an address, and the
 * page tables of the vmalloc range, which mm/vmalloc.c fills through
 * pte_alloc_kernel() and empties through unmap_kernel_range().
 */
#include <gfp.h>
#include <mm.h>
#include <spinlock.h>
#include <asm/pgtable.h>
#include <asm/processor.h>

/* Serialises setting the directory entries of the vmalloc range (Linux's init_mm.page_table_lock). */
static DEFINE_SPINLOCK(kernel_pgtable_lock);

/*
 * Page tables made for the vmalloc range, per zone. They are kept once
 * made (as in Linux: every address space will share them), so they are
 * memory in use that no vfree() gives back; the leak checks count them.
 */
unsigned long nr_vmalloc_pgtables[MAX_NR_ZONES];

pte_t *lookup_address(unsigned long addr, enum pg_level *level)
{
	pgd_t *pgd = pgd_offset_k(addr);

	*level = PG_LEVEL_NONE;
	if (pgd_none(*pgd))
		return NULL;
	if (pgd_large(*pgd)) {
		*level = PG_LEVEL_4M;
		return (pte_t *)pgd;
	}
	*level = PG_LEVEL_4K;
	return pte_offset_kernel(pgd, addr);
}

/*
 * pte_alloc_kernel()'s slow path: *pgd is empty, so give it a zeroed
 * page table. Two callers may race here; the loser frees its page.
 */
pte_t *__pte_alloc_kernel(pgd_t *pgd, unsigned long addr)
{
	unsigned long table = get_zeroed_page(GFP_KERNEL);
	unsigned long flags;

	if (!table)
		return NULL;
	spin_lock_irqsave(&kernel_pgtable_lock, flags);
	if (pgd_none(*pgd)) {
		set_pgd(pgd, __pgd(__pa(table) | _KERNPG_TABLE));
		nr_vmalloc_pgtables[page_zonenum(virt_to_page(table))]++;
		table = 0;
	}
	spin_unlock_irqrestore(&kernel_pgtable_lock, flags);
	if (table)
		free_page(table);	/* someone was quicker */
	return pte_offset_kernel(pgd, addr);
}

/*
 * Clear the kernel ptes of [addr, addr + size) and flush them from the
 * TLB (they are global: a CR3 reload would keep them). A few pages are
 * flushed one by one, more with one global flush. Page tables stay.
 */
void unmap_kernel_range(unsigned long addr, unsigned long size)
{
	unsigned long end = addr + size, a;

	for (a = addr; a < end; a += PAGE_SIZE) {
		pgd_t *pgd = pgd_offset_k(a);

		if (!pgd_none(*pgd))
			pte_clear(pte_offset_kernel(pgd, a));
	}
	if (size >> PAGE_SHIFT <= 32) {
		for (a = addr; a < end; a += PAGE_SIZE)
			__flush_tlb_single(a);
	} else {
		__flush_tlb_global();
	}
}
