/* Architecture boot set-up (arch/x86/setup.c). */
#ifndef _ASM_SETUP_H
#define _ASM_SETUP_H

#include <multiboot.h>
#include <initrd.h>

/* A copy of the loader's information, valid after setup_arch(). */
extern struct multiboot_info boot_params;
extern char boot_loader_name[64];
extern char boot_image_path[128];

extern unsigned long boot_params_phys;

/*
 * What must survive until it is read, recorded before the boot memory
 * allocator exists (Linux's reserve_early()): the loader's information,
 * command line, memory map, module list, module strings and modules.
 * setup_memory() places bootmem's bitmap around them and reserves them;
 * mem_init() leaves those in high memory out of the page allocator.
 */
struct early_res {
	u64 start, end;			/* physical, [start, end) */
	const char *name;
	bool initrd;			/* a module: freed by free_initrd() */
};
#define MAX_EARLY_RES		(8 + 2 * MAX_BOOT_MODULES)
extern struct early_res early_res[MAX_EARLY_RES];
extern unsigned int nr_early_res;
void reserve_early(u64 start, u64 end, const char *name, bool initrd);
/* Of the reservations overlapping [start, end), the lowest; NULL if none. */
const struct early_res *early_res_overlap(u64 start, u64 end);

void setup_arch(unsigned long magic, unsigned long mbi_phys);
/* arch/x86/mm/init.c */
void setup_memory(void);
void e820_apply_mem_limit(void);
void free_initmem(void);
int page_is_ram(unsigned long pfn);
void time_init(void);
unsigned int pit_read_count(void);

#endif
