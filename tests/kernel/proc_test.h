/*
 * Shared by the process and signal suites (process_test.c,
 * signal_test.c): the programs of tests/kernel/proc_blob.asm in a
 * hand-made address space, their result words, running one and
 * collecting its wait() status, and reaping what it left behind.
 */
#ifndef _TESTS_KERNEL_PROC_TEST_H
#define _TESTS_KERNEL_PROC_TEST_H

#include <ktest.h>
#include <sched.h>
#include "test_uspace.h"

extern const char proc_blob_start[], proc_blob_end[];
extern const char PC_RES[], PC_FRAME[];

#define PROC_COMM	"ptest"

/* Result word n of the program (R(n) in proc_blob.asm). */
#define P_R(us, n)	((us)->data[(UT(PC_RES) + (n) * 4) / 4])
/* ... as a signed value (system-call results). */
#define P_RL(us, n)	((long)(int)P_R(us, n))
/* The user address of R(n). */
#define P_RADDR(n)	(UT(UT_DATA) + UT(PC_RES) + (n) * 4)

static inline struct test_uspace *proc_uspace(struct ktest *t)
{
	return test_uspace_create_blob(t, proc_blob_start, proc_blob_end);
}

/* Start prog (a label of proc_blob.asm) and wait for it: its wait() status, -1 on failure. */
static inline int proc_run(struct ktest *t, struct test_uspace *us, const char *prog, int *pidp)
{
	int code = -1, pid = test_user_task(t, us, prog, 0, PROC_COMM);

	if (pidp)
		*pidp = pid;
	if (pid < 0) {
		KTEST_FAIL(t, "cannot start a user task: %d", pid);
		return -1;
	}
	KTEST_EXPECT_EQ(t, ktest_kernel_wait(t, pid, &code), 0);
	return code;
}

/*
 * Orphans of the programs come to child_reaper -- pid 1, which runs the
 * suites: reap every zombie child that is not a kernel thread. Returns
 * how many.
 */
static inline int proc_reap_orphans(void)
{
	int n = 0, status;

	while (do_wait(-1, WNOHANG, &status, NULL) > 0)
		n++;
	return n;
}

#endif
