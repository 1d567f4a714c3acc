/*
 * Signals (ULK chapter 11): Linux i386's numbers (asm/signal.h), flags,
 * si_code values (asm-generic/siginfo.h) and the structures user space
 * sees (siginfo_t, struct sigaction, stack_t), all checked against
 * Linux's UAPI headers by tests/uapi/. The kernel's own bookkeeping
 * (sigpending with its sigqueue entries, sighand_struct) is here too;
 * signal_struct, shared by a thread group, is in include/sched.h.
 * kernel/signal.c sends and dequeues, arch/x86/signal.c delivers.
 */
#ifndef _MNEME_SIGNAL_H
#define _MNEME_SIGNAL_H

#include <compiler.h>
#include <list.h>

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

#define SIGRTMIN	32
#define _NSIG		64		/* signals 1 .. 64 */
#define _NSIG_BPW	32
#define _NSIG_WORDS	2

/* sa_flags (asm-generic/signal-defs.h, asm/signal.h). */
#define SA_NOCLDSTOP	0x00000001
#define SA_NOCLDWAIT	0x00000002	/* children reaped without wait(): no zombies */
#define SA_SIGINFO	0x00000004	/* handler(sig, siginfo_t *, ucontext *): an rt_sigframe */
#define SA_RESTORER	0x04000000	/* sa_restorer is the return trampoline */
#define SA_ONSTACK	0x08000000	/* run the handler on the sigaltstack */
#define SA_RESTART	0x10000000	/* restart an interrupted system call */
#define SA_NODEFER	0x40000000	/* the signal is not blocked while its handler runs */
#define SA_RESETHAND	0x80000000	/* back to SIG_DFL when delivered */

/* how for sigprocmask(). */
#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

/* sigaltstack(). */
#define SS_ONSTACK	1
#define SS_DISABLE	2
#define MINSIGSTKSZ	2048
#define SIGSTKSZ	8192

/* si_code for signals sent by processes and by the kernel. */
#define SI_USER		0		/* kill() */
#define SI_QUEUE	-1		/* sigqueue(), rt_sigqueueinfo() */
#define SI_TIMER	-2
#define SI_TKILL	-6		/* tkill(), tgkill() */
#define CLD_EXITED	1		/* SIGCHLD: the child exited */
#define CLD_KILLED	2		/* killed by a signal */
#define CLD_DUMPED	3		/* killed by a signal that dumps core */
#define CLD_STOPPED	5
#define CLD_CONTINUED	6

typedef void __signalfn_t(int);
typedef __signalfn_t __user *__sighandler_t;
typedef void __restorefn_t(void);
typedef __restorefn_t __user *__sigrestore_t;

#define SIG_DFL	((__sighandler_t)0)	/* the default action */
#define SIG_IGN	((__sighandler_t)1)	/* ignore the signal */
#define SIG_ERR	((__sighandler_t)-1)

/* The kernel's signal set: 64 bits (user space's old sigset is the first word). */
typedef struct {
	unsigned long sig[_NSIG_WORDS];
} sigset_t;
typedef unsigned long old_sigset_t;

union sigval {
	int sival_int;
	void __user *sival_ptr;
};

#define SI_MAX_SIZE	128
#define SI_PAD_SIZE	((SI_MAX_SIZE - 3 * sizeof(int)) / sizeof(int))

/* siginfo_t (asm-generic/siginfo.h, 32-bit): 128 bytes. */
typedef struct siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	union {
		int _pad[SI_PAD_SIZE];
		struct {			/* kill(), tkill() */
			int _pid;
			unsigned int _uid;
		} _kill;
		struct {			/* POSIX timers */
			int _tid;
			int _overrun;
			union sigval _sigval;
			int _sys_private;
		} _timer;
		struct {			/* rt_sigqueueinfo() */
			int _pid;
			unsigned int _uid;
			union sigval _sigval;
		} _rt;
		struct {			/* SIGCHLD */
			int _pid;
			unsigned int _uid;
			int _status;
			long _utime;
			long _stime;
		} _sigchld;
		struct {			/* SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP */
			void __user *_addr;
		} _sigfault;
	} _sifields;
} siginfo_t;

#define si_pid		_sifields._kill._pid
#define si_uid		_sifields._kill._uid
#define si_tid		_sifields._timer._tid
#define si_overrun	_sifields._timer._overrun
#define si_value	_sifields._rt._sigval
#define si_int		_sifields._rt._sigval.sival_int
#define si_ptr		_sifields._rt._sigval.sival_ptr
#define si_status	_sifields._sigchld._status
#define si_utime	_sifields._sigchld._utime
#define si_stime	_sifields._sigchld._stime
#define si_addr		_sifields._sigfault._addr

/* rt_sigaction()'s struct (the kernel's struct sigaction on i386: the full 64-bit mask last). */
struct sigaction {
	__sighandler_t sa_handler;
	unsigned long sa_flags;
	__sigrestore_t sa_restorer;
	sigset_t sa_mask;
};

struct k_sigaction {
	struct sigaction sa;
};

/* sigaction()'s (the old call): a one-word mask before the flags. */
struct old_sigaction {
	__sighandler_t sa_handler;
	old_sigset_t sa_mask;
	unsigned long sa_flags;
	__sigrestore_t sa_restorer;
};

typedef struct sigaltstack {
	void __user *ss_sp;
	int ss_flags;
	unsigned int ss_size;
} stack_t;

/*
 * A queued signal (ULK 11.1.2): one per pending instance, carrying its
 * siginfo. Real-time signals queue every instance; the others at most
 * one each (a second while the first is pending is lost).
 */
struct sigqueue {
	struct list_head list;
	siginfo_t info;
};

/* A set of pending signals: the bitmap and the queue behind it. */
struct sigpending {
	struct list_head list;
	sigset_t signal;
};

/*
 * The handlers, shared by the tasks created with CLONE_SIGHAND (so by
 * every thread of a group). count: tasks using it.
 */
struct sighand_struct {
	int count;
	struct k_sigaction action[_NSIG];
};

/* Signal sets (Linux's linux/signal.h helpers); signals are numbered from 1. */
static inline void sigemptyset(sigset_t *set)
{
	set->sig[0] = set->sig[1] = 0;
}

static inline void sigfillset(sigset_t *set)
{
	set->sig[0] = set->sig[1] = ~0UL;
}

static inline void sigaddset(sigset_t *set, int sig)
{
	sig--;
	set->sig[sig / _NSIG_BPW] |= 1UL << (sig % _NSIG_BPW);
}

static inline void sigdelset(sigset_t *set, int sig)
{
	sig--;
	set->sig[sig / _NSIG_BPW] &= ~(1UL << (sig % _NSIG_BPW));
}

static inline int sigismember(const sigset_t *set, int sig)
{
	sig--;
	return (set->sig[sig / _NSIG_BPW] >> (sig % _NSIG_BPW)) & 1;
}

static inline int sigisemptyset(const sigset_t *set)
{
	return !(set->sig[0] | set->sig[1]);
}

#define sigmask(sig)	(1UL << ((sig) - 1))

static inline void sigorsets(sigset_t *r, const sigset_t *a, const sigset_t *b)
{
	r->sig[0] = a->sig[0] | b->sig[0];
	r->sig[1] = a->sig[1] | b->sig[1];
}

static inline void sigandnsets(sigset_t *r, const sigset_t *a, const sigset_t *b)
{
	r->sig[0] = a->sig[0] & ~b->sig[0];
	r->sig[1] = a->sig[1] & ~b->sig[1];
}

static inline void siginitset(sigset_t *set, unsigned long mask)
{
	set->sig[0] = mask;
	set->sig[1] = 0;
}

static inline void sigdelsetmask(sigset_t *set, unsigned long mask)
{
	set->sig[0] &= ~mask;
}

static inline void init_sigpending(struct sigpending *sig)
{
	sigemptyset(&sig->signal);
	INIT_LIST_HEAD(&sig->list);
}

/* Signals that cannot be caught, blocked or ignored. */
#define sig_kernel_only(sig)	((sig) == SIGKILL || (sig) == SIGSTOP)

struct task_struct;
struct pt_regs;

/*
 * kernel/signal.c (ULK 11.2, 11.3): sending, dequeuing, the default
 * actions. Each returns 0 or -errno.
 *
 * send_sig_info(sig, info, p)       to the task p (info may be
 *                                   SEND_SIG_NOINFO: a kill() from current,
 *                                   SEND_SIG_PRIV: from the kernel)
 * group_send_sig_info(sig, info, p) to p's thread group (shared_pending),
 *                                   a thread that does not block it woken
 * force_sig_info(sig, info, p)      for a fault: unblocked and its handler
 *                                   reset if ignored, so it cannot be missed
 * force_sig_fault(sig, si_code, addr) a fault of current: a siginfo with
 *                                   si_code and si_addr, then force_sig_info
 *                                   (traps, the page-fault handler)
 * force_sig(sig, p)                 force_sig_info() from the kernel
 * do_notify_parent(tsk, sig)        tsk's parent told of its exit: SIGCHLD
 *                                   (or exit_signal) with CLD_* and status
 * zap_other_threads(p)              SIGKILL to every other thread of p's group
 * flush_signals(t)                  every pending signal of t dropped
 * flush_signal_handlers(t, force)   every caught signal back to SIG_DFL
 *                                   (exec; force: ignored ones too)
 * signal_pending(p)                 whether an interruptible sleep must end
 */
#define SEND_SIG_NOINFO	((siginfo_t *)0)
#define SEND_SIG_PRIV	((siginfo_t *)1)

int send_sig_info(int sig, siginfo_t *info, struct task_struct *p);
int send_sig(int sig, struct task_struct *p, int priv);
int group_send_sig_info(int sig, siginfo_t *info, struct task_struct *p);
int force_sig_info(int sig, siginfo_t *info, struct task_struct *p);
void force_sig(int sig, struct task_struct *p);
void force_sig_fault(int sig, int si_code, void __user *addr);
void force_sigsegv(int sig, struct task_struct *p);
void do_notify_parent(struct task_struct *tsk, int sig);
void zap_other_threads(struct task_struct *p);
void flush_signals(struct task_struct *t);
void flush_sigqueue(struct sigpending *queue);
void flush_signal_handlers(struct task_struct *t, int force_default);
int kill_pg_info(int sig, siginfo_t *info, int pgrp);
int kill_pg(int pgrp, int sig, int priv);
/* No member of current's process group has a parent elsewhere in the session (kernel/exit.c). */
int is_current_pgrp_orphaned(void);
int dequeue_signal(struct task_struct *tsk, const sigset_t *mask, siginfo_t *info);
void recalc_sigpending_tsk(struct task_struct *t);
void recalc_sigpending(void);
void signal_wake_up(struct task_struct *t, int resume);
int get_signal_to_deliver(siginfo_t *info, struct k_sigaction *return_ka,
			  struct pt_regs *regs);
void signals_init(void);
int do_sigaction(int sig, const struct k_sigaction *act, struct k_sigaction *oact);
int do_sigaltstack(const stack_t __user *uss, stack_t __user *uoss, unsigned long sp);
int sigprocmask(int how, sigset_t *set, sigset_t *oldset);

/* The sigaltstack: whether sp is on current's, and what on_sig_stack reports. */
int on_sig_stack(unsigned long sp);
int sas_ss_flags(unsigned long sp);

#endif
