/* file_mmap_shared.c - MAP_SHARED of a file: seen by read(), by write(), by another process. */
#include <fcntl.h>
#include <sys/mman.h>
#include "ktap.h"

#define PATH "/tmp/file_mmap_shared"

int main(void)
{
	static char page[2 * 4096];
	char back[16];
	int fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
	char *p;
	pid_t pid;

	plan(8);
	memset(page, '.', sizeof(page));
	write(fd, page, sizeof(page));
	p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ok(p != MAP_FAILED, "mmap MAP_SHARED of a 2-page file");
	ok(p[0] == '.' && p[2 * PAGE - 1] == '.', "the mapping shows the file");
	memcpy(p + PAGE + 10, "mapped", 6);
	ok(pread(fd, back, 6, PAGE + 10) == 6 && !memcmp(back, "mapped", 6),
	   "a store to the mapping is seen by read()");
	pwrite(fd, "written", 7, 100);
	ok(!memcmp(p + 100, "written", 7), "a write() is seen in the mapping");
	pid = fork();
	if (pid == 0) {
		int fd2 = open(PATH, O_RDWR);
		char *q = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd2, 0);
		int bad = q == MAP_FAILED || memcmp(q + PAGE + 10, "mapped", 6);
		if (!bad)
			memcpy(q + 200, "child", 5);
		_exit(bad);
	}
	want_status(pid, "exit 0", "another process mapping the file sees the stores");
	ok(!memcmp(p + 200, "child", 5), "and its stores are seen by the first mapping");
	ok_sys(msync(p, 2 * PAGE, MS_SYNC), "msync");
	munmap(p, 2 * PAGE);
	ok(pread(fd, back, 5, 200) == 5 && !memcmp(back, "child", 5), "the file keeps it after munmap");
	close(fd);
	unlink(PATH);
	return done();
}
