/*
 * Benchmarks in instructions (kernel/bench.c). `make bench` boots with
 * "bench" under qemu -icount shift=0,sleep=off, where the TSC advances
 * by exactly one per retired instruction: an rdtsc delta is an
 * instruction count, identical on every run and every machine.
 *
 *     static void bench_thing(void)
 *     {
 *             u64 t0 = bench_start();
 *             for (i = 0; i < N; i++)
 *                     thing();
 *             bench_report("thing", bench_stop(t0), N);
 *     }
 *     bench_register(bench_thing);
 *
 * Each report prints "bench: <name> <instructions per op>", with the
 * cost of an empty measured loop iteration (the baseline) taken off.
 * Interrupts are off while a benchmark runs.
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

/* Print "bench: name value" with value = instructions / ops, minus the loop baseline. */
void bench_report(const char *name, u64 instructions, unsigned long ops);
/* Print a raw figure: "bench: name value" (a count, a ratio x100, ...). */
void bench_report_value(const char *name, unsigned long long value, const char *unit);
/* The cost of one empty iteration of a measured loop, measured at start-up. */
extern u64 bench_loop_overhead_x100;

void bench_run(void);
extern bool bench_enabled;

#endif
