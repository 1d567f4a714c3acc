/* file_truncate.c - ftruncate under a shared mapping: the pages past the new end give SIGBUS. */
#include <fcntl.h>
#include <sys/mman.h>
#include "fault.h"

#define PATH "/tmp/file_truncate"

int main(void)
{
	static char page[3 * 4096];
	int fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
	char *p;

	plan(6);
	memset(page, 't', sizeof(page));
	write(fd, page, sizeof(page));
	p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ok(p != MAP_FAILED && p[2 * PAGE] == 't', "a 3-page file mapped shared and read");
	ok_sys(ftruncate(fd, 100), "ftruncate to 100 bytes");
	ok(p[99] == 't' && p[100] == 0 && p[PAGE - 1] == 0,
	   "the first page keeps 100 bytes, the rest of it reads zero");
	ok_fault(p + 2 * PAGE, 0, SIGBUS, BUS_ADRERR, "a page past the end: SIGBUS");
	ok_sys(ftruncate(fd, 3 * PAGE), "grown again to 3 pages");
	ok(probe(p + 2 * PAGE, 0) == 0 && p[2 * PAGE] == 0, "the page is back, zero-filled");
	munmap(p, 3 * PAGE);
	close(fd);
	unlink(PATH);
	return done();
}
