/*
 * The benchmark runner (include/bench.h): runs the benchmarks the
 * "bench" parameter selects, then leaves QEMU.
 */
#include <kernel.h>
#include <string.h>
#include <bench.h>
#include <init.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/reboot.h>

extern const struct bench_case *const __start_bench_cases[], *const __stop_bench_cases[];

bool bench_enabled;
static char bench_filter[COMMAND_LINE_SIZE];	/* "f,g,...": as long as the command line */
u64 bench_loop_overhead_x100;
static const struct bench_case *bench_current;	/* for bench_skip()'s message */

static int __init bench_setup(char *val)
{
	bench_enabled = true;
	strlcpy(bench_filter, val ? val : "", sizeof(bench_filter));
	return 0;
}
__setup("bench", bench_setup);

#define BASELINE_ITERS	10000

/* An empty loop shaped like the measured ones: what one iteration costs on its own. */
static noinline void measure_loop_overhead(void)
{
	volatile unsigned long sink = 0;
	u64 t0;
	unsigned long i;

	t0 = bench_start();
	for (i = 0; i < BASELINE_ITERS; i++)
		sink = i;
	bench_loop_overhead_x100 = bench_stop(t0) * 100 / BASELINE_ITERS;
	(void)sink;
}

void bench_passes_add(struct bench_passes *bp, u64 instructions)
{
	bp->sum += instructions;
	bp->min = min(bp->min, instructions);
	bp->max = max(bp->max, instructions);
	bp->passes++;
}

/* Instructions per op x100 over `ops` operations, the loop baseline taken off. */
static u64 per_op_x100(u64 instructions, unsigned long long ops)
{
	u64 x100 = instructions * 100 / ops;

	return x100 > bench_loop_overhead_x100 ? x100 - bench_loop_overhead_x100 : 0;
}

void bench_report_passes(const char *name, const struct bench_passes *bp, unsigned long ops)
{
	u64 mean = per_op_x100(bp->sum, (unsigned long long)ops * bp->passes);
	u64 lo = per_op_x100(bp->min, ops), hi = per_op_x100(bp->max, ops);

	printk(KERN_INFO "bench: %s %llu.%02llu\n", name, mean / 100, mean % 100);
	printk(KERN_INFO "bench-passes: %s min %llu.%02llu max %llu.%02llu passes %u ops %lu\n",
	       name, lo / 100, lo % 100, hi / 100, hi % 100, bp->passes, ops);
}

void bench_report_value(const char *name, unsigned long long value, const char *unit)
{
	printk(KERN_INFO "bench: %s %llu%s%s\n", name, value, unit ? " " : "", unit ? unit : "");
}

void bench_skip(const char *fmt, ...)
{
	char why[160];
	va_list args;

	va_start(args, fmt);
	vscnprintf(why, sizeof(why), fmt, args);
	va_end(args);
	printk(KERN_ERR "bench-skip: %s: %s\n", bench_current ? bench_current->name : "?", why);
}

static bool bench_selected(const char *name)
{
	const char *p = bench_filter;
	size_t n = strlen(name);

	if (!*p)
		return true;
	while (*p) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);

		if (len == n && !strncmp(p, name, n))
			return true;
		p += len + (comma ? 1 : 0);
	}
	return false;
}

void bench_run(void)
{
	const struct bench_case *const *b;
	unsigned long flags;

	/* Every figure is an rdtsc difference: without a TSC there is nothing to measure with. */
	if (!cpu_has_tsc) {
		printk(KERN_ERR "bench: refused: this CPU has no time-stamp counter (CPUID TSC), "
		       "and every benchmark counts with rdtsc\n");
		machine_exit(QEMU_EXIT_DONE);
	}
	/*
	 * Interrupts on -- the GFP_KERNEL paths measured may sleep, and
	 * might_sleep() rightly objects to them with interrupts off -- but
	 * the timer masked at the PIC: no tick lands in a measurement.
	 */
	disable_8259A_irq(TIMER_IRQ);
	local_irq_save(flags);
	local_irq_enable();
	measure_loop_overhead();
	printk(KERN_INFO "bench: loop_overhead %llu.%02llu\n",
	       bench_loop_overhead_x100 / 100, bench_loop_overhead_x100 % 100);
	for (b = __start_bench_cases; b < __stop_bench_cases; b++) {
		/* Every registered case is named, so bench.py can tell one it does not know. */
		if (!bench_selected((*b)->name)) {
			printk(KERN_INFO "bench-case: %s not selected\n", (*b)->name);
			continue;
		}
		printk(KERN_INFO "bench-case: %s\n", (*b)->name);
		bench_current = *b;
		(*b)->run();
		bench_current = NULL;
	}
	local_irq_restore(flags);
	enable_8259A_irq(TIMER_IRQ);
	printk(KERN_INFO "bench: done\n");
	machine_exit(QEMU_EXIT_PASS);
}
