/*
 * Reading and writing another process's memory (2.6's kernel/ptrace.c
 * access_process_vm; 6.1's __access_remote_vm in mm/memory.c): what
 * /proc/<pid>/cmdline, environ and mem show is the process's own pages,
 * reached page by page through get_user_pages() and kmap_atomic() under
 * its mmap_sem -- not a copy the kernel kept, and not through the current
 * page tables. Pages not present yet are faulted in as the process
 * itself would fault them (a read of a never-touched page is the zero
 * page); a write breaks copy-on-write first, and with force (ptrace's
 * and /proc/<pid>/mem's rule) writes into a private copy of a read-only
 * private page, such as program text.
 */
#include <kernel.h>
#include <string.h>
#include <mm.h>
#include <pagemap.h>
#include <highmem.h>
#include <sched.h>

/*
 * A file page written through the kernel is dirty (Linux's
 * set_page_dirty), marked through its mapping's a_ops so the file keeps
 * it. An anonymous page needs nothing: with no swap its only copy is in
 * memory, and the write fault that made it ours dirtied its pte.
 */
static void set_page_dirty(struct page *page)
{
	if (page->mapping && !PageAnon(page))
		page->mapping->a_ops->set_page_dirty(page);
}

/*
 * Copy len bytes between buf and addr of mm (to mm if write), through
 * pages of mm pinned one at a time; tsk, if given, is charged the faults.
 * The number copied: short where the memory stops being accessible (no
 * region, not allowed, a fault that fails). The caller holds a user of
 * mm (get_task_mm, mmget_not_zero).
 */
static int __access_remote_vm(struct task_struct *tsk, struct mm_struct *mm, unsigned long addr,
			      void *buf, int len, int write, int force)
{
	char *p = buf;

	down_read(&mm->mmap_sem);
	while (len > 0) {
		unsigned long offset = addr & ~PAGE_MASK;
		int bytes = min_t(int, len, PAGE_SIZE - offset);
		struct page *page;
		char *kaddr;

		if (get_user_pages(tsk, mm, addr, 1, write, force, &page, NULL) <= 0)
			break;
		/* Between kernel buffers nothing sleeps: an atomic slot, no pkmap entry left behind. */
		kaddr = kmap_atomic(page, KM_USER0);
		if (write)
			memcpy(kaddr + offset, p, bytes);
		else
			memcpy(p, kaddr + offset, bytes);
		kunmap_atomic(kaddr, KM_USER0);
		if (write)
			set_page_dirty(page);
		put_page(page);
		p += bytes;
		addr += bytes;
		len -= bytes;
	}
	up_read(&mm->mmap_sem);
	return p - (char *)buf;
}

/* As __access_remote_vm, for an mm held by its mm_count only (6.1's; gup_flags FOLL_*). */
int access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf, int len,
		     unsigned int gup_flags)
{
	return __access_remote_vm(NULL, mm, addr, buf, len, (gup_flags & FOLL_WRITE) != 0,
				  (gup_flags & FOLL_FORCE) != 0);
}

/*
 * 2.6's access_process_vm (ptrace's PEEK/POKE): len bytes at addr of
 * tsk's address space, forced (read-only text can be written: a private
 * copy). The number copied; 0 if tsk has no address space.
 */
int access_process_vm(struct task_struct *tsk, unsigned long addr, void *buf, int len, int write)
{
	struct mm_struct *mm = get_task_mm(tsk);
	int ret;

	if (!mm)
		return 0;
	ret = __access_remote_vm(tsk, mm, addr, buf, len, write, 1);
	mmput(mm);
	return ret;
}
