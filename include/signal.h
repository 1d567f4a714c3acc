/*
 * Signals: Linux i386's numbers (asm/signal.h) and the si_code values
 * the trap handlers give (asm-generic/siginfo.h), all checked against
 * Linux's UAPI headers by tests/uapi/. Signal delivery itself (ULK
 * chapter 11: pending sets, handlers, frames) comes with processes;
 * until then a signal raised for a fault takes its default action,
 * which for every fault signal is to terminate the task
 * (force_sig_fault()).
 */
#ifndef _MNEME_SIGNAL_H
#define _MNEME_SIGNAL_H

#include <compiler.h>

#define SIGHUP		 1
#define SIGINT		 2
#define SIGQUIT		 3
#define SIGILL		 4
#define SIGTRAP		 5
#define SIGABRT		 6
#define SIGBUS		 7
#define SIGFPE		 8
#define SIGKILL		 9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29
#define SIGPWR		30
#define SIGSYS		31

/* si_code: why a fault signal was sent. */
#define SI_KERNEL	0x80	/* sent by the kernel, no more detail */
#define ILL_ILLOPN	2	/* illegal operand (#UD) */
#define ILL_BADSTK	8	/* internal stack error (a failed iret) */
#define FPE_INTDIV	1	/* integer divide by zero (#DE) */
#define FPE_FLTDIV	3	/* floating-point divide by zero */
#define FPE_FLTOVF	4	/* floating-point overflow */
#define FPE_FLTUND	5	/* floating-point underflow */
#define FPE_FLTRES	6	/* floating-point inexact result */
#define FPE_FLTINV	7	/* floating-point invalid operation */
#define SEGV_MAPERR	1	/* address not mapped */
#define SEGV_ACCERR	2	/* no permission for the access */
#define BUS_ADRALN	1	/* misaligned address (#AC) */
#define BUS_ADRERR	2	/* no such physical address (a file page beyond the end) */
#define BUS_OBJERR	3	/* object-specific hardware error */
#define TRAP_BRKPT	1	/* breakpoint (int3) */
#define TRAP_TRACE	2	/* single step (#DB) */

/*
 * Send sig to the current task for a fault it caused, with si_code
 * and the faulting address for its siginfo (Linux's force_sig_fault()).
 * kernel/signal.c: until signal delivery exists, the default action --
 * the task exits with sig as its status; the call does not return.
 */
void force_sig_fault(int sig, int si_code, void __user *addr);

#endif
