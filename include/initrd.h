/*
 * Multiboot modules: the files the loader put in memory beside the
 * kernel (GRUB's "module" lines, QEMU's -initrd "a,b,c"). They are
 * Mneme's initrd: setup_arch() reserves them before the boot memory
 * allocator places anything; at the end of boot populate_rootfs()
 * reads them (today: a size and a checksum each; once the initramfs
 * exists, unpacks the cpio archive) and free_initrd() gives their pages
 * to the page allocator, as Linux's free_initrd_mem().
 *
 * A module may lie anywhere in RAM: in low memory it is read through
 * the direct map, in high memory a page at a time through kmap_atomic().
 */
#ifndef _MNEME_INITRD_H
#define _MNEME_INITRD_H


#define MAX_BOOT_MODULES	64

struct boot_module {
	unsigned long start, end;	/* physical, [start, end) */
	unsigned int nr;		/* its place in the loader's list, from 1 */
	char name[64];			/* the loader's string for it, cut to fit */
};

/* The modules kept (those the loader gave wrongly are ignored at boot, with a warning). */
extern struct boot_module boot_modules[MAX_BOOT_MODULES];
extern unsigned int nr_boot_modules;

/* kernel/initrd.c: each module's size and CRC-32, then free_initrd(). */
void populate_rootfs(void);
/* The modules' pages back to the page allocator; "Freeing initrd memory: Nk freed". */
void free_initrd(void);

/* arch/x86/mm/init.c: the page frames of [start, end) no other boot data shares, freed. */
unsigned long free_initrd_mem(unsigned long start, unsigned long end);

#endif
