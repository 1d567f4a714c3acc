/*
 * The slab allocator's error paths, driven by fault injection (fail_slab
 * for slab allocations, fail_page_alloc for the pages under them) and by
 * real exhaustion: cache_grow() without pages, alloc_slabmgmt() without
 * an off-slab descriptor (from fail_slab and from the page allocator),
 * kmem_cache_create() without a descriptor or a per-CPU array. Each
 * failure must be clean: NULL returned, nothing leaked (the free page
 * count and the caches back), the caches consistent (sh_check()).
 */
#include "harness.h"
#include "slab_host.h"

/* 40 MB: DMA, Normal and a little HIGHMEM; above 32 MB (break order 1). */
static const struct pa_layout machine = {
	.name = "slab-40M",
	.zones_size = { 0x1000, 0x1600, 0x200 },
	.reserved = { { 0, 1 } },
};

#define MAX_OBJS	8192
static void *objs[MAX_OBJS];
static unsigned int nobjs;

static void boot(void)
{
	sh_boot(&machine);
	host_printk_clear();
}

static void free_objs(kmem_cache_t *c)
{
	while (nobjs) {
		void *p = objs[--nobjs];

		if (c)
			kmem_cache_free(c, p);
		else
			kfree(p);
	}
}

/* The free pages as they are now, with the per-CPU lists drained. */
static unsigned long free_now(void)
{
	drain_local_pages();
	return nr_free_pages();
}

/* fail_slab: every Nth allocation fails, whatever the cache; __GFP_NOFAIL is exempt. */
TEST(fail_slab_every_nth)
{
	kmem_cache_t *c;
	unsigned int n, i, failed;
	void *p;

	boot();
	c = kmem_cache_create("every-nth", 100, 0, 0, NULL, NULL);
	ASSERT_NOT_NULL(c);
	for (n = 1; n <= 5; n++) {
		fault_attr_set(&fail_slab, n, -1);
		failed = 0;
		for (i = 0; i < 30; i++) {
			p = i % 2 ? kmem_cache_alloc(c, GFP_KERNEL) : kmalloc(i * 10, GFP_KERNEL);

			EXPECT_EQ(!p, (i + 1) % n == 0);
			failed += !p;
			if (p)
				objs[nobjs++] = p;
			if (i % 2 && p) {
				kmem_cache_free(c, p);
				nobjs--;
			}
		}
		EXPECT_EQ(fail_slab.failed, failed);
		EXPECT_NOT_NULL(p = kmem_cache_alloc(c, GFP_KERNEL | __GFP_NOFAIL));
		kmem_cache_free(c, p);
		fault_attr_set(&fail_slab, 0, -1);
		free_objs(NULL);
		EXPECT_SLAB_CONSISTENT();
	}
	/* times: only so many failures. */
	fault_attr_set(&fail_slab, 1, 2);
	EXPECT_NULL(kmalloc(8, GFP_KERNEL));
	EXPECT_NULL(kmalloc(8, GFP_KERNEL));
	objs[0] = kmalloc(8, GFP_KERNEL);
	EXPECT_NOT_NULL(objs[0]);
	kfree(objs[0]);
	EXPECT_EQ(kmem_cache_destroy(c), 0);
	SH_END();
}

/*
 * cache_grow() without pages: the allocation fails, no slab is made,
 * no page is lost; the next one, with pages, works.
 */
TEST(cache_grow_no_pages)
{
	static const unsigned long sizes[] = { 64, 700, 2048, 5000, 100000 };
	unsigned int i;

	boot();
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		kmem_cache_t *c = kmem_cache_create("no-pages", sizes[i], 0, 0, NULL, NULL);
		unsigned long before;
		void *p;

		ASSERT_NOT_NULL(c);
		before = free_now();
		fault_attr_set(&fail_page_alloc, 1, -1);
		EXPECT_NULL(kmem_cache_alloc(c, GFP_KERNEL));
		EXPECT_NULL(kmem_cache_alloc(c, GFP_ATOMIC));
		fault_attr_set(&fail_page_alloc, 0, -1);
		EXPECT_EQ(c->num_slabs, 0);
		EXPECT_EQ(c->grown, 0);
		EXPECT_EQ(c->array[0]->avail, 0);
		EXPECT_EQ(free_now(), before);
		EXPECT_SLAB_CONSISTENT();
		p = kmem_cache_alloc(c, GFP_KERNEL);
		ASSERT_NOT_NULL(p);
		EXPECT_EQ(c->num_slabs, 1);
		kmem_cache_free(c, p);
		EXPECT_EQ(kmem_cache_destroy(c), 0);
	}
	/* kmalloc() the same way, every size class and its DMA twin. */
	for (i = 0; i < 13; i++) {
		unsigned long size = 32UL << i;
		kmem_cache_t *c = kmem_find_general_cachep(size, 0);

		kmem_cache_shrink(c);
		kmem_cache_shrink(kmem_find_general_cachep(size, GFP_DMA));
		fault_attr_set(&fail_page_alloc, 1, -1);
		/* A cache whose slabs hold baseline objects may still have free ones: drain those first. */
		while (nobjs < MAX_OBJS && (objs[nobjs] = kmalloc(size, GFP_KERNEL)))
			nobjs++;
		EXPECT_LT(nobjs, MAX_OBJS);
		EXPECT_NULL(kmalloc(size, GFP_KERNEL | GFP_DMA) ?: kmalloc(size, GFP_DMA));
		fault_attr_set(&fail_page_alloc, 0, -1);
		free_objs(NULL);
		EXPECT_SLAB_CONSISTENT();
	}
	SH_END();
}

/*
 * An off-slab cache whose descriptor cannot be had: from fail_slab (the
 * descriptor's allocation is the second slab allocation), and from the
 * page allocator (the descriptor's cache has no free object and cannot
 * grow). The slab's pages go back.
 */
TEST(alloc_slabmgmt_fails)
{
	kmem_cache_t *c, *d;
	unsigned long before;
	void *p;

	boot();
	c = kmem_cache_create("off-slab", 2048, 0, 0, NULL, NULL);
	ASSERT_NOT_NULL(c);
	ASSERT_TRUE(c->flags & CFLGS_OFF_SLAB);
	d = c->slabp_cache;
	ASSERT_NOT_NULL(d);
	before = free_now();

	fault_attr_set(&fail_slab, 2, 1);	/* the user's allocation passes, the descriptor's fails */
	EXPECT_NULL(kmem_cache_alloc(c, GFP_KERNEL));
	EXPECT_EQ(fail_slab.failed, 1);
	fault_attr_set(&fail_slab, 0, -1);
	EXPECT_EQ(c->num_slabs, 0);
	EXPECT_EQ(free_now(), before);
	EXPECT_SLAB_CONSISTENT();

	/* Use up every free object of the descriptors' cache, then let its growth fail. */
	while (d->array[0]->avail || d->lists.free_objects) {
		ASSERT_LT(nobjs, MAX_OBJS);
		objs[nobjs++] = kmem_cache_alloc(d, GFP_KERNEL);
	}
	before = free_now();
	fault_attr_set(&fail_page_alloc, 2, 1);	/* the slab's pages, then the descriptor cache's */
	EXPECT_NULL(kmem_cache_alloc(c, GFP_KERNEL));
	EXPECT_EQ(fail_page_alloc.failed, 1);
	fault_attr_set(&fail_page_alloc, 0, -1);
	EXPECT_EQ(c->num_slabs, 0);
	EXPECT_EQ(free_now(), before);
	EXPECT_SLAB_CONSISTENT();
	/* And with memory, both work. */
	p = kmem_cache_alloc(c, GFP_KERNEL);
	ASSERT_NOT_NULL(p);
	EXPECT_PTR_EQ(sh_cache_of(sh_slab_of(p)), d);
	kmem_cache_free(c, p);
	free_objs(d);
	EXPECT_EQ(kmem_cache_destroy(c), 0);
	SH_END();
}

/* (EXPECT_BUG() away from the caller's variables: setjmp().) */
static noinline void panic_without_memory(void)
{
	fault_attr_set(&fail_slab, 1, 1);
	EXPECT_BUG(kmem_cache_create("nomem-panic", 100, 0, SLAB_PANIC, NULL, NULL));
	fault_attr_set(&fail_slab, 0, -1);
}

/* kmem_cache_create() without memory: for the descriptor, for the per-CPU array. Nothing left behind. */
TEST(create_fails_cleanly)
{
	kmem_cache_t *cc, *arr, *c;
	unsigned int ncaches, n;
	unsigned long active;

	boot();
	cc = sh_cache_cache();
	ncaches = sh_nr_caches();
	active = kmem_cache_active_objects(cc);

	fault_attr_set(&fail_slab, 1, 1);
	EXPECT_NULL(kmem_cache_create("nomem", 100, 0, 0, NULL, NULL));
	EXPECT_EQ(host_printk_count("cannot create cache nomem: out of memory\n"), 1);
	fault_attr_set(&fail_slab, 2, 1);
	EXPECT_NULL(kmem_cache_create("noarray", 100, 0, 0, NULL, NULL));
	EXPECT_EQ(host_printk_count("cannot create cache noarray: out of memory for its per-CPU array"), 1);
	fault_attr_set(&fail_slab, 0, -1);
	EXPECT_EQ(sh_nr_caches(), ncaches);
	EXPECT_EQ(kmem_cache_active_objects(cc), active);
	EXPECT_SLAB_CONSISTENT();
	host_printk_clear();
	panic_without_memory();
	EXPECT_EQ(host_printk_count("Kernel panic - not syncing: kmem_cache_create(): cannot create "
			       "cache nomem-panic: out of memory"), 1);
	EXPECT_EQ(sh_nr_caches(), ncaches);

	/* From the page allocator: cache_cache with no free descriptor left and no page. */
	n = 0;
	while (cc->array[0]->avail || cc->lists.free_objects) {
		static char names[64][16];

		ASSERT_LT(n, 64);
		snprintf(names[n], sizeof(names[n]), "filler-%u", n);
		objs[nobjs++] = kmem_cache_create(names[n], 16, 0, 0, NULL, NULL);
		ASSERT_NOT_NULL(objs[nobjs - 1]);
		n++;
	}
	fault_attr_set(&fail_page_alloc, 1, -1);
	EXPECT_NULL(kmem_cache_create("nopage", 100, 0, 0, NULL, NULL));
	EXPECT_EQ(host_printk_count("cannot create cache nopage: out of memory\n"), 1);
	fault_attr_set(&fail_page_alloc, 0, -1);
	/* Now the array's general cache (976 bytes: size-1024) out of objects and pages. */
	c = kmem_cache_create("spare", 100, 0, 0, NULL, NULL);	/* a page for cache_cache */
	ASSERT_NOT_NULL(c);
	arr = sh_cache_of(c->array[0]);
	EXPECT_STREQ(arr->name, "size-1024");
	EXPECT_EQ(kmem_cache_destroy(c), 0);			/* its descriptor free again */
	while (arr->array[0]->avail || arr->lists.free_objects) {
		ASSERT_LT(nobjs, MAX_OBJS);
		objs[nobjs++] = kmem_cache_alloc(arr, GFP_KERNEL);
	}
	ASSERT_TRUE(cc->array[0]->avail || cc->lists.free_objects);
	fault_attr_set(&fail_page_alloc, 1, -1);
	EXPECT_NULL(kmem_cache_create("nopage-array", 100, 0, 0, NULL, NULL));
	EXPECT_EQ(host_printk_count("cannot create cache nopage-array: out of memory for its per-CPU array"), 1);
	fault_attr_set(&fail_page_alloc, 0, -1);
	EXPECT_EQ(sh_nr_caches(), ncaches + n);
	EXPECT_SLAB_CONSISTENT();
	while (nobjs) {
		void *p = objs[--nobjs];

		if (sh_cache_of(p) == arr)
			kmem_cache_free(arr, p);
		else
			EXPECT_EQ(kmem_cache_destroy(p), 0);
	}
	SH_END();
}

/*
 * Real exhaustion: with every page of ZONE_DMA taken, DMA allocations
 * fail (and the rest go on); with every page of the machine taken, a
 * cache that needs a new slab fails; given the pages back, all works.
 */
TEST(out_of_memory)
{
	kmem_cache_t *c, *c2;
	struct page *page;
	unsigned int order;

	boot();
	c = kmem_cache_create("oom", 3000, 0, SLAB_CACHE_DMA, NULL, NULL);
	ASSERT_NOT_NULL(c);
	for (order = MAX_ORDER - 1; order + 1 > 0; order--)
		while ((page = alloc_pages(GFP_DMA | __GFP_HIGH | __GFP_NOWARN, order)))
			sh_hold(page, order, GFP_DMA);
	/* What is left is the atomic reserve, below the zone's minimum. */
	EXPECT_LT(pa_zone(ZONE_DMA)->free_pages, pa_zone(ZONE_DMA)->pages_min);
	EXPECT_NULL(kmem_cache_alloc(c, GFP_KERNEL | __GFP_NOWARN));
	EXPECT_NULL(kmalloc(50000, GFP_DMA | __GFP_NOWARN));
	objs[0] = kmalloc(50000, GFP_KERNEL);
	EXPECT_NOT_NULL(objs[0]);
	EXPECT_NE(page_zonenum(virt_to_page(objs[0])), ZONE_DMA);
	kfree(objs[0]);
	EXPECT_SLAB_CONSISTENT();
	/* Everything else too. */
	for (order = MAX_ORDER - 1; order + 1 > 0; order--)
		while (sh.nr_held < SH_MAX_HELD &&
		       (page = alloc_pages(GFP_KERNEL | __GFP_HIGH | __GFP_NOWARN, order)))
			sh_hold(page, order, GFP_KERNEL);
	drain_local_pages();
	while (sh.nr_held < SH_MAX_HELD && (page = alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 0)))
		sh_hold(page, 0, GFP_ATOMIC);
	ASSERT_LT(sh.nr_held, SH_MAX_HELD);
	EXPECT_NULL(kmalloc(131072, GFP_KERNEL | __GFP_NOWARN));
	c2 = kmem_cache_create("oom2", 100, 0, 0, NULL, NULL);	/* may have what it needs */
	if (c2) {
		EXPECT_NULL(kmem_cache_alloc(c2, GFP_KERNEL | __GFP_NOWARN));
		EXPECT_EQ(kmem_cache_destroy(c2), 0);
	}
	EXPECT_SLAB_CONSISTENT();
	sh_release_all();
	objs[0] = kmem_cache_alloc(c, GFP_KERNEL);
	EXPECT_NOT_NULL(objs[0]);
	kmem_cache_free(c, objs[0]);
	EXPECT_EQ(kmem_cache_destroy(c), 0);
	SH_END();
}

/*
 * A workload under every interval of both injectors: caches made and
 * destroyed, objects of several sizes allocated and freed, kmalloc().
 * Every failure must be clean, the caches consistent after each round,
 * and at the end every page back.
 */
static void workload(unsigned int round)
{
	static const unsigned long sizes[] = { 24, 200, 1000, 2048, 6000, 70000 };
	static const unsigned long flags[] = { 0, SLAB_HWCACHE_ALIGN, SLAB_RED_ZONE | SLAB_POISON,
					       SLAB_CACHE_DMA, SLAB_STORE_USER, 0 };
	kmem_cache_t *caches[6];
	unsigned int i, k;

	for (i = 0; i < 6; i++) {
		static char names[6][16];

		snprintf(names[i], sizeof(names[i]), "load-%u", i);
		caches[i] = kmem_cache_create(names[i], sizes[i], i == 5 ? 4096 : 0, flags[i], NULL, NULL);
	}
	for (k = 0; k < 200; k++) {
		kmem_cache_t *c = caches[(k * 7 + round) % 6];
		void *p = c ? kmem_cache_alloc(c, k % 3 ? GFP_KERNEL : GFP_ATOMIC) :
			      kmalloc((k * 97) % 5000, GFP_KERNEL);

		if (p)
			objs[nobjs++] = p;
		if (k % 5 == 4 && nobjs) {	/* free one from the middle */
			unsigned int j = (k * 13) % nobjs;

			kfree(objs[j]);
			objs[j] = objs[--nobjs];
		}
	}
	ht_diag("round %u: %u objects held, fail_slab %lu, fail_page_alloc %lu failures", round,
		nobjs, fail_slab.failed, fail_page_alloc.failed);
	while (nobjs)
		kfree(objs[--nobjs]);
	for (i = 0; i < 6; i++)
		if (caches[i])
			EXPECT_EQ(kmem_cache_destroy(caches[i]), 0);
}

TEST(every_interval)
{
	unsigned int n;

	boot();
	for (n = 1; n <= 12; n++) {
		fault_attr_set(n % 2 ? &fail_slab : &fail_page_alloc, (n + 1) / 2, -1);
		workload(n);
		fault_attr_set(&fail_slab, 0, -1);
		fault_attr_set(&fail_page_alloc, 0, -1);
		EXPECT_SLAB_CONSISTENT();
		SH_EXPECT_OK(sh_leak_check(), 0);
		if (ht_failed())
			break;
	}
	fault_attr_set(&fail_slab, 3, -1);
	fault_attr_set(&fail_page_alloc, 2, -1);
	workload(13);
	SH_END();
}
