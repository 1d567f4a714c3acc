/*
 * The page-fault handler (ULK 9.4, figure 9-4). For now the kernel is
 * the only thing running: a kernel-mode fault is either expected (an
 * exception-table fixup) or a bug, reported as an oops -- naming the
 * vmalloc area when the address is in that range, since a guard page or
 * a freed area is the usual culprit there. Demand paging, copy-on-write
 * and user-mode faults come with processes.
 */
#include <kernel.h>
#include <notifier.h>
#include <vmalloc.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/traps.h>

/* The page-directory and page-table entries for address, for the oops report. */
static void dump_pagetable(unsigned long address)
{
	unsigned long *pgd = __va(read_cr3() & PAGE_MASK);
	unsigned long pde = pgd[pgd_index(address)];

	printk(KERN_EMERG "*pde = %08lx\n", pde);
	if ((pde & _PAGE_PRESENT) && !(pde & _PAGE_PSE)) {
		unsigned long *pte = __va(pde & PAGE_MASK);

		printk(KERN_EMERG "*pte = %08lx\n", pte[pte_index(address)]);
	}
}

void do_page_fault(struct pt_regs *regs, long error_code);
void do_page_fault(struct pt_regs *regs, long error_code)
{
	unsigned long address = read_cr2();

	if (notify_die(DIE_PAGE_FAULT, "page fault", regs, error_code,
		       X86_TRAP_PF) == NOTIFY_STOP)
		return;

	/* no_context: is there a fixup for this instruction? */
	if (fixup_exception(regs))
		return;

	console_loglevel = 15;
	if (address < PAGE_SIZE)
		printk(KERN_EMERG "BUG: unable to handle kernel NULL pointer dereference at virtual address %08lx\n",
		       address);
	else
		printk(KERN_EMERG "BUG: unable to handle kernel paging request at virtual address %08lx\n",
		       address);
	printk(KERN_EMERG "(%s %s in %s mode)\n",
	       error_code & PF_PROT ? "protection violation on a" : "no page for a",
	       error_code & PF_INSTR ? "instruction fetch" :
	       error_code & PF_WRITE ? "write" : "read",
	       error_code & PF_USER ? "user" : "kernel");
	if (is_vmalloc_addr((void *)address)) {
		char what[160];

		printk(KERN_EMERG "The address is %s\n",
		       vmalloc_describe_address(address, what, sizeof(what)));
	}
	dump_pagetable(address);
	die("Oops", regs, error_code);
}
