/*
 * kmalloc() and the general caches (mm/kmalloc.c, ULK 8.2.15) on the
 * host, over the 64 MB machine of test_slab (slab_host.h): every size
 * from 0 to 131072 and its DMA twin, what is too large, kzalloc(),
 * kcalloc() and __GFP_ZERO, a DMA cache of one's own; /proc/slabinfo
 * and the Slab: line of /proc/meminfo (mm/slabinfo.c, mm/vmstat.c).
 */
#include "harness.h"
#include "slab_host.h"
#include "slab_64M.h"

/* The general cache kmalloc() must use for size, by the table (not by the kernel's index arithmetic). */
static unsigned long size_class(unsigned long size)
{
	unsigned long cls = 32;

	while (cls < size)
		cls *= 2;
	return cls;
}

/*
 * kmalloc() of every size from 0 to 131072: the smallest general cache
 * that fits, ksize() its size, all of it usable; GFP_DMA its twin, from
 * ZONE_DMA; never high memory whatever the flags.
 */
TEST(kmalloc_every_size)
{
	unsigned long size;

	boot();
	for (size = 0; size <= KMALLOC_MAX_SIZE; size++) {
		unsigned char *p = kmalloc(size, GFP_KERNEL), *d;
		unsigned long cls = size_class(size);

		ASSERT_NOT_NULL(p);
		EXPECT_EQ(ksize(p), cls);
		EXPECT_PTR_EQ(sh_cache_of(p), kmem_find_general_cachep(cls, 0));
		EXPECT_EQ(sh_cache_of(p)->reallen, cls);
		EXPECT_EQ((uintptr_t)p % SH_WORD, 0);
		p[0] = 1;
		p[cls - 1] = 2;
		kfree(p);
		d = kmalloc(size, size & 1 ? GFP_DMA | GFP_KERNEL : GFP_ATOMIC | GFP_DMA);
		ASSERT_NOT_NULL(d);
		EXPECT_EQ(page_zonenum(virt_to_page(d)), ZONE_DMA);
		EXPECT_PTR_EQ(sh_cache_of(d), kmem_find_general_cachep(cls, GFP_DMA));
		EXPECT_TRUE(sh_cache_of(d)->flags & SLAB_CACHE_DMA);
		EXPECT_EQ(ksize(d), cls);
		d[cls - 1] = 3;
		kfree(d);
		if (ht_failed()) {
			ht_diag("size %lu", size);
			break;
		}
	}
	/* High memory asked for, low memory given: slabs need the direct map. */
	for (size = 32; size <= KMALLOC_MAX_SIZE; size *= 2) {
		void *p = kmalloc(size, GFP_HIGHUSER | __GFP_COLD);

		ASSERT_NOT_NULL(p);
		EXPECT_NE(page_zonenum(virt_to_page(p)), ZONE_HIGHMEM);
		kfree(p);
	}
	EXPECT_SLAB_CONSISTENT();
	SH_END();
}

/*
 * A size known at compile time picks its cache in kmalloc() itself
 * (include/slab.h, as Linux 2.6.11's): the same cache as __kmalloc()
 * for the same size at run time, DMA twin included, at every class edge.
 */
#define EXPECT_CONSTANT_SIZE(size) do {					\
	volatile size_t _vsize = (size);				\
	void *_c = kmalloc(size, GFP_KERNEL), *_v = kmalloc(_vsize, GFP_KERNEL);	\
	void *_d = kmalloc(size, GFP_KERNEL | GFP_DMA);			\
									\
	ASSERT_TRUE(_c && _v && _d);					\
	EXPECT_PTR_EQ(sh_cache_of(_c), sh_cache_of(_v));		\
	EXPECT_PTR_EQ(sh_cache_of(_c), kmem_find_general_cachep(size_class(size), 0)); \
	EXPECT_PTR_EQ(sh_cache_of(_d), kmem_find_general_cachep(size_class(size), GFP_DMA)); \
	EXPECT_EQ(ksize(_c), size_class(size));				\
	kfree(_d);							\
	kfree(_v);							\
	kfree(_c);							\
} while (0)

TEST(kmalloc_constant_sizes_pick_the_same_cache)
{
	boot();
	EXPECT_CONSTANT_SIZE(0);
	EXPECT_CONSTANT_SIZE(1);
	EXPECT_CONSTANT_SIZE(32);
	EXPECT_CONSTANT_SIZE(33);
	EXPECT_CONSTANT_SIZE(64);
	EXPECT_CONSTANT_SIZE(65);
	EXPECT_CONSTANT_SIZE(256);
	EXPECT_CONSTANT_SIZE(4096);
	EXPECT_CONSTANT_SIZE(4097);
	EXPECT_CONSTANT_SIZE(65537);
	EXPECT_CONSTANT_SIZE(131072);
	EXPECT_EQ(kmalloc_index(32), 0);
	EXPECT_EQ(kmalloc_index(33), 1);
	EXPECT_EQ(kmalloc_index(131072), NR_MALLOC_SIZES - 1);
	EXPECT_SLAB_CONSISTENT();
	SH_END();
}

/* Above 131072 bytes: NULL, with a warning unless __GFP_NOWARN. */
TEST(kmalloc_too_large)
{
	unsigned int warns;

	boot();
	warns = host_warn_count;
	EXPECT_NULL(kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL));
	EXPECT_EQ(host_warn_count, warns + 1);
	EXPECT_EQ(host_printk_count("kmalloc: 131073 bytes is more than the largest general cache (131072)"), 1);
	EXPECT_NULL(kmalloc(1UL << 20, GFP_KERNEL | __GFP_NOWARN));
	EXPECT_NULL(kmalloc((size_t)-1, GFP_KERNEL | __GFP_NOWARN));
	EXPECT_NULL(kmalloc(KMALLOC_MAX_SIZE + 1, GFP_DMA | __GFP_NOWARN));
	EXPECT_EQ(host_warn_count, warns + 1);
	EXPECT_NULL(kmem_find_general_cachep(KMALLOC_MAX_SIZE + 1, 0));
	SH_END();
}

/* kzalloc(), kcalloc() and __GFP_ZERO: zeroed whatever was there; kcalloc() refuses overflow. */
TEST(kzalloc_kcalloc)
{
	static const unsigned long sizes[] = { 1, 31, 32, 33, 200, 4096, 5000, 131072 };
	unsigned int i;
	kmem_cache_t *c;
	unsigned char *p;

	boot();
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		p = kmalloc(sizes[i], GFP_KERNEL);
		ASSERT_NOT_NULL(p);
		memset(p, 0xee, ksize(p));
		kfree(p);
		p = kzalloc(sizes[i], GFP_KERNEL);
		ASSERT_NOT_NULL(p);
		EXPECT_NULL(memchr_inv(p, 0, ksize(p)));
		kfree(p);
	}
	p = kcalloc(10, 20, GFP_KERNEL);
	ASSERT_NOT_NULL(p);
	EXPECT_NULL(memchr_inv(p, 0, 200));
	kfree(p);
	EXPECT_NULL(kcalloc((size_t)-1 / 4 + 2, 4, GFP_KERNEL));
	EXPECT_NULL(kcalloc(2, (size_t)-1 / 2 + 1, GFP_KERNEL));
	p = kcalloc(0, 0, GFP_KERNEL);		/* no overflow: a 32-byte object */
	ASSERT_NOT_NULL(p);
	EXPECT_EQ(ksize(p), 32);
	kfree(p);
	kfree(NULL);
	EXPECT_EQ(ksize(NULL), 0);
	/* kmem_cache_alloc() with __GFP_ZERO: the whole slot. */
	c = kmem_cache_create("zero", 60, 0, 0, NULL, NULL);
	ASSERT_NOT_NULL(c);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	ASSERT_NOT_NULL(p);
	memset(p, 0xdd, 60);
	kmem_cache_free(c, p);
	p = kmem_cache_alloc(c, GFP_KERNEL | __GFP_ZERO);
	ASSERT_NOT_NULL(p);
	EXPECT_NULL(memchr_inv(p, 0, c->objsize));
	kmem_cache_free(c, p);
	EXPECT_EQ(kmem_cache_destroy(c), 0);
	SH_END();
}

/* A DMA cache of one's own: its slabs in ZONE_DMA, whatever the allocation asks. */
TEST(dma_cache)
{
	kmem_cache_t *c;
	unsigned int i;

	boot();
	c = kmem_cache_create("dma", 300, 0, SLAB_CACHE_DMA, NULL, NULL);
	ASSERT_NOT_NULL(c);
	EXPECT_EQ(c->gfpflags, GFP_DMA);
	alloc_n(c, 100, GFP_KERNEL);
	for (i = 0; i < 100; i++)
		EXPECT_EQ(page_zonenum(virt_to_page(objs[i])), ZONE_DMA);
	EXPECT_SLAB_CONSISTENT();
	free_n(c, 100);
	EXPECT_EQ(kmem_cache_destroy(c), 0);
	SH_END();
}

/* The line of /proc/slabinfo for one cache, parsed: -1 if missing. */
static int slabinfo_line(const char *name, unsigned long v[9])
{
	const char *log = host_printk_log(), *p;
	char key[40];
	unsigned int pages, limit, batch, shared, sa;

	snprintf(key, sizeof(key), "<6>%-17s ", name);
	p = strstr(log, key);
	if (!p)
		return -1;
	if (sscanf(p + strlen(key), "%lu %lu %lu %lu %u : tunables %u %u %u : slabdata %lu %lu %u",
		   &v[0], &v[1], &v[2], &v[3], &pages, &limit, &batch, &shared, &v[4], &v[5], &sa) != 11)
		return -1;
	v[6] = pages;
	v[7] = limit;
	v[8] = batch;
	return 0;
}

/* The pages in the slabs of every cache, counted by walking them (sh_check() marks them). */
static unsigned long slab_pages_walked(void)
{
	unsigned long pfn, n = 0;

	SH_EXPECT_OK(sh_check(), 1);
	for (pfn = 0; pfn < pa.nr_pfns; pfn++)
		n += !!sh.slab_head[pfn];
	return n;
}

/*
 * /proc/slabinfo (2.1) and the Slab: line of /proc/meminfo against
 * numbers known without reading the cache: the "info" cache worked out
 * by hand (as test_slab's layouts_by_hand), the Slab: line against the
 * slabs walked. 1000-byte objects: off-slab at first (>= 512); order 0
 * holds 4 (4000), leaving 96, under 1/8; the 56-byte descriptor fits
 * in it: on-slab. Limit 54 (objects of 257..1024 bytes), batch 27.
 * Allocating 10: a cold array refills at most 16, and each refill grows
 * one slab of 4, so 3 slabs (12 objects), 2 left in the array; 3 freed
 * go to the array: 12 objects out of the slabs (slabinfo's "active"
 * counts those in the array), 12 in all, 3 slabs, none free.
 */
TEST(slabinfo_and_meminfo)
{
	kmem_cache_t *c;
	unsigned long v[9], kb;
	unsigned int i;
	const char *p;

	boot();
	c = kmem_cache_create("info", 1000, 0, 0, NULL, NULL);
	ASSERT_NOT_NULL(c);
	alloc_n(c, 10, GFP_KERNEL);
	for (i = 0; i < 3; i++)
		kmem_cache_free(c, objs[i]);	/* in the array: still active for slabinfo */
	host_printk_clear();
	show_slabinfo();
	EXPECT_EQ(host_printk_count("slabinfo - version: 2.1"), 1);
	EXPECT_EQ(host_printk_count("\n"), 2 + 27 + 1);	/* two heading lines, the boot caches, info */
	ASSERT_EQ(slabinfo_line("info", v), 0);
	EXPECT_EQ(v[0], 12);		/* active objects */
	EXPECT_EQ(v[1], 12);		/* objects */
	EXPECT_EQ(v[2], 1000);		/* objsize */
	EXPECT_EQ(v[3], 4);		/* objects per slab */
	EXPECT_EQ(v[4], 3);		/* active slabs */
	EXPECT_EQ(v[5], 3);		/* slabs */
	EXPECT_EQ(v[6], 1);		/* pages per slab */
	EXPECT_EQ(v[7], 54);		/* limit */
	EXPECT_EQ(v[8], 27);		/* batchcount */
	ASSERT_EQ(slabinfo_line("size-131072(DMA)", v), 0);
	EXPECT_EQ(v[2], 131072);
	EXPECT_EQ(v[3], 1);
	EXPECT_EQ(v[6], 32);
	EXPECT_EQ(v[7], 8);
	host_printk_clear();
	show_meminfo();
	p = strstr(host_printk_log(), "Slab:");
	ASSERT_NOT_NULL(p);
	EXPECT_EQ(sscanf(p + 5, "%lu kB", &kb), 1);
	EXPECT_EQ(kb, slab_pages_walked() * 4);
	for (i = 3; i < 10; i++)
		kmem_cache_free(c, objs[i]);
	EXPECT_EQ(kmem_cache_destroy(c), 0);
	SH_END();
}
