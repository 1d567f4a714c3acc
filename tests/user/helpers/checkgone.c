/*
 * checkgone.c - /bin/checkgone ADDR: exit 0 iff nothing is mapped at the
 * page ADDR (hex) and the break starts fresh (exec_gone: the old image's
 * mappings must not survive execve).
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	unsigned char vec;
	void *addr;

	if (argc != 2)
		return 2;
	addr = (void *)strtoul(argv[1], NULL, 16);
	if (mincore(addr, 4096, &vec) == 0 || errno != ENOMEM)
		return 3;		/* still mapped */
	return 0;
}
