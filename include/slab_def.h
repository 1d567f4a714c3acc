/*
 * The slab allocator's structures (Linux 2.6's mm/slab.c), public so
 * that tests and the gdb helpers can look inside a cache.
 *
 * A cache (kmem_cache_t) owns slabs: one or more contiguous pages cut
 * into `num` objects. Each slab is on one of three lists -- full,
 * partial, free -- and has a descriptor, struct slab, followed by the
 * kmem_bufctl_t array: bufctl[i] is the index of the next free object
 * after object i, a free list threaded through indices (ULK 8.2.6).
 *
 * On-slab (small objects), everything in the slab's own pages:
 *
 *   +--------+-------------+------------------+-----+-------+-----+-------+------+
 *   | colour | struct slab | bufctl[0..num-1] | pad | obj 0 | ... | obj n | left |
 *   +--------+-------------+------------------+-----+-------+-----+-------+------+
 *   ^ page                                          ^ s_mem
 *   colour = colour_next * colour_off: successive slabs start their objects
 *   at different offsets, so equal objects of different slabs fall on
 *   different cache lines (ULK 8.2.10).
 *
 * Off-slab (objects of 512 bytes and more): struct slab and the bufctl
 * array come from a general cache (slabp_cache) and the pages hold only
 * colour + objects.
 *
 * In front of the slabs, each CPU has an array_cache: a stack of up to
 * `limit` pointers to free objects. Allocation pops, freeing pushes; an
 * empty array refills `batchcount` objects from the slabs, a full one
 * gives `batchcount` back (ULK 8.2.11).
 */
#ifndef _MNEME_SLAB_DEF_H
#define _MNEME_SLAB_DEF_H

#include <types.h>
#include <list.h>
#include <spinlock.h>
#include <slab.h>
#include <mmzone.h>

typedef unsigned int kmem_bufctl_t;
#define BUFCTL_END	((kmem_bufctl_t)~0U)

struct slab {
	struct list_head list;		/* on slabs_full, slabs_partial or slabs_free */
	unsigned long colouroff;	/* offset of s_mem from the first page */
	void *s_mem;			/* the first object */
	unsigned int inuse;		/* objects handed out (arrays included) */
	kmem_bufctl_t free;		/* index of the first free object, or BUFCTL_END */
};

static inline kmem_bufctl_t *slab_bufctl(struct slab *slabp)
{
	return (kmem_bufctl_t *)(slabp + 1);
}

struct array_cache {
	unsigned int avail;		/* objects in entry[] */
	unsigned int limit;		/* room in entry[] */
	unsigned int batchcount;	/* objects moved per refill or flush */
	unsigned int touched;		/* used since the last cache_reap() */
	/* followed by void *entry[limit] */
};

static inline void **ac_entry(struct array_cache *ac)
{
	return (void **)(ac + 1);
}

struct kmem_list3 {
	struct list_head slabs_partial;	/* partial first: allocations prefer them */
	struct list_head slabs_full;
	struct list_head slabs_free;
	unsigned long free_objects;	/* free objects in the slabs (not the arrays) */
	int free_touched;		/* a free slab was used since the last reap */
	unsigned long next_reap;	/* jiffies */
};

struct kmem_cache_s {
	/* 1) touched on every allocation and free */
	struct array_cache *array[NR_CPUS];
	unsigned int batchcount;
	unsigned int limit;
	/* 2) touched when the arrays go to the slabs */
	struct kmem_list3 lists;
	unsigned int objsize;		/* the object with its debug words, aligned */
	unsigned int flags;		/* SLAB_* and CFLGS_* */
	unsigned int num;		/* objects per slab */
	unsigned int free_limit;	/* free objects kept in free slabs at most */
	spinlock_t spinlock;
	/* 3) slab growth and shrinking */
	unsigned int gfporder;		/* 2^gfporder pages per slab */
	gfp_t gfpflags;			/* __GFP_DMA for DMA caches */
	size_t colour;			/* number of colours */
	unsigned int colour_off;	/* bytes per colour */
	unsigned int colour_next;	/* the colour of the next slab */
	kmem_cache_t *slabp_cache;	/* where off-slab descriptors come from */
	unsigned int slab_size;		/* struct slab + the bufctl array, aligned */
	kmem_ctor_t ctor;
	kmem_ctor_t dtor;
	/* 4) creation and removal */
	const char *name;
	struct list_head next;		/* on cache_chain */
	/* 5) statistics */
	unsigned long num_slabs;	/* slabs now */
	unsigned long high_mark;	/* most objects out of the slabs at once */
	unsigned long grown, reaped;	/* slabs created, slabs freed by cache_reap */
	unsigned long allochit, allocmiss, freehit, freemiss;	/* array hits and misses */
	/* 6) debugging (SLAB_RED_ZONE, SLAB_POISON, SLAB_STORE_USER) */
	unsigned int dbghead;		/* bytes before the object: red zone 1, aligned */
	unsigned int reallen;		/* the size the creator asked for */
};

#define CFLGS_OFF_SLAB		0x80000000u	/* descriptor and bufctl off the slab */

extern struct list_head cache_chain;

/* The cache and slab an object's page belongs to (page->lru is free for slab pages). */
static inline kmem_cache_t *page_get_cache(struct page *page)
{
	return (kmem_cache_t *)page->lru.next;
}

static inline struct slab *page_get_slab(struct page *page)
{
	return (struct slab *)page->lru.prev;
}

#endif
