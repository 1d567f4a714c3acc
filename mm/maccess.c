/*
 * Safe access to kernel memory that may be unmapped: the oops code
 * dumps bytes around a bad eip with it, debuggers and tests probe with
 * it. Each byte access has an exception-table entry, so a fault makes
 * the access return -EFAULT instead of oopsing.
 */
#include <kernel.h>
#include <errno.h>
#include <extable.h>
#include <maccess.h>

static inline long probe_byte_read(unsigned char *dst, const unsigned char *src)
{
	long err = 0;
	unsigned char v;

	__asm__ __volatile__(
		"1:	movb %2, %1\n"
		"2:\n"
		"	.section .fixup, \"ax\"\n"
		"3:	movl %3, %0\n"
		"	xorb %1, %1\n"
		"	jmp 2b\n"
		"	.previous\n"
		_ASM_EXTABLE(1b, 3b)
		: "+r"(err), "=q"(v)
		: "m"(*src), "i"(-EFAULT));
	*dst = v;
	return err;
}

static inline long probe_byte_write(unsigned char *dst, unsigned char v)
{
	long err = 0;

	__asm__ __volatile__(
		"1:	movb %2, %1\n"
		"2:\n"
		"	.section .fixup, \"ax\"\n"
		"3:	movl %3, %0\n"
		"	jmp 2b\n"
		"	.previous\n"
		_ASM_EXTABLE(1b, 3b)
		: "+r"(err), "=m"(*dst)
		: "q"(v), "i"(-EFAULT));
	return err;
}

long probe_kernel_read(void *dst, const void *src, size_t size)
{
	const unsigned char *s = src;
	unsigned char *d = dst;
	long err = 0;

	while (size--)
		err |= probe_byte_read(d++, s++);
	return err ? -EFAULT : 0;
}

long probe_kernel_write(void *dst, const void *src, size_t size)
{
	const unsigned char *s = src;
	unsigned char *d = dst;

	while (size--)
		if (probe_byte_write(d++, *s++))
			return -EFAULT;
	return 0;
}
