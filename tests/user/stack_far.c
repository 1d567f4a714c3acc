/*
 * stack_far.c - an access far below %esp (tests/user/expected/DIFFERENCES).
 * ULK 9.4 (Linux 2.6's do_page_fault): a fault below the stack VMA is a
 * growth only within esp - 65536 - 32 * sizeof(long) (what "enter" and
 * "pusha" may touch); anything further below is SIGSEGV. Linux 4.20
 * dropped that check: the stack grows to any address within RLIMIT_STACK.
 * Both are accepted; the diagnostic line says which rule the kernel has.
 */
#include <stdio.h>
#include "fault.h"

/* The start of the [stack] line of /proc/self/maps (0 if unreadable). */
static unsigned long stack_start(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	unsigned long s, e, start = 0;
	char line[256];

	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, "[stack]") && sscanf(line, "%lx-%lx", &s, &e) == 2)
			start = s;
	if (f)
		fclose(f);
	return start;
}

/* Write a byte at esp - below with esp unchanged: 0 or the signal. */
static int touch_below_esp(unsigned long below)
{
	unsigned long esp;

	asm volatile("movl %%esp, %0" : "=r"(esp));
	return probe((char *)(esp - below), 1);
}

int main(void)
{
	unsigned long start, esp;
	int sig;

	plan(3);
	asm volatile("movl %%esp, %0" : "=r"(esp));
	start = stack_start();
	ok(start && start < esp, "the [stack] line of /proc/self/maps holds %%esp");
	/* Near: 64 KB under esp, within 65536 + 128 bytes, grows on both rules. */
	ok_eq(touch_below_esp(65536), 0, "an access 64 KB below %%esp grows the stack");
	/* Far below: 1 MB under esp is below the stack VMA on any kernel. */
	sig = touch_below_esp(1UL << 20);
	if (sig == 0)
		diag("1 MB below %%esp: the stack grew (Linux >= 4.20: no %%esp check)");
	else
		diag("1 MB below %%esp: SIGSEGV %s (the 2.6 rule, ULK 9.4)",
		     code_name(sig, fault_code));
	ok(sig == 0 || (sig == SIGSEGV && fault_code == SEGV_MAPERR),
	   "an access far below %%esp grows the stack or faults with SEGV_MAPERR");
	return done();
}
