/*
 * Error pointers (Linux's linux/err.h): a function returning a pointer
 * may return -errno cast to one; the top 4095 addresses are never valid
 * pointers.
 */
#ifndef _MNEME_ERR_H
#define _MNEME_ERR_H

#include <compiler.h>

#define MAX_ERRNO	4095
#define IS_ERR_VALUE(x)	unlikely((unsigned long)(x) >= (unsigned long)-MAX_ERRNO)

static inline void *ERR_PTR(long error)
{
	return (void *)error;
}

static inline long PTR_ERR(const void *ptr)
{
	return (long)ptr;
}

static inline int IS_ERR(const void *ptr)
{
	return IS_ERR_VALUE(ptr);
}

#endif
