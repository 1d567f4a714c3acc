/*
 * Signals (ULK chapter 11). For now the one way a signal is raised is
 * a fault in user mode (arch/x86/traps.c), and there is neither a
 * handler nor a mask to consult: the signal's default action applies.
 * For every signal a fault raises (SIGSEGV, SIGBUS, SIGILL, SIGFPE,
 * SIGTRAP) that action is to terminate the task -- with a core dump in
 * Linux -- and the exit status is the signal number, as wait() will
 * report "killed by signal N". This is the one place that changes when
 * signal delivery comes: force_sig_info() queues the signal (unblocked,
 * its handler reset if ignored, as ULK 11.2.2 describes force_sig) and
 * the return to user mode delivers it (do_notify_resume()).
 */
#include <sched.h>
#include <signal.h>

void force_sig_fault(int sig, int si_code, void __user *addr)
{
	(void)si_code;
	(void)addr;
	do_exit(sig);
}
