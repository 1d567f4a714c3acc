/*
 * The slab allocator on real memory (ULK 8.2): layout, alignment,
 * colouring, constructors, the per-CPU arrays, growth, shrinking,
 * reaping, creation and destruction rules, the cache checker.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <fault_inject.h>
#include <jiffies.h>
#include <ktest.h>
#include <mm.h>
#include <slab.h>
#include <slab_def.h>
#include "../../mm/internal.h"
#include "mm_test_util.h"

#define MAX_OBJS	512
static void *objs[MAX_OBJS];
static kmem_cache_t *objs_cache;	/* objs[] belong to it (NULL: kmalloc) */

/* Free whatever objs[] still holds: registered after the cache, so it runs before its destroy. */
static void free_objs(void *unused)
{
	unsigned int i;

	for (i = 0; i < MAX_OBJS; i++) {
		if (objs[i]) {
			if (objs_cache)
				kmem_cache_free(objs_cache, objs[i]);
			else
				kfree(objs[i]);
		}
		objs[i] = NULL;
	}
}

/* objs[] empty, owned by c, and emptied when the test ends. */
static bool hold_objs(struct ktest *t, kmem_cache_t *c)
{
	memset(objs, 0, sizeof(objs));
	objs_cache = c;
	return !ktest_add_action(t, free_objs, NULL);
}

/* Free objs[from .. to) now (and forget them). */
static void put_objs(unsigned int from, unsigned int to)
{
	for (; from < to; from++) {
		if (objs[from])
			kmem_cache_free(objs_cache, objs[from]);
		objs[from] = NULL;
	}
}

static struct slab *slab_of(const void *obj)
{
	return page_get_slab(virt_to_page(obj));
}

/* Objects come back aligned as asked: word, cache line, or an explicit power of two. */
static void test_alignment(struct ktest *t)
{
	static const struct { size_t size, align; unsigned long flags, expect; } cases[] = {
		{ 20, 0, 0, sizeof(void *) },
		{ 20, 0, SLAB_HWCACHE_ALIGN, 32 },	/* 20 > 32/2: a whole line */
		{ 12, 0, SLAB_HWCACHE_ALIGN, 16 },	/* two per line */
		{ 100, 64, 0, 64 },
		{ 300, 256, 0, 256 },
		{ 64, 4096, 0, 4096 },
	};
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		kmem_cache_t *c = ktest_kmem_cache_create(t, "ktest-align", cases[i].size,
							  cases[i].align, cases[i].flags, NULL, NULL);
		KTEST_ASSERT_NOT_NULL(t, c);
		KTEST_ASSERT_TRUE(t, hold_objs(t, c));
		for (j = 0; j < 20; j++) {
			objs[j] = kmem_cache_alloc(c, GFP_KERNEL);
			KTEST_ASSERT_NOT_NULL(t, objs[j]);
			KTEST_EXPECT_EQ(t, (unsigned long)objs[j] % cases[i].expect, 0UL);
		}
		ktest_release_action(t, free_objs, NULL);
		KTEST_EXPECT_EQ(t, ktest_kmem_cache_destroy(t, c), 0);
	}
}

/*
 * Successive slabs start their objects at successive colours (multiples
 * of colour_off up to the leftover space), so that objects at the same
 * index of different slabs use different cache lines.
 */
static void test_colouring(struct ktest *t)
{
	kmem_cache_t *c = ktest_kmem_cache_create(t, "ktest-colour", 200, 0, SLAB_HWCACHE_ALIGN,
						  NULL, NULL);
	unsigned long offs[8] = { 0 };
	unsigned int i, n = 0, nslabs = 0;

	KTEST_ASSERT_NOT_NULL(t, c);
	KTEST_ASSERT_TRUE(t, hold_objs(t, c));
	KTEST_ASSERT_GT(t, c->colour, (size_t)1);
	/* Fill enough slabs to see every colour, and one more. */
	while (nslabs < c->colour + 1 && n < MAX_OBJS) {
		objs[n] = kmem_cache_alloc(c, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, objs[n]);
		if (n == 0 || slab_of(objs[n]) != slab_of(objs[n - 1])) {
			struct slab *s = slab_of(objs[n]);

			if (nslabs < ARRAY_SIZE(offs))
				offs[nslabs] = s->colouroff - c->slab_size;
			nslabs++;
		}
		n++;
	}
	for (i = 0; i < nslabs && i < ARRAY_SIZE(offs); i++)
		KTEST_EXPECT_EQ(t, offs[i], (unsigned long)((i % c->colour) * c->colour_off));
	printk(KERN_INFO "    # %u colours of %u bytes; slab offsets 0x%lx 0x%lx 0x%lx ...\n",
	       (unsigned int)c->colour, c->colour_off, offs[0], offs[1], offs[2]);
	ktest_release_action(t, free_objs, NULL);
	KTEST_EXPECT_EQ(t, ktest_kmem_cache_destroy(t, c), 0);
}

static unsigned int ctor_calls, dtor_calls;

static void count_ctor(void *obj, kmem_cache_t *c, unsigned long flags)
{
	if (flags & SLAB_CTOR_CONSTRUCTOR)
		ctor_calls++;
	*(unsigned long *)obj = 0xc0ffee;
}

static void count_dtor(void *obj, kmem_cache_t *c, unsigned long flags)
{
	dtor_calls++;
}

/* The constructor runs once per object when its slab is made, not per allocation. */
static void test_ctor_once_per_object(struct ktest *t)
{
	kmem_cache_t *c = ktest_kmem_cache_create(t, "ktest-ctor", 48, 0, 0, count_ctor, count_dtor);
	unsigned int i, n, num;

	KTEST_ASSERT_NOT_NULL(t, c);
	KTEST_ASSERT_TRUE(t, hold_objs(t, c));
	ctor_calls = dtor_calls = 0;
	num = c->num;
	n = num + 1;		/* two slabs */
	for (i = 0; i < n; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, objs[i]);
		KTEST_EXPECT_EQ(t, *(unsigned long *)objs[i], 0xc0ffeeUL);
	}
	KTEST_EXPECT_EQ(t, ctor_calls, 2 * num);
	put_objs(0, n);
	for (i = 0; i < n; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_EXPECT_EQ(t, ctor_calls, 2 * num);	/* reused: not constructed again */
	ktest_release_action(t, free_objs, NULL);
	KTEST_EXPECT_EQ(t, ktest_kmem_cache_destroy(t, c), 0);
	KTEST_EXPECT_EQ(t, dtor_calls, 2 * num);
}

/* The per-CPU array is a stack: the object just freed is the next one returned. */
static void test_array_is_lifo(struct ktest *t)
{
	void *a, *b, *c1;

	a = ktest_kmalloc(t, 100, GFP_KERNEL);
	b = ktest_kmalloc(t, 100, GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, a && b);
	ktest_kfree(t, a);
	ktest_kfree(t, b);
	c1 = kmalloc(100, GFP_KERNEL);
	KTEST_EXPECT_PTR_EQ(t, c1, b);
	kfree(c1);
}

/*
 * An empty array refills from the slabs (a cold one at most 16), a full
 * one flushes batchcount objects back, keeping the rest.
 */
static void test_array_refill_and_flush(struct ktest *t)
{
	kmem_cache_t *c = ktest_kmem_cache_create(t, "ktest-array", 64, 0, 0, NULL, NULL);
	struct array_cache *ac;
	unsigned int i, n, limit;

	KTEST_ASSERT_NOT_NULL(t, c);
	KTEST_ASSERT_TRUE(t, hold_objs(t, c));
	ac = c->array[0];
	limit = ac->limit;
	KTEST_EXPECT_EQ(t, limit, 120u);
	KTEST_EXPECT_EQ(t, ac->batchcount, 60u);
	objs[0] = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_EXPECT_EQ(t, c->allocmiss, 1UL);
	KTEST_EXPECT_EQ(t, ac->avail, 15u);	/* a cold array: 16 taken, one returned */
	n = limit + 1;
	for (i = 1; i < n; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	for (i = 0; i < n; i++)
		KTEST_ASSERT_NOT_NULL(t, objs[i]);
	kmem_cache_shrink(c);	/* empty the array: the frees below start from 0 */
	KTEST_EXPECT_EQ(t, ac->avail, 0u);
	put_objs(0, limit);
	KTEST_EXPECT_EQ(t, ac->avail, limit);
	KTEST_EXPECT_EQ(t, c->freemiss, 0UL);
	put_objs(limit, limit + 1);
	KTEST_EXPECT_EQ(t, c->freemiss, 1UL);
	KTEST_EXPECT_EQ(t, ac->avail, limit - ac->batchcount + 1);
	KTEST_EXPECT_TRUE(t, kmem_cache_check(c));
	KTEST_EXPECT_EQ(t, ktest_kmem_cache_destroy(t, c), 0);
}

/*
 * With interrupts off (an interrupt handler, or a caller holding a
 * lock), allocation and free leave the inline fast path for the slow
 * one (mm/internal.h): the same array, the same order, the same
 * counters -- and the same checks: a bad free is still refused.
 */
static void test_array_with_interrupts_off(struct ktest *t)
{
	kmem_cache_t *c = ktest_kmem_cache_create(t, "ktest-irqoff", 64, 0, 0, NULL, NULL);
	unsigned long flags, hits, frees, reports = slab_error_reports;
	struct array_cache *ac;
	unsigned int i, limit;
	void *a, *b;

	KTEST_ASSERT_NOT_NULL(t, c);
	KTEST_ASSERT_TRUE(t, hold_objs(t, c));
	ac = c->array[0];
	limit = ac->limit;
	for (i = 0; i <= limit; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	for (i = 0; i <= limit; i++)
		KTEST_ASSERT_NOT_NULL(t, objs[i]);
	kmem_cache_shrink(c);		/* empty the array */
	local_irq_save(flags);
	hits = c->freehit;
	frees = c->freemiss;
	put_objs(0, limit);		/* fills the array, no flush */
	KTEST_EXPECT_EQ(t, ac->avail, limit);
	KTEST_EXPECT_EQ(t, c->freehit, hits + limit);
	put_objs(limit, limit + 1);	/* full: a batch back to the slabs */
	KTEST_EXPECT_EQ(t, c->freemiss, frees + 1);
	KTEST_EXPECT_EQ(t, ac->avail, limit - ac->batchcount + 1);
	hits = c->allochit;
	a = kmem_cache_alloc(c, GFP_ATOMIC);
	b = kmem_cache_alloc(c, GFP_ATOMIC);
	KTEST_EXPECT_EQ(t, c->allochit, hits + 2);
	if (b) {
		kmem_cache_free(c, b);
		KTEST_EXPECT_PTR_EQ(t, kmem_cache_alloc(c, GFP_ATOMIC), b);	/* LIFO */
	}
	ktest_capture_start();
	if (a)
		kmem_cache_free(c, (char *)a + 4);	/* refused, interrupts off or not */
	ktest_capture_stop();
	objs[0] = a;
	objs[1] = b;
	local_irq_restore(flags);
	KTEST_EXPECT_EQ(t, slab_error_reports, reports + 1);
	KTEST_EXPECT_EQ(t, ktest_captured("not the start of an object of this cache"), 1u);
	KTEST_EXPECT_TRUE(t, kmem_cache_check(c));
}

/* Slabs grow from the page allocator and kmem_cache_shrink() gives them all back. */
static void test_grow_and_shrink(struct ktest *t)
{
	kmem_cache_t *c = ktest_kmem_cache_create(t, "ktest-grow", 256, 0, 0, NULL, NULL);
	unsigned long free_before, i, n = 200;

	KTEST_ASSERT_NOT_NULL(t, c);
	KTEST_ASSERT_TRUE(t, hold_objs(t, c));
	drain_local_pages();
	free_before = nr_free_pages();
	for (i = 0; i < n; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, objs[i]);
	}
	KTEST_EXPECT_EQ(t, c->num_slabs, DIV_ROUND_UP(n + c->array[0]->avail, c->num));
	KTEST_EXPECT_EQ(t, kmem_cache_active_objects(c), n);
	KTEST_EXPECT_TRUE(t, kmem_cache_check(c));
	drain_local_pages();
	KTEST_EXPECT_LT(t, nr_free_pages(), free_before);
	put_objs(0, n);
	KTEST_EXPECT_EQ(t, kmem_cache_shrink(c), 0);
	KTEST_EXPECT_EQ(t, c->num_slabs, 0UL);
	drain_local_pages();
	KTEST_EXPECT_EQ(t, nr_free_pages(), free_before);
	KTEST_EXPECT_EQ(t, ktest_kmem_cache_destroy(t, c), 0);
}

/* Free pages of the machine, the per-CPU lists included (where freed slab pages land). */
static unsigned long free_pages_all(void)
{
	unsigned long n = 0;
	int i;

	for (i = 0; i < MAX_NR_ZONES; i++)
		n += zone_free_total(zone_of(i));
	return n;
}

/*
 * cache_reap() (ULK 8.2.12, Linux 2.6.11), against values known
 * beforehand rather than recomputed from its formulas:
 *  - an array used since the last visit is left alone, only marked unused;
 *  - an unused array gives back a fifth of its limit, rounded up, per
 *    visit: 300-byte objects get a limit of 54 (2.6.11's table), so 11:
 *    a full array goes 54, 43, 32, 21, 10, 0;
 *  - free slabs wait for REAPTIMEOUT_LIST3 and are kept if one was
 *    needed meanwhile; then the fewest slabs that hold a fifth of
 *    free_limit's objects go back, and their pages reach the buddy system.
 */
static void test_cache_reap(struct ktest *t)
{
	static const unsigned int after_visit[] = { 43, 32, 21, 10, 0 };
	kmem_cache_t *c = ktest_kmem_cache_create(t, "ktest-reap", 300, 0, 0, NULL, NULL);
	unsigned long slabs, destroyed, pages_before, reaped;
	struct array_cache *ac;
	unsigned int i, n = 54;
	void *obj;

	KTEST_ASSERT_NOT_NULL(t, c);
	KTEST_ASSERT_TRUE(t, hold_objs(t, c));
	ac = c->array[0];
	KTEST_ASSERT_EQ(t, ac->limit, 54u);
	for (i = 0; i < n; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, objs[i]);
	}
	kmem_cache_shrink(c);		/* an empty array; the objects' slabs stay */
	KTEST_EXPECT_EQ(t, ac->avail, 0u);
	put_objs(0, n);			/* the array fills exactly: 54 */
	KTEST_EXPECT_EQ(t, ac->avail, 54u);
	KTEST_EXPECT_EQ(t, kmem_cache_active_objects(c), 0UL);

	/*
	 * No periodic reap in between: it runs on events/0, which cannot
	 * run while this test does not sleep; where cache_reap() yields,
	 * it holds cache_chain_sem, and the periodic one then gives up.
	 */
	c->lists.next_reap = jiffies + 1000;	/* the slab lists are not due yet */
	obj = kmem_cache_alloc(c, GFP_ATOMIC | __GFP_NOFAULT);	/* the array is used ... */
	kmem_cache_free(c, obj);
	cache_reap();			/* ... so this visit leaves it */
	KTEST_EXPECT_EQ(t, ac->avail, 54u);
	for (i = 0; i < ARRAY_SIZE(after_visit); i++) {
		cache_reap();
		KTEST_EXPECT_EQ(t, ac->avail, after_visit[i]);
	}

	/* Every object is back in a free slab. Not due yet: nothing goes. */
	slabs = c->num_slabs;
	KTEST_EXPECT_EQ(t, c->lists.free_objects, slabs * c->num);
	cache_reap();
	KTEST_EXPECT_EQ(t, c->num_slabs, slabs);
	/* Due, but a free slab was needed since: kept, and the mark cleared. */
	c->lists.next_reap = jiffies - 1;
	c->lists.free_touched = 1;
	cache_reap();
	KTEST_EXPECT_EQ(t, c->num_slabs, slabs);
	KTEST_EXPECT_EQ(t, c->lists.free_touched, 0);
	/* Due and untouched: the fewest slabs holding free_limit / 5 objects. */
	c->lists.next_reap = jiffies - 1;
	reaped = c->reaped;
	pages_before = free_pages_all();
	cache_reap();
	destroyed = slabs - c->num_slabs;
	KTEST_EXPECT_EQ(t, c->free_limit, 2 * 27 + c->num);	/* (1 + CPUs) * batchcount + num */
	KTEST_EXPECT_GE(t, destroyed * c->num * 5, (unsigned long)c->free_limit);
	KTEST_EXPECT_LT(t, (destroyed - 1) * c->num * 5, (unsigned long)c->free_limit);
	KTEST_EXPECT_EQ(t, c->reaped, reaped + destroyed);
	KTEST_EXPECT_EQ(t, free_pages_all(), pages_before + (destroyed << c->gfporder));
	KTEST_EXPECT_TRUE(t, kmem_cache_check(c));
	KTEST_EXPECT_EQ(t, ktest_kmem_cache_destroy(t, c), 0);
}

/* A cache with objects in use is not destroyed: a clear refusal, then success once empty. */
static void test_destroy_refuses_in_use(struct ktest *t)
{
	kmem_cache_t *c = ktest_kmem_cache_create(t, "ktest-busy", 40, 0, 0, NULL, NULL);
	void *obj;

	KTEST_ASSERT_NOT_NULL(t, c);
	obj = ktest_kmem_cache_alloc(t, c, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, obj);
	ktest_capture_start();
	KTEST_EXPECT_EQ(t, ktest_kmem_cache_destroy(t, c), 1);
	ktest_capture_stop();
	KTEST_EXPECT_EQ(t, ktest_captured("cache ktest-busy still has 1 objects in use"), 1u);
	ktest_kmem_cache_free(t, c, obj);
	KTEST_EXPECT_EQ(t, ktest_kmem_cache_destroy(t, c), 0);
}

static void dummy_ctor(void *obj, kmem_cache_t *c, unsigned long flags)
{
}

static void test_create_rejects_bad_arguments(struct ktest *t)
{
	kmem_cache_t *c;

	ktest_capture_start();
	KTEST_EXPECT_NULL(t, kmem_cache_create(NULL, 32, 0, 0, NULL, NULL));
	KTEST_EXPECT_NULL(t, kmem_cache_create("ktest-tiny", 1, 0, 0, NULL, NULL));
	KTEST_EXPECT_NULL(t, kmem_cache_create("ktest-huge", KMALLOC_MAX_SIZE + 1, 0, 0, NULL, NULL));
	KTEST_EXPECT_NULL(t, kmem_cache_create("ktest-align3", 32, 3, 0, NULL, NULL));
	KTEST_EXPECT_NULL(t, kmem_cache_create("ktest-dtor", 32, 0, 0, NULL, dummy_ctor));
	KTEST_EXPECT_NULL(t, kmem_cache_create("size-64", 64, 0, 0, NULL, NULL));
	KTEST_EXPECT_EQ(t, kmem_cache_destroy(kmem_find_general_cachep(64, 0)), -EPERM);
	ktest_capture_stop();
	KTEST_EXPECT_EQ(t, ktest_captured("kmem_cache_create: cannot create cache"), 6u);
	KTEST_EXPECT_EQ(t, ktest_captured("a cache with that name exists"), 1u);
	c = ktest_kmem_cache_create(t, "ktest-ok", 32, 0, 0, NULL, NULL);
	KTEST_EXPECT_NOT_NULL(t, c);
}

/* The checker passes on healthy caches and catches a wrong count. */
static void test_cache_check(struct ktest *t)
{
	kmem_cache_t *c;
	unsigned long flags;
	bool ok;

	list_for_each_entry(c, &cache_chain, next)
		KTEST_EXPECT_TRUE(t, kmem_cache_check(c));
	c = kmem_find_general_cachep(64, 0);
	objs[0] = ktest_kmalloc(t, 64, GFP_KERNEL);
	local_irq_save(flags);
	c->lists.free_objects++;
	ktest_capture_start();
	ok = kmem_cache_check(c);
	ktest_capture_stop();
	c->lists.free_objects--;
	local_irq_restore(flags);
	KTEST_EXPECT_FALSE(t, ok);
	KTEST_EXPECT_EQ(t, ktest_captured("free_objects differs"), 1u);
}

/*
 * Without debug words a cache still refuses what is not one of its
 * objects: another cache's, the middle of one, no slab at all.
 */
static void test_bad_frees_without_debug(struct ktest *t)
{
	kmem_cache_t *c = ktest_kmem_cache_create(t, "ktest-nodebug", 48, 0, 0, NULL, NULL);
	unsigned long before = slab_error_reports;
	static int not_slab;
	char *p, *other;

	KTEST_ASSERT_NOT_NULL(t, c);
	if (c->flags & SLAB_DEBUG_FLAGS)
		KTEST_SKIP(t, "slab_debug is on: see the slab_debug suite");
	p = ktest_kmem_cache_alloc(t, c, GFP_KERNEL);
	other = ktest_kmalloc(t, 48, GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, p && other);
	ktest_capture_start();
	kmem_cache_free(c, p + 8);
	kmem_cache_free(c, other);
	kmem_cache_free(c, &not_slab);
	kfree(p + 1);
	ktest_capture_stop();
	KTEST_EXPECT_EQ(t, slab_error_reports, before + 4);
	KTEST_EXPECT_EQ(t, ktest_captured("not the start of an object of this cache"), 2u);
	KTEST_EXPECT_EQ(t, ktest_captured("belongs to cache 'size-64'"), 1u);
	KTEST_EXPECT_EQ(t, ktest_captured("not in a slab page"), 1u);
	KTEST_EXPECT_TRUE(t, kmem_cache_check(c));
	ktest_kmem_cache_free(t, c, p);
	ktest_kfree(t, other);
	KTEST_EXPECT_EQ(t, ktest_kmem_cache_destroy(t, c), 0);
}

/* fail_slab: every Nth slab allocation fails. */
static void test_fault_injection(struct ktest *t)
{
	unsigned int i, failed = 0;

	KTEST_ASSERT_TRUE(t, hold_objs(t, NULL));
	ktest_fault_attr_set(t, &fail_slab, 2, -1);
	for (i = 0; i < 6; i++) {
		objs[i] = kmalloc(32, GFP_KERNEL);
		failed += !objs[i];
	}
	ktest_fault_attr_set(t, &fail_slab, 0, -1);
	KTEST_EXPECT_EQ(t, failed, 3u);
}

static struct ktest_case slab_cases[] = {
	KTEST_CASE(test_alignment),
	KTEST_CASE(test_colouring),
	KTEST_CASE(test_ctor_once_per_object),
	KTEST_CASE(test_array_is_lifo),
	KTEST_CASE(test_array_refill_and_flush),
	KTEST_CASE(test_array_with_interrupts_off),
	KTEST_CASE(test_grow_and_shrink),
	KTEST_CASE(test_cache_reap),
	KTEST_CASE(test_destroy_refuses_in_use),
	KTEST_CASE(test_create_rejects_bad_arguments),
	KTEST_CASE(test_cache_check),
	KTEST_CASE(test_bad_frees_without_debug),
	KTEST_CASE(test_fault_injection),
	{}
};

static struct ktest_suite slab_suite = {
	.name = "slab",
	.test_cases = slab_cases,
};
ktest_register_suite(slab_suite);
