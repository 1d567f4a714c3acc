/*
 * Softirqs, reduced to what one CPU without preemption needs. A
 * hardware interrupt handler raises a softirq; irq_exit() runs the
 * pending ones once the outermost handler is done, with interrupts
 * enabled so the next tick is not delayed by a long timer function.
 */
#include <bug.h>
#include <interrupt.h>
#include <asm/irqflags.h>

/* The atomic-context count (include/preempt.h); interrupts nest their own fields in it. */
unsigned int __preempt_count;

static unsigned long softirq_pending;
static void (*softirq_vec[NR_SOFTIRQS])(void);
unsigned long kstat_softirqs[NR_SOFTIRQS];	/* runs of each, for /proc/stat */

void open_softirq(int nr, void (*action)(void))
{
	softirq_vec[nr] = action;
}

void raise_softirq(int nr)
{
	unsigned long flags;

	local_irq_save(flags);
	softirq_pending |= 1UL << nr;
	local_irq_restore(flags);
}

/* Runs pending softirqs unless already inside interrupt work. Call with IRQs off. */
void do_softirq(void)
{
	unsigned long pending;
	int nr;

	if (in_interrupt() || !softirq_pending)
		return;
	add_preempt_count(SOFTIRQ_OFFSET);
	while ((pending = softirq_pending) != 0) {
		softirq_pending = 0;
		local_irq_enable();
		for (nr = 0; pending; nr++, pending >>= 1)
			if ((pending & 1) && softirq_vec[nr]) {
				kstat_softirqs[nr]++;
				softirq_vec[nr]();
			}
		local_irq_disable();
	}
	sub_preempt_count(SOFTIRQ_OFFSET);
}

void irq_enter(void)
{
	add_preempt_count(HARDIRQ_OFFSET);
}

void irq_exit(void)
{
	BUG_ON(!in_irq());
	sub_preempt_count(HARDIRQ_OFFSET);
	do_softirq();
}
