/* efault_out.c - EFAULT from system calls given a bad output pointer; nothing written. */
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include "ktap.h"

#define KERNEL ((void *)0xC0000000UL)

int main(void)
{
	char *ro = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *unmapped = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fd = open("/tmp/efault_out", O_RDWR | O_CREAT | O_TRUNC, 0600);
	int fds[2];

	munmap(unmapped, PAGE);
	write(fd, "0123456789", 10);
	plan(16);
	lseek(fd, 0, SEEK_SET);
	ok_errno(syscall(SYS_read, fd, NULL, 10), EFAULT, "read into NULL");
	ok_errno(syscall(SYS_read, fd, KERNEL, 10), EFAULT, "read into kernel memory");
	ok_errno(syscall(SYS_read, fd, ro, 10), EFAULT, "read into a read-only page");
	ok(ro[0] == 0, "which is still zero");
	ok_errno(syscall(SYS_read, fd, unmapped, 10), EFAULT, "read into unmapped memory");
	ok_errno(syscall(SYS_pipe, KERNEL), EFAULT, "pipe into kernel memory");
	ok_errno(syscall(SYS_pipe, ro), EFAULT, "pipe into a read-only page");
	ok_errno(syscall(SYS_fstat64, fd, unmapped), EFAULT, "fstat64 into unmapped memory");
	ok_errno(syscall(SYS_gettimeofday_time32, KERNEL, NULL), EFAULT, "gettimeofday into kernel memory");
	ok_errno(syscall(SYS_clock_gettime32, CLOCK_MONOTONIC, ro), EFAULT,
		 "clock_gettime into a read-only page");
	ok_errno(syscall(SYS_uname, NULL), EFAULT, "uname into NULL");
	ok_errno(syscall(SYS_ugetrlimit, RLIMIT_STACK, KERNEL), EFAULT, "getrlimit into kernel memory");
	ok_errno(syscall(SYS_getcwd, ro, 100), EFAULT, "getcwd into a read-only page");
	ok_errno(syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, KERNEL, 8), EFAULT,
		 "rt_sigprocmask's old set into kernel memory");
	ok_errno(syscall(SYS_sigaltstack, NULL, ro), EFAULT, "sigaltstack's old stack into read-only");
	ok(pipe(fds) == 0 && write(fds[1], "x", 1) == 1, "the process is alive and well");
	close(fd);
	unlink("/tmp/efault_out");
	return done();
}
