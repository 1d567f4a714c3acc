/*
 * Bit operations (Linux's include/linux/bitops.h and asm-i386/bitops.h),
 * with Linux's names and numbering. Mneme has one CPU and these are used
 * where nothing else can touch the word (the bootmem bitmap at boot),
 * so only the non-atomic forms -- the __ ones -- exist.
 *
 *   bit nr of a bitmap   map[BIT_WORD(nr)] & BIT_MASK(nr)
 *
 *   fls(x)        the last (most significant) set bit, counted from 1:
 *                 fls(0) = 0, fls(1) = 1, fls(0x80000000) = 32
 *   __fls(x)      the same counted from 0 (x must not be 0):
 *                 __fls(1) = 0, __fls(~0UL) = BITS_PER_LONG - 1
 *   fls_long(x)   fls() of an unsigned long
 */
#ifndef _MNEME_BITOPS_H
#define _MNEME_BITOPS_H

#include <types.h>

#define BIT_WORD(nr)		((nr) / BITS_PER_LONG)
#define BIT_MASK(nr)		(1UL << ((nr) % BITS_PER_LONG))
#define BITS_TO_LONGS(nr)	(((nr) + BITS_PER_LONG - 1) / BITS_PER_LONG)

static inline int test_bit(unsigned long nr, const unsigned long *map)
{
	return (map[BIT_WORD(nr)] & BIT_MASK(nr)) != 0;
}

static inline void __set_bit(unsigned long nr, unsigned long *map)
{
	map[BIT_WORD(nr)] |= BIT_MASK(nr);
}

static inline void __clear_bit(unsigned long nr, unsigned long *map)
{
	map[BIT_WORD(nr)] &= ~BIT_MASK(nr);
}

static inline int __test_and_set_bit(unsigned long nr, unsigned long *map)
{
	int old = test_bit(nr, map);

	__set_bit(nr, map);
	return old;
}

static inline int __test_and_clear_bit(unsigned long nr, unsigned long *map)
{
	int old = test_bit(nr, map);

	__clear_bit(nr, map);
	return old;
}

static inline int fls(unsigned int x)
{
	return x ? (int)(sizeof(x) * 8) - __builtin_clz(x) : 0;
}

static inline unsigned long __fls(unsigned long x)
{
	return BITS_PER_LONG - 1 - __builtin_clzl(x);
}

static inline unsigned int fls_long(unsigned long x)
{
	return x ? __fls(x) + 1 : 0;
}

#endif
