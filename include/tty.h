/*
 * The console terminal (fs/tty.c): termios as Linux's asm-generic
 * termbits.h and ioctls.h define them (checked by tests/uapi/), and the
 * line discipline's state (Linux's n_tty).
 */
#ifndef _MNEME_TTY_H
#define _MNEME_TTY_H

#include <types.h>
#include <wait.h>
#include <spinlock.h>

typedef unsigned char cc_t;
typedef unsigned int speed_t;
typedef unsigned int tcflag_t;

#define NCCS 19
struct termios {
	tcflag_t c_iflag;
	tcflag_t c_oflag;
	tcflag_t c_cflag;
	tcflag_t c_lflag;
	cc_t c_line;
	cc_t c_cc[NCCS];
};

struct winsize {
	unsigned short ws_row;
	unsigned short ws_col;
	unsigned short ws_xpixel;
	unsigned short ws_ypixel;
};

/* c_cc indices */
#define VINTR		0
#define VQUIT		1
#define VERASE		2
#define VKILL		3
#define VEOF		4
#define VTIME		5
#define VMIN		6
#define VSWTC		7
#define VSTART		8
#define VSTOP		9
#define VSUSP		10
#define VEOL		11
#define VREPRINT	12
#define VDISCARD	13
#define VWERASE		14
#define VLNEXT		15
#define VEOL2		16

/* c_iflag */
#define IGNBRK	0000001
#define BRKINT	0000002
#define IGNPAR	0000004
#define PARMRK	0000010
#define INPCK	0000020
#define ISTRIP	0000040
#define INLCR	0000100
#define IGNCR	0000200
#define ICRNL	0000400
#define IUCLC	0001000
#define IXON	0002000
#define IXANY	0004000
#define IXOFF	0010000
#define IMAXBEL	0020000
#define IUTF8	0040000

/* c_oflag */
#define OPOST	0000001
#define OLCUC	0000002
#define ONLCR	0000004
#define OCRNL	0000010
#define ONOCR	0000020
#define ONLRET	0000040

/* c_cflag */
#define B38400	0000017
#define CSIZE	0000060
#define CS8	0000060
#define CREAD	0000200
#define HUPCL	0002000
#define CLOCAL	0004000

/* c_lflag */
#define ISIG	0000001
#define ICANON	0000002
#define ECHO	0000010
#define ECHOE	0000020
#define ECHOK	0000040
#define ECHONL	0000100
#define NOFLSH	0000200
#define TOSTOP	0000400
#define ECHOCTL	0001000
#define ECHOPRT	0002000
#define ECHOKE	0004000
#define FLUSHO	0010000
#define PENDIN	0040000
#define IEXTEN	0100000

/* ioctls */
#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSW		0x5403
#define TCSETSF		0x5404
#define TCSBRK		0x5409
#define TCXONC		0x540A
#define TCFLSH		0x540B
#define TIOCSCTTY	0x540E
#define TIOCGPGRP	0x540F
#define TIOCSPGRP	0x5410
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define TIOCSTI		0x5412
#define TIOCOUTQ	0x5411
#define TCSBRKP		0x5425
#define FIONREAD	0x541B
#define TIOCNOTTY	0x5422
#define TIOCGSID	0x5429

#define TCIFLUSH	0
#define TCOFLUSH	1
#define TCIOFLUSH	2

#define TCOOFF		0
#define TCOON		1
#define TCIOFF		2
#define TCION		3

#define N_TTY_BUF_SIZE	4096

/* The console's line discipline (Linux's struct tty_struct with n_tty's fields). */
struct tty_struct {
	spinlock_t lock;		/* the input buffer: the receive interrupt writes it */
	struct termios termios;
	struct winsize winsize;
	int pgrp;			/* the foreground process group (0: none) */
	int session;
	/* Input: a ring of N_TTY_BUF_SIZE; counters run free, & (size - 1) indexes. */
	char read_buf[N_TTY_BUF_SIZE];
	unsigned char read_flags[N_TTY_BUF_SIZE];	/* TTY_LINE_END, TTY_EOF_MARK */
	unsigned int read_head, read_tail;
	unsigned int canon_head;	/* the end of the last complete line */
	unsigned int canon_lines;	/* complete lines (canonical mode) */
	unsigned int column;		/* echo: where the cursor is (for erase) */
	int lnext;			/* the last character was ^V */
	wait_queue_head_t read_wait;
	void (*output)(struct tty_struct *, const char *, unsigned int);	/* the device */
	unsigned long rx_chars, rx_dropped;
};

#define TTY_LINE_END	1	/* a line ends with this character (it is read) */
#define TTY_EOF_MARK	2	/* ^D: the line ends here, the character is not read */

extern struct tty_struct console_tty;
extern const struct termios tty_std_termios;

/* The receive path: characters from the device (or a test) into the line discipline. */
void n_tty_receive_buf(struct tty_struct *tty, const char *cp, unsigned int count);
/* Back to the boot state: std termios, empty buffer. */
void tty_reset(struct tty_struct *tty);
/* Characters waiting to be read (FIONREAD). */
unsigned int n_tty_chars_in_buffer(struct tty_struct *tty);
void console_tty_init(void);
void n_tty_flush_input(struct tty_struct *tty);

/* Job control (fs/tty_jobctrl.c). */
struct file;
extern const struct file_operations console_fops, tty_fops;
int __tty_check_change(struct tty_struct *tty, int sig);
int tty_check_change(struct tty_struct *tty);
void disassociate_ctty(int on_exit);
long tty_jobctrl_ioctl(struct tty_struct *tty, struct file *file, unsigned int cmd,
		       unsigned long arg);

#endif
