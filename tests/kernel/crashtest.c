/*
 * crashtest: deliberate failures, to prove the test runner catches each
 * way a test run can go wrong. A manual suite: it runs only when named
 * ("ktest=crashtest.panic"), never with plain "ktest". Every case ends
 * the run except "fail" and "leak" (which fail a test or the leak check).
 */
#include <kernel.h>
#include <bug.h>
#include <ktest.h>
#include <jiffies.h>
#include <timer.h>
#include <asm/desc.h>
#include <asm/irqflags.h>
#include <asm/processor.h>

static void crash_fail(struct ktest *t)
{
	int expected = 1, got = 2;

	KTEST_EXPECT_EQ(t, got, expected);
}

static void crash_panic(struct ktest *t)
{
	panic("crashtest: deliberate panic");
}

static void crash_oops(struct ktest *t)
{
	volatile int *p = NULL;

	*p = 1;
}

static void crash_bug(struct ktest *t)
{
	BUG();
}

/* An empty IDT: the next exception cannot be delivered, nor the double fault after it. */
static void crash_triple_fault(struct ktest *t)
{
	static const struct desc_ptr no_idt = { .size = 0, .address = 0 };

	local_irq_disable();
	load_idt(&no_idt);
	__asm__ __volatile__("int3");
}

/* Unbounded recursion runs off the kernel stack: a double fault, caught by its task gate. */
static noinline int recurse(volatile int depth)
{
	volatile char pad[256];

	pad[0] = (char)depth;
	if (depth < 0)		/* never true; keeps the compiler from calling it infinite */
		return 0;
	return recurse(depth + 1) + pad[0];
}

static void crash_double_fault(struct ktest *t)
{
	recurse(0);
}

/* A timer left armed after the suite: the suite's leak_check must fail. */
static struct timer_list leaked_timer;

static void leaked_fn(unsigned long data)
{
}

static void crash_leak(struct ktest *t)
{
	setup_timer(&leaked_timer, leaked_fn, 0);
	mod_timer(&leaked_timer, jiffies + 1000000);
}

static void crash_hang(struct ktest *t)
{
	for (;;)
		cpu_relax();
}

static struct ktest_case crashtest_cases[] = {
	{ crash_fail, "fail" },
	{ crash_panic, "panic" },
	{ crash_oops, "oops" },
	{ crash_bug, "bug" },
	{ crash_triple_fault, "triple_fault" },
	{ crash_double_fault, "double_fault" },
	{ crash_leak, "leak" },
	{ crash_hang, "hang" },
	{}
};

static struct ktest_suite crashtest_suite = {
	.name = "crashtest",
	.test_cases = crashtest_cases,
	.manual = true,
};
ktest_register_suite(crashtest_suite);
