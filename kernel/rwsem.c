/*
 * Read/write semaphores (include/rwsem.h), as Linux's spinlock-based
 * lib/rwsem-spinlock.c: an activity count under a spinlock and a FIFO
 * of sleepers. A granted waiter is handed the lock by the waker
 * (waiter.granted) before it runs, so nobody can slip in between.
 */
#include <list.h>
#include <rwsem.h>
#include <sched.h>
#include <spinlock.h>

struct rwsem_waiter {
	struct list_head list;
	struct task_struct *task;
	int write;
	int granted;
};

void init_rwsem(struct rw_semaphore *sem)
{
	sem->activity = 0;
	spin_lock_init(&sem->wait_lock);
	sem->wait_lock.name = "rwsem";
	INIT_LIST_HEAD(&sem->wait_list);
}

/*
 * The lock was released (or downgraded): grant it to the head of the
 * queue -- one writer, or every reader up to the first writer.
 * Expects wait_lock held.
 */
static void __rwsem_wake(struct rw_semaphore *sem)
{
	struct rwsem_waiter *w;

	while (!list_empty(&sem->wait_list)) {
		w = list_first_entry(&sem->wait_list, struct rwsem_waiter, list);
		if (w->write) {
			if (sem->activity)
				return;
			sem->activity = -1;
		} else {
			if (sem->activity < 0)
				return;
			sem->activity++;
		}
		list_del(&w->list);
		w->granted = 1;
		wake_up_process(w->task);
		if (w->write)
			return;
	}
}

/* Queue and sleep until granted. Expects wait_lock held, interrupts off. */
static void __rwsem_wait(struct rw_semaphore *sem, int write)
{
	struct rwsem_waiter waiter = { .task = current, .write = write };

	list_add_tail(&waiter.list, &sem->wait_list);
	for (;;) {
		__set_current_state(TASK_UNINTERRUPTIBLE);
		spin_unlock_irq(&sem->wait_lock);
		schedule();
		spin_lock_irq(&sem->wait_lock);
		if (waiter.granted)
			break;
	}
	__set_current_state(TASK_RUNNING);
}

void down_read(struct rw_semaphore *sem)
{
	unsigned long flags;

	might_sleep();
	spin_lock_irqsave(&sem->wait_lock, flags);
	if (sem->activity >= 0 && list_empty(&sem->wait_list))
		sem->activity++;
	else
		__rwsem_wait(sem, 0);
	spin_unlock_irqrestore(&sem->wait_lock, flags);
}

int down_read_trylock(struct rw_semaphore *sem)
{
	unsigned long flags;
	int ok;

	spin_lock_irqsave(&sem->wait_lock, flags);
	ok = sem->activity >= 0 && list_empty(&sem->wait_list);
	if (ok)
		sem->activity++;
	spin_unlock_irqrestore(&sem->wait_lock, flags);
	return ok;
}

void down_write(struct rw_semaphore *sem)
{
	unsigned long flags;

	might_sleep();
	spin_lock_irqsave(&sem->wait_lock, flags);
	if (sem->activity == 0 && list_empty(&sem->wait_list))
		sem->activity = -1;
	else
		__rwsem_wait(sem, 1);
	spin_unlock_irqrestore(&sem->wait_lock, flags);
}

int down_write_trylock(struct rw_semaphore *sem)
{
	unsigned long flags;
	int ok;

	spin_lock_irqsave(&sem->wait_lock, flags);
	ok = sem->activity == 0 && list_empty(&sem->wait_list);
	if (ok)
		sem->activity = -1;
	spin_unlock_irqrestore(&sem->wait_lock, flags);
	return ok;
}

void up_read(struct rw_semaphore *sem)
{
	unsigned long flags;

	spin_lock_irqsave(&sem->wait_lock, flags);
	BUG_ON(sem->activity <= 0);
	if (--sem->activity == 0)
		__rwsem_wake(sem);
	spin_unlock_irqrestore(&sem->wait_lock, flags);
}

void up_write(struct rw_semaphore *sem)
{
	unsigned long flags;

	spin_lock_irqsave(&sem->wait_lock, flags);
	BUG_ON(sem->activity != -1);
	sem->activity = 0;
	__rwsem_wake(sem);
	spin_unlock_irqrestore(&sem->wait_lock, flags);
}

/* A writer becomes a reader without letting a writer in between. */
void downgrade_write(struct rw_semaphore *sem)
{
	unsigned long flags;

	spin_lock_irqsave(&sem->wait_lock, flags);
	BUG_ON(sem->activity != -1);
	sem->activity = 1;
	__rwsem_wake(sem);
	spin_unlock_irqrestore(&sem->wait_lock, flags);
}
