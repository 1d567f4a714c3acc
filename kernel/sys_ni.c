/*
 * The system calls Mneme does not have (Linux's kernel/sys_ni.c): every
 * number of Linux's table without a sys_* function here is wired to
 * sys_ni_syscall (scripts/syscalltbl.py), as are numbers beyond the
 * table. It returns -ENOSYS, as Linux does, and -- unlike Linux --
 * says so once per number on the console, naming the number, Linux's
 * name for it and the program: the quickest way to see what a program
 * that misbehaves is missing.
 */
#include <kernel.h>
#include <errno.h>
#include <syscalls.h>
#include <sched.h>
#include <bitops.h>
#include <asm/irqflags.h>
#include <asm/unistd.h>

extern const char *const sys_call_names[NR_syscalls];

/* Which numbers were reported already; numbers beyond the table share the last bit. */
unsigned long ni_syscall_reported[NR_syscalls / BITS_PER_LONG + 1];

/*
 * system_call calls it with the number still in eax: fastcall takes
 * that as the argument (the system call's own arguments are on the
 * stack, unread).
 */
long fastcall sys_ni_syscall(unsigned long nr)
{
	unsigned long bit = nr < NR_syscalls ? nr : NR_syscalls;
	unsigned long mask = 1UL << (bit % BITS_PER_LONG), flags;
	bool first;

	local_irq_save(flags);
	first = !(ni_syscall_reported[bit / BITS_PER_LONG] & mask);
	ni_syscall_reported[bit / BITS_PER_LONG] |= mask;
	local_irq_restore(flags);
	if (first) {
		if (nr < NR_syscalls && sys_call_names[nr])
			printk(KERN_INFO "%s[%d]: system call %lu (%s) is not implemented: -ENOSYS\n",
			       current->comm, current->pid, nr, sys_call_names[nr]);
		else
			printk(KERN_INFO "%s[%d]: system call %ld does not exist: -ENOSYS\n",
			       current->comm, current->pid, (long)nr);
	}
	return -ENOSYS;
}
