/*
 * The page cache (ULK 15.1): each file's data pages, found by their
 * offset through the address_space's radix tree.
 *
 *   inode->i_mapping --> address_space { page_tree: index -> struct page }
 *   page->mapping = the address_space, page->index = its offset in pages
 *
 * A page in the cache holds one reference for the cache (taken by
 * add_to_page_cache(), dropped by remove_from_page_cache()'s caller);
 * find_get_page() and friends take one more for the caller, given back
 * with page_cache_release(). Pages come from GFP_HIGHUSER (the mapping's
 * gfp mask), so they may be in high memory: code reaches their bytes
 * through kmap()/kmap_atomic(), never page_address().
 *
 * PG_locked is the page lock (lock_page() sleeps on it); PG_uptodate
 * says the page holds the file's data. Ramfs pages are created zeroed
 * and uptodate and marked dirty, since nothing could read them back.
 */
#ifndef _MNEME_PAGEMAP_H
#define _MNEME_PAGEMAP_H

#include <types.h>
#include <fs_types.h>
#include <gfp.h>
#include <list.h>
#include <spinlock.h>
#include <radix-tree.h>
#include <mm.h>
#include <page-flags.h>

struct inode;
struct file;
struct page;

#define PAGE_CACHE_SHIFT	PAGE_SHIFT
#define PAGE_CACHE_SIZE		PAGE_SIZE
#define PAGE_CACHE_MASK		PAGE_MASK

struct address_space_operations {
	/* Fill a page that is not uptodate (ramfs: zeroes; nothing is on a disk). */
	int (*readpage)(struct file *, struct page *);
	/* A write of [from, to) of the page is coming; make the rest of it valid. */
	int (*prepare_write)(struct file *, struct page *, unsigned int from, unsigned int to);
	int (*commit_write)(struct file *, struct page *, unsigned int from, unsigned int to);
	int (*set_page_dirty)(struct page *);
};

struct address_space {
	struct inode *host;		/* the owner */
	struct radix_tree_root page_tree;	/* index -> page */
	spinlock_t tree_lock;		/* page_tree, nrpages */
	unsigned long nrpages;		/* pages in the tree */
	const struct address_space_operations *a_ops;
	gfp_t gfp_mask;			/* for its pages: GFP_HIGHUSER */
	/*
	 * Every region mapping it, shared or private (ULK 17.2.2's i_mmap:
	 * a plain list here, not a priority search tree), linked through
	 * vm_area_struct.shared; unmap_mapping_range() walks it.
	 */
	struct list_head i_mmap;
	spinlock_t i_mmap_lock;		/* i_mmap */
};

static inline gfp_t mapping_gfp_mask(struct address_space *mapping)
{
	return mapping->gfp_mask;
}

void address_space_init_once(struct address_space *mapping, struct inode *host);

#define page_cache_get(page)		get_page(page)
#define page_cache_release(page)	put_page(page)
struct page *page_cache_alloc(struct address_space *mapping);

int add_to_page_cache(struct page *page, struct address_space *mapping, unsigned long index,
		      gfp_t gfp_mask);
/* The caller holds the page lock; the cache's reference is the caller's to drop. */
void remove_from_page_cache(struct page *page);
struct page *find_get_page(struct address_space *mapping, unsigned long index);
struct page *find_lock_page(struct address_space *mapping, unsigned long index);
struct page *find_or_create_page(struct address_space *mapping, unsigned long index,
				 gfp_t gfp_mask);
unsigned int find_get_pages(struct address_space *mapping, unsigned long start,
			    unsigned int nr_pages, struct page **pages);
/* The page, uptodate (read through a_ops->readpage if need be), with a reference. */
struct page *read_cache_page(struct address_space *mapping, unsigned long index);
/* Drop every page from lstart on (the part of a page before lstart is zeroed). */
void truncate_inode_pages(struct address_space *mapping, loff_t lstart);
/*
 * A file shrinks from oldsize to newsize (Linux's truncate_pagecache):
 * the ptes of every region mapping it beyond the new end zapped --
 * private copies too -- and the pages dropped from the cache, so a
 * later access there faults and gets SIGBUS.
 */
void truncate_pagecache(struct inode *inode, loff_t oldsize, loff_t newsize);
/*
 * Zap the ptes mapping [holebegin, holebegin + holelen) of the file
 * (holelen 0: to its end) in every region of mapping->i_mmap; the
 * private copy-on-write pages there too if even_cows (mm/memory.c).
 */
void unmap_mapping_range(struct address_space *mapping, loff_t const holebegin,
			 loff_t const holelen, int even_cows);

void lock_page(struct page *page);
int TestSetPageLocked(struct page *page);
void unlock_page(struct page *page);
void wait_on_page_locked(struct page *page);

/* The page-cache pages in use (every mapping's nrpages). */
extern unsigned long nr_pagecache;

/* n bytes between a page (at offset) and user space: kmap_atomic(), kmap() after a fault; what is left. */
unsigned long copy_page_to_user(void __user *to, struct page *page, unsigned int offset,
				unsigned long n);
unsigned long copy_page_from_user(struct page *page, unsigned int offset,
				  const void __user *from, unsigned long n);

/* The read and write paths (ULK 16.1), copying through kmap_atomic(). */
ssize_t generic_file_read(struct file *filp, char __user *buf, size_t count, loff_t *ppos);
struct vm_area_struct;
int generic_file_mmap(struct file *file, struct vm_area_struct *vma);
ssize_t generic_file_write(struct file *filp, const char __user *buf, size_t count, loff_t *ppos);
int simple_readpage(struct file *file, struct page *page);
int simple_prepare_write(struct file *file, struct page *page, unsigned int from, unsigned int to);
int simple_commit_write(struct file *file, struct page *page, unsigned int from, unsigned int to);
int __set_page_dirty_no_writeback(struct page *page);

/*
 * The fault path's half of a file mapping (ULK 16.2.4, filemap_nopage()):
 * the page at pgoff of the file, uptodate, with a reference for the page
 * table entry about to map it; *type is VM_FAULT_MINOR when it was in the
 * cache, VM_FAULT_MAJOR when it had to be read. NULL (SIGBUS) beyond the
 * end of the file. filemap_nopage(vma, address, &type) is this with
 * pgoff = (address - vm_start) / PAGE_SIZE + vm_pgoff, once VMAs exist.
 */
struct page *filemap_getpage(struct file *file, unsigned long pgoff, int *type);
#ifndef VM_FAULT_MINOR
#define VM_FAULT_OOM	(-1)
#define VM_FAULT_SIGBUS	0
#define VM_FAULT_MINOR	1
#define VM_FAULT_MAJOR	2
#endif

#endif
