/*
 * The FPU, MMX and SSE registers of user tasks (ULK 3.3.4, Linux 2.6's
 * asm-i386/i387.h). The kernel itself never uses them (it is built with
 * -mno-80387 -mno-sse), so they belong to one task at a time and are
 * switched lazily:
 *
 *   - __switch_to() saves the outgoing task's registers only if it used
 *     the FPU since it was switched in (TS_USEDFPU), then sets CR0.TS;
 *   - the next FPU, MMX or SSE instruction of whoever runs then traps
 *     (#NM, device not available): math_state_restore() clears TS and
 *     loads that task's registers -- or, on its very first use,
 *     Linux's initial state (init_fpu(): fninit's, MXCSR 0x1f80).
 *
 * A task that never touches the FPU never pays for it. CR0.TS clear
 * means "the FPU holds current's registers" (TS_USEDFPU is set).
 *
 * fxsave/fxrstor (512 bytes, with the SSE registers) where CPUID says
 * FXSR, with CR4.OSFXSR (and CR4.OSXMMEXCPT where there is SSE, so SIMD
 * exceptions arrive as #XM); fnsave/frstor (108 bytes) on the i486 and
 * the Pentium.
 */
#ifndef _ASM_I387_H
#define _ASM_I387_H

#include <sched.h>

#define MXCSR_DEFAULT	0x1f80	/* every SIMD exception masked, round to nearest */

/* The MXCSR bits this CPU accepts (fxrstor faults on the others): for wave 2's sigreturn. */
extern unsigned long mxcsr_feature_mask;

void fpu_init(void);
void init_fpu(struct task_struct *tsk);
void save_init_fpu(struct task_struct *tsk);
void restore_fpu(struct task_struct *tsk);
void math_state_restore(void);

/* The FPU state of tsk into thread.i387, if it is in the FPU (before a switch or a fork). */
static inline void unlazy_fpu(struct task_struct *tsk)
{
	if (tsk->thread_info.status & TS_USEDFPU)
		save_init_fpu(tsk);
}
#define __unlazy_fpu(tsk)	unlazy_fpu(tsk)

/* Drop the FPU state in the FPU without saving it (exec). */
static inline void clear_fpu(struct task_struct *tsk)
{
	if (tsk->thread_info.status & TS_USEDFPU) {
		__asm__ __volatile__("fnclex");
		tsk->thread_info.status &= ~TS_USEDFPU;
		stts();
	}
}

/* The control and status words of a task whose state is in thread.i387. */
static inline unsigned short get_fpu_cwd(const struct task_struct *tsk)
{
	return cpu_has_fxsr ? tsk->thread.i387.fxsave.cwd :
			      (unsigned short)tsk->thread.i387.fsave.cwd;
}

static inline unsigned short get_fpu_swd(const struct task_struct *tsk)
{
	return cpu_has_fxsr ? tsk->thread.i387.fxsave.swd :
			      (unsigned short)tsk->thread.i387.fsave.swd;
}

static inline unsigned short get_fpu_mxcsr(const struct task_struct *tsk)
{
	return cpu_has_xmm ? tsk->thread.i387.fxsave.mxcsr : MXCSR_DEFAULT;
}

#endif
