/*
 * brk_collide.c - the break cannot grow into a mapping placed above it, nor
 * to its very start: sys_brk keeps a free page (2.6 and 6.1 alike).
 */
#include <sys/mman.h>
#include <sys/syscall.h>
#include "ktap.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

int main(void)
{
	unsigned long brk0 = syscall(SYS_brk, 0), top;
	char *blocker;

	plan(5);
	top = (brk0 + 4 * PAGE + PAGE - 1) & ~(PAGE - 1);
	blocker = mmap((void *)top, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
		       -1, 0);
	ok(blocker == (void *)top, "a page mapped 4 pages above the break");
	ok_eq(syscall(SYS_brk, top - PAGE), top - PAGE, "brk up to a page below it works");
	ok_eq(syscall(SYS_brk, top), top - PAGE,
	      "brk leaving no free page below it is refused (sys_brk: newbrk + PAGE_SIZE)");
	ok(*(volatile char *)blocker == 0, "the mapping is intact");
	munmap(blocker, PAGE);
	ok_eq(syscall(SYS_brk, top + PAGE), top + PAGE, "after munmap the break grows");
	syscall(SYS_brk, brk0);
	return done();
}
