/*
 * The page cache (mm/filemap.c): pages of an address_space found by
 * index, their reference counts, high-memory pages reached with kmap,
 * truncation; the read and write paths through a ramfs file (partial
 * pages, holes, the end of the file, -EFAULT with partial counts).
 */
#include <gfp.h>
#include <highmem.h>
#include <mm.h>
#include <pagemap.h>
#include <slab.h>
#include "fs_test_util.h"

/* A mapping of its own, no file: what add_to_page_cache() and friends see. */
static void test_add_find_remove(struct ktest *t)
{
	struct address_space mapping;
	struct inode host;
	struct page *page, *found;

	memset(&host, 0, sizeof(host));
	address_space_init_once(&mapping, &host);
	page = ktest_alloc_page(t, GFP_HIGHUSER);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_ASSERT_EQ(t, add_to_page_cache(page, &mapping, 7, GFP_KERNEL), 0);
	KTEST_EXPECT_TRUE(t, PageLocked(page));
	KTEST_EXPECT_EQ(t, page_count(page), 2);	/* ours and the cache's */
	KTEST_EXPECT_PTR_EQ(t, page->mapping, &mapping);
	KTEST_EXPECT_EQ(t, page->index, 7ul);
	KTEST_EXPECT_EQ(t, mapping.nrpages, 1ul);
	unlock_page(page);
	found = find_get_page(&mapping, 7);
	KTEST_EXPECT_PTR_EQ(t, found, page);
	KTEST_EXPECT_EQ(t, page_count(page), 3);
	page_cache_release(found);
	KTEST_EXPECT_NULL(t, find_get_page(&mapping, 6));
	KTEST_EXPECT_EQ(t, add_to_page_cache(page, &mapping, 7, GFP_KERNEL), -EEXIST);
	lock_page(page);
	remove_from_page_cache(page);
	unlock_page(page);
	KTEST_EXPECT_NULL(t, page->mapping);
	KTEST_EXPECT_EQ(t, mapping.nrpages, 0ul);
	page_cache_release(page);			/* the cache's reference */
	KTEST_EXPECT_EQ(t, page_count(page), 1);
	KTEST_EXPECT_EQ(t, mapping.page_tree.height, 0u);
}

/* find_or_create_page(): created once, then found; truncation frees all but the kept head. */
static void truncate_all(void *arg)
{
	truncate_inode_pages(arg, 0);
}

static void test_find_or_create_and_truncate(struct ktest *t)
{
	/* Static: the cleanup empties it after this frame is gone. */
	static struct address_space mapping;
	static struct inode host;
	unsigned long free_before, i;
	struct page *page;
	char *kaddr;

	memset(&host, 0, sizeof(host));
	address_space_init_once(&mapping, &host);
	KTEST_ASSERT_EQ(t, ktest_add_action(t, truncate_all, &mapping), 0);
	kmem_cache_shrink_all();
	drain_local_pages();
	free_before = nr_free_pages();
	for (i = 0; i < 40; i += 3) {
		page = find_or_create_page(&mapping, i, GFP_HIGHUSER);
		KTEST_ASSERT_NOT_NULL(t, page);
		kaddr = kmap(page);
		memset(kaddr, 0x5a, PAGE_SIZE);
		kunmap(page);
		SetPageUptodate(page);
		unlock_page(page);
		page_cache_release(page);
	}
	KTEST_EXPECT_EQ(t, mapping.nrpages, 14ul);
	page = find_or_create_page(&mapping, 3, GFP_HIGHUSER);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_TRUE(t, PageUptodate(page));	/* the same page, not a new one */
	unlock_page(page);
	page_cache_release(page);
	KTEST_EXPECT_EQ(t, mapping.nrpages, 14ul);
	/* Truncate to 3 pages and 100 bytes: pages 0 and 3 stay, page 3 zeroed from byte 100. */
	truncate_inode_pages(&mapping, 3 * PAGE_SIZE + 100);
	KTEST_EXPECT_EQ(t, mapping.nrpages, 2ul);
	page = find_get_page(&mapping, 3);
	KTEST_ASSERT_NOT_NULL(t, page);
	kaddr = kmap(page);
	KTEST_EXPECT_EQ(t, kaddr[99], 0x5a);
	KTEST_EXPECT_EQ(t, kaddr[100], 0);
	KTEST_EXPECT_EQ(t, kaddr[PAGE_SIZE - 1], 0);
	kunmap(page);
	page_cache_release(page);
	truncate_inode_pages(&mapping, 0);
	KTEST_EXPECT_EQ(t, mapping.nrpages, 0ul);
	kmem_cache_shrink_all();
	drain_local_pages();
	KTEST_EXPECT_EQ(t, nr_free_pages(), free_before);
}

/* Write and read back through a ramfs file: page-cache pages, partial pages, a hole. */
static void test_file_read_write(struct ktest *t)
{
	static char buf[3 * 4096 + 200], back[sizeof(buf)];
	struct kstat st;
	struct file *f;
	loff_t pos;
	unsigned long i;
	long fd;

	KTEST_ASSERT_EQ(t, fs_test_begin(t, "/ktest_pc"), 0);
	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (char)(i * 7 + 1);
	fd = fs_test_open(t, "/ktest_pc/f", O_RDWR | O_CREAT | O_EXCL, 0600);
	KTEST_ASSERT_GE(t, fd, 0L);
	KTEST_EXPECT_EQ(t, sys_write(fd, U(buf), sizeof(buf)), (long)sizeof(buf));
	f = fget(fd);
	KTEST_ASSERT_NOT_NULL(t, f);
	KTEST_EXPECT_EQ(t, f->f_mapping->nrpages, 4ul);
	KTEST_EXPECT_EQ(t, f->f_dentry->d_inode->i_size, (loff_t)sizeof(buf));
	KTEST_EXPECT_EQ(t, vfs_getattr(f->f_vfsmnt, f->f_dentry, &st), 0);
	KTEST_EXPECT_EQ(t, st.blocks, 32ull);		/* 4 pages of 8 sectors */
	fput(f);
	KTEST_EXPECT_EQ(t, sys_lseek(fd, 0, SEEK_SET), 0L);
	memset(back, 0, sizeof(back));
	KTEST_EXPECT_EQ(t, sys_read(fd, U(back), sizeof(back) + 50), (long)sizeof(buf));
	KTEST_EXPECT_EQ(t, memcmp(back, buf, sizeof(buf)), 0);
	KTEST_EXPECT_EQ(t, sys_read(fd, U(back), 10), 0L);	/* at the end */
	/* A hole: write one byte 5 pages further; the gap reads as zeroes. */
	KTEST_EXPECT_EQ(t, sys_pwrite64(fd, U("x"), 1, 9 * 4096), 1L);
	KTEST_EXPECT_EQ(t, sys_pread64(fd, U(back), 100, 6 * 4096), 100L);
	for (i = 0; i < 100 && !back[i]; i++)
		;
	KTEST_EXPECT_EQ(t, i, 100ul);
	KTEST_EXPECT_EQ(t, sys_pread64(fd, U(back), 100, 9 * 4096), 1L);
	KTEST_EXPECT_EQ(t, back[0], 'x');
	/* Kernel addresses are not user ones: -EFAULT under USER_DS. */
	set_fs(USER_DS);
	KTEST_EXPECT_EQ(t, sys_read(fd, U(back), 10), -EFAULT);
	KTEST_EXPECT_EQ(t, sys_write(fd, U(buf), 10), -EFAULT);
	set_fs(KERNEL_DS);
	pos = 0;
	KTEST_EXPECT_EQ(t, sys_ftruncate64(fd, 4096 + 10), 0L);
	KTEST_EXPECT_EQ(t, sys_pread64(fd, U(back), 8192, pos), 4106L);
	fs_test_close(t, fd);
}

/* The pages of a removed file go back when its last user closes it. */
static void test_unlinked_file_pages_freed(struct ktest *t)
{
	static char page[4096];
	unsigned long before;
	long fd;

	KTEST_ASSERT_EQ(t, fs_test_begin(t, "/ktest_pc"), 0);
	before = nr_pagecache;
	fd = fs_test_open(t, "/ktest_pc/g", O_RDWR | O_CREAT, 0600);
	KTEST_ASSERT_GE(t, fd, 0L);
	KTEST_EXPECT_EQ(t, sys_write(fd, U(page), sizeof(page)), 4096L);
	KTEST_EXPECT_EQ(t, sys_write(fd, U(page), sizeof(page)), 4096L);
	KTEST_EXPECT_EQ(t, nr_pagecache, before + 2);
	KTEST_EXPECT_EQ(t, sys_unlink(U("/ktest_pc/g")), 0L);
	KTEST_EXPECT_EQ(t, nr_pagecache, before + 2);	/* still open */
	KTEST_EXPECT_EQ(t, sys_pread64(fd, U(page), 10, 4096), 10L);
	fs_test_close(t, fd);
	KTEST_EXPECT_EQ(t, nr_pagecache, before);
}

static struct ktest_case pagecache_cases[] = {
	KTEST_CASE(test_add_find_remove),
	KTEST_CASE(test_find_or_create_and_truncate),
	KTEST_CASE(test_file_read_write),
	KTEST_CASE(test_unlinked_file_pages_freed),
	{}
};

static struct ktest_suite pagecache_suite = {
	.name = "pagecache",
	.test_cases = pagecache_cases,
};
ktest_register_suite(pagecache_suite);
