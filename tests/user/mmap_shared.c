/* mmap_shared.c - MAP_SHARED anonymous memory across fork, MAP_PRIVATE not shared. */
#include <sys/mman.h>
#include "ktap.h"

int main(void)
{
	volatile int *shared, *private;
	int to_child[2], to_parent[2];
	char c;
	pid_t pid;

	plan(6);
	shared = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	private = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ok(shared != MAP_FAILED && private != MAP_FAILED, "a shared and a private anonymous mapping");
	shared[0] = 1;
	private[0] = 1;
	pipe(to_child);
	pipe(to_parent);
	pid = fork();
	if (pid == 0) {
		int bad = 0;
		bad |= shared[0] != 1;			/* written before fork */
		shared[1] = 2;				/* seen by the parent */
		shared[PAGE / sizeof(int)] = 3;			/* a page never touched before */
		private[0] = 99;			/* not seen */
		write(to_parent[1], "x", 1);
		read(to_child[0], &c, 1);
		bad |= (shared[2] != 4) << 1;		/* the parent's write after fork */
		_exit(bad);
	}
	close(to_parent[1]);
	close(to_child[0]);
	read(to_parent[0], &c, 1);
	ok(shared[1] == 2, "the child's write is seen by the parent");
	ok(shared[PAGE / sizeof(int)] == 3, "also in a page first touched by the child");
	ok(private[0] == 1, "a write to private memory is not");
	shared[2] = 4;
	write(to_child[1], "x", 1);
	want_status(pid, "exit 0", "the child saw the memory before fork and the parent's later write");
	ok(munmap((void *)shared, 4 * PAGE) == 0, "munmap");
	return done();
}
