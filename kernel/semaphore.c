/*
 * Kernel semaphores (include/semaphore.h). The design is Linux's since
 * 2.6.26 (kernel/semaphore.c), simpler than 2.6.11's atomic-count
 * version and the same to its users: a count under a spinlock and a
 * FIFO of sleepers; up() with sleepers hands its unit to the first.
 */
#include <list.h>
#include <sched.h>
#include <semaphore.h>
#include <spinlock.h>

struct semaphore_waiter {
	struct list_head list;
	struct task_struct *task;
	int up;			/* set by up(): the unit is ours */
};

void sema_init(struct semaphore *sem, unsigned int val)
{
	spin_lock_init(&sem->lock);
	sem->lock.name = "semaphore";
	sem->count = val;
	INIT_LIST_HEAD(&sem->wait_list);
}

/* Sleep until up() hands us a unit. Expects sem->lock held, interrupts off. */
static noinline void __down(struct semaphore *sem)
{
	struct semaphore_waiter waiter = { .task = current, .up = 0 };

	list_add_tail(&waiter.list, &sem->wait_list);
	for (;;) {
		__set_current_state(TASK_UNINTERRUPTIBLE);
		spin_unlock_irq(&sem->lock);
		schedule();
		spin_lock_irq(&sem->lock);
		if (waiter.up)
			break;
	}
	__set_current_state(TASK_RUNNING);
}

void down(struct semaphore *sem)
{
	unsigned long flags;

	might_sleep();
	spin_lock_irqsave(&sem->lock, flags);
	if (likely(sem->count > 0))
		sem->count--;
	else
		__down(sem);
	spin_unlock_irqrestore(&sem->lock, flags);
}

int down_trylock(struct semaphore *sem)
{
	unsigned long flags;
	int busy;

	spin_lock_irqsave(&sem->lock, flags);
	busy = sem->count == 0;
	if (!busy)
		sem->count--;
	spin_unlock_irqrestore(&sem->lock, flags);
	return busy;
}

void up(struct semaphore *sem)
{
	unsigned long flags;

	spin_lock_irqsave(&sem->lock, flags);
	if (likely(list_empty(&sem->wait_list))) {
		sem->count++;
	} else {
		struct semaphore_waiter *waiter =
			list_first_entry(&sem->wait_list, struct semaphore_waiter, list);

		list_del(&waiter->list);
		waiter->up = 1;
		wake_up_process(waiter->task);
	}
	spin_unlock_irqrestore(&sem->lock, flags);
}
