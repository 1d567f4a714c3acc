/*
 * struct page: one descriptor per physical page frame (ULK 8.1.1,
 * table 8-1), all of them in mem_map[], indexed by page frame number.
 * 32 bytes on i386, checked at compile time: with 4 KB pages the
 * descriptors cost 0.78% of RAM.
 *
 *    0  flags      PG_* bits (include/page-flags.h); zone number on top
 *    4  _count     references - 1: -1 means free (ULK's convention)
 *    8  _mapcount  page-table entries mapping it - 1: -1 = unmapped
 *   12  private    free block's first page: its order (with PG_private);
 *                  allocated block of 2^order > 1 pages: each page after
 *                  the first holds its head's pfn + 1 (the owner uses
 *                  only the first page's private)
 *   16  mapping    page cache / anon owner (later issues)
 *   20  index      offset within mapping
 *   24  lru        free list, per-CPU list, or LRU list linkage
 */
#ifndef _MNEME_MM_TYPES_H
#define _MNEME_MM_TYPES_H

#include <list.h>
#include <atomic.h>
#include <rbtree.h>
#include <rwsem.h>
#include <spinlock.h>
#include <asm/pgtable.h>

struct address_space;
struct file;
struct mm_struct;
struct vm_area_struct;

struct page {
	unsigned long flags;
	atomic_t _count;
	atomic_t _mapcount;
	unsigned long private;
	struct address_space *mapping;
	unsigned long index;
	struct list_head lru;
};


/*
 * A memory region (ULK 9.3, table 9-3): [vm_start, vm_end) of one
 * address space with one set of access rights and one backing object.
 * The regions of an mm are on a list sorted by address (vm_next, from
 * mm->mmap) and in a red-black tree (vm_rb, from mm->mm_rb) keyed by
 * vm_end, which find_vma() searches.
 */
struct vm_area_struct {
	struct mm_struct *vm_mm;	/* the address space it belongs to */
	unsigned long vm_start;		/* first address inside */
	unsigned long vm_end;		/* first address after */
	struct vm_area_struct *vm_next;	/* the next region, by address */
	pgprot_t vm_page_prot;		/* pte protection bits for its pages */
	unsigned long vm_flags;		/* VM_* (include/mm.h) */
	struct rb_node vm_rb;
	/*
	 * The anonymous reverse-mapping object (ULK 17.2.1's anon_vma):
	 * for now only its owner, the mm, set on the first anonymous page,
	 * so that page->mapping can name it; the swap code builds on it.
	 */
	struct anon_vma *anon_vma;
	const struct vm_operations_struct *vm_ops;
	unsigned long vm_pgoff;		/* offset in vm_file, in pages */
	struct file *vm_file;		/* the mapped file, or NULL */
	struct list_head shared;	/* on vm_file's mapping->i_mmap */
	void *vm_private_data;
};

/* The placeholder anon_vma: one per mm, the mm itself (see above). */
struct anon_vma {
	struct mm_struct *mm;
};

/*
 * The memory descriptor (ULK 9.2, table 9-2). mm_users counts the tasks
 * using the address space (threads of one process share it); all of
 * them together hold one mm_count, and each lazy kernel thread that
 * borrows it as active_mm holds one more. mmput() drops a user: the
 * last one frees the regions and pages (exit_mmap); mmdrop() drops a
 * count: the last one frees the page directory and the descriptor.
 */
struct mm_struct {
	struct vm_area_struct *mmap;		/* regions, sorted by address */
	struct rb_root mm_rb;			/* the same regions, by vm_end */
	struct vm_area_struct *mmap_cache;	/* the last find_vma() result */
	unsigned long free_area_cache;		/* where get_unmapped_area() looks first */
	unsigned long mmap_base;		/* top of the mmap area (top-down layout) */
	int legacy_layout;			/* bottom-up from TASK_UNMAPPED_BASE */
	pgd_t *pgd;
	atomic_t mm_users;
	atomic_t mm_count;
	int map_count;				/* regions */
	struct rw_semaphore mmap_sem;
	spinlock_t page_table_lock;		/* page tables and the rss counters */
	struct list_head mmlist;		/* on the list of every mm (init_mm's) */
	struct anon_vma anon_vma;		/* the anon owner placeholder */

	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;

	unsigned long total_vm;			/* pages mapped */
	unsigned long locked_vm;		/* pages of VM_LOCKED regions */
	unsigned long stack_vm;			/* pages of VM_GROWSDOWN/UP regions */
	unsigned long file_rss, anon_rss;	/* resident pages, by kind */
	unsigned long hiwater_rss, hiwater_vm;	/* high-water marks */
	unsigned long nr_ptes;			/* user page tables */
	unsigned long def_flags;		/* VM_LOCKED after mlockall(MCL_FUTURE) */
};

#endif
