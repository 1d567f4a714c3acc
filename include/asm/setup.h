/* Architecture boot set-up (arch/x86/setup.c). */
#ifndef _ASM_SETUP_H
#define _ASM_SETUP_H

#include <multiboot.h>
#include <asm/pgtable.h>

/* A copy of the loader's information, valid after setup_arch(). */
extern struct multiboot_info boot_params;
extern char boot_loader_name[64];
extern char boot_image_path[128];

extern unsigned long boot_params_phys;

void setup_arch(unsigned long magic, unsigned long mbi_phys);
/* arch/x86/init.c */
void setup_memory(void);
void free_initmem(void);
int page_is_ram(unsigned long pfn);
extern pte_t *pkmap_page_table;
void time_init(void);
unsigned int pit_read_count(void);

#endif
