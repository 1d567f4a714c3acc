/*
 * A new kernel thread's first stack frame (Linux's copy_thread): what
 * __switch_to() pops on the first switch to the thread, so that its
 * "return" lands in ret_from_kernel_thread with fn and arg in
 * callee-saved registers.
 *
 *   stack top  ->  +------------------------+
 *                  | 0 (end of the trace)   |
 *                  | ret_from_kernel_thread | <- __switch_to's ret
 *                  | ebp = 0                |
 *                  | ebx = fn               |
 *                  | esi = arg              |
 *   thread.esp ->  | edi = 0                |
 */
#include <sched.h>
#include <asm/uaccess.h>

extern char ret_from_kernel_thread[];

void copy_thread(struct task_struct *p)
{
	unsigned long *sp = (unsigned long *)((char *)p->stack + THREAD_SIZE);

	p->thread.esp0 = (unsigned long)sp;
	p->thread.addr_limit = USER_DS;
	*--sp = 0;
	*--sp = (unsigned long)ret_from_kernel_thread;
	*--sp = 0;				/* ebp: the frame chain ends here */
	*--sp = (unsigned long)p->thread_fn;	/* ebx */
	*--sp = (unsigned long)p->thread_arg;	/* esi */
	*--sp = 0;				/* edi */
	p->thread.esp = (unsigned long)sp;
}
