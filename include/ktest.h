/*
 * ktest: in-kernel self-tests reporting in KTAP version 1, the format
 * Linux's KUnit prints, on the console.
 *
 *     static void test_thing(struct ktest *t)
 *     {
 *             KTEST_EXPECT_EQ(t, thing(2), 4);
 *     }
 *     static struct ktest_case thing_cases[] = {
 *             KTEST_CASE(test_thing),
 *             {}
 *     };
 *     static struct ktest_suite thing_suite = {
 *             .name = "thing",
 *             .test_cases = thing_cases,
 *     };
 *     ktest_register_suite(thing_suite);
 *
 * "ktest" on the command line runs every suite; "ktest=a,b.c" runs
 * suite a and case c of suite b. Manual suites (deliberate crashes
 * for testing the test runner) run only when named.
 *
 * Every suite ends with an extra case, leak_check: the quantities that
 * subsystems register with ktest_register_leak_check() (armed timers,
 * free pages per zone, slab objects ...) must be back to what they were
 * before the suite started.
 */
#ifndef _MNEME_KTEST_H
#define _MNEME_KTEST_H

#include <kernel.h>

enum ktest_status {
	KTEST_SUCCESS,
	KTEST_FAILURE,
	KTEST_SKIPPED,
};

struct ktest_suite;

struct ktest {
	const char *name;
	struct ktest_suite *suite;
	enum ktest_status status;
	char status_comment[96];	/* the reason for a skip */
	void *priv;			/* for the suite's init/exit hooks */
};

struct ktest_case {
	void (*run_case)(struct ktest *t);
	const char *name;
};

#define KTEST_CASE(fn)	{ .run_case = fn, .name = #fn }

struct ktest_suite {
	const char *name;
	struct ktest_case *test_cases;
	int (*suite_init)(struct ktest_suite *suite);	/* nonzero: skip the suite */
	void (*suite_exit)(struct ktest_suite *suite);
	int (*init)(struct ktest *t);			/* before each case */
	void (*exit)(struct ktest *t);			/* after each case */
	bool manual;
};

#define ktest_register_suite(suite)					\
	static struct ktest_suite *const __ktest_suite_##suite		\
		__used __section(".ktest_suites") = &suite

/*
 * A leak check: sample() writes up to KTEST_LEAK_VALS quantities with
 * their labels and returns how many. ktest samples before and after
 * every suite; any difference fails the suite's leak_check case.
 */
#define KTEST_LEAK_VALS	8
struct ktest_leak_check {
	const char *name;
	int (*sample)(unsigned long *vals, const char **labels);
};

#define ktest_register_leak_check(lc)					\
	static const struct ktest_leak_check *const __ktest_leak_##lc	\
		__used __section(".ktest_leak_checks") = &lc

/* Failure reporting behind the macros. */
void ktest_fail(struct ktest *t, const char *file, int line, bool assertion,
		const char *fmt, ...) __printf(5, 6);
bool ktest_binary(struct ktest *t, bool ok, const char *file, int line, bool assertion,
		  const char *left, const char *op, const char *right,
		  long long lv, long long rv);
bool ktest_ptr(struct ktest *t, bool ok, const char *file, int line, bool assertion,
	       const char *left, const char *op, const char *right,
	       const void *lv, const void *rv);
bool ktest_str(struct ktest *t, bool ok, const char *file, int line, bool assertion,
	       const char *left, const char *op, const char *right,
	       const char *lv, const char *rv);
void ktest_skip(struct ktest *t, const char *fmt, ...) __printf(2, 3);

#define __KTEST_BIN(t, a, op, b, as) ({					\
	__typeof__(a) __a = (a);					\
	__typeof__(b) __b = (b);					\
	ktest_binary(t, __a op __b, __FILE__, __LINE__, as, #a, #op, #b, \
		     (long long)__a, (long long)__b);			\
})
#define __KTEST_PTR(t, a, op, b, as) ({					\
	const void *__a = (a), *__b = (b);				\
	ktest_ptr(t, __a op __b, __FILE__, __LINE__, as, #a, #op, #b, __a, __b); \
})
#define __KTEST_STR(t, a, op, b, as) ({					\
	const char *__a = (a), *__b = (b);				\
	ktest_str(t, __a && __b && (strcmp(__a, __b) op 0), __FILE__, __LINE__, \
		  as, #a, #op, #b, __a, __b);				\
})
#define __KTEST_TRUE(t, c, as) ({					\
	bool __c = !!(c);						\
	if (!__c)							\
		ktest_fail(t, __FILE__, __LINE__, as, "Expected %s to be true", #c); \
	__c;								\
})

#define KTEST_EXPECT_EQ(t, a, b)	__KTEST_BIN(t, a, ==, b, false)
#define KTEST_EXPECT_NE(t, a, b)	__KTEST_BIN(t, a, !=, b, false)
#define KTEST_EXPECT_LT(t, a, b)	__KTEST_BIN(t, a, <, b, false)
#define KTEST_EXPECT_LE(t, a, b)	__KTEST_BIN(t, a, <=, b, false)
#define KTEST_EXPECT_GT(t, a, b)	__KTEST_BIN(t, a, >, b, false)
#define KTEST_EXPECT_GE(t, a, b)	__KTEST_BIN(t, a, >=, b, false)
#define KTEST_EXPECT_PTR_EQ(t, a, b)	__KTEST_PTR(t, a, ==, b, false)
#define KTEST_EXPECT_PTR_NE(t, a, b)	__KTEST_PTR(t, a, !=, b, false)
#define KTEST_EXPECT_NULL(t, a)		__KTEST_PTR(t, a, ==, NULL, false)
#define KTEST_EXPECT_NOT_NULL(t, a)	__KTEST_PTR(t, a, !=, NULL, false)
#define KTEST_EXPECT_STREQ(t, a, b)	__KTEST_STR(t, a, ==, b, false)
#define KTEST_EXPECT_STRNEQ(t, a, b)	__KTEST_STR(t, a, !=, b, false)
#define KTEST_EXPECT_TRUE(t, c)		__KTEST_TRUE(t, c, false)
#define KTEST_EXPECT_FALSE(t, c)	__KTEST_TRUE(t, !(c), false)

/* Assertions end the test case at once (the test function returns). */
#define KTEST_ASSERT_EQ(t, a, b)	do { if (!__KTEST_BIN(t, a, ==, b, true)) return; } while (0)
#define KTEST_ASSERT_NE(t, a, b)	do { if (!__KTEST_BIN(t, a, !=, b, true)) return; } while (0)
#define KTEST_ASSERT_LT(t, a, b)	do { if (!__KTEST_BIN(t, a, <, b, true)) return; } while (0)
#define KTEST_ASSERT_LE(t, a, b)	do { if (!__KTEST_BIN(t, a, <=, b, true)) return; } while (0)
#define KTEST_ASSERT_GE(t, a, b)	do { if (!__KTEST_BIN(t, a, >=, b, true)) return; } while (0)
#define KTEST_ASSERT_GT(t, a, b)	do { if (!__KTEST_BIN(t, a, >, b, true)) return; } while (0)
#define KTEST_ASSERT_PTR_EQ(t, a, b)	do { if (!__KTEST_PTR(t, a, ==, b, true)) return; } while (0)
#define KTEST_ASSERT_NOT_NULL(t, a)	do { if (!__KTEST_PTR(t, a, !=, NULL, true)) return; } while (0)
#define KTEST_ASSERT_STREQ(t, a, b)	do { if (!__KTEST_STR(t, a, ==, b, true)) return; } while (0)
#define KTEST_ASSERT_TRUE(t, c)		do { if (!__KTEST_TRUE(t, c, true)) return; } while (0)
#define KTEST_FAIL(t, fmt, ...)		ktest_fail(t, __FILE__, __LINE__, false, fmt, ##__VA_ARGS__)

#define KTEST_SKIP(t, fmt, ...)	do { ktest_skip(t, fmt, ##__VA_ARGS__); return; } while (0)

/*
 * Capture what printk prints while a test runs, to check messages the
 * code under test must produce (a warning naming the right object).
 */
void ktest_capture_start(void);
void ktest_capture_stop(void);
/* Whether a captured line contains needle; how many lines matched. */
unsigned int ktest_captured(const char *needle);

/*
 * Run fn(arg), expecting it may oops. The oops is reported as usual
 * (so its message can be captured and checked), then control comes
 * back here: returns true if fn oopsed, false if it returned. The
 * interrupt flag, console level and taint are restored.
 */
bool ktest_catch_oops(void (*fn)(void *arg), void *arg);

/* Run the suites selected by the "ktest" parameter; exits QEMU. */
void ktest_run(void);
extern bool ktest_enabled;

#endif
