/*
 * The slab allocator of Linux 2.6 (ULK 8.2); include/slab_def.h draws
 * the structures. This file: creating and destroying caches, growing
 * and destroying slabs, the per-CPU array fast paths, refill and flush,
 * shrinking and the periodic cache_reap(), and the bootstrap of
 * cache_cache. Debug checks are in slab_debug.c, kmalloc in kmalloc.c.
 *
 *   kmem_cache_alloc()        pop the CPU's array           (fast path)
 *     cache_alloc_refill()    empty: take `batchcount` objects from
 *                             partial, then free slabs
 *       cache_grow()          no free object at all: a new slab
 *   kmem_cache_free()         push onto the CPU's array     (fast path)
 *     cache_flusharray()      full: give `batchcount` back to the slabs
 *       free_block()          a slab with nothing in use goes to
 *                             slabs_free, or is destroyed beyond free_limit
 *
 * Interrupts: the array and the slab lists are touched with interrupts
 * off (an interrupt handler may allocate from the same cache), but a
 * new slab is made with them on when the caller may sleep: cache_grow()
 * re-enables them around the page allocation, the off-slab descriptor
 * and the constructors, as 2.6.11 does, so the CPU's array may have
 * changed when it returns. cache_reap() runs in process context, from
 * the "events" work queue, every REAPTIMEOUT_CPUC.
 *
 * cache_chain is protected by cache_chain_sem, a sleeping lock (2.6.11's):
 * creating, destroying, shrinking every cache and reaping hold it.
 */
#include <kernel.h>
#include <bitops.h>
#include <errno.h>
#include <string.h>
#include <fault_inject.h>
#include <gfp.h>
#include <init.h>
#include <interrupt.h>
#include <jiffies.h>
#include <mm.h>
#include <slab.h>
#include <slab_def.h>
#include <sched.h>
#include <semaphore.h>
#include <spinlock.h>
#include <workqueue.h>
#include <asm/irqflags.h>
#include "internal.h"

LIST_HEAD(cache_chain);
DECLARE_MUTEX(cache_chain_sem);		/* cache_chain; cache_reap() walks it */
unsigned long nr_slab_pages;
unsigned long nr_slab_pages_zone[MAX_NR_ZONES];	/* the same, per zone */		/* changed with interrupts off */

/* Bootstrap states (Linux's g_cpucache_up): NONE until kmalloc works. */
static enum { NONE, FULL } g_cpucache_up;

/*
 * Slabs are at most 2^MAX_GFP_ORDER pages: 128 KB, enough for one
 * 131072-byte object. Larger orders than slab_break_gfp_order (0, or
 * 1 on machines above 32 MB) only where one object does not fit; below
 * it, a slab doubles only while it wastes more than 1/8.
 */
#define MAX_GFP_ORDER		5
#define BREAK_GFP_ORDER_HI	1
#define BREAK_GFP_ORDER_LO	0
static unsigned int slab_break_gfp_order = BREAK_GFP_ORDER_LO;

#define BATCHREFILL_LIMIT	16	/* an untouched array refills at most this many */
#define REAPTIMEOUT_CPUC	(2 * HZ)
#define REAPTIMEOUT_LIST3	(4 * HZ)
#define SLAB_LIMIT		(BUFCTL_ACTIVE - 1)

struct fault_attr fail_slab = FAULT_ATTR_INITIALIZER("fail_slab");

static int __init setup_fail_slab(char *str)
{
	return setup_fault_attr(&fail_slab, str);
}
__setup("fail_slab", setup_fail_slab);

/*
 * The arrays of the caches created before kmalloc() works (cache_cache
 * and the general caches): one entry each, from this static pool.
 * enable_all_cpucaches() replaces them with kmalloc'ed ones.
 */
#define BOOT_CPUCACHE_ENTRIES	1
struct arraycache_init {
	struct array_cache cache;
	void *entries[BOOT_CPUCACHE_ENTRIES];
};
#define NR_BOOT_ARRAYS		32
static struct arraycache_init boot_arrays[NR_BOOT_ARRAYS];
static unsigned int nr_boot_arrays_used;

static bool is_boot_array(const struct array_cache *ac)
{
	return (const void *)ac >= (const void *)boot_arrays &&
	       (const void *)ac < (const void *)(boot_arrays + NR_BOOT_ARRAYS);
}

/* The cache of cache descriptors: the root of the bootstrap. */
static kmem_cache_t cache_cache = {
	.batchcount = 1,
	.limit = BOOT_CPUCACHE_ENTRIES,
	.objsize = sizeof(kmem_cache_t),
	.flags = SLAB_NO_REAP,
	.spinlock = __SPIN_LOCK_UNLOCKED(cache_cache.spinlock),
	.name = "kmem_cache",
};

static inline struct array_cache *ac_data(kmem_cache_t *cachep)
{
	return cachep->array[0];	/* smp_processor_id() */
}

/*
 * How many objects of `size` fit in a slab of 2^gfporder pages, and how
 * many bytes are left over: the slab descriptor and one bufctl per
 * object come out of the slab too unless they live off-slab.
 */
static void cache_estimate(unsigned int gfporder, size_t size, size_t align,
			   unsigned int flags, size_t *left_over, unsigned int *num)
{
	size_t wastage = PAGE_SIZE << gfporder, base = 0, extra = 0;
	unsigned int i = 0;

	if (!(flags & CFLGS_OFF_SLAB)) {
		base = sizeof(struct slab);
		extra = sizeof(kmem_bufctl_t);
	}
	while ((i + 1) * size + ALIGN(base + (i + 1) * extra, align) <= wastage)
		i++;
	if (i > SLAB_LIMIT)
		i = SLAB_LIMIT;
	*num = i;
	*left_over = wastage - i * size - ALIGN(base + i * extra, align);
}

/* Slab pages come and go with interrupts on or off: count them with interrupts off. */
static void mod_nr_slab_pages(struct page *page, long n)
{
	unsigned long flags;

	local_irq_save(flags);
	nr_slab_pages += n;
	nr_slab_pages_zone[page_zonenum(page)] += n;
	local_irq_restore(flags);
}

/* 2^gfporder pages for a new slab, marked PG_slab. */
static void *kmem_getpages(kmem_cache_t *cachep, gfp_t flags)
{
	unsigned int i, n = 1U << cachep->gfporder;
	struct page *page;

	flags &= ~(__GFP_ZERO | __GFP_HIGHMEM | __GFP_COLD);
	page = alloc_pages(flags | cachep->gfpflags, cachep->gfporder);
	if (!page)
		return NULL;
	for (i = 0; i < n; i++)
		SetPageSlab(page + i);
	mod_nr_slab_pages(page, n);
	return page_address(page);
}

static void kmem_freepages(kmem_cache_t *cachep, void *addr)
{
	unsigned int i, n = 1U << cachep->gfporder;
	struct page *page = virt_to_page(addr);

	for (i = 0; i < n; i++) {
		ClearPageSlab(page + i);
		page[i].lru.next = page[i].lru.prev = NULL;
	}
	mod_nr_slab_pages(page, -(long)n);
	free_pages((unsigned long)addr, cachep->gfporder);
}

/*
 * The slab descriptor: at the colour offset in the slab (on-slab), or
 * from the cache's slabp_cache (off-slab). *colour_off becomes the
 * offset of the first object.
 */
static struct slab *alloc_slabmgmt(kmem_cache_t *cachep, void *objp,
				   unsigned long colour_off, gfp_t flags)
{
	struct slab *slabp;

	if (cachep->flags & CFLGS_OFF_SLAB) {
		slabp = kmem_cache_alloc(cachep->slabp_cache, flags & ~__GFP_ZERO);
		if (!slabp)
			return NULL;
	} else {
		slabp = (struct slab *)((char *)objp + colour_off);
		colour_off += cachep->slab_size;
	}
	slabp->inuse = 0;
	slabp->colouroff = colour_off;
	slabp->s_mem = (char *)objp + colour_off;
	return slabp;
}

/* Every page of the slab points back at its cache and slab (page->lru is unused). */
static void set_slab_attr(kmem_cache_t *cachep, struct slab *slabp, void *objp)
{
	unsigned int i, n = 1U << cachep->gfporder;
	struct page *page = virt_to_page(objp);

	for (i = 0; i < n; i++) {
		page[i].lru.next = (struct list_head *)cachep;
		page[i].lru.prev = (struct list_head *)slabp;
	}
}

/* Objects of a new slab: constructed once, here, and chained free in order. */
static void cache_init_objs(kmem_cache_t *cachep, struct slab *slabp, unsigned long ctor_flags)
{
	unsigned int i;

	for (i = 0; i < cachep->num; i++) {
		void *objp = (char *)slabp->s_mem + cachep->objsize * i;

		if (unlikely(cachep->flags & SLAB_DEBUG_FLAGS))
			slab_debug_init_obj(cachep, objp);
		if (cachep->ctor)
			cachep->ctor((char *)objp + cachep->dbghead, cachep, ctor_flags);
		slab_bufctl(slabp)[i] = i + 1;
	}
	slab_bufctl(slabp)[cachep->num - 1] = BUFCTL_END;
	slabp->free = 0;
}

/*
 * A new slab (ULK 8.2.7): its colour, pages, descriptor and objects;
 * then onto slabs_free. Returns 1, or 0 if no memory. Called with
 * interrupts off (from cache_alloc_refill()); a caller that may sleep
 * (__GFP_WAIT) and came with them on gets them back on while the slab
 * is made, as in 2.6.11: the page allocation, the off-slab descriptor
 * and the constructors need not hold up interrupts. Anything may then
 * happen to the cache meanwhile (an interrupt handler allocating or
 * freeing, even growing it): only the lists are touched, under the lock.
 */
static int cache_grow(kmem_cache_t *cachep, gfp_t flags, bool irqs_were_on)
{
	unsigned long ctor_flags = SLAB_CTOR_CONSTRUCTOR;
	bool irqs_on = (flags & __GFP_WAIT) && irqs_were_on;
	unsigned long offset;
	struct slab *slabp;
	void *objp;

	if (!(flags & __GFP_WAIT))
		ctor_flags |= SLAB_CTOR_ATOMIC;

	spin_lock(&cachep->spinlock);
	offset = cachep->colour_next;
	if (++cachep->colour_next >= cachep->colour)
		cachep->colour_next = 0;
	offset *= cachep->colour_off;
	spin_unlock(&cachep->spinlock);

	if (irqs_on)
		local_irq_enable();
	objp = kmem_getpages(cachep, flags);
	if (!objp)
		goto failed;
	slabp = alloc_slabmgmt(cachep, objp, offset, flags);
	if (!slabp)
		goto out_freepages;
	set_slab_attr(cachep, slabp, objp);
	cache_init_objs(cachep, slabp, ctor_flags);
	if (irqs_on)
		local_irq_disable();

	spin_lock(&cachep->spinlock);
	list_add_tail(&slabp->list, &cachep->lists.slabs_free);
	cachep->lists.free_objects += cachep->num;
	cachep->num_slabs++;
	cachep->grown++;
	spin_unlock(&cachep->spinlock);
	return 1;

out_freepages:
	kmem_freepages(cachep, objp);
failed:
	if (irqs_on)
		local_irq_disable();
	return 0;
}

/*
 * Undo cache_grow(): destructors, pages, descriptor. The slab is off
 * every list and out of num_slabs already; the cache's lock need not
 * be held (2.6.11 drops it here: destructors may take their time).
 */
static void slab_destroy(kmem_cache_t *cachep, struct slab *slabp)
{
	void *addr = (char *)slabp->s_mem - slabp->colouroff;

	if (cachep->dtor || unlikely(cachep->flags & SLAB_DEBUG_FLAGS)) {
		unsigned int i;

		for (i = 0; i < cachep->num; i++) {
			void *objp = (char *)slabp->s_mem + cachep->objsize * i;

			if (unlikely(cachep->flags & SLAB_DEBUG_FLAGS))
				slab_debug_destroy_obj(cachep, objp);
			if (cachep->dtor)
				cachep->dtor((char *)objp + cachep->dbghead, cachep, 0);
		}
	}
	kmem_freepages(cachep, addr);
	if (cachep->flags & CFLGS_OFF_SLAB)
		kmem_cache_free(cachep->slabp_cache, slabp);
}

/* Take a free slab off its list before slab_destroy(). Expects cachep->spinlock held. */
static void unlink_free_slab(kmem_cache_t *cachep, struct slab *slabp)
{
	list_del(&slabp->list);
	cachep->lists.free_objects -= cachep->num;
	cachep->num_slabs--;
}

/*
 * Take up to batchcount objects from the slabs into the CPU's array.
 * Interrupts off; save_flags says whether the caller had them on
 * (cache_grow() may turn them on meanwhile).
 */
static void *cache_alloc_refill(kmem_cache_t *cachep, gfp_t flags, unsigned long save_flags)
{
	struct kmem_list3 *l3 = &cachep->lists;
	struct array_cache *ac;
	int batchcount;

retry:
	ac = ac_data(cachep);
	batchcount = ac->batchcount;
	if (!ac->touched && batchcount > BATCHREFILL_LIMIT)
		batchcount = BATCHREFILL_LIMIT;	/* a cold array: refill a little */
	spin_lock(&cachep->spinlock);
	while (batchcount > 0) {
		struct list_head *entry = l3->slabs_partial.next;
		struct slab *slabp;

		if (entry == &l3->slabs_partial) {
			l3->free_touched = 1;
			entry = l3->slabs_free.next;
			if (entry == &l3->slabs_free)
				break;	/* must grow */
		}
		slabp = list_entry(entry, struct slab, list);
		while (slabp->inuse < cachep->num && batchcount--) {
			kmem_bufctl_t next = slab_bufctl(slabp)[slabp->free];

			ac_entry(ac)[ac->avail++] =
				(char *)slabp->s_mem + slabp->free * cachep->objsize;
			slab_bufctl(slabp)[slabp->free] = BUFCTL_ACTIVE;
			slabp->inuse++;
			l3->free_objects--;
			slabp->free = next;
		}
		list_del(&slabp->list);
		if (slabp->free == BUFCTL_END)
			list_add(&slabp->list, &l3->slabs_full);
		else
			list_add(&slabp->list, &l3->slabs_partial);
	}
	spin_unlock(&cachep->spinlock);

	if (unlikely(!ac->avail)) {
		int grown = cache_grow(cachep, flags, !irqs_disabled_flags(save_flags));

		/* Interrupts may have been on: an interrupt may have refilled the array (2.6.11). */
		ac = ac_data(cachep);
		if (!grown && !ac->avail)
			return NULL;
		if (!ac->avail)
			goto retry;
	}
	cachep->allocmiss++;
	/* The most objects ever out of the slabs at once (in use or in the array). */
	if (cachep->num_slabs * cachep->num - l3->free_objects > cachep->high_mark)
		cachep->high_mark = cachep->num_slabs * cachep->num - l3->free_objects;
	ac->touched = 1;
	return ac_entry(ac)[--ac->avail];
}

/*
 * Put nr objects back into their slabs (ULK 8.2.13). A slab left with
 * nothing in use goes to slabs_free, or is destroyed if the cache
 * already keeps free_limit free objects; any other goes to the tail of
 * slabs_partial (partial slabs are filled from the head: recently
 * freed ones last). Objects freed together mostly come from the same
 * slab: one that is already the tail of slabs_partial stays where it
 * is, the move would leave it there. Expects cachep->spinlock held.
 */
static void free_block(kmem_cache_t *cachep, void **objpp, unsigned int nr)
{
	struct kmem_list3 *l3 = &cachep->lists;
	unsigned int i, objsize = cachep->objsize;

	assert_spin_locked(&cachep->spinlock);
	for (i = 0; i < nr; i++) {
		void *objp = objpp[i];
		struct slab *slabp = page_get_slab(virt_to_page(objp));
		unsigned int objnr = ((char *)objp - (char *)slabp->s_mem) / objsize;
		kmem_bufctl_t *bufctl = &slab_bufctl(slabp)[objnr];

		if (unlikely(*bufctl != BUFCTL_ACTIVE)) {
			/* Freed twice while sitting in the array: keep one copy. */
			slab_error(cachep, "free_block", objp, "double free", NULL);
			continue;
		}
		*bufctl = slabp->free;
		slabp->free = objnr;
		l3->free_objects++;
		if (likely(--slabp->inuse)) {
			if (l3->slabs_partial.prev != &slabp->list)
				list_move_tail(&slabp->list, &l3->slabs_partial);
		} else if (l3->free_objects > cachep->free_limit) {
			list_del(&slabp->list);
			l3->free_objects -= cachep->num;
			cachep->num_slabs--;
			slab_destroy(cachep, slabp);
		} else {
			list_move(&slabp->list, &l3->slabs_free);
		}
	}
}

/* The array is full: the oldest batchcount objects go back to the slabs. IRQs off. */
static void cache_flusharray(kmem_cache_t *cachep, struct array_cache *ac)
{
	unsigned int batchcount = ac->batchcount;

	spin_lock(&cachep->spinlock);
	free_block(cachep, ac_entry(ac), batchcount);
	spin_unlock(&cachep->spinlock);
	ac->avail -= batchcount;
	memmove(ac_entry(ac), ac_entry(ac) + batchcount, sizeof(void *) * ac->avail);
	cachep->freemiss++;
}

/*
 * __cache_alloc() and __cache_free(), the fast paths, are in
 * mm/internal.h; what they do not handle is done here, the general way.
 */

/*
 * A request that may sleep is checked as might_sleep() would, once:
 * on entry if the caller is atomic (preempt_count()), else where the
 * interrupt flag is read, if they were off.
 */
static void cache_alloc_irqs_off(gfp_t flags)
{
	if ((flags & __GFP_WAIT) && !preempt_count())	/* else reported on entry */
		__might_sleep_irqs(__FILE__, __LINE__, 1);
}

/*
 * Allocate from cachep whatever the case: fault injection armed, an
 * atomic caller, interrupts off, an empty array (refilled, the slab
 * grown if need be), debug checks, __GFP_ZERO.
 */
noinline void *cache_alloc_slow(kmem_cache_t *cachep, gfp_t flags, void *caller)
{
	struct array_cache *ac;
	unsigned long save_flags;
	void *objp;

	if (unlikely(fail_slab.interval | preempt_count())) {
		might_sleep_if(flags & __GFP_WAIT);
		if (fail_slab.interval && !(flags & (__GFP_NOFAIL | __GFP_NOFAULT)) &&
		    should_fail(&fail_slab))
			return NULL;
	}
	local_irq_save(save_flags);
	if (irqs_disabled_flags(save_flags))
		cache_alloc_irqs_off(flags);
	ac = ac_data(cachep);
	if (likely(ac->avail)) {
		objp = ac_entry(ac)[--ac->avail];
		ac->touched = 1;
		cachep->allochit++;
	} else {
		objp = cache_alloc_refill(cachep, flags, save_flags);
	}
	local_irq_restore(save_flags);
	if (cachep->flags & SLAB_DEBUG_FLAGS)
		return cache_alloc_debugcheck_after(cachep, flags, objp, caller);
	if ((flags & __GFP_ZERO) && objp)
		memset(objp, 0, cachep->objsize);
	return objp;
}

/*
 * Free objp to cachep whatever the case: a debug cache (the object
 * checked and made free first; not freed if slab_object_valid() or the
 * debug checks say no), a full array (a batch back to the slabs).
 */
noinline void cache_free_slow(kmem_cache_t *cachep, void *objp, void *caller)
{
	struct array_cache *ac;
	unsigned long save_flags;

	if (cachep->flags & (SLAB_DEBUG_FLAGS | SLAB_DEBUG_INITIAL)) {
		if (!slab_object_valid(cachep, objp, "kmem_cache_free"))
			return;
		objp = cache_free_debugcheck(cachep, objp, caller);
		if (!objp)
			return;		/* reported, and not freed */
	}
	local_irq_save(save_flags);
	ac = ac_data(cachep);
	if (ac->avail >= ac->limit)
		cache_flusharray(cachep, ac);
	else
		cachep->freehit++;
	ac_entry(ac)[ac->avail++] = objp;
	local_irq_restore(save_flags);
}

void *kmem_cache_alloc(kmem_cache_t *cachep, gfp_t flags)
{
	return __cache_alloc(cachep, flags);
}

/*
 * Free an object of cachep. A pointer no slab of cachep owns is
 * reported and ignored (with debugging on, so is one into the middle
 * of an object).
 */
void kmem_cache_free(kmem_cache_t *cachep, void *objp)
{
	if (unlikely(!slab_page_ok(cachep, objp))) {
		slab_object_valid(cachep, objp, "kmem_cache_free");	/* says why */
		return;
	}
	__cache_free(cachep, objp);
}

unsigned int kmem_cache_size(kmem_cache_t *cachep)
{
	return cachep->reallen;
}

const char *kmem_cache_name(kmem_cache_t *cachep)
{
	return cachep->name;
}

/* An array of `limit` entries for the CPU: static while booting, kmalloc'ed after. */
static struct array_cache *alloc_arraycache(unsigned int limit, unsigned int batchcount)
{
	struct array_cache *ac;

	if (g_cpucache_up == NONE) {
		BUG_ON(nr_boot_arrays_used == NR_BOOT_ARRAYS || limit > BOOT_CPUCACHE_ENTRIES);
		ac = &boot_arrays[nr_boot_arrays_used++].cache;
	} else {
		ac = kmalloc(sizeof(*ac) + limit * sizeof(void *), GFP_KERNEL);
		if (!ac)
			return NULL;
	}
	ac->avail = 0;
	ac->limit = limit;
	ac->batchcount = batchcount;
	ac->touched = 0;
	return ac;
}

/* Give every object in the CPU's array back to the slabs. */
static void drain_array(kmem_cache_t *cachep, struct array_cache *ac)
{
	unsigned long flags;

	spin_lock_irqsave(&cachep->spinlock, flags);
	free_block(cachep, ac_entry(ac), ac->avail);
	ac->avail = 0;
	spin_unlock_irqrestore(&cachep->spinlock, flags);
}

/* Install a new array of `limit` entries; the old one is drained and freed. */
static int do_tune_cpucache(kmem_cache_t *cachep, unsigned int limit, unsigned int batchcount)
{
	struct array_cache *new, *old;
	unsigned long flags;

	new = alloc_arraycache(limit, batchcount);
	if (!new)
		return -ENOMEM;
	local_irq_save(flags);
	old = cachep->array[0];
	cachep->array[0] = new;
	cachep->limit = limit;
	cachep->batchcount = batchcount;
	cachep->free_limit = (1 + NR_CPUS) * batchcount + cachep->num;
	local_irq_restore(flags);
	if (old) {
		drain_array(cachep, old);
		if (!is_boot_array(old))
			kfree(old);
	}
	return 0;
}

/* Array sizes by object size (Linux 2.6.11's enable_cpucache). */
static int enable_cpucache(kmem_cache_t *cachep)
{
	unsigned int limit;

	if (cachep->objsize > 131072)
		limit = 1;
	else if (cachep->objsize > PAGE_SIZE)
		limit = 8;
	else if (cachep->objsize > 1024)
		limit = 24;
	else if (cachep->objsize > 256)
		limit = 54;
	else
		limit = 120;
	return do_tune_cpucache(cachep, limit, (limit + 1) / 2);
}

static int __init setup_slab_debug(char *val)
{
	slab_debug_all = 1;
	return 0;
}
__setup("slab_debug", setup_slab_debug);

static kmem_cache_t *find_cache(const char *name)
{
	kmem_cache_t *c;

	list_for_each_entry(c, &cache_chain, next)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

#define CREATE_MASK	(SLAB_DEBUG_INITIAL | SLAB_DEBUG_FLAGS | SLAB_NO_REAP | \
			 SLAB_HWCACHE_ALIGN | SLAB_CACHE_DMA | SLAB_RECLAIM_ACCOUNT | SLAB_PANIC)

static kmem_cache_t *create_failed(const char *name, unsigned long flags, const char *why)
{
	if (flags & SLAB_PANIC)
		panic("kmem_cache_create(): cannot create cache %s: %s", name ? name : "(null)", why);
	printk(KERN_ERR "kmem_cache_create: cannot create cache %s: %s\n",
	       name ? name : "(null)", why);
	return NULL;
}

/*
 * Work out the slab layout of a cache (ULK 8.2.3): the object size with
 * debug words and alignment, on- or off-slab management, the slab order,
 * the objects per slab, the colours. The order is Linux 2.6.11's: the
 * smallest that holds an object and wastes at most 1/8 of the slab; at
 * slab_break_gfp_order the search stops and takes whatever waste is left.
 * Returns NULL on success, or why it cannot be done.
 */
static const char *calculate_slab_layout(kmem_cache_t *cachep, size_t size, size_t align,
					 unsigned int flags)
{
	size_t ralign, left_over = 0;
	unsigned int num = 0, gfporder;

	/* Alignment: a cache line, halved while two objects would fit in it. */
	if (flags & SLAB_HWCACHE_ALIGN) {
		ralign = L1_CACHE_BYTES;
		while (size <= ralign / 2 && ralign > BYTES_PER_WORD)
			ralign /= 2;
	} else {
		ralign = BYTES_PER_WORD;
	}
	if (ralign < align)
		ralign = align;
	align = ralign;

	cachep->reallen = size;
	size = ALIGN(size, BYTES_PER_WORD);
	cachep->dbghead = 0;
	if (flags & SLAB_RED_ZONE) {
		/* Red zone 1 sits just before the object, which keeps its alignment. */
		cachep->dbghead = ALIGN(BYTES_PER_WORD, align);
		size += cachep->dbghead + BYTES_PER_WORD;
	}
	if (flags & SLAB_STORE_USER)
		size += BYTES_PER_WORD;
	size = ALIGN(size, align);

	/*
	 * Large objects keep their management off the slab, once a general
	 * cache exists to hold it (while bootstrapping, size-32 comes first).
	 */
	if (size >= (PAGE_SIZE >> 3) &&
	    kmem_find_general_cachep(sizeof(struct slab) + sizeof(kmem_bufctl_t), 0))
		flags |= CFLGS_OFF_SLAB;

	for (gfporder = 0; gfporder <= MAX_GFP_ORDER; gfporder++) {
		cache_estimate(gfporder, size, align, flags, &left_over, &num);
		if (!num)
			continue;
		if (gfporder >= slab_break_gfp_order)
			break;
		if (left_over * 8 <= (PAGE_SIZE << gfporder))
			break;	/* waste under 1/8: acceptable */
	}
	if (!num)
		return "objects too large for a slab";

	cachep->slab_size = ALIGN(num * sizeof(kmem_bufctl_t) + sizeof(struct slab), align);
	/* Off-slab, but the descriptor fits in the leftover: bring it back on. */
	if ((flags & CFLGS_OFF_SLAB) && left_over >= cachep->slab_size) {
		flags &= ~CFLGS_OFF_SLAB;
		left_over -= cachep->slab_size;
	}
	if (flags & CFLGS_OFF_SLAB) {
		cachep->slab_size = num * sizeof(kmem_bufctl_t) + sizeof(struct slab);
		cachep->slabp_cache = kmem_find_general_cachep(cachep->slab_size, 0);
		if (!cachep->slabp_cache)
			return "no general cache for its off-slab descriptors";
	}
	cachep->colour_off = L1_CACHE_BYTES;
	if (cachep->colour_off < align)
		cachep->colour_off = align;
	cachep->colour = left_over / cachep->colour_off;
	cachep->colour_next = 0;
	cachep->objsize = size;
	cachep->num = num;
	cachep->gfporder = gfporder;
	cachep->flags = flags;
	return NULL;
}

/*
 * Create a cache of objects of `size` bytes (ULK 8.2.5). align: a power
 * of two up to PAGE_SIZE, or 0. ctor runs on every object when its slab
 * is created (not on every allocation); dtor when the slab is destroyed.
 * Returns NULL (with a message) on bad arguments or a duplicate name.
 */
kmem_cache_t *kmem_cache_create(const char *name, size_t size, size_t align,
				unsigned long flags, kmem_ctor_t ctor, kmem_ctor_t dtor)
{
	kmem_cache_t *cachep;
	const char *why;

	if (!name)
		return create_failed(name, flags, "no name");
	if (in_interrupt())
		return create_failed(name, flags, "called from interrupt context");
	if (size < BYTES_PER_WORD || size > KMALLOC_MAX_SIZE)
		return create_failed(name, flags, "size out of range");
	if (align & (align - 1) || align > PAGE_SIZE)
		return create_failed(name, flags, "alignment not a power of two up to PAGE_SIZE");
	if (dtor && !ctor)
		return create_failed(name, flags, "a destructor without a constructor");
	if ((flags & SLAB_DEBUG_INITIAL) && !ctor)
		return create_failed(name, flags, "SLAB_DEBUG_INITIAL without a constructor to verify with");
	if (flags & ~CREATE_MASK)
		return create_failed(name, flags, "unknown flags");
	/*
	 * "slab_debug" debugs every cache; red zones and the owner word only
	 * where they do not push a large object past the next power of two
	 * (Linux's rule: the slab would double for a few words).
	 */
	if (slab_debug_all) {
		flags |= SLAB_POISON;
		if (size < 4096 || fls_long(size - 1) == fls_long(size - 1 + 3 * BYTES_PER_WORD))
			flags |= SLAB_RED_ZONE | SLAB_STORE_USER;
	}
	/* Poison would overwrite what the constructor built, so no poison with one. */
	if (ctor)
		flags &= ~SLAB_POISON;

	/* The name check and the insertion under one hold of the chain: no twin slips in. */
	down(&cache_chain_sem);
	if (find_cache(name)) {
		why = "a cache with that name exists";
		goto out_unlock;
	}
	cachep = kmem_cache_alloc(&cache_cache, GFP_KERNEL);
	if (!cachep) {
		why = "out of memory";
		goto out_unlock;
	}
	memset(cachep, 0, sizeof(*cachep));
	why = calculate_slab_layout(cachep, size, align, flags);
	if (why)
		goto out_free_cache;
	cachep->name = name;
	cachep->ctor = ctor;
	cachep->dtor = dtor;
	if (flags & SLAB_CACHE_DMA)
		cachep->gfpflags |= GFP_DMA;
	spin_lock_init(&cachep->spinlock);
	cachep->spinlock.name = name;
	INIT_LIST_HEAD(&cachep->lists.slabs_full);
	INIT_LIST_HEAD(&cachep->lists.slabs_partial);
	INIT_LIST_HEAD(&cachep->lists.slabs_free);
	cachep->lists.next_reap = jiffies + REAPTIMEOUT_LIST3 +
				  ((unsigned long)cachep) % REAPTIMEOUT_LIST3;

	if (g_cpucache_up == FULL ? enable_cpucache(cachep) :
	    do_tune_cpucache(cachep, BOOT_CPUCACHE_ENTRIES, 1)) {
		why = "out of memory for its per-CPU array";
		goto out_free_cache;
	}
	list_add(&cachep->next, &cache_chain);
	up(&cache_chain_sem);
	return cachep;

out_free_cache:
	kmem_cache_free(&cache_cache, cachep);
out_unlock:
	up(&cache_chain_sem);
	return create_failed(name, flags, why);
}

/*
 * Empty the array, destroy the free slabs. Returns 1 if slabs remain
 * (objects in use). Each slab is destroyed with the lock dropped and
 * the caller's interrupt state (2.6.11's __cache_shrink).
 */
static int __cache_shrink(kmem_cache_t *cachep)
{
	struct kmem_list3 *l3 = &cachep->lists;
	unsigned long flags;
	int busy;

	drain_array(cachep, ac_data(cachep));
	spin_lock_irqsave(&cachep->spinlock, flags);
	while (!list_empty(&l3->slabs_free)) {
		struct slab *slabp = list_first_entry(&l3->slabs_free, struct slab, list);

		unlink_free_slab(cachep, slabp);
		spin_unlock_irqrestore(&cachep->spinlock, flags);
		slab_destroy(cachep, slabp);
		spin_lock_irqsave(&cachep->spinlock, flags);
	}
	busy = !list_empty(&l3->slabs_full) || !list_empty(&l3->slabs_partial);
	spin_unlock_irqrestore(&cachep->spinlock, flags);
	return busy;
}

int kmem_cache_shrink(kmem_cache_t *cachep)
{
	BUG_ON(!cachep || in_interrupt());
	return __cache_shrink(cachep);
}

/* Shrink every cache (the self-tests' leak checks). May sleep: process context. */
void kmem_cache_shrink_all(void)
{
	kmem_cache_t *c;

	down(&cache_chain_sem);
	list_for_each_entry(c, &cache_chain, next)
		__cache_shrink(c);
	up(&cache_chain_sem);
}

/*
 * Destroy a cache whose objects have all been freed. While objects are
 * still in use it refuses, says which cache and how many, and returns 1.
 */
int kmem_cache_destroy(kmem_cache_t *cachep)
{
	if (!cachep || in_interrupt()) {
		printk(KERN_ERR "kmem_cache_destroy: %s\n",
		       cachep ? "called from interrupt context" : "NULL cache");
		return -EINVAL;
	}
	if (cachep == &cache_cache || is_general_cache(cachep)) {
		printk(KERN_ERR "kmem_cache_destroy: %s is a system cache\n", cachep->name);
		return -EPERM;
	}
	down(&cache_chain_sem);
	if (__cache_shrink(cachep)) {
		up(&cache_chain_sem);
		printk(KERN_ERR "kmem_cache_destroy: cache %s still has %lu objects in use; "
		       "not destroyed\n", cachep->name, kmem_cache_active_objects(cachep));
		return 1;
	}
	list_del(&cachep->next);
	up(&cache_chain_sem);
	if (!is_boot_array(cachep->array[0]))
		kfree(cachep->array[0]);
	kmem_cache_free(&cache_cache, cachep);
	return 0;
}

/* Objects the cache's users hold: in use in the slabs, minus those sitting in the array. */
unsigned long kmem_cache_active_objects(kmem_cache_t *cachep)
{
	struct kmem_list3 *l3 = &cachep->lists;
	unsigned long flags, active;

	spin_lock_irqsave(&cachep->spinlock, flags);
	active = cachep->num_slabs * cachep->num - l3->free_objects - ac_data(cachep)->avail;
	spin_unlock_irqrestore(&cachep->spinlock, flags);
	return active;
}

/*
 * An array not used since the last visit gives back a fifth of its
 * limit (2.6.11's drain_array_locked()). Expects cachep->spinlock held.
 */
static void drain_array_locked(kmem_cache_t *cachep, struct array_cache *ac)
{
	assert_spin_locked(&cachep->spinlock);
	if (ac->touched) {
		ac->touched = 0;
	} else if (ac->avail) {
		unsigned int n = min(ac->avail, (ac->limit + 4) / 5);

		free_block(cachep, ac_entry(ac), n);
		ac->avail -= n;
		memmove(ac_entry(ac), ac_entry(ac) + n, sizeof(void *) * ac->avail);
	}
}

/*
 * The periodic reaper (ULK 8.2.12, Linux 2.6.11's cache_reap): for
 * each cache, an array not used since the last visit gives back a
 * fifth of its limit; and every REAPTIMEOUT_LIST3, unless a free slab
 * was needed meanwhile, about a fifth of the free slabs go back to the
 * buddy system, destroyed with the cache's lock dropped. Process
 * context: the "events" work queue runs it every REAPTIMEOUT_CPUC
 * (reap_work below); it yields between caches. Returns 0 if it did not
 * run because the chain was busy (creation, destruction, shrinking).
 */
int cache_reap(void)
{
	kmem_cache_t *cachep;

	might_sleep();
	if (down_trylock(&cache_chain_sem))
		return 0;
	list_for_each_entry(cachep, &cache_chain, next) {
		struct kmem_list3 *l3 = &cachep->lists;
		unsigned int tofree;

		if (cachep->flags & SLAB_NO_REAP)
			goto next;
		spin_lock_irq(&cachep->spinlock);
		drain_array_locked(cachep, ac_data(cachep));
		if (time_after(l3->next_reap, jiffies))
			goto next_unlock;
		l3->next_reap = jiffies + REAPTIMEOUT_LIST3;
		if (l3->free_touched) {
			l3->free_touched = 0;
			goto next_unlock;
		}
		tofree = (cachep->free_limit + 5 * cachep->num - 1) / (5 * cachep->num);
		while (tofree-- && !list_empty(&l3->slabs_free)) {
			struct slab *slabp = list_first_entry(&l3->slabs_free, struct slab, list);

			unlink_free_slab(cachep, slabp);
			cachep->reaped++;
			/* Off the lists: safe to destroy unlocked; the chain hold keeps the cache. */
			spin_unlock_irq(&cachep->spinlock);
			slab_destroy(cachep, slabp);
			spin_lock_irq(&cachep->spinlock);
		}
next_unlock:
		spin_unlock_irq(&cachep->spinlock);
next:
		cond_resched();
	}
	up(&cache_chain_sem);
	return 1;
}

/* cache_reap() every REAPTIMEOUT_CPUC, from events/0; it re-arms itself (2.6.11). */
static void reap_work_fn(struct work_struct *work)
{
	cache_reap();
	schedule_delayed_work(to_delayed_work(work), REAPTIMEOUT_CPUC);
}
static DECLARE_DELAYED_WORK(reap_work, reap_work_fn);

/*
 * Start the reaper once the work queues exist (from init; 2.6.11's
 * cpucache_init() initcall does the same through start_cpu_timer()).
 */
void cpucache_init(void)
{
	schedule_delayed_work(&reap_work, HZ);
}

/* Replace the boot arrays of every cache with properly sized ones. */
static void __init enable_all_cpucaches(void)
{
	kmem_cache_t *c;

	g_cpucache_up = FULL;
	list_for_each_entry(c, &cache_chain, next)
		if (enable_cpucache(c))
			panic("kmem_cache_init: no memory for the per-CPU array of %s", c->name);
}

/*
 * The bootstrap (ULK 8.2.5): cache_cache describes itself; the general
 * caches are created with one-entry static arrays; then, kmalloc
 * working, every cache gets its real array. The reaper starts later,
 * with the work queues (cpucache_init()).
 */
void __init kmem_cache_init(void)
{
	size_t left_over;

	if (num_physpages > (32UL << 20) >> PAGE_SHIFT)
		slab_break_gfp_order = BREAK_GFP_ORDER_HI;

	INIT_LIST_HEAD(&cache_cache.lists.slabs_full);
	INIT_LIST_HEAD(&cache_cache.lists.slabs_partial);
	INIT_LIST_HEAD(&cache_cache.lists.slabs_free);
	cache_cache.array[0] = alloc_arraycache(BOOT_CPUCACHE_ENTRIES, 1);
	cache_cache.reallen = sizeof(kmem_cache_t);
	cache_cache.objsize = ALIGN(sizeof(kmem_cache_t), L1_CACHE_BYTES);
	cache_estimate(0, cache_cache.objsize, L1_CACHE_BYTES, 0, &left_over, &cache_cache.num);
	cache_cache.slab_size = ALIGN(cache_cache.num * sizeof(kmem_bufctl_t) + sizeof(struct slab),
				      L1_CACHE_BYTES);
	cache_cache.colour_off = L1_CACHE_BYTES;
	cache_cache.colour = left_over / L1_CACHE_BYTES;
	cache_cache.free_limit = 2 + cache_cache.num;
	cache_cache.lists.next_reap = jiffies + REAPTIMEOUT_LIST3;
	list_add(&cache_cache.next, &cache_chain);

	kmem_cache_init_general();
	enable_all_cpucaches();
	register_slab_meminfo();
}
