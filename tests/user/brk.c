/* brk.c - brk/sbrk: grow, touch, shrink, and a break below its start. */
#include <stdint.h>
#include <sys/syscall.h>
#include "ktap.h"

static unsigned long raw_brk(unsigned long addr)
{
	return syscall(SYS_brk, addr);
}

int main(void)
{
	unsigned long start, cur;
	char *p;

	plan(10);
	start = raw_brk(0);
	ok(start != 0 && start % 1 == 0, "brk(0) returns the current break");
	ok_eq(raw_brk(0), start, "brk(0) again returns the same break");

	cur = raw_brk(start + 3 * PAGE);
	ok_eq(cur, start + 3 * PAGE, "brk grows by three pages");
	p = (char *)start;
	memset(p, 0x5a, 3 * PAGE);
	ok(p[0] == 0x5a && p[3 * PAGE - 1] == 0x5a, "the new pages can be written and read");

	cur = raw_brk(start + PAGE);
	ok_eq(cur, start + PAGE, "brk shrinks to one page");
	cur = raw_brk(start + 3 * PAGE);
	ok(cur == start + 3 * PAGE && p[2 * PAGE] == 0 && p[0] == 0x5a,
	   "grown again: the freed pages come back zeroed, the kept one intact");

	cur = raw_brk(start - 64 * PAGE);
	ok_eq(cur, start + 3 * PAGE, "brk below its start is refused (the break stays)");
	cur = raw_brk(0xC0000000UL);
	ok_eq(cur, start + 3 * PAGE, "brk into the kernel is refused");
	raw_brk(start);

	errno = 0;
	p = sbrk(0);
	ok(p != (void *)-1, "sbrk(0) works");
	p = sbrk(4096);
	ok(p == (void *)-1 && errno == ENOMEM, "musl's sbrk(n) refuses with ENOMEM (musl keeps brk to malloc)");
	return done();
}
