/*
 * The Multiboot specification, version 0.6.96: what the loader (GRUB,
 * or QEMU's -kernel) hands to startup_32.
 */
#ifndef _MNEME_MULTIBOOT_H
#define _MNEME_MULTIBOOT_H

#define MULTIBOOT_HEADER_MAGIC		0x1BADB002
#define MULTIBOOT_BOOTLOADER_MAGIC	0x2BADB002

/* Header flags we ask for. */
#define MULTIBOOT_PAGE_ALIGN		0x00000001	/* modules page aligned */
#define MULTIBOOT_MEMORY_INFO		0x00000002	/* mem_* and mmap_* */
#define MULTIBOOT_HEADER_FLAGS		(MULTIBOOT_PAGE_ALIGN | MULTIBOOT_MEMORY_INFO)

/* multiboot_info.flags: which fields are valid. */
#define MULTIBOOT_INFO_MEMORY		0x00000001
#define MULTIBOOT_INFO_BOOTDEV		0x00000002
#define MULTIBOOT_INFO_CMDLINE		0x00000004
#define MULTIBOOT_INFO_MODS		0x00000008
#define MULTIBOOT_INFO_MEM_MAP		0x00000040
#define MULTIBOOT_INFO_BOOT_LOADER_NAME	0x00000200

#ifndef __ASSEMBLER__
#include <types.h>

struct multiboot_info {
	u32 flags;
	u32 mem_lower;		/* KB below 1 MB */
	u32 mem_upper;		/* KB above 1 MB, up to the first hole */
	u32 boot_device;
	u32 cmdline;		/* physical address of a C string */
	u32 mods_count;
	u32 mods_addr;
	u32 syms[4];
	u32 mmap_length;	/* bytes */
	u32 mmap_addr;
	u32 drives_length;
	u32 drives_addr;
	u32 config_table;
	u32 boot_loader_name;
	u32 apm_table;
	u32 vbe[6];
} __attribute__((packed));

/*
 * One memory-map entry. "size" is the size of the rest of the entry
 * (at least 20) and does not count itself: the next entry starts at
 * (char *)entry + size + 4.
 */
struct multiboot_mmap_entry {
	u32 size;
	u64 addr;
	u64 len;
	u32 type;
} __attribute__((packed));

struct multiboot_mod_list {
	u32 mod_start;
	u32 mod_end;
	u32 cmdline;
	u32 pad;
} __attribute__((packed));

#endif
#endif
