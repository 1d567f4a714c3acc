/*
 * The atomic-context count (Linux's preempt_count, include/linux/preempt.h
 * and hardirq.h of 2.6.11) and the might_sleep() checks built on it.
 *
 * One word says whether the CPU may sleep now:
 *
 *   bits  0- 7  PREEMPT_MASK   spinlocks held (spin_lock() increments it
 *                              even though Mneme is not preemptible: as
 *                              Linux's CONFIG_DEBUG_ATOMIC_SLEEP, so that
 *                              sleeping with a lock held is caught) and
 *                              kmap_atomic() slots held
 *   bits  8-15  SOFTIRQ_MASK   softirqs running (do_softirq())
 *   bits 16-27  HARDIRQ_MASK   hardware interrupt handlers (irq_enter())
 *
 * Non-zero means atomic context: in_atomic(). Mneme has one CPU, so the
 * word is a global, __preempt_count, as on x86 Linux since 3.13;
 * schedule() saves it in the task switched out and restores the task
 * switched in (they are 0 on every legal switch).
 */
#ifndef _MNEME_PREEMPT_H
#define _MNEME_PREEMPT_H

#include <compiler.h>
#include <asm/irqflags.h>

#define PREEMPT_BITS	8
#define SOFTIRQ_BITS	8
#define HARDIRQ_BITS	12

#define PREEMPT_SHIFT	0
#define SOFTIRQ_SHIFT	(PREEMPT_SHIFT + PREEMPT_BITS)
#define HARDIRQ_SHIFT	(SOFTIRQ_SHIFT + SOFTIRQ_BITS)

#define __IRQ_MASK(x)	((1U << (x)) - 1)
#define PREEMPT_MASK	(__IRQ_MASK(PREEMPT_BITS) << PREEMPT_SHIFT)
#define SOFTIRQ_MASK	(__IRQ_MASK(SOFTIRQ_BITS) << SOFTIRQ_SHIFT)
#define HARDIRQ_MASK	(__IRQ_MASK(HARDIRQ_BITS) << HARDIRQ_SHIFT)

#define PREEMPT_OFFSET	(1U << PREEMPT_SHIFT)
#define SOFTIRQ_OFFSET	(1U << SOFTIRQ_SHIFT)
#define HARDIRQ_OFFSET	(1U << HARDIRQ_SHIFT)

extern unsigned int __preempt_count;

#define preempt_count()		(*(volatile unsigned int *)&__preempt_count)
#define add_preempt_count(n)	do { __preempt_count += (n); barrier(); } while (0)
#define sub_preempt_count(n)	do { barrier(); __preempt_count -= (n); } while (0)
#define inc_preempt_count()	add_preempt_count(PREEMPT_OFFSET)
#define dec_preempt_count()	sub_preempt_count(PREEMPT_OFFSET)

/* Not preemptible: these only count (see above), and enabling never reschedules. */
#define preempt_disable()	inc_preempt_count()
#define preempt_enable()	dec_preempt_count()

#define hardirq_count()	(preempt_count() & HARDIRQ_MASK)
#define softirq_count()	(preempt_count() & SOFTIRQ_MASK)
#define irq_count()	(preempt_count() & (HARDIRQ_MASK | SOFTIRQ_MASK))

#define in_irq()	(hardirq_count() != 0)		/* in a hardware interrupt handler */
#define in_softirq()	(softirq_count() != 0)		/* running a softirq */
#define in_interrupt()	(irq_count() != 0)		/* either: never sleep here */
#define in_atomic()	(preempt_count() != 0)		/* or a spinlock held: never sleep */

/*
 * might_sleep(): the caller is about to do something that may sleep.
 * In atomic context or with interrupts off that is a bug, reported as
 * Linux reports it ("BUG: sleeping function called from invalid
 * context at file:line", in_atomic(), irqs_disabled(), a stack trace)
 * and counted in nr_might_sleep_warnings (the self-tests fail on any
 * they did not provoke). The test is inline and cheap; the report out
 * of line. __might_sleep() checks for itself: call it directly only
 * where the state is known to be bad or cheaply tested otherwise.
 */
void __might_sleep(const char *file, int line);
void __might_sleep_irqs(const char *file, int line, int irqs_off);
extern unsigned long nr_might_sleep_warnings;

#define might_sleep() do {						\
	if (unlikely(in_atomic() || irqs_disabled()))			\
		__might_sleep(__FILE__, __LINE__);			\
} while (0)
#define might_sleep_if(cond) do { if (cond) might_sleep(); } while (0)

/*
 * The allocators' fast paths check in two halves, to cost two tests
 * more than before: preempt_count() is tested together with their
 * fault-injection switch (one load, one OR, one branch), and the
 * interrupt flag where their local_irq_save() reads it anyway. Either
 * half, out of line, looks at the gfp flags (may this request sleep?)
 * and reports with __might_sleep_irqs(); the interrupt-flag half only
 * when preempt_count() is 0, so a bad call is reported once.
 */
#endif
