/*
 * Hardware interrupt dispatch (ULK 4.6.1): do_IRQ() is entered from the
 * generic vector stubs with the vector number. The line is masked and
 * acknowledged, the handler runs, the line is unmasked; softirqs raised
 * by the handler run from irq_exit().
 */
#include <kernel.h>
#include <errno.h>
#include <interrupt.h>
#include <asm/irq.h>
#include <asm/irqflags.h>

struct irq_action {
	irq_handler_t handler;
	const char *name;
	void *dev_id;
};

static struct irq_action irq_actions[NR_IRQS];
unsigned long irq_stat[NR_IRQS];
unsigned long spurious_irq_count;

int request_irq(unsigned int irq, irq_handler_t handler, const char *name, void *dev_id)
{
	unsigned long flags;

	if (irq >= NR_IRQS || irq == CASCADE_IRQ || !handler)
		return -EINVAL;
	if (irq_actions[irq].handler)
		return -EBUSY;
	local_irq_save(flags);
	irq_actions[irq] = (struct irq_action){ handler, name, dev_id };
	enable_8259A_irq(irq);
	local_irq_restore(flags);
	return 0;
}

void free_irq(unsigned int irq, void *dev_id)
{
	unsigned long flags;

	if (irq >= NR_IRQS || irq_actions[irq].dev_id != dev_id) {
		printk(KERN_ERR "free_irq: IRQ %u is not held by %p\n", irq, dev_id);
		return;
	}
	local_irq_save(flags);
	disable_8259A_irq(irq);
	irq_actions[irq] = (struct irq_action){ 0 };
	local_irq_restore(flags);
}

void do_IRQ(struct pt_regs *regs, long vector);
void do_IRQ(struct pt_regs *regs, long vector)
{
	unsigned int irq = vector - FIRST_EXTERNAL_VECTOR;
	struct irq_action *action = &irq_actions[irq];

	irq_enter();
	if (!i8259A_irq_real(irq)) {
		spurious_irq_count++;
		ack_spurious_8259A(irq);
		goto out;
	}
	mask_and_ack_8259A(irq);
	irq_stat[irq]++;
	if (action->handler) {
		action->handler(irq, regs, action->dev_id);
		end_8259A_irq(irq);
	} else {
		printk(KERN_WARNING "unexpected IRQ %u (vector 0x%02lx)\n", irq, vector);
	}
out:
	irq_exit();
}

void init_IRQ(void)
{
	init_8259A();
}
