/*
 * The Global Descriptor Table and the task-state segment (ULK 2.3, 3.3.2).
 *
 * Linux keeps one TSS per CPU only for two fields: esp0/ss0, the stack
 * the CPU switches to on entering the kernel from user mode, and the
 * I/O permission bitmap (we have none: io_bitmap_base points past the
 * segment limit, so every user-mode port access faults).
 */
#include <asm/desc.h>
#include <asm/processor.h>

struct desc_struct gdt_table[GDT_ENTRIES] __aligned(32) = {
	[GDT_ENTRY_KERNEL_CS]		= GDT_ENTRY_INIT(DESC_KERNEL_CODE, 0, 0xfffff),
	[GDT_ENTRY_KERNEL_DS]		= GDT_ENTRY_INIT(DESC_KERNEL_DATA, 0, 0xfffff),
	[GDT_ENTRY_DEFAULT_USER_CS]	= GDT_ENTRY_INIT(DESC_USER_CODE, 0, 0xfffff),
	[GDT_ENTRY_DEFAULT_USER_DS]	= GDT_ENTRY_INIT(DESC_USER_DATA, 0, 0xfffff),
	/* TSS descriptors are filled in by cpu_init(): their base is not a constant. */
};

/* Loaded by startup_32 before the first far jump to __KERNEL_CS. */
struct desc_ptr gdt_descr = {
	.size = sizeof(gdt_table) - 1,
	.address = (unsigned long)gdt_table,
};

struct tss_struct init_tss __aligned(128);

/* Per-CPU state the hardware needs: the TSS and the task register. */
void cpu_init(void)
{
	init_tss.ss0 = __KERNEL_DS;
	init_tss.esp0 = (unsigned long)&init_thread_union + THREAD_SIZE;
	init_tss.io_bitmap_base = sizeof(init_tss);	/* beyond the limit: no bitmap */
	set_tss_desc(&gdt_table[GDT_ENTRY_TSS], &init_tss, sizeof(init_tss));
	load_tr(__TSS);
}
