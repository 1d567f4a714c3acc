/*
 * Signals (ULK chapter 11): generating, queuing, dequeuing; the default
 * actions; the signal system calls. The frames and the return to user
 * mode are arch/x86/signal.c's.
 *
 * A signal for one task goes to its private pending set (tkill, a
 * fault); one for a process to the group's shared_pending (kill), and
 * one thread that does not block it is woken to take it. Each pending
 * instance is a sigqueue carrying its siginfo; a non-real-time signal
 * already pending is not queued again (ULK 11.2.2). A signal that would
 * be ignored is dropped when sent, unless it is blocked (it may be
 * unblocked after the handler changed).
 *
 * Default actions (ULK table 11-1): terminate; terminate with a core
 * dump (the status gets 0x80 when RLIMIT_CORE is not 0 -- Mneme writes
 * no core file, but reports what Linux would); ignore (SIGCHLD,
 * SIGCONT, SIGURG, SIGWINCH); stop (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU:
 * the task sleeps in TASK_STOPPED until SIGCONT or SIGKILL). A fatal
 * signal kills the whole thread group (do_group_exit()). init (the
 * child reaper) and kernel threads take no signal with a default
 * action of terminating.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <jiffies.h>
#include <sched.h>
#include <signal.h>
#include <slab.h>
#include <syscalls.h>
#include <time.h>
#include <asm/irqflags.h>
#include <asm/ptrace.h>
#include <asm/uaccess.h>

static kmem_cache_t *sigqueue_cachep;

#define M(sig)	(1UL << ((sig) - 1))
#define SIG_KERNEL_ONLY_MASK	(M(SIGKILL) | M(SIGSTOP))
#define SIG_KERNEL_STOP_MASK	(M(SIGSTOP) | M(SIGTSTP) | M(SIGTTIN) | M(SIGTTOU))
#define SIG_KERNEL_COREDUMP_MASK (M(SIGQUIT) | M(SIGILL) | M(SIGTRAP) | M(SIGABRT) | \
				  M(SIGFPE) | M(SIGSEGV) | M(SIGBUS) | M(SIGSYS) | \
				  M(SIGXCPU) | M(SIGXFSZ))
#define SIG_KERNEL_IGNORE_MASK	(M(SIGCONT) | M(SIGCHLD) | M(SIGWINCH) | M(SIGURG))
#define T(sig, mask)		((sig) < SIGRTMIN && (M(sig) & (mask)))
#define sig_kernel_stop(sig)	T(sig, SIG_KERNEL_STOP_MASK)
#define sig_kernel_coredump(sig) T(sig, SIG_KERNEL_COREDUMP_MASK)
#define sig_kernel_ignore(sig)	T(sig, SIG_KERNEL_IGNORE_MASK)
#define sig_user_defined(t, sig) \
	((t)->sighand->action[(sig) - 1].sa.sa_handler != SIG_DFL && \
	 (t)->sighand->action[(sig) - 1].sa.sa_handler != SIG_IGN)
#define sig_fatal(t, sig) \
	(!T(sig, SIG_KERNEL_IGNORE_MASK | SIG_KERNEL_STOP_MASK) && \
	 (t)->sighand->action[(sig) - 1].sa.sa_handler == SIG_DFL)
#define _BLOCKABLE	(~(M(SIGKILL) | M(SIGSTOP)))

unsigned long nr_signals_sent;	/* queued, for tests */

void signals_init(void)
{
	sigqueue_cachep = kmem_cache_create("sigqueue", sizeof(struct sigqueue), 0,
					    SLAB_PANIC, NULL, NULL);
}

long do_no_restart_syscall(struct restart_block *parm)
{
	(void)parm;
	return -EINTR;
}

/* Would sig be ignored by t? Blocked signals never are: the handler may change. */
static int sig_ignored(struct task_struct *t, int sig)
{
	__sighandler_t handler;

	if (sigismember(&t->blocked, sig))
		return 0;
	handler = t->sighand->action[sig - 1].sa.sa_handler;
	return handler == SIG_IGN || (handler == SIG_DFL && sig_kernel_ignore(sig));
}

/* Kernel threads (and the idle task) take no signals here. */
static int takes_signals(struct task_struct *t)
{
	return !(t->flags & PF_KTHREAD) && t != &init_task;
}

static int has_pending_signals(const sigset_t *signal, const sigset_t *blocked)
{
	return (signal->sig[0] & ~blocked->sig[0]) | (signal->sig[1] & ~blocked->sig[1]);
}

/* TIF_SIGPENDING from what is pending and not blocked (Linux's recalc_sigpending_tsk()). */
void recalc_sigpending_tsk(struct task_struct *t)
{
	if ((t->signal->flags & SIGNAL_GROUP_EXIT) ||
	    has_pending_signals(&t->pending.signal, &t->blocked) ||
	    has_pending_signals(&t->signal->shared_pending.signal, &t->blocked))
		set_tsk_thread_flag(t, TIF_SIGPENDING);
	else
		clear_tsk_thread_flag(t, TIF_SIGPENDING);
}

void recalc_sigpending(void)
{
	unsigned long flags;

	local_irq_save(flags);
	recalc_sigpending_tsk(current);
	local_irq_restore(flags);
}

/*
 * Tell t a signal is there: TIF_SIGPENDING, and an interruptible sleep
 * ended (resume: a stopped one too -- SIGKILL, SIGCONT).
 */
void signal_wake_up(struct task_struct *t, int resume)
{
	unsigned int mask = TASK_INTERRUPTIBLE;

	set_tsk_thread_flag(t, TIF_SIGPENDING);
	if (resume)
		mask |= TASK_STOPPED;
	if (t->state & mask) {
		if (t->state == TASK_STOPPED)
			t->state = TASK_INTERRUPTIBLE;
		wake_up_process(t);
	}
}

void flush_sigqueue(struct sigpending *queue)
{
	struct sigqueue *q, *n;

	sigemptyset(&queue->signal);
	list_for_each_entry_safe(q, n, &queue->list, list) {
		list_del(&q->list);
		kmem_cache_free(sigqueue_cachep, q);
	}
}

void flush_signals(struct task_struct *t)
{
	unsigned long flags;

	local_irq_save(flags);
	clear_tsk_thread_flag(t, TIF_SIGPENDING);
	flush_sigqueue(&t->pending);
	flush_sigqueue(&t->signal->shared_pending);
	local_irq_restore(flags);
}

/* Remove the signals of mask from a pending set, queue entries too (Linux's rm_from_queue()). */
static void rm_from_queue(unsigned long mask, struct sigpending *s)
{
	struct sigqueue *q, *n;

	if (!(s->signal.sig[0] & mask))
		return;
	sigdelsetmask(&s->signal, mask);
	list_for_each_entry_safe(q, n, &s->list, list) {
		if (q->info.si_signo < SIGRTMIN && (mask & M(q->info.si_signo))) {
			list_del(&q->list);
			kmem_cache_free(sigqueue_cachep, q);
		}
	}
}

/* exec: every caught signal back to SIG_DFL; ignored ones stay unless force_default. */
void flush_signal_handlers(struct task_struct *t, int force_default)
{
	struct k_sigaction *ka = &t->sighand->action[0];
	int i;

	for (i = _NSIG; i != 0; i--, ka++) {
		if (force_default || ka->sa.sa_handler != SIG_IGN)
			ka->sa.sa_handler = SIG_DFL;
		ka->sa.sa_flags = 0;
		ka->sa.sa_restorer = NULL;
		sigemptyset(&ka->sa.sa_mask);
	}
}

/* Queue sig with its siginfo on a pending set (Linux's send_signal()). Interrupts off. */
static int send_signal(int sig, siginfo_t *info, struct sigpending *signals)
{
	struct sigqueue *q;

	/* A non-real-time signal already pending is not queued twice. */
	if (sig < SIGRTMIN && sigismember(&signals->signal, sig))
		return 0;
	q = kmem_cache_alloc(sigqueue_cachep, GFP_ATOMIC);
	if (q) {
		list_add_tail(&q->list, &signals->list);
		memset(&q->info, 0, sizeof(q->info));
		if (info == SEND_SIG_NOINFO) {
			q->info.si_signo = sig;
			q->info.si_code = SI_USER;
			q->info.si_pid = current->tgid;
			q->info.si_uid = current->uid;
		} else if (info == SEND_SIG_PRIV) {
			q->info.si_signo = sig;
			q->info.si_code = SI_KERNEL;
		} else {
			q->info = *info;
		}
	} else if (sig >= SIGRTMIN && info > SEND_SIG_PRIV && info->si_code != SI_USER) {
		/* A queued real-time signal must carry its value: refuse rather than lose it. */
		return -EAGAIN;
	}
	sigaddset(&signals->signal, sig);
	nr_signals_sent++;
	return 0;
}

/* To the thread t alone (Linux's specific_send_sig_info()). Interrupts off. */
static int specific_send_sig_info(int sig, siginfo_t *info, struct task_struct *t)
{
	int ret;

	if (!takes_signals(t) || (t->flags & PF_EXITING && sig != SIGKILL))
		return 0;
	if (sig_ignored(t, sig))
		return 0;
	ret = send_signal(sig, info, &t->pending);
	if (!ret && !sigismember(&t->blocked, sig))
		signal_wake_up(t, sig == SIGKILL);
	return ret;
}

/*
 * SIGCONT resumes a stopped group and drops the pending stop signals;
 * a stop signal drops a pending SIGCONT (Linux's handle_stop_signal()).
 */
static void handle_stop_signal(int sig, struct task_struct *p)
{
	struct task_struct *t = p;

	if (sig_kernel_stop(sig)) {
		rm_from_queue(M(SIGCONT), &p->signal->shared_pending);
		do {
			rm_from_queue(M(SIGCONT), &t->pending);
			t = next_thread(t);
		} while (t != p);
	} else if (sig == SIGCONT) {
		rm_from_queue(SIG_KERNEL_STOP_MASK, &p->signal->shared_pending);
		if (p->signal->flags & SIGNAL_STOP_STOPPED) {
			/* wait4(WCONTINUED) reports it once. */
			p->signal->flags = (p->signal->flags & ~SIGNAL_STOP_STOPPED) |
					   SIGNAL_STOP_CONTINUED;
			__wake_up(&p->group_leader->parent->signal->wait_chldexit,
				  TASK_INTERRUPTIBLE, 0);
		}
		do {
			rm_from_queue(SIG_KERNEL_STOP_MASK, &t->pending);
			if (t->state == TASK_STOPPED) {
				t->state = TASK_INTERRUPTIBLE;
				wake_up_process(t);
			}
			t = next_thread(t);
		} while (t != p);
	}
}

/* Whether t can take sig now. */
static int wants_signal(int sig, struct task_struct *t)
{
	if (sigismember(&t->blocked, sig) || (t->flags & PF_EXITING))
		return 0;
	if (sig == SIGKILL)
		return 1;
	if (t->state == TASK_STOPPED)
		return 0;
	return 1;
}

/*
 * A group signal was queued: find a thread to take it (p itself
 * first), and if the signal is fatal kill the whole group at once
 * (Linux's __group_complete_signal()).
 */
static void group_complete_signal(int sig, struct task_struct *p)
{
	struct task_struct *t;

	if (wants_signal(sig, p)) {
		t = p;
	} else if (thread_group_empty(p)) {
		return;		/* blocked: it stays pending for p */
	} else {
		t = p->signal->curr_target ? p->signal->curr_target : p;
		while (!wants_signal(sig, t)) {
			t = next_thread(t);
			if (t == p->signal->curr_target || (!p->signal->curr_target && t == p))
				return;		/* every thread blocks it */
		}
		p->signal->curr_target = t;
	}
	if (sig_fatal(p, sig) && !(p->signal->flags & SIGNAL_GROUP_EXIT) &&
	    !sigismember(&t->real_blocked, sig) && !sig_kernel_coredump(sig)) {
		/* Every thread dies now: SIGKILL to each. */
		p->signal->flags = SIGNAL_GROUP_EXIT;
		p->signal->group_exit_code = sig;
		t = p;
		do {
			sigaddset(&t->pending.signal, SIGKILL);
			signal_wake_up(t, 1);
			t = next_thread(t);
		} while (t != p);
		return;
	}
	signal_wake_up(t, sig == SIGKILL);
}

/* Interrupts off. */
static int __group_send_sig_info(int sig, siginfo_t *info, struct task_struct *p)
{
	int ret;

	if (!takes_signals(p))
		return 0;
	handle_stop_signal(sig, p);
	if (sig_ignored(p, sig))
		return 0;
	ret = send_signal(sig, info, &p->signal->shared_pending);
	if (!ret)
		group_complete_signal(sig, p);
	return ret;
}

/*
 * May current send sig to t (Linux's check_kill_permission())? A signal
 * the kernel raises always; one from a user (kill, tkill, sigqueue: a
 * si_code <= 0) only within its own thread group, to a task sharing a
 * real or effective uid with its real or saved one, by a privileged
 * task (CAP_KILL), or SIGCONT within the session. 0 or -EPERM, also for
 * signal 0 (kill(pid, 0) tells existence and permission).
 */
static int check_kill_permission(int sig, siginfo_t *info, struct task_struct *t)
{
	int from_user = info == SEND_SIG_NOINFO || (info != SEND_SIG_PRIV && info->si_code <= 0);

	if (!from_user || current->tgid == t->tgid)
		return 0;
	if (current->euid == t->suid || current->euid == t->uid ||
	    current->uid == t->suid || current->uid == t->uid || capable(CAP_KILL))
		return 0;
	if (sig == SIGCONT && current->signal->session == t->signal->session)
		return 0;
	return -EPERM;
}

int group_send_sig_info(int sig, siginfo_t *info, struct task_struct *p)
{
	unsigned long flags;
	int ret;

	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	ret = check_kill_permission(sig, info, p);
	if (ret || !sig)
		return ret;
	local_irq_save(flags);
	ret = __group_send_sig_info(sig, info, p);
	local_irq_restore(flags);
	return ret;
}

int send_sig_info(int sig, siginfo_t *info, struct task_struct *p)
{
	unsigned long flags;
	int ret;

	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (!sig)
		return 0;
	local_irq_save(flags);
	ret = specific_send_sig_info(sig, info, p);
	local_irq_restore(flags);
	return ret;
}

int send_sig(int sig, struct task_struct *p, int priv)
{
	return send_sig_info(sig, priv ? SEND_SIG_PRIV : SEND_SIG_NOINFO, p);
}

/*
 * For a fault (ULK 11.2.2's force_sig_info()): the task cannot ignore
 * or block it -- a blocked or ignored signal gets its default action
 * back, and is unblocked, so the task dies of it rather than fault
 * again forever.
 */
int force_sig_info(int sig, siginfo_t *info, struct task_struct *t)
{
	struct k_sigaction *action = &t->sighand->action[sig - 1];
	unsigned long flags;
	int ret, blocked;

	local_irq_save(flags);
	blocked = sigismember(&t->blocked, sig);
	if (blocked || action->sa.sa_handler == SIG_IGN) {
		action->sa.sa_handler = SIG_DFL;
		if (blocked) {
			sigdelset(&t->blocked, sig);
			recalc_sigpending_tsk(t);
		}
	}
	ret = specific_send_sig_info(sig, info, t);
	local_irq_restore(flags);
	return ret;
}

void force_sig(int sig, struct task_struct *p)
{
	force_sig_info(sig, SEND_SIG_PRIV, p);
}

/* A frame that cannot be built or read back: SIGSEGV, its handler reset so it cannot loop. */
void force_sigsegv(int sig, struct task_struct *p)
{
	if (sig == SIGSEGV)
		p->sighand->action[SIGSEGV - 1].sa.sa_handler = SIG_DFL;
	force_sig(SIGSEGV, p);
}

/*
 * A fault of current in user mode (the traps, the page-fault handler):
 * the siginfo Linux gives -- si_code (SEGV_MAPERR, SEGV_ACCERR, ...) and
 * the faulting address in si_addr -- and force_sig_info(). The task
 * dies of it, or its handler runs, on the way back to user mode.
 */
void force_sig_fault(int sig, int si_code, void __user *addr)
{
	siginfo_t info;

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = si_code;
	info.si_addr = addr;
	force_sig_info(sig, &info, current);
}

/* SIGKILL to every other thread of p's group (exit_group(), exec). Interrupts off. */
void zap_other_threads(struct task_struct *p)
{
	struct task_struct *t;

	p->signal->flags = SIGNAL_GROUP_EXIT;
	for (t = next_thread(p); t != p; t = next_thread(t)) {
		if (t->flags & PF_EXITING)
			continue;
		sigaddset(&t->pending.signal, SIGKILL);
		signal_wake_up(t, 1);
	}
}

/*
 * tsk has exited (or its group has, for a delayed leader): its parent
 * gets sig (SIGCHLD normally) with the child's pid, status and CLD_*
 * code, and its wait4() is woken. If the parent ignores SIGCHLD or set
 * SA_NOCLDWAIT, nobody will wait: tsk->exit_signal becomes -1 and the
 * child reaps itself (POSIX; ULK 3.5.2). Interrupts off.
 */
void do_notify_parent(struct task_struct *tsk, int sig)
{
	struct task_struct *parent = tsk->parent;
	struct sighand_struct *psig = parent->sighand;
	int status = (tsk->signal->flags & SIGNAL_GROUP_EXIT) ? tsk->signal->group_exit_code :
							       tsk->exit_code;
	siginfo_t info;

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_pid = tsk->pid;
	info.si_uid = tsk->uid;
	info.si_utime = tsk->utime + tsk->signal->utime;
	info.si_stime = tsk->stime + tsk->signal->stime;
	if (!(status & 0x7f)) {
		info.si_code = CLD_EXITED;
		info.si_status = (status >> 8) & 0xff;
	} else {
		info.si_code = (status & 0x80) ? CLD_DUMPED : CLD_KILLED;
		info.si_status = status & 0x7f;
	}
	if (sig == SIGCHLD && takes_signals(parent) &&
	    (psig->action[SIGCHLD - 1].sa.sa_handler == SIG_IGN ||
	     (psig->action[SIGCHLD - 1].sa.sa_flags & SA_NOCLDWAIT))) {
		tsk->exit_signal = -1;
		if (psig->action[SIGCHLD - 1].sa.sa_handler == SIG_IGN)
			sig = 0;
	}
	if (sig > 0 && sig <= _NSIG)
		__group_send_sig_info(sig, &info, parent);
	__wake_up(&parent->signal->wait_chldexit, TASK_INTERRUPTIBLE, 0);
}

/* The lowest signal of pending not in mask (0: none). */
static int next_signal(struct sigpending *pending, const sigset_t *mask)
{
	unsigned long x;
	int i;

	for (i = 0; i < _NSIG_WORDS; i++) {
		x = pending->signal.sig[i] & ~mask->sig[i];
		if (x)
			return i * _NSIG_BPW + __builtin_ctzl(x) + 1;
	}
	return 0;
}

/* Take sig's first queue entry off pending, its siginfo into info. */
static void collect_signal(int sig, struct sigpending *list, siginfo_t *info)
{
	struct sigqueue *q, *first = NULL;
	int more = 0;

	list_for_each_entry(q, &list->list, list) {
		if (q->info.si_signo != sig)
			continue;
		if (first) {
			more = 1;
			break;
		}
		first = q;
	}
	if (!more)
		sigdelset(&list->signal, sig);
	if (first) {
		list_del(&first->list);
		*info = first->info;
		kmem_cache_free(sigqueue_cachep, first);
	} else {
		/* Pending without an entry (SIGKILL of a group exit, an allocation that failed). */
		memset(info, 0, sizeof(*info));
		info->si_signo = sig;
		info->si_code = SI_USER;
	}
}

/*
 * The next signal for tsk not in mask, private ones first, then the
 * group's (Linux's dequeue_signal()). 0 if none. Interrupts off.
 */
int dequeue_signal(struct task_struct *tsk, const sigset_t *mask, siginfo_t *info)
{
	int sig = next_signal(&tsk->pending, mask);

	if (sig) {
		collect_signal(sig, &tsk->pending, info);
	} else {
		sig = next_signal(&tsk->signal->shared_pending, mask);
		if (sig)
			collect_signal(sig, &tsk->signal->shared_pending, info);
	}
	recalc_sigpending_tsk(tsk);
	return sig;
}

/*
 * A stop signal's default action: the group is marked stopped, the
 * parent gets SIGCHLD (CLD_STOPPED unless SA_NOCLDSTOP), and the task
 * sleeps until SIGCONT or SIGKILL. Interrupts off on entry and exit.
 */
static void do_signal_stop(int signr, unsigned long *flags)
{
	struct task_struct *parent = current->group_leader->parent;

	current->signal->flags |= SIGNAL_STOP_STOPPED;
	current->signal->flags &= ~SIGNAL_STOP_CONTINUED;
	current->exit_code = signr;		/* wait4(WUNTRACED) reports it once */
	__wake_up(&parent->signal->wait_chldexit, TASK_INTERRUPTIBLE, 0);
	if (takes_signals(parent) &&
	    !(parent->sighand->action[SIGCHLD - 1].sa.sa_flags & SA_NOCLDSTOP)) {
		siginfo_t info;

		memset(&info, 0, sizeof(info));
		info.si_signo = SIGCHLD;
		info.si_code = CLD_STOPPED;
		info.si_pid = current->tgid;
		info.si_status = signr;
		__group_send_sig_info(SIGCHLD, &info, parent);
	}
	current->state = TASK_STOPPED;
	local_irq_restore(*flags);
	schedule();
	local_irq_save(*flags);
}

/*
 * The next signal current must act on (ULK 11.3.1): ignored ones are
 * dropped, stop signals stop it, fatal ones end the group here; a
 * handled one is returned with its action (SA_RESETHAND: the handler
 * reset first). 0: nothing to deliver.
 */
int get_signal_to_deliver(siginfo_t *info, struct k_sigaction *return_ka,
			  struct pt_regs *regs)
{
	struct k_sigaction *ka;
	unsigned long flags;
	int signr, exit_code;

	(void)regs;
	local_irq_save(flags);
	for (;;) {
		signr = dequeue_signal(current, &current->blocked, info);
		if (!signr)
			break;
		ka = &current->sighand->action[signr - 1];
		if (ka->sa.sa_handler == SIG_IGN)
			continue;
		if (ka->sa.sa_handler != SIG_DFL) {
			*return_ka = *ka;
			if (ka->sa.sa_flags & SA_RESETHAND)
				ka->sa.sa_handler = SIG_DFL;
			break;
		}
		if (sig_kernel_ignore(signr))
			continue;
		/* init takes only the signals it has handlers for. */
		if (current == child_reaper)
			continue;
		if (sig_kernel_stop(signr)) {
			/* The job control stops do nothing to an orphaned group; SIGSTOP always stops. */
			if (signr != SIGSTOP && is_current_pgrp_orphaned())
				continue;
			do_signal_stop(signr, &flags);
			continue;
		}
		/* Death: the whole group, with this signal as its status. */
		local_irq_restore(flags);
		current->flags |= PF_SIGNALED;
		exit_code = signr;
		if (sig_kernel_coredump(signr) && rlimit(RLIMIT_CORE))
			exit_code |= 0x80;
		do_group_exit(exit_code);
	}
	local_irq_restore(flags);
	return signr;
}

/* ---- The system calls. ---- */

int do_sigaction(int sig, const struct k_sigaction *act, struct k_sigaction *oact)
{
	struct k_sigaction *k;
	struct task_struct *t;
	unsigned long flags;

	if (sig < 1 || sig > _NSIG || (act && sig_kernel_only(sig)))
		return -EINVAL;
	k = &current->sighand->action[sig - 1];
	local_irq_save(flags);
	if (oact)
		*oact = *k;
	if (act) {
		*k = *act;
		sigdelsetmask(&k->sa.sa_mask, M(SIGKILL) | M(SIGSTOP));
		/*
		 * POSIX 3.3.1.3: setting SIG_IGN, or SIG_DFL for a signal
		 * whose default is to ignore it, discards it where pending,
		 * in every thread.
		 */
		if (k->sa.sa_handler == SIG_IGN ||
		    (k->sa.sa_handler == SIG_DFL && sig_kernel_ignore(sig))) {
			rm_from_queue(M(sig), &current->signal->shared_pending);
			t = current;
			do {
				if (sig < SIGRTMIN) {
					rm_from_queue(M(sig), &t->pending);
				} else {
					/* Real-time: drop every queued instance. */
					struct sigqueue *q, *n;

					list_for_each_entry_safe(q, n, &t->pending.list, list)
						if (q->info.si_signo == sig) {
							list_del(&q->list);
							kmem_cache_free(sigqueue_cachep, q);
						}
					sigdelset(&t->pending.signal, sig);
				}
				recalc_sigpending_tsk(t);
				t = next_thread(t);
			} while (t != current);
		}
	}
	local_irq_restore(flags);
	return 0;
}

long sys_rt_sigaction(int sig, const struct sigaction __user *act, struct sigaction __user *oact,
		      size_t sigsetsize)
{
	struct k_sigaction new_sa, old_sa;
	int ret;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (act && copy_from_user(&new_sa.sa, act, sizeof(new_sa.sa)))
		return -EFAULT;
	ret = do_sigaction(sig, act ? &new_sa : NULL, oact ? &old_sa : NULL);
	if (!ret && oact && copy_to_user(oact, &old_sa.sa, sizeof(old_sa.sa)))
		return -EFAULT;
	return ret;
}

/* The old sigaction() (i386): a one-word mask. */
long sys_sigaction(int sig, const struct old_sigaction __user *act,
		   struct old_sigaction __user *oact)
{
	struct k_sigaction new_ka, old_ka;
	struct old_sigaction o;
	int ret;

	if (act) {
		if (copy_from_user(&o, act, sizeof(o)))
			return -EFAULT;
		new_ka.sa.sa_handler = o.sa_handler;
		new_ka.sa.sa_flags = o.sa_flags;
		new_ka.sa.sa_restorer = o.sa_restorer;
		siginitset(&new_ka.sa.sa_mask, o.sa_mask);
	}
	ret = do_sigaction(sig, act ? &new_ka : NULL, oact ? &old_ka : NULL);
	if (!ret && oact) {
		o.sa_handler = old_ka.sa.sa_handler;
		o.sa_flags = old_ka.sa.sa_flags;
		o.sa_restorer = old_ka.sa.sa_restorer;
		o.sa_mask = old_ka.sa.sa_mask.sig[0];
		if (copy_to_user(oact, &o, sizeof(o)))
			return -EFAULT;
	}
	return ret;
}

/* current's blocked set changed by how (SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK). */
int sigprocmask(int how, sigset_t *set, sigset_t *oldset)
{
	unsigned long flags;
	sigset_t newset;

	local_irq_save(flags);
	if (oldset)
		*oldset = current->blocked;
	switch (how) {
	case SIG_BLOCK:
		sigorsets(&newset, &current->blocked, set);
		break;
	case SIG_UNBLOCK:
		sigandnsets(&newset, &current->blocked, set);
		break;
	case SIG_SETMASK:
		newset = *set;
		break;
	default:
		local_irq_restore(flags);
		return -EINVAL;
	}
	sigdelsetmask(&newset, M(SIGKILL) | M(SIGSTOP));
	current->blocked = newset;
	recalc_sigpending_tsk(current);
	local_irq_restore(flags);
	return 0;
}

long sys_rt_sigprocmask(int how, sigset_t __user *set, sigset_t __user *oset, size_t sigsetsize)
{
	sigset_t old_set, new_set;
	int error;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	old_set = current->blocked;
	if (set) {
		if (copy_from_user(&new_set, set, sizeof(new_set)))
			return -EFAULT;
		error = sigprocmask(how, &new_set, NULL);
		if (error)
			return error;
	}
	if (oset && copy_to_user(oset, &old_set, sizeof(old_set)))
		return -EFAULT;
	return 0;
}

long sys_sigprocmask(int how, old_sigset_t __user *set, old_sigset_t __user *oset)
{
	old_sigset_t old_set = current->blocked.sig[0], new;
	sigset_t new_set;
	int error;

	if (set) {
		if (get_user(new, set))
			return -EFAULT;
		/* The old call changes only the first word. */
		new_set = current->blocked;
		switch (how) {
		case SIG_BLOCK:
			new_set.sig[0] |= new;
			break;
		case SIG_UNBLOCK:
			new_set.sig[0] &= ~new;
			break;
		case SIG_SETMASK:
			new_set.sig[0] = new;
			break;
		default:
			return -EINVAL;
		}
		error = sigprocmask(SIG_SETMASK, &new_set, NULL);
		if (error)
			return error;
	}
	if (oset && put_user(old_set, oset))
		return -EFAULT;
	return 0;
}

static void pending_set(sigset_t *set)
{
	unsigned long flags;

	local_irq_save(flags);
	sigorsets(set, &current->pending.signal, &current->signal->shared_pending.signal);
	local_irq_restore(flags);
	set->sig[0] &= current->blocked.sig[0];
	set->sig[1] &= current->blocked.sig[1];
}

long sys_rt_sigpending(sigset_t __user *uset, size_t sigsetsize)
{
	sigset_t set;

	if (sigsetsize > sizeof(sigset_t))
		return -EINVAL;
	pending_set(&set);
	if (copy_to_user(uset, &set, sigsetsize))
		return -EFAULT;
	return 0;
}

long sys_sigpending(old_sigset_t __user *uset)
{
	sigset_t set;

	pending_set(&set);
	return put_user(set.sig[0], uset) ? -EFAULT : 0;
}

/*
 * Wait for a signal with mask as the blocked set; the old set comes
 * back after the handler (TIF_RESTORE_SIGMASK: the frame saves it).
 */
static long do_sigsuspend(sigset_t *mask)
{
	unsigned long flags;

	sigdelsetmask(mask, M(SIGKILL) | M(SIGSTOP));
	local_irq_save(flags);
	current->saved_sigmask = current->blocked;
	current->blocked = *mask;
	recalc_sigpending_tsk(current);
	local_irq_restore(flags);
	while (!signal_pending(current)) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(current)) {
			__set_current_state(TASK_RUNNING);
			break;
		}
		schedule();
	}
	set_thread_flag(TIF_RESTORE_SIGMASK);
	return -ERESTARTNOHAND;
}

long sys_rt_sigsuspend(sigset_t __user *unewset, size_t sigsetsize)
{
	sigset_t newset;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&newset, unewset, sizeof(newset)))
		return -EFAULT;
	return do_sigsuspend(&newset);
}

/* i386's old sigsuspend(): the mask is the third argument (Linux's OLD_SIGSUSPEND3). */
long sys_sigsuspend(int unused1, int unused2, old_sigset_t mask)
{
	sigset_t newset;

	(void)unused1;
	(void)unused2;
	siginitset(&newset, mask);
	return do_sigsuspend(&newset);
}

long sys_pause(void)
{
	while (!signal_pending(current)) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(current)) {
			__set_current_state(TASK_RUNNING);
			break;
		}
		schedule();
	}
	return -ERESTARTNOHAND;
}

/* jiffies from a timespec (rounded up; kernel/time.c), MAX_SCHEDULE_TIMEOUT if too long. */
long timespec_to_jiffies_round_up(long long sec, long nsec);

/*
 * Wait for one of the signals of uthese (it is taken, not delivered):
 * its number and siginfo; -EAGAIN when the timeout ran out, -EINTR when
 * another signal came (Linux's do_sigtimedwait()).
 */
static long do_sigtimedwait(const sigset_t __user *uthese, siginfo_t __user *uinfo,
			    size_t sigsetsize, long timeout)
{
	sigset_t these;
	siginfo_t info;
	unsigned long flags;
	int sig;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&these, uthese, sizeof(these)))
		return -EFAULT;
	sigdelsetmask(&these, M(SIGKILL) | M(SIGSTOP));
	these.sig[0] = ~these.sig[0];
	these.sig[1] = ~these.sig[1];	/* now: what is NOT waited for */
	local_irq_save(flags);
	sig = dequeue_signal(current, &these, &info);
	if (!sig && timeout) {
		/* Unblock the awaited signals while we sleep, so that they wake us. */
		current->real_blocked = current->blocked;
		current->blocked.sig[0] &= these.sig[0];
		current->blocked.sig[1] &= these.sig[1];
		recalc_sigpending_tsk(current);
		__set_current_state(TASK_INTERRUPTIBLE);
		local_irq_restore(flags);
		timeout = schedule_timeout(timeout);
		local_irq_save(flags);
		sig = dequeue_signal(current, &these, &info);
		current->blocked = current->real_blocked;
		sigemptyset(&current->real_blocked);
		recalc_sigpending_tsk(current);
	}
	local_irq_restore(flags);
	if (sig) {
		if (uinfo && copy_to_user(uinfo, &info, sizeof(info)))
			return -EFAULT;
		return sig;
	}
	return timeout ? -EINTR : -EAGAIN;
}

long sys_rt_sigtimedwait_time32(const sigset_t __user *uthese, siginfo_t __user *uinfo,
				const struct timespec __user *uts, size_t sigsetsize)
{
	struct timespec ts;
	long timeout = MAX_SCHEDULE_TIMEOUT;

	if (uts) {
		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_nsec >= NSEC_PER_SEC || ts.tv_nsec < 0 || ts.tv_sec < 0)
			return -EINVAL;
		timeout = timespec_to_jiffies_round_up(ts.tv_sec, ts.tv_nsec);
	}
	return do_sigtimedwait(uthese, uinfo, sigsetsize, timeout);
}

long sys_rt_sigtimedwait(const sigset_t __user *uthese, siginfo_t __user *uinfo,
			 const struct __kernel_timespec __user *uts, size_t sigsetsize)
{
	struct __kernel_timespec ts;
	long timeout = MAX_SCHEDULE_TIMEOUT;

	if (uts) {
		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_nsec >= NSEC_PER_SEC || ts.tv_nsec < 0 || ts.tv_sec < 0)
			return -EINVAL;
		timeout = timespec_to_jiffies_round_up(ts.tv_sec, ts.tv_nsec);
	}
	return do_sigtimedwait(uthese, uinfo, sigsetsize, timeout);
}

/* kill(pid > 0): the process with that pid (any thread's pid names its group). */
static int kill_proc_info(int sig, siginfo_t *info, int pid)
{
	struct task_struct *p = find_task_by_pid(pid);

	if (!p || !p->pid || p->state == EXIT_DEAD || p->state == TASK_DEAD)
		return -ESRCH;
	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (p->group_leader->flags & PF_EXITING && p->group_leader->state == EXIT_ZOMBIE)
		return check_kill_permission(sig, info, p);	/* a zombie: it exists, nothing to do */
	return group_send_sig_info(sig, info, p->group_leader);
}

/* Every process of process group pgrp. -ESRCH if there is none. */
int kill_pg_info(int sig, siginfo_t *info, int pgrp)
{
	struct task_struct *p;
	int found = 0, err, retval = -ESRCH;

	if (pgrp <= 0)
		return -EINVAL;
	list_for_each_entry(p, &task_list, tasks) {
		if (!thread_group_leader(p) || p->signal->pgrp != pgrp || !takes_signals(p))
			continue;
		err = group_send_sig_info(sig, info, p);
		if (!found || !err)
			retval = err;
		found = 1;
	}
	return found ? retval : -ESRCH;
}

/* sig to process group pgrp from the kernel (priv) or as if by kill(): the tty's ^C, ^\, ^Z. */
int kill_pg(int pgrp, int sig, int priv)
{
	return kill_pg_info(sig, priv ? SEND_SIG_PRIV : SEND_SIG_NOINFO, pgrp);
}

/* kill()'s cases (Linux's kill_something_info()). */
static int kill_something_info(int sig, siginfo_t *info, int pid)
{
	struct task_struct *p;
	int count = 0, retval = 0, err;

	if (pid > 0)
		return kill_proc_info(sig, info, pid);
	if (pid == 0)
		return kill_pg_info(sig, info, current->signal->pgrp);
	if (pid != -1)
		return kill_pg_info(sig, info, -pid);
	/* -1: every process but init and the caller's. */
	list_for_each_entry(p, &task_list, tasks) {
		if (!thread_group_leader(p) || p == child_reaper || p->tgid == current->tgid ||
		    !takes_signals(p))
			continue;
		err = group_send_sig_info(sig, info, p);
		count++;
		if (err != -EPERM)
			retval = err;
	}
	return count ? retval : -ESRCH;
}

long sys_kill(int pid, int sig)
{
	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (pid == (int)0x80000000)	/* -INT_MIN is not a pid */
		return -ESRCH;
	return kill_something_info(sig, SEND_SIG_NOINFO, pid);
}

static long do_tkill(int tgid, int pid, int sig)
{
	struct task_struct *p;
	siginfo_t info;

	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	p = find_task_by_pid(pid);
	if (!p || !p->pid || (tgid > 0 && p->tgid != tgid) || p->state == EXIT_ZOMBIE ||
	    p->state == EXIT_DEAD || p->state == TASK_DEAD)
		return -ESRCH;
	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = SI_TKILL;
	info.si_pid = current->tgid;
	info.si_uid = current->uid;
	if (check_kill_permission(sig, &info, p))
		return -EPERM;
	if (!sig)
		return 0;
	return send_sig_info(sig, &info, p);
}

long sys_tkill(int pid, int sig)
{
	if (pid <= 0)
		return -EINVAL;
	return do_tkill(0, pid, sig);
}

long sys_tgkill(int tgid, int pid, int sig)
{
	if (pid <= 0 || tgid <= 0)
		return -EINVAL;
	return do_tkill(tgid, pid, sig);
}

long sys_rt_sigqueueinfo(int pid, int sig, siginfo_t __user *uinfo)
{
	siginfo_t info;

	if (copy_from_user(&info, uinfo, sizeof(info)))
		return -EFAULT;
	/* Not to be made to look like the kernel's or kill()'s (Linux's rule). */
	if ((info.si_code >= 0 || info.si_code == SI_TKILL) && pid != current->tgid)
		return -EPERM;
	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	info.si_signo = sig;
	return kill_proc_info(sig, &info, pid);
}

/* The sigaltstack (ULK 11.3.3): whether sp is on it (its top included, as Linux 6.1). */
int on_sig_stack(unsigned long sp)
{
	return sp > current->sas_ss_sp && sp - current->sas_ss_sp <= current->sas_ss_size;
}

int sas_ss_flags(unsigned long sp)
{
	if (!current->sas_ss_size)
		return SS_DISABLE;
	return on_sig_stack(sp) ? SS_ONSTACK : 0;
}

/*
 * sigaltstack(): the old stack out, the new one in -- not while running
 * on it (-EPERM), flags 0, SS_ONSTACK or SS_DISABLE (-EINVAL), at least
 * MINSIGSTKSZ bytes (-ENOMEM). sp is the user stack pointer.
 */
int do_sigaltstack(const stack_t __user *uss, stack_t __user *uoss, unsigned long sp)
{
	stack_t oss, ss;

	oss.ss_sp = (void __user *)current->sas_ss_sp;
	oss.ss_size = current->sas_ss_size;
	oss.ss_flags = sas_ss_flags(sp);
	if (uss) {
		if (copy_from_user(&ss, uss, sizeof(ss)))
			return -EFAULT;
		if (on_sig_stack(sp))
			return -EPERM;
		if (ss.ss_flags != SS_DISABLE && ss.ss_flags != SS_ONSTACK && ss.ss_flags != 0)
			return -EINVAL;
		if (ss.ss_flags == SS_DISABLE) {
			ss.ss_size = 0;
			ss.ss_sp = NULL;
		} else if (ss.ss_size < MINSIGSTKSZ) {
			return -ENOMEM;
		}
		current->sas_ss_sp = (unsigned long)ss.ss_sp;
		current->sas_ss_size = ss.ss_size;
	}
	if (uoss && copy_to_user(uoss, &oss, sizeof(oss)))
		return -EFAULT;
	return 0;
}

long sys_sigaltstack(const stack_t __user *uss, stack_t __user *uoss)
{
	return do_sigaltstack(uss, uoss, current_pt_regs()->esp);
}

long sys_restart_syscall(void)
{
	struct restart_block *restart = &current->restart_block;

	return restart->fn(restart);
}
