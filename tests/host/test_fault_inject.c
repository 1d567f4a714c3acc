/*
 * kernel/fault_inject.c: the boot parameters' strict parsing (overflow,
 * sign, trailing junk: refused, naming the parameter), arming only once
 * boot is complete, should_fail(); and kstrtouint() from vsprintf.c,
 * whose limit is the same on the 64-bit host as in the 32-bit kernel.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include "harness.h"
#include "include/fault_inject.h"

TEST(kstrtouint)
{
	static const struct { const char *s; unsigned int base; int err; unsigned int v; } cases[] = {
		{ "0", 0, 0, 0 },
		{ "4294967295", 10, 0, UINT_MAX },
		{ "0xffffffff", 0, 0, UINT_MAX },
		{ "4294967296", 10, -ERANGE, 7 },		/* one more: refused, not wrapped */
		{ "4294967297", 0, -ERANGE, 7 },
		{ "0x100000000", 0, -ERANGE, 7 },
		{ "99999999999999999999", 10, -ERANGE, 7 },	/* past even a 64-bit long */
		{ "-1", 10, -EINVAL, 7 },
		{ "12x", 10, -EINVAL, 7 },
		{ "", 10, -EINVAL, 7 },
		{ "+5", 10, 0, 5 },
		{ "017", 0, 0, 15 },
	};
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unsigned int v = 7;
		int err = kstrtouint(cases[i].s, cases[i].base, &v);

		if (err != cases[i].err || v != cases[i].v)
			ht_fail(__FILE__, __LINE__, 0, "kstrtouint(\"%s\", %u) = %d, %u; want %d, %u",
				cases[i].s, cases[i].base, err, v, cases[i].err, cases[i].v);
	}
}

/* A good value is kept for later: nothing fails until the boot is complete. */
/* Static: the attributes a parameter set stay registered for fault_inject_arm_boot(). */
static struct fault_attr a = FAULT_ATTR_INITIALIZER("fail_test");
static struct fault_attr b = FAULT_ATTR_INITIALIZER("fail_test");

TEST(parameter_armed_only_after_boot)
{

	EXPECT_EQ(setup_fault_attr(&a, "5,2"), 0);
	EXPECT_EQ(a.interval, 0);
	EXPECT_FALSE(should_fail(&a));
	EXPECT_EQ(host_printk_count("fail_test will fail every 5th call (a limited number of "
				    "times) once boot is complete"), 1);
	fault_inject_arm_boot();
	EXPECT_EQ(a.interval, 5);
	EXPECT_EQ(a.times, 2);
	EXPECT_EQ(host_printk_count("fault injection: fail_test armed: every 5th call fails, "
				    "at most 2 times"), 1);
	EXPECT_EQ(setup_fault_attr(&a, "3"), 0);	/* given twice: the last one counts */
	fault_inject_arm_boot();
	EXPECT_EQ(a.interval, 3);
	EXPECT_EQ(a.times, -1);
	EXPECT_EQ(host_printk_count("fail_test armed: every 3rd call fails\n"), 1);
	EXPECT_EQ(setup_fault_attr(&a, "0x10,0"), 0);
	fault_inject_arm_boot();
	EXPECT_EQ(a.interval, 16);
	EXPECT_EQ(a.times, 0);
	EXPECT_FALSE(should_fail(&a));			/* no failure allowed */
	EXPECT_EQ(setup_fault_attr(&a, "11"), 0);
	EXPECT_EQ(host_printk_count("every 11th call"), 1);
	EXPECT_EQ(setup_fault_attr(&a, "22"), 0);
	EXPECT_EQ(host_printk_count("every 22nd call"), 1);
	fault_attr_set(&a, 0, -1);
	a.boot_interval = 0;
	fault_inject_arm_boot();			/* leaves it off for the next tests */
}

/* Wrapping, signs, junk: refused with a message naming the parameter; nothing changes. */
TEST(bad_values_refused)
{
	static const struct { const char *val; int err; const char *msg; } cases[] = {
		{ "4294967297", -ERANGE, "fail_test=4294967297: interval '4294967297' is out of range (0 .. 4294967295)" },
		{ "4294967296,1", -ERANGE, "interval '4294967296' is out of range" },
		{ "5,2147483648", -ERANGE, "fail_test=5,2147483648: times '2147483648' is out of range (0 .. 2147483647)" },
		{ "5,4294967297", -ERANGE, "times '4294967297' is out of range" },
		{ "123456789012345678901234567890", -ERANGE, "is out of range" },
		{ "-1", -EINVAL, "fail_test=-1: interval '-1' is not a non-negative number" },
		{ "5,-1", -EINVAL, "fail_test=5,-1: times '-1' is not a non-negative number" },
		{ "5x", -EINVAL, "interval '5x' is not a non-negative number" },
		{ "5,2x", -EINVAL, "times '2x' is not a non-negative number" },
		{ "5;2", -EINVAL, "interval '5;2'" },
		{ "5,2,1", -EINVAL, "times '2,1'" },
		{ "3,", -EINVAL, "times ''" },
		{ ",2", -EINVAL, "interval ''" },
		{ "x", -EINVAL, "interval 'x'" },
		{ "", -EINVAL, "fail_test needs a value: fail_test=<interval>[,<times>]" },
	};
	unsigned int i;

	EXPECT_EQ(setup_fault_attr(&b, NULL), -EINVAL);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		host_printk_clear();
		if (setup_fault_attr(&b, cases[i].val) != cases[i].err || host_printk_count(cases[i].msg) != 1)
			ht_fail(__FILE__, __LINE__, 0, "fail_test=%s: want %d and \"%s\", log: %s",
				cases[i].val, cases[i].err, cases[i].msg, host_printk_log());
	}
	EXPECT_EQ(b.boot_interval, 0);
	EXPECT_EQ(b.boot_times, 0);
	fault_inject_arm_boot();
	EXPECT_EQ(b.interval, 0);
}

TEST(should_fail_every_nth_up_to_times)
{
	int i, failed = 0;

	fault_attr_set(&a, 4, -1);
	EXPECT_FALSE(should_fail(&a));
	EXPECT_FALSE(should_fail(&a));
	EXPECT_FALSE(should_fail(&a));
	EXPECT_TRUE(should_fail(&a));
	EXPECT_FALSE(should_fail(&a));
	EXPECT_EQ(a.failed, 1);
	fault_attr_set(&a, 1, 3);
	for (i = 0; i < 10; i++)
		failed += should_fail(&a);
	EXPECT_EQ(failed, 3);
	EXPECT_EQ(a.times, 0);
	fault_attr_set(&a, 0, -1);
	EXPECT_FALSE(should_fail(&a));
	EXPECT_EQ(a.count, 0);
}
