/*
 * futex_keys.c - where a futex lives: a word of private memory is private
 * to its process even at the same address in a forked child; a word of a
 * shared file mapping is one futex in every process that maps that page,
 * wherever it is mapped; FUTEX_PRIVATE_FLAG skips the region lookup.
 */
#include <fcntl.h>
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include "ktap.h"

static long futex(volatile int *uaddr, int op, int val, const struct timespec *ts)
{
	return syscall(SYS_futex, uaddr, op, val, ts, NULL, 0);
}

static void nap_ms(long ms)
{
	struct timespec t = { 0, ms * 1000 * 1000 };

	nanosleep(&t, NULL);
}

/* The child says it is about to wait (a byte on the pipe) and waits on word. */
static pid_t waiter(volatile int *word, int fds[2], long timeout_ms, int want)
{
	struct timespec ts = { timeout_ms / 1000, (timeout_ms % 1000) * 1000 * 1000 };
	pid_t pid = fork();

	if (pid == 0) {
		long r;

		write(fds[1], "w", 1);
		r = futex(word, FUTEX_WAIT, 0, &ts);
		_exit(r == want || (r < 0 && errno == -want) ? 0 : 1);
	}
	char c;
	read(fds[0], &c, 1);
	nap_ms(100);		/* long enough for the child to be asleep */
	return pid;
}

int main(void)
{
	static volatile int word;
	volatile int *a, *b;
	char path[] = "/tmp/futex_keys";
	int fds[2], fd;
	long woken;
	pid_t pid;

	plan(7);
	pipe(fds);

	/* A private word: the child's copy is another futex. */
	pid = waiter(&word, fds, 400, -ETIMEDOUT);
	ok_eq(futex(&word, FUTEX_WAKE, 1, NULL), 0,
	      "waking a private word wakes nobody in a forked child at the same address");
	want_status(pid, "exit 0", "the child's wait times out");

	/* A shared file page, mapped at two addresses: one futex. */
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	ftruncate(fd, 2 * PAGE);
	a = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	b = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, PAGE);
	a[PAGE / sizeof(int) + 3] = 0;
	pid = waiter(b + 3, fds, 5000, 0);
	woken = futex(a + PAGE / sizeof(int) + 3, FUTEX_WAKE, 1, NULL);
	ok_eq(woken, 1, "a child waiting on a shared file page is woken through another mapping of it");
	want_status(pid, "exit 0", "its wait returns 0");
	pid = waiter(b + 3, fds, 400, -ETIMEDOUT);
	ok_eq(futex(a + PAGE / sizeof(int) + 4, FUTEX_WAKE, 1, NULL), 0,
	      "the next word of that page is another futex");
	want_status(pid, "exit 0", "so that wait times out");

	/* An unmapped word: a shared key needs its region, a private one does not. */
	munmap((void *)b, PAGE);
	ok_errno(futex(b, FUTEX_WAKE, 1, NULL), EFAULT, "FUTEX_WAKE on an unmapped word: EFAULT");
	/* (Linux 6.1 answers 0 there with FUTEX_PRIVATE_FLAG: nothing is looked up; not checked.) */
	munmap((void *)a, 2 * PAGE);
	close(fd);
	unlink(path);
	return done();
}
