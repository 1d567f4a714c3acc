/*
 * A user address space made by hand, for the tests of user mode until
 * processes have real ones (mm_struct, VMAs, exec): a page directory
 * whose kernel half is swapper_pg_dir's, one page table, and the pages
 * tests/kernel/user_blob.asm lays out (its code, a data page, a TLS
 * page, four stacks), mapped with raw ptes. Test-only and small on
 * purpose: the mm code replaces it with mm_alloc() and its mappings.
 *
 * Loading it (test_uspace_activate()) puts it in CR3 for whoever runs
 * until it is unloaded: the kernel half is the same in every page
 * directory, so kernel threads run on it unaware. The cleanup action
 * test_uspace_create() registers loads swapper_pg_dir back first, then
 * frees every page.
 */
#ifndef _TESTS_KERNEL_TEST_USPACE_H
#define _TESTS_KERNEL_TEST_USPACE_H

#include <ktest.h>
#include <asm/pgtable.h>

/* The layout, defined in tests/kernel/user_blob.asm (absolute symbols). */
extern const char UT_CODE[], UT_DATA[], UT_TLS[], UT_STACK[], UT_NR_STACKS[];
extern const char ut_blob_start[], ut_blob_end[];
#define UT(sym)		((unsigned long)(sym))

#define UT_NR_PAGES	(3 + UT_NR_STACKS_MAX)	/* code, data, TLS, stacks */
#define UT_NR_STACKS_MAX 4

struct test_uspace {
	pgd_t *pgd;
	struct page *pgd_page, *pt_page;
	struct page *pages[UT_NR_PAGES];	/* in address order from UT_CODE */
	u32 *data;				/* the data page, as the kernel sees it */
	const char *blob_start, *blob_end;	/* the code copied to UT_CODE */
	char *tls;				/* the TLS page */
};

/* NULL if a page allocation failed (the test has not failed: check). */
struct test_uspace *test_uspace_create(struct ktest *t);
/* The same with another blob at UT_CODE (tests/kernel/proc_blob.asm: proc_blob_start ..). */
struct test_uspace *test_uspace_create_blob(struct ktest *t, const char *start, const char *end);
/* The user address of sym, a label of the blob. */
static inline unsigned long test_uspace_addr(const struct test_uspace *us, const char *sym)
{
	return UT(UT_CODE) + (sym - us->blob_start);
}
void test_uspace_activate(struct test_uspace *us);
/* A word of the data page at offset D_xxx. */
#define ut_data(us, off)	((us)->data[UT(off) / sizeof(u32)])

/*
 * Start the blob's program at entry (a symbol of user_blob.asm) in a
 * new task named comm: a kernel thread that loads the address space,
 * start_thread()s to entry with the stack of index idx and ebx = idx,
 * and becomes a user task. Reaped when the test ends; before that the
 * data page's D_STOP is set, which ends the spinning programs. Returns
 * the pid, or -errno.
 */
int test_user_task(struct ktest *t, struct test_uspace *us, const char *entry, int idx,
		   const char *comm);
/* The top of stack idx in user space: the programs' esp at their start. */
static inline unsigned long ut_stack_top(int idx)
{
	return UT(UT_STACK) + (idx + 1) * PAGE_SIZE;
}

#endif
