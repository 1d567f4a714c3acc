/* efault_in.c - EFAULT from system calls given a bad input pointer; the process lives on. */
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include "ktap.h"

#define KERNEL ((void *)0xC0000000UL)

int main(void)
{
	char *unmapped = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fds[2];

	munmap(unmapped, PAGE);
	pipe(fds);
	plan(14);
	ok_errno(syscall(SYS_write, fds[1], NULL, 10), EFAULT, "write from NULL");
	ok_errno(syscall(SYS_write, fds[1], KERNEL, 10), EFAULT, "write from a kernel address");
	ok_errno(syscall(SYS_write, fds[1], unmapped, 10), EFAULT, "write from unmapped memory");
	ok_errno(syscall(SYS_open, NULL, O_RDONLY), EFAULT, "open of a NULL path");
	ok_errno(syscall(SYS_open, KERNEL, O_RDONLY), EFAULT, "open of a kernel-address path");
	ok_errno(syscall(SYS_stat64, unmapped, unmapped), EFAULT, "stat64 of an unmapped path");
	ok_errno(syscall(SYS_execve, NULL, NULL, NULL), EFAULT, "execve of a NULL path");
	ok_errno(syscall(SYS_rt_sigaction, SIGUSR1, KERNEL, NULL, 8), EFAULT,
		 "rt_sigaction from a kernel address");
	ok_errno(syscall(SYS_rt_sigprocmask, SIG_BLOCK, unmapped, NULL, 8), EFAULT,
		 "rt_sigprocmask from unmapped memory");
	ok_errno(syscall(SYS_nanosleep, NULL, NULL), EFAULT, "nanosleep(NULL)");
	ok_errno(syscall(SYS_setrlimit, RLIMIT_STACK, KERNEL), EFAULT, "setrlimit from kernel memory");
	ok_errno(syscall(SYS_sigaltstack, unmapped, NULL), EFAULT, "sigaltstack from unmapped memory");
	ok_errno(syscall(SYS_mkdir, KERNEL, 0755), EFAULT, "mkdir of a kernel-address path");
	ok(write(fds[1], "ok", 2) == 2, "the process is alive and its pipe works");
	return done();
}
