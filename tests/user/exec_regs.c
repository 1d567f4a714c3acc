/*
 * exec_regs.c - execve: the registers a new program starts with are the
 * ELF ABI's (eax..ebp zero), not what the caller's execve left in them.
 * glibc's static _start registers edx with atexit: a leftover envp
 * pointer there was called at exit (busybox's applets crashed).
 */
#include "ktap.h"

int execve_dirty(const char *path, char *const argv[], char *const envp[]);

/* execve with esi, edi and ebp holding garbage too (ebx..edx are the arguments). */
__asm__(".text\n"
	".globl execve_dirty\n"
	"execve_dirty:\n"
	"	push %ebp\n"
	"	push %ebx\n"
	"	push %esi\n"
	"	push %edi\n"
	"	mov 20(%esp), %ebx\n"
	"	mov 24(%esp), %ecx\n"
	"	mov 28(%esp), %edx\n"
	"	mov $0x5a5a5a5a, %esi\n"
	"	mov %esi, %edi\n"
	"	mov %esi, %ebp\n"
	"	mov $11, %eax\n"
	"	int $0x80\n"
	"	pop %edi\n"
	"	pop %esi\n"
	"	pop %ebx\n"
	"	pop %ebp\n"
	"	ret\n");

int main(void)
{
	char *argv[] = { "entryregs", NULL };
	char *envp[] = { "A=1", NULL };
	pid_t pid;

	plan(1);
	pid = fork();
	if (pid == 0) {
		execve_dirty("/bin/entryregs", argv, envp);
		_exit(127);
	}
	want_status(pid, "exit 0", "the new program starts with eax..ebp zero");
	return done();
}
