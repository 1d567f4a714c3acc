/*
 * Page allocator benchmarks (issue: page frame management): the order-0
 * pair through the per-CPU lists and straight through the buddy lists,
 * in the same run; larger orders; a zeroed page beside the cost of
 * clearing one (the calibration its Linux comparison needs); and every
 * page of the machine allocated then freed.
 */
#include <kernel.h>
#include <bench.h>
#include <gfp.h>
#include <mm.h>
#include <string.h>
#include "../../mm/internal.h"

#define PAIRS	10000

static noinline void alloc_free_pairs(unsigned int order, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		__free_pages(alloc_pages(GFP_KERNEL, order), order);
}

static void bench_page_alloc_order0(void)
{
	bench_measure("alloc_page+__free_page (per-CPU list)", PAIRS, alloc_free_pairs(0, PAIRS));

	set_percpu_pagelists(false);
	bench_measure("alloc_page+__free_page (buddy lists)", PAIRS, alloc_free_pairs(0, PAIRS));
	set_percpu_pagelists(true);
}
bench_register(bench_page_alloc_order0);

static void bench_page_alloc_orders(void)
{
	bench_measure("alloc_pages+__free_pages order-3", PAIRS, alloc_free_pairs(3, PAIRS));
	bench_measure("alloc_pages+__free_pages order-10", PAIRS / 10,
		      alloc_free_pairs(10, PAIRS / 10));
}
bench_register(bench_page_alloc_orders);

static noinline void zeroed_pairs(unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		free_page(get_zeroed_page(GFP_KERNEL));
}

/*
 * What clearing the page costs on its own, as lbench's clear_page row:
 * QEMU counts each repetition of a rep string instruction, so the 1,024
 * of "rep stosl" dominate both this and get_zeroed_page (real hardware
 * retires the rep instruction once).
 */
static noinline void clear_pages(void *page, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		memset(page, 0, PAGE_SIZE);
		barrier();
	}
}

static void bench_get_zeroed_page(void)
{
	unsigned long page = __get_free_page(GFP_KERNEL);

	bench_measure("get_zeroed_page+free_page", PAIRS, zeroed_pairs(PAIRS));
	if (!page) {
		bench_skip("no page to clear for the calibration");
		return;
	}
	bench_measure("clear a page: memset(4096) (calibration)", PAIRS,
		      clear_pages((void *)page, PAIRS));
	free_page(page);
}
bench_register(bench_get_zeroed_page);

/* Every free page of the machine, one by one, then all back; alloc and free timed apart. */
static void bench_all_memory(void)
{
	struct bench_passes alloc = BENCH_PASSES_INIT, free = BENCH_PASSES_INIT;
	unsigned long n = 0, first = 0;
	unsigned int p;

	for (p = 0; p <= BENCH_PASSES; p++) {	/* pass 0 is the warm-up */
		LIST_HEAD(held);
		struct page *page, *next;
		u64 t0, t_alloc, t_free;

		drain_local_pages();
		n = 0;
		t0 = bench_start();
		while ((page = alloc_page(GFP_HIGHUSER | __GFP_NOWARN)) != NULL) {
			list_add(&page->lru, &held);
			n++;
		}
		t_alloc = bench_stop(t0);
		t0 = bench_start();
		list_for_each_entry_safe(page, next, &held, lru)
			__free_page(page);
		t_free = bench_stop(t0);
		if (p == 0) {
			first = n;
			continue;
		}
		if (n != first) {
			bench_skip("pass %u allocated %lu pages, the warm-up %lu", p, n, first);
			return;
		}
		bench_passes_add(&alloc, t_alloc);
		bench_passes_add(&free, t_free);
	}
	bench_report_passes("allocate every page (per page)", &alloc, n);
	bench_report_passes("free every page (per page)", &free, n);
	bench_report_value("pages allocated and freed", n, "pages");
}
bench_register(bench_all_memory);
