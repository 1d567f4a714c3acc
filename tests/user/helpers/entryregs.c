/*
 * entryregs.c - /bin/entryregs: prints the registers it started with
 * (exec_regs). Its own _start (user.mk links it without musl's crt1.o)
 * saves them before any C code runs; the i386 ELF ABI has eax..ebp zero
 * except edx, which may hold a function to register with atexit and is
 * zero on Linux. Exit 0 iff all seven are zero.
 */
#include <stdio.h>

int __libc_start_main(int (*main)(int, char **, char **), int argc, char **argv,
		      void (*init)(void), void (*fini)(void), void (*ldso)(void));
void _init(void), _fini(void);
void start_c(long *p);
int main(int argc, char **argv, char **envp);

/* eax ebx ecx edx esi edi ebp eflags cs ds es fs gs ss, in that order. */
unsigned long entry_regs[14];

__asm__(".text\n"
	".globl _start\n"
	"_start:\n"
	"	mov %eax, entry_regs\n"
	"	pushf\n"
	"	pop %eax\n"
	"	mov %eax, entry_regs+28\n"
	"	mov %ebx, entry_regs+4\n"
	"	mov %ecx, entry_regs+8\n"
	"	mov %edx, entry_regs+12\n"
	"	mov %esi, entry_regs+16\n"
	"	mov %edi, entry_regs+20\n"
	"	mov %ebp, entry_regs+24\n"
	"	xor %eax, %eax\n"
	"	mov %cs, %ax\n"
	"	mov %eax, entry_regs+32\n"
	"	mov %ds, %ax\n"
	"	mov %eax, entry_regs+36\n"
	"	mov %es, %ax\n"
	"	mov %eax, entry_regs+40\n"
	"	mov %fs, %ax\n"
	"	mov %eax, entry_regs+44\n"
	"	mov %gs, %ax\n"
	"	mov %eax, entry_regs+48\n"
	"	mov %ss, %ax\n"
	"	mov %eax, entry_regs+52\n"
	"	xor %ebp, %ebp\n"
	"	mov %esp, %eax\n"
	"	and $-16, %esp\n"
	"	sub $12, %esp\n"
	"	push %eax\n"
	"	call start_c\n"
	"	hlt\n");

void start_c(long *p)
{
	__libc_start_main(main, p[0], (char **)(p + 1), _init, _fini, 0);
}

int main(int argc, char **argv, char **envp)
{
	static const char *const names[] = { "eax", "ebx", "ecx", "edx", "esi", "edi", "ebp",
					     "eflags", "cs", "ds", "es", "fs", "gs", "ss" };
	unsigned long nonzero = 0;

	for (int i = 0; i < 14; i++)
		printf("# %s %#lx\n", names[i], entry_regs[i]);
	fflush(stdout);
	for (int i = 0; i < 7; i++)
		nonzero |= entry_regs[i];
	return nonzero != 0;
}
