/* mmap_populate.c - MAP_POPULATE maps every page at once (mincore sees them). */
#include <sys/mman.h>
#include "ktap.h"

static int resident(void *p, int pages)
{
	unsigned char vec[64];
	int n = 0;

	if (mincore(p, pages * PAGE, vec))
		return -1;
	for (int i = 0; i < pages; i++)
		n += vec[i] & 1;
	return n;
}

int main(void)
{
	char *p;
	int zero = 1;

	plan(5);
	p = mmap(NULL, 32 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ok_eq(resident(p, 32), 0, "without MAP_POPULATE no page is resident");
	munmap(p, 32 * PAGE);
	p = mmap(NULL, 32 * PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	ok(p != MAP_FAILED, "mmap with MAP_POPULATE");
	ok_eq(resident(p, 32), 32, "with MAP_POPULATE all 32 pages are resident");
	for (unsigned long i = 0; i < 32 * PAGE; i++)
		zero &= p[i] == 0;
	ok(zero, "and read as zero");
	p[5 * PAGE] = 1;
	ok(p[5 * PAGE] == 1, "and can be written");
	munmap(p, 32 * PAGE);
	return done();
}
