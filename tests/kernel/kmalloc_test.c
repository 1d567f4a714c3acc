/* kmalloc() and the general caches (ULK 8.2.15). */
#include <kernel.h>
#include <string.h>
#include <ktest.h>
#include <mm.h>
#include <slab.h>
#include <slab_def.h>
#include "../../mm/internal.h"

/* Every size class: the smallest fitting cache, its DMA twin, usable size, alignment. */
static void test_every_size_class(struct ktest *t)
{
	size_t size;

	for (size = 32; size <= KMALLOC_MAX_SIZE; size <<= 1) {
		size_t asks[3] = { size / 2 + 1, size - 1, size };
		unsigned int i;

		for (i = 0; i < 3; i++) {
			void *p = ktest_kmalloc(t, asks[i], GFP_KERNEL);
			void *d = ktest_kmalloc(t, asks[i], GFP_KERNEL | GFP_DMA);
			kmem_cache_t *c;

			KTEST_ASSERT_TRUE(t, p && d);
			c = page_get_cache(virt_to_page(p));
			KTEST_EXPECT_EQ(t, c->reallen, (unsigned int)size);
			KTEST_EXPECT_EQ(t, ksize(p), size);
			KTEST_EXPECT_EQ(t, (unsigned long)p % sizeof(void *), 0UL);
			memset(p, 0x5c, asks[i]);	/* all of it is ours */
			KTEST_EXPECT_EQ(t, (int)page_zonenum(virt_to_page(d)), ZONE_DMA);
			KTEST_EXPECT_TRUE(t, page_get_cache(virt_to_page(d))->flags & SLAB_CACHE_DMA);
			ktest_kfree(t, d);
			ktest_kfree(t, p);
		}
	}
	/* Tiny requests take the smallest class. */
	{
		void *p = kmalloc(1, GFP_KERNEL);

		KTEST_ASSERT_NOT_NULL(t, p);
		KTEST_EXPECT_EQ(t, ksize(p), (size_t)32);
		kfree(p);
	}
}

/*
 * A size known at compile time picks its cache inside kmalloc() (as in
 * Linux 2.6.11's <linux/slab.h>): the call is a kmem_cache_alloc() of
 * that cache. It must be the cache __kmalloc() picks for the same size
 * at run time, the DMA twin with GFP_DMA, at every class edge.
 */
#define EXPECT_CONSTANT_SIZE(t, size) do {				\
	volatile size_t _vsize = (size);				\
	void *_c = kmalloc(size, GFP_KERNEL), *_v = kmalloc(_vsize, GFP_KERNEL);	\
	void *_d = kmalloc(size, GFP_KERNEL | GFP_DMA);			\
									\
	if (_c && _v && _d) {						\
		KTEST_EXPECT_PTR_EQ(t, page_get_cache(virt_to_page(_c)),	\
				    page_get_cache(virt_to_page(_v)));	\
		KTEST_EXPECT_PTR_EQ(t, page_get_cache(virt_to_page(_c)),	\
				    kmem_find_general_cachep(size, 0));	\
		KTEST_EXPECT_PTR_EQ(t, page_get_cache(virt_to_page(_d)),	\
				    kmem_find_general_cachep(size, GFP_DMA)); \
		KTEST_EXPECT_GE(t, ksize(_c), (size_t)(size));		\
	} else {							\
		KTEST_FAIL(t, "kmalloc(%u) failed", (unsigned int)(size));	\
	}								\
	kfree(_d);							\
	kfree(_v);							\
	kfree(_c);							\
} while (0)

static void test_constant_sizes_pick_the_same_cache(struct ktest *t)
{
	EXPECT_CONSTANT_SIZE(t, 0);
	EXPECT_CONSTANT_SIZE(t, 1);
	EXPECT_CONSTANT_SIZE(t, 32);
	EXPECT_CONSTANT_SIZE(t, 33);
	EXPECT_CONSTANT_SIZE(t, 64);
	EXPECT_CONSTANT_SIZE(t, 65);
	EXPECT_CONSTANT_SIZE(t, 256);
	EXPECT_CONSTANT_SIZE(t, 4096);
	EXPECT_CONSTANT_SIZE(t, 4097);
	EXPECT_CONSTANT_SIZE(t, 131072);
}

/* Above 131072 bytes kmalloc() says no, with a warning naming the size. */
static void test_too_large(struct ktest *t)
{
	void *p;

	ktest_capture_start();
	p = kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL);
	ktest_capture_stop();
	KTEST_EXPECT_NULL(t, p);
	KTEST_EXPECT_EQ(t, ktest_captured("kmalloc: 131073 bytes is more than the largest general cache"), 1u);
	p = kmalloc(1 << 20, GFP_KERNEL | __GFP_NOWARN);
	KTEST_EXPECT_NULL(t, p);
	kfree(p);
}

static void test_kzalloc_kcalloc(struct ktest *t)
{
	char *p = kmalloc(200, GFP_KERNEL), *z;

	KTEST_ASSERT_NOT_NULL(t, p);
	memset(p, 0xee, 200);
	kfree(p);
	z = kzalloc(200, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, z);
	KTEST_EXPECT_NULL(t, memchr_inv(z, 0, 200));
	kfree(z);
	z = kcalloc(10, 20, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, z);
	KTEST_EXPECT_NULL(t, memchr_inv(z, 0, 200));
	kfree(z);
	z = kcalloc((size_t)-1 / 4 + 2, 4, GFP_KERNEL);	/* overflows */
	KTEST_EXPECT_NULL(t, z);
	kfree(z);
	kfree(NULL);
}

/* Small objects keep their slab descriptor in the slab; from 512 bytes it lives off-slab. */
static void test_on_and_off_slab(struct ktest *t)
{
	if (kmem_find_general_cachep(32, 0)->flags & SLAB_DEBUG_FLAGS)
		KTEST_SKIP(t, "debug words change the layouts (slab_debug)");
	KTEST_EXPECT_FALSE(t, kmem_find_general_cachep(256, 0)->flags & CFLGS_OFF_SLAB);
	KTEST_EXPECT_TRUE(t, kmem_find_general_cachep(512, 0)->flags & CFLGS_OFF_SLAB);
	KTEST_EXPECT_EQ(t, kmem_find_general_cachep(32, 0)->num, 113u);	/* as in Linux */
	KTEST_EXPECT_EQ(t, kmem_find_general_cachep(KMALLOC_MAX_SIZE, 0)->gfporder, 5u);
}

/* The internal fragmentation of a fixed mix of request sizes, for the record. */
static void test_fragmentation_report(struct ktest *t)
{
	static const size_t mix[] = { 8, 24, 40, 60, 100, 200, 300, 500, 700, 1000, 1500, 3000, 5000, 10000 };
	size_t asked = 0, got = 0;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(mix); i++) {
		void *p = kmalloc(mix[i], GFP_KERNEL);

		KTEST_ASSERT_NOT_NULL(t, p);
		asked += mix[i];
		got += ksize(p);
		kfree(p);
	}
	printk(KERN_INFO "    # kmalloc mix: %zu bytes asked, %zu given: %zu%% internal fragmentation\n",
	       asked, got, (got - asked) * 100 / got);
	KTEST_EXPECT_LT(t, asked, got + 1);
}

static struct ktest_case kmalloc_cases[] = {
	KTEST_CASE(test_every_size_class),
	KTEST_CASE(test_constant_sizes_pick_the_same_cache),
	KTEST_CASE(test_too_large),
	KTEST_CASE(test_kzalloc_kcalloc),
	KTEST_CASE(test_on_and_off_slab),
	KTEST_CASE(test_fragmentation_report),
	{}
};

static struct ktest_suite kmalloc_suite = {
	.name = "kmalloc",
	.test_cases = kmalloc_cases,
};
ktest_register_suite(kmalloc_suite);
