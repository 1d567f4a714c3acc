/*
 * Read/write semaphores (ULK 5.2.11): any number of readers, or one
 * writer. A sleeping lock: down_read()/down_write() may sleep, so never
 * in interrupt context or under a spinlock. Waiters are served in
 * arrival order (a writer waiting blocks new readers), so neither side
 * starves; up_write() wakes either one writer or the run of readers at
 * the head of the queue. mm->mmap_sem is one (readers: page faults;
 * writers: mmap, munmap, brk ...).
 */
#ifndef _MNEME_RWSEM_H
#define _MNEME_RWSEM_H

#include <list.h>
#include <spinlock.h>

struct rw_semaphore {
	int activity;			/* 0 free, > 0 readers holding, -1 a writer */
	spinlock_t wait_lock;
	struct list_head wait_list;	/* struct rwsem_waiter, oldest first */
};

#define __RWSEM_INITIALIZER(name) {					\
	.activity = 0,							\
	.wait_lock = __SPIN_LOCK_UNLOCKED(name.wait_lock),		\
	.wait_list = LIST_HEAD_INIT((name).wait_list) }

#define DECLARE_RWSEM(name)	struct rw_semaphore name = __RWSEM_INITIALIZER(name)

void init_rwsem(struct rw_semaphore *sem);
void down_read(struct rw_semaphore *sem);
int down_read_trylock(struct rw_semaphore *sem);	/* 1: taken */
void up_read(struct rw_semaphore *sem);
void down_write(struct rw_semaphore *sem);
int down_write_trylock(struct rw_semaphore *sem);	/* 1: taken */
void up_write(struct rw_semaphore *sem);
void downgrade_write(struct rw_semaphore *sem);

static inline int rwsem_is_locked(const struct rw_semaphore *sem)
{
	return sem->activity != 0;
}

#endif
