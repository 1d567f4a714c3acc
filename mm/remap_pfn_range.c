/*
 * remap_pfn_range() (LDD3 ch. 15, "Using remap_pfn_range"; Linux's
 * mm/memory.c): a driver's mmap maps a run of physical page frames into
 * a user region all at once, page tables and all -- nothing is left for
 * the fault path. The frames are I/O memory (the VGA buffer, a card's
 * registers) or RAM the driver reserved for itself (SetPageReserved), so
 * the region is marked as Linux marks it:
 *
 *   VM_IO | VM_RESERVED   (2.6's names) not ordinary memory: no core
 *                         dump, no mlock, no get_user_pages
 *   VM_PFNMAP             the ptes are pte_special(): no struct page
 *                         behind them counts -- zap, fork, copy-on-write
 *                         and follow_page skip the page (vm_normal_page)
 *                         and the RSS does not include them
 *   VM_DONTEXPAND         mremap may move the region but not grow it
 *
 * RAM that the page allocator owns (a valid frame that is not reserved)
 * is refused with -EINVAL: 2.6.11's remap_pte_range silently left such
 * frames unmapped; Linux 6.1 leaves the check to its callers (/dev/mem's
 * STRICT_DEVMEM), and -EINVAL is what its pfn tracking answers for a
 * range it will not map. A private region (MAP_PRIVATE: copy-on-write)
 * must be remapped whole and gets vm_pgoff = pfn, as in Linux.
 */
#include <kernel.h>
#include <errno.h>
#include <mm.h>
#include <asm/pgalloc.h>
#include <asm/pgtable.h>
#include "internal.h"

/* Is any of the nr frames from pfn RAM that the page allocator owns? */
int page_frames_in_use(unsigned long pfn, unsigned long nr)
{
	unsigned long i;

	for (i = 0; i < nr; i++)
		if (pfn_valid(pfn + i) && !PageReserved(pfn_to_page(pfn + i)))
			return 1;
	return 0;
}

static inline int is_cow_mapping(unsigned long flags)
{
	return (flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
}

/* The special ptes of [addr, end) (one page table) for the frames from pfn. */
static int remap_pte_range(struct mm_struct *mm, pgd_t *pgd, unsigned long addr,
			   unsigned long end, unsigned long pfn, pgprot_t prot)
{
	pte_t *pte, *first;
	int err = 0;

	spin_lock(&mm->page_table_lock);
	first = pte = pte_offset_map(pgd, addr);
	for (; addr < end; addr += PAGE_SIZE, pte++, pfn++) {
		if (!pte_none(*pte)) {
			err = -EBUSY;	/* Linux BUG()s: a driver's mistake */
			break;
		}
		set_pte(pte, pte_mkspecial(pfn_pte(pfn, prot)));
	}
	pte_unmap(first);
	spin_unlock(&mm->page_table_lock);
	return err;
}

/*
 * Map [addr, addr + size) of vma to the frames from pfn with prot.
 * mmap_sem held for writing (a driver's mmap). 0, or -EINVAL (a range
 * outside vma, RAM in use, a partial private region), -ENOMEM (no page
 * table); on failure nothing stays mapped.
 */
int remap_pfn_range(struct vm_area_struct *vma, unsigned long addr, unsigned long pfn,
		    unsigned long size, pgprot_t prot)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long end = addr + PAGE_ALIGN(size), start = addr, next;
	int err = 0;

	if ((addr & ~PAGE_MASK) || end <= addr || addr < vma->vm_start || end > vma->vm_end)
		return -EINVAL;
	if (page_frames_in_use(pfn, (end - addr) >> PAGE_SHIFT))
		return -EINVAL;
	if (is_cow_mapping(vma->vm_flags)) {
		if (addr != vma->vm_start || end != vma->vm_end)
			return -EINVAL;
		vma->vm_pgoff = pfn;
	}
	vma->vm_flags |= VM_IO | VM_RESERVED | VM_PFNMAP | VM_DONTEXPAND;

	for (; addr < end; addr = next) {
		pgd_t *pgd = mm->pgd + pgd_index(addr);

		next = (addr + PGDIR_SIZE) & PGDIR_MASK;
		if (next > end || next == 0)
			next = end;
		err = pgd_none(*pgd) ? __pte_alloc(mm, pgd) : 0;
		if (!err)
			err = remap_pte_range(mm, pgd, addr, next, pfn, prot);
		if (err)
			break;
		pfn += (next - addr) >> PAGE_SHIFT;
	}
	if (err)
		zap_page_range(vma, start, end - start);
	return err;
}
