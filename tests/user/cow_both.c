/* cow_both.c - copy-on-write: parent and child both write the same pages, in turns. */
#include <sys/mman.h>
#include "ktap.h"

int main(void)
{
	char *p = mmap(NULL, 16 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int to_child[2], to_parent[2], good = 1;
	char c;
	pid_t pid;

	plan(3);
	memset(p, 'o', 16 * PAGE);
	pipe(to_child);
	pipe(to_parent);
	pid = fork();
	if (pid == 0) {
		int bad = 0;
		for (int i = 0; i < 16; i += 2)
			p[i * PAGE] = 'c';		/* child first on even pages */
		write(to_parent[1], "x", 1);
		read(to_child[0], &c, 1);
		for (int i = 1; i < 16; i += 2)
			p[i * PAGE] = 'c';		/* child second on odd pages */
		for (int i = 0; i < 16; i++)
			bad |= p[i * PAGE] != 'c' || p[i * PAGE + 1] != 'o';
		_exit(bad);
	}
	read(to_parent[0], &c, 1);
	for (int i = 1; i < 16; i += 2)
		p[i * PAGE] = 'p';			/* parent first on odd pages */
	for (int i = 0; i < 16; i += 2)
		p[i * PAGE] = 'p';			/* parent second on even pages */
	write(to_child[1], "x", 1);
	want_status(pid, "exit 0", "the child sees only its own writes");
	for (int i = 0; i < 16; i++)
		good &= p[i * PAGE] == 'p' && p[i * PAGE + 1] == 'o';
	ok(good, "the parent sees only its own writes");
	ok(p[15 * PAGE + 100] == 'o', "bytes nobody wrote are the original ones");
	return done();
}
