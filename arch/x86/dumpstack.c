/*
 * Oops reports: registers, stack words, a symbolic call trace and the
 * code bytes around the faulting instruction (ULK 4.5 "die()").
 *
 * The call trace follows Linux's print_context_stack(): every word on
 * the stack that is a kernel text address is printed, and those found
 * where the frame-pointer chain says a return address must be are the
 * reliable ones; the others get a "? " (stale values, or the caller of
 * a function that faulted before it set up its frame). With
 * -fno-omit-frame-pointer, [ebp] is the caller's ebp and [ebp+4] the
 * return address. The walk stays inside the current kernel stack;
 * startup_32 leaves ebp = 0 at its bottom.
 */
#include <kernel.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/setjmp.h>
#include <asm/traps.h>
#include <maccess.h>
#include <notifier.h>
#include <sched.h>

int die_counter;
struct kernel_jmp_buf *oops_recovery;

#define STACK_WORDS	24
#define CODE_BYTES	43	/* printed around eip, the faulting byte in <> */
#define CODE_PROLOGUE	21

extern char _text[], _etext[], __init_begin[], __init_end[];

static int kernel_text_address(unsigned long addr)
{
	return (addr >= (unsigned long)_text && addr < (unsigned long)_etext) ||
	       (addr >= (unsigned long)__init_begin && addr < (unsigned long)__init_end);
}

/*
 * The kernel stack sp is on: the current task's (vmalloc'ed stacks need
 * not be aligned), or the THREAD_SIZE-aligned block around sp (the init
 * stack, the double-fault stack).
 */
static unsigned long stack_base(unsigned long sp)
{
	unsigned long base = (unsigned long)current->stack;

	if (sp >= base && sp < base + THREAD_SIZE)
		return base;
	return sp & ~(THREAD_SIZE - 1UL);
}

/* Print the return addresses on the stack from sp up, starting with the frame at ebp. */
void show_trace(unsigned long *stack, unsigned long ebp)
{
	unsigned long base = stack_base((unsigned long)stack);
	unsigned long *p, *end = (unsigned long *)(base + THREAD_SIZE);

	printk(KERN_EMERG "Call Trace:\n");
	for (p = stack; p < end; p++) {
		unsigned long addr = *p;

		if (!kernel_text_address(addr))
			continue;
		if ((unsigned long)p == ebp + sizeof(long)) {
			printk(KERN_EMERG " [<%08lx>] %pS\n", addr, (void *)addr);
			ebp = *(unsigned long *)ebp;	/* the caller's frame */
		} else {
			printk(KERN_EMERG " [<%08lx>] ? %pS\n", addr, (void *)addr);
		}
	}
}

void dump_stack(void)
{
	unsigned long ebp;

	__asm__ __volatile__("movl %%ebp, %0" : "=r"(ebp));
	show_trace((unsigned long *)ebp, ebp);
}

static void show_stack_words(unsigned long sp)
{
	unsigned long end = stack_base(sp) + THREAD_SIZE;
	char line[9 * 8 + 1];
	int i, len = 0;

	printk(KERN_EMERG "Stack:\n");
	for (i = 0; i < STACK_WORDS && sp + sizeof(long) <= end; i++, sp += sizeof(long)) {
		len += scnprintf(line + len, sizeof(line) - len, " %08lx",
				 *(unsigned long *)sp);
		if (i % 8 == 7) {
			printk(KERN_EMERG "%s\n", line);
			len = 0;
		}
	}
	if (len)
		printk(KERN_EMERG "%s\n", line);
}

/* The code bytes around eip, read through the exception table: eip may be garbage. */
static void show_code(unsigned long eip)
{
	char line[CODE_BYTES * 3 + 8];
	unsigned long p = eip - CODE_PROLOGUE;
	int i, len = 0;

	for (i = 0; i < CODE_BYTES; i++, p++) {
		unsigned char c;

		if (probe_kernel_read(&c, (void *)p, 1)) {
			len += scnprintf(line + len, sizeof(line) - len, " Bad EIP value.");
			break;
		}
		len += scnprintf(line + len, sizeof(line) - len,
				 p == eip ? " <%02x>" : " %02x", c);
	}
	printk(KERN_EMERG "Code:%s\n", line);
}

void show_registers(struct pt_regs *regs)
{
	unsigned long sp = kernel_stack_pointer(regs);
	unsigned short ss = user_mode(regs) ? regs->xss : __KERNEL_DS;

	printk(KERN_EMERG "CPU:    0\n");
	printk(KERN_EMERG "EIP:    %04x:[<%08lx>]    %s\n",
	       regs->xcs & 0xffff, regs->eip, print_tainted());
	printk(KERN_EMERG "EFLAGS: %08lx\n", regs->eflags);
	printk(KERN_EMERG "EIP is at %pS\n", (void *)regs->eip);
	printk(KERN_EMERG "eax: %08lx   ebx: %08lx   ecx: %08lx   edx: %08lx\n",
	       regs->eax, regs->ebx, regs->ecx, regs->edx);
	printk(KERN_EMERG "esi: %08lx   edi: %08lx   ebp: %08lx   esp: %08lx\n",
	       regs->esi, regs->edi, regs->ebp, sp);
	printk(KERN_EMERG "ds: %04x   es: %04x   ss: %04x\n",
	       regs->xds & 0xffff, regs->xes & 0xffff, ss);
	printk(KERN_EMERG "CR0: %08lx CR2: %08lx CR3: %08lx CR4: %08lx\n",
	       read_cr0(), read_cr2(), read_cr3(), read_cr4_safe());
	if (!user_mode(regs)) {
		show_stack_words(sp);
		show_trace((unsigned long *)sp, regs->ebp);
		show_code(regs->eip);
	}
}

/*
 * The end of the line for a kernel-mode fault nobody claimed (ULK 4.5).
 * After the report: a self-test that armed oops_recovery to provoke the
 * oops on purpose gets control back (the kernel is not preemptible, so
 * abandoning the frames between the test and the fault is safe); an
 * ordinary kernel thread is killed, as Linux kills the task that
 * oopsed; in interrupt context, or in the idle task or init, the
 * kernel cannot go on: panic.
 */
void die(const char *str, struct pt_regs *regs, long err)
{
	static int die_nest;

	local_irq_disable();
	console_loglevel = 15;
	if (++die_nest > 1) {
		printk(KERN_EMERG "Recursive die() failure, output suppressed\n");
		panic("Fatal exception (recursive)");
	}
	notify_die(DIE_OOPS, str, regs, err, 0);
	printk(KERN_EMERG "%s: %04lx [#%d]\n", str, err & 0xffff, ++die_counter);
	show_registers(regs);
	add_taint(TAINT_DIE);
	if (oops_recovery) {
		struct kernel_jmp_buf *jb = oops_recovery;

		oops_recovery = NULL;
		die_nest--;
		printk(KERN_EMERG "---[ end trace: oops expected by a self-test, recovering ]---\n");
		kernel_longjmp(jb, 1);
	}
	if (!in_interrupt() && current->pid > 1) {
		printk(KERN_EMERG "---[ end trace: killing %s (pid %d) ]---\n",
		       current->comm, current->pid);
		die_nest--;
		do_exit(SIGSEGV);
	}
	panic("Fatal exception%s", in_interrupt() ? " in interrupt" : "");
}
