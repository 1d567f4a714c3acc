/*
 * Lazy FPU switching (ULK 3.3.4; include/asm/i387.h explains the
 * scheme): the boot-time set-up of CR0 and CR4, a task's initial FPU
 * state, saving and restoring it, and the device-not-available trap
 * that loads it.
 */
#include <kernel.h>
#include <init.h>
#include <string.h>
#include <bug.h>
#include <asm/i387.h>
#include <asm/processor.h>

unsigned long mxcsr_feature_mask = 0xffffffff;

/*
 * Without CPUID's FPU bit (an early i486), ask the chip: after fninit
 * a present FPU reads back status 0 and control 0x037f; with none,
 * nothing answers and the memory keeps what was there (Linux's
 * fpu__init_system_early_generic()).
 */
static bool __init fpu_probe(void)
{
	unsigned short fsw = 0xffff, fcw = 0xffff;

	__asm__ __volatile__("fninit; fnstsw %0; fnstcw %1" : "+m"(fsw), "+m"(fcw));
	return fsw == 0 && (fcw & 0x103f) == 0x003f;
}

/* Which MXCSR bits fxrstor accepts: fxsave reports it, 0 meaning 0xffbf (Linux). */
static void __init mxcsr_feature_mask_init(void)
{
	static struct i387_fxsave_struct fx __initdata;
	unsigned long mask;

	memset(&fx, 0, sizeof(fx));
	__asm__ __volatile__("fxsave %0" : "=m"(fx));
	mask = fx.mxcsr_mask ? (unsigned long)fx.mxcsr_mask : 0x0000ffbf;
	mxcsr_feature_mask &= mask;
}

/*
 * The CPU's FPU set-up (Linux's fpu__init_cpu()), once, at boot:
 *   CR0.MP  wait/fwait honour TS too, so no FPU instruction slips past
 *   CR0.NE  FPU errors raise exception 16 (#MF), not the PC's IRQ 13
 *   CR0.AM  user mode may turn on alignment checking (EFLAGS.AC: #AC)
 *   CR0.EM  clear: there is an FPU
 *   CR4.OSFXSR, OSXMMEXCPT  fxsave/fxrstor and SSE where the CPU has them
 *   CR0.TS  set: the first FPU instruction of any task traps (#NM)
 */
void __init fpu_init(void)
{
	unsigned long cr0 = read_cr0();

	cr0 &= ~(X86_CR0_TS | X86_CR0_EM);
	cr0 |= X86_CR0_MP | X86_CR0_NE | X86_CR0_AM;
	write_cr0(cr0);
	if (!cpu_has_fpu) {
		if (!fpu_probe())
			panic("Giving up, no FPU found and no math emulation present");
		boot_cpu_data.x86_capability[X86_FEATURE_FPU / 32] |= 1u << (X86_FEATURE_FPU % 32);
	}
	if (cpu_has_fxsr)
		set_in_cr4(X86_CR4_OSFXSR);
	if (cpu_has_xmm)
		set_in_cr4(X86_CR4_OSXMMEXCPT);
	__asm__ __volatile__("fninit");
	if (cpu_has_fxsr)
		mxcsr_feature_mask_init();
	stts();
	printk(KERN_INFO "x86/fpu: x87 FPU will use %s%s\n", cpu_has_fxsr ? "FXSAVE" : "FSAVE",
	       cpu_has_xmm ? ", SSE enabled" : "");
}

/*
 * A task's first FPU state: what fninit leaves (control word 0x037f:
 * every exception masked, 64-bit precision, round to nearest; all
 * registers empty) and MXCSR_DEFAULT -- Linux's init_fpu(). The fnsave
 * image has fnsave's 0xffff in the unused upper halves; fxsave's
 * abridged tag word is 0 for "all empty".
 */
void init_fpu(struct task_struct *tsk)
{
	union i387_union *fpu = &tsk->thread.i387;

	if (cpu_has_fxsr) {
		VM_BUG_ON((unsigned long)&fpu->fxsave & 15);	/* fxsave/fxrstor #GP otherwise */
		memset(&fpu->fxsave, 0, sizeof(fpu->fxsave));
		fpu->fxsave.cwd = 0x37f;
		if (cpu_has_xmm)
			fpu->fxsave.mxcsr = MXCSR_DEFAULT;
	} else {
		memset(&fpu->fsave, 0, sizeof(fpu->fsave));
		fpu->fsave.cwd = 0xffff037fu;
		fpu->fsave.swd = 0xffff0000u;
		fpu->fsave.twd = 0xffffffffu;
		fpu->fsave.fos = 0xffff0000u;
	}
	tsk->flags |= PF_USED_MATH;
}

/*
 * The FPU's registers into tsk's thread.i387 (tsk's state is in the
 * FPU: TS_USEDFPU), then CR0.TS set, so the next FPU instruction traps.
 * fxsave leaves pending exceptions in place: fnclex clears them, or
 * the next task would take an #MF that is not its own; fnsave
 * reinitialises the FPU itself.
 */
void save_init_fpu(struct task_struct *tsk)
{
	if (cpu_has_fxsr)
		__asm__ __volatile__("fxsave %0; fnclex" : "=m"(tsk->thread.i387.fxsave));
	else
		__asm__ __volatile__("fnsave %0; fwait" : "=m"(tsk->thread.i387.fsave));
	tsk->thread_info.status &= ~TS_USEDFPU;
	stts();
}

void restore_fpu(struct task_struct *tsk)
{
	if (cpu_has_fxsr)
		__asm__ __volatile__("fxrstor %0" :: "m"(tsk->thread.i387.fxsave));
	else
		__asm__ __volatile__("frstor %0" :: "m"(tsk->thread.i387.fsave));
}

/*
 * Device not available (#NM) from user mode: the current task wants
 * the FPU. Give it its registers (Linux 2.6's math_state_restore()).
 * The kernel is not preemptible, so nothing can switch tasks between
 * the clts and the restore.
 */
void math_state_restore(void)
{
	struct task_struct *tsk = current;

	clts();
	if (!tsk_used_math(tsk))
		init_fpu(tsk);
	restore_fpu(tsk);
	tsk->thread_info.status |= TS_USEDFPU;
}
