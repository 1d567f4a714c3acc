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

#define N	1000

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
	u64 t0;

	vmalloc_pairs(1);
	t0 = bench_start();
	vmalloc_pairs(N);
	bench_report("vmalloc+vfree 64 KB", bench_stop(t0), N);
	order4_pairs(1);
	t0 = bench_start();
	order4_pairs(N);
	bench_report("  __get_free_pages+free_pages order 4 (same 64 KB)", bench_stop(t0), N);
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

static noinline void kmap_atomic_pairs(struct page *page, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		kunmap_atomic(kmap_atomic(page, KM_USER0), KM_USER0);
}

/*
 * kmap() may sleep, so it runs with interrupts on (the benchmarks run
 * with them off): the timer ticks are counted in, at fixed instruction
 * counts under -icount, so the figures still repeat exactly.
 */
static void bench_kmap(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	u64 t0;

	local_irq_enable();
	if (!page || !PageHighmem(page)) {
		printk(KERN_INFO "# bench_kmap: skipped, no high memory on this machine\n");
		if (page)
			__free_page(page);
		local_irq_disable();
		return;
	}
	/* The first kmap takes a free slot; later ones of the same page find it mapped. */
	t0 = bench_start();
	kmap_pairs(page, 1);
	bench_report("kmap+kunmap, high page, a free slot", bench_stop(t0), 1);
	t0 = bench_start();
	kmap_pairs(page, N);
	bench_report("kmap+kunmap, high page, already in the pkmap table", bench_stop(t0), N);
	kmap_atomic_pairs(page, 1);
	t0 = bench_start();
	kmap_atomic_pairs(page, N);
	bench_report("kmap_atomic+kunmap_atomic, high page", bench_stop(t0), N);
	__free_page(page);
	local_irq_disable();
}
bench_register(bench_kmap);
