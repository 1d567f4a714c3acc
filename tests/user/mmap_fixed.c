/* mmap_fixed.c - MAP_FIXED over existing mappings, MAP_FIXED_NOREPLACE, hints. */
#include <sys/mman.h>
#include "fault.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

int main(void)
{
	char *p, *q;
	int good = 1;

	plan(9);
	p = mmap(NULL, 4 * PAGE, RW, ANON, -1, 0);
	memset(p, 'a', 4 * PAGE);
	q = mmap(p + PAGE, 2 * PAGE, RW, ANON | MAP_FIXED, -1, 0);
	ok(q == p + PAGE, "MAP_FIXED over the middle of a mapping returns that address");
	for (unsigned long i = 0; i < 2 * PAGE; i++)
		good &= q[i] == 0;
	ok(good, "the replaced pages read as zero");
	ok(p[0] == 'a' && p[3 * PAGE] == 'a' && p[PAGE - 1] == 'a',
	   "the pages around keep their contents");
	q = mmap(p + PAGE, PAGE, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
	ok(q == MAP_FAILED && errno == EEXIST, "MAP_FIXED_NOREPLACE over a mapping: EEXIST");
	ok(p[PAGE] == 0 && p[0] == 'a', "and the mapping is unchanged");
	munmap(p, 4 * PAGE);
	q = mmap(p + PAGE, PAGE, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
	ok(q == p + PAGE, "MAP_FIXED_NOREPLACE on free space maps exactly there");
	ok(q != MAP_FAILED && q[0] == 0 && probe(p, 0) == SIGSEGV, "one page there, nothing below");
	munmap(q, PAGE);
	q = mmap(p, PAGE, RW, ANON, -1, 0);
	ok(q == p, "a free hint address is taken as it is");
	munmap(q, PAGE);
	q = mmap((void *)0x10000000UL, PAGE, RW, ANON | MAP_FIXED, -1, 0);
	ok(q == (void *)0x10000000UL, "MAP_FIXED at a chosen address");
	munmap(q, PAGE);
	return done();
}
