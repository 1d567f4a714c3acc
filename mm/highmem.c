/*
 * Permanent kernel mappings of high memory (ULK 8.1.6; Linux 2.6's
 * mm/highmem.c). The temporary ones, kmap_atomic(), live in the fixmap
 * and so with the architecture: arch/x86/mm/highmem_32.c.
 *
 * kmap() takes one of LAST_PKMAP slots of the pkmap window, counted in
 * pkmap_count[]:
 *
 *   0   free: no mapping, no stale TLB entry
 *   1   no user, but the TLB may still hold the old mapping: reusable
 *       only after flush_all_zero_pkmaps() (one TLB flush for all)
 *   n>1 mapped, n - 1 users
 *
 * A page's current pkmap address is found through a small hash table
 * (page_address()). When every slot is in use, kmap() sleeps on
 * pkmap_map_wait until a kunmap() frees one.
 */
#include <kernel.h>
#include <bug.h>
#include <highmem.h>
#include <init.h>
#include <list.h>
#include <mm.h>
#include <sched.h>
#include <spinlock.h>
#include <wait.h>
#include <asm/highmem.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include "internal.h"

#define LAST_PKMAP_MASK		(LAST_PKMAP - 1)
#define PKMAP_NR(virt)		(((virt) - PKMAP_BASE) >> PAGE_SHIFT)
#define PKMAP_ADDR(nr)		(PKMAP_BASE + ((unsigned long)(nr) << PAGE_SHIFT))

int pkmap_count[LAST_PKMAP];
static unsigned int last_pkmap_nr;
static DEFINE_SPINLOCK(kmap_lock);
static DECLARE_WAIT_QUEUE_HEAD(pkmap_map_wait);
unsigned long kmap_waits;		/* times a kmap() slept for a slot */
unsigned long pkmap_flushes;		/* TLB flushes of the pkmap window */

/*
 * page -> virtual address of the high pages kmap()ed now: a hash of
 * lists, one entry per slot (at most LAST_PKMAP entries in use).
 */
struct page_address_map {
	struct page *page;
	void *virtual;
	struct list_head list;
};
static struct page_address_map page_address_maps[LAST_PKMAP];
static struct list_head page_address_htable[1 << PA_HASH_ORDER];

static struct list_head *page_slot(const struct page *page)
{
	return &page_address_htable[(page_to_pfn(page) * PA_HASH_MULT >> PA_HASH_SHIFT) &
				    ((1 << PA_HASH_ORDER) - 1)];
}

/* The pkmap address of a high page, or NULL. Expects kmap_lock (or a stable page). */
static void *pkmap_address(const struct page *page)
{
	struct page_address_map *pam;

	list_for_each_entry(pam, page_slot(page), list)
		if (pam->page == page)
			return pam->virtual;
	return NULL;
}

/* Record (virtual != NULL) or forget a page's pkmap address. Expects kmap_lock. */
static void set_page_address(struct page *page, void *virtual)
{
	if (virtual) {
		struct page_address_map *pam = &page_address_maps[PKMAP_NR((unsigned long)virtual)];

		pam->page = page;
		pam->virtual = virtual;
		list_add_tail(&pam->list, page_slot(page));
	} else {
		struct page_address_map *pam;

		list_for_each_entry(pam, page_slot(page), list) {
			if (pam->page == page) {
				list_del(&pam->list);
				return;
			}
		}
	}
}

/*
 * The address of a page in the kernel's address space: low pages are in
 * the direct map; a high page has one only while kmap()ed.
 */
void *page_address(const struct page *page)
{
	unsigned long flags;
	void *ret;

	if (!PageHighmem(page))
		return lowmem_page_address(page);
	spin_lock_irqsave(&kmap_lock, flags);
	ret = pkmap_address(page);
	spin_unlock_irqrestore(&kmap_lock, flags);
	return ret;
}

/*
 * Every slot with a count of 1 (unused, its mapping maybe in the TLB)
 * is cleared and becomes free; then one TLB flush covers them all.
 * Expects kmap_lock.
 */
static void flush_all_zero_pkmaps(void)
{
	int i, need_flush = 0;

	for (i = 0; i < LAST_PKMAP; i++) {
		struct page *page;

		if (pkmap_count[i] != 1)
			continue;
		pkmap_count[i] = 0;
		BUG_ON(pte_none(pkmap_page_table[i]));
		page = pfn_to_page(pte_pfn(pkmap_page_table[i]));
		pte_clear(&pkmap_page_table[i]);
		set_page_address(page, NULL);
		need_flush = 1;
	}
	if (need_flush) {
		__flush_tlb_global();	/* pkmap mappings are global */
		pkmap_flushes++;
	}
}

/*
 * A free slot for page, cycling from the last one used; after a full
 * turn, flush the unused ones; with none free, sleep until a kunmap().
 * Expects kmap_lock held, *flags the caller's saved interrupt flag
 * (the lock is dropped while sleeping).
 */
static unsigned long map_new_virtual(struct page *page, unsigned long *flags)
{
	unsigned long vaddr;
	int count;

start:
	count = LAST_PKMAP;
	for (;;) {
		last_pkmap_nr = (last_pkmap_nr + 1) & LAST_PKMAP_MASK;
		if (!last_pkmap_nr) {
			flush_all_zero_pkmaps();
			count = LAST_PKMAP;
		}
		if (!pkmap_count[last_pkmap_nr])
			break;		/* found a usable slot */
		if (--count)
			continue;
		/* Every slot is in use: wait for someone to kunmap(). */
		{
			DECLARE_WAITQUEUE(wait, current);

			__set_current_state(TASK_UNINTERRUPTIBLE);
			add_wait_queue(&pkmap_map_wait, &wait);
			kmap_waits++;
			spin_unlock_irqrestore(&kmap_lock, *flags);
			schedule();
			remove_wait_queue(&pkmap_map_wait, &wait);
			spin_lock_irqsave(&kmap_lock, *flags);
			/* Somebody else may have mapped our page meanwhile. */
			vaddr = (unsigned long)pkmap_address(page);
			if (vaddr)
				return vaddr;
			goto start;
		}
	}
	vaddr = PKMAP_ADDR(last_pkmap_nr);
	set_pte(&pkmap_page_table[last_pkmap_nr], pfn_pte(page_to_pfn(page), PAGE_KERNEL));
	pkmap_count[last_pkmap_nr] = 1;
	set_page_address(page, (void *)vaddr);
	return vaddr;
}

static void *kmap_high(struct page *page)
{
	unsigned long vaddr, flags;

	spin_lock_irqsave(&kmap_lock, flags);
	vaddr = (unsigned long)pkmap_address(page);
	if (!vaddr)
		vaddr = map_new_virtual(page, &flags);
	pkmap_count[PKMAP_NR(vaddr)]++;
	BUG_ON(pkmap_count[PKMAP_NR(vaddr)] < 2);
	spin_unlock_irqrestore(&kmap_lock, flags);
	return (void *)vaddr;
}

static void kunmap_high(struct page *page)
{
	unsigned long vaddr, nr, flags;
	int need_wakeup = 0;

	spin_lock_irqsave(&kmap_lock, flags);
	vaddr = (unsigned long)pkmap_address(page);
	if (!vaddr) {
		spin_unlock_irqrestore(&kmap_lock, flags);
		printk(KERN_ERR "kunmap: page %p (pfn %#lx) is not kmap()ed\n", page, page_to_pfn(page));
		WARN_ON(1);
		return;
	}
	nr = PKMAP_NR(vaddr);
	/* Count 1 is "unused": the mapping stays until the next flush. */
	switch (--pkmap_count[nr]) {
	case 0:
		BUG();
	case 1:
		need_wakeup = waitqueue_active(&pkmap_map_wait);
	}
	spin_unlock_irqrestore(&kmap_lock, flags);
	if (need_wakeup)
		wake_up(&pkmap_map_wait);
}

/* A permanent kernel address for page; may sleep. Low pages: their direct-map address. */
void *kmap(struct page *page)
{
	might_sleep();
	if (!PageHighmem(page))
		return lowmem_page_address(page);
	return kmap_high(page);
}

void kunmap(struct page *page)
{
	if (!PageHighmem(page))
		return;
	kunmap_high(page);
}

/* The page_address hash, empty: before the first kmap() (start_kernel()). */
void __init page_address_init(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(page_address_htable); i++)
		INIT_LIST_HEAD(&page_address_htable[i]);
}
