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
 * Change the reserve's target to new_min_nr. The pool owns min_nr
 * elements: curr_nr in the reserve, the rest out with its users.
 *
 * Shrinking frees the reserve's surplus now; an element in use beyond
 * the new target is freed when it comes back (mempool_free() finds the
 * reserve full). Returns 0.
 *
 * Growing allocates, with gfp_mask, the larger array and the
 * new_min_nr - min_nr new elements before the pool changes at all, then
 * puts them in under the lock and wakes anyone waiting for an element.
 * Returns 0, or -ENOMEM with the pool exactly as it was (what was
 * allocated is given back). May sleep if gfp_mask allows.
 *
 * The pool's lock is never held across pool->alloc() or pool->free(),
 * as in mempool_alloc() and mempool_free(): they may sleep or take
 * locks of their own. mempool_alloc() and mempool_free() may run
 * meanwhile (from interrupts too); a resize that finds another one got
 * in between gives its elements back and starts again. The caller
 * makes sure mempool_destroy() does not.
 */
int mempool_resize(mempool_t *pool, int new_min_nr, gfp_t gfp_mask)
{
	void **new_elements, **old_elements;
	unsigned long flags;
	int old_min_nr, i;

	BUG_ON(new_min_nr < 0);
again:
	spin_lock_irqsave(&pool->lock, flags);
	old_min_nr = pool->min_nr;
	if (new_min_nr <= old_min_nr) {
		while (pool->curr_nr > new_min_nr) {
			void *element = remove_element(pool);

			spin_unlock_irqrestore(&pool->lock, flags);
			pool->free(element, pool->pool_data);
			spin_lock_irqsave(&pool->lock, flags);
		}
		pool->min_nr = new_min_nr;
		spin_unlock_irqrestore(&pool->lock, flags);
		return 0;
	}
	spin_unlock_irqrestore(&pool->lock, flags);

	might_sleep_if(gfp_mask & __GFP_WAIT);
	/* The new elements wait at the new array's end, [old_min_nr, new_min_nr). */
	new_elements = kcalloc(new_min_nr, sizeof(void *), gfp_mask);
	if (!new_elements)
		return -ENOMEM;
	for (i = old_min_nr; i < new_min_nr; i++) {
		new_elements[i] = pool->alloc(gfp_mask, pool->pool_data);
		if (!new_elements[i])
			goto out_free_new;
	}

	spin_lock_irqsave(&pool->lock, flags);
	if (pool->min_nr != old_min_nr) {
		/* Another resize got in: these elements were counted for a target that is gone. */
		spin_unlock_irqrestore(&pool->lock, flags);
		goto out_free_new_again;
	}
	/* curr_nr <= old_min_nr: the reserve's elements fit below the new ones. */
	memcpy(new_elements, pool->elements, pool->curr_nr * sizeof(void *));
	memmove(new_elements + pool->curr_nr, new_elements + old_min_nr,
		(new_min_nr - old_min_nr) * sizeof(void *));
	old_elements = pool->elements;
	pool->elements = new_elements;
	pool->curr_nr += new_min_nr - old_min_nr;
	pool->min_nr = new_min_nr;
	spin_unlock_irqrestore(&pool->lock, flags);
	kfree(old_elements);
	wake_up(&pool->wait);
	return 0;

out_free_new_again:
	for (i = old_min_nr; i < new_min_nr; i++)
		pool->free(new_elements[i], pool->pool_data);
	kfree(new_elements);
	goto again;

out_free_new:
	while (--i >= old_min_nr)
		pool->free(new_elements[i], pool->pool_data);
	kfree(new_elements);
	return -ENOMEM;
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
