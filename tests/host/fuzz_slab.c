/*
 * libFuzzer target for the slab allocator (mm/slab.c, slab_debug.c,
 * kmalloc.c) over the buddy allocator (slab_host.h): the input is a
 * sequence of up to 64 operations on up to six caches of its own and on
 * the general caches, run against a model of the live objects: the
 * counters checked after every step, everything every 32nd step and at
 * the end (see check_now()). Inputs are at most 257 bytes (-max_len is
 * set by default); the checks are left out of coverage.
 *
 *   byte 0        bit 0: "slab_debug" (every cache this input creates
 *                 gets the debug flags that fit)
 *   then steps of four bytes (op, a, b, c); slot = (op >> 4) % 6:
 *     op & 15 = 0,1  allocate from the slot's cache: gfp from a (GFP_KERNEL
 *                    or GFP_ATOMIC, __GFP_ZERO, GFP_DMA, __GFP_NOFAIL)
 *               2    allocate a burst of b % 32 + 1 the same way
 *               3,4  free live object (a | b << 8) % live: kmem_cache_free()
 *                    or, c odd, kfree()
 *               5    kmalloc(): size class (a % 16: 13 and up tiny), size in
 *                    the class from b, DMA / zeroed / kzalloc / kcalloc from c
 *               6    create a cache in the slot: size from a, b (c bits 0-1
 *                    the magnitude), alignment c bits 2-4, flags c bits 5-7
 *                    and b bits (SLAB_HWCACHE_ALIGN, red zone, poison,
 *                    owner, SLAB_CACHE_DMA, a constructor, SLAB_NO_REAP)
 *               7    destroy the slot's cache: refused (1) while it has live
 *                    objects, done (0) when it has none
 *               8    kmem_cache_shrink() of the slot's cache (or of a general
 *                    cache): 1 exactly while objects are in use
 *               9    time: a * 8 jiffies and the timer softirq (cache_reap()
 *                    from its timer), or, b odd, cache_reap() itself
 *               10   fault injection: fail_slab (a bit 7 clear) or
 *                    fail_page_alloc, interval a & 7 (0: off), times b % 4 - 1
 *               11   a bad free, kind a % 8: double free, red zone 1 or 2
 *                    overrun, use after free, another cache's object, an
 *                    interior pointer, a page that is no slab, memory off
 *                    the direct map; each (where the cache's debugging can
 *                    see it) reported exactly once and changing nothing else
 *               12   free a burst of b % 32 + 1 objects
 *               13   kmem_cache_shrink_all(); a odd: show_slabinfo(), show_meminfo()
 *               14,15  like 0
 *
 * The model: every live object with its cache (or general cache), size,
 * and a fill pattern (or, for caches with a constructor, the constructed
 * state, restored before it is freed). Checked:
 *   - an allocation fails only when a fault was injected (slab pages are
 *     kept well below the machine's memory); it is aligned, the start of
 *     an object of a slab of its cache (DMA caches: in ZONE_DMA), overlaps
 *     no live object (a bitmap of the arena's words), and holds what it
 *     must: the constructed state, zeroes (__GFP_ZERO) or POISON_INUSE;
 *   - every live object stays in use in its slab and out of every per-CPU
 *     array, its contents intact until it is freed;
 *   - constructor calls = slabs grown * objects per slab, destructor calls
 *     = slabs destroyed * objects per slab; kmem_cache_active_objects() =
 *     the model's count for each cache; slab_error_reports = the bad frees
 *     made;
 *   - after every step, the page counts (sh_check_counts()); every 32nd
 *     step and at the end sh_check(): kmem_cache_check() on every cache,
 *     the independent walk of every slab and array, the buddy allocator's
 *     pa_check() with the slab pages as its allocated blocks; unallocated
 *     pages and slab gaps are poisoned for ASan.
 * At the end everything is freed and the caches destroyed (destructors
 * = constructors), the general caches shrunk: the free page count, the
 * slab pages and the caches must be exactly those after boot.
 *
 * The slab allocator boots once per process (slab_host.h), so an input
 * run alone may see other addresses than in the run that found it; the
 * checks do not depend on addresses. FUZZ_SLAB_TRACE=1 prints each step
 * and makes every check a full one.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_args.h"
#include "slab_host.h"

/* 36 MB: above 32 MB (slabs up to order 1 to waste less), 16 MB of DMA. */
static const struct pa_layout machine = {
	.name = "fuzz-36M",
	.zones_size = { 0x1000, 0x1400, 0 },
	.reserved = { { 0, 1 }, { 0x9f, 0x100 } },
};

#define NSLOTS		6
#define MAX_LIVE	4096
#define MAX_STEPS	64
#define MAX_LEN		(1 + 4 * MAX_STEPS)	/* -max_len: the bytes the decoding reads */
#define FULL_CHECK_EVERY 32	/* sh_check() every 32 steps (every step with TRACE) */
#define SLAB_PAGE_CAP	2048	/* no allocation above 8 MB of slabs: never out of memory */
#define CTOR_BYTE	0xc7

struct fcache {
	kmem_cache_t *c;
	char name[16];
	unsigned long size, align, flags;
	int ctor, dtor;
	unsigned long nlive;
	unsigned long ctor_calls, dtor_calls, ctor_bad;
};

struct fobj {
	unsigned char *p;
	int slot;		/* -1: kmalloc() */
	unsigned int size;	/* bytes that are ours */
	unsigned char pat;
	kmem_cache_t *cache;	/* the cache it must be in */
};

static struct fcache caches[NSLOTS];
static struct fobj live[MAX_LIVE];
static unsigned int nlive, step, trace = 2;
static unsigned long expected_reports, pattern_seq;
static const char *step_name;
static unsigned char *owned;	/* a bit per 8-byte word of the arena: a live object */

#define TRACE(...) do { if (trace) fprintf(stderr, __VA_ARGS__); } while (0)

__attribute__((noreturn, format(printf, 1, 2)))
static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "fuzz_slab: step %u (%s): ", step, step_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n--- printk log (end) ---\n%s\n", host_printk_tail(4000));
	abort();
}

/* ---- The arena's words owned by live objects ---- */

/* Is any of bits [w, end) set? Bit by bit to a byte boundary, then whole bytes. */
static PA_NOCOV int owned_any(unsigned long w, unsigned long end)
{
	static const unsigned char zero[512];

	for (; w < end && w % 8; w++)
		if ((owned[w / 8] >> (w % 8)) & 1)
			return 1;
	while (end - w >= 8) {
		unsigned long n = (end - w) / 8 < sizeof(zero) ? (end - w) / 8 : sizeof(zero);

		if (memcmp(owned + w / 8, zero, n))
			return 1;
		w += n * 8;
	}
	for (; w < end; w++)
		if ((owned[w / 8] >> (w % 8)) & 1)
			return 1;
	return 0;
}

static PA_NOCOV void owned_set(unsigned long w, unsigned long end, int set)
{
	for (; w < end && (w % 8 || end - w < 8); w++) {
		if (set)
			owned[w / 8] |= 1 << (w % 8);
		else
			owned[w / 8] &= ~(1 << (w % 8));
	}
	if (w < end) {
		memset(owned + w / 8, set ? 0xff : 0, (end - w) / 8);
		w += (end - w) / 8 * 8;
		owned_set(w, end, set);
	}
}

/* Mark (set) or unmark the words of [p, p + size); marking fails if one is marked already. */
static int own(const void *p, unsigned long size, int set)
{
	unsigned long w = ((const unsigned char *)p - pa_arena) / 8;
	unsigned long end = ((const unsigned char *)p - pa_arena + (size ? size : 1) + 7) / 8;

	if (set && owned_any(w, end))
		return 0;
	owned_set(w, end, set);
	return 1;
}

/* ---- Constructors ---- */

static struct fcache *fcache_of(kmem_cache_t *c)
{
	unsigned int i;

	for (i = 0; i < NSLOTS; i++)
		if (caches[i].c == c)
			return &caches[i];
	return NULL;
}

static void construct(void *obj, unsigned long size)
{
	memset(obj, CTOR_BYTE, size);
	*(uintptr_t *)obj = (uintptr_t)obj ^ 0x5a5a5a5a;
}

static int all_bytes(const unsigned char *p, unsigned long n, unsigned char v);

static int constructed(const unsigned char *obj, unsigned long size)
{
	return *(const uintptr_t *)obj == ((uintptr_t)obj ^ 0x5a5a5a5a) &&
	       all_bytes(obj + sizeof(uintptr_t), size - sizeof(uintptr_t), CTOR_BYTE);
}

static void fuzz_ctor(void *obj, kmem_cache_t *c, unsigned long flags)
{
	struct fcache *f = fcache_of(c);

	if (!f) {
		f = &caches[0];
		f->ctor_bad++;
		return;
	}
	f->ctor_calls++;
	if (!(flags & SLAB_CTOR_CONSTRUCTOR) || sh_obj_index(c, obj) < 0)
		f->ctor_bad++;
	construct(obj, f->size);
}

static void fuzz_dtor(void *obj, kmem_cache_t *c, unsigned long flags)
{
	struct fcache *f = fcache_of(c);

	(void)flags;
	if (!f) {
		caches[0].ctor_bad++;
		return;
	}
	f->dtor_calls++;
	if (sh_obj_index(c, obj) < 0 || !constructed(obj, f->size))
		f->ctor_bad++;
}

/* ---- Checks ---- */

/* Are the n bytes at p all v? (Each equal to the next, and the first v.) */
static int all_bytes(const unsigned char *p, unsigned long n, unsigned char v)
{
	return !n || (p[0] == v && !memcmp(p, p + 1, n - 1));
}

static void fill(struct fobj *o)
{
	o->pat = (unsigned char)(++pattern_seq * 37 + 11) | 1;
	if (o->slot >= 0 && caches[o->slot].ctor) {
		/* Keep the constructed state, mark the first word only. */
		*(uintptr_t *)o->p = ((uintptr_t)o->p ^ 0x5a5a5a5a) + o->pat;
		return;
	}
	memset(o->p, o->pat, o->size);
}

/* Its contents as left; for a constructed object, put the constructed state back. */
static PA_NOCOV void check_contents(struct fobj *o, const char *when)
{
	if (o->slot >= 0 && caches[o->slot].ctor) {
		if (*(uintptr_t *)o->p != ((uintptr_t)o->p ^ 0x5a5a5a5a) + o->pat ||
		    !all_bytes(o->p + sizeof(uintptr_t), o->size - sizeof(uintptr_t), CTOR_BYTE))
			die("%s: constructed object %p of %s changed", when, (void *)o->p,
			    caches[o->slot].name);
		return;
	}
	if (!all_bytes(o->p, o->size, o->pat))
		die("%s: object %p (%u bytes, %s) changed while live", when, (void *)o->p, o->size,
		    o->cache->name);
}

/* Where a live object must be: in use in its cache's slab (and in no array: check_full()). */
static PA_NOCOV void check_placed(const struct fobj *o)
{
	long idx = sh_obj_index(o->cache, o->p);
	struct slab *slabp;

	if (idx < 0)
		die("object %p is not an object of %s", (void *)o->p, o->cache->name);
	slabp = sh_slab_of(o->p);
	if (slab_bufctl(slabp)[idx] != BUFCTL_ACTIVE)
		die("live object %p of %s is free in its slab", (void *)o->p, o->cache->name);
}

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;

	return x < y ? -1 : x > y;
}

FUZZ_DEFAULT_MAX_LEN(MAX_LEN)

/*
 * After every step, the counters: bad frees reported, each cache's
 * active objects and constructor/destructor calls against the model,
 * the page counts (sh_check_counts()). Every FULL_CHECK_EVERY-th step,
 * and at the end of the input, everything: sh_check() (every slab,
 * array and page; the slabs' gaps poisoned) and every live object in
 * use in its slab, in no array. With FUZZ_SLAB_TRACE every check is a
 * full one, so a replay stops at the step that broke something.
 */
static PA_NOCOV void check_full(void)
{
	static uintptr_t slots[MAX_LIVE], inarray[8192];
	unsigned int i, n = 0, na = 0, j = 0;
	const char *err;
	kmem_cache_t *c;

	err = sh_check();
	if (err)
		die("%s", err);
	for (i = 0; i < nlive; i++) {
		check_placed(&live[i]);
		slots[n++] = (uintptr_t)live[i].p - live[i].cache->dbghead;
	}
	/* No live object in any array. */
	sh_for_each_cache(c) {
		struct array_cache *ac = c->array[0];
		unsigned int k;

		for (k = 0; k < ac->avail && na < 8192; k++)
			inarray[na++] = (uintptr_t)ac_entry(ac)[k];
	}
	qsort(slots, n, sizeof(slots[0]), cmp_ptr);
	qsort(inarray, na, sizeof(inarray[0]), cmp_ptr);
	for (i = 0; i < n; i++) {
		while (j < na && inarray[j] < slots[i])
			j++;
		if (j < na && inarray[j] == slots[i])
			die("live object slot %#lx is in a per-CPU array", (unsigned long)slots[i]);
	}
}

static PA_NOCOV void check_now(int full)
{
	const char *err;
	unsigned int i;

	if (full)
		check_full();
	else if ((err = sh_check_counts()))
		die("%s", err);
	if (slab_error_reports != expected_reports)
		die("%lu slab error reports, expected %lu", slab_error_reports, expected_reports);
	for (i = 0; i < NSLOTS; i++) {
		struct fcache *f = &caches[i];

		if (!f->c)
			continue;
		if (kmem_cache_active_objects(f->c) != f->nlive)
			die("%s: %lu active objects, the model has %lu", f->name,
			    kmem_cache_active_objects(f->c), f->nlive);
		if (f->ctor_bad)
			die("%s: a constructor or destructor saw a wrong object or state", f->name);
		if (f->ctor && (f->ctor_calls != f->c->grown * f->c->num ||
				f->dtor_calls != (f->dtor ? (f->c->grown - f->c->num_slabs) * f->c->num : 0)))
			die("%s: %lu constructor and %lu destructor calls; %lu slabs grown, %lu now, %u "
			    "objects each", f->name, f->ctor_calls, f->dtor_calls, f->c->grown,
			    f->c->num_slabs, f->c->num);
	}
}

static void check(void)
{
	check_now(trace || step % FULL_CHECK_EVERY == 0);
}

/* ---- Operations ---- */

static gfp_t decode_gfp(uint8_t a)
{
	gfp_t gfp = a & 1 ? GFP_ATOMIC : GFP_KERNEL;

	if (a & 2)
		gfp |= __GFP_ZERO;
	if ((a & 0x0c) == 0x0c)
		gfp |= GFP_DMA;
	/* Even while every page allocation fails: injection fails only its first attempts. */
	if ((a & 0x30) == 0x30)
		gfp |= __GFP_NOFAIL;
	if (a & 0x40)
		gfp |= __GFP_HIGHMEM | __GFP_COLD;	/* both stripped for slabs */
	return gfp;
}

/* Could the page allocator give a block of order for the slab pages of gfp | extra? */
static int pages_available(gfp_t gfp, gfp_t extra, unsigned int order)
{
	int zi;

	gfp = (gfp & ~(__GFP_ZERO | __GFP_HIGHMEM | __GFP_COLD)) | extra;
	for (zi = 0; zi < ZONE_HIGHMEM; zi++) {
		struct zone *z = pa_zone(zi);

		if (pa_gfp_allows(gfp, zi) && z->present_pages &&
		    zone_watermark_ok(z, order, z->pages_min, gfp_zone(gfp), !(gfp & __GFP_WAIT),
				      !!(gfp & __GFP_HIGH)))
			return 1;
	}
	return 0;
}

/*
 * A NULL allocation from cache is only allowed when a fault was
 * injected, or the page allocator has no block for a slab of the cache
 * or for its off-slab descriptor (fragmentation: the slab pages are
 * capped far below the machine's memory, but DMA is 16 MB).
 */
static void alloc_failed(const char *what, kmem_cache_t *cache, unsigned long injected_slab,
			 unsigned long injected_page, gfp_t gfp)
{
	if (gfp & __GFP_NOFAIL)
		die("%s: a __GFP_NOFAIL allocation failed", what);
	if (fail_slab.failed != injected_slab || fail_page_alloc.failed != injected_page)
		return;
	if (pages_available(gfp, cache->gfpflags, cache->gfporder) &&
	    (!(cache->flags & CFLGS_OFF_SLAB) ||
	     pages_available(gfp, 0, cache->slabp_cache->gfporder)))
		die("%s failed from %s with no fault injected and pages to be had (slab pages %lu, "
		    "free pages %lu)", what, cache->name, nr_slab_pages, nr_free_pages());
}

/* A new object: where it must be, what it must hold; then into the model, filled. */
static void add_live(unsigned char *p, int slot, unsigned int size, kmem_cache_t *cache, gfp_t gfp)
{
	struct fobj *o = &live[nlive];
	kmem_cache_t *c = sh_cache_of(p);

	if (c != cache)
		die("%p from %s, expected %s", (void *)p, c->name, cache->name);
	if ((cache->flags & SLAB_CACHE_DMA) && page_zonenum(virt_to_page(p)) != ZONE_DMA)
		die("%p of DMA cache %s not in ZONE_DMA", (void *)p, cache->name);
	if (slot >= 0 && caches[slot].align && (uintptr_t)p % caches[slot].align)
		die("%p of %s not aligned to %lu", (void *)p, cache->name, caches[slot].align);
	if ((uintptr_t)p % SH_WORD)
		die("%p not word aligned", (void *)p);
	if (!own(p, size, 1))
		die("%p (%u bytes) overlaps a live object", (void *)p, size);
	if (gfp & __GFP_ZERO) {
		if (!all_bytes(p, size, 0))
			die("%p: __GFP_ZERO object not zero", (void *)p);
	} else if (slot >= 0 && caches[slot].ctor) {
		if (!constructed(p, size))
			die("%p of %s not in its constructed state", (void *)p, cache->name);
	} else if (cache->flags & SLAB_POISON) {
		if (!all_bytes(p, size - 1, POISON_INUSE) || p[size - 1] != POISON_END)
			die("%p of %s not poisoned in use", (void *)p, cache->name);
	}
	if ((gfp & __GFP_ZERO) && slot >= 0 && caches[slot].ctor)
		construct(p, size);	/* we promised to free it constructed */
	*o = (struct fobj){ p, slot, size, 0, cache };
	check_placed(o);
	fill(o);
	nlive++;
	if (slot >= 0)
		caches[slot].nlive++;
}

static void do_alloc(int slot, uint8_t a)
{
	struct fcache *f = &caches[slot];
	unsigned long fs = fail_slab.failed, fp = fail_page_alloc.failed;
	gfp_t gfp = decode_gfp(a);
	void *p;

	if (!f->c || nlive == MAX_LIVE || nr_slab_pages > SLAB_PAGE_CAP)
		return;
	p = kmem_cache_alloc(f->c, gfp);
	TRACE("  alloc %s gfp %#x -> %p\n", f->name, gfp, p);
	if (!p) {
		alloc_failed("kmem_cache_alloc", f->c, fs, fp, gfp);
		return;
	}
	add_live(p, slot, f->size, f->c, gfp);
}

/* Remove live object i from the model (its contents checked); returns it. */
static struct fobj take(unsigned int i)
{
	struct fobj o = live[i];

	check_contents(&o, "free");
	if (o.slot >= 0 && caches[o.slot].ctor)
		construct(o.p, o.size);
	own(o.p, o.size, 0);
	live[i] = live[--nlive];
	if (o.slot >= 0)
		caches[o.slot].nlive--;
	return o;
}

static void do_free(unsigned int i, int via_kfree)
{
	struct fobj o = take(i);

	TRACE("  free %p (%s)%s\n", (void *)o.p, o.cache->name, via_kfree ? " by kfree" : "");
	if (via_kfree || o.slot < 0)
		kfree(o.p);
	else
		kmem_cache_free(o.cache, o.p);
}

static void do_kmalloc(uint8_t a, uint8_t b, uint8_t c)
{
	unsigned int cls = a % 16;
	unsigned long size, want;
	unsigned long fs = fail_slab.failed, fp = fail_page_alloc.failed;
	gfp_t gfp = c & 1 ? GFP_ATOMIC : GFP_KERNEL;
	kmem_cache_t *cache;
	unsigned char *p;

	if (nlive == MAX_LIVE || nr_slab_pages > SLAB_PAGE_CAP)
		return;
	if (cls >= 13)
		size = b % 40;
	else
		size = (16UL << cls) + 1 + (b * (16UL << cls)) / 256;	/* in (16 << cls, 32 << cls] */
	if (c & 2)
		gfp |= GFP_DMA;
	for (want = 32; want < size; want *= 2)
		;
	cache = kmem_find_general_cachep(want, gfp);
	switch ((c >> 2) & 3) {
	case 0: p = kmalloc(size, gfp); break;
	case 1: p = kzalloc(size, gfp); gfp |= __GFP_ZERO; break;
	case 2: p = kcalloc(size ? 1 : 0, size, gfp); gfp |= __GFP_ZERO; break;
	default: p = kmalloc(size, gfp | __GFP_ZERO); gfp |= __GFP_ZERO; break;
	}
	TRACE("  kmalloc %lu gfp %#x -> %p\n", size, gfp, (void *)p);
	if (!p) {
		alloc_failed("kmalloc", cache, fs, fp, gfp);
		return;
	}
	if (ksize(p) != ((cache->flags & SLAB_DEBUG_FLAGS) ? cache->reallen : cache->objsize) ||
	    ksize(p) < size)
		die("ksize(%p) = %zu for %lu bytes from %s", (void *)p, ksize(p), size, cache->name);
	add_live(p, -1, size ? size : 1, cache, gfp);
}

/* The most flags the cache of f may end with (see check_flags()). */
static unsigned long max_flags(const struct fcache *f, unsigned long asked, int debug_all)
{
	unsigned long flags = asked | (debug_all ? SLAB_RED_ZONE | SLAB_STORE_USER | SLAB_POISON : 0);

	return f->ctor ? flags & ~SLAB_POISON : flags;
}

/*
 * The flags a new cache ends with, by what any correct rule must give
 * (where exactly "slab_debug" stops adding red zones above 4096 bytes
 * is test_slab's layouts_by_hand, worked out by hand): what was asked
 * for, but poison with a constructor; with "slab_debug", poison too
 * unless there is a constructor, and red zones and the owner word
 * together, always below 4096 bytes. Leaves them in f->flags.
 */
static void check_flags(struct fcache *f, unsigned long asked, int debug_all)
{
	unsigned long eff = f->c->flags & ~CFLGS_OFF_SLAB, want = asked, added;
	const unsigned long rz_su = SLAB_RED_ZONE | SLAB_STORE_USER;

	if (f->ctor)
		want &= ~SLAB_POISON;
	if (debug_all && !f->ctor)
		want |= SLAB_POISON;
	if (debug_all && f->size < 4096)
		want |= rz_su;
	added = eff & ~want;
	if ((want & ~eff) || (added & ~(debug_all ? rz_su : 0)) ||
	    (added && (eff & rz_su) != rz_su))
		die("%s (size %lu%s%s): flags %#lx, asked for %#lx", f->name, f->size,
		    f->ctor ? ", constructor" : "", debug_all ? ", slab_debug" : "", eff, asked);
	f->flags = eff;
}

static const char *const names[NSLOTS] = { "fuzz-0", "fuzz-1", "fuzz-2", "fuzz-3", "fuzz-4", "fuzz-5" };

static void do_create(int slot, uint8_t a, uint8_t b, uint8_t c, int debug_all)
{
	static const unsigned long ranges[4] = { 256, 2048, 16384, KMALLOC_MAX_SIZE };
	static const unsigned long aligns[8] = { 0, 8, 16, 64, 256, 4096, 0, 32 };
	struct fcache *f = &caches[slot];
	unsigned long size, align, flags = 0, fs = fail_slab.failed, fp = fail_page_alloc.failed;
	unsigned int ncaches = sh_nr_caches();
	struct sh_layout L;
	int ctor;

	if (f->c)
		return;
	size = SH_WORD + (a * 257UL + b * 16411UL) % (ranges[c & 3] - SH_WORD + 1);
	align = aligns[(c >> 2) & 7];
	if (c & 0x20)
		flags |= SLAB_HWCACHE_ALIGN;
	if (c & 0x40)
		flags |= SLAB_RED_ZONE;
	if (c & 0x80)
		flags |= SLAB_POISON;
	if (b & 1)
		flags |= SLAB_STORE_USER;
	if ((b & 6) == 6)
		flags |= SLAB_CACHE_DMA;
	if (b & 0x80)
		flags |= SLAB_NO_REAP;
	ctor = (b & 0x18) == 0x18;
	memset(f, 0, sizeof(*f));
	snprintf(f->name, sizeof(f->name), "%s", names[slot]);
	f->size = size;
	f->align = align;
	f->ctor = ctor;
	slab_debug_all = debug_all;
	f->c = kmem_cache_create(names[slot], size, align, flags, ctor ? fuzz_ctor : NULL,
				 ctor && (a & 1) ? fuzz_dtor : NULL);
	slab_debug_all = 0;
	TRACE("  create %s size %lu align %lu flags %#lx%s -> %p\n", names[slot], size, align,
	      flags, ctor ? " ctor" : "", (void *)f->c);
	if (!f->c) {
		/* Refused: for a fault, or because no slab holds one with the flags it would get. */
		if (sh_nr_caches() != ncaches)
			die("a failed kmem_cache_create() left a cache on the chain");
		if (fail_slab.failed == fs && fail_page_alloc.failed == fp &&
		    sh_expect_layout(size, align, max_flags(f, flags, debug_all), sh.break_order, &L))
			die("kmem_cache_create(%lu, %lu, %#lx) failed with no fault injected", size,
			    align, flags);
		return;
	}
	check_flags(f, flags, debug_all);
	if (!sh_expect_layout(size, align, f->flags, sh.break_order, &L))
		die("%s: created, though no slab holds one with flags %#lx", f->name, f->flags);
	{
		const char *err = sh_layout_diff(f->c, &L);

		if (!err)
			err = sh_layout_properties(f->c, L.align);
		if (err)
			die("%s", err);
	}
	if (!align)
		f->align = L.align;
	f->dtor = ctor && (a & 1);
}

static void do_destroy(int slot)
{
	struct fcache *f = &caches[slot];
	int r;

	if (!f->c)
		return;
	r = kmem_cache_destroy(f->c);
	TRACE("  destroy %s (%lu live) -> %d\n", f->name, f->nlive, r);
	if (f->nlive) {
		if (r != 1)
			die("destroy of %s with %lu live objects returned %d", f->name, f->nlive, r);
		return;
	}
	if (r != 0)
		die("destroy of empty %s returned %d", f->name, r);
	if (f->dtor && f->dtor_calls != f->ctor_calls)
		die("%s destroyed: %lu constructor, %lu destructor calls", f->name, f->ctor_calls,
		    f->dtor_calls);
	if (sh_find_cache(f->name))
		die("%s still on cache_chain", f->name);
	f->c = NULL;
}

static void do_shrink(int slot, uint8_t a)
{
	struct fcache *f = &caches[slot];
	int r;

	if (!f->c) {
		kmem_cache_t *g = kmem_find_general_cachep(32UL << (a % 13), a & 0x80 ? GFP_DMA : 0);

		kmem_cache_shrink(g);
		if (g->array[0]->avail || !list_empty(&g->lists.slabs_free))
			die("%s shrunk: %u in the array, free slabs left", g->name, g->array[0]->avail);
		return;
	}
	r = kmem_cache_shrink(f->c);
	if (r != !!f->nlive)
		die("shrink of %s with %lu live objects returned %d", f->name, f->nlive, r);
	if (f->c->array[0]->avail || !list_empty(&f->c->lists.slabs_free) || f->c->lists.free_objects !=
	    f->c->num_slabs * f->c->num - f->nlive)
		die("%s shrunk: %u in the array, free slabs left", f->name, f->c->array[0]->avail);
}

/* Run fn with fault injection suspended (the counters as they were). */
static void *alloc_no_faults(kmem_cache_t *c)
{
	struct fault_attr fs = fail_slab, fp = fail_page_alloc;
	void *p;

	fail_slab.interval = fail_page_alloc.interval = 0;
	p = kmem_cache_alloc(c, GFP_KERNEL);
	fail_slab = fs;
	fail_page_alloc = fp;
	return p;
}

static void expect_report(const char *what)
{
	expected_reports++;
	TRACE("  bad: %s\n", what);
	if (slab_error_reports != expected_reports)
		die("%s: %lu reports, expected %lu", what, slab_error_reports, expected_reports);
}

/* A live object of one of the input's caches with any of these flags, or -1. */
static int find_live(unsigned int from, unsigned long any)
{
	unsigned int k;

	for (k = 0; k < nlive; k++) {
		unsigned int i = (from + k) % nlive;

		if (live[i].slot >= 0 && (live[i].cache->flags & any))
			return i;
	}
	return -1;
}

static void do_bad(uint8_t a, uint8_t b)
{
	unsigned int from = b * 13;
	int i;

	switch (a % 8) {
	case 0: {	/* double free */
		struct fobj o;

		if ((i = find_live(from, SLAB_RED_ZONE)) < 0)
			return;
		o = take(i);
		kmem_cache_free(o.cache, o.p);
		kmem_cache_free(o.cache, o.p);
		expect_report("double free");
		return;
	}
	case 1:		/* red zone 1 */
	case 2: {	/* red zone 2 */
		struct fobj o;
		unsigned char *rz;

		if ((i = find_live(from, SLAB_RED_ZONE)) < 0)
			return;
		o = take(i);
		rz = a % 8 == 1 ? o.p - SH_WORD : o.p + sh_round_up(o.cache->reallen, SH_WORD);
		rz[b % 4] ^= 0x10;	/* a byte of the 32-bit pattern */
		kmem_cache_free(o.cache, o.p);
		expect_report(a % 8 == 1 ? "red zone 1" : "red zone 2");
		return;
	}
	case 3: {	/* use after free, seen at the next allocation */
		struct fobj o;
		unsigned char *q;
		unsigned int at;

		if ((i = find_live(from, SLAB_POISON)) < 0)
			return;
		o = take(i);
		kmem_cache_free(o.cache, o.p);
		at = (b * 7u) % o.cache->reallen;
		o.p[at] ^= 0x01;
		q = alloc_no_faults(o.cache);
		if (q != o.p)
			die("use after free: freed %p, the next allocation gave %p", (void *)o.p, (void *)q);
		expect_report("use after free");
		add_live(q, o.slot, o.size, o.cache, 0);
		return;
	}
	case 4: {	/* another cache's object, through kmem_cache_free() */
		unsigned int s = b % NSLOTS;

		if (!nlive || !caches[s].c)
			return;
		i = from % nlive;
		if (live[i].cache == caches[s].c)
			return;
		kmem_cache_free(caches[s].c, live[i].p);
		expect_report("another cache's object");
		return;
	}
	case 5:		/* an interior pointer (caches with debugging check them) */
		if ((i = find_live(from, SLAB_DEBUG_FLAGS)) < 0)
			return;
		kmem_cache_free(live[i].cache, live[i].p + 1 + b % (live[i].cache->objsize - 1));
		expect_report("interior pointer");
		return;
	case 6:		/* a page of the arena that is no slab: the reserved pfn 0 */
		kfree(pa_arena + 64 * (b % 64));
		expect_report("not a slab page");
		return;
	case 7: {	/* memory outside the direct map */
		static unsigned long not_arena[4];

		if (caches[b % NSLOTS].c)
			kmem_cache_free(caches[b % NSLOTS].c, &not_arena[b % 4]);
		else
			kfree(&not_arena[b % 4]);
		expect_report("not the direct map");
		return;
	}
	}
}

static void do_time(uint8_t a, uint8_t b)
{
	if (b & 1) {
		cache_reap();
		return;
	}
	sh_tick(a * 8UL + 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t pos;
	int debug_all;
	unsigned int i;

	if (trace == 2) {
		const char *env = getenv("FUZZ_SLAB_TRACE");

		trace = env && *env && strcmp(env, "0");
	}
	if (size < 1)
		return 0;
	step = 0;
	step_name = "boot";
	sh_boot(&machine);
	if (!owned) {
		owned = calloc(pa.nr_pfns * PAGE_SIZE / 64, 1);
		if (!owned)
			abort();
	}
	host_printk_clear();
	debug_all = data[0] & 1;
	expected_reports = slab_error_reports;
	check_now(0);

	for (pos = 1; pos + 3 < size && step < MAX_STEPS; pos += 4) {
		uint8_t op = data[pos], a = data[pos + 1], b = data[pos + 2], c = data[pos + 3];
		int slot = (op >> 4) % NSLOTS;
		unsigned int n;

		step++;
		switch (op & 15) {
		case 0: case 1: case 14: case 15:
			step_name = "alloc";
			do_alloc(slot, a);
			break;
		case 2:
			step_name = "alloc burst";
			for (n = b % 32 + 1; n; n--)
				do_alloc(slot, a);
			break;
		case 3: case 4:
			step_name = "free";
			if (nlive)
				do_free((a | b << 8) % nlive, c & 1);
			break;
		case 5:
			step_name = "kmalloc";
			do_kmalloc(a, b, c);
			break;
		case 6:
			step_name = "create";
			do_create(slot, a, b, c, debug_all);
			break;
		case 7:
			step_name = "destroy";
			do_destroy(slot);
			break;
		case 8:
			step_name = "shrink";
			do_shrink(slot, a);
			break;
		case 9:
			step_name = "time";
			do_time(a, b);
			break;
		case 10:
			step_name = "fault injection";
			fault_attr_set(a & 0x80 ? &fail_page_alloc : &fail_slab, a & 7, (long)(b % 4) - 1);
			TRACE("  %s every %u, times %ld\n", a & 0x80 ? "fail_page_alloc" : "fail_slab",
			      a & 7, (long)(b % 4) - 1);
			break;
		case 11:
			step_name = "bad free";
			do_bad(a, b);
			break;
		case 12:
			step_name = "free burst";
			for (n = b % 32 + 1; n && nlive; n--)
				do_free((a * 31u + n) % nlive, n & 1);
			break;
		case 13:
			step_name = "kmem_cache_shrink_all";
			kmem_cache_shrink_all();
			if (a & 1) {	/* and the reports that read every cache */
				show_slabinfo();
				show_meminfo();
				host_printk_clear();
			}
			break;
		}
		check();
	}

	step_name = "free everything";
	fault_attr_set(&fail_slab, 0, -1);
	fault_attr_set(&fail_page_alloc, 0, -1);
	while (nlive)
		do_free(nlive - 1, 0);
	for (i = 0; i < NSLOTS; i++)
		do_destroy(i);
	check_now(1);
	{
		const char *err = sh_leak_check();

		if (err)
			die("%s", err);
	}
	return 0;
}
