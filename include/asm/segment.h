/*
 * The GDT layout of Linux 2.6 on i386 (ULK figure 2-6). One GDT, 32
 * entries of 8 bytes:
 *
 *   0      null                       12  kernel code  __KERNEL_CS 0x60
 *   1-5    reserved                   13  kernel data  __KERNEL_DS 0x68
 *   6-8    TLS (set_thread_area)      14  user code    __USER_CS   0x73
 *   9-11   reserved                   15  user data    __USER_DS   0x7b
 *                                     16  TSS                      0x80
 *                                     17  LDT (unused)
 *                                     18-30 reserved (PnP BIOS, APM ...)
 *                                     31  double-fault TSS         0xf8
 *
 * A selector is (index << 3) | TI | RPL; user selectors carry RPL 3.
 * All code and data segments are flat: base 0, limit 4 GB. Paging, not
 * segmentation, separates user from kernel.
 */
#ifndef _ASM_SEGMENT_H
#define _ASM_SEGMENT_H

#define GDT_ENTRY_TLS_MIN		6
#define GDT_ENTRY_TLS_ENTRIES		3
#define GDT_ENTRY_TLS_MAX		(GDT_ENTRY_TLS_MIN + GDT_ENTRY_TLS_ENTRIES - 1)
#define GDT_ENTRY_KERNEL_CS		12
#define GDT_ENTRY_KERNEL_DS		13
#define GDT_ENTRY_DEFAULT_USER_CS	14
#define GDT_ENTRY_DEFAULT_USER_DS	15
#define GDT_ENTRY_TSS			16
#define GDT_ENTRY_LDT			17
#define GDT_ENTRY_DOUBLEFAULT_TSS	31
#define GDT_ENTRIES			32

#define __KERNEL_CS	(GDT_ENTRY_KERNEL_CS * 8)
#define __KERNEL_DS	(GDT_ENTRY_KERNEL_DS * 8)
#define __USER_CS	(GDT_ENTRY_DEFAULT_USER_CS * 8 + 3)
#define __USER_DS	(GDT_ENTRY_DEFAULT_USER_DS * 8 + 3)
#define __TSS		(GDT_ENTRY_TSS * 8)
#define __DOUBLEFAULT_TSS (GDT_ENTRY_DOUBLEFAULT_TSS * 8)

#define SEGMENT_RPL_MASK	0x3
#define USER_RPL		0x3

/* The selector of GDT entry idx for user mode: musl loads %gs with (6 << 3) | 3 = 0x33. */
#define TLS_SELECTOR(idx)	(((idx) << 3) | USER_RPL)

#ifndef __ASSEMBLER__
#include <extable.h>

/*
 * The user's %fs and %gs are not saved on kernel entry (ULK 4.6.1.3's
 * SAVE_ALL has no place for them, and the kernel never uses them): they
 * keep the user's values while the kernel runs and are switched with
 * the task in __switch_to() (ULK 3.3.3). A mov from a segment register
 * to a 32-bit register leaves the upper half undefined before the
 * Pentium Pro: hence the mask.
 */
#define savesegment(seg, value) do {					\
	unsigned int __sel;						\
	__asm__ __volatile__("movl %%" #seg ", %0" : "=r"(__sel));	\
	(value) = __sel & 0xffff;					\
} while (0)

/*
 * Load a segment register; a selector the CPU refuses (a TLS entry
 * that set_thread_area() has cleared since it was loaded) loads the
 * null selector instead, as Linux's loadsegment() does: the task's
 * next use of the register then faults in user mode, where it belongs.
 */
#define loadsegment(seg, value)						\
	__asm__ __volatile__(						\
		"1:	movl %k0, %%" #seg "\n"				\
		"2:\n"							\
		"	.section .fixup, \"ax\"\n"			\
		"3:	pushl $0\n"					\
		"	popl %%" #seg "\n"				\
		"	jmp 2b\n"					\
		"	.previous\n"					\
		_ASM_EXTABLE(1b, 3b)					\
		:: "r"(value) : "memory")
#endif

#endif
