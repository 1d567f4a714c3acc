/*
 * The page cache (include/pagemap.h; ULK 15.1, Linux 2.6.11's
 * mm/filemap.c and mm/truncate.c): pages of files found by (mapping,
 * index) in the mapping's radix tree, the read and write paths that copy
 * through them (ULK 16.1), and the fault path's lookup for file mappings.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <bug.h>
#include <gfp.h>
#include <highmem.h>
#include <mm.h>
#include <sched.h>
#include <wait.h>
#include <fs.h>
#include <pagemap.h>
#include <asm/uaccess.h>

unsigned long nr_pagecache;

/*
 * Sleepers on a locked page. Linux hashes the page to one of many wait
 * queues (page_waitqueue()); one queue for every page is the same thing
 * with a single bucket: unlock_page() wakes all and each sleeper checks
 * its own page.
 */
static DECLARE_WAIT_QUEUE_HEAD(page_wait_table);

void address_space_init_once(struct address_space *mapping, struct inode *host)
{
	mapping->host = host;
	/* Nodes are allocated under tree_lock: atomically, from the preload reserve. */
	INIT_RADIX_TREE(&mapping->page_tree, GFP_ATOMIC);
	spin_lock_init(&mapping->tree_lock);
	mapping->nrpages = 0;
	mapping->a_ops = NULL;
	mapping->gfp_mask = GFP_HIGHUSER;
	INIT_LIST_HEAD(&mapping->i_mmap);
	spin_lock_init(&mapping->i_mmap_lock);
}

struct page *page_cache_alloc(struct address_space *mapping)
{
	return alloc_pages(mapping_gfp_mask(mapping), 0);
}

int TestSetPageLocked(struct page *page)
{
	int was = PageLocked(page);

	SetPageLocked(page);
	return was;
}

void lock_page(struct page *page)
{
	might_sleep();
	wait_event(page_wait_table, !TestSetPageLocked(page));
}

void unlock_page(struct page *page)
{
	BUG_ON(!PageLocked(page));
	ClearPageLocked(page);
	wake_up_all(&page_wait_table);
}

void wait_on_page_locked(struct page *page)
{
	wait_event(page_wait_table, !PageLocked(page));
}

/*
 * Insert a new page at index (ULK 15.1.3): locked, with a reference for
 * the cache. The radix-tree nodes are preloaded before tree_lock is
 * taken. 0, -EEXIST (someone else's page is there) or -ENOMEM.
 */
int add_to_page_cache(struct page *page, struct address_space *mapping, unsigned long index,
		      gfp_t gfp_mask)
{
	int error = radix_tree_preload(gfp_mask & ~__GFP_HIGHMEM);

	if (error)
		return error;
	spin_lock_irq(&mapping->tree_lock);
	error = radix_tree_insert(&mapping->page_tree, index, page);
	if (!error) {
		page_cache_get(page);
		SetPageLocked(page);
		page->mapping = mapping;
		page->index = index;
		mapping->nrpages++;
		nr_pagecache++;
	}
	spin_unlock_irq(&mapping->tree_lock);
	radix_tree_preload_end();
	return error;
}

void remove_from_page_cache(struct page *page)
{
	struct address_space *mapping = page->mapping;

	BUG_ON(!PageLocked(page));
	spin_lock_irq(&mapping->tree_lock);
	if (radix_tree_delete(&mapping->page_tree, page->index) != page)
		panic("remove_from_page_cache: page %p (index %lu) not in its mapping", page,
		      page->index);
	page->mapping = NULL;
	mapping->nrpages--;
	nr_pagecache--;
	spin_unlock_irq(&mapping->tree_lock);
}

struct page *find_get_page(struct address_space *mapping, unsigned long index)
{
	struct page *page;

	spin_lock_irq(&mapping->tree_lock);
	page = radix_tree_lookup(&mapping->page_tree, index);
	if (page)
		page_cache_get(page);
	spin_unlock_irq(&mapping->tree_lock);
	return page;
}

unsigned int find_get_pages(struct address_space *mapping, unsigned long start,
			    unsigned int nr_pages, struct page **pages)
{
	unsigned int i, ret;

	spin_lock_irq(&mapping->tree_lock);
	ret = radix_tree_gang_lookup(&mapping->page_tree, (void **)pages, start, nr_pages);
	for (i = 0; i < ret; i++)
		page_cache_get(pages[i]);
	spin_unlock_irq(&mapping->tree_lock);
	return ret;
}

/* The page at index, locked, with a reference; NULL if none (or truncated meanwhile). */
struct page *find_lock_page(struct address_space *mapping, unsigned long index)
{
	struct page *page;

repeat:
	page = find_get_page(mapping, index);
	if (page) {
		lock_page(page);
		if (page->mapping != mapping || page->index != index) {
			/* Truncated while we slept. */
			unlock_page(page);
			page_cache_release(page);
			goto repeat;
		}
	}
	return page;
}

/* find_lock_page(), or a new page added there (locked, not uptodate); NULL: no memory. */
struct page *find_or_create_page(struct address_space *mapping, unsigned long index,
				 gfp_t gfp_mask)
{
	struct page *page;
	int err;

repeat:
	page = find_lock_page(mapping, index);
	if (page)
		return page;
	page = alloc_pages(gfp_mask, 0);
	if (!page)
		return NULL;
	err = add_to_page_cache(page, mapping, index, gfp_mask);
	if (err) {
		page_cache_release(page);
		if (err == -EEXIST)
			goto repeat;
		return NULL;
	}
	/* The caller's reference is the allocation's; the cache took its own. */
	return page;
}

/* The page at index, uptodate, with a reference (unlocked); an ERR_PTR on failure. */
struct page *read_cache_page(struct address_space *mapping, unsigned long index)
{
	struct page *page = find_or_create_page(mapping, index, mapping_gfp_mask(mapping));
	int err;

	if (!page)
		return ERR_PTR(-ENOMEM);
	if (PageUptodate(page)) {
		unlock_page(page);
		return page;
	}
	err = mapping->a_ops->readpage(NULL, page);	/* unlocks the page */
	if (err) {
		page_cache_release(page);
		return ERR_PTR(err);
	}
	return page;
}

/*
 * Truncate (mm/truncate.c): every page at or after the first page
 * boundary from lstart leaves the cache and is freed; the tail of the
 * page holding lstart is zeroed, so a later extension reads zeroes.
 */
void truncate_inode_pages(struct address_space *mapping, loff_t lstart)
{
	unsigned long start = (unsigned long)((lstart + PAGE_CACHE_SIZE - 1) >> PAGE_CACHE_SHIFT);
	unsigned int partial = lstart & (PAGE_CACHE_SIZE - 1);
	struct page *pages[16];
	unsigned long next = start;
	unsigned int i, n;

	while ((n = find_get_pages(mapping, next, ARRAY_SIZE(pages), pages))) {
		for (i = 0; i < n; i++) {
			struct page *page = pages[i];

			next = page->index + 1;
			lock_page(page);
			if (page->mapping == mapping) {
				remove_from_page_cache(page);
				ClearPageDirty(page);
				ClearPageUptodate(page);
				page_cache_release(page);	/* the cache's reference */
			}
			unlock_page(page);
			page_cache_release(page);		/* find_get_pages()'s */
		}
		if (!next)
			break;
	}
	if (partial) {
		struct page *page = find_lock_page(mapping, start - 1);

		if (page) {
			char *kaddr = kmap_atomic(page, KM_USER0);

			memset(kaddr + partial, 0, PAGE_CACHE_SIZE - partial);
			kunmap_atomic(kaddr, KM_USER0);
			unlock_page(page);
			page_cache_release(page);
		}
	}
}

/*
 * Linux 6.1's truncate_pagecache(): the ptes beyond the new end go first,
 * so no process reaches a page that is leaving the cache; then the
 * pages; then the ptes again, for a fault that raced in between and
 * mapped a page about to go (none can here, one CPU and no preemption
 * in the kernel, but the order is Linux's).
 */
void truncate_pagecache(struct inode *inode, loff_t oldsize, loff_t newsize)
{
	struct address_space *mapping = inode->i_mapping;
	loff_t holebegin = (newsize + PAGE_SIZE - 1) & ~(loff_t)(PAGE_SIZE - 1);

	(void)oldsize;
	unmap_mapping_range(mapping, holebegin, 0, 1);
	truncate_inode_pages(mapping, newsize);
	unmap_mapping_range(mapping, holebegin, 0, 1);
}

/* ---- Helpers for file systems whose pages live only in memory (fs/libfs.c) ---- */

int simple_readpage(struct file *file, struct page *page)
{
	clear_highpage(page);
	SetPageUptodate(page);
	unlock_page(page);
	return 0;
}

int simple_prepare_write(struct file *file, struct page *page, unsigned int from, unsigned int to)
{
	if (!PageUptodate(page)) {
		char *kaddr = kmap_atomic(page, KM_USER0);

		if (from)
			memset(kaddr, 0, from);
		if (to < PAGE_CACHE_SIZE)
			memset(kaddr + to, 0, PAGE_CACHE_SIZE - to);
		kunmap_atomic(kaddr, KM_USER0);
	}
	return 0;
}

int simple_commit_write(struct file *file, struct page *page, unsigned int from, unsigned int to)
{
	struct inode *inode = page->mapping->host;
	loff_t pos = ((loff_t)page->index << PAGE_CACHE_SHIFT) + to;

	SetPageUptodate(page);
	if (pos > inode->i_size)
		inode->i_size = pos;
	page->mapping->a_ops->set_page_dirty(page);
	return 0;
}

int __set_page_dirty_no_writeback(struct page *page)
{
	SetPageDirty(page);
	return 0;
}

/*
 * Copies between a page-cache page and user space, as 2.6's
 * file_read_actor() does them: through a kmap_atomic() slot first (no
 * pkmap slot is taken, none is left behind); a fault there cannot sleep
 * (atomic), so whatever is left goes again through kmap(), where the
 * fault may be served. Both return the bytes not copied.
 */
unsigned long copy_page_to_user(void __user *to, struct page *page, unsigned int offset,
				unsigned long n)
{
	char *kaddr = kmap_atomic(page, KM_USER0);
	unsigned long left = copy_to_user(to, kaddr + offset, n);

	kunmap_atomic(kaddr, KM_USER0);
	if (left) {
		unsigned long done = n - left;

		kaddr = kmap(page);
		left = copy_to_user((char __user *)to + done, kaddr + offset + done, left);
		kunmap(page);
	}
	return left;
}

unsigned long copy_page_from_user(struct page *page, unsigned int offset,
				  const void __user *from, unsigned long n)
{
	char *kaddr = kmap_atomic(page, KM_USER0);
	unsigned long left = copy_from_user(kaddr + offset, from, n);

	kunmap_atomic(kaddr, KM_USER0);
	if (left) {
		unsigned long done = n - left;

		kaddr = kmap(page);
		left = copy_from_user(kaddr + offset + done, (const char __user *)from + done, left);
		kunmap(page);
	}
	return left;
}

/* ---- The read path (ULK 16.1.1, do_generic_mapping_read()) ---- */

ssize_t generic_file_read(struct file *filp, char __user *buf, size_t count, loff_t *ppos)
{
	struct address_space *mapping = filp->f_mapping;
	struct inode *inode = mapping->host;
	loff_t pos = *ppos;
	ssize_t done = 0;

	if (pos < 0)
		return -EINVAL;
	if (!access_ok(VERIFY_WRITE, buf, count))
		return -EFAULT;
	while (count) {
		unsigned long index = (unsigned long)(pos >> PAGE_CACHE_SHIFT);
		unsigned int offset = pos & ~PAGE_CACHE_MASK, nr;
		loff_t isize = inode->i_size;
		struct page *page;
		unsigned long left;

		if (pos >= isize)
			break;
		nr = PAGE_CACHE_SIZE - offset;
		if (nr > count)
			nr = count;
		if (nr > isize - pos)
			nr = isize - pos;
		page = read_cache_page(mapping, index);
		if (IS_ERR(page)) {
			if (!done)
				done = PTR_ERR(page);
			break;
		}
		left = copy_page_to_user(buf, page, offset, nr);
		page_cache_release(page);
		nr -= left;
		done += nr;
		buf += nr;
		pos += nr;
		count -= nr;
		if (left) {
			if (done == 0)
				done = -EFAULT;
			break;
		}
	}
	*ppos = pos;
	filp->f_dentry->d_inode->i_atime = current_fs_time();
	return done;
}

/* ---- The write path (ULK 16.1.3, generic_file_buffered_write()) ---- */

ssize_t generic_file_write(struct file *filp, const char __user *buf, size_t count, loff_t *ppos)
{
	struct address_space *mapping = filp->f_mapping;
	const struct address_space_operations *a_ops = mapping->a_ops;
	struct inode *inode = mapping->host;
	ssize_t done = 0;
	loff_t pos;

	if (!access_ok(VERIFY_READ, buf, count))
		return -EFAULT;
	down(&inode->i_sem);
	pos = (filp->f_flags & O_APPEND) ? inode->i_size : *ppos;
	if (pos < 0) {
		up(&inode->i_sem);
		return -EINVAL;
	}
	if (count && pos >= (loff_t)MAX_LFS_FILESIZE) {
		up(&inode->i_sem);
		return -EFBIG;
	}
	if ((u64)pos + count > MAX_LFS_FILESIZE)
		count = MAX_LFS_FILESIZE - pos;
	while (count) {
		unsigned long index = (unsigned long)(pos >> PAGE_CACHE_SHIFT);
		unsigned int offset = pos & ~PAGE_CACHE_MASK, nr = PAGE_CACHE_SIZE - offset;
		unsigned long left;
		struct page *page;
		int err;

		if (nr > count)
			nr = count;
		page = find_or_create_page(mapping, index, mapping_gfp_mask(mapping));
		if (!page) {
			if (!done)
				done = -ENOMEM;
			break;
		}
		err = a_ops->prepare_write(filp, page, offset, offset + nr);
		if (err) {
			unlock_page(page);
			page_cache_release(page);
			if (!done)
				done = err;
			break;
		}
		left = copy_page_from_user(page, offset, buf, nr);
		nr -= left;
		if (nr || PageUptodate(page))
			a_ops->commit_write(filp, page, offset, offset + nr);
		else if (!PageUptodate(page) && page->index << PAGE_CACHE_SHIFT >= inode->i_size) {
			/* Nothing copied into a new page beyond the end: drop it again. */
			remove_from_page_cache(page);
			page_cache_release(page);
		}
		unlock_page(page);
		page_cache_release(page);
		done += nr;
		buf += nr;
		pos += nr;
		count -= nr;
		if (left) {
			if (!done)
				done = -EFAULT;
			break;
		}
	}
	if (done > 0) {
		*ppos = pos;
		inode->i_mtime = inode->i_ctime = current_fs_time();
	}
	up(&inode->i_sem);
	return done;
}

/* ---- The fault path's lookup (ULK 16.2.4) ---- */

struct page *filemap_getpage(struct file *file, unsigned long pgoff, int *type)
{
	struct address_space *mapping = file->f_mapping;
	struct inode *inode = mapping->host;
	unsigned long size = (unsigned long)((inode->i_size + PAGE_CACHE_SIZE - 1) >> PAGE_CACHE_SHIFT);
	struct page *page;

	if (pgoff >= size)
		return NULL;	/* beyond the end: SIGBUS */
	page = find_get_page(mapping, pgoff);
	if (page && PageUptodate(page)) {
		if (type)
			*type = VM_FAULT_MINOR;
		return page;
	}
	if (page)
		page_cache_release(page);
	page = read_cache_page(mapping, pgoff);
	if (IS_ERR(page))
		return NULL;
	if (type)
		*type = VM_FAULT_MAJOR;
	return page;
}

/*
 * The fault half of a file mapping (ULK 16.2.4, filemap_nopage): the
 * page-cache page of the faulting offset, with a reference for the
 * page table; NOPAGE_SIGBUS beyond the end of the file (or when it
 * cannot be read), as Linux.
 */
static struct page *filemap_nopage(struct vm_area_struct *vma, unsigned long address, int *type)
{
	unsigned long pgoff = ((address - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
	struct page *page = filemap_getpage(vma->vm_file, pgoff, type);

	return page ? page : NOPAGE_SIGBUS;
}

/*
 * Fault-around's half (Linux 6.1's filemap_map_pages; post-2.6): map the
 * pages of [start_pgoff, end_pgoff] already in the cache, uptodate and
 * unlocked, below EOF, whose pte is none; never read or create one (a
 * hole stays for ->nopage). Each page is taken locked and checked still
 * this file's, as truncation locks it to take it out; EOF is read after
 * the lock, so a page truncate_inode_pages() is about to drop is left
 * alone. page_table_lock held, ptes mapped (do_fault_around()).
 */
static void filemap_map_pages(struct vm_area_struct *vma, unsigned long start, pte_t *pte,
			      unsigned long start_pgoff, unsigned long end_pgoff)
{
	struct address_space *mapping = vma->vm_file->f_mapping;
	struct page *pages[FAULT_AROUND_PAGES];
	unsigned int i, nr;

	if (end_pgoff - start_pgoff >= FAULT_AROUND_PAGES)
		end_pgoff = start_pgoff + FAULT_AROUND_PAGES - 1;
	nr = find_get_pages(mapping, start_pgoff, end_pgoff - start_pgoff + 1, pages);
	for (i = 0; i < nr; i++) {
		struct page *page = pages[i];
		unsigned long index = page->index, eof;
		pte_t *ptep = pte + (index - start_pgoff);

		if (index > end_pgoff || !PageUptodate(page) || TestSetPageLocked(page))
			goto skip;
		eof = (unsigned long)((mapping->host->i_size + PAGE_CACHE_SIZE - 1) >>
				      PAGE_CACHE_SHIFT);
		if (page->mapping != mapping || !PageUptodate(page) || index >= eof ||
		    !pte_none(*ptep)) {
			unlock_page(page);
			goto skip;
		}
		do_set_pte(vma, start + ((index - start_pgoff) << PAGE_SHIFT), page, ptep);
		unlock_page(page);
		continue;	/* the pte keeps find_get_pages()' reference */
skip:
		page_cache_release(page);
	}
}

static const struct vm_operations_struct generic_file_vm_ops = {
	.nopage = filemap_nopage,
	.map_pages = filemap_map_pages,
};

/* A file's mmap (ULK 16.2.2): its pages come from the page cache on demand. */
int generic_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (!file->f_mapping || !file->f_mapping->a_ops)
		return -ENOEXEC;
	vma->vm_ops = &generic_file_vm_ops;
	return 0;
}
