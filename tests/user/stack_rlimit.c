/* stack_rlimit.c - RLIMIT_STACK lowered: an overflow stops near it, caught on sigaltstack. */
#include <setjmp.h>
#include <stdint.h>
#include <sys/resource.h>
#include "ktap.h"

static sigjmp_buf back;
static char altstack[32 * 1024];
static volatile uintptr_t deepest, top;
static volatile int caught_code, forever = 1;

static void handler(int sig, siginfo_t *si, void *uc)
{
	caught_code = si->si_code;
	siglongjmp(back, 1);
}

static int __attribute__((noinline)) recurse(int n)
{
	volatile char frame[512];

	frame[0] = (char)n;
	deepest = (uintptr_t)frame;
	return forever ? recurse(n + 1) + frame[0] : 0;
}

int main(void)
{
	struct rlimit rl = { 512 * 1024, RLIM_INFINITY }, got;
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
	struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO | SA_ONSTACK };
	char here;
	unsigned long used;

	plan(5);
	top = (uintptr_t)&here;
	ok_sys(setrlimit(RLIMIT_STACK, &rl), "setrlimit(RLIMIT_STACK, 512 KB)");
	getrlimit(RLIMIT_STACK, &got);
	ok_eq(got.rlim_cur, 512 * 1024, "getrlimit reads it back");
	sigaltstack(&ss, NULL);
	sigaction(SIGSEGV, &sa, NULL);
	if (sigsetjmp(back, 1) == 0)
		recurse(0);
	used = top - deepest;
	ok(caught_code == SEGV_MAPERR, "the overflow raised SIGSEGV (SEGV_MAPERR) on the alternate stack");
	if (used < 256 * 1024 || used > 512 * 1024)
		diag("stack used when it stopped: %lu KB", used >> 10);
	ok(used >= 256 * 1024 && used <= 512 * 1024, "it stopped between 256 KB and the 512 KB limit");
	rl.rlim_cur = 8 << 20;
	ok_sys(setrlimit(RLIMIT_STACK, &rl), "the limit raised again");
	return done();
}
