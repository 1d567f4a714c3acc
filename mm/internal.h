/*
 * Declarations private to mm/, grouped by the file that defines them.
 */
#ifndef _MM_INTERNAL_H
#define _MM_INTERNAL_H

#include <types.h>
#include <mm.h>
#include <gfp.h>

/* mm/page_alloc.c */
#define BLOCK_TAIL_TAG(head_pfn)	((head_pfn) + 1)	/* see tag_block_tails() */

static inline int pfn_in_zone(const struct zone *zone, unsigned long pfn)
{
	return pfn >= zone->zone_start_pfn &&
	       pfn < zone->zone_start_pfn + zone->spanned_pages;
}

/*
 * The buddy of the block of 2^order pages at pfn is the block whose
 * pfn differs in bit `order` only (ULK 8.1.7):
 *
 *     buddy_pfn = pfn ^ (1 << order)
 *
 *     order 2:  pfn 8 (0b1000)  <->  pfn 12 (0b1100)
 *     merged:   pfn 8 & ~(1 << 2) = 8, order 3
 *
 * It may merge with ours only if all of these hold:
 *   1. it is inside this zone (buddies never cross a zone boundary);
 *   2. its first page is the head of a free block (PG_private, count 0);
 *   3. that free block has the same order;
 *   4. it is not reserved (holes in RAM are reserved pages).
 */
static inline int page_is_buddy(const struct zone *zone, unsigned long buddy_pfn,
				unsigned int order)
{
	const struct page *buddy;

	if (!pfn_in_zone(zone, buddy_pfn))
		return 0;
	buddy = pfn_to_page(buddy_pfn);
	return PagePrivate(buddy) && page_count(buddy) == 0 &&
	       page_order(buddy) == order && !PageReserved(buddy);
}

void __free_pages_ok(struct page *page, unsigned int order);
int zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		      int classzone_idx, int can_try_harder, int gfp_high);
extern int percpu_pagelists_disabled;	/* read-only: use set_percpu_pagelists() */
void set_percpu_pagelists(bool enabled);
extern unsigned long nr_nofail_retries;	/* times a __GFP_NOFAIL request waited for pages */
/*
 * fail_page_alloc fails at most this many attempts of one __GFP_NOFAIL
 * request (its first ones): the retry loop runs under injection, and
 * the request still returns when memory is there, whatever the rate.
 */
#define NOFAIL_MAX_INJECTED	3

/* mm/mm_init.c */
extern int min_free_kbytes;
void setup_per_zone_pages_min(void);
void setup_per_zone_lowmem_reserve(void);
void zone_pcp_init(struct zone *zone);

/* mm/slab.c */
struct kmem_cache_s;
struct array_cache;
struct semaphore;
extern struct semaphore cache_chain_sem;
extern struct fault_attr fail_slab;

/*
 * mm/slab_debug.c. An object's slot with SLAB_RED_ZONE | SLAB_STORE_USER:
 *
 *   | pad | red zone 1 | object (reallen, word-rounded) | red zone 2 | last user |
 *   ^ slot            ^ slot + dbghead: the pointer users get
 *
 * Red zones hold RED_ACTIVE while the object is allocated, RED_INACTIVE
 * while it is free; a free object with SLAB_POISON is filled with
 * POISON_FREE ending in POISON_END.
 */
#define BYTES_PER_WORD		sizeof(void *)
#define L1_CACHE_BYTES		32
#define BUFCTL_ACTIVE		((kmem_bufctl_t)~1U)	/* the object is handed out */
#define RED_INACTIVE		0x5A2CF071UL
#define RED_ACTIVE		0x170FC2A5UL
#define POISON_INUSE		0x5a	/* a freshly allocated object (uninitialised) */
#define POISON_FREE		0x6b	/* a freed object */
#define POISON_END		0xa5	/* the last byte of a poisoned object */
void slab_debug_init_obj(struct kmem_cache_s *cachep, void *slot);
void slab_debug_destroy_obj(struct kmem_cache_s *cachep, void *slot);
void *cache_alloc_debugcheck_after(struct kmem_cache_s *cachep, gfp_t flags, void *slot,
				   void *caller);
void *cache_free_debugcheck(struct kmem_cache_s *cachep, void *objp, void *caller);
bool slab_object_valid(struct kmem_cache_s *cachep, const void *objp, const char *func);
void slab_error(struct kmem_cache_s *cachep, const char *func, const void *objp,
		const char *what, void *last_user);

#include <fault_inject.h>
#include <preempt.h>
#include <string.h>
#include <slab_def.h>
#include <asm/irqflags.h>

/*
 * The slab fast paths (ULK 8.2.11-8.2.14), inlined into kmem_cache_*()
 * and kmalloc()/kfree(): pop from or push onto the CPU's array, with
 * interrupts off. Whatever is not that one common case leaves the fast
 * path at once, to an out-of-line function that does the whole job the
 * general way (a tail call: the fast path keeps nothing across a call,
 * so it needs few registers saved):
 *
 *   cache_alloc_slow()   fault injection armed or the caller atomic
 *                        (both in one test, include/preempt.h), a debug
 *                        cache, __GFP_ZERO, interrupts off on entry,
 *                        an empty array (cache_alloc_refill())
 *   cache_free_slow()    a debug cache (red zones, poison, the last
 *                        user), interrupts off on entry, a full array
 *                        (cache_flusharray())
 *
 * caller is the allocator's or freer's caller, recorded with
 * SLAB_STORE_USER: __builtin_return_address(0) in these inlined
 * functions is that of the function they are inlined into.
 */
void *cache_alloc_slow(struct kmem_cache_s *cachep, gfp_t flags, void *caller);
void cache_free_slow(struct kmem_cache_s *cachep, void *objp, void *caller);

static __always_inline void *__cache_alloc(kmem_cache_t *cachep, gfp_t flags)
{
	struct array_cache *ac;
	unsigned long save_flags;
	unsigned int avail;
	void *objp;

	if (unlikely(fail_slab.interval | preempt_count()))
		return cache_alloc_slow(cachep, flags, __builtin_return_address(0));
	if (unlikely(cachep->flags & SLAB_DEBUG_FLAGS))
		return cache_alloc_slow(cachep, flags, __builtin_return_address(0));
	__asm__("");	/* two tests, two branches: cheaper than GCC's merging the flags (ORed) */
	if (unlikely(flags & __GFP_ZERO))
		return cache_alloc_slow(cachep, flags, __builtin_return_address(0));
	local_irq_save(save_flags);
	ac = cachep->array[0];
	avail = ac->avail;
	/* Interrupts were off (the caller may not sleep), or the array is empty. */
	if (unlikely(irqs_disabled_flags(save_flags)) || unlikely(!avail)) {
		local_irq_restore(save_flags);
		return cache_alloc_slow(cachep, flags, __builtin_return_address(0));
	}
	objp = ac_entry(ac)[--avail];
	ac->avail = avail;
	ac->touched = 1;
	cachep->allochit++;
	local_irq_enable();	/* they were on (save_flags says so) */
	return objp;
}

/*
 * The checks every free pays, in two halves. slab_page_ok(): a
 * direct-map address (its pfn below max_low_pfn), in a slab page, of
 * this cache (cachep NULL: any cache). slab_offset_ok(), in
 * __cache_free() for caches without debug words: at the start of one
 * of the slab's objects (one division: the remainder says "start of an
 * object", the quotient "inside the slab"). Where either fails,
 * slab_object_valid() works out and reports why. A double free is
 * caught at once only with red zones (SLAB_RED_ZONE or "slab_debug");
 * without, when the object goes back to its slab.
 */
static __always_inline bool slab_any_page_ok(const void *objp)
{
	unsigned long pfn = __pa(objp) >> PAGE_SHIFT;	/* huge below PAGE_OFFSET */

	if (unlikely(pfn >= max_low_pfn))
		return false;
	return PageSlab(pfn_to_page(pfn));
}

static __always_inline bool slab_page_ok(kmem_cache_t *cachep, const void *objp)
{
	return slab_any_page_ok(objp) && page_get_cache(virt_to_page(objp)) == cachep;
}

static __always_inline bool slab_offset_ok(kmem_cache_t *cachep, const void *objp)
{
	struct slab *slabp = page_get_slab(virt_to_page(objp));
	unsigned long off = (const char *)objp - (const char *)slabp->s_mem;

	return off % cachep->objsize == 0 && off / cachep->objsize < cachep->num;
}

/* objp passed slab_page_ok() for cachep (or slab_any_page_ok(), cachep its page's). */
static __always_inline void __cache_free(kmem_cache_t *cachep, void *objp)
{
	struct array_cache *ac;
	unsigned int avail;

	if (unlikely(cachep->flags & (SLAB_DEBUG_FLAGS | SLAB_DEBUG_INITIAL))) {
		cache_free_slow(cachep, objp, __builtin_return_address(0));
		return;
	}
	if (unlikely(!slab_offset_ok(cachep, objp))) {
		slab_object_valid(cachep, objp, "kmem_cache_free");	/* says why */
		return;
	}
	/* Interrupts off already (allowed: kfree() from a handler), or a full array: the slow way. */
	if (unlikely(irqs_disabled())) {
		cache_free_slow(cachep, objp, __builtin_return_address(0));
		return;
	}
	local_irq_disable();
	ac = cachep->array[0];
	avail = ac->avail;
	if (unlikely(avail >= ac->limit)) {
		local_irq_enable();
		cache_free_slow(cachep, objp, __builtin_return_address(0));
		return;
	}
	ac_entry(ac)[avail] = objp;
	ac->avail = avail + 1;
	cachep->freehit++;
	local_irq_enable();	/* they were on */
}

/* mm/kmalloc.c */
struct kmem_cache_s *kmem_find_general_cachep(size_t size, gfp_t gfpflags);
bool is_general_cache(struct kmem_cache_s *cachep);
void kmem_cache_init_general(void);

/* mm/vmlist.c */
#define VM_VPAGES	0x00000100	/* the pages array itself was vmalloc'ed */
struct vm_struct;
struct vm_struct *__insert_vm_area(struct vm_struct *area, unsigned long size,
				   unsigned long align, unsigned long start, unsigned long end);
struct vm_struct *__remove_vm_area(const void *addr);
struct vm_struct *remove_vm_area_nomap(const void *addr);

/* mm/slabinfo.c */
void register_slab_meminfo(void);

/*
 * mm/highmem.c: the page_address hash of kmap()ed high pages has
 * 1 << PA_HASH_ORDER buckets; page_slot() picks one from the pfn by a
 * multiplicative hash (Linux's GOLDEN_RATIO_PRIME_32, as hash_ptr()):
 * bucket = (pfn * PA_HASH_MULT >> PA_HASH_SHIFT) & (buckets - 1).
 */
#define PA_HASH_ORDER	7
#define PA_HASH_MULT	0x9e370001UL
#define PA_HASH_SHIFT	16

/* mm/memory.c: give *pgd a user page table if it has none (may sleep). 0 or -ENOMEM. */
int __pte_alloc(struct mm_struct *mm, pgd_t *pgd);

#endif
