/*
 * sendfile.c - sendfile64 and sendfile as Linux 6.1's: file to file and
 * to a pipe, from the file position or an offset (which moves, not the
 * position), short at the end of the file; the errors: EBADF, EINVAL
 * for a pipe as input, a negative offset, O_APPEND output; EFAULT.
 */
#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/syscall.h>
#include "ktap.h"

static long rc(long r)
{
	return r < 0 ? -errno : r;
}

int main(void)
{
	char data[10000], back[10000];
	int in, out, p[2], ro;
	off_t off;
	long off32;
	long long off64;

	plan(15);
	for (unsigned i = 0; i < sizeof(data); i++)
		data[i] = 'a' + i % 26;
	in = open("/tmp/sf_in", O_RDWR | O_CREAT | O_TRUNC, 0600);
	write(in, data, sizeof(data));
	out = open("/tmp/sf_out", O_RDWR | O_CREAT | O_TRUNC, 0600);
	lseek(in, 0, SEEK_SET);

	ok_eq(rc(sendfile(out, in, NULL, 6000)), 6000L, "6000 bytes from the position");
	ok_eq(rc(lseek(in, 0, SEEK_CUR)), 6000L, "the input's position moved");
	ok_eq(rc(sendfile(out, in, NULL, 100000)), 4000L, "the rest: short at the end of the file");
	ok_eq(rc(sendfile(out, in, NULL, 100)), 0L, "at the end: 0");
	memset(back, 0, sizeof(back));
	pread(out, back, sizeof(back), 0);
	ok(!memcmp(back, data, sizeof(data)) && lseek(out, 0, SEEK_CUR) == 10000, "the output has every byte");

	off = 9000;
	lseek(in, 5, SEEK_SET);
	ok(rc(sendfile(out, in, &off, 500)) == 500 && off == 9500 && lseek(in, 0, SEEK_CUR) == 5,
	   "with an offset: the offset moves, not the position");
	pipe(p);
	off = 26;
	ok(rc(sendfile(p[1], in, &off, 10)) == 10 && read(p[0], back, 10) == 10 &&
	   !memcmp(back, "abcdefghij", 10), "into a pipe");
	off32 = 1;
	ok(rc(syscall(SYS_sendfile, p[1], in, &off32, 3)) == 3 && off32 == 4 &&
	   read(p[0], back, 3) == 3 && !memcmp(back, "bcd", 3), "sendfile (32-bit offset)");

	ok_eq(rc(sendfile(out, 99, NULL, 1)), (long)-EBADF, "a closed input: EBADF");
	ro = open("/tmp/sf_in", O_RDONLY);
	ok_eq(rc(sendfile(ro, in, NULL, 1)), (long)-EBADF, "an output not open for writing: EBADF");
	ok_eq(rc(sendfile(out, p[0], NULL, 1)), (long)-EINVAL, "a pipe as input: EINVAL");
	off = -1;
	ok_eq(rc(sendfile(out, in, &off, 1)), (long)-EINVAL, "a negative offset: EINVAL");
	close(out);
	out = open("/tmp/sf_out", O_WRONLY | O_APPEND);
	ok_eq(rc(sendfile(out, in, NULL, 1)), (long)-EINVAL, "an O_APPEND output: EINVAL");
	off64 = 0;
	ok_eq(rc(syscall(SYS_sendfile64, p[1], in, (void *)16, 1)), (long)-EFAULT, "a bad offset pointer: EFAULT");
	ok_eq(rc(syscall(SYS_sendfile64, p[1], in, &off64, 0)), 0L, "0 bytes: 0");
	unlink("/tmp/sf_in");
	unlink("/tmp/sf_out");
	return done();
}
