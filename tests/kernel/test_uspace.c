/* A hand-made user address space for the user-mode tests (test_uspace.h). */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <mm.h>
#include <sched.h>
#include <signal.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include "test_uspace.h"

extern const char D_STOP[];

/* Every user pte of the test: present, user, accessed, writable but for the code. */
#define UT_PTE_RO	(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)
#define UT_PTE_RW	(UT_PTE_RO | _PAGE_RW | _PAGE_DIRTY)
#define KERNEL_PGD_INDEX (PAGE_OFFSET >> PGDIR_SHIFT)

static void test_uspace_free(void *arg)
{
	struct test_uspace *us = arg;
	unsigned int i;

	if ((read_cr3() & PAGE_MASK) == __pa(us->pgd))
		write_cr3(__pa(swapper_pg_dir));
	for (i = 0; i < UT_NR_PAGES; i++)
		if (us->pages[i])
			__free_page(us->pages[i]);
	if (us->pt_page)
		__free_page(us->pt_page);
	if (us->pgd_page)
		__free_page(us->pgd_page);
	kfree(us);
}

/* The kernel half as it is now: vmalloc may have added page tables since the copy. */
static void copy_kernel_half(struct test_uspace *us)
{
	memcpy(us->pgd + KERNEL_PGD_INDEX, swapper_pg_dir + KERNEL_PGD_INDEX,
	       (PTRS_PER_PGD - KERNEL_PGD_INDEX) * sizeof(pgd_t));
}

struct test_uspace *test_uspace_create(struct ktest *t)
{
	return test_uspace_create_blob(t, ut_blob_start, ut_blob_end);
}

struct test_uspace *test_uspace_create_blob(struct ktest *t, const char *start, const char *end)
{
	unsigned long blob_size = end - start;
	struct test_uspace *us;
	pte_t *pt;
	unsigned int i;

	BUILD_BUG_ON(UT_NR_STACKS_MAX > 4);
	if (UT(UT_NR_STACKS) != UT_NR_STACKS_MAX || blob_size > PAGE_SIZE ||
	    pgd_index(UT(UT_CODE)) != pgd_index(ut_stack_top(UT_NR_STACKS_MAX - 1) - 1)) {
		KTEST_FAIL(t, "tests/kernel/user_blob.asm's layout does not fit test_uspace.h");
		return NULL;
	}
	us = kzalloc(sizeof(*us), GFP_KERNEL);
	if (!us)
		return NULL;
	if (ktest_add_action_or_reset(t, test_uspace_free, us))
		return NULL;
	us->pgd_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	us->pt_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!us->pgd_page || !us->pt_page)
		return NULL;
	for (i = 0; i < UT_NR_PAGES; i++) {
		us->pages[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!us->pages[i])
			return NULL;
	}
	us->pgd = page_address(us->pgd_page);
	pt = page_address(us->pt_page);
	copy_kernel_half(us);
	set_pgd(us->pgd + pgd_index(UT(UT_CODE)),
		__pgd(__pa(pt) | _PAGE_TABLE));
	for (i = 0; i < UT_NR_PAGES; i++)
		set_pte(pt + pte_index(UT(UT_CODE) + i * PAGE_SIZE),
			pfn_pte(page_to_pfn(us->pages[i]), __pgprot(i ? UT_PTE_RW : UT_PTE_RO)));
	memcpy(page_address(us->pages[0]), start, blob_size);
	us->blob_start = start;
	us->blob_end = end;
	us->data = page_address(us->pages[(UT(UT_DATA) - UT(UT_CODE)) / PAGE_SIZE]);
	us->tls = page_address(us->pages[(UT(UT_TLS) - UT(UT_CODE)) / PAGE_SIZE]);
	return us;
}

void test_uspace_activate(struct test_uspace *us)
{
	copy_kernel_half(us);
	write_cr3(__pa(us->pgd));
}

struct test_utask {
	struct test_uspace *us;
	unsigned long eip;
	int idx;
	char comm[TASK_COMM_LEN];
};

/* Runs as a kernel thread, then returns into user mode (ret_from_kernel_thread). */
static int test_utask_fn(void *arg)
{
	struct test_utask *u = arg;
	struct pt_regs *regs = task_pt_regs(current);

	test_uspace_activate(u->us);
	strlcpy(current->comm, u->comm, sizeof(current->comm));
	/* What exec does to a task's signals: handlers of its own, all at SIG_DFL. */
	if (de_thread(current))
		return -ENOMEM;
	flush_signal_handlers(current, 1);
	start_thread(regs, u->eip, ut_stack_top(u->idx));
	regs->ebx = u->idx;
	current->flags &= ~PF_KTHREAD;
	return 0;
}

static void test_utask_stop(void *arg)
{
	struct test_uspace *us = arg;

	ut_data(us, D_STOP) = 1;
}

int test_user_task(struct ktest *t, struct test_uspace *us, const char *entry, int idx,
		   const char *comm)
{
	struct test_utask *u;

	if (idx < 0 || idx >= UT_NR_STACKS_MAX || entry < us->blob_start || entry >= us->blob_end)
		return -EINVAL;
	u = ktest_kmalloc(t, sizeof(*u), GFP_KERNEL);
	if (!u)
		return -ENOMEM;
	u->us = us;
	u->eip = test_uspace_addr(us, entry);
	u->idx = idx;
	strlcpy(u->comm, comm, sizeof(u->comm));
	return ktest_kernel_thread(t, test_utask_fn, u, test_utask_stop, us);
}
