/*
 * Exceptions the kernel survives: faults with an exception-table fixup,
 * traps claimed through the die notifier chain (int3 as a debugger
 * would use it, a BUG() a test provokes on purpose), stray vectors.
 */
#include <kernel.h>
#include <bug.h>
#include <errno.h>
#include <extable.h>
#include <ktest.h>
#include <maccess.h>
#include <notifier.h>
#include <asm/irqflags.h>
#include <asm/traps.h>
#include <asm/uaccess.h>

/* Nothing is mapped at the bottom of the address space any more. */
#define UNMAPPED_ADDR	0x00001000UL

/*
 * Loads and stores that fault, each with its exception-table entry
 * (include/asm/uaccess.h, one instruction per size): the page-fault
 * handler must resume at the fixup, which returns -EFAULT, clears the
 * loaded value and writes nothing.
 */
static void test_fixup_resumes_after_fault(struct ktest *t)
{
	unsigned long v = 0xdeadbeef, ok_word = 0x12345678;
	unsigned short h = 0xbeef;
	unsigned char b = 0xef;

	KTEST_EXPECT_EQ(t, __get_user(v, (unsigned long *)UNMAPPED_ADDR), (long)-EFAULT);
	KTEST_EXPECT_EQ(t, v, 0UL);
	KTEST_EXPECT_EQ(t, __get_user(h, (unsigned short *)UNMAPPED_ADDR), (long)-EFAULT);
	KTEST_EXPECT_EQ(t, h, 0);
	KTEST_EXPECT_EQ(t, __get_user(b, (unsigned char *)UNMAPPED_ADDR), (long)-EFAULT);
	KTEST_EXPECT_EQ(t, b, 0);
	KTEST_EXPECT_EQ(t, __get_user(v, &ok_word), 0L);
	KTEST_EXPECT_EQ(t, v, 0x12345678UL);
	KTEST_EXPECT_EQ(t, __get_user(h, (unsigned short *)&ok_word + 1), 0L);
	KTEST_EXPECT_EQ(t, h, 0x1234);
	KTEST_EXPECT_EQ(t, __get_user(b, (unsigned char *)&ok_word), 0L);
	KTEST_EXPECT_EQ(t, b, 0x78);
}

static void test_put_user_sizes(struct ktest *t)
{
	unsigned long word = 0;

	KTEST_EXPECT_EQ(t, __put_user(0x11223344UL, (unsigned long *)UNMAPPED_ADDR), (long)-EFAULT);
	KTEST_EXPECT_EQ(t, __put_user((unsigned short)0x5566, (unsigned short *)UNMAPPED_ADDR),
			(long)-EFAULT);
	KTEST_EXPECT_EQ(t, __put_user((unsigned char)0x77, (unsigned char *)UNMAPPED_ADDR),
			(long)-EFAULT);
	KTEST_EXPECT_EQ(t, __put_user(0x11223344UL, &word), 0L);
	KTEST_EXPECT_EQ(t, __put_user((unsigned short)0x5566, (unsigned short *)&word + 1), 0L);
	KTEST_EXPECT_EQ(t, __put_user((unsigned char)0x77, (unsigned char *)&word), 0L);
	KTEST_EXPECT_EQ(t, word, 0x55663377UL);
}

/* A general-protection fault takes the same road: load a bogus segment selector. */
static void test_fixup_after_general_protection(struct ktest *t)
{
	long err = 0;

	__asm__ __volatile__(
		"	pushl %%ds\n"
		"1:	movl %1, %%ds\n"		/* GDT entry 0x1ff8: past the limit */
		"2:	popl %%ds\n"
		"	.section .fixup, \"ax\"\n"
		"3:	movl %2, %0\n"
		"	jmp 2b\n"
		"	.previous\n"
		_ASM_EXTABLE(1b, 3b)
		: "+r"(err)
		: "r"(0x1ff8), "i"(-EFAULT));
	KTEST_EXPECT_EQ(t, err, (long)-EFAULT);
}

/* A divide error with a fixup: do_trap() consults the exception table too. */
static void test_fixup_after_divide_error(struct ktest *t)
{
	long err = 0;
	unsigned long eax = 1, edx = 0;

	__asm__ __volatile__(
		"1:	divl %4\n"
		"2:\n"
		"	.section .fixup, \"ax\"\n"
		"3:	movl %5, %0\n"
		"	jmp 2b\n"
		"	.previous\n"
		_ASM_EXTABLE(1b, 3b)
		: "+r"(err), "+a"(eax), "+d"(edx)
		: "0"(err), "r"(0UL), "i"(-EFAULT));
	KTEST_EXPECT_EQ(t, err, (long)-EFAULT);
}

static void test_probe_kernel_read_write(struct ktest *t)
{
	unsigned long word = 0x11223344, out = 0, in = 0x55667788;

	KTEST_EXPECT_EQ(t, probe_kernel_read(&out, &word, sizeof(out)), 0L);
	KTEST_EXPECT_EQ(t, out, 0x11223344UL);
	KTEST_EXPECT_EQ(t, probe_kernel_read(&out, (void *)UNMAPPED_ADDR, sizeof(out)), (long)-EFAULT);
	KTEST_EXPECT_EQ(t, probe_kernel_write(&word, &in, sizeof(in)), 0L);
	KTEST_EXPECT_EQ(t, word, 0x55667788UL);
	KTEST_EXPECT_EQ(t, probe_kernel_write((void *)UNMAPPED_ADDR, &in, sizeof(in)), (long)-EFAULT);
	/* Writing to a page that is mapped read-only? None yet; the guard page is unmapped. */
	KTEST_EXPECT_EQ(t, probe_kernel_read(&out, init_stack_guard, 1), (long)-EFAULT);
}

/* The table is searched by binary search: it must be sorted, with no duplicate address. */
static void test_extable_sorted(struct ktest *t)
{
	extern struct exception_table_entry __start___ex_table[], __stop___ex_table[];
	struct exception_table_entry *e;
	unsigned int unsorted = 0;

	KTEST_EXPECT_GT(t, __stop___ex_table - __start___ex_table, 3);
	for (e = __start___ex_table + 1; e < __stop___ex_table; e++)
		unsorted += e[-1].insn >= e->insn;
	KTEST_EXPECT_EQ(t, unsorted, 0u);
	KTEST_EXPECT_NULL(t, search_exception_tables((unsigned long)test_extable_sorted));
}

static struct {
	unsigned int hits;
	unsigned long eip;
	enum die_val want;
} claim;

static int claim_trap(struct notifier_block *nb, unsigned long val, void *data)
{
	struct die_args *args = data;

	if (val != claim.want)
		return NOTIFY_DONE;
	claim.hits++;
	claim.eip = args->regs->eip;
	return NOTIFY_STOP;
}

static struct notifier_block claim_nb = { .notifier_call = claim_trap };

/*
 * int3 traps with eip after the instruction; a notifier that claims it
 * returns there and execution goes on, registers intact.
 */
static void test_int3_handled_and_returned(struct ktest *t)
{
	unsigned long after, ebx = 0x1234abcd;

	claim = (typeof(claim)){ .want = DIE_INT3 };
	register_die_notifier(&claim_nb);
	__asm__ __volatile__(
		"	int3\n"
		"1:	movl $1b, %0\n"
		: "=r"(after), "+b"(ebx));
	unregister_die_notifier(&claim_nb);
	KTEST_EXPECT_EQ(t, claim.hits, 1u);
	KTEST_EXPECT_EQ(t, claim.eip, after);
	KTEST_EXPECT_EQ(t, ebx, 0x1234abcdUL);
}

static int bug_line;

static void hit_bug(void *arg)
{
	bug_line = __LINE__ + 1;
	BUG();
}

/* BUG() names its file and line (through __bug_table) in a full oops report. */
static void test_bug_reports_file_and_line(struct ktest *t)
{
	char where[64];

	ktest_capture_start();
	KTEST_EXPECT_TRUE(t, ktest_catch_oops(hit_bug, NULL));
	ktest_capture_stop();
	snprintf(where, sizeof(where), "kernel BUG at %s:%d!", __FILE__, bug_line);
	KTEST_EXPECT_EQ(t, ktest_captured(where), 1u);
	KTEST_EXPECT_EQ(t, ktest_captured("invalid opcode: 0000 [#"), 1u);
	KTEST_EXPECT_EQ(t, ktest_captured("EIP is at hit_bug+"), 1u);
}

static void null_store(void *arg)
{
	*(volatile int *)arg = 1;
}

/* An oops report names the fault, the faulting function and its callers. */
static void test_oops_report(struct ktest *t)
{
	ktest_capture_start();
	KTEST_EXPECT_TRUE(t, ktest_catch_oops(null_store, NULL));
	ktest_capture_stop();
	KTEST_EXPECT_EQ(t, ktest_captured("BUG: unable to handle kernel NULL pointer dereference at virtual address 00000000"), 1u);
	KTEST_EXPECT_EQ(t, ktest_captured("(no page for a write in kernel mode)"), 1u);
	KTEST_EXPECT_EQ(t, ktest_captured("Oops: 0002 [#"), 1u);
	KTEST_EXPECT_EQ(t, ktest_captured("EIP is at null_store+"), 1u);
	KTEST_EXPECT_EQ(t, ktest_captured("Call Trace:"), 1u);
	KTEST_EXPECT_EQ(t, ktest_captured("ktest_catch_oops+"), 1u);
	KTEST_EXPECT_EQ(t, ktest_captured("Code: "), 1u);
	/* A function that returns normally is reported as such. */
	KTEST_EXPECT_FALSE(t, ktest_catch_oops(null_store, &bug_line));
	KTEST_EXPECT_EQ(t, bug_line, 1);
}

/* WARN_ON prints its place and a call trace, taints, and carries on. */
static void test_warn_on(struct ktest *t)
{
	unsigned long taint = tainted_mask;
	int ret;

	ktest_capture_start();
	ret = WARN_ON(t != NULL);
	ktest_capture_stop();
	KTEST_EXPECT_EQ(t, ret, 1);
	KTEST_EXPECT_EQ(t, ktest_captured("WARNING: at tests/kernel/traps_test.c:"), 1u);
	/* The header and the frame in the trace (a "? " line may name it too: stack debris). */
	KTEST_EXPECT_EQ(t, ktest_captured("test_warn_on()"), 1u);
	KTEST_EXPECT_EQ(t, ktest_captured("] test_warn_on"), 1u);
	KTEST_EXPECT_TRUE(t, tainted_mask & (1UL << TAINT_WARN));
	tainted_mask = taint;
	KTEST_EXPECT_EQ(t, WARN_ON(t == NULL), 0);
}

/* A software interrupt on a vector nobody owns is reported and survived. */
static void test_unexpected_vector(struct ktest *t)
{
	ktest_capture_start();
	__asm__ __volatile__("int $0x90");
	ktest_capture_stop();
	KTEST_EXPECT_EQ(t, ktest_captured("unexpected interrupt vector 0x90"), 1u);
}

static struct ktest_case traps_cases[] = {
	KTEST_CASE(test_fixup_resumes_after_fault),
	KTEST_CASE(test_put_user_sizes),
	KTEST_CASE(test_fixup_after_general_protection),
	KTEST_CASE(test_fixup_after_divide_error),
	KTEST_CASE(test_probe_kernel_read_write),
	KTEST_CASE(test_extable_sorted),
	KTEST_CASE(test_int3_handled_and_returned),
	KTEST_CASE(test_bug_reports_file_and_line),
	KTEST_CASE(test_oops_report),
	KTEST_CASE(test_warn_on),
	KTEST_CASE(test_unexpected_vector),
	{}
};

static struct ktest_suite traps_suite = {
	.name = "traps",
	.test_cases = traps_cases,
};
ktest_register_suite(traps_suite);
