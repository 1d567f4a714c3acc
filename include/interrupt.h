/*
 * Deferred work run at the end of hardware interrupts (ULK 4.7): a
 * minimal softirq layer with Linux's names. Softirq actions run with
 * interrupts enabled, never nested in each other or in a hardware
 * interrupt handler.
 */
#ifndef _MNEME_INTERRUPT_H
#define _MNEME_INTERRUPT_H

#include <preempt.h>

enum {
	TIMER_SOFTIRQ,
	NR_SOFTIRQS
};

extern unsigned long kstat_softirqs[NR_SOFTIRQS];	/* runs of each (/proc/stat) */

void open_softirq(int nr, void (*action)(void));
void raise_softirq(int nr);
void do_softirq(void);
void irq_enter(void);
void irq_exit(void);

/* in_irq(), in_softirq(), in_interrupt(), in_atomic(): include/preempt.h. */

#endif
