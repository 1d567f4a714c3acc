/*
 * The console's line discipline (fs/tty.c), fed through its receive path
 * as the UART interrupt feeds it, its echo captured: canonical lines with
 * erase, kill, word erase and literal next; ^D; ICRNL; ISIG flushing;
 * raw mode through TCSETS with VMIN; TCGETS/TIOCGWINSZ through a file
 * opened on /dev/console's device number; O_NONBLOCK.
 */
#include <slab.h>
#include <tty.h>
#include <sched.h>
#include <signal.h>
#include "fs_test_util.h"
#include "test_uspace.h"

extern const char ut_spin[];

static struct tty_struct *tty = &console_tty;
static char echo_buf[256];
static unsigned int echo_len;
static void (*saved_output)(struct tty_struct *, const char *, unsigned int);

static void capture_output(struct tty_struct *t, const char *s, unsigned int n)
{
	while (n-- && echo_len < sizeof(echo_buf) - 1)
		echo_buf[echo_len++] = *s++;
	echo_buf[echo_len] = 0;
}

static void restore_tty(void *arg)
{
	tty_reset(tty);
	tty->output = saved_output;
	set_fs(USER_DS);
}

static void close_fd(void *arg)
{
	sys_close((long)arg);
}

static long open_console(struct ktest *t)
{
	long fd;

	fd = sys_open(U("/ktest_tty/console"), O_RDWR, 0);
	return fd;
}

static int n_tty_init(struct ktest *t)
{
	return 0;
}

/* A console device node in a scratch directory, the echo captured, all undone at the end. */
static long setup(struct ktest *t, int flags)
{
	long fd;

	if (fs_test_begin(t, "/ktest_tty"))
		return -1;
	if (sys_mknod(U("/ktest_tty/console"), S_IFCHR | 0600, MKDEV(5, 1)))
		return -1;
	saved_output = tty->output;
	if (ktest_add_action(t, restore_tty, NULL))
		return -1;
	tty_reset(tty);
	tty->output = capture_output;
	echo_len = 0;
	echo_buf[0] = 0;
	fd = open_console(t);
	if (fd < 0 || ktest_add_action(t, close_fd, (void *)fd))
		return -1;
	if (flags)
		sys_fcntl64(fd, F_SETFL, flags);
	return fd;
}

static void feed(const char *s)
{
	n_tty_receive_buf(tty, s, strlen(s));
}

static void test_canonical_editing(struct ktest *t)
{
	char buf[64];
	long fd = setup(t, O_NONBLOCK);

	KTEST_ASSERT_GE(t, fd, 0L);
	feed("ab");
	KTEST_EXPECT_EQ(t, sys_read(fd, U(buf), sizeof(buf)), -EAGAIN);	/* no line yet */
	feed("\177c\r");		/* DEL erases b; CR becomes NL (ICRNL) */
	KTEST_EXPECT_STREQ(t, echo_buf, "ab\b \bc\r\n");
	KTEST_EXPECT_EQ(t, sys_read(fd, U(buf), sizeof(buf)), 3L);
	KTEST_EXPECT_EQ(t, memcmp(buf, "ac\n", 3), 0);
	/* ^U kills the line, ^W a word, ^V takes the next character literally. */
	feed("junk\025ok one two\027\026\003\n");
	KTEST_EXPECT_EQ(t, sys_read(fd, U(buf), sizeof(buf)), 9L);
	KTEST_EXPECT_EQ(t, memcmp(buf, "ok one \003\n", 9), 0);
	/* Two lines typed: one read returns one line. */
	feed("l1\nl2\n");
	KTEST_EXPECT_EQ(t, sys_read(fd, U(buf), sizeof(buf)), 3L);
	KTEST_EXPECT_EQ(t, sys_read(fd, U(buf), 2), 2L);		/* part of a line */
	KTEST_EXPECT_EQ(t, sys_read(fd, U(buf), sizeof(buf)), 1L);	/* the rest */
	KTEST_EXPECT_EQ(t, buf[0], '\n');
	/* ^D after text ends the line without itself; ^D alone is end of file. */
	feed("xy\004\004");
	KTEST_EXPECT_EQ(t, sys_read(fd, U(buf), sizeof(buf)), 2L);
	KTEST_EXPECT_EQ(t, sys_read(fd, U(buf), sizeof(buf)), 0L);
	KTEST_EXPECT_EQ(t, sys_read(fd, U(buf), sizeof(buf)), -EAGAIN);
}

static void test_isig_flushes(struct ktest *t)
{
	char buf[16];
	long fd = setup(t, O_NONBLOCK);

	KTEST_ASSERT_GE(t, fd, 0L);
	feed("typed\003");
	KTEST_EXPECT_STREQ(t, echo_buf, "typed^C");
	KTEST_EXPECT_EQ(t, n_tty_chars_in_buffer(tty), 0u);
	feed("z\n");
	KTEST_EXPECT_EQ(t, sys_read(fd, U(buf), sizeof(buf)), 2L);
}

static void restore_pgrp(void *arg)
{
	tty->pgrp = (long)arg;
}

/* ^C sends SIGINT to the tty's foreground process group: a user busy loop there dies of it. */
static void test_isig_kills_foreground_group(struct ktest *t)
{
	struct test_uspace *us;
	struct task_struct *p;
	long fd = setup(t, O_NONBLOCK);
	int pid, code = -1;

	KTEST_ASSERT_GE(t, fd, 0L);
	KTEST_ASSERT_EQ(t, ktest_add_action(t, restore_pgrp, (void *)(long)tty->pgrp), 0);
	us = test_uspace_create(t);
	KTEST_ASSERT_NOT_NULL(t, us);
	pid = test_user_task(t, us, ut_spin, 0, "spin");
	KTEST_ASSERT_GT(t, pid, 0);
	msleep(1);			/* it has reached user mode */
	p = find_task_by_pid(pid);
	KTEST_ASSERT_NOT_NULL(t, p);
	p->signal->pgrp = pid;		/* its own group (setpgid(0, 0)) */
	tty->pgrp = pid;		/* the foreground one (TIOCSPGRP) */
	feed("\003");
	KTEST_EXPECT_STREQ(t, echo_buf, "^C");
	KTEST_EXPECT_EQ(t, ktest_kernel_wait(t, pid, &code), 0);
	KTEST_EXPECT_EQ(t, code, SIGINT);
}

static void test_raw_mode_and_ioctls(struct ktest *t)
{
	struct termios tio;
	struct winsize ws;
	char buf[16];
	long fd = setup(t, O_NONBLOCK);

	KTEST_ASSERT_GE(t, fd, 0L);
	KTEST_ASSERT_EQ(t, sys_ioctl(fd, TCGETS, (unsigned long)&tio), 0L);
	KTEST_EXPECT_EQ(t, tio.c_lflag & (ICANON | ECHO | ISIG), (unsigned)(ICANON | ECHO | ISIG));
	KTEST_EXPECT_EQ(t, tio.c_cc[VERASE], 0177);
	KTEST_EXPECT_EQ(t, tio.c_cc[VEOF], 4);
	KTEST_ASSERT_EQ(t, sys_ioctl(fd, TIOCGWINSZ, (unsigned long)&ws), 0L);
	KTEST_EXPECT_EQ(t, ws.ws_row, 24);
	KTEST_EXPECT_EQ(t, ws.ws_col, 80);
	tio.c_lflag &= ~(ICANON | ECHO);
	tio.c_cc[VMIN] = 1;
	tio.c_cc[VTIME] = 0;
	KTEST_ASSERT_EQ(t, sys_ioctl(fd, TCSETS, (unsigned long)&tio), 0L);
	feed("\177q");			/* raw: DEL is data, nothing echoed */
	KTEST_EXPECT_STREQ(t, echo_buf, "");
	KTEST_EXPECT_EQ(t, sys_read(fd, U(buf), sizeof(buf)), 2L);
	KTEST_EXPECT_EQ(t, buf[0], 0177);
	KTEST_EXPECT_EQ(t, sys_ioctl(fd, 0x12345678, 0), -ENOTTY);
	KTEST_EXPECT_EQ(t, sys_ioctl(fd, TCGETS, 16), -EFAULT);
	KTEST_EXPECT_EQ(t, sys_write(fd, U("out\n"), 4), 4L);
	KTEST_EXPECT_STREQ(t, echo_buf, "out\r\n");
}

static struct ktest_case n_tty_cases[] = {
	KTEST_CASE(test_canonical_editing),
	KTEST_CASE(test_isig_flushes),
	KTEST_CASE(test_isig_kills_foreground_group),
	KTEST_CASE(test_raw_mode_and_ioctls),
	{}
};

static struct ktest_suite n_tty_suite = {
	.name = "n_tty",
	.test_cases = n_tty_cases,
	.init = n_tty_init,
};
ktest_register_suite(n_tty_suite);
