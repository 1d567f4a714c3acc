/*
 * jiffies: ticks of the timer interrupt since boot (ULK 6.2.1).
 *
 * jiffies_64 counts; jiffies is its low word (an alias made in
 * linker.ld, as in Linux). It starts at INITIAL_JIFFIES, five minutes
 * before the 32-bit wrap, so code that compares jiffies without the
 * time_after() macros breaks early instead of after 49 days.
 */
#ifndef _MNEME_JIFFIES_H
#define _MNEME_JIFFIES_H

#include <types.h>

#define HZ		1000
#define CLOCK_TICK_RATE	1193182		/* the 8254's input clock, Hz */
#define LATCH		((CLOCK_TICK_RATE + HZ / 2) / HZ)

#define USER_HZ		100		/* clock_t ticks (times(), AT_CLKTCK, /proc) */

#define INITIAL_JIFFIES	((unsigned long)(unsigned int)(-300 * HZ))

extern volatile u64 jiffies_64;
extern volatile unsigned long jiffies;

#define time_after(a, b)	((long)((b) - (a)) < 0)
#define time_before(a, b)	time_after(b, a)
#define time_after_eq(a, b)	((long)((a) - (b)) >= 0)
#define time_before_eq(a, b)	time_after_eq(b, a)

static inline unsigned long jiffies_to_clock_t(unsigned long j)
{
	return j / (HZ / USER_HZ);
}

static inline unsigned long msecs_to_jiffies(unsigned int ms)
{
	return ((unsigned long)ms * HZ + 999) / 1000;
}

static inline unsigned int jiffies_to_msecs(unsigned long j)
{
	return (unsigned int)(j * 1000 / HZ);
}

u64 get_jiffies_64(void);

#endif
