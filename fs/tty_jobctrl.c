/*
 * Job control on a terminal (Linux 6.1's drivers/tty/tty_jobctrl.c):
 * a session leader makes a terminal its session's controlling terminal
 * (TIOCSCTTY); the terminal has a foreground process group (TIOCSPGRP),
 * which its ^C, ^\ and ^Z signal (fs/tty.c). A process of another group
 * of the session that changes the terminal's settings gets SIGTTOU, and
 * one reading it (or writing with TOSTOP) through /dev/tty gets SIGTTIN
 * (SIGTTOU) -- not through /dev/console, as Linux ("don't stop on
 * /dev/console"). When the leader exits or gives the terminal up, its
 * foreground group gets SIGHUP and the session loses the terminal.
 *
 * Ids are plain numbers here (Linux holds struct pid references); a
 * foreground group that has died is still the terminal's, as in Linux.
 */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <sched.h>
#include <signal.h>
#include <tty.h>
#include <asm/irqflags.h>
#include <asm/uaccess.h>

/* sig is ignored or blocked by current: it would not stop it. */
static int is_ignored(int sig)
{
	return sigismember(&current->blocked, sig) ||
	       current->sighand->action[sig - 1].sa.sa_handler == SIG_IGN;
}

/*
 * May current act on tty as if in the foreground? Not its controlling
 * terminal, or in the foreground group: yes (0). Else its group gets
 * sig and the call is restarted once it continues (-ERESTARTSYS); -EIO
 * when the signal would do nothing: SIGTTIN ignored, or the group
 * orphaned. An ignored SIGTTOU lets the change through.
 */
int __tty_check_change(struct tty_struct *tty, int sig)
{
	int pgrp = current->signal->pgrp;

	if (current->signal->tty != tty)
		return 0;
	if (!tty->pgrp || tty->pgrp == pgrp)
		return 0;
	if (is_ignored(sig))
		return sig == SIGTTIN ? -EIO : 0;
	if (is_current_pgrp_orphaned())
		return -EIO;
	kill_pg(pgrp, sig, 1);
	set_thread_flag(TIF_SIGPENDING);
	return -ERESTARTSYS;
}

int tty_check_change(struct tty_struct *tty)
{
	return __tty_check_change(tty, SIGTTOU);
}

/* Every process of session sid loses its controlling terminal. */
static void session_clear_tty(int sid)
{
	struct task_struct *p;
	unsigned long flags;

	local_irq_save(flags);
	list_for_each_entry(p, &task_list, tasks)
		if (p->signal->session == sid)
			p->signal->tty = NULL;
	local_irq_restore(flags);
}

/* current (a session leader) takes tty: the terminal's session and foreground group are its. */
static void proc_set_tty(struct tty_struct *tty)
{
	tty->session = current->signal->session;
	tty->pgrp = current->signal->pgrp;
	current->signal->tty = tty;
}

/*
 * The session leader lets its terminal go (Linux's disassociate_ctty()):
 * at exit (on_exit) the foreground group gets SIGHUP; by TIOCNOTTY,
 * SIGHUP and SIGCONT. The terminal then has no session and no
 * foreground group, and nobody of the session has it. Linux also hangs
 * up the files opened through /dev/tty (read 0, write -EIO); they stay
 * usable here. /dev/console's, which Linux keeps, are all there are
 * unless a program opens /dev/tty.
 */
void disassociate_ctty(int on_exit)
{
	struct tty_struct *tty = current->signal->tty;

	if (!current->signal->leader || !tty)
		return;
	if (tty->pgrp) {
		kill_pg(tty->pgrp, SIGHUP, on_exit);
		if (!on_exit)
			kill_pg(tty->pgrp, SIGCONT, on_exit);
	}
	if (on_exit)
		n_tty_flush_input(tty);		/* the hangup empties the input */
	tty->session = 0;
	tty->pgrp = 0;
	session_clear_tty(current->signal->session);
}

/* TIOCSCTTY: arg 1 lets root steal a terminal another session has. */
static int tiocsctty(struct tty_struct *tty, struct file *file, int arg)
{
	if (current->signal->leader && current->signal->session == tty->session)
		return 0;		/* ours already */
	if (!current->signal->leader || current->signal->tty)
		return -EPERM;
	if (tty->session) {
		if (arg != 1 || !capable(CAP_SYS_ADMIN))
			return -EPERM;
		session_clear_tty(tty->session);
	}
	if (!(file->f_mode & FMODE_READ) && !capable(CAP_SYS_ADMIN))
		return -EPERM;
	proc_set_tty(tty);
	return 0;
}

/*
 * The session of process group nr (Linux's session_of_pgrp()): a
 * member's, else the session of the process nr; -ESRCH when the number
 * is nobody's pid, group or session, -EPERM (another session) when it is
 * only a session's.
 */
static int session_of_pgrp(int nr)
{
	struct task_struct *p;
	int seen = 0;

	list_for_each_entry(p, &task_list, tasks) {
		if (!thread_group_leader(p))
			continue;
		if (p->signal->pgrp == nr)
			return p->signal->session;
		seen |= p->signal->session == nr;
	}
	p = find_task_by_pid(nr);
	if (p)
		return p->signal->session;
	return seen ? 0 : -ESRCH;
}

/* TIOCSPGRP: a group of the caller's session becomes the foreground one. */
static int tiocspgrp(struct tty_struct *tty, int __user *p)
{
	int pgrp, sid, r = tty_check_change(tty);

	if (r == -EIO)
		return -ENOTTY;
	if (r)
		return r;
	if (get_user(pgrp, p))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	if (current->signal->tty != tty || tty->session != current->signal->session)
		return -ENOTTY;
	sid = pgrp ? session_of_pgrp(pgrp) : -ESRCH;
	if (sid < 0)
		return sid;
	if (sid != current->signal->session)
		return -EPERM;
	tty->pgrp = pgrp;
	return 0;
}

/*
 * The job control ioctls (Linux's tty_jobctrl_ioctl()); -ENOIOCTLCMD for
 * the others. The getters answer only on the caller's controlling terminal.
 */
long tty_jobctrl_ioctl(struct tty_struct *tty, struct file *file, unsigned int cmd,
		       unsigned long arg)
{
	int __user *p = (int __user *)arg;

	switch (cmd) {
	case TIOCNOTTY:
		if (current->signal->tty != tty)
			return -ENOTTY;
		if (current->signal->leader)
			disassociate_ctty(0);
		current->signal->tty = NULL;
		return 0;
	case TIOCSCTTY:
		return tiocsctty(tty, file, arg);
	case TIOCGPGRP:
		if (current->signal->tty != tty)
			return -ENOTTY;
		return put_user(tty->pgrp, p);
	case TIOCSPGRP:
		return tiocspgrp(tty, p);
	case TIOCGSID:
		if (current->signal->tty != tty || !tty->session)
			return -ENOTTY;
		return put_user(tty->session, p);
	}
	return -ENOIOCTLCMD;
}
