/* file_rw.c - read and write through the page cache: lseek, pread/pwrite, O_APPEND, ftruncate. */
#include <fcntl.h>
#include <sys/stat.h>
#include "ktap.h"

#define PATH "/tmp/file_rw"

int main(void)
{
	static char buf[3 * 4096 + 100], back[sizeof(buf)];
	struct stat st;
	int fd, fd2;

	plan(13);
	for (unsigned i = 0; i < sizeof(buf); i++)
		buf[i] = (char)(i * 13);
	fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
	ok_sys(fd, "open O_CREAT");
	ok_eq(write(fd, buf, sizeof(buf)), sizeof(buf), "write 3 pages and 100 bytes");
	ok_eq(lseek(fd, 0, SEEK_CUR), sizeof(buf), "the offset moved");
	ok_sys(fstat(fd, &st), "fstat");
	ok(st.st_size == sizeof(buf) && S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0644,
	   "size, type and mode");
	lseek(fd, 0, SEEK_SET);
	ok(read(fd, back, sizeof(back)) == sizeof(back) && !memcmp(buf, back, sizeof(buf)),
	   "read back what was written");
	ok_eq(read(fd, back, 10), 0, "read at the end returns 0");
	ok(pwrite(fd, "HELLO", 5, 4094) == 5 && pread(fd, back, 7, 4093) == 7 &&
	   !memcmp(back + 1, "HELLO", 5) && back[0] == buf[4093] && back[6] == buf[4099],
	   "pwrite across a page boundary, pread sees it");
	fd2 = open(PATH, O_WRONLY | O_APPEND);
	ok(write(fd2, "TAIL", 4) == 4 && lseek(fd, 0, SEEK_END) == sizeof(buf) + 4,
	   "O_APPEND writes at the end");
	close(fd2);
	ok_sys(ftruncate(fd, 5000), "ftruncate to 5000 bytes");
	lseek(fd, 4990, SEEK_SET);
	ok_eq(read(fd, back, 100), 10, "a read past the new end returns what is left");
	ok_sys(unlink(PATH), "unlink while open");
	lseek(fd, 0, SEEK_SET);
	ok(read(fd, back, 10) == 10 && !memcmp(back, buf, 10), "the open file still reads");
	close(fd);
	return done();
}
