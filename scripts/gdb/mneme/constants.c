/*
 * The kernel's constants for the gdb helpers, as Linux's
 * scripts/gdb/linux/constants.py.in: this file is compiled with the
 * kernel's own flags and headers (the Makefile's GDB_CONSTANTS rule) to
 * assembly, where each DEFINE() leaves a "->NAME value" marker that
 * scripts/asm_offsets.py --python turns into "NAME = 0x..." in
 * build/scripts/gdb/mneme/constants.py. The compiler evaluates every
 * expression (casts, ~0U, enum arithmetic), so the helpers never restate
 * a number a header defines and cannot drift from the kernel they read.
 *
 * Macros only: enums, sizeof and offsetof are in the debug info, and the
 * helpers read those through gdb. Add a line here when a helper needs a
 * new macro, then `from .constants import NAME`.
 */
#include <types.h>
#include <jiffies.h>
#include <kernel.h>
#include <list.h>
#include <mmzone.h>
#include <mm.h>
#include <multiboot.h>
#include <printk.h>
#include <sched.h>
#include <slab.h>
#include <slab_def.h>
#include <timer.h>
#include <vmalloc.h>
#include <wait.h>
#include <asm/desc.h>
#include <asm/e820.h>
#include <asm/fixmap.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <mm/internal.h>

/* DEFINE(NAME, expression); CONST(NAME) for a macro of that name. */
#define DEFINE(sym, val) \
	__asm__ __volatile__("\n.ascii \"->" #sym " %0\"" :: "i"((long)(val)))
#define CONST(sym) \
	__asm__ __volatile__("\n.ascii \"->" #sym " %0\"" :: "i"((long)(sym)))

void gdb_constants(void);
void gdb_constants(void)
{
	/* Paging (include/asm/page.h, pgtable.h, processor.h) */
	CONST(VM_READ);
	CONST(VM_WRITE);
	CONST(VM_EXEC);
	CONST(VM_SHARED);
	CONST(VM_MAYREAD);
	CONST(VM_MAYWRITE);
	CONST(VM_MAYEXEC);
	CONST(VM_MAYSHARE);
	CONST(VM_GROWSDOWN);
	CONST(VM_GROWSUP);
	CONST(VM_DENYWRITE);
	CONST(VM_EXECUTABLE);
	CONST(VM_LOCKED);
	CONST(VM_IO);
	CONST(VM_SEQ_READ);
	CONST(VM_RAND_READ);
	CONST(VM_DONTCOPY);
	CONST(VM_DONTEXPAND);
	CONST(VM_RESERVED);
	CONST(VM_ACCOUNT);
	CONST(VM_NORESERVE);
	CONST(TASK_SIZE);
	CONST(PAGE_OFFSET);
	CONST(PAGE_SHIFT);
	CONST(PAGE_SIZE);
	CONST(PAGE_MASK);
	CONST(PGDIR_SHIFT);
	CONST(PGDIR_SIZE);
	CONST(PGDIR_MASK);
	CONST(PTRS_PER_PGD);
	CONST(PTRS_PER_PTE);
	CONST(_PAGE_BIT_PRESENT);
	CONST(_PAGE_BIT_RW);
	CONST(_PAGE_BIT_USER);
	CONST(_PAGE_BIT_PWT);
	CONST(_PAGE_BIT_PCD);
	CONST(_PAGE_BIT_ACCESSED);
	CONST(_PAGE_BIT_DIRTY);
	CONST(_PAGE_BIT_PSE);
	CONST(_PAGE_BIT_GLOBAL);
	CONST(_PAGE_PRESENT);
	CONST(_PAGE_RW);
	CONST(_PAGE_USER);
	CONST(_PAGE_PSE);
	CONST(_PAGE_GLOBAL);
	CONST(X86_CR0_PG);
	CONST(X86_CR4_PSE);
	CONST(THREAD_SIZE);

	/* The virtual layout (pgtable.h, fixmap.h): all but VMALLOC_START and MAXMEM */
	CONST(VMALLOC_OFFSET);
	CONST(VMALLOC_END);
	CONST(DEFAULT_MAXMEM);
	CONST(LAST_PKMAP);
	CONST(PKMAP_BASE);
	CONST(FIXADDR_TOP);
	CONST(FIXADDR_START);

	/* Page frames and zones (mmzone.h, mm.h, mm/internal.h) */
	CONST(MAX_ORDER);
	CONST(NR_CPUS);
	CONST(NR_PCP_LISTS);
	CONST(PCP_MAX_ORDER);
	CONST(PCP_HOT);
	CONST(PCP_COLD);
	CONST(ZONES_SHIFT);
	CONST(ZONES_PGSHIFT);
	DEFINE(BLOCK_TAIL_TAG_0, BLOCK_TAIL_TAG(0));
	CONST(PA_HASH_ORDER);
	CONST(PA_HASH_MULT);
	CONST(PA_HASH_SHIFT);

	/* Slab (slab.h, slab_def.h, mm/internal.h) */
	CONST(SLAB_DEBUG_INITIAL);
	CONST(SLAB_RED_ZONE);
	CONST(SLAB_POISON);
	CONST(SLAB_NO_REAP);
	CONST(SLAB_HWCACHE_ALIGN);
	CONST(SLAB_CACHE_DMA);
	CONST(SLAB_STORE_USER);
	CONST(SLAB_RECLAIM_ACCOUNT);
	CONST(SLAB_PANIC);
	CONST(SLAB_DEBUG_FLAGS);
	CONST(CFLGS_OFF_SLAB);
	CONST(BUFCTL_END);
	CONST(BUFCTL_ACTIVE);
	CONST(RED_ACTIVE);
	CONST(RED_INACTIVE);
	CONST(POISON_FREE);
	CONST(POISON_END);
	CONST(BYTES_PER_WORD);

	/* vmalloc (vmalloc.h, mm/internal.h) */
	CONST(VM_IOREMAP);
	CONST(VM_ALLOC);
	CONST(VM_MAP);
	CONST(VM_VPAGES);

	/* Tasks, time, lists (sched.h, jiffies.h, timer.h, wait.h, list.h) */
	CONST(TASK_RUNNING);
	CONST(TASK_INTERRUPTIBLE);
	CONST(TASK_UNINTERRUPTIBLE);
	CONST(EXIT_ZOMBIE);
	CONST(TASK_DEAD);
	CONST(PF_KTHREAD);
	CONST(HZ);
	CONST(INITIAL_JIFFIES);
	CONST(TIMER_MAGIC);
	CONST(WQ_FLAG_EXCLUSIVE);
	CONST(LIST_POISON1);
	CONST(LIST_POISON2);

	/* Boot, traps, the log (multiboot.h, e820.h, desc.h, traps.h, kernel.h, printk.h) */
	CONST(MULTIBOOT_BOOTLOADER_MAGIC);
	CONST(E820_RAM);
	CONST(E820_RESERVED);
	CONST(E820_ACPI);
	CONST(E820_NVS);
	CONST(E820_UNUSABLE);
	CONST(GATE_INTERRUPT);
	CONST(GATE_TRAP);
	CONST(GATE_TASK);
	CONST(FIRST_EXTERNAL_VECTOR);
	CONST(NR_IRQS);
	CONST(SYSCALL_VECTOR);
	CONST(X86_TRAP_DE);
	CONST(X86_TRAP_DB);
	CONST(X86_TRAP_NMI);
	CONST(X86_TRAP_BP);
	CONST(X86_TRAP_OF);
	CONST(X86_TRAP_BR);
	CONST(X86_TRAP_UD);
	CONST(X86_TRAP_NM);
	CONST(X86_TRAP_DF);
	CONST(X86_TRAP_OLD_MF);
	CONST(X86_TRAP_TS);
	CONST(X86_TRAP_NP);
	CONST(X86_TRAP_SS);
	CONST(X86_TRAP_GP);
	CONST(X86_TRAP_PF);
	CONST(X86_TRAP_SPURIOUS);
	CONST(X86_TRAP_MF);
	CONST(X86_TRAP_AC);
	CONST(X86_TRAP_MC);
	CONST(X86_TRAP_XF);
	CONST(TAINT_BAD_PAGE);
	CONST(TAINT_DIE);
	CONST(TAINT_WARN);
	CONST(LOG_BUF_LEN);
}
