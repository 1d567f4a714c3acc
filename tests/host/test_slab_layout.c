/*
 * Slab layouts on a small machine: 12 MB, all of it ZONE_DMA (no
 * Normal zone: GFP_KERNEL falls back to DMA). Below 32 MB the slab
 * allocator keeps slabs to the smallest order that holds an object
 * (slab_break_gfp_order 0), whatever it wastes; test_slab checks the
 * same layouts on a 64 MB machine (break order 1).
 */
#include "harness.h"
#include "slab_host.h"

static const struct pa_layout machine = {
	.name = "slab-12M-dma",
	.zones_size = { 0xc00, 0, 0 },
	.reserved = { { 0, 1 }, { 0x9f, 0x100 } },
};

/* The general caches and cache_cache, laid out for break order 0. */
TEST(general_caches)
{
	unsigned int i;

	sh_boot(&machine);
	EXPECT_EQ(sh.break_order, 0);
	for (i = 0; i < 26; i++) {
		unsigned long size = 32UL << (i / 2);
		kmem_cache_t *c = kmem_find_general_cachep(size, i & 1 ? GFP_DMA : 0);
		struct sh_layout L;

		ASSERT_NOT_NULL(c);
		ASSERT_TRUE(sh_expect_layout(size, 0, 0, 0, &L));
		SH_EXPECT_OK(sh_layout_diff(c, &L), 0);
		SH_EXPECT_OK(sh_layout_properties(c, L.align), 0);
		/* The smallest order that holds one object, always. */
		EXPECT_EQ(PAGE_SIZE << c->gfporder, size > PAGE_SIZE ? size : PAGE_SIZE);
	}
	EXPECT_TRUE(kmem_find_general_cachep(512, 0)->flags & CFLGS_OFF_SLAB);
	EXPECT_FALSE(kmem_find_general_cachep(256, 0)->flags & CFLGS_OFF_SLAB);
	SH_EXPECT_OK(sh_layout_properties(sh_cache_cache(), SH_L1), 0);
	SH_END();
}

/*
 * Worked out by hand (the rules are in test_slab's layouts_by_hand),
 * where break order 0 makes a difference: test_slab's machine takes
 * order 1 for these, here order 0 wastes what it wastes.
 */
TEST(break_order_0_by_hand)
{
	static const struct {
		unsigned long size, flags;
		unsigned int objsize, order, num, off_slab, colour;
	} rows[] = {
		/* 1504, off; order 0: 2 = 3008, left 1088 (over 1/8, but break order 0);
		   ALIGN(48, 8) fits: on, left 1040 = 32 colours */
		{ 1500, 0, 1504, 0, 2, 0, 32 },
		/* order 0: 1, left 1096; on, left 1048 = 32 colours */
		{ 3000, 0, 3000, 0, 1, 0, 32 },
		/* 600 + 8 + 8 + 8 = 624, off; order 0: 6 = 3744, left 352; ALIGN(64, 8) fits:
		   on, left 288 = 9 colours */
		{ 600, SLAB_RED_ZONE | SLAB_STORE_USER, 624, 0, 6, 0, 9 },
	};
	unsigned int i;

	sh_boot(&machine);
	ASSERT_EQ(sh.break_order, 0);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		kmem_cache_t *c = kmem_cache_create("by-hand", rows[i].size, 0, rows[i].flags,
						    NULL, NULL);
		struct sh_layout L;

		ASSERT_NOT_NULL(c);
		EXPECT_EQ(c->objsize, rows[i].objsize);
		EXPECT_EQ(c->gfporder, rows[i].order);
		EXPECT_EQ(c->num, rows[i].num);
		EXPECT_EQ(!!(c->flags & CFLGS_OFF_SLAB), rows[i].off_slab);
		EXPECT_EQ(c->colour, rows[i].colour);
		/* The model agrees with the hand. */
		ASSERT_TRUE(sh_expect_layout(rows[i].size, 0, rows[i].flags, 0, &L));
		EXPECT_EQ(L.objsize, rows[i].objsize);
		EXPECT_EQ(L.order, rows[i].order);
		EXPECT_EQ(L.num, rows[i].num);
		EXPECT_EQ(L.off_slab, rows[i].off_slab);
		EXPECT_EQ(L.colour, rows[i].colour);
		EXPECT_EQ(kmem_cache_destroy(c), 0);
	}
	SH_END();
}

TEST(layout_sweep)
{
	sh_boot(&machine);
	sh_layout_sweep();
	SH_END();
}

/* Everything from ZONE_DMA, the only zone: a cache's slabs and kmalloc()'s, with or without GFP_DMA. */
TEST(one_zone_machine)
{
	unsigned long size;

	sh_boot(&machine);
	for (size = 8; size <= KMALLOC_MAX_SIZE; size *= 2) {
		void *p = kmalloc(size, GFP_KERNEL), *d = kmalloc(size, GFP_DMA);

		ASSERT_TRUE(p && d);
		EXPECT_EQ(page_zonenum(virt_to_page(p)), ZONE_DMA);
		EXPECT_EQ(page_zonenum(virt_to_page(d)), ZONE_DMA);
		EXPECT_PTR_NE(sh_cache_of(p), sh_cache_of(d));
		kfree(p);
		kfree(d);
	}
	EXPECT_SLAB_CONSISTENT();
	SH_END();
}
