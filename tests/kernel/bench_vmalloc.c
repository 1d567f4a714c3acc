/*
 * Noncontiguous areas and high-memory mappings (issue: kernel threads,
 * vmalloc, kmap): 64 KB through vmalloc against the same 64 KB as one
 * order-4 block, and the two kinds of high-memory mapping.
 */
#include <kernel.h>
#include <bench.h>
#include <gfp.h>
#include <highmem.h>
#include <mm.h>
#include <vmalloc.h>
#include <asm/irqflags.h>

#define N		1000
#define VMALLOC_PAIRS	2000	/* lbench's count */
#define KMAP_CYCLE	2048	/* twice LAST_PKMAP: every round flushes the pkmap table */

static struct page *cycle_pages[KMAP_CYCLE];

static noinline void vmalloc_pairs(unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		vfree(vmalloc(64 << 10));
}

static noinline void order4_pairs(unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		free_pages(__get_free_pages(GFP_KERNEL, 4), 4);
}

static void bench_vmalloc_64k(void)
{
	bench_measure("vmalloc+vfree 64 KB", VMALLOC_PAIRS, vmalloc_pairs(VMALLOC_PAIRS));
	bench_measure("  __get_free_pages+free_pages order 4 (same 64 KB)", N, order4_pairs(N));
}
bench_register(bench_vmalloc_64k);

static noinline void kmap_pairs(struct page *page, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		kmap(page);
		kunmap(page);
	}
}

/* Each page of pages[0..n) in turn: every kmap takes a new slot. */
static noinline void kmap_cycle(struct page **pages, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		kmap(pages[i]);
		kunmap(pages[i]);
	}
}

static noinline void kmap_atomic_pairs(struct page *page, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		kunmap_atomic(kmap_atomic(page, KM_USER0), KM_USER0);
}

/* Free pages[0..n). */
static void free_page_array(struct page **pages, unsigned long n)
{
	while (n--)
		__free_page(pages[n]);
}

/*
 * As lbench: the same high page mapped again and again (found in the
 * pkmap table), kmap_atomic of it, and kmap of 2,048 different high
 * pages in turn, which forces new pkmap entries and a flush of the table
 * (flush_all_zero_pkmaps) each time it wraps. bench.py boots this one on
 * a 1 GB machine, as Linux's was; without high memory it is a failure.
 * kmap() may sleep: like every benchmark, it runs with interrupts on
 * (and the timer masked: kernel/bench.c).
 */
static void bench_kmap(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	unsigned long i;

	if (!page || !PageHighmem(page)) {
		bench_skip("no high memory on this machine (GFP_HIGHUSER gave %s)",
			   page ? "a low page" : "nothing");
		if (page)
			__free_page(page);
		return;
	}
	bench_measure("kmap+kunmap, high page, already in the pkmap table", N * 10,
		      kmap_pairs(page, N * 10));
	bench_measure("kmap_atomic+kunmap_atomic, high page", N * 10,
		      kmap_atomic_pairs(page, N * 10));
	__free_page(page);

	for (i = 0; i < KMAP_CYCLE; i++) {
		cycle_pages[i] = alloc_page(GFP_HIGHUSER);
		if (!cycle_pages[i] || !PageHighmem(cycle_pages[i])) {
			bench_skip("page %lu of %u for the kmap cycle is %s", i, KMAP_CYCLE,
				   cycle_pages[i] ? "not high" : "missing");
			free_page_array(cycle_pages, i + !!cycle_pages[i]);
			return;
		}
	}
	bench_measure("kmap+kunmap, cycling 2048 high pages", KMAP_CYCLE,
		      kmap_cycle(cycle_pages, KMAP_CYCLE));
	free_page_array(cycle_pages, KMAP_CYCLE);
}
bench_register(bench_kmap);
