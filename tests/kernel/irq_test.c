/* Hardware interrupts and CPU identification. */
#include <errno.h>
#include <ktest.h>
#include <jiffies.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/setup.h>

/* Every tick is one IRQ 0 through the remapped PIC, on vector 0x20. */
static void test_timer_irq_counts_jiffies(struct ktest *t)
{
	unsigned long irqs = irq_stat[TIMER_IRQ], start = jiffies;

	while (time_before(jiffies, start + 20))
		safe_halt();
	KTEST_EXPECT_EQ(t, irq_stat[TIMER_IRQ] - irqs, jiffies - start);
	KTEST_EXPECT_EQ(t, spurious_irq_count, 0UL);
}

/*
 * Interrupts off: the tick waits, jiffies stands still. Time is told by
 * the PIT itself (every CPU has one, not every CPU a TSC): each reload
 * of channel 0's count is one tick that could not be delivered.
 */
static void test_irqs_off_stops_ticks(struct ktest *t)
{
	unsigned long start, flags;
	unsigned int reloads = 0, prev, now;

	local_irq_save(flags);
	start = jiffies;
	prev = pit_read_count();
	while (reloads < 3) {
		now = pit_read_count();
		reloads += now > prev;
		prev = now;
	}
	KTEST_EXPECT_EQ(t, jiffies, start);
	local_irq_restore(flags);
	KTEST_EXPECT_FALSE(t, irqs_disabled());
}

static void dummy_handler(int irq, struct pt_regs *regs, void *dev_id)
{
}

static void test_request_irq_rules(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, request_irq(TIMER_IRQ, dummy_handler, "dup", NULL), -EBUSY);
	KTEST_EXPECT_EQ(t, request_irq(CASCADE_IRQ, dummy_handler, "cascade", NULL), -EINVAL);
	KTEST_EXPECT_EQ(t, request_irq(NR_IRQS, dummy_handler, "range", NULL), -EINVAL);
	KTEST_EXPECT_EQ(t, request_irq(5, NULL, "null", NULL), -EINVAL);
	KTEST_EXPECT_EQ(t, request_irq(5, dummy_handler, "irq5", &t), 0);
	free_irq(5, &t);
	KTEST_EXPECT_EQ(t, request_irq(5, dummy_handler, "irq5", &t), 0);
	free_irq(5, &t);
}

/*
 * What print_cpu_info() reported matches CPUID read again now, and the
 * kernel uses what the CPU has and nothing else: CR4 holds PSE and PGE
 * exactly when they are there (and "nopse" was not given).
 */
static void test_cpu_features(struct ktest *t)
{
	u32 eax, ebx, ecx, edx;

	if (boot_cpu_data.cpuid_level < 0) {
		KTEST_EXPECT_EQ(t, mmu_cr4_features, 0UL);
		KTEST_EXPECT_FALSE(t, cpu_has_pse || cpu_has_pge || cpu_has_tsc);
		KTEST_EXPECT_EQ(t, (unsigned int)boot_cpu_data.x86, 4u);
		ktest_skip(t, "no CPUID on this CPU: nothing to compare");
		return;
	}
	KTEST_EXPECT_TRUE(t, boot_cpu_data.x86_vendor_id[0] != '\0');
	if (boot_cpu_data.cpuid_level < 1) {
		KTEST_EXPECT_EQ(t, boot_cpu_data.x86_capability[0], 0u);
		return;
	}
	cpuid(1, &eax, &ebx, &ecx, &edx);
	KTEST_EXPECT_EQ(t, boot_cpu_data.x86_capability[0], edx);
	KTEST_EXPECT_EQ(t, !!cpu_has_pse, !!(edx & (1u << 3)));
	KTEST_EXPECT_EQ(t, !!cpu_has_pge, !!(edx & (1u << 13)));
	KTEST_EXPECT_EQ(t, !!cpu_has_tsc, !!(edx & (1u << 4)));
	KTEST_EXPECT_EQ(t, !!(read_cr4_safe() & X86_CR4_PGE), !!cpu_has_pge);
	KTEST_EXPECT_EQ(t, mmu_cr4_features, cpu_has_pse || cpu_has_pge ? read_cr4_safe() : 0UL);
}

static struct ktest_case irq_cases[] = {
	KTEST_CASE(test_timer_irq_counts_jiffies),
	KTEST_CASE(test_irqs_off_stops_ticks),
	KTEST_CASE(test_request_irq_rules),
	KTEST_CASE(test_cpu_features),
	{}
};

static struct ktest_suite irq_suite = {
	.name = "irq",
	.test_cases = irq_cases,
};
ktest_register_suite(irq_suite);
