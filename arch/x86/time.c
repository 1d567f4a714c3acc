/*
 * The 8254 programmable interval timer, channel 0 on IRQ 0, ticking at
 * HZ (ULK 6.1.3). Each tick advances jiffies_64 and lets the timer
 * softirq run due dynamic timers.
 */
#include <kernel.h>
#include <jiffies.h>
#include <timer.h>
#include <sched.h>
#include <kernel_stat.h>
#include <asm/io.h>
#include <asm/ptrace.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/setup.h>

#define PIT_CH0		0x40
#define PIT_MODE	0x43
#define PIT_MODE_RATE	0x34	/* channel 0, lobyte/hibyte, mode 2 (rate generator), binary */
#define PIT_LATCH_CH0	0x00	/* counter latch command for channel 0 */

volatile u64 jiffies_64 = INITIAL_JIFFIES;

/* jiffies_64 is two words: read it with interrupts off so no tick splits it. */
u64 get_jiffies_64(void)
{
	unsigned long flags;
	u64 j;

	local_irq_save(flags);
	j = jiffies_64;
	local_irq_restore(flags);
	return j;
}

static void do_timer(struct pt_regs *regs)
{
	jiffies_64++;
	run_local_timers();
	/* The tick is charged to the task it interrupted, as user or system time (times()). */
	if (user_mode(regs))
		current->utime++;
	else
		current->stime++;
	account_process_tick(current, user_mode(regs));
	scheduler_tick();
	calc_global_load();
}

static void timer_interrupt(int irq, struct pt_regs *regs, void *dev_id)
{
	(void)irq;
	(void)dev_id;
	do_timer(regs);
}

/*
 * Channel 0's count now: LATCH - 1 down to 0 over one tick, then it
 * reloads. A clock every PC has, for the few places that must see time
 * pass with interrupts off on a CPU without a TSC.
 */
unsigned int pit_read_count(void)
{
	unsigned long flags;
	unsigned int lo, hi;

	local_irq_save(flags);
	outb(PIT_LATCH_CH0, PIT_MODE);
	lo = inb(PIT_CH0);
	hi = inb(PIT_CH0);
	local_irq_restore(flags);
	return (hi << 8) | lo;
}

void time_init(void)
{
	outb(PIT_MODE_RATE, PIT_MODE);
	outb(LATCH & 0xff, PIT_CH0);
	outb(LATCH >> 8, PIT_CH0);
	if (request_irq(TIMER_IRQ, timer_interrupt, "timer", NULL))
		panic("time_init: cannot get IRQ %d", TIMER_IRQ);
	printk(KERN_INFO "time: 8254 PIT at %d Hz (latch %d)\n", HZ, LATCH);
}
