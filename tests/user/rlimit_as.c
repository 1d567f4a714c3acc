/* rlimit_as.c - RLIMIT_AS: mappings and brk beyond the limit fail with ENOMEM, others work. */
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include "ktap.h"

int main(void)
{
	struct rlimit rl = { 64UL << 20, RLIM_INFINITY };
	unsigned long brk0;
	void *p, *q;

	plan(7);
	ok_sys(setrlimit(RLIMIT_AS, &rl), "setrlimit(RLIMIT_AS, 64 MB)");
	p = mmap(NULL, 96UL << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ok(p == MAP_FAILED && errno == ENOMEM, "mmap of 96 MB: ENOMEM");
	p = mmap(NULL, 32UL << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ok(p != MAP_FAILED, "mmap of 32 MB works");
	q = mmap(NULL, 40UL << 20, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ok(q == MAP_FAILED && errno == ENOMEM, "40 MB more, even PROT_NONE: ENOMEM");
	brk0 = syscall(SYS_brk, 0);
	ok_eq(syscall(SYS_brk, brk0 + (40UL << 20)), brk0, "brk 40 MB up is refused");
	munmap(p, 32UL << 20);
	q = mmap(NULL, 40UL << 20, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ok(q != MAP_FAILED, "after munmap the 40 MB fit");
	rl.rlim_cur = RLIM_INFINITY;
	ok_sys(setrlimit(RLIMIT_AS, &rl), "the limit lifted");
	return done();
}
