/*
 * simple.c - Mneme's LDD3 "simple" devices (drivers/char/simple.c; not on
 * Linux: tests/user/expected/DIFFERENCES). /dev/simpler: the buffer
 * mapped whole by remap_pfn_range, shared between mappings and across
 * fork, moved but not grown by mremap, EINVAL past its end. /dev/simplen:
 * pages on demand (nopage), grown by mremap, SIGBUS past the buffer, a
 * private mapping's writes its own, a partial munmap splitting it.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include "fault.h"

#define RW	(PROT_READ | PROT_WRITE)
#define BUF_PAGES 4

static int holds(const char *p, const char *dev, int page)
{
	char want[32];

	snprintf(want, sizeof(want), "%s page %d", dev, page);
	return !strcmp(p, want);
}

int main(void)
{
	char *r, *r2, *n, *n2, *priv, *q;
	int fr, fn;
	pid_t pid;

	plan(20);
	fr = open("/dev/simpler", O_RDWR);
	ok_sys(fr, "open /dev/simpler");
	r = mmap(NULL, 2 * PAGE, RW, MAP_SHARED, fr, PAGE);
	ok(r != MAP_FAILED && holds(r, "simpler", 1) && holds(r + PAGE, "simpler", 2),
	   "simpler: two pages from offset 1 map the buffer's pages 1 and 2");
	if (r == MAP_FAILED)
		return done();
	ok_errno(mmap(NULL, 2 * PAGE, RW, MAP_SHARED, fr, 3 * PAGE), EINVAL,
		 "simpler: a mapping past the buffer's end: EINVAL");
	r2 = mmap(NULL, BUF_PAGES * PAGE, RW, MAP_SHARED, fr, 0);
	strcpy(r + 100, "written");
	ok(r2 != MAP_FAILED && !strcmp(r2 + PAGE + 100, "written"),
	   "a second mapping of the whole buffer sees the first one's write");
	pid = fork();
	if (pid == 0) {
		int good = !strcmp(r + 100, "written") && holds(r2 + 3 * PAGE, "simpler", 3);

		strcpy(r2 + 3 * PAGE + 100, "child");
		_exit(good ? 0 : 1);
	}
	want_status(pid, "exit 0", "the child reads both mappings");
	ok(!strcmp(r2 + 3 * PAGE + 100, "child"), "its write reaches the parent (one buffer)");
	ok_errno((long)mremap(r, 2 * PAGE, 3 * PAGE, MREMAP_MAYMOVE), EFAULT,
		 "mremap growing simpler: EFAULT (VM_PFNMAP)");
	q = mmap(NULL, 2 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	n = mremap(r, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, q);
	ok(n == q && holds(q, "simpler", 1), "mremap moving simpler keeps its pages");
	ok_sys(munmap(q, 2 * PAGE), "munmap of the moved region");
	close(fr);
	ok(holds(r2 + 2 * PAGE, "simpler", 2), "the mapping outlives the file descriptor");
	ok_sys(munmap(r2, BUF_PAGES * PAGE), "munmap");

	fn = open("/dev/simplen", O_RDWR);
	ok_sys(fn, "open /dev/simplen");
	n = mmap(NULL, 2 * PAGE, RW, MAP_SHARED, fn, 0);
	ok(n != MAP_FAILED && holds(n + PAGE, "simplen", 1) && holds(n, "simplen", 0),
	   "simplen: pages made on first touch");
	if (n == MAP_FAILED)
		return done();
	strcpy(n + 200, "kept");
	n2 = mremap(n, 2 * PAGE, BUF_PAGES * PAGE, MREMAP_MAYMOVE);
	ok(n2 != MAP_FAILED && !strcmp(n2 + 200, "kept") && holds(n2 + 3 * PAGE, "simplen", 3),
	   "mremap grows simplen: old pages kept, new ones faulted in");
	if (n2 == MAP_FAILED)
		return done();
	q = mmap(NULL, (BUF_PAGES + 1) * PAGE, RW, MAP_SHARED, fn, 0);
	ok_fault(q + BUF_PAGES * PAGE, 0, SIGBUS, BUS_ADRERR, "a page past the buffer: SIGBUS");
	ok(!strcmp(q + 200, "kept"), "another mapping shares the pages");
	priv = mmap(NULL, PAGE, RW, MAP_PRIVATE, fn, 0);
	strcpy(priv + 200, "mine");
	ok(!strcmp(priv + 200, "mine") && !strcmp(n2 + 200, "kept"),
	   "a private mapping's write stays its own");
	ok(munmap(n2 + PAGE, PAGE) == 0 && holds(n2 + 2 * PAGE, "simplen", 2) &&
	   !strcmp(n2 + 200, "kept"), "a partial munmap splits the region, both parts still map");
	pid = fork();
	if (pid == 0)
		_exit(holds(n2 + 3 * PAGE, "simplen", 3) ? 0 : 1);
	want_status(pid, "exit 0", "a child reads simplen's pages");
	munmap(priv, PAGE);
	munmap(q, (BUF_PAGES + 1) * PAGE);
	munmap(n2, BUF_PAGES * PAGE);
	ok_sys(close(fn), "close");
	return done();
}
