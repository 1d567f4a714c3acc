/*
 * User-memory access (include/asm/uaccess.h, arch/x86/lib/usercopy.c):
 * access_ok()'s limits, -EFAULT for unmapped and kernel addresses, and
 * exact partial counts where a copy runs into an unmapped page.
 *
 * Until processes exist nothing is mapped below PAGE_OFFSET, so the
 * partial copies run against a vmalloc area (kernel memory followed by
 * its unmapped guard page) with addr_limit raised to KERNEL_DS, the way
 * kernel code hands its own buffers to user-pointer functions.
 */
#include <kernel.h>
#include <string.h>
#include <ktest.h>
#include <vmalloc.h>
#include <asm/uaccess.h>

#define UNMAPPED_USER	((void __user *)0x00400000UL)	/* below PAGE_OFFSET, not mapped */

static void test_access_ok_limits(struct ktest *t)
{
	KTEST_EXPECT_TRUE(t, segment_eq(get_fs(), USER_DS));
	KTEST_EXPECT_TRUE(t, access_ok(VERIFY_READ, (void __user *)0, 0));
	KTEST_EXPECT_TRUE(t, access_ok(VERIFY_READ, (void __user *)0x1000, 4096));
	KTEST_EXPECT_TRUE(t, access_ok(VERIFY_WRITE, (void __user *)(PAGE_OFFSET - 4), 4));
	KTEST_EXPECT_FALSE(t, access_ok(VERIFY_WRITE, (void __user *)(PAGE_OFFSET - 4), 5));
	KTEST_EXPECT_FALSE(t, access_ok(VERIFY_READ, (void __user *)PAGE_OFFSET, 1));
	KTEST_EXPECT_FALSE(t, access_ok(VERIFY_READ, (void __user *)0xfffffff0UL, 0x20));
	KTEST_EXPECT_FALSE(t, access_ok(VERIFY_READ, (void __user *)0x1000, 0xfffff000UL));
}

static void restore_fs(void *old)
{
	set_fs(*(mm_segment_t *)old);
}

/* set_fs(KERNEL_DS) until the case ends, however it ends. */
static bool kernel_ds(struct ktest *t)
{
	static mm_segment_t old;

	old = get_fs();
	set_fs(KERNEL_DS);
	return ktest_add_action_or_reset(t, restore_fs, &old) == 0;
}

static void test_bad_pointers_fault(struct ktest *t)
{
	char buf[16], kbuf[16];
	unsigned long v = 7;

	memset(buf, 'x', sizeof(buf));
	KTEST_EXPECT_EQ(t, copy_from_user(buf, UNMAPPED_USER, sizeof(buf)), sizeof(buf));
	KTEST_EXPECT_EQ(t, buf[0], 0);		/* zeroed: nothing stale leaks */
	KTEST_EXPECT_EQ(t, buf[15], 0);
	KTEST_EXPECT_EQ(t, copy_to_user(UNMAPPED_USER, buf, sizeof(buf)), sizeof(buf));
	KTEST_EXPECT_EQ(t, clear_user(UNMAPPED_USER, 100), 100UL);
	KTEST_EXPECT_EQ(t, get_user(v, (unsigned long __user *)UNMAPPED_USER), (long)-EFAULT);
	KTEST_EXPECT_EQ(t, v, 0UL);
	KTEST_EXPECT_EQ(t, put_user(1UL, (unsigned long __user *)UNMAPPED_USER), (long)-EFAULT);
	KTEST_EXPECT_EQ(t, strncpy_from_user(buf, UNMAPPED_USER, 8), (long)-EFAULT);
	KTEST_EXPECT_EQ(t, strnlen_user(UNMAPPED_USER, 8), 0L);

	/* A kernel address is refused by access_ok() before anything is read. */
	memset(kbuf, 'k', sizeof(kbuf));
	KTEST_EXPECT_EQ(t, copy_from_user(buf, (void __user *)kbuf, sizeof(buf)), sizeof(buf));
	KTEST_EXPECT_EQ(t, buf[0], 0);
	KTEST_EXPECT_EQ(t, copy_to_user((void __user *)kbuf, "hello", 6), 6UL);
	KTEST_EXPECT_EQ(t, kbuf[0], 'k');	/* not written */
	KTEST_EXPECT_EQ(t, get_user(v, (unsigned long __user *)kbuf), (long)-EFAULT);
	KTEST_EXPECT_EQ(t, put_user(1UL, (unsigned long __user *)kbuf), (long)-EFAULT);
	KTEST_EXPECT_EQ(t, strncpy_from_user(buf, (void __user *)"abc", 8), (long)-EFAULT);
	KTEST_EXPECT_EQ(t, strnlen_user((void __user *)"abc", 8), 0L);
}

/*
 * Copies that start `before` bytes ahead of the guard page, for every
 * alignment: exactly `before` bytes go through, the rest is reported.
 */
static void test_partial_copies_stop_at_the_faulting_byte(struct ktest *t)
{
	char *area, src[40], dst[40];
	unsigned long before;

	KTEST_ASSERT_TRUE(t, kernel_ds(t));
	area = ktest_vmalloc(t, PAGE_SIZE);
	KTEST_ASSERT_NOT_NULL(t, area);
	for (before = 0; before <= 17; before++) {
		char *edge = area + PAGE_SIZE - before;
		unsigned long i;

		memset(area, 0, PAGE_SIZE);
		for (i = 0; i < sizeof(src); i++)
			src[i] = (char)(i + 1);
		KTEST_EXPECT_EQ(t, copy_to_user((void __user *)edge, src, sizeof(src)),
				sizeof(src) - before);
		KTEST_EXPECT_EQ(t, memcmp(edge, src, before), 0);

		memset(dst, 'x', sizeof(dst));
		KTEST_EXPECT_EQ(t, copy_from_user(dst, (void __user *)edge, sizeof(dst)),
				sizeof(dst) - before);
		KTEST_EXPECT_EQ(t, memcmp(dst, src, before), 0);
		for (i = before; i < sizeof(dst); i++)
			if (dst[i])
				break;
		KTEST_EXPECT_EQ(t, i, sizeof(dst));	/* the rest zeroed */

		memset(area, 0xff, PAGE_SIZE);
		KTEST_EXPECT_EQ(t, clear_user((void __user *)edge, 30), 30 - before);
		for (i = 0; i < before; i++)
			if (edge[i])
				break;
		KTEST_EXPECT_EQ(t, i, before);
		KTEST_EXPECT_EQ(t, (unsigned char)edge[-1], 0xff);
	}
}

static void test_strings(struct ktest *t)
{
	char *area, buf[16];

	KTEST_ASSERT_TRUE(t, kernel_ds(t));
	area = ktest_vmalloc(t, PAGE_SIZE);
	KTEST_ASSERT_NOT_NULL(t, area);
	memcpy(area, "hello", 6);
	KTEST_EXPECT_EQ(t, strncpy_from_user(buf, (void __user *)area, sizeof(buf)), 5L);
	KTEST_EXPECT_STREQ(t, buf, "hello");
	KTEST_EXPECT_EQ(t, strnlen_user((void __user *)area, 100), 6L);
	KTEST_EXPECT_EQ(t, strnlen_user((void __user *)area, 5), 6L);	/* > n: no NUL in 5 */
	memset(buf, 'x', sizeof(buf));
	KTEST_EXPECT_EQ(t, strncpy_from_user(buf, (void __user *)area, 3), 3L);
	KTEST_EXPECT_EQ(t, buf[2], 'l');
	KTEST_EXPECT_EQ(t, buf[3], 'x');	/* not terminated when it does not fit */
	KTEST_EXPECT_EQ(t, strncpy_from_user(buf, (void __user *)area, 0), 0L);

	/* A string that runs into the guard page faults; one that ends before it does not. */
	memset(area, 'a', PAGE_SIZE);
	KTEST_EXPECT_EQ(t, strncpy_from_user(buf, (void __user *)(area + PAGE_SIZE - 4), 16),
			(long)-EFAULT);
	KTEST_EXPECT_EQ(t, strnlen_user((void __user *)(area + PAGE_SIZE - 4), 16), 0L);
	area[PAGE_SIZE - 1] = '\0';
	KTEST_EXPECT_EQ(t, strncpy_from_user(buf, (void __user *)(area + PAGE_SIZE - 4), 16), 3L);
	KTEST_EXPECT_EQ(t, strnlen_user((void __user *)(area + PAGE_SIZE - 4), 16), 4L);
}

static struct ktest_case uaccess_cases[] = {
	KTEST_CASE(test_access_ok_limits),
	KTEST_CASE(test_bad_pointers_fault),
	KTEST_CASE(test_partial_copies_stop_at_the_faulting_byte),
	KTEST_CASE(test_strings),
	{}
};

static struct ktest_suite uaccess_suite = {
	.name = "uaccess",
	.test_cases = uaccess_cases,
};
ktest_register_suite(uaccess_suite);
