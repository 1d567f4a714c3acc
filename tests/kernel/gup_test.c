/*
 * get_user_pages() and access_process_vm() (mm/gup.c, kernel/ptrace.c)
 * on real mms: present pages, pages faulted in, copy-on-write broken
 * for a write (the other mm keeps its page), read-only regions with and
 * without force, holes and the end of the address space, a stack grown
 * down, a nopage-backed region, and out-of-memory. Every page reference
 * taken is given back: the counts are checked against what they were.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <highmem.h>
#include <mm.h>
#include <mman.h>
#include <sched.h>
#include <syscalls.h>
#include <fault_inject.h>
#include <ktest.h>
#include <asm/uaccess.h>
#include "mm_test_util.h"

#define ANON	(MAP_PRIVATE | MAP_ANONYMOUS)
#define RW	(PROT_READ | PROT_WRITE)

/* get_user_pages() of n pages of mm from addr under its mmap_sem. */
static int gup(struct mm_struct *mm, unsigned long addr, int n, int write, int force,
	       struct page **pages, struct vm_area_struct **vmas)
{
	int ret;

	down_read(&mm->mmap_sem);
	ret = get_user_pages(current, mm, addr, n, write, force, pages, vmas);
	up_read(&mm->mmap_sem);
	return ret;
}

static u32 page_word(struct page *page)
{
	u32 *kaddr = kmap_atomic(page, KM_USER0), v = kaddr[0];

	kunmap_atomic(kaddr, KM_USER0);
	return v;
}

static void set_page_word(struct page *page, u32 v)
{
	u32 *kaddr = kmap_atomic(page, KM_USER0);

	kaddr[0] = v;
	kunmap_atomic(kaddr, KM_USER0);
}

/* The test thread on a fresh mm with npages of private read-write memory: their address, or 0. */
static unsigned long use_mm_with_area(struct ktest *t, struct mm_struct **mmp,
				      unsigned long npages)
{
	unsigned long a;

	*mmp = ktest_use_mm(t);
	if (!*mmp)
		return 0;
	a = tmmap(0, npages * PAGE_SIZE, RW, ANON);
	return IS_ERR_VALUE(a) ? 0 : a;
}

static void put_pages(struct page **pages, int n)
{
	while (n-- > 0)
		put_page(pages[n]);
}

/* A present page is the one mapped, one more reference; an absent one is faulted in. */
static void test_gup_present_and_absent(struct ktest *t)
{
	struct mm_struct *mm;
	struct page *pages[4];
	struct vm_area_struct *vmas[4];
	unsigned long a;
	u32 v = 0;
	int n;

	a = use_mm_with_area(t, &mm, 4);
	KTEST_ASSERT_NE(t, a, 0ul);
	KTEST_ASSERT_EQ(t, put_user(0x1234, (u32 __user *)a), 0);

	KTEST_ASSERT_EQ(t, gup(mm, a + 8, 1, 0, 0, pages, vmas), 1);	/* any address in the page */
	KTEST_EXPECT_PTR_EQ(t, pages[0], follow_page(mm, a, 0));
	KTEST_EXPECT_PTR_EQ(t, vmas[0], find_vma(mm, a));
	KTEST_EXPECT_EQ(t, page_count(pages[0]), 2);	/* the pte's and ours */
	KTEST_EXPECT_EQ(t, page_word(pages[0]), 0x1234u);
	put_page(pages[0]);
	KTEST_EXPECT_EQ(t, page_count(follow_page(mm, a, 0)), 1);

	/* Untouched, read: the zero page, not counted; written: a new page of its own. */
	KTEST_ASSERT_EQ(t, gup(mm, a + PAGE_SIZE, 1, 0, 0, pages, NULL), 1);
	KTEST_EXPECT_PTR_EQ(t, pages[0], ZERO_PAGE(0));
	put_page(pages[0]);
	KTEST_ASSERT_EQ(t, gup(mm, a + 2 * PAGE_SIZE, 1, 1, 0, pages, NULL), 1);
	KTEST_EXPECT_PTR_EQ(t, pages[0], follow_page(mm, a + 2 * PAGE_SIZE, 1));
	KTEST_EXPECT_TRUE(t, PageAnon(pages[0]));
	KTEST_EXPECT_EQ(t, page_count(pages[0]), 2);
	set_page_word(pages[0], 0x5678);	/* seen through the process's mapping */
	put_page(pages[0]);
	KTEST_EXPECT_EQ(t, get_user(v, (u32 __user *)(a + 2 * PAGE_SIZE)), 0);
	KTEST_EXPECT_EQ(t, v, 0x5678u);

	/* Several pages at once, written: the zero page replaced by a page of its own. */
	n = gup(mm, a, 4, 1, 0, pages, NULL);
	if (n == 4) {
		KTEST_EXPECT_PTR_NE(t, pages[1], ZERO_PAGE(0));
		KTEST_EXPECT_PTR_EQ(t, pages[3], follow_page(mm, a + 3 * PAGE_SIZE, 1));
		KTEST_EXPECT_EQ(t, mm->anon_rss, 4ul);
	}
	if (n > 0)
		put_pages(pages, n);
	KTEST_ASSERT_EQ(t, n, 4);
	KTEST_EXPECT_EQ(t, page_count(follow_page(mm, a + 3 * PAGE_SIZE, 0)), 1);
	/* Without pages: only faulted in. */
	KTEST_EXPECT_EQ(t, gup(mm, a, 4, 0, 0, NULL, NULL), 4);
}

/* A write to a page shared with a fork breaks COW: a copy for the writer, the other keeps its page. */
static void test_gup_cow(struct ktest *t)
{
	struct mm_struct *mm, *child_mm;
	struct task_struct *child;
	struct page *p, *q;
	unsigned long a;
	u32 v = 0;

	child = ktest_kmalloc(t, sizeof(*child), GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, child);
	a = use_mm_with_area(t, &mm, 1);
	KTEST_ASSERT_NE(t, a, 0ul);
	KTEST_ASSERT_EQ(t, put_user(0x1111, (u32 __user *)a), 0);
	p = follow_page(mm, a, 1);
	KTEST_ASSERT_NOT_NULL(t, p);
	child_mm = ktest_fork_mm(t, child);
	KTEST_ASSERT_NOT_NULL(t, child_mm);

	/* A read of the child's page is the shared one. */
	KTEST_ASSERT_EQ(t, gup(child_mm, a, 1, 0, 0, &q, NULL), 1);
	KTEST_EXPECT_PTR_EQ(t, q, p);
	KTEST_EXPECT_EQ(t, page_count(p), 3);
	put_page(q);
	/* A write: the child gets a copy, writable; the parent keeps p, alone now. */
	KTEST_ASSERT_EQ(t, gup(child_mm, a, 1, 1, 0, &q, NULL), 1);
	KTEST_EXPECT_PTR_NE(t, q, p);
	KTEST_EXPECT_PTR_EQ(t, follow_page(child_mm, a, 1), q);
	KTEST_EXPECT_PTR_EQ(t, follow_page(mm, a, 0), p);
	KTEST_EXPECT_EQ(t, page_count(p), 1);
	KTEST_EXPECT_EQ(t, page_count(q), 2);
	KTEST_EXPECT_EQ(t, page_word(q), 0x1111u);
	set_page_word(q, 0x2222);
	put_page(q);
	KTEST_EXPECT_EQ(t, page_count(q), 1);
	KTEST_EXPECT_EQ(t, get_user(v, (u32 __user *)a), 0);
	KTEST_EXPECT_EQ(t, v, 0x1111u);
	KTEST_EXPECT_EQ(t, page_word(p), 0x1111u);
}

/*
 * Read-only memory: a write is refused without force; with force a
 * private region gets a private copy whose pte stays read-only, a shared
 * one is refused. An inaccessible region reads with force only.
 */
static void test_gup_readonly_force(struct ktest *t)
{
	struct mm_struct *mm, *child_mm;
	struct task_struct *child;
	struct page *p, *q;
	unsigned long a, s;

	child = ktest_kmalloc(t, sizeof(*child), GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, child);
	a = use_mm_with_area(t, &mm, 2);
	KTEST_ASSERT_NE(t, a, 0ul);
	KTEST_ASSERT_EQ(t, put_user(0xc0de, (u32 __user *)a), 0);
	KTEST_ASSERT_EQ(t, sys_mprotect(a, 2 * PAGE_SIZE, PROT_READ), 0);
	p = follow_page(mm, a, 0);
	KTEST_ASSERT_NOT_NULL(t, p);

	KTEST_EXPECT_EQ(t, gup(mm, a, 1, 1, 0, &q, NULL), -EFAULT);
	/* The page is this mm's alone: forced, it is written where it is, still read-only. */
	KTEST_ASSERT_EQ(t, gup(mm, a, 1, 1, 1, &q, NULL), 1);
	KTEST_EXPECT_PTR_EQ(t, q, p);
	put_page(q);
	KTEST_EXPECT_NULL(t, follow_page(mm, a, 1));
	/* Untouched: a private page made for it, read-only too. */
	KTEST_ASSERT_EQ(t, gup(mm, a + PAGE_SIZE, 1, 1, 1, &q, NULL), 1);
	KTEST_EXPECT_PTR_NE(t, q, ZERO_PAGE(0));
	KTEST_EXPECT_PTR_EQ(t, follow_page(mm, a + PAGE_SIZE, 0), q);
	KTEST_EXPECT_NULL(t, follow_page(mm, a + PAGE_SIZE, 1));
	put_page(q);

	/* Shared with a fork: the forced write copies, the parent's page is untouched. */
	child_mm = ktest_fork_mm(t, child);
	KTEST_ASSERT_NOT_NULL(t, child_mm);
	KTEST_ASSERT_EQ(t, gup(child_mm, a, 1, 1, 1, &q, NULL), 1);
	KTEST_EXPECT_PTR_NE(t, q, p);
	KTEST_EXPECT_PTR_EQ(t, follow_page(child_mm, a, 0), q);
	KTEST_EXPECT_NULL(t, follow_page(child_mm, a, 1));
	KTEST_EXPECT_EQ(t, page_word(q), 0xc0deu);
	set_page_word(q, 0xbeef);
	put_page(q);
	KTEST_EXPECT_EQ(t, page_word(p), 0xc0deu);
	KTEST_EXPECT_EQ(t, page_count(p), 1);

	/* PROT_NONE: read only with force (VM_MAYREAD). */
	KTEST_ASSERT_EQ(t, sys_mprotect(a, PAGE_SIZE, PROT_NONE), 0);
	KTEST_EXPECT_EQ(t, gup(mm, a, 1, 0, 0, &q, NULL), -EFAULT);
	KTEST_ASSERT_EQ(t, gup(mm, a, 1, 0, 1, &q, NULL), 1);
	KTEST_EXPECT_PTR_EQ(t, q, p);
	put_page(q);

	/* A shared region the process may not write: no forced write (not copy-on-write). */
	s = tmmap(0, PAGE_SIZE, PROT_READ, MAP_SHARED | MAP_ANONYMOUS);
	KTEST_ASSERT_TRUE(t, !IS_ERR_VALUE(s));
	KTEST_EXPECT_EQ(t, gup(mm, s, 1, 1, 1, &q, NULL), -EFAULT);
	KTEST_EXPECT_EQ(t, gup(mm, s, 1, 0, 0, NULL, NULL), 1);
}

/* Holes, the end of user space, I/O regions: -EFAULT, or the count done before them. */
static void test_gup_holes_and_end(struct ktest *t)
{
	struct mm_struct *mm;
	struct vm_area_struct *vma;
	struct page *pages[4];
	unsigned long a;
	int n;

	a = use_mm_with_area(t, &mm, 4);
	KTEST_ASSERT_NE(t, a, 0ul);
	KTEST_ASSERT_EQ(t, sys_munmap(a + 2 * PAGE_SIZE, PAGE_SIZE), 0);	/* a hole */
	n = gup(mm, a, 4, 1, 0, pages, NULL);
	KTEST_EXPECT_EQ(t, n, 2);
	if (n > 0)
		put_pages(pages, n);
	KTEST_EXPECT_EQ(t, gup(mm, a + 2 * PAGE_SIZE, 2, 0, 1, pages, NULL), -EFAULT);
	KTEST_EXPECT_EQ(t, gup(mm, TASK_SIZE - PAGE_SIZE, 1, 0, 1, pages, NULL), -EFAULT);
	KTEST_EXPECT_EQ(t, gup(mm, 0, 1, 0, 1, pages, NULL), -EFAULT);
	/* The last page, then the end of the region. */
	n = gup(mm, a + 3 * PAGE_SIZE, 3, 0, 0, pages, NULL);
	KTEST_EXPECT_EQ(t, n, 1);
	if (n > 0)
		put_pages(pages, n);

	/* VM_IO (a device's registers, remap_pfn_range): never. */
	vma = find_vma(mm, a);
	KTEST_ASSERT_NOT_NULL(t, vma);
	vma->vm_flags |= VM_IO;
	KTEST_EXPECT_EQ(t, gup(mm, a, 1, 0, 1, pages, NULL), -EFAULT);
	vma->vm_flags &= ~VM_IO;
	vma->vm_flags |= VM_PFNMAP;
	KTEST_EXPECT_EQ(t, gup(mm, a, 1, 0, 1, pages, NULL), -EFAULT);
	vma->vm_flags &= ~VM_PFNMAP;
}

/* Just below a stack: it grows down, as a fault there would grow it. */
static void test_gup_stack_grows(struct ktest *t)
{
	struct mm_struct *mm = ktest_use_mm(t);
	struct page *page;
	unsigned long a;

	KTEST_ASSERT_NOT_NULL(t, mm);
	a = tmmap(0x30000000, PAGE_SIZE, RW, ANON | MAP_GROWSDOWN | MAP_FIXED);
	KTEST_ASSERT_EQ(t, a, 0x30000000ul);
	KTEST_ASSERT_EQ(t, gup(mm, a - 2 * PAGE_SIZE, 1, 1, 0, &page, NULL), 1);
	put_page(page);
	KTEST_EXPECT_EQ(t, find_vma(mm, a)->vm_start, a - 2 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, mm->total_vm, 3ul);
}

/* A region backed by vm_ops->nopage: its object's pages, counted; a private write copies. */
static void test_gup_nopage(struct ktest *t)
{
	struct mm_struct *mm = ktest_use_mm(t);
	unsigned long a = 0x50000000, flags = VM_READ | VM_MAYREAD | VM_MAYWRITE;
	struct page *page;
	int i;

	KTEST_ASSERT_NOT_NULL(t, mm);
	/* private, read-only */
	KTEST_ASSERT_NOT_NULL(t, ktest_nopage_region(t, mm, a, 3, flags));

	/* Read: the object's page itself -- ours, the pte's, gup's. */
	KTEST_ASSERT_EQ(t, gup(mm, a, 1, 0, 0, &page, NULL), 1);
	KTEST_EXPECT_PTR_EQ(t, page, nopage_pages[0]);
	KTEST_EXPECT_EQ(t, page_count(page), 3);
	KTEST_EXPECT_EQ(t, page_mapcount(page), 1);
	put_page(page);
	KTEST_EXPECT_EQ(t, page_count(nopage_pages[0]), 2);
	/* A forced write, present or not: a private copy; the object is untouched. */
	for (i = 0; i < 2; i++) {
		KTEST_ASSERT_EQ(t, gup(mm, a + i * PAGE_SIZE, 1, 1, 1, &page, NULL), 1);
		KTEST_EXPECT_PTR_NE(t, page, nopage_pages[i]);
		KTEST_EXPECT_TRUE(t, PageAnon(page));
		KTEST_EXPECT_EQ(t, page_word(page), 0xf00u + i);
		set_page_word(page, 0xdead);
		put_page(page);
		KTEST_EXPECT_EQ(t, page_word(nopage_pages[i]), 0xf00u + i);
		KTEST_EXPECT_EQ(t, page_count(nopage_pages[i]), 1);
		KTEST_EXPECT_NULL(t, follow_page(mm, a + i * PAGE_SIZE, 1));
	}
	KTEST_EXPECT_EQ(t, mm->anon_rss, 2ul);
	KTEST_EXPECT_EQ(t, mm->file_rss, 0ul);
	/* Past the object's end: SIGBUS, -EFAULT. */
	KTEST_EXPECT_EQ(t, gup(mm, a + 2 * PAGE_SIZE, 1, 0, 0, &page, NULL), -EFAULT);
	KTEST_EXPECT_EQ(t, gup(mm, a + PAGE_SIZE, 2, 0, 0, NULL, NULL), 1);
	KTEST_EXPECT_EQ(t, sys_munmap(a, 3 * PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, page_count(nopage_pages[0]), 1);
}

/* Out of memory for the fault: -ENOMEM, or the count done before. */
static void test_gup_oom(struct ktest *t)
{
	struct mm_struct *mm;
	struct page *pages[2];
	unsigned long a;
	int n;

	a = use_mm_with_area(t, &mm, 2);
	KTEST_ASSERT_NE(t, a, 0ul);
	KTEST_ASSERT_EQ(t, put_user(1, (u32 __user *)a), 0);	/* present, page table made */
	ktest_fault_attr_set(t, &fail_page_alloc, 1, -1);
	n = gup(mm, a, 2, 1, 0, pages, NULL);
	KTEST_EXPECT_EQ(t, n, 1);
	if (n > 0)
		put_pages(pages, n);
	KTEST_EXPECT_EQ(t, gup(mm, a + PAGE_SIZE, 1, 1, 0, pages, NULL), -ENOMEM);
	ktest_fault_attr_set(t, &fail_page_alloc, 0, -1);
	KTEST_EXPECT_EQ(t, gup(mm, a + PAGE_SIZE, 1, 1, 0, NULL, NULL), 1);
}

/*
 * access_process_vm() on a forked mm (another process's): across pages,
 * short at a hole; a write lands in the child's copy, not the parent's
 * page; a write to a read-only private page lands in a private copy
 * (ptrace's POKETEXT) that the process itself still cannot write.
 */
static void test_access_process_vm(struct ktest *t)
{
	struct mm_struct *mm, *child_mm;
	struct task_struct *child;
	char buf[16], out[16];
	unsigned long a;
	u32 v = 0;

	child = ktest_kmalloc(t, sizeof(*child), GFP_KERNEL | __GFP_ZERO);
	KTEST_ASSERT_NOT_NULL(t, child);
	a = use_mm_with_area(t, &mm, 3);
	KTEST_ASSERT_NE(t, a, 0ul);
	KTEST_ASSERT_EQ(t, sys_munmap(a + 2 * PAGE_SIZE, PAGE_SIZE), 0);
	memcpy(buf, "across the page!", 16);
	KTEST_ASSERT_EQ(t, copy_to_user((void __user *)(a + PAGE_SIZE - 6), buf, 16), 0ul);
	KTEST_ASSERT_EQ(t, put_user(0xc0de, (u32 __user *)a), 0);
	KTEST_ASSERT_EQ(t, sys_mprotect(a, PAGE_SIZE, PROT_READ), 0);
	child_mm = ktest_fork_mm(t, child);
	KTEST_ASSERT_NOT_NULL(t, child_mm);

	KTEST_EXPECT_EQ(t, access_process_vm(child, a + PAGE_SIZE - 6, out, 16, 0), 16);
	KTEST_EXPECT_EQ(t, memcmp(out, buf, 16), 0);
	KTEST_EXPECT_EQ(t, access_process_vm(child, a + PAGE_SIZE - 6, "ACROSS", 6, 1), 6);
	KTEST_EXPECT_EQ(t, access_process_vm(child, a + PAGE_SIZE - 6, out, 16, 0), 16);
	KTEST_EXPECT_EQ(t, memcmp(out, "ACROSS", 6), 0);
	KTEST_EXPECT_EQ(t, copy_from_user(out, (void __user *)(a + PAGE_SIZE - 6), 16), 0ul);
	KTEST_EXPECT_EQ(t, memcmp(out, buf, 16), 0);	/* the parent's is its own */
	KTEST_EXPECT_EQ(t, access_process_vm(child, a + 2 * PAGE_SIZE - 4, out, 16, 0), 4);
	KTEST_EXPECT_EQ(t, access_process_vm(child, a + 2 * PAGE_SIZE, out, 16, 0), 0);

	/* Read-only: written anyway (forced), a copy; the parent's page keeps its word. */
	v = 0x7e57;
	KTEST_EXPECT_EQ(t, access_process_vm(child, a, &v, 4, 1), 4);
	KTEST_EXPECT_NULL(t, follow_page(child_mm, a, 1));
	KTEST_EXPECT_EQ(t, get_user(v, (u32 __user *)a), 0);
	KTEST_EXPECT_EQ(t, v, 0xc0deu);
	/* access_remote_vm() without FOLL_FORCE: not into what the process may not touch. */
	KTEST_EXPECT_EQ(t, access_remote_vm(child_mm, a, &v, 4, FOLL_WRITE), 0);
	KTEST_EXPECT_EQ(t, access_remote_vm(child_mm, a, &v, 4, 0), 4);
	KTEST_EXPECT_EQ(t, v, 0x7e57u);
	use_mm(child_mm);
	KTEST_EXPECT_EQ(t, sys_mprotect(a, PAGE_SIZE, PROT_NONE), 0);
	use_mm(mm);
	KTEST_EXPECT_EQ(t, access_remote_vm(child_mm, a, &v, 4, 0), 0);
	KTEST_EXPECT_EQ(t, access_remote_vm(child_mm, a, &v, 4, FOLL_FORCE), 4);
	/* A task without an address space (a kernel thread): nothing. */
	child = ktest_kmalloc(t, sizeof(*child), GFP_KERNEL | __GFP_ZERO);
	KTEST_ASSERT_NOT_NULL(t, child);
	KTEST_EXPECT_EQ(t, access_process_vm(child, a, &v, 4, 0), 0);
}

static struct ktest_case gup_cases[] = {
	KTEST_CASE(test_gup_present_and_absent),
	KTEST_CASE(test_gup_cow),
	KTEST_CASE(test_gup_readonly_force),
	KTEST_CASE(test_gup_holes_and_end),
	KTEST_CASE(test_gup_stack_grows),
	KTEST_CASE(test_gup_nopage),
	KTEST_CASE(test_gup_oom),
	KTEST_CASE(test_access_process_vm),
	{}
};

static struct ktest_suite gup_suite = {
	.name = "gup",
	.test_cases = gup_cases,
};
ktest_register_suite(gup_suite);
