/*
 * proc_stat_tty.c - /proc/self/stat's terminal and children's fields:
 * tty_nr 0 and tpgid -1 without a controlling terminal; after setsid()
 * and TIOCSCTTY on the console, the serial port's number (ttyS0, 4:64)
 * and our group as the foreground one; cminflt counting a reaped child's
 * faults.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include "ktap.h"

static unsigned long long f[53];

static int stat_fields(void)
{
	static char buf[1024];
	int fd = open("/proc/self/stat", O_RDONLY), n = fd < 0 ? 0 : read(fd, buf, sizeof(buf) - 1), i = 3;
	char *p;

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = 0;
	p = strrchr(buf, ')');
	if (!p)
		return -1;
	p += 2;
	f[3] = (unsigned char)*p++;
	while (*p == ' ' && i < 52)
		f[++i] = (unsigned long long)strtoll(p + 1, &p, 10);
	return i;
}

int main(void)
{
	pid_t pid;

	plan(3);
	stat_fields();
	ok(f[7] == 0 && (long long)f[8] == -1, "no controlling terminal: tty_nr 0, tpgid -1");
	pid = fork();
	if (pid == 0) {
		int fd, bad = 0;

		setsid();
		fd = open("/dev/console", O_RDWR);
		if (fd < 0 || ioctl(fd, TIOCSCTTY, 0))
			_exit(9);
		stat_fields();
		bad |= f[7] != ((4 << 8) | 64);
		bad |= (f[8] != (unsigned long long)getpid()) << 1;
		_exit(bad);
	}
	want_status(pid, "exit 0", "the console as controlling terminal: ttyS0's number, our group in front");
	pid = fork();
	if (pid == 0) {
		char *p = mmap(NULL, 100 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		for (int i = 0; i < 100; i++)
			p[i * 4096] = 1;
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	stat_fields();
	ok(f[11] >= 100, "cminflt counts the reaped child's faults");
	return done();
}
