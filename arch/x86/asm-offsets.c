/*
 * Constants and structure offsets for the NASM sources, generated at
 * build time (as Linux's asm-offsets.c): this file is compiled to
 * assembly and scripts/asm_offsets.py turns each "->NAME value" marker
 * into "%define NAME value" in build/include/asm-offsets.inc. So the
 * assembly never restates a number the C headers define.
 */
#include <types.h>
#include <multiboot.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/reboot.h>
#include <asm/ptrace.h>
#include <asm/segment.h>
#include <asm/serial.h>
#include <asm/thread_info.h>
#include <asm/unistd.h>
#include <sched.h>

#define DEFINE(sym, val) \
	__asm__ __volatile__("\n.ascii \"->" #sym " %0\"" :: "i"((long)(val)))
#define OFFSET(sym, str, mem)	DEFINE(sym, offsetof(struct str, mem))

void asm_offsets(void);
void asm_offsets(void)
{
	DEFINE(MULTIBOOT_HEADER_MAGIC, MULTIBOOT_HEADER_MAGIC);
	DEFINE(MULTIBOOT_HEADER_FLAGS, MULTIBOOT_HEADER_FLAGS);
	DEFINE(MULTIBOOT_BOOTLOADER_MAGIC, MULTIBOOT_BOOTLOADER_MAGIC);

	DEFINE(__PAGE_OFFSET, __PAGE_OFFSET);
	DEFINE(PAGE_SIZE, PAGE_SIZE);
	DEFINE(PGDIR_SHIFT, PGDIR_SHIFT);
	DEFINE(KERNEL_PGD_INDEX, __PAGE_OFFSET >> PGDIR_SHIFT);
	DEFINE(PROVISIONAL_MAP_SIZE, PROVISIONAL_MAP_SIZE);
	DEFINE(PROVISIONAL_PGD_PTRS, PROVISIONAL_PGD_PTRS);
	DEFINE(_PAGE_PRESENT, _PAGE_PRESENT);
	DEFINE(_PAGE_RW, _PAGE_RW);
	DEFINE(THREAD_SIZE, THREAD_SIZE);
	DEFINE(X86_CR0_PG, X86_CR0_PG);
	DEFINE(X86_CR0_WP, X86_CR0_WP);
	DEFINE(X86_EFLAGS_AC, X86_EFLAGS_AC);
	DEFINE(X86_EFLAGS_ID, X86_EFLAGS_ID);
	OFFSET(CPUINFO_x86, cpuinfo_x86, x86);
	OFFSET(CPUINFO_cpuid_level, cpuinfo_x86, cpuid_level);
	DEFINE(QEMU_EXIT_PORT, QEMU_EXIT_PORT);
	DEFINE(QEMU_EXIT_PANIC, QEMU_EXIT_PANIC);

	DEFINE(__KERNEL_CS, __KERNEL_CS);
	DEFINE(__KERNEL_DS, __KERNEL_DS);
	DEFINE(__USER_CS, __USER_CS);
	DEFINE(__USER_DS, __USER_DS);
	DEFINE(SEGMENT_RPL_MASK, SEGMENT_RPL_MASK);
	DEFINE(SERIAL_PORT, SERIAL_PORT_COM1);

	OFFSET(PT_EBX, pt_regs, ebx);
	OFFSET(PT_ECX, pt_regs, ecx);
	OFFSET(PT_EDX, pt_regs, edx);
	OFFSET(PT_ESI, pt_regs, esi);
	OFFSET(PT_EDI, pt_regs, edi);
	OFFSET(PT_EBP, pt_regs, ebp);
	OFFSET(PT_EAX, pt_regs, eax);
	OFFSET(PT_XDS, pt_regs, xds);
	OFFSET(PT_XES, pt_regs, xes);
	OFFSET(PT_ORIG_EAX, pt_regs, orig_eax);
	OFFSET(PT_EIP, pt_regs, eip);
	OFFSET(PT_XCS, pt_regs, xcs);
	OFFSET(PT_EFLAGS, pt_regs, eflags);
	OFFSET(PT_OLDESP, pt_regs, esp);
	OFFSET(PT_OLDSS, pt_regs, xss);
	DEFINE(PT_SIZE, sizeof(struct pt_regs));

	DEFINE(TASK_THREAD_ESP, offsetof(struct task_struct, thread.esp));
	DEFINE(TASK_FLAGS, offsetof(struct task_struct, flags));
	DEFINE(TASK_TI_FLAGS, offsetof(struct task_struct, thread_info.flags));
	DEFINE(PF_KTHREAD, PF_KTHREAD);
	DEFINE(_TIF_WORK_MASK, _TIF_WORK_MASK);
	DEFINE(NR_syscalls, NR_syscalls);
}
