/*
 * The initrd at the end of boot (include/initrd.h). Each multiboot
 * module is read through and checksummed -- which shows its bytes
 * survived boot intact --, then, as Linux's populate_rootfs(), unpacked
 * into the root file system if it is a cpio archive (fs/initramfs.c),
 * and finally its pages go to the page allocator.
 */
#include <kernel.h>
#include <crc32.h>
#include <gfp.h>
#include <highmem.h>
#include <initrd.h>
#include <init.h>
#include <mm.h>
#include <slab.h>
#include <sched.h>
#include <syscalls.h>
#include <vmalloc.h>
#include <fs.h>
#include <asm/irqflags.h>
#include <asm/uaccess.h>

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

/*
 * The module's bytes in one piece: the direct map for low memory, a
 * vmap() of its pages where it reaches high memory. NULL on failure.
 */
static const char *__init map_module(const struct boot_module *m, struct page ***pagesp)
{
	unsigned long first = PFN_DOWN(m->start), last = PFN_DOWN(m->end - 1), i, n;
	struct page **pages;
	char *v;

	*pagesp = NULL;
	if (!PageHighmem(pfn_to_page(last)))
		return __va(m->start);
	n = last - first + 1;
	pages = kmalloc(n * sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return NULL;
	for (i = 0; i < n; i++)
		pages[i] = pfn_to_page(first + i);
	v = vmap(pages, n, VM_MAP);
	if (!v) {
		kfree(pages);
		return NULL;
	}
	*pagesp = pages;
	return v + (m->start & ~PAGE_MASK);
}

/* Unpack one module into the root, with Linux's set-up: kernel pointers as user ones, umask 0. */
static void __init unpack_module(const struct boot_module *m)
{
	unsigned long len = m->end - m->start, entries = 0;
	mm_segment_t old_fs = get_fs();
	struct page **pages;
	const char *buf, *err;
	char *msg;
	long old_umask;

	char magic[6];

	if (len < sizeof(magic))
		return;
	/* A look at the magic first: only an archive is worth mapping whole. */
	buf = kmap_atomic(pfn_to_page(PFN_DOWN(m->start)), KM_USER0);
	memcpy(magic, buf + (m->start & ~PAGE_MASK),
	       min((unsigned long)sizeof(magic), PAGE_SIZE - (m->start & ~PAGE_MASK)));
	kunmap_atomic((void *)buf, KM_USER0);
	if (memcmp(magic, "07070", 5)) {
		printk(KERN_INFO "initramfs: module %u is not a cpio archive: not unpacked\n", m->nr);
		return;
	}
	buf = map_module(m, &pages);
	msg = kmalloc(256, GFP_KERNEL);
	if (!buf || !msg) {
		printk(KERN_ERR "initramfs: module %u: no memory to unpack it\n", m->nr);
		goto out;
	}
	set_fs(KERNEL_DS);
	old_umask = sys_umask(0);
	err = unpack_cpio(buf, len, msg, 256, &entries);
	sys_umask(old_umask);
	set_fs(old_fs);
	if (err)
		printk(KERN_ERR "%s (module %u; %lu members unpacked before)\n", err, m->nr,
		       entries);
	else
		printk(KERN_INFO "initramfs: module %u: %lu members unpacked into /\n", m->nr,
		       entries);
out:
	kfree(msg);
	if (!buf && pages)
		kfree(pages);
	if (buf && pages) {
		vunmap(buf - (m->start & ~PAGE_MASK));
		kfree(pages);
	}
}

void __init populate_rootfs(void)
{
	mm_segment_t old_fs = get_fs();
	unsigned int i;
	long err;

	set_fs(KERNEL_DS);
	err = default_rootfs();
	set_fs(old_fs);
	if (err)
		printk(KERN_ERR "populate_rootfs: cannot make /dev/console: error %ld\n", err);
	if (!nr_boot_modules)
		return;
	for (i = 0; i < nr_boot_modules; i++) {
		const struct boot_module *m = &boot_modules[i];

		printk(KERN_INFO "initrd: module %u \"%s\" at 0x%08lx%s: %lu bytes, crc32 0x%08x\n",
		       m->nr, m->name, m->start,
		       m->end > m->start && PageHighmem(pfn_to_page(PFN_DOWN(m->end - 1))) ?
		       " (high memory)" : "", m->end - m->start, initrd_crc32(m->start, m->end));
		unpack_module(m);
	}
	free_initrd();
}
