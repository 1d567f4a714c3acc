/*
 * Work queues (include/workqueue.h; Linux 2.6.11's kernel/workqueue.c
 * for one CPU). Each queue is a list of work items and a kernel thread
 * that sleeps on more_work until the list is not empty, then runs the
 * items in order, in process context with interrupts on:
 *
 *   queue_work()      the item goes to the tail, insert_sequence++,
 *                     the thread is woken (any context: the lock is
 *                     taken with interrupts off)
 *   worker_thread()   run_workqueue(): take the head, clear its pending
 *                     bit, run it; remove_sequence++, wake flushers
 *   flush_workqueue() sleep on work_done until remove_sequence has
 *                     caught up with insert_sequence as it was on entry
 *
 * Delayed work is a timer whose function queues the work.
 */
#include <kernel.h>
#include <jiffies.h>
#include <sched.h>
#include <slab.h>
#include <spinlock.h>
#include <wait.h>
#include <workqueue.h>
#include <asm/irqflags.h>

struct workqueue_struct {
	spinlock_t lock;
	long insert_sequence;		/* works ever queued */
	long remove_sequence;		/* works ever run */
	struct list_head worklist;
	wait_queue_head_t more_work;	/* the thread sleeps here */
	wait_queue_head_t work_done;	/* flushers sleep here */
	struct task_struct *thread;
	int pid;
	int run_depth;			/* run_workqueue() nesting (a flush from a work) */
	int should_stop;		/* destroy_workqueue(): leave once the list is empty */
	const char *name;
};

static struct workqueue_struct *keventd_wq;

/* Claim the pending bit: 1 if it was clear (the caller queues the work). */
static int work_claim(struct work_struct *work)
{
	unsigned long flags;
	int was_pending;

	local_irq_save(flags);
	was_pending = work->pending;
	work->pending = 1;
	local_irq_restore(flags);
	return !was_pending;
}

static void __queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	work->wq = wq;
	list_add_tail(&work->entry, &wq->worklist);
	wq->insert_sequence++;
	wake_up(&wq->more_work);
	spin_unlock_irqrestore(&wq->lock, flags);
}

int queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	if (!work_claim(work))
		return 0;
	BUG_ON(!list_empty(&work->entry));
	__queue_work(wq, work);
	return 1;
}

/* The timer of a delayed work (timer softirq): queue the work where it was meant to go. */
void delayed_work_timer_fn(unsigned long data)
{
	struct delayed_work *dwork = (struct delayed_work *)data;

	__queue_work(dwork->work.wq, &dwork->work);
}

int queue_delayed_work(struct workqueue_struct *wq, struct delayed_work *dwork,
		       unsigned long delay)
{
	struct work_struct *work = &dwork->work;

	if (!delay)
		return queue_work(wq, work);
	if (!work_claim(work))
		return 0;
	BUG_ON(timer_pending(&dwork->timer) || !list_empty(&work->entry));
	work->wq = wq;
	dwork->timer.expires = jiffies + delay;
	add_timer(&dwork->timer);
	return 1;
}

int cancel_delayed_work(struct delayed_work *dwork)
{
	int ret = del_timer_sync(&dwork->timer);

	if (ret)
		dwork->work.pending = 0;
	return ret;
}

/*
 * Run every work on the list, oldest first, dropping the lock around
 * each function. A function must leave as it came: no lock held,
 * interrupts on (Linux's "workqueue leaked lock or atomic" report).
 */
static void run_workqueue(struct workqueue_struct *wq)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	if (++wq->run_depth > 3) {
		printk(KERN_ERR "%s: recursion depth exceeded: %d\n", __func__, wq->run_depth);
		dump_stack();
	}
	while (!list_empty(&wq->worklist)) {
		struct work_struct *work = list_first_entry(&wq->worklist, struct work_struct, entry);
		work_func_t f = work->func;

		list_del_init(&work->entry);
		spin_unlock_irqrestore(&wq->lock, flags);
		BUG_ON(work->wq != wq);
		work->pending = 0;	/* from here on it may be queued again */
		f(work);
		if (unlikely(in_atomic() || irqs_disabled())) {
			printk(KERN_ERR "BUG: workqueue leaked lock or atomic: %s/0x%08x/%d\n"
			       "    last function: %pS\n", current->comm, preempt_count(),
			       current->pid, f);
			dump_stack();
		}
		spin_lock_irqsave(&wq->lock, flags);
		wq->remove_sequence++;
		wake_up(&wq->work_done);
	}
	wq->run_depth--;
	spin_unlock_irqrestore(&wq->lock, flags);
}

static int worker_thread(void *data)
{
	struct workqueue_struct *wq = data;
	DECLARE_WAITQUEUE(wait, current);

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		add_wait_queue(&wq->more_work, &wait);
		/* A queue_work() after this test makes us runnable again: no wake-up is lost. */
		if (list_empty(&wq->worklist) && !wq->should_stop)
			schedule();
		else
			__set_current_state(TASK_RUNNING);
		remove_wait_queue(&wq->more_work, &wait);
		if (!list_empty(&wq->worklist))
			run_workqueue(wq);
		else if (wq->should_stop)
			break;
	}
	return 0;
}

void flush_workqueue(struct workqueue_struct *wq)
{
	might_sleep();
	if (wq->thread == current) {
		/* A work flushing its own queue: run the rest here rather than deadlock. */
		run_workqueue(wq);
	} else {
		DEFINE_WAIT(wait);
		long sequence_needed;

		spin_lock_irq(&wq->lock);
		sequence_needed = wq->insert_sequence;
		while (sequence_needed - wq->remove_sequence > 0) {
			prepare_to_wait(&wq->work_done, &wait, TASK_UNINTERRUPTIBLE);
			spin_unlock_irq(&wq->lock);
			schedule();
			spin_lock_irq(&wq->lock);
		}
		finish_wait(&wq->work_done, &wait);
		spin_unlock_irq(&wq->lock);
	}
}

struct workqueue_struct *create_workqueue(const char *name)
{
	struct workqueue_struct *wq;

	might_sleep();
	wq = kzalloc(sizeof(*wq), GFP_KERNEL);
	if (!wq)
		return NULL;
	spin_lock_init(&wq->lock);
	wq->lock.name = "workqueue";
	INIT_LIST_HEAD(&wq->worklist);
	init_waitqueue_head(&wq->more_work);
	init_waitqueue_head(&wq->work_done);
	wq->name = name;
	wq->pid = kernel_thread(worker_thread, wq, CLONE_KERNEL);
	if (wq->pid < 0) {
		kfree(wq);
		return NULL;
	}
	wq->thread = find_task_by_pid(wq->pid);
	snprintf(wq->thread->comm, sizeof(wq->thread->comm), "%s/0", name);
	return wq;
}

void destroy_workqueue(struct workqueue_struct *wq)
{
	flush_workqueue(wq);
	wq->should_stop = 1;
	wake_up_process(wq->thread);
	kernel_wait(wq->pid, NULL);
	kfree(wq);
}

int schedule_work(struct work_struct *work)
{
	return queue_work(keventd_wq, work);
}

int schedule_delayed_work(struct delayed_work *dwork, unsigned long delay)
{
	return queue_delayed_work(keventd_wq, dwork, delay);
}

void flush_scheduled_work(void)
{
	flush_workqueue(keventd_wq);
}

int current_is_keventd(void)
{
	return keventd_wq && current == keventd_wq->thread;
}

/* The "events" queue and its thread events/0 (from init, as Linux's do_basic_setup()). */
void init_workqueues(void)
{
	keventd_wq = create_workqueue("events");
	if (!keventd_wq)
		panic("init_workqueues: cannot start events/0");
}
