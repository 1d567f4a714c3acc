/*
 * Slab debugging: every detection provoked on purpose. Each must be
 * reported exactly once, naming the cache and the object, and leave the
 * cache consistent (kmem_cache_check() passes, the kernel goes on).
 */
#include <kernel.h>
#include <string.h>
#include <ktest.h>
#include <slab.h>
#include <slab_def.h>
#include "../../mm/internal.h"

#define OBJ_SIZE 52

static kmem_cache_t *dbg_cache;
static unsigned long reports_before;

static int slab_debug_suite_init(struct ktest_suite *s)
{
	dbg_cache = kmem_cache_create("ktest-debug", OBJ_SIZE, 0, SLAB_DEBUG_FLAGS, NULL, NULL);
	return dbg_cache ? 0 : -1;
}

static void slab_debug_suite_exit(struct ktest_suite *s)
{
	kmem_cache_destroy(dbg_cache);
}

static int slab_debug_init(struct ktest *t)
{
	reports_before = slab_error_reports;
	ktest_capture_start();
	return 0;
}

static void slab_debug_exit(struct ktest *t)
{
	ktest_capture_stop();
	if (!kmem_cache_check(dbg_cache))
		KTEST_FAIL(t, "kmem_cache_check() failed after the report");
}

/* Exactly one new report, about this object of this cache, saying what. */
static void expect_one_report(struct ktest *t, const char *cache, const void *obj, const char *what)
{
	char who[96];

	KTEST_EXPECT_EQ(t, slab_error_reports, reports_before + 1);
	snprintf(who, sizeof(who), "cache '%s': object %p: ", cache, obj);
	KTEST_EXPECT_EQ(t, ktest_captured(who), 1u);
	KTEST_EXPECT_EQ(t, ktest_captured(what), 1u);
}

static void test_poison_and_red_zones_in_place(struct ktest *t)
{
	unsigned char *p = kmem_cache_alloc(dbg_cache, GFP_KERNEL);
	void *slot;

	KTEST_ASSERT_NOT_NULL(t, p);
	slot = p - dbg_cache->dbghead;
	KTEST_EXPECT_EQ(t, *(unsigned long *)(p - sizeof(long)), RED_ACTIVE);
	KTEST_EXPECT_NULL(t, memchr_inv(p, POISON_INUSE, OBJ_SIZE - 1));	/* uninitialised, visibly */
	kmem_cache_free(dbg_cache, p);
	KTEST_EXPECT_EQ(t, *(unsigned long *)(p - sizeof(long)), RED_INACTIVE);
	KTEST_EXPECT_NULL(t, memchr_inv(p, POISON_FREE, OBJ_SIZE - 1));
	KTEST_EXPECT_EQ(t, p[OBJ_SIZE - 1], POISON_END);
	KTEST_EXPECT_TRUE(t, slot != NULL);
	KTEST_EXPECT_EQ(t, slab_error_reports, reports_before);
}

static void test_double_free(struct ktest *t)
{
	void *p = kmem_cache_alloc(dbg_cache, GFP_KERNEL), *q;

	KTEST_ASSERT_NOT_NULL(t, p);
	kmem_cache_free(dbg_cache, p);
	kmem_cache_free(dbg_cache, p);
	expect_one_report(t, "ktest-debug", p, "double free");
	KTEST_EXPECT_EQ(t, ktest_captured("last user of the object: test_double_free+"), 1u);
	/* The object was freed once: the next two allocations differ. */
	p = ktest_kmem_cache_alloc(t, dbg_cache, GFP_KERNEL);
	q = ktest_kmem_cache_alloc(t, dbg_cache, GFP_KERNEL);
	KTEST_EXPECT_TRUE(t, p != q);
}

static void test_red_zone_before(struct ktest *t)
{
	unsigned char *p = kmem_cache_alloc(dbg_cache, GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, p);
	p[-1] = 0;		/* an underrun */
	kmem_cache_free(dbg_cache, p);
	expect_one_report(t, "ktest-debug", p, "red zone 1 (before the object) overwritten");
}

static void test_red_zone_after(struct ktest *t)
{
	unsigned char *p = kmem_cache_alloc(dbg_cache, GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, p);
	memset(p, 0x11, ALIGN(OBJ_SIZE, sizeof(long)) + 1);	/* one byte too many */
	kmem_cache_free(dbg_cache, p);
	expect_one_report(t, "ktest-debug", p, "red zone 2 (after the object) overwritten");
}

/* A write after free is found when the object is handed out again. */
static void test_use_after_free(struct ktest *t)
{
	unsigned char *p = kmem_cache_alloc(dbg_cache, GFP_KERNEL), *q;

	KTEST_ASSERT_NOT_NULL(t, p);
	kmem_cache_free(dbg_cache, p);
	p[10] = 0x42;
	q = kmem_cache_alloc(dbg_cache, GFP_KERNEL | __GFP_NOFAULT);	/* the check itself */
	KTEST_EXPECT_PTR_EQ(t, q, p);
	expect_one_report(t, "ktest-debug", p, "modified after it was freed (byte 10 is 0x42");
	if (q)
		kmem_cache_free(dbg_cache, q);
}

/* Pointers the cache does not own are refused, each for its reason. */
static void test_foreign_pointers(struct ktest *t)
{
	unsigned char *p = ktest_kmem_cache_alloc(t, dbg_cache, GFP_KERNEL);
	void *other = ktest_kmalloc(t, OBJ_SIZE, GFP_KERNEL);
	static unsigned long not_slab;	/* in the kernel image: mapped, but no slab page */

	KTEST_ASSERT_TRUE(t, p && other);
	kmem_cache_free(dbg_cache, other);
	expect_one_report(t, "ktest-debug", other, "belongs to cache 'size-64'");
	reports_before = slab_error_reports;
	kmem_cache_free(dbg_cache, p + 4);
	expect_one_report(t, "ktest-debug", p + 4, "not the start of an object of this cache");
	reports_before = slab_error_reports;
	kfree(&not_slab);
	KTEST_EXPECT_EQ(t, slab_error_reports, reports_before + 1);
	KTEST_EXPECT_EQ(t, ktest_captured("not in a slab page: the cache does not own it"), 1u);
	reports_before = slab_error_reports;
	kfree((void *)0xfff00000);
	KTEST_EXPECT_EQ(t, slab_error_reports, reports_before + 1);
	KTEST_EXPECT_EQ(t, ktest_captured("not an address of the direct map"), 1u);
}

/* With "slab_debug" on the command line, the general caches are debugged too. */
static void test_general_caches(struct ktest *t)
{
	kmem_cache_t *c = kmem_find_general_cachep(64, 0);
	char *p;

	if (!(c->flags & SLAB_RED_ZONE))
		KTEST_SKIP(t, "boot with slab_debug to debug every cache");
	p = kmalloc(64, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	p[64] = 1;
	kfree(p);
	KTEST_EXPECT_EQ(t, slab_error_reports, reports_before + 1);
	KTEST_EXPECT_EQ(t, ktest_captured("red zone 2"), 1u);
}

static struct ktest_case slab_debug_cases[] = {
	KTEST_CASE(test_poison_and_red_zones_in_place),
	KTEST_CASE(test_double_free),
	KTEST_CASE(test_red_zone_before),
	KTEST_CASE(test_red_zone_after),
	KTEST_CASE(test_use_after_free),
	KTEST_CASE(test_foreign_pointers),
	KTEST_CASE(test_general_caches),
	{}
};

static struct ktest_suite slab_debug_suite = {
	.name = "slab_debug",
	.test_cases = slab_debug_cases,
	.suite_init = slab_debug_suite_init,
	.suite_exit = slab_debug_suite_exit,
	.init = slab_debug_init,
	.exit = slab_debug_exit,
};
ktest_register_suite(slab_debug_suite);
