/*
 * The initrd at the end of boot (include/initrd.h). Linux's
 * populate_rootfs() unpacks the initramfs from it and then frees it;
 * until Mneme has a file system, each multiboot module is only read
 * through and checksummed -- which shows its bytes survived boot intact
 * -- before its pages go to the page allocator.
 */
#include <kernel.h>
#include <crc32.h>
#include <gfp.h>
#include <highmem.h>
#include <initrd.h>
#include <init.h>
#include <mm.h>
#include <asm/irqflags.h>

/* CRC-32 of [start, end), a page at a time: a module in high memory has no direct mapping. */
static u32 __init initrd_crc32(unsigned long start, unsigned long end)
{
	unsigned long pfn = PFN_DOWN(start), offset = start & ~PAGE_MASK;
	u32 crc = ~0u;

	while (start < end) {
		unsigned long n = min(end - start, PAGE_SIZE - offset);
		char *v = kmap_atomic(pfn_to_page(pfn), KM_USER0);

		crc = crc32_le(crc, v + offset, n);
		kunmap_atomic(v, KM_USER0);
		start += n;
		offset = 0;
		pfn++;
	}
	return crc ^ ~0u;
}

/*
 * Every module's pages to the page allocator. Interrupts are off so
 * that nothing else allocates or frees meanwhile: the rise in free
 * pages printed is then exactly what the modules gave back.
 */
void __init free_initrd(void)
{
	unsigned long flags, before, after, freed = 0;
	unsigned int i;

	local_irq_save(flags);
	drain_local_pages();
	before = nr_free_pages();
	for (i = 0; i < nr_boot_modules; i++)
		freed += free_initrd_mem(boot_modules[i].start, boot_modules[i].end);
	drain_local_pages();
	after = nr_free_pages();
	local_irq_restore(flags);
	nr_boot_modules = 0;
	printk(KERN_INFO "Freeing initrd memory: %luk freed (free pages %lu -> %lu)\n",
	       K(freed), before, after);
}

void __init populate_rootfs(void)
{
	unsigned int i;

	if (!nr_boot_modules)
		return;
	for (i = 0; i < nr_boot_modules; i++) {
		const struct boot_module *m = &boot_modules[i];

		printk(KERN_INFO "initrd: module %u \"%s\" at 0x%08lx%s: %lu bytes, crc32 0x%08x\n",
		       m->nr, m->name, m->start,
		       m->end > m->start && PageHighmem(pfn_to_page(PFN_DOWN(m->end - 1))) ?
		       " (high memory)" : "", m->end - m->start, initrd_crc32(m->start, m->end));
	}
	free_initrd();
}
