/*
 * The page-fault handler (ULK 9.4, figure 9-5, Linux 2.6's
 * arch/i386/mm/fault.c):
 *
 *   address in kernel space?
 *     kernel mode, page not present, vmalloc range: copy the entry from
 *       swapper_pg_dir (vmalloc_fault, ULK 9.4.3) -- done
 *     otherwise: bad area
 *   in interrupt or atomic context, or no mm (kernel thread): no_context
 *   find_vma(address)
 *     none: bad area (SEGV_MAPERR)
 *     below a VM_GROWSDOWN region: a user access must be within
 *       esp - 65536 - 32 * sizeof(long) (the 2.6 rule: "enter $65535,$31"
 *       pushes 32 pointers then drops esp by 65535), then expand_stack()
 *       (RLIMIT_STACK, RLIMIT_AS, the guard gap); a failure: bad area
 *   good area: the access against the region's rights (SEGV_ACCERR):
 *     write to a region without VM_WRITE; read of a present page
 *     (protection fault) or of a region without VM_READ|VM_EXEC
 *   handle_mm_fault(): MINOR/MAJOR counted (min_flt/maj_flt, pgfault/
 *     pgmajfault), SIGBUS -> SIGBUS/BUS_ADRERR, OOM -> the OOM killer
 *   bad area: user mode: Linux's "segfault at" line and SIGSEGV with
 *     si_code and si_addr; kernel mode: no_context
 *   no_context: an exception-table fixup (uaccess: -EFAULT), else an oops
 */
#include <kernel.h>
#include <mm.h>
#include <notifier.h>
#include <sched.h>
#include <signal.h>
#include <vmalloc.h>
#include <asm/irqflags.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/traps.h>

unsigned long nr_vmalloc_faults;

/* The page-directory and page-table entries for address, for the oops report. */
static void dump_pagetable(unsigned long address)
{
	unsigned long *pgd = __va(read_cr3() & PAGE_MASK);
	unsigned long pde = pgd[pgd_index(address)];

	printk(KERN_EMERG "*pde = %08lx\n", pde);
	if ((pde & _PAGE_PRESENT) && !(pde & _PAGE_PSE) && address >= PAGE_OFFSET) {
		unsigned long *pte = __va(pde & PAGE_MASK);

		printk(KERN_EMERG "*pte = %08lx\n", pte[pte_index(address)]);
	}
}

/*
 * A kernel access to the vmalloc range through a page directory made
 * before swapper_pg_dir got the entry: copy it (ULK 9.4.3). 0 if the
 * address is mapped in the master tables, -1 if not.
 */
static int vmalloc_fault(unsigned long address)
{
	unsigned int index = pgd_index(address);
	pgd_t *pgd = (pgd_t *)__va(read_cr3() & PAGE_MASK) + index;
	pgd_t *pgd_k = swapper_pg_dir + index;

	if (!pgd_present(*pgd_k))
		return -1;
	if (pgd_val(*pgd) != pgd_val(*pgd_k)) {
		set_pgd(pgd, *pgd_k);
		nr_vmalloc_faults++;
	}
	if (pgd_large(*pgd_k))
		return 0;
	if (!pte_present(*pte_offset_kernel(pgd_k, address)))
		return -1;
	return 0;
}

/*
 * Linux 6.1's line for a user fault that kills (show_signal_msg), e.g.
 *   prog[42]: segfault at 0 ip 0804801a sp bffffe90 error 4
 */
static void show_signal_msg(struct pt_regs *regs, unsigned long error_code,
			    unsigned long address, struct task_struct *tsk)
{
	printk(KERN_INFO "%s[%d]: segfault at %lx ip %08lx sp %08lx error %lx\n", tsk->comm,
	       tsk->pid, address, regs->eip, regs->esp, error_code);
}

static __noreturn void kernel_oops(struct pt_regs *regs, long error_code, unsigned long address)
{
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

void do_page_fault(struct pt_regs *regs, long error_code);
void do_page_fault(struct pt_regs *regs, long error_code)
{
	struct task_struct *tsk = current;
	unsigned long address = read_cr2();
	struct vm_area_struct *vma;
	struct mm_struct *mm;
	int write, fault, si_code = SEGV_MAPERR;

	if (notify_die(DIE_PAGE_FAULT, "page fault", regs, error_code,
		       X86_TRAP_PF) == NOTIFY_STOP)
		return;

	if (unlikely(address >= TASK_SIZE)) {
		if (!(error_code & (PF_USER | PF_PROT)) && address >= VMALLOC_START &&
		    vmalloc_fault(address) >= 0)
			return;
		goto bad_area_nosemaphore;
	}
	/* The gate left interrupts off so CR2 could be read: back as the interrupted code had them. */
	if (regs->eflags & X86_EFLAGS_IF)
		local_irq_enable();
	mm = tsk->mm;
	if (in_atomic() || !mm)
		goto bad_area_nosemaphore;

	down_read(&mm->mmap_sem);
	vma = find_vma(mm, address);
	if (!vma)
		goto bad_area;
	if (vma->vm_start <= address)
		goto good_area;
	if (!(vma->vm_flags & VM_GROWSDOWN))
		goto bad_area;
	if ((error_code & PF_USER) &&
	    address + 65536 + 32 * sizeof(unsigned long) < (unsigned long)regs->esp)
		goto bad_area;
	if (expand_stack(vma, address))
		goto bad_area;
good_area:
	si_code = SEGV_ACCERR;
	write = 0;
	if (error_code & PF_WRITE) {
		if (!(vma->vm_flags & VM_WRITE))
			goto bad_area;
		write = 1;
	} else {
		if (error_code & PF_PROT)
			goto bad_area;
		if (!(vma->vm_flags & (VM_READ | VM_EXEC)))
			goto bad_area;
	}
	vm_pgfault++;
	fault = handle_mm_fault(mm, vma, address, write);
	switch (fault) {
	case VM_FAULT_MINOR:
		tsk->min_flt++;
		break;
	case VM_FAULT_MAJOR:
		tsk->maj_flt++;
		vm_pgmajfault++;
		break;
	case VM_FAULT_SIGBUS:
		goto do_sigbus;
	case VM_FAULT_OOM:
		goto out_of_memory;
	default:
		BUG();
	}
	up_read(&mm->mmap_sem);
	return;

bad_area:
	up_read(&mm->mmap_sem);
bad_area_nosemaphore:
	if (error_code & PF_USER) {
		local_irq_enable();
		tsk->thread.trap_no = X86_TRAP_PF;
		tsk->thread.error_code = error_code | (address >= TASK_SIZE ? PF_PROT : 0);
		show_signal_msg(regs, error_code, address, tsk);
		force_sig_fault(SIGSEGV, si_code, (void __user *)address);
		return;
	}
no_context:
	if (fixup_exception(regs))
		return;
	kernel_oops(regs, error_code, address);

out_of_memory:
	/*
	 * No memory for the page: the OOM killer (mm/oom_kill.c) frees
	 * some by killing the task with the largest RSS (as Linux 6.1's
	 * pagefault_out_of_memory()); the access is retried when we return,
	 * unless the SIGKILL was ours.
	 */
	up_read(&mm->mmap_sem);
	if (!(error_code & PF_USER))
		goto no_context;	/* a uaccess: -EFAULT (as 2.6; the allocator had its chance) */
	if (!out_of_memory())
		do_exit(SIGKILL);	/* nobody to kill but us */
	return;			/* retried, or the SIGKILL takes us on the way out */

do_sigbus:
	up_read(&mm->mmap_sem);
	if (!(error_code & PF_USER))
		goto no_context;
	tsk->thread.trap_no = X86_TRAP_PF;
	tsk->thread.error_code = error_code;
	force_sig_fault(SIGBUS, BUS_ADRERR, (void __user *)address);
}
