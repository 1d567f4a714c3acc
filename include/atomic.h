/*
 * Atomic integers, with lock-prefixed instructions so the code is
 * right on SMP too (Mneme runs one CPU today).
 */
#ifndef _MNEME_ATOMIC_H
#define _MNEME_ATOMIC_H

typedef struct {
	volatile int counter;
} atomic_t;

#define ATOMIC_INIT(i)	{ (i) }

static inline int atomic_read(const atomic_t *v)
{
	return v->counter;
}

static inline void atomic_set(atomic_t *v, int i)
{
	v->counter = i;
}

static inline void atomic_add(int i, atomic_t *v)
{
	__asm__ __volatile__("lock; addl %1, %0" : "+m"(v->counter) : "ir"(i));
}

static inline void atomic_sub(int i, atomic_t *v)
{
	__asm__ __volatile__("lock; subl %1, %0" : "+m"(v->counter) : "ir"(i));
}

static inline void atomic_inc(atomic_t *v)
{
	__asm__ __volatile__("lock; incl %0" : "+m"(v->counter));
}

static inline void atomic_dec(atomic_t *v)
{
	__asm__ __volatile__("lock; decl %0" : "+m"(v->counter));
}

/* True if the result is zero. */
static inline int atomic_dec_and_test(atomic_t *v)
{
	unsigned char c;

	__asm__ __volatile__("lock; decl %0; sete %1" : "+m"(v->counter), "=qm"(c) :: "memory");
	return c != 0;
}

static inline int atomic_inc_and_test(atomic_t *v)
{
	unsigned char c;

	__asm__ __volatile__("lock; incl %0; sete %1" : "+m"(v->counter), "=qm"(c) :: "memory");
	return c != 0;
}

/* True if the result is negative. */
static inline int atomic_add_negative(int i, atomic_t *v)
{
	unsigned char c;

	__asm__ __volatile__("lock; addl %2, %0; sets %1"
			     : "+m"(v->counter), "=qm"(c) : "ir"(i) : "memory");
	return c != 0;
}

static inline int atomic_add_return(int i, atomic_t *v)
{
	int old = i;

	__asm__ __volatile__("lock; xaddl %0, %1" : "+r"(old), "+m"(v->counter) :: "memory");
	return old + i;
}

/* Set v to new if it holds old; returns what it held (i486's cmpxchg). */
static inline int atomic_cmpxchg(atomic_t *v, int old, int new)
{
	int prev;

	__asm__ __volatile__("lock; cmpxchgl %2, %1"
			     : "=a"(prev), "+m"(v->counter) : "r"(new), "0"(old) : "memory");
	return prev;
}

/* Increment v unless it is zero; true if it did (a count that reached 0 stays there). */
static inline int atomic_inc_not_zero(atomic_t *v)
{
	int c = atomic_read(v), old;

	while (c && (old = atomic_cmpxchg(v, c, c + 1)) != c)
		c = old;
	return c != 0;
}

#endif
