/*
 * mlock(2), munlock, mlockall, munlockall (ULK 9.3's VM_LOCKED; Linux's
 * mm/mlock.c): the regions of the range get VM_LOCKED (split as mprotect
 * splits them; locked_vm counts their pages) and their pages are faulted
 * in, so they stay resident (there is no swap yet to take them away;
 * reclaim will skip them). RLIMIT_MEMLOCK bounds the locked pages of a
 * task without CAP_IPC_LOCK (root has it): a limit of 0 refuses with
 * -EPERM, going over it -ENOMEM (Linux's can_do_mlock() and checks).
 */
#include <kernel.h>
#include <errno.h>
#include <mm.h>
#include <mman.h>
#include <sched.h>
#include <syscalls.h>

/* VM_LOCKED on (on) or off for every region of [start, start + len). 0, -ENOMEM for a hole. */
static long apply_vma_lock_flags(unsigned long start, size_t len, int on)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma, *prev;
	unsigned long nstart, end, tmp;
	long error;

	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	vma = find_vma_prev(mm, start, &prev);
	if (!vma || vma->vm_start > start)
		return -ENOMEM;
	if (start > vma->vm_start)
		prev = vma;
	for (nstart = start;;) {
		unsigned long newflags = vma->vm_flags & ~VM_LOCKED;

		if (on)
			newflags |= VM_LOCKED;
		if (vma->vm_flags & VM_SPECIAL)
			newflags = vma->vm_flags;	/* Linux's mlock_fixup: left as is, not counted */
		tmp = vma->vm_end;
		if (tmp > end)
			tmp = end;
		error = mprotect_fixup(vma, &prev, nstart, tmp, newflags);
		if (error)
			return error;
		nstart = tmp;
		if (nstart < prev->vm_end)
			nstart = prev->vm_end;
		if (nstart >= end)
			return 0;
		vma = prev->vm_next;
		if (!vma || vma->vm_start != nstart)
			return -ENOMEM;
	}
}

/* May the task lock memory at all (Linux's can_do_mlock)? */
static int can_do_mlock(void)
{
	return rlimit(RLIMIT_MEMLOCK) != 0 || capable(CAP_IPC_LOCK);
}

/* The pages of [start, start + len) already in locked regions (count_mm_mlocked_page_nr). */
static unsigned long count_mm_mlocked_page_nr(struct mm_struct *mm, unsigned long start,
					      unsigned long len)
{
	unsigned long end = start + len, count = 0;
	struct vm_area_struct *vma;

	for (vma = find_vma(mm, start); vma && vma->vm_start < end; vma = vma->vm_next)
		if (vma->vm_flags & VM_LOCKED)
			count += min(end, vma->vm_end) - max(start, vma->vm_start);
	return count >> PAGE_SHIFT;
}

long sys_mlock(unsigned long start, size_t len)
{
	struct mm_struct *mm = current->mm;
	unsigned long locked, lock_limit = rlimit(RLIMIT_MEMLOCK) >> PAGE_SHIFT;
	long error;

	if (!mm)
		return -ENOMEM;
	if (!can_do_mlock())
		return -EPERM;
	len = PAGE_ALIGN(len + (start & ~PAGE_MASK));
	start &= PAGE_MASK;
	down_write(&mm->mmap_sem);
	locked = (len >> PAGE_SHIFT) + mm->locked_vm;
	if (locked > lock_limit && !capable(CAP_IPC_LOCK))
		locked -= count_mm_mlocked_page_nr(mm, start, len);	/* already counted */
	if (locked > lock_limit && !capable(CAP_IPC_LOCK)) {
		up_write(&mm->mmap_sem);
		return -ENOMEM;
	}
	error = apply_vma_lock_flags(start, len, 1);
	if (!error && make_pages_present(start, start + len))
		error = -ENOMEM;
	up_write(&mm->mmap_sem);
	return error;
}

long sys_munlock(unsigned long start, size_t len)
{
	struct mm_struct *mm = current->mm;
	long error;

	if (!mm)
		return -ENOMEM;
	len = PAGE_ALIGN(len + (start & ~PAGE_MASK));
	start &= PAGE_MASK;
	down_write(&mm->mmap_sem);
	error = apply_vma_lock_flags(start, len, 0);
	up_write(&mm->mmap_sem);
	return error;
}

/* Every region locked or unlocked (Linux's apply_mlockall_flags). */
static long apply_mlockall_flags(int flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma, *prev = NULL;

	mm->def_flags &= ~VM_LOCKED;
	if (flags & MCL_FUTURE) {
		mm->def_flags |= VM_LOCKED;
		if (!(flags & MCL_CURRENT))
			return 0;
	}
	for (vma = mm->mmap; vma; vma = prev->vm_next) {
		unsigned long newflags = vma->vm_flags & ~VM_LOCKED;

		if (flags & MCL_CURRENT)
			newflags |= VM_LOCKED;
		if (vma->vm_flags & VM_SPECIAL)
			newflags = vma->vm_flags;
		if (mprotect_fixup(vma, &prev, vma->vm_start, vma->vm_end, newflags))
			return -ENOMEM;
	}
	return 0;
}

long sys_mlockall(int flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	long error;

	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || flags == MCL_ONFAULT)
		return -EINVAL;
	if (!mm)
		return -ENOMEM;
	if (!can_do_mlock())
		return -EPERM;
	down_write(&mm->mmap_sem);
	if ((flags & MCL_CURRENT) && mm->total_vm > rlimit(RLIMIT_MEMLOCK) >> PAGE_SHIFT &&
	    !capable(CAP_IPC_LOCK)) {
		up_write(&mm->mmap_sem);
		return -ENOMEM;
	}
	error = apply_mlockall_flags(flags);
	if (!error && (flags & MCL_CURRENT) && !(flags & MCL_ONFAULT))
		for (vma = mm->mmap; vma; vma = vma->vm_next)
			make_pages_present(vma->vm_start, vma->vm_end);
	up_write(&mm->mmap_sem);
	return error;
}

long sys_munlockall(void)
{
	struct mm_struct *mm = current->mm;
	long error;

	if (!mm)
		return -ENOMEM;
	down_write(&mm->mmap_sem);
	error = apply_mlockall_flags(0);
	up_write(&mm->mmap_sem);
	return error;
}
