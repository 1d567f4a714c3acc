/*
 * mlock_limit.c - RLIMIT_MEMLOCK binds a task without CAP_IPC_LOCK: root
 * locks past it; uid 65534 within it, not past it (pages already locked
 * not counted twice), not at all with a limit of 0; nor may it raise a
 * hard limit.
 */
#include <sys/mman.h>
#include <sys/resource.h>
#include "ktap.h"

static int set_memlock(unsigned long pages)
{
	struct rlimit rl = { pages * PAGE, pages * PAGE };

	return setrlimit(RLIMIT_MEMLOCK, &rl);
}

int main(void)
{
	char *p = mmap(NULL, 16 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	plan(11);
	ok_sys(set_memlock(4), "RLIMIT_MEMLOCK of 4 pages");
	ok_sys(mlock(p, 8 * PAGE), "root locks 8 pages all the same");
	munlock(p, 16 * PAGE);
	ok_sys(setgid(65534) || setuid(65534), "uid 65534 now");
	ok_sys(mlock(p, 4 * PAGE), "4 pages: within the limit");
	ok_sys(mlock(p, 4 * PAGE), "the same 4 again: not counted twice");
	ok_errno(mlock(p + 4 * PAGE, PAGE), ENOMEM, "one page more: ENOMEM");
	ok_errno(mlockall(MCL_CURRENT), ENOMEM, "mlockall(MCL_CURRENT) of more than the limit: ENOMEM");
	ok_sys(munlock(p, 16 * PAGE), "munlock");
	ok_sys(set_memlock(0), "RLIMIT_MEMLOCK lowered to 0");
	ok_errno(mlock(p, PAGE), EPERM, "then mlock: EPERM");
	ok_errno(set_memlock(1), EPERM, "raising the hard limit again: EPERM");
	return done();
}
