/* rlimit_data.c - RLIMIT_DATA bounds the break (brk); lifting it lets brk grow again. */
#include <sys/resource.h>
#include <sys/syscall.h>
#include "ktap.h"

int main(void)
{
	struct rlimit rl, old;
	unsigned long brk0 = syscall(SYS_brk, 0);

	plan(6);
	ok_sys(getrlimit(RLIMIT_DATA, &old), "getrlimit(RLIMIT_DATA)");
	ok(old.rlim_cur == RLIM_INFINITY, "unlimited by default");
	rl.rlim_cur = 1UL << 20;
	rl.rlim_max = RLIM_INFINITY;
	ok_sys(setrlimit(RLIMIT_DATA, &rl), "limited to 1 MB");
	ok_eq(syscall(SYS_brk, brk0 + (4UL << 20)), brk0, "brk 4 MB up is refused");
	setrlimit(RLIMIT_DATA, &old);
	ok_eq(syscall(SYS_brk, brk0 + (4UL << 20)), brk0 + (4UL << 20), "without the limit it works");
	syscall(SYS_brk, brk0);
	rl.rlim_cur = 2;
	rl.rlim_max = 1;
	ok_errno(setrlimit(RLIMIT_DATA, &rl), EINVAL, "a soft limit above the hard one: EINVAL");
	return done();
}
