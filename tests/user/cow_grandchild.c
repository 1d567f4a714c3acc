/* cow_grandchild.c - copy-on-write over three generations, pages written at each level. */
#include <sys/mman.h>
#include "ktap.h"

int main(void)
{
	char *p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	pid_t pid;

	plan(3);
	memset(p, 'g', 4 * PAGE);		/* page 3 is never written again */
	pid = fork();
	if (pid == 0) {
		pid_t gpid;
		int st;

		p[PAGE] = 'c';
		gpid = fork();
		if (gpid == 0) {
			int bad = p[0] != 'g' || p[PAGE] != 'c' || p[3 * PAGE] != 'g';
			p[0] = 'x';
			p[PAGE] = 'x';
			p[2 * PAGE] = 'x';
			_exit(bad);
		}
		waitpid(gpid, &st, 0);
		_exit(st != 0 ? 1 : p[0] != 'g' || p[PAGE] != 'c' || p[2 * PAGE] != 'g' ? 2 : 0);
	}
	want_status(pid, "exit 0", "child and grandchild each saw what they should");
	ok(p[0] == 'g' && p[PAGE] == 'g' && p[2 * PAGE] == 'g', "the first generation is untouched");
	p[3 * PAGE] = 'p';
	ok(p[3 * PAGE] == 'p', "and can still write its pages");
	return done();
}
