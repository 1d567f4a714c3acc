/*
 * The kernel page tables after boot (Linux 2.6's arch/i386/mm/pgtable.c
 * and pageattr.c): the walk of swapper_pg_dir for an address, and the
 * page tables of the vmalloc range, which mm/vmalloc.c fills through
 * pte_alloc_kernel() and empties through unmap_kernel_range().
 */
#include <gfp.h>
#include <mm.h>
#include <spinlock.h>
#include <string.h>
#include <kernel.h>
#include <asm/pgtable.h>
#include <asm/processor.h>

/* Serialises setting the directory entries of the vmalloc range (Linux's init_mm.page_table_lock). */
static DEFINE_SPINLOCK(kernel_pgtable_lock);

/*
 * Every process page directory (their pages' lru), so that a kernel
 * page table made later for the vmalloc range reaches all of them at
 * once (Linux's pgd_list, as its PAE/x86-64 code keeps it): a kernel
 * stack is vmalloc'ed, and a context switch loads the next task's
 * directory while still on the previous task's stack -- a missing entry
 * there would fault with nowhere to push the frame. do_page_fault()
 * still copies a missing vmalloc entry from swapper_pg_dir (ULK 9.4.3,
 * vmalloc_fault), for a directory that misses one anyway.
 */
static LIST_HEAD(pgd_list);

/* Copy swapper_pg_dir's entry idx to every process directory. Expects kernel_pgtable_lock. */
static void pgd_list_sync(unsigned long idx)
{
	struct page *page;

	list_for_each_entry(page, &pgd_list, lru)
		((pgd_t *)page_address(page))[idx] = swapper_pg_dir[idx];
}

#define KERNEL_PGD_INDEX	(PAGE_OFFSET >> PGDIR_SHIFT)
#define KERNEL_PGD_PTRS		(PTRS_PER_PGD - KERNEL_PGD_INDEX)

/*
 * A process page directory (ULK 9.2.1, pgd_alloc): one low-memory page
 * (CR3 and the kernel reach it through the direct map), the user half
 * empty, the kernel half swapper_pg_dir's. NULL without memory.
 */
pgd_t *pgd_alloc(struct mm_struct *mm)
{
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long flags;
	pgd_t *pgd;

	(void)mm;
	if (!page)
		return NULL;
	pgd = page_address(page);
	memset(pgd, 0, KERNEL_PGD_INDEX * sizeof(pgd_t));
	spin_lock_irqsave(&kernel_pgtable_lock, flags);
	memcpy(pgd + KERNEL_PGD_INDEX, swapper_pg_dir + KERNEL_PGD_INDEX,
	       KERNEL_PGD_PTRS * sizeof(pgd_t));
	list_add(&page->lru, &pgd_list);
	spin_unlock_irqrestore(&kernel_pgtable_lock, flags);
	return pgd;
}

void pgd_free(pgd_t *pgd)
{
	struct page *page = virt_to_page(pgd);
	unsigned long flags, i;

	for (i = 0; i < KERNEL_PGD_INDEX; i++)
		if (!pgd_none(pgd[i])) {
			printk(KERN_EMERG "pgd_free: user entry %lu still set: %08lx\n", i,
			       pgd_val(pgd[i]));
			BUG();
		}
	spin_lock_irqsave(&kernel_pgtable_lock, flags);
	list_del(&page->lru);
	spin_unlock_irqrestore(&kernel_pgtable_lock, flags);
	__free_page(page);
}

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
		pgd_list_sync(pgd - swapper_pg_dir);
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
