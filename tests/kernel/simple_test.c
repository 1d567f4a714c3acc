/*
 * The LDD3 "simple" devices (drivers/char/simple.c): their vm_ops open
 * and close run exactly once per region -- mmap, fork's copy, a split,
 * munmap -- (counted from the "Simple VMA" lines they print); simpler's
 * region holds special ptes to its reserved buffer, simplen's pages are
 * counted once by the device and once per pte.
 */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <mm.h>
#include <mman.h>
#include <sched.h>
#include <syscalls.h>
#include <ktest.h>
#include <asm/pgalloc.h>
#include <asm/uaccess.h>
#include "fs_test_util.h"
#include "mm_test_util.h"

#define RW	(PROT_READ | PROT_WRITE)

/* Map len bytes of the device minor at offset 0, shared; the address or -errno. */
static unsigned long simple_map(struct ktest *t, int minor, unsigned long len)
{
	char path[32];
	struct file *file;
	unsigned long a;
	long fd;

	snprintf(path, sizeof(path), "/ktest_simple/%d", minor);
	if (sys_mknod(U(path), S_IFCHR | 0600, MKDEV(254, minor)))
		return -EEXIST;
	fd = fs_test_open(t, path, O_RDWR, 0);
	if (fd < 0)
		return fd;
	file = fget(fd);
	down_write(&current->mm->mmap_sem);
	a = do_mmap_pgoff(file, 0, len, RW, MAP_SHARED, 0);
	up_write(&current->mm->mmap_sem);
	fput(file);
	return a;
}

static void test_open_close_once(struct ktest *t)
{
	struct mm_struct *mm = ktest_use_mm(t), *child_mm;
	struct task_struct *child;
	unsigned long a;

	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_ASSERT_EQ(t, fs_test_begin(t, "/ktest_simple"), 0);
	child = ktest_kmalloc(t, sizeof(*child), GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, child);
	ktest_capture_start();
	a = simple_map(t, 0, 2 * PAGE_SIZE);
	ktest_capture_stop();
	KTEST_ASSERT_TRUE(t, !IS_ERR_VALUE(a));
	KTEST_EXPECT_EQ(t, ktest_captured("Simple VMA open, virt"), 1u);
	KTEST_EXPECT_EQ(t, find_vma(mm, a)->vm_flags & VM_PFNMAP, (unsigned long)VM_PFNMAP);

	ktest_capture_start();
	child_mm = ktest_fork_mm(t, child);
	ktest_capture_stop();
	KTEST_ASSERT_NOT_NULL(t, child_mm);
	KTEST_EXPECT_EQ(t, ktest_captured("Simple VMA open, virt"), 1u);

	ktest_capture_start();
	KTEST_EXPECT_EQ(t, sys_mprotect(a, PAGE_SIZE, PROT_READ), 0L);	/* a split */
	KTEST_EXPECT_EQ(t, sys_munmap(a, 2 * PAGE_SIZE), 0L);
	ktest_capture_stop();
	KTEST_EXPECT_EQ(t, ktest_captured("Simple VMA open, virt"), 1u);
	KTEST_EXPECT_EQ(t, ktest_captured("Simple VMA close."), 2u);
}

/* simplen: one reference for the device, one per pte; none left after the last user. */
static void test_nopage_counts(struct ktest *t)
{
	struct mm_struct *mm = ktest_use_mm(t), *child_mm;
	struct task_struct *child;
	struct page *page;
	unsigned long a;
	char c = 0;

	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_ASSERT_EQ(t, fs_test_begin(t, "/ktest_simple"), 0);
	child = ktest_kmalloc(t, sizeof(*child), GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, child);
	a = simple_map(t, 1, 2 * PAGE_SIZE);
	KTEST_ASSERT_TRUE(t, !IS_ERR_VALUE(a));
	KTEST_EXPECT_NULL(t, follow_page(mm, a, 0));	/* nothing until touched */
	KTEST_EXPECT_EQ(t, get_user(c, (char __user *)a), 0);
	KTEST_EXPECT_EQ(t, c, 's');
	page = follow_page(mm, a, 0);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_EQ(t, page_count(page), 2);
	KTEST_EXPECT_EQ(t, page_mapcount(page), 1);
	KTEST_EXPECT_EQ(t, mm->file_rss, 1ul);
	child_mm = ktest_fork_mm(t, child);
	KTEST_ASSERT_NOT_NULL(t, child_mm);
	KTEST_EXPECT_PTR_EQ(t, follow_page(child_mm, a, 0), page);
	KTEST_EXPECT_EQ(t, page_count(page), 3);
	KTEST_EXPECT_EQ(t, sys_munmap(a, 2 * PAGE_SIZE), 0L);
	KTEST_EXPECT_EQ(t, page_count(page), 2);
	KTEST_EXPECT_EQ(t, mm->file_rss, 0ul);
}

static struct ktest_case simple_cases[] = {
	KTEST_CASE(test_open_close_once),
	KTEST_CASE(test_nopage_counts),
	{}
};

static struct ktest_suite simple_suite = {
	.name = "simple",
	.test_cases = simple_cases,
};
ktest_register_suite(simple_suite);
