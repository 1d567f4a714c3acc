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
 *
 * What a test takes it registers at once, as KUnit does with
 * kunit_add_action(): when the case ends -- it returns, an assertion
 * stops it, it skips -- the actions run, the last registered first, so
 * the leak check after a failed test still means something:
 *
 *     struct page *p = ktest_alloc_pages(t, GFP_KERNEL, 2);
 *     KTEST_ASSERT_NOT_NULL(t, p);        <- returns: p is freed all the same
 *     ...
 *     ktest_free_pages(t, p, 2);          <- freed now (the test checks after)
 */
#ifndef _MNEME_KTEST_H
#define _MNEME_KTEST_H

#include <kernel.h>
#include <gfp.h>
#include <list.h>
#include <slab.h>

struct page;
struct fault_attr;

enum ktest_status {
	KTEST_SUCCESS,
	KTEST_FAILURE,
	KTEST_SKIPPED,
};

struct ktest_suite;

typedef void (*ktest_action_t)(void *arg);

/*
 * A deferred cleanup: run(a) undoes what key names. The table is fixed
 * (no allocation: a test of a failing allocator can still register);
 * slots are not moved while in use, so a helper may keep a list head
 * in one (ktest_page_list()).
 */
struct ktest_action {
	void (*run)(struct ktest_action *a);	/* NULL: a free slot */
	void *key;			/* what ktest_*_action() and helpers find it by */
	ktest_action_t fn;		/* a test's own action; a thread's stop function */
	void *arg;
	unsigned long data[4];		/* an order, a pid, a saved fault_attr, a list head */
};

#define KTEST_MAX_ACTIONS	64

struct ktest {
	const char *name;
	struct ktest_suite *suite;
	enum ktest_status status;
	char status_comment[96];	/* the reason for a skip */
	void *priv;			/* for the suite's init/exit hooks */
	struct ktest_action *actions;	/* max_actions slots, nr_actions used */
	unsigned int nr_actions, max_actions;
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

/* Every leak check's quantities at one moment (ktest_leak_sample_all()). */
#define KTEST_MAX_LEAK_CHECKS	16
struct ktest_leak_sample {
	unsigned long vals[KTEST_LEAK_VALS];
	const char *labels[KTEST_LEAK_VALS];
	int n;
};
struct ktest_leak_snapshot {
	struct ktest_leak_sample s[KTEST_MAX_LEAK_CHECKS];
};
/* How much a check's quantity may have changed, for a comparison that accounts for it. */
typedef long (*ktest_leak_expect_t)(const char *check, const char *label, void *arg);

void ktest_leak_sample_all(struct ktest_leak_snapshot *snap);
bool ktest_leak_compare(const struct ktest_leak_snapshot *before, const char *prefix,
			const char *when, ktest_leak_expect_t expect, void *arg);

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

/*
 * Skip the rest of the test. A test that has already failed stays
 * failed: the reason is printed, the verdict is "not ok".
 */
#define KTEST_SKIP(t, fmt, ...)	do { ktest_skip(t, fmt, ##__VA_ARGS__); return; } while (0)

/*
 * Deferred cleanup (KUnit's kunit_add_action() family). fn(arg) runs
 * when the case ends, after the suite's exit hook, in reverse order of
 * registration. ktest_add_action() returns 0, or -ENOMEM when the
 * table is full (KTEST_MAX_ACTIONS: the test fails, saying so);
 * ktest_add_action_or_reset() then calls fn(arg) at once.
 * ktest_remove_action() forgets the latest fn(arg) without running it;
 * ktest_release_action() runs it now and forgets it. Arguments must
 * outlive the test function (not on its stack).
 */
int ktest_add_action(struct ktest *t, ktest_action_t fn, void *arg);
int ktest_add_action_or_reset(struct ktest *t, ktest_action_t fn, void *arg);
void ktest_remove_action(struct ktest *t, ktest_action_t fn, void *arg);
void ktest_release_action(struct ktest *t, ktest_action_t fn, void *arg);
/* Run every action now (the runner does at the end of each case). */
void ktest_cleanup(struct ktest *t);

/*
 * Resource helpers: allocate and register the undo in one call (NULL
 * or a negative errno: nothing registered). The ktest_free_*() calls
 * release early, for tests that check what freeing did.
 */
void *ktest_kmalloc(struct ktest *t, size_t size, gfp_t gfp);
void ktest_kfree(struct ktest *t, const void *p);
struct page *ktest_alloc_pages(struct ktest *t, gfp_t gfp, unsigned int order);
void ktest_free_pages(struct ktest *t, struct page *page, unsigned int order);
#define ktest_alloc_page(t, gfp)	ktest_alloc_pages(t, gfp, 0)
#define ktest_free_page(t, page)	ktest_free_pages(t, page, 0)
/* An empty list for blocks of 2^order pages (page->lru); what is on it when the test ends is freed. */
struct list_head *ktest_page_list(struct ktest *t, unsigned int order);
kmem_cache_t *ktest_kmem_cache_create(struct ktest *t, const char *name, size_t size,
				      size_t align, unsigned long flags, kmem_ctor_t ctor,
				      kmem_ctor_t dtor);
/* kmem_cache_destroy()'s result; a refused destroy stays registered. */
int ktest_kmem_cache_destroy(struct ktest *t, kmem_cache_t *cachep);
void *ktest_kmem_cache_alloc(struct ktest *t, kmem_cache_t *cachep, gfp_t gfp);
void ktest_kmem_cache_free(struct ktest *t, kmem_cache_t *cachep, void *obj);
void *ktest_vmalloc(struct ktest *t, unsigned long size);
void ktest_vfree(struct ktest *t, const void *addr);
void *ktest_kmap(struct ktest *t, struct page *page);
void ktest_kunmap(struct ktest *t, struct page *page);
/*
 * A kernel thread the end of the test reaps. If it may be waiting for
 * the test, stop(stop_arg) is called first to let it finish (it must
 * do no harm when the thread has already). Returns the pid or -errno.
 * ktest_kernel_wait() reaps it now: kernel_wait()'s result.
 */
int ktest_kernel_thread(struct ktest *t, int (*fn)(void *), void *arg,
			ktest_action_t stop, void *stop_arg);
int ktest_kernel_wait(struct ktest *t, int pid, int *exit_code);
/*
 * Fault injection for the rest of the test (fault_attr_set()); the
 * attribute as it was -- a boot parameter's setting, counts included --
 * comes back when the test ends.
 */
void ktest_fault_attr_set(struct ktest *t, struct fault_attr *attr, unsigned long interval,
			  long times);

/*
 * Capture what printk prints while a test runs, to check messages the
 * code under test must produce (a warning naming the right object).
 */
void ktest_capture_start(void);
void ktest_capture_stop(void);
/* Whether a captured line contains needle; how many lines matched. */
unsigned int ktest_captured(const char *needle);
/* The nth (from 0) captured line containing needle, from needle on, up to '\n'; or NULL. */
const char *ktest_captured_line(const char *needle, unsigned int nth);

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
