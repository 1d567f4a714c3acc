/* munmap.c - partial munmap splitting a region, munmap over several regions and of nothing. */
#include <sys/mman.h>
#include "fault.h"

int main(void)
{
	char *p, *q;

	plan(12);
	p = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	for (int i = 0; i < 8; i++)
		p[i * PAGE] = 'a' + i;
	ok_sys(munmap(p + 3 * PAGE, 2 * PAGE), "munmap of pages 3-4 of 8");
	ok_fault(p + 3 * PAGE, 0, SIGSEGV, SEGV_MAPERR, "page 3 (the hole) faults: SEGV_MAPERR");
	ok_fault(p + 4 * PAGE + 100, 1, SIGSEGV, SEGV_MAPERR, "page 4 (the hole) faults on write");
	ok(p[2 * PAGE] == 'c' && p[5 * PAGE] == 'f' && p[0] == 'a' && p[7 * PAGE] == 'h',
	   "the pages on both sides keep their contents");
	ok_sys(munmap(p + 3 * PAGE, 2 * PAGE), "munmap of the hole again (nothing there) succeeds");
	ok_sys(munmap(p, 8 * PAGE), "munmap across both halves and the hole");
	ok_fault(p + 7 * PAGE, 0, SIGSEGV, SEGV_MAPERR, "the last page is gone");

	/* Three neighbouring regions of different protections: three VMAs. */
	q = mmap(NULL, 6 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	mprotect(q + 2 * PAGE, 2 * PAGE, PROT_READ);
	ok_sys(munmap(q + PAGE, 4 * PAGE), "munmap over parts of three regions");
	ok(probe(q, 0) == 0 && probe(q + 5 * PAGE, 0) == 0 && probe(q + 2 * PAGE, 0) == SIGSEGV,
	   "the ends stay, the middle is gone");
	munmap(q, 6 * PAGE);

	ok_errno(munmap(p + 1, PAGE), EINVAL, "munmap of an unaligned address: EINVAL");
	ok_errno(munmap(p, 0), EINVAL, "munmap of length 0: EINVAL");
	ok_errno(munmap((void *)0xC0000000UL, PAGE), EINVAL, "munmap of kernel space: EINVAL");
	return done();
}
