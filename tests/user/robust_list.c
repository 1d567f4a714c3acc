/*
 * robust_list.c - set_robust_list/get_robust_list, and what exit does
 * with the list: a futex the dead thread owned becomes FUTEX_OWNER_DIED
 * (FUTEX_WAITERS kept) and a waiter wakes; one owned by another task or
 * unowned is left alone; the pending op is handled too; exec releases
 * the list as exit does.
 */
#include <stddef.h>
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include "ktap.h"

struct lock {
	struct robust_list list;	/* the entry */
	unsigned int word;		/* the futex, futex_offset bytes after it */
};

struct shared {
	struct robust_list_head head;
	struct lock a, b, c, pend;
};

static long rc(long r)
{
	return r < 0 ? -errno : r;
}

/* A child that holds a and pend (pending), leaves b to its parent, c unowned, then exits. */
static void child(struct shared *s, int ready)
{
	unsigned int tid = syscall(SYS_gettid);

	s->head.list.next = &s->a.list;
	s->a.list.next = &s->b.list;
	s->b.list.next = &s->c.list;
	s->c.list.next = &s->head.list;
	s->head.futex_offset = offsetof(struct lock, word);
	s->head.list_op_pending = &s->pend.list;
	s->a.word = tid | FUTEX_WAITERS;
	s->b.word = getppid();
	s->c.word = 0;
	s->pend.word = tid;
	if (syscall(SYS_set_robust_list, &s->head, sizeof(s->head)))
		_exit(2);
	write(ready, "x", 1);
	usleep(200000);		/* the parent waits on a meanwhile */
	_exit(0);
}

int main(void)
{
	struct shared *s = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	struct robust_list_head *h = NULL, mine;
	size_t len = 0;
	int p[2];
	char c;
	pid_t pid;
	long r;

	plan(11);
	ok_eq(rc(syscall(SYS_set_robust_list, &mine, sizeof(mine) + 1)), (long)-EINVAL,
	      "set_robust_list with a wrong length: EINVAL");
	mine.list.next = &mine.list;
	mine.futex_offset = 0;
	mine.list_op_pending = NULL;
	ok_eq(rc(syscall(SYS_set_robust_list, &mine, sizeof(mine))), 0L, "set_robust_list");
	ok(rc(syscall(SYS_get_robust_list, 0, &h, &len)) == 0 && h == &mine && len == sizeof(mine),
	   "get_robust_list(0): our head and its size");
	ok_eq(rc(syscall(SYS_get_robust_list, 999999, &h, &len)), (long)-ESRCH,
	      "get_robust_list of no task: ESRCH");
	ok_eq(rc(syscall(SYS_get_robust_list, 0, (void *)16, &len)), (long)-EFAULT,
	      "get_robust_list to a bad pointer: EFAULT");

	pipe(p);
	pid = fork();
	if (pid == 0)
		child(s, p[1]);
	read(p[0], &c, 1);
	ok(rc(syscall(SYS_get_robust_list, pid, &h, &len)) == 0 && h == &s->head,
	   "get_robust_list of the child: its head");
	r = rc(syscall(SYS_futex, &s->a.word, FUTEX_WAIT, s->a.word, NULL, NULL, 0));
	ok(r == 0 || r == -EAGAIN, "a waiter on the child's lock is woken by its exit");
	want_status(pid, "exit 0", "the child exited");
	ok_eq(s->a.word, (unsigned)(FUTEX_OWNER_DIED | FUTEX_WAITERS), "its lock: FUTEX_OWNER_DIED | FUTEX_WAITERS");
	ok(s->b.word == (unsigned)getpid() && s->c.word == 0, "another's lock and a free one untouched");
	ok_eq(s->pend.word, (unsigned)FUTEX_OWNER_DIED, "the pending one: FUTEX_OWNER_DIED");
	return done();
}
