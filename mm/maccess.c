/*
 * Safe access to kernel memory that may be unmapped (Linux's
 * mm/maccess.c): the oops code dumps bytes around a bad eip with it,
 * debuggers and tests probe with it. Each byte is one __get_user() or
 * __put_user() (include/asm/uaccess.h), whose exception-table entry
 * turns a fault into -EFAULT instead of an oops.
 */
#include <errno.h>
#include <maccess.h>
#include <asm/uaccess.h>

long probe_kernel_read(void *dst, const void *src, size_t size)
{
	const unsigned char *s = src;
	unsigned char *d = dst;
	long err = 0;

	while (size--)
		err |= __get_user(*d++, s++);
	return err ? -EFAULT : 0;
}

long probe_kernel_write(void *dst, const void *src, size_t size)
{
	const unsigned char *s = src;
	unsigned char *d = dst;

	while (size--)
		if (__put_user(*s++, d++))
			return -EFAULT;
	return 0;
}
