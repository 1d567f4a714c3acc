/*
 * /proc/<pid>/status and /proc/<pid>/stat (Linux's fs/proc/array.c):
 * what ps and top read about a task, in Linux 6.1's layouts.
 */
#include <kernel.h>
#include <jiffies.h>
#include <resource.h>
#include <sched.h>
#include <seq_file.h>
#include <signal.h>
#include <fs.h>
#include <mm.h>
#include <tty.h>
#include "internal.h"

/*
 * The device number of Mneme's one terminal, the serial console, as
 * Linux numbers the port (ttyS0, 4:64) in new_encode_dev() form: what
 * stat's tty_nr says for a process whose controlling terminal it is.
 */
#define SERIAL_TTY_NR	((64 & 0xff) | (4 << 8))

/* Linux's task_state_array letters for the states Mneme's tasks take. */
static char task_state_char(const struct task_struct *t)
{
	if (t->state == TASK_RUNNING)
		return 'R';
	if (t->state & TASK_INTERRUPTIBLE)
		return 'S';
	if (t->state & TASK_UNINTERRUPTIBLE)
		return 'D';
	if (t->state & TASK_STOPPED)
		return 'T';
	if (t->state & EXIT_ZOMBIE)
		return 'Z';
	return 'X';
}

static const char *task_state_name(char c)
{
	switch (c) {
	case 'R': return "running";
	case 'S': return "sleeping";
	case 'D': return "disk sleep";
	case 'T': return "stopped";
	case 'Z': return "zombie";
	}
	return "dead";
}

/* The parent's thread-group id, as getppid() sees it; 0 for the first tasks. */
static int task_ppid(const struct task_struct *t)
{
	return t->parent && t->parent != t ? t->parent->tgid : 0;
}

/* A signal set as status prints it: 64 bits, 16 hex digits. */
static void render_sigset(struct seq_file *m, const char *name, const sigset_t *set)
{
	seq_printf(m, "%s%08lx%08lx\n", name, set->sig[1], set->sig[0]);
}

/* Queued signal instances of the task and its process (Linux counts the user's). */
static unsigned long queued_signals(const struct task_struct *t)
{
	struct list_head *pos;
	unsigned long n = 0;

	list_for_each(pos, &t->pending.list)
		n++;
	if (t->signal)
		list_for_each(pos, &t->signal->shared_pending.list)
			n++;
	return n;
}

static void collect_sigign_sigcatch(const struct task_struct *t, sigset_t *ign, sigset_t *catch);

/*
 * /proc/<pid>/status: Linux 6.1's lines in its order (task_state(),
 * task_mem(), task_sig(), task_cap() ...). What Mneme has no mechanism
 * for reads as Linux without it: no namespaces (NS* are the ids), no
 * tracer, no huge pages, seccomp or no_new_privs; one CPU and one node;
 * no speculation mitigations. Root has every capability (CAP_LAST_CAP
 * 40), anyone else none.
 */
void proc_pid_status(struct seq_file *m, struct task_struct *t)
{
	char state = task_state_char(t);
	unsigned long nvcsw = t->nvcsw, nivcsw = t->nivcsw;
	struct signal_struct *sig = t->signal;
	sigset_t pending = t->pending.signal, shpending, blocked = t->blocked, ign, catch;
	unsigned long long caps = t->euid ? 0 : 0x1ffffffffffULL;
	struct task_struct *th = t;
	int threads = 0, umask = t->fs ? t->fs->umask : 0;
	unsigned int fdsize = t->files ? t->files->fdt.max_fds : 0;
	unsigned long sigq = queued_signals(t);
	unsigned long sigq_max = sig ? sig->rlim[RLIMIT_SIGPENDING].rlim_cur : 0;
	struct mm_struct *mm;

	sigemptyset(&shpending);
	if (sig)
		shpending = sig->shared_pending.signal;
	collect_sigign_sigcatch(t, &ign, &catch);
	do {
		threads++;
		th = next_thread(th);
	} while (th != t);
	seq_printf(m, "Name:\t%s\n", t->comm);
	if (t->fs)
		seq_printf(m, "Umask:\t%04o\n", umask);
	seq_printf(m, "State:\t%c (%s)\n", state, task_state_name(state));
	seq_printf(m, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n", t->tgid, t->pid,
		   task_ppid(t));
	seq_printf(m, "Uid:\t%u\t%u\t%u\t%u\n", t->uid, t->euid, t->suid, t->fsuid);
	seq_printf(m, "Gid:\t%u\t%u\t%u\t%u\n", t->gid, t->egid, t->sgid, t->fsgid);
	seq_printf(m, "FDSize:\t%u\nGroups:\t \n", fdsize);
	seq_printf(m, "NStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n", t->tgid, t->pid,
		   sig ? sig->pgrp : 0, sig ? sig->session : 0);
	/* task_mem() may sleep: t is not looked at after get_task_mm(). */
	mm = get_task_mm(t);
	if (mm) {
		task_mem(m, mm);
		mmput(mm);
		seq_printf(m, "HugetlbPages:\t%8lu kB\nCoreDumping:\t0\nTHP_enabled:\t0\n", 0UL);
	}
	seq_printf(m, "Threads:\t%d\n", threads);
	seq_printf(m, "SigQ:\t%lu/%lu\n", sigq, sigq_max);
	render_sigset(m, "SigPnd:\t", &pending);
	render_sigset(m, "ShdPnd:\t", &shpending);
	render_sigset(m, "SigBlk:\t", &blocked);
	render_sigset(m, "SigIgn:\t", &ign);
	render_sigset(m, "SigCgt:\t", &catch);
	seq_printf(m, "CapInh:\t%016llx\nCapPrm:\t%016llx\nCapEff:\t%016llx\n", 0ULL, caps, caps);
	seq_printf(m, "CapBnd:\t%016llx\nCapAmb:\t%016llx\n", 0x1ffffffffffULL, 0ULL);
	seq_printf(m, "NoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n");
	seq_printf(m, "Speculation_Store_Bypass:\tvulnerable\n");
	seq_printf(m, "SpeculationIndirectBranch:\talways enabled\n");
	seq_printf(m, "Cpus_allowed:\t1\nCpus_allowed_list:\t0\n");
	seq_printf(m, "Mems_allowed:\t1\nMems_allowed_list:\t0\n");
	seq_printf(m, "voluntary_ctxt_switches:\t%lu\n", nvcsw);
	seq_printf(m, "nonvoluntary_ctxt_switches:\t%lu\n", nivcsw);
}

/* Linux's collect_sigign_sigcatch(): the signals the task ignores and catches. */
static void collect_sigign_sigcatch(const struct task_struct *t, sigset_t *ign, sigset_t *catch)
{
	int i;

	sigemptyset(ign);
	sigemptyset(catch);
	if (!t->sighand)
		return;
	for (i = 1; i <= _NSIG; i++) {
		__sighandler_t h = t->sighand->action[i - 1].sa.sa_handler;

		if (h == SIG_IGN)
			sigaddset(ign, i);
		else if (h != SIG_DFL)
			sigaddset(catch, i);
	}
}

/*
 * /proc/<pid>/stat: Linux 6.1's 52 fields (do_task_stat), times in
 * USER_HZ ticks, start time in ticks since boot; the controlling
 * terminal and its foreground group (tty 0 and tpgid -1 without one).
 * What Mneme has no notion of is what Linux shows without it: nice 0,
 * no real-time policy, the kernel stack
 * pointer and eip 0 (Linux shows them only for a dying task). The
 * process's fields (times, faults, threads) are its thread group's.
 */
void proc_pid_stat(struct seq_file *m, struct task_struct *t)
{
	struct signal_struct *sig = t->signal;
	unsigned long utime = 0, stime = 0, min_flt = 0, maj_flt = 0;
	unsigned long cutime = 0, cstime = 0, rsslim = RLIM_INFINITY, cmin_flt = 0, cmaj_flt = 0;
	sigset_t ign, catch;
	unsigned long vsize = 0, rss = 0, start_code = 0, end_code = 0, start_stack = 0;
	unsigned long start_data = 0, end_data = 0, start_brk = 0;
	unsigned long arg_start = 0, arg_end = 0, env_start = 0, env_end = 0;
	int pgrp = 0, session = 0, threads = 0, tty_nr = 0, tty_pgrp = -1;
	char state = task_state_char(t);
	struct task_struct *th = t;
	struct mm_struct *mm;

	if (sig) {
		utime = sig->utime;
		stime = sig->stime;
		min_flt = sig->min_flt;
		maj_flt = sig->maj_flt;
		cmin_flt = sig->cmin_flt;
		cmaj_flt = sig->cmaj_flt;
		cutime = sig->cutime;
		cstime = sig->cstime;
		pgrp = sig->pgrp;
		session = sig->session;
		if (sig->tty) {
			tty_nr = SERIAL_TTY_NR;
			tty_pgrp = sig->tty->pgrp;
		}
		rsslim = sig->rlim[RLIMIT_RSS].rlim_cur;
	}
	do {
		utime += th->utime;
		stime += th->stime;
		min_flt += th->min_flt;
		maj_flt += th->maj_flt;
		threads++;
		th = next_thread(th);
	} while (th != t);
	collect_sigign_sigcatch(t, &ign, &catch);

	seq_printf(m, "%d (%s) %c %d %d %d %d %d %u %lu %lu %lu %lu %lu %lu %lu %lu 20 0 %d 0 %lu ",
		   t->pid, t->comm, state, task_ppid(t), pgrp, session, tty_nr, tty_pgrp, t->flags,
		   min_flt, cmin_flt, maj_flt, cmaj_flt,
		   jiffies_to_clock_t(utime), jiffies_to_clock_t(stime), jiffies_to_clock_t(cutime),
		   jiffies_to_clock_t(cstime), threads,
		   jiffies_to_clock_t(t->start_time - INITIAL_JIFFIES));
	{
		unsigned long pending = t->pending.signal.sig[0] & 0x7fffffffUL;
		unsigned long blocked = t->blocked.sig[0] & 0x7fffffffUL;
		int exit_signal = t->exit_signal, exit_code = t->exit_code;
		int wchan = state != 'R';

		/* t is not looked at after get_task_mm(), which may sleep. */
		mm = get_task_mm(t);
		if (mm) {
			vsize = mm->total_vm << PAGE_SHIFT;
			rss = mm->anon_rss + mm->file_rss;
			start_code = mm->start_code;
			end_code = mm->end_code;
			start_stack = mm->start_stack;
			start_data = mm->start_data;
			end_data = mm->end_data;
			start_brk = mm->start_brk;
			arg_start = mm->arg_start;
			arg_end = mm->arg_end;
			env_start = mm->env_start;
			env_end = mm->env_end;
			mmput(mm);
		}
		seq_printf(m, "%lu %lu %lu %lu %lu %lu 0 0 %lu %lu %lu %lu %d 0 0 %d 0 0 0 0 0 0 "
			   "%lu %lu %lu %lu %lu %lu %lu %d\n",
			   vsize, rss, rsslim, start_code, end_code, start_stack, pending, blocked,
			   ign.sig[0] & 0x7fffffffUL, catch.sig[0] & 0x7fffffffUL, wchan, exit_signal, start_data, end_data, start_brk,
			   arg_start, arg_end, env_start, env_end, exit_code);
	}
}
