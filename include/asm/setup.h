/* Architecture boot set-up (arch/x86/setup.c). */
#ifndef _ASM_SETUP_H
#define _ASM_SETUP_H

#include <multiboot.h>

/* A copy of the loader's information, valid after setup_arch(). */
extern struct multiboot_info boot_params;
extern char boot_loader_name[64];
extern char boot_image_path[128];

void setup_arch(unsigned long magic, unsigned long mbi_phys);
void time_init(void);

#endif
