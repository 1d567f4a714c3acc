/*
 * madvise(2), mincore(2), msync(2) (Linux's mm/madvise.c, mincore.c,
 * msync.c). madvise: MADV_DONTNEED drops the pages of the range (later
 * reads see zeros, or the file); MADV_NORMAL/RANDOM/SEQUENTIAL set the
 * region's read-ahead hint (VM_RAND_READ/VM_SEQ_READ, regions split as
 * mprotect splits them); WILLNEED and the other advice Linux knows are
 * accepted without effect (no swap or read-ahead yet); MADV_FREE frees
 * at once (allowed: the kernel may drop such pages whenever it likes).
 */
#include <kernel.h>
#include <errno.h>
#include <mm.h>
#include <mman.h>
#include <sched.h>
#include <syscalls.h>
#include <asm/pgalloc.h>
#include <asm/uaccess.h>

#define MADV_FREE	8
#define MADV_DONTFORK	10
#define MADV_DOFORK	11

/* The advice values Linux 6.1's madvise_behavior_valid() accepts (no memory failure, no hugepages). */
static int madvise_behavior_valid(int behavior)
{
	switch (behavior) {
	case MADV_NORMAL:
	case MADV_RANDOM:
	case MADV_SEQUENTIAL:
	case MADV_WILLNEED:
	case MADV_DONTNEED:
	case MADV_FREE:
	case 9:		/* MADV_REMOVE */
	case MADV_DONTFORK:
	case MADV_DOFORK:
	case 12:	/* MADV_MERGEABLE */
	case 13:	/* MADV_UNMERGEABLE */
	case 16:	/* MADV_DONTDUMP */
	case 17:	/* MADV_DODUMP */
	case 18:	/* MADV_WIPEONFORK */
	case 19:	/* MADV_KEEPONFORK */
	case 20:	/* MADV_COLD */
	case 21:	/* MADV_PAGEOUT */
		return 1;
	}
	return 0;
}

/* The advice for [start, end) of one region. 0 or -errno. */
static long madvise_vma(struct vm_area_struct *vma, struct vm_area_struct **prev,
			unsigned long start, unsigned long end, int behavior)
{
	unsigned long newflags = vma->vm_flags;

	switch (behavior) {
	case MADV_DONTNEED:
	case MADV_FREE:
		*prev = vma;
		/* Linux 6.1's can_madv_lru_vma: nor a device's frames. */
		if (vma->vm_flags & (VM_LOCKED | VM_PFNMAP))
			return -EINVAL;
		zap_page_range(vma, start, end - start);
		return 0;
	case MADV_NORMAL:
		newflags &= ~(VM_RAND_READ | VM_SEQ_READ);
		break;
	case MADV_RANDOM:
		newflags = (newflags & ~VM_SEQ_READ) | VM_RAND_READ;
		break;
	case MADV_SEQUENTIAL:
		newflags = (newflags & ~VM_RAND_READ) | VM_SEQ_READ;
		break;
	case MADV_DONTFORK:
		newflags |= VM_DONTCOPY;
		break;
	case MADV_DOFORK:
		newflags &= ~VM_DONTCOPY;
		break;
	default:
		*prev = vma;
		return 0;	/* accepted: nothing to do */
	}
	return mprotect_fixup(vma, prev, start, end, newflags);
}

/*
 * Linux 6.1's checks: unknown advice or an unaligned start -EINVAL, a
 * zero length 0; the advice is applied to every region in the range,
 * and a hole in it gives -ENOMEM at the end.
 */
long sys_madvise(unsigned long start, size_t len_in, int behavior)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma, *prev;
	unsigned long end, tmp, len;
	long error = 0, unmapped_error = 0;

	if (!madvise_behavior_valid(behavior))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	len = PAGE_ALIGN(len_in);
	if (len_in && !len)
		return -EINVAL;
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	if (!mm)
		return -ENOMEM;

	down_write(&mm->mmap_sem);
	vma = find_vma_prev(mm, start, &prev);
	if (vma && start > vma->vm_start)
		prev = vma;
	for (;;) {
		error = -ENOMEM;
		if (!vma)
			goto out;
		if (start < vma->vm_start) {
			unmapped_error = -ENOMEM;
			start = vma->vm_start;
			if (start >= end)
				goto out;
		}
		tmp = vma->vm_end;
		if (end < tmp)
			tmp = end;
		error = madvise_vma(vma, &prev, start, tmp, behavior);
		if (error)
			goto out;
		start = tmp;
		if (prev && start < prev->vm_end)
			start = prev->vm_end;
		error = unmapped_error;
		if (start >= end)
			goto out;
		vma = prev ? prev->vm_next : find_vma(mm, start);
	}
out:
	up_write(&mm->mmap_sem);
	return error;
}

/*
 * mincore(2): one byte per page of [start, start + len), bit 0 set if
 * the page is resident. Anonymous pages are resident when mapped (the
 * zero page included, as Linux counts it); -ENOMEM for a hole.
 */
long sys_mincore(unsigned long start, size_t len, unsigned char __user *vec)
{
	struct mm_struct *mm = current->mm;
	unsigned long pages, addr, i;
	long ret = 0;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!access_ok(VERIFY_READ, (void __user *)start, len))
		return -ENOMEM;
	pages = (len >> PAGE_SHIFT) + ((len & ~PAGE_MASK) != 0);
	if (!access_ok(VERIFY_WRITE, vec, pages))
		return -EFAULT;
	if (!mm)
		return -ENOMEM;
	down_read(&mm->mmap_sem);
	for (i = 0, addr = start; i < pages; i++, addr += PAGE_SIZE) {
		struct vm_area_struct *vma = find_vma(mm, addr);
		unsigned char present;

		if (!vma || vma->vm_start > addr) {
			ret = -ENOMEM;
			break;
		}
		present = follow_page(mm, addr, 0) != NULL;
		if (put_user(present, vec + i)) {
			ret = -EFAULT;
			break;
		}
	}
	up_read(&mm->mmap_sem);
	return ret;
}

/*
 * msync(2), Linux 6.1's checks: unknown flags or MS_ASYNC with MS_SYNC
 * -EINVAL, unaligned start -EINVAL; MS_INVALIDATE on a locked region
 * -EBUSY; a hole -ENOMEM. Anonymous memory has nothing to write back;
 * file mappings will write their dirty pages here.
 */
long sys_msync(unsigned long start, size_t len, int flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long end;
	long error = -EINVAL, unmapped_error = 0;

	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return error;
	if (start & ~PAGE_MASK)
		return error;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return error;
	error = -ENOMEM;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end < start)
		return error;
	if (end == start)
		return 0;
	if (!mm)
		return -ENOMEM;
	down_read(&mm->mmap_sem);
	vma = find_vma(mm, start);
	for (;;) {
		error = -ENOMEM;
		if (!vma)
			break;
		if (start < vma->vm_start) {
			start = vma->vm_start;
			if (start >= end)
				break;
			unmapped_error = -ENOMEM;
		}
		if ((flags & MS_INVALIDATE) && (vma->vm_flags & VM_LOCKED)) {
			error = -EBUSY;
			break;
		}
		start = vma->vm_end;
		if (start >= end) {
			error = unmapped_error;
			break;
		}
		vma = vma->vm_next;
	}
	up_read(&mm->mmap_sem);
	return error;
}
