/*
 * remap_pfn_range() (mm/remap_pfn_range.c) and the VM_PFNMAP paths of
 * mm/memory.c: RAM the allocator owns refused, the region's flags, the
 * special ptes it makes for a reserved page, I/O memory and a frame past
 * mem_map, and that fork, zap and copy-on-write never count those pages.
 */
#include <kernel.h>
#include <errno.h>
#include <highmem.h>
#include <mm.h>
#include <mman.h>
#include <sched.h>
#include <syscalls.h>
#include <ktest.h>
#include <asm/pgalloc.h>
#include <asm/uaccess.h>
#include "mm_test_util.h"

#define BASE	0x48000000UL
#define PFNMAP_FLAGS	(VM_IO | VM_RESERVED | VM_PFNMAP | VM_DONTEXPAND)

static void unreserve(void *arg)
{
	ClearPageReserved((struct page *)arg);
}

/* A page reserved as a driver reserves its buffer, holding 0x5a5a0000 + tag; freed at the end. */
static struct page *reserved_page(struct ktest *t, u32 tag)
{
	struct page *page = ktest_alloc_page(t, GFP_KERNEL | __GFP_ZERO);
	u32 *kaddr;

	if (!page)
		return NULL;
	SetPageReserved(page);
	if (ktest_add_action_or_reset(t, unreserve, page))
		return NULL;
	kaddr = kmap(page);
	kaddr[0] = 0x5a5a0000 + tag;
	kunmap(page);
	return page;
}

/* A region [BASE, BASE + pages) of mm as a driver's mmap receives it. */
static struct vm_area_struct *device_vma(struct ktest *t, struct mm_struct *mm,
					 unsigned long pages, unsigned long flags)
{
	struct vm_area_struct *vma = vm_area_alloc(mm);
	int err;

	if (!vma)
		return NULL;
	flags |= VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE;
	vma->vm_start = BASE;
	vma->vm_end = BASE + pages * PAGE_SIZE;
	vma->vm_flags = flags;
	vma->vm_page_prot = vm_get_page_prot(flags);
	down_write(&mm->mmap_sem);
	err = insert_vm_struct(mm, vma);
	up_write(&mm->mmap_sem);
	if (err) {
		vm_area_free(vma);
		KTEST_FAIL(t, "insert_vm_struct: %d", err);
		return NULL;
	}
	return vma;
}

static int remap(struct vm_area_struct *vma, unsigned long addr, unsigned long pfn,
		 unsigned long size)
{
	int err;

	down_write(&vma->vm_mm->mmap_sem);
	err = remap_pfn_range(vma, addr, pfn, size, vma->vm_page_prot);
	up_write(&vma->vm_mm->mmap_sem);
	return err;
}

/* The pte at addr in mm (0: none). */
static unsigned long pte_at(struct mm_struct *mm, unsigned long addr)
{
	pgd_t *pgd = mm->pgd + pgd_index(addr);
	unsigned long v;
	pte_t *pte;

	if (pgd_none(*pgd))
		return 0;
	pte = pte_offset_map(pgd, addr);
	v = pte_val(*pte);
	pte_unmap(pte);
	return v;
}

/* Page-allocator RAM is refused and nothing is mapped; reserved, the same page maps. */
static void test_refuses_ram(struct ktest *t)
{
	struct mm_struct *mm = ktest_use_mm(t);
	struct page *page = ktest_alloc_page(t, GFP_KERNEL);
	struct vm_area_struct *vma;

	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_ASSERT_NOT_NULL(t, page);
	vma = device_vma(t, mm, 1, VM_SHARED | VM_MAYSHARE);
	KTEST_ASSERT_NOT_NULL(t, vma);
	KTEST_EXPECT_EQ(t, remap(vma, BASE, page_to_pfn(page), PAGE_SIZE), -EINVAL);
	KTEST_EXPECT_EQ(t, pte_at(mm, BASE), 0ul);
	KTEST_EXPECT_EQ(t, vma->vm_flags & VM_PFNMAP, 0ul);
	KTEST_EXPECT_EQ(t, page_count(page), 1);
	/* Outside the region, or unaligned: -EINVAL too. */
	KTEST_EXPECT_EQ(t, remap(vma, BASE + PAGE_SIZE, 0xb8, PAGE_SIZE), -EINVAL);
	KTEST_EXPECT_EQ(t, remap(vma, BASE + 8, 0xb8, PAGE_SIZE), -EINVAL);
	SetPageReserved(page);
	KTEST_EXPECT_EQ(t, remap(vma, BASE, page_to_pfn(page), PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, pte_at(mm, BASE) >> PAGE_SHIFT, page_to_pfn(page));
	KTEST_EXPECT_EQ(t, sys_munmap(BASE, PAGE_SIZE), 0);
	ClearPageReserved(page);
	KTEST_EXPECT_EQ(t, page_count(page), 1);
}

/*
 * The flags, and a special present user pte per frame: a reserved page,
 * the VGA buffer (I/O memory inside mem_map) and a frame beyond max_pfn
 * (no struct page at all) -- no count, mapping or RSS touched; the pages
 * are reachable from user space, follow_page gives none of them.
 */
static void test_flags_and_ptes(struct ktest *t)
{
	struct mm_struct *mm = ktest_use_mm(t);
	struct page *page = reserved_page(t, 1);
	unsigned long far_pfn = max_pfn + 16, pte;
	struct vm_area_struct *vma;
	u32 v = 0;

	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_ASSERT_NOT_NULL(t, page);
	vma = device_vma(t, mm, 3, VM_SHARED | VM_MAYSHARE);
	KTEST_ASSERT_NOT_NULL(t, vma);
	KTEST_ASSERT_EQ(t, remap(vma, BASE, page_to_pfn(page), PAGE_SIZE), 0);
	KTEST_ASSERT_EQ(t, remap(vma, BASE + PAGE_SIZE, 0xb8, PAGE_SIZE), 0);
	KTEST_ASSERT_EQ(t, remap(vma, BASE + 2 * PAGE_SIZE, far_pfn, PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, vma->vm_flags & PFNMAP_FLAGS, (unsigned long)PFNMAP_FLAGS);

	pte = pte_at(mm, BASE);
	KTEST_EXPECT_EQ(t, pte >> PAGE_SHIFT, page_to_pfn(page));
	KTEST_EXPECT_TRUE(t, (pte & (_PAGE_PRESENT | _PAGE_USER | _PAGE_RW | _PAGE_SPECIAL)) ==
			     (_PAGE_PRESENT | _PAGE_USER | _PAGE_RW | _PAGE_SPECIAL));
	KTEST_EXPECT_EQ(t, pte_at(mm, BASE + PAGE_SIZE) >> PAGE_SHIFT, 0xb8ul);
	KTEST_EXPECT_EQ(t, pte_at(mm, BASE + 2 * PAGE_SIZE) >> PAGE_SHIFT, far_pfn);
	KTEST_EXPECT_TRUE(t, pte_at(mm, BASE + 2 * PAGE_SIZE) & _PAGE_SPECIAL);

	KTEST_EXPECT_EQ(t, get_user(v, (u32 __user *)BASE), 0);
	KTEST_EXPECT_EQ(t, v, 0x5a5a0001u);
	KTEST_EXPECT_EQ(t, put_user(0x77, (u32 __user *)(BASE + 4)), 0);
	KTEST_EXPECT_EQ(t, ((u32 *)page_address(page))[1], 0x77u);
	KTEST_EXPECT_EQ(t, page_count(page), 1);
	KTEST_EXPECT_EQ(t, page_mapcount(page), 0);
	KTEST_EXPECT_EQ(t, mm->anon_rss + mm->file_rss, 0ul);
	KTEST_EXPECT_NULL(t, follow_page(mm, BASE, 0));
	KTEST_EXPECT_NULL(t, follow_page(mm, BASE + 2 * PAGE_SIZE, 0));
	/* Torn down without touching a struct page (none exists for far_pfn). */
	KTEST_EXPECT_EQ(t, sys_munmap(BASE, 3 * PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, pte_at(mm, BASE + PAGE_SIZE), 0ul);
	KTEST_EXPECT_EQ(t, page_count(page), 1);
}

/* fork copies the special ptes as they are: the child reads the frame, nothing is counted. */
static void test_fork_copies_ptes(struct ktest *t)
{
	struct mm_struct *mm = ktest_use_mm(t), *child_mm;
	struct page *page = reserved_page(t, 2);
	struct vm_area_struct *vma;
	struct task_struct *child;
	u32 v = 0;

	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_ASSERT_NOT_NULL(t, page);
	child = ktest_kmalloc(t, sizeof(*child), GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, child);
	vma = device_vma(t, mm, 1, VM_SHARED | VM_MAYSHARE);
	KTEST_ASSERT_NOT_NULL(t, vma);
	KTEST_ASSERT_EQ(t, remap(vma, BASE, page_to_pfn(page), PAGE_SIZE), 0);
	child_mm = ktest_fork_mm(t, child);
	KTEST_ASSERT_NOT_NULL(t, child_mm);
	KTEST_EXPECT_EQ(t, pte_at(child_mm, BASE) & ~(unsigned long)(_PAGE_ACCESSED | _PAGE_DIRTY),
			pte_at(mm, BASE) & ~(unsigned long)(_PAGE_ACCESSED | _PAGE_DIRTY));
	KTEST_EXPECT_EQ(t, find_vma(child_mm, BASE)->vm_flags & PFNMAP_FLAGS,
			(unsigned long)PFNMAP_FLAGS);
	KTEST_EXPECT_EQ(t, page_count(page), 1);
	KTEST_EXPECT_EQ(t, page_mapcount(page), 0);
	KTEST_EXPECT_EQ(t, child_mm->anon_rss + child_mm->file_rss, 0ul);
	use_mm(child_mm);
	KTEST_EXPECT_EQ(t, get_user(v, (u32 __user *)BASE), 0);
	KTEST_EXPECT_EQ(t, v, 0x5a5a0002u);
	use_mm(mm);
}

/* A hole in a VM_PFNMAP region is SIGBUS, never an anonymous page. */
static void test_hole_is_sigbus(struct ktest *t)
{
	struct mm_struct *mm = ktest_use_mm(t);
	struct vm_area_struct *vma;
	u32 v = 0;

	KTEST_ASSERT_NOT_NULL(t, mm);
	vma = device_vma(t, mm, 2, VM_SHARED | VM_MAYSHARE);
	KTEST_ASSERT_NOT_NULL(t, vma);
	KTEST_ASSERT_EQ(t, remap(vma, BASE, 0xb8, PAGE_SIZE), 0);
	down_read(&mm->mmap_sem);
	KTEST_EXPECT_EQ(t, handle_mm_fault(mm, vma, BASE + PAGE_SIZE, 1), VM_FAULT_SIGBUS);
	up_read(&mm->mmap_sem);
	KTEST_EXPECT_EQ(t, get_user(v, (u32 __user *)(BASE + PAGE_SIZE)), -EFAULT);
	KTEST_EXPECT_EQ(t, get_user(v, (u32 __user *)BASE), 0);	/* the mapped page still reads */
	KTEST_EXPECT_EQ(t, v, *(u32 *)__va(0xb8000));
	KTEST_EXPECT_EQ(t, pte_at(mm, BASE + PAGE_SIZE), 0ul);
	KTEST_EXPECT_EQ(t, mm->anon_rss, 0ul);
}

/*
 * A private region: remapped whole only (vm_pgoff becomes the pfn); a
 * write copies the frame into an anonymous page of the region's own,
 * the frame itself unchanged; munmap frees the copy (the leak check).
 */
static void test_private_copy_on_write(struct ktest *t)
{
	struct mm_struct *mm = ktest_use_mm(t);
	struct page *page = reserved_page(t, 3);
	struct vm_area_struct *vma;
	u32 v = 0;

	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_ASSERT_NOT_NULL(t, page);
	/* Two pages of I/O memory: only all of the region at once. */
	vma = device_vma(t, mm, 2, 0);
	KTEST_ASSERT_NOT_NULL(t, vma);
	KTEST_EXPECT_EQ(t, remap(vma, BASE, 0xb8, PAGE_SIZE), -EINVAL);
	KTEST_EXPECT_EQ(t, pte_at(mm, BASE), 0ul);
	KTEST_EXPECT_EQ(t, remap(vma, BASE, 0xb8, 2 * PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, vma->vm_pgoff, 0xb8ul);
	KTEST_EXPECT_EQ(t, sys_munmap(BASE, 2 * PAGE_SIZE), 0);

	vma = device_vma(t, mm, 1, 0);
	KTEST_ASSERT_NOT_NULL(t, vma);
	KTEST_ASSERT_EQ(t, remap(vma, BASE, page_to_pfn(page), PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, vma->vm_pgoff, page_to_pfn(page));
	KTEST_EXPECT_EQ(t, pte_at(mm, BASE) & _PAGE_RW, 0ul);
	KTEST_EXPECT_EQ(t, put_user(0x99, (u32 __user *)(BASE + 4)), 0);
	KTEST_EXPECT_EQ(t, get_user(v, (u32 __user *)BASE), 0);
	KTEST_EXPECT_EQ(t, v, 0x5a5a0003u);
	KTEST_EXPECT_EQ(t, ((u32 *)page_address(page))[1], 0u);
	KTEST_EXPECT_NE(t, pte_at(mm, BASE) >> PAGE_SHIFT, page_to_pfn(page));
	KTEST_EXPECT_EQ(t, pte_at(mm, BASE) & _PAGE_SPECIAL, 0ul);
	KTEST_EXPECT_EQ(t, mm->anon_rss, 1ul);
	KTEST_EXPECT_EQ(t, sys_munmap(BASE, PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, mm->anon_rss, 0ul);
	KTEST_EXPECT_EQ(t, page_count(page), 1);
}

static struct ktest_case remap_cases[] = {
	KTEST_CASE(test_refuses_ram),
	KTEST_CASE(test_flags_and_ptes),
	KTEST_CASE(test_fork_copies_ptes),
	KTEST_CASE(test_hole_is_sigbus),
	KTEST_CASE(test_private_copy_on_write),
	{}
};

static struct ktest_suite remap_suite = {
	.name = "remap_pfn_range",
	.test_cases = remap_cases,
};
ktest_register_suite(remap_suite);
