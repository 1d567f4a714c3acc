/*
 * fault.h - catching the faults a test provokes: probe() touches one byte
 * with SIGSEGV and SIGBUS handlers installed that siglongjmp() back, and
 * records the signal, si_code and si_addr for ok_fault().
 */
#ifndef TESTS_USER_FAULT_H
#define TESTS_USER_FAULT_H

#include <setjmp.h>
#include <signal.h>
#include "ktap.h"

static sigjmp_buf fault_jmp;
static volatile int fault_sig, fault_code;
static void *volatile fault_addr;

static void fault_handler(int sig, siginfo_t *si, void *uc)
{
	fault_sig = sig;
	fault_code = si->si_code;
	fault_addr = si->si_addr;
	siglongjmp(fault_jmp, 1);
}

/* Read (write == 0) or write one byte at addr: 0, or the signal it raised. */
static int __attribute__((unused, noinline)) probe(volatile void *addr, int write)
{
	struct sigaction sa, old_segv, old_bus;
	volatile int sig = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fault_handler;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, &old_segv);
	sigaction(SIGBUS, &sa, &old_bus);
	fault_sig = 0;
	fault_code = 0;
	fault_addr = NULL;
	if (sigsetjmp(fault_jmp, 1) == 0) {
		if (write)
			*(volatile char *)addr = 0x5a;
		else
			(void)*(volatile char *)addr;
	} else
		sig = fault_sig;
	sigaction(SIGSEGV, &old_segv, NULL);
	sigaction(SIGBUS, &old_bus, NULL);
	return sig;
}

static __attribute__((unused)) const char *code_name(int sig, int code)
{
	static char buf[16];

	if (sig == SIGSEGV && code == SEGV_MAPERR)
		return "SEGV_MAPERR";
	if (sig == SIGSEGV && code == SEGV_ACCERR)
		return "SEGV_ACCERR";
	if (sig == SIGBUS && code == BUS_ADRERR)
		return "BUS_ADRERR";
	snprintf(buf, sizeof(buf), "code %d", code);
	return buf;
}

/*
 * ok_fault(addr, write, sig, code, ...): touching addr must raise sig with
 * si_code code and si_addr addr (sig 0: must not fault).
 */
#define ok_fault(addr, write, sig, code, ...) ({				\
	volatile void *_a = (addr);						\
	int _s = probe(_a, (write));						\
	int _good = _s == (sig) && (!_s || (fault_code == (code) &&		\
					    fault_addr == (void *)_a));	\
	if (_s != (sig))							\
		diag("want signal %d, got %d", (sig), _s);			\
	else if (_s && fault_code != (code))					\
		diag("want %s, got %s", code_name(_s, (code)), code_name(_s, fault_code)); \
	else if (_s && fault_addr != (void *)_a)				\
		diag("si_addr is not the address touched");			\
	ok(_good, __VA_ARGS__);							\
})

#endif /* TESTS_USER_FAULT_H */
