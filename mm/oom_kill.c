/*
 * The OOM killer (ULK 17.3.2's out_of_memory, with Linux 6.1's choice
 * and message): when a page fault finds no memory, kill the task whose
 * death frees the most -- the largest resident set plus page tables.
 * PID 1 is chosen only when no other task has an address space, so the
 * system goes on; the kernel never panics for lack of user memory.
 */
#include <kernel.h>
#include <mm.h>
#include <sched.h>
#include <signal.h>
#include <asm/irqflags.h>

unsigned long nr_oom_kills;

static unsigned long oom_badness(struct task_struct *p)
{
	struct mm_struct *mm = p->mm;

	return mm->anon_rss + mm->file_rss + mm->nr_ptes;
}

struct task_struct *oom_select_victim(void)
{
	struct task_struct *p, *chosen = NULL, *init = NULL;
	unsigned long chosen_points = 0, flags;

	local_irq_save(flags);
	list_for_each_entry(p, &task_list, tasks) {
		unsigned long points;

		if (!p->mm || p->state == EXIT_ZOMBIE || (p->flags & PF_EXITING))
			continue;
		if (test_tsk_thread_flag(p, TIF_MEMDIE))
			continue;	/* already dying */
		if (p->pid == 1) {
			init = p;
			continue;
		}
		points = oom_badness(p);
		if (!chosen || points > chosen_points) {
			chosen = p;
			chosen_points = points;
		}
	}
	local_irq_restore(flags);
	return chosen ? chosen : init;
}

struct task_struct *out_of_memory(void)
{
	struct task_struct *victim = oom_select_victim();
	struct mm_struct *mm;

	if (!victim) {
		printk(KERN_ERR "Out of memory and no killable processes...\n");
		return NULL;
	}
	mm = victim->mm;
	printk(KERN_ERR "Out of memory: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, "
	       "file-rss:%lukB, shmem-rss:0kB, UID:0 pgtables:%lukB oom_score_adj:0\n",
	       victim->pid, victim->comm, K(mm->total_vm), K(mm->anon_rss), K(mm->file_rss),
	       K(mm->nr_ptes));
	nr_oom_kills++;
	set_tsk_thread_flag(victim, TIF_MEMDIE);	/* not chosen again while it dies */
	force_sig(SIGKILL, victim);
	return victim;
}
