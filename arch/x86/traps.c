/*
 * The Interrupt Descriptor Table and the exception handlers (ULK 4.2.3,
 * 4.5). A fault in kernel mode is first offered to the exception table
 * (a fixup for an expected fault, such as a bad user pointer) and to
 * the die notifier chain; otherwise it is an oops.
 */
#include <kernel.h>
#include <bug.h>
#include <notifier.h>
#include <sched.h>
#include <signal.h>
#include <asm/desc.h>
#include <asm/i387.h>
#include <asm/processor.h>
#include <asm/traps.h>

struct desc_struct idt_table[256] __aligned(8);

static struct desc_ptr idt_descr = {
	.size = sizeof(idt_table) - 1,
	.address = (unsigned long)idt_table,
};

static struct notifier_block *die_chain;

int register_die_notifier(struct notifier_block *nb)
{
	return notifier_chain_register(&die_chain, nb);
}

int unregister_die_notifier(struct notifier_block *nb)
{
	return notifier_chain_unregister(&die_chain, nb);
}

int notify_die(enum die_val val, const char *str, struct pt_regs *regs, long err, int trapnr)
{
	struct die_args args = {
		.regs = regs, .str = str, .err = err, .trapnr = trapnr,
	};

	return notifier_call_chain(&die_chain, val, &args);
}

void set_intr_gate(unsigned int n, void *addr)
{
	pack_gate(&idt_table[n], GATE_INTERRUPT, (unsigned long)addr, __KERNEL_CS);
}

void set_trap_gate(unsigned int n, void *addr)
{
	pack_gate(&idt_table[n], GATE_TRAP, (unsigned long)addr, __KERNEL_CS);
}

/* A trap gate user mode may reach with int n (int3, into, int 0x80). */
void set_system_gate(unsigned int n, void *addr)
{
	pack_gate(&idt_table[n], GATE_TRAP | GATE_DPL3, (unsigned long)addr, __KERNEL_CS);
}

void set_task_gate(unsigned int n, unsigned int gdt_entry)
{
	pack_gate(&idt_table[n], GATE_TASK, 0, gdt_entry << 3);
}

/*
 * Linux 6.1's line for a user-mode trap that will kill the task
 * (show_signal(); "traps: " is its pr_fmt prefix), e.g.
 *
 *   traps: prog[42] trap divide error ip:8048013 sp:bfffeff0 error:0
 *
 * Linux adds " in prog[8048000+1000]", the file mapped at ip, when
 * there is one; without file mappings yet, the line stops at error.
 */
static void show_signal(struct task_struct *tsk, const char *type, const char *desc,
			struct pt_regs *regs, long error_code)
{
	printk(KERN_INFO "traps: %s[%d] %s%s ip:%lx sp:%lx error:%lx\n", tsk->comm, tsk->pid,
	       type, desc, regs->eip, regs->esp, error_code);
}

/*
 * A trap (ULK 4.5): in user mode the task is at fault -- it gets the
 * signal (force_sig_fault(): for now it dies of it, kernel/signal.c),
 * with the trap remembered for its signal frame; in kernel mode it is
 * offered to the die chain and the exception table, else it is an oops.
 * Linux 6.1's do_trap(), signal numbers and si_codes.
 */
static void do_trap(int trapnr, int signr, const char *str, struct pt_regs *regs,
		    long error_code, int sicode, void __user *addr)
{
	struct task_struct *tsk = current;

	if (notify_die(DIE_TRAP, str, regs, error_code, trapnr) == NOTIFY_STOP)
		return;
	if (!user_mode(regs)) {
		if (fixup_exception(regs))
			return;
		die(str, regs, error_code);
	}
	tsk->thread.error_code = error_code;
	tsk->thread.trap_no = trapnr;
	show_signal(tsk, "trap ", str, regs, error_code);
	force_sig_fault(signr, sicode, addr);
}

/* sicode SI_KERNEL and no address: Linux's force_sig() for these traps. */
#define DO_ERROR(trapnr, signr, str, name)				\
void name(struct pt_regs *regs, long error_code);			\
void name(struct pt_regs *regs, long error_code)			\
{									\
	do_trap(trapnr, signr, str, regs, error_code, SI_KERNEL, NULL);	\
}

/* The faulting instruction's address in the siginfo. */
#define DO_ERROR_INFO(trapnr, signr, str, name, sicode)			\
void name(struct pt_regs *regs, long error_code);			\
void name(struct pt_regs *regs, long error_code)			\
{									\
	do_trap(trapnr, signr, str, regs, error_code, sicode,		\
		(void __user *)regs->eip);				\
}

DO_ERROR_INFO(X86_TRAP_DE, SIGFPE, "divide error", do_divide_error, FPE_INTDIV)
DO_ERROR(X86_TRAP_OF, SIGSEGV, "overflow", do_overflow)
DO_ERROR(X86_TRAP_BR, SIGSEGV, "bounds", do_bounds)
DO_ERROR(X86_TRAP_OLD_MF, SIGFPE, "coprocessor segment overrun", do_coprocessor_segment_overrun)
DO_ERROR(X86_TRAP_TS, SIGSEGV, "invalid TSS", do_invalid_TSS)
DO_ERROR(X86_TRAP_NP, SIGBUS, "segment not present", do_segment_not_present)
DO_ERROR(X86_TRAP_SS, SIGBUS, "stack segment", do_stack_segment)
DO_ERROR(X86_TRAP_MC, SIGBUS, "machine check", do_machine_check)
DO_ERROR(X86_TRAP_SPURIOUS, SIGSEGV, "spurious interrupt bug", do_spurious_interrupt_bug)

void do_alignment_check(struct pt_regs *regs, long error_code);
void do_alignment_check(struct pt_regs *regs, long error_code)
{
	do_trap(X86_TRAP_AC, SIGBUS, "alignment check", regs, error_code, BUS_ADRALN, NULL);
}

/*
 * An iret that faulted (arch/x86/entry.asm, fix_iret): regs is the
 * frame it could not return to. Linux 6.1's iret_error: SIGILL.
 */
void do_iret_error(struct pt_regs *regs, long error_code);
void do_iret_error(struct pt_regs *regs, long error_code)
{
	do_trap(X86_TRAP_IRET, SIGILL, "iret exception", regs, error_code, ILL_BADSTK, NULL);
}

/*
 * In user mode, no report and no die chain (Linux 6.1): the task gets
 * SIGSEGV. In the kernel, a fault with a fixup (a bad selector loaded
 * on purpose) is expected.
 */
void do_general_protection(struct pt_regs *regs, long error_code);
void do_general_protection(struct pt_regs *regs, long error_code)
{
	struct task_struct *tsk = current;

	if (user_mode(regs)) {
		tsk->thread.error_code = error_code;
		tsk->thread.trap_no = X86_TRAP_GP;
		show_signal(tsk, "", "general protection fault", regs, error_code);
		force_sig_fault(SIGSEGV, SI_KERNEL, NULL);
		return;
	}
	if (fixup_exception(regs))
		return;
	if (notify_die(DIE_GPF, "general protection fault", regs, error_code,
		       X86_TRAP_GP) == NOTIFY_STOP)
		return;
	die("general protection fault", regs, error_code);
}

/* ud2: BUG() lands here; find_bug() knows the file and line. */
void do_invalid_op(struct pt_regs *regs, long error_code);
void do_invalid_op(struct pt_regs *regs, long error_code)
{
	if (!user_mode(regs)) {
		const struct bug_entry *bug = find_bug(regs->eip);

		if (bug)
			printk(KERN_EMERG "kernel BUG at %s:%u!\n", bug->file, bug->line);
	}
	do_trap(X86_TRAP_UD, SIGILL, "invalid opcode", regs, error_code, ILL_ILLOPN,
		(void __user *)regs->eip);
}

/*
 * int3 leaves eip after the one-byte instruction: a handler that claims
 * the trap returns there, and execution goes on. Unclaimed in user
 * mode: SIGTRAP (Linux 6.1's do_int3_user()).
 */
void do_int3(struct pt_regs *regs, long error_code);
void do_int3(struct pt_regs *regs, long error_code)
{
	if (notify_die(DIE_INT3, "int3", regs, error_code, X86_TRAP_BP) == NOTIFY_STOP)
		return;
	if (user_mode(regs)) {
		current->thread.trap_no = X86_TRAP_BP;
		current->thread.error_code = 0;
		show_signal(current, "trap ", "int3", regs, 0);
		force_sig_fault(SIGTRAP, SI_KERNEL, NULL);
		return;
	}
	die("int3", regs, error_code);
}

/*
 * A single step: in user mode (the task set EFLAGS.TF) SIGTRAP, quietly
 * as Linux does; in the kernel a stray one -- clear TF and go on.
 */
void do_debug(struct pt_regs *regs, long error_code);
void do_debug(struct pt_regs *regs, long error_code)
{
	if (notify_die(DIE_DEBUG, "debug", regs, error_code, X86_TRAP_DB) == NOTIFY_STOP)
		return;
	if (user_mode(regs)) {
		current->thread.trap_no = X86_TRAP_DB;
		current->thread.error_code = 0;
		force_sig_fault(SIGTRAP, TRAP_TRACE, (void __user *)regs->eip);
		return;
	}
	regs->eflags &= ~X86_EFLAGS_TF;
}

/*
 * #NM: a task's first FPU instruction since it was switched in (CR0.TS
 * set, include/asm/i387.h). The kernel never uses the FPU: from kernel
 * mode it is a bug.
 */
void do_device_not_available(struct pt_regs *regs, long error_code);
void do_device_not_available(struct pt_regs *regs, long error_code)
{
	if (user_mode(regs)) {
		math_state_restore();
		return;
	}
	do_trap(X86_TRAP_NM, SIGFPE, "device not available", regs, error_code, SI_KERNEL, NULL);
}

/*
 * Which floating-point exception an #MF or #XM reports: the pending
 * exceptions the control word (MXCSR for SSE) does not mask, the first
 * by priority (Linux 6.1's fpu__exception_code()). 0: none, a spurious
 * trap -- the task just retries.
 */
static int fpu_exception_code(struct task_struct *tsk, int trapnr)
{
	unsigned int err;

	if (trapnr == X86_TRAP_MF) {
		err = get_fpu_swd(tsk) & ~get_fpu_cwd(tsk);
	} else {
		unsigned int mxcsr = get_fpu_mxcsr(tsk);

		err = ~(mxcsr >> 7) & mxcsr;
	}
	if (err & 0x001)		/* invalid operation (or stack fault) */
		return FPE_FLTINV;
	if (err & 0x004)		/* divide by zero */
		return FPE_FLTDIV;
	if (err & 0x008)		/* overflow */
		return FPE_FLTOVF;
	if (err & 0x012)		/* denormal, underflow */
		return FPE_FLTUND;
	if (err & 0x020)		/* precision */
		return FPE_FLTRES;
	return 0;
}

/*
 * #MF (x87) and #XM (SSE): an unmasked floating-point exception. The
 * state is saved first (so the signal frame will hold it, and the
 * pending exception is cleared from the FPU); then SIGFPE, without a
 * report line, as Linux 6.1's math_error().
 */
static void math_error(struct pt_regs *regs, long error_code, int trapnr)
{
	struct task_struct *tsk = current;
	const char *str = trapnr == X86_TRAP_MF ? "fpu exception" : "simd exception";
	int si_code;

	if (!user_mode(regs)) {
		do_trap(trapnr, SIGFPE, str, regs, error_code, SI_KERNEL, NULL);
		return;
	}
	unlazy_fpu(tsk);
	tsk->thread.trap_no = trapnr;
	tsk->thread.error_code = 0;
	si_code = fpu_exception_code(tsk, trapnr);
	if (!si_code)
		return;
	force_sig_fault(SIGFPE, si_code, (void __user *)regs->eip);
}

void do_coprocessor_error(struct pt_regs *regs, long error_code);
void do_coprocessor_error(struct pt_regs *regs, long error_code)
{
	math_error(regs, error_code, X86_TRAP_MF);
}

void do_simd_coprocessor_error(struct pt_regs *regs, long error_code);
void do_simd_coprocessor_error(struct pt_regs *regs, long error_code)
{
	math_error(regs, error_code, X86_TRAP_XF);
}

void do_nmi(struct pt_regs *regs, long error_code);
void do_nmi(struct pt_regs *regs, long error_code)
{
	if (notify_die(DIE_NMI, "nmi", regs, error_code, X86_TRAP_NMI) == NOTIFY_STOP)
		return;
	printk(KERN_EMERG "Uhhuh. NMI received at EIP %08lx (%pS). Dazed and confused, but trying to continue\n",
	       regs->eip, (void *)regs->eip);
}

/* Vectors nobody owns: the reserved exceptions die, stray interrupts are reported. */
void do_unexpected_vector(struct pt_regs *regs, long vector);
void do_unexpected_vector(struct pt_regs *regs, long vector)
{
	if (vector < FIRST_EXTERNAL_VECTOR) {
		char str[32];

		snprintf(str, sizeof(str), "reserved trap %ld", vector);
		die(str, regs, 0);
	}
	printk(KERN_WARNING "unexpected interrupt vector 0x%02lx at EIP %08lx (%pS)\n",
	       vector, regs->eip, (void *)regs->eip);
}

extern char divide_error[], debug[], nmi[], int3[], overflow[], bounds[],
	invalid_op[], device_not_available[], coprocessor_segment_overrun[],
	invalid_TSS[], segment_not_present[], stack_segment[],
	general_protection[], page_fault[], spurious_interrupt_bug[],
	coprocessor_error[], alignment_check[], machine_check[],
	simd_coprocessor_error[], vector_entries_start[], system_call[];

#define VECTOR_STUB_SIZE	16
#define FIRST_GENERIC_VECTOR	20

/*
 * Gate types follow Linux: interrupt gates where the handler must read
 * state before an interrupt could change it (CR2 for #PF, the debug
 * registers for #DB); trap gates elsewhere; int3, into and int 0x80
 * (the system call, ULK 10.3) reachable from user mode. Then the
 * CPU's own state: the TSS, the FPU.
 */
void trap_init(void)
{
	unsigned int v;

	for (v = FIRST_GENERIC_VECTOR; v < 256; v++)
		set_intr_gate(v, vector_entries_start +
			      (v - FIRST_GENERIC_VECTOR) * VECTOR_STUB_SIZE);

	set_trap_gate(X86_TRAP_DE, divide_error);
	set_intr_gate(X86_TRAP_DB, debug);
	set_intr_gate(X86_TRAP_NMI, nmi);
	set_system_gate(X86_TRAP_BP, int3);
	set_system_gate(X86_TRAP_OF, overflow);
	set_trap_gate(X86_TRAP_BR, bounds);
	set_trap_gate(X86_TRAP_UD, invalid_op);
	set_trap_gate(X86_TRAP_NM, device_not_available);
	set_task_gate(X86_TRAP_DF, GDT_ENTRY_DOUBLEFAULT_TSS);
	set_trap_gate(X86_TRAP_OLD_MF, coprocessor_segment_overrun);
	set_trap_gate(X86_TRAP_TS, invalid_TSS);
	set_trap_gate(X86_TRAP_NP, segment_not_present);
	set_trap_gate(X86_TRAP_SS, stack_segment);
	set_trap_gate(X86_TRAP_GP, general_protection);
	set_intr_gate(X86_TRAP_PF, page_fault);
	set_trap_gate(X86_TRAP_SPURIOUS, spurious_interrupt_bug);
	set_trap_gate(X86_TRAP_MF, coprocessor_error);
	set_trap_gate(X86_TRAP_AC, alignment_check);
	set_trap_gate(X86_TRAP_MC, machine_check);
	set_trap_gate(X86_TRAP_XF, simd_coprocessor_error);
	set_system_gate(SYSCALL_VECTOR, system_call);

	load_idt(&idt_descr);
	cpu_init();
	fpu_init();
	doublefault_init();
}
