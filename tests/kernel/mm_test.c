/*
 * Process address spaces and page faults (ULK chapter 9) on real mms:
 * the test thread adopts a fresh mm_alloc()'ed address space (as exec
 * would), maps regions with do_mmap_pgoff(), and reaches them through
 * the uaccess functions -- every access a real page fault through
 * do_page_fault() and handle_mm_fault(). validate_mm() after every
 * change. User programs (tests/kernel/mm_blob.asm) run in such an mm
 * for the user-mode faults: SIGSEGV codes and lines, stack growth,
 * brk/mmap2/mprotect/munmap from user mode.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <highmem.h>
#include <mm.h>
#include <mman.h>
#include <fs.h>
#include <pagemap.h>
#include <shmem_fs.h>
#include <sched.h>
#include <slab.h>
#include <syscalls.h>
#include <ktest.h>
#include <pagemap.h>
#include <asm/mmu_context.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <asm/uaccess.h>
#include "fs_test_util.h"
#include "mm_test_util.h"

extern const char mb_blob_start[], mb_blob_end[], MB_CODE[], MB_DATA[];
extern const char mb_null[], mb_null_ip[], mb_write_code[], mb_write_code_ip[],
	mb_stack_grow[], mb_stack_limit[], mb_stack_far[], mb_stack_far_ip[], mb_syscalls[],
	mb_syscalls_ip[];
extern const char M_MARK[], M_BRK0[], M_BRK1[], M_BRK2[], M_MMAP[], M_MPROT[], M_MUNMAP[],
	M_MUNMAP_BAD[], M_MMAP_BADF[], M_MMAP_ZERO[], M_READBACK[], M_DEPTH[];
#define MB(sym)		((unsigned long)(sym))

static int tmunmap(unsigned long addr, unsigned long len)
{
	return sys_munmap(addr, len);
}

/* The flags of the region containing addr, 0 if none. */
static unsigned long vma_flags_at(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	return vma && vma->vm_start <= addr ? vma->vm_flags : 0;
}

#define ANON	(MAP_PRIVATE | MAP_ANONYMOUS)
#define RW	(PROT_READ | PROT_WRITE)

#define EXPECT_VALID(t, mm) do {					\
	const char *__why = validate_mm_why(mm);			\
	if (__why)							\
		KTEST_FAIL(t, "validate_mm: %s", __why);		\
} while (0)

static void test_mmap_placement_and_errors(struct ktest *t)
{
	struct mm_struct *mm = ktest_use_mm(t);
	unsigned long a, b, saved;

	KTEST_ASSERT_NOT_NULL(t, mm);
	/* Top-down below the stack gap: the first mapping ends at mmap_base. */
	KTEST_EXPECT_EQ(t, mm->mmap_base, TASK_SIZE - (128UL << 20));
	a = tmmap(0, 3 * PAGE_SIZE, RW, ANON);
	KTEST_EXPECT_EQ(t, a, mm->mmap_base - 3 * PAGE_SIZE);
	b = tmmap(0, PAGE_SIZE, PROT_READ, ANON);
	KTEST_EXPECT_EQ(t, b, a - PAGE_SIZE);
	/* A free hint is taken, a busy one is not. */
	KTEST_EXPECT_EQ(t, tmmap(0x20000000, PAGE_SIZE, RW, ANON), 0x20000000ul);
	KTEST_EXPECT_NE(t, tmmap(0x20000000, PAGE_SIZE, RW, ANON), 0x20000000ul);
	KTEST_EXPECT_EQ(t, mm->map_count, 4);
	KTEST_EXPECT_EQ(t, mm->total_vm, 6ul);
	EXPECT_VALID(t, mm);

	KTEST_EXPECT_EQ(t, tmmap(0, 0, RW, ANON), (unsigned long)-EINVAL);
	KTEST_EXPECT_EQ(t, tmmap(0, PAGE_SIZE, RW, MAP_ANONYMOUS), (unsigned long)-EINVAL);
	KTEST_EXPECT_EQ(t, tmmap(0, PAGE_SIZE, RW, MAP_SHARED_VALIDATE | MAP_ANONYMOUS),
			(unsigned long)-EINVAL);
	KTEST_EXPECT_EQ(t, tmmap(0x1234, PAGE_SIZE, RW, ANON | MAP_FIXED), (unsigned long)-EINVAL);
	KTEST_EXPECT_EQ(t, tmmap(0xbffff000, 2 * PAGE_SIZE, RW, ANON | MAP_FIXED),
			(unsigned long)-ENOMEM);
	KTEST_EXPECT_EQ(t, tmmap(0, -PAGE_SIZE, RW, ANON), (unsigned long)-ENOMEM);
	/* More than RAM (+ swap): the overcommit heuristic refuses at mmap time. */
	KTEST_EXPECT_EQ(t, tmmap(0, (totalram_pages + 1) << PAGE_SHIFT, RW, ANON),
			(unsigned long)-ENOMEM);
	/* ... but not without a charge (MAP_NORESERVE) or without write. */
	a = tmmap(0, (totalram_pages + 1) << PAGE_SHIFT, RW, ANON | MAP_NORESERVE);
	/* (it must fit below mmap_base: not on a 3 GB machine) */
	if (totalram_pages + 1 < (mm->mmap_base >> PAGE_SHIFT) / 2)
		KTEST_EXPECT_FALSE(t, IS_ERR_VALUE(a));
	if (!IS_ERR_VALUE(a))
		KTEST_EXPECT_EQ(t, tmunmap(a, (totalram_pages + 1) << PAGE_SHIFT), 0);
	down_write(&mm->mmap_sem);
	KTEST_EXPECT_EQ(t, do_mmap_pgoff(NULL, 0, 2 * PAGE_SIZE, RW, ANON, ~0UL),
			(unsigned long)-EOVERFLOW);
	up_write(&mm->mmap_sem);
	KTEST_EXPECT_EQ(t, tmmap(0x20000000, PAGE_SIZE, RW, ANON | MAP_FIXED_NOREPLACE),
			(unsigned long)-EEXIST);
	KTEST_EXPECT_EQ(t, tmmap(0x20001000, PAGE_SIZE, RW, ANON | MAP_FIXED_NOREPLACE),
			0x20001000ul);
	/* RLIMIT_AS counts every mapped page. */
	saved = current->signal->rlim[RLIMIT_AS].rlim_cur;
	current->signal->rlim[RLIMIT_AS].rlim_cur = (mm->total_vm + 2) << PAGE_SHIFT;
	KTEST_EXPECT_EQ(t, tmmap(0, 3 * PAGE_SIZE, RW, ANON), (unsigned long)-ENOMEM);
	KTEST_EXPECT_FALSE(t, IS_ERR_VALUE(tmmap(0, 2 * PAGE_SIZE, RW, ANON)));
	current->signal->rlim[RLIMIT_AS].rlim_cur = saved;
	/* munmap's errors; unmapping nothing is fine. */
	KTEST_EXPECT_EQ(t, tmunmap(0x20000001, PAGE_SIZE), -EINVAL);
	KTEST_EXPECT_EQ(t, tmunmap(0x20000000, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, tmunmap(0xbffff000, 0x2000), -EINVAL);
	KTEST_EXPECT_EQ(t, tmunmap(0x30000000, PAGE_SIZE), 0);
	EXPECT_VALID(t, mm);
}

static void test_legacy_layout_when_stack_unlimited(struct ktest *t)
{
	unsigned long saved = current->signal->rlim[RLIMIT_STACK].rlim_cur;
	struct mm_struct *mm;

	current->signal->rlim[RLIMIT_STACK].rlim_cur = RLIM_INFINITY;
	mm = ktest_use_mm(t);
	current->signal->rlim[RLIMIT_STACK].rlim_cur = saved;
	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_EXPECT_EQ(t, mm->legacy_layout, 1);
	KTEST_EXPECT_EQ(t, tmmap(0, PAGE_SIZE, RW, ANON), TASK_UNMAPPED_BASE);
	KTEST_EXPECT_EQ(t, tmmap(0, PAGE_SIZE, RW, ANON), TASK_UNMAPPED_BASE + PAGE_SIZE);
	/* Alike and adjacent: one region. */
	KTEST_EXPECT_EQ(t, mm->map_count, 1);
	EXPECT_VALID(t, mm);
}

static void test_merge_split_mprotect(struct ktest *t)
{
	struct mm_struct *mm = ktest_use_mm(t);
	unsigned long base = 0x10000000;
	struct vm_area_struct *vma;

	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_EXPECT_EQ(t, tmmap(base, PAGE_SIZE, RW, ANON | MAP_FIXED), base);
	KTEST_EXPECT_EQ(t, tmmap(base + 2 * PAGE_SIZE, PAGE_SIZE, RW, ANON | MAP_FIXED),
			base + 2 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, mm->map_count, 2);
	/* The hole filled: prev, new and next become one region (vma_merge). */
	KTEST_EXPECT_EQ(t, tmmap(base + PAGE_SIZE, PAGE_SIZE, RW, ANON | MAP_FIXED),
			base + PAGE_SIZE);
	KTEST_EXPECT_EQ(t, mm->map_count, 1);
	EXPECT_VALID(t, mm);
	/* mprotect of the middle page splits in three ... */
	KTEST_EXPECT_EQ(t, sys_mprotect(base + PAGE_SIZE, PAGE_SIZE, PROT_READ), 0);
	KTEST_EXPECT_EQ(t, mm->map_count, 3);
	vma = find_vma(mm, base + PAGE_SIZE);
	KTEST_ASSERT_NOT_NULL(t, vma);
	KTEST_EXPECT_EQ(t, vma->vm_start, base + PAGE_SIZE);
	KTEST_EXPECT_EQ(t, vma->vm_end, base + 2 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, vma->vm_flags & (VM_READ | VM_WRITE), (unsigned long)VM_READ);
	EXPECT_VALID(t, mm);
	/* ... and back, they merge again. */
	KTEST_EXPECT_EQ(t, sys_mprotect(base + PAGE_SIZE, PAGE_SIZE, RW), 0);
	KTEST_EXPECT_EQ(t, mm->map_count, 1);
	EXPECT_VALID(t, mm);
	/* mprotect's errors: unaligned, unknown bits, a hole in the range. */
	KTEST_EXPECT_EQ(t, sys_mprotect(base + 1, PAGE_SIZE, PROT_READ), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_mprotect(base, PAGE_SIZE, 0x80), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_mprotect(base, 4 * PAGE_SIZE, PROT_READ), -ENOMEM);
	KTEST_EXPECT_EQ(t, sys_mprotect(0x50000000, PAGE_SIZE, PROT_READ), -ENOMEM);
	KTEST_EXPECT_EQ(t, sys_mprotect(base, 0, PROT_READ), 0);
	/* munmap of the middle splits in two. */
	KTEST_EXPECT_EQ(t, tmunmap(base + PAGE_SIZE, PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, mm->map_count, 2);
	KTEST_EXPECT_NULL(t, find_vma_intersection(mm, base + PAGE_SIZE, base + 2 * PAGE_SIZE));
	KTEST_EXPECT_EQ(t, mm->total_vm, 2ul);
	EXPECT_VALID(t, mm);
}

/* MAP_FIXED over two regions and the hole between them (ULK 9.3.4: do_munmap first). */
static void test_map_fixed_over_several(struct ktest *t)
{
	struct mm_struct *mm = ktest_use_mm(t);
	unsigned long x = 0x18000000;
	struct vm_area_struct *v;

	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_EXPECT_EQ(t, tmmap(x, 2 * PAGE_SIZE, PROT_READ, ANON | MAP_FIXED), x);
	KTEST_EXPECT_EQ(t, tmmap(x + 3 * PAGE_SIZE, 2 * PAGE_SIZE, PROT_READ | PROT_EXEC,
				 ANON | MAP_FIXED), x + 3 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, put_user(1, (int __user *)(x + 3 * PAGE_SIZE)), -EFAULT);
	KTEST_EXPECT_EQ(t, tmmap(x + PAGE_SIZE, 3 * PAGE_SIZE, RW, ANON | MAP_FIXED),
			x + PAGE_SIZE);
	KTEST_EXPECT_EQ(t, mm->map_count, 3);
	v = find_vma(mm, x);
	KTEST_ASSERT_NOT_NULL(t, v);
	KTEST_EXPECT_EQ(t, v->vm_end, x + PAGE_SIZE);
	v = v->vm_next;
	KTEST_ASSERT_NOT_NULL(t, v);
	KTEST_EXPECT_EQ(t, v->vm_start, x + PAGE_SIZE);
	KTEST_EXPECT_EQ(t, v->vm_end, x + 4 * PAGE_SIZE);
	KTEST_EXPECT_TRUE(t, v->vm_flags & VM_WRITE);
	v = v->vm_next;
	KTEST_ASSERT_NOT_NULL(t, v);
	KTEST_EXPECT_EQ(t, v->vm_start, x + 4 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, v->vm_end, x + 5 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, mm->total_vm, 5ul);
	EXPECT_VALID(t, mm);
	/* One munmap over all three. */
	KTEST_EXPECT_EQ(t, tmunmap(x, 5 * PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, mm->map_count, 0);
	KTEST_EXPECT_EQ(t, mm->total_vm, 0ul);
	EXPECT_VALID(t, mm);
}

/* Demand-zero: reads see the zero page (uncounted), a write gets a page of its own. */
static void test_zero_page_then_write(struct ktest *t)
{
	struct mm_struct *mm = ktest_use_mm(t);
	unsigned long a;
	int zc, v = -1;
	struct page *p;

	KTEST_ASSERT_NOT_NULL(t, mm);
	a = tmmap(0, 2 * PAGE_SIZE, RW, ANON);
	KTEST_ASSERT_TRUE(t, !(IS_ERR_VALUE(a)));
	zc = page_count(ZERO_PAGE(0));
	KTEST_EXPECT_EQ(t, get_user(v, (int __user *)a), 0);
	KTEST_EXPECT_EQ(t, v, 0);
	KTEST_EXPECT_PTR_EQ(t, follow_page(mm, a, 0), ZERO_PAGE(0));
	KTEST_EXPECT_NULL(t, follow_page(mm, a, 1));	/* read-only */
	KTEST_EXPECT_EQ(t, page_count(ZERO_PAGE(0)), zc);
	KTEST_EXPECT_EQ(t, mm->anon_rss, 0ul);
	KTEST_EXPECT_EQ(t, mm->nr_ptes, 1ul);
	/* The write: do_wp_page on the zero page allocates. */
	KTEST_EXPECT_EQ(t, put_user(7, (int __user *)(a + 8)), 0);
	p = follow_page(mm, a, 1);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_PTR_NE(t, p, ZERO_PAGE(0));
	KTEST_EXPECT_EQ(t, page_count(p), 1);
	KTEST_EXPECT_EQ(t, page_mapcount(p), 1);
	KTEST_EXPECT_EQ(t, mm->anon_rss, 1ul);
	KTEST_EXPECT_EQ(t, get_user(v, (int __user *)(a + 8)), 0);
	KTEST_EXPECT_EQ(t, v, 7);
	KTEST_EXPECT_EQ(t, get_user(v, (int __user *)a), 0);
	KTEST_EXPECT_EQ(t, v, 0);
	/* A direct write to an untouched page: do_anonymous_page's write path. */
	KTEST_EXPECT_EQ(t, put_user(9, (int __user *)(a + PAGE_SIZE)), 0);
	KTEST_EXPECT_EQ(t, mm->anon_rss, 2ul);
	KTEST_EXPECT_EQ(t, page_count(ZERO_PAGE(0)), zc);
	/* munmap gives both back (the leak check counts the pages). */
	KTEST_EXPECT_EQ(t, tmunmap(a, 2 * PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, mm->anon_rss, 0ul);
	KTEST_EXPECT_EQ(t, mm->nr_ptes, 0ul);
}

/* fork's copy-on-write (ULK 9.4.4): counts at every step, reuse when alone. */
static void test_fork_cow_counts(struct ktest *t)
{
	struct mm_struct *mm = ktest_use_mm(t), *child_mm;
	struct task_struct *child;
	struct page *p, *q;
	unsigned long a;
	int v = 0;
	u32 *kaddr;

	KTEST_ASSERT_NOT_NULL(t, mm);
	child = ktest_kmalloc(t, sizeof(*child), GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, child);
	a = tmmap(0, PAGE_SIZE, RW, ANON);
	KTEST_ASSERT_TRUE(t, !(IS_ERR_VALUE(a)));
	KTEST_ASSERT_EQ(t, put_user(0x1111, (int __user *)a), 0);
	p = follow_page(mm, a, 1);
	KTEST_ASSERT_NOT_NULL(t, p);

	child_mm = ktest_fork_mm(t, child);
	KTEST_ASSERT_NOT_NULL(t, child_mm);
	KTEST_EXPECT_PTR_NE(t, child_mm, mm);
	EXPECT_VALID(t, child_mm);
	KTEST_EXPECT_EQ(t, child_mm->map_count, mm->map_count);
	KTEST_EXPECT_EQ(t, child_mm->total_vm, mm->total_vm);
	/* Shared, write-protected in both, counted twice. */
	KTEST_EXPECT_EQ(t, page_count(p), 2);
	KTEST_EXPECT_EQ(t, page_mapcount(p), 2);
	KTEST_EXPECT_NULL(t, follow_page(mm, a, 1));
	KTEST_EXPECT_NULL(t, follow_page(child_mm, a, 1));
	KTEST_EXPECT_PTR_EQ(t, follow_page(child_mm, a, 0), p);
	KTEST_EXPECT_EQ(t, child_mm->anon_rss, 1ul);

	/* The parent writes: it gets a copy; the child keeps p, alone now. */
	KTEST_EXPECT_EQ(t, put_user(0x2222, (int __user *)a), 0);
	q = follow_page(mm, a, 1);
	KTEST_ASSERT_NOT_NULL(t, q);
	KTEST_EXPECT_PTR_NE(t, q, p);
	KTEST_EXPECT_EQ(t, page_count(p), 1);
	KTEST_EXPECT_EQ(t, page_mapcount(p), 1);
	KTEST_EXPECT_EQ(t, page_count(q), 1);
	kaddr = kmap_atomic(p, KM_USER0);
	KTEST_EXPECT_EQ(t, kaddr[0], 0x1111u);
	kunmap_atomic(kaddr, KM_USER0);

	/* The child writes: the page is its alone, so do_wp_page reuses it. */
	use_mm(child_mm);
	KTEST_EXPECT_EQ(t, get_user(v, (int __user *)a), 0);
	KTEST_EXPECT_EQ(t, v, 0x1111);
	KTEST_EXPECT_EQ(t, put_user(0x3333, (int __user *)a), 0);
	KTEST_EXPECT_PTR_EQ(t, follow_page(child_mm, a, 1), p);
	use_mm(mm);
	KTEST_EXPECT_EQ(t, get_user(v, (int __user *)a), 0);
	KTEST_EXPECT_EQ(t, v, 0x2222);
	KTEST_EXPECT_EQ(t, page_count(q), 1);
}

/*
 * A shared anonymous region stays shared across fork, though no page
 * exists when the child is made: both find the child's page later in
 * the region's shmem file.
 */
static void test_fork_shared_anonymous(struct ktest *t)
{
	struct mm_struct *mm = ktest_use_mm(t), *child_mm;
	struct task_struct *child;
	unsigned long a;
	struct page *p;
	int v = 0;

	KTEST_ASSERT_NOT_NULL(t, mm);
	child = ktest_kmalloc(t, sizeof(*child), GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, child);
	a = tmmap(0, 2 * PAGE_SIZE, RW, MAP_SHARED | MAP_ANONYMOUS);
	KTEST_ASSERT_TRUE(t, !(IS_ERR_VALUE(a)));
	child_mm = ktest_fork_mm(t, child);
	KTEST_ASSERT_NOT_NULL(t, child_mm);
	KTEST_EXPECT_PTR_EQ(t, find_vma(child_mm, a)->vm_file, find_vma(mm, a)->vm_file);
	use_mm(child_mm);
	KTEST_EXPECT_EQ(t, put_user(0x55, (int __user *)(a + PAGE_SIZE)), 0);
	use_mm(mm);
	KTEST_EXPECT_EQ(t, get_user(v, (int __user *)(a + PAGE_SIZE)), 0);
	KTEST_EXPECT_EQ(t, v, 0x55);
	p = follow_page(mm, a + PAGE_SIZE, 1);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_PTR_EQ(t, follow_page(child_mm, a + PAGE_SIZE, 1), p);
	KTEST_EXPECT_EQ(t, page_mapcount(p), 2);
	KTEST_EXPECT_EQ(t, page_count(p), 3);	/* the cache's and each pte's */
}

/*
 * Shared anonymous memory (mm/shmem.c): an unlinked "dev/zero" file as
 * long as the region, no page made at mmap time, pages made zeroed on
 * first touch and kept in the file's page cache -- MADV_DONTNEED only
 * zaps the ptes -- and everything freed with the last region.
 */
static void test_shared_anonymous_shmem(struct ktest *t)
{
	unsigned long files = nr_files, inodes = nr_inodes, cached = nr_pagecache;
	struct mm_struct *mm = ktest_use_mm(t);
	struct address_space *mapping;
	struct vm_area_struct *vma;
	char buf[64], *path;
	struct page *p;
	unsigned long a;
	int v = -1;

	KTEST_ASSERT_NOT_NULL(t, mm);
	a = tmmap(0, 4 * PAGE_SIZE, RW, MAP_SHARED | MAP_ANONYMOUS);
	KTEST_ASSERT_TRUE(t, !(IS_ERR_VALUE(a)));
	vma = find_vma(mm, a);
	KTEST_ASSERT_NOT_NULL(t, vma->vm_file);
	KTEST_EXPECT_TRUE(t, vma_is_shmem(vma));
	KTEST_EXPECT_EQ(t, vma->vm_pgoff, 0ul);
	mapping = vma->vm_file->f_mapping;
	KTEST_EXPECT_TRUE(t, mapping->host->i_size == 4 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, mapping->host->i_nlink, 0u);
	path = d_path(vma->vm_file->f_dentry, vma->vm_file->f_vfsmnt, buf, sizeof(buf));
	KTEST_ASSERT_TRUE(t, !IS_ERR(path));
	KTEST_EXPECT_STREQ(t, path, "/dev/zero (deleted)");
	KTEST_EXPECT_EQ(t, nr_files, files + 1);
	KTEST_EXPECT_EQ(t, nr_inodes, inodes + 1);
	/* Nothing is made at mmap time. */
	KTEST_EXPECT_EQ(t, mapping->nrpages, 0ul);
	KTEST_EXPECT_EQ(t, mm->file_rss + mm->anon_rss, 0ul);

	/* A write: page 1 of the file, held by the cache and the pte. */
	KTEST_EXPECT_EQ(t, put_user(0x77, (int __user *)(a + PAGE_SIZE)), 0);
	KTEST_EXPECT_EQ(t, mapping->nrpages, 1ul);
	p = find_get_page(mapping, 1);
	KTEST_ASSERT_NOT_NULL(t, p);
	page_cache_release(p);
	KTEST_EXPECT_PTR_EQ(t, follow_page(mm, a + PAGE_SIZE, 1), p);
	KTEST_EXPECT_EQ(t, page_count(p), 2);
	KTEST_EXPECT_EQ(t, page_mapcount(p), 1);
	KTEST_EXPECT_EQ(t, mm->file_rss, 1ul);
	KTEST_EXPECT_EQ(t, mm->anon_rss, 0ul);
	/* A read of an untouched page: a page of the file too (not the zero page), zeroed. */
	KTEST_EXPECT_EQ(t, get_user(v, (int __user *)a), 0);
	KTEST_EXPECT_EQ(t, v, 0);
	KTEST_EXPECT_PTR_NE(t, follow_page(mm, a, 0), ZERO_PAGE(0));
	KTEST_EXPECT_EQ(t, mapping->nrpages, 2ul);

	/* MADV_DONTNEED: the ptes go, the pages and what they hold stay. */
	KTEST_EXPECT_EQ(t, sys_madvise(a, 4 * PAGE_SIZE, MADV_DONTNEED), 0L);
	KTEST_EXPECT_NULL(t, follow_page(mm, a + PAGE_SIZE, 0));
	KTEST_EXPECT_EQ(t, mm->file_rss, 0ul);
	KTEST_EXPECT_EQ(t, mapping->nrpages, 2ul);
	KTEST_EXPECT_EQ(t, page_count(p), 1);
	KTEST_EXPECT_EQ(t, get_user(v, (int __user *)(a + PAGE_SIZE)), 0);
	KTEST_EXPECT_EQ(t, v, 0x77);
	KTEST_EXPECT_PTR_EQ(t, follow_page(mm, a + PAGE_SIZE, 0), p);

	/* A split keeps both halves on the one file; the last munmap frees it all. */
	KTEST_EXPECT_EQ(t, tmunmap(a + PAGE_SIZE, PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, nr_files, files + 1);
	KTEST_EXPECT_EQ(t, mapping->nrpages, 2ul);
	KTEST_EXPECT_EQ(t, tmunmap(a, 4 * PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, nr_files, files);
	KTEST_EXPECT_EQ(t, nr_inodes, inodes);
	KTEST_EXPECT_EQ(t, nr_pagecache, cached);
}

/*
 * unmap_mapping_range() and truncate: every region mapping the file, in
 * every mm, loses the ptes of the hole -- shared pages, private file
 * pages, and the private copies only with even_cows -- while the page
 * cache keeps its pages; truncate drops those too, and a fault beyond
 * the new end is SIGBUS.
 */
static void test_unmap_mapping_range(struct ktest *t)
{
	struct mm_struct *mm = ktest_use_mm(t), *child_mm;
	struct address_space *mapping;
	struct task_struct *child;
	struct vm_area_struct *vma;
	unsigned long a, b, i;
	struct file *file;
	int v = 0;

	KTEST_ASSERT_NOT_NULL(t, mm);
	a = tmmap(0, 3 * PAGE_SIZE, RW, MAP_SHARED | MAP_ANONYMOUS);
	KTEST_ASSERT_TRUE(t, !(IS_ERR_VALUE(a)));
	vma = find_vma(mm, a);
	file = vma->vm_file;
	mapping = file->f_mapping;
	for (i = 0; i < 3; i++)
		KTEST_EXPECT_EQ(t, put_user((int)i + 1, (int __user *)(a + i * PAGE_SIZE)), 0);
	/* A private mapping of the same file: page 0 read (the file's), page 2 copied. */
	down_write(&mm->mmap_sem);
	b = do_mmap_pgoff(file, 0, 3 * PAGE_SIZE, RW, MAP_PRIVATE, 0);
	up_write(&mm->mmap_sem);
	KTEST_ASSERT_TRUE(t, !(IS_ERR_VALUE(b)));
	KTEST_EXPECT_EQ(t, get_user(v, (int __user *)b), 0);
	KTEST_EXPECT_EQ(t, v, 1);
	KTEST_EXPECT_EQ(t, put_user(9, (int __user *)(b + 2 * PAGE_SIZE)), 0);
	/* a's 3 pages and b's page 0 at least (fault-around may have mapped b's page 1). */
	KTEST_EXPECT_GE(t, mm->file_rss, 4ul);
	KTEST_EXPECT_EQ(t, mm->anon_rss, 1ul);
	child = ktest_kmalloc(t, sizeof(*child), GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, child);
	child_mm = ktest_fork_mm(t, child);
	KTEST_ASSERT_NOT_NULL(t, child_mm);
	KTEST_EXPECT_EQ(t, child_mm->file_rss, mm->file_rss);

	/* From page 1 to the end, copies kept: pages 1 and 2 leave both mms' shared ptes. */
	unmap_mapping_range(mapping, PAGE_SIZE, 0, 0);
	KTEST_EXPECT_NOT_NULL(t, follow_page(mm, a, 0));
	KTEST_EXPECT_NOT_NULL(t, follow_page(mm, b, 0));
	KTEST_EXPECT_NULL(t, follow_page(mm, a + PAGE_SIZE, 0));
	KTEST_EXPECT_NULL(t, follow_page(mm, a + 2 * PAGE_SIZE, 0));
	KTEST_EXPECT_NULL(t, follow_page(child_mm, a + 2 * PAGE_SIZE, 0));
	KTEST_EXPECT_NOT_NULL(t, follow_page(mm, b + 2 * PAGE_SIZE, 0));
	KTEST_EXPECT_NOT_NULL(t, follow_page(child_mm, b + 2 * PAGE_SIZE, 0));
	KTEST_EXPECT_EQ(t, mm->file_rss, 2ul);
	KTEST_EXPECT_EQ(t, child_mm->file_rss, 2ul);
	KTEST_EXPECT_EQ(t, mm->anon_rss, 1ul);
	KTEST_EXPECT_EQ(t, mapping->nrpages, 3ul);
	/* Page 2 alone, even_cows: the private copies go as well; page 0 stays. */
	unmap_mapping_range(mapping, 2 * PAGE_SIZE, PAGE_SIZE, 1);
	KTEST_EXPECT_NULL(t, follow_page(mm, b + 2 * PAGE_SIZE, 0));
	KTEST_EXPECT_NULL(t, follow_page(child_mm, b + 2 * PAGE_SIZE, 0));
	KTEST_EXPECT_EQ(t, mm->anon_rss, 0ul);
	KTEST_EXPECT_EQ(t, child_mm->anon_rss, 0ul);
	KTEST_EXPECT_EQ(t, mm->file_rss, 2ul);
	/* The cache kept the data: a fault maps it again. */
	KTEST_EXPECT_EQ(t, get_user(v, (int __user *)(a + 2 * PAGE_SIZE)), 0);
	KTEST_EXPECT_EQ(t, v, 3);

	/* Truncate to one page: the ptes and the pages beyond go; a fault there is SIGBUS. */
	KTEST_EXPECT_EQ(t, do_truncate(file->f_dentry, PAGE_SIZE), 0);
	KTEST_EXPECT_NULL(t, follow_page(mm, a + 2 * PAGE_SIZE, 0));
	KTEST_EXPECT_NOT_NULL(t, follow_page(mm, a, 0));
	KTEST_EXPECT_EQ(t, mapping->nrpages, 1ul);
	KTEST_EXPECT_EQ(t, mm->file_rss, 2ul);
	down_read(&mm->mmap_sem);
	KTEST_EXPECT_EQ(t, handle_mm_fault(mm, vma, a + 2 * PAGE_SIZE, 0), VM_FAULT_SIGBUS);
	up_read(&mm->mmap_sem);
	KTEST_EXPECT_EQ(t, get_user(v, (int __user *)(b + PAGE_SIZE)), -EFAULT);
	KTEST_EXPECT_EQ(t, get_user(v, (int __user *)a), 0);
	KTEST_EXPECT_EQ(t, v, 1);
}

/* Page tables made on demand and freed when nothing in their 4 MB is mapped. */
static void test_page_tables_freed(struct ktest *t)
{
	struct mm_struct *mm = ktest_use_mm(t);
	unsigned long a = 0x40000000 - PAGE_SIZE;	/* straddles two page tables */

	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_EXPECT_EQ(t, tmmap(a, 3 * PAGE_SIZE, RW, ANON | MAP_FIXED), a);
	KTEST_EXPECT_EQ(t, put_user(1, (int __user *)a), 0);
	KTEST_EXPECT_EQ(t, put_user(2, (int __user *)(a + 2 * PAGE_SIZE)), 0);
	KTEST_EXPECT_EQ(t, mm->nr_ptes, 2ul);
	/* The upper page alone: the upper table goes, the lower stays. */
	KTEST_EXPECT_EQ(t, tmunmap(a + PAGE_SIZE, 2 * PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, mm->nr_ptes, 1ul);
	KTEST_EXPECT_TRUE(t, pgd_none(mm->pgd[pgd_index(0x40000000)]));
	KTEST_EXPECT_FALSE(t, pgd_none(mm->pgd[pgd_index(a)]));
	KTEST_EXPECT_EQ(t, tmunmap(a, PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, mm->nr_ptes, 0ul);
	KTEST_EXPECT_EQ(t, mm->anon_rss, 0ul);
}

static void test_brk(struct ktest *t)
{
	struct mm_struct *mm = ktest_use_mm(t);
	unsigned long start = 0x08060000, saved;
	int v = 0;

	KTEST_ASSERT_NOT_NULL(t, mm);
	mm->start_brk = mm->brk = start;
	KTEST_EXPECT_EQ(t, sys_brk(0), (long)start);
	KTEST_EXPECT_EQ(t, sys_brk(start + 5000), (long)(start + 5000));
	KTEST_EXPECT_EQ(t, mm->total_vm, 2ul);
	KTEST_EXPECT_EQ(t, put_user(3, (int __user *)(start + 4996)), 0);
	KTEST_EXPECT_EQ(t, get_user(v, (int __user *)(start + 4996)), 0);
	KTEST_EXPECT_EQ(t, v, 3);
	/* Below start_brk: unchanged. */
	KTEST_EXPECT_EQ(t, sys_brk(start - PAGE_SIZE), (long)(start + 5000));
	/* RLIMIT_DATA. */
	saved = current->signal->rlim[RLIMIT_DATA].rlim_cur;
	current->signal->rlim[RLIMIT_DATA].rlim_cur = 4 * PAGE_SIZE;
	KTEST_EXPECT_EQ(t, sys_brk(start + 5 * PAGE_SIZE), (long)(start + 5000));
	KTEST_EXPECT_EQ(t, sys_brk(start + 4 * PAGE_SIZE), (long)(start + 4 * PAGE_SIZE));
	current->signal->rlim[RLIMIT_DATA].rlim_cur = saved;
	KTEST_EXPECT_EQ(t, mm->map_count, 1);	/* the growth merged */
	/* Not into the next mapping. */
	KTEST_EXPECT_EQ(t, tmmap(start + 8 * PAGE_SIZE, PAGE_SIZE, RW, ANON | MAP_FIXED),
			start + 8 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, sys_brk(start + 8 * PAGE_SIZE), (long)(start + 4 * PAGE_SIZE));
	/* Shrinking frees. */
	KTEST_EXPECT_EQ(t, sys_brk(start + 100), (long)(start + 100));
	KTEST_EXPECT_EQ(t, mm->anon_rss, 0ul);
	KTEST_EXPECT_EQ(t, mm->total_vm, 2ul);
	EXPECT_VALID(t, mm);
}

static void test_expand_stack_limits(struct ktest *t)
{
	struct mm_struct *mm = ktest_use_mm(t);
	struct vm_area_struct *vma;
	unsigned long top = 0xb0000000, saved;

	KTEST_ASSERT_NOT_NULL(t, mm);
	vma = vm_area_alloc(mm);
	KTEST_ASSERT_NOT_NULL(t, vma);
	vma->vm_start = top - PAGE_SIZE;
	vma->vm_end = top;
	vma->vm_flags = VM_STACK_FLAGS;
	vma->vm_page_prot = vm_get_page_prot(VM_STACK_FLAGS);
	down_write(&mm->mmap_sem);
	KTEST_EXPECT_EQ(t, insert_vm_struct(mm, vma), 0);
	up_write(&mm->mmap_sem);
	KTEST_EXPECT_EQ(t, mm->stack_vm, 1ul);
	/* A kernel access below it grows it (no esp rule in kernel mode). */
	KTEST_EXPECT_EQ(t, put_user(1, (int __user *)(top - 3 * PAGE_SIZE)), 0);
	KTEST_EXPECT_EQ(t, vma->vm_start, top - 3 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, mm->stack_vm, 3ul);
	/* RLIMIT_STACK. */
	saved = current->signal->rlim[RLIMIT_STACK].rlim_cur;
	current->signal->rlim[RLIMIT_STACK].rlim_cur = 4 * PAGE_SIZE;
	KTEST_EXPECT_EQ(t, expand_stack(vma, top - 5 * PAGE_SIZE), -ENOMEM);
	KTEST_EXPECT_EQ(t, expand_stack(vma, top - 4 * PAGE_SIZE), 0);
	current->signal->rlim[RLIMIT_STACK].rlim_cur = saved;
	/* The guard gap above a mapping below. */
	KTEST_EXPECT_EQ(t, tmmap(top - 4 * PAGE_SIZE - stack_guard_gap - PAGE_SIZE, PAGE_SIZE, RW,
				 ANON | MAP_FIXED),
			top - 4 * PAGE_SIZE - stack_guard_gap - PAGE_SIZE);
	KTEST_EXPECT_EQ(t, expand_stack(vma, top - 5 * PAGE_SIZE), -ENOMEM);
	KTEST_EXPECT_EQ(t, put_user(1, (int __user *)(top - 5 * PAGE_SIZE)), -EFAULT);
	KTEST_EXPECT_EQ(t, vma->vm_start, top - 4 * PAGE_SIZE);
	EXPECT_VALID(t, mm);
}

/* The uaccess fixups over holes and read-only regions: exact partial counts. */
static void test_uaccess_over_holes(struct ktest *t)
{
	struct mm_struct *mm = ktest_use_mm(t);
	unsigned long a = 0x30000000;
	char buf[64];

	KTEST_ASSERT_NOT_NULL(t, mm);
	memset(buf, 'x', sizeof(buf));
	KTEST_EXPECT_EQ(t, tmmap(a, PAGE_SIZE, RW, ANON | MAP_FIXED), a);
	KTEST_EXPECT_EQ(t, tmmap(a + PAGE_SIZE, PAGE_SIZE, PROT_READ, ANON | MAP_FIXED),
			a + PAGE_SIZE);
	/* 16 bytes before the read-only page: 48 left uncopied. */
	KTEST_EXPECT_EQ(t, copy_to_user((void __user *)(a + PAGE_SIZE - 16), buf, 64), 48ul);
	KTEST_EXPECT_EQ(t, copy_from_user(buf, (const void __user *)(a + PAGE_SIZE - 16), 64),
			0ul);
	KTEST_EXPECT_EQ(t, copy_from_user(buf, (const void __user *)(a + 2 * PAGE_SIZE - 8), 64),
			56ul);
	KTEST_EXPECT_EQ(t, clear_user((void __user *)0x1000, 4), 4ul);
}

/* A region backed by vm_ops->nopage (what a file mapping is): pages from it, SIGBUS past its end. */
static void test_nopage_and_sigbus(struct ktest *t)
{
	struct mm_struct *mm = ktest_use_mm(t);
	struct vm_area_struct *vma;
	unsigned long a = 0x50000000, flags = VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE;
	int v = 0;

	KTEST_ASSERT_NOT_NULL(t, mm);
	vma = ktest_nopage_region(t, mm, a, 3, flags);
	KTEST_ASSERT_NOT_NULL(t, vma);
	/* A read maps the object's page itself; it is counted as a file page. */
	KTEST_EXPECT_EQ(t, get_user(v, (int __user *)(a + PAGE_SIZE)), 0);
	KTEST_EXPECT_EQ(t, v, 0xf01);
	KTEST_EXPECT_PTR_EQ(t, follow_page(mm, a + PAGE_SIZE, 0), nopage_pages[1]);
	KTEST_EXPECT_EQ(t, page_count(nopage_pages[1]), 2);
	KTEST_EXPECT_EQ(t, page_mapcount(nopage_pages[1]), 1);
	KTEST_EXPECT_EQ(t, mm->file_rss, 1ul);
	KTEST_EXPECT_EQ(t, current->maj_flt > 0, 1);
	/* A write to the private mapping copies (do_wp_page: not an anonymous page). */
	KTEST_EXPECT_EQ(t, put_user(5, (int __user *)(a + PAGE_SIZE)), 0);
	KTEST_EXPECT_PTR_NE(t, follow_page(mm, a + PAGE_SIZE, 1), nopage_pages[1]);
	KTEST_EXPECT_EQ(t, page_count(nopage_pages[1]), 1);
	KTEST_EXPECT_EQ(t, mm->file_rss, 0ul);
	KTEST_EXPECT_EQ(t, mm->anon_rss, 1ul);
	/* Past the object's end: VM_FAULT_SIGBUS (a kernel access: -EFAULT). */
	down_read(&mm->mmap_sem);
	KTEST_EXPECT_EQ(t, handle_mm_fault(mm, vma, a + 2 * PAGE_SIZE, 0), VM_FAULT_SIGBUS);
	up_read(&mm->mmap_sem);
	KTEST_EXPECT_EQ(t, get_user(v, (int __user *)(a + 2 * PAGE_SIZE)), -EFAULT);
	KTEST_EXPECT_EQ(t, tmunmap(a, 3 * PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, page_count(nopage_pages[0]), 1);
}

/*
 * Fault-around (mm/memory.c do_fault_around, mm/filemap.c
 * filemap_map_pages): a read fault of a file mapping also maps the
 * cached uptodate pages of its 64 KB window, each with one more
 * reference, mapping and file page -- never a hole (nothing is created),
 * a locked page, a page at or past EOF (i_size shrunk as truncate does
 * before it drops pages), one outside the region or a pte already there.
 * A write fault of a private mapping copies its own page alone.
 */
#define FA_FILE_PAGES	20
#define FA_MAP_PAGES	12

static void fa_write_page(long fd, unsigned long index)
{
	static char buf[PAGE_SIZE];

	memset(buf, 'a' + index, sizeof(buf));
	sys_pwrite64(fd, U(buf), sizeof(buf), index * PAGE_SIZE);
}

/* The pages of [0, FA_FILE_PAGES) mapped at a, as a bit mask; every one with exact counts. */
static unsigned long fa_mapped(struct ktest *t, struct mm_struct *mm,
			       struct address_space *mapping, unsigned long a)
{
	unsigned long mask = 0, i;

	for (i = 0; i < FA_FILE_PAGES; i++) {
		struct page *page = find_get_page(mapping, i), *mapped = follow_page(mm, a + i * PAGE_SIZE, 0);

		if (!mapped) {
			if (page) {
				KTEST_EXPECT_EQ(t, page_count(page), 2);	/* cache + ours */
				page_cache_release(page);
			}
			continue;
		}
		mask |= 1ul << i;
		KTEST_EXPECT_PTR_EQ(t, mapped, page);
		if (!page)
			continue;
		KTEST_EXPECT_EQ(t, page_count(page), 3);	/* cache + pte + ours */
		KTEST_EXPECT_EQ(t, page_mapcount(page), 1);
		page_cache_release(page);
	}
	return mask;
}

static void test_fault_around(struct ktest *t)
{
	struct mm_struct *mm = ktest_use_mm(t);
	unsigned long a = 0x48000000, b = 0x49000000, i, len = FA_MAP_PAGES * PAGE_SIZE;
	struct address_space *mapping;
	struct page *locked;
	struct inode *inode;
	struct file *f;
	loff_t size;
	long fd;
	char c = 0;

	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_ASSERT_EQ(t, fs_test_begin(t, "/ktest_fa"), 0);
	fd = fs_test_open(t, "/ktest_fa/f", O_RDWR | O_CREAT | O_EXCL, 0600);
	KTEST_ASSERT_GE(t, fd, 0L);
	for (i = 0; i < FA_FILE_PAGES; i++)
		if (i != 4)
			fa_write_page(fd, i);		/* page 4: a hole */
	f = fget(fd);
	KTEST_ASSERT_NOT_NULL(t, f);
	mapping = f->f_mapping;
	inode = mapping->host;
	KTEST_EXPECT_EQ(t, mapping->nrpages, (unsigned long)FA_FILE_PAGES - 1);
	down_write(&mm->mmap_sem);
	KTEST_EXPECT_EQ(t, do_mmap_pgoff(f, a, len, PROT_READ, MAP_SHARED | MAP_FIXED, 0), a);
	KTEST_EXPECT_EQ(t, do_mmap_pgoff(f, b, len, PROT_READ | PROT_WRITE,
					 MAP_PRIVATE | MAP_FIXED, 0), b);
	up_write(&mm->mmap_sem);
	fput(f);

	/* Page 2 locked, EOF inside page 8: pages 0, 1, 3, 5-8 come with page 6's fault. */
	locked = find_get_page(mapping, 2);
	KTEST_ASSERT_NOT_NULL(t, locked);
	KTEST_EXPECT_EQ(t, TestSetPageLocked(locked), 0);
	size = inode->i_size;
	inode->i_size = 8 * PAGE_SIZE + 1;
	KTEST_EXPECT_EQ(t, get_user(c, (char __user *)(a + 6 * PAGE_SIZE)), 0);
	inode->i_size = size;
	unlock_page(locked);
	page_cache_release(locked);
	KTEST_EXPECT_EQ(t, c, 'a' + 6);
	KTEST_EXPECT_EQ(t, fa_mapped(t, mm, mapping, a), 0x1ebul);
	KTEST_EXPECT_EQ(t, mm->file_rss, 7ul);

	/* Page 9's fault adds 2 and 9-11, not 12-15 (past the region) nor the hole. */
	KTEST_EXPECT_EQ(t, get_user(c, (char __user *)(a + 9 * PAGE_SIZE)), 0);
	KTEST_EXPECT_EQ(t, c, 'a' + 9);
	KTEST_EXPECT_EQ(t, fa_mapped(t, mm, mapping, a), 0xfeful);
	KTEST_EXPECT_EQ(t, mm->file_rss, 11ul);
	KTEST_EXPECT_EQ(t, mapping->nrpages, (unsigned long)FA_FILE_PAGES - 1);

	/* The hole is ->nopage's: read, it becomes a page of the cache. */
	KTEST_EXPECT_EQ(t, get_user(c, (char __user *)(a + 4 * PAGE_SIZE)), 0);
	KTEST_EXPECT_EQ(t, c, 0);
	KTEST_EXPECT_EQ(t, fa_mapped(t, mm, mapping, a), 0xffful);
	KTEST_EXPECT_EQ(t, mm->file_rss, 12ul);

	/* A write fault of the private mapping: its copy, no neighbour. */
	KTEST_EXPECT_EQ(t, put_user('z', (char __user *)(b + PAGE_SIZE)), 0);
	for (i = 0; i < FA_MAP_PAGES; i++)
		if (i != 1)
			KTEST_EXPECT_NULL(t, follow_page(mm, b + i * PAGE_SIZE, 0));
	locked = find_get_page(mapping, 1);
	KTEST_EXPECT_NOT_NULL(t, follow_page(mm, b + PAGE_SIZE, 1));
	KTEST_EXPECT_PTR_NE(t, follow_page(mm, b + PAGE_SIZE, 1), locked);
	if (locked)
		page_cache_release(locked);
	KTEST_EXPECT_EQ(t, mm->file_rss, 12ul);
	KTEST_EXPECT_EQ(t, mm->anon_rss, 1ul);

	/* Unmapped, each page has the cache's reference alone. */
	KTEST_EXPECT_EQ(t, tmunmap(a, len), 0);
	KTEST_EXPECT_EQ(t, tmunmap(b, len), 0);
	KTEST_EXPECT_EQ(t, fa_mapped(t, mm, mapping, a), 0ul);
	KTEST_EXPECT_EQ(t, mm->file_rss, 0ul);
	KTEST_EXPECT_EQ(t, mm->anon_rss, 0ul);
}

/* exit: every page, region, page table and the pgd go with the last user. */
static void test_mmput_frees_everything(struct ktest *t)
{
	unsigned long mms = nr_mm_structs, vmas = nr_vm_area_structs;
	struct mm_struct *mm = mm_alloc(), *old;
	unsigned long a;

	KTEST_ASSERT_NOT_NULL(t, mm);
	old = current->active_mm;
	use_mm(mm);
	a = tmmap(0, 16 * PAGE_SIZE, RW, ANON);
	if (!IS_ERR_VALUE(a)) {
		KTEST_EXPECT_EQ(t, clear_user((void __user *)a, 16 * PAGE_SIZE), 0ul);
		KTEST_EXPECT_EQ(t, mm->anon_rss, 16ul);
	}
	KTEST_EXPECT_EQ(t, tmmap(0x60000000, PAGE_SIZE, PROT_READ, ANON | MAP_FIXED),
			0x60000000ul);
	atomic_inc(&mm->mm_users);	/* a CLONE_VM sharer */
	current->mm = NULL;
	current->active_mm = old;
	switch_mm(mm, old, current);
	mmput(mm);
	KTEST_EXPECT_EQ(t, nr_mm_structs, mms + 1);
	KTEST_EXPECT_EQ(t, mm->map_count, 2);
	mmput(mm);
	KTEST_EXPECT_EQ(t, nr_mm_structs, mms);
	KTEST_EXPECT_EQ(t, nr_vm_area_structs, vmas);
}

/* The OOM killer's choice: the task with the largest RSS. */
struct oom_hog {
	unsigned long pages;
	int ready, stop;
	wait_queue_head_t wq;
};

static int oom_hog_fn(void *arg)
{
	struct oom_hog *h = arg;
	struct mm_struct *mm = mm_alloc();
	unsigned long a;

	if (!mm) {
		h->ready = -1;
		wake_up(&h->wq);
		return 0;
	}
	exec_mmap(mm);
	a = tmmap(0, h->pages * PAGE_SIZE, RW, ANON);
	if (!IS_ERR_VALUE(a) && clear_user((void __user *)a, h->pages * PAGE_SIZE) == 0)
		h->ready = 1;
	else
		h->ready = -1;
	wake_up(&h->wq);
	wait_event(h->wq, h->stop);
	return 0;
}

static void oom_hog_stop(void *arg)
{
	struct oom_hog *h = arg;

	h->stop = 1;
	wake_up(&h->wq);
}

static void test_oom_picks_largest_rss(struct ktest *t)
{
	struct mm_struct *mm = ktest_use_mm(t);
	struct oom_hog *h = ktest_kmalloc(t, sizeof(*h), GFP_KERNEL);
	struct task_struct *victim;
	unsigned long a;
	int pid;

	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_ASSERT_NOT_NULL(t, h);
	memset(h, 0, sizeof(*h));
	init_waitqueue_head(&h->wq);
	h->pages = 24;
	a = tmmap(0, 4 * PAGE_SIZE, RW, ANON);
	KTEST_ASSERT_TRUE(t, !(IS_ERR_VALUE(a)));
	KTEST_ASSERT_EQ(t, clear_user((void __user *)a, 4 * PAGE_SIZE), 0ul);
	pid = ktest_kernel_thread(t, oom_hog_fn, h, oom_hog_stop, h);
	KTEST_ASSERT_GT(t, pid, 0);
	wait_event(h->wq, h->ready);
	KTEST_ASSERT_EQ(t, h->ready, 1);
	victim = oom_select_victim();
	KTEST_ASSERT_NOT_NULL(t, victim);
	KTEST_EXPECT_EQ(t, victim->pid, pid);
	KTEST_EXPECT_EQ(t, victim->mm->anon_rss, 24ul);
	oom_hog_stop(h);
	KTEST_EXPECT_EQ(t, ktest_kernel_wait(t, pid, NULL), 0);
	/* Now the test thread is the only one with memory. */
	victim = oom_select_victim();
	KTEST_EXPECT_PTR_EQ(t, victim, current);
}

/* mremap: shrink, grow in place, refuse, move (the same pages), MREMAP_FIXED, errors. */
static void test_mremap(struct ktest *t)
{
	struct mm_struct *mm = ktest_use_mm(t);
	unsigned long a = 0x20000000, b, y = 0x28000000;
	struct page *p0, *p1;
	int v = -1;

	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_ASSERT_EQ(t, tmmap(a, 4 * PAGE_SIZE, RW, ANON | MAP_FIXED), a);
	KTEST_ASSERT_EQ(t, put_user(10, (int __user *)a), 0);
	KTEST_ASSERT_EQ(t, put_user(11, (int __user *)(a + PAGE_SIZE)), 0);
	KTEST_ASSERT_EQ(t, put_user(12, (int __user *)(a + 2 * PAGE_SIZE)), 0);
	p0 = follow_page(mm, a, 1);
	p1 = follow_page(mm, a + PAGE_SIZE, 1);
	/* Shrink: the tail is unmapped. */
	KTEST_EXPECT_EQ(t, sys_mremap(a, 4 * PAGE_SIZE, 2 * PAGE_SIZE, 0, 0), (long)a);
	KTEST_EXPECT_EQ(t, mm->total_vm, 2ul);
	KTEST_EXPECT_EQ(t, mm->anon_rss, 2ul);
	/* Grow in place: the new page is a fresh one. */
	KTEST_EXPECT_EQ(t, sys_mremap(a, 2 * PAGE_SIZE, 3 * PAGE_SIZE, 0, 0), (long)a);
	KTEST_EXPECT_EQ(t, get_user(v, (int __user *)(a + 2 * PAGE_SIZE)), 0);
	KTEST_EXPECT_EQ(t, v, 0);
	KTEST_EXPECT_EQ(t, mm->map_count, 1);
	/* Blocked above: -ENOMEM without MREMAP_MAYMOVE, a move with it. */
	KTEST_ASSERT_EQ(t, tmmap(a + 3 * PAGE_SIZE, PAGE_SIZE, PROT_READ, ANON | MAP_FIXED),
			a + 3 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, sys_mremap(a, 3 * PAGE_SIZE, 5 * PAGE_SIZE, 0, 0), -ENOMEM);
	b = sys_mremap(a, 3 * PAGE_SIZE, 5 * PAGE_SIZE, MREMAP_MAYMOVE, 0);
	KTEST_ASSERT_TRUE(t, !IS_ERR_VALUE(b));
	KTEST_EXPECT_NE(t, b, a);
	/* The pages moved with their page-table entries: the same frames, counted once. */
	KTEST_EXPECT_PTR_EQ(t, follow_page(mm, b, 1), p0);
	KTEST_EXPECT_PTR_EQ(t, follow_page(mm, b + PAGE_SIZE, 1), p1);
	KTEST_EXPECT_EQ(t, page_count(p0), 1);
	KTEST_EXPECT_EQ(t, page_mapcount(p0), 1);
	KTEST_EXPECT_EQ(t, get_user(v, (int __user *)(b + PAGE_SIZE)), 0);
	KTEST_EXPECT_EQ(t, v, 11);
	KTEST_EXPECT_NULL(t, find_vma_intersection(mm, a, a + 3 * PAGE_SIZE));
	KTEST_EXPECT_EQ(t, mm->total_vm, 6ul);
	EXPECT_VALID(t, mm);
	/* MREMAP_FIXED: to y, shrinking on the way; the old place is free after. */
	KTEST_EXPECT_EQ(t, sys_mremap(b, 5 * PAGE_SIZE, 2 * PAGE_SIZE,
				      MREMAP_MAYMOVE | MREMAP_FIXED, y), (long)y);
	KTEST_EXPECT_PTR_EQ(t, follow_page(mm, y, 1), p0);
	KTEST_EXPECT_NULL(t, find_vma_intersection(mm, b, b + 5 * PAGE_SIZE));
	KTEST_EXPECT_EQ(t, mm->total_vm, 3ul);
	/* Linux 6.1's errors. */
	KTEST_EXPECT_EQ(t, sys_mremap(y, PAGE_SIZE, PAGE_SIZE, 8, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_mremap(y, PAGE_SIZE, PAGE_SIZE, MREMAP_FIXED, a), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_mremap(y + 1, PAGE_SIZE, PAGE_SIZE, 0, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_mremap(y, PAGE_SIZE, 0, 0, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_mremap(0x70000000, PAGE_SIZE, 2 * PAGE_SIZE, 0, 0), -EFAULT);
	KTEST_EXPECT_EQ(t, sys_mremap(y, 3 * PAGE_SIZE, 4 * PAGE_SIZE, MREMAP_MAYMOVE, 0), -EFAULT);
	KTEST_EXPECT_EQ(t, sys_mremap(y, 2 * PAGE_SIZE, 2 * PAGE_SIZE,
				      MREMAP_MAYMOVE | MREMAP_FIXED, y + PAGE_SIZE), -EINVAL);
	EXPECT_VALID(t, mm);
	KTEST_EXPECT_EQ(t, tmunmap(y, 2 * PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, tmunmap(a + 3 * PAGE_SIZE, PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, mm->nr_ptes, 0ul);
	KTEST_EXPECT_EQ(t, mm->anon_rss, 0ul);
}

/* mincore's vector for [a, a + n pages), read back from the user buffer vec. */
static unsigned int mincore_bits(struct ktest *t, unsigned long a, unsigned int n,
				 unsigned long vec)
{
	unsigned int bits = 0, i;
	unsigned char c;

	KTEST_EXPECT_EQ(t, sys_mincore(a, n * PAGE_SIZE, (unsigned char __user *)vec), 0);
	for (i = 0; i < n; i++) {
		if (get_user(c, (unsigned char __user *)(vec + i)))
			return ~0u;
		bits |= (c & 1u) << i;
	}
	return bits;
}

static void test_madvise_mincore_msync_mlock(struct ktest *t)
{
	struct mm_struct *mm = ktest_use_mm(t);
	unsigned long a = 0x20000000, vec = 0x30000000;
	int v = -1;

	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_ASSERT_EQ(t, tmmap(a, 4 * PAGE_SIZE, RW, ANON | MAP_FIXED), a);
	KTEST_ASSERT_EQ(t, tmmap(vec, PAGE_SIZE, RW, ANON | MAP_FIXED), vec);
	KTEST_EXPECT_EQ(t, mincore_bits(t, a, 4, vec), 0x0u);
	KTEST_ASSERT_EQ(t, clear_user((void __user *)a, 4 * PAGE_SIZE), 0ul);
	KTEST_ASSERT_EQ(t, put_user(5, (int __user *)(a + PAGE_SIZE)), 0);
	KTEST_EXPECT_EQ(t, mincore_bits(t, a, 4, vec), 0xfu);
	/* MADV_DONTNEED frees; a later read sees zeros. */
	KTEST_EXPECT_EQ(t, sys_madvise(a + PAGE_SIZE, 2 * PAGE_SIZE, MADV_DONTNEED), 0);
	KTEST_EXPECT_EQ(t, mincore_bits(t, a, 4, vec), 0x9u);
	KTEST_EXPECT_EQ(t, mm->anon_rss, 3ul);	/* two left here, one in vec */
	KTEST_EXPECT_EQ(t, get_user(v, (int __user *)(a + PAGE_SIZE)), 0);
	KTEST_EXPECT_EQ(t, v, 0);
	/* Errors: unknown advice, unaligned, a hole; a zero length is fine. */
	KTEST_EXPECT_EQ(t, sys_madvise(a, PAGE_SIZE, 77), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_madvise(a + 1, PAGE_SIZE, MADV_NORMAL), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_madvise(a, 0, MADV_NORMAL), 0);
	KTEST_EXPECT_EQ(t, sys_madvise(a, 5 * PAGE_SIZE, MADV_WILLNEED), -ENOMEM);
	KTEST_EXPECT_EQ(t, sys_mincore(a + 1, PAGE_SIZE, (unsigned char __user *)vec), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_mincore(a, 5 * PAGE_SIZE, (unsigned char __user *)vec), -ENOMEM);
	KTEST_EXPECT_EQ(t, sys_mincore(a, PAGE_SIZE, (unsigned char __user *)0xc0000000), -EFAULT);
	/* A read-ahead hint splits the region like mprotect, and merges back. */
	KTEST_EXPECT_EQ(t, sys_madvise(a + PAGE_SIZE, PAGE_SIZE, MADV_RANDOM), 0);
	KTEST_EXPECT_EQ(t, mm->map_count, 4);
	KTEST_EXPECT_TRUE(t, vma_flags_at(mm, a + PAGE_SIZE) & VM_RAND_READ);
	KTEST_EXPECT_EQ(t, sys_madvise(a, 4 * PAGE_SIZE, MADV_NORMAL), 0);
	KTEST_EXPECT_EQ(t, mm->map_count, 2);
	EXPECT_VALID(t, mm);
	/* msync. */
	KTEST_EXPECT_EQ(t, sys_msync(a, 4 * PAGE_SIZE, MS_SYNC), 0);
	KTEST_EXPECT_EQ(t, sys_msync(a, PAGE_SIZE, 8), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_msync(a, PAGE_SIZE, MS_SYNC | MS_ASYNC), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_msync(a + 1, PAGE_SIZE, MS_SYNC), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_msync(a, 5 * PAGE_SIZE, MS_SYNC), -ENOMEM);
	/* mlock: the pages made present and counted; DONTNEED and MS_INVALIDATE refused. */
	KTEST_EXPECT_EQ(t, sys_mlock(a + 100, 2 * PAGE_SIZE), 0);	/* 3 pages: a .. a + 3p */
	KTEST_EXPECT_EQ(t, mm->locked_vm, 3ul);
	KTEST_EXPECT_EQ(t, mincore_bits(t, a, 4, vec), 0xfu);
	KTEST_EXPECT_EQ(t, sys_madvise(a, PAGE_SIZE, MADV_DONTNEED), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_msync(a, PAGE_SIZE, MS_INVALIDATE), -EBUSY);
	KTEST_EXPECT_EQ(t, sys_mlock(a, 5 * PAGE_SIZE), -ENOMEM);
	EXPECT_VALID(t, mm);
	KTEST_EXPECT_EQ(t, sys_munlock(a, 4 * PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, mm->locked_vm, 0ul);
	KTEST_EXPECT_EQ(t, mm->map_count, 2);
	/* mlockall. */
	KTEST_EXPECT_EQ(t, sys_mlockall(0), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_mlockall(MCL_ONFAULT), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_mlockall(MCL_CURRENT | MCL_FUTURE), 0);
	KTEST_EXPECT_EQ(t, mm->locked_vm, mm->total_vm);
	KTEST_EXPECT_EQ(t, tmmap(0x40000000, PAGE_SIZE, RW, ANON | MAP_FIXED), 0x40000000ul);
	KTEST_EXPECT_TRUE(t, vma_flags_at(mm, 0x40000000) & VM_LOCKED);
	KTEST_EXPECT_NOT_NULL(t, follow_page(mm, 0x40000000, 1));	/* populated */
	KTEST_EXPECT_EQ(t, sys_munlockall(), 0);
	KTEST_EXPECT_EQ(t, mm->locked_vm, 0ul);
	KTEST_EXPECT_EQ(t, mm->def_flags, 0ul);
	EXPECT_VALID(t, mm);
}

/* ---- user programs in a real mm ---- */

struct mb_task {
	struct mm_struct *mm;
	unsigned long eip;
};

static int mb_task_fn(void *arg)
{
	struct mb_task *u = arg;
	struct pt_regs *regs = task_pt_regs(current);

	atomic_inc(&u->mm->mm_users);
	exec_mmap(u->mm);
	strlcpy(current->comm, "mmtest", sizeof(current->comm));
	start_thread(regs, u->eip, TASK_SIZE - 16);
	current->flags &= ~PF_KTHREAD;
	return 0;
}

static void mb_nothing(void *arg)
{
	(void)arg;
}

/* An mm with the blob at MB_CODE (read-only), a data page, a one-page stack at the top. */
static struct mm_struct *mb_setup(struct ktest *t)
{
	struct mm_struct *mm = ktest_use_mm(t);
	struct vm_area_struct *stack;
	unsigned long blob = mb_blob_end - mb_blob_start;

	if (!mm)
		return NULL;
	if (tmmap(MB(MB_CODE), blob, RW | PROT_EXEC, ANON | MAP_FIXED) != MB(MB_CODE) ||
	    copy_to_user((void __user *)MB(MB_CODE), mb_blob_start, blob) ||
	    sys_mprotect(MB(MB_CODE), blob, PROT_READ | PROT_EXEC) ||
	    tmmap(MB(MB_DATA), PAGE_SIZE, RW, ANON | MAP_FIXED) != MB(MB_DATA))
		return NULL;
	stack = vm_area_alloc(mm);
	if (!stack)
		return NULL;
	stack->vm_start = TASK_SIZE - PAGE_SIZE;
	stack->vm_end = TASK_SIZE;
	stack->vm_flags = VM_STACK_FLAGS;
	stack->vm_page_prot = vm_get_page_prot(VM_STACK_FLAGS);
	down_write(&mm->mmap_sem);
	if (insert_vm_struct(mm, stack)) {
		up_write(&mm->mmap_sem);
		vm_area_free(stack);
		return NULL;
	}
	up_write(&mm->mmap_sem);
	mm->start_brk = mm->brk = 0x08060000;
	return mm;
}

static u32 mb_data(unsigned long off)
{
	u32 v = 0xdeadbeef;

	if (get_user(v, (u32 __user *)(MB(MB_DATA) + off)))
		return 0xdeadbeef;
	return v;
}

/* Run prog; its exit status as wait() reports it, or -1. */
static int mb_run(struct ktest *t, struct mm_struct *mm, const char *prog, int *pid)
{
	struct mb_task *u = ktest_kmalloc(t, sizeof(*u), GFP_KERNEL);
	int code = -1, p;

	if (!u)
		return -1;
	u->mm = mm;
	u->eip = MB(MB_CODE) + (prog - mb_blob_start);
	p = ktest_kernel_thread(t, mb_task_fn, u, mb_nothing, NULL);
	if (pid)
		*pid = p;
	if (p < 0)
		return -1;
	KTEST_EXPECT_EQ(t, ktest_kernel_wait(t, p, &code), 0);
	return code;
}

static void expect_segfault(struct ktest *t, const char *prog, const char *ip_label,
			    unsigned long address, unsigned long error, unsigned long sp)
{
	struct mm_struct *mm = mb_setup(t);
	char line[128];
	int pid = 0, code;

	KTEST_ASSERT_NOT_NULL(t, mm);
	ktest_capture_start();
	code = mb_run(t, mm, prog, &pid);
	ktest_capture_stop();
	KTEST_EXPECT_EQ(t, code, SIGSEGV);
	KTEST_EXPECT_EQ(t, mb_data(MB(M_MARK)), 1u);
	snprintf(line, sizeof(line), "mmtest[%d]: segfault at %lx ip %08lx sp %08lx error %lx",
		 pid, address, MB(MB_CODE) + (ip_label - mb_blob_start), sp, error);
	if (!KTEST_EXPECT_EQ(t, ktest_captured(line), 1u))
		printk(KERN_INFO "    # expected: %s\n", line);
	KTEST_EXPECT_EQ(t, atomic_read(&mm->mm_users), 1);
	EXPECT_VALID(t, mm);
}

static void test_user_null_pointer(struct ktest *t)
{
	expect_segfault(t, mb_null, mb_null_ip, 0, PF_USER, TASK_SIZE - 16);
}

static void test_user_write_to_code(struct ktest *t)
{
	expect_segfault(t, mb_write_code, mb_write_code_ip, MB(MB_CODE),
			PF_USER | PF_WRITE | PF_PROT, TASK_SIZE - 16);
}

static void test_user_stack_far_below_esp(struct ktest *t)
{
	expect_segfault(t, mb_stack_far, mb_stack_far_ip, TASK_SIZE - 16 - 0x20000, PF_USER,
			TASK_SIZE - 16);
}

static void test_user_stack_grows(struct ktest *t)
{
	struct mm_struct *mm = mb_setup(t);
	struct vm_area_struct *stack;

	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_EXPECT_EQ(t, mb_run(t, mm, mb_stack_grow, NULL), 0);
	KTEST_EXPECT_EQ(t, mb_data(MB(M_DEPTH)), 64u);
	stack = find_vma(mm, TASK_SIZE - 1);
	KTEST_ASSERT_NOT_NULL(t, stack);
	KTEST_EXPECT_EQ(t, stack->vm_start, TASK_SIZE - 65 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, mm->stack_vm, 65ul);
	EXPECT_VALID(t, mm);
}

static void test_user_stack_rlimit(struct ktest *t)
{
	struct mm_struct *mm = mb_setup(t);
	unsigned long saved = current->signal->rlim[RLIMIT_STACK].rlim_cur;
	int code;

	KTEST_ASSERT_NOT_NULL(t, mm);
	/* A small limit keeps the test short (the child inherits it). */
	current->signal->rlim[RLIMIT_STACK].rlim_cur = 32 * PAGE_SIZE;
	ktest_capture_start();
	code = mb_run(t, mm, mb_stack_limit, NULL);
	ktest_capture_stop();
	current->signal->rlim[RLIMIT_STACK].rlim_cur = saved;
	KTEST_EXPECT_EQ(t, code, SIGSEGV);
	/* 31 pages below the first: the 32nd would pass the limit. */
	KTEST_EXPECT_EQ(t, mb_data(MB(M_DEPTH)), 31u);
	KTEST_EXPECT_EQ(t, ktest_captured("segfault at"), 1u);
}

static void test_user_memory_syscalls(struct ktest *t)
{
	struct mm_struct *mm = mb_setup(t);
	unsigned long m;
	int pid = 0, code;
	char line[128];

	KTEST_ASSERT_NOT_NULL(t, mm);
	ktest_capture_start();
	code = mb_run(t, mm, mb_syscalls, &pid);
	ktest_capture_stop();
	KTEST_EXPECT_EQ(t, code, SIGSEGV);
	KTEST_EXPECT_EQ(t, mb_data(MB(M_BRK0)), 0x08060000u);
	KTEST_EXPECT_EQ(t, mb_data(MB(M_BRK1)), 0x08063000u);
	KTEST_EXPECT_EQ(t, mb_data(MB(M_BRK2)), 0x08063000u);
	m = mb_data(MB(M_MMAP));
	KTEST_EXPECT_EQ(t, m, mm->mmap_base - 2 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, mb_data(MB(M_READBACK)), 0x4123u);
	KTEST_EXPECT_EQ(t, mb_data(MB(M_MPROT)), 0u);
	KTEST_EXPECT_EQ(t, mb_data(MB(M_MUNMAP)), 0u);
	KTEST_EXPECT_EQ(t, mb_data(MB(M_MUNMAP_BAD)), (u32)-EINVAL);
	KTEST_EXPECT_EQ(t, mb_data(MB(M_MMAP_BADF)), (u32)-EBADF);
	KTEST_EXPECT_EQ(t, mb_data(MB(M_MMAP_ZERO)), (u32)-EINVAL);
	KTEST_EXPECT_EQ(t, mb_data(MB(M_MARK)), 1u);
	snprintf(line, sizeof(line), "mmtest[%d]: segfault at %lx ip %08lx sp %08lx error 7",
		 pid, m, MB(MB_CODE) + (mb_syscalls_ip - mb_blob_start), TASK_SIZE - 16);
	if (!KTEST_EXPECT_EQ(t, ktest_captured(line), 1u))
		printk(KERN_INFO "    # expected: %s\n", line);
	KTEST_EXPECT_NULL(t, find_vma_intersection(mm, m + PAGE_SIZE, m + 2 * PAGE_SIZE));
	EXPECT_VALID(t, mm);
}

static struct ktest_case mm_cases[] = {
	KTEST_CASE(test_mmap_placement_and_errors),
	KTEST_CASE(test_legacy_layout_when_stack_unlimited),
	KTEST_CASE(test_merge_split_mprotect),
	KTEST_CASE(test_map_fixed_over_several),
	KTEST_CASE(test_zero_page_then_write),
	KTEST_CASE(test_fork_cow_counts),
	KTEST_CASE(test_fork_shared_anonymous),
	KTEST_CASE(test_shared_anonymous_shmem),
	KTEST_CASE(test_unmap_mapping_range),
	KTEST_CASE(test_page_tables_freed),
	KTEST_CASE(test_brk),
	KTEST_CASE(test_expand_stack_limits),
	KTEST_CASE(test_uaccess_over_holes),
	KTEST_CASE(test_nopage_and_sigbus),
	KTEST_CASE(test_fault_around),
	KTEST_CASE(test_mremap),
	KTEST_CASE(test_madvise_mincore_msync_mlock),
	KTEST_CASE(test_mmput_frees_everything),
	KTEST_CASE(test_oom_picks_largest_rss),
	KTEST_CASE(test_user_null_pointer),
	KTEST_CASE(test_user_write_to_code),
	KTEST_CASE(test_user_stack_far_below_esp),
	KTEST_CASE(test_user_stack_grows),
	KTEST_CASE(test_user_stack_rlimit),
	KTEST_CASE(test_user_memory_syscalls),
	{}
};

static struct ktest_suite mm_suite = {
	.name = "mm",
	.test_cases = mm_cases,
};
ktest_register_suite(mm_suite);
