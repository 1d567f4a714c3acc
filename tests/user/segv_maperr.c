/* segv_maperr.c - SIGSEGV with SEGV_MAPERR and the faulting si_addr, recovered by siglongjmp. */
#include <sys/mman.h>
#include "fault.h"

int main(void)
{
	char *p;
	int survived = 0;

	plan(7);
	ok_fault((void *)0, 0, SIGSEGV, SEGV_MAPERR, "reading NULL: SEGV_MAPERR at address 0");
	ok_fault((void *)16, 1, SIGSEGV, SEGV_MAPERR, "writing NULL + 16: SEGV_MAPERR at 16");
	p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(p + PAGE, PAGE);
	ok_fault(p + PAGE + 123, 0, SIGSEGV, SEGV_MAPERR, "reading an unmapped page: si_addr exact");
	ok_fault(p + 2 * PAGE - 1, 1, SIGSEGV, SEGV_MAPERR, "writing its last byte");
	ok_fault((void *)0xC0001000UL, 0, SIGSEGV, SEGV_MAPERR, "reading kernel memory: SEGV_MAPERR");
	ok_fault((void *)0xFFFFF000UL, 1, SIGSEGV, SEGV_MAPERR, "writing the top page: SEGV_MAPERR");
	for (int i = 0; i < 100; i++)
		survived += probe((void *)8, 0) == SIGSEGV;
	ok_eq(survived, 100, "a hundred faults in a row, each recovered");
	return done();
}
