/*
 * Is an rdtsc delta an instruction count? A loop of known length
 * (unrolled, no memory traffic) measured against itself at two sizes.
 */
#include <kernel.h>
#include <bench.h>

static noinline u64 run_nops(unsigned long n)
{
	u64 t0 = bench_start();

	__asm__ __volatile__(
		"1:\n\t"
		"nop; nop; nop; nop; nop; nop; nop; nop\n\t"
		"dec %0\n\t"
		"jnz 1b"
		: "+r"(n));
	return bench_stop(t0);
}

/* 10 instructions per iteration: the difference of two runs / 1000 iterations must be 10. */
static void bench_calibration(void)
{
	u64 a = run_nops(1000), b = run_nops(2000);

	bench_report_value("calibration_instructions_per_10_insn_iteration", (b - a) / 1000, NULL);
}
bench_register(bench_calibration);
