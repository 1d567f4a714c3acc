/*
 * The Interrupt Descriptor Table and the exception handlers (ULK 4.2.3,
 * 4.5). A fault in kernel mode is first offered to the exception table
 * (a fixup for an expected fault, such as a bad user pointer) and to
 * the die notifier chain; otherwise it is an oops.
 */
#include <kernel.h>
#include <bug.h>
#include <notifier.h>
#include <asm/desc.h>
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
 * A trap the kernel cannot recover from. Traps raised in user mode will
 * signal the process once processes exist; from the kernel they oops.
 */
static void do_trap(int trapnr, const char *str, struct pt_regs *regs, long error_code)
{
	if (notify_die(DIE_TRAP, str, regs, error_code, trapnr) == NOTIFY_STOP)
		return;
	if (fixup_exception(regs))
		return;
	die(str, regs, error_code);
}

#define DO_ERROR(trapnr, str, name)					\
void name(struct pt_regs *regs, long error_code);			\
void name(struct pt_regs *regs, long error_code)			\
{									\
	do_trap(trapnr, str, regs, error_code);				\
}

DO_ERROR(X86_TRAP_DE, "divide error", do_divide_error)
DO_ERROR(X86_TRAP_OF, "overflow", do_overflow)
DO_ERROR(X86_TRAP_BR, "bounds", do_bounds)
DO_ERROR(X86_TRAP_NM, "device not available", do_device_not_available)
DO_ERROR(X86_TRAP_OLD_MF, "coprocessor segment overrun", do_coprocessor_segment_overrun)
DO_ERROR(X86_TRAP_TS, "invalid TSS", do_invalid_TSS)
DO_ERROR(X86_TRAP_NP, "segment not present", do_segment_not_present)
DO_ERROR(X86_TRAP_SS, "stack segment", do_stack_segment)
DO_ERROR(X86_TRAP_MF, "coprocessor error", do_coprocessor_error)
DO_ERROR(X86_TRAP_AC, "alignment check", do_alignment_check)
DO_ERROR(X86_TRAP_MC, "machine check", do_machine_check)
DO_ERROR(X86_TRAP_XF, "simd coprocessor error", do_simd_coprocessor_error)
DO_ERROR(X86_TRAP_SPURIOUS, "spurious interrupt bug", do_spurious_interrupt_bug)

void do_general_protection(struct pt_regs *regs, long error_code);
void do_general_protection(struct pt_regs *regs, long error_code)
{
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
	const struct bug_entry *bug = find_bug(regs->eip);

	if (bug)
		printk(KERN_EMERG "kernel BUG at %s:%u!\n", bug->file, bug->line);
	do_trap(X86_TRAP_UD, "invalid opcode", regs, error_code);
}

/*
 * int3 leaves eip after the one-byte instruction: a handler that claims
 * the trap returns there, and execution goes on.
 */
void do_int3(struct pt_regs *regs, long error_code);
void do_int3(struct pt_regs *regs, long error_code)
{
	if (notify_die(DIE_INT3, "int3", regs, error_code, X86_TRAP_BP) == NOTIFY_STOP)
		return;
	die("int3", regs, error_code);
}

void do_debug(struct pt_regs *regs, long error_code);
void do_debug(struct pt_regs *regs, long error_code)
{
	if (notify_die(DIE_DEBUG, "debug", regs, error_code, X86_TRAP_DB) == NOTIFY_STOP)
		return;
	/* A stray single-step: clear TF and go on, as Linux does for the kernel. */
	regs->eflags &= ~X86_EFLAGS_TF;
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
	simd_coprocessor_error[], vector_entries_start[];

#define VECTOR_STUB_SIZE	16
#define FIRST_GENERIC_VECTOR	20

/*
 * Gate types follow Linux: interrupt gates where the handler must read
 * state before an interrupt could change it (CR2 for #PF, the debug
 * registers for #DB); trap gates elsewhere; int3 and into reachable
 * from user mode.
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

	load_idt(&idt_descr);
	cpu_init();
	doublefault_init();
}
