/* mlock.c - mlock makes pages resident, munlock and mlockall/munlockall; msync's errors. */
#include <sys/mman.h>
#include <sys/syscall.h>
#include "ktap.h"

static int resident(char *p, int pages)
{
	unsigned char vec[16];
	int n = 0;

	if (mincore(p, pages * PAGE, vec))
		return -1;
	for (int i = 0; i < pages; i++)
		n += vec[i] & 1;
	return n;
}

int main(void)
{
	char *p = mmap(NULL, 16 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	plan(10);
	ok_eq(resident(p, 16), 0, "16 fresh pages, none resident");
	ok_sys(mlock(p + 4 * PAGE, 8 * PAGE), "mlock of 8 of them");
	ok_eq(resident(p, 16), 8, "exactly those 8 are resident");
	ok(p[5 * PAGE] == 0, "and read as zero");
	ok_sys(munlock(p, 16 * PAGE), "munlock");
	munmap(p + 12 * PAGE, 4 * PAGE);
	ok_errno(mlock(p, 16 * PAGE), ENOMEM, "mlock of a range with unmapped pages: ENOMEM");
	ok_sys(mlockall(MCL_CURRENT), "mlockall(MCL_CURRENT)");
	ok_eq(resident(p, 12), 12, "every mapped page is resident now");
	ok_sys(munlockall(), "munlockall");
	ok_errno(syscall(SYS_msync, p, PAGE, MS_SYNC | MS_ASYNC), EINVAL, "msync with MS_SYNC|MS_ASYNC: EINVAL");
	munmap(p, 12 * PAGE);
	return done();
}
