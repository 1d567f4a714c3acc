/* segv_accerr.c - SIGSEGV with SEGV_ACCERR: writing read-only memory and code, reading PROT_NONE. */
#include <sys/mman.h>
#include "fault.h"

static const char rodata[] = "constant";

int main(void)
{
	char *p;

	plan(6);
	p = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ok_fault(p + 7, 1, SIGSEGV, SEGV_ACCERR, "writing a PROT_READ page: SEGV_ACCERR");
	ok(probe(p + PAGE, 0) == 0 && p[PAGE] == 0, "reading it works");
	ok_fault((void *)rodata, 1, SIGSEGV, SEGV_ACCERR, "writing .rodata: SEGV_ACCERR");
	ok_fault((void *)main, 1, SIGSEGV, SEGV_ACCERR, "writing the program's code: SEGV_ACCERR");
	mprotect(p, 2 * PAGE, PROT_NONE);
	ok_fault(p, 0, SIGSEGV, SEGV_ACCERR, "reading a PROT_NONE page: SEGV_ACCERR");
	ok(strcmp(rodata, "constant") == 0, "nothing was changed");
	munmap(p, 2 * PAGE);
	return done();
}
