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

struct user_desc;
struct new_utsname;

/*
 * The task and the CPU (engineer A: arch/x86/, kernel/sys.c, kernel/exit.c,
 * kernel/sched.c). sys_ni_syscall() takes the number in eax (fastcall):
 * the entry code calls it for every number without a function.
 */
long fastcall sys_ni_syscall(unsigned long nr);
long sys_exit(int error_code);
long sys_exit_group(int error_code);
long sys_getpid(void);
long sys_gettid(void);
long sys_newuname(struct new_utsname __user *name);
long sys_sched_yield(void);
long sys_set_thread_area(struct user_desc __user *u_info);
long sys_get_thread_area(struct user_desc __user *u_info);

/*
 * Memory (engineer M: mm/mmap.c, mm/mprotect.c, mm/mremap.c, mm/madvise.c,
 * mm/mlock.c). sys_mmap_pgoff is mmap2 (offset in pages), sys_old_mmap
 * the old mmap taking its arguments in a struct mmap_arg_struct.
 */
struct mmap_arg_struct;
long sys_brk(unsigned long brk);
long sys_mmap_pgoff(unsigned long addr, unsigned long len, unsigned long prot,
		    unsigned long flags, unsigned long fd, unsigned long pgoff);
long sys_old_mmap(struct mmap_arg_struct __user *arg);
long sys_munmap(unsigned long addr, size_t len);
long sys_mprotect(unsigned long start, size_t len, unsigned long prot);
long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr);
long sys_madvise(unsigned long start, size_t len_in, int behavior);
long sys_mincore(unsigned long start, size_t len, unsigned char __user *vec);
long sys_msync(unsigned long start, size_t len, int flags);
long sys_mlock(unsigned long start, size_t len);
long sys_munlock(unsigned long start, size_t len);
long sys_mlockall(int flags);
long sys_munlockall(void);

#endif
