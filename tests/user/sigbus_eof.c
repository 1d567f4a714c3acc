/* sigbus_eof.c - SIGBUS BUS_ADRERR touching a file mapping past the end of the file. */
#include <fcntl.h>
#include <sys/mman.h>
#include "fault.h"

int main(void)
{
	int fd = open("/tmp/sigbus_eof", O_RDWR | O_CREAT | O_TRUNC, 0600);
	char *p, *q;

	plan(8);
	ok_eq(write(fd, "0123456789", 10), 10, "a file of 10 bytes");
	p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ok(p != MAP_FAILED, "mmap of 3 pages of it, MAP_SHARED");
	ok(p[5] == '5', "its bytes are there");
	ok(p[100] == 0 && p[PAGE - 1] == 0, "the rest of the last page reads as zero");
	ok_fault(p + PAGE, 0, SIGBUS, BUS_ADRERR, "the page after the end: SIGBUS BUS_ADRERR");
	ok_fault(p + 2 * PAGE + 5, 1, SIGBUS, BUS_ADRERR, "writing two pages after: SIGBUS");
	q = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	ok_fault(q + PAGE + 1, 1, SIGBUS, BUS_ADRERR, "MAP_PRIVATE too");
	p[11] = 'x';
	ok(lseek(fd, 0, SEEK_END) == 10, "a write to the mapping past EOF does not grow the file");
	munmap(p, 3 * PAGE);
	munmap(q, 2 * PAGE);
	close(fd);
	unlink("/tmp/sigbus_eof");
	return done();
}
