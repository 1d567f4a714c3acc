/*
 * sigcontext.c - the i386 signal frame: a SIGSEGV handler reads the
 * faulting registers from its ucontext and changes them (skips the
 * instruction, sets %eax); rt_sigreturn resumes with the changed ones.
 */
#define _GNU_SOURCE
#include <ucontext.h>
#include "ktap.h"

static volatile unsigned long seen_eip, seen_cr2;
static volatile int seen_trapno;
extern char fault_insn[], after_insn[];

static void handler(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	seen_eip = uc->uc_mcontext.gregs[REG_EIP];
	seen_trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
	seen_cr2 = uc->uc_mcontext.cr2;
	uc->uc_mcontext.gregs[REG_EIP] = (unsigned long)after_insn;	/* skip it */
	uc->uc_mcontext.gregs[REG_EAX] = 0x600d;
}

static void on_usr1(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	/* The mask in the frame is the one restored: block SIGUSR2 from now on. */
	sigaddset(&uc->uc_sigmask, SIGUSR2);
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO };
	unsigned long eax, ebx = 0x12345678, ebx_after;
	sigset_t now;

	plan(6);
	sigaction(SIGSEGV, &sa, NULL);
	asm volatile(".globl fault_insn, after_insn\n"
		     "movl $0, %%eax\n"
		     "fault_insn: movl (%%eax), %%eax\n"	/* reads address 0 */
		     "after_insn:\n"
		     : "=a"(eax), "+b"(ebx) : : "memory");
	ebx_after = ebx;
	ok(seen_eip == (unsigned long)fault_insn, "the frame's eip is the faulting instruction");
	ok_eq(seen_trapno, 14, "trapno 14 (page fault)");
	ok_eq(seen_cr2, 0, "cr2 is the faulting address");
	ok_eq(eax, 0x600d, "sigreturn resumed after it, with the handler's %%eax");
	ok_eq(ebx_after, 0x12345678, "and the other registers as they were");
	sa.sa_sigaction = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	sigprocmask(SIG_BLOCK, NULL, &now);
	ok(sigismember(&now, SIGUSR2) && !sigismember(&now, SIGUSR1),
	   "the signal mask comes back from the frame's uc_sigmask");
	return done();
}
