/*
 * The life of a memory descriptor (ULK 9.2, 3.4.1 copy_mm, 3.5.1
 * exit_mm). In Linux these live in kernel/fork.c and kernel/exit.c;
 * here they are the memory code's, and fork/exit call them:
 *
 *   mm_alloc()     a new empty mm: its page directory (kernel half from
 *                  swapper_pg_dir), mm_users = mm_count = 1
 *   copy_mm()      fork: CLONE_VM shares current's mm (mm_users + 1),
 *                  otherwise dup_mmap() copies every region and, through
 *                  copy_page_range(), the page tables (copy-on-write)
 *   mmput()        a user less; the last one tears the address space
 *                  down (exit_mmap) and drops the users' mm_count
 *   mmdrop()       a count less; the last one frees pgd and descriptor
 *   exit_mm()      the exiting task gives its mm up, keeping it as a
 *                  lazy active_mm until it has switched away
 *   exec_mmap()    exec: the task moves to a new mm (the old one is let
 *                  go only here, once the new image is complete)
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <mm.h>
#include <fs.h>
#include <sched.h>
#include <slab.h>
#include <vmstat.h>
#include <asm/irqflags.h>
#include <asm/mmu_context.h>

static kmem_cache_t *mm_cachep, *vm_area_cachep;
unsigned long nr_mm_structs, nr_vm_area_structs;

/*
 * The kernel's own mm: swapper_pg_dir, no regions. init_task and every
 * kernel thread before the first process run on it (active_mm). Never
 * freed: its counts start one high -- and mm_count one more for the boot
 * thread (init_task), which holds it as active_mm as every kernel thread
 * holds its borrowed mm (Linux's mmgrab(&init_mm) in sched_init).
 */
struct mm_struct init_mm = {
	.mm_rb = RB_ROOT,
	.pgd = swapper_pg_dir,
	.mm_users = ATOMIC_INIT(2),
	.mm_count = ATOMIC_INIT(2),
	.mmap_sem = __RWSEM_INITIALIZER(init_mm.mmap_sem),
	.page_table_lock = __SPIN_LOCK_UNLOCKED(init_mm.page_table_lock),
	.mmlist = LIST_HEAD_INIT(init_mm.mmlist),
};

/* The descriptors' slab caches (Linux's proc_caches_init), at boot from fork_init(). */
void proc_caches_init(void)
{
	mm_cachep = kmem_cache_create("mm_struct", sizeof(struct mm_struct), 0,
				      SLAB_HWCACHE_ALIGN | SLAB_PANIC, NULL, NULL);
	vm_area_cachep = kmem_cache_create("vm_area_struct", sizeof(struct vm_area_struct), 0,
					   SLAB_PANIC, NULL, NULL);
	memory_init();
}

static struct mm_struct *allocate_mm(void)
{
	struct mm_struct *mm;

	mm = kmem_cache_alloc(mm_cachep, GFP_KERNEL);
	if (mm)
		nr_mm_structs++;
	return mm;
}

static void free_mm(struct mm_struct *mm)
{
	kmem_cache_free(mm_cachep, mm);
	nr_mm_structs--;
}

struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *vma = kmem_cache_alloc(vm_area_cachep, GFP_KERNEL);

	if (!vma)
		return NULL;
	memset(vma, 0, sizeof(*vma));
	vma->vm_mm = mm;
	RB_CLEAR_NODE(&vma->vm_rb);
	nr_vm_area_structs++;
	return vma;
}

void vm_area_free(struct vm_area_struct *vma)
{
	kmem_cache_free(vm_area_cachep, vma);
	nr_vm_area_structs--;
}

/*
 * The mmap layout (include/mm.h): top-down below the stack's gap, or
 * bottom-up when the stack rlimit is unlimited (Linux's
 * arch_pick_mmap_layout() without randomisation).
 */
void mm_init_layout(struct mm_struct *mm)
{
	unsigned long gap = rlimit(RLIMIT_STACK);

	if (gap == RLIM_INFINITY) {
		mm->legacy_layout = 1;
		mm->mmap_base = TASK_UNMAPPED_BASE;
	} else {
		if (gap < MIN_GAP)
			gap = MIN_GAP;
		if (gap > MAX_GAP)
			gap = MAX_GAP;
		mm->legacy_layout = 0;
		mm->mmap_base = PAGE_ALIGN(TASK_SIZE - gap);
	}
	mm->free_area_cache = mm->mmap_base;
}

static struct mm_struct *mm_init(struct mm_struct *mm)
{
	memset(mm, 0, sizeof(*mm));
	mm->mm_rb = RB_ROOT;
	atomic_set(&mm->mm_users, 1);
	atomic_set(&mm->mm_count, 1);
	init_rwsem(&mm->mmap_sem);
	spin_lock_init(&mm->page_table_lock);
	mm->page_table_lock.name = "page_table_lock";
	INIT_LIST_HEAD(&mm->mmlist);
	mm->anon_vma.mm = mm;
	mm_init_layout(mm);
	mm->pgd = pgd_alloc(mm);
	if (!mm->pgd) {
		free_mm(mm);
		return NULL;
	}
	return mm;
}

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = allocate_mm();

	return mm ? mm_init(mm) : NULL;
}

/* The last mm_count: nothing can reach the mm any more. Never init_mm. */
void __mmdrop(struct mm_struct *mm)
{
	BUG_ON(mm == &init_mm);
	BUG_ON(mm->mmap || mm->map_count || mm->nr_ptes);
	pgd_free(mm->pgd);
	free_mm(mm);
}

void mmput(struct mm_struct *mm)
{
	might_sleep();
	if (atomic_dec_and_test(&mm->mm_users)) {
		exit_mmap(mm);
		mmdrop(mm);
	}
}

/*
 * The current thread -- a kernel thread, or a task past exit_mm() --
 * may hold an ended program's mm as its lazy active_mm (ULK 9.2.1: it
 * ran next, on the same page tables), and kernel threads pass such an
 * mm on to each other at every switch: move to init_mm and let it go,
 * so the leak checks see it freed.
 */
void leave_lazy_mm(void)
{
	struct mm_struct *old;
	unsigned long flags;

	if (current->mm || current->active_mm == &init_mm)
		return;
	local_irq_save(flags);
	old = current->active_mm;
	atomic_inc(&init_mm.mm_count);
	current->active_mm = &init_mm;
	switch_mm(old, &init_mm, current);
	local_irq_restore(flags);
	mmdrop(old);
}

/*
 * Copy oldmm's regions and page tables into the new mm (ULK 9.5,
 * dup_mmap): every region duplicated (its open() called), private
 * writable pages write-protected in both (copy_page_range). The child's
 * mm is linked region by region, so a failure halfway leaves a
 * consistent mm that mmput() tears down.
 */
static int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
	struct vm_area_struct *mpnt, *tmp, *prev = NULL;
	int retval = 0;

	down_write(&oldmm->mmap_sem);
	mm->total_vm = oldmm->total_vm;
	mm->locked_vm = 0;	/* locks are not inherited (mlock(2)) */
	mm->stack_vm = oldmm->stack_vm;
	mm->hiwater_rss = oldmm->hiwater_rss;
	mm->hiwater_vm = oldmm->hiwater_vm;
	mm->mmap_base = oldmm->mmap_base;
	mm->legacy_layout = oldmm->legacy_layout;
	mm->free_area_cache = oldmm->mmap_base;
	mm->start_code = oldmm->start_code;
	mm->end_code = oldmm->end_code;
	mm->start_data = oldmm->start_data;
	mm->end_data = oldmm->end_data;
	mm->start_brk = oldmm->start_brk;
	mm->brk = oldmm->brk;
	mm->start_stack = oldmm->start_stack;
	mm->arg_start = oldmm->arg_start;
	mm->arg_end = oldmm->arg_end;
	mm->env_start = oldmm->env_start;
	mm->env_end = oldmm->env_end;
	mm->def_flags = 0;

	for (mpnt = oldmm->mmap; mpnt; mpnt = mpnt->vm_next) {
		if (mpnt->vm_flags & VM_DONTCOPY) {
			mm->total_vm -= (mpnt->vm_end - mpnt->vm_start) >> PAGE_SHIFT;
			continue;
		}
		tmp = vm_area_alloc(mm);
		if (!tmp) {
			retval = -ENOMEM;
			break;
		}
		*tmp = *mpnt;
		tmp->vm_mm = mm;
		tmp->vm_flags &= ~VM_LOCKED;
		tmp->vm_next = NULL;
		RB_CLEAR_NODE(&tmp->vm_rb);
		if (tmp->anon_vma)
			tmp->anon_vma = &mm->anon_vma;
		if (tmp->vm_file)
			get_file(tmp->vm_file);
		if (tmp->vm_ops && tmp->vm_ops->open)
			tmp->vm_ops->open(tmp);
		vma_link_rb_list(mm, tmp, prev);
		prev = tmp;
		retval = copy_page_range(mm, oldmm, mpnt);
		if (retval)
			break;
	}
	/* Whatever was not copied is not counted. */
	if (retval) {
		struct vm_area_struct *v;
		unsigned long pages = 0;

		for (v = mm->mmap; v; v = v->vm_next)
			pages += (v->vm_end - v->vm_start) >> PAGE_SHIFT;
		mm->total_vm = pages;
		mm->stack_vm = 0;
	}
	up_write(&oldmm->mmap_sem);
	return retval;
}

/*
 * fork's address space (ULK 3.4.1.1, copy_mm): a kernel thread gets
 * none; CLONE_VM shares the parent's; otherwise a copy.
 */
int copy_mm(unsigned long clone_flags, struct task_struct *tsk)
{
	struct mm_struct *mm, *oldmm = current->mm;
	int retval;

	tsk->min_flt = tsk->maj_flt = 0;
	tsk->mm = NULL;
	tsk->active_mm = NULL;
	if (!oldmm)
		return 0;
	if (clone_flags & CLONE_VM) {
		atomic_inc(&oldmm->mm_users);
		mm = oldmm;
		goto good_mm;
	}
	mm = allocate_mm();
	if (!mm)
		return -ENOMEM;
	if (!mm_init(mm))
		return -ENOMEM;
	retval = dup_mmap(mm, oldmm);
	if (retval) {
		mmput(mm);
		return retval;
	}
good_mm:
	tsk->mm = mm;
	tsk->active_mm = mm;
	return 0;
}

/*
 * The exiting task lets its mm go (ULK 3.5.1): it keeps running on the
 * page tables until it switches away, so it holds an mm_count as a
 * lazy active_mm (dropped by the scheduler), and mmput() may free the
 * regions and pages now.
 */
void exit_mm(struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;

	if (!mm)
		return;
	if (show_mem_maps)
		show_exit_maps(tsk, mm);
	down_read(&mm->mmap_sem);
	atomic_inc(&mm->mm_count);
	BUG_ON(mm != tsk->active_mm);
	tsk->mm = NULL;
	up_read(&mm->mmap_sem);
	enter_lazy_tlb(mm, tsk);
	mmput(mm);
}

/*
 * exec's switch to the new address space (Linux's exec_mmap): mm
 * becomes current's and is loaded; the old mm (or the borrowed one of
 * a kernel thread) is let go. Call it only once the new image is
 * complete: after it the old program cannot be returned to.
 */
int exec_mmap(struct mm_struct *mm)
{
	struct task_struct *tsk = current;
	struct mm_struct *old_mm = tsk->mm, *active_mm;
	unsigned long flags;

	local_irq_save(flags);
	active_mm = tsk->active_mm;
	tsk->mm = mm;
	tsk->active_mm = mm;
	activate_mm(active_mm, mm);
	local_irq_restore(flags);
	if (old_mm) {
		mmput(old_mm);
		return 0;
	}
	mmdrop(active_mm);
	return 0;
}

/*
 * The address space of task with a user more (Linux's get_task_mm), or
 * NULL for a kernel thread -- and for one that merely borrows an mm as
 * active_mm, or a task whose mm is already going (mm_users 0). mmput()
 * gives it back.
 */
struct mm_struct *get_task_mm(struct task_struct *task)
{
	struct mm_struct *mm = task->mm;

	if (!mm || (task->flags & PF_KTHREAD) || !mmget_not_zero(mm))
		return NULL;
	return mm;
}
