/*
 * The slab allocator (mm/slab.c) on the
 * host, over the buddy allocator on a 64 MB machine (slab_host.h): the
 * bootstrap, the layout of every general cache and of caches of every
 * size and alignment against an independent computation (itself
 * checked against layouts worked out by hand: layouts_by_hand), object
 * placement and colouring, constructors and destructors, the per-CPU
 * arrays (LIFO, cold and warm refill, flush), free_limit, shrinking,
 * destruction, cache_reap() driven by its timer, the argument checks,
 * the arena under ASan. Every test ends with SH_END(): consistent, and
 * every page back.
 *
 * (kmalloc() and the reports are in test_kmalloc, the debug checks in
 * test_slab_debug, fault injection in test_slab_faults, the layouts of a
 * small machine in test_slab_layout.)
 */
#include <errno.h>
#include "harness.h"
#include "slab_host.h"
#include "slab_64M.h"

/* The limit enable_cpucache() gives objects of objsize (Linux 2.6.11). */
static unsigned int array_limit(unsigned int objsize)
{
	return objsize > 131072 ? 1 : objsize > PAGE_SIZE ? 8 : objsize > 1024 ? 24 :
	       objsize > 256 ? 54 : 120;
}

static void expect_arrays(kmem_cache_t *c)
{
	unsigned int limit = array_limit(c->objsize), batch = (limit + 1) / 2;

	EXPECT_EQ(c->limit, limit);
	EXPECT_EQ(c->batchcount, batch);
	EXPECT_EQ(c->array[0]->limit, limit);
	EXPECT_EQ(c->array[0]->batchcount, batch);
	EXPECT_EQ(c->free_limit, 2 * batch + c->num);	/* (1 + NR_CPUS) * batchcount + num */
}

/*
 * kmem_cache_init(): cache_cache, then the 13 general caches and their
 * DMA twins (newest first on cache_chain), each with its real array;
 * the reaper's timer armed; the Slab: line of meminfo registered.
 */
TEST(bootstrap)
{
	kmem_cache_t *c, *cc;
	struct sh_layout L;
	unsigned long left;
	int i = 25;

	boot();
	EXPECT_EQ(sh_nr_caches(), 27);
	EXPECT_EQ(sh.break_order, 1);
	sh_for_each_cache(c) {
		char name[32];
		unsigned long size = 32UL << (i / 2);

		if (i < 0) {
			EXPECT_STREQ(c->name, "kmem_cache");
			break;
		}
		snprintf(name, sizeof(name), "size-%lu%s", size, i & 1 ? "(DMA)" : "");
		EXPECT_STREQ(c->name, name);
		EXPECT_EQ(c->reallen, size);
		EXPECT_EQ(kmem_cache_size(c), size);
		EXPECT_STREQ(kmem_cache_name(c), name);
		EXPECT_EQ(c->gfpflags, i & 1 ? GFP_DMA : 0);
		EXPECT_EQ(c->flags & ~CFLGS_OFF_SLAB, SLAB_PANIC | (i & 1 ? SLAB_CACHE_DMA : 0));
		ASSERT_TRUE(sh_expect_layout(size, 0, 0, sh.break_order, &L));
		SH_EXPECT_OK(sh_layout_diff(c, &L), 0);
		SH_EXPECT_OK(sh_layout_properties(c, L.align), 0);
		EXPECT_PTR_EQ(kmem_find_general_cachep(size, i & 1 ? GFP_DMA : 0), c);
		if (c->flags & CFLGS_OFF_SLAB)
			EXPECT_PTR_EQ(c->slabp_cache, kmem_find_general_cachep(c->slab_size, 0));
		expect_arrays(c);
		i--;
	}
	EXPECT_EQ(i, -1);

	/* cache_cache: built by hand, on-slab, order 0, cache-line aligned descriptors. */
	cc = sh_cache_cache();
	ASSERT_NOT_NULL(cc);
	EXPECT_PTR_EQ(sh_cache_of(kmem_find_general_cachep(32, 0)), cc);
	EXPECT_EQ(cc->objsize, sh_round_up(sizeof(kmem_cache_t), SH_L1));
	EXPECT_EQ(cc->gfporder, 0);
	EXPECT_EQ(cc->num, sh_fit(PAGE_SIZE, cc->objsize, SH_L1, 1));
	EXPECT_EQ(cc->slab_size, sh_mgmt(cc->num, SH_L1));
	left = PAGE_SIZE - cc->num * cc->objsize - cc->slab_size;
	EXPECT_EQ(cc->colour, left / SH_L1);
	EXPECT_EQ(cc->flags, SLAB_NO_REAP);
	expect_arrays(cc);
	SH_EXPECT_OK(sh_layout_properties(cc, SH_L1), 0);

	/* The reaper's timer is the only one armed. */
	EXPECT_EQ(nr_pending_timers, 1);
	/* Nothing leaked by the bootstrap itself: the slab pages are in the slabs. */
	EXPECT_GT(nr_slab_pages, 0);
	SH_END();
}

/* Every size and alignment: the layout of ULK 8.2.3, and one that works. */
TEST(layout_sweep)
{
	boot();
	sh_layout_sweep();
	SH_END();
}

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Objects where the layout says: the start of a slot of a slab of the
 * cache, aligned, inside the slab's pages, after the descriptor and the
 * bufctl array (on-slab), all of them usable, no two overlapping.
 */
TEST(objects_in_place)
{
	static const struct { unsigned long size, align, flags; } cases[] = {
		{ 8, 0, 0 }, { 13, 0, SLAB_HWCACHE_ALIGN }, { 24, 16, 0 }, { 100, 64, 0 },
		{ 200, 0, SLAB_HWCACHE_ALIGN }, { 511, 0, 0 }, { 512, 0, 0 }, { 700, 256, 0 },
		{ 1500, 0, 0 }, { 3000, 0, 0 }, { 4096, 4096, 0 }, { 5000, 0, 0 },
		{ 40000, 8, 0 }, { 131072, 0, 0 }, { 64, 4096, SLAB_RED_ZONE },
		{ 52, 0, SLAB_RED_ZONE | SLAB_STORE_USER | SLAB_POISON },
		{ 600, 64, SLAB_RED_ZONE | SLAB_STORE_USER },
	};
	static uintptr_t sorted[MAX_OBJS];
	unsigned int i, j, n;

	boot();
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		kmem_cache_t *c = kmem_cache_create("in-place", cases[i].size, cases[i].align,
						    cases[i].flags, NULL, NULL);
		struct sh_layout L;

		ASSERT_NOT_NULL(c);
		ASSERT_TRUE(sh_expect_layout(cases[i].size, cases[i].align, cases[i].flags,
					     sh.break_order, &L));
		SH_EXPECT_OK(sh_layout_diff(c, &L), 0);
		n = 2 * c->num + 1;	/* three slabs */
		if (n > 64)
			n = 64 + c->num;
		alloc_n(c, n, GFP_KERNEL);
		for (j = 0; j < n; j++) {
			struct slab *slabp = sh_slab_of(objs[j]);
			char *start = sh_slab_start(slabp), *slot = (char *)objs[j] - c->dbghead;

			EXPECT_GE(sh_obj_index(c, objs[j]), 0);
			EXPECT_EQ((uintptr_t)objs[j] % L.align, 0);
			EXPECT_TRUE(slot >= (char *)slabp->s_mem);
			EXPECT_TRUE((char *)objs[j] + cases[i].size <=
				    start + (PAGE_SIZE << c->gfporder));
			if (!(c->flags & CFLGS_OFF_SLAB))
				EXPECT_TRUE(slot >= (char *)(slab_bufctl(slabp) + c->num));
			memset(objs[j], 0x11 * (j % 15 + 1), cases[i].size);
			sorted[j] = (uintptr_t)objs[j];
		}
		qsort(sorted, n, sizeof(sorted[0]), cmp_ptr);
		for (j = 1; j < n; j++)
			EXPECT_GE(sorted[j] - sorted[j - 1], cases[i].size);
		EXPECT_EQ(kmem_cache_active_objects(c), n);
		EXPECT_SLAB_CONSISTENT();
		for (j = 0; j < n; j++) {
			unsigned char want = 0x11 * (j % 15 + 1);
			unsigned char *p = objs[j];

			EXPECT_TRUE(p[0] == want && p[cases[i].size - 1] == want);
		}
		free_n(c, n);
		EXPECT_EQ(kmem_cache_active_objects(c), 0);
		EXPECT_EQ(kmem_cache_destroy(c), 0);
		if (ht_failed())
			ht_diag("case %u: size %lu align %lu flags %#lx", i, cases[i].size,
				cases[i].align, cases[i].flags);
	}
	SH_END();
}

/*
 * Colouring (ULK 8.2.10): slab k starts its objects (on-slab: its
 * descriptor) k % colour colours of colour_off bytes in; with no
 * leftover, every slab at offset 0.
 */
TEST(colouring)
{
	static const struct { unsigned long size, align, flags; } cases[] = {
		{ 200, 0, SLAB_HWCACHE_ALIGN }, { 100, 64, 0 }, { 24, 0, 0 }, { 1000, 0, 0 },
		{ 2048, 0, 0 }, { 3000, 0, 0 }, { 56, 0, SLAB_RED_ZONE },
	};
	unsigned int i, k;

	boot();
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		kmem_cache_t *c = kmem_cache_create("colour", cases[i].size, cases[i].align,
						    cases[i].flags, NULL, NULL);
		unsigned int nslabs, colours, n = 0;
		struct slab *last = NULL;

		ASSERT_NOT_NULL(c);
		colours = c->colour ? c->colour : 1;
		nslabs = colours + 2;
		/* Slabs are made one at a time as objects run out: record each new one in order. */
		for (k = 0; k < nslabs; ) {
			ASSERT_LT(n, MAX_OBJS);
			objs[n] = kmem_cache_alloc(c, GFP_KERNEL);
			ASSERT_NOT_NULL(objs[n]);
			if (sh_slab_of(objs[n]) != last) {
				struct slab *s = last = sh_slab_of(objs[n]);
				unsigned long off = s->colouroff -
					(c->flags & CFLGS_OFF_SLAB ? 0 : c->slab_size);

				EXPECT_EQ(off, (k % colours) * c->colour_off);
				if (!(c->flags & CFLGS_OFF_SLAB))
					EXPECT_PTR_EQ(s, sh_slab_start(s) + off);
				k++;
			}
			n++;
		}
		ht_diag("%s size %lu: %u colour(s) of %u bytes, %u slabs", c->name, cases[i].size,
			colours, c->colour_off, nslabs);
		EXPECT_SLAB_CONSISTENT();
		free_n(c, n);
		EXPECT_EQ(kmem_cache_destroy(c), 0);
	}
	SH_END();
}

/* Constructors and destructors: which objects, when, how often, with which flags. */
static unsigned long ctor_calls, dtor_calls, ctor_atomic, ctor_bad;
static kmem_cache_t *ctor_cache;
#define CTOR_MAGIC	0xc0ffee11UL

static void test_ctor(void *obj, kmem_cache_t *c, unsigned long flags)
{
	ctor_calls++;
	if (c != ctor_cache || !(flags & SLAB_CTOR_CONSTRUCTOR) || sh_obj_index(c, obj) < 0)
		ctor_bad++;
	if (flags & SLAB_CTOR_ATOMIC)
		ctor_atomic++;
	((unsigned long *)obj)[0] = CTOR_MAGIC;
	((unsigned long *)obj)[1] = (unsigned long)obj;
}

static void test_dtor(void *obj, kmem_cache_t *c, unsigned long flags)
{
	(void)flags;
	dtor_calls++;
	if (c != ctor_cache || sh_obj_index(c, obj) < 0 || ((unsigned long *)obj)[0] != CTOR_MAGIC ||
	    ((unsigned long *)obj)[1] != (unsigned long)obj)
		ctor_bad++;
}

TEST(constructors)
{
	static const unsigned long flags[] = { 0, SLAB_RED_ZONE | SLAB_STORE_USER, SLAB_POISON };
	unsigned int f, i, n;

	boot();
	for (f = 0; f < 3; f++) {
		kmem_cache_t *c = kmem_cache_create("ctor", 48, 0, flags[f], test_ctor, test_dtor);

		ASSERT_NOT_NULL(c);
		EXPECT_FALSE(c->flags & SLAB_POISON);	/* poison would undo the constructor */
		ctor_cache = c;
		ctor_calls = dtor_calls = ctor_atomic = ctor_bad = 0;
		n = 2 * c->num + 1;
		alloc_n(c, n, GFP_KERNEL);
		EXPECT_EQ(ctor_calls, c->grown * c->num);
		EXPECT_EQ(c->grown, 3);
		EXPECT_EQ(ctor_atomic, 0);
		for (i = 0; i < n; i++) {
			EXPECT_EQ(((unsigned long *)objs[i])[0], CTOR_MAGIC);
			EXPECT_EQ(((unsigned long *)objs[i])[1], (unsigned long)objs[i]);
		}
		/* Freed in their constructed state and reused: not constructed again. */
		free_n(c, n);
		alloc_n(c, n, GFP_KERNEL);
		EXPECT_EQ(ctor_calls, 3 * c->num);
		for (i = 0; i < n; i++)
			EXPECT_EQ(((unsigned long *)objs[i])[0], CTOR_MAGIC);
		/* A new slab grown without __GFP_WAIT: SLAB_CTOR_ATOMIC. */
		for (i = n; c->grown == 3 && i < MAX_OBJS; i++) {
			objs[i] = kmem_cache_alloc(c, GFP_ATOMIC);
			ASSERT_NOT_NULL(objs[i]);
		}
		EXPECT_EQ(c->grown, 4);
		EXPECT_EQ(dtor_calls, 0);
		free_n(c, i);
		/* Shrinking destroys the free slabs: a destructor call per object. */
		EXPECT_EQ(kmem_cache_shrink(c), 0);
		EXPECT_EQ(c->num_slabs, 0);
		EXPECT_EQ(dtor_calls, c->grown * c->num);
		EXPECT_EQ(ctor_calls, c->grown * c->num);
		EXPECT_GT(ctor_atomic, 0);
		EXPECT_EQ(ctor_atomic, (c->grown - 3) * c->num);
		EXPECT_EQ(ctor_bad, 0);
		/* And destroying a cache with free slabs runs them too. */
		alloc_n(c, 1, GFP_KERNEL);
		free_n(c, 1);
		EXPECT_EQ(kmem_cache_destroy(c), 0);
		EXPECT_EQ(dtor_calls, ctor_calls);
		EXPECT_EQ(ctor_bad, 0);
	}
	SH_END();
}

/* The per-CPU array is a stack: the object freed last is the next one handed out. */
TEST(array_lifo)
{
	void *a, *b, *c, *d;

	boot();
	a = kmalloc(100, GFP_KERNEL);
	b = kmalloc(100, GFP_KERNEL);
	ASSERT_TRUE(a && b);
	kfree(a);
	kfree(b);
	c = kmalloc(100, GFP_KERNEL);
	d = kmalloc(100, GFP_KERNEL);
	EXPECT_PTR_EQ(c, b);
	EXPECT_PTR_EQ(d, a);
	kfree(c);
	kfree(d);
	SH_END();
}

/*
 * An empty array refills: a cold one (not used since the last reap)
 * at most 16 objects, a warm one batchcount; partial slabs first, then
 * free slabs, then a new slab. A full array gives its oldest batchcount
 * objects back to their slabs.
 */
TEST(array_refill_and_flush)
{
	kmem_cache_t *c;
	struct array_cache *ac;
	unsigned int i, limit, batch, n;
	struct slab *first;

	boot();
	c = kmem_cache_create("array", 64, 0, 0, NULL, NULL);
	ASSERT_NOT_NULL(c);
	ac = c->array[0];
	limit = ac->limit;
	batch = ac->batchcount;
	EXPECT_EQ(limit, 120);
	EXPECT_EQ(batch, 60);
	/* Cold: 16 taken, one returned. */
	objs[0] = kmem_cache_alloc(c, GFP_KERNEL);
	EXPECT_EQ(c->allocmiss, 1);
	EXPECT_EQ(ac->avail, 15);
	EXPECT_EQ(ac->touched, 1);
	EXPECT_EQ(c->num_slabs, 1);
	EXPECT_EQ(c->lists.free_objects, c->num - 16);
	/* The 15 come from the array, newest first (the slab's objects in order). */
	for (i = 1; i < 16; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		EXPECT_EQ(sh_obj_index(c, objs[i]), 15 - i);
	}
	EXPECT_EQ(sh_obj_index(c, objs[0]), 15);
	EXPECT_EQ(c->allocmiss, 1);
	EXPECT_EQ(c->allochit, 15);
	EXPECT_EQ(c->high_mark, 16);		/* objects out of the slabs at most */
	/*
	 * Warm: up to a whole batch, what the partial slab has left first;
	 * no new slab while it got some (the slab has fewer than a batch).
	 */
	first = sh_slab_of(objs[0]);
	ASSERT_LT(c->num - 16, batch);
	objs[16] = kmem_cache_alloc(c, GFP_KERNEL);
	EXPECT_EQ(c->allocmiss, 2);
	EXPECT_EQ(ac->avail, c->num - 16 - 1);
	EXPECT_EQ(first->inuse, c->num);		/* taken whole */
	EXPECT_EQ(c->num_slabs, 1);
	n = 17 + ac->avail;
	for (i = 17; i < n; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	/* Nothing left anywhere: a new slab, from which up to a batch. */
	objs[n++] = kmem_cache_alloc(c, GFP_KERNEL);
	EXPECT_EQ(c->allocmiss, 3);
	EXPECT_EQ(c->num_slabs, 2);
	EXPECT_EQ(ac->avail, (c->num < batch ? c->num : batch) - 1);
	EXPECT_PTR_NE(sh_slab_of(objs[n - 1]), first);
	i = n;
	n += ac->avail;
	for (; i < n; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	EXPECT_EQ(ac->avail, 0);
	EXPECT_EQ(kmem_cache_active_objects(c), n);
	EXPECT_SLAB_CONSISTENT();

	/* Fill the array to its limit, then one more free flushes the oldest batch. */
	while (n < limit + 1 + 10) {
		objs[n] = kmem_cache_alloc(c, GFP_KERNEL);
		ASSERT_NOT_NULL(objs[n]);
		n++;
	}
	EXPECT_EQ(kmem_cache_shrink(c), 1);	/* the array empty again */
	EXPECT_EQ(ac->avail, 0);
	for (i = 0; i < limit; i++)
		kmem_cache_free(c, objs[i]);
	EXPECT_EQ(ac->avail, limit);
	EXPECT_EQ(c->freemiss, 0);
	EXPECT_EQ(c->freehit, limit);
	kmem_cache_free(c, objs[limit]);
	EXPECT_EQ(c->freemiss, 1);
	EXPECT_EQ(ac->avail, limit - batch + 1);
	for (i = 0; i < batch; i++)	/* the oldest went back: free in their slabs */
		EXPECT_NE(slab_bufctl(sh_slab_of(objs[i]))[sh_obj_index(c, objs[i])], BUFCTL_ACTIVE);
	for (i = 0; i < ac->avail; i++)	/* the rest moved down, in order */
		EXPECT_PTR_EQ(ac_entry(ac)[i], objs[batch + i]);
	EXPECT_SLAB_CONSISTENT();
	for (i = limit + 1; i < n; i++)
		kmem_cache_free(c, objs[i]);
	EXPECT_EQ(kmem_cache_destroy(c), 0);
	SH_END();
}

/*
 * Freeing keeps at most free_limit free objects in free slabs: a slab
 * left empty beyond that is destroyed at once (ULK 8.2.13). One object
 * per slab, an array of 8 flushed 4 at a time, free_limit 2 * 4 + 1.
 */
TEST(free_limit)
{
	kmem_cache_t *c;
	unsigned int i;

	boot();
	c = kmem_cache_create("free-limit", 5000, 0, 0, NULL, NULL);
	ASSERT_NOT_NULL(c);
	EXPECT_EQ(c->num, 1);
	EXPECT_EQ(c->limit, 8);
	EXPECT_EQ(c->batchcount, 4);
	EXPECT_EQ(c->free_limit, 9);
	alloc_n(c, 20, GFP_KERNEL);
	EXPECT_EQ(c->num_slabs, 20);
	EXPECT_EQ(c->lists.free_objects, 0);
	for (i = 0; i < 20; i++) {
		kmem_cache_free(c, objs[i]);
		EXPECT_LE(c->lists.free_objects, c->free_limit);
	}
	/* Three flushes of four: 12 slabs emptied, 9 kept, 3 destroyed; 8 objects in the array. */
	EXPECT_EQ(c->freemiss, 3);
	EXPECT_EQ(c->lists.free_objects, 9);
	EXPECT_EQ(sh_list_len(&c->lists.slabs_free), 9);
	EXPECT_EQ(c->num_slabs, 17);
	EXPECT_EQ(c->array[0]->avail, 8);
	EXPECT_SLAB_CONSISTENT();
	EXPECT_EQ(kmem_cache_destroy(c), 0);
	SH_END();
}

/* kmem_cache_shrink(): the array emptied, every free slab destroyed; 1 while objects are in use. */
TEST(shrink)
{
	kmem_cache_t *c;
	unsigned long free_before, slab_before;
	unsigned int i;

	boot();
	c = kmem_cache_create("shrink", 256, 0, 0, NULL, NULL);
	ASSERT_NOT_NULL(c);
	sh_settle();
	free_before = nr_free_pages();
	slab_before = nr_slab_pages;
	EXPECT_EQ(kmem_cache_shrink(c), 0);	/* empty */
	alloc_n(c, 200, GFP_KERNEL);
	EXPECT_EQ(c->num_slabs, (200 + c->array[0]->avail + c->num - 1) / c->num);
	EXPECT_EQ(nr_slab_pages, slab_before + (c->num_slabs << c->gfporder));
	for (i = 0; i < 200; i += 2)
		kmem_cache_free(c, objs[i]);
	EXPECT_EQ(kmem_cache_shrink(c), 1);
	EXPECT_EQ(c->array[0]->avail, 0);
	EXPECT_TRUE(list_empty(&c->lists.slabs_free));
	EXPECT_EQ(kmem_cache_active_objects(c), 100);
	EXPECT_SLAB_CONSISTENT();
	for (i = 1; i < 200; i += 2)
		kmem_cache_free(c, objs[i]);
	EXPECT_EQ(kmem_cache_shrink(c), 0);
	EXPECT_EQ(c->num_slabs, 0);
	EXPECT_EQ(c->lists.free_objects, 0);
	drain_local_pages();
	EXPECT_EQ(nr_slab_pages, slab_before);
	EXPECT_EQ(nr_free_pages(), free_before);
	EXPECT_EQ(kmem_cache_destroy(c), 0);
	SH_END();
}

/* Destroy: refused while objects are in use (saying how many), and for system caches. */
TEST(destroy_rules)
{
	kmem_cache_t *c;
	void *a, *b;

	boot();
	c = kmem_cache_create("busy", 40, 0, 0, NULL, NULL);
	ASSERT_NOT_NULL(c);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	ASSERT_TRUE(a && b);
	EXPECT_EQ(kmem_cache_destroy(c), 1);
	EXPECT_EQ(host_printk_count("kmem_cache_destroy: cache busy still has 2 objects in use; "
			       "not destroyed"), 1);
	EXPECT_PTR_EQ(sh_find_cache("busy"), c);
	EXPECT_SLAB_CONSISTENT();
	kmem_cache_free(c, a);
	EXPECT_EQ(kmem_cache_destroy(c), 1);
	EXPECT_EQ(host_printk_count("still has 1 objects in use"), 1);
	kmem_cache_free(c, b);
	EXPECT_EQ(kmem_cache_destroy(c), 0);
	EXPECT_NULL(sh_find_cache("busy"));

	EXPECT_EQ(kmem_cache_destroy(kmem_find_general_cachep(64, 0)), -EPERM);
	EXPECT_EQ(kmem_cache_destroy(kmem_find_general_cachep(64, GFP_DMA)), -EPERM);
	EXPECT_EQ(kmem_cache_destroy(sh_cache_cache()), -EPERM);
	EXPECT_EQ(host_printk_count("is a system cache"), 3);
	EXPECT_EQ(kmem_cache_destroy(NULL), -EINVAL);
	EXPECT_EQ(host_printk_count("kmem_cache_destroy: NULL cache"), 1);
	/* The name is free again. */
	c = kmem_cache_create("busy", 40, 0, 0, NULL, NULL);
	ASSERT_NOT_NULL(c);
	EXPECT_EQ(kmem_cache_destroy(c), 0);
	SH_END();
}

static void dummy_ctor(void *obj, kmem_cache_t *c, unsigned long flags)
{
	(void)obj;
	(void)c;
	(void)flags;
}

/*
 * Layouts worked out by hand, with no model's help: Linux 2.6.11's
 * kmem_cache_create() and cache_estimate() on this host -- 8-byte words,
 * a 40-byte struct slab, 4-byte bufctls, L1_CACHE_BYTES 32, 4096-byte
 * pages, slab_break_gfp_order 1 (the machine has over 32 MB):
 *
 *   align    a cache line halved while two objects fit (HWCACHE_ALIGN),
 *            else a word; the caller's alignment if larger
 *   objsize  size rounded to a word; red zone: + ALIGN(word, align) in
 *            front and a word behind; owner: a word; rounded to align
 *   off-slab objsize >= 512 (PAGE_SIZE / 8)
 *   order    the first whose num is not 0 and whose leftover wastes at
 *            most 1/8 of the slab, or the break order (1)
 *   num      the most n with n * objsize + ALIGN(40 + 4n, align) <= slab
 *            on-slab, n * objsize <= slab off-slab
 *   on again off-slab, but the leftover holds ALIGN(40 + 4 num, align):
 *            on-slab, that much less leftover
 *   colour   leftover / max(32, align)
 *
 * and "slab_debug" (2.6.11's FORCED_DEBUG): poison always; red zones and
 * the owner word if size < 4096 or fls(size - 1) == fls(size + 23), i.e.
 * three words do not push the object past a power of two. Two rules are
 * Mneme's own (mm/slab.c): a constructor drops poison (2.6.11 ran the
 * constructor after each allocation instead), and a red zone keeps the
 * caller's alignment (2.6.11 dropped red zones for align > word).
 * The derivation of each row is beside it; the kernel and sh_expect_layout()
 * (the model the layout sweep and the fuzzer use) must both agree.
 */
#define HW	SLAB_HWCACHE_ALIGN
#define RZ	SLAB_RED_ZONE
#define SU	SLAB_STORE_USER
#define PO	SLAB_POISON
#define DBG	(RZ | SU | PO)

static const struct layout_by_hand {
	unsigned long size, align, flags;
	int ctor, debug_all;
	unsigned long eff;		/* the flags it ends with (CFLGS_OFF_SLAB aside) */
	unsigned int objsize, order, num, off_slab, colour;
} by_hand[] = {
	/* 112 * 32 + ALIGN(40 + 448, 8) = 3584 + 488 = 4072 (113: 4112); left 24 < 32 */
	{ 32, 0, 0, 0, 0, 0, 32, 0, 112, 0, 0 },
	/* align 32 -> 16 (13 <= 16); 202 * 16 + ALIGN(848, 16) = 4080 (203: 4112); left 16 */
	{ 13, 0, HW, 0, 0, HW, 16, 0, 202, 0, 0 },
	/* align 32; 128 each; 30 * 128 + ALIGN(160, 32) = 4000; left 96 = 3 colours */
	{ 100, 0, HW, 0, 0, HW, 128, 0, 30, 0, 3 },
	/* 24 -> 32 (align 16); 112 * 32 + ALIGN(488, 16) = 4080 (113: 4112); left 16 */
	{ 24, 16, 0, 0, 0, 0, 32, 0, 112, 0, 0 },
	/* 256 each; 15 * 256 + ALIGN(100, 64) = 3968; left 128 = 2 colours of 64 */
	{ 200, 64, 0, 0, 0, 0, 256, 0, 15, 0, 2 },
	/* below 512: on; 7 * 504 + ALIGN(68, 8) = 3600 (8: 4104); left 496 <= 512 = 15 colours */
	{ 504, 0, 0, 0, 0, 0, 504, 0, 7, 0, 15 },
	/* off; 8 * 512 = 4096, left 0 < ALIGN(72, 8): stays off */
	{ 512, 0, 0, 0, 0, 0, 512, 0, 8, 1, 0 },
	/* 768 (align 256), off; 5 = 3840, left 256 <= 512; ALIGN(60, 256) = 256 fits: on, left 0 */
	{ 700, 256, 0, 0, 0, 0, 768, 0, 5, 0, 0 },
	/* 1504, off; order 0: 2, left 1088 > 512; order 1: 5 = 7520, left 672; 64 fits: on, left 608 = 19 */
	{ 1500, 0, 0, 0, 0, 0, 1504, 1, 5, 0, 19 },
	/* off; order 0: 1, left 1096 > 512; order 1: 2, left 2192; 48 fits: on, left 2144 = 67 */
	{ 3000, 0, 0, 0, 0, 0, 3000, 1, 2, 0, 67 },
	/* off; 1, left 0; ALIGN(44, 4096) does not fit: off; colour_off 4096 */
	{ 4096, 4096, 0, 0, 0, 0, 4096, 0, 1, 1, 0 },
	/* off; order 0: none; order 1: 1, left 3192; 48 fits: on, left 3144 = 98 */
	{ 5000, 0, 0, 0, 0, 0, 5000, 1, 1, 0, 98 },
	/* off; none until order 4: 1, left 25536 (above the break order); on, left 25488 = 796 */
	{ 40000, 8, 0, 0, 0, 0, 40000, 4, 1, 0, 796 },
	/* off; order 5: 1, left 0: off */
	{ 131072, 0, 0, 0, 0, 0, 131072, 5, 1, 1, 0 },
	/* red zone 1 of ALIGN(8, 4096): 64 + 4096 + 8 -> 8192; order 1: 1, left 0: off */
	{ 64, 4096, RZ, 0, 0, RZ, 8192, 1, 1, 1, 0 },
	/* 56 + 8 + 8 + 8 = 80; 48 * 80 + ALIGN(232, 8) = 4072 (49: 4160); left 24 */
	{ 52, 0, DBG, 0, 0, DBG, 80, 0, 48, 0, 0 },
	/* 600 + 64 + 8 + 8 = 680 -> 704 (align 64), off; order 0: 5, left 576 > 512;
	   order 1: 11 = 7744, left 448; ALIGN(84, 64) = 128 fits: on, left 320 = 5 of 64 */
	{ 600, 64, RZ | SU, 0, 0, RZ | SU, 704, 1, 11, 0, 5 },
	/* "slab_debug": 100 < 4096: everything; 100 -> 104 + 8 + 8 + 8 = 128, as the row above */
	{ 100, 0, 0, 0, 1, DBG, 128, 0, 30, 0, 3 },
	/* with a constructor: no poison */
	{ 100, 0, 0, 1, 1, RZ | SU, 128, 0, 30, 0, 3 },
	/* 4095 < 4096: everything; 4096 + 24 = 4120, off; order 1: 1, left 4072; on, left 4024 = 125 */
	{ 4095, 0, 0, 0, 1, DBG, 4120, 1, 1, 0, 125 },
	/* fls(4095) = 12, fls(4119) = 13: poison only; off; 1, left 0 */
	{ 4096, 0, 0, 0, 1, PO, 4096, 0, 1, 1, 0 },
	/* a constructor: nothing at all */
	{ 4096, 0, 0, 1, 1, 0, 4096, 0, 1, 1, 0 },
	/* 8096: fls(8095) = fls(8119) = 13: everything; 8120; order 1: left 72; 48 fits: on, left 24 */
	{ 8096, 0, 0, 0, 1, DBG, 8120, 1, 1, 0, 0 },
	/* 8168: fls(8167) = fls(8191) = 13: everything; 8192, order 1, left 0: off */
	{ 8168, 0, 0, 0, 1, DBG, 8192, 1, 1, 1, 0 },
	/* 8169: fls(8168) = 13, fls(8192) = 14: poison only; 8176, order 1, left 16 < 48: off */
	{ 8169, 0, 0, 0, 1, PO, 8176, 1, 1, 1, 0 },
	/* 65000: fls(64999) = fls(65023) = 16: everything; 65024, order 4, left 512; on, left 464 = 14 */
	{ 65000, 0, 0, 0, 1, DBG, 65024, 4, 1, 0, 14 },
	/* 65536: fls(65535) = 16, fls(65559) = 17: poison only; order 4, left 0: off */
	{ 65536, 0, 0, 0, 1, PO, 65536, 4, 1, 1, 0 },
	/* 131072: poison only; order 5 */
	{ 131072, 0, 0, 0, 1, PO, 131072, 5, 1, 1, 0 },
};

/*
 * The general caches on this machine, by the same hand rules (size 32
 * << i; on-slab below 512, each left 0 from 512 on, so off-slab), and
 * the array limit of 2.6.11's enable_cpucache(): 120 up to 256 bytes, 54
 * up to 1024, 24 up to a page, 8 above.
 */
static const struct { unsigned int order, num, off_slab, colour, limit; } general_by_hand[13] = {
	{ 0, 112, 0, 0, 120 },	/* 32: as in by_hand[] */
	{ 0, 59, 0, 1, 120 },	/* 64: 59 * 64 + ALIGN(276, 8) = 4056 (60: 4120); left 40 */
	{ 0, 30, 0, 3, 120 },	/* 128: 30 * 128 + 160 = 4000; left 96 */
	{ 0, 15, 0, 4, 120 },	/* 256: 15 * 256 + ALIGN(100, 8) = 3944; left 152 */
	{ 0, 8, 1, 0, 54 },	/* 512 */
	{ 0, 4, 1, 0, 54 },	/* 1024 */
	{ 0, 2, 1, 0, 24 },	/* 2048 */
	{ 0, 1, 1, 0, 24 },	/* 4096 */
	{ 1, 1, 1, 0, 8 },	/* 8192: order 0 holds none */
	{ 2, 1, 1, 0, 8 },
	{ 3, 1, 1, 0, 8 },
	{ 4, 1, 1, 0, 8 },
	{ 5, 1, 1, 0, 8 },	/* 131072 */
};

TEST(layouts_by_hand)
{
	unsigned int i;

	boot();
	ASSERT_EQ(sh.break_order, 1);
	ASSERT_EQ(sizeof(struct slab), 40);		/* what the rows assume */
	ASSERT_EQ(sizeof(kmem_bufctl_t), 4);
	for (i = 0; i < sizeof(by_hand) / sizeof(by_hand[0]); i++) {
		const struct layout_by_hand *h = &by_hand[i];
		kmem_cache_t *c;
		struct sh_layout L;

		slab_debug_all = h->debug_all;
		c = kmem_cache_create("by-hand", h->size, h->align, h->flags,
				      h->ctor ? dummy_ctor : NULL, NULL);
		slab_debug_all = 0;
		ASSERT_NOT_NULL(c);
		EXPECT_EQ(c->flags & ~CFLGS_OFF_SLAB, h->eff);
		EXPECT_EQ(c->objsize, h->objsize);
		EXPECT_EQ(c->gfporder, h->order);
		EXPECT_EQ(c->num, h->num);
		EXPECT_EQ(!!(c->flags & CFLGS_OFF_SLAB), h->off_slab);
		EXPECT_EQ(c->colour, h->colour);
		/* The model agrees with the hand. */
		ASSERT_TRUE(sh_expect_layout(h->size, h->align, h->eff, sh.break_order, &L));
		EXPECT_EQ(L.objsize, h->objsize);
		EXPECT_EQ(L.order, h->order);
		EXPECT_EQ(L.num, h->num);
		EXPECT_EQ(L.off_slab, h->off_slab);
		EXPECT_EQ(L.colour, h->colour);
		EXPECT_EQ(kmem_cache_destroy(c), 0);
		if (ht_failed()) {
			ht_diag("by_hand[%u]: size %lu align %lu flags %#lx%s%s", i, h->size,
				h->align, h->flags, h->ctor ? " ctor" : "",
				h->debug_all ? " slab_debug" : "");
			break;
		}
	}
	for (i = 0; i < 13; i++) {
		kmem_cache_t *g = kmem_find_general_cachep(32UL << i, 0);

		EXPECT_EQ(g->reallen, 32UL << i);
		EXPECT_EQ(g->objsize, 32UL << i);
		EXPECT_EQ(g->gfporder, general_by_hand[i].order);
		EXPECT_EQ(g->num, general_by_hand[i].num);
		EXPECT_EQ(!!(g->flags & CFLGS_OFF_SLAB), general_by_hand[i].off_slab);
		EXPECT_EQ(g->colour, general_by_hand[i].colour);
		EXPECT_EQ(g->limit, general_by_hand[i].limit);
		EXPECT_EQ(g->batchcount, (general_by_hand[i].limit + 1) / 2);
	}
	SH_END();
}

/* (EXPECT_BUG() in a function of its own: setjmp() and the caller's loop variables.) */
static noinline void expect_panic(const char *name, unsigned long size,
					  unsigned long align, unsigned long flags,
					  kmem_ctor_t ctor, kmem_ctor_t dtor)
{
	EXPECT_BUG(kmem_cache_create(name, size, align, flags, ctor, dtor));
}

static noinline void expect_shrink_bug(kmem_cache_t *c)
{
	EXPECT_BUG(kmem_cache_shrink(c));
}

/* Every argument kmem_cache_create() refuses, each with its reason; SLAB_PANIC panics instead. */
TEST(create_rejects)
{
	static const struct {
		const char *name;
		unsigned long size, align, flags;
		int ctor, dtor;
		const char *why;
	} cases[] = {
		{ NULL, 32, 0, 0, 0, 0, "cannot create cache (null): no name" },
		{ "tiny", 7, 0, 0, 0, 0, "cannot create cache tiny: size out of range" },
		{ "zero", 0, 0, 0, 0, 0, "cannot create cache zero: size out of range" },
		{ "huge", KMALLOC_MAX_SIZE + 1, 0, 0, 0, 0, "cannot create cache huge: size out of range" },
		{ "align3", 32, 3, 0, 0, 0, "align3: alignment not a power of two up to PAGE_SIZE" },
		{ "align8k", 32, 8192, 0, 0, 0, "align8k: alignment not a power of two up to PAGE_SIZE" },
		{ "dtor", 32, 0, 0, 0, 1, "dtor: a destructor without a constructor" },
		{ "flags", 32, 0, 0x1, 0, 0, "flags: unknown flags" },
		{ "flags2", 32, 0, CFLGS_OFF_SLAB, 0, 0, "flags2: unknown flags" },
		{ "size-64", 64, 0, 0, 0, 0, "size-64: a cache with that name exists" },
		{ "kmem_cache", 64, 0, 0, 0, 0, "kmem_cache: a cache with that name exists" },
		{ "redzoned-max", KMALLOC_MAX_SIZE, 0, SLAB_RED_ZONE, 0, 0,
		  "redzoned-max: objects too large for a slab" },
		{ "owner-max", KMALLOC_MAX_SIZE - 7, 0, SLAB_STORE_USER, 0, 0,
		  "owner-max: objects too large for a slab" },
		{ "aligned-max", KMALLOC_MAX_SIZE - 4095, 4096, SLAB_RED_ZONE, 0, 0,
		  "aligned-max: objects too large for a slab" },
	};
	unsigned int i, n;

	boot();
	n = sh_nr_caches();
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		host_printk_clear();
		EXPECT_NULL(kmem_cache_create(cases[i].name, cases[i].size, cases[i].align,
					      cases[i].flags, cases[i].ctor ? dummy_ctor : NULL,
					      cases[i].dtor ? dummy_ctor : NULL));
		EXPECT_EQ(host_printk_count("kmem_cache_create: cannot create cache"), 1);
		EXPECT_EQ(host_printk_count(cases[i].why), 1);
		EXPECT_EQ(sh_nr_caches(), n);
		/* With SLAB_PANIC, the same refusal is a panic. */
		host_printk_clear();
		expect_panic(cases[i].name, cases[i].size, cases[i].align, cases[i].flags | SLAB_PANIC,
			     cases[i].ctor ? dummy_ctor : NULL, cases[i].dtor ? dummy_ctor : NULL);
		EXPECT_EQ(host_printk_count("Kernel panic - not syncing: kmem_cache_create(): cannot "
				       "create cache"), 1);
		EXPECT_EQ(host_printk_count(cases[i].why), 1);
		if (ht_failed()) {
			ht_diag("case %u: %s", i, cases[i].why);
			break;
		}
	}
	EXPECT_EQ(sh_nr_caches(), n);
	SH_END();
}

/* Interrupt context: no cache created or destroyed; shrinking is a BUG. */
TEST(interrupt_context)
{
	kmem_cache_t *c;
	static const unsigned int counts[2] = { HARDIRQ_OFFSET, SOFTIRQ_OFFSET };
	int k;

	boot();
	c = kmem_cache_create("irq", 32, 0, 0, NULL, NULL);
	ASSERT_NOT_NULL(c);
	for (k = 0; k < 2; k++) {
		host_printk_clear();
		__preempt_count = counts[k];
		EXPECT_NULL(kmem_cache_create("irq2", 32, 0, 0, NULL, NULL));
		EXPECT_EQ(host_printk_count("irq2: called from interrupt context"), 1);
		EXPECT_EQ(kmem_cache_destroy(c), -EINVAL);
		EXPECT_EQ(host_printk_count("kmem_cache_destroy: called from interrupt context"), 1);
		expect_shrink_bug(c);
		/* Allocating and freeing are fine there. */
		objs[0] = kmem_cache_alloc(c, GFP_ATOMIC);
		EXPECT_NOT_NULL(objs[0]);
		kmem_cache_free(c, objs[0]);
		__preempt_count = 0;
	}
	expect_shrink_bug(NULL);
	EXPECT_EQ(kmem_cache_destroy(c), 0);
	SH_END();
}

/* "slab_debug": every new cache gets poison, and red zones and the owner word where they fit. */
TEST(slab_debug_all)
{
	/* By hand, as by_hand[]: red zones where fls(size - 1) == fls(size + 23), or below 4096. */
	static const struct { unsigned long size, want; } cases[] = {
		{ 8, DBG }, { 100, DBG }, { 4095, DBG },
		{ 4096, PO },		/* fls(4095) = 12, fls(4119) = 13 */
		{ 4000 + 4096, DBG },	/* fls(8095) = fls(8119) = 13 */
		{ 8192, PO },		/* fls(8191) = 13, fls(8215) = 14 */
		{ 8168, DBG },		/* fls(8167) = fls(8191) = 13 */
		{ 8169, PO },		/* fls(8168) = 13, fls(8192) = 14 */
		{ 65536, PO },		/* fls(65535) = 16, fls(65559) = 17 */
		{ 65000, DBG },		/* fls(64999) = fls(65023) = 16 */
		{ 131072, PO },
	};
	unsigned int i;

	boot();
	slab_debug_all = 1;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unsigned long size = cases[i].size, want = cases[i].want;
		kmem_cache_t *c = kmem_cache_create("debug-all", size, 0, 0, NULL, NULL);
		kmem_cache_t *d = kmem_cache_create("debug-all-ctor", size, 0, 0, dummy_ctor, NULL);

		ASSERT_TRUE(c && d);
		EXPECT_EQ(c->flags & (SLAB_DEBUG_FLAGS | SLAB_DEBUG_INITIAL), want);
		EXPECT_EQ(d->flags & SLAB_DEBUG_FLAGS, want & ~SLAB_POISON);
		EXPECT_LE(c->objsize, size < 4096 ? c->objsize : 2 * size);
		objs[0] = kmem_cache_alloc(c, GFP_KERNEL);
		ASSERT_NOT_NULL(objs[0]);
		memset(objs[0], 0x77, size);
		kmem_cache_free(c, objs[0]);
		EXPECT_EQ(kmem_cache_destroy(c), 0);
		EXPECT_EQ(kmem_cache_destroy(d), 0);
	}
	slab_debug_all = 0;
	EXPECT_EQ(slab_error_reports, 0);
	SH_END();
}

/*
 * cache_reap() from its timer (every REAPTIMEOUT_CPUC = 2 s), driven
 * through the timer softirq: an array used since the last visit is
 * only marked unused; an unused one gives back a fifth of its limit per
 * visit; every REAPTIMEOUT_LIST3 (4 s) the free slabs go back, a fifth
 * of free_limit's worth per visit, unless a free slab was needed
 * meanwhile; SLAB_NO_REAP caches are left alone.
 */
TEST(cache_reap_by_timer)
{
	kmem_cache_t *c, *nr;
	struct array_cache *ac;
	unsigned int i, n = 90, visits = 0, tofree, avail, nr_avail;
	unsigned long slabs, reaped;

	boot();
	c = kmem_cache_create("reap", 128, 0, 0, NULL, NULL);
	nr = kmem_cache_create("no-reap", 128, 0, SLAB_NO_REAP, NULL, NULL);
	ASSERT_TRUE(c && nr);
	ac = c->array[0];
	alloc_n(c, n, GFP_KERNEL);
	free_n(c, n);
	alloc_n(nr, 40, GFP_KERNEL);
	free_n(nr, 40);
	avail = ac->avail;
	nr_avail = nr->array[0]->avail;
	EXPECT_GE(avail, 60);
	EXPECT_EQ(ac->touched, 1);
	/* The first visit only clears touched. */
	sh_tick(2 * HZ);
	EXPECT_EQ(nr_pending_timers, 1);	/* re-armed */
	EXPECT_EQ(ac->touched, 0);
	EXPECT_EQ(ac->avail, avail);
	while (ac->avail && visits++ < 40) {
		avail = ac->avail;
		sh_tick(2 * HZ);
		EXPECT_EQ(ac->avail, avail - (avail < (ac->limit + 4) / 5 ? avail : (ac->limit + 4) / 5));
	}
	EXPECT_EQ(ac->avail, 0);
	EXPECT_EQ(nr->array[0]->avail, nr_avail);	/* left alone */
	EXPECT_SLAB_CONSISTENT();

	/* The free slabs: at most a fifth of free_limit's worth every 4 s, from the next due visit. */
	slabs = c->num_slabs;
	reaped = c->reaped;
	EXPECT_EQ(c->lists.free_objects, slabs * c->num);
	tofree = (c->free_limit + 5 * c->num - 1) / (5 * c->num);
	c->lists.free_touched = 1;
	c->lists.next_reap = jiffies + 2 * HZ;
	sh_tick(2 * HZ);			/* due, but a free slab was used: skipped */
	EXPECT_EQ(c->num_slabs, slabs);
	EXPECT_EQ(c->lists.free_touched, 0);
	EXPECT_EQ(c->lists.next_reap, jiffies + 4 * HZ);
	sh_tick(2 * HZ);			/* not due */
	EXPECT_EQ(c->num_slabs, slabs);
	sh_tick(2 * HZ);			/* due */
	EXPECT_EQ(c->num_slabs, slabs > tofree ? slabs - tofree : 0);
	EXPECT_EQ(c->reaped - reaped, slabs - c->num_slabs);
	for (i = 0; i < 20 && c->num_slabs; i++)
		sh_tick(2 * HZ);
	EXPECT_EQ(c->num_slabs, 0);
	EXPECT_GT(nr->num_slabs, 0);
	EXPECT_EQ(nr->reaped, 0);
	EXPECT_SLAB_CONSISTENT();
	EXPECT_EQ(kmem_cache_destroy(c), 0);
	EXPECT_EQ(kmem_cache_destroy(nr), 0);
	SH_END();
}

/* cache_reap() called directly never touches an object in use. */
TEST(cache_reap_direct)
{
	kmem_cache_t *c;
	unsigned int i, k;

	boot();
	c = kmem_cache_create("reap-direct", 300, 0, 0, NULL, NULL);
	ASSERT_NOT_NULL(c);
	alloc_n(c, 300, GFP_KERNEL);
	for (i = 0; i < 300; i++)
		memset(objs[i], i & 0xff, 300);
	for (i = 0; i < 300; i += 3)
		kmem_cache_free(c, objs[i]);
	for (k = 0; k < 10; k++) {
		c->lists.next_reap = jiffies - 1;
		cache_reap();
		EXPECT_SLAB_CONSISTENT();
	}
	for (i = 0; i < 300; i++) {
		unsigned char *p = objs[i];

		if (i % 3 == 0)
			continue;
		EXPECT_TRUE(p[0] == (i & 0xff) && p[299] == (i & 0xff));
		kmem_cache_free(c, objs[i]);
	}
	EXPECT_EQ(kmem_cache_destroy(c), 0);
	SH_END();
}

/*
 * The arena under ASan (slab_host.h): a page no one holds is poisoned,
 * a slab's page is not; sh_check() poisons a slab's leftover and the
 * padding after its bufctl array, which the allocator never touches.
 */
TEST(arena_watch)
{
	kmem_cache_t *c;
	struct slab *slabp;
	unsigned char *p, *start, *end;

	boot();
	c = kmem_cache_create("watch", 200, 64, 0, NULL, NULL);
	ASSERT_NOT_NULL(c);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	ASSERT_NOT_NULL(p);
	EXPECT_FALSE(__asan_address_is_poisoned(p));
	EXPECT_FALSE(__asan_address_is_poisoned(p + 199));
	EXPECT_SLAB_CONSISTENT();
	slabp = sh_slab_of(p);
	start = (unsigned char *)sh_slab_start(slabp);
	end = (unsigned char *)slabp->s_mem + c->num * c->objsize;
	ASSERT_GT(start + PAGE_SIZE - end, 0);
	EXPECT_TRUE(__asan_address_is_poisoned(end));			/* the leftover */
	EXPECT_TRUE(__asan_address_is_poisoned(start + PAGE_SIZE - 1));
	EXPECT_TRUE(__asan_address_is_poisoned((unsigned char *)slabp->s_mem - 1));	/* padding */
	EXPECT_FALSE(__asan_address_is_poisoned(slabp));		/* the descriptor */
	EXPECT_FALSE(__asan_address_is_poisoned(slab_bufctl(slabp) + c->num - 1));
	kmem_cache_free(c, p);
	EXPECT_EQ(kmem_cache_shrink(c), 0);			/* the slab's page back to the buddy system */
	EXPECT_TRUE(__asan_address_is_poisoned(p));
	EXPECT_TRUE(__asan_address_is_poisoned(start));
	EXPECT_EQ(kmem_cache_destroy(c), 0);
	SH_END();
}
