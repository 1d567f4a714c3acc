/* Wait queues (include/wait.h; Linux 2.6's kernel/wait.c and __wake_up). */
#include <sched.h>
#include <wait.h>

void init_waitqueue_head(wait_queue_head_t *q)
{
	spin_lock_init(&q->lock);
	q->lock.name = "wait_queue_head";
	INIT_LIST_HEAD(&q->task_list);
}

void add_wait_queue(wait_queue_head_t *q, wait_queue_t *wait)
{
	unsigned long flags;

	wait->flags &= ~WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&q->lock, flags);
	list_add(&wait->task_list, &q->task_list);
	spin_unlock_irqrestore(&q->lock, flags);
}

/* Exclusive waiters queue at the tail: woken one at a time, first come first served. */
void add_wait_queue_exclusive(wait_queue_head_t *q, wait_queue_t *wait)
{
	unsigned long flags;

	wait->flags |= WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&q->lock, flags);
	list_add_tail(&wait->task_list, &q->task_list);
	spin_unlock_irqrestore(&q->lock, flags);
}

void remove_wait_queue(wait_queue_head_t *q, wait_queue_t *wait)
{
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	list_del(&wait->task_list);
	spin_unlock_irqrestore(&q->lock, flags);
}

/*
 * Queue ourselves (if not already) and mark ourselves asleep, both under
 * the queue's lock, before testing the condition: a wake-up between the
 * test and schedule() then just makes us runnable again.
 */
void prepare_to_wait(wait_queue_head_t *q, wait_queue_t *wait, int state)
{
	unsigned long flags;

	wait->flags &= ~WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&q->lock, flags);
	if (list_empty(&wait->task_list))
		list_add(&wait->task_list, &q->task_list);
	set_current_state(state);
	spin_unlock_irqrestore(&q->lock, flags);
}

void prepare_to_wait_exclusive(wait_queue_head_t *q, wait_queue_t *wait, int state)
{
	unsigned long flags;

	wait->flags |= WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&q->lock, flags);
	if (list_empty(&wait->task_list))
		list_add_tail(&wait->task_list, &q->task_list);
	set_current_state(state);
	spin_unlock_irqrestore(&q->lock, flags);
}

void finish_wait(wait_queue_head_t *q, wait_queue_t *wait)
{
	unsigned long flags;

	__set_current_state(TASK_RUNNING);
	if (!list_empty(&wait->task_list)) {
		spin_lock_irqsave(&q->lock, flags);
		list_del_init(&wait->task_list);
		spin_unlock_irqrestore(&q->lock, flags);
	}
}

/* Woken: off the queue at once, so a later wake_up() goes to the next waiter. */
int autoremove_wake_function(wait_queue_t *wait, unsigned int mode)
{
	int ret = default_wake_function(wait, mode);

	if (ret)
		list_del_init(&wait->task_list);
	return ret;
}

void __wake_up(wait_queue_head_t *q, unsigned int mode, int nr_exclusive)
{
	struct list_head *pos, *n;
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	list_for_each_safe(pos, n, &q->task_list) {
		wait_queue_t *curr = list_entry(pos, wait_queue_t, task_list);
		unsigned int excl = curr->flags & WQ_FLAG_EXCLUSIVE;

		if (curr->func(curr, mode) && excl && !--nr_exclusive)
			break;
	}
	spin_unlock_irqrestore(&q->lock, flags);
}
