/*
 * Slab debugging (mm/internal.h draws an object's slot): red zones
 * checked on free, poison checked on allocation, the last user's
 * address, and the validation of every pointer handed back. Each
 * problem is reported once, naming the cache, the object and what is
 * wrong, and the cache is left consistent: a double free or a foreign
 * pointer is not freed; damaged red zones and poison are repaired.
 */
#include <kernel.h>
#include <string.h>
#include <mm.h>
#include <slab.h>
#include <slab_def.h>
#include "internal.h"

int slab_debug_all;		/* "slab_debug": every cache gets the debug flags */
unsigned long slab_error_reports;

static unsigned long *dbg_redzone1(kmem_cache_t *cachep, void *slot)
{
	return (unsigned long *)((char *)slot + cachep->dbghead - BYTES_PER_WORD);
}

static unsigned long *dbg_redzone2(kmem_cache_t *cachep, void *slot)
{
	return (unsigned long *)((char *)slot + cachep->dbghead +
				 ALIGN(cachep->reallen, BYTES_PER_WORD));
}

static void **dbg_userword(kmem_cache_t *cachep, void *slot)
{
	char *p = (char *)slot + cachep->dbghead + ALIGN(cachep->reallen, BYTES_PER_WORD);

	if (cachep->flags & SLAB_RED_ZONE)
		p += BYTES_PER_WORD;
	return (void **)p;
}

void slab_error(kmem_cache_t *cachep, const char *func, const void *objp,
		const char *what, void *last_user)
{
	slab_error_reports++;
	printk(KERN_ERR "slab error in %s(): cache '%s': object %p: %s\n",
	       func, cachep ? cachep->name : "?", objp, what);
	if (last_user)
		printk(KERN_ERR "  last user of the object: %pS\n", last_user);
	dump_stack();
}

static void poison_obj(kmem_cache_t *cachep, void *slot, unsigned char val)
{
	char *p = (char *)slot + cachep->dbghead;

	memset(p, val, cachep->reallen);
	p[cachep->reallen - 1] = POISON_END;
}

void slab_debug_init_obj(kmem_cache_t *cachep, void *slot)
{
	if (cachep->flags & SLAB_POISON)
		poison_obj(cachep, slot, POISON_FREE);
	if (cachep->flags & SLAB_RED_ZONE) {
		*dbg_redzone1(cachep, slot) = RED_INACTIVE;
		*dbg_redzone2(cachep, slot) = RED_INACTIVE;
	}
	if (cachep->flags & SLAB_STORE_USER)
		*dbg_userword(cachep, slot) = NULL;
}

/* When a slab is destroyed its free objects must still be intact: a last look. */
void slab_debug_destroy_obj(kmem_cache_t *cachep, void *slot)
{
	if ((cachep->flags & SLAB_RED_ZONE) &&
	    (*dbg_redzone1(cachep, slot) != RED_INACTIVE ||
	     *dbg_redzone2(cachep, slot) != RED_INACTIVE))
		slab_error(cachep, "slab_destroy", (char *)slot + cachep->dbghead,
			   "red zone damaged while the object was free",
			   cachep->flags & SLAB_STORE_USER ? *dbg_userword(cachep, slot) : NULL);
}

/* The first byte of a free object that is no longer poison, or -1. */
static int check_poison(kmem_cache_t *cachep, void *slot)
{
	unsigned char *p = (unsigned char *)slot + cachep->dbghead;
	unsigned int i;

	for (i = 0; i < cachep->reallen; i++) {
		unsigned char want = i == cachep->reallen - 1 ? POISON_END : POISON_FREE;

		if (p[i] != want)
			return i;
	}
	return -1;
}

void *cache_alloc_debugcheck_after(kmem_cache_t *cachep, gfp_t flags, void *slot, void *caller)
{
	void *objp, *last = NULL;

	if (!slot)
		return NULL;
	objp = (char *)slot + cachep->dbghead;
	if (cachep->flags & SLAB_STORE_USER)
		last = *dbg_userword(cachep, slot);
	if (cachep->flags & SLAB_POISON) {
		int bad = check_poison(cachep, slot);

		if (bad >= 0) {
			char what[96];

			snprintf(what, sizeof(what), "modified after it was freed (byte %d is "
				 "0x%02x, expected 0x%02x): a use after free", bad,
				 ((unsigned char *)objp)[bad],
				 bad == (int)cachep->reallen - 1 ? POISON_END : POISON_FREE);
			slab_error(cachep, "kmem_cache_alloc", objp, what, last);
		}
		poison_obj(cachep, slot, POISON_INUSE);
	}
	if (cachep->flags & SLAB_RED_ZONE) {
		if (*dbg_redzone1(cachep, slot) != RED_INACTIVE ||
		    *dbg_redzone2(cachep, slot) != RED_INACTIVE)
			slab_error(cachep, "kmem_cache_alloc", objp,
				   "red zone damaged while the object was free", last);
		*dbg_redzone1(cachep, slot) = RED_ACTIVE;
		*dbg_redzone2(cachep, slot) = RED_ACTIVE;
	}
	if (cachep->flags & SLAB_STORE_USER)
		*dbg_userword(cachep, slot) = caller;
	if (flags & __GFP_ZERO)
		memset(objp, 0, cachep->reallen);
	return objp;
}

/*
 * objp was checked by slab_object_valid(). Returns the slot to free, or
 * NULL when the object must not be freed (a double free).
 */
void *cache_free_debugcheck(kmem_cache_t *cachep, void *objp, void *caller)
{
	void *slot = (char *)objp - cachep->dbghead, *last = NULL;

	if (cachep->flags & SLAB_STORE_USER)
		last = *dbg_userword(cachep, slot);
	if (cachep->flags & SLAB_RED_ZONE) {
		unsigned long r1 = *dbg_redzone1(cachep, slot), r2 = *dbg_redzone2(cachep, slot);
		char what[96];

		if (r1 == RED_INACTIVE && r2 == RED_INACTIVE) {
			slab_error(cachep, "kmem_cache_free", objp,
				   "double free (the object is already free)", last);
			return NULL;
		}
		if (r1 != RED_ACTIVE) {
			snprintf(what, sizeof(what), "red zone 1 (before the object) overwritten: "
				 "%#lx, expected %#lx", r1, RED_ACTIVE);
			slab_error(cachep, "kmem_cache_free", objp, what, last);
		}
		if (r2 != RED_ACTIVE) {
			snprintf(what, sizeof(what), "red zone 2 (after the object) overwritten: "
				 "%#lx, expected %#lx (a buffer overrun?)", r2, RED_ACTIVE);
			slab_error(cachep, "kmem_cache_free", objp, what, last);
		}
		*dbg_redzone1(cachep, slot) = RED_INACTIVE;
		*dbg_redzone2(cachep, slot) = RED_INACTIVE;
	}
	/* The object must be back in its constructed state: the constructor checks. */
	if (cachep->flags & SLAB_DEBUG_INITIAL)
		cachep->ctor(objp, cachep, SLAB_CTOR_CONSTRUCTOR | SLAB_CTOR_VERIFY);
	if (cachep->flags & SLAB_STORE_USER)
		*dbg_userword(cachep, slot) = caller;
	if (cachep->flags & SLAB_POISON)
		poison_obj(cachep, slot, POISON_FREE);
	return slot;
}

/*
 * Is objp the start of an object of cachep? Checked on every free: a
 * pointer into the middle of an object, to another cache's object or
 * to memory no slab owns is reported (and then not freed).
 */
bool slab_object_valid(kmem_cache_t *cachep, const void *objp, const char *func)
{
	struct page *page;
	struct slab *slabp;
	unsigned long off;

	if (unlikely(!virt_addr_valid(objp))) {
		slab_error(cachep, func, objp, "not an address of the direct map: no slab owns it", NULL);
		return false;
	}
	page = virt_to_page(objp);
	if (unlikely(!PageSlab(page))) {
		slab_error(cachep, func, objp, "not in a slab page: the cache does not own it", NULL);
		return false;
	}
	if (unlikely(page_get_cache(page) != cachep)) {
		char what[80];

		snprintf(what, sizeof(what), "belongs to cache '%s'", page_get_cache(page)->name);
		slab_error(cachep, func, objp, what, NULL);
		return false;
	}
	slabp = page_get_slab(page);
	off = (const char *)objp - cachep->dbghead - (const char *)slabp->s_mem;
	if (unlikely(off % cachep->objsize || off / cachep->objsize >= cachep->num ||
		     (const char *)objp < (const char *)slabp->s_mem)) {
		slab_error(cachep, func, objp, "not the start of an object of this cache", NULL);
		return false;
	}
	return true;
}

static bool check_failed(kmem_cache_t *cachep, struct slab *slabp, const char *what)
{
	printk(KERN_ERR "kmem_cache_check: cache '%s', slab %p: %s\n", cachep->name, slabp, what);
	return false;
}

/* One slab: its list, in-use count, free chain, back-pointers and red zones. */
static bool check_slab(kmem_cache_t *cachep, struct slab *slabp, int list, unsigned long *nfree)
{
	kmem_bufctl_t *bufctl = slab_bufctl(slabp);
	void *addr = (char *)slabp->s_mem - slabp->colouroff;
	struct page *page;
	unsigned int i, active = 0, chain = 0;
	kmem_bufctl_t k;

	if (slabp->inuse > cachep->num)
		return check_failed(cachep, slabp, "more objects in use than it holds");
	if ((list == 0 && slabp->inuse != cachep->num) ||
	    (list == 1 && (slabp->inuse == 0 || slabp->inuse == cachep->num)) ||
	    (list == 2 && slabp->inuse != 0))
		return check_failed(cachep, slabp, "on the wrong list for its in-use count");
	if (!virt_addr_valid(addr) || !PageSlab(page = virt_to_page(addr)) ||
	    page_get_cache(page) != cachep || page_get_slab(page) != slabp)
		return check_failed(cachep, slabp, "its page does not point back to it");
	for (i = 0; i < cachep->num; i++)
		active += bufctl[i] == BUFCTL_ACTIVE;
	if (active != slabp->inuse)
		return check_failed(cachep, slabp, "in-use count differs from the objects marked in use");
	for (k = slabp->free; k != BUFCTL_END; k = bufctl[k]) {
		void *slot;

		if (k >= cachep->num || ++chain > cachep->num)
			return check_failed(cachep, slabp, "free chain broken (index out of range or loop)");
		slot = (char *)slabp->s_mem + k * cachep->objsize;
		if ((cachep->flags & SLAB_RED_ZONE) &&
		    (*dbg_redzone1(cachep, slot) != RED_INACTIVE ||
		     *dbg_redzone2(cachep, slot) != RED_INACTIVE))
			return check_failed(cachep, slabp, "a free object's red zone is damaged");
	}
	if (chain != cachep->num - slabp->inuse)
		return check_failed(cachep, slabp, "free chain length differs from the free objects");
	*nfree += chain;
	return true;
}

bool kmem_cache_check(kmem_cache_t *cachep)
{
	struct kmem_list3 *l3 = &cachep->lists;
	struct list_head *lists[3] = { &l3->slabs_full, &l3->slabs_partial, &l3->slabs_free };
	struct array_cache *ac = cachep->array[0];
	unsigned long flags, nfree = 0, nslabs = 0;
	bool ok = true;
	unsigned int i;
	int l;

	spin_lock_irqsave(&cachep->spinlock, flags);
	for (l = 0; l < 3 && ok; l++) {
		struct slab *slabp;

		list_for_each_entry(slabp, lists[l], list) {
			/* A list looped back on itself would never end: count as we go. */
			if (++nslabs > cachep->num_slabs) {
				ok = check_failed(cachep, NULL,
						  "more slabs on its lists than num_slabs (a loop?)");
				break;
			}
			if (!virt_addr_valid(slabp)) {
				ok = check_failed(cachep, slabp, "a list links to a wild pointer");
				break;
			}
			if (!(ok = check_slab(cachep, slabp, l, &nfree)))
				break;
		}
	}
	if (ok && nfree != l3->free_objects)
		ok = check_failed(cachep, NULL, "free_objects differs from the free objects in its slabs");
	if (ok && nslabs != cachep->num_slabs)
		ok = check_failed(cachep, NULL, "num_slabs differs from the slabs on its lists");
	/* Before reading the entries: beyond the limit they are past the array. */
	if (ok && ac->avail > ac->limit)
		ok = check_failed(cachep, NULL, "the per-CPU array holds more than its limit");
	/* Objects in the array are free to users but allocated from the slabs' view. */
	for (i = 0; ok && i < ac->avail; i++) {
		void *slot = ac_entry(ac)[i];
		struct page *page;
		struct slab *slabp;
		unsigned long off;

		if (!virt_addr_valid(slot) || !PageSlab(page = virt_to_page(slot)) ||
		    page_get_cache(page) != cachep) {
			ok = check_failed(cachep, NULL, "the per-CPU array holds a foreign pointer");
			break;
		}
		slabp = page_get_slab(page);
		off = (char *)slot - (char *)slabp->s_mem;
		if ((char *)slot < (char *)slabp->s_mem || off % cachep->objsize ||
		    off / cachep->objsize >= cachep->num) {
			ok = check_failed(cachep, slabp,
					  "the per-CPU array holds a pointer that is not an object");
			break;
		}
		if (slab_bufctl(slabp)[off / cachep->objsize] != BUFCTL_ACTIVE)
			ok = check_failed(cachep, slabp, "an object in the per-CPU array is free in its slab");
	}
	spin_unlock_irqrestore(&cachep->spinlock, flags);
	return ok;
}
