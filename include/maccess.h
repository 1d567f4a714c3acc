/* Reading and writing kernel memory that may not be mapped (mm/maccess.c). */
#ifndef _MNEME_MACCESS_H
#define _MNEME_MACCESS_H

#include <types.h>

/* 0, or -EFAULT if some byte could not be accessed (dst then holds zeros for it). */
long probe_kernel_read(void *dst, const void *src, size_t size);
long probe_kernel_write(void *dst, const void *src, size_t size);

#endif
