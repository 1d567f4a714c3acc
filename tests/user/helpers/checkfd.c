/*
 * checkfd.c - /bin/checkfd OPEN CLOSED: exit 0 iff descriptor OPEN is open
 * and reads "inherited", and descriptor CLOSED is not (fork_fds: what
 * execve keeps and what FD_CLOEXEC closes).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>

int main(int argc, char **argv)
{
	char buf[16] = "";

	if (argc != 3)
		return 2;
	if (pread(atoi(argv[1]), buf, 9, 0) != 9 || memcmp(buf, "inherited", 9))
		return 3;
	if (fcntl(atoi(argv[2]), F_GETFD) != -1 || errno != EBADF)
		return 4;
	return 0;
}
