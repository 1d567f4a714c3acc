/*
 * Kernel semaphores (ULK 5.2.10): a count of free units and the tasks
 * sleeping until one is freed. down() takes a unit, sleeping while
 * there is none; up() gives one back, handing it straight to the
 * longest waiter if there is one (no waiter can starve). A semaphore
 * with one unit is a sleeping mutex: DECLARE_MUTEX, init_MUTEX (the
 * 2.6.11 names; struct mutex came in 2.6.16).
 *
 * down() may sleep: never in interrupt context or with a spinlock held
 * (might_sleep() says so). down_trylock() and up() never sleep.
 */
#ifndef _MNEME_SEMAPHORE_H
#define _MNEME_SEMAPHORE_H

#include <list.h>
#include <spinlock.h>

struct semaphore {
	spinlock_t lock;
	unsigned int count;		/* free units */
	struct list_head wait_list;	/* struct semaphore_waiter, oldest first */
};

#define __SEMAPHORE_INITIALIZER(name, n) {				\
	.lock = __SPIN_LOCK_UNLOCKED(name.lock),			\
	.count = (n),							\
	.wait_list = LIST_HEAD_INIT((name).wait_list) }

#define DECLARE_MUTEX(name)	\
	struct semaphore name = __SEMAPHORE_INITIALIZER(name, 1)
#define DECLARE_MUTEX_LOCKED(name) \
	struct semaphore name = __SEMAPHORE_INITIALIZER(name, 0)

void sema_init(struct semaphore *sem, unsigned int val);
#define init_MUTEX(sem)		sema_init(sem, 1)
#define init_MUTEX_LOCKED(sem)	sema_init(sem, 0)

void down(struct semaphore *sem);
int down_trylock(struct semaphore *sem);	/* 0: taken; 1: none free, not taken */
void up(struct semaphore *sem);

#endif
