/*
 * setjmp/longjmp for kernel code (arch/x86/setjmp.asm). Used only to
 * recover from an oops a self-test provokes on purpose: die() jumps
 * back to the test instead of panicking (see ktest_catch_oops()).
 */
#ifndef _ASM_SETJMP_H
#define _ASM_SETJMP_H

struct kernel_jmp_buf {
	unsigned long ebx, esi, edi, ebp, esp, eip;
	unsigned long preempt_count;	/* __preempt_count, restored by the longjmp */
};

int kernel_setjmp(struct kernel_jmp_buf *buf) __attribute__((returns_twice));
__attribute__((noreturn)) void kernel_longjmp(struct kernel_jmp_buf *buf, int val);

#endif
