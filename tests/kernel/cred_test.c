/*
 * Credentials and users (kernel/sys.c's set*id, kernel/user.c): the
 * test thread gives up root for uid 65534 and comes back through its
 * saved uid, and the user_struct counts (RLIMIT_NPROC's) follow it.
 * fork's refusal at RLIMIT_NPROC is tests/user/fork_eagain.c.
 */
#include <kernel.h>
#include <errno.h>
#include <ktest.h>
#include <sched.h>
#include <syscalls.h>

#define NOBODY	65534u
#define NOID	((unsigned int)-1)

/*
 * Whatever a case did, the thread is root again afterwards: made
 * privileged by hand (it may have given root up for good), then the
 * calls move it back to root_user.
 */
static void back_to_root(void *arg)
{
	(void)arg;
	current->euid = 0;
	sys_setresuid(0, 0, 0);
	sys_setresgid(0, 0, 0);
}

static void test_setresuid_moves_the_user_count(struct ktest *t)
{
	unsigned long users = nr_users;
	int root_procs = atomic_read(&root_user.processes);
	struct user_struct *u;

	KTEST_ASSERT_EQ(t, current->euid, 0u);
	KTEST_ASSERT_PTR_EQ(t, current->user, &root_user);
	KTEST_ASSERT_EQ(t, ktest_add_action(t, back_to_root, NULL), 0);
	/* Real and effective uid nobody, saved uid 0 to come back with. */
	KTEST_ASSERT_EQ(t, sys_setresuid(NOBODY, NOBODY, 0), 0L);
	u = current->user;
	KTEST_EXPECT_EQ(t, u->uid, NOBODY);
	KTEST_EXPECT_EQ(t, atomic_read(&u->processes), 1);
	KTEST_EXPECT_EQ(t, atomic_read(&root_user.processes), root_procs - 1);
	KTEST_EXPECT_EQ(t, nr_users, users + 1);
	KTEST_EXPECT_EQ(t, sys_getuid(), (long)NOBODY);
	KTEST_EXPECT_EQ(t, sys_geteuid(), (long)NOBODY);
	KTEST_EXPECT_FALSE(t, capable(CAP_SYS_RESOURCE));
	/* Unprivileged: no id it does not have. */
	KTEST_EXPECT_EQ(t, sys_setuid(1000), (long)-EPERM);
	KTEST_EXPECT_EQ(t, sys_setreuid(NOID, 1000), (long)-EPERM);
	KTEST_EXPECT_EQ(t, sys_setresuid(NOID, NOID, 1000), (long)-EPERM);
	KTEST_EXPECT_EQ(t, sys_setuid(NOID), (long)-EINVAL);
	/* The effective uid to the saved one: root again, still user nobody. */
	KTEST_EXPECT_EQ(t, sys_setreuid(NOID, 0), 0L);
	KTEST_EXPECT_EQ(t, current->euid, 0u);
	KTEST_EXPECT_PTR_EQ(t, current->user, u);
	/* setuid as root sets all three: back to root_user, nobody's user_struct freed. */
	KTEST_EXPECT_EQ(t, sys_setuid(0), 0L);
	KTEST_EXPECT_PTR_EQ(t, current->user, &root_user);
	KTEST_EXPECT_EQ(t, atomic_read(&root_user.processes), root_procs);
	KTEST_EXPECT_EQ(t, nr_users, users);
}

static void test_setgid_and_setreuid_rules(struct ktest *t)
{
	KTEST_ASSERT_EQ(t, ktest_add_action(t, back_to_root, NULL), 0);
	KTEST_EXPECT_EQ(t, sys_setgid(NOBODY), 0L);
	KTEST_EXPECT_EQ(t, sys_getgid(), (long)NOBODY);
	KTEST_EXPECT_EQ(t, sys_getegid(), (long)NOBODY);
	KTEST_EXPECT_EQ(t, current->sgid, NOBODY);	/* root: all three */
	/* setreuid(r, -1) with a new real uid: the saved uid follows the effective one (0). */
	KTEST_EXPECT_EQ(t, sys_setreuid(NOBODY, NOID), 0L);
	KTEST_EXPECT_EQ(t, current->uid, NOBODY);
	KTEST_EXPECT_EQ(t, current->euid, 0u);
	KTEST_EXPECT_EQ(t, current->suid, 0u);
	/* The effective uid to the real one: the saved uid stays. */
	KTEST_EXPECT_EQ(t, sys_setreuid(NOID, NOBODY), 0L);
	KTEST_EXPECT_EQ(t, current->suid, 0u);
	KTEST_EXPECT_EQ(t, sys_setreuid(NOID, 0), 0L);
	/* Effective uid off the real one: saved = effective; root is given up for good. */
	KTEST_EXPECT_EQ(t, sys_setreuid(NOID, 1000), 0L);
	KTEST_EXPECT_EQ(t, current->suid, 1000u);
	KTEST_EXPECT_EQ(t, sys_setuid(0), (long)-EPERM);
	KTEST_EXPECT_EQ(t, sys_getuid16(), (long)NOBODY);
}

static struct ktest_case cred_cases[] = {
	KTEST_CASE(test_setresuid_moves_the_user_count),
	KTEST_CASE(test_setgid_and_setreuid_rules),
	{}
};

static struct ktest_suite cred_suite = {
	.name = "cred",
	.test_cases = cred_cases,
};
ktest_register_suite(cred_suite);
