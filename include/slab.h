/*
 * The slab allocator (ULK 8.2): caches of objects of one size, carved
 * out of page frames, with per-CPU arrays of free objects in front;
 * kmalloc() on top of general caches of 32 .. 131072 bytes.
 */
#ifndef _MNEME_SLAB_H
#define _MNEME_SLAB_H

#include <types.h>
#include <bitops.h>
#include <gfp.h>

typedef struct kmem_cache_s kmem_cache_t;

/* kmem_cache_create() flags (Linux 2.6.11 values). */
#define SLAB_DEBUG_INITIAL	0x00000200u	/* call the constructor to check objects on free */
#define SLAB_RED_ZONE		0x00000400u	/* guard words around each object */
#define SLAB_POISON		0x00000800u	/* fill free objects with 0x6b ... 0xa5 */
#define SLAB_NO_REAP		0x00001000u	/* cache_reap() leaves this cache alone */
#define SLAB_HWCACHE_ALIGN	0x00002000u	/* align objects to the cache line */
#define SLAB_CACHE_DMA		0x00004000u	/* slabs from ZONE_DMA */
#define SLAB_STORE_USER		0x00010000u	/* remember who allocated or freed each object */
#define SLAB_RECLAIM_ACCOUNT	0x00020000u
#define SLAB_PANIC		0x00040000u	/* panic if the cache cannot be created */
#define SLAB_DEBUG_FLAGS	(SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)

/* Constructor/destructor flags. */
#define SLAB_CTOR_CONSTRUCTOR	0x001u	/* a constructor call, not a verify */
#define SLAB_CTOR_ATOMIC	0x002u
#define SLAB_CTOR_VERIFY	0x004u

typedef void (*kmem_ctor_t)(void *obj, kmem_cache_t *cachep, unsigned long flags);

kmem_cache_t *kmem_cache_create(const char *name, size_t size, size_t align,
				unsigned long flags, kmem_ctor_t ctor, kmem_ctor_t dtor);
int kmem_cache_destroy(kmem_cache_t *cachep);
int kmem_cache_shrink(kmem_cache_t *cachep);
void *kmem_cache_alloc(kmem_cache_t *cachep, gfp_t flags);
void kmem_cache_free(kmem_cache_t *cachep, void *objp);
unsigned int kmem_cache_size(kmem_cache_t *cachep);
const char *kmem_cache_name(kmem_cache_t *cachep);

/*
 * General caches (mm/kmalloc.c): 13 sizes, 32 .. 131072 bytes, each
 * with a DMA twin. malloc_sizes[i] holds 32 << i bytes; kmalloc_index()
 * is the smallest that fits (size 0 included: a 32-byte object).
 */
#define KMALLOC_MAX_SIZE	131072
#define KMALLOC_SHIFT_LOW	5	/* the smallest cache: 32 bytes */
#define NR_MALLOC_SIZES		13	/* 2^5 .. 2^17 */

/* 16 bytes, not 12: __kmalloc() scales the size class to its entry with one shift. */
struct cache_sizes {
	size_t cs_size;
	kmem_cache_t *cs_cachep;
	kmem_cache_t *cs_dmacachep;
} __attribute__((__aligned__(16)));

extern struct cache_sizes malloc_sizes[NR_MALLOC_SIZES];

/*
 *   size  1..32 -> 0 (size-32),  33..64 -> 1 (size-64), ...
 *   index = fls(size - 1) - 5 for size > 32
 */
static __always_inline unsigned int kmalloc_index(size_t size)
{
	return size <= (1U << KMALLOC_SHIFT_LOW) ? 0 : fls_long(size - 1) - KMALLOC_SHIFT_LOW;
}

void fastcall *__kmalloc(size_t size, gfp_t flags);

/*
 * size bytes from the smallest general cache that fits (ULK 8.2.15).
 * As in Linux 2.6.11's <linux/slab.h>, a size known at compile time
 * picks its cache here, at compile time: the call is a
 * kmem_cache_alloc() of that cache. Other sizes, and sizes above
 * KMALLOC_MAX_SIZE (a warning, NULL), go through __kmalloc().
 */
static __always_inline void *kmalloc(size_t size, gfp_t flags)
{
	if (__builtin_constant_p(size) && size <= KMALLOC_MAX_SIZE) {
		const struct cache_sizes *cs = &malloc_sizes[kmalloc_index(size)];

		return kmem_cache_alloc((flags & GFP_DMA) ? cs->cs_dmacachep : cs->cs_cachep, flags);
	}
	return __kmalloc(size, flags);
}

void *kzalloc(size_t size, gfp_t flags);
void *kcalloc(size_t n, size_t size, gfp_t flags);
void fastcall kfree(const void *objp);
size_t ksize(const void *objp);

/* Whole-cache checker: walks every slab; prints the first problem. */
bool kmem_cache_check(kmem_cache_t *cachep);

/* Objects handed out and not freed (the leak checks use it). */
unsigned long kmem_cache_active_objects(kmem_cache_t *cachep);
/* Give back to the buddy system everything every cache holds free. May sleep. */
void kmem_cache_shrink_all(void);

void kmem_cache_init(void);
/* The "slab_debug" boot parameter was given: every cache is debugged (mm/slab_debug.c). */
extern int slab_debug_all;
/* Start the periodic cache_reap() on the "events" work queue (after init_workqueues()). */
void cpucache_init(void);
/* One pass of the reaper (process context); 0 if the cache chain was busy. */
int cache_reap(void);

/* Counters of the debug checks' reports (tests assert on them). */
extern unsigned long slab_error_reports;
/* Pages held by slabs (the Slab: line of meminfo). */
extern unsigned long nr_slab_pages;
extern unsigned long nr_slab_pages_zone[];	/* per zone (mmzone.h's zone_type) */

#endif
