/*
 * A machine for mm/page_alloc.c and mm/mm_init.c on the host, and the
 * checks the buddy tests and fuzzer run against it (test_page_alloc*,
 * fuzz_page_alloc).
 *
 * RAM is an arena of PA_MAX_PFN pages (shim/asm/page.h points the direct
 * map at it). A layout names the zone sizes, the holes (not RAM: counted
 * in zholes_size, never freed) and the reserved RAM (the kernel image,
 * BIOS pages: never freed either). pa_boot() then does what the kernel's
 * paging_init() and mem_init() do:
 *
 *     free_area_init_node(zones_size, zholes_size)   mem_map, zones, all reserved
 *     build_all_zonelists()
 *     free_pages_range() over every run of free low RAM, then of high RAM
 *     init_per_zone_pages_min(); drain_local_pages()
 *
 * and records the picture it leaves (the free block heads): freeing
 * everything must restore it exactly.
 *
 * The model: every block the test or fuzzer holds (pa_model_add() on
 * allocation, pa_model_del() on free), with a per-pfn owner map.
 * pa_check() walks everything the allocator holds and checks it against
 * the layout and the model:
 *   - zone_check() on every zone;
 *   - every free block aligned to its order, inside its zone, on RAM,
 *     counted by nr_free, the sum matching free_pages;
 *   - every per-CPU block (single pages, and blocks of orders 1 ..
 *     PCP_MAX_ORDER) aligned, in its zone, its pages clean, the lists
 *     matching their counts;
 *   - no page in two places (two free blocks, a free block and a per-CPU
 *     list, free and allocated), no page of RAM in none of them but the
 *     bad pages the allocator retired (PG_reserved, nr_bad_pages);
 *   - free_pages + per-CPU pages + allocated + retired = the zone's pages;
 *   - no two free buddies of the same order (they would have merged).
 * Failures come back as a message (NULL: all is well), so the unit tests
 * report them and the fuzzer aborts.
 */
#ifndef _HOST_PAGE_ALLOC_HOST_H
#define _HOST_PAGE_ALLOC_HOST_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "kapi.h"
#include "include/mm.h"
#include "include/gfp.h"
#include "include/highmem.h"
#include "include/fault_inject.h"
#include "include/timer.h"
#include "mm/internal.h"

#define PA_MAX_PFN	16384	/* 64 MB of "RAM" */
#define PA_MAX_RANGES	4	/* holes, reserved ranges per layout */
#define PA_HUGE_PAGE	(2UL << 20)	/* the host's (x86-64) */

/*
 * The checks walk pages and lists: in the fuzzers, left out of coverage
 * instrumentation (it would triple their cost and guide nothing), and
 * never inlined, since code inlined into an instrumented function is
 * instrumented as part of it. The kernel's own code stays instrumented
 * (but for the checkers in fuzz_nocov.txt). PA_NOCOV is for the
 * fuzzers' own checks.
 */
#ifdef __clang__
#define PA_NOCOV	__attribute__((__noinline__, __no_sanitize__("coverage")))
#define PA_FN		static __attribute__((__unused__)) PA_NOCOV
#else
#define PA_NOCOV
#define PA_FN		static inline
#endif

extern unsigned long tainted_mask;

struct pa_range {
	unsigned long start, end;	/* pfns, end excluded; {0, 0} ends a list */
};

struct pa_layout {
	const char *name;
	unsigned long zones_size[MAX_NR_ZONES];
	struct pa_range holes[PA_MAX_RANGES];
	struct pa_range reserved[PA_MAX_RANGES];
};

/*
 * Two layouts several tests boot. A small PC, in pfns:
 *   DMA      0x0000 .. 0x1000   pfn 0 reserved (BIOS), hole 0xa0 .. 0x100
 *                               (ISA), 0x100 .. 0x300 reserved (kernel)
 *   NORMAL   0x1000 .. 0x2ffe   hole 0x2003 .. 0x2011
 *   HIGHMEM  0x2ffe .. 0x3c03   both ends unaligned
 */
static const struct pa_layout pa_layout_pc = {
	.name = "pc",
	.zones_size = { 0x1000, 0x1ffe, 0xc05 },
	.holes = { { 0xa0, 0x100 }, { 0x2003, 0x2011 } },
	.reserved = { { 0, 1 }, { 0x100, 0x300 } },
};

/* ULK's example: a DMA zone whose only free memory is one 1024-page block, at pfn 0x400. */
static const struct pa_layout pa_layout_ulk = {
	.name = "ulk",
	.zones_size = { 0x800, 0, 0 },
	.reserved = { { 0, 0x400 } },
};

enum pa_kind { PA_RAM, PA_HOLE, PA_RESERVED };

struct pa_block {
	unsigned long pfn;
	unsigned int order;
	gfp_t gfp;
};

static struct pa_machine {
	const struct pa_layout *layout;
	unsigned long nr_pfns;
	unsigned long zone_start[MAX_NR_ZONES], zone_end[MAX_NR_ZONES];
	unsigned long managed[MAX_NR_ZONES];	/* free pages after boot */
	unsigned long ram_pages[MAX_NR_ZONES];	/* pages of kind PA_RAM */
	unsigned char kind[PA_MAX_PFN];
	signed char boot_head[PA_MAX_PFN];	/* order of each free block head after boot, or -1 */
	/* The model. */
	unsigned char owned[PA_MAX_PFN];
	unsigned long live_pages[MAX_NR_ZONES];
	struct pa_block blocks[PA_MAX_PFN];
	unsigned int nr_blocks;
	/* pa_scan()'s view. */
	unsigned char state[PA_MAX_PFN];	/* PA_S_* */
	signed char head[PA_MAX_PFN];		/* free block heads: order, or -1 */
	unsigned long heads[PA_MAX_PFN];	/* their pfns */
	unsigned long nr_heads;
} pa;

enum { PA_S_NONE, PA_S_BUDDY, PA_S_PCP };

static unsigned char *pa_arena;
static char pa_msg[512];

__attribute__((format(printf, 1, 2)))
PA_FN const char *pa_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(pa_msg, sizeof(pa_msg), fmt, ap);
	va_end(ap);
	return pa_msg;
}

static inline struct zone *pa_zone(int zi)
{
	return &contig_page_data.node_zones[zi];
}

/* The zone a pfn belongs to by the layout, or -1. */
PA_FN int pa_zone_of(unsigned long pfn)
{
	int zi;

	for (zi = 0; zi < MAX_NR_ZONES; zi++)
		if (pfn >= pa.zone_start[zi] && pfn < pa.zone_end[zi])
			return zi;
	return -1;
}

static inline void *pa_page_mem(unsigned long pfn)
{
	return pa_arena + pfn * PAGE_SIZE;
}

/* May an allocation with these flags come from zone zi? (ULK 8.1.5; independent of build_zonelists.) */
PA_FN int pa_gfp_allows(gfp_t gfp, int zi)
{
	if (gfp & __GFP_DMA)
		return zi == ZONE_DMA;
	if (gfp & __GFP_HIGHMEM)
		return 1;
	return zi != ZONE_HIGHMEM;
}

PA_FN void pa_mark(const struct pa_range *r, enum pa_kind kind)
{
	int i;
	unsigned long pfn;

	for (i = 0; i < PA_MAX_RANGES && r[i].end; i++)
		for (pfn = r[i].start; pfn < r[i].end && pfn < pa.nr_pfns; pfn++)
			pa.kind[pfn] = kind;
}

/* Hand the RAM runs of [lo, hi) to the buddy system, as free_all_bootmem() does. */
PA_FN void pa_free_ram(unsigned long lo, unsigned long hi)
{
	unsigned long pfn = lo;

	while (pfn < hi) {
		unsigned long end;

		if (pa.kind[pfn] != PA_RAM) {
			pfn++;
			continue;
		}
		for (end = pfn; end < hi && pa.kind[end] == PA_RAM; end++)
			;
		free_pages_range(pfn, end);
		pfn = end;
	}
}

PA_FN const char *pa_scan(void);

/*
 * Boot a machine with layout l: mem_map, zones, free RAM to the buddy
 * system, watermarks. Resets every global of the allocator first, so
 * each test and each fuzz input starts from the same state.
 */
PA_FN void pa_boot(const struct pa_layout *l)
{
	unsigned long zholes[MAX_NR_ZONES] = { 0 }, pfn, start = 0;
	int zi;

	if (!pa_arena) {
		/* In huge pages where the host allows: the checks touch a byte of every page. */
		pa_arena = aligned_alloc(PA_HUGE_PAGE, PA_MAX_PFN * PAGE_SIZE);
		if (!pa_arena) {
			fprintf(stderr, "page_alloc_host: no memory for the arena\n");
			abort();
		}
		madvise(pa_arena, PA_MAX_PFN * PAGE_SIZE, MADV_HUGEPAGE);
	}
	host_bootmem_release();
	pa.layout = l;
	for (zi = 0; zi < MAX_NR_ZONES; zi++) {
		pa.zone_start[zi] = start;
		start += l->zones_size[zi];
		pa.zone_end[zi] = start;
		pa.live_pages[zi] = 0;
		pa.ram_pages[zi] = 0;
	}
	pa.nr_pfns = start;
	if (pa.nr_pfns > PA_MAX_PFN) {
		fprintf(stderr, "page_alloc_host: layout %s needs %lu pages, the arena has %d\n",
			l->name, pa.nr_pfns, PA_MAX_PFN);
		abort();
	}
	pa.nr_blocks = 0;
	memset(pa.kind, PA_RAM, pa.nr_pfns);
	memset(pa.owned, 0, pa.nr_pfns);
	pa_mark(l->holes, PA_HOLE);
	pa_mark(l->reserved, PA_RESERVED);
	for (pfn = 0; pfn < pa.nr_pfns; pfn++) {
		if (pa.kind[pfn] == PA_HOLE)
			zholes[pa_zone_of(pfn)]++;
		pa.ram_pages[pa_zone_of(pfn)] += pa.kind[pfn] == PA_RAM;
	}

	/* The kernel's globals, as a fresh boot has them. */
	memset(&contig_page_data, 0, sizeof(contig_page_data));
	mem_map = NULL;
	totalram_pages = totalhigh_pages = 0;
	min_free_kbytes = 0;
	percpu_pagelists_disabled = 0;
	fault_attr_set(&fail_page_alloc, 0, -1);
	init_timers();		/* a __GFP_NOFAIL request sleeps on one (schedule_timeout()) */
	memset(host_kmap_slot, 0, sizeof(host_kmap_slot));
	host_direct_map = (unsigned long)pa_arena;
	max_pfn = pa.nr_pfns;
	max_low_pfn = pa.zone_end[ZONE_NORMAL];
	high_memory = __va(max_low_pfn << PAGE_SHIFT);

	free_area_init_node(l->zones_size, zholes);
	build_all_zonelists();
	pa_free_ram(0, max_low_pfn);
	pa_free_ram(max_low_pfn, max_pfn);
	init_per_zone_pages_min();
	drain_local_pages();

	for (zi = 0; zi < MAX_NR_ZONES; zi++)
		pa.managed[zi] = pa_zone(zi)->free_pages;
	memset(pa.boot_head, -1, pa.nr_pfns);
	if (pa_scan()) {
		fprintf(stderr, "page_alloc_host: layout %s: inconsistent after boot: %s\n",
			l->name, pa_msg);
		abort();
	}
	memcpy(pa.boot_head, pa.head, pa.nr_pfns);
}

/*
 * Boot once, restore many times (the fuzzer restarts from a fresh boot
 * for every input). Booting costs far more than a fuzz step: mem_map
 * initialised page by page, every free page merged into the buddy
 * system. pa_boot_cached(l) boots layout l the first time, keeps its
 * mem_map for good (host_bootmem_keep(): later boots leave it alone)
 * and saves what the boot left; later calls copy that back:
 *
 *     mem_map[] (at the address it was built at, so every list pointer
 *     into it and into contig_page_data stays right), contig_page_data
 *     (zones, free lists, per-CPU lists, watermarks, zone lists),
 *     zone_table[], totalram/totalhigh_pages, min_free_kbytes,
 *     percpu_pagelists_disabled, fail_page_alloc (off), the kmap slots,
 *     the direct map and max_pfn/max_low_pfn/high_memory; and pa's
 *     layout half (zones, kinds, the boot picture), its model empty.
 *
 * These are every global pa_boot() resets; a global added to the
 * allocator must be added to both. test_page_alloc's
 * "boot_cached_is_a_fresh_boot" compares a restored machine, field by
 * field and list by list, with a fresh boot (pa_fingerprint()).
 */
#define PA_MAX_SNAPSHOTS	8

struct pa_snapshot {
	const struct pa_layout *layout;
	struct page *mem_map;		/* where the boot put it (kept) */
	struct page *saved_map;		/* its contents after boot */
	pg_data_t pgdat;
	struct zone *zone_table[MAX_NR_ZONES];
	unsigned long totalram_pages, totalhigh_pages, max_pfn, max_low_pfn;
	void *high_memory;
	int min_free_kbytes;
	/* pa's half that depends on the layout only. */
	unsigned long nr_pfns, zone_start[MAX_NR_ZONES], zone_end[MAX_NR_ZONES];
	unsigned long managed[MAX_NR_ZONES], ram_pages[MAX_NR_ZONES];
	unsigned char *kind;
	signed char *boot_head;
};

static struct pa_snapshot pa_snapshots[PA_MAX_SNAPSHOTS];

PA_FN void *pa_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		fprintf(stderr, "page_alloc_host: out of host memory\n");
		abort();
	}
	return p;
}

PA_FN void pa_snapshot_save(struct pa_snapshot *s)
{
	s->layout = pa.layout;
	s->mem_map = mem_map;
	s->saved_map = pa_xmalloc(pa.nr_pfns * sizeof(struct page));
	memcpy(s->saved_map, mem_map, pa.nr_pfns * sizeof(struct page));
	s->pgdat = contig_page_data;
	memcpy(s->zone_table, zone_table, sizeof(zone_table));
	s->totalram_pages = totalram_pages;
	s->totalhigh_pages = totalhigh_pages;
	s->max_pfn = max_pfn;
	s->max_low_pfn = max_low_pfn;
	s->high_memory = high_memory;
	s->min_free_kbytes = min_free_kbytes;
	s->nr_pfns = pa.nr_pfns;
	memcpy(s->zone_start, pa.zone_start, sizeof(s->zone_start));
	memcpy(s->zone_end, pa.zone_end, sizeof(s->zone_end));
	memcpy(s->managed, pa.managed, sizeof(s->managed));
	memcpy(s->ram_pages, pa.ram_pages, sizeof(s->ram_pages));
	s->kind = pa_xmalloc(pa.nr_pfns);
	memcpy(s->kind, pa.kind, pa.nr_pfns);
	s->boot_head = pa_xmalloc(pa.nr_pfns);
	memcpy(s->boot_head, pa.boot_head, pa.nr_pfns);
}

PA_FN void pa_snapshot_restore(const struct pa_snapshot *s)
{
	int zi;

	mem_map = s->mem_map;
	memcpy(mem_map, s->saved_map, s->nr_pfns * sizeof(struct page));
	contig_page_data = s->pgdat;
	memcpy(zone_table, s->zone_table, sizeof(zone_table));
	totalram_pages = s->totalram_pages;
	totalhigh_pages = s->totalhigh_pages;
	min_free_kbytes = s->min_free_kbytes;
	percpu_pagelists_disabled = 0;
	fault_attr_set(&fail_page_alloc, 0, -1);
	memset(host_kmap_slot, 0, sizeof(host_kmap_slot));
	host_direct_map = (unsigned long)pa_arena;
	max_pfn = s->max_pfn;
	max_low_pfn = s->max_low_pfn;
	high_memory = s->high_memory;

	pa.layout = s->layout;
	pa.nr_pfns = s->nr_pfns;
	memcpy(pa.zone_start, s->zone_start, sizeof(pa.zone_start));
	memcpy(pa.zone_end, s->zone_end, sizeof(pa.zone_end));
	memcpy(pa.managed, s->managed, sizeof(pa.managed));
	memcpy(pa.ram_pages, s->ram_pages, sizeof(pa.ram_pages));
	memcpy(pa.kind, s->kind, s->nr_pfns);
	memcpy(pa.boot_head, s->boot_head, s->nr_pfns);
	memset(pa.owned, 0, s->nr_pfns);
	for (zi = 0; zi < MAX_NR_ZONES; zi++)
		pa.live_pages[zi] = 0;
	pa.nr_blocks = 0;
}

/* pa_boot(l), from a saved copy of its first boot after the first time. */
PA_FN void pa_boot_cached(const struct pa_layout *l)
{
	struct pa_snapshot *s;

	for (s = pa_snapshots; s < pa_snapshots + PA_MAX_SNAPSHOTS && s->layout; s++)
		if (s->layout == l) {
			pa_snapshot_restore(s);
			return;
		}
	pa_boot(l);
	if (s == pa_snapshots + PA_MAX_SNAPSHOTS)
		return;		/* no room: boot every time */
	host_bootmem_keep();
	pa_snapshot_save(s);
}

/*
 * A hash of the allocator's whole state with every pointer replaced by
 * what it means (a pfn, a zone index, an offset into the direct map):
 * two machines in the same state have the same fingerprint wherever
 * their mem_map lies. Lists are hashed in their order.
 */
PA_FN void pa_fp_mix(unsigned long long *h, unsigned long v)
{
	unsigned int i;

	for (i = 0; i < sizeof(v); i++, v >>= 8) {
		*h ^= v & 0xff;
		*h *= 0x100000001b3ULL;
	}
}

PA_FN void pa_fp_list(unsigned long long *h, struct list_head *head)
{
	struct list_head *p;
	unsigned long n = 0;

	for (p = head->next; p != head && n <= PA_MAX_PFN; p = p->next, n++)
		pa_fp_mix(h, page_to_pfn(list_entry(p, struct page, lru)));
	pa_fp_mix(h, n);
}

PA_FN unsigned long long pa_fingerprint(void)
{
	unsigned long long h = 0xcbf29ce484222325ULL;
	pg_data_t *pgdat = &contig_page_data;
	unsigned long pfn;
	int zi, j, o;

	pa_fp_mix(&h, totalram_pages);
	pa_fp_mix(&h, totalhigh_pages);
	pa_fp_mix(&h, min_free_kbytes);
	pa_fp_mix(&h, percpu_pagelists_disabled);
	pa_fp_mix(&h, fail_page_alloc.interval);
	pa_fp_mix(&h, fail_page_alloc.times);
	pa_fp_mix(&h, max_pfn);
	pa_fp_mix(&h, max_low_pfn);
	pa_fp_mix(&h, (unsigned long)high_memory - host_direct_map);
	pa_fp_mix(&h, pgdat->nr_zones);
	pa_fp_mix(&h, pgdat->node_mem_map == mem_map);
	pa_fp_mix(&h, pgdat->node_start_pfn);
	pa_fp_mix(&h, pgdat->node_present_pages);
	pa_fp_mix(&h, pgdat->node_spanned_pages);
	pa_fp_mix(&h, pgdat->node_id);
	for (j = 0; j < GFP_ZONELISTS; j++) {
		for (zi = 0; zi <= MAX_NR_ZONES; zi++)
			pa_fp_mix(&h, pgdat->node_zonelists[j].zones[zi] ?
				  (unsigned long)(pgdat->node_zonelists[j].zones[zi] - pgdat->node_zones) : ~0UL);
		pa_fp_mix(&h, pgdat->node_zonelists[j].classzone_idx);
	}
	for (zi = 0; zi < MAX_NR_ZONES; zi++) {
		struct zone *z = pa_zone(zi);

		pa_fp_mix(&h, zone_table[zi] ? (unsigned long)(zone_table[zi] - pgdat->node_zones) : ~0UL);
		pa_fp_mix(&h, z->free_pages);
		pa_fp_mix(&h, z->pages_min);
		pa_fp_mix(&h, z->pages_low);
		pa_fp_mix(&h, z->pages_high);
		for (j = 0; j < MAX_NR_ZONES; j++)
			pa_fp_mix(&h, z->lowmem_reserve[j]);
		for (j = 0; j < 2; j++) {
			struct per_cpu_pages *pcp = &z->pageset[0].pcp[j];

			pa_fp_mix(&h, pcp->count);
			pa_fp_mix(&h, pcp->low);
			pa_fp_mix(&h, pcp->high);
			pa_fp_mix(&h, pcp->batch);
			pa_fp_list(&h, &pcp->list);
		}
		pa_fp_mix(&h, z->pageset[0].numa_hit);
		pa_fp_mix(&h, z->pageset[0].refills);
		pa_fp_mix(&h, z->pageset[0].drains);
		pa_fp_mix(&h, z->lock.locked);
		for (o = 0; o < MAX_ORDER; o++) {
			pa_fp_mix(&h, z->free_area[o].nr_free);
			pa_fp_list(&h, &z->free_area[o].free_list);
		}
		pa_fp_mix(&h, z->zone_pgdat == pgdat);
		pa_fp_mix(&h, z->zone_mem_map ? (unsigned long)(z->zone_mem_map - mem_map) : ~0UL);
		pa_fp_mix(&h, z->zone_start_pfn);
		pa_fp_mix(&h, z->spanned_pages);
		pa_fp_mix(&h, z->present_pages);
		pa_fp_mix(&h, z->name ? z->name[0] : 0);
	}
	for (pfn = 0; pfn < max_pfn; pfn++) {
		struct page *page = pfn_to_page(pfn);

		pa_fp_mix(&h, page->flags);
		pa_fp_mix(&h, atomic_read(&page->_count));
		pa_fp_mix(&h, atomic_read(&page->_mapcount));
		pa_fp_mix(&h, page->private);
		pa_fp_mix(&h, (unsigned long)page->mapping);
		pa_fp_mix(&h, page->index);
	}
	return h;
}

/* No watermarks and no lowmem reserve: an allocation fails only when no block is left. */
PA_FN void pa_zero_watermarks(void)
{
	int zi, j;

	for (zi = 0; zi < MAX_NR_ZONES; zi++) {
		struct zone *z = pa_zone(zi);

		z->pages_min = z->pages_low = z->pages_high = 0;
		for (j = 0; j < MAX_NR_ZONES; j++)
			z->lowmem_reserve[j] = 0;
	}
}

/* Record a block just allocated with gfp, checking it against the layout and the model. */
PA_FN const char *pa_model_add(struct page *page, unsigned int order, gfp_t gfp)
{
	unsigned long pfn, k;
	int zi;

	if (page < mem_map || page >= mem_map + pa.nr_pfns)
		return pa_err("allocated page %p is not in mem_map", (void *)page);
	pfn = page_to_pfn(page);
	zi = pa_zone_of(pfn);
	if (pfn & ((1UL << order) - 1))
		return pa_err("order-%u block at pfn %#lx not aligned to its order", order, pfn);
	if (pa_zone_of(pfn + (1UL << order) - 1) != zi)
		return pa_err("order-%u block at pfn %#lx crosses a zone boundary", order, pfn);
	if (!pa_gfp_allows(gfp, zi))
		return pa_err("order-%u block at pfn %#lx from zone %s, gfp %#x forbids it",
			      order, pfn, zone_names[zi], gfp);
	if (page_zonenum(page) != (enum zone_type)zi)
		return pa_err("pfn %#lx in zone %s by its flags, %s by the layout", pfn,
			      zone_names[page_zonenum(page)], zone_names[zi]);
	if (page_count(page) != 1)
		return pa_err("allocated block at pfn %#lx has count %d", pfn, page_count(page));
	for (k = 0; k < (1UL << order); k++) {
		if (pa.kind[pfn + k] != PA_RAM)
			return pa_err("allocated block at pfn %#lx covers %s pfn %#lx", pfn,
				      pa.kind[pfn + k] == PA_HOLE ? "hole" : "reserved", pfn + k);
		if (pa.owned[pfn + k])
			return pa_err("order-%u block at pfn %#lx overlaps a live block at pfn %#lx",
				      order, pfn, pfn + k);
	}
	for (k = 0; k < (1UL << order); k++)
		pa.owned[pfn + k] = 1;
	pa.blocks[pa.nr_blocks++] = (struct pa_block){ pfn, order, gfp };
	pa.live_pages[zi] += 1UL << order;
	return NULL;
}

/* Forget block i (it has been freed). The last block takes its index. */
PA_FN void pa_model_del(unsigned int i)
{
	struct pa_block *b = &pa.blocks[i];
	unsigned long k;

	for (k = 0; k < (1UL << b->order); k++)
		pa.owned[b->pfn + k] = 0;
	pa.live_pages[pa_zone_of(b->pfn)] -= 1UL << b->order;
	*b = pa.blocks[--pa.nr_blocks];
}

/* The model's index of the block at pfn, or -1. */
PA_FN int pa_model_find(unsigned long pfn)
{
	unsigned int i;

	for (i = 0; i < pa.nr_blocks; i++)
		if (pa.blocks[i].pfn == pfn)
			return i;
	return -1;
}

/* Zeroes, to compare runs of pa's byte maps with (PA_RAM, not owned, PA_S_NONE are 0). */
static const unsigned char pa_zeroes[1UL << (MAX_ORDER - 1)];

/*
 * Mark the pages of one list entry; the list is in zone zi. The pages
 * of a block are tested in bulk (all RAM, none allocated, none marked
 * yet), and one by one only to name the page that is wrong.
 */
PA_FN const char *pa_scan_page(int zi, struct page *page, unsigned int order, int where)
{
	unsigned long pfn, k, n = 1UL << order;

	if (page < mem_map || page >= mem_map + pa.nr_pfns)
		return pa_err("zone %s: list entry %p outside mem_map", zone_names[zi], (void *)page);
	pfn = page_to_pfn(page);
	if (pfn & (n - 1))
		return pa_err("zone %s: free order-%u block at pfn %#lx not aligned",
			      zone_names[zi], order, pfn);
	if (pfn < pa.zone_start[zi] || pfn + n > pa.zone_end[zi])
		return pa_err("zone %s: free order-%u block at pfn %#lx outside the zone",
			      zone_names[zi], order, pfn);
	if (memcmp(pa.kind + pfn, pa_zeroes, n) || memcmp(pa.owned + pfn, pa_zeroes, n) ||
	    memcmp(pa.state + pfn, pa_zeroes, n)) {
		for (k = 0; k < n; k++) {
			unsigned long p = pfn + k;

			if (pa.kind[p] != PA_RAM)
				return pa_err("zone %s: free block at pfn %#lx covers %s pfn %#lx",
					      zone_names[zi], pfn,
					      pa.kind[p] == PA_HOLE ? "hole" : "reserved", p);
			if (pa.owned[p])
				return pa_err("zone %s: pfn %#lx both allocated and %s", zone_names[zi], p,
					      where == PA_S_PCP ? "on a per-CPU list" : "in a free block");
			if (pa.state[p])
				return pa_err("zone %s: pfn %#lx free twice (%s and %s)", zone_names[zi],
					      p, pa.state[p] == PA_S_PCP ? "per-CPU list" : "free block",
					      where == PA_S_PCP ? "per-CPU list" : "free block");
		}
	}
	memset(pa.state + pfn, where, n);
	if (where == PA_S_BUDDY) {
		pa.head[pfn] = order;
		pa.heads[pa.nr_heads++] = pfn;
	}
	return NULL;
}

/* The name of per-CPU list i, for messages. */
PA_FN const char *pa_pcp_name(unsigned int i)
{
	static const char *const names[NR_PCP_LISTS] = { "hot", "cold", "order-1", "order-2",
							 "order-3" };

	return i < NR_PCP_LISTS ? names[i] : "?";
}

/* Pages on zone zi's per-CPU lists by their counts (a negative count gives -1). */
PA_FN long pa_pcp_pages(int zi)
{
	struct per_cpu_pages *pcp = pa_zone(zi)->pageset[0].pcp;
	long n = 0;
	unsigned int i;

	for (i = 0; i < NR_PCP_LISTS; i++) {
		if (pcp[i].count < 0)
			return -1;
		n += (long)pcp[i].count << pcp_order(i);
	}
	return n;
}

/* Walk one list, at most limit entries (a corrupted list may loop). */
#define pa_for_each_entry(page, head, n, limit)				\
	for ((n) = 0, (page) = list_entry((head)->next, struct page, lru); \
	     &(page)->lru != (head) && (n) <= (limit);			\
	     (n)++, (page) = list_entry((page)->lru.next, struct page, lru))

/* Everything pa_check() checks except zone_check(). */
PA_FN const char *pa_scan(void)
{
	unsigned long pfn;
	int zi;

	unsigned long i;

	memset(pa.state, PA_S_NONE, pa.nr_pfns);
	memset(pa.head, -1, pa.nr_pfns);
	pa.nr_heads = 0;
	for (zi = 0; zi < MAX_NR_ZONES; zi++) {
		struct zone *z = pa_zone(zi);
		unsigned long buddy_pages = 0, pcp_pages = 0, n, retired;
		unsigned int order;
		struct page *page;
		const char *err;
		int i;

		if (z->zone_start_pfn != pa.zone_start[zi] ||
		    z->spanned_pages != pa.zone_end[zi] - pa.zone_start[zi])
			return pa_err("zone %s spans %#lx+%#lx, the layout says %#lx-%#lx",
				      zone_names[zi], z->zone_start_pfn, z->spanned_pages,
				      pa.zone_start[zi], pa.zone_end[zi]);
		for (order = 0; order < MAX_ORDER; order++) {
			struct free_area *area = &z->free_area[order];

			pa_for_each_entry(page, &area->free_list, n, pa.nr_pfns) {
				err = pa_scan_page(zi, page, order, PA_S_BUDDY);
				if (err)
					return err;
			}
			if (n > pa.nr_pfns)
				return pa_err("zone %s: free list of order %u loops", zone_names[zi], order);
			if (n != area->nr_free)
				return pa_err("zone %s: order %u: %lu blocks on the list, nr_free %lu",
					      zone_names[zi], order, n, area->nr_free);
			buddy_pages += n << order;
		}
		if (buddy_pages != z->free_pages)
			return pa_err("zone %s: %lu pages in free blocks, free_pages %lu",
				      zone_names[zi], buddy_pages, z->free_pages);
		for (i = 0; i < NR_PCP_LISTS; i++) {
			struct per_cpu_pages *pcp = &z->pageset[0].pcp[i];
			unsigned int o = pcp_order(i);

			pa_for_each_entry(page, &pcp->list, n, pa.nr_pfns) {
				unsigned long k;

				err = pa_scan_page(zi, page, o, PA_S_PCP);
				if (err)
					return err;
				for (k = 0; k < (1UL << o); k++)
					if (page_count(page + k) != 0 || PagePrivate(page + k) ||
					    PageHead(page + k) || page[k].private)
						return pa_err("zone %s: per-CPU %s page pfn %#lx has count "
							      "%d, flags %#lx, private %#lx",
							      zone_names[zi], pa_pcp_name(i),
							      page_to_pfn(page + k), page_count(page + k),
							      page[k].flags, page[k].private);
			}
			if (n > pa.nr_pfns)
				return pa_err("zone %s: %s list loops", zone_names[zi], pa_pcp_name(i));
			if ((long)n != pcp->count)
				return pa_err("zone %s: %s list holds %lu blocks, count %d",
					      zone_names[zi], pa_pcp_name(i), n, pcp->count);
			pcp_pages += n << o;
		}
		/*
		 * The pages marked free and those allocated are disjoint RAM
		 * pages of the zone (pa_scan_page(), pa_model_add()): if with
		 * the retired ones (bad_new_block(): PG_reserved, counted in
		 * nr_bad_pages) they number all its RAM pages, none is lost.
		 * Else find the one lost, or the retired pages miscounted.
		 */
		if (buddy_pages + pcp_pages + pa.live_pages[zi] + z->nr_bad_pages !=
		    pa.ram_pages[zi]) {
			retired = 0;
			for (pfn = pa.zone_start[zi]; pfn < pa.zone_end[zi]; pfn++) {
				if (pa.kind[pfn] != PA_RAM || pa.state[pfn] || pa.owned[pfn])
					continue;
				if (!PageReserved(pfn_to_page(pfn)))
					return pa_err("zone %s: pfn %#lx lost: neither free nor allocated",
						      zone_names[zi], pfn);
				retired++;
			}
			if (retired != z->nr_bad_pages)
				return pa_err("zone %s: %lu pages retired (PG_reserved RAM), "
					      "nr_bad_pages %lu", zone_names[zi], retired,
					      z->nr_bad_pages);
		}
		if (z->free_pages + pcp_pages + pa.live_pages[zi] + z->nr_bad_pages != pa.managed[zi])
			return pa_err("zone %s: %lu free + %lu per-CPU + %lu allocated + %lu retired "
				      "!= %lu pages", zone_names[zi], z->free_pages, pcp_pages,
				      pa.live_pages[zi], z->nr_bad_pages, pa.managed[zi]);
	}
	/* Independently of zone_check(): no two free buddies of one order. */
	for (i = 0; i < pa.nr_heads; i++) {
		int order = pa.head[pa.heads[i]];
		unsigned long buddy;

		pfn = pa.heads[i];
		if (order == MAX_ORDER - 1)
			continue;
		buddy = pfn ^ (1UL << order);
		if (buddy < pa.nr_pfns && pa.head[buddy] == order &&
		    pa_zone_of(buddy) == pa_zone_of(pfn))
			return pa_err("free buddies pfn %#lx and %#lx of order %d did not merge",
				      pfn, buddy, order);
	}
	return NULL;
}

/*
 * The counters alone, in O(zones * orders): free blocks counted by
 * nr_free add up to free_pages, and free + per-CPU + allocated pages to
 * the zone's pages. What a fuzzer checks after every step; pa_check()
 * walks the lists behind these numbers.
 */
PA_FN const char *pa_check_counts(void)
{
	int zi;

	for (zi = 0; zi < MAX_NR_ZONES; zi++) {
		struct zone *z = pa_zone(zi);
		long pcp_pages = pa_pcp_pages(zi);
		unsigned long buddy_pages = 0;
		unsigned int order;

		for (order = 0; order < MAX_ORDER; order++)
			buddy_pages += z->free_area[order].nr_free << order;
		if (buddy_pages != z->free_pages)
			return pa_err("zone %s: nr_free counts %lu pages, free_pages %lu",
				      zone_names[zi], buddy_pages, z->free_pages);
		if (pcp_pages < 0 ||
		    z->free_pages + pcp_pages + pa.live_pages[zi] + z->nr_bad_pages != pa.managed[zi])
			return pa_err("zone %s: %lu free + %ld per-CPU + %lu allocated + %lu retired "
				      "!= %lu pages", zone_names[zi], z->free_pages, pcp_pages,
				      pa.live_pages[zi], z->nr_bad_pages, pa.managed[zi]);
	}
	return NULL;
}

/*
 * Put back a page the allocator retired as bad (bad_new_block()) once
 * the test that corrupted it on purpose has undone the corruption:
 * what no kernel path does, for the boot picture to come back.
 */
PA_FN void pa_unretire(unsigned long pfn)
{
	struct page *p = pfn_to_page(pfn);

	p->flags &= ~PAGE_FLAGS_CHECK_AT_FREE;	/* PG_reserved and whatever was set on purpose */
	p->mapping = NULL;
	reset_page_mapcount(p);
	page_zone(p)->nr_bad_pages--;
	set_page_count(p, 1);
	__free_pages(p, 0);
	drain_local_pages();	/* into the buddy system, merged as it was */
}

/* zone_check() on every zone, then pa_scan(). */
PA_FN const char *pa_check(void)
{
	int zi;

	for (zi = 0; zi < MAX_NR_ZONES; zi++)
		if (!zone_check(pa_zone(zi)))
			return pa_err("zone_check(%s) failed", zone_names[zi]);
	return pa_scan();
}

/* Take the free blocks as they are now as the picture pa_check_boot_picture() wants. */
PA_FN const char *pa_record_picture(void)
{
	const char *err = pa_check();

	if (!err)
		memcpy(pa.boot_head, pa.head, pa.nr_pfns);
	return err;
}

/* Are the free blocks exactly those after boot? (Call with nothing allocated, lists drained.) */
PA_FN const char *pa_check_boot_picture(void)
{
	unsigned long pfn;
	const char *err = pa_check();

	if (err)
		return err;
	for (pfn = 0; pfn < pa.nr_pfns; pfn++)
		if (pa.head[pfn] != pa.boot_head[pfn])
			return pa_err("pfn %#lx (%s): %s order %d, after boot %s order %d", pfn,
				      zone_names[pa_zone_of(pfn)],
				      pa.head[pfn] < 0 ? "no free block" : "free block of", pa.head[pfn],
				      pa.boot_head[pfn] < 0 ? "none" : "a free block of",
				      pa.boot_head[pfn]);
	return NULL;
}

/*
 * The maximal blocks free RAM splits into, computed from the layout
 * alone: at each free pfn the largest block aligned to its order that
 * stays on free RAM inside the zone. (The buddy system must converge to
 * this, merging being complete.)
 */
PA_FN void pa_canonical_heads(signed char *head)
{
	unsigned long pfn;

	memset(head, -1, PA_MAX_PFN);
	for (pfn = 0; pfn < pa.nr_pfns;) {
		int zi = pa_zone_of(pfn), order;

		if (pa.kind[pfn] != PA_RAM) {
			pfn++;
			continue;
		}
		for (order = MAX_ORDER - 1; order > 0; order--) {
			unsigned long k, end = pfn + (1UL << order);
			int ok = !(pfn & ((1UL << order) - 1)) && end <= pa.zone_end[zi];

			for (k = pfn; ok && k < end; k++)
				ok = pa.kind[k] == PA_RAM;
			if (ok)
				break;
		}
		head[pfn] = order;
		pfn += 1UL << order;
	}
}

/* Free RAM the layout reserved, [start, end): it is RAM from now on (a test's own boot-time release). */
PA_FN void pa_release(unsigned long start, unsigned long end)
{
	unsigned long pfn;

	for (pfn = start; pfn < end; pfn++) {
		if (pa.kind[pfn] != PA_RAM)
			pa.ram_pages[pa_zone_of(pfn)]++;
		pa.kind[pfn] = PA_RAM;
		pa.managed[pa_zone_of(pfn)]++;
	}
	free_pages_range(start, end);
}

/* Free every block of the model (through __free_pages) and drain the per-CPU lists. */
PA_FN void pa_free_all(void)
{
	while (pa.nr_blocks) {
		struct pa_block *b = &pa.blocks[pa.nr_blocks - 1];

		__free_pages(pfn_to_page(b->pfn), b->order);
		pa_model_del(pa.nr_blocks - 1);
	}
	drain_local_pages();
}

/* The block of the smallest order >= order on zone zi's free lists that __rmqueue() takes, or -1. */
PA_FN long pa_rmqueue_pfn(int zi, unsigned int order)
{
	struct zone *z = pa_zone(zi);

	for (; order < MAX_ORDER; order++)
		if (!list_empty(&z->free_area[order].free_list))
			return page_to_pfn(list_first_entry(&z->free_area[order].free_list,
							    struct page, lru));
	return -1;
}

/*
 * For the unit tests (after harness.h): allocation and freeing through
 * the model, and the checks as test failures.
 */
#ifdef _HOST_HARNESS_H

#define PA_EXPECT_OK(expr, fatal) do {					\
	const char *_pa_err = (expr);					\
	if (_pa_err)							\
		ht_fail(__FILE__, __LINE__, fatal, "%s: %s", #expr, _pa_err); \
} while (0)
#define EXPECT_CONSISTENT()	PA_EXPECT_OK(pa_check(), 0)
#define ASSERT_CONSISTENT()	PA_EXPECT_OK(pa_check(), 1)
#define EXPECT_BOOT_PICTURE()	PA_EXPECT_OK(pa_check_boot_picture(), 0)

/* alloc_pages(), the block recorded in the model (and checked: aligned, in its zone ...). */
static inline struct page *pa_get(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	if (page)
		PA_EXPECT_OK(pa_model_add(page, order, gfp), 1);
	return page;
}

static inline struct page *pa_must_get(gfp_t gfp, unsigned int order)
{
	struct page *page = pa_get(gfp, order);

	if (!page)
		ht_fail(__FILE__, __LINE__, 1, "alloc_pages(%#x, %u) failed", gfp, order);
	return page;
}

/* __free_pages() of a block of the model, with its order. */
PA_FN void pa_put(struct page *page)
{
	int i = pa_model_find(page_to_pfn(page));

	if (i < 0)
		ht_fail(__FILE__, __LINE__, 1, "pfn %#lx is not an allocated block",
			page_to_pfn(page));
	__free_pages(page, pa.blocks[i].order);
	pa_model_del(i);
}

#endif	/* _HOST_HARNESS_H */

#endif
