/* madvise.c - MADV_DONTNEED drops private pages (zeros after) but not shared ones; errors. */
#include <sys/mman.h>
#include "ktap.h"

int main(void)
{
	char *p, *s;
	int zero = 1;

	plan(8);
	p = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(p, 'x', 8 * PAGE);
	ok_sys(madvise(p + 2 * PAGE, 4 * PAGE, MADV_DONTNEED), "MADV_DONTNEED of pages 2-5");
	for (unsigned long i = 2 * PAGE; i < 6 * PAGE; i++)
		zero &= p[i] == 0;
	ok(zero, "they read as zero afterwards");
	ok(p[PAGE] == 'x' && p[6 * PAGE] == 'x', "the others are untouched");
	s = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	memset(s, 'y', 2 * PAGE);
	ok_sys(madvise(s, 2 * PAGE, MADV_DONTNEED), "MADV_DONTNEED of shared anonymous memory");
	ok(s[0] == 'y' && s[PAGE + 5] == 'y', "shared memory keeps its contents");
	ok_sys(madvise(p, 8 * PAGE, MADV_WILLNEED), "MADV_WILLNEED");
	ok_errno(madvise(p + 1, PAGE, MADV_DONTNEED), EINVAL, "an unaligned address: EINVAL");
	munmap(p + 4 * PAGE, 4 * PAGE);
	ok_errno(madvise(p, 8 * PAGE, MADV_WILLNEED), ENOMEM, "a range with a hole: ENOMEM");
	munmap(p, 4 * PAGE);
	munmap(s, 2 * PAGE);
	return done();
}
