/*
 * Address spaces for the memory-management self-tests (mm_test.c,
 * gup_test.c): the test thread adopts a fresh mm, maps in it, forks it.
 */
#include <kernel.h>
#include <highmem.h>
#include <mm.h>
#include <sched.h>
#include <slab.h>
#include <asm/mmu_context.h>
#include "mm_test_util.h"

/* An mm the test thread runs on until the case ends (then mmput). */
struct test_mm {
	struct mm_struct *mm, *old_active;
};

void use_mm(struct mm_struct *mm)
{
	struct mm_struct *prev = current->active_mm;

	current->mm = mm;
	current->active_mm = mm;
	switch_mm(prev, mm, current);
}

static void test_mm_release(void *arg)
{
	struct test_mm *tm = arg;

	current->mm = NULL;
	current->active_mm = tm->old_active;
	switch_mm(tm->mm, tm->old_active, current);
	mmput(tm->mm);
	kfree(tm);
}

struct mm_struct *ktest_use_mm(struct ktest *t)
{
	struct test_mm *tm = kzalloc(sizeof(*tm), GFP_KERNEL);

	if (!tm)
		return NULL;
	tm->mm = mm_alloc();
	if (!tm->mm) {
		kfree(tm);
		return NULL;
	}
	tm->old_active = current->active_mm;
	use_mm(tm->mm);
	if (ktest_add_action_or_reset(t, test_mm_release, tm))
		return NULL;
	return tm->mm;
}

unsigned long tmmap(unsigned long addr, unsigned long len, unsigned long prot,
		    unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long ret;

	down_write(&mm->mmap_sem);
	ret = do_mmap_pgoff(NULL, addr, len, prot, flags, 0);
	up_write(&mm->mmap_sem);
	return ret;
}

/*
 * fork's copy of current's mm for child (copy_mm), released when the
 * test ends however it ends -- back on the parent's mm first if the
 * test was running on the child's.
 */
struct test_fork {
	struct mm_struct *parent, *child;
};

static void test_fork_release(void *arg)
{
	struct test_fork *f = arg;

	if (current->mm == f->child)
		use_mm(f->parent);
	mmput(f->child);
	kfree(f);
}

struct mm_struct *ktest_fork_mm(struct ktest *t, struct task_struct *child)
{
	struct test_fork *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return NULL;
	if (copy_mm(0, child)) {
		kfree(f);
		return NULL;
	}
	f->parent = current->mm;
	f->child = child->mm;
	if (ktest_add_action_or_reset(t, test_fork_release, f))
		return NULL;
	return f->child;
}

/* The object behind ktest_nopage_region(): its pages, then SIGBUS. */
struct page *nopage_pages[NOPAGE_PAGES];

static struct page *test_nopage(struct vm_area_struct *vma, unsigned long address, int *type)
{
	unsigned long idx = ((address - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;

	if (idx >= NOPAGE_PAGES)
		return NOPAGE_SIGBUS;
	get_page(nopage_pages[idx]);
	*type = VM_FAULT_MAJOR;
	return nopage_pages[idx];
}

static const struct vm_operations_struct test_vm_ops = { .nopage = test_nopage };

struct vm_area_struct *ktest_nopage_region(struct ktest *t, struct mm_struct *mm,
					   unsigned long addr, unsigned long npages,
					   unsigned long flags)
{
	struct vm_area_struct *vma;
	int i, err;

	for (i = 0; i < NOPAGE_PAGES; i++) {
		u32 *kaddr;

		nopage_pages[i] = ktest_alloc_pages(t, GFP_HIGHUSER | __GFP_ZERO, 0);
		if (!nopage_pages[i])
			return NULL;
		kaddr = kmap_atomic(nopage_pages[i], KM_USER0);
		kaddr[0] = 0xf00 + i;
		kunmap_atomic(kaddr, KM_USER0);
	}
	vma = vm_area_alloc(mm);
	if (!vma)
		return NULL;
	vma->vm_start = addr;
	vma->vm_end = addr + npages * PAGE_SIZE;
	vma->vm_flags = flags;
	vma->vm_page_prot = vm_get_page_prot(flags);
	vma->vm_ops = &test_vm_ops;
	down_write(&mm->mmap_sem);
	err = insert_vm_struct(mm, vma);
	up_write(&mm->mmap_sem);
	if (err) {
		vm_area_free(vma);
		return NULL;
	}
	return vma;
}
