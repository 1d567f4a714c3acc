/*
 * kmalloc() (ULK 8.2.15): 13 general caches of 32 .. 131072 bytes, each
 * with a twin whose slabs come from ZONE_DMA. A request goes to the
 * smallest cache that fits; the index is computed, not searched
 * (kmalloc_index(), include/slab.h): at compile time for a constant
 * size (kmalloc() inline, as Linux 2.6.11's), here otherwise.
 */
#include <kernel.h>
#include <string.h>
#include <init.h>
#include <mm.h>
#include <slab.h>
#include <slab_def.h>
#include "internal.h"

struct cache_sizes malloc_sizes[NR_MALLOC_SIZES];

static const struct {
	const char *name;
	const char *name_dma;
} cache_names[NR_MALLOC_SIZES] = {
	{ "size-32", "size-32(DMA)" }, { "size-64", "size-64(DMA)" },
	{ "size-128", "size-128(DMA)" }, { "size-256", "size-256(DMA)" },
	{ "size-512", "size-512(DMA)" }, { "size-1024", "size-1024(DMA)" },
	{ "size-2048", "size-2048(DMA)" }, { "size-4096", "size-4096(DMA)" },
	{ "size-8192", "size-8192(DMA)" }, { "size-16384", "size-16384(DMA)" },
	{ "size-32768", "size-32768(DMA)" }, { "size-65536", "size-65536(DMA)" },
	{ "size-131072", "size-131072(DMA)" },
};

/* The general cache for size, or NULL if none is large enough. */
kmem_cache_t *kmem_find_general_cachep(size_t size, gfp_t gfpflags)
{
	struct cache_sizes *cs;

	if (size > KMALLOC_MAX_SIZE)
		return NULL;
	cs = &malloc_sizes[kmalloc_index(size)];
	return (gfpflags & GFP_DMA) ? cs->cs_dmacachep : cs->cs_cachep;
}

bool is_general_cache(kmem_cache_t *cachep)
{
	unsigned int i;

	for (i = 0; i < NR_MALLOC_SIZES; i++)
		if (malloc_sizes[i].cs_cachep == cachep || malloc_sizes[i].cs_dmacachep == cachep)
			return true;
	return false;
}

void __init kmem_cache_init_general(void)
{
	unsigned int i;

	for (i = 0; i < NR_MALLOC_SIZES; i++) {
		struct cache_sizes *cs = &malloc_sizes[i];

		cs->cs_size = 32UL << i;
		cs->cs_cachep = kmem_cache_create(cache_names[i].name, cs->cs_size, 0,
						  SLAB_PANIC, NULL, NULL);
		cs->cs_dmacachep = kmem_cache_create(cache_names[i].name_dma, cs->cs_size, 0,
						     SLAB_CACHE_DMA | SLAB_PANIC, NULL, NULL);
	}
}

/*
 * kmalloc() of a size not known at compile time: size bytes from the
 * smallest general cache that fits; GFP_DMA takes the DMA twin. Above
 * 131072 bytes: NULL, with a warning (use the page allocator or vmalloc
 * for that).
 */
void fastcall *__kmalloc(size_t size, gfp_t flags)
{
	struct cache_sizes *cs;

	if (unlikely(size > KMALLOC_MAX_SIZE)) {
		if (!(flags & __GFP_NOWARN))
			WARN(1, "kmalloc: %zu bytes is more than the largest general cache (%d)\n",
			     size, KMALLOC_MAX_SIZE);
		return NULL;
	}
	cs = &malloc_sizes[kmalloc_index(size)];
	return __cache_alloc(unlikely(flags & GFP_DMA) ? cs->cs_dmacachep : cs->cs_cachep, flags);
}

void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

/* n objects of size bytes, zeroed; NULL if n * size overflows. */
void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	if (size && n > (size_t)-1 / size)
		return NULL;
	return kmalloc(n * size, flags | __GFP_ZERO);
}

/* Free what kmalloc() returned (NULL is allowed). A bad pointer is reported and ignored. */
void fastcall kfree(const void *objp)
{
	if (unlikely(!objp))
		return;
	if (unlikely(!slab_any_page_ok(objp))) {
		slab_object_valid(NULL, objp, "kfree");	/* says why */
		return;
	}
	__cache_free(page_get_cache(virt_to_page(objp)), (void *)objp);
}

/* The usable size of a kmalloc'ed object: at least what was asked for. */
size_t ksize(const void *objp)
{
	kmem_cache_t *cachep;

	if (!objp)
		return 0;
	cachep = page_get_cache(virt_to_page(objp));
	return (cachep->flags & SLAB_DEBUG_FLAGS) ? cachep->reallen : cachep->objsize;
}
