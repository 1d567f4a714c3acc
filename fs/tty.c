/*
 * /dev/console: the serial port as a terminal, with Linux's n_tty line
 * discipline (drivers/char/n_tty.c). Characters arrive through the
 * UART's receive interrupt (IRQ 4) into n_tty_receive_buf(), which
 * applies the input modes and, in canonical mode (ICANON), edits lines:
 * erase (VERASE, DEL by default; "\b \b" echoed with ECHOE), kill
 * (VKILL, ^U), word erase (VWERASE, ^W), literal next (VLNEXT, ^V), end
 * of file (VEOF, ^D: the line so far is given to read(), and a ^D alone
 * makes read() return 0). A reader sleeps until a line is complete; in
 * raw mode (ICANON off) VMIN and VTIME say how many characters and how
 * long. ISIG turns VINTR (^C), VQUIT (^\) and VSUSP (^Z) into SIGINT,
 * SIGQUIT and SIGTSTP for the foreground process group (none until a
 * session makes the terminal its own: fs/tty_jobctrl.c) and flushes the
 * input. ECHO echoes what is typed (control characters as ^X with
 * ECHOCTL). Output goes to the UART, "\n" as "\r\n" with OPOST and
 * ONLCR. /dev/console and /dev/tty (the caller's controlling terminal,
 * -ENXIO without one) are the same terminal; only /dev/tty's readers
 * and writers are stopped when not in the foreground, as in Linux.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <jiffies.h>
#include <sched.h>
#include <signal.h>
#include <syscalls.h>
#include <fs.h>
#include <tty.h>
#include <poll.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/serial.h>
#include <asm/uaccess.h>

void serial_putc(char c);
extern int serial_present;

#define INIT_C_CC "\003\034\177\025\004\0\1\0\021\023\032\0\022\017\027\026\0"

const struct termios tty_std_termios = {
	.c_iflag = ICRNL | IXON,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B38400 | CS8 | CREAD | HUPCL,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
	.c_cc = INIT_C_CC,
};

struct tty_struct console_tty;

#define L(tty, f)	((tty)->termios.c_lflag & (f))
#define I(tty, f)	((tty)->termios.c_iflag & (f))
#define O(tty, f)	((tty)->termios.c_oflag & (f))
#define CC(tty, i)	((tty)->termios.c_cc[i])
#define RB(tty, n)	((n) & (N_TTY_BUF_SIZE - 1))

/* ---- Output ---- */

static void serial_output(struct tty_struct *tty, const char *s, unsigned int n)
{
	if (!serial_present)
		return;
	while (n--)
		serial_putc(*s++);
}

/* One character with the output modes applied (OPOST, ONLCR). */
static void tty_put_char(struct tty_struct *tty, char c)
{
	if (O(tty, OPOST)) {
		if (c == '\n' && O(tty, ONLCR)) {
			tty->output(tty, "\r\n", 2);
			tty->column = 0;
			return;
		}
		if (c == '\r')
			tty->column = 0;
		else if (c == '\b') {
			if (tty->column)
				tty->column--;
		} else if ((unsigned char)c >= ' ')
			tty->column++;
	}
	tty->output(tty, &c, 1);
}

static void echo_char(struct tty_struct *tty, unsigned char c)
{
	if (!L(tty, ECHO))
		return;
	if (L(tty, ECHOCTL) && (c < ' ' || c == 0177) && c != '\t' && c != '\n') {
		tty_put_char(tty, '^');
		tty_put_char(tty, c ^ 0100);
	} else {
		tty_put_char(tty, c);
	}
}

/* ---- Input ---- */

static unsigned int read_cnt(struct tty_struct *tty)
{
	return tty->read_head - tty->read_tail;
}

static void put_tty_queue(struct tty_struct *tty, char c, unsigned char flags)
{
	if (read_cnt(tty) >= N_TTY_BUF_SIZE - 1) {
		tty->rx_dropped++;
		return;
	}
	tty->read_buf[RB(tty, tty->read_head)] = c;
	tty->read_flags[RB(tty, tty->read_head)] = flags;
	tty->read_head++;
}

static void reset_buffer(struct tty_struct *tty)
{
	tty->read_head = tty->read_tail = tty->canon_head = 0;
	tty->canon_lines = 0;
	tty->lnext = 0;
}

/* How wide the echo of c was (for erasing it). */
static unsigned int echo_width(struct tty_struct *tty, unsigned char c)
{
	if (L(tty, ECHOCTL) && (c < ' ' || c == 0177) && c != '\t')
		return 2;
	return 1;
}

/* Erase one character (VERASE), a word (VWERASE) or the line (VKILL) not yet completed. */
static void eraser(struct tty_struct *tty, unsigned char c)
{
	enum { ERASE, WERASE, KILL } kind;
	int seen_alnum = 0;

	if (c == CC(tty, VERASE))
		kind = ERASE;
	else if (c == CC(tty, VWERASE))
		kind = WERASE;
	else
		kind = KILL;
	while (tty->read_head != tty->canon_head) {
		unsigned char prev = tty->read_buf[RB(tty, tty->read_head - 1)];
		int alnum = (prev >= '0' && prev <= '9') || (prev >= 'a' && prev <= 'z') ||
			    (prev >= 'A' && prev <= 'Z') || prev == '_';

		if (kind == WERASE) {
			if (alnum)
				seen_alnum = 1;
			else if (seen_alnum)
				break;
		}
		tty->read_head--;
		if (L(tty, ECHO) && (kind != KILL || L(tty, ECHOKE) || !L(tty, ECHOK))) {
			if (L(tty, ECHOE) || kind != ERASE) {
				unsigned int w = echo_width(tty, prev);

				while (w--) {
					tty->output(tty, "\b \b", 3);
					if (tty->column)
						tty->column--;
				}
			} else {
				echo_char(tty, CC(tty, VERASE));
			}
		}
		if (kind == ERASE)
			break;
	}
	if (kind == KILL && L(tty, ECHO) && L(tty, ECHOK) && !L(tty, ECHOKE))
		tty_put_char(tty, '\n');
}

static void isig(struct tty_struct *tty, int sig, unsigned char c)
{
	if (!L(tty, NOFLSH))
		reset_buffer(tty);
	echo_char(tty, c);
	if (tty->pgrp)
		kill_pg(tty->pgrp, sig, 1);
}

static void n_tty_receive_char(struct tty_struct *tty, unsigned char c)
{
	tty->rx_chars++;
	if (I(tty, ISTRIP))
		c &= 0x7f;
	if (tty->lnext) {
		/* ^V: the next character is taken literally. */
		tty->lnext = 0;
		if (L(tty, ECHO) && L(tty, ECHOCTL))
			tty->output(tty, "\b\b", 2);
		echo_char(tty, c);
		put_tty_queue(tty, c, 0);
		return;
	}
	if (c == '\r') {
		if (I(tty, IGNCR))
			return;
		if (I(tty, ICRNL))
			c = '\n';
	} else if (c == '\n' && I(tty, INLCR)) {
		c = '\r';
	}
	if (L(tty, ISIG)) {
		if (c == CC(tty, VINTR) && c) {
			isig(tty, SIGINT, c);
			return;
		}
		if (c == CC(tty, VQUIT) && c) {
			isig(tty, SIGQUIT, c);
			return;
		}
		if (c == CC(tty, VSUSP) && c) {
			isig(tty, SIGTSTP, c);
			return;
		}
	}
	if (L(tty, ICANON)) {
		if (c && (c == CC(tty, VERASE) || c == CC(tty, VKILL) ||
			  (c == CC(tty, VWERASE) && L(tty, IEXTEN)))) {
			eraser(tty, c);
			return;
		}
		if (c == CC(tty, VLNEXT) && c && L(tty, IEXTEN)) {
			tty->lnext = 1;
			if (L(tty, ECHO) && L(tty, ECHOCTL)) {
				tty_put_char(tty, '^');
				tty_put_char(tty, '\b');
			}
			return;
		}
		if (c == '\n' || (c == CC(tty, VEOL) && c) || (c == CC(tty, VEOL2) && c)) {
			if (L(tty, ECHO) || (c == '\n' && L(tty, ECHONL)))
				tty_put_char(tty, c);
			put_tty_queue(tty, c, TTY_LINE_END);
			goto line_done;
		}
		if (c == CC(tty, VEOF) && c) {
			put_tty_queue(tty, c, TTY_EOF_MARK);
			goto line_done;
		}
	}
	echo_char(tty, c);
	put_tty_queue(tty, c, 0);
	if (!L(tty, ICANON))
		wake_up_interruptible(&tty->read_wait);
	return;
line_done:
	tty->canon_head = tty->read_head;
	tty->canon_lines++;
	wake_up_interruptible(&tty->read_wait);
}

void n_tty_receive_buf(struct tty_struct *tty, const char *cp, unsigned int count)
{
	unsigned long flags;

	spin_lock_irqsave(&tty->lock, flags);
	while (count--)
		n_tty_receive_char(tty, *cp++);
	spin_unlock_irqrestore(&tty->lock, flags);
}

unsigned int n_tty_chars_in_buffer(struct tty_struct *tty)
{
	return L(tty, ICANON) ? tty->canon_head - tty->read_tail : read_cnt(tty);
}

void n_tty_flush_input(struct tty_struct *tty)
{
	unsigned long flags;

	spin_lock_irqsave(&tty->lock, flags);
	reset_buffer(tty);
	spin_unlock_irqrestore(&tty->lock, flags);
}

void tty_reset(struct tty_struct *tty)
{
	unsigned long flags;

	spin_lock_irqsave(&tty->lock, flags);
	tty->termios = tty_std_termios;
	tty->winsize.ws_row = 24;
	tty->winsize.ws_col = 80;
	tty->winsize.ws_xpixel = tty->winsize.ws_ypixel = 0;
	reset_buffer(tty);
	tty->column = 0;
	spin_unlock_irqrestore(&tty->lock, flags);
}

/* ---- read() ---- */

static int input_available(struct tty_struct *tty, unsigned int min)
{
	if (L(tty, ICANON))
		return tty->canon_lines > 0;
	return read_cnt(tty) >= min;
}

#ifdef ERESTARTSYS
#define TTY_EINTR	(-ERESTARTSYS)
#else
#define TTY_EINTR	(-EINTR)
#endif

static ssize_t tty_read(struct file *file, char __user *buf, size_t nr, loff_t *ppos)
{
	struct tty_struct *tty = file->private_data;
	unsigned int min = 1;
	long timeout = -1;	/* none */
	ssize_t done = 0;
	unsigned long flags;

	if (file->f_op != &console_fops) {
		/* A background reader of its controlling terminal: SIGTTIN (Linux's job_control()). */
		ssize_t r = __tty_check_change(tty, SIGTTIN);

		if (r < 0)
			return r;
	}
	if (!nr)
		return 0;
	if (!L(tty, ICANON)) {
		min = CC(tty, VMIN);
		if (CC(tty, VTIME))
			timeout = CC(tty, VTIME) * HZ / 10;
		if (min > nr)
			min = nr;
		if (!min && !CC(tty, VTIME))
			timeout = 0;	/* poll */
		if (!min)
			min = 1;
	}
	for (;;) {
		DEFINE_WAIT(wait);

		spin_lock_irqsave(&tty->lock, flags);
		if (input_available(tty, min))
			break;
		if (!L(tty, ICANON) && read_cnt(tty) && timeout >= 0 && CC(tty, VTIME) && done)
			break;
		spin_unlock_irqrestore(&tty->lock, flags);
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (!timeout) {
			spin_lock_irqsave(&tty->lock, flags);
			break;
		}
		if (test_thread_flag(TIF_SIGPENDING))
			return TTY_EINTR;
		prepare_to_wait(&tty->read_wait, &wait, TASK_INTERRUPTIBLE);
		if (!input_available(tty, min)) {
			if (timeout > 0) {
				timeout = schedule_timeout(timeout);
				if (!timeout) {
					finish_wait(&tty->read_wait, &wait);
					spin_lock_irqsave(&tty->lock, flags);
					break;
				}
			} else {
				schedule();
			}
		}
		finish_wait(&tty->read_wait, &wait);
	}
	/* The lock is held: take characters out (a line at most in canonical mode). */
	while (read_cnt(tty) && (size_t)done < nr) {
		unsigned int i = RB(tty, tty->read_tail);
		char c = tty->read_buf[i];
		unsigned char f = tty->read_flags[i];

		if (L(tty, ICANON) && tty->read_tail == tty->canon_head)
			break;
		tty->read_tail++;
		if (f & TTY_EOF_MARK) {
			tty->canon_lines--;
			break;		/* ^D: the line ends, without it */
		}
		spin_unlock_irqrestore(&tty->lock, flags);
		if (put_user(c, buf + done)) {
			spin_lock_irqsave(&tty->lock, flags);
			tty->read_tail--;	/* not consumed */
			spin_unlock_irqrestore(&tty->lock, flags);
			return done ? done : -EFAULT;
		}
		spin_lock_irqsave(&tty->lock, flags);
		done++;
		if (f & TTY_LINE_END) {
			tty->canon_lines--;
			break;
		}
	}
	spin_unlock_irqrestore(&tty->lock, flags);
	return done;
}

/* ---- write() ---- */

static ssize_t tty_write(struct file *file, const char __user *buf, size_t count, loff_t *ppos)
{
	struct tty_struct *tty = file->private_data;
	char chunk[128];
	size_t done = 0;

	if (L(tty, TOSTOP) && file->f_op != &console_fops) {
		ssize_t r = tty_check_change(tty);

		if (r)
			return r;
	}
	while (done < count) {
		size_t n = count - done, i;
		unsigned long left;

		if (n > sizeof(chunk))
			n = sizeof(chunk);
		left = copy_from_user(chunk, buf + done, n);
		n -= left;
		for (i = 0; i < n; i++)
			tty_put_char(tty, chunk[i]);
		done += n;
		if (left)
			return done ? (ssize_t)done : -EFAULT;
	}
	return done;
}

/* ---- ioctl() ---- */

static int tty_ioctl(struct inode *inode, struct file *file, unsigned int cmd, unsigned long arg)
{
	struct tty_struct *tty = file->private_data;
	void __user *p = (void __user *)arg;
	struct termios tmp;
	struct winsize ws;
	unsigned long flags;
	long r = tty_jobctrl_ioctl(tty, file, cmd, arg);
	char ch;

	if (r != -ENOIOCTLCMD)
		return r;
	switch (cmd) {
	case TCGETS:
		return copy_to_user(p, &tty->termios, sizeof(tty->termios)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		r = tty_check_change(tty);	/* a background group: SIGTTOU */
		if (r)
			return r;
		if (copy_from_user(&tmp, p, sizeof(tmp)))
			return -EFAULT;
		spin_lock_irqsave(&tty->lock, flags);
		if (cmd == TCSETSF)
			reset_buffer(tty);
		/* Leaving canonical mode: what was typed becomes readable at once. */
		if ((tty->termios.c_lflag & ICANON) && !(tmp.c_lflag & ICANON)) {
			tty->canon_head = tty->read_head;
			tty->canon_lines = 0;
		}
		if (!(tty->termios.c_lflag & ICANON) && (tmp.c_lflag & ICANON))
			tty->canon_head = tty->read_tail;
		tty->termios = tmp;
		spin_unlock_irqrestore(&tty->lock, flags);
		wake_up_interruptible(&tty->read_wait);
		return 0;
	case TCFLSH:
		r = tty_check_change(tty);
		if (r)
			return r;
		if (arg > TCIOFLUSH)
			return -EINVAL;
		if (arg != TCOFLUSH) {
			spin_lock_irqsave(&tty->lock, flags);
			reset_buffer(tty);
			spin_unlock_irqrestore(&tty->lock, flags);
		}
		return 0;
	case TCSBRK:
	case TCSBRKP:
		/* tcdrain() (TCSBRK 1): output is written at once, nothing to wait for; no breaks sent. */
		return tty_check_change(tty);
	case TIOCOUTQ:
		return put_user(0, (int __user *)p);
	case TCXONC:
		r = tty_check_change(tty);
		if (r)
			return r;
		if (arg > TCION)
			return -EINVAL;
		/* TCIOFF/TCION send the STOP/START character; output is never held (TCOOFF). */
		if (arg == TCIOFF && CC(tty, VSTOP))
			tty->output(tty, (char *)&CC(tty, VSTOP), 1);
		if (arg == TCION && CC(tty, VSTART))
			tty->output(tty, (char *)&CC(tty, VSTART), 1);
		return 0;
	case TIOCGWINSZ:
		return copy_to_user(p, &tty->winsize, sizeof(tty->winsize)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		if (copy_from_user(&ws, p, sizeof(ws)))
			return -EFAULT;
		/* A new size: the foreground group redraws (SIGWINCH), as Linux's tty_do_resize(). */
		if (memcmp(&ws, &tty->winsize, sizeof(ws)) && tty->pgrp)
			kill_pg(tty->pgrp, SIGWINCH, 1);
		tty->winsize = ws;
		return 0;
	case TIOCSTI:
		/* One character as if typed: on one's own terminal, or by root. */
		if (current->signal->tty != tty && !capable(CAP_SYS_ADMIN))
			return -EPERM;
		if (get_user(ch, (char __user *)p))
			return -EFAULT;
		n_tty_receive_buf(tty, &ch, 1);
		return 0;
	case FIONREAD:
		return put_user(n_tty_chars_in_buffer(tty), (int __user *)p);
	}
	return -ENOTTY;
}

static int console_open(struct inode *inode, struct file *filp)
{
	filp->private_data = &console_tty;
	filp->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	return 0;
}

/* /dev/tty: the caller's controlling terminal (Linux's tty_open_current_tty()). */
static int tty_open(struct inode *inode, struct file *filp)
{
	if (!current->signal->tty)
		return -ENXIO;
	console_open(inode, filp);
	filp->private_data = current->signal->tty;
	return 0;
}

/* Readable with a line (canonical) or a character (raw) to read; output never waits. */
static unsigned int tty_poll(struct file *file, poll_table *wait)
{
	struct tty_struct *tty = file->private_data;
	unsigned int mask = POLLOUT | POLLWRNORM;
	unsigned long flags;

	poll_wait(file, &tty->read_wait, wait);
	spin_lock_irqsave(&tty->lock, flags);
	if (input_available(tty, 1))
		mask |= POLLIN | POLLRDNORM;
	spin_unlock_irqrestore(&tty->lock, flags);
	return mask;
}

const struct file_operations console_fops = {
	.llseek = no_llseek,
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
	.open = console_open,
	.poll = tty_poll,
};

const struct file_operations tty_fops = {
	.llseek = no_llseek,
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
	.open = tty_open,
	.poll = tty_poll,
};

/* ---- The UART's receive interrupt ---- */

#define SERIAL_IRQ	4
#define UART_RX		0
#define UART_IER_RDI	0x01
#define UART_LSR_DR	0x01

static void serial_rx_interrupt(int irq, struct pt_regs *regs, void *dev_id)
{
	char buf[16];
	unsigned int n = 0;

	while (n < sizeof(buf) && (inb(SERIAL_PORT_COM1 + UART_LSR) & UART_LSR_DR))
		buf[n++] = inb(SERIAL_PORT_COM1 + UART_RX);
	if (n)
		n_tty_receive_buf(&console_tty, buf, n);
}

void console_tty_init(void)
{
	spin_lock_init(&console_tty.lock);
	init_waitqueue_head(&console_tty.read_wait);
	console_tty.output = serial_output;
	tty_reset(&console_tty);
	if (!serial_present)
		return;
	if (request_irq(SERIAL_IRQ, serial_rx_interrupt, "serial", &console_tty)) {
		printk(KERN_WARNING "tty: IRQ %d is taken: the console takes no input\n",
		       SERIAL_IRQ);
		return;
	}
	outb(UART_IER_RDI, SERIAL_PORT_COM1 + UART_IER);
}
