/* mmap_anon.c - anonymous private mmap: zero fill, use, munmap, PROT_NONE. */
#include <sys/mman.h>
#include "fault.h"

int main(void)
{
	char *p;
	int zero = 1;

	plan(8);
	p = mmap(NULL, 16 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ok(p != MAP_FAILED, "mmap of 16 anonymous pages");
	ok(((unsigned long)p & (PAGE - 1)) == 0, "the address is page-aligned");
	for (unsigned long i = 0; i < 16 * PAGE; i++)
		zero &= p[i] == 0;
	ok(zero, "every byte reads as zero");
	for (unsigned long i = 0; i < 16 * PAGE; i += 64)
		p[i] = (char)(i / 64);
	zero = 1;
	for (unsigned long i = 0; i < 16 * PAGE; i += 64)
		zero &= p[i] == (char)(i / 64);
	ok(zero, "what is written reads back");
	ok_sys(munmap(p, 16 * PAGE), "munmap of the whole region");
	ok_fault(p + 5 * PAGE, 0, SIGSEGV, SEGV_MAPERR, "reading the unmapped region: SEGV_MAPERR");

	p = mmap(NULL, 2 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ok_fault(p + PAGE, 0, SIGSEGV, SEGV_ACCERR, "reading PROT_NONE memory: SEGV_ACCERR");
	ok_fault(p, 1, SIGSEGV, SEGV_ACCERR, "writing PROT_NONE memory: SEGV_ACCERR");
	munmap(p, 2 * PAGE);
	return done();
}
