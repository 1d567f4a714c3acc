/*
 * crashtest: deliberate failures, to prove the test runner catches each
 * way a test run can go wrong. A manual suite: it runs only when named
 * ("ktest=crashtest.panic"), never with plain "ktest". Every case ends
 * the run except "fail", "fail_skip", "cleanup" (which fail a test) and
 * "leak" (which fails the leak check).
 */
#include <kernel.h>
#include <bug.h>
#include <fault_inject.h>
#include <ktest.h>
#include <jiffies.h>
#include <mm.h>
#include <sched.h>
#include <slab.h>
#include <timer.h>
#include <wait.h>
#include <asm/desc.h>
#include <asm/irqflags.h>
#include <asm/processor.h>

static void crash_fail(struct ktest *t)
{
	int expected = 1, got = 2;

	KTEST_EXPECT_EQ(t, got, expected);
}

/* A failed expectation, then a skip: the failure must stay a failure. */
static void crash_fail_skip(struct ktest *t)
{
	int expected = 1, got = 2;

	KTEST_EXPECT_EQ(t, got, expected);
	KTEST_SKIP(t, "skipped after a failure");
}

static DECLARE_WAIT_QUEUE_HEAD(cleanup_wq);
static volatile int cleanup_go;
static struct timer_list cleanup_timer;

static int cleanup_waiter(void *arg)
{
	wait_event(cleanup_wq, cleanup_go);
	return 0;
}

static void cleanup_release_waiter(void *arg)
{
	cleanup_go = 1;
	wake_up_all(&cleanup_wq);
}

static void cleanup_del_timer(void *timer)
{
	del_timer(timer);
}

static void cleanup_timer_fn(unsigned long data)
{
}

/*
 * Take one of everything the cleanup actions know, then fail an
 * assertion: the case fails, and the suite's leak_check must pass.
 */
static void crash_cleanup(struct ktest *t)
{
	struct list_head *list = ktest_page_list(t, 0);
	kmem_cache_t *c = ktest_kmem_cache_create(t, "crashtest-cleanup", 100, 0, 0, NULL, NULL);
	struct page *page = ktest_alloc_pages(t, GFP_HIGHUSER, 3);
	int i;

	KTEST_ASSERT_TRUE(t, list && c && page);
	for (i = 0; i < 10; i++) {
		struct page *p = alloc_page(GFP_KERNEL);

		KTEST_ASSERT_NOT_NULL(t, p);
		list_add(&p->lru, list);
	}
	KTEST_ASSERT_NOT_NULL(t, ktest_kmem_cache_alloc(t, c, GFP_KERNEL));
	KTEST_ASSERT_NOT_NULL(t, ktest_kmalloc(t, 3000, GFP_KERNEL));
	KTEST_ASSERT_NOT_NULL(t, ktest_vmalloc(t, 5 * PAGE_SIZE));
	KTEST_ASSERT_NOT_NULL(t, ktest_kmap(t, page));
	cleanup_go = 0;
	KTEST_ASSERT_GT(t, ktest_kernel_thread(t, cleanup_waiter, NULL, cleanup_release_waiter,
					       NULL), 0);
	setup_timer(&cleanup_timer, cleanup_timer_fn, 0);
	mod_timer(&cleanup_timer, jiffies + 100000);
	KTEST_ASSERT_EQ(t, ktest_add_action(t, cleanup_del_timer, &cleanup_timer), 0);
	ktest_fault_attr_set(t, &fail_slab, 1000, 1);
	KTEST_ASSERT_TRUE(t, false);		/* the deliberate failure */
	KTEST_FAIL(t, "not reached");
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
	{ crash_fail_skip, "fail_skip" },
	{ crash_cleanup, "cleanup" },
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
