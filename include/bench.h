/*
 * Benchmarks in instructions (kernel/bench.c). `make bench` boots with
 * "bench" under qemu -icount shift=0,sleep=off, where the TSC advances
 * by exactly one per retired instruction: an rdtsc delta is an
 * instruction count, identical on every run and every machine.
 *
 *     static noinline void things(unsigned long n)
 *     {
 *             for (i = 0; i < n; i++)
 *                     thing();
 *     }
 *
 *     static void bench_thing(void)
 *     {
 *             bench_measure("thing", N, things(N));
 *     }
 *     bench_register(bench_thing);
 *
 * bench_measure() runs its pass once untimed (the warm-up), then
 * BENCH_PASSES times timed, as Linux's lbench does
 * (../shared/bench/linux-kernel/lbench.c), and prints
 *
 *     bench: <name> <mean instructions per op>
 *     bench-passes: <name> min <per op> max <per op> passes <P> ops <N>
 *
 * with the cost of an empty measured loop iteration (the baseline)
 * taken off every figure. Interrupts are on while a benchmark runs (the
 * allocators may sleep), but the timer is masked: no tick is counted in.
 * A benchmark that cannot measure on this machine says why with
 * bench_skip(); scripts/bench.py fails the run on it.
 *
 * scripts/bench.py declares every row a benchmark prints, with the
 * machine it runs on and its goal: a new row is declared there too.
 */
#ifndef _MNEME_BENCH_H
#define _MNEME_BENCH_H

#include <types.h>
#include <compiler.h>
#include <asm/processor.h>

struct bench_case {
	const char *name;
	void (*run)(void);
};

#define bench_register(fn)						\
	static const struct bench_case __bench_##fn = { #fn, fn };	\
	static const struct bench_case *const __bench_ptr_##fn		\
		__used __section(".bench_cases") = &__bench_##fn

/* Timed passes of a measurement, after its untimed warm-up pass (lbench's REPS). */
#define BENCH_PASSES	5

static inline u64 bench_start(void)
{
	barrier();
	return rdtsc();
}

static inline u64 bench_stop(u64 start)
{
	u64 t = rdtsc();

	barrier();
	return t - start;
}

/* Instruction counts of the timed passes of one measurement. */
struct bench_passes {
	u64 sum, min, max;
	unsigned int passes;
};

#define BENCH_PASSES_INIT	{ .sum = 0, .min = ~0ULL, .max = 0, .passes = 0 }

void bench_passes_add(struct bench_passes *bp, u64 instructions);
/* Print the mean per op over the passes (and their min and max), minus the loop baseline. */
void bench_report_passes(const char *name, const struct bench_passes *bp, unsigned long ops);

/*
 * Run the statement `pass`, which performs `ops` operations, once to warm
 * up (lists filled, objects cached), then BENCH_PASSES times timed; report.
 */
#define bench_measure(name, ops, pass)					\
do {									\
	struct bench_passes __bp = BENCH_PASSES_INIT;			\
	unsigned int __p;						\
									\
	pass;								\
	for (__p = 0; __p < BENCH_PASSES; __p++) {			\
		u64 __t0 = bench_start();				\
									\
		pass;							\
		bench_passes_add(&__bp, bench_stop(__t0));		\
	}								\
	bench_report_passes(name, &__bp, ops);				\
} while (0)

/* Print a raw figure: "bench: name value" (a count, a percentage ...). */
void bench_report_value(const char *name, unsigned long long value, const char *unit);
/* This benchmark cannot measure here: "bench-skip: <benchmark>: <why>" (a failure). */
__printf(1, 2) void bench_skip(const char *fmt, ...);
/* The cost of one empty iteration of a measured loop, measured at start-up. */
extern u64 bench_loop_overhead_x100;

void bench_run(void);
extern bool bench_enabled;

#endif
