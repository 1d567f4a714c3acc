/*
 * Memory pools (ULK 8.2.17): a reserve of min_nr elements kept back for
 * a user that must not fail (a block driver writing out memory, say).
 * mempool_alloc() tries the underlying allocator first and falls back
 * on the reserve; mempool_free() refills the reserve first.
 */
#ifndef _MNEME_MEMPOOL_H
#define _MNEME_MEMPOOL_H

#include <gfp.h>
#include <spinlock.h>
#include <wait.h>

typedef void *(mempool_alloc_t)(gfp_t gfp_mask, void *pool_data);
typedef void (mempool_free_t)(void *element, void *pool_data);

typedef struct mempool_s {
	spinlock_t lock;
	int min_nr;		/* the reserve's target size */
	int curr_nr;		/* elements in the reserve now */
	void **elements;
	void *pool_data;
	mempool_alloc_t *alloc;
	mempool_free_t *free;
	wait_queue_head_t wait;	/* callers sleeping for a returned element */
	unsigned long nr_waits;	/* how often someone slept here */
} mempool_t;

mempool_t *mempool_create(int min_nr, mempool_alloc_t *alloc_fn, mempool_free_t *free_fn,
			  void *pool_data);
int mempool_resize(mempool_t *pool, int new_min_nr, gfp_t gfp_mask);
void mempool_destroy(mempool_t *pool);
void *mempool_alloc(mempool_t *pool, gfp_t gfp_mask);
void mempool_free(void *element, mempool_t *pool);

/* Ready-made pools: slab objects (pool_data = the cache), kmalloc (the size), pages (the order). */
void *mempool_alloc_slab(gfp_t gfp_mask, void *pool_data);
void mempool_free_slab(void *element, void *pool_data);
void *mempool_kmalloc(gfp_t gfp_mask, void *pool_data);
void mempool_kfree(void *element, void *pool_data);
void *mempool_alloc_pages(gfp_t gfp_mask, void *pool_data);
void mempool_free_pages(void *element, void *pool_data);


#endif
