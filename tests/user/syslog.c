/*
 * syslog.c - syslog(2) / klogctl(), as busybox dmesg uses it: the log
 * as "<level>[seconds.micros] text" lines, whole lines that fit,
 * READ's unread count going down, CLEAR, the console level actions,
 * the errors, and root alone (Debian's dmesg_restrict=1).
 */
#include <sys/klog.h>
#include "ktap.h"

static char buf[1 << 20];

/* Every line of buf[0, n) is "<d>[sssss.uuuuuu] text\n". */
static int lines_well_formed(const char *s, int n)
{
	int i = 0;

	if (n <= 0 || s[n - 1] != '\n')
		return 0;
	while (i < n) {
		const char *l = s + i, *nl = memchr(l, '\n', n - i);

		if (l[0] != '<' || l[1] < '0' || l[1] > '7' || l[2] != '>' || l[3] != '[' ||
		    l[9] != '.' || l[16] != ']' || l[17] != ' ')
			return 0;
		for (int j = 4; j < 16; j++)
			if (j != 9 && l[j] != ' ' && (l[j] < '0' || l[j] > '9'))
				return 0;
		i = nl - s + 1;
	}
	return 1;
}

int main(void)
{
	int n, size, unread, pid;

	plan(24);
	size = klogctl(10, NULL, 0);
	ok(size >= 4096, "SIZE_BUFFER: the ring's size");
	n = klogctl(3, buf, sizeof(buf));
	ok(n > 0 && n <= size, "READ_ALL: the log");
	ok(lines_well_formed(buf, n), "every line \"<level>[seconds.micros] text\"");
	n = klogctl(3, buf, 300);
	ok(n > 0 && n <= 300, "READ_ALL into 300 bytes: at most 300");
	ok(lines_well_formed(buf, n), "whole lines only");
	ok_eq(klogctl(3, buf, 0), 0, "READ_ALL of 0 bytes: 0");
	ok_errno(klogctl(3, NULL, 10), EINVAL, "READ_ALL into NULL: EINVAL");
	ok_errno(klogctl(3, buf, -1), EINVAL, "READ_ALL of -1 bytes: EINVAL");
	ok_errno(klogctl(3, (char *)16, 4096), EFAULT, "READ_ALL into a bad pointer: EFAULT");

	unread = klogctl(9, NULL, 0);
	ok(unread > 100, "SIZE_UNREAD: nothing read yet");
	n = klogctl(2, buf, 10);
	ok_eq(n, 10, "READ of 10 bytes: part of a line");
	ok(buf[0] == '<', "from the start of the first line");
	ok_eq(klogctl(9, NULL, 0), unread - 10, "SIZE_UNREAD: 10 fewer");
	n = klogctl(2, buf, sizeof(buf));
	ok_eq(n, unread - 10, "READ: all the rest");
	ok_eq(klogctl(9, NULL, 0), 0, "SIZE_UNREAD: 0");
	ok_errno(klogctl(2, NULL, 10), EINVAL, "READ into NULL: EINVAL");
	ok_eq(klogctl(2, buf, 0), 0, "READ of 0 bytes: 0");

	ok_eq(klogctl(5, NULL, 0), 0, "CLEAR");
	ok_eq(klogctl(3, buf, sizeof(buf)), 0, "READ_ALL after CLEAR: nothing");
	ok_eq(klogctl(6, NULL, 0) | klogctl(7, NULL, 0) | klogctl(0, NULL, 0) | klogctl(1, NULL, 0), 0,
	      "CONSOLE_OFF, CONSOLE_ON, CLOSE, OPEN: 0");
	ok(klogctl(8, NULL, 0) == -1 && errno == EINVAL && klogctl(8, NULL, 9) == -1 && errno == EINVAL,
	   "CONSOLE_LEVEL 0 and 9: EINVAL");
	ok_errno(klogctl(11, NULL, 0), EINVAL, "an unknown action: EINVAL");
	ok_errno(klogctl(-1, NULL, 0), EINVAL, "action -1: EINVAL");

	pid = fork();
	if (pid == 0) {
		if (setuid(65534))
			_exit(2);
		_exit(klogctl(3, buf, 100) == -1 && errno == EPERM &&
		      klogctl(10, NULL, 0) == -1 && errno == EPERM &&
		      klogctl(11, NULL, 0) == -1 && errno == EPERM ? 0 : 1);
	}
	want_status(pid, "exit 0", "not root: EPERM for every action (dmesg_restrict)");
	return done();
}
