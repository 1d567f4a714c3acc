/*
 * rusage.c - getrusage() and wait4()'s rusage as Linux: page faults
 * (ru_minflt) and the largest resident set (ru_maxrss, kB) of the
 * process, of the thread, and of the reaped children (kept after their
 * address space is gone); EINVAL for an unknown who.
 */
#include <sys/mman.h>
#include <sys/resource.h>
#include "ktap.h"

#define PAGES 200

static void touch(int pages)
{
	char *p = mmap(NULL, pages * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	for (int i = 0; i < pages; i++)
		p[i * 4096] = 1;
}

int main(void)
{
	struct rusage before, after, thread, child, children;
	int status;
	pid_t pid;

	plan(7);
	getrusage(RUSAGE_SELF, &before);
	touch(PAGES);
	getrusage(RUSAGE_SELF, &after);
	getrusage(RUSAGE_THREAD, &thread);
	ok(after.ru_minflt - before.ru_minflt >= PAGES, "RUSAGE_SELF counts the faults");
	/* Linux counts a thread's resident pages apart, folded into the mm's every 64 faults. */
	ok(after.ru_maxrss - before.ru_maxrss >= (PAGES - 64) * 4 && after.ru_maxrss > 0,
	   "and the resident set grows by the pages (kB)");
	ok(thread.ru_minflt >= PAGES && thread.ru_maxrss == after.ru_maxrss, "RUSAGE_THREAD too");

	pid = fork();
	if (pid == 0) {
		touch(2 * PAGES);
		_exit(0);
	}
	memset(&child, 0, sizeof(child));
	ok(wait4(pid, &status, 0, &child) == pid && child.ru_minflt >= 2 * PAGES &&
	   child.ru_maxrss >= after.ru_maxrss + 2 * PAGES * 4 - 8, "wait4's rusage: the child's faults and peak");
	getrusage(RUSAGE_CHILDREN, &children);
	ok(children.ru_minflt == child.ru_minflt && children.ru_maxrss == child.ru_maxrss,
	   "RUSAGE_CHILDREN: the reaped child's");
	ok(getrusage(RUSAGE_SELF, &after) == 0 && after.ru_maxrss < child.ru_maxrss,
	   "our own peak is not the child's");
	ok(getrusage(5, &after) == -1 && errno == EINVAL, "an unknown who: EINVAL");
	return done();
}
