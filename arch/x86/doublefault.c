/*
 * The double fault (vector 8) goes through a task gate (ULK 4.5, as in
 * Linux's doublefault.c). A double fault usually means the kernel stack
 * is gone, typically overflowed: an interrupt gate would push onto that
 * same stack, fault a third time and reset the machine. A task switch
 * instead loads a whole fresh register state from doublefault_tss,
 * with its own stack, and the CPU saves the broken state in init_tss,
 * where doublefault_fn can report it.
 */
#include <kernel.h>
#include <asm/desc.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <sched.h>

#define DOUBLEFAULT_STACKSIZE 1024
static unsigned long doublefault_stack[DOUBLEFAULT_STACKSIZE];

static struct tss_struct doublefault_tss __aligned(128);

static __noreturn void doublefault_fn(void)
{
	struct tss_struct *t = &init_tss;

	console_loglevel = 15;
	printk(KERN_EMERG "PANIC: double fault, gdt at %08lx [%d bytes]\n",
	       gdt_descr.address, gdt_descr.size + 1);
	printk(KERN_EMERG "double fault, tss at %08lx\n", (unsigned long)t);
	printk(KERN_EMERG "eip = %08x (%pS), esp = %08x\n",
	       t->eip, (void *)(unsigned long)t->eip, t->esp);
	printk(KERN_EMERG "eax = %08x, ebx = %08x, ecx = %08x, edx = %08x\n",
	       t->eax, t->ebx, t->ecx, t->edx);
	printk(KERN_EMERG "esi = %08x, edi = %08x, ebp = %08x, cr2 = %08lx\n",
	       t->esi, t->edi, t->ebp, read_cr2());
	/* Every kernel stack has an unmapped page below it: the init stack's
	 * guard, or the gap vmalloc leaves before each area. */
	if (t->esp < (unsigned long)current->stack &&
	    t->esp >= (unsigned long)current->stack - PAGE_SIZE)
		printk(KERN_EMERG "kernel stack overflow: esp is in the guard page below the "
		       "stack of %s (pid %d)\n", current->comm, current->pid);
	add_taint(TAINT_DIE);
	panic("double fault");
}

void doublefault_init(void)
{
	struct tss_struct *t = &doublefault_tss;

	t->esp0 = t->esp = (unsigned long)(doublefault_stack + DOUBLEFAULT_STACKSIZE);
	t->ss0 = t->ss = __KERNEL_DS;
	t->ds = t->es = __KERNEL_DS;
	t->cs = __KERNEL_CS;
	t->eip = (unsigned long)doublefault_fn;
	t->eflags = 0x00000002;		/* interrupts off, bit 1 always set */
	/*
	 * The task switch loads CR3 from here: the page directory current
	 * now. Whoever replaces the kernel page directory updates it.
	 */
	t->cr3 = read_cr3();
	t->io_bitmap_base = sizeof(*t);
	set_tss_desc(&gdt_table[GDT_ENTRY_DOUBLEFAULT_TSS], t, sizeof(*t));
}

void doublefault_set_cr3(unsigned long cr3)
{
	doublefault_tss.cr3 = cr3;
}
