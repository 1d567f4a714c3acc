/*
 * The list of noncontiguous memory areas (ULK 8.3.1): vm_struct
 * descriptors on vmlist, sorted by address, allocated first fit between
 * two bounds, each with a guard page after it. No page tables here:
 * this is the address-space bookkeeping mm/vmalloc.c builds on (and
 * the host tests check on their own).
 */
#include <kernel.h>
#include <string.h>
#include <slab.h>
#include <spinlock.h>
#include <vmalloc.h>
#include <asm/page.h>
#include "internal.h"

struct vm_struct *vmlist;
DEFINE_SPINLOCK(vmlist_lock);

/*
 * The most recently freed areas, so that a fault in one can say what
 * it was (a use after vfree()).
 */
#define VM_HISTORY	16
struct vm_freed {
	unsigned long addr, size;
	void *caller;
};
static struct vm_freed vm_history[VM_HISTORY];
static unsigned int vm_history_next;

/*
 * First fit: walk the sorted list for the first gap of size bytes (the
 * guard page added) at or above start, aligned to align, ending by end.
 * Expects vmlist_lock held; area is filled in and linked.
 */
struct vm_struct *__insert_vm_area(struct vm_struct *area, unsigned long size,
				   unsigned long align, unsigned long start, unsigned long end)
{
	struct vm_struct **p, *tmp;
	unsigned long addr = ALIGN(start, align);

	assert_spin_locked(&vmlist_lock);
	if (!size || !align || (align & (align - 1)))
		return NULL;	/* nothing to map, or no alignment to round to */
	if (addr < start || PAGE_ALIGN(size) + PAGE_SIZE <= size)
		return NULL;	/* start or size rounded up past the top of the address space */
	size = PAGE_ALIGN(size) + PAGE_SIZE;	/* the guard page */
	for (p = &vmlist; (tmp = *p) != NULL; p = &tmp->next) {
		unsigned long t_start = (unsigned long)tmp->addr, t_end = t_start + tmp->size;

		if (t_end <= addr)
			continue;	/* wholly below */
		if (addr + size < addr)
			return NULL;	/* wrapped */
		if (addr + size <= t_start)
			break;		/* the gap before tmp fits */
		addr = ALIGN(t_end, align);
		if (addr < t_end)
			return NULL;	/* wrapped */
	}
	if (addr + size < addr || addr + size > end)
		return NULL;
	area->addr = (void *)addr;
	area->size = size;
	area->next = *p;
	*p = area;
	return area;
}

/* Unlink the area starting exactly at addr. Expects vmlist_lock held. */
struct vm_struct *__remove_vm_area(const void *addr)
{
	struct vm_struct **p, *tmp;

	assert_spin_locked(&vmlist_lock);
	for (p = &vmlist; (tmp = *p) != NULL; p = &tmp->next) {
		if (tmp->addr == addr) {
			*p = tmp->next;
			vm_history[vm_history_next] = (struct vm_freed){
				(unsigned long)tmp->addr, tmp->size, tmp->caller };
			vm_history_next = (vm_history_next + 1) % VM_HISTORY;
			return tmp;
		}
	}
	return NULL;
}

struct vm_struct *__get_vm_area(unsigned long size, unsigned long flags,
				unsigned long start, unsigned long end, void *caller)
{
	struct vm_struct *area;
	unsigned long irqflags;

	if (!size || size > end - start)
		return NULL;
	area = kmalloc(sizeof(*area), GFP_KERNEL);
	if (!area)
		return NULL;
	memset(area, 0, sizeof(*area));
	area->flags = flags;
	area->caller = caller;
	spin_lock_irqsave(&vmlist_lock, irqflags);
	if (!__insert_vm_area(area, size, PAGE_SIZE, start, end)) {
		spin_unlock_irqrestore(&vmlist_lock, irqflags);
		kfree(area);
		return NULL;
	}
	spin_unlock_irqrestore(&vmlist_lock, irqflags);
	return area;
}

struct vm_struct *find_vm_area(const void *addr)
{
	struct vm_struct *tmp;
	unsigned long irqflags;

	spin_lock_irqsave(&vmlist_lock, irqflags);
	for (tmp = vmlist; tmp && tmp->addr != addr; tmp = tmp->next)
		;
	spin_unlock_irqrestore(&vmlist_lock, irqflags);
	return tmp;
}

/* Unlink (but not unmap or free) the area at addr; NULL if there is none. */
struct vm_struct *remove_vm_area_nomap(const void *addr)
{
	struct vm_struct *area;
	unsigned long irqflags;

	spin_lock_irqsave(&vmlist_lock, irqflags);
	area = __remove_vm_area(addr);
	spin_unlock_irqrestore(&vmlist_lock, irqflags);
	return area;
}

/*
 * What an address in the vmalloc range is, for an oops: inside an area,
 * in an area's guard page, in a recently freed area, or nothing. Reads
 * the list without the lock: the oops may come from inside vmalloc.
 */
const char *vmalloc_describe_address(unsigned long addr, char *buf, size_t len)
{
	struct vm_struct *tmp;
	unsigned int i;

	for (tmp = vmlist; tmp; tmp = tmp->next) {
		unsigned long start = (unsigned long)tmp->addr, end = start + tmp->size;

		if (addr < start || addr >= end)
			continue;
		snprintf(buf, len, "%s vmalloc area %#lx-%#lx (%lu bytes) allocated by %pS",
			 addr >= end - PAGE_SIZE ? "in the guard page after" : "inside",
			 start, end - PAGE_SIZE - 1, get_vm_area_size(tmp), tmp->caller);
		return buf;
	}
	for (i = 1; i <= VM_HISTORY; i++) {
		struct vm_freed *f = &vm_history[(vm_history_next + VM_HISTORY - i) % VM_HISTORY];

		if (f->size && addr >= f->addr && addr < f->addr + f->size) {
			snprintf(buf, len, "in freed vmalloc area %#lx-%#lx (%lu bytes) that was "
				 "allocated by %pS", f->addr, f->addr + f->size - PAGE_SIZE - 1,
				 f->size - PAGE_SIZE, f->caller);
			return buf;
		}
	}
	snprintf(buf, len, "in no vmalloc area");
	return buf;
}
