/* file_mmap_private.c - MAP_PRIVATE of a file: copy-on-write leaves the file intact. */
#include <fcntl.h>
#include <sys/mman.h>
#include "ktap.h"

#define PATH "/tmp/file_mmap_private"

int main(void)
{
	static char page[2 * 4096];
	char back[16];
	int fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
	char *p;
	pid_t pid;

	plan(7);
	memset(page, 'f', sizeof(page));
	write(fd, page, sizeof(page));
	p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	ok(p != MAP_FAILED && p[5] == 'f', "mmap MAP_PRIVATE shows the file");
	p[5] = 'P';
	ok(p[5] == 'P' && pread(fd, back, 1, 5) == 1 && back[0] == 'f',
	   "a store to the mapping is private: the file still has the old byte");
	pwrite(fd, "new", 3, PAGE + 8);
	ok(!memcmp(p + PAGE + 8, "new", 3), "a page not yet written still shows the file's changes");
	pwrite(fd, "zzz", 3, 16);
	ok(p[16] == 'f', "a page already copied does not");
	pid = fork();
	if (pid == 0) {
		p[5] = 'C';
		_exit(p[5] == 'C' ? 0 : 1);
	}
	want_status(pid, "exit 0", "a child writes its own copy");
	ok(p[5] == 'P', "the parent's copy is unchanged");
	munmap(p, 2 * PAGE);
	ok(pread(fd, back, 1, 5) == 1 && back[0] == 'f', "the file is intact after munmap");
	close(fd);
	unlink(PATH);
	return done();
}
