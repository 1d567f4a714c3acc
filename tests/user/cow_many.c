/* cow_many.c - 16 children sharing 1 MB copy-on-write, each checking and writing it. */
#include <sys/mman.h>
#include "ktap.h"

#define SIZE (1UL << 20)
#define CHILDREN 16

int main(void)
{
	unsigned char *p = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	pid_t pids[CHILDREN];
	int exited = 0, good = 1;

	plan(3);
	for (unsigned long i = 0; i < SIZE; i++)
		p[i] = (unsigned char)(i * 7);
	for (int c = 0; c < CHILDREN; c++) {
		pids[c] = fork();
		if (pids[c] == 0) {
			int bad = 0;
			for (unsigned long i = 0; i < SIZE; i += 97)
				bad |= p[i] != (unsigned char)(i * 7);
			for (unsigned long i = (c & 1) * PAGE; i < SIZE; i += 2 * PAGE)
				p[i] = (unsigned char)c;
			for (unsigned long i = (c & 1) * PAGE; i < SIZE; i += 2 * PAGE)
				bad |= p[i] != (unsigned char)c;
			_exit(bad);
		}
	}
	for (int c = 0; c < CHILDREN; c++) {
		int st = child_status(pids[c]);
		exited += st == 0;
	}
	ok_eq(exited, CHILDREN, "every child saw the shared pages and its own writes");
	for (unsigned long i = 0; i < SIZE; i++)
		good &= p[i] == (unsigned char)(i * 7);
	ok(good, "the parent's megabyte is unchanged");
	ok_errno(wait(NULL), ECHILD, "all children reaped: ECHILD");
	return done();
}
