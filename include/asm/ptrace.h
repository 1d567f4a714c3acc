/*
 * The register frame an exception, interrupt or (later) system call
 * leaves on the kernel stack; the layout of Linux 2.6 i386. The CPU
 * pushes eip..xss (esp/xss only on a privilege change); the entry code
 * in arch/x86/entry.asm pushes the rest.
 *
 *   high  xss      } pushed by the CPU only when coming from user mode
 *         esp      }
 *         eflags   \
 *         xcs       } pushed by the CPU
 *         eip      /
 *         orig_eax    error code slot / system-call number
 *         xes, xds
 *         eax ebp edi esi edx ecx
 *   low   ebx   <- struct pt_regs *
 */
#ifndef _ASM_PTRACE_H
#define _ASM_PTRACE_H

#include <asm/segment.h>

struct pt_regs {
	long ebx;
	long ecx;
	long edx;
	long esi;
	long edi;
	long ebp;
	long eax;
	int xds;
	int xes;
	long orig_eax;
	long eip;
	int xcs;
	long eflags;
	long esp;
	int xss;
};

static inline int user_mode(const struct pt_regs *regs)
{
	return (regs->xcs & SEGMENT_RPL_MASK) == USER_RPL;
}

/*
 * For a trap taken in kernel mode the CPU pushed no esp/xss: the
 * interrupted stack pointer is where those fields would start.
 */
static inline unsigned long kernel_stack_pointer(const struct pt_regs *regs)
{
	return user_mode(regs) ? (unsigned long)regs->esp : (unsigned long)&regs->esp;
}

#define instruction_pointer(regs)	((unsigned long)(regs)->eip)

#endif
