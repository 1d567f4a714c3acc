/*
 * Page frames: from addresses to descriptors and back, reference counts,
 * and the memory totals (ULK 8.1).
 */
#ifndef _MNEME_MM_H
#define _MNEME_MM_H

#include <types.h>
#include <bug.h>
#include <mm_types.h>
#include <page-flags.h>
#include <mmzone.h>
#include <asm/page.h>

extern struct page *mem_map;
extern unsigned long max_pfn;		/* one past the last page frame of RAM */
extern unsigned long max_low_pfn;	/* one past the last low-memory page frame */
extern unsigned long min_low_pfn;	/* the first page frame after the kernel image */
extern unsigned long highstart_pfn, highend_pfn;
extern unsigned long num_physpages;	/* page frames of RAM */
extern unsigned long totalram_pages;	/* page frames the allocator manages */
extern unsigned long totalhigh_pages;
extern void *high_memory;		/* the end of the direct map */

/* A number of pages in KB, for reports ("%luk", "... kB"): Linux's K(). */
#define K(pages)	((pages) << (PAGE_SHIFT - 10))

/* The zone of a page is kept in the top bits of its flags. */
#define ZONES_PGSHIFT	(BITS_PER_LONG - ZONES_SHIFT)

static inline enum zone_type page_zonenum(const struct page *page)
{
	return (enum zone_type)(page->flags >> ZONES_PGSHIFT);
}

static inline struct zone *page_zone(const struct page *page)
{
	return zone_table[page_zonenum(page)];
}

static inline void set_page_zone(struct page *page, enum zone_type zone)
{
	page->flags &= ~(~0UL << ZONES_PGSHIFT);
	page->flags |= (unsigned long)zone << ZONES_PGSHIFT;
}

static inline unsigned long page_to_pfn(const struct page *page)
{
	return page - mem_map;
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + pfn;
}

static inline int pfn_valid(unsigned long pfn)
{
	return pfn < max_pfn;
}

#define virt_to_page(kaddr)	pfn_to_page(__pa(kaddr) >> PAGE_SHIFT)
#define virt_addr_valid(kaddr)	((unsigned long)(kaddr) >= PAGE_OFFSET && \
				 pfn_valid(__pa(kaddr) >> PAGE_SHIFT) && \
				 (unsigned long)(kaddr) < (unsigned long)high_memory)
#define page_to_phys(page)	((unsigned long)page_to_pfn(page) << PAGE_SHIFT)

/*
 * The kernel virtual address of a page: its direct-map address for low
 * memory; for high memory, where it is mapped by kmap(), or NULL.
 */
void *page_address(const struct page *page);
#define lowmem_page_address(page) __va(page_to_pfn(page) << PAGE_SHIFT)

/*
 * Reference counts (ULK: _count is -1 for a free page). page_count()
 * is the number of users; the last put_page() frees the page.
 */
static inline int page_count(const struct page *page)
{
	return atomic_read(&page->_count) + 1;
}

static inline void set_page_count(struct page *page, int v)
{
	atomic_set(&page->_count, v - 1);
}

static inline void get_page(struct page *page)
{
	atomic_inc(&page->_count);
}

/* Drop a reference; true if it was the last one. */
static inline int put_page_testzero(struct page *page)
{
	BUG_ON(page_count(page) == 0);
	return atomic_add_negative(-1, &page->_count);
}

void put_page(struct page *page);

static inline int page_mapcount(const struct page *page)
{
	return atomic_read(&page->_mapcount) + 1;
}

static inline int page_mapped(const struct page *page)
{
	return atomic_read(&page->_mapcount) >= 0;
}

static inline void reset_page_mapcount(struct page *page)
{
	atomic_set(&page->_mapcount, -1);
}

/* Buddy system: the order of a free block, stored in its first page. */
static inline unsigned long page_order(const struct page *page)
{
	return page->private;
}

unsigned long nr_free_pages(void);
unsigned long nr_free_highpages(void);
unsigned long nr_free_buffer_pages(void);

/* Counters of the allocator's self-checks (mm/page_alloc.c). */
extern unsigned long nr_bad_page_reports;

/* Whole-structure checkers, for debug assertions and tests. */
bool zone_check(struct zone *zone);

/*
 * Boot. The architecture (arch/x86/mm/init.c) builds the page tables
 * and the zones in paging_init(), then hands free memory over in
 * mem_init(); mm/ gives it these steps:
 *
 *   free_area_init_node()     mem_map and the zones (zholes_size: the
 *                             frames of each zone that are not RAM)
 *   build_all_zonelists()     each gfp zone modifier's fallback list
 *   free_pages_range(s, e)    page frames [s, e) to the buddy system;
 *                             returns how many (mm/page_alloc.c)
 *   init_per_zone_pages_min() the watermarks, from min_free_kbytes
 *   min_free_kbytes_for(kb)   what min_free_kbytes will be for kb of low
 *                             memory (setup_memory() checks boot fits)
 */
void free_area_init_node(const unsigned long *zones_size, const unsigned long *zholes_size);
void build_all_zonelists(void);
unsigned long free_pages_range(unsigned long start_pfn, unsigned long end_pfn);
void init_per_zone_pages_min(void);
unsigned long min_free_kbytes_for(unsigned long lowmem_kbytes);
void paging_init(void);
void mem_init(void);

#endif
