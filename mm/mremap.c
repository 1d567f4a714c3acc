/*
 * mremap(2) (ULK 9.3's regions, Linux's mm/mremap.c): shrink a mapping
 * in place, grow it in place when the addresses above are free, or --
 * with MREMAP_MAYMOVE -- move it: a new region elsewhere, the page-table
 * entries carried over one by one (move_page_tables: the pages
 * themselves stay where they are in memory), the old range unmapped.
 * MREMAP_FIXED names the new place, unmapping what was there.
 * MREMAP_DONTUNMAP (Linux 5.7) moves the pages but leaves the old region
 * mapped, empty: its next touch faults as a new mapping's would (zeros
 * for anonymous memory, the file's page for a file).
 */
#include <kernel.h>
#include <errno.h>
#include <gfp.h>
#include <mm.h>
#include <fs.h>
#include <mman.h>
#include <sched.h>
#include <syscalls.h>
#include <asm/pgalloc.h>
#include <asm/processor.h>

#define MAX_MAP_COUNT	65530

static inline pgd_t *pgd_of(struct mm_struct *mm, unsigned long addr)
{
	return mm->pgd + pgd_index(addr);
}

/*
 * One pte from old_addr to new_addr (both in mm). The destination's
 * page table is made first if missing (it may sleep, so nothing is
 * mapped then). 0 or -ENOMEM.
 */
static int move_one_page(struct mm_struct *mm, unsigned long old_addr, unsigned long new_addr)
{
	pgd_t *src = pgd_of(mm, old_addr), *dst = pgd_of(mm, new_addr);
	pte_t *src_pte, *dst_pte, pte;

	if (pgd_none(*src))
		return 0;
	if (pgd_none(*dst)) {
		struct page *table = alloc_page(GFP_HIGHUSER | __GFP_ZERO);

		if (!table)
			return -ENOMEM;
		spin_lock(&mm->page_table_lock);
		if (pgd_none(*dst)) {
			pgd_populate_pfn(dst, page_to_pfn(table));
			mm->nr_ptes++;
			table = NULL;
		}
		spin_unlock(&mm->page_table_lock);
		if (table)
			__free_page(table);
	}
	spin_lock(&mm->page_table_lock);
	src_pte = pte_offset_map_nested(src, old_addr);
	dst_pte = pte_offset_map(dst, new_addr);
	pte = *src_pte;
	if (!pte_none(pte)) {
		BUG_ON(!pte_none(*dst_pte));
		pte_clear(src_pte);
		set_pte(dst_pte, pte);
	}
	pte_unmap(dst_pte);
	pte_unmap_nested(src_pte);
	spin_unlock(&mm->page_table_lock);
	return 0;
}

/* Move len bytes of ptes; returns how many bytes moved (all, or up to a failure). */
static unsigned long move_page_tables(struct mm_struct *mm, unsigned long old_addr,
				      unsigned long new_addr, unsigned long len)
{
	unsigned long offset;

	for (offset = 0; offset < len; offset += PAGE_SIZE)
		if (move_one_page(mm, old_addr + offset, new_addr + offset))
			break;
	flush_tlb_mm(mm);
	return offset;
}

/*
 * vma's range [old_addr, old_addr + old_len) to new_addr, new_len long
 * (Linux's move_vma): a copy of the region at the new place, the ptes
 * moved, the old range unmapped. Returns new_addr or -errno.
 */
static unsigned long move_vma(struct vm_area_struct *vma, unsigned long old_addr,
			      unsigned long old_len, unsigned long new_len, unsigned long new_addr,
			      unsigned long flags)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *new_vma, *prev;
	unsigned long moved, vm_flags = vma->vm_flags;

	if (mm->map_count >= MAX_MAP_COUNT - 3)
		return -ENOMEM;
	new_vma = vm_area_alloc(mm);
	if (!new_vma)
		return -ENOMEM;
	*new_vma = *vma;
	new_vma->vm_start = new_addr;
	new_vma->vm_end = new_addr + new_len;
	new_vma->vm_pgoff = vma->vm_pgoff + ((old_addr - vma->vm_start) >> PAGE_SHIFT);
	new_vma->vm_next = NULL;
	RB_CLEAR_NODE(&new_vma->vm_rb);
	find_vma_prev(mm, new_addr, &prev);
	vma_link_rb_list(mm, new_vma, prev);
	vm_stat_account(mm, vm_flags, new_len >> PAGE_SHIFT);
	if (new_vma->vm_file)
		get_file(new_vma->vm_file);
	if (new_vma->vm_ops && new_vma->vm_ops->open)
		new_vma->vm_ops->open(new_vma);

	moved = move_page_tables(mm, old_addr, new_addr, old_len);
	if (moved < old_len) {
		/* No page table for the rest: put back what moved, drop the new region. */
		move_page_tables(mm, new_addr, old_addr, moved);
		do_munmap(mm, new_addr, new_len);
		return -ENOMEM;
	}
	if (flags & MREMAP_DONTUNMAP) {
		/* The old region stays, without ptes; only the new one is locked. */
		if (vm_flags & VM_LOCKED)
			mm->locked_vm += new_len >> PAGE_SHIFT;
		return new_addr;
	}
	if (do_munmap(mm, old_addr, old_len) < 0) {
		/* The old range could not be split: it keeps no ptes, the mapping lives on at new_addr. */
		return -ENOMEM;
	}
	if (vm_flags & VM_LOCKED && new_len > old_len)
		make_pages_present(new_addr + old_len, new_addr + new_len);
	return new_addr;
}

/*
 * The region at addr that [addr, addr + old_len) must lie in, checked
 * for growing to new_len (Linux's vma_to_resize): -EFAULT if the range
 * is not all in one region or the region may not grow, -ENOMEM beyond
 * RLIMIT_AS or the overcommit heuristic.
 */
static struct vm_area_struct *vma_to_resize(unsigned long addr, unsigned long old_len,
					    unsigned long new_len, long *err)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma = find_vma(mm, addr);
	unsigned long grow = (new_len - old_len) >> PAGE_SHIFT;

	*err = -EFAULT;
	if (!vma || vma->vm_start > addr)
		return NULL;
	if (!old_len && !(vma->vm_flags & (VM_SHARED | VM_MAYSHARE))) {
		*err = -EINVAL;	/* Linux: duplicating a private mapping is refused */
		return NULL;
	}
	if (old_len > vma->vm_end - addr)
		return NULL;
	if (new_len == old_len)
		return vma;
	/* Linux 6.1: a device's region (VM_PFNMAP) may move but not grow. */
	if (vma->vm_flags & (VM_DONTEXPAND | VM_PFNMAP))
		return NULL;
	*err = -ENOMEM;
	if (new_len > old_len) {
		if (!may_expand_vm(mm, grow))
			return NULL;
		if ((vma->vm_flags & VM_ACCOUNT) && __vm_enough_memory(grow))
			return NULL;
	}
	return vma;
}

/* Can vma grow by delta bytes where it is? */
static int vma_expandable(struct vm_area_struct *vma, unsigned long delta)
{
	unsigned long end = vma->vm_end + delta;

	if (end < vma->vm_end || end > TASK_SIZE)
		return 0;
	if (vma->vm_next && vma->vm_next->vm_start < end)
		return 0;
	return 1;
}

/* A move to new_addr (MREMAP_FIXED) or, with MREMAP_DONTUNMAP alone, to where the hint leads. */
static unsigned long mremap_to(unsigned long addr, unsigned long old_len,
			       unsigned long new_addr, unsigned long new_len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long ret;
	long err;

	if (new_addr & ~PAGE_MASK)
		return -EINVAL;
	if (new_len > TASK_SIZE || new_addr > TASK_SIZE - new_len)
		return -EINVAL;
	/* The two ranges may not overlap. */
	if (addr + old_len > new_addr && new_addr + new_len > addr)
		return -EINVAL;
	if (flags & MREMAP_FIXED) {
		err = do_munmap(mm, new_addr, new_len);
		if (err)
			return err;
	}
	if (old_len > new_len) {
		err = do_munmap(mm, addr + new_len, old_len - new_len);
		if (err)
			return err;
		old_len = new_len;
	}
	vma = vma_to_resize(addr, old_len, new_len, &err);
	if (!vma)
		return err;
	if (flags & MREMAP_DONTUNMAP) {
		/* Linux 6.1's limits: not a special mapping; the new region counts whole. */
		if (vma->vm_flags & (VM_DONTEXPAND | VM_PFNMAP))
			return -EINVAL;
		if (!may_expand_vm(mm, old_len >> PAGE_SHIFT))
			return -ENOMEM;
		if ((vma->vm_flags & VM_ACCOUNT) && __vm_enough_memory(old_len >> PAGE_SHIFT))
			return -ENOMEM;
	}
	if (!(flags & MREMAP_FIXED)) {
		ret = get_unmapped_area(vma->vm_file, new_addr, new_len, vma->vm_pgoff +
					((addr - vma->vm_start) >> PAGE_SHIFT),
					(vma->vm_flags & VM_MAYSHARE) ? MAP_SHARED : 0);
		if (IS_ERR_VALUE(ret))
			return ret;
		new_addr = ret;
	}
	return move_vma(vma, addr, old_len, new_len, new_addr, flags);
}

/*
 * The whole of mremap (Linux 6.1's checks and order): flags, alignment,
 * the region at addr (-EFAULT without one), MREMAP_FIXED, shrinking,
 * growing in place, moving. mmap_sem held for writing.
 */
unsigned long do_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
			unsigned long flags, unsigned long new_addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long ret;
	long err;

	if (flags & ~(MREMAP_FIXED | MREMAP_MAYMOVE | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	/* Always a move, never a resize (the lengths compared before rounding, as Linux's). */
	if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return -EINVAL;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!new_len)
		return -EINVAL;
	vma = find_vma(mm, addr);
	if (!vma || vma->vm_start > addr)
		return -EFAULT;
	if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))
		return mremap_to(addr, old_len, new_addr, new_len, flags);

	/* Shrinking is always allowed: it unmaps the tail. */
	if (old_len >= new_len) {
		err = do_munmap(mm, addr + new_len, old_len - new_len);
		if (err && old_len != new_len)
			return err;
		return addr;
	}
	vma = vma_to_resize(addr, old_len, new_len, &err);
	if (!vma)
		return err;
	/* Growing in place: the mapping must end the region and the addresses above be free. */
	if (old_len == vma->vm_end - addr && vma_expandable(vma, new_len - old_len)) {
		unsigned long pages = (new_len - old_len) >> PAGE_SHIFT;

		vma->vm_end = addr + new_len;
		vm_stat_account(mm, vma->vm_flags, pages);
		if (vma->vm_flags & VM_LOCKED)
			make_pages_present(addr + old_len, addr + new_len);
		return addr;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	ret = get_unmapped_area(vma->vm_file, 0, new_len, vma->vm_pgoff +
				((addr - vma->vm_start) >> PAGE_SHIFT),
				(vma->vm_flags & VM_SHARED) ? MAP_SHARED : 0);
	if (IS_ERR_VALUE(ret))
		return ret;
	return move_vma(vma, addr, old_len, new_len, ret, flags);
}

long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr)
{
	struct mm_struct *mm = current->mm;
	unsigned long ret;

	if (!mm)
		return -EFAULT;
	down_write(&mm->mmap_sem);
	ret = do_mremap(addr, old_len, new_len, flags, new_addr);
	if (vm_debug && !validate_mm(mm)) {
		printk(KERN_EMERG "validate_mm after mremap: %s\n", validate_mm_why(mm));
		BUG();
	}
	up_write(&mm->mmap_sem);
	return ret;
}
