/*
 * Signals (ULK chapter 11; kernel/signal.c, arch/x86/signal.c), and
 * the sleeps they interrupt, futexes, clocks, ids and limits: user
 * programs (tests/kernel/sig_blob.asm, proc_blob.asm) install handlers,
 * send themselves signals, fault, sleep and get interrupted; the suite
 * checks what they recorded -- the delivered frames byte for byte
 * against struct rt_sigframe / sigframe built here by hand.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <ktest.h>
#include <sched.h>
#include <signal.h>
#include <syscalls.h>
#include <time.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/segment.h>
#include <asm/sigcontext.h>
#include <asm/unistd.h>
#include "proc_test.h"

extern const char sig_blob_start[], sig_blob_end[];
extern const char PC_FRAME_COPY[], PC_UC_MCONTEXT[], PC_SC_TRAPNO[], PC_SC_EIP[], PC_SC_CS[],
	PC_SC_EFLAGS[], PC_SC_SS[], PC_SI_CODE[], PC_SI_ADDR[];
extern const char p_sig_rt[], p_sig_rt_after[], p_sig_rt_handler[], p_restorer_rt[],
	p_sig_old[], p_sig_old_after[], p_sig_old_handler[], p_sigret_eflags[], p_sigret_cs[],
	p_sigret_ss[], p_sigret_unmapped[], p_sigret_kernel[], p_altstack[], p_masks[],
	p_fault[], p_fault_ud[], p_sigchld[], p_nocldwait[], p_queue[], p_fpu_frame[],
	p_bad_fpstate[], p_stop_cont[], p_badstack[];
extern const char p_restart[], p_sigsuspend[], p_futex[], p_misc[];

static struct test_uspace *sig_uspace(struct ktest *t)
{
	return test_uspace_create_blob(t, sig_blob_start, sig_blob_end);
}

static const void *p_frame(struct test_uspace *us)
{
	return (const char *)us->data + UT(PC_FRAME);
}

/* The frame's address: below esp, so that esp + 4 is 16-byte aligned at the handler. */
static unsigned long frame_addr(unsigned long esp, size_t size)
{
	return ((esp - size + 4) & -16ul) - 4;
}

/* memcmp() that names the first differing byte. */
static void expect_same_bytes(struct ktest *t, const void *got, const void *want, size_t n,
			      const char *what)
{
	const u8 *g = got, *w = want;
	size_t i;

	for (i = 0; i < n; i++)
		if (g[i] != w[i]) {
			KTEST_FAIL(t, "%s: byte %zu is %02x, expected %02x", what, i, g[i], w[i]);
			return;
		}
}

/* The asm's offsets are the structures'. */
static void test_layout_offsets(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, UT(PC_UC_MCONTEXT), offsetof(struct ucontext, uc_mcontext));
	KTEST_EXPECT_EQ(t, UT(PC_SC_TRAPNO), offsetof(struct sigcontext, trapno));
	KTEST_EXPECT_EQ(t, UT(PC_SC_EIP), offsetof(struct sigcontext, eip));
	KTEST_EXPECT_EQ(t, UT(PC_SC_CS), offsetof(struct sigcontext, cs));
	KTEST_EXPECT_EQ(t, UT(PC_SC_EFLAGS), offsetof(struct sigcontext, eflags));
	KTEST_EXPECT_EQ(t, UT(PC_SC_SS), offsetof(struct sigcontext, ss));
	KTEST_EXPECT_EQ(t, UT(PC_SI_CODE), offsetof(siginfo_t, si_code));
	KTEST_EXPECT_EQ(t, UT(PC_SI_ADDR), offsetof(siginfo_t, si_addr));
	KTEST_EXPECT_GE(t, UT(PC_FRAME_COPY), sizeof(struct rt_sigframe));
	KTEST_EXPECT_EQ(t, sizeof(siginfo_t), 128u);
	KTEST_EXPECT_EQ(t, sizeof(struct _fpstate), 624u);
}

/* The sigcontext a kill() from the programs leaves: what they set before int 0x80. */
static void expected_sigcontext(struct sigcontext *sc, struct test_uspace *us,
				const struct sigcontext *got, unsigned long esp, unsigned long eip,
				u32 edx, unsigned long oldmask)
{
	memset(sc, 0, sizeof(*sc));
	sc->es = sc->ds = __USER_DS;
	sc->edi = 0x55555555;
	sc->esi = 0x44444444;
	sc->ebp = 0x66666666;
	sc->esp = esp;
	sc->ebx = P_R(us, 1);		/* the pid, kill()'s first argument */
	sc->edx = edx;
	sc->ecx = SIGUSR1;
	sc->eax = 0;			/* kill()'s result, already in place */
	sc->eip = eip;
	sc->cs = __USER_CS;
	sc->eflags = got->eflags;	/* checked apart: IF set, IOPL 0 */
	sc->esp_at_signal = esp;
	sc->ss = __USER_DS;
	sc->fpstate = NULL;		/* the program never used the FPU */
	sc->oldmask = oldmask;
}

/*
 * SA_SIGINFO | SA_RESTORER: the rt_sigframe the handler finds, byte for
 * byte -- pretcode (the restorer), sig, pinfo, puc, the siginfo
 * (SI_USER, the sender's pid), the ucontext (no sigaltstack, the
 * registers at the kill(), the mask), the FPU area untouched, the
 * retcode Linux writes -- and every register back after rt_sigreturn.
 */
static void test_rt_sigframe_bytes(struct ktest *t)
{
	struct test_uspace *us = sig_uspace(t);
	const struct rt_sigframe *got;
	struct rt_sigframe want;
	unsigned long esp, frame;
	static const char retcode[8] = { (char)0xb8, (char)__NR_rt_sigreturn, 0, 0, 0,
					 (char)0xcd, (char)0x80, 0 };

	KTEST_ASSERT_NOT_NULL(t, us);
	KTEST_EXPECT_EQ(t, proc_run(t, us, p_sig_rt, NULL), 0);
	KTEST_EXPECT_EQ(t, P_RL(us, 0), 0L);			/* rt_sigaction() */
	KTEST_EXPECT_EQ(t, P_RL(us, 3), 0L);			/* kill() */
	KTEST_EXPECT_EQ(t, P_R(us, 4), 1u);			/* registers kept */
	KTEST_ASSERT_EQ(t, P_R(us, 14), 1u);			/* the handler ran once */
	esp = P_R(us, 2);
	frame = frame_addr(esp, sizeof(struct rt_sigframe));
	KTEST_EXPECT_EQ(t, (unsigned long)P_R(us, 10), frame);	/* its esp */
	KTEST_EXPECT_EQ(t, (unsigned long)P_R(us, 10) % 16, 12ul);
	KTEST_EXPECT_EQ(t, P_R(us, 11), (u32)SIGUSR1);
	KTEST_EXPECT_EQ(t, (unsigned long)P_R(us, 12), frame + offsetof(struct rt_sigframe, info));
	KTEST_EXPECT_EQ(t, (unsigned long)P_R(us, 13), frame + offsetof(struct rt_sigframe, uc));

	got = p_frame(us);
	memset(&want, 0, sizeof(want));
	want.pretcode = (char __user *)test_uspace_addr(us, p_restorer_rt);
	want.sig = SIGUSR1;
	want.pinfo = (void __user *)(frame + offsetof(struct rt_sigframe, info));
	want.puc = (void __user *)(frame + offsetof(struct rt_sigframe, uc));
	want.info.si_signo = SIGUSR1;
	want.info.si_code = SI_USER;
	want.info.si_pid = P_R(us, 1);
	want.uc.uc_stack.ss_flags = SS_DISABLE;
	expected_sigcontext(&want.uc.uc_mcontext, us, &got->uc.uc_mcontext, esp,
			    test_uspace_addr(us, p_sig_rt_after), 0x33333333, 0);
	memcpy(want.retcode, retcode, sizeof(retcode));
	expect_same_bytes(t, got, &want, sizeof(want), "rt_sigframe");
	KTEST_EXPECT_TRUE(t, got->uc.uc_mcontext.eflags & X86_EFLAGS_IF);
	KTEST_EXPECT_FALSE(t, got->uc.uc_mcontext.eflags & X86_EFLAGS_IOPL);
}

/*
 * The old frame: no SA_SIGINFO, no SA_RESTORER -- pretcode points at
 * the frame's own retcode (popl %eax; movl $__NR_sigreturn, %eax;
 * int $0x80), which the handler returns into; sc.oldmask holds the
 * blocked SIGINT; inside the handler SIGUSR1 and sa_mask's SIGUSR2 are
 * blocked too, after it only SIGINT.
 */
static void test_sigframe_bytes_and_retcode(struct ktest *t)
{
	struct test_uspace *us = sig_uspace(t);
	const struct sigframe *got;
	struct sigframe want;
	unsigned long esp, frame;
	static const char retcode[8] = { 0x58, (char)0xb8, (char)__NR_sigreturn, 0, 0, 0,
					 (char)0xcd, (char)0x80 };

	KTEST_ASSERT_NOT_NULL(t, us);
	KTEST_EXPECT_EQ(t, proc_run(t, us, p_sig_old, NULL), 0);
	KTEST_EXPECT_EQ(t, P_RL(us, 0), 0L);			/* sigaction() */
	KTEST_EXPECT_EQ(t, P_RL(us, 5), 0L);			/* sigprocmask() */
	KTEST_EXPECT_EQ(t, P_RL(us, 3), 0L);			/* kill(): back through the retcode */
	KTEST_ASSERT_EQ(t, P_R(us, 14), 1u);
	esp = P_R(us, 2);
	frame = frame_addr(esp, sizeof(struct sigframe));
	KTEST_EXPECT_EQ(t, (unsigned long)P_R(us, 10), frame);
	KTEST_EXPECT_EQ(t, P_R(us, 11), (u32)SIGUSR1);
	KTEST_EXPECT_EQ(t, P_R(us, 7), (u32)(sigmask(SIGINT) | sigmask(SIGUSR1) |
					     sigmask(SIGUSR2)));
	KTEST_EXPECT_EQ(t, P_R(us, 6), (u32)sigmask(SIGINT));

	got = p_frame(us);
	memset(&want, 0, sizeof(want));
	want.pretcode = (char __user *)(frame + offsetof(struct sigframe, retcode));
	want.sig = SIGUSR1;
	expected_sigcontext(&want.sc, us, &got->sc, esp, test_uspace_addr(us, p_sig_old_after),
			    0x77777777, sigmask(SIGINT));
	memcpy(want.retcode, retcode, sizeof(retcode));
	expect_same_bytes(t, got, &want, sizeof(want), "sigframe");
}

/* A frame that cannot be written (sigaltstack in unmapped memory): SIGSEGV, no handler. */
static void test_unwritable_frame_sigsegv(struct ktest *t)
{
	struct test_uspace *us = sig_uspace(t);

	KTEST_ASSERT_NOT_NULL(t, us);
	KTEST_EXPECT_EQ(t, proc_run(t, us, p_badstack, NULL), SIGSEGV);
	KTEST_EXPECT_EQ(t, P_RL(us, 0), 0L);			/* sigaltstack() took it */
	KTEST_EXPECT_EQ(t, P_R(us, 14), 0u);			/* the handler never ran */
	KTEST_EXPECT_EQ(t, P_R(us, 11), 0u);			/* nor the code after kill() */
}

/* What a handler may not get from sigreturn: IOPL, VM, a kernel cs or ss, no frame. */
static void test_hostile_sigreturn(struct ktest *t)
{
	struct test_uspace *us = sig_uspace(t);

	KTEST_ASSERT_NOT_NULL(t, us);
	KTEST_EXPECT_EQ(t, proc_run(t, us, p_sigret_eflags, NULL), 0);
	KTEST_EXPECT_EQ(t, P_R(us, 5) & (X86_EFLAGS_IOPL | 0x00020000), 0u);
	KTEST_EXPECT_TRUE(t, P_R(us, 5) & X86_EFLAGS_IF);
	ktest_capture_start();
	KTEST_EXPECT_EQ(t, proc_run(t, us, p_sigret_cs, NULL), SIGILL);	/* the iret failed */
	KTEST_EXPECT_EQ(t, proc_run(t, us, p_sigret_ss, NULL), SIGILL);
	ktest_capture_stop();
	KTEST_EXPECT_EQ(t, proc_run(t, us, p_sigret_unmapped, NULL), SIGSEGV);
	KTEST_EXPECT_EQ(t, proc_run(t, us, p_sigret_kernel, NULL), SIGSEGV);
}

/*
 * sigaltstack: -ENOMEM below MINSIGSTKSZ, -EINVAL for bad flags; the
 * SA_ONSTACK handler runs on it (SS_ONSTACK inside, -EPERM to change
 * it), its ucontext records the stack; SS_DISABLE afterwards.
 */
static void test_sigaltstack(struct ktest *t)
{
	struct test_uspace *us = sig_uspace(t);
	unsigned long base = ut_stack_top(2) - PAGE_SIZE;

	KTEST_ASSERT_NOT_NULL(t, us);
	KTEST_EXPECT_EQ(t, proc_run(t, us, p_altstack, NULL), 0);
	KTEST_EXPECT_EQ(t, P_RL(us, 0), 0L);
	KTEST_EXPECT_EQ(t, P_RL(us, 1), (long)-ENOMEM);
	KTEST_EXPECT_EQ(t, P_RL(us, 2), (long)-EINVAL);
	KTEST_EXPECT_EQ(t, P_RL(us, 3), 0L);
	KTEST_EXPECT_GE(t, (unsigned long)P_R(us, 10), base);	/* the handler's esp */
	KTEST_EXPECT_LT(t, (unsigned long)P_R(us, 10), base + PAGE_SIZE);
	KTEST_EXPECT_EQ(t, P_RL(us, 11), 0L);
	KTEST_EXPECT_EQ(t, P_R(us, 48), (u32)SS_ONSTACK);	/* sigaltstack(NULL, &old) inside */
	KTEST_EXPECT_EQ(t, P_RL(us, 12), (long)-EPERM);
	KTEST_EXPECT_EQ(t, (unsigned long)P_R(us, 15), base);	/* uc_stack.ss_sp */
	KTEST_EXPECT_EQ(t, P_R(us, 13), 0u);			/* not on it when the signal came */
	KTEST_EXPECT_EQ(t, P_RL(us, 4), 0L);
	KTEST_EXPECT_EQ(t, P_R(us, 51), 0u);			/* off it again */
	KTEST_EXPECT_EQ(t, P_RL(us, 5), 0L);
	KTEST_EXPECT_EQ(t, P_R(us, 54), (u32)SS_DISABLE);
}

/*
 * Masks: a blocked signal stays pending (rt_sigpending) and is delivered
 * when unblocked; SIGKILL and SIGSTOP cannot be blocked nor caught; bad
 * arguments; SA_RESETHAND; SIG_IGN and SIGCHLD's default ignore; and
 * SIGUSR2's default action at last: status 12.
 */
static void test_masks_and_defaults(struct ktest *t)
{
	struct test_uspace *us = sig_uspace(t);

	KTEST_ASSERT_NOT_NULL(t, us);
	KTEST_EXPECT_EQ(t, proc_run(t, us, p_masks, NULL), SIGUSR2);
	KTEST_EXPECT_EQ(t, P_RL(us, 0), 0L);
	KTEST_EXPECT_EQ(t, P_RL(us, 1), 0L);
	KTEST_EXPECT_EQ(t, P_R(us, 2), 0u);			/* blocked: not yet */
	KTEST_EXPECT_EQ(t, P_RL(us, 3), 0L);
	KTEST_EXPECT_EQ(t, P_R(us, 47), (u32)sigmask(SIGUSR1));	/* pending */
	KTEST_EXPECT_EQ(t, P_R(us, 48), 0u);
	KTEST_EXPECT_EQ(t, P_R(us, 5), 1u);			/* delivered at the unblock */
	KTEST_EXPECT_EQ(t, P_R(us, 49), (u32)~(sigmask(SIGKILL) | sigmask(SIGSTOP)));
	KTEST_EXPECT_EQ(t, P_R(us, 50), 0u);			/* (only the first word was set) */
	KTEST_EXPECT_EQ(t, P_RL(us, 6), (long)-EINVAL);		/* bad how */
	KTEST_EXPECT_EQ(t, P_RL(us, 7), (long)-EINVAL);		/* sigsetsize 4 */
	KTEST_EXPECT_EQ(t, P_RL(us, 8), (long)-EINVAL);		/* SIGKILL's action */
	KTEST_EXPECT_EQ(t, P_RL(us, 9), (long)-EINVAL);		/* signal 65 */
	KTEST_EXPECT_EQ(t, P_RL(us, 10), 0L);
	KTEST_EXPECT_EQ(t, P_R(us, 52), 0u);			/* SA_RESETHAND: SIG_DFL again */
	KTEST_EXPECT_EQ(t, P_R(us, 14), 2u);			/* SIGUSR1 once, SIGUSR2 once */
	KTEST_EXPECT_EQ(t, P_R(us, 11), 1u);			/* survived SIG_IGN and SIGCHLD */
	KTEST_EXPECT_EQ(t, P_R(us, 12), 0u);			/* not past SIGUSR2 */
}

/*
 * A fault caught: SIGILL's siginfo (ILL_ILLOPN, si_addr the ud2) and
 * sigcontext (trapno 6, eip); the handler moves eip past it. The same
 * fault blocked kills the task (force_sig_info).
 */
static void test_fault_handler_and_blocked_fault(struct ktest *t)
{
	struct test_uspace *us = sig_uspace(t);
	unsigned long ud;

	KTEST_ASSERT_NOT_NULL(t, us);
	ud = test_uspace_addr(us, p_fault_ud);
	ktest_capture_start();
	KTEST_EXPECT_EQ(t, proc_run(t, us, p_fault, NULL), SIGILL);
	ktest_capture_stop();
	KTEST_EXPECT_EQ(t, P_R(us, 10), (u32)SIGILL);
	KTEST_EXPECT_EQ(t, P_R(us, 11), (u32)ILL_ILLOPN);
	KTEST_EXPECT_EQ(t, (unsigned long)P_R(us, 12), ud);
	KTEST_EXPECT_EQ(t, P_R(us, 13), 6u);			/* #UD */
	KTEST_EXPECT_EQ(t, (unsigned long)P_R(us, 14), ud);
	KTEST_EXPECT_EQ(t, P_R(us, 5), 1u);			/* resumed after the ud2 */
	KTEST_EXPECT_EQ(t, P_R(us, 6), 0u);			/* the blocked one killed it */
}

/*
 * Interrupted sleeps: pause() and nanosleep() end with -EINTR after the
 * SIGALRM handler (nanosleep with the time left), wait4() is restarted
 * under SA_RESTART and returns -EINTR without; getitimer, ITIMER_VIRTUAL,
 * alarm().
 */
static void test_interrupted_sleeps(struct ktest *t)
{
	struct test_uspace *us = proc_uspace(t);

	KTEST_ASSERT_NOT_NULL(t, us);
	KTEST_EXPECT_EQ(t, proc_run(t, us, p_restart, NULL), 0);
	KTEST_EXPECT_EQ(t, P_RL(us, 0), 0L);			/* setitimer() */
	KTEST_EXPECT_EQ(t, P_RL(us, 1), (long)-EINTR);		/* pause() */
	KTEST_EXPECT_EQ(t, P_R(us, 2), 1u);
	KTEST_EXPECT_EQ(t, P_RL(us, 3), (long)-EINTR);		/* nanosleep(1 s) */
	KTEST_EXPECT_EQ(t, P_R(us, 48), 0u);			/* the time left: < 1 s */
	KTEST_EXPECT_GT(t, P_R(us, 49), 900000000u);		/* ... but most of it */
	KTEST_EXPECT_GT(t, P_RL(us, 4), 0L);			/* wait4() restarted */
	KTEST_EXPECT_EQ(t, P_R(us, 52), 4u << 8);
	KTEST_EXPECT_EQ(t, P_RL(us, 5), 0L);
	KTEST_EXPECT_EQ(t, P_R(us, 56), 0u);			/* it_value: expired */
	KTEST_EXPECT_EQ(t, P_R(us, 57), 0u);
	KTEST_EXPECT_EQ(t, P_RL(us, 6), (long)-EINVAL);		/* ITIMER_VIRTUAL */
	KTEST_EXPECT_EQ(t, P_RL(us, 7), (long)-EINTR);		/* wait4() without SA_RESTART */
	KTEST_EXPECT_GT(t, P_RL(us, 8), 0L);
	KTEST_EXPECT_EQ(t, P_R(us, 58), 5u << 8);
	KTEST_EXPECT_EQ(t, P_R(us, 14), 4u);			/* SIGALRM handled 4 times */
	KTEST_EXPECT_EQ(t, P_RL(us, 9), 0L);			/* alarm(10) */
	KTEST_EXPECT_EQ(t, P_RL(us, 10), 10L);			/* alarm(0): 10 s were left */
	KTEST_EXPECT_EQ(t, proc_reap_orphans(), 0);
}

/* sigsuspend: the handler runs with the temporary mask, the old one comes back. */
static void test_sigsuspend(struct ktest *t)
{
	struct test_uspace *us = proc_uspace(t);

	KTEST_ASSERT_NOT_NULL(t, us);
	KTEST_EXPECT_EQ(t, proc_run(t, us, p_sigsuspend, NULL), 0);
	KTEST_EXPECT_EQ(t, P_RL(us, 0), (long)-EINTR);
	KTEST_EXPECT_EQ(t, P_R(us, 14), 1u);
	KTEST_EXPECT_EQ(t, P_R(us, 47), (u32)sigmask(SIGALRM));
}

/* futex: the errors, a timeout, and a thread that wakes the waiter. */
static void test_futex(struct ktest *t)
{
	struct test_uspace *us = proc_uspace(t);

	KTEST_ASSERT_NOT_NULL(t, us);
	KTEST_EXPECT_EQ(t, proc_run(t, us, p_futex, NULL), 0);
	KTEST_EXPECT_EQ(t, P_RL(us, 0), (long)-EAGAIN);
	KTEST_EXPECT_EQ(t, P_RL(us, 1), (long)-ETIMEDOUT);
	KTEST_EXPECT_EQ(t, P_RL(us, 2), 0L);			/* nobody woken */
	KTEST_EXPECT_EQ(t, P_RL(us, 3), (long)-EINVAL);		/* unaligned */
	KTEST_EXPECT_EQ(t, P_RL(us, 4), (long)-ENOSYS);
	KTEST_EXPECT_EQ(t, P_RL(us, 5), (long)-EFAULT);
	KTEST_EXPECT_EQ(t, P_RL(us, 6), 1L);			/* the thread woke one */
	KTEST_EXPECT_EQ(t, P_RL(us, 7), 0L);			/* and we were it */
}

/* kill()'s errors, sessions, clocks and sleeps, ids, limits, reboot's refusal, times(). */
static void test_misc_calls(struct ktest *t)
{
	struct test_uspace *us = proc_uspace(t);
	long long t0, t1;
	int pid;

	KTEST_ASSERT_NOT_NULL(t, us);
	KTEST_EXPECT_EQ(t, proc_run(t, us, p_misc, &pid), 0);
	KTEST_EXPECT_EQ(t, P_RL(us, 0), (long)-ESRCH);
	KTEST_EXPECT_EQ(t, P_RL(us, 1), (long)-EINVAL);
	KTEST_EXPECT_EQ(t, P_RL(us, 2), (long)-EINVAL);
	KTEST_EXPECT_EQ(t, P_RL(us, 3), (long)-ESRCH);
	KTEST_EXPECT_EQ(t, P_RL(us, 4), 0L);
	KTEST_EXPECT_EQ(t, P_RL(us, 6), (long)pid);		/* setsid() */
	KTEST_EXPECT_EQ(t, P_RL(us, 7), (long)pid);		/* getpgid(0) */
	KTEST_EXPECT_EQ(t, P_RL(us, 8), (long)pid);		/* getsid(0) */
	KTEST_EXPECT_EQ(t, P_RL(us, 5), 0L);			/* kill(0, 0): its group */
	KTEST_EXPECT_EQ(t, P_RL(us, 9), (long)-EPERM);		/* a session leader */
	t0 = (long long)P_R(us, 60) * NSEC_PER_SEC + P_R(us, 61);
	t1 = (long long)P_R(us, 62) * NSEC_PER_SEC + P_R(us, 63);
	KTEST_EXPECT_GE(t, t1 - t0, 20000000LL);		/* slept at least 20 ms */
	KTEST_EXPECT_LT(t, t1 - t0, 1000000000LL);
	KTEST_EXPECT_EQ(t, P_RL(us, 10), (long)-EINVAL);	/* clock 99 */
	KTEST_EXPECT_EQ(t, P_RL(us, 11), 0L);
	KTEST_EXPECT_EQ(t, P_R(us, 72), 0u);			/* clock_getres: 1 ms */
	KTEST_EXPECT_EQ(t, P_R(us, 73), 1000000u);
	KTEST_EXPECT_EQ(t, P_RL(us, 13), (long)-EINVAL);	/* tv_nsec 2e9 */
	KTEST_EXPECT_EQ(t, P_RL(us, 14), 0L);			/* getuid32 */
	KTEST_EXPECT_EQ(t, P_RL(us, 15), 0L);			/* setresuid32(-1, 1, -1) */
	KTEST_EXPECT_EQ(t, P_RL(us, 16), (long)-EPERM);	/* then setuid32(2) */
	KTEST_EXPECT_EQ(t, P_R(us, 74), 8u << 20);		/* RLIMIT_STACK */
	KTEST_EXPECT_EQ(t, P_R(us, 75), ~0u);
	KTEST_EXPECT_EQ(t, P_RL(us, 17), (long)-EINVAL);	/* cur > max */
	KTEST_EXPECT_EQ(t, P_RL(us, 18), 0L);			/* prlimit64 */
	KTEST_EXPECT_EQ(t, P_R(us, 78), 1024u);
	KTEST_EXPECT_EQ(t, P_R(us, 79), 0u);
	KTEST_EXPECT_EQ(t, P_R(us, 80), 4096u);
	KTEST_EXPECT_EQ(t, P_RL(us, 19), (long)-EINVAL);	/* reboot, no magic */
	KTEST_EXPECT_GE(t, P_RL(us, 20), 0L);			/* times() */
	/* The real-time clock agrees with time() and gettimeofday() (same second or the next). */
	KTEST_EXPECT_LE(t, P_R(us, 70), P_R(us, 12));
	KTEST_EXPECT_LE(t, P_R(us, 66), P_R(us, 12));		/* clock_gettime64's low word */
	KTEST_EXPECT_EQ(t, P_R(us, 67), 0u);			/* its high word */
}

/* SIGCHLD's siginfo: CLD_EXITED, the child's pid, its exit status; wait4 restarted (SA_RESTART). */
static void test_sigchld_siginfo(struct ktest *t)
{
	struct test_uspace *us = sig_uspace(t);

	KTEST_ASSERT_NOT_NULL(t, us);
	KTEST_EXPECT_EQ(t, proc_run(t, us, p_sigchld, NULL), 0);
	KTEST_ASSERT_GT(t, P_RL(us, 0), 0L);
	KTEST_EXPECT_EQ(t, P_R(us, 2), P_R(us, 0));		/* wait4() */
	KTEST_EXPECT_EQ(t, P_R(us, 1), 3u << 8);
	KTEST_EXPECT_EQ(t, P_R(us, 14), 1u);			/* the handler ran once */
	KTEST_EXPECT_EQ(t, P_R(us, 10), (u32)SIGCHLD);
	KTEST_EXPECT_EQ(t, P_R(us, 11), (u32)CLD_EXITED);
	KTEST_EXPECT_EQ(t, P_R(us, 12), P_R(us, 0));
	KTEST_EXPECT_EQ(t, P_R(us, 13), 3u);
}

/* SIGCHLD set to SIG_IGN: no zombie -- the child reaps itself, wait4() says -ECHILD. */
static void test_sigchld_ignored_no_zombie(struct ktest *t)
{
	struct test_uspace *us = proc_uspace(t);
	unsigned long before = nr_threads;

	KTEST_ASSERT_NOT_NULL(t, us);
	KTEST_EXPECT_EQ(t, proc_run(t, us, p_nocldwait, NULL), 0);
	KTEST_EXPECT_GT(t, P_RL(us, 0), 0L);
	KTEST_EXPECT_EQ(t, P_RL(us, 2), (long)-ECHILD);
	msleep(2);
	KTEST_EXPECT_EQ(t, nr_threads, before);
}

/*
 * rt_sigqueueinfo: SI_QUEUE with its value reaches the handler; a
 * kernel-like si_code to another process is -EPERM; tkill gives
 * SI_TKILL; rt_sigtimedwait takes a blocked signal (its siginfo: SI_USER
 * and the sender), and times out with -EAGAIN.
 */
static void test_sigqueue_tkill_sigtimedwait(struct ktest *t)
{
	struct test_uspace *us = sig_uspace(t);
	int pid;

	KTEST_ASSERT_NOT_NULL(t, us);
	KTEST_EXPECT_EQ(t, proc_run(t, us, p_queue, &pid), 0);
	KTEST_EXPECT_EQ(t, P_RL(us, 0), 0L);
	KTEST_EXPECT_EQ(t, P_RL(us, 1), (long)-EPERM);
	KTEST_EXPECT_EQ(t, P_RL(us, 2), 0L);
	KTEST_EXPECT_EQ(t, P_R(us, 14), 2u);
	KTEST_EXPECT_EQ(t, P_RL(us, 40), (long)SI_QUEUE);
	KTEST_EXPECT_EQ(t, P_R(us, 41), 42u);			/* si_value */
	KTEST_EXPECT_EQ(t, P_RL(us, 42), (long)SI_TKILL);
	KTEST_EXPECT_EQ(t, P_RL(us, 3), (long)SIGUSR2);
	KTEST_EXPECT_EQ(t, P_R(us, 72), (u32)SIGUSR2);		/* its siginfo */
	KTEST_EXPECT_EQ(t, P_RL(us, 74), (long)SI_USER);
	KTEST_EXPECT_EQ(t, (int)P_R(us, 75), pid);
	KTEST_EXPECT_EQ(t, P_RL(us, 4), (long)-EAGAIN);
}

/*
 * The FPU state in the frame: sc.fpstate points into the frame, magic
 * says which image (0: fxsave's follows; 0xffff: fnsave's only), the
 * control word is the program's; the handler starts with the initial
 * FPU state; after sigreturn the program's registers are back.
 */
static void test_fpu_state_in_frame(struct ktest *t)
{
	struct test_uspace *us = sig_uspace(t);

	KTEST_ASSERT_NOT_NULL(t, us);
	KTEST_EXPECT_EQ(t, proc_run(t, us, p_fpu_frame, NULL), 0);
	KTEST_EXPECT_NE(t, P_R(us, 10), 0u);
	KTEST_EXPECT_EQ(t, P_R(us, 11), cpu_has_fxsr ? 0u : 0xffffu);
	KTEST_EXPECT_EQ(t, P_R(us, 12) & 0xffff, 0x037au);
	KTEST_EXPECT_EQ(t, P_R(us, 13) & 0xffff, 0x037fu);	/* the handler's: fninit's */
	KTEST_EXPECT_EQ(t, P_R(us, 41) & 0xffff, 0x037au);	/* back after sigreturn */
	KTEST_EXPECT_EQ(t, P_R(us, 42), 0x40490fdbu);		/* pi */
	KTEST_EXPECT_EQ(t, P_R(us, 43), 0x3f800000u);		/* 1.0 */
	KTEST_EXPECT_EQ(t, proc_run(t, us, p_bad_fpstate, NULL), SIGSEGV);
}

/* SIGSTOP stops a sleeping child, SIGCONT resumes it; its sleep is restarted, not cut. */
static void test_stop_and_continue(struct ktest *t)
{
	struct test_uspace *us = sig_uspace(t);

	KTEST_ASSERT_NOT_NULL(t, us);
	KTEST_EXPECT_EQ(t, proc_run(t, us, p_stop_cont, NULL), 0);
	KTEST_ASSERT_GT(t, P_RL(us, 0), 0L);
	KTEST_EXPECT_EQ(t, P_RL(us, 1), 0L);
	KTEST_EXPECT_EQ(t, P_R(us, 7), P_R(us, 0));		/* wait4(WUNTRACED) */
	KTEST_EXPECT_EQ(t, P_R(us, 6), (u32)((SIGSTOP << 8) | 0x7f));
	KTEST_EXPECT_EQ(t, P_RL(us, 3), 0L);			/* stopped: not finished, reported once */
	KTEST_EXPECT_EQ(t, P_R(us, 9), P_R(us, 0));		/* wait4(WCONTINUED) */
	KTEST_EXPECT_EQ(t, P_R(us, 8), 0xffffu);
	KTEST_EXPECT_EQ(t, P_RL(us, 4), 0L);
	KTEST_EXPECT_EQ(t, P_R(us, 5), P_R(us, 0));
	KTEST_EXPECT_EQ(t, P_R(us, 2), 2u << 8);
}

static struct ktest_case signal_cases[] = {
	KTEST_CASE(test_layout_offsets),
	KTEST_CASE(test_rt_sigframe_bytes),
	KTEST_CASE(test_sigframe_bytes_and_retcode),
	KTEST_CASE(test_hostile_sigreturn),
	KTEST_CASE(test_unwritable_frame_sigsegv),
	KTEST_CASE(test_sigaltstack),
	KTEST_CASE(test_masks_and_defaults),
	KTEST_CASE(test_fault_handler_and_blocked_fault),
	KTEST_CASE(test_sigchld_siginfo),
	KTEST_CASE(test_sigchld_ignored_no_zombie),
	KTEST_CASE(test_sigqueue_tkill_sigtimedwait),
	KTEST_CASE(test_fpu_state_in_frame),
	KTEST_CASE(test_stop_and_continue),
	KTEST_CASE(test_interrupted_sleeps),
	KTEST_CASE(test_sigsuspend),
	KTEST_CASE(test_futex),
	KTEST_CASE(test_misc_calls),
	{}
};

static struct ktest_suite signal_suite = {
	.name = "signal",
	.test_cases = signal_cases,
};
ktest_register_suite(signal_suite);
