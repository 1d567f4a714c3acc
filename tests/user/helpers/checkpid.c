/*
 * checkpid.c - /bin/checkpid PID [PPID]: exit 0 iff this process is PID,
 * alone in its thread group (gettid() == PID, /proc not needed) and, with
 * PPID, the child of PPID (exec_thread: a thread's execve takes over its
 * process's pid and parent).
 */
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	if (getpid() != atoi(argv[1]))
		return 3;
	if (syscall(SYS_gettid) != getpid())
		return 4;
	if (argc > 2 && getppid() != atoi(argv[2]))
		return 5;
	return 0;
}
