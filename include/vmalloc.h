/*
 * Noncontiguous memory areas (ULK 8.3): page frames that need not be
 * contiguous, mapped at contiguous linear addresses between
 * VMALLOC_START and VMALLOC_END. Each area is described by a vm_struct
 * on the address-sorted vmlist and followed by one unmapped guard page,
 * so running off its end faults instead of touching the next area:
 *
 *   VMALLOC_START                                           VMALLOC_END
 *   | area 1 | guard | area 2      | guard |   free   | area 3 | guard |
 */
#ifndef _MNEME_VMALLOC_H
#define _MNEME_VMALLOC_H

#include <types.h>
#include <gfp.h>
#include <spinlock.h>
#include <asm/page.h>

struct page;

#define VM_IOREMAP	0x00000001	/* ioremap() and friends */
#define VM_ALLOC	0x00000002	/* vmalloc(): pages owned by the area */
#define VM_MAP		0x00000004	/* vmap(): pages owned by the caller */

struct vm_struct {
	void *addr;		/* the first byte */
	unsigned long size;	/* in bytes, the guard page included */
	unsigned long flags;
	struct page **pages;	/* the pages mapped, for VM_ALLOC and VM_MAP */
	unsigned int nr_pages;
	unsigned long phys_addr;
	void *caller;		/* who asked for it (reports, /proc/vmallocinfo) */
	struct vm_struct *next;	/* vmlist, sorted by address */
};

/* The area's size without its guard page. */
static inline unsigned long get_vm_area_size(const struct vm_struct *area)
{
	return area->size - PAGE_SIZE;
}

void *vmalloc(unsigned long size);
void *vzalloc(unsigned long size);
void *vmalloc_32(unsigned long size);
void *__vmalloc(unsigned long size, gfp_t gfp_mask, void *caller);
void vfree(const void *addr);
void *vmap(struct page **pages, unsigned int count, unsigned long flags);
void vunmap(const void *addr);
struct page *vmalloc_to_page(const void *addr);
int is_vmalloc_addr(const void *addr);

struct vm_struct *get_vm_area(unsigned long size, unsigned long flags);
struct vm_struct *__get_vm_area(unsigned long size, unsigned long flags,
				unsigned long start, unsigned long end, void *caller);
struct vm_struct *remove_vm_area(const void *addr);
struct vm_struct *find_vm_area(const void *addr);

/*
 * The area an address belongs to, or whose guard page it is in, or that
 * held it most recently when it has been freed (for oops reports).
 * Reads vmlist without vmlist_lock -- the oops may come from code that
 * holds it -- so call it only where the list cannot change under it
 * (an oops report; one CPU, no preemption). Returns a short
 * description in buf.
 */
const char *vmalloc_describe_address(unsigned long addr, char *buf, size_t len);

/*
 * The areas, sorted by address. Walked and changed under vmlist_lock,
 * taken with interrupts off (spin_lock_irqsave); mm/vmlist.c.
 */
extern struct vm_struct *vmlist;
extern spinlock_t vmlist_lock;
void vmalloc_init(void);

#endif
