/*
 * The host test harness: kernel code compiled for the host, run under
 * ASan and UBSan, results in KTAP version 1 (what KUnit prints).
 *
 *     #include "harness.h"
 *
 *     TEST(strlcpy_truncates)
 *     {
 *             char buf[4];
 *
 *             EXPECT_EQ(kernel_strlcpy(buf, "hello", sizeof(buf)), 5);
 *             EXPECT_STREQ(buf, "hel");
 *     }
 *
 * Tests run in the order they appear in the file. EXPECT_* records a
 * failure and carries on; ASSERT_* records it and ends the test (from
 * any depth: it longjmps back to the harness). Integer comparisons are
 * exact whatever the operand types (both sides widen to __int128), so
 * -1 never equals UINT_MAX. A failed test shows the kernel's printk
 * output as "# " lines; HOST_TEST_VERBOSE=1 shows it always.
 *
 *   ./test_foo [substring...]   run only the tests whose name contains one
 *   HOST_TEST_SEED=n            seed of ht_rand() (the default is fixed)
 */
#ifndef _HOST_HARNESS_H
#define _HOST_HARNESS_H

#include <setjmp.h>
#include <stdint.h>
#include <stddef.h>
#include "kapi.h"

void ht_register(const char *name, void (*fn)(void), int line);

#define TEST(name)							\
	static void test_##name(void);					\
	__attribute__((constructor)) static void ht_register_##name(void) \
	{ ht_register(#name, test_##name, __LINE__); }			\
	static void test_##name(void)

/* Failure reporting: fatal != 0 ends the test. */
__attribute__((format(printf, 4, 5)))
void ht_fail(const char *file, int line, int fatal, const char *fmt, ...);
void ht_fail_cmp(const char *file, int line, int fatal, const char *a,
		 const char *op, const char *b, __int128 va, __int128 vb);
void ht_fail_str(const char *file, int line, int fatal, const char *a,
		 const char *b, const char *va, const char *vb);
void ht_fail_mem(const char *file, int line, int fatal, const char *a,
		 const char *b, const void *va, const void *vb, size_t n);
int ht_failed(void);	/* has the current test failed so far? */
/* A "# " diagnostic line in the output (counts, seeds: not failures). */
__attribute__((format(printf, 1, 2))) void ht_diag(const char *fmt, ...);

#define HT_CMP(fatal, a, op, b) do {					\
	__int128 _ht_a = (__int128)(a), _ht_b = (__int128)(b);		\
	if (!(_ht_a op _ht_b))						\
		ht_fail_cmp(__FILE__, __LINE__, fatal, #a, #op, #b, _ht_a, _ht_b); \
} while (0)

#define EXPECT_EQ(a, b)	HT_CMP(0, a, ==, b)
#define EXPECT_NE(a, b)	HT_CMP(0, a, !=, b)
#define EXPECT_LT(a, b)	HT_CMP(0, a, <, b)
#define EXPECT_LE(a, b)	HT_CMP(0, a, <=, b)
#define EXPECT_GT(a, b)	HT_CMP(0, a, >, b)
#define EXPECT_GE(a, b)	HT_CMP(0, a, >=, b)
#define ASSERT_EQ(a, b)	HT_CMP(1, a, ==, b)
#define ASSERT_NE(a, b)	HT_CMP(1, a, !=, b)
#define ASSERT_LT(a, b)	HT_CMP(1, a, <, b)
#define ASSERT_LE(a, b)	HT_CMP(1, a, <=, b)
#define ASSERT_GT(a, b)	HT_CMP(1, a, >, b)
#define ASSERT_GE(a, b)	HT_CMP(1, a, >=, b)

#define HT_TRUE(fatal, c) do {						\
	if (!(c))							\
		ht_fail(__FILE__, __LINE__, fatal, "expected %s", #c);	\
} while (0)
#define EXPECT_TRUE(c)	HT_TRUE(0, c)
#define EXPECT_FALSE(c)	HT_TRUE(0, !(c))
#define ASSERT_TRUE(c)	HT_TRUE(1, c)
#define ASSERT_FALSE(c)	HT_TRUE(1, !(c))

#define HT_PTR(fatal, a, op, b) do {					\
	const void *_ht_a = (a), *_ht_b = (b);				\
	if (!(_ht_a op _ht_b))						\
		ht_fail(__FILE__, __LINE__, fatal, "expected %s %s %s: %p vs %p", \
			#a, #op, #b, _ht_a, _ht_b);			\
} while (0)
#define EXPECT_PTR_EQ(a, b)	HT_PTR(0, a, ==, b)
#define EXPECT_PTR_NE(a, b)	HT_PTR(0, a, !=, b)
#define EXPECT_NULL(a)		HT_PTR(0, a, ==, NULL)
#define EXPECT_NOT_NULL(a)	HT_PTR(0, a, !=, NULL)
#define ASSERT_NOT_NULL(a)	HT_PTR(1, a, !=, NULL)

/* Strings (NULL allowed, equal only to NULL) and byte ranges. */
#define HT_STR(fatal, a, b) do {					\
	const char *_ht_a = (a), *_ht_b = (b);				\
	if (_ht_a != _ht_b && (!_ht_a || !_ht_b || strcmp(_ht_a, _ht_b))) \
		ht_fail_str(__FILE__, __LINE__, fatal, #a, #b, _ht_a, _ht_b); \
} while (0)
#define EXPECT_STREQ(a, b)	HT_STR(0, a, b)
#define ASSERT_STREQ(a, b)	HT_STR(1, a, b)
#define EXPECT_MEMEQ(a, b, n) do {					\
	const void *_ht_a = (a), *_ht_b = (b);				\
	size_t _ht_n = (n);						\
	if (memcmp(_ht_a, _ht_b, _ht_n))				\
		ht_fail_mem(__FILE__, __LINE__, 0, #a, #b, _ht_a, _ht_b, _ht_n); \
} while (0)

/* stmt must hit BUG() (BUG_ON and friends) in kernel code. */
#define EXPECT_BUG(stmt) do {						\
	jmp_buf _ht_env;						\
	jmp_buf *volatile _ht_prev = host_bug_env;			\
	if (!setjmp(_ht_env)) {						\
		host_bug_env = &_ht_env;				\
		stmt;							\
		host_bug_env = _ht_prev;				\
		ht_fail(__FILE__, __LINE__, 0, "expected BUG() from %s", #stmt); \
	} else {							\
		host_bug_env = _ht_prev;				\
	}								\
} while (0)

/*
 * A deterministic PRNG (xorshift64*), reseeded before each test from
 * HOST_TEST_SEED and the test's name, so a failure reproduces alone.
 */
uint64_t ht_rand(void);
static inline uint64_t ht_rand_below(uint64_t n)	/* uniform enough in [0, n) */
{
	return n ? ht_rand() % n : 0;
}
uint64_t ht_seed(void);

/* Needed by the macros above. */
#include <string.h>

#endif
