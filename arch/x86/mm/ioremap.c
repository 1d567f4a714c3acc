/*
 * ioremap()/iounmap() (ULK 8.3, "Allocating a noncontiguous memory
 * area"; Linux's arch/x86/mm/ioremap.c): physical I/O memory -- the VGA
 * text buffer, a device's registers -- mapped into the vmalloc area as
 * an area of its own (VM_IOREMAP, /proc/vmallocinfo's "ioremap" with
 * its phys= address), uncached (PCD | PWT), so that writes reach the
 * device in order and reads are never stale.
 *
 * RAM the page allocator owns is refused (NULL), as both 2.6 and 6.1
 * refuse it: it is already in the direct map with other attributes.
 * Unlike 2.6.11, the ISA hole (0xa0000 - 0x100000) is mapped like any
 * other range instead of answered from the direct map, so each user is
 * visible in vmallocinfo, as in Linux 6.1.
 */
#include <kernel.h>
#include <mm.h>
#include <slab.h>
#include <vmalloc.h>
#include <asm/io.h>
#include <asm/pgtable.h>

#define PAGE_KERNEL_IO	__pgprot(__PAGE_KERNEL | _PAGE_PCD | _PAGE_PWT)

static void __iomem *__ioremap_caller(unsigned long phys_addr, unsigned long size, void *caller)
{
	unsigned long offset = phys_addr & ~PAGE_MASK, last = phys_addr + size - 1;
	unsigned long pfn = phys_addr >> PAGE_SHIFT, nr, addr, i;
	struct vm_struct *area;

	if (!size || last < phys_addr)
		return NULL;
	nr = (PAGE_ALIGN(last + 1) >> PAGE_SHIFT) - pfn;
	if (!nr || page_frames_in_use(pfn, nr)) {
		printk(KERN_WARNING "ioremap on RAM at 0x%08lx - 0x%08lx\n", phys_addr, last);
		return NULL;
	}
	area = __get_vm_area(nr << PAGE_SHIFT, VM_IOREMAP, VMALLOC_START, VMALLOC_END, caller);
	if (!area)
		return NULL;
	area->phys_addr = phys_addr & PAGE_MASK;
	addr = (unsigned long)area->addr;
	for (i = 0; i < nr; i++, addr += PAGE_SIZE) {
		pte_t *pte = pte_alloc_kernel(addr);

		if (!pte) {
			iounmap(area->addr);
			return NULL;
		}
		/* No TLB flush: the entry was not present. */
		set_pte(pte, pfn_pte(pfn + i, PAGE_KERNEL_IO));
	}
	return (char __iomem *)area->addr + offset;
}

/* size bytes of I/O memory at phys_addr, mapped uncached; NULL if refused or no room. */
void __iomem *ioremap(unsigned long phys_addr, unsigned long size)
{
	return __ioremap_caller(phys_addr, size, __builtin_return_address(0));
}

/*
 * Undo ioremap(): any address inside the first page of the mapping
 * will do, as in Linux. Anything else -- NULL aside -- is reported and
 * left alone, never a crash.
 */
void iounmap(volatile void __iomem *addr)
{
	void *page = (void *)((unsigned long)addr & PAGE_MASK);
	struct vm_struct *area;

	if (!addr)
		return;
	area = find_vm_area(page);
	if (!area || !(area->flags & VM_IOREMAP) || area->addr != page) {
		printk(KERN_ERR "iounmap: bad address %p (from %pS)\n", (void *)addr,
		       __builtin_return_address(0));
		return;
	}
	area = remove_vm_area(page);
	kfree(area);
}
