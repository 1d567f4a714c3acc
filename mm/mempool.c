/*
 * Memory pools (include/mempool.h; Linux 2.6's mm/mempool.c).
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <mempool.h>
#include <slab.h>
#include <sched.h>
#include <wait.h>

static void add_element(mempool_t *pool, void *element)
{
	BUG_ON(pool->curr_nr >= pool->min_nr);
	pool->elements[pool->curr_nr++] = element;
}

static void *remove_element(mempool_t *pool)
{
	BUG_ON(pool->curr_nr <= 0);
	return pool->elements[--pool->curr_nr];
}

static void free_pool(mempool_t *pool)
{
	while (pool->curr_nr)
		pool->free(remove_element(pool), pool->pool_data);
	kfree(pool->elements);
	kfree(pool);
}

/* A pool with min_nr elements allocated now, or NULL (everything undone). */
mempool_t *mempool_create(int min_nr, mempool_alloc_t *alloc_fn, mempool_free_t *free_fn,
			  void *pool_data)
{
	mempool_t *pool;

	if (min_nr < 0 || !alloc_fn || !free_fn)
		return NULL;
	pool = kzalloc(sizeof(*pool), GFP_KERNEL);
	if (!pool)
		return NULL;
	pool->elements = kcalloc(min_nr ? min_nr : 1, sizeof(void *), GFP_KERNEL);
	if (!pool->elements) {
		kfree(pool);
		return NULL;
	}
	spin_lock_init(&pool->lock);
	pool->lock.name = "mempool";
	init_waitqueue_head(&pool->wait);
	pool->min_nr = min_nr;
	pool->pool_data = pool_data;
	pool->alloc = alloc_fn;
	pool->free = free_fn;
	while (pool->curr_nr < pool->min_nr) {
		void *element = pool->alloc(GFP_KERNEL, pool->pool_data);

		if (!element) {
			free_pool(pool);
			return NULL;
		}
		add_element(pool, element);
	}
	return pool;
}

/*
 * Change the reserve's target. Shrinking frees the surplus; growing
 * allocates the new elements (0, or -ENOMEM with the pool unchanged).
 */
int mempool_resize(mempool_t *pool, int new_min_nr, gfp_t gfp_mask)
{
	void **new_elements, *element;
	unsigned long flags;

	BUG_ON(new_min_nr < 0);
	spin_lock_irqsave(&pool->lock, flags);
	if (new_min_nr <= pool->min_nr) {
		while (pool->curr_nr > new_min_nr) {
			element = remove_element(pool);
			spin_unlock_irqrestore(&pool->lock, flags);
			pool->free(element, pool->pool_data);
			spin_lock_irqsave(&pool->lock, flags);
		}
		pool->min_nr = new_min_nr;
		spin_unlock_irqrestore(&pool->lock, flags);
		return 0;
	}
	spin_unlock_irqrestore(&pool->lock, flags);

	new_elements = kcalloc(new_min_nr, sizeof(void *), gfp_mask);
	if (!new_elements)
		return -ENOMEM;
	spin_lock_irqsave(&pool->lock, flags);
	memcpy(new_elements, pool->elements, pool->curr_nr * sizeof(void *));
	kfree(pool->elements);
	pool->elements = new_elements;
	pool->min_nr = new_min_nr;
	while (pool->curr_nr < pool->min_nr) {
		spin_unlock_irqrestore(&pool->lock, flags);
		element = pool->alloc(gfp_mask, pool->pool_data);
		if (!element)
			return -ENOMEM;	/* min_nr stays raised: mempool_free() fills the rest */
		spin_lock_irqsave(&pool->lock, flags);
		if (pool->curr_nr < pool->min_nr)
			add_element(pool, element);
		else
			pool->free(element, pool->pool_data);
	}
	spin_unlock_irqrestore(&pool->lock, flags);
	return 0;
}

/* Every element must be back in the pool: anything else is a leak the caller made. */
void mempool_destroy(mempool_t *pool)
{
	if (!pool)
		return;
	if (pool->curr_nr != pool->min_nr)
		printk(KERN_ERR "mempool_destroy: %d of %d elements still in use\n",
		       pool->min_nr - pool->curr_nr, pool->min_nr);
	free_pool(pool);
}

/*
 * An element: from the underlying allocator (without waiting) if it has
 * one, else from the reserve. With the reserve empty, a caller that may
 * sleep waits for mempool_free() to return one and tries again; an
 * atomic caller gets NULL. So a __GFP_WAIT allocation never fails.
 */
void *mempool_alloc(mempool_t *pool, gfp_t gfp_mask)
{
	gfp_t gfp_nowait = gfp_mask & ~(__GFP_WAIT | __GFP_IO);
	unsigned long flags;
	void *element;

	if (gfp_mask & __GFP_WAIT)
		might_sleep();
repeat_alloc:
	element = pool->alloc(gfp_nowait | __GFP_NOWARN, pool->pool_data);
	if (likely(element))
		return element;
	/* The reserve is low and we may reclaim: try the allocator harder. */
	if ((gfp_mask & __GFP_FS) && gfp_mask != gfp_nowait && pool->curr_nr <= pool->min_nr / 2) {
		element = pool->alloc(gfp_mask | __GFP_NOWARN, pool->pool_data);
		if (element)
			return element;
	}
	spin_lock_irqsave(&pool->lock, flags);
	if (likely(pool->curr_nr)) {
		element = remove_element(pool);
		spin_unlock_irqrestore(&pool->lock, flags);
		return element;
	}
	spin_unlock_irqrestore(&pool->lock, flags);
	if (!(gfp_mask & __GFP_WAIT) || in_interrupt())
		return NULL;
	pool->nr_waits++;
	wait_event(pool->wait, pool->curr_nr > 0);
	goto repeat_alloc;
}

void mempool_free(void *element, mempool_t *pool)
{
	unsigned long flags;

	if (unlikely(!element))
		return;
	if (pool->curr_nr < pool->min_nr) {
		spin_lock_irqsave(&pool->lock, flags);
		if (pool->curr_nr < pool->min_nr) {
			add_element(pool, element);
			spin_unlock_irqrestore(&pool->lock, flags);
			wake_up(&pool->wait);
			return;
		}
		spin_unlock_irqrestore(&pool->lock, flags);
	}
	pool->free(element, pool->pool_data);
}

void *mempool_alloc_slab(gfp_t gfp_mask, void *pool_data)
{
	return kmem_cache_alloc(pool_data, gfp_mask);
}

void mempool_free_slab(void *element, void *pool_data)
{
	kmem_cache_free(pool_data, element);
}

void *mempool_kmalloc(gfp_t gfp_mask, void *pool_data)
{
	return kmalloc((size_t)pool_data, gfp_mask);
}

void mempool_kfree(void *element, void *pool_data)
{
	kfree(element);
}

void *mempool_alloc_pages(gfp_t gfp_mask, void *pool_data)
{
	return alloc_pages(gfp_mask, (unsigned int)(unsigned long)pool_data);
}

void mempool_free_pages(void *element, void *pool_data)
{
	__free_pages(element, (unsigned int)(unsigned long)pool_data);
}
