/*
 * Loads and stores that may fault (Linux's include/asm-i386/uaccess.h).
 * Each access is one instruction with an exception-table entry
 * (include/extable.h): a fault there resumes at its fixup, which makes
 * the access return -EFAULT instead of oopsing.
 *
 *   __get_user(x, ptr)   x = *ptr; 0, or -EFAULT and x = 0
 *   __put_user(x, ptr)   *ptr = x; 0, or -EFAULT and nothing written
 *
 * For objects of 1, 2 or 4 bytes (another size does not link). There is
 * no access_ok() yet: until user space arrives the only callers are
 * probe_kernel_read() and probe_kernel_write() (mm/maccess.c), which
 * touch kernel addresses that may not be mapped.
 */
#ifndef _ASM_UACCESS_H
#define _ASM_UACCESS_H

#include <errno.h>
#include <extable.h>

/* Never defined: the link fails for an access of another size. */
extern long __get_user_bad(void);
extern long __put_user_bad(void);

/* One load with a fixup: on a fault err = -EFAULT and the register is cleared. */
#define __get_user_asm(x, addr, err, itype, rtype, ltype)		\
	__asm__ __volatile__(						\
		"1:	mov" itype " %2, %" rtype "1\n"			\
		"2:\n"							\
		"	.section .fixup, \"ax\"\n"			\
		"3:	movl %3, %0\n"					\
		"	xor" itype " %" rtype "1, %" rtype "1\n"	\
		"	jmp 2b\n"					\
		"	.previous\n"					\
		_ASM_EXTABLE(1b, 3b)					\
		: "+r"(err), ltype(x)					\
		: "m"(*(addr)), "i"(-EFAULT))

#define __get_user_size(x, ptr, size, err)				\
do {									\
	switch (size) {							\
	case 1: __get_user_asm(x, ptr, err, "b", "b", "=q"); break;	\
	case 2: __get_user_asm(x, ptr, err, "w", "w", "=r"); break;	\
	case 4: __get_user_asm(x, ptr, err, "l", "k", "=r"); break;	\
	default: (x) = __get_user_bad();				\
	}								\
} while (0)

#define __get_user(x, ptr)						\
({									\
	long __gu_err = 0;						\
	unsigned long __gu_val;						\
	__get_user_size(__gu_val, (ptr), sizeof(*(ptr)), __gu_err);	\
	(x) = (__typeof__(*(ptr)))__gu_val;				\
	__gu_err;							\
})

/* One store with a fixup: on a fault err = -EFAULT. */
#define __put_user_asm(x, addr, err, itype, rtype, ltype)		\
	__asm__ __volatile__(						\
		"1:	mov" itype " %" rtype "2, %1\n"			\
		"2:\n"							\
		"	.section .fixup, \"ax\"\n"			\
		"3:	movl %3, %0\n"					\
		"	jmp 2b\n"					\
		"	.previous\n"					\
		_ASM_EXTABLE(1b, 3b)					\
		: "+r"(err), "=m"(*(addr))				\
		: ltype(x), "i"(-EFAULT))

#define __put_user_size(x, ptr, size, err)				\
do {									\
	switch (size) {							\
	case 1: __put_user_asm(x, ptr, err, "b", "b", "iq"); break;	\
	case 2: __put_user_asm(x, ptr, err, "w", "w", "ir"); break;	\
	case 4: __put_user_asm(x, ptr, err, "l", "k", "ir"); break;	\
	default: __put_user_bad();					\
	}								\
} while (0)

#define __put_user(x, ptr)						\
({									\
	long __pu_err = 0;						\
	__typeof__(*(ptr)) __pu_val = (x);				\
	__put_user_size(__pu_val, (ptr), sizeof(*(ptr)), __pu_err);	\
	__pu_err;							\
})

#endif
