/*
 * tty_modes.c - the console's line discipline as a shell's line editor
 * drives it, input typed with TIOCSTI (root may, echo off): canonical
 * lines with erase, kill and ^D; FIONREAD counting complete lines only;
 * raw mode with VMIN/VTIME; what was typed becoming readable when
 * ICANON goes off; TCSETSF and TCFLSH emptying the input; ISIG off
 * making ^C a character; ^V; tcdrain, TIOCOUTQ, TCXONC; the window size.
 */
#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <sys/ioctl.h>
#include "ktap.h"

static int fd;

static void type(const char *s)
{
	for (; *s; s++)
		if (ioctl(fd, TIOCSTI, s))
			diag("TIOCSTI: %s", errname(errno));
}

/* read() once into a string (control characters as \ooo); "E<errno>" on error. */
static const char *rd(size_t n)
{
	static char out[256];
	char buf[64];
	ssize_t r = read(fd, buf, n < sizeof(buf) ? n : sizeof(buf));
	size_t o = 0;

	if (r < 0) {
		snprintf(out, sizeof(out), "E%s", errname(errno));
		return out;
	}
	for (ssize_t i = 0; i < r; i++)
		if ((unsigned char)buf[i] < ' ' || buf[i] == 0177)
			o += snprintf(out + o, sizeof(out) - o, "\\%03o", (unsigned char)buf[i]);
		else
			out[o++] = buf[i];
	out[o] = 0;
	return out;
}

#define want_read(n, want, desc) ({					\
	const char *_g = rd(n);						\
	if (strcmp(_g, want))						\
		diag("want \"%s\", got \"%s\"", want, _g);		\
	ok(!strcmp(_g, want), desc);					\
})

static int inq(void)
{
	int n = -1;

	ioctl(fd, FIONREAD, &n);
	return n;
}

static void set(struct termios *t, int how)
{
	if (tcsetattr(fd, how, t))
		diag("tcsetattr: %s", errname(errno));
}

int main(void)
{
	struct termios saved, t;
	struct winsize ws, ws2;
	int inq_out = -1;

	plan(25);
	fd = open("/dev/console", O_RDWR | O_NONBLOCK);
	tcgetattr(fd, &saved);
	t = saved;
	t.c_lflag &= ~(ECHO | ECHOE | ECHOK | ECHONL | ECHOCTL | ECHOKE);
	t.c_lflag |= ICANON | ISIG | IEXTEN;
	set(&t, TCSAFLUSH);

	type("ab\177c");
	ok_eq(inq(), 0, "canonical: a line not finished counts 0 (FIONREAD)");
	want_read(64, "EEAGAIN", "and cannot be read yet");
	type("\n");
	ok_eq(inq(), 3, "finished: its 3 bytes");
	want_read(64, "ac\\012", "erase (DEL) took the b out");
	type("one\ntwo\n");
	want_read(64, "one\\012", "a read returns one line at most");
	want_read(2, "tw", "a short read takes part of a line");
	want_read(64, "o\\012", "and the next read the rest");
	type("junk\025ok\n");
	want_read(64, "ok\\012", "kill (^U) drops the line so far");
	type("abc\004");
	want_read(64, "abc", "^D ends a line without itself");
	type("\004");
	want_read(64, "", "^D alone: end of file (0)");
	type("x\026\003y\n");
	want_read(64, "x\\003y\\012", "^V takes ^C literally");

	type("partial");
	t.c_lflag &= ~ICANON;
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	set(&t, TCSANOW);
	ok_eq(inq(), 7, "ICANON off: what was typed is readable at once");
	want_read(64, "partial", "raw: the bytes there");
	want_read(64, "EEAGAIN", "nothing more: EAGAIN (O_NONBLOCK)");
	fcntl(fd, F_SETFL, O_RDWR);
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 0;
	set(&t, TCSANOW);
	want_read(64, "", "VMIN 0 VTIME 0, no input: 0 at once");
	t.c_cc[VTIME] = 1;
	set(&t, TCSANOW);
	want_read(64, "", "VMIN 0 VTIME 1, no input: 0 after the timeout");
	type("zz");
	want_read(64, "zz", "VMIN 0 VTIME 1: what is there");
	fcntl(fd, F_SETFL, O_RDWR | O_NONBLOCK);

	type("gone");
	set(&t, TCSAFLUSH);
	ok_eq(inq(), 0, "TCSETSF empties the input");
	type("gone");
	ok_sys(tcflush(fd, TCIFLUSH), "TCFLSH TCIFLUSH");
	ok(inq() == 0 && ioctl(fd, TCFLSH, 3) == -1 && errno == EINVAL, "... emptied; TCFLSH 3: EINVAL");
	t.c_lflag &= ~ISIG;
	set(&t, TCSANOW);
	type("\003");
	want_read(64, "\\003", "ISIG off: ^C is a character");

	ok_sys(tcdrain(fd), "tcdrain (TCSBRK 1)");
	ok(ioctl(fd, TIOCOUTQ, &inq_out) == 0 && inq_out == 0, "TIOCOUTQ: nothing left to send");
	ok(tcflow(fd, TCOON) == 0 && ioctl(fd, TCXONC, 4) == -1 && errno == EINVAL,
	   "TCXONC TCOON; 4: EINVAL");
	ioctl(fd, TIOCGWINSZ, &ws);
	ws2 = ws;
	ws2.ws_row = 50;
	ws2.ws_col = 132;
	ioctl(fd, TIOCSWINSZ, &ws2);
	memset(&ws2, 0, sizeof(ws2));
	ioctl(fd, TIOCGWINSZ, &ws2);
	ok(ws2.ws_row == 50 && ws2.ws_col == 132, "TIOCSWINSZ, TIOCGWINSZ");
	ioctl(fd, TIOCSWINSZ, &ws);
	tcsetattr(fd, TCSAFLUSH, &saved);
	return done();
}
