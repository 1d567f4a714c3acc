/*
 * The zoned page frame allocator (ULK 8.1.4 - 8.1.8): per zone, a buddy
 * system of free blocks of 2^0 .. 2^10 pages, and per-CPU lists of
 * small blocks in front of it.
 *
 *   alloc_pages(gfp, order)
 *     __alloc_pages()       walk the zone list, honouring watermarks
 *       buffered_rmqueue()  order <= PCP_MAX_ORDER: from the per-CPU
 *                           list (refilled in batches); otherwise, or
 *                           if empty:
 *         __rmqueue()       the buddy system, under zone->lock
 *   __free_pages(page, order)
 *     free_hot_cold_page()  order 0: onto the hot or cold per-CPU list
 *     free_pcp_block()      orders 1 .. PCP_MAX_ORDER: onto their list
 *                           (both drained in batches)
 *     __free_pages_ok()     larger orders:
 *       free_one_page()     merge with free buddies, under zone->lock
 *
 * 2.6.11 has per-CPU lists for order 0 only; those of orders 1 ..
 * PCP_MAX_ORDER (3) go beyond it, as Linux 5.13 and later do
 * (include/mmzone.h says why).
 *
 * Every page is checked on the way in and out (bad_page()); a page
 * found bad on the way out is taken out of circulation (bad_new_block()).
 *
 * Interrupts: the per-CPU lists are touched with interrupts off, the
 * buddy lists under zone->lock with interrupts off: an interrupt
 * handler may allocate or free pages at any time. A __GFP_WAIT request
 * may sleep (might_sleep() checks its caller), and only __GFP_NOFAIL
 * ones do so far: they wait for pages to be freed rather than fail.
 */
#include <kernel.h>
#include <string.h>
#include <bug.h>
#include <fault_inject.h>
#include <gfp.h>
#include <highmem.h>
#include <jiffies.h>
#include <mm.h>
#include <vmstat.h>
#include <preempt.h>
#include <sched.h>
#include <spinlock.h>
#include <wait.h>
#include <asm/irqflags.h>
#include "internal.h"

/* ULK's 32-byte page descriptor: 8 words on i386 (checked at compile time). */
BUILD_BUG_ON(sizeof(long) == 4 && sizeof(struct page) != 32);

pg_data_t contig_page_data;
struct page *mem_map;
unsigned long totalram_pages;
unsigned long totalhigh_pages;
unsigned long nr_bad_page_reports;

const char *const zone_names[MAX_NR_ZONES] = { "DMA", "Normal", "HighMem" };
struct zone *zone_table[MAX_NR_ZONES];

/* A fault-injection attribute for page allocations ("fail_page_alloc="). */
struct fault_attr fail_page_alloc = FAULT_ATTR_INITIALIZER("fail_page_alloc");

/*
 * __GFP_NOFAIL allocators that found no page sleep here until pages are
 * freed to the buddy system (or NOFAIL_RETRY_WAIT passes: pages freed
 * onto the per-CPU lists wake nobody), then try again.
 */
static DECLARE_WAIT_QUEUE_HEAD(page_freed_wait);
#define NOFAIL_RETRY_WAIT	(HZ / 50)	/* 2.6.11's blk_congestion_wait(WRITE, HZ/50) */
unsigned long nr_nofail_retries;

/* Pages came back to the buddy system: wake the __GFP_NOFAIL waiters. Out of the fast paths. */
static __always_inline void wake_page_waiters(void)
{
	if (unlikely(waitqueue_active(&page_freed_wait)))
		wake_up_all(&page_freed_wait);
}

/*
 * A page in a state it must not be in. Print everything about it, taint,
 * count the report (tests check the count); the caller decides how to
 * keep the allocator consistent.
 */
static void bad_page(const char *function, struct page *page, const char *reason)
{
	printk(KERN_EMERG "Bad page state in %s: %s\n", function, reason);
	printk(KERN_EMERG "page:%p pfn:%#lx zone:%s flags:%#lx count:%d mapcount:%d "
	       "mapping:%p index:%#lx private:%#lx\n",
	       page, page_to_pfn(page), zone_names[page_zonenum(page)],
	       page->flags & ((1UL << NR_PAGEFLAGS) - 1), page_count(page),
	       page_mapcount(page), page->mapping, page->index, page->private);
	dump_stack();
	add_taint(TAINT_BAD_PAGE);
	nr_bad_page_reports++;
}

/*
 * The fast-path form of the checks below: one test of every field a
 * free page must have clean (mapcount -1, count -1, no mapping, none of
 * the flags in mask). Only a page that fails it pays for finding out
 * why.
 */
static __always_inline bool page_state_bad(const struct page *page, unsigned long flags_mask)
{
	return unlikely(((unsigned long)(atomic_read(&page->_mapcount) + 1) |
			 (unsigned long)(atomic_read(&page->_count) + 1) |
			 (unsigned long)page->mapping | (page->flags & flags_mask)) != 0);
}

/*
 * The same test for a whole block, one branch for all its pages: their
 * fields folded together as they are read, two or three instructions a
 * page. Every page is clean exactly when the AND of all the counts is
 * all ones (each is -1), the OR of the mappings is 0 and the OR of the
 * flags has none of the mask's. The counts are read as plain ints (not
 * atomic_read()'s volatile), so that each read folds into its AND: the
 * block is the allocator's while it is checked, nobody else writes them.
 */
struct block_state {
	unsigned long flags, mapping, counts;
};

#define BLOCK_STATE_INIT	{ .flags = 0, .mapping = 0, .counts = ~0UL }

static __always_inline void block_state_add(struct block_state *s, const struct page *page)
{
	s->flags |= page->flags;
	s->mapping |= (unsigned long)page->mapping;
	s->counts &= (unsigned long)*(const int *)&page->_count.counter &
		     (unsigned long)*(const int *)&page->_mapcount.counter;
}

/* Non-zero if a page added to s is not clean. */
static __always_inline unsigned long block_state_bad(const struct block_state *s,
						     unsigned long flags_mask)
{
	return (s->flags & flags_mask) | s->mapping | ~s->counts;
}

#define FREE_CHECK_FLAGS	PAGE_FLAGS_CHECK_AT_FREE
#define ALLOC_CHECK_FLAGS	(PAGE_FLAGS_CHECK_AT_FREE & ~(1UL << PG_private))

/* Why page cannot be freed (its count already dropped to 0), or NULL. */
static const char *free_page_problem(const struct page *page)
{
	if (page_mapped(page))
		return "page still mapped by page tables";
	if (page->mapping)
		return "page still has a mapping";
	if (page_count(page) != 0)
		return "page still has users (non-zero count)";
	if (PageHead(page))
		return "block freed with too small an order (it was allocated larger)";
	if (page->flags & PAGE_FLAGS_CHECK_AT_FREE)
		return "page flags not clean";
	return NULL;
}

/* A free page must look free when it is taken from the free lists. */
static const char *alloc_page_problem(const struct page *page)
{
	if (page_mapped(page) || page->mapping)
		return "free page is mapped";
	if (page_count(page) != 0)
		return "free page has users (non-zero count)";
	if (page->flags & ALLOC_CHECK_FLAGS)
		return "free page has flags set";
	return NULL;
}

/*
 * An allocated block of 2^order > 1 pages is marked: its first page has
 * PG_head, the others a tag naming their head (as the tails of Linux's
 * compound pages point to theirs). Freeing checks both, so a block freed
 * with too large or too small an order, or a page freed out of the middle
 * of a block, is caught before any page could be freed twice.
 */

static void tag_block_tails(struct page *page, unsigned int order)
{
	unsigned long tag = BLOCK_TAIL_TAG(page_to_pfn(page)), i;

	SetPageHead(page);
	for (i = 1; i < (1UL << order); i++)
		page[i].private = tag;
}

/* Buddy bookkeeping: a free block's first page carries PG_private and its order. */
static inline void set_page_order(struct page *page, unsigned int order)
{
	page->private = order;
	SetPagePrivate(page);
}

static inline void rmv_page_order(struct page *page)
{
	ClearPagePrivate(page);
	page->private = 0;
}

/*
 * Put a block of 2^order free pages into the buddy system, merging it
 * with its buddy as long as the buddy is free, one order at a time.
 * Expects zone->lock held.
 */
static void __free_one_page(struct page *page, struct zone *zone, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);

	assert_spin_locked(&zone->lock);
	VM_BUG_ON(pfn & ((1UL << order) - 1));
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy;

		if (!page_is_buddy(zone, buddy_pfn, order))
			break;
		buddy = pfn_to_page(buddy_pfn);
		list_del(&buddy->lru);
		zone->free_area[order].nr_free--;
		rmv_page_order(buddy);
		pfn &= buddy_pfn;	/* the lower of the two starts the merged block */
		order++;
	}
	page = pfn_to_page(pfn);
	set_page_order(page, order);
	list_add(&page->lru, &zone->free_area[order].free_list);
	zone->free_area[order].nr_free++;
}

/*
 * Split a block of 2^high pages down to 2^low, giving the upper halves
 * back to the free lists (ULK's example: 256 pages wanted, a 1024 block
 * found: 512 go to order 9, 256 to order 8, the first 256 are used).
 */
static struct page *expand(struct zone *zone, struct page *page,
			   unsigned int low, unsigned int high)
{
	unsigned long size = 1UL << high;

	while (high > low) {
		high--;
		size >>= 1;
		list_add(&page[size].lru, &zone->free_area[high].free_list);
		zone->free_area[high].nr_free++;
		set_page_order(&page[size], high);
	}
	return page;
}

/* Take a block of 2^order pages from the smallest free list that has one. Expects zone->lock. */
static struct page *__rmqueue(struct zone *zone, unsigned int order)
{
	unsigned int current_order;

	assert_spin_locked(&zone->lock);
	for (current_order = order; current_order < MAX_ORDER; current_order++) {
		struct free_area *area = &zone->free_area[current_order];
		struct page *page;

		if (list_empty(&area->free_list))
			continue;
		page = list_first_entry(&area->free_list, struct page, lru);
		list_del(&page->lru);
		rmv_page_order(page);
		area->nr_free--;
		zone->free_pages -= 1UL << order;
		return expand(zone, page, order, current_order);
	}
	return NULL;
}

/* Move up to count blocks from the buddy system onto list. Returns how many. */
static int rmqueue_bulk(struct zone *zone, unsigned int order, int count,
			struct list_head *list)
{
	unsigned long flags;
	int i;

	spin_lock_irqsave(&zone->lock, flags);
	for (i = 0; i < count; i++) {
		struct page *page = __rmqueue(zone, order);

		if (!page)
			break;
		list_add_tail(&page->lru, list);
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	return i;
}

/* Give up to count blocks from the tail of list back to the buddy system. */
static int free_pages_bulk(struct zone *zone, int count, struct list_head *list,
			   unsigned int order)
{
	unsigned long flags;
	int freed = 0;

	spin_lock_irqsave(&zone->lock, flags);
	while (!list_empty(list) && freed < count) {
		struct page *page = list_last_entry(list, struct page, lru);

		list_del(&page->lru);
		__free_one_page(page, zone, order);
		freed++;
	}
	zone->free_pages += (unsigned long)freed << order;
	spin_unlock_irqrestore(&zone->lock, flags);
	wake_page_waiters();
	return freed;
}

/*
 * The checks of a block about to be freed, done slowly, to report the
 * first bad page; free_block_check() comes here when its quick test
 * failed. Returns 1 if the block must not be freed (reported), else 0
 * with the block's marks cleared.
 */
static noinline int free_block_check_slow(struct page *page, unsigned int order,
					  const char *function)
{
	unsigned long pfn = page_to_pfn(page), i;
	struct zone *zone = page_zone(page);

	if (pfn & ((1UL << order) - 1)) {
		bad_page(function, page, "block not aligned to its order");
		return 1;
	}
	if (!pfn_in_zone(zone, pfn + (1UL << order) - 1)) {
		bad_page(function, page, "block crosses the end of its zone");
		return 1;
	}
	/* The page after the block still tagged with our head: the block was larger. */
	if (pfn_in_zone(zone, pfn + (1UL << order)) &&
	    page[1UL << order].private == BLOCK_TAIL_TAG(pfn) && !PagePrivate(page + (1UL << order))) {
		bad_page(function, page, "block freed with too small an order (it was allocated larger)");
		return 1;
	}
	if (order) {
		if (!PageHead(page)) {
			bad_page(function, page, "not the head of an allocated block (wrong order?)");
			return 1;
		}
		ClearPageHead(page);
	}
	for (i = 0; i < (1UL << order); i++) {
		const char *why = free_page_problem(page + i);

		if (!why && i && page[i].private != BLOCK_TAIL_TAG(pfn))
			why = "page is not part of this block (wrong order?)";
		if (why) {
			bad_page(function, page + i, i ? "the block's pages disagree" : why);
			if (i)
				printk(KERN_EMERG "  (freeing order %u at pfn %#lx: page %lu: %s)\n",
				       order, pfn, i, why);
			if (order)
				SetPageHead(page);
			return 1;
		}
	}
	for (i = 1; i < (1UL << order); i++)
		page[i].private = 0;
	return 0;
}

/*
 * Check every page of a block about to be freed (its head's count
 * already 0): aligned to its order and inside its zone; allocated with
 * this order (PG_head on the head, every other page tagged with it, the
 * page after the block not); every page clean (block_state_add()). On
 * success the marks are cleared and 0 returned; else the slow checks
 * find the first bad page and report it (1: do not free). One pass
 * over the pages when all is well, which is every time but a bug's;
 * for the per-CPU orders, whose order is a constant here, unrolled.
 */
static __always_inline int free_block_check(struct page *page, unsigned int order,
					    const char *function)
{
	unsigned long pfn = page_to_pfn(page), n = 1UL << order, tag = BLOCK_TAIL_TAG(pfn), i;
	const struct zone *zone = page_zone(page);
	unsigned long end = zone->zone_start_pfn + zone->spanned_pages;
	struct block_state tails = BLOCK_STATE_INIT;
	unsigned long tags_and = tag, tags_or = tag;	/* all tails tagged: both stay tag */

	if (unlikely((pfn & (n - 1)) || pfn < zone->zone_start_pfn || pfn + n > end))
		return free_block_check_slow(page, order, function);
	/* The head: PG_head if it heads a block, and nothing else. */
	if (unlikely(page_state_bad(page, 0) ||
		     ((page->flags ^ (order ? 1UL << PG_head : 0)) & FREE_CHECK_FLAGS)))
		return free_block_check_slow(page, order, function);
#pragma GCC unroll 8
	for (i = 1; i < n; i++) {
		block_state_add(&tails, page + i);
		tags_and &= page[i].private;
		tags_or |= page[i].private;
	}
	if (unlikely(block_state_bad(&tails, FREE_CHECK_FLAGS) | (tags_and ^ tag) |
		     (tags_or ^ tag)) ||
	    unlikely(pfn + n < end && page[n].private == tag && !PagePrivate(page + n)))
		return free_block_check_slow(page, order, function);
	barrier();	/* as prep_block(): no values kept from the check */
	if (order) {
		ClearPageHead(page);
#pragma GCC unroll 8
		for (i = 1; i < n; i++)
			page[i].private = 0;
	}
	return 0;
}

/* Put a checked block into the buddy system: __free_one_page() under zone->lock. */
static void free_one_page(struct zone *zone, struct page *page, unsigned int order)
{
	unsigned long flags;

	spin_lock_irqsave(&zone->lock, flags);
	__free_one_page(page, zone, order);
	zone->free_pages += 1UL << order;
	spin_unlock_irqrestore(&zone->lock, flags);
	wake_page_waiters();
}

/*
 * Free a block (its head's count is already 0). A block that fails the
 * checks is not freed at all: its head gets its reference back and the
 * block stays allocated, so a bad free never puts a page that is still
 * in use into the free lists.
 */
void __free_pages_ok(struct page *page, unsigned int order)
{
	if (free_block_check(page, order, __func__)) {
		set_page_count(page, 1);	/* still allocated, as it was */
		return;
	}
	free_one_page(page_zone(page), page, order);
}

/* A single page that may not be freed: report why; it stays allocated. Out of the fast path. */
static noinline void bad_free_one(struct page *page, int cold)
{
	bad_page(cold ? "free_cold_page" : "free_hot_page", page, free_page_problem(page));
	set_page_count(page, 1);
}

/*
 * Free one page onto this CPU's hot or cold list. Hot pages go to the
 * head, to be handed out next while still in the cache; cold pages to
 * the tail of the cold list. A full list gives a batch back first.
 */
static __always_inline void free_hot_cold_page(struct page *page, int cold)
{
	struct zone *zone = page_zone(page);
	struct per_cpu_pageset *pset = &zone->pageset[0];
	struct per_cpu_pages *pcp = &pset->pcp[pcp_index(0, cold)];
	unsigned long flags;

	if (page_state_bad(page, FREE_CHECK_FLAGS)) {
		bad_free_one(page, cold);
		return;
	}
	count_vm_event(PGFREE);
	local_irq_save(flags);
	if (unlikely(pcp->count >= pcp->high)) {
		if (percpu_pagelists_disabled) {
			local_irq_restore(flags);
			free_one_page(zone, page, 0);
			return;
		}
		pcp->count -= free_pages_bulk(zone, pcp->batch, &pcp->list, 0);
		pset->drains++;
	}
	if (cold)
		list_add_tail(&page->lru, &pcp->list);
	else
		list_add(&page->lru, &pcp->list);
	pcp->count++;
	local_irq_restore(flags);
}

/*
 * Free a block of 2^order pages, 1 <= order <= PCP_MAX_ORDER, onto this
 * CPU's list of its order (beyond 2.6: include/mmzone.h), after the
 * same checks as __free_pages_ok()'s. Freed last, handed out first;
 * a full list gives its oldest batch back to the buddy system.
 */
static __always_inline void free_pcp_block(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	struct per_cpu_pageset *pset = &zone->pageset[0];
	struct per_cpu_pages *pcp = &pset->pcp[pcp_index(order, 0)];
	unsigned long flags;

	if (free_block_check(page, order, __func__)) {
		set_page_count(page, 1);	/* still allocated, as it was */
		return;
	}
	local_irq_save(flags);
	if (unlikely(pcp->count >= pcp->high)) {
		if (percpu_pagelists_disabled) {
			local_irq_restore(flags);
			free_one_page(zone, page, order);
			return;
		}
		pcp->count -= free_pages_bulk(zone, pcp->batch, &pcp->list, order);
		pset->drains++;
	}
	list_add(&page->lru, &pcp->list);
	pcp->count++;
	local_irq_restore(flags);
}

/*
 * __free_pages() of a block of more than one page, out of its order-0
 * fast path: the per-CPU orders each get their own copy of
 * free_pcp_block(), their page loops unrolled.
 */
static noinline void free_pages_order(struct page *page, unsigned int order)
{
	BUILD_BUG_ON(PCP_MAX_ORDER != 3);	/* one case per per-CPU order */
	count_vm_events(PGFREE, 1UL << order);
	switch (order) {
	case 1:
		free_pcp_block(page, 1);
		break;
	case 2:
		free_pcp_block(page, 2);
		break;
	case 3:
		free_pcp_block(page, 3);
		break;
	default:
		__free_pages_ok(page, order);
	}
}

void fastcall free_hot_page(struct page *page)
{
	free_hot_cold_page(page, 0);
}

void fastcall free_cold_page(struct page *page)
{
	free_hot_cold_page(page, 1);
}

static void prep_zero_page(struct page *page, unsigned int order)
{
	unsigned long i;

	for (i = 0; i < (1UL << order); i++)
		clear_highpage(page + i);
}

/*
 * Give back to the buddy system the pages of the block [pfn, pfn +
 * 2^order) that look free, in the largest aligned blocks that hold no
 * bad page; take each bad page out of circulation: PG_reserved, so no
 * free path accepts it and no buddy merges with it, and counted in
 * zone->nr_bad_pages. Expects zone->lock held.
 */
static void free_good_parts(struct zone *zone, unsigned long pfn, unsigned int order)
{
	unsigned long i, n = 1UL << order;

	for (i = 0; i < n; i++)
		if (page_state_bad(pfn_to_page(pfn + i), ALLOC_CHECK_FLAGS))
			break;
	if (i == n) {
		__free_one_page(pfn_to_page(pfn), zone, order);
		zone->free_pages += n;
	} else if (!order) {
		SetPageReserved(pfn_to_page(pfn));
		zone->nr_bad_pages++;
	} else {
		free_good_parts(zone, pfn, order - 1);
		free_good_parts(zone, pfn + n / 2, order - 1);
	}
}

/*
 * A block just taken from the free lists holds pages that do not look
 * free: written to while free, or freed while still in use by someone.
 * Handing such a page out would give one page to two owners. Each bad
 * page is reported (bad_page() names it) and retired, the rest of the
 * block goes back; the caller takes another block (as Linux's
 * prep_new_page() failing makes buffered_rmqueue() try again).
 */
static noinline void bad_new_block(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	unsigned long flags, i;

	for (i = 0; i < (1UL << order); i++)
		if (page_state_bad(page + i, ALLOC_CHECK_FLAGS))
			bad_page("prep_new_page", page + i, alloc_page_problem(page + i));
	spin_lock_irqsave(&zone->lock, flags);
	free_good_parts(zone, page_to_pfn(page), order);
	spin_unlock_irqrestore(&zone->lock, flags);
}

/* The flags 2.6's prep_new_page() clears: left from the page's previous life. */
#define PREP_CLEAR_FLAGS	((1UL << PG_referenced) | (1UL << PG_uptodate) | \
				 (1UL << PG_error) | (1UL << PG_checked))

/*
 * Check a block of more than one page just taken from the free lists
 * (block_state_add() of every page, tested once) and mark it as
 * tag_block_tails() does, clearing stale flags in the same pass.
 * Returns non-zero if a page is bad (then nothing was changed).
 */
static __always_inline unsigned long prep_block(struct page *page, unsigned int order)
{
	unsigned long n = 1UL << order, tag = BLOCK_TAIL_TAG(page_to_pfn(page)), bad, i;
	struct block_state pages = BLOCK_STATE_INIT;

#pragma GCC unroll 8
	for (i = 0; i < n; i++)
		block_state_add(&pages, page + i);
	bad = block_state_bad(&pages, ALLOC_CHECK_FLAGS);
	if (unlikely(bad))
		return bad;
	barrier();	/* each flags word updated in place, not kept in a register since the check */
	page->flags = (page->flags & ~PREP_CLEAR_FLAGS) | (1UL << PG_head);
	page->private = 0;
#pragma GCC unroll 8
	for (i = 1; i < n; i++) {
		page[i].flags &= ~PREP_CLEAR_FLAGS;
		page[i].private = tag;
	}
	return 0;
}

/*
 * Make a block just taken from the free lists ready for its user: each
 * page checked and its stale flags cleared; a block of more than one
 * page marked (prep_block(); the per-CPU orders get their own unrolled
 * copies). Returns 1 if it holds a bad page: then it was not handed
 * out (see bad_new_block()) and the caller must take another.
 */
static __always_inline int prep_new_page(struct page *page, unsigned int order, gfp_t gfp_mask)
{
	if (likely(order == 0)) {
		if (unlikely(page_state_bad(page, ALLOC_CHECK_FLAGS)))
			goto bad;
		page->flags &= ~PREP_CLEAR_FLAGS;
		page->private = 0;
	} else {
		unsigned long bad;

		BUILD_BUG_ON(PCP_MAX_ORDER != 3);	/* one case per per-CPU order */
		switch (order) {
		case 1:
			bad = prep_block(page, 1);
			break;
		case 2:
			bad = prep_block(page, 2);
			break;
		case 3:
			bad = prep_block(page, 3);
			break;
		default:
			bad = prep_block(page, order);
		}
		if (unlikely(bad))
			goto bad;
	}
	set_page_count(page, 1);
	if (unlikely(gfp_mask & __GFP_ZERO))
		prep_zero_page(page, order);
	return 0;
bad:
	bad_new_block(page, order);
	return 1;
}

static noinline struct page *rmqueue_again(struct page *bad, unsigned int order,
					   gfp_t gfp_mask);

/* buffered_rmqueue() found its caller with interrupts off: may the request sleep? */
static noinline void rmqueue_might_sleep(gfp_t gfp_mask)
{
	if ((gfp_mask & __GFP_WAIT) && !preempt_count())	/* else reported on entry */
		__might_sleep_irqs(__FILE__, __LINE__, 1);
}

/*
 * Take 2^order pages from one zone. Blocks of up to PCP_MAX_ORDER come
 * from the per-CPU list of their order (single pages: of the right
 * temperature), refilled from the buddy system by `batch` blocks when
 * it runs down to `low`. Whether the caller of a __GFP_WAIT request has
 * interrupts off is checked here, where the flag is read anyway
 * (include/preempt.h; preempt_count() in __alloc_pages()).
 */
static __always_inline struct page *buffered_rmqueue(struct zone *zone, unsigned int order,
						     gfp_t gfp_mask)
{
	struct page *page = NULL;
	unsigned long flags;

	if (order <= PCP_MAX_ORDER) {
		struct per_cpu_pageset *pset = &zone->pageset[0];
		struct per_cpu_pages *pcp = order ? &pset->pcp[pcp_index(order, 0)] :
					    likely(!(gfp_mask & __GFP_COLD)) ? &pset->pcp[PCP_HOT] :
					    &pset->pcp[PCP_COLD];

		local_irq_save(flags);
		if (unlikely(irqs_disabled_flags(flags)))
			rmqueue_might_sleep(gfp_mask);
		if (unlikely(pcp->count <= pcp->low) && !percpu_pagelists_disabled) {
			pcp->count += rmqueue_bulk(zone, order, pcp->batch, &pcp->list);
			pset->refills++;
		}
		if (likely(pcp->count)) {
			page = list_first_entry(&pcp->list, struct page, lru);
			/* No poisoning: lru is the new owner's field from here on. */
			__list_del(page->lru.prev, page->lru.next);
			pcp->count--;
		}
		local_irq_restore(flags);
	}
	if (!page) {
		local_irq_save(flags);
		if (order > PCP_MAX_ORDER && unlikely(irqs_disabled_flags(flags)))
			rmqueue_might_sleep(gfp_mask);
		spin_lock(&zone->lock);
		page = __rmqueue(zone, order);
		spin_unlock_irqrestore(&zone->lock, flags);
	}
	if (page && unlikely(prep_new_page(page, order, gfp_mask)))
		return rmqueue_again(page, order, gfp_mask);	/* that one is out of circulation */
	if (page)
		count_vm_events(PGALLOC_DMA + page_zonenum(page), 1UL << order);
	return page;
}

/* The block taken from bad's zone held a bad page: take another (no new might_sleep() report). */
static noinline struct page *rmqueue_again(struct page *bad, unsigned int order, gfp_t gfp_mask)
{
	return buffered_rmqueue(page_zone(bad), order, gfp_mask & ~__GFP_WAIT);
}

/*
 * May zone z give 2^order pages and keep `mark` free (ULK 8.1.7,
 * zone_watermark_ok)? The pages kept back for lower zones
 * (lowmem_reserve) count against it; atomic and high-priority requests
 * may dig deeper. Above order 0, the pages in smaller blocks are useless
 * for this request: each order must leave half as much in larger blocks.
 */
static __always_inline int __zone_watermark_ok(struct zone *z, unsigned int order,
					       unsigned long mark, int classzone_idx,
					       int can_try_harder, int gfp_high)
{
	long min = mark, free_pages = (long)z->free_pages - (1L << order) + 1;
	unsigned int o;

	if (gfp_high)
		min -= min / 2;
	if (can_try_harder)
		min -= min / 4;
	if (free_pages <= min + (long)z->lowmem_reserve[classzone_idx])
		return 0;
	for (o = 0; o < order; o++) {
		free_pages -= (long)z->free_area[o].nr_free << o;
		min >>= 1;
		if (free_pages <= min)
			return 0;
	}
	return 1;
}

int zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		      int classzone_idx, int can_try_harder, int gfp_high)
{
	return __zone_watermark_ok(z, order, mark, classzone_idx, can_try_harder, gfp_high);
}

enum watermark { WMARK_LOW, WMARK_MIN };

static __always_inline struct page *get_page_from_zonelist(gfp_t gfp_mask, unsigned int order,
							  struct zonelist *zonelist,
							  enum watermark wm)
{
	int classzone_idx = zonelist->classzone_idx;
	int can_try_harder = !(gfp_mask & __GFP_WAIT);
	struct zone **z;

	for (z = zonelist->zones; *z; z++) {
		struct zone *zone = *z;
		struct page *page;

		if (wm == WMARK_LOW) {
			if (!__zone_watermark_ok(zone, order, zone->pages_low, classzone_idx, 0, 0))
				continue;
		} else if (!__zone_watermark_ok(zone, order, zone->pages_min, classzone_idx,
						can_try_harder, !!(gfp_mask & __GFP_HIGH))) {
			continue;
		}
		page = buffered_rmqueue(zone, order, gfp_mask);
		if (page)
			return page;
	}
	return NULL;
}

/*
 * The heart of the zoned allocator (ULK 8.1.6-8.1.7):
 *   1. every zone of the list, keeping pages_low free;
 *   2. (kswapd will be woken here, once reclaim exists)
 *   3. again keeping only pages_min, less for atomic (no __GFP_WAIT)
 *      and __GFP_HIGH requests: they may use the reserved pool;
 *   4. (direct reclaim, try_to_free_pages(), will run here for
 *      __GFP_WAIT requests, then step 3 again)
 *   5. give the per-CPU lists back to the buddy system and try once
 *      more: they may hold the pages, or the halves of a block, we lack;
 *   6. __GFP_NOFAIL: sleep until pages are freed and go back to 3,
 *      forever (the OOM killer will be called here once it exists);
 *      fault injection fails its first NOFAIL_MAX_INJECTED attempts
 *      at most, so that it runs this loop but still ends;
 *   7. fail, with a warning unless __GFP_NOWARN.
 * A __GFP_WAIT request may sleep: its caller is checked as might_sleep()
 * would, in two halves (alloc_slow_checks(), rmqueue_might_sleep()).
 */
static noinline struct page *__alloc_pages_slowpath(gfp_t gfp_mask, unsigned int order,
						     struct zonelist *zonelist, bool injected);

/*
 * fail_page_alloc's verdict on this attempt. Exempt: __GFP_NOFAULT
 * requests, and __GFP_NOFAIL ones that cannot wait (they could only
 * fail). A __GFP_NOFAIL request that may wait is failed on its first
 * NOFAIL_MAX_INJECTED attempts at most (__alloc_pages_slowpath()).
 */
static __always_inline bool alloc_should_fail(gfp_t gfp_mask)
{
	return unlikely(fail_page_alloc.interval) && !(gfp_mask & __GFP_NOFAULT) &&
	       (gfp_mask & (__GFP_NOFAIL | __GFP_WAIT)) != __GFP_NOFAIL &&
	       should_fail(&fail_page_alloc);
}

/*
 * Fault injection armed or the caller in atomic context: the two rare
 * cases share one test in __alloc_pages(). Returns whether this attempt
 * must fail (injected).
 */
static noinline bool alloc_slow_checks(gfp_t gfp_mask)
{
	might_sleep_if(gfp_mask & __GFP_WAIT);
	return alloc_should_fail(gfp_mask);
}

/*
 * __alloc_pages() of a block of more than one page, after its checks:
 * the per-CPU orders each get their own copy of the fast path (the
 * watermark test and the page loops unrolled), the others one more.
 */
static noinline struct page *alloc_pages_order(gfp_t gfp_mask, unsigned int order,
					       struct zonelist *zonelist)
{
	struct page *page;

	BUILD_BUG_ON(PCP_MAX_ORDER != 3);	/* one case per per-CPU order */
	switch (order) {
	case 1:
		page = get_page_from_zonelist(gfp_mask, 1, zonelist, WMARK_LOW);
		break;
	case 2:
		page = get_page_from_zonelist(gfp_mask, 2, zonelist, WMARK_LOW);
		break;
	case 3:
		page = get_page_from_zonelist(gfp_mask, 3, zonelist, WMARK_LOW);
		break;
	default:
		page = get_page_from_zonelist(gfp_mask, order, zonelist, WMARK_LOW);
	}
	if (likely(page))
		return page;
	return __alloc_pages_slowpath(gfp_mask, order, zonelist, false);
}

struct page * fastcall __alloc_pages(gfp_t gfp_mask, unsigned int order, struct zonelist *zonelist)
{
	struct page *page;

	if (unlikely(order >= MAX_ORDER))
		return NULL;
	if (unlikely(!zonelist->zones[0])) {
		if (!(gfp_mask & __GFP_NOWARN))
			printk(KERN_WARNING "page allocation failure: no zone of this machine "
			       "can serve mode %#x\n", gfp_mask);
		return NULL;
	}
	/* An injected failure: __GFP_NOFAIL requests wait and retry like real ones. */
	if (unlikely(fail_page_alloc.interval | preempt_count()) && alloc_slow_checks(gfp_mask))
		return __alloc_pages_slowpath(gfp_mask, order, zonelist, true);
	/*
	 * Order 0 gets its own copy of the fast path, with the order
	 * arithmetic folded away; larger blocks theirs, out of line.
	 */
	if (unlikely(order))
		return alloc_pages_order(gfp_mask, order, zonelist);
	page = get_page_from_zonelist(gfp_mask, 0, zonelist, WMARK_LOW);
	if (likely(page))
		return page;
	return __alloc_pages_slowpath(gfp_mask, 0, zonelist, false);
}

/*
 * A __GFP_NOFAIL request found nothing: sleep until pages come back to
 * the buddy system, NOFAIL_RETRY_WAIT at most.
 */
static void wait_for_free_pages(void)
{
	DEFINE_WAIT(wait);

	prepare_to_wait(&page_freed_wait, &wait, TASK_UNINTERRUPTIBLE);
	schedule_timeout(NOFAIL_RETRY_WAIT);
	finish_wait(&page_freed_wait, &wait);
}

/* Below pages_low, or an injected failure: the deeper passes of __alloc_pages(). */
static noinline struct page *__alloc_pages_slowpath(gfp_t gfp_mask, unsigned int order,
						     struct zonelist *zonelist, bool injected)
{
	unsigned int nr_injected = injected;
	struct page *page;

	for (;;) {
		if (!injected) {
			/* Reclaim hook: wakeup_kswapd() for each zone of the list. */
			page = get_page_from_zonelist(gfp_mask, order, zonelist, WMARK_MIN);
			if (page)
				return page;
			/* Reclaim hook: if (gfp_mask & __GFP_WAIT) try_to_free_pages(), then retry. */
			drain_local_pages();
			page = get_page_from_zonelist(gfp_mask, order, zonelist, WMARK_MIN);
			if (page)
				return page;
		}
		if (!(gfp_mask & __GFP_NOFAIL))
			break;
		/* A request that may not sleep cannot wait for memory: it fails as an atomic one. */
		if (WARN_ON_ONCE(!(gfp_mask & __GFP_WAIT)))
			break;
		/*
		 * __GFP_NOFAIL: never give up (2.6.11 loops back to "rebalance").
		 * The OOM killer, out_of_memory(gfp_mask), will be called here
		 * once it exists, when reclaim made no progress.
		 */
		nr_nofail_retries++;
		wait_for_free_pages();
		/*
		 * Injection exercises this loop, but only its first attempts:
		 * under fail_page_alloc=1 without a limit, failing them all
		 * would keep a request that memory could serve waiting forever.
		 */
		injected = nr_injected < NOFAIL_MAX_INJECTED && alloc_should_fail(gfp_mask);
		nr_injected += injected;
	}

	if (!(gfp_mask & __GFP_NOWARN)) {
		if (injected) {
			printk(KERN_WARNING "page allocation failure. order:%u, mode:%#x "
			       "(injected by fail_page_alloc)\n", order, gfp_mask);
		} else {
			printk(KERN_WARNING "page allocation failure. order:%u, mode:%#x "
			       "(zone %s first)\n", order, gfp_mask, zonelist->zones[0]->name);
			dump_stack();
		}
	}
	return NULL;
}

unsigned long fastcall __get_free_pages(gfp_t gfp_mask, unsigned int order)
{
	struct page *page;

	/* High pages have no permanent address to return. */
	if (WARN(gfp_mask & __GFP_HIGHMEM, "__get_free_pages() cannot return high memory\n"))
		return 0;
	page = alloc_pages(gfp_mask, order);
	return page ? (unsigned long)page_address(page) : 0;
}

unsigned long fastcall get_zeroed_page(gfp_t gfp_mask)
{
	return __get_free_pages(gfp_mask | __GFP_ZERO, 0);
}

/* Inside an allocated block: a tail tag naming a head that is allocated and covers it. */
static bool page_in_allocated_block(struct page *page)
{
	unsigned long pfn = page_to_pfn(page), head_pfn = page->private - 1;

	return page->private && !PagePrivate(page) && head_pfn < pfn && pfn_valid(head_pfn) &&
	       PageHead(pfn_to_page(head_pfn)) && page_count(pfn_to_page(head_pfn)) > 0;
}

static noinline void bad_free(struct page *page)
{
	if (PageReserved(page))
		bad_page("__free_pages", page, "freeing a reserved page");
	else if (page_in_allocated_block(page))
		bad_page("__free_pages", page, "freeing a page from the middle of a block");
	else
		bad_page("__free_pages", page, "freeing a free page (double free?)");
}

/*
 * Drop a reference to a block of 2^order pages; the last one frees it.
 * Freeing a reserved page, a page from the middle of a block or one that
 * is already free is reported (bad_free()) and otherwise ignored.
 */
void fastcall __free_pages(struct page *page, unsigned int order)
{
	if (unlikely(PageReserved(page) || page_count(page) == 0)) {
		bad_free(page);
		return;
	}
	if (!atomic_add_negative(-1, &page->_count))	/* put_page_testzero() */
		return;
	if (likely(order == 0))
		free_hot_cold_page(page, 0);
	else
		free_pages_order(page, order);
}

void fastcall free_pages(unsigned long addr, unsigned int order)
{
	if (!addr)
		return;
	if (!virt_addr_valid(addr)) {
		printk(KERN_ERR "free_pages: %#lx is not a page of the direct map\n", addr);
		WARN_ON(1);
		return;
	}
	__free_pages(virt_to_page(addr), order);
}

/*
 * Drop a reference to a page in use (2.6.11's put_page): a reserved
 * page -- the zero page get_user_pages() hands out -- is never counted
 * nor freed, so it is left alone; __free_pages() still reports one.
 */
void put_page(struct page *page)
{
	if (PageReserved(page))
		return;
	__free_pages(page, 0);
}

/*
 * Switch the per-CPU lists off (benchmarks compare the two paths, tests
 * exercise both). Off, the lists stay empty and their thresholds send
 * every request and free of their orders down the slow branch, where
 * the flag is read: the fast path pays nothing for the switch.
 */
void set_percpu_pagelists(bool enabled)
{
	struct zone *zone;
	unsigned long flags;

	/*
	 * Interrupts off from the drain to the new, empty lists: a page an
	 * interrupt handler freed onto a list in between would be lost
	 * when the list is re-initialised.
	 */
	local_irq_save(flags);
	drain_local_pages();
	percpu_pagelists_disabled = !enabled;
	for_each_zone(zone) {
		zone_pcp_init(zone);
		if (!enabled) {
			int i;

			for (i = 0; i < NR_PCP_LISTS; i++) {
				zone->pageset[0].pcp[i].low = 0x7fffffff;
				zone->pageset[0].pcp[i].high = 0;
			}
		}
	}
	local_irq_restore(flags);
}

/* Empty every per-CPU list of this CPU, every order's, into the buddy system. */
void drain_local_pages(void)
{
	struct zone *zone;
	unsigned long flags;

	local_irq_save(flags);
	for_each_zone(zone) {
		struct per_cpu_pageset *pset = &zone->pageset[0];
		unsigned int i;

		for (i = 0; i < NR_PCP_LISTS; i++) {
			struct per_cpu_pages *pcp = &pset->pcp[i];

			if (pcp->count) {
				pcp->count -= free_pages_bulk(zone, pcp->count, &pcp->list,
							      pcp_order(i));
				pset->drains++;
			}
		}
	}
	local_irq_restore(flags);
}

/*
 * Boot: hand page frames [start_pfn, end_pfn) to the buddy system in
 * the largest naturally aligned blocks that fit. The pages come out of
 * mem_map reserved with a count of 1 (memmap_init_zone()).
 */
unsigned long free_pages_range(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long pfn = start_pfn;

	while (pfn < end_pfn) {
		struct zone *zone = page_zone(pfn_to_page(pfn));
		unsigned long end = min(end_pfn, zone->zone_start_pfn + zone->spanned_pages);
		unsigned int order = MAX_ORDER - 1;
		unsigned long i;

		/* Aligned, inside the range, and inside one zone: buddies never cross zones. */
		while ((pfn & ((1UL << order) - 1)) || pfn + (1UL << order) > end)
			order--;
		for (i = 0; i < (1UL << order); i++) {
			struct page *p = pfn_to_page(pfn + i);

			ClearPageReserved(p);
			set_page_count(p, 0);
		}
		set_page_count(pfn_to_page(pfn), 1);
		if (order)
			tag_block_tails(pfn_to_page(pfn), order);
		totalram_pages += 1UL << order;
		if (PageHighmem(pfn_to_page(pfn)))
			totalhigh_pages += 1UL << order;
		__free_pages(pfn_to_page(pfn), order);
		pfn += 1UL << order;
	}
	return end_pfn > start_pfn ? end_pfn - start_pfn : 0;
}

unsigned long nr_free_pages(void)
{
	struct zone *zone;
	unsigned long sum = 0;

	for_each_zone(zone)
		sum += zone->free_pages;
	return sum;
}

unsigned long nr_free_highpages(void)
{
	return contig_page_data.node_zones[ZONE_HIGHMEM].free_pages;
}

/* Free pages in the zones a GFP_KERNEL request may use, minus their reserves. */
unsigned long nr_free_buffer_pages(void)
{
	struct zone **z = contig_page_data.node_zonelists[0].zones;
	unsigned long sum = 0;

	for (; *z; z++)
		if ((*z)->free_pages > (*z)->pages_high)
			sum += (*z)->free_pages - (*z)->pages_high;
	return sum;
}
