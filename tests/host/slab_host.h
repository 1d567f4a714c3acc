/*
 * A machine for the slab allocator on the host (mm/slab.c, slab_debug.c,
 * kmalloc.c, slabinfo.c over the buddy allocator of page_alloc_host.h),
 * and the checks the slab tests and fuzzer run against it (test_slab*,
 * test_kmalloc, test_vmlist, fuzz_slab, fuzz_vmlist).
 *
 * sh_boot() boots the page allocator on a layout (pa_boot()), sets
 * num_physpages (which picks slab_break_gfp_order), starts the timer
 * wheel and runs kmem_cache_init(). The slab allocator keeps its
 * bootstrap state in statics (cache_cache, the boot arrays, the general
 * caches), so it boots ONCE per process: every test calls sh_boot(),
 * which only boots the first time, and leaves the machine as it found
 * it (SH_END(): consistent, and every page back: the free page count,
 * the slab pages and the caches of the baseline taken after boot).
 *
 * The arena under ASan: every page that is not allocated is poisoned,
 * so a write by the allocator into a page it freed (or never had) is
 * an ASan report. The programs that include this header are linked with
 * --wrap for __alloc_pages, free_pages and __free_pages (tests/host/host.mk
 * finds them by their #include line): the wrappers unpoison a block when
 * it is handed out and poison it when it comes back. sh_check() also
 * poisons, in every slab, the bytes no one may touch: the colour area
 * in front, the padding after the bufctl array, the leftover at the end.
 *
 * sh_check() (NULL or a message):
 *   - kmem_cache_check() on every cache of cache_chain;
 *   - independently, every slab of every cache: its pages aligned to
 *     the order, PG_slab and pointing back at the cache and the slab,
 *     in no other slab; the colour offset a multiple of colour_off below
 *     colour * colour_off; on-slab, the descriptor at the colour offset
 *     with the bufctl array ending before the first object; off-slab,
 *     the descriptor an object of slabp_cache; the objects inside the
 *     pages; the in-use count, the free chain (distinct indices, none in
 *     use) and the list matching; free_objects and num_slabs;
 *   - the per-CPU array: within its limit, every entry the start of an
 *     object in use in a slab of the cache, no entry twice;
 *   - every PG_slab page of mem_map in a slab, nr_slab_pages right;
 *   - the buddy allocator: pa_check() with the slab pages (and the
 *     blocks a test holds, sh_hold()) as the allocated blocks.
 *
 * sh_expect_layout() computes a cache's layout from the rules of ULK
 * 8.2 (alignment, debug words, on/off-slab, order, colours) without
 * looking at mm/slab.c's code: the tests compare every field. It is
 * itself checked against layouts worked out by hand (test_slab's
 * layouts_by_hand), and so is the rule for the flags a cache ends with
 * ("slab_debug", constructors), which no model here recomputes.
 */
#ifndef _HOST_SLAB_HOST_H
#define _HOST_SLAB_HOST_H

#include <sanitizer/asan_interface.h>
#include "page_alloc_host.h"
#include "include/slab.h"
#include "include/slab_def.h"
#include "include/timer.h"
#include "include/interrupt.h"
#include "include/jiffies.h"
#include "include/vmstat.h"

extern unsigned long num_physpages;
extern unsigned long nr_pending_timers;
extern unsigned long nr_might_sleep_warnings;
void init_timers(void);
void run_local_timers(void);

#define SH_WORD		sizeof(void *)
#define SH_L1		32		/* L1_CACHE_BYTES */
#define SH_MAX_ORDER	5		/* slabs of at most 32 pages */
#define SH_MAX_CACHES	256
#define SH_MAX_HELD	64

static struct slab_machine {
	int booted;
	int watch;			/* the arena is poisoned outside allocated pages */
	unsigned int break_order;	/* slab_break_gfp_order, from num_physpages */
	/* The baseline, after boot (settled): what SH_END() wants back. */
	unsigned long free_pages, slab_pages;
	unsigned int nr_caches;
	/* sh_check()'s view: per pfn, the head pfn + 1 of the slab holding it (0: none). */
	unsigned long slab_head[PA_MAX_PFN];
	/* Blocks the test holds outside the slab allocator (for pa_check()). */
	struct pa_block held[SH_MAX_HELD];
	unsigned int nr_held;
} sh;

static char sh_msg[512];

__attribute__((format(printf, 1, 2)))
PA_FN const char *sh_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sh_msg, sizeof(sh_msg), fmt, ap);
	va_end(ap);
	return sh_msg;
}

/* ---- The arena under ASan ---- */

PA_FN void sh_poison(const void *p, unsigned long len, int poison)
{
	if (!sh.watch || !len)
		return;
	if (poison)
		ASAN_POISON_MEMORY_REGION(p, len);
	else
		ASAN_UNPOISON_MEMORY_REGION(p, len);
}

PA_FN void sh_poison_block(struct page *page, unsigned int order, int poison)
{
	sh_poison(pa_page_mem(page_to_pfn(page)), PAGE_SIZE << order, poison);
}

struct page *__real___alloc_pages(gfp_t gfp_mask, unsigned int order, struct zonelist *zonelist);
void __real_free_pages(unsigned long addr, unsigned int order);
void __real___free_pages(struct page *page, unsigned int order);
struct page *__wrap___alloc_pages(gfp_t gfp_mask, unsigned int order, struct zonelist *zonelist);
void __wrap_free_pages(unsigned long addr, unsigned int order);
void __wrap___free_pages(struct page *page, unsigned int order);

/* A block handed out: addressable. (__GFP_ZERO is done here, after the unpoisoning.) */
struct page *__wrap___alloc_pages(gfp_t gfp_mask, unsigned int order, struct zonelist *zonelist)
{
	struct page *page = __real___alloc_pages(gfp_mask & ~__GFP_ZERO, order, zonelist);

	if (page) {
		sh_poison_block(page, order, 0);
		if (gfp_mask & __GFP_ZERO)
			memset(pa_page_mem(page_to_pfn(page)), 0, PAGE_SIZE << order);
	}
	return page;
}

/* A block back in the buddy system (its last reference gone): poisoned. */
void __wrap___free_pages(struct page *page, unsigned int order)
{
	__real___free_pages(page, order);
	if (page_count(page) == 0)
		sh_poison_block(page, order, 1);
}

void __wrap_free_pages(unsigned long addr, unsigned int order)
{
	struct page *page = addr ? virt_to_page(addr) : NULL;

	__real_free_pages(addr, order);
	if (page && page >= mem_map && page < mem_map + pa.nr_pfns && page_count(page) == 0)
		sh_poison_block(page, order, 1);
}

/* ---- Walking the caches ---- */

#define sh_for_each_cache(c)	list_for_each_entry(c, &cache_chain, next)

PA_FN kmem_cache_t *sh_find_cache(const char *name)
{
	kmem_cache_t *c;

	sh_for_each_cache(c)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

PA_FN unsigned int sh_nr_caches(void)
{
	kmem_cache_t *c;
	unsigned int n = 0;

	sh_for_each_cache(c)
		n++;
	return n;
}

PA_FN kmem_cache_t *sh_cache_cache(void)
{
	return sh_find_cache("kmem_cache");
}

PA_FN struct slab *sh_slab_of(const void *obj)
{
	return page_get_slab(virt_to_page(obj));
}

PA_FN kmem_cache_t *sh_cache_of(const void *obj)
{
	return page_get_cache(virt_to_page(obj));
}

PA_FN char *sh_slab_start(const struct slab *slabp)
{
	return (char *)slabp->s_mem - slabp->colouroff;
}

PA_FN unsigned int sh_list_len(const struct list_head *head)
{
	const struct list_head *p;
	unsigned int n = 0;

	for (p = head->next; p != head && n <= PA_MAX_PFN; p = p->next)
		n++;
	return n;
}

/* Is obj (a pointer users get) the start of an object of c, by the slab's numbers? */
PA_FN long sh_obj_index(kmem_cache_t *c, const void *obj)
{
	struct page *page;
	struct slab *slabp;
	long off;

	if (!virt_addr_valid(obj))
		return -1;
	page = virt_to_page(obj);
	if (!PageSlab(page) || page_get_cache(page) != c)
		return -1;
	slabp = page_get_slab(page);
	off = (const char *)obj - c->dbghead - (const char *)slabp->s_mem;
	if (off < 0 || off % c->objsize || off / c->objsize >= c->num)
		return -1;
	return off / c->objsize;
}

/* ---- The consistency check ---- */

static int sh_cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;

	return x < y ? -1 : x > y;
}

/* One slab of c on list l (0 full, 1 partial, 2 free). */
PA_FN const char *sh_check_slab(kmem_cache_t *c, struct slab *slabp, int l)
{
	static const char *const names[3] = { "full", "partial", "free" };
	static unsigned char seen[PAGE_SIZE << SH_MAX_ORDER];
	unsigned long pages = 1UL << c->gfporder, bytes = PAGE_SIZE << c->gfporder;
	unsigned long colours = c->colour ? c->colour : 1, pfn, i, head_off, k;
	char *start = sh_slab_start(slabp), *arena = (char *)pa_arena;
	kmem_bufctl_t *bufctl = slab_bufctl(slabp), f;
	unsigned int active = 0, chain = 0;

	if (start < arena || start >= arena + pa.nr_pfns * PAGE_SIZE || (start - arena) % PAGE_SIZE)
		return sh_err("cache %s: %s slab %p starts at %p, not a page of RAM", c->name,
			      names[l], (void *)slabp, (void *)start);
	pfn = (start - arena) / PAGE_SIZE;
	if (pfn & (pages - 1) || pfn + pages > pa.nr_pfns)
		return sh_err("cache %s: slab at pfn %#lx not an aligned block of order %u",
			      c->name, pfn, c->gfporder);
	for (i = 0; i < pages; i++) {
		struct page *page = pfn_to_page(pfn + i);

		if (!PageSlab(page) || page_get_cache(page) != c || page_get_slab(page) != slabp)
			return sh_err("cache %s: page %lu of the slab at pfn %#lx does not point back "
				      "(PG_slab %d, cache %p, slab %p)", c->name, i, pfn,
				      PageSlab(page), (void *)page_get_cache(page),
				      (void *)page_get_slab(page));
		if (sh.slab_head[pfn + i])
			return sh_err("cache %s: pfn %#lx in two slabs", c->name, pfn + i);
		sh.slab_head[pfn + i] = pfn + 1;
	}
	/* Where the colour put the descriptor (on-slab) or the objects (off-slab). */
	head_off = slabp->colouroff;
	if (!(c->flags & CFLGS_OFF_SLAB)) {
		if ((char *)slabp < start || (char *)slabp >= start + bytes)
			return sh_err("cache %s: on-slab descriptor %p outside its slab at %p",
				      c->name, (void *)slabp, (void *)start);
		k = (char *)slabp - start;
		if (head_off != k + c->slab_size)
			return sh_err("cache %s: colouroff %lu, the descriptor at +%lu + slab_size %u",
				      c->name, head_off, k, c->slab_size);
		if ((char *)(bufctl + c->num) > (char *)slabp->s_mem)
			return sh_err("cache %s: bufctl array overlaps the first object", c->name);
	} else {
		k = head_off;
		if (!virt_addr_valid(slabp) || !PageSlab(virt_to_page(slabp)) ||
		    page_get_cache(virt_to_page(slabp)) != c->slabp_cache)
			return sh_err("cache %s: off-slab descriptor %p not an object of %s", c->name,
				      (void *)slabp, c->slabp_cache ? c->slabp_cache->name : "(none)");
	}
	if (k % c->colour_off || k / c->colour_off >= colours)
		return sh_err("cache %s: colour offset %lu is not one of %lu colours of %u bytes",
			      c->name, k, colours, c->colour_off);
	if ((char *)slabp->s_mem + (unsigned long)c->num * c->objsize > start + bytes)
		return sh_err("cache %s: objects of the slab at pfn %#lx run past its end", c->name, pfn);
	/* In-use count, free chain and list. */
	for (i = 0; i < c->num; i++) {
		if (bufctl[i] == BUFCTL_ACTIVE)
			active++;
		else if (bufctl[i] != BUFCTL_END && bufctl[i] >= c->num)
			return sh_err("cache %s: bufctl[%lu] = %#x", c->name, i, bufctl[i]);
	}
	if (active != slabp->inuse)
		return sh_err("cache %s: slab at pfn %#lx: %u objects marked in use, inuse %u",
			      c->name, pfn, active, slabp->inuse);
	memset(seen, 0, c->num);
	for (f = slabp->free; f != BUFCTL_END; f = bufctl[f]) {
		if (f >= c->num || seen[f] || bufctl[f] == BUFCTL_ACTIVE)
			return sh_err("cache %s: slab at pfn %#lx: free chain broken at %u", c->name, pfn, f);
		seen[f] = 1;
		chain++;
	}
	if (chain + active != c->num)
		return sh_err("cache %s: slab at pfn %#lx: %u free in the chain + %u in use != %u",
			      c->name, pfn, chain, active, c->num);
	if ((l == 0) != (active == c->num) || (l == 2) != (active == 0))
		return sh_err("cache %s: slab at pfn %#lx with %u of %u in use on the %s list",
			      c->name, pfn, active, c->num, names[l]);
	/* The bytes nobody may touch: colour area, padding, leftover. */
	if (c->flags & CFLGS_OFF_SLAB) {
		sh_poison(start, (char *)slabp->s_mem - start, 1);
	} else {
		sh_poison(start, (char *)slabp - start, 1);
		sh_poison(bufctl + c->num, (char *)slabp->s_mem - (char *)(bufctl + c->num), 1);
	}
	sh_poison((char *)slabp->s_mem + (unsigned long)c->num * c->objsize,
		  start + bytes - ((char *)slabp->s_mem + (unsigned long)c->num * c->objsize), 1);
	return NULL;
}

PA_FN const char *sh_check_cache(kmem_cache_t *c)
{
	struct list_head *lists[3] = { &c->lists.slabs_full, &c->lists.slabs_partial,
				       &c->lists.slabs_free };
	static uintptr_t entries[4096];
	unsigned long nslabs = 0, nfree = 0, n;
	struct array_cache *ac = c->array[0];
	const char *err;
	unsigned int i;
	int l;

	if (c->gfporder > SH_MAX_ORDER || !c->num || !c->objsize || c->colour_off < SH_L1)
		return sh_err("cache %s: order %u, num %u, objsize %u, colour_off %u", c->name,
			      c->gfporder, c->num, c->objsize, c->colour_off);
	for (l = 0; l < 3; l++) {
		struct slab *slabp;

		n = 0;
		list_for_each_entry(slabp, lists[l], list) {
			if (++n > pa.nr_pfns)
				return sh_err("cache %s: slab list %d loops", c->name, l);
			err = sh_check_slab(c, slabp, l);
			if (err)
				return err;
			nfree += c->num - slabp->inuse;
		}
		nslabs += n;
	}
	if (nslabs != c->num_slabs)
		return sh_err("cache %s: %lu slabs on the lists, num_slabs %lu", c->name, nslabs,
			      c->num_slabs);
	if (nfree != c->lists.free_objects)
		return sh_err("cache %s: %lu free objects in the slabs, free_objects %lu", c->name,
			      nfree, c->lists.free_objects);
	if (!ac || ac->avail > ac->limit || ac->limit != c->limit || ac->batchcount != c->batchcount ||
	    ac->batchcount > ac->limit || !ac->batchcount || ac->limit > 4096)
		return sh_err("cache %s: array avail %u limit %u batch %u (cache: limit %u batch %u)",
			      c->name, ac ? ac->avail : 0, ac ? ac->limit : 0, ac ? ac->batchcount : 0,
			      c->limit, c->batchcount);
	for (i = 0; i < ac->avail; i++) {
		void *slot = ac_entry(ac)[i];
		long idx = sh_obj_index(c, (char *)slot + c->dbghead);

		if (idx < 0)
			return sh_err("cache %s: array entry %u (%p) is not an object of the cache",
				      c->name, i, slot);
		if (slab_bufctl(sh_slab_of(slot))[idx] != BUFCTL_ACTIVE)
			return sh_err("cache %s: array entry %u (%p) is free in its slab", c->name, i, slot);
		entries[i] = (uintptr_t)slot;
	}
	qsort(entries, ac->avail, sizeof(entries[0]), sh_cmp_ptr);
	for (i = 1; i < ac->avail; i++)
		if (entries[i] == entries[i - 1])
			return sh_err("cache %s: %p twice in the array", c->name, (void *)entries[i]);
	return NULL;
}

/* Forget the blocks held (sh_hold()) and rebuild pa's model from the slabs sh_check() found. */
PA_FN const char *sh_check_pages(void)
{
	unsigned long pfn, nslab = 0;
	const char *err;
	unsigned int i;
	int zi;

	pa.nr_blocks = 0;
	memset(pa.owned, 0, pa.nr_pfns);
	for (zi = 0; zi < MAX_NR_ZONES; zi++)
		pa.live_pages[zi] = 0;
	for (pfn = 0; pfn < pa.nr_pfns; pfn++) {
		struct page *page = pfn_to_page(pfn);

		if (!!PageSlab(page) != !!sh.slab_head[pfn])
			return sh_err("pfn %#lx: PG_slab %d, %s", pfn, !!PageSlab(page),
				      sh.slab_head[pfn] ? "in a slab" : "in no slab of any cache");
		if (!sh.slab_head[pfn])
			continue;
		nslab++;
		if (sh.slab_head[pfn] == pfn + 1) {
			kmem_cache_t *c = page_get_cache(page);

			err = pa_model_add(page, c->gfporder, c->gfpflags);
			if (err)
				return sh_err("cache %s: %s", c->name, err);
		}
	}
	if (nslab != nr_slab_pages)
		return sh_err("%lu pages in slabs, nr_slab_pages %lu", nslab, nr_slab_pages);
	for (i = 0; i < sh.nr_held; i++) {
		err = pa_model_add(pfn_to_page(sh.held[i].pfn), sh.held[i].order, sh.held[i].gfp);
		if (err)
			return err;
	}
	return pa_check();
}

/*
 * The counters alone, in O(zones * orders): per zone, the free blocks
 * counted by nr_free add up to free_pages; over the machine, free,
 * per-CPU, slab and held pages add up to the pages boot freed (the
 * slab allocator and the blocks held are the only users). What the
 * fuzzer checks after every step; sh_check() walks what is behind them.
 */
PA_FN const char *sh_check_counts(void)
{
	unsigned long total = nr_slab_pages, managed = 0;
	unsigned int i;
	int zi;

	for (zi = 0; zi < MAX_NR_ZONES; zi++) {
		struct zone *z = pa_zone(zi);
		struct per_cpu_pages *pcp = z->pageset[0].pcp;
		unsigned long buddy_pages = 0;
		unsigned int order;

		for (order = 0; order < MAX_ORDER; order++)
			buddy_pages += z->free_area[order].nr_free << order;
		if (buddy_pages != z->free_pages)
			return sh_err("zone %s: nr_free counts %lu pages, free_pages %lu",
				      zone_names[zi], buddy_pages, z->free_pages);
		for (i = 0; i < NR_PCP_LISTS; i++)
			if (pcp[i].count < 0)
				return sh_err("zone %s: per-CPU list %u count %d", zone_names[zi],
					      i, pcp[i].count);
		total += z->free_pages + zone_pcp_pages(z);
		managed += pa.managed[zi];
	}
	for (i = 0; i < sh.nr_held; i++)
		total += 1UL << sh.held[i].order;
	if (total != managed)
		return sh_err("%lu free, per-CPU, slab and held pages, %lu pages in the machine",
			      total, managed);
	return NULL;
}

PA_FN const char *sh_check(void)
{
	kmem_cache_t *c;
	const char *err;
	unsigned int n = 0;

	memset(sh.slab_head, 0, sizeof(sh.slab_head[0]) * pa.nr_pfns);
	sh_for_each_cache(c) {
		if (++n > SH_MAX_CACHES)
			return sh_err("cache_chain loops");
		if (!kmem_cache_check(c))
			return sh_err("kmem_cache_check(%s) failed", c->name);
		err = sh_check_cache(c);
		if (err)
			return err;
	}
	return sh_check_pages();
}

/* A block the test took from the page allocator itself, for sh_check(). */
PA_FN void sh_hold(struct page *page, unsigned int order, gfp_t gfp)
{
	if (sh.nr_held == SH_MAX_HELD) {
		fprintf(stderr, "slab_host: more than %d blocks held\n", SH_MAX_HELD);
		abort();
	}
	sh.held[sh.nr_held++] = (struct pa_block){ page_to_pfn(page), order, gfp };
}

PA_FN void sh_release_all(void)
{
	while (sh.nr_held) {
		struct pa_block *b = &sh.held[--sh.nr_held];

		__free_pages(pfn_to_page(b->pfn), b->order);
	}
}

/* ---- Boot, baseline, leaks ---- */

/* Everything free given back: the arrays emptied, the free slabs destroyed, the per-CPU pages drained. */
PA_FN void sh_settle(void)
{
	kmem_cache_shrink_all();
	drain_local_pages();
}

PA_FN const char *sh_leak_check(void)
{
	unsigned long free;

	sh_settle();
	free = nr_free_pages();
	if (sh_nr_caches() != sh.nr_caches)
		return sh_err("%u caches, %u after boot", sh_nr_caches(), sh.nr_caches);
	if (nr_slab_pages != sh.slab_pages || free != sh.free_pages)
		return sh_err("%lu free pages and %lu slab pages, %lu and %lu after boot", free,
			      nr_slab_pages, sh.free_pages, sh.slab_pages);
	return NULL;
}

PA_FN void sh_tick(unsigned long n);

/* Boot the page allocator on l, then the slab allocator; once per process. */
PA_FN void sh_boot(const struct pa_layout *l)
{
	unsigned long pfn;
	const char *err;

	if (sh.booted) {
		if (pa.layout != l) {
			fprintf(stderr, "slab_host: booted with layout %s, asked for %s\n",
				pa.layout->name, l->name);
			abort();
		}
		return;
	}
	pa_boot(l);
	num_physpages = 0;
	for (pfn = 0; pfn < pa.nr_pfns; pfn++)
		num_physpages += pa.kind[pfn] == PA_RAM;
	sh.break_order = num_physpages > (32UL << 20) >> PAGE_SHIFT ? 1 : 0;
	jiffies = INITIAL_JIFFIES;
	init_timers();
	kmem_cache_init();
	cpucache_init();	/* the reaper: delayed work on a timer (shim/kernel_shim.c) */
	sh.booted = 1;
	sh_settle();
	sh.free_pages = nr_free_pages();
	sh.slab_pages = nr_slab_pages;
	sh.nr_caches = sh_nr_caches();
	err = sh_check();
	if (err) {
		fprintf(stderr, "slab_host: inconsistent after boot: %s\n%s\n", err, host_printk_log());
		abort();
	}
	/* From now on the pages nobody holds are poisoned. */
	sh.watch = 1;
	for (pfn = 0; pfn < pa.nr_pfns; pfn++)
		if (!pa.owned[pfn])
			sh_poison(pa_page_mem(pfn), PAGE_SIZE, 1);
	sh_check();	/* poisons the gaps of the boot slabs */
}

/* Time passes: n jiffies, then the timer softirq (cache_reap() when its delayed work is due). */
PA_FN void sh_tick(unsigned long n)
{
	jiffies += n;
	run_local_timers();
	host_run_softirqs();
}

/* ---- The layout a cache must have (ULK 8.2.3) ---- */

struct sh_layout {
	unsigned long align;		/* what objects are aligned to */
	unsigned long objsize, dbghead, num, order, slab_size, colour, colour_off, left_over;
	int off_slab;
};

PA_FN unsigned long sh_round_up(unsigned long x, unsigned long a)
{
	return (x + a - 1) / a * a;
}

/* Management bytes for n objects on-slab: struct slab, n bufctls, aligned. */
PA_FN unsigned long sh_mgmt(unsigned long n, unsigned long align)
{
	return sh_round_up(sizeof(struct slab) + n * sizeof(kmem_bufctl_t), align);
}

/* Objects of objsize that fit in bytes (with on-slab management, or not). */
PA_FN unsigned long sh_fit(unsigned long bytes, unsigned long objsize, unsigned long align, int on)
{
	unsigned long n = bytes / objsize;

	while (n && n * objsize + (on ? sh_mgmt(n, align) : 0) > bytes)
		n--;
	return n;
}

/*
 * The layout of a cache created with (size, align, flags) once the
 * general caches exist, flags being the effective ones. Returns 0 if no
 * slab of up to 2^5 pages holds one object.
 */
PA_FN int sh_expect_layout(unsigned long size, unsigned long align, unsigned long flags,
			   unsigned int break_order, struct sh_layout *L)
{
	unsigned long a = SH_WORD, obj, order, num = 0, left = 0, bytes;
	int off;

	if (flags & SLAB_HWCACHE_ALIGN) {
		/* A cache line, or half of one while two objects fit, down to a word. */
		a = SH_L1;
		while (a > SH_WORD && size <= a / 2)
			a /= 2;
	}
	if (align > a)
		a = align;
	L->align = a;
	obj = sh_round_up(size, SH_WORD);
	L->dbghead = 0;
	if (flags & SLAB_RED_ZONE) {
		L->dbghead = sh_round_up(SH_WORD, a);	/* red zone 1, the object keeps its alignment */
		obj += L->dbghead + SH_WORD;		/* and red zone 2 */
	}
	if (flags & SLAB_STORE_USER)
		obj += SH_WORD;
	obj = sh_round_up(obj, a);
	L->objsize = obj;
	off = obj >= PAGE_SIZE / 8;
	for (order = 0; order <= SH_MAX_ORDER; order++) {
		bytes = PAGE_SIZE << order;
		num = sh_fit(bytes, obj, a, !off);
		if (!num)
			continue;
		left = bytes - num * obj - (off ? 0 : sh_mgmt(num, a));
		/* The smallest order that fits, unless it wastes over 1/8 below the break order. */
		if (order >= break_order || left * 8 <= bytes)
			break;
	}
	if (!num)
		return 0;
	if (off && left >= sh_mgmt(num, a)) {	/* the descriptor fits in the leftover */
		off = 0;
		left -= sh_mgmt(num, a);
	}
	L->off_slab = off;
	L->num = num;
	L->order = order;
	L->slab_size = off ? sizeof(struct slab) + num * sizeof(kmem_bufctl_t) : sh_mgmt(num, a);
	L->colour_off = a > SH_L1 ? a : SH_L1;
	L->colour = left / L->colour_off;
	L->left_over = left;
	return 1;
}

/* The cache's actual layout next to the expected one: NULL, or what differs. */
PA_FN const char *sh_layout_diff(kmem_cache_t *c, const struct sh_layout *L)
{
	if (c->objsize != L->objsize || c->num != L->num || c->gfporder != L->order ||
	    !!(c->flags & CFLGS_OFF_SLAB) != L->off_slab || c->slab_size != L->slab_size ||
	    c->colour != L->colour || c->colour_off != L->colour_off || c->dbghead != L->dbghead)
		return sh_err("cache %s (size %u): objsize %u/%lu num %u/%lu order %u/%lu off-slab %d/%d "
			      "slab_size %u/%lu colour %zu/%lu colour_off %u/%lu dbghead %u/%lu "
			      "(actual/expected)", c->name, c->reallen, c->objsize, L->objsize, c->num,
			      L->num, c->gfporder, L->order, !!(c->flags & CFLGS_OFF_SLAB), L->off_slab,
			      c->slab_size, L->slab_size, c->colour, L->colour, c->colour_off,
			      L->colour_off, c->dbghead, L->dbghead);
	return NULL;
}

/*
 * The properties any layout must have, whatever the rules: the objects
 * and (on-slab) the management fit in the slab at every colour; no
 * room for one more object; aligned objects; off-slab only for objects
 * of 512 bytes and more, and only when the descriptor does not fit in
 * the leftover; waste over 1/8 only at the break order or above.
 */
PA_FN const char *sh_layout_properties(kmem_cache_t *c, unsigned long align)
{
	unsigned long bytes = PAGE_SIZE << c->gfporder, on = !(c->flags & CFLGS_OFF_SLAB);
	unsigned long mgmt = on ? c->slab_size : 0, left;

	if (c->objsize % align || (on && c->slab_size % align) || c->dbghead % align)
		return sh_err("cache %s: objsize %u, slab_size %u, dbghead %u not multiples of %lu",
			      c->name, c->objsize, c->slab_size, c->dbghead, align);
	if (c->objsize < sh_round_up(c->reallen, SH_WORD))
		return sh_err("cache %s: objsize %u below the object's %u bytes", c->name, c->objsize,
			      c->reallen);
	if (on && c->slab_size < sizeof(struct slab) + c->num * sizeof(kmem_bufctl_t))
		return sh_err("cache %s: slab_size %u too small for %u bufctls", c->name, c->slab_size,
			      c->num);
	if ((unsigned long)c->num * c->objsize + mgmt > bytes)
		return sh_err("cache %s: %u objects of %u + %lu management > %lu bytes", c->name,
			      c->num, c->objsize, mgmt, bytes);
	left = bytes - (unsigned long)c->num * c->objsize - mgmt;
	if (c->colour * c->colour_off > left || left - c->colour * c->colour_off >= c->colour_off)
		return sh_err("cache %s: %zu colours of %u bytes for a leftover of %lu", c->name,
			      c->colour, c->colour_off, left);
	if ((c->num + 1UL) * c->objsize + (on ? sh_mgmt(c->num + 1, align) : 0) <= bytes)
		return sh_err("cache %s: room for %u objects, only %u used", c->name, c->num + 1, c->num);
	if (!on && c->objsize < PAGE_SIZE / 8)
		return sh_err("cache %s: off-slab with %u-byte objects", c->name, c->objsize);
	if (!on && left >= sh_mgmt(c->num, align))
		return sh_err("cache %s: off-slab though %lu bytes are left for %lu of management",
			      c->name, left, sh_mgmt(c->num, align));
	if (left * 8 > bytes && c->gfporder < sh.break_order && c->gfporder < SH_MAX_ORDER)
		return sh_err("cache %s: order %u wastes %lu of %lu bytes below the break order %u",
			      c->name, c->gfporder, left, bytes, sh.break_order);
	return NULL;
}

/*
 * For the unit tests (after harness.h): the checks as test failures,
 * and the end of every test.
 */
#ifdef _HOST_HARNESS_H

#define SH_EXPECT_OK(expr, fatal) PA_EXPECT_OK(expr, fatal)
#define EXPECT_SLAB_CONSISTENT()	SH_EXPECT_OK(sh_check(), 0)
#define ASSERT_SLAB_CONSISTENT()	SH_EXPECT_OK(sh_check(), 1)
/* The end of a test: consistent, nothing leaked, no fault injection left on. */
#define SH_END() do {							\
	fault_attr_set(&fail_slab, 0, -1);				\
	fault_attr_set(&fail_page_alloc, 0, -1);			\
	__preempt_count = 0;						\
	EXPECT_EQ(nr_might_sleep_warnings, 0);				\
	sh_release_all();						\
	SH_EXPECT_OK(sh_check(), 0);					\
	SH_EXPECT_OK(sh_leak_check(), 0);				\
} while (0)

/*
 * Create and destroy a cache of (size, align, flags): its layout must be
 * the expected one and have the properties of any layout. Returns
 * whether it did (a failure has been recorded otherwise).
 */
static inline int sh_layout_case(unsigned long size, unsigned long align, unsigned long flags)
{
	kmem_cache_t *c = kmem_cache_create("layout", size, align, flags, NULL, NULL);
	struct sh_layout L;
	const char *err;
	int ok = 1;

	/* No "slab_debug", no constructor: the flags asked for are the flags it gets. */
	if (!sh_expect_layout(size, align, flags, sh.break_order, &L)) {
		if (c)
			ht_fail(__FILE__, __LINE__, 0, "size %lu align %lu flags %#lx: created, "
				"though no slab holds one", size, align, flags);
		ok = !c;
		goto out;
	}
	if (!c) {
		ht_fail(__FILE__, __LINE__, 0, "size %lu align %lu flags %#lx: not created", size,
			align, flags);
		return 0;
	}
	err = sh_layout_diff(c, &L);
	if (!err)
		err = sh_layout_properties(c, L.align);
	if (err) {
		ht_fail(__FILE__, __LINE__, 0, "size %lu align %lu flags %#lx: %s", size, align,
			flags, err);
		ok = 0;
	}
out:
	if (c && kmem_cache_destroy(c)) {
		ht_fail(__FILE__, __LINE__, 0, "size %lu: destroy failed", size);
		ok = 0;
	}
	return ok;
}

/*
 * Every layout there is: each size up to 1024 bytes, above that each
 * word-rounded size class (the layout depends on nothing else), with
 * every alignment, with and without SLAB_HWCACHE_ALIGN; every tenth
 * class with the debug words too. Stops at the first 20 failures.
 */
static inline void sh_layout_sweep(void)
{
	static const unsigned long aligns[] = { 0, 8, 16, 64, 256, 4096 };
	static const unsigned long dbg[] = { SLAB_RED_ZONE, SLAB_STORE_USER, SLAB_POISON,
					     SLAB_RED_ZONE | SLAB_STORE_USER | SLAB_POISON };
	unsigned long size, n = 0, bad = 0;
	unsigned int a, hw, d;

	for (size = SH_WORD; size <= KMALLOC_MAX_SIZE && bad < 20;
	     size = size < 1024 ? size + 1 : size + SH_WORD) {
		/* Above 1024, an odd size of the class half the time: same layout. */
		unsigned long s = size > 1024 && (size / SH_WORD) % 2 ? size - SH_WORD + 3 : size;

		for (a = 0; a < sizeof(aligns) / sizeof(aligns[0]); a++) {
			for (hw = 0; hw < 2; hw++, n++)
				bad += !sh_layout_case(s, aligns[a], hw ? SLAB_HWCACHE_ALIGN : 0);
			if ((s / SH_WORD) % 10)
				continue;
			for (d = 0; d < sizeof(dbg) / sizeof(dbg[0]); d++, n++)
				bad += !sh_layout_case(s, aligns[a], dbg[d] | (d & 1 ? SLAB_HWCACHE_ALIGN : 0));
		}
	}
	ht_diag("%lu layouts checked (break order %u)", n, sh.break_order);
}

#endif	/* _HOST_HARNESS_H */

#endif
