/* mincore.c - residency before and after touching, after MADV_DONTNEED; errors. */
#include <sys/mman.h>
#include "ktap.h"

int main(void)
{
	unsigned char vec[8];
	char *p;

	plan(7);
	p = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ok_sys(mincore(p, 8 * PAGE, vec), "mincore of a fresh mapping");
	ok(!((vec[0] | vec[3] | vec[7]) & 1), "no page is resident");
	p[3 * PAGE] = 1;
	p[7 * PAGE + 10] = 1;
	mincore(p, 8 * PAGE, vec);
	ok((vec[3] & 1) && (vec[7] & 1) && !(vec[0] & 1) && !(vec[6] & 1),
	   "after writing pages 3 and 7 exactly those are resident");
	madvise(p, 8 * PAGE, MADV_DONTNEED);
	mincore(p, 8 * PAGE, vec);
	ok(!((vec[3] | vec[7]) & 1), "MADV_DONTNEED made them non-resident");
	ok_errno(mincore(p + 1, PAGE, vec), EINVAL, "an unaligned address: EINVAL");
	munmap(p + 4 * PAGE, 4 * PAGE);
	ok_errno(mincore(p, 8 * PAGE, vec), ENOMEM, "a range reaching unmapped memory: ENOMEM");
	ok_errno(mincore(p, 4 * PAGE, (unsigned char *)0xC0000000UL), EFAULT,
		 "a vector in kernel space: EFAULT");
	munmap(p, 4 * PAGE);
	return done();
}
