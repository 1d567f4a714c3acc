/*
 * Ending kernel threads (ULK 3.5): do_exit() makes the task a zombie
 * and switches away for good; its creator's kernel_wait() collects the
 * exit code and frees the task and its stack (a task cannot free the
 * stack it runs on).
 */
#include <kernel.h>
#include <errno.h>
#include <sched.h>
#include <mm.h>
#include <syscalls.h>
#include <asm/irqflags.h>

void do_exit(int code)
{
	struct task_struct *tsk = current;

	if (tsk == &init_task)
		panic("Attempted to kill the idle task!");
	if (tsk->pid == 1)
		panic("Attempted to kill init! exit code %d", code);
	local_irq_disable();
	if (unlikely(in_atomic())) {
		/* Killed by an oops with a lock held (Linux's note); the lock stays taken. */
		printk(KERN_ERR "note: %s[%d] exited with preempt_count %u\n", tsk->comm, tsk->pid,
		       preempt_count());
		__preempt_count = 0;
	}
	tsk->flags |= PF_EXITING;
	local_irq_enable();
	exit_mm(tsk);		/* may sleep: the address space goes (mm/mm_struct.c) */
	local_irq_disable();
	tsk->exit_code = code;
	tsk->state = EXIT_ZOMBIE;
	wake_up_all(&tsk->wait_exit);
	schedule();
	BUG();	/* a zombie is never scheduled again */
}

/*
 * Wait for the thread pid (one this task created) to exit, then reap
 * it. Returns 0 and its exit code, or -ECHILD.
 */
int kernel_wait(int pid, int *exit_code)
{
	struct task_struct *p = find_task_by_pid(pid);

	if (!p || p->parent != current)
		return -ECHILD;
	wait_event(p->wait_exit, p->state == EXIT_ZOMBIE);
	if (exit_code)
		*exit_code = p->exit_code;
	release_task(p);
	return 0;
}

/*
 * exit() and exit_group(): the status's low byte, in bits 8..15 of the
 * exit code as wait() reports a normal exit (ULK 3.5.1). Until threads
 * share a process (wave 2: CLONE_THREAD), the group is the task alone.
 */
long sys_exit(int error_code)
{
	do_exit((error_code & 0xff) << 8);
}

long sys_exit_group(int error_code)
{
	do_exit((error_code & 0xff) << 8);
}
