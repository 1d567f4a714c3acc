/* mremap.c - shrink, grow in place, MREMAP_MAYMOVE keeping contents, MREMAP_FIXED, errors. */
#define _GNU_SOURCE
#include <sys/mman.h>
#include "fault.h"

#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

int main(void)
{
	char *p, *q, *r, *target;
	int good = 1;

	plan(13);
	p = mmap(NULL, 8 * PAGE, RW, ANON, -1, 0);
	for (int i = 0; i < 8; i++)
		p[i * PAGE] = 'a' + i;
	q = mremap(p, 8 * PAGE, 4 * PAGE, 0);
	ok(q == p, "shrinking from 8 pages to 4 keeps the address");
	ok_fault(p + 5 * PAGE, 0, SIGSEGV, SEGV_MAPERR, "the cut tail faults");
	q = mremap(p, 4 * PAGE, 8 * PAGE, 0);
	ok(q == p, "growing back in place (the space above is free)");
	ok(p[3 * PAGE] == 'd' && p[5 * PAGE] == 0, "old pages kept, new pages zero");

	/* A page mapped just above blocks growth in place. */
	r = mmap(p + 8 * PAGE, PAGE, PROT_READ, ANON | MAP_FIXED, -1, 0);
	q = mremap(p, 8 * PAGE, 16 * PAGE, 0);
	ok(q == MAP_FAILED && errno == ENOMEM, "growth blocked without MREMAP_MAYMOVE: ENOMEM");
	q = mremap(p, 8 * PAGE, 16 * PAGE, MREMAP_MAYMOVE);
	ok(q != MAP_FAILED && q != p, "with MREMAP_MAYMOVE it moves");
	for (int i = 0; i < 4; i++)
		good &= q[i * PAGE] == 'a' + i;
	ok(good && q[15 * PAGE] == 0, "the contents moved with it");
	ok_fault(p, 0, SIGSEGV, SEGV_MAPERR, "the old address is unmapped");
	munmap(r, PAGE);

	target = mmap(NULL, 4 * PAGE, PROT_READ, ANON, -1, 0);
	r = mremap(q, 16 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, target);
	ok(r == target, "MREMAP_FIXED moves onto a chosen address (replacing what was there)");
	ok(r != MAP_FAILED && r[2 * PAGE] == 'c' && probe(r, 1) == 0,
	   "with the contents and the old protection");
	ok_fault(q, 0, SIGSEGV, SEGV_MAPERR, "the source is gone");
	ok_errno((long)mremap(r + 1, PAGE, 2 * PAGE, MREMAP_MAYMOVE), EINVAL,
		 "an unaligned old address: EINVAL");
	ok_errno((long)mremap(r, 4 * PAGE, 0, MREMAP_MAYMOVE), EINVAL, "new length 0: EINVAL");
	munmap(r, 4 * PAGE);
	return done();
}
