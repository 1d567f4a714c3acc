/* The interrupt flag. The kernel is uniprocessor and not preemptible. */
#ifndef _ASM_IRQFLAGS_H
#define _ASM_IRQFLAGS_H

#include <asm/processor.h>

static inline void local_irq_disable(void)
{
	__asm__ __volatile__("cli" ::: "memory");
}

static inline void local_irq_enable(void)
{
	__asm__ __volatile__("sti" ::: "memory");
}

static inline unsigned long __local_irq_save(void)
{
	unsigned long flags = read_eflags();

	local_irq_disable();
	return flags;
}
#define local_irq_save(flags)	((flags) = __local_irq_save())

static inline void local_irq_restore(unsigned long flags)
{
	__asm__ __volatile__("pushl %0; popfl" :: "g"(flags) : "memory", "cc");
}

/* Whether flags (as local_irq_save() saved them) had interrupts off. */
static inline int irqs_disabled_flags(unsigned long flags)
{
	return !(flags & X86_EFLAGS_IF);
}

static inline int irqs_disabled(void)
{
	return irqs_disabled_flags(read_eflags());
}

#endif
