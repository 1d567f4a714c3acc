/*
 * Creating kernel threads (ULK 3.4.2, kernel_thread()): a task_struct
 * from its slab cache, an 8 KB kernel stack from vmalloc -- which puts
 * an unmapped page below and above it, so a stack overflow faults (a
 * double fault, reported) instead of overwriting a neighbour -- a first
 * stack frame, and a place on the run queue.
 */
#include <errno.h>
#include <string.h>
#include <kallsyms.h>
#include <sched.h>
#include <mm.h>
#include <slab.h>
#include <vmalloc.h>
#include <asm/irqflags.h>

static kmem_cache_t *task_struct_cachep;
static int last_pid;

void fork_init(void)
{
	proc_caches_init();	/* mm_struct, vm_area_struct, the zero page (mm/mm_struct.c) */
	/* Aligned as the FPU save area in it must be for fxsave (include/asm/processor.h). */
	task_struct_cachep = kmem_cache_create("task_struct", sizeof(struct task_struct),
					       __alignof__(struct task_struct),
					       SLAB_HWCACHE_ALIGN | SLAB_PANIC, NULL, NULL);
}

/* The next free pid (linear search: there are few tasks). Expects interrupts off. */
static int alloc_pid(void)
{
	for (;;) {
		if (++last_pid <= 0)
			last_pid = 1;
		if (!find_task_by_pid(last_pid))
			return last_pid;
	}
}

int kernel_thread(int (*fn)(void *), void *arg, unsigned long flags)
{
	struct task_struct *p;
	unsigned long irqflags;

	might_sleep();
	p = kmem_cache_alloc(task_struct_cachep, GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	memset(p, 0, sizeof(*p));
	p->stack = vmalloc(THREAD_SIZE);
	if (!p->stack) {
		kmem_cache_free(task_struct_cachep, p);
		return -ENOMEM;
	}
	p->state = TASK_RUNNING;
	p->flags = PF_KTHREAD;
	sprint_symbol_no_offset(p->comm, sizeof(p->comm), (unsigned long)fn);
	p->parent = current;
	p->time_slice = DEF_TIMESLICE;
	memcpy(p->rlim, current->rlim, sizeof(p->rlim));	/* inherited (resource.h) */
	p->thread_fn = fn;
	p->thread_arg = arg;
	INIT_LIST_HEAD(&p->run_list);
	init_waitqueue_head(&p->wait_exit);
	copy_thread(flags, 0, p, NULL);

	local_irq_save(irqflags);
	p->pid = alloc_pid();
	list_add_tail(&p->tasks, &task_list);
	nr_threads++;
	activate_task(p);
	local_irq_restore(irqflags);
	return p->pid;
}

struct task_struct *find_task_by_pid(int pid)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks)
		if (p->pid == pid)
			return p;
	return NULL;
}

/* Free a reaped task: it will never run again. */
void release_task(struct task_struct *p)
{
	unsigned long flags;

	local_irq_save(flags);
	list_del(&p->tasks);
	nr_threads--;
	local_irq_restore(flags);
	vfree(p->stack);
	kmem_cache_free(task_struct_cachep, p);
}
