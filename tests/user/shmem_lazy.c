/*
 * shmem_lazy.c - MAP_SHARED|MAP_ANONYMOUS memory is a shmem object: no
 * RAM is taken at mmap time, pages come on first touch and stay in the
 * object (a child forked before the touch sees them, MADV_DONTNEED and a
 * partial munmap keep them), and past the object's end -- a mapping
 * grown by mremap -- is SIGBUS.
 */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <sys/sysinfo.h>
#include "fault.h"

static unsigned long free_bytes(void)
{
	struct sysinfo si;

	sysinfo(&si);
	return si.freeram * si.mem_unit;
}

int main(void)
{
	unsigned long size, before, after;
	struct sysinfo si;
	volatile char *p, *q;
	pid_t pid;

	plan(9);
	sysinfo(&si);
	size = (si.totalram * si.mem_unit / 4) & ~((1UL << 20) - 1);	/* a quarter of RAM, in MB */
	before = free_bytes();
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	after = free_bytes();
	ok(p != MAP_FAILED, "a quarter of RAM mapped shared and anonymous");
	ok(before < after + size / 8, "no RAM taken at mmap time");
	p[0] = 1;
	p[size - 1] = 2;
	pid = fork();
	if (pid == 0) {
		p[size / 2] = 3;		/* a page nobody touched before the fork */
		_exit(p[0] != 1 || p[size - 1] != 2);
	}
	want_status(pid, "exit 0", "the child sees the parent's pages");
	ok(p[size / 2] == 3, "the parent sees a page the child touched first");
	ok_sys(madvise((void *)p, size, MADV_DONTNEED), "MADV_DONTNEED of all of it");
	ok(p[0] == 1 && p[size / 2] == 3 && p[size - 1] == 2, "the contents stay");
	ok_sys(munmap((void *)p, size / 2), "munmap of the first half");
	q = mremap((void *)(p + size / 2), size / 2, size / 2 + PAGE, MREMAP_MAYMOVE);
	ok(q != MAP_FAILED && q[0] == 3 && q[size / 2 - 1] == 2, "the second half, moved or grown, keeps its pages");
	ok_fault(q + size / 2, 0, SIGBUS, BUS_ADRERR, "the page past the object's end: SIGBUS");
	munmap((void *)q, size / 2 + PAGE);
	return done();
}
