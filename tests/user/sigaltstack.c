/* sigaltstack.c - a stack overflow caught by a handler on the alternate signal stack. */
#include <setjmp.h>
#include "ktap.h"

static sigjmp_buf back;
static char altstack[64 * 1024];
static volatile int on_alt, code;

static void handler(int sig, siginfo_t *si, void *uc)
{
	char here;

	on_alt = &here >= altstack && &here < altstack + sizeof(altstack);
	code = si->si_code;
	siglongjmp(back, 1);
}

static volatile int forever = 1;

static int __attribute__((noinline)) recurse(int n)
{
	volatile char frame[1024];

	frame[0] = (char)n;
	return forever ? recurse(n + 1) + frame[0] : 0;
}

int main(void)
{
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) }, old;
	struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO | SA_ONSTACK };
	volatile int rounds = 0;

	plan(7);
	ok_sys(sigaltstack(&ss, NULL), "sigaltstack installs a 64 KB stack");
	ok_sys(sigaltstack(NULL, &old), "and reads it back");
	ok(old.ss_sp == altstack && old.ss_size == sizeof(altstack) && old.ss_flags == 0,
	   "same stack, not in use");
	sigaction(SIGSEGV, &sa, NULL);
	for (int i = 0; i < 2; i++)
		if (sigsetjmp(back, 1) == 0)
			recurse(0);
		else
			rounds++;
	ok_eq(rounds, 2, "infinite recursion caught twice by the handler");
	ok(on_alt, "the handler ran on the alternate stack");
	ok_eq(code, SEGV_MAPERR, "si_code SEGV_MAPERR");
	ss.ss_size = 1024;
	ok_errno(sigaltstack(&ss, NULL), ENOMEM, "a stack below MINSIGSTKSZ: ENOMEM");
	return done();
}
