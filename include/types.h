/*
 * Basic types. Only the compiler's freestanding headers are used
 * (stddef.h, stdint.h, stdbool.h, stdarg.h); everything else is ours.
 */
#ifndef _MNEME_TYPES_H
#define _MNEME_TYPES_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

typedef int8_t s8;
typedef uint8_t u8;
typedef int16_t s16;
typedef uint16_t u16;
typedef int32_t s32;
typedef uint32_t u32;
typedef long long s64;
typedef unsigned long long u64;

typedef long ssize_t;

/* Bits in a long (Linux's asm/types.h): 32 on the target, a constant #if can test. */
#define BITS_PER_LONG	(__SIZEOF_LONG__ * 8)

/* Physical addresses: 32 bits without PAE. */
typedef unsigned long phys_addr_t;

#endif
