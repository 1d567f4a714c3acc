/*
 * vmalloc() and friends (ULK 8.3.2-8.3.3): areas from mm/vmlist.c,
 * filled with pages one at a time (high memory welcome: the area maps
 * them), mapped in the master kernel page tables (swapper_pg_dir)
 * through the architecture's pte_alloc_kernel() and unmap_kernel_range()
 * (include/asm/pgtable.h).
 *
 *   vmalloc(size)  get_vm_area(), alloc_page() for each page, map_vm_area()
 *   vfree(addr)    remove_vm_area() (unlink, unmap, flush), free each page
 *   vmap(pages)    map pages the caller owns; vunmap() undoes it
 *
 * Process context only: no vmalloc() from interrupts, as in Linux; it
 * may sleep (GFP_KERNEL pages), so never with a spinlock held either.
 * vmlist is read and changed under vmlist_lock (mm/vmlist.c).
 */
#include <kernel.h>
#include <gfp.h>
#include <mm.h>
#include <slab.h>
#include <spinlock.h>
#include <vmalloc.h>
#include <seq_file.h>
#include <vmstat.h>
#include <asm/pgtable.h>
#include "internal.h"

static int map_vm_area(struct vm_struct *area, pgprot_t prot, struct page **pages)
{
	unsigned long addr = (unsigned long)area->addr;
	unsigned int i;

	for (i = 0; i < area->nr_pages; i++, addr += PAGE_SIZE) {
		pte_t *pte = pte_alloc_kernel(addr);

		if (!pte)
			return -1;
		BUG_ON(!pte_none(*pte));
		/* No TLB flush: the entry was not present, so nothing is cached. */
		set_pte(pte, pfn_pte(page_to_pfn(pages[i]), prot));
	}
	return 0;
}

/* Clear the area's entries and flush them (arch/x86/mm/pgtable.c): vmalloc mappings are global. */
static void unmap_vm_area(struct vm_struct *area)
{
	unmap_kernel_range((unsigned long)area->addr, get_vm_area_size(area));
}

struct vm_struct *get_vm_area(unsigned long size, unsigned long flags)
{
	return __get_vm_area(size, flags, VMALLOC_START, VMALLOC_END, __builtin_return_address(0));
}

/* Unlink, unmap and flush the area at addr; NULL if there is none. */
struct vm_struct *remove_vm_area(const void *addr)
{
	struct vm_struct *area = remove_vm_area_nomap(addr);

	if (area)
		unmap_vm_area(area);
	return area;
}

static void free_pages_array(struct vm_struct *area)
{
	if (area->flags & VM_VPAGES)
		vfree(area->pages);
	else
		kfree(area->pages);
}

static void __vunmap(const void *addr, int deallocate_pages, const char *func)
{
	struct vm_struct *area;

	if (!addr)
		return;
	if ((unsigned long)addr & ~PAGE_MASK) {
		printk(KERN_ERR "%s: bad address %p (not page aligned)\n", func, addr);
		WARN_ON(1);
		return;
	}
	area = remove_vm_area(addr);
	if (!area) {
		printk(KERN_ERR "%s: trying to free nonexistent vm area %p\n", func, addr);
		WARN_ON(1);
		return;
	}
	if (deallocate_pages) {
		unsigned int i;

		for (i = 0; i < area->nr_pages; i++)
			__free_page(area->pages[i]);
		free_pages_array(area);
	}
	kfree(area);
}

/*
 * size bytes of virtually contiguous memory, each page from gfp_mask's
 * zones. NULL if the vmalloc area has no room or memory runs out;
 * whatever was allocated is given back.
 */
void *__vmalloc(unsigned long size, gfp_t gfp_mask, void *caller)
{
	struct vm_struct *area;
	unsigned int i, nr_pages;
	unsigned long array_size;

	if (WARN(in_interrupt(), "vmalloc() from interrupt context\n"))
		return NULL;
	might_sleep_if(gfp_mask & __GFP_WAIT);
	size = PAGE_ALIGN(size);
	if (!size)
		return NULL;
	if ((size >> PAGE_SHIFT) > totalram_pages) {
		if (!(gfp_mask & __GFP_NOWARN))
			printk(KERN_WARNING "vmalloc: allocation of %lu bytes failed: more than "
			       "the machine's memory (%pS)\n", size, caller);
		return NULL;
	}
	area = __get_vm_area(size, VM_ALLOC, VMALLOC_START, VMALLOC_END, caller);
	if (!area) {
		if (!(gfp_mask & __GFP_NOWARN))
			printk(KERN_WARNING "vmalloc: allocation of %lu bytes failed: no room in "
			       "the vmalloc area (%pS)\n", size, caller);
		return NULL;
	}
	nr_pages = size >> PAGE_SHIFT;
	array_size = nr_pages * sizeof(struct page *);
	if (array_size > PAGE_SIZE) {
		area->pages = __vmalloc(array_size, gfp_mask | __GFP_ZERO, caller);
		area->flags |= VM_VPAGES;
	} else {
		area->pages = kzalloc(array_size, gfp_mask & ~__GFP_HIGHMEM);
	}
	if (!area->pages) {
		remove_vm_area(area->addr);
		kfree(area);
		return NULL;
	}
	for (i = 0; i < nr_pages; i++) {
		area->pages[i] = alloc_page(gfp_mask | __GFP_NOWARN);
		if (!area->pages[i])
			break;
		area->nr_pages = i + 1;
	}
	if (area->nr_pages < nr_pages || map_vm_area(area, PAGE_KERNEL, area->pages)) {
		if (!(gfp_mask & __GFP_NOWARN))
			printk(KERN_WARNING "vmalloc: allocation of %lu bytes failed: out of pages "
			       "(%pS)\n", size, caller);
		__vunmap(area->addr, 1, "vmalloc");
		return NULL;
	}
	return area->addr;
}

void *vmalloc(unsigned long size)
{
	return __vmalloc(size, GFP_KERNEL | __GFP_HIGHMEM, __builtin_return_address(0));
}

void *vzalloc(unsigned long size)
{
	return __vmalloc(size, GFP_KERNEL | __GFP_HIGHMEM | __GFP_ZERO,
			 __builtin_return_address(0));
}

/* Pages the CPU can reach with 32-bit addresses: never high memory (ULK: for DMA-ish users). */
void *vmalloc_32(unsigned long size)
{
	return __vmalloc(size, GFP_KERNEL, __builtin_return_address(0));
}

void vfree(const void *addr)
{
	if (WARN(in_interrupt(), "vfree() from interrupt context\n"))
		return;
	__vunmap(addr, 1, "vfree");
}

/* Map count pages the caller owns at contiguous addresses. */
void *vmap(struct page **pages, unsigned int count, unsigned long flags)
{
	struct vm_struct *area;

	if (!count || count > totalram_pages)
		return NULL;
	area = __get_vm_area((unsigned long)count << PAGE_SHIFT, flags | VM_MAP, VMALLOC_START,
			     VMALLOC_END, __builtin_return_address(0));
	if (!area)
		return NULL;
	area->pages = pages;
	area->nr_pages = count;
	if (map_vm_area(area, PAGE_KERNEL, pages)) {
		vunmap(area->addr);
		return NULL;
	}
	return area->addr;
}

void vunmap(const void *addr)
{
	__vunmap(addr, 0, "vunmap");
}

int is_vmalloc_addr(const void *addr)
{
	return (unsigned long)addr >= VMALLOC_START && (unsigned long)addr < VMALLOC_END;
}

/* The page mapped at a vmalloc address, by walking the kernel page tables. */
struct page *vmalloc_to_page(const void *addr)
{
	enum pg_level level;
	pte_t *pte = lookup_address((unsigned long)addr, &level);

	if (!is_vmalloc_addr(addr) || !pte || level != PG_LEVEL_4K || !pte_present(*pte))
		return NULL;
	return pfn_to_page(pte_pfn(*pte));
}

/* /proc/vmallocinfo: one line per area, Linux's format. */
void vmallocinfo_show(struct seq_file *m)
{
	struct vm_struct *v;
	unsigned long flags;

	spin_lock_irqsave(&vmlist_lock, flags);
	for (v = vmlist; v; v = v->next) {
		char pages[24] = "", phys[24] = "";

		if (v->nr_pages)
			snprintf(pages, sizeof(pages), " pages=%u", v->nr_pages);
		if (v->phys_addr)	/* Linux's " phys=%pa": 8 digits on a 32-bit phys_addr_t */
			snprintf(phys, sizeof(phys), " phys=0x%08lx", v->phys_addr);
		seq_printf(m, "0x%p-0x%p %7lu %pS%s%s%s\n", v->addr,
		       (char *)v->addr + v->size, v->size, v->caller, pages, phys,
		       v->flags & VM_ALLOC ? " vmalloc" : v->flags & VM_MAP ? " vmap" : " ioremap");
	}
	spin_unlock_irqrestore(&vmlist_lock, flags);
}

/* VmallocTotal, VmallocUsed and VmallocChunk (the largest free gap) for meminfo. */
static unsigned long vmalloc_total_kb(void)
{
	return (VMALLOC_END - VMALLOC_START) >> 10;
}

static unsigned long vmalloc_used_kb(void)
{
	struct vm_struct *v;
	unsigned long used = 0, flags;

	spin_lock_irqsave(&vmlist_lock, flags);
	for (v = vmlist; v; v = v->next)
		used += v->size - PAGE_SIZE;
	spin_unlock_irqrestore(&vmlist_lock, flags);
	return used >> 10;
}

static unsigned long vmalloc_chunk_kb(void)
{
	unsigned long prev_end = VMALLOC_START, largest = 0, flags;
	struct vm_struct *v;

	spin_lock_irqsave(&vmlist_lock, flags);
	for (v = vmlist; v; v = v->next) {
		if ((unsigned long)v->addr > prev_end)
			largest = max(largest, (unsigned long)v->addr - prev_end);
		prev_end = (unsigned long)v->addr + v->size;
	}
	spin_unlock_irqrestore(&vmlist_lock, flags);
	largest = max(largest, VMALLOC_END - prev_end);
	return largest >> 10;
}

static const struct meminfo_extra vmalloc_meminfo[] = {
	{ "VmallocTotal:", vmalloc_total_kb },
	{ "VmallocUsed:", vmalloc_used_kb },
	{ "VmallocChunk:", vmalloc_chunk_kb },
};

void vmalloc_init(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vmalloc_meminfo); i++)
		register_meminfo_extra(&vmalloc_meminfo[i]);
}

void show_vmallocinfo(void)
{
	struct seq_file m = SEQ_LOG;

	vmallocinfo_show(&m);
	seq_flush(&m);
}
