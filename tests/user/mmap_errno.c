/* mmap_errno.c - the errors Linux's mmap2 gives for bad arguments (raw system calls). */
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include "ktap.h"

#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static long mmap2(unsigned long addr, unsigned long len, int prot, int flags, int fd,
		  unsigned long pgoff)
{
	return syscall(SYS_mmap2, addr, len, prot, flags, fd, pgoff);
}

int main(void)
{
	int fd, ro;
	char buf[PAGE] = { 0 };

	plan(13);
	ok_errno(mmap2(0, 0, RW, ANON, -1, 0), EINVAL, "length 0: EINVAL");
	ok_errno(mmap2(0x10000001UL, PAGE, RW, ANON | MAP_FIXED, -1, 0), EINVAL,
		 "MAP_FIXED at an unaligned address: EINVAL");
	ok_errno(mmap2(0, PAGE, RW, MAP_ANONYMOUS, -1, 0), EINVAL,
		 "neither MAP_SHARED nor MAP_PRIVATE: EINVAL");
	ok_errno(mmap2(0, PAGE, RW, MAP_PRIVATE, 1000, 0), EBADF, "a file mapping of a closed fd: EBADF");
	ok_errno(mmap2(0, 0xFFFFF000UL, RW, ANON, -1, 0), ENOMEM, "4 GB - 4 KB: ENOMEM");
	ok_errno(mmap2(0xC0000000UL, PAGE, RW, ANON | MAP_FIXED, -1, 0), ENOMEM,
		 "MAP_FIXED in kernel space: ENOMEM");
	ok_errno(mmap2(0xBFFFF000UL, 2 * PAGE, RW, ANON | MAP_FIXED, -1, 0), ENOMEM,
		 "MAP_FIXED across the top of user space: ENOMEM");

	fd = open("/tmp/mmap_errno", O_RDWR | O_CREAT | O_TRUNC, 0600);
	write(fd, buf, sizeof(buf));
	ok_errno(mmap2(0, PAGE, RW, MAP_SHARED, fd, 0xFFFFFFFFUL), EOVERFLOW,
		 "an offset whose end overflows: EOVERFLOW");
	ro = open("/tmp/mmap_errno", O_RDONLY);
	ok_errno(mmap2(0, PAGE, RW, MAP_SHARED, ro, 0), EACCES,
		 "MAP_SHARED PROT_WRITE of a read-only fd: EACCES");
	ok_sys(mmap2(0, PAGE, RW, MAP_PRIVATE, ro, 0), "MAP_PRIVATE PROT_WRITE of a read-only fd works");
	close(ro);
	ro = open("/tmp/mmap_errno", O_WRONLY);
	ok_errno(mmap2(0, PAGE, PROT_READ, MAP_SHARED, ro, 0), EACCES, "a write-only fd: EACCES");
	close(ro);
	ro = open("/tmp", O_RDONLY);
	ok_errno(mmap2(0, PAGE, PROT_READ, MAP_PRIVATE, ro, 0), ENODEV, "a directory: ENODEV");
	close(ro);
	close(fd);
	unlink("/tmp/mmap_errno");
	ok_sys(mmap2(0, PAGE, RW, ANON, -1, 0), "a good mmap still works");
	return done();
}
