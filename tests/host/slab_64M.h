/*
 * The 64 MB machine test_slab and test_kmalloc share, and their object
 * array: include after harness.h and slab_host.h.
 *
 * 64 MB with a PC's holes: above 32 MB, so slabs may take order 1 to
 * waste less (slab_break_gfp_order 1). 16 MB of DMA, some HIGHMEM.
 */
#ifndef MNEME_SLAB_64M_H
#define MNEME_SLAB_64M_H

static const struct pa_layout machine = {
	.name = "slab-64M",
	.zones_size = { 0x1000, 0x2c00, 0x400 },
	.holes = { { 0x9f, 0x100 } },
	.reserved = { { 0, 1 }, { 0x100, 0x180 } },
};

#define MAX_OBJS	4096
static void *objs[MAX_OBJS];

static void boot(void)
{
	sh_boot(&machine);
	host_printk_clear();
}

/* Allocate n objects of c into objs[] (all must succeed). */
static void alloc_n(kmem_cache_t *c, unsigned int n, gfp_t gfp)
{
	unsigned int i;

	ASSERT_LE(n, MAX_OBJS);
	for (i = 0; i < n; i++) {
		objs[i] = kmem_cache_alloc(c, gfp);
		ASSERT_NOT_NULL(objs[i]);
	}
}

static void free_n(kmem_cache_t *c, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		kmem_cache_free(c, objs[i]);
}

#endif
