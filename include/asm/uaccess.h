/*
 * User memory from the kernel (Linux's include/asm-i386/uaccess.h,
 * ULK 10.4.4, "Verifying the parameters" and "Accessing the process
 * address space").
 *
 * Two checks stand between a user pointer and the kernel:
 *   access_ok()   the range lies below the task's addr_limit (USER_DS:
 *                 PAGE_OFFSET), so user space cannot name kernel memory;
 *   the exception table: every load or store through a user pointer is
 *                 an instruction with a fixup (include/extable.h), so a
 *                 range that access_ok() allowed but that is not mapped
 *                 (or not writable) gives -EFAULT instead of an oops.
 *
 *   get_user(x, p), put_user(x, p)       1, 2 or 4 bytes: 0 or -EFAULT
 *   __get_user(), __put_user()           the same without access_ok()
 *   copy_from_user(to, from, n)          bytes NOT copied (0: all of
 *   copy_to_user(to, from, n)            them); copy_from_user() zeroes
 *   clear_user(to, n)                    what it could not read
 *   strncpy_from_user(dst, src, count)   the string's length, or -EFAULT
 *   strnlen_user(src, n)                 length + 1, 0 on a fault
 *
 * The copies stop at the exact byte that faults, so a partial count is
 * exact (read() of a buffer that runs into an unmapped page returns
 * what fitted, as on Linux).
 */
#ifndef _ASM_UACCESS_H
#define _ASM_UACCESS_H

#include <errno.h>
#include <extable.h>
#include <compiler.h>
#include <types.h>
#include <sched.h>
#include <asm/page.h>

#define MAKE_MM_SEG(s)	((mm_segment_t){ (s) })
#define KERNEL_DS	MAKE_MM_SEG(0xFFFFFFFFUL)
#define USER_DS		MAKE_MM_SEG(PAGE_OFFSET)

#define get_ds()	(KERNEL_DS)
#define get_fs()	(current->thread.addr_limit)
#define set_fs(x)	(current->thread.addr_limit = (x))
#define segment_eq(a, b) ((a).seg == (b).seg)

#define VERIFY_READ	0
#define VERIFY_WRITE	1

/*
 * Whether [addr, addr + size) lies within the task's addr_limit: the
 * sum must not wrap and must not pass the limit. The type is not used
 * (i386 since the 486 honours write protection in kernel mode, CR0.WP,
 * so a write to a read-only user page faults like any other).
 */
static inline bool __range_ok(unsigned long addr, unsigned long size)
{
	unsigned long end = addr + size;

	return end >= addr && end <= get_fs().seg;
}
#define access_ok(type, addr, size)	__range_ok((unsigned long)(addr), (unsigned long)(size))

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

/* get_user()/put_user(): the same after access_ok(). */
#define get_user(x, ptr)						\
({									\
	const __typeof__(*(ptr)) __user *__gu_p = (ptr);		\
	long __gu_ret = -EFAULT;					\
	if (access_ok(VERIFY_READ, __gu_p, sizeof(*__gu_p)))		\
		__gu_ret = __get_user(x, __gu_p);			\
	else								\
		(x) = 0;						\
	__gu_ret;							\
})

#define put_user(x, ptr)						\
({									\
	__typeof__(*(ptr)) __user *__pu_p = (ptr);			\
	long __pu_ret = -EFAULT;					\
	if (access_ok(VERIFY_WRITE, __pu_p, sizeof(*__pu_p)))		\
		__pu_ret = __put_user(x, __pu_p);			\
	__pu_ret;							\
})

/* arch/x86/lib/usercopy.c */
unsigned long __copy_user_ll(void *to, const void *from, unsigned long n);
unsigned long __copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long __clear_user(void __user *to, unsigned long n);
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long clear_user(void __user *to, unsigned long n);
long strncpy_from_user(char *dst, const char __user *src, long count);
long strnlen_user(const char __user *src, long n);

static inline unsigned long __copy_to_user(void __user *to, const void *from, unsigned long n)
{
	return __copy_user_ll((void __force *)to, from, n);
}

#endif
