/* Hardware interrupts: the two 8259A PICs and the IRQ handler table. */
#ifndef _ASM_IRQ_H
#define _ASM_IRQ_H

#include <asm/ptrace.h>
#include <asm/traps.h>

#define TIMER_IRQ	0
#define CASCADE_IRQ	2

typedef void (*irq_handler_t)(int irq, struct pt_regs *regs, void *dev_id);

int request_irq(unsigned int irq, irq_handler_t handler, const char *name, void *dev_id);
void free_irq(unsigned int irq, void *dev_id);

/* arch/x86/i8259.c */
void init_8259A(void);
void enable_8259A_irq(unsigned int irq);
void disable_8259A_irq(unsigned int irq);
void mask_and_ack_8259A(unsigned int irq);
int i8259A_irq_real(unsigned int irq);
void ack_spurious_8259A(unsigned int irq);
void end_8259A_irq(unsigned int irq);

void init_IRQ(void);

/* Interrupt statistics, per IRQ (a /proc/interrupts of sorts). */
extern unsigned long irq_stat[NR_IRQS];
extern unsigned long spurious_irq_count;

#endif
