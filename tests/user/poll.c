/*
 * poll.c - poll, ppoll, select and pselect: pipes ready to read and to
 * write, a sleeper woken by a writer in another process, hang-up and
 * error ends, bad and negative descriptors, files and /dev/null always
 * ready, timeouts, a signal interrupting the wait, ppoll's mask.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include "ktap.h"

static volatile int got_usr1;

static void on_usr1(int sig)
{
	got_usr1 = sig;
}

static short revents1(int fd, short events, int timeout)
{
	struct pollfd p = { fd, events, 0 };
	int n = poll(&p, 1, timeout);

	return n < 0 ? -1 : p.revents;
}

int main(void)
{
	int p[2], q[2], fd, n, flags;
	struct pollfd fds[3];
	struct timespec ts = { 0, 0 };
	struct timeval tv = { 0, 0 };
	sigset_t block, empty, now;
	struct rlimit rl;
	fd_set rd, wr;
	char buf[4096];
	pid_t pid;

	plan(24);
	pipe(p);
	ok_eq(revents1(p[0], POLLIN, 0), 0, "an empty pipe is not readable");
	ok_eq(revents1(p[1], POLLOUT, 0), POLLOUT, "and is writable");
	write(p[1], "x", 1);
	ok_eq(revents1(p[0], POLLIN | POLLOUT, 0), POLLIN, "with a byte in it, readable (POLLOUT not on a read end)");
	read(p[0], buf, 1);

	flags = fcntl(p[1], F_GETFL);
	fcntl(p[1], F_SETFL, flags | O_NONBLOCK);
	while (write(p[1], buf, sizeof(buf)) > 0)
		;
	ok_eq(revents1(p[1], POLLOUT, 0), 0, "a full pipe is not writable");
	while (read(p[0], buf, sizeof(buf)) == sizeof(buf) && revents1(p[0], POLLIN, 0) == POLLIN)
		;
	fcntl(p[1], F_SETFL, flags);

	pid = fork();
	if (pid == 0) {
		struct timespec nap = { 0, 100 * 1000 * 1000 };

		nanosleep(&nap, NULL);
		write(p[1], "w", 1);
		_exit(0);
	}
	ok_eq(revents1(p[0], POLLIN, 5000), POLLIN, "a poll asleep on a pipe is woken by a writer in another process");
	want_status(pid, "exit 0", "the writer exits");
	read(p[0], buf, 1);
	close(p[1]);
	ok_eq(revents1(p[0], POLLIN, 0), POLLHUP, "every writer gone: POLLHUP");
	close(p[0]);
	pipe(q);
	close(q[0]);
	ok_eq(revents1(q[1], POLLOUT, 0), POLLOUT | POLLERR, "every reader gone: POLLERR with POLLOUT");
	close(q[1]);

	fds[0] = (struct pollfd){ 1000, POLLIN, 0 };
	fds[1] = (struct pollfd){ -1, POLLIN, 77 };
	fd = open("/tmp/poll_file", O_RDWR | O_CREAT | O_TRUNC, 0600);
	fds[2] = (struct pollfd){ fd, POLLIN | POLLOUT | POLLPRI, 0 };
	n = poll(fds, 3, 0);
	ok_eq(n, 2, "poll counts the descriptors with events");
	ok_eq(fds[0].revents, POLLNVAL, "a descriptor not open: POLLNVAL");
	ok_eq(fds[1].revents, 0, "a negative one is skipped, revents 0");
	ok_eq(fds[2].revents, POLLIN | POLLOUT, "a RAM file is always readable and writable");
	close(fd);
	unlink("/tmp/poll_file");
	mknod("/tmp/poll_null", S_IFCHR | 0666, makedev(1, 3));
	fd = open("/tmp/poll_null", O_RDWR);
	ok_eq(revents1(fd, POLLIN | POLLOUT, 0), POLLIN | POLLOUT, "/dev/null too");
	close(fd);
	unlink("/tmp/poll_null");

	pipe(p);
	ok_eq(poll(fds, 0, 30), 0, "nothing to wait for: the timeout ends it");
	getrlimit(RLIMIT_NOFILE, &rl);
	ok_errno(poll(fds, rl.rlim_cur + 1, 0), EINVAL, "more descriptors than RLIMIT_NOFILE: EINVAL");
	ok_errno(poll((struct pollfd *)0xc0000000, 1, 0), EFAULT, "a kernel address: EFAULT");
	rl.rlim_cur = rl.rlim_max = 1048576;
	setrlimit(RLIMIT_NOFILE, &rl);
	ok_errno(poll(fds, 1048576, 0), EFAULT, "a million descriptors from a 3-entry array: EFAULT");

	signal(SIGUSR1, on_usr1);
	pid = fork();
	if (pid == 0) {
		struct timespec nap = { 0, 100 * 1000 * 1000 };

		nanosleep(&nap, NULL);
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	ok_errno(poll(&(struct pollfd){ p[0], POLLIN, 0 }, 1, 5000), EINTR,
		 "a signal with a handler interrupts poll: EINTR");
	want_status(pid, "exit 0", "the signal's sender exits");

	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	got_usr1 = 0;
	raise(SIGUSR1);
	sigemptyset(&empty);
	ts.tv_sec = 5;
	n = ppoll(&(struct pollfd){ p[0], POLLIN, 0 }, 1, &ts, &empty);
	sigprocmask(SIG_BLOCK, NULL, &now);
	ok(n == -1 && errno == EINTR && got_usr1 == SIGUSR1 && sigismember(&now, SIGUSR1),
	   "ppoll with an empty mask takes the blocked signal, and the mask is back after");

	write(p[1], "s", 1);
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(p[0], &rd);
	FD_SET(p[0], &wr);
	FD_SET(p[1], &wr);
	n = select(p[1] + 1, &rd, &wr, NULL, &tv);
	ok(n == 2 && FD_ISSET(p[0], &rd) && !FD_ISSET(p[0], &wr) && FD_ISSET(p[1], &wr),
	   "select: the read end readable, the write end writable");
	read(p[0], buf, 1);
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	tv.tv_sec = 0;
	tv.tv_usec = 20000;
	ok_eq(select(p[0] + 1, &rd, NULL, NULL, &tv), 0, "select times out on an empty pipe");
	FD_ZERO(&rd);
	FD_SET(p[1] + 5, &rd);
	ok_errno(select(p[1] + 6, &rd, NULL, NULL, &tv), EBADF, "select of a descriptor not open: EBADF");
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	ts.tv_sec = 0;
	ts.tv_nsec = 10 * 1000 * 1000;
	ok_eq(pselect(p[0] + 1, &rd, NULL, NULL, &ts, &empty), 0, "pselect with a mask times out");
	close(p[0]);
	close(p[1]);
	return done();
}
