/*
 * The benchmark runner (include/bench.h): runs the benchmarks the
 * "bench" parameter selects, then leaves QEMU.
 */
#include <kernel.h>
#include <string.h>
#include <bench.h>
#include <init.h>
#include <asm/irqflags.h>
#include <asm/reboot.h>

extern const struct bench_case *const __start_bench_cases[], *const __stop_bench_cases[];

bool bench_enabled;
static char bench_filter[128];
u64 bench_loop_overhead_x100;

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

void bench_report(const char *name, u64 instructions, unsigned long ops)
{
	u64 x100 = instructions * 100 / ops;

	x100 = x100 > bench_loop_overhead_x100 ? x100 - bench_loop_overhead_x100 : 0;
	printk(KERN_INFO "bench: %s %llu.%02llu\n", name, x100 / 100, x100 % 100);
}

void bench_report_value(const char *name, unsigned long long value, const char *unit)
{
	printk(KERN_INFO "bench: %s %llu%s%s\n", name, value, unit ? " " : "", unit ? unit : "");
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
	local_irq_save(flags);
	measure_loop_overhead();
	printk(KERN_INFO "bench: loop_overhead %llu.%02llu\n",
	       bench_loop_overhead_x100 / 100, bench_loop_overhead_x100 % 100);
	for (b = __start_bench_cases; b < __stop_bench_cases; b++) {
		if (!bench_selected((*b)->name))
			continue;
		printk(KERN_INFO "# bench %s\n", (*b)->name);
		(*b)->run();
	}
	local_irq_restore(flags);
	printk(KERN_INFO "bench: done\n");
	machine_exit(QEMU_EXIT_PASS);
}
