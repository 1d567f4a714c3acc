/*
 * The architecture's part of a task (ULK 3.3, 3.4): its first kernel
 * stack frame, the C half of the context switch, and the registers it
 * enters user mode with.
 *
 * A new task's kernel stack, as copy_thread() leaves it:
 *
 *   stack top  ->  +------------------------+  = thread.esp0 (TSS.esp0)
 *                  | struct pt_regs         |  task_pt_regs(p): the user
 *                  |                        |  registers (a copy of the
 *                  |                        |  parent's for fork; zeroes
 *                  |                        |  for a kernel thread until
 *                  |                        |  start_thread() fills them)
 *                  +------------------------+
 *                  | ret_from_kernel_thread | <- where __switch_to() returns
 *                  |   or ret_from_fork     |    the first time
 *                  | ebp = 0                |    (the frame chain ends here)
 *                  | ebx = fn               |
 *                  | esi = arg              |
 *   thread.esp ->  | edi = 0                |
 *
 * A user task that enters the kernel later pushes its pt_regs into the
 * same place: the CPU switches to TSS.esp0 on a privilege change.
 */
#include <kernel.h>
#include <string.h>
#include <sched.h>
#include <asm/i387.h>
#include <asm/ptrace.h>
#include <asm/tls.h>
#include <asm/uaccess.h>

extern char ret_from_kernel_thread[], ret_from_fork[];

int copy_thread(unsigned long clone_flags, unsigned long esp, struct task_struct *p,
		struct pt_regs *regs)
{
	struct pt_regs *childregs = task_pt_regs(p);
	unsigned long *sp = (unsigned long *)childregs;

	p->thread.esp0 = (unsigned long)(childregs + 1);
	p->thread.addr_limit = USER_DS;
	p->thread.trap_no = p->thread.error_code = 0;
	if (!regs) {
		memset(childregs, 0, sizeof(*childregs));
		childregs->orig_eax = -1;		/* not in a system call */
		*--sp = (unsigned long)ret_from_kernel_thread;
		*--sp = 0;				/* ebp */
		*--sp = (unsigned long)p->thread_fn;	/* ebx */
		*--sp = (unsigned long)p->thread_arg;	/* esi */
		*--sp = 0;				/* edi */
		p->thread.esp = (unsigned long)sp;
		return 0;
	}

	/*
	 * fork, clone: the child returns to user mode where the parent
	 * (current) entered the kernel, with 0 from the system call. It
	 * inherits the parent's %fs, %gs, TLS entries and FPU registers
	 * (those saved first: they may be in the FPU), whatever its
	 * task_struct was copied with.
	 */
	*childregs = *regs;
	childregs->eax = 0;
	if (esp)
		childregs->esp = esp;
	*--sp = (unsigned long)ret_from_fork;
	*--sp = 0;
	*--sp = 0;
	*--sp = 0;
	*--sp = 0;
	p->thread.esp = (unsigned long)sp;
	savesegment(fs, p->thread.fs);
	savesegment(gs, p->thread.gs);
	memcpy(p->thread.tls_array, current->thread.tls_array, sizeof(p->thread.tls_array));
	prepare_to_copy(current);
	p->thread.i387 = current->thread.i387;
	p->flags = (p->flags & ~PF_USED_MATH) | (current->flags & PF_USED_MATH);
	p->thread_info.status &= ~TS_USEDFPU;
	if (clone_flags & CLONE_SETTLS)
		return do_set_thread_area(p, -1, (struct user_desc __user *)childregs->esi, 0);
	return 0;
}

/*
 * The context switch, after __switch_to_asm (arch/x86/switch_to.asm)
 * has moved to next's stack (ULK 3.3.3's steps after the stack switch):
 *   - prev's FPU registers saved if it used the FPU (lazily: next's are
 *     loaded only when next uses the FPU, include/asm/i387.h);
 *   - TSS.esp0 = the top of next's kernel stack, where the CPU will put
 *     next's registers when it next enters the kernel from user mode;
 *   - prev's user %fs and %gs saved, next's TLS descriptors into the
 *     GDT and next's %fs and %gs loaded -- after the descriptors, which
 *     they may select; always when one is not null, since loading the
 *     same selector again is what refreshes the descriptor the CPU
 *     caches.
 * Returns prev, in next's context. Interrupts are off.
 */
struct task_struct *fastcall __switch_to(struct task_struct *prev_p, struct task_struct *next_p)
{
	struct thread_struct *prev = &prev_p->thread, *next = &next_p->thread;

	__unlazy_fpu(prev_p);
	init_tss.esp0 = next->esp0;
	savesegment(fs, prev->fs);
	savesegment(gs, prev->gs);
	load_TLS(next);
	if (unlikely(prev->fs | prev->gs | next->fs | next->gs)) {
		loadsegment(fs, next->fs);
		loadsegment(gs, next->gs);
	}
	return prev_p;
}

/*
 * The registers current returns to user mode with: eip and esp given,
 * flat user segments, interrupts on, %fs and %gs null (Linux's
 * start_thread(), which exec calls; here also the test's way into user
 * mode). regs is current's task_pt_regs().
 */
void start_thread(struct pt_regs *regs, unsigned long new_eip, unsigned long new_esp)
{
	loadsegment(fs, 0);
	loadsegment(gs, 0);
	current->thread.fs = current->thread.gs = 0;
	set_fs(USER_DS);
	regs->xds = __USER_DS;
	regs->xes = __USER_DS;
	regs->xss = __USER_DS;
	regs->xcs = __USER_CS;
	regs->eip = new_eip;
	regs->esp = new_esp;
	regs->eflags = X86_EFLAGS_IF | X86_EFLAGS_FIXED;
}

/* What a new program does not inherit (exec): TLS entries, the FPU state. */
void flush_thread(void)
{
	struct task_struct *tsk = current;

	memset(tsk->thread.tls_array, 0, sizeof(tsk->thread.tls_array));
	load_TLS(&tsk->thread);
	clear_fpu(tsk);
	clear_used_math();
}

/* Before fork copies tsk's task_struct: its FPU registers into thread.i387. */
void prepare_to_copy(struct task_struct *tsk)
{
	unlazy_fpu(tsk);
}
