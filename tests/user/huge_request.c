/* huge_request.c - requests larger than the address space fail cleanly; the process goes on. */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <sys/syscall.h>
#include "ktap.h"

int main(void)
{
	volatile size_t three_gb = 3UL << 30, two_gb = 2UL << 30;
	unsigned long brk0 = syscall(SYS_brk, 0);
	char *p;

	plan(7);
	p = mmap(NULL, three_gb, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ok(p == MAP_FAILED && errno == ENOMEM, "mmap of 3 GB: ENOMEM");
	p = mmap(NULL, three_gb + (three_gb >> 2), PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
		 -1, 0);
	ok(p == MAP_FAILED && errno == ENOMEM, "3.75 GB PROT_NONE: ENOMEM");
	errno = 0;
	p = malloc(two_gb + (two_gb >> 1));
	ok(p == NULL && errno == ENOMEM, "malloc of 2.5 GB: NULL, ENOMEM");
	ok_eq(syscall(SYS_brk, brk0 + three_gb), brk0, "brk 3 GB up is refused");
	p = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ok(mremap(p, 8 * PAGE, three_gb, MREMAP_MAYMOVE) == MAP_FAILED && errno == ENOMEM,
	   "mremap to 3 GB: ENOMEM");
	p[0] = 1;
	ok(p[0] == 1, "the small mapping survived");
	p = malloc(1 << 20);
	ok(p != NULL, "and a 1 MB malloc works");
	return done();
}
