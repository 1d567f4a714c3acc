/*
 * Reading another process's memory (Linux 2.6's kernel/ptrace.c,
 * access_process_vm; 6.1's access_remote_vm): what /proc/<pid>/cmdline
 * and environ show is read from the process's own pages, through its
 * page tables under its mmap_sem -- not from a copy the kernel kept.
 * Pages not present yet are faulted in as the process itself would
 * fault them (a read fault: a never-touched page is the zero page).
 */
#include <kernel.h>
#include <string.h>
#include <mm.h>
#include <highmem.h>
#include <sched.h>

/*
 * The page at addr of mm, with a reference, faulted in if needed; NULL
 * if vma does not allow reading it or the fault fails. mmap_sem held.
 */
static struct page *get_remote_page(struct mm_struct *mm, struct vm_area_struct *vma,
				    unsigned long addr)
{
	int tries;

	if (!(vma->vm_flags & VM_READ))
		return NULL;
	for (tries = 0; tries < 2; tries++) {
		struct page *page = follow_page(mm, addr, 0);
		int ret;

		if (page) {
			get_page(page);
			return page;
		}
		ret = handle_mm_fault(mm, vma, addr, 0);
		if (ret == VM_FAULT_OOM || ret == VM_FAULT_SIGBUS)
			return NULL;
	}
	return NULL;
}

/*
 * Copy len bytes at addr of mm into buf; the number copied, short where
 * the memory stops being readable (no region, not VM_READ, a fault that
 * fails). The caller holds a user of mm (get_task_mm, mmget_not_zero).
 */
int access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf, int len)
{
	char *p = buf;

	down_read(&mm->mmap_sem);
	while (len > 0) {
		struct vm_area_struct *vma = find_vma(mm, addr);
		unsigned long offset = addr & ~PAGE_MASK;
		int bytes = min_t(int, len, PAGE_SIZE - offset);
		struct page *page;
		char *kaddr;

		if (!vma || vma->vm_start > addr)
			break;
		page = get_remote_page(mm, vma, addr);
		if (!page)
			break;
		kaddr = kmap(page);
		memcpy(p, kaddr + offset, bytes);
		kunmap(page);
		put_page(page);
		p += bytes;
		addr += bytes;
		len -= bytes;
	}
	up_read(&mm->mmap_sem);
	return p - (char *)buf;
}
