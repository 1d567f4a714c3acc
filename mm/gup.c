/*
 * Pinning user pages for the kernel (2.6's get_user_pages, mm/memory.c;
 * Linux 6.1 keeps it in mm/gup.c): the pages of a range of any address
 * space, faulted in as that process would fault them, each with a
 * reference the caller drops with put_page() (the zero page, reserved,
 * is neither counted nor freed: put_page() ignores it, as 2.6.11's).
 * The caller reaches them through kmap() -- they need not be mapped in
 * the current address space at all (access_process_vm, /proc/<pid>/mem).
 *
 *   for each page of [start, start + len pages):
 *     find_extend_vma()       the region (a stack grows down to it)
 *     the region's flags      read needs VM_READ, write VM_WRITE; with
 *                             force, VM_MAYREAD / a private VM_MAYWRITE
 *     follow_page()           present (and writable, for a write)?
 *       no: handle_mm_fault() and look again
 *     get_page()
 *
 * A forced write to a read-only private region (ptrace poking a text
 * page): the write fault breaks copy-on-write as usual, but the new
 * private page keeps a read-only pte (memory.c's maybe_mkwrite), so
 * follow_page() would never find it writable. As 2.6.13's VM_FAULT_WRITE
 * trick does, once the write fault has happened the page is looked for
 * without the write bit: what is there now is the private copy.
 */
#include <kernel.h>
#include <errno.h>
#include <mm.h>
#include <sched.h>

/*
 * The region containing addr, a stack grown down to it if addr lies
 * just below one (Linux's find_extend_vma); NULL if none. mmap_sem held.
 */
struct vm_area_struct *find_extend_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	if (!vma)
		return NULL;
	if (vma->vm_start <= addr)
		return vma;
	if (!(vma->vm_flags & VM_GROWSDOWN) || expand_stack(vma, addr))
		return NULL;
	return vma;
}

/*
 * May this request touch vma at all (Linux 6.1's check_vma_flags)? A
 * forced write is allowed only where it makes a private copy (a
 * copy-on-write region: VM_MAYWRITE without VM_SHARED) -- never into a
 * shared mapping the process itself may not write.
 */
static int check_vma_flags(const struct vm_area_struct *vma, int write, int force)
{
	unsigned long vm_flags = vma->vm_flags;

	if (vm_flags & (VM_IO | VM_PFNMAP))
		return -EFAULT;
	if (write) {
		if (!(vm_flags & VM_WRITE)) {
			if (!force)
				return -EFAULT;
			if ((vm_flags & (VM_SHARED | VM_MAYWRITE)) != VM_MAYWRITE)
				return -EFAULT;
		}
	} else if (!(vm_flags & VM_READ)) {
		if (!force || !(vm_flags & VM_MAYREAD))
			return -EFAULT;
	}
	return 0;
}

/*
 * The page at addr of vma, present (and, for write, written-to: a
 * private copy if the region is copy-on-write), no reference taken yet;
 * or an ERR_PTR: -EFAULT when the fault is SIGBUS, -ENOMEM when it is
 * out of memory. Faults are counted to tsk, if given.
 */
static struct page *fault_in_page(struct task_struct *tsk, struct mm_struct *mm,
				  struct vm_area_struct *vma, unsigned long addr, int write)
{
	struct page *page;

	while (!(page = follow_page(mm, addr, write))) {
		switch (handle_mm_fault(mm, vma, addr, write)) {
		case VM_FAULT_MINOR:
			if (tsk)
				tsk->min_flt++;
			break;
		case VM_FAULT_MAJOR:
			if (tsk)
				tsk->maj_flt++;
			break;
		case VM_FAULT_SIGBUS:
			return ERR_PTR(-EFAULT);
		default:
			return ERR_PTR(-ENOMEM);
		}
		/* A forced write broke COW into a read-only pte: take the copy as it is. */
		if (write && !(vma->vm_flags & VM_WRITE))
			write = 0;
	}
	return page;
}

/*
 * Fault in and take a reference on len pages of mm from start (2.6's
 * get_user_pages): pages[i] (if pages) gets each page, vmas[i] (if
 * vmas) its region. write: the caller will write to them (COW broken
 * first); force: reading/writing regions the process itself may not
 * (ptrace's rule, see check_vma_flags). tsk, if not NULL, is charged
 * the faults. The caller holds mm->mmap_sem for reading.
 *
 * Returns the number of pages done -- fewer than len when it stops at a
 * hole, a region it may not touch or a failed fault -- or, if none, the
 * error: -EFAULT (no region, not allowed, SIGBUS) or -ENOMEM.
 */
int get_user_pages(struct task_struct *tsk, struct mm_struct *mm, unsigned long start,
		   int len, int write, int force, struct page **pages,
		   struct vm_area_struct **vmas)
{
	int i = 0;

	start &= PAGE_MASK;
	while (i < len) {
		struct vm_area_struct *vma = find_extend_vma(mm, start);
		int err = vma ? check_vma_flags(vma, write, force) : -EFAULT;

		if (err)
			return i ? i : err;
		do {
			struct page *page = fault_in_page(tsk, mm, vma, start, write);

			if (IS_ERR(page))
				return i ? i : PTR_ERR(page);
			if (pages) {
				if (!PageReserved(page))	/* the zero page: not counted (2.6.11) */
					get_page(page);
				pages[i] = page;
			}
			if (vmas)
				vmas[i] = vma;
			i++;
			start += PAGE_SIZE;
		} while (i < len && start < vma->vm_end);
	}
	return i;
}
