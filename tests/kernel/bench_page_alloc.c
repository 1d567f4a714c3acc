/*
 * Page allocator benchmarks (issue: page frame management): the order-0
 * pair through the per-CPU lists and straight through the buddy lists,
 * in the same run; larger orders; a zeroed page; and every page of the
 * machine allocated then freed.
 */
#include <kernel.h>
#include <bench.h>
#include <gfp.h>
#include <mm.h>
#include "../../mm/internal.h"

#define PAIRS	10000

static noinline void alloc_free_pairs(unsigned int order, unsigned long n, gfp_t gfp)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		__free_pages(alloc_pages(gfp, order), order);
}

static void measure_pairs(const char *name, unsigned int order, unsigned long n, gfp_t gfp)
{
	u64 t0;

	alloc_free_pairs(order, 1, gfp);	/* warm: lists filled, code in cache */
	t0 = bench_start();
	alloc_free_pairs(order, n, gfp);
	bench_report(name, bench_stop(t0), n);
}

static void bench_page_alloc_order0(void)
{
	measure_pairs("alloc_page+__free_page (per-CPU list)", 0, PAIRS, GFP_KERNEL);

	set_percpu_pagelists(false);
	measure_pairs("alloc_page+__free_page (buddy lists)", 0, PAIRS, GFP_KERNEL);
	set_percpu_pagelists(true);
}
bench_register(bench_page_alloc_order0);

static void bench_page_alloc_orders(void)
{
	measure_pairs("alloc_pages+__free_pages order-3", 3, PAIRS, GFP_KERNEL);
	measure_pairs("alloc_pages+__free_pages order-10", 10, PAIRS / 10, GFP_KERNEL);
}
bench_register(bench_page_alloc_orders);

static noinline void zeroed_pairs(unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		free_page(get_zeroed_page(GFP_KERNEL));
}

static void bench_get_zeroed_page(void)
{
	u64 t0;

	zeroed_pairs(1);
	t0 = bench_start();
	zeroed_pairs(PAIRS / 10);
	bench_report("get_zeroed_page+free_page", bench_stop(t0), PAIRS / 10);
}
bench_register(bench_get_zeroed_page);

/* Every free page of the machine, one by one, then all back. */
static void bench_all_memory(void)
{
	LIST_HEAD(held);
	struct page *page, *next;
	unsigned long n = 0;
	u64 t0, t_alloc;

	drain_local_pages();
	t0 = bench_start();
	while ((page = alloc_page(GFP_HIGHUSER | __GFP_NOWARN)) != NULL) {
		list_add(&page->lru, &held);
		n++;
	}
	t_alloc = bench_stop(t0);
	t0 = bench_start();
	list_for_each_entry_safe(page, next, &held, lru)
		__free_page(page);
	bench_report("allocate every page (per page)", t_alloc, n);
	bench_report("free every page (per page)", bench_stop(t0), n);
	bench_report_value("pages allocated and freed", n, "pages");
}
bench_register(bench_all_memory);
