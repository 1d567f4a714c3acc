/*
 * Slab debugging (mm/slab_debug.c) on the host: the debug words where
 * mm/internal.h draws them, every detection provoked on purpose (double
 * free, red zone 1, red zone 2, use after free, a red zone damaged while
 * free, foreign, interior and non-slab pointers), each reported exactly
 * once (slab_error_reports and the message) and leaving the cache
 * consistent; then kmem_cache_check() against deliberately corrupted
 * caches: every check it makes provoked, caught, and the cache repaired.
 */
#include <stdlib.h>
#include "harness.h"
#include "slab_host.h"

/* 24 MB: below 32 MB, so slab_break_gfp_order 0. */
static const struct pa_layout machine = {
	.name = "slab-24M",
	.zones_size = { 0x1000, 0x2000, 0 },
	.reserved = { { 0, 1 } },
};

#define OBJ_SIZE	52
#define ALL_DEBUG	(SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)

static unsigned long reports_before;

static kmem_cache_t *setup(const char *name, unsigned long size, unsigned long align,
			   unsigned long flags)
{
	kmem_cache_t *c;

	sh_boot(&machine);
	c = kmem_cache_create(name, size, align, flags, NULL, NULL);
	host_printk_clear();
	reports_before = slab_error_reports;
	return c;
}

/* The debug words of a slot, as mm/internal.h draws them. */
static unsigned long *redzone1(kmem_cache_t *c, void *obj)
{
	(void)c;
	return (unsigned long *)((char *)obj - SH_WORD);
}

static unsigned long *redzone2(kmem_cache_t *c, void *obj)
{
	return (unsigned long *)((char *)obj + sh_round_up(c->reallen, SH_WORD));
}

static void **userword(kmem_cache_t *c, void *obj)
{
	return (void **)((char *)redzone2(c, obj) + (c->flags & SLAB_RED_ZONE ? SH_WORD : 0));
}

/* Exactly n new reports, each naming this cache and object; what in each. */
#define EXPECT_REPORTS(n, c, obj, what) do {				\
	char _who[128];							\
	kernel_snprintf(_who, sizeof(_who), "cache '%s': object %p: ", (c)->name, (void *)(obj)); \
	EXPECT_EQ(slab_error_reports, reports_before + (n));		\
	EXPECT_EQ(host_printk_count(_who), (n));				\
	EXPECT_EQ(host_printk_count(what), (n));				\
	reports_before = slab_error_reports;				\
	host_printk_clear();						\
} while (0)

/* The end of every test: the cache passes both checkers, then goes. */
static void finish(kmem_cache_t *c)
{
	EXPECT_TRUE(kmem_cache_check(c));
	EXPECT_SLAB_CONSISTENT();
	EXPECT_EQ(kmem_cache_destroy(c), 0);
	EXPECT_EQ(slab_error_reports, reports_before);
	SH_END();
}

/* A code address inside fn (the owner word records return addresses). */
static int code_in(const void *addr, void (*fn)(void))
{
	return (uintptr_t)addr - (uintptr_t)fn < 4096;
}

/*
 * The debug words in place, for several sizes and alignments: red zones
 * RED_ACTIVE around an allocated object, RED_INACTIVE around a free one;
 * poison POISON_INUSE / POISON_FREE ending in POISON_END; the owner
 * word the last caller of alloc and free.
 */
TEST(debug_words_in_place)
{
	static const struct { unsigned long size, align; } cases[] = {
		{ 8, 0 }, { 52, 0 }, { 53, 0 }, { 100, 64 }, { 64, 4096 }, { 1000, 0 },
		{ 5000, 0 }, { 40000, 256 },
	};
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		kmem_cache_t *c = setup("words", cases[i].size, cases[i].align, ALL_DEBUG);
		unsigned long n = cases[i].size;
		unsigned char *p, *q;

		ASSERT_NOT_NULL(c);
		EXPECT_EQ(c->dbghead, sh_round_up(SH_WORD, cases[i].align > SH_WORD ?
							    cases[i].align : SH_WORD));
		p = kmem_cache_alloc(c, GFP_KERNEL);
		ASSERT_NOT_NULL(p);
		EXPECT_EQ(*redzone1(c, p), RED_ACTIVE);
		EXPECT_EQ(*redzone2(c, p), RED_ACTIVE);
		EXPECT_NULL(memchr_inv(p, POISON_INUSE, n - 1));
		EXPECT_EQ(p[n - 1], POISON_END);
		EXPECT_EQ(ksize(p), n);
		if (cases[i].align)
			EXPECT_EQ((uintptr_t)p % cases[i].align, 0);
		memset(p, 0x3c, n);		/* all of it is ours */
		kmem_cache_free(c, p);
		EXPECT_EQ(*redzone1(c, p), RED_INACTIVE);
		EXPECT_EQ(*redzone2(c, p), RED_INACTIVE);
		EXPECT_NULL(memchr_inv(p, POISON_FREE, n - 1));
		EXPECT_EQ(p[n - 1], POISON_END);
		/* Allocated again: no report; __GFP_ZERO zeroes the object only. */
		q = kmem_cache_alloc(c, GFP_KERNEL | __GFP_ZERO);
		EXPECT_PTR_EQ(q, p);
		EXPECT_NULL(memchr_inv(q, 0, n));
		EXPECT_EQ(*redzone1(c, q), RED_ACTIVE);
		EXPECT_EQ(*redzone2(c, q), RED_ACTIVE);
		kmem_cache_free(c, q);
		EXPECT_EQ(slab_error_reports, reports_before);
		finish(c);
		if (ht_failed()) {
			ht_diag("size %lu align %lu", cases[i].size, cases[i].align);
			break;
		}
	}
}

/* SLAB_STORE_USER: the owner word holds who allocated, then who freed. */
TEST(owner_word)
{
	kmem_cache_t *c = setup("owner", OBJ_SIZE, 0, SLAB_STORE_USER | SLAB_RED_ZONE);
	void *p;

	ASSERT_NOT_NULL(c);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	ASSERT_NOT_NULL(p);
	EXPECT_TRUE(code_in(*userword(c, p), test_owner_word));
	*userword(c, p) = NULL;
	kmem_cache_free(c, p);
	EXPECT_TRUE(code_in(*userword(c, p), test_owner_word));
	finish(c);
}

/* Red zones and the owner word with a constructor: no poison, the constructed state kept. */
static void ctor_fn(void *obj, kmem_cache_t *c, unsigned long flags)
{
	(void)c;
	(void)flags;
	memset(obj, 0xcc, OBJ_SIZE);
}

TEST(debug_with_constructor)
{
	kmem_cache_t *c;
	unsigned char *p;

	sh_boot(&machine);
	c = kmem_cache_create("dbg-ctor", OBJ_SIZE, 0, ALL_DEBUG, ctor_fn, NULL);
	ASSERT_NOT_NULL(c);
	reports_before = slab_error_reports;
	EXPECT_EQ(c->flags & SLAB_DEBUG_FLAGS, SLAB_RED_ZONE | SLAB_STORE_USER);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	ASSERT_NOT_NULL(p);
	EXPECT_NULL(memchr_inv(p, 0xcc, OBJ_SIZE));
	EXPECT_EQ(*redzone1(c, p), RED_ACTIVE);
	kmem_cache_free(c, p);
	EXPECT_NULL(memchr_inv(p, 0xcc, OBJ_SIZE));
	EXPECT_EQ(*redzone2(c, p), RED_INACTIVE);
	finish(c);
}

/*
 * SLAB_DEBUG_INITIAL: each free asks the constructor (SLAB_CTOR_VERIFY)
 * whether the object is back in its constructed state.
 */
static unsigned int verify_calls, verify_failures;

static void verifying_ctor(void *obj, kmem_cache_t *c, unsigned long flags)
{
	(void)c;
	if (!(flags & SLAB_CTOR_VERIFY)) {
		memset(obj, 0xcc, OBJ_SIZE);
		return;
	}
	EXPECT_TRUE(flags & SLAB_CTOR_CONSTRUCTOR);
	verify_calls++;
	verify_failures += memchr_inv(obj, 0xcc, OBJ_SIZE) != NULL;
}

TEST(debug_initial_verifies_on_free)
{
	kmem_cache_t *c;
	unsigned char *p, *q;

	sh_boot(&machine);
	host_printk_clear();
	EXPECT_NULL(kmem_cache_create("dbg-init-noctor", OBJ_SIZE, 0, SLAB_DEBUG_INITIAL, NULL, NULL));
	EXPECT_EQ(host_printk_count("SLAB_DEBUG_INITIAL without a constructor"), 1);
	c = kmem_cache_create("dbg-init", OBJ_SIZE, 0, SLAB_DEBUG_INITIAL, verifying_ctor, NULL);
	ASSERT_NOT_NULL(c);
	reports_before = slab_error_reports;
	verify_calls = verify_failures = 0;
	p = kmem_cache_alloc(c, GFP_KERNEL);
	q = kmem_cache_alloc(c, GFP_KERNEL);
	ASSERT_TRUE(p && q);
	EXPECT_EQ(verify_calls, 0);
	kmem_cache_free(c, p);
	EXPECT_EQ(verify_calls, 1);
	EXPECT_EQ(verify_failures, 0);
	q[5] = 0;		/* not restored before the free: the constructor sees it */
	kmem_cache_free(c, q);
	EXPECT_EQ(verify_calls, 2);
	EXPECT_EQ(verify_failures, 1);
	/* Still a debug cache on the free path: an interior pointer is refused before the ctor. */
	p = kmem_cache_alloc(c, GFP_KERNEL);
	ASSERT_NOT_NULL(p);
	kmem_cache_free(c, p + 1);
	EXPECT_REPORTS(1, c, p + 1, "not the start of an object of this cache");
	EXPECT_EQ(verify_calls, 2);
	memset(p, 0xcc, OBJ_SIZE);
	kmem_cache_free(c, p);
	EXPECT_EQ(verify_failures, 1);
	finish(c);
}

/* A double free: reported, naming the last user, and not freed a second time. */
TEST(double_free)
{
	kmem_cache_t *c = setup("dbl", OBJ_SIZE, 0, ALL_DEBUG);
	void *p, *q, *r, *keep;

	ASSERT_NOT_NULL(c);
	keep = kmem_cache_alloc(c, GFP_KERNEL);	/* keeps the slab when it is shrunk */
	p = kmem_cache_alloc(c, GFP_KERNEL);
	ASSERT_TRUE(p && keep);
	kmem_cache_free(c, p);
	kmem_cache_free(c, p);
	EXPECT_REPORTS(1, c, p, "double free (the object is already free)");
	EXPECT_TRUE(kmem_cache_check(c));
	q = kmem_cache_alloc(c, GFP_KERNEL);
	r = kmem_cache_alloc(c, GFP_KERNEL);
	EXPECT_PTR_EQ(q, p);
	EXPECT_PTR_NE(r, p);
	kmem_cache_free(c, q);
	kmem_cache_free(c, r);
	/* Once flushed into its slab, still caught. */
	EXPECT_EQ(kmem_cache_shrink(c), 1);
	EXPECT_PTR_EQ(sh_slab_of(p), sh_slab_of(keep));
	kmem_cache_free(c, p);
	EXPECT_REPORTS(1, c, p, "double free");
	EXPECT_EQ(c->array[0]->avail, 0);
	kmem_cache_free(c, keep);
	finish(c);
}

/* Without red zones the array takes it twice; free_block() keeps one when it flushes. */
TEST(double_free_without_debug)
{
	kmem_cache_t *c = setup("dbl-nodebug", OBJ_SIZE, 0, 0);
	void *p;

	ASSERT_NOT_NULL(c);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	ASSERT_NOT_NULL(p);
	kmem_cache_free(c, p);
	kmem_cache_free(c, p);
	EXPECT_EQ(slab_error_reports, reports_before);
	EXPECT_EQ(kmem_cache_shrink(c), 0);
	EXPECT_EQ(slab_error_reports, reports_before + 1);
	EXPECT_EQ(host_printk_count("slab error in free_block(): cache 'dbl-nodebug'"), 1);
	EXPECT_EQ(host_printk_count("double free"), 1);
	reports_before = slab_error_reports;
	finish(c);
}

/* An underrun (red zone 1) and an overrun by one byte (red zone 2), each alone, then both. */
TEST(red_zones)
{
	kmem_cache_t *c = setup("redzone", OBJ_SIZE, 0, ALL_DEBUG);
	unsigned char *p;

	ASSERT_NOT_NULL(c);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	ASSERT_NOT_NULL(p);
	/*
	 * Not 0: on a 64-bit host the red zone words hold 32-bit patterns,
	 * so the byte just before the object is already 0 (a portability
	 * limit: on i386 the pattern fills the word).
	 */
	p[-1] = 0x55;
	kmem_cache_free(c, p);
	EXPECT_REPORTS(1, c, p, "red zone 1 (before the object) overwritten");
	EXPECT_EQ(*redzone1(c, p), RED_INACTIVE);	/* repaired */
	EXPECT_TRUE(kmem_cache_check(c));

	p = kmem_cache_alloc(c, GFP_KERNEL);
	ASSERT_NOT_NULL(p);
	EXPECT_EQ(slab_error_reports, reports_before);
	memset(p, 0x11, sh_round_up(OBJ_SIZE, SH_WORD) + 1);	/* one byte too many */
	kmem_cache_free(c, p);
	EXPECT_REPORTS(1, c, p, "red zone 2 (after the object) overwritten");
	EXPECT_EQ(*redzone2(c, p), RED_INACTIVE);
	EXPECT_TRUE(kmem_cache_check(c));

	p = kmem_cache_alloc(c, GFP_KERNEL);
	ASSERT_NOT_NULL(p);
	*redzone1(c, p) = 1;
	*redzone2(c, p) = 2;
	kmem_cache_free(c, p);
	EXPECT_EQ(slab_error_reports, reports_before + 2);
	EXPECT_EQ(host_printk_count("red zone 1"), 1);
	EXPECT_EQ(host_printk_count("red zone 2"), 1);
	reports_before = slab_error_reports;
	finish(c);
}

/* A write after free, at the first, a middle and the last byte: reported at the next allocation. */
TEST(use_after_free)
{
	static const unsigned int at[] = { 0, 10, OBJ_SIZE - 1 };
	kmem_cache_t *c = setup("uaf", OBJ_SIZE, 0, ALL_DEBUG);
	unsigned int i;

	ASSERT_NOT_NULL(c);
	for (i = 0; i < 3; i++) {
		unsigned char *p = kmem_cache_alloc(c, GFP_KERNEL), *q;
		char what[96];

		ASSERT_NOT_NULL(p);
		kmem_cache_free(c, p);
		p[at[i]] = 0x42;
		EXPECT_EQ(slab_error_reports, reports_before);
		EXPECT_TRUE(kmem_cache_check(c));	/* poison is not its business */
		q = kmem_cache_alloc(c, GFP_KERNEL);
		EXPECT_PTR_EQ(q, p);
		snprintf(what, sizeof(what), "modified after it was freed (byte %u is 0x42, expected "
			 "0x%02x): a use after free", at[i], at[i] == OBJ_SIZE - 1 ? POISON_END : POISON_FREE);
		EXPECT_REPORTS(1, c, p, what);
		EXPECT_EQ(host_printk_count("last user of the object"), 0);	/* printk cleared */
		EXPECT_NULL(memchr_inv(q, POISON_INUSE, OBJ_SIZE - 1));	/* poisoned afresh */
		kmem_cache_free(c, q);
	}
	finish(c);
}

/* A red zone of a free object damaged: reported when it is allocated, or when its slab goes. */
TEST(red_zone_damaged_while_free)
{
	kmem_cache_t *c = setup("rz-free", OBJ_SIZE, 0, SLAB_RED_ZONE);
	unsigned char *p, *q;

	ASSERT_NOT_NULL(c);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	ASSERT_NOT_NULL(p);
	kmem_cache_free(c, p);
	*redzone2(c, p) = 0;
	q = kmem_cache_alloc(c, GFP_KERNEL);
	EXPECT_PTR_EQ(q, p);
	EXPECT_REPORTS(1, c, p, "red zone damaged while the object was free");
	EXPECT_EQ(*redzone2(c, q), RED_ACTIVE);
	kmem_cache_free(c, q);
	EXPECT_EQ(kmem_cache_shrink(c), 0);	/* the object goes back to its slab, the slab away */

	/* In a slab (not the array): kmem_cache_check() sees it; destroying the slab reports it. */
	p = kmem_cache_alloc(c, GFP_KERNEL);
	ASSERT_NOT_NULL(p);
	kmem_cache_free(c, p);
	EXPECT_EQ(kmem_cache_shrink(c), 0);
	ASSERT_EQ(c->num_slabs, 0);
	p = kmem_cache_alloc(c, GFP_KERNEL);	/* a new slab; its other objects are free in it */
	ASSERT_NOT_NULL(p);
	kmem_cache_shrink(c);			/* the array back into the slab */
	q = (unsigned char *)sh_slab_of(p)->s_mem + c->dbghead +
	    (sh_obj_index(c, p) + 1) % c->num * c->objsize;
	*redzone1(c, q) = 7;
	EXPECT_FALSE(kmem_cache_check(c));
	EXPECT_EQ(host_printk_count("a free object's red zone is damaged"), 1);
	kmem_cache_free(c, p);
	EXPECT_EQ(kmem_cache_shrink(c), 0);
	EXPECT_REPORTS(1, c, q, "red zone damaged while the object was free");
	EXPECT_EQ(c->num_slabs, 0);
	finish(c);
}

/*
 * Pointers a cache does not own, refused for their reason (and not
 * freed): another cache's object, the middle of an object, the slot
 * (not the object), a page that is not a slab, memory outside the
 * direct map, NULL. kfree() too.
 */
TEST(foreign_pointers)
{
	kmem_cache_t *c = setup("foreign", OBJ_SIZE, 0, ALL_DEBUG);
	kmem_cache_t *plain = kmem_cache_create("plain", OBJ_SIZE, 0, 0, NULL, NULL);
	unsigned char *p = kmem_cache_alloc(c, GFP_KERNEL);
	void *other = kmalloc(OBJ_SIZE, GFP_KERNEL), *heap = malloc(64), *q;
	struct page *page = alloc_pages(GFP_KERNEL, 0);

	ASSERT_TRUE(c && plain && p && other && heap && page);
	sh_hold(page, 0, GFP_KERNEL);
	host_printk_clear();
	kmem_cache_free(c, other);
	EXPECT_REPORTS(1, c, other, "belongs to cache 'size-64'");
	kmem_cache_free(c, p + 4);
	EXPECT_REPORTS(1, c, p + 4, "not the start of an object of this cache");
	kmem_cache_free(c, p + c->objsize / 2);
	EXPECT_REPORTS(1, c, p + c->objsize / 2, "not the start of an object of this cache");
	kmem_cache_free(c, p - c->dbghead);
	EXPECT_REPORTS(1, c, p - c->dbghead, "not the start of an object of this cache");
	kmem_cache_free(c, sh_slab_start(sh_slab_of(p)));
	EXPECT_REPORTS(1, c, sh_slab_start(sh_slab_of(p)), "not the start of an object of this cache");
	kmem_cache_free(c, page_address(page));
	EXPECT_REPORTS(1, c, page_address(page), "not in a slab page: the cache does not own it");
	kmem_cache_free(c, heap);
	EXPECT_REPORTS(1, c, heap, "not an address of the direct map: no slab owns it");
	kmem_cache_free(c, NULL);
	EXPECT_REPORTS(1, c, NULL, "not an address of the direct map");
	/* A cache without debugging still refuses pages it does not own. */
	kmem_cache_free(plain, p);
	EXPECT_REPORTS(1, plain, p, "belongs to cache 'foreign'");
	kmem_cache_free(plain, heap);
	EXPECT_REPORTS(1, plain, heap, "not an address of the direct map");
	/* kfree(): any cache's object will do, nothing else. */
	kfree((char *)page_address(page) + 100);
	EXPECT_EQ(slab_error_reports, reports_before + 1);
	EXPECT_EQ(host_printk_count("slab error in kfree(): cache '?'"), 1);
	EXPECT_EQ(host_printk_count("not in a slab page"), 1);
	reports_before = slab_error_reports;
	host_printk_clear();
	kfree(heap);
	EXPECT_EQ(slab_error_reports, reports_before + 1);
	EXPECT_EQ(host_printk_count("not an address of the direct map"), 1);
	reports_before = slab_error_reports;
	/* Nothing was freed: p and other are still ours and intact. */
	EXPECT_EQ(*redzone1(c, p), RED_ACTIVE);
	EXPECT_TRUE(kmem_cache_check(c));
	EXPECT_SLAB_CONSISTENT();
	q = kmem_cache_alloc(c, GFP_KERNEL);
	EXPECT_PTR_NE(q, p);
	kmem_cache_free(c, q);
	kmem_cache_free(c, p);
	kfree(other);
	free(heap);
	EXPECT_EQ(kmem_cache_destroy(plain), 0);
	finish(c);
}

/*
 * kmem_cache_check() against a corrupted cache: each check it makes,
 * provoked on purpose. It must return false and say why (exactly that);
 * sh_check() (independent) must also object; once repaired, both pass.
 */
static kmem_cache_t *cc;
static void *held[256];
static unsigned int nheld;
static struct slab *full, *partial, *freeslab;

/* A cache with a full, a partial and a free slab, and some objects in the array. */
static void corruptible(unsigned long flags)
{
	unsigned int i;

	cc = setup("corrupt", 100, 0, flags);
	ASSERT_NOT_NULL(cc);
	ASSERT_LE(3 * cc->num, 256);
	for (nheld = 0; nheld < 3 * cc->num; nheld++) {
		held[nheld] = kmem_cache_alloc(cc, GFP_KERNEL);
		ASSERT_NOT_NULL(held[nheld]);
	}
	kmem_cache_shrink(cc);
	full = sh_slab_of(held[0]);
	/* The slab of the middle third: partial; of the last third: free. */
	partial = sh_slab_of(held[cc->num + cc->num / 2]);
	freeslab = NULL;
	for (i = 0; i < nheld; i++) {
		struct slab *s = sh_slab_of(held[i]);

		if (s != full && s != partial) {
			freeslab = s;
			kmem_cache_free(cc, held[i]);
			held[i] = NULL;
		}
	}
	for (i = 0; i < nheld; i++)
		if (held[i] && sh_slab_of(held[i]) == partial && i % 2) {
			kmem_cache_free(cc, held[i]);
			held[i] = NULL;
		}
	/* Flush the array into the slabs, then put two objects back in the array. */
	cc->array[0]->touched = 0;
	while (cc->array[0]->avail) {
		cc->lists.next_reap = jiffies + 1000;
		cache_reap();
	}
	ASSERT_NOT_NULL(freeslab);
	ASSERT_EQ(freeslab->inuse, 0);
	ASSERT_EQ(full->inuse, cc->num);
	ASSERT_TRUE(partial->inuse > 0 && partial->inuse < cc->num);
	for (i = 0; i < nheld; i++)
		if (held[i] && sh_slab_of(held[i]) == full && i < 2) {
			kmem_cache_free(cc, held[i]);
			held[i] = NULL;
		}
	ASSERT_EQ(cc->array[0]->avail, 2);
	ASSERT_TRUE(kmem_cache_check(cc));
	ASSERT_SLAB_CONSISTENT();
}

static void done_corrupt(void)
{
	unsigned int i;

	for (i = 0; i < nheld; i++)
		if (held[i])
			kmem_cache_free(cc, held[i]);
	finish(cc);
}

/* The checker must fail, saying why; sh_check() must also fail; then repair(). */
#define EXPECT_CHECK_FAILS(why) do {					\
	host_printk_clear();						\
	EXPECT_FALSE(kmem_cache_check(cc));				\
	EXPECT_EQ(host_printk_count("kmem_cache_check: cache 'corrupt'"), 1); \
	EXPECT_EQ(host_printk_count(why), 1);				\
	EXPECT_NOT_NULL(sh_check());					\
} while (0)

#define EXPECT_CHECK_PASSES() do {					\
	EXPECT_TRUE(kmem_cache_check(cc));				\
	EXPECT_SLAB_CONSISTENT();					\
} while (0)

TEST(check_inuse_above_num)
{
	unsigned int save;

	corruptible(0);
	save = full->inuse;
	full->inuse = cc->num + 1;
	EXPECT_CHECK_FAILS("more objects in use than it holds");
	full->inuse = save;
	EXPECT_CHECK_PASSES();
	done_corrupt();
}

TEST(check_wrong_list)
{
	unsigned int save;

	corruptible(0);
	save = full->inuse;
	full->inuse--;				/* full list, not full */
	EXPECT_CHECK_FAILS("on the wrong list for its in-use count");
	full->inuse = save;
	save = partial->inuse;
	partial->inuse = 0;			/* partial list, nothing in use */
	EXPECT_CHECK_FAILS("on the wrong list for its in-use count");
	partial->inuse = cc->num;		/* partial list, all in use */
	EXPECT_CHECK_FAILS("on the wrong list for its in-use count");
	partial->inuse = save;
	freeslab->inuse = 1;			/* free list, something in use */
	EXPECT_CHECK_FAILS("on the wrong list for its in-use count");
	freeslab->inuse = 0;
	list_move(&partial->list, &cc->lists.slabs_full);
	EXPECT_CHECK_FAILS("on the wrong list for its in-use count");
	list_move(&partial->list, &cc->lists.slabs_partial);
	EXPECT_CHECK_PASSES();
	done_corrupt();
}

TEST(check_page_does_not_point_back)
{
	struct page *page;
	void *save_s_mem;

	corruptible(0);
	page = virt_to_page(sh_slab_start(partial));
	ClearPageSlab(page);
	EXPECT_CHECK_FAILS("its page does not point back to it");
	SetPageSlab(page);
	page->lru.next = (struct list_head *)kmem_find_general_cachep(64, 0);
	EXPECT_CHECK_FAILS("its page does not point back to it");
	page->lru.next = (struct list_head *)cc;
	page->lru.prev = (struct list_head *)full;
	EXPECT_CHECK_FAILS("its page does not point back to it");
	page->lru.prev = (struct list_head *)partial;
	/* A slab whose object pointer leads out of the direct map altogether. */
	save_s_mem = partial->s_mem;
	partial->s_mem = (void *)(uintptr_t)0x1000;
	EXPECT_CHECK_FAILS("its page does not point back to it");
	partial->s_mem = save_s_mem;
	EXPECT_CHECK_PASSES();
	done_corrupt();
}

TEST(check_inuse_differs_from_marks)
{
	kmem_bufctl_t *bufctl;

	corruptible(0);
	partial->inuse++;			/* still partial, one more than marked */
	EXPECT_CHECK_FAILS("in-use count differs from the objects marked in use");
	partial->inuse--;
	bufctl = slab_bufctl(full);
	bufctl[0] = BUFCTL_END;			/* an object in use unmarked */
	EXPECT_CHECK_FAILS("in-use count differs");
	bufctl[0] = BUFCTL_ACTIVE;
	EXPECT_CHECK_PASSES();
	done_corrupt();
}

TEST(check_free_chain_broken)
{
	kmem_bufctl_t *bufctl, save, first;

	corruptible(0);
	bufctl = slab_bufctl(freeslab);
	first = freeslab->free;
	save = bufctl[first];
	bufctl[first] = cc->num + 5;		/* out of range */
	EXPECT_CHECK_FAILS("free chain broken (index out of range or loop)");
	bufctl[first] = first;			/* a loop */
	EXPECT_CHECK_FAILS("free chain broken");
	bufctl[first] = save;
	freeslab->free = cc->num;		/* the head out of range */
	EXPECT_CHECK_FAILS("free chain broken");
	freeslab->free = first;
	EXPECT_CHECK_PASSES();
	done_corrupt();
}

TEST(check_free_chain_short)
{
	kmem_bufctl_t *bufctl, save, first;

	corruptible(0);
	bufctl = slab_bufctl(partial);
	first = partial->free;
	save = bufctl[first];
	ASSERT_NE(save, BUFCTL_END);		/* at least two free */
	bufctl[first] = BUFCTL_END;
	EXPECT_CHECK_FAILS("free chain length differs from the free objects");
	bufctl[first] = save;
	EXPECT_CHECK_PASSES();
	done_corrupt();
}

TEST(check_free_red_zone)
{
	void *slot;
	unsigned long save;

	corruptible(SLAB_RED_ZONE);
	slot = (char *)freeslab->s_mem + freeslab->free * cc->objsize;
	save = *(unsigned long *)((char *)slot + cc->dbghead - SH_WORD);
	*(unsigned long *)((char *)slot + cc->dbghead - SH_WORD) = RED_ACTIVE;
	EXPECT_CHECK_FAILS("a free object's red zone is damaged");
	*(unsigned long *)((char *)slot + cc->dbghead - SH_WORD) = save;
	EXPECT_CHECK_PASSES();
	done_corrupt();
}

TEST(check_counts)
{
	corruptible(0);
	cc->lists.free_objects++;
	EXPECT_CHECK_FAILS("free_objects differs from the free objects in its slabs");
	cc->lists.free_objects -= 2;
	EXPECT_CHECK_FAILS("free_objects differs");
	cc->lists.free_objects++;
	cc->num_slabs++;
	EXPECT_CHECK_FAILS("num_slabs differs from the slabs on its lists");
	cc->num_slabs--;
	EXPECT_CHECK_PASSES();
	done_corrupt();
}

/* Slab lists that loop back on themselves or link to a wild pointer: reported, not followed. */
TEST(check_list_loop)
{
	struct list_head *save;

	corruptible(0);
	save = freeslab->list.next;
	freeslab->list.next = &freeslab->list;
	EXPECT_CHECK_FAILS("more slabs on its lists than num_slabs (a loop?)");
	freeslab->list.next = &partial->list;	/* back to a slab of another list */
	EXPECT_CHECK_FAILS("more slabs on its lists than num_slabs");
	freeslab->list.next = save;
	save = cc->lists.slabs_full.next;
	cc->lists.slabs_full.next = (struct list_head *)0x1000;
	EXPECT_CHECK_FAILS("a list links to a wild pointer");
	cc->lists.slabs_full.next = save;
	EXPECT_CHECK_PASSES();
	done_corrupt();
}

/* An entry of the per-CPU array that is no object of the cache's: several kinds. */
TEST(check_array_foreign)
{
	struct array_cache *ac;
	void *save, *other, *heap;
	struct page *page;

	corruptible(0);
	heap = malloc(32);
	page = alloc_pages(GFP_KERNEL, 0);
	ASSERT_TRUE(heap && page);
	sh_hold(page, 0, GFP_KERNEL);
	ac = cc->array[0];
	save = ac_entry(ac)[1];
	other = kmalloc(32, GFP_KERNEL);
	ac_entry(ac)[1] = other;		/* another cache's */
	EXPECT_CHECK_FAILS("the per-CPU array holds a foreign pointer");
	ac_entry(ac)[1] = heap;			/* outside the direct map */
	EXPECT_CHECK_FAILS("the per-CPU array holds a foreign pointer");
	ac_entry(ac)[1] = page_address(page);	/* not a slab page */
	EXPECT_CHECK_FAILS("the per-CPU array holds a foreign pointer");
	ac_entry(ac)[1] = save;
	EXPECT_CHECK_PASSES();
	kfree(other);
	free(heap);
	done_corrupt();
}

/* An entry pointing into the cache's own slab, but at no object's start. */
TEST(check_array_not_an_object)
{
	struct array_cache *ac;
	void *save;

	corruptible(0);
	ac = cc->array[0];
	save = ac_entry(ac)[1];
	ac_entry(ac)[1] = (char *)save + 8;			/* inside an object in use */
	EXPECT_CHECK_FAILS("the per-CPU array holds a pointer that is not an object");
	ac_entry(ac)[1] = sh_slab_start(sh_slab_of(save));	/* the slab's descriptor */
	EXPECT_CHECK_FAILS("the per-CPU array holds a pointer that is not an object");
	ac_entry(ac)[1] = (char *)sh_slab_of(save)->s_mem +	/* past the last object */
			  cc->num * cc->objsize;
	if (sh_slab_of(ac_entry(ac)[1]) == sh_slab_of(save))
		EXPECT_CHECK_FAILS("the per-CPU array holds a pointer that is not an object");
	ac_entry(ac)[1] = save;
	EXPECT_CHECK_PASSES();
	done_corrupt();
}

TEST(check_array_free_in_slab)
{
	struct array_cache *ac;
	void *save;

	corruptible(0);
	ac = cc->array[0];
	save = ac_entry(ac)[1];
	ac_entry(ac)[1] = (char *)freeslab->s_mem + freeslab->free * cc->objsize;
	EXPECT_CHECK_FAILS("an object in the per-CPU array is free in its slab");
	ac_entry(ac)[1] = save;
	EXPECT_CHECK_PASSES();
	done_corrupt();
}

/*
 * avail above limit: the checker must say so without reading past the
 * array (the word after it is poisoned: ASan would catch the read; the
 * entries below the limit all look valid, an object in use).
 */
TEST(check_array_above_limit)
{
	static void *saved[4096];
	struct array_cache *ac;
	unsigned int save, i;
	void **past, *inuse = NULL;

	corruptible(0);
	ac = cc->array[0];
	save = ac->avail;
	for (i = 0; i < nheld && !inuse; i++)
		if (held[i])
			inuse = held[i];
	ASSERT_NOT_NULL(inuse);
	memcpy(saved, ac_entry(ac), ac->limit * sizeof(void *));
	for (i = save; i < ac->limit; i++)
		ac_entry(ac)[i] = inuse;
	past = &ac_entry(ac)[ac->limit];
	ASSERT_TRUE((char *)(past + 1) <= (char *)ac + ksize(ac));	/* slack of its kmalloc object */
	ASAN_POISON_MEMORY_REGION(past, sizeof(*past));
	ac->avail = ac->limit + 1;
	EXPECT_CHECK_FAILS("the per-CPU array holds more than its limit");
	ac->avail = save;
	ASAN_UNPOISON_MEMORY_REGION(past, sizeof(*past));
	memcpy(ac_entry(ac), saved, ac->limit * sizeof(void *));
	EXPECT_CHECK_PASSES();
	done_corrupt();
}
