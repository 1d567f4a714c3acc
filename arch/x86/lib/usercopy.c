/*
 * Copies to and from user space (Linux's arch/i386/lib/usercopy.c;
 * ULK 10.4.4). Every instruction that touches the user side has an
 * exception-table entry: a fault there resumes at its fixup, which
 * works out how much was left undone instead of oopsing.
 *
 * __copy_user_ll() moves words while it can and bytes after a fault:
 *
 *     rep movsl (n / 4 words) --fault--> the rest of the words, as bytes
 *          |                                   |
 *     rep movsb (n % 4 bytes) --fault-------> stop: ecx bytes not copied
 *
 * so a copy that runs into an unmapped page stops at the first byte
 * of that page, not at the word before it.
 */
#include <kernel.h>
#include <string.h>
#include <asm/uaccess.h>

unsigned long __copy_user_ll(void *to, const void *from, unsigned long n)
{
	unsigned long d0, d1, d2;

	__asm__ __volatile__(
		"	movl %%ecx, %%edx\n"
		"	shrl $2, %%ecx\n"
		"	andl $3, %%edx\n"
		"0:	rep movsl\n"
		"	movl %%edx, %%ecx\n"
		"1:	rep movsb\n"
		"2:\n"
		"	.section .fixup, \"ax\"\n"
		"3:	leal (%%edx, %%ecx, 4), %%ecx\n"	/* words left, in bytes */
		"	jmp 1b\n"
		"	.previous\n"
		_ASM_EXTABLE(0b, 3b)
		_ASM_EXTABLE(1b, 2b)
		: "=&c"(n), "=&D"(d0), "=&S"(d1), "=&d"(d2)
		: "0"(n), "1"(to), "2"(from)
		: "memory");
	return n;
}

/* What could not be read is zeroed, so no stale kernel data follows it. */
unsigned long __copy_from_user(void *to, const void __user *from, unsigned long n)
{
	unsigned long left = __copy_user_ll(to, (const void __force *)from, n);

	if (unlikely(left))
		memset((char *)to + (n - left), 0, left);
	return left;
}

unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	if (likely(access_ok(VERIFY_READ, from, n)))
		return __copy_from_user(to, from, n);
	memset(to, 0, n);
	return n;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (likely(access_ok(VERIFY_WRITE, to, n)))
		return __copy_to_user(to, from, n);
	return n;
}

/* Zero n user bytes: how many could not be (rep stosb, stopped by a fault). */
unsigned long __clear_user(void __user *to, unsigned long n)
{
	unsigned long d0;

	__asm__ __volatile__(
		"0:	rep stosb\n"
		"1:\n"
		_ASM_EXTABLE(0b, 1b)
		: "=&c"(n), "=&D"(d0)
		: "0"(n), "1"(to), "a"(0)
		: "memory");
	return n;
}

unsigned long clear_user(void __user *to, unsigned long n)
{
	if (likely(access_ok(VERIFY_WRITE, to, n)))
		return __clear_user(to, n);
	return n;
}

/*
 * Copy a NUL-terminated string of at most count bytes: its length (not
 * counting the NUL, which is copied when it fits), count if it did not
 * fit (dst is then not terminated), or -EFAULT.
 */
long strncpy_from_user(char *dst, const char __user *src, long count)
{
	long i;

	if (count <= 0)
		return 0;
	for (i = 0; i < count; i++) {
		char c;

		if (!access_ok(VERIFY_READ, src + i, 1) || __get_user(c, src + i))
			return -EFAULT;
		dst[i] = c;
		if (!c)
			return i;
	}
	return count;
}

/*
 * The size of a user string including its NUL: 0 on a fault, a value
 * greater than n if no NUL lies within the first n bytes.
 */
long strnlen_user(const char __user *src, long n)
{
	long i;

	for (i = 0; i < n; i++) {
		char c;

		if (!access_ok(VERIFY_READ, src + i, 1) || __get_user(c, src + i))
			return 0;
		if (!c)
			return i + 1;
	}
	return n + 1;
}
