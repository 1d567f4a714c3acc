/*
 * Switching address spaces (Linux's asm-i386/mmu_context.h, ULK 7.4.2
 * and 9.2.1): a task with its own mm loads its page directory into CR3;
 * a kernel thread keeps whatever is loaded (enter_lazy_tlb: every page
 * directory has the same kernel half, so it needs none of its own).
 * One CPU, so no cpu_vm_mask and no TLB shootdown.
 */
#ifndef _ASM_MMU_CONTEXT_H
#define _ASM_MMU_CONTEXT_H

#include <mm_types.h>
#include <asm/page.h>
#include <asm/processor.h>

struct task_struct;

static inline void enter_lazy_tlb(struct mm_struct *mm, struct task_struct *tsk)
{
	(void)mm;
	(void)tsk;
}

/* load_cr3(): the page directory's physical address into CR3 (flushes the non-global TLB). */
static inline void load_cr3(pgd_t *pgd)
{
	write_cr3(__pa(pgd));
}

static inline void switch_mm(struct mm_struct *prev, struct mm_struct *next,
			     struct task_struct *tsk)
{
	(void)tsk;
	if (prev != next || (read_cr3() & PAGE_MASK) != __pa(next->pgd))
		load_cr3(next->pgd);
}

#define activate_mm(prev, next)	switch_mm((prev), (next), NULL)

#endif
