/* fork_32m.c - fork of a process with 32 MB touched: the child checks it, writes half. */
#include <sys/mman.h>
#include "ktap.h"

#define SIZE (32UL << 20)

int main(void)
{
	unsigned *p = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int good = 1;
	pid_t pid;

	plan(3);
	ok(p != MAP_FAILED, "32 MB mapped");
	for (unsigned long i = 0; i < SIZE / 4; i += 1024)
		p[i] = i ^ 0x5a5a5a5a;
	pid = fork();
	if (pid == 0) {
		int bad = 0;
		for (unsigned long i = 0; i < SIZE / 4; i += 1024)
			bad |= p[i] != (i ^ 0x5a5a5a5a);
		for (unsigned long i = 0; i < SIZE / 8; i += 1024)
			p[i] = 0;
		_exit(bad);
	}
	want_status(pid, "exit 0", "the child sees all 32 MB and writes 16 MB");
	for (unsigned long i = 0; i < SIZE / 4; i += 1024)
		good &= p[i] == (i ^ 0x5a5a5a5a);
	ok(good, "the parent's 32 MB are unchanged");
	return done();
}
