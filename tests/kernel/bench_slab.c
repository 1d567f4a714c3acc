/*
 * Slab benchmarks (issue: memory areas): warm cache pairs, kmalloc
 * pairs per size, a burst, each beside the page allocator taking the
 * same memory in the same run; and the internal fragmentation of a
 * fixed mix of request sizes.
 */
#include <kernel.h>
#include <bench.h>
#include <gfp.h>
#include <slab.h>

#define PAIRS	10000
#define BURST	10000

static void *burst[BURST];

static noinline void cache_pairs(kmem_cache_t *c, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		kmem_cache_free(c, kmem_cache_alloc(c, GFP_KERNEL));
}

/*
 * A size known at compile time, as lbench's kmalloc(64) rows: one
 * function per size, so kmalloc() picks its cache at compile time as
 * in Linux (include/slab.h).
 */
#define KMALLOC_PAIRS(size)						\
static noinline void kmalloc_pairs_##size(unsigned long n)		\
{									\
	unsigned long i;						\
									\
	for (i = 0; i < n; i++)						\
		kfree(kmalloc(size, GFP_KERNEL));			\
}
KMALLOC_PAIRS(32)
KMALLOC_PAIRS(64)
KMALLOC_PAIRS(256)
KMALLOC_PAIRS(4096)
KMALLOC_PAIRS(131072)

static noinline void page_pairs(unsigned int order, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		__free_pages(alloc_pages(GFP_KERNEL, order), order);
}

/* Size read from memory on every call, as lbench's kmalloc(vsz): not a constant (__kmalloc()). */
static noinline void kmalloc_pairs_variable(size_t size, unsigned long n)
{
	volatile size_t vsize = size;
	unsigned long i;

	for (i = 0; i < n; i++)
		kfree(kmalloc(vsize, GFP_KERNEL));
}

static void bench_slab_cache(void)
{
	kmem_cache_t *c = kmem_cache_create("bench-64", 64, 0, 0, NULL, NULL);

	if (!c) {
		bench_skip("kmem_cache_create(\"bench-64\") failed");
		return;
	}
	bench_measure("kmem_cache_alloc+kmem_cache_free (warm, 64 bytes)", PAIRS,
		      cache_pairs(c, PAIRS));
	kmem_cache_destroy(c);
}
bench_register(bench_slab_cache);

static void bench_kmalloc_sizes(void)
{
	static const struct {
		size_t size;
		void (*pairs)(unsigned long n);
		unsigned int order;
		const char *name, *page_name;
	} sizes[] = {
		{ 32, kmalloc_pairs_32, 0, "kmalloc+kfree 32", NULL },
		{ 64, kmalloc_pairs_64, 0, "kmalloc+kfree 64", NULL },
		{ 256, kmalloc_pairs_256, 0, "kmalloc+kfree 256", NULL },
		{ 4096, kmalloc_pairs_4096, 0, "kmalloc+kfree 4096",
		  "  page allocator, order 0 (same memory)" },
		{ 131072, kmalloc_pairs_131072, 5, "kmalloc+kfree 131072",
		  "  page allocator, order 5 (same memory)" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		size_t size = sizes[i].size;
		unsigned int order = sizes[i].order;
		unsigned long n = size > 4096 ? PAIRS / 10 : PAIRS;

		bench_measure(sizes[i].name, n, sizes[i].pairs(n));
		if (sizes[i].page_name)
			bench_measure(sizes[i].page_name, n, page_pairs(order, n));
	}
	bench_measure("kmalloc+kfree 64, size not constant", PAIRS,
		      kmalloc_pairs_variable(64, PAIRS));
	bench_measure("  page allocator, order 0 (baseline for the small sizes)", PAIRS,
		      page_pairs(0, PAIRS));
}
bench_register(bench_kmalloc_sizes);

/* BURST allocations, then BURST frees: the arrays overflow into the slabs and back. */
static noinline void burst_kmalloc(unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		burst[i] = kmalloc(64, GFP_KERNEL);
}

static noinline void burst_kfree(unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		kfree(burst[i]);
}

/* As lbench: a warm-up burst, then BENCH_PASSES bursts, the two halves timed apart. */
static void bench_kmalloc_burst(void)
{
	struct bench_passes alloc = BENCH_PASSES_INIT, free = BENCH_PASSES_INIT;
	unsigned int p;

	burst_kmalloc(BURST);
	burst_kfree(BURST);
	for (p = 0; p < BENCH_PASSES; p++) {
		u64 t0 = bench_start();

		burst_kmalloc(BURST);
		bench_passes_add(&alloc, bench_stop(t0));
		t0 = bench_start();
		burst_kfree(BURST);
		bench_passes_add(&free, bench_stop(t0));
	}
	bench_report_passes("burst: kmalloc(64) x 10000, per allocation", &alloc, BURST);
	bench_report_passes("burst: kfree x 10000, per free", &free, BURST);
	kmem_cache_shrink_all();
}
bench_register(bench_kmalloc_burst);

/* How much memory kmalloc gives for a fixed mix of requests, in percent over what was asked. */
static void bench_kmalloc_fragmentation(void)
{
	static const size_t mix[] = { 8, 24, 40, 60, 100, 200, 300, 500, 700, 1000,
				      1500, 3000, 5000, 10000, 20000, 50000 };
	size_t asked = 0, got = 0;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(mix); i++) {
		void *p = kmalloc(mix[i], GFP_KERNEL);

		asked += mix[i];
		got += ksize(p);
		kfree(p);
	}
	bench_report_value("kmalloc internal fragmentation, fixed mix of 16 sizes",
			   (got - asked) * 100 / got, "%");
}
bench_register(bench_kmalloc_fragmentation);
