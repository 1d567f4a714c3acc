/*
 * Page frame flags (ULK table 8-2), bit numbers in page->flags, and
 * their accessors: PageReserved(page), SetPageReserved(page) ...
 *
 * ULK's PG_compound is not here: Mneme has no compound pages. An
 * allocated block of 2^order > 1 pages has PG_head on its first page
 * and tail tags on the others (mm/page_alloc.c, tag_block_tails()).
 */
#ifndef _MNEME_PAGE_FLAGS_H
#define _MNEME_PAGE_FLAGS_H

#include <mm_types.h>

enum pageflags {
	PG_locked,		/* under I/O */
	PG_error,
	PG_referenced,		/* recently accessed (LRU) */
	PG_uptodate,
	PG_dirty,
	PG_lru,			/* on an active or inactive list */
	PG_active,
	PG_slab,		/* belongs to a slab */
	PG_highmem,		/* in ZONE_HIGHMEM */
	PG_checked,
	PG_arch_1,
	PG_reserved,		/* never handed to the allocator (kernel image, holes) */
	PG_private,		/* private is in use (buddy: the block's order) */
	PG_writeback,
	PG_nosave,
	PG_swapcache,
	PG_mappedtodisk,
	PG_reclaim,
	PG_head,		/* the first page of an allocated block of 2^order > 1 pages */
	NR_PAGEFLAGS
};

#define PAGEFLAG(uname, lname)						\
static inline int Page##uname(const struct page *page)			\
{ return (page->flags >> PG_##lname) & 1; }				\
static inline void SetPage##uname(struct page *page)			\
{ page->flags |= 1UL << PG_##lname; }					\
static inline void ClearPage##uname(struct page *page)			\
{ page->flags &= ~(1UL << PG_##lname); }				\
static inline int TestClearPage##uname(struct page *page)		\
{ int r = Page##uname(page); ClearPage##uname(page); return r; }

PAGEFLAG(Locked, locked)
PAGEFLAG(Error, error)
PAGEFLAG(Referenced, referenced)
PAGEFLAG(Uptodate, uptodate)
PAGEFLAG(Dirty, dirty)
PAGEFLAG(LRU, lru)
PAGEFLAG(Active, active)
PAGEFLAG(Slab, slab)
PAGEFLAG(Highmem, highmem)
PAGEFLAG(Checked, checked)
PAGEFLAG(Reserved, reserved)
PAGEFLAG(Private, private)
PAGEFLAG(Writeback, writeback)
PAGEFLAG(SwapCache, swapcache)
PAGEFLAG(Reclaim, reclaim)
PAGEFLAG(Head, head)

#undef PAGEFLAG

/* Flags a page may not carry when it is freed, or found free. */
#define PAGE_FLAGS_CHECK_AT_FREE					\
	((1UL << PG_locked) | (1UL << PG_lru) | (1UL << PG_active) |	\
	 (1UL << PG_slab) | (1UL << PG_reserved) | (1UL << PG_private) | \
	 (1UL << PG_writeback) | (1UL << PG_swapcache) | (1UL << PG_reclaim) | \
	 (1UL << PG_dirty) | (1UL << PG_head))

#endif
