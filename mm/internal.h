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
void *cache_alloc_refill(struct kmem_cache_s *cachep, gfp_t flags, unsigned long save_flags);
bool cache_alloc_checks(gfp_t flags);
void cache_alloc_irqs_off(gfp_t flags);
struct semaphore;
extern struct semaphore cache_chain_sem;
void cache_flusharray(struct kmem_cache_s *cachep, struct array_cache *ac);
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

/*
 * The slab fast paths (ULK 8.2.11-8.2.14), inlined into kmem_cache_*()
 * and kmalloc()/kfree(): pop from or push onto the CPU's array, with
 * interrupts off; the slow paths and debug checks are out of line.
 */
#include <fault_inject.h>
#include <preempt.h>
#include <string.h>
#include <slab_def.h>
#include <asm/irqflags.h>

static __always_inline void *__cache_alloc(kmem_cache_t *cachep, gfp_t flags, void *caller)
{
	struct array_cache *ac;
	unsigned long save_flags;
	unsigned int avail;
	void *objp;

	/* Fault injection armed, or the caller atomic: one test for both (include/preempt.h). */
	if (unlikely(fail_slab.interval | preempt_count()) && cache_alloc_checks(flags))
		return NULL;
	local_irq_save(save_flags);
	if (unlikely(irqs_disabled_flags(save_flags)))
		cache_alloc_irqs_off(flags);
	ac = cachep->array[0];
	avail = ac->avail;
	if (likely(avail)) {
		objp = ac_entry(ac)[--avail];
		ac->avail = avail;
		ac->touched = 1;
		cachep->allochit++;
	} else {
		objp = cache_alloc_refill(cachep, flags, save_flags);
	}
	local_irq_restore(save_flags);
	if (unlikely(cachep->flags & SLAB_DEBUG_FLAGS))
		return cache_alloc_debugcheck_after(cachep, flags, objp, caller);
	if (unlikely(flags & __GFP_ZERO) && objp)
		memset(objp, 0, cachep->objsize);
	return objp;
}

/*
 * The checks every free pays, in two halves. slab_page_ok(): a
 * direct-map address, in a slab page, of this cache (cachep NULL: any
 * cache). slab_offset_ok(), in __cache_free() for caches without debug
 * words: at the start of one of the slab's objects (one division).
 * Where either fails, slab_object_valid() works out and reports why.
 * A double free is caught at once only with red zones (SLAB_RED_ZONE
 * or "slab_debug"); without, when the object goes back to its slab.
 */
static __always_inline bool slab_any_page_ok(const void *objp)
{
	if (unlikely((unsigned long)objp - PAGE_OFFSET >=
		     (unsigned long)high_memory - PAGE_OFFSET))
		return false;
	return PageSlab(virt_to_page(objp));
}

static __always_inline bool slab_page_ok(kmem_cache_t *cachep, const void *objp)
{
	return slab_any_page_ok(objp) && page_get_cache(virt_to_page(objp)) == cachep;
}

/* One division: the remainder says "start of an object", the quotient "inside the slab". */
static __always_inline bool slab_offset_ok(kmem_cache_t *cachep, const void *objp)
{
	struct slab *slabp = page_get_slab(virt_to_page(objp));
	unsigned long off = (const char *)objp - (const char *)slabp->s_mem;

	return off % cachep->objsize == 0 && off / cachep->objsize < cachep->num;
}

/* objp passed slab_page_ok() for cachep (or slab_any_page_ok(), cachep its page's). */
static __always_inline void __cache_free(kmem_cache_t *cachep, void *objp, void *caller)
{
	struct array_cache *ac;
	unsigned long save_flags;

	if (unlikely(cachep->flags & (SLAB_DEBUG_FLAGS | SLAB_DEBUG_INITIAL))) {
		if (!slab_object_valid(cachep, objp, "kmem_cache_free"))
			return;
		objp = cache_free_debugcheck(cachep, objp, caller);
		if (!objp)
			return;		/* reported, and not freed */
	} else if (unlikely(!slab_offset_ok(cachep, objp))) {
		slab_object_valid(cachep, objp, "kmem_cache_free");	/* says why */
		return;
	}
	local_irq_save(save_flags);
	ac = cachep->array[0];
	if (unlikely(ac->avail >= ac->limit))
		cache_flusharray(cachep, ac);
	else
		cachep->freehit++;
	ac_entry(ac)[ac->avail++] = objp;
	local_irq_restore(save_flags);
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

#endif
