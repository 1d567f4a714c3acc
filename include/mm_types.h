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

struct address_space;

struct page {
	unsigned long flags;
	atomic_t _count;
	atomic_t _mapcount;
	unsigned long private;
	struct address_space *mapping;
	unsigned long index;
	struct list_head lru;
};

#endif
