/* mprotect.c - PROT_READ, PROT_NONE and back; splitting and merging regions; errors. */
#include <stdio.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include "fault.h"

/* The number of /proc/self/maps lines that overlap [p, p + len). */
static int vmas(char *p, unsigned long len)
{
	FILE *f = fopen("/proc/self/maps", "r");
	unsigned long s, e, lo = (unsigned long)p, hi = lo + len;
	char line[256];
	int n = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx-%lx", &s, &e) == 2 && s < hi && e > lo)
			n++;
	fclose(f);
	return n;
}

int main(void)
{
	char *p;

	plan(14);
	p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(p, 'x', 4 * PAGE);
	ok_eq(vmas(p, 4 * PAGE), 1, "one region");
	ok_sys(mprotect(p + PAGE, PAGE, PROT_READ), "mprotect page 1 PROT_READ");
	ok_eq(vmas(p, 4 * PAGE), 3, "split into three regions");
	ok_fault(p + PAGE + 8, 1, SIGSEGV, SEGV_ACCERR, "writing it: SEGV_ACCERR");
	ok(probe(p + PAGE, 0) == 0 && p[PAGE] == 'x', "reading it works and sees the data");
	ok(probe(p, 1) == 0 && probe(p + 2 * PAGE, 1) == 0, "its neighbours stay writable");
	ok_sys(mprotect(p + PAGE, PAGE, PROT_NONE), "mprotect page 1 PROT_NONE");
	ok_fault(p + PAGE, 0, SIGSEGV, SEGV_ACCERR, "reading it: SEGV_ACCERR");
	ok_sys(mprotect(p + PAGE, PAGE, PROT_READ | PROT_WRITE), "back to PROT_READ|PROT_WRITE");
	ok(p[PAGE + 8] == 'x' && probe(p + PAGE, 1) == 0, "the data survived and it is writable");
	ok_eq(vmas(p, 4 * PAGE), 1, "the three regions merged again");
	/* musl's mprotect rounds the range to pages: the raw call does not. */
	ok_errno(syscall(SYS_mprotect, p + 1, PAGE, PROT_READ), EINVAL, "an unaligned address: EINVAL");
	munmap(p + 2 * PAGE, 2 * PAGE);
	ok_errno(syscall(SYS_mprotect, p, 4 * PAGE, PROT_READ), ENOMEM,
		 "a range reaching unmapped memory: ENOMEM");
	ok_errno(syscall(SYS_mprotect, p, PAGE, 0x80), EINVAL, "an unknown PROT bit: EINVAL");
	munmap(p, 2 * PAGE);
	return done();
}
