/*
 * Spinlocks (ULK 5.2.3). Mneme runs on one CPU and its kernel code is
 * not preemptible, so a lock only has to keep interrupt handlers out:
 * the _irqsave forms save and clear the interrupt flag. The lock word
 * is still taken and released, so that
 *   - taking a lock already held (a deadlock on SMP, a bug here) is
 *     caught at once, naming the lock, and
 *   - assert_spin_locked() can check the "__foo() expects the lock
 *     held" rules,
 * and SMP can come later by making spin_lock() spin on the word.
 * Holding a lock counts in preempt_count (include/preempt.h), so that
 * might_sleep() catches a sleep with a lock held.
 */
#ifndef _MNEME_SPINLOCK_H
#define _MNEME_SPINLOCK_H

#include <compiler.h>
#include <bug.h>
#include <asm/irqflags.h>
#include <preempt.h>

typedef struct {
	volatile unsigned int locked;
	const char *name;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(n)	{ .locked = 0, .name = #n }
#define DEFINE_SPINLOCK(n)	spinlock_t n = __SPIN_LOCK_UNLOCKED(n)

static inline void spin_lock_init(spinlock_t *lock)
{
	lock->locked = 0;
	lock->name = "spinlock";
}

void spin_lock_bug(spinlock_t *lock, const char *msg);

static inline void spin_lock(spinlock_t *lock)
{
	preempt_disable();
	if (unlikely(lock->locked))
		spin_lock_bug(lock, "recursive lock (deadlock)");
	lock->locked = 1;
	barrier();
}

static inline void spin_unlock(spinlock_t *lock)
{
	if (unlikely(!lock->locked))
		spin_lock_bug(lock, "unlock of an unlocked lock");
	barrier();
	lock->locked = 0;
	preempt_enable();
}

static inline int spin_is_locked(const spinlock_t *lock)
{
	return lock->locked;
}

#define assert_spin_locked(lock)	BUG_ON(!spin_is_locked(lock))

#define spin_lock_irqsave(lock, flags)				\
	do { local_irq_save(flags); spin_lock(lock); } while (0)
#define spin_unlock_irqrestore(lock, flags)			\
	do { spin_unlock(lock); local_irq_restore(flags); } while (0)

static inline void spin_lock_irq(spinlock_t *lock)
{
	local_irq_disable();
	spin_lock(lock);
}

static inline void spin_unlock_irq(spinlock_t *lock)
{
	spin_unlock(lock);
	local_irq_enable();
}

#endif
