/*
 * The system calls, as Linux's include/linux/syscalls.h: one prototype
 * per sys_* function, with Linux's name and argument list. The table
 * that int 0x80 dispatches through is generated from Linux's own
 * numbers (asm/unistd_32.h of linux-libc-dev:i386) and the sys_*
 * functions the kernel defines: defining one is what wires it up; a
 * number without a function returns -ENOSYS.
 *
 * Arguments arrive as Linux i386 passes them (ebx, ecx, edx, esi, edi,
 * ebp, in that order), each a 32-bit word; pointers into user space are
 * marked __user and reached only through include/asm/uaccess.h.
 *
 * Grouped by the subsystem that defines them.
 */
#ifndef _MNEME_SYSCALLS_H
#define _MNEME_SYSCALLS_H

#include <types.h>
#include <compiler.h>

#endif
