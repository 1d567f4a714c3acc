/* pipe.c - pipes between processes: a large transfer, EOF, EPIPE and SIGPIPE, O_NONBLOCK. */
#include <fcntl.h>
#include "ktap.h"

#define TOTAL (256 * 1024)

int main(void)
{
	int fds[2];
	unsigned sum = 0, want = 0, got = 0, sent = 0;
	char buf[1000];
	ssize_t n;
	pid_t pid;

	plan(8);
	ok_sys(pipe(fds), "pipe");
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		for (unsigned i = 0; i < TOTAL; i += sizeof(buf)) {
			for (unsigned j = 0; j < sizeof(buf); j++)
				buf[j] = (char)(i + j);
			if (write(fds[1], buf, sizeof(buf)) != sizeof(buf))
				_exit(1);
		}
		_exit(0);
	}
	close(fds[1]);
	for (unsigned i = 0; i < TOTAL; i += sizeof(buf), sent += sizeof(buf))
		for (unsigned j = 0; j < sizeof(buf); j++)
			want += (unsigned char)(i + j);
	while ((n = read(fds[0], buf, sizeof(buf))) > 0) {
		for (ssize_t j = 0; j < n; j++)
			sum += (unsigned char)buf[j];
		got += n;
	}
	ok_eq(n, 0, "read returns 0 (EOF) once the writer is gone");
	ok(got == sent && sum == want, "every byte arrived in order");
	want_status(pid, "exit 0", "the writer finished");
	close(fds[0]);

	pipe(fds);
	close(fds[0]);
	pid = fork();
	if (pid == 0) {
		write(fds[1], "x", 1);
		_exit(0);
	}
	want_status(pid, "signal SIGPIPE", "a write with no reader: SIGPIPE");
	signal(SIGPIPE, SIG_IGN);
	ok_errno(write(fds[1], "x", 1), EPIPE, "with SIGPIPE ignored: EPIPE");
	close(fds[1]);

	ok_sys(pipe2(fds, O_NONBLOCK), "pipe2(O_NONBLOCK)");
	ok_errno(read(fds[0], buf, 1), EAGAIN, "reading an empty non-blocking pipe: EAGAIN");
	close(fds[0]);
	close(fds[1]);
	return done();
}
