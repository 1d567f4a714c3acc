/*
 * showargs.c - /bin/showargs: prints its argv and envp as KTAP diagnostics
 * and checks its auxiliary vector; exit 0 iff the auxv is right (exec_args).
 */
#include <elf.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern char **environ;
extern char _start[];

int main(int argc, char **argv)
{
	int bad = 0;
	const Elf32_Phdr *phdr = (const Elf32_Phdr *)getauxval(AT_PHDR);
	unsigned char *random = (unsigned char *)getauxval(AT_RANDOM);
	const char *execfn = (const char *)getauxval(AT_EXECFN);
	unsigned phnum = getauxval(AT_PHNUM), loads = 0;

	printf("# argc %d\n", argc);
	for (int i = 0; i < argc; i++)
		if (strlen(argv[i]) > 64)
			printf("# argv[%d] %zu bytes\n", i, strlen(argv[i]));
		else
			printf("# argv[%d] \"%s\"\n", i, argv[i]);
	printf("# argv[%d] %s\n", argc, argv[argc] ? "not NULL" : "NULL");
	for (int i = 0; environ[i]; i++)
		printf("# envp[%d] \"%s\"\n", i, environ[i]);
	for (unsigned i = 0; phdr && i < phnum; i++)
		loads += phdr[i].p_type == PT_LOAD;
	printf("# AT_PAGESZ %lu\n", getauxval(AT_PAGESZ));
	printf("# AT_PHENT %lu, AT_PHNUM matches the program headers: %s\n", getauxval(AT_PHENT),
	       loads >= 1 ? "yes" : "no");
	printf("# AT_ENTRY is _start: %s\n", getauxval(AT_ENTRY) == (unsigned long)_start ? "yes" : "no");
	printf("# AT_UID %lu AT_EUID %lu AT_GID %lu AT_EGID %lu AT_SECURE %lu\n", getauxval(AT_UID),
	       getauxval(AT_EUID), getauxval(AT_GID), getauxval(AT_EGID), getauxval(AT_SECURE));
	printf("# AT_CLKTCK %lu\n", getauxval(AT_CLKTCK));
	printf("# AT_RANDOM present: %s\n", random ? "yes" : "no");
	printf("# AT_EXECFN \"%s\"\n", execfn ? execfn : "(none)");
	printf("# AT_PLATFORM \"%s\"\n", getauxval(AT_PLATFORM) ? (char *)getauxval(AT_PLATFORM) : "");
	fflush(stdout);
	bad |= getauxval(AT_PAGESZ) != 4096;
	bad |= getauxval(AT_PHENT) != sizeof(Elf32_Phdr) || !loads;
	bad |= getauxval(AT_ENTRY) != (unsigned long)_start;
	bad |= !random || !execfn || strcmp(execfn, "/bin/showargs");
	return bad;
}
