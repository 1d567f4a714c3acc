/*
 * mprotect(2) (ULK 9.3.4's access rights; Linux's mm/mprotect.c): new
 * rights for [start, end). The regions at the ends are split, each
 * region inside gets its new flags (mprotect_fixup) and its present
 * ptes the new protection; regions that end up alike merge again.
 */
#include <kernel.h>
#include <errno.h>
#include <mm.h>
#include <mman.h>
#include <sched.h>
#include <syscalls.h>
#include <asm/pgalloc.h>
#include <asm/processor.h>

/* The present ptes of [addr, end) get newprot (a private writable page stays read-only until copied). */
static void change_protection(struct vm_area_struct *vma, unsigned long addr,
			      unsigned long end, pgprot_t newprot)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long next;

	spin_lock(&mm->page_table_lock);
	for (; addr < end; addr = next) {
		pgd_t *pgd = mm->pgd + pgd_index(addr);
		pte_t *pte, *first;

		next = (addr + PGDIR_SIZE) & PGDIR_MASK;
		if (next > end || next == 0)
			next = end;
		if (pgd_none(*pgd))
			continue;
		first = pte = pte_offset_map(pgd, addr);
		for (; addr < next; addr += PAGE_SIZE, pte++) {
			pte_t ptent = *pte, entry;

			if (!pte_present(ptent))
				continue;
			entry = pte_modify(ptent, newprot);
			/* Shared pages may be writable; a copy-on-write page only once it is ours. */
			if (!(vma->vm_flags & VM_SHARED) && !pte_write(ptent))
				entry = pte_wrprotect(entry);
			if (!pte_special(ptent) && PageReserved(pfn_to_page(pte_pfn(ptent))))
				entry = pte_wrprotect(entry);	/* the zero page */
			set_pte(pte, entry);
		}
		pte_unmap(first);
	}
	spin_unlock(&mm->page_table_lock);
	flush_tlb_mm(mm);
}

/* Merge vma with its neighbours where they are alike and adjacent. */
static struct vm_area_struct *vma_merge_neighbours(struct mm_struct *mm,
						   struct vm_area_struct *prev,
						   struct vm_area_struct *vma)
{
	struct vm_area_struct *merged;

	if (vma->vm_file || (vma->vm_flags & VM_SHARED) || (vma->vm_ops && vma->vm_ops->close))
		return vma;
	/* Take vma out of the way, then let vma_merge() grow prev or next over its range. */
	{
		unsigned long start = vma->vm_start, end = vma->vm_end, flags = vma->vm_flags;
		struct vm_area_struct *next = vma->vm_next;
		int can_prev = prev && prev->vm_end == start && prev->vm_flags == flags &&
			       !prev->vm_file && !(prev->vm_ops && prev->vm_ops->close);
		int can_next = next && next->vm_start == end && next->vm_flags == flags &&
			       !next->vm_file && !(next->vm_ops && next->vm_ops->close);

		if (!can_prev && !can_next)
			return vma;
		if (prev && prev->vm_next == vma)
			prev->vm_next = next;
		else if (!prev)
			mm->mmap = next;
		rb_erase(&vma->vm_rb, &mm->mm_rb);
		mm->map_count--;
		if (mm->mmap_cache == vma)
			mm->mmap_cache = NULL;
		merged = vma_merge(mm, prev, start, end, flags, vma->anon_vma, NULL,
				   start >> PAGE_SHIFT);
		BUG_ON(!merged);
		if (vma->anon_vma)
			merged->anon_vma = vma->anon_vma;
		vm_area_free(vma);
		return merged;
	}
}

/*
 * Give [start, end) of vma the flags newflags (ULK's mprotect_fixup):
 * split off what lies outside, change the flags and ptes, merge with
 * the neighbours. *pprev is set to the region now covering the range's
 * end, for the caller's walk. 0 or -ENOMEM.
 */
int mprotect_fixup(struct vm_area_struct *vma, struct vm_area_struct **pprev,
		   unsigned long start, unsigned long end, unsigned long newflags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long oldflags = vma->vm_flags;
	long npages = (end - start) >> PAGE_SHIFT;
	struct vm_area_struct *prev = *pprev;
	int error;

	if (newflags == oldflags) {
		*pprev = vma;
		return 0;
	}
	/* Making a private region writable charges it (VM_ACCOUNT), as mmap would have. */
	if ((newflags & VM_WRITE) && !(oldflags & (VM_ACCOUNT | VM_WRITE | VM_SHARED | VM_NORESERVE))) {
		if (__vm_enough_memory(npages))
			return -ENOMEM;
		newflags |= VM_ACCOUNT;
	}
	if (start != vma->vm_start) {
		error = split_vma(mm, vma, start, 1);
		if (error)
			return error;
		prev = find_vma(mm, start - 1);
		BUG_ON(prev->vm_end != start);
	}
	if (end != vma->vm_end) {
		error = split_vma(mm, vma, end, 0);
		if (error)
			return error;
	}
	vm_stat_account(mm, oldflags, -npages);
	vma->vm_flags = newflags;
	vma->vm_page_prot = vm_get_page_prot(newflags);
	vm_stat_account(mm, newflags, npages);
	change_protection(vma, start, end, vma->vm_page_prot);
	*pprev = vma_merge_neighbours(mm, prev, vma);
	return 0;
}

/*
 * mprotect(2), Linux 6.1's checks: start page aligned (-EINVAL), no
 * unknown bits in prot (-EINVAL), the whole range mapped (-ENOMEM), each
 * region allowing the new rights through its VM_MAY* bits (-EACCES).
 */
long sys_mprotect(unsigned long start, size_t len, unsigned long prot)
{
	struct mm_struct *mm = current->mm;
	unsigned long end, nstart, tmp, reqprot;
	struct vm_area_struct *vma, *prev;
	const unsigned long grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);
	long error;

	if (!mm)
		return -ENOMEM;
	prot &= ~(PROT_GROWSDOWN | PROT_GROWSUP);
	if (grows == (PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!len)
		return 0;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end <= start)
		return -ENOMEM;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	reqprot = prot;

	down_write(&mm->mmap_sem);
	vma = find_vma_prev(mm, start, &prev);
	error = -ENOMEM;
	if (!vma)
		goto out;
	if (grows & PROT_GROWSDOWN) {
		error = -EINVAL;
		if (!(vma->vm_flags & VM_GROWSDOWN))
			goto out;
		start = vma->vm_start;
	} else if (vma->vm_start > start) {
		goto out;
	}
	if (start > vma->vm_start)
		prev = vma;

	for (nstart = start;;) {
		unsigned long newflags;

		newflags = (reqprot & PROT_READ ? VM_READ : 0) |
			   (reqprot & PROT_WRITE ? VM_WRITE : 0) |
			   (reqprot & PROT_EXEC ? VM_EXEC : 0);
		newflags |= vma->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC);
		/* newflags >> 4 shifts VM_MAY* to the place of VM_*: each right must be allowed. */
		if ((newflags & ~(newflags >> 4)) & (VM_READ | VM_WRITE | VM_EXEC)) {
			error = -EACCES;
			goto out;
		}
		tmp = vma->vm_end;
		if (tmp > end)
			tmp = end;
		error = mprotect_fixup(vma, &prev, nstart, tmp, newflags);
		if (error)
			goto out;
		nstart = tmp;
		if (nstart < prev->vm_end)
			nstart = prev->vm_end;
		if (nstart >= end)
			goto out;
		vma = prev->vm_next;
		if (!vma || vma->vm_start != nstart) {
			error = -ENOMEM;
			goto out;
		}
	}
out:
	if (vm_debug && !validate_mm(mm)) {
		printk(KERN_EMERG "validate_mm after mprotect: %s\n", validate_mm_why(mm));
		BUG();
	}
	up_write(&mm->mmap_sem);
	return error;
}
