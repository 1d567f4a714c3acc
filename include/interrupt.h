/*
 * Deferred work run at the end of hardware interrupts (ULK 4.7): a
 * minimal softirq layer with Linux's names. Softirq actions run with
 * interrupts enabled, never nested in each other or in a hardware
 * interrupt handler.
 */
#ifndef _MNEME_INTERRUPT_H
#define _MNEME_INTERRUPT_H

enum {
	TIMER_SOFTIRQ,
	NR_SOFTIRQS
};

void open_softirq(int nr, void (*action)(void));
void raise_softirq(int nr);
void do_softirq(void);
void irq_enter(void);
void irq_exit(void);

/* Nesting counts (Linux keeps both in preempt_count). */
extern unsigned int hardirq_count;
extern unsigned int softirq_count;

static inline int in_irq(void)
{
	return hardirq_count != 0;
}

static inline int in_softirq(void)
{
	return softirq_count != 0;
}

/* Interrupt context of either kind: sleeping is forbidden here. */
static inline int in_interrupt(void)
{
	return in_irq() || in_softirq();
}

#endif
