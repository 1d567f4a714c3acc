/*
 * Processes (ULK chapter 3; kernel/fork.c, kernel/exit.c): user
 * programs (tests/kernel/proc_blob.asm) fork, vfork and clone threads,
 * wait for their children and read their status, exit while their
 * children live on; the kernel side checks pids, parents, the wait
 * status encoding, reparenting to pid 1, exit_group, the fork limit,
 * pid allocation, and (the suite's leak check) that every task, pid,
 * handler table and signal struct is freed when reaped.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <ktest.h>
#include <sched.h>
#include <signal.h>
#include <syscalls.h>
#include <time.h>
#include <asm/ptrace.h>
#include "proc_test.h"

extern const char p_fork[], p_wait_signals[], p_thread[], p_group_exit[], p_orphan[],
	p_vfork[], p_settid[], p_pgrp[], p_clock_abs[];

/* fork(): the child's pid, parent and status (exit(7): 7 << 8), then -ECHILD. */
static void test_fork_wait_exit_status(struct ktest *t)
{
	struct test_uspace *us = proc_uspace(t);
	int pid, code;

	KTEST_ASSERT_NOT_NULL(t, us);
	code = proc_run(t, us, p_fork, &pid);
	KTEST_EXPECT_EQ(t, code, 0);
	KTEST_EXPECT_EQ(t, (int)P_R(us, 0), pid);		/* getpid() */
	KTEST_EXPECT_EQ(t, (int)P_R(us, 1), 1);			/* getppid(): init ran it */
	KTEST_EXPECT_GT(t, P_RL(us, 2), 0L);			/* fork(): the child's pid */
	KTEST_EXPECT_NE(t, (int)P_R(us, 2), pid);
	KTEST_EXPECT_EQ(t, P_R(us, 3), P_R(us, 2));		/* the child's getpid() */
	KTEST_EXPECT_EQ(t, (int)P_R(us, 4), pid);		/* its getppid() */
	KTEST_EXPECT_EQ(t, P_R(us, 5), P_R(us, 2));		/* wait4() */
	KTEST_EXPECT_EQ(t, P_R(us, 6), 7u << 8);		/* WEXITSTATUS 7 */
	KTEST_EXPECT_EQ(t, P_RL(us, 7), (long)-ECHILD);
	KTEST_EXPECT_EQ(t, P_RL(us, 8), (long)-ECHILD);		/* waitpid(WNOHANG) */
	KTEST_EXPECT_EQ(t, proc_reap_orphans(), 0);
}

/*
 * Killed children: WNOHANG returns 0 while it lives; SIGTERM gives
 * status 15; a fault (ud2) SIGILL, 4, and with RLIMIT_CORE unlimited
 * 4 | 0x80, "core dumped" (no file is written).
 */
static void test_wait_status_of_signals(struct ktest *t)
{
	struct test_uspace *us = proc_uspace(t);

	KTEST_ASSERT_NOT_NULL(t, us);
	KTEST_EXPECT_EQ(t, proc_run(t, us, p_wait_signals, NULL), 0);
	KTEST_EXPECT_GT(t, P_RL(us, 0), 0L);
	KTEST_EXPECT_EQ(t, P_RL(us, 2), 0L);			/* WNOHANG: still running */
	KTEST_EXPECT_EQ(t, P_RL(us, 3), 0L);			/* kill() */
	KTEST_EXPECT_EQ(t, P_R(us, 5), P_R(us, 0));
	KTEST_EXPECT_EQ(t, P_R(us, 4), (u32)SIGTERM);
	KTEST_EXPECT_GT(t, P_RL(us, 7), 0L);
	KTEST_EXPECT_EQ(t, P_R(us, 6), (u32)SIGILL);
	KTEST_EXPECT_EQ(t, P_RL(us, 8), 0L);			/* setrlimit(RLIMIT_CORE) */
	KTEST_EXPECT_GT(t, P_RL(us, 10), 0L);
	KTEST_EXPECT_EQ(t, P_R(us, 9), (u32)(SIGILL | 0x80));
}

/*
 * A thread: same tgid (getpid), its own tid, the tid stored by
 * CLONE_PARENT_SETTID, cleared and futex-woken at its exit
 * (CLONE_CHILD_CLEARTID: the parent's join loop ends), not a child
 * wait4() sees; exit_group(3) is the status.
 */
static void test_clone_thread_join(struct ktest *t)
{
	struct test_uspace *us = proc_uspace(t);
	unsigned long before = nr_threads;
	int pid;

	KTEST_ASSERT_NOT_NULL(t, us);
	KTEST_EXPECT_EQ(t, proc_run(t, us, p_thread, &pid), 3 << 8);
	KTEST_EXPECT_EQ(t, (int)P_R(us, 0), pid);
	KTEST_EXPECT_GT(t, P_RL(us, 3), 0L);			/* clone(): the tid */
	KTEST_EXPECT_NE(t, (int)P_R(us, 3), pid);
	KTEST_EXPECT_EQ(t, P_R(us, 1), P_R(us, 3));		/* CLONE_PARENT_SETTID */
	KTEST_EXPECT_EQ(t, P_R(us, 2), 0u);			/* CLONE_CHILD_CLEARTID */
	KTEST_EXPECT_EQ(t, (int)P_R(us, 5), pid);		/* the thread's getpid() */
	KTEST_EXPECT_EQ(t, P_R(us, 6), P_R(us, 3));		/* its gettid() */
	KTEST_EXPECT_EQ(t, P_RL(us, 4), (long)-ECHILD);		/* threads are not children */
	msleep(2);						/* the thread freed itself */
	KTEST_EXPECT_EQ(t, nr_threads, before);
}

/* exit_group(): the other thread, spinning in user mode, is killed too. */
static void test_exit_group_kills_threads(struct ktest *t)
{
	struct test_uspace *us = proc_uspace(t);
	unsigned long before = nr_threads;

	KTEST_ASSERT_NOT_NULL(t, us);
	KTEST_EXPECT_EQ(t, proc_run(t, us, p_group_exit, NULL), 5 << 8);
	KTEST_EXPECT_GT(t, P_RL(us, 0), 0L);
	KTEST_EXPECT_NE(t, P_R(us, 1), 0u);			/* the thread ran */
	msleep(2);
	KTEST_EXPECT_EQ(t, nr_threads, before);
}

/* The parent exits first: its child is adopted by pid 1, which reaps it. */
static void test_orphan_reparented_to_init(struct ktest *t)
{
	struct test_uspace *us = proc_uspace(t);
	int status = -1;
	long ret;

	KTEST_ASSERT_NOT_NULL(t, us);
	if (current != child_reaper)
		KTEST_SKIP(t, "the suites do not run in pid 1");
	KTEST_EXPECT_EQ(t, proc_run(t, us, p_orphan, NULL), 0);
	KTEST_ASSERT_GT(t, P_RL(us, 2), 0L);
	ret = do_wait((int)P_R(us, 2), 0, &status, NULL);	/* the orphan is ours now */
	KTEST_EXPECT_EQ(t, ret, P_RL(us, 2));
	KTEST_EXPECT_EQ(t, status, 9 << 8);
	KTEST_EXPECT_EQ(t, (int)P_R(us, 1), 1);			/* its getppid() after */
	KTEST_EXPECT_EQ(t, do_wait(-1, WNOHANG, &status, NULL), (long)-ECHILD);
}

/* vfork(): the parent sleeps until the child has exited. */
static void test_vfork_parent_waits(struct ktest *t)
{
	struct test_uspace *us = proc_uspace(t);

	KTEST_ASSERT_NOT_NULL(t, us);
	KTEST_EXPECT_EQ(t, proc_run(t, us, p_vfork, NULL), 0);
	KTEST_EXPECT_GT(t, P_RL(us, 0), 0L);
	KTEST_EXPECT_EQ(t, P_R(us, 2), 1u);			/* the child had run */
	KTEST_EXPECT_EQ(t, P_R(us, 4), P_R(us, 0));
	KTEST_EXPECT_EQ(t, P_R(us, 3), 6u << 8);
}

static int idle_fn(void *arg)
{
	(void)arg;
	return 0;
}

/* Pids: the next one after the last given, not the one just freed; find_task_by_pid(). */
static void test_pid_allocation(struct ktest *t)
{
	int a, b, code;

	a = kernel_thread(idle_fn, NULL, CLONE_KERNEL);
	KTEST_ASSERT_GT(t, a, 1);
	KTEST_EXPECT_NOT_NULL(t, find_task_by_pid(a));
	KTEST_EXPECT_EQ(t, kernel_wait(a, &code), 0);
	KTEST_EXPECT_NULL(t, find_task_by_pid(a));
	b = kernel_thread(idle_fn, NULL, CLONE_KERNEL);
	KTEST_ASSERT_GT(t, b, 1);
	KTEST_EXPECT_TRUE(t, b > a || b >= RESERVED_PIDS);	/* not reused at once */
	KTEST_EXPECT_EQ(t, kernel_wait(b, &code), 0);
	KTEST_EXPECT_EQ(t, kernel_wait(b, &code), -ECHILD);
	KTEST_EXPECT_NULL(t, find_task_by_pid(-1));
	KTEST_EXPECT_NULL(t, find_task_by_pid(PID_MAX_DEFAULT));
}

static void restore_max_threads(void *arg)
{
	max_threads = (int)(long)arg;
}

/* No more than max_threads tasks: -EAGAIN, nothing leaked. */
static void test_fork_limit_eagain(struct ktest *t)
{
	int saved = max_threads;

	KTEST_ASSERT_EQ(t, ktest_add_action_or_reset(t, restore_max_threads,
						     (void *)(long)saved), 0);
	max_threads = (int)nr_threads;
	KTEST_EXPECT_EQ(t, kernel_thread(idle_fn, NULL, CLONE_KERNEL), -EAGAIN);
	max_threads = saved;
	KTEST_EXPECT_GE(t, max_threads, 20);
	KTEST_EXPECT_EQ(t, task_rlimit(current, RLIMIT_NPROC), (unsigned long)max_threads / 2);
	KTEST_EXPECT_EQ(t, task_rlimit(current, RLIMIT_STACK), 8ul << 20);
	KTEST_EXPECT_EQ(t, task_rlimit(current, RLIMIT_NOFILE), 1024ul);
}

/* Bad flag combinations, as Linux refuses them. */
static void test_clone_flag_checks(struct ktest *t)
{
	struct pt_regs regs;

	memset(&regs, 0, sizeof(regs));
	KTEST_EXPECT_EQ(t, do_fork(CLONE_THREAD | CLONE_VM, 0, &regs, 0, NULL, NULL),
			(long)-EINVAL);
	KTEST_EXPECT_EQ(t, do_fork(CLONE_SIGHAND, 0, &regs, 0, NULL, NULL), (long)-EINVAL);
}

/* CLONE_CHILD_SETTID: the child stores its tid; set_tid_address(): its tid, the word cleared at exit. */
static void test_child_settid_and_set_tid_address(struct ktest *t)
{
	struct test_uspace *us = proc_uspace(t);

	KTEST_ASSERT_NOT_NULL(t, us);
	KTEST_EXPECT_EQ(t, proc_run(t, us, p_settid, NULL), 0);
	KTEST_ASSERT_GT(t, P_RL(us, 0), 0L);
	KTEST_EXPECT_EQ(t, P_R(us, 2), P_R(us, 0));		/* CLONE_CHILD_SETTID */
	KTEST_EXPECT_EQ(t, P_R(us, 4), P_R(us, 0));		/* set_tid_address() */
	KTEST_EXPECT_EQ(t, P_R(us, 3), 0u);			/* cleared at exit */
}

/* setpgid() of a child, kill(-pgrp), wait4(-pgrp), wait4(0) with none left. */
static void test_process_groups(struct ktest *t)
{
	struct test_uspace *us = proc_uspace(t);

	KTEST_ASSERT_NOT_NULL(t, us);
	KTEST_EXPECT_EQ(t, proc_run(t, us, p_pgrp, NULL), 0);
	KTEST_ASSERT_GT(t, P_RL(us, 0), 0L);
	KTEST_EXPECT_EQ(t, P_RL(us, 1), 0L);
	KTEST_EXPECT_EQ(t, P_R(us, 2), P_R(us, 0));		/* its own group */
	KTEST_EXPECT_EQ(t, P_RL(us, 3), 0L);
	KTEST_EXPECT_EQ(t, P_R(us, 5), P_R(us, 0));
	KTEST_EXPECT_EQ(t, P_R(us, 4), (u32)SIGKILL);
	KTEST_EXPECT_EQ(t, P_RL(us, 6), (long)-ECHILD);
}

/* clock_nanosleep(TIMER_ABSTIME) ends at the time given, not before; the requeues' checks. */
static void test_clock_nanosleep_abs_and_requeue(struct ktest *t)
{
	struct test_uspace *us = proc_uspace(t);
	long long want, got;

	KTEST_ASSERT_NOT_NULL(t, us);
	KTEST_EXPECT_EQ(t, proc_run(t, us, p_clock_abs, NULL), 0);
	KTEST_EXPECT_EQ(t, P_RL(us, 0), 0L);
	want = (long long)P_R(us, 22) * NSEC_PER_SEC + P_R(us, 23);
	got = (long long)P_R(us, 24) * NSEC_PER_SEC + P_R(us, 25);
	KTEST_EXPECT_GE(t, got, want);
	KTEST_EXPECT_LT(t, got - want, 100000000LL);
	KTEST_EXPECT_EQ(t, P_RL(us, 1), (long)-EAGAIN);		/* CMP_REQUEUE, *uaddr != val3 */
	KTEST_EXPECT_EQ(t, P_RL(us, 2), 0L);			/* nobody to wake or move */
	KTEST_EXPECT_EQ(t, P_RL(us, 3), 0L);
}

static struct ktest_case process_cases[] = {
	KTEST_CASE(test_fork_wait_exit_status),
	KTEST_CASE(test_wait_status_of_signals),
	KTEST_CASE(test_clone_thread_join),
	KTEST_CASE(test_exit_group_kills_threads),
	KTEST_CASE(test_orphan_reparented_to_init),
	KTEST_CASE(test_vfork_parent_waits),
	KTEST_CASE(test_child_settid_and_set_tid_address),
	KTEST_CASE(test_process_groups),
	KTEST_CASE(test_clock_nanosleep_abs_and_requeue),
	KTEST_CASE(test_pid_allocation),
	KTEST_CASE(test_fork_limit_eagain),
	KTEST_CASE(test_clone_flag_checks),
	{}
};

static struct ktest_suite process_suite = {
	.name = "process",
	.test_cases = process_cases,
};
ktest_register_suite(process_suite);
