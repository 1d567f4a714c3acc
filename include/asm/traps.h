/* Trap handlers and the oops machinery (arch/x86/traps.c, dumpstack.c). */
#ifndef _ASM_TRAPS_H
#define _ASM_TRAPS_H

#include <types.h>
#include <asm/ptrace.h>

enum {
	X86_TRAP_DE = 0,	/* divide error */
	X86_TRAP_DB,		/* debug */
	X86_TRAP_NMI,
	X86_TRAP_BP,		/* int3 */
	X86_TRAP_OF,		/* overflow */
	X86_TRAP_BR,		/* bound range */
	X86_TRAP_UD,		/* invalid opcode */
	X86_TRAP_NM,		/* device not available */
	X86_TRAP_DF,		/* double fault */
	X86_TRAP_OLD_MF,	/* coprocessor segment overrun */
	X86_TRAP_TS,		/* invalid TSS */
	X86_TRAP_NP,		/* segment not present */
	X86_TRAP_SS,		/* stack segment */
	X86_TRAP_GP,		/* general protection */
	X86_TRAP_PF,		/* page fault */
	X86_TRAP_SPURIOUS,
	X86_TRAP_MF,		/* x87 floating point */
	X86_TRAP_AC,		/* alignment check */
	X86_TRAP_MC,		/* machine check */
	X86_TRAP_XF,		/* SIMD floating point */
	X86_TRAP_IRET = 32,	/* an iret to user mode that faulted (Linux's software trap number) */
};

#define FIRST_EXTERNAL_VECTOR	0x20
#define NR_IRQS			16
#define SYSCALL_VECTOR		0x80

/* Page-fault error code bits (ULK table 9-3's inputs). */
#define PF_PROT		0x1	/* 0: page not present, 1: protection violation */
#define PF_WRITE	0x2	/* 0: read, 1: write */
#define PF_USER		0x4	/* 0: kernel mode, 1: user mode */
#define PF_RSVD		0x8	/* reserved bit set in a paging entry */
#define PF_INSTR	0x10	/* instruction fetch */

void trap_init(void);
void doublefault_init(void);
/* The page directory the double-fault task switches to (physical). */
void doublefault_set_cr3(unsigned long cr3);

/*
 * Print an oops for regs, then (arch/x86/dumpstack.c): back to a
 * self-test that armed ktest_catch_oops(); else kill the current kernel
 * thread (exit code SIGSEGV); in an interrupt, init or the idle task,
 * panic. Never returns.
 */
__noreturn void die(const char *str, struct pt_regs *regs, long err);
void show_registers(struct pt_regs *regs);
void show_trace(unsigned long *stack, unsigned long ebp);

extern int die_counter;
/* Armed by ktest_catch_oops(): die() longjmps here instead of panicking. */
struct kernel_jmp_buf;
extern struct kernel_jmp_buf *oops_recovery;

/* Exception fixups (arch/x86/mm/extable.c): 1 if regs->eip was redirected. */
int fixup_exception(struct pt_regs *regs);

#endif
