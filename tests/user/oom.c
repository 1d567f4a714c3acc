/*
 * oom.c - a child that eats all memory is killed by the OOM killer
 * (SIGKILL); the parent and the kernel carry on and the memory comes back.
 * The child asks in 8 MB pieces (each within overcommit's heuristic) and
 * writes every page.
 */
#include <fcntl.h>
#include <sys/mman.h>
#include "ktap.h"

#define PIECE (8UL << 20)

int main(void)
{
	pid_t pid;
	char *p;
	int good = 1;

	plan(3);
	pid = fork();
	if (pid == 0) {
		int fd = open("/proc/self/oom_score_adj", O_WRONLY);
		if (fd >= 0) {
			write(fd, "1000", 4);
			close(fd);
		}
		for (int i = 0; i < 512; i++) {		/* 4 GB: more than there is */
			char *q = mmap(NULL, PIECE, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (q == MAP_FAILED)
				_exit(3);		/* refused, not killed */
			for (unsigned long off = 0; off < PIECE; off += PAGE)
				q[off] = 1;
		}
		_exit(4);
	}
	want_status(pid, "signal SIGKILL", "the memory eater is killed by the OOM killer");
	p = mmap(NULL, 16UL << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	for (unsigned long off = 0; p != MAP_FAILED && off < (16UL << 20); off += PAGE)
		p[off] = (char)(off >> 12);
	for (unsigned long off = 0; p != MAP_FAILED && off < (16UL << 20); off += PAGE)
		good &= p[off] == (char)(off >> 12);
	ok(p != MAP_FAILED && good, "the parent then uses 16 MB");
	ok_errno(wait(NULL), ECHILD, "nothing else to reap");
	return done();
}
