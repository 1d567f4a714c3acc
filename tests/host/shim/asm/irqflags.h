/*
 * Host replacement for include/asm/irqflags.h (found first because
 * tests/host/shim precedes include/ on the include path). A host
 * process cannot execute cli/sti, and a single-threaded test has no
 * interrupts to mask: the calls become no-ops that keep their types.
 */
#ifndef _ASM_IRQFLAGS_H
#define _ASM_IRQFLAGS_H

static inline void local_irq_disable(void) { }
static inline void local_irq_enable(void) { }
static inline unsigned long __local_irq_save(void) { return 0; }
#define local_irq_save(flags)	((flags) = __local_irq_save())
static inline void local_irq_restore(unsigned long flags) { (void)flags; }
static inline int irqs_disabled_flags(unsigned long flags) { (void)flags; return 0; }
static inline int irqs_disabled(void) { return 0; }

#endif
