/* futex.c - raw futex: EAGAIN on a changed value, ETIMEDOUT, wake counts, across processes. */
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include "ktap.h"

static long futex(volatile int *uaddr, int op, int val, const struct timespec *ts)
{
	return syscall(SYS_futex, uaddr, op, val, ts, NULL, 0);
}

int main(void)
{
	static volatile int word = 1;
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	volatile int *shared;
	long woken = 0;
	pid_t pid;

	plan(7);
	ok_errno(futex(&word, FUTEX_WAIT, 2, NULL), EAGAIN, "FUTEX_WAIT on a value that changed: EAGAIN");
	ok_errno(futex(&word, FUTEX_WAIT, 1, &ts), ETIMEDOUT, "FUTEX_WAIT with a 20 ms timeout: ETIMEDOUT");
	ok_eq(futex(&word, FUTEX_WAKE, 1, NULL), 0, "FUTEX_WAKE with nobody waiting wakes 0");
	ok_errno(futex((int *)((char *)&word + 1), FUTEX_WAIT, 1, NULL), EINVAL,
		 "an unaligned futex: EINVAL");

	shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	*shared = 0;
	pid = fork();
	if (pid == 0) {
		while (*shared == 0)
			futex(shared, FUTEX_WAIT, 0, NULL);
		_exit(*shared == 1 ? 0 : 1);
	}
	/* Wake until the child was asleep to be woken (it may not be yet). */
	for (int i = 0; i < 10000 && woken == 0; i++) {
		woken = futex(shared, FUTEX_WAKE, 1, NULL);
		if (woken == 0) {
			struct timespec nap = { 0, 1000 * 1000 };
			nanosleep(&nap, NULL);
		}
		if (woken == 1)
			*shared = 1;
	}
	if (woken == 1)
		futex(shared, FUTEX_WAKE, 1, NULL);
	*shared = 1;
	futex(shared, FUTEX_WAKE, 1, NULL);
	ok_eq(woken, 1, "a child sleeping on a shared futex is woken by its parent");
	want_status(pid, "exit 0", "and sees the new value");
	ok_eq(futex(&word, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 10, NULL), 0, "FUTEX_PRIVATE_FLAG");
	return done();
}
